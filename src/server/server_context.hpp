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
  // shared_stats: metrics that something made before the server also reports into (the SQLite
  // store's commits); nullptr: the server's own.
  server_context(server_config cfg, store::session_store& s, std::shared_ptr<const rules::rule_set> rules,
                 std::shared_ptr<metrics> shared_stats = nullptr)
      : config(std::move(cfg)),
        store(s),
        catalog(std::move(rules)),
        stats_owner(shared_stats ? std::move(shared_stats) : std::make_shared<metrics>()),
        stats(*stats_owner),
        connections(config.max_connections, config.max_connections_per_address),
        conversations(store, catalog, stats, config) {
    stats.rules_loaded(catalog.current()->rules().info.version);
  }

  server_config config;
  store::session_store& store;
  rules_catalog catalog;
  std::shared_ptr<metrics> stats_owner;
  metrics& stats;
  session_registry sessions;
  connection_tracker connections;
  conversation_service conversations;
  std::atomic<std::uint16_t> port{0};  // the port actually bound
  std::atomic<bool> stopping{false};
};

}  // namespace triagebot::server
