#include "server/listener.hpp"

#include <boost/asio/post.hpp>
#include <boost/asio/strand.hpp>
#include <boost/asio/write.hpp>

#include "server/fail.hpp"
#include "server/http_session.hpp"
#include "server/server_log.hpp"

namespace triagebot::server {

namespace net = boost::asio;
using tcp = net::ip::tcp;

listener::listener(net::io_context& ioc, tcp::endpoint endpoint, server_context& ctx, http_router& router, net::ssl::context* tls)
    : ioc_(ioc), acceptor_(net::make_strand(ioc)), ctx_(ctx), router_(router), tls_(tls) {
  acceptor_.open(endpoint.protocol());
  acceptor_.set_option(net::socket_base::reuse_address(true));
  acceptor_.bind(endpoint);
  acceptor_.listen(net::socket_base::max_listen_connections);
}

std::uint16_t listener::port() const { return acceptor_.local_endpoint().port(); }

void listener::run() { do_accept(); }

void listener::close() {
  net::post(acceptor_.get_executor(), [self = shared_from_this()] {
    boost::system::error_code ignored;
    self->acceptor_.close(ignored);
  });
}

void listener::do_accept() {
  acceptor_.async_accept(net::make_strand(ioc_), [self = shared_from_this()](boost::system::error_code ec, tcp::socket socket) {
    self->on_accept(ec, std::move(socket));
  });
}

void listener::refuse(tcp::socket socket) {
  if (tls_) {
    boost::system::error_code ignored;
    socket.close(ignored);
    return;
  }
  // Plain text: a 503, then close.
  auto s = std::make_shared<tcp::socket>(std::move(socket));
  static const std::string refusal =
      "HTTP/1.1 503 Service Unavailable\r\nContent-Type: text/plain\r\nContent-Length: 20\r\nConnection: close\r\n\r\n"
      "too many connections";
  net::async_write(*s, net::buffer(refusal), [s](boost::system::error_code, std::size_t) {
    boost::system::error_code ignored;
    s->shutdown(tcp::socket::shutdown_both, ignored);
    s->close(ignored);
  });
}

void listener::on_accept(boost::system::error_code ec, tcp::socket socket) {
  if (ec) {
    fail(ec, "accept");
    if (ec == net::error::operation_aborted || !acceptor_.is_open()) return;
  } else {
    boost::system::error_code endpoint_ec;
    const auto remote = socket.remote_endpoint(endpoint_ec);
    const std::string address = endpoint_ec ? std::string("unknown") : remote.address().to_string();
    auto admitted = ctx_.connections.admit(address);
    if (!admitted || ctx_.stopping) {
      log_event(log_level::warn, "connection_refused", {{"address", address}, {"reason", ctx_.stopping ? "stopping" : "limit"}});
      refuse(std::move(socket));
    } else {
      // Every write is a whole response or frame, so Nagle's algorithm only adds delay: with TLS the
      // session tickets and the first response are separate writes, and the peer's delayed ACK held
      // the response back by 40 ms.
      boost::system::error_code ignored;
      socket.set_option(tcp::no_delay(true), ignored);
      if (tls_)
        std::make_shared<http_session<tls_stream>>(tls_stream(std::move(socket), *tls_), ctx_, router_, std::move(admitted))->run();
      else
        std::make_shared<http_session<plain_stream>>(plain_stream(std::move(socket)), ctx_, router_, std::move(admitted))->run();
    }
  }
  if (acceptor_.is_open()) do_accept();
}

}  // namespace triagebot::server
