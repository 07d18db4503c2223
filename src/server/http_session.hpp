#pragma once
// One HTTP connection: reads requests with size limits and a timeout, answers them through the
// router, and hands a WebSocket upgrade on /ws to a websocket_session. Written once for plain TCP
// and for TLS (tls_stream.hpp); on a TLS port it first detects and completes the TLS handshake
// (bounded by the handshake timeout) and answers a plain-text request with 400 at once.
#include <array>
#include <memory>
#include <optional>

#include <boost/asio/any_io_executor.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/http/message.hpp>
#include <boost/beast/http/parser.hpp>
#include <boost/beast/http/string_body.hpp>

#include "server/connection_tracker.hpp"
#include "server/http_router.hpp"
#include "server/server_context.hpp"
#include "server/tls_stream.hpp"

namespace triagebot::server {

template <class Stream>
class http_session : public tracked_connection, public std::enable_shared_from_this<http_session<Stream>> {
 public:
  http_session(Stream&& stream, server_context& ctx, http_router& router, admission admitted);
  void run();
  void shutdown() override;

 private:
  using request = boost::beast::http::request<boost::beast::http::string_body>;
  using response = boost::beast::http::response<boost::beast::http::string_body>;

  void on_detect(boost::system::error_code ec, bool tls);
  void on_handshake(boost::system::error_code ec, std::size_t used);
  void refuse_plain_text();
  void do_read();
  void on_read(boost::system::error_code ec, std::size_t bytes);
  void handle(request req);
  void send(http_response r, unsigned version, bool keep_alive, bool head = false);
  void on_write(bool keep_alive, boost::system::error_code ec, std::size_t bytes);
  void finish();
  void drain();
  void do_close();
  void close_socket();

  Stream stream_;
  // The strand, kept apart from stream_ because stream_ is moved into a websocket_session.
  boost::asio::any_io_executor executor_;
  boost::beast::flat_buffer buffer_;
  std::optional<boost::beast::http::request_parser<boost::beast::http::string_body>> parser_;
  std::shared_ptr<response> res_;
  server_context& ctx_;
  http_router& router_;
  admission admitted_;
  std::array<char, 4096> scratch_{};
  std::size_t drained_ = 0;
  bool handed_over_ = false;  // the stream belongs to a websocket_session now
};

extern template class http_session<plain_stream>;
extern template class http_session<tls_stream>;

}  // namespace triagebot::server
