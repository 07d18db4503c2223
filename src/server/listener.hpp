#pragma once
// Accepts TCP connections and hands each, on a strand of its own, to an http_session (over TLS when
// the server has a TLS context); refuses connections over the total or per-address limits (plain
// text: 503; TLS: closed at once, as a 503 would need a handshake the server is too busy for).
#include <memory>

#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/ssl/context.hpp>

#include "server/http_router.hpp"
#include "server/server_context.hpp"

namespace triagebot::server {

class listener : public std::enable_shared_from_this<listener> {
 public:
  // tls: nullptr for plain text; otherwise it must outlive the listener and its connections.
  listener(boost::asio::io_context& ioc, boost::asio::ip::tcp::endpoint endpoint, server_context& ctx, http_router& router,
           boost::asio::ssl::context* tls);

  std::uint16_t port() const;
  void run();
  void close();  // stop accepting; safe from any thread

 private:
  void do_accept();
  void on_accept(boost::system::error_code ec, boost::asio::ip::tcp::socket socket);
  void refuse(boost::asio::ip::tcp::socket socket);

  boost::asio::io_context& ioc_;
  boost::asio::ip::tcp::acceptor acceptor_;
  server_context& ctx_;
  http_router& router_;
  boost::asio::ssl::context* tls_;
};

}  // namespace triagebot::server
