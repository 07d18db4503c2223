#pragma once
// Session tokens: the bearer secret a client holds for its conversation (the store keeps only its
// SHA-256). One generator for the server and the terminal chat.
#include <string>

namespace triagebot::store {

// A fresh token: 22 characters of base64url, 132 bits from the kernel's CSPRNG. Throws
// std::system_error when the kernel cannot give random bytes.
std::string new_session_token();

}  // namespace triagebot::store
