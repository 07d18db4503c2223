#pragma once
// `triagebot serve` as an object: the io_context and its threads, the listener, signal handling
// (SIGINT/SIGTERM: graceful stop; SIGHUP: reload the rules), the TLS context when TLS is on.
// Beast-free header.
#include <cstdint>
#include <memory>

#include "rules/rule_set.hpp"
#include "server/server_config.hpp"
#include "store/session_store.hpp"

namespace triagebot::server {

struct server_context;
class metrics;

class server {
 public:
  // stats: metrics made beforehand so that the store can report into them too (see serve_command);
  // nullptr: the server makes its own.
  server(server_config config, store::session_store& store, std::shared_ptr<const rules::rule_set> rules,
         std::shared_ptr<metrics> stats = nullptr);
  ~server();
  server(const server&) = delete;
  server& operator=(const server&) = delete;

  // Binds and starts serving on config.threads threads, over TLS when config names a certificate
  // and key; returns the bound port. Throws std::runtime_error with a sentence when the address
  // cannot be bound or the TLS files cannot be used.
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
