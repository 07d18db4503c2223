#pragma once
// `triagebot serve` as an object: the io_context and its threads, the listener, signal handling
// (SIGINT/SIGTERM: graceful stop; SIGHUP: reload the rules). Beast-free header.
#include <cstdint>
#include <memory>

#include "rules/rule_set.hpp"
#include "server/server_config.hpp"
#include "store/session_store.hpp"

namespace triagebot::server {

struct server_context;

class server {
 public:
  server(server_config config, store::session_store& store, std::shared_ptr<const rules::rule_set> rules);
  ~server();
  server(const server&) = delete;
  server& operator=(const server&) = delete;

  // Binds and starts serving on config.threads threads; returns the bound port. Throws
  // std::runtime_error with a sentence when the address cannot be bound.
  std::uint16_t start(bool handle_signals = false);
  // Begins a graceful stop (stop accepting, close WebSockets with 1001, finish turns in flight);
  // safe from any thread, returns at once.
  void request_stop();
  // Blocks until the server has stopped (within about 10 s of the stop request), then flushes the store.
  void wait();
  // request_stop() + wait().
  void stop();

  server_context& context();

 private:
  struct impl;
  std::unique_ptr<impl> impl_;
};

}  // namespace triagebot::server
