#pragma once
// Checks the PEM files `triagebot serve` would terminate TLS with, before anything starts, so that a
// wrong file is reported as a sentence naming it rather than as a bare OpenSSL error at the first
// connection. Beast- and Asio-free (the config loader uses it).
#include <optional>
#include <string>

namespace triagebot::server {

struct tls_file_problem {
  bool in_key_file = false;  // false: the certificate file is at fault
  std::string sentence;      // names the file, e.g. "the file "x" holds no PEM certificate (...)"
};

// nullopt when certificate_file holds a PEM certificate chain that OpenSSL accepts for a server,
// key_file an unencrypted PEM private key, and the key belongs to the chain's first certificate.
std::optional<tls_file_problem> check_tls_files(const std::string& certificate_file, const std::string& key_file);

}  // namespace triagebot::server
