#pragma once
// Everything `triagebot serve` can be told, with its safe default. Built once in main (flags over
// environment over config file over these defaults) and passed down; docs/configuration.md lists it.
#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

namespace triagebot::server {

struct server_config {
  std::string listen_host = "127.0.0.1";
  std::uint16_t listen_port = 8080;
  std::string data_dir = "./data";
  std::string rules_dir = "./rules";
  unsigned threads = 0;                    // 0: one per core
  std::string store = "sqlite";            // sqlite | memory
  bool sync_full = false;                  // SQLite synchronous=FULL (power-loss safe) instead of NORMAL

  std::size_t max_frame_bytes = 16 * 1024;
  std::size_t max_text_code_points = 1000;
  double messages_per_second = 5.0;        // token bucket per connection
  double message_burst = 10.0;
  unsigned idle_timeout_seconds = 600;
  unsigned handshake_timeout_seconds = 10;
  unsigned http_timeout_seconds = 10;
  std::size_t max_header_bytes = 8 * 1024;
  std::size_t max_body_bytes = 64 * 1024;
  std::size_t max_connections = 10000;
  std::size_t max_connections_per_address = 100;
  std::size_t write_queue_limit = 64;      // frames waiting to be sent on one connection

  std::vector<std::string> allowed_origins;  // besides the server's own origin
  std::string tls_certificate_file;          // both set: serve wss:// and https://
  std::string tls_key_file;

  unsigned session_ttl_hours = 24;
  unsigned transcript_retention_days = 30;
  unsigned purge_interval_seconds = 3600;

  std::string admin_token;    // empty: the admin API is off
  std::string webhook_token;  // empty: the Rasa webhook needs no bearer token
  bool log_text = false;      // log what people type (local testing only)
  bool echo = false;          // answer each frame with a frame of the same size, no engine or store (benchmark baseline)
};

}  // namespace triagebot::server
