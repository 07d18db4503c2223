#include "server/fail.hpp"

#include <boost/asio/error.hpp>
#include <boost/asio/ssl/error.hpp>
#include <boost/beast/core/error.hpp>
#include <boost/beast/http/error.hpp>
#include <boost/beast/websocket/error.hpp>

#include "server/server_log.hpp"

namespace triagebot::server {

bool harmless(const boost::system::error_code& ec) {
  namespace net = boost::asio;
  return ec == net::error::operation_aborted || ec == net::error::eof || ec == net::error::connection_reset ||
         ec == net::error::broken_pipe || ec == net::error::not_connected || ec == net::error::bad_descriptor ||
         ec == boost::beast::websocket::error::closed || ec == boost::beast::http::error::end_of_stream ||
         ec == boost::beast::error::timeout || ec == net::ssl::error::stream_truncated;
}

void fail(const boost::system::error_code& ec, const char* what) {
  if (!ec || harmless(ec)) return;
  log_event(log_level::warn, "network_error", {{"where", what}, {"message", ec.message()}});
}

}  // namespace triagebot::server
