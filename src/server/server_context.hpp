#pragma once
// Everything the connections of one server share: configuration, store, rules, registries, metrics.
// Beast-free, so the routes and the conversation logic compile without it.
#include <atomic>
#include <memory>
#include <string>

#include "server/connection_tracker.hpp"
#include "server/conversation_service.hpp"
#include "server/metrics.hpp"
#include "server/rules_catalog.hpp"
#include "server/server_config.hpp"
#include "server/session_registry.hpp"
#include "store/session_store.hpp"

namespace triagebot::server {

struct server_context {
  server_context(server_config cfg, store::session_store& s, std::shared_ptr<const rules::rule_set> rules)
      : config(std::move(cfg)),
        store(s),
        catalog(std::move(rules)),
        connections(config.max_connections, config.max_connections_per_address),
        conversations(store, catalog, stats, config) {
    stats.rules_loaded(catalog.current()->rules().info.version);
  }

  server_config config;
  store::session_store& store;
  rules_catalog catalog;
  metrics stats;
  session_registry sessions;
  connection_tracker connections;
  conversation_service conversations;
  std::atomic<std::uint16_t> port{0};  // the port actually bound
  std::atomic<bool> stopping{false};
};

}  // namespace triagebot::server
