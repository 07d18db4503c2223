// `triagebot serve`: the WebSocket and HTTP server (PROTOCOL.md), until SIGINT/SIGTERM.
#include <algorithm>
#include <filesystem>
#include <iostream>
#include <memory>

#include "cli/commands.hpp"
#include "rules/rule_finding.hpp"
#include "server/config_loader.hpp"
#include "server/metrics.hpp"
#include "server/server.hpp"
#include "server/server_log.hpp"
#include "store/memory_store.hpp"
#include "store/sqlite_store.hpp"
#include "verify/static_checks.hpp"

namespace triagebot::cli {
namespace {

constexpr const char* kServeUsage =
    "usage: triagebot serve [options]\n"
    "\n"
    "Serve the triage bot: WebSocket at /ws, the demo page at /, health, metrics, erasure and the\n"
    "Rasa REST webhook (docs/protocol.md). Stops gracefully on SIGINT or SIGTERM; SIGHUP reloads the rules.\n"
    "With --tls-certificate and --tls-key every connection is TLS (https:// and wss://); a new certificate\n"
    "takes a restart.\n"
    "\n";

}  // namespace

int serve_command(const std::vector<std::string>& args) {
  if (std::find(args.begin(), args.end(), "--help") != args.end() || std::find(args.begin(), args.end(), "-h") != args.end()) {
    std::cout << kServeUsage << server::server_config_help();
    return 0;
  }
  auto loaded = server::load_server_config(args, server::triagebot_environment());
  if (const auto* error = std::get_if<std::string>(&loaded)) {
    std::cerr << "triagebot serve: " << *error << "\n\n" << kServeUsage << server::server_config_help();
    return 2;
  }
  // The TLS files were checked by load_server_config: both given, readable, parsed, key matching.
  auto config = std::get<server::server_config>(std::move(loaded));
  const bool tls = !config.tls_certificate_file.empty();

  const auto rules = load_rules_or_report(config.rules_dir);
  if (!rules) return 2;
  const auto findings = verify::check_static(*rules);
  for (const auto& f : findings) std::cerr << (config.rules_dir + "/") << rules::format(f) << "\n";
  if (rules::has_errors(findings)) {
    std::cerr << "triagebot: the rules in " << config.rules_dir << " have " << rules::count(findings, rules::severity::error)
              << " error(s) and were not loaded\n";
    return 2;
  }

  // Made before the store so that the store's writer thread can report each committed batch.
  auto stats = std::make_shared<server::metrics>();
  std::unique_ptr<store::session_store> sessions;
  if (config.store == "memory" || config.echo) {
    sessions = std::make_unique<store::memory_store>();
  } else {
    store::sqlite_options options;
    options.sync_full = config.sync_full;
    options.on_commit = [stats](double seconds, std::size_t batch_size) { stats->store_transaction(seconds, batch_size); };
    std::string error;
    const auto path = (std::filesystem::path(config.data_dir) / "triagebot.db").string();
    auto opened = store::sqlite_store::open(path, options, error);
    if (!opened) {
      std::cerr << "triagebot serve: " << error << "\n";
      return 1;
    }
    sessions = std::move(opened);
  }

  server::server s(config, *sessions, rules, stats);
  std::uint16_t port = 0;
  try {
    port = s.start(true);
  } catch (const std::exception& e) {
    std::cerr << "triagebot serve: " << e.what() << "\n";
    return 1;
  }
  const bool v6 = config.listen_host.find(':') != std::string::npos;
  std::cout << "triagebot listening on " << (tls ? "https://" : "http://") << (v6 ? "[" + config.listen_host + "]" : config.listen_host)
            << ":" << port << std::endl;
  s.wait();
  return 0;
}

}  // namespace triagebot::cli
