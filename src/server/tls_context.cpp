#include "server/tls_context.hpp"

#include <stdexcept>

#include <openssl/ssl.h>

#include "server/tls_files.hpp"

namespace triagebot::server {

namespace ssl = boost::asio::ssl;

std::unique_ptr<ssl::context> make_tls_context(const server_config& config) {
  // The files may have changed since the configuration was checked: check again for a sentence.
  if (auto problem = check_tls_files(config.tls_certificate_file, config.tls_key_file))
    throw std::runtime_error((problem->in_key_file ? "--tls-key: " : "--tls-certificate: ") + problem->sentence);
  auto ctx = std::make_unique<ssl::context>(ssl::context::tls_server);
  ctx->set_options(ssl::context::default_workarounds | ssl::context::no_sslv2 | ssl::context::no_sslv3 | ssl::context::no_tlsv1 |
                   ssl::context::no_tlsv1_1 | ssl::context::no_compression | ssl::context::single_dh_use);
  SSL_CTX_set_min_proto_version(ctx->native_handle(), TLS1_2_VERSION);
  SSL_CTX_set_options(ctx->native_handle(), SSL_OP_NO_RENEGOTIATION | SSL_OP_CIPHER_SERVER_PREFERENCE);
  // Never prompt on the terminal for a passphrase: a server starts unattended.
  ctx->set_password_callback([](std::size_t, ssl::context::password_purpose) { return std::string(); });
  boost::system::error_code ec;
  ctx->use_certificate_chain_file(config.tls_certificate_file, ec);
  if (ec)
    throw std::runtime_error("--tls-certificate: the file \"" + config.tls_certificate_file +
                             "\" cannot be used as a TLS certificate chain: " + ec.message());
  ctx->use_private_key_file(config.tls_key_file, ssl::context::pem, ec);
  if (ec) throw std::runtime_error("--tls-key: the file \"" + config.tls_key_file + "\" cannot be used as a TLS private key: " + ec.message());
  return ctx;
}

}  // namespace triagebot::server
