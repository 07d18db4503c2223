#include "server/http_session.hpp"

#include <boost/asio/dispatch.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/ssl/error.hpp>
#include <boost/asio/write.hpp>
#include <boost/beast/core/detect_ssl.hpp>
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

namespace {

// What a plain-text client gets on a TLS port, instead of a TLS alert it cannot read.
const std::string& plain_text_refusal() {
  static const std::string body = "this port speaks TLS only: use https:// or wss://\n";
  static const std::string refusal = "HTTP/1.1 400 Bad Request\r\nServer: triagebot\r\nContent-Type: text/plain; charset=utf-8\r\n"
                                     "Content-Length: " +
                                     std::to_string(body.size()) + "\r\nConnection: close\r\n\r\n" + body;
  return refusal;
}

bool is_tls_error(const boost::system::error_code& ec) {
  return ec.category() == net::error::get_ssl_category() || ec.category() == net::ssl::error::get_stream_category();
}

// How long a close may take: the peer gets this long to read the last response or to answer
// close_notify, so a peer that never answers does not hold a graceful stop.
constexpr std::chrono::seconds close_allowance{2};

}  // namespace

template <class Stream>
http_session<Stream>::http_session(Stream&& stream, server_context& ctx, http_router& router, admission admitted)
    : stream_(std::move(stream)), executor_(stream_.get_executor()), ctx_(ctx), router_(router), admitted_(std::move(admitted)) {}

template <class Stream>
void http_session<Stream>::run() {
  ctx_.connections.watch(this->weak_from_this());
  net::dispatch(executor_, [self = this->shared_from_this()] {
    if constexpr (is_tls_stream<Stream>) {
      // The whole TLS opening (first bytes and handshake) fits in the handshake timeout: a client
      // that connects and sends nothing is dropped then.
      beast::get_lowest_layer(self->stream_).expires_after(std::chrono::seconds(self->ctx_.config.handshake_timeout_seconds));
      beast::async_detect_ssl(beast::get_lowest_layer(self->stream_), self->buffer_,
                              beast::bind_front_handler(&http_session::on_detect, self));
    } else {
      self->do_read();
    }
  });
}

template <class Stream>
void http_session<Stream>::shutdown() {
  net::post(executor_, [self = this->shared_from_this()] {
    if (self->handed_over_) return;
    if (!self->parser_) {
      // Still opening TLS: drop it.
      beast::get_lowest_layer(self->stream_).cancel();
      return;
    }
    // Idle keep-alive connections close now; a request in progress finishes first (its response
    // carries Connection: close because the server is stopping).
    if (!self->parser_->got_some()) {
      if constexpr (!is_tls_stream<Stream>) {
        boost::system::error_code ignored;
        self->stream_.socket().shutdown(net::ip::tcp::socket::shutdown_both, ignored);
      }
      // TLS: the cancelled read ends in do_close, which sends close_notify (bounded).
      beast::get_lowest_layer(self->stream_).cancel();
    }
  });
}

template <class Stream>
void http_session<Stream>::on_detect(boost::system::error_code ec, bool tls) {
  if constexpr (is_tls_stream<Stream>) {
    if (ec) {
      fail(ec, "tls detect");
      return close_socket();
    }
    if (!tls) return refuse_plain_text();
    stream_.async_handshake(net::ssl::stream_base::server, buffer_.data(),
                            beast::bind_front_handler(&http_session::on_handshake, this->shared_from_this()));
  }
}

template <class Stream>
void http_session<Stream>::on_handshake(boost::system::error_code ec, std::size_t used) {
  if constexpr (is_tls_stream<Stream>) {
    if (ec) {
      // A client that does not trust the certificate, or speaks no TLS version we accept.
      fail(ec, "tls handshake");
      return close_socket();
    }
    buffer_.consume(used);
    if (ctx_.stopping) return do_close();
    do_read();
  }
}

template <class Stream>
void http_session<Stream>::refuse_plain_text() {
  log_event(log_level::warn, "plain_text_on_tls_port", {{"address", admitted_.address()}});
  auto& tcp = beast::get_lowest_layer(stream_);
  tcp.expires_after(close_allowance);
  net::async_write(tcp, net::buffer(plain_text_refusal()), [self = this->shared_from_this()](boost::system::error_code ec, std::size_t) {
    if (ec) {
      fail(ec, "http write");
      return self->close_socket();
    }
    boost::system::error_code ignored;
    beast::get_lowest_layer(self->stream_).socket().shutdown(net::ip::tcp::socket::shutdown_send, ignored);
    self->drain();
  });
}

template <class Stream>
void http_session<Stream>::do_read() {
  parser_.emplace();
  parser_->header_limit(static_cast<std::uint32_t>(ctx_.config.max_header_bytes));
  parser_->body_limit(ctx_.config.max_body_bytes);
  beast::get_lowest_layer(stream_).expires_after(std::chrono::seconds(ctx_.config.http_timeout_seconds));
  http::async_read(stream_, buffer_, *parser_, beast::bind_front_handler(&http_session::on_read, this->shared_from_this()));
}

template <class Stream>
void http_session<Stream>::on_read(boost::system::error_code ec, std::size_t) {
  if (ec == http::error::end_of_stream) return do_close();
  if (ec == http::error::header_limit) return send({431, "text/plain; charset=utf-8", "request header fields too large\n", {}}, 11, false);
  if (ec == http::error::body_limit) return send({413, "text/plain; charset=utf-8", "request body too large\n", {}}, 11, false);
  if (ec) {
    fail(ec, "http read");
    if (ec == beast::error::timeout || harmless(ec) || is_tls_error(ec)) return do_close();
    return send({400, "text/plain; charset=utf-8", "bad request\n", {}}, 11, false);
  }
  handle(parser_->release());
}

template <class Stream>
void http_session<Stream>::handle(request req) {
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
  r.if_none_match = std::string(req[http::field::if_none_match]);
  r.remote_address = admitted_.address();
  const unsigned version = req.version();
  const bool keep_alive = req.keep_alive() && !ctx_.stopping;
  const bool head = req.method() == http::verb::head;

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
    // From here the WebSocket's own timeouts apply.
    beast::get_lowest_layer(stream_).expires_never();
    handed_over_ = true;
    std::make_shared<websocket_session<Stream>>(std::move(stream_), ctx_, std::move(admitted_))->run(std::move(req));
    return;
  }
  r.body = std::move(req.body());
  router_.handle(r, [self = this->shared_from_this(), version, keep_alive, head](http_response answer) {
    net::post(self->executor_, [self, answer = std::move(answer), version, keep_alive, head]() mutable {
      self->send(std::move(answer), version, keep_alive, head);
    });
  });
}

template <class Stream>
void http_session<Stream>::send(http_response r, unsigned version, bool keep_alive, bool head) {
  res_ = std::make_shared<response>(static_cast<http::status>(r.status), version);
  res_->set(http::field::server, "triagebot");
  if (r.status != 204 && r.status != 304) res_->set(http::field::content_type, r.content_type);
  for (const auto& [name, value] : r.headers) res_->set(name, value);
  res_->keep_alive(keep_alive);
  if (r.status == 304) {
    // Neither a body nor a length: the client keeps what it has.
  } else if (head) {
    // HEAD tells the length a GET would send, and sends no body.
    res_->content_length(r.body.size());
  } else {
    res_->body() = std::move(r.body);
    res_->prepare_payload();
  }
  beast::get_lowest_layer(stream_).expires_after(std::chrono::seconds(ctx_.config.http_timeout_seconds));
  http::async_write(stream_, *res_, beast::bind_front_handler(&http_session::on_write, this->shared_from_this(), keep_alive));
}

template <class Stream>
void http_session<Stream>::on_write(bool keep_alive, boost::system::error_code ec, std::size_t) {
  if (ec) {
    fail(ec, "http write");
    return close_socket();
  }
  res_.reset();
  if (!keep_alive) return finish();
  do_read();
}

template <class Stream>
void http_session<Stream>::finish() {
  if constexpr (is_tls_stream<Stream>) {
    // close_notify tells the client the response is complete.
    do_close();
  } else {
    // The client may still be sending (an oversized request): stop writing, read and drop what
    // comes for a moment, so closing does not reset the connection before it reads the answer.
    boost::system::error_code ignored;
    stream_.socket().shutdown(net::ip::tcp::socket::shutdown_send, ignored);
    stream_.expires_after(close_allowance);
    drain();
  }
}

template <class Stream>
void http_session<Stream>::drain() {
  beast::get_lowest_layer(stream_).async_read_some(net::buffer(scratch_), [self = this->shared_from_this()](boost::system::error_code ec, std::size_t n) {
    self->drained_ += n;
    if (ec || self->drained_ > (1u << 20)) return self->close_socket();
    self->drain();
  });
}

template <class Stream>
void http_session<Stream>::do_close() {
  if constexpr (is_tls_stream<Stream>) {
    beast::get_lowest_layer(stream_).expires_after(close_allowance);
    stream_.async_shutdown([self = this->shared_from_this()](boost::system::error_code ec) {
      fail(ec, "tls shutdown");
      self->close_socket();
    });
  } else {
    close_socket();
  }
}

template <class Stream>
void http_session<Stream>::close_socket() {
  boost::system::error_code ignored;
  auto& socket = beast::get_lowest_layer(stream_).socket();
  socket.shutdown(net::ip::tcp::socket::shutdown_both, ignored);
  socket.close(ignored);
}

template class http_session<plain_stream>;
template class http_session<tls_stream>;

}  // namespace triagebot::server
