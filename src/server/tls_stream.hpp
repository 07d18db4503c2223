#pragma once
// The two transports a server connection runs on: plain TCP, or TLS over TCP (when the server has
// a certificate and key). http_session and websocket_session are written once for both.
#include <type_traits>

#include <boost/beast/core/tcp_stream.hpp>
#include <boost/beast/ssl/ssl_stream.hpp>

namespace triagebot::server {

using plain_stream = boost::beast::tcp_stream;
using tls_stream = boost::beast::ssl_stream<boost::beast::tcp_stream>;

template <class Stream>
inline constexpr bool is_tls_stream = std::is_same_v<Stream, tls_stream>;

}  // namespace triagebot::server
