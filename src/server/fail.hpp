#pragma once
// The one place network errors are reported: harmless ones (the peer went away, an operation was
// cancelled, a timer was reset) are dropped, the rest logged.
#include <boost/system/error_code.hpp>

namespace triagebot::server {

bool harmless(const boost::system::error_code& ec);
void fail(const boost::system::error_code& ec, const char* what);

}  // namespace triagebot::server
