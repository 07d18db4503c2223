#pragma once
// One HTTP connection: reads requests with size limits and a timeout, answers them through the
// router, and hands a WebSocket upgrade on /ws to a websocket_session.
#include <memory>
#include <optional>

#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/core/tcp_stream.hpp>
#include <boost/beast/http/message.hpp>
#include <boost/beast/http/parser.hpp>
#include <boost/beast/http/string_body.hpp>

#include "server/connection_tracker.hpp"
#include "server/http_router.hpp"
#include "server/server_context.hpp"

namespace triagebot::server {

class http_session : public tracked_connection, public std::enable_shared_from_this<http_session> {
 public:
  http_session(boost::asio::ip::tcp::socket&& socket, server_context& ctx, http_router& router, admission admitted);
  void run();
  void shutdown() override;

 private:
  using request = boost::beast::http::request<boost::beast::http::string_body>;
  using response = boost::beast::http::response<boost::beast::http::string_body>;

  void do_read();
  void on_read(boost::system::error_code ec, std::size_t bytes);
  void handle(request req);
  void send(http_response r, unsigned version, bool keep_alive);
  void on_write(bool keep_alive, boost::system::error_code ec, std::size_t bytes);
  void do_close();
  void drain();

  boost::beast::tcp_stream stream_;
  boost::beast::flat_buffer buffer_;
  std::optional<boost::beast::http::request_parser<boost::beast::http::string_body>> parser_;
  std::shared_ptr<response> res_;
  server_context& ctx_;
  http_router& router_;
  admission admitted_;
  std::array<char, 4096> scratch_{};
  std::size_t drained_ = 0;
};

}  // namespace triagebot::server
