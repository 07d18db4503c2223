#pragma once
// The server's TLS side as an Asio SSL context: the certificate chain and key named in
// server_config, TLS 1.2 and newer only, no compression, no renegotiation. Only the server's .cpp
// files include this header.
#include <memory>

#include <boost/asio/ssl/context.hpp>

#include "server/server_config.hpp"

namespace triagebot::server {

// A context for config's certificate and key. Throws std::runtime_error with a sentence naming the
// file when one cannot be used (load_server_config has normally caught that already).
std::unique_ptr<boost::asio::ssl::context> make_tls_context(const server_config& config);

}  // namespace triagebot::server
