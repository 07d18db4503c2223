#pragma once
// One WebSocket connection on /ws: reads text frames one at a time (size limit, UTF-8 checked by
// Beast), rate-limits them, runs each through the conversation service and writes exactly one reply
// or error frame per client frame, in order, through a bounded write queue. Written once for plain
// TCP (ws://) and TLS (wss://); the close, TLS close_notify included, is bounded in time.
#include <deque>
#include <memory>
#include <string>

#include <boost/asio/steady_timer.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/http/message.hpp>
#include <boost/beast/http/string_body.hpp>
#include <boost/beast/websocket/stream.hpp>

#include "server/connection_tracker.hpp"
#include "server/server_context.hpp"
#include "server/session_registry.hpp"
#include "server/tls_stream.hpp"
#include "server/token_bucket.hpp"

namespace triagebot::server {

template <class Stream>
class websocket_session : public session_holder,
                          public tracked_connection,
                          public std::enable_shared_from_this<websocket_session<Stream>> {
 public:
  websocket_session(Stream&& stream, server_context& ctx, admission admitted);
  ~websocket_session() override;

  void run(boost::beast::http::request<boost::beast::http::string_body> req);
  void evict(std::uint16_t code, std::string reason) override;
  void shutdown() override;

 private:
  struct outgoing {
    std::string text;
    bool close = false;
    boost::beast::websocket::close_reason reason;
  };

  void on_accept(boost::system::error_code ec);
  void do_read();
  void on_read(boost::system::error_code ec, std::size_t bytes);
  void on_turn(turn_reply reply);
  void arm_idle_timer();
  void send(std::string text);
  void queue_close(std::uint16_t code, std::string reason);
  void do_write();
  void on_write(boost::system::error_code ec, std::size_t bytes);

  boost::beast::websocket::stream<Stream> ws_;
  boost::beast::flat_buffer buffer_;
  boost::asio::steady_timer idle_timer_;
  server_context& ctx_;
  admission admitted_;
  token_bucket bucket_;
  std::deque<outgoing> queue_;
  std::string token_;       // the session this connection holds ("" = none yet)
  std::string token_hash_;
  bool accepted_ = false;
  bool closing_ = false;    // a close is queued or sent: no more reads or frames
  bool turn_in_flight_ = false;
  bool close_after_turn_ = false;
  std::uint16_t pending_close_code_ = 0;
  std::string pending_close_reason_;
};

extern template class websocket_session<plain_stream>;
extern template class websocket_session<tls_stream>;

}  // namespace triagebot::server
