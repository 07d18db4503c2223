#include "server/websocket_session.hpp"

#include <algorithm>

#include <boost/asio/dispatch.hpp>
#include <boost/asio/executor_work_guard.hpp>
#include <boost/asio/post.hpp>
#include <boost/beast/core/buffers_to_string.hpp>
#include <boost/beast/websocket.hpp>
#include <boost/beast/websocket/ssl.hpp>
#include <nlohmann/json.hpp>

#include "server/fail.hpp"
#include "server/server_log.hpp"

namespace triagebot::server {

namespace beast = boost::beast;
namespace websocket = beast::websocket;
namespace net = boost::asio;

template <class Stream>
websocket_session<Stream>::websocket_session(Stream&& stream, server_context& ctx, admission admitted)
    : ws_(std::move(stream)),
      idle_timer_(ws_.get_executor()),
      ctx_(ctx),
      admitted_(std::move(admitted)),
      bucket_(ctx.config.messages_per_second, ctx.config.message_burst) {}

template <class Stream>
websocket_session<Stream>::~websocket_session() {
  if (!token_hash_.empty()) ctx_.sessions.release(token_hash_, this);
  if (accepted_) log_event(log_level::info, "connection_closed", {{"address", admitted_.address()}});
}

template <class Stream>
void websocket_session<Stream>::run(beast::http::request<beast::http::string_body> req) {
  ctx_.connections.watch(this->weak_from_this());
  ws_.set_option(websocket::stream_base::timeout{std::chrono::seconds(ctx_.config.handshake_timeout_seconds),
                                                 websocket::stream_base::none(), false});
  ws_.set_option(websocket::stream_base::decorator(
      [](websocket::response_type& res) { res.set(beast::http::field::server, "triagebot"); }));
  ws_.read_message_max(ctx_.config.max_frame_bytes);
  ws_.auto_fragment(false);
  ws_.text(true);
  net::dispatch(ws_.get_executor(), [self = this->shared_from_this(), req = std::move(req)]() mutable {
    self->ws_.async_accept(req, beast::bind_front_handler(&websocket_session::on_accept, self));
  });
}

template <class Stream>
void websocket_session<Stream>::on_accept(boost::system::error_code ec) {
  if (ec) return fail(ec, "websocket accept");
  accepted_ = true;
  log_event(log_level::info, "connection_opened", {{"address", admitted_.address()}});
  if (ctx_.stopping) return queue_close(websocket::close_code::going_away, "the server is shutting down");
  arm_idle_timer();
  do_read();
}

template <class Stream>
void websocket_session<Stream>::arm_idle_timer() {
  idle_timer_.expires_after(std::chrono::seconds(ctx_.config.idle_timeout_seconds));
  idle_timer_.async_wait([weak = this->weak_from_this()](boost::system::error_code ec) {
    if (ec) return;
    if (auto self = weak.lock()) self->queue_close(websocket::close_code::going_away, "idle timeout");
  });
}

template <class Stream>
void websocket_session<Stream>::do_read() {
  if (closing_) return;
  ws_.async_read(buffer_, beast::bind_front_handler(&websocket_session::on_read, this->shared_from_this()));
}

template <class Stream>
void websocket_session<Stream>::on_read(boost::system::error_code ec, std::size_t) {
  if (ec) {
    // Beast has already answered protocol violations: 1007 for bad UTF-8, 1009 for a frame over
    // the limit.
    fail(ec, "websocket read");
    closing_ = true;
    idle_timer_.cancel();
    return;
  }
  if (!ws_.got_text()) {
    buffer_.consume(buffer_.size());
    return queue_close(websocket::close_code::unknown_data, "text frames only");
  }
  arm_idle_timer();
  std::string text = beast::buffers_to_string(buffer_.data());
  buffer_.consume(buffer_.size());

  if (!bucket_.take()) {
    const auto wait = std::max<std::int64_t>(1, bucket_.retry_after_ms());
    ctx_.stats.error("rate_limited");
    send(nlohmann::json{{"type", "error"},
                        {"code", "rate_limited"},
                        {"message", "too many messages; wait " + std::to_string(wait) + " ms and send it again"},
                        {"retry_after_ms", wait}}
             .dump());
    return do_read();
  }
  if (ctx_.config.echo) {
    send(std::move(text));
    return do_read();
  }
  turn_in_flight_ = true;
  // The work guard keeps the io_context running until the store has answered (graceful stop).
  ctx_.conversations.turn(token_, std::move(text),
                          [self = this->shared_from_this(), work = net::make_work_guard(ws_.get_executor())](turn_reply reply) mutable {
                            net::post(self->ws_.get_executor(), [self, reply = std::move(reply)]() mutable { self->on_turn(std::move(reply)); });
                          });
}

template <class Stream>
void websocket_session<Stream>::on_turn(turn_reply reply) {
  turn_in_flight_ = false;
  if (reply.session_token != token_ && !reply.session_token.empty()) {
    if (!token_hash_.empty()) ctx_.sessions.release(token_hash_, this);
    token_ = reply.session_token;
    token_hash_ = store::sha256_hex(token_);
    ctx_.sessions.claim(token_hash_, this->shared_from_this());
  }
  if (closing_) return;
  send(std::move(reply.frame));
  if (close_after_turn_) return queue_close(pending_close_code_, pending_close_reason_);
  do_read();
}

template <class Stream>
void websocket_session<Stream>::evict(std::uint16_t code, std::string reason) {
  net::post(ws_.get_executor(), [self = this->shared_from_this(), code, reason = std::move(reason)]() mutable {
    // A token just handed over must not be released by this connection later.
    if (code == close_resumed_elsewhere || code == close_erased) self->token_hash_.clear();
    self->queue_close(code, std::move(reason));
  });
}

template <class Stream>
void websocket_session<Stream>::shutdown() {
  net::post(ws_.get_executor(), [self = this->shared_from_this()] {
    if (self->turn_in_flight_) {
      // Finish the turn first: its reply goes out, then the close.
      self->close_after_turn_ = true;
      self->pending_close_code_ = websocket::close_code::going_away;
      self->pending_close_reason_ = "the server is shutting down";
      return;
    }
    self->queue_close(websocket::close_code::going_away, "the server is shutting down");
  });
}

template <class Stream>
void websocket_session<Stream>::send(std::string text) {
  if (closing_) return;
  if (queue_.size() >= ctx_.config.write_queue_limit) {
    return queue_close(websocket::close_code::policy_error, "too many frames waiting to be sent");
  }
  queue_.push_back(outgoing{std::move(text), false, {}});
  if (queue_.size() == 1) do_write();
}

template <class Stream>
void websocket_session<Stream>::queue_close(std::uint16_t code, std::string reason) {
  if (closing_ || !accepted_) return;
  closing_ = true;
  idle_timer_.cancel();
  queue_.push_back(outgoing{{}, true, websocket::close_reason(static_cast<websocket::close_code>(code), reason)});
  if (queue_.size() == 1) do_write();
}

template <class Stream>
void websocket_session<Stream>::do_write() {
  auto& next = queue_.front();
  if (next.close) {
    // A peer that never answers the close frame must not hold a graceful stop: wait 2 s at most.
    // The TCP deadline also bounds the TLS close_notify exchange that follows the WebSocket close.
    ws_.set_option(websocket::stream_base::timeout{std::chrono::seconds(2), websocket::stream_base::none(), false});
    beast::get_lowest_layer(ws_).expires_after(std::chrono::seconds(3));
    ws_.async_close(next.reason, [self = this->shared_from_this()](boost::system::error_code ec) {
      fail(ec, "websocket close");
      self->queue_.clear();
    });
    return;
  }
  ws_.async_write(net::buffer(next.text), beast::bind_front_handler(&websocket_session::on_write, this->shared_from_this()));
}

template <class Stream>
void websocket_session<Stream>::on_write(boost::system::error_code ec, std::size_t) {
  if (ec) {
    fail(ec, "websocket write");
    closing_ = true;
    queue_.clear();
    return;
  }
  queue_.pop_front();
  if (!queue_.empty()) do_write();
}

template class websocket_session<plain_stream>;
template class websocket_session<tls_stream>;

}  // namespace triagebot::server
