// `triagebot serve`: the WebSocket and HTTP server (PROTOCOL.md), until SIGINT/SIGTERM.
#include <algorithm>
#include <filesystem>
#include <iostream>
#include <memory>

#include "cli/commands.hpp"
#include "rules/rule_finding.hpp"
#include "server/config_loader.hpp"
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
  auto config = std::get<server::server_config>(std::move(loaded));
  if (!config.tls_certificate_file.empty() || !config.tls_key_file.empty()) {
    // Refuse rather than silently serve plain text to someone who asked for TLS.
    std::cerr << "triagebot serve: --tls-certificate/--tls-key: this build does not terminate TLS itself yet; "
                 "run it behind nginx with TLS (docs/deploy.md) and leave these options unset\n";
    return 2;
  }

  const auto rules = load_rules_or_report(config.rules_dir);
  if (!rules) return 2;
  const auto findings = verify::check_static(*rules);
  for (const auto& f : findings) std::cerr << (config.rules_dir + "/") << rules::format(f) << "\n";
  if (rules::has_errors(findings)) {
    std::cerr << "triagebot: the rules in " << config.rules_dir << " have " << rules::count(findings, rules::severity::error)
              << " error(s) and were not loaded\n";
    return 2;
  }

  std::unique_ptr<store::session_store> sessions;
  if (config.store == "memory" || config.echo) {
    sessions = std::make_unique<store::memory_store>();
  } else {
    store::sqlite_options options;
    options.sync_full = config.sync_full;
    std::string error;
    const auto path = (std::filesystem::path(config.data_dir) / "triagebot.db").string();
    auto opened = store::sqlite_store::open(path, options, error);
    if (!opened) {
      std::cerr << "triagebot serve: " << error << "\n";
      return 1;
    }
    sessions = std::move(opened);
  }

  server::server s(config, *sessions, rules);
  std::uint16_t port = 0;
  try {
    port = s.start(true);
  } catch (const std::exception& e) {
    std::cerr << "triagebot serve: " << e.what() << "\n";
    return 1;
  }
  std::cout << "triagebot listening on http://" << config.listen_host << ":" << port << std::endl;
  s.wait();
  return 0;
}

}  // namespace triagebot::cli
