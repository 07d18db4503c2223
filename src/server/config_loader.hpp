#pragma once
// Builds the server_config for `triagebot serve` from its sources, highest first:
//   1. command-line flags            (--listen 0.0.0.0:8080)
//   2. TRIAGEBOT_* environment vars   (TRIAGEBOT_LISTEN=0.0.0.0:8080)
//   3. a JSON config file             (--config FILE or TRIAGEBOT_CONFIG=FILE; {"listen": "0.0.0.0:8080"})
//   4. the defaults in server_config
// docs/configuration.md lists every option. Pure apart from reading the config file and the TLS
// files (which must parse, and the key match the certificate): the caller passes the environment in.
#include <map>
#include <string>
#include <variant>
#include <vector>

#include "server/server_config.hpp"

namespace triagebot::server {

// The configuration, or one sentence saying what is wrong and where the bad value came from
// ("the option --threads: ...", "the environment variable TRIAGEBOT_THREADS: ...",
// "config.json, key \"threads\": ..."). args are the words after `serve`.
std::variant<server_config, std::string> load_server_config(const std::vector<std::string>& args,
                                                            const std::map<std::string, std::string>& environment);

// The process environment as a map, for the caller of load_server_config (only TRIAGEBOT_* names).
std::map<std::string, std::string> triagebot_environment();

// The options section of `triagebot serve --help`.
const char* server_config_help();

}  // namespace triagebot::server
