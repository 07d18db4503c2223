#include "server/tls_files.hpp"

#include <fstream>
#include <iterator>
#include <memory>

#include <openssl/err.h>
#include <openssl/pem.h>
#include <openssl/ssl.h>
#include <openssl/x509.h>

namespace triagebot::server {
namespace {

std::string in_quotes(const std::string& s) { return "\"" + s + "\""; }

// OpenSSL's reason for a failure, for the end of a sentence; clears its error queue.
std::string openssl_reason() {
  const unsigned long code = ERR_peek_error();  // the first failure is the cause, later ones its consequences
  const char* reason = code == 0 ? nullptr : ERR_reason_error_string(code);
  ERR_clear_error();
  return reason ? std::string(" (OpenSSL: ") + reason + ")" : std::string();
}

// Never prompt on the terminal for a passphrase: a server must start unattended.
int no_passphrase(char*, int, int, void*) { return 0; }

struct ctx_free {
  void operator()(SSL_CTX* c) const { SSL_CTX_free(c); }
};
struct bio_free {
  void operator()(BIO* b) const { BIO_free(b); }
};
struct pkey_free {
  void operator()(EVP_PKEY* k) const { EVP_PKEY_free(k); }
};

}  // namespace

std::optional<tls_file_problem> check_tls_files(const std::string& certificate_file, const std::string& key_file) {
  ERR_clear_error();
  const auto certificate = [](std::string s) { return tls_file_problem{false, std::move(s)}; };
  const auto key = [](std::string s) { return tls_file_problem{true, std::move(s)}; };

  std::ifstream cert_in(certificate_file, std::ios::binary);
  if (!cert_in) return certificate("the file " + in_quotes(certificate_file) + " cannot be read");
  std::ifstream key_in(key_file, std::ios::binary);
  if (!key_in) return key("the file " + in_quotes(key_file) + " cannot be read");
  const std::string key_text{std::istreambuf_iterator<char>(key_in), std::istreambuf_iterator<char>()};

  // The same calls the server makes, on a context of the same kind, so what passes here loads there.
  std::unique_ptr<SSL_CTX, ctx_free> ctx(SSL_CTX_new(TLS_server_method()));
  if (!ctx) return certificate("cannot check the TLS files: OpenSSL could not create a context" + openssl_reason());
  SSL_CTX_set_default_passwd_cb(ctx.get(), no_passphrase);
  if (SSL_CTX_use_certificate_chain_file(ctx.get(), certificate_file.c_str()) != 1)
    return certificate("the file " + in_quotes(certificate_file) +
                       " does not hold a usable PEM certificate chain (it should start with -----BEGIN CERTIFICATE-----)" +
                       openssl_reason());

  std::unique_ptr<BIO, bio_free> bio(BIO_new_mem_buf(key_text.data(), static_cast<int>(key_text.size())));
  std::unique_ptr<EVP_PKEY, pkey_free> pkey(bio ? PEM_read_bio_PrivateKey(bio.get(), nullptr, no_passphrase, nullptr) : nullptr);
  if (!pkey) {
    const bool encrypted = key_text.find("ENCRYPTED") != std::string::npos;
    // OpenSSL 3's decoders say only "unsupported" here, which would not help.
    ERR_clear_error();
    if (encrypted)
      return key("the file " + in_quotes(key_file) +
                 " holds a private key protected by a passphrase; triagebot needs it unencrypted (openssl pkey -in KEY -out "
                 "PLAIN_KEY), readable only by the server's user");
    return key("the file " + in_quotes(key_file) +
               " does not hold a usable PEM private key (it should start with -----BEGIN PRIVATE KEY----- or "
               "-----BEGIN EC PRIVATE KEY----- or -----BEGIN RSA PRIVATE KEY-----)");
  }
  if (X509_check_private_key(SSL_CTX_get0_certificate(ctx.get()), pkey.get()) != 1) {
    ERR_clear_error();
    return key("the private key in " + in_quotes(key_file) + " does not belong to the certificate in " +
               in_quotes(certificate_file) + " (give the key the certificate was issued for)");
  }
  if (SSL_CTX_use_PrivateKey(ctx.get(), pkey.get()) != 1)
    return key("the private key in " + in_quotes(key_file) + " cannot be used for TLS" + openssl_reason());
  ERR_clear_error();
  return std::nullopt;
}

}  // namespace triagebot::server
