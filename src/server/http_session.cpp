#include "server/http_session.hpp"

#include <boost/asio/dispatch.hpp>
#include <boost/asio/post.hpp>
#include <boost/beast/http/error.hpp>
#include <boost/beast/http/read.hpp>
#include <boost/beast/http/write.hpp>
#include <boost/beast/websocket/rfc6455.hpp>

#include "server/fail.hpp"
#include "server/server_log.hpp"
#include "server/websocket_session.hpp"

namespace triagebot::server {

namespace beast = boost::beast;
namespace http = beast::http;
namespace net = boost::asio;

http_session::http_session(net::ip::tcp::socket&& socket, server_context& ctx, http_router& router, admission admitted)
    : stream_(std::move(socket)), ctx_(ctx), router_(router), admitted_(std::move(admitted)) {}

void http_session::run() {
  ctx_.connections.watch(weak_from_this());
  net::dispatch(stream_.get_executor(), [self = shared_from_this()] { self->do_read(); });
}

void http_session::shutdown() {
  net::post(stream_.get_executor(), [self = shared_from_this()] {
    // Idle keep-alive connections close now; a request in progress finishes first (its response
    // carries Connection: close because the server is stopping).
    if (self->parser_ && !self->parser_->got_some()) {
      boost::system::error_code ignored;
      self->stream_.socket().shutdown(net::ip::tcp::socket::shutdown_both, ignored);
      self->stream_.cancel();
    }
  });
}

void http_session::do_read() {
  parser_.emplace();
  parser_->header_limit(static_cast<std::uint32_t>(ctx_.config.max_header_bytes));
  parser_->body_limit(ctx_.config.max_body_bytes);
  stream_.expires_after(std::chrono::seconds(ctx_.config.http_timeout_seconds));
  http::async_read(stream_, buffer_, *parser_, beast::bind_front_handler(&http_session::on_read, shared_from_this()));
}

void http_session::on_read(boost::system::error_code ec, std::size_t) {
  if (ec == http::error::end_of_stream) return do_close();
  if (ec == http::error::header_limit) return send({431, "text/plain; charset=utf-8", "request header fields too large\n", {}}, 11, false);
  if (ec == http::error::body_limit) return send({413, "text/plain; charset=utf-8", "request body too large\n", {}}, 11, false);
  if (ec) {
    fail(ec, "http read");
    if (ec == beast::error::timeout || harmless(ec)) return do_close();
    return send({400, "text/plain; charset=utf-8", "bad request\n", {}}, 11, false);
  }
  handle(parser_->release());
}

void http_session::handle(request req) {
  const auto target = std::string(req.target());
  const auto path = target.substr(0, target.find('?'));
  http_request r;
  r.method = std::string(req.method_string());
  r.target = target;
  r.host = std::string(req[http::field::host]);
  r.has_origin = req.find(http::field::origin) != req.end();
  r.origin = std::string(req[http::field::origin]);
  r.authorization = std::string(req[http::field::authorization]);
  r.content_type = std::string(req[http::field::content_type]);
  r.remote_address = admitted_.address();
  const unsigned version = req.version();
  const bool keep_alive = req.keep_alive() && !ctx_.stopping;

  if (path == "/ws") {
    if (!beast::websocket::is_upgrade(req)) {
      http_response upgrade{426, "text/plain; charset=utf-8", "this path speaks WebSocket only\n", {{"Upgrade", "websocket"}}};
      return send(std::move(upgrade), version, keep_alive);
    }
    if (!router_.origin_allowed(r)) {
      log_event(log_level::warn, "origin_refused", {{"origin", r.origin}});
      return send({403, "text/plain; charset=utf-8", "origin not allowed\n", {}}, version, false);
    }
    if (ctx_.stopping) return send({503, "text/plain; charset=utf-8", "the server is stopping\n", {}}, version, false);
    stream_.expires_never();
    std::make_shared<websocket_session>(stream_.release_socket(), ctx_, std::move(admitted_))->run(std::move(req));
    return;
  }
  r.body = std::move(req.body());
  router_.handle(r, [self = shared_from_this(), version, keep_alive](http_response answer) {
    net::post(self->stream_.get_executor(),
              [self, answer = std::move(answer), version, keep_alive]() mutable { self->send(std::move(answer), version, keep_alive); });
  });
}

void http_session::send(http_response r, unsigned version, bool keep_alive) {
  res_ = std::make_shared<response>(static_cast<http::status>(r.status), version);
  res_->set(http::field::server, "triagebot");
  if (r.status != 204) res_->set(http::field::content_type, r.content_type);
  for (const auto& [name, value] : r.headers) res_->set(name, value);
  res_->keep_alive(keep_alive);
  res_->body() = std::move(r.body);
  res_->prepare_payload();
  stream_.expires_after(std::chrono::seconds(ctx_.config.http_timeout_seconds));
  http::async_write(stream_, *res_, beast::bind_front_handler(&http_session::on_write, shared_from_this(), keep_alive));
}

void http_session::on_write(bool keep_alive, boost::system::error_code ec, std::size_t) {
  if (ec) return fail(ec, "http write");
  res_.reset();
  if (!keep_alive) {
    // The client may still be sending (an oversized request): stop writing, read and drop what
    // comes for a moment, so closing does not reset the connection before it reads the answer.
    boost::system::error_code ignored;
    stream_.socket().shutdown(net::ip::tcp::socket::shutdown_send, ignored);
    stream_.expires_after(std::chrono::seconds(2));
    return drain();
  }
  do_read();
}

void http_session::drain() {
  stream_.async_read_some(net::buffer(scratch_), [self = shared_from_this()](boost::system::error_code ec, std::size_t n) {
    self->drained_ += n;
    if (ec || self->drained_ > (1u << 20)) return self->do_close();
    self->drain();
  });
}

void http_session::do_close() {
  boost::system::error_code ignored;
  stream_.socket().shutdown(net::ip::tcp::socket::shutdown_both, ignored);
  stream_.socket().close(ignored);
}

}  // namespace triagebot::server
