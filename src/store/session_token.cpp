#include "store/session_token.hpp"

#include <sys/random.h>

#include <array>
#include <cerrno>
#include <system_error>

namespace triagebot::store {

std::string new_session_token() {
  static constexpr char alphabet[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
  // The kernel's CSPRNG in one call. Not std::random_device: libstdc++ draws each of its values with
  // RDSEED and spins while the instruction reports no entropy, which on a virtual machine took half
  // of the server's CPU at 100 sessions (docs/benchmarks.md).
  std::array<unsigned char, 22> bytes{};
  std::size_t filled = 0;
  while (filled < bytes.size()) {
    const ssize_t n = ::getrandom(bytes.data() + filled, bytes.size() - filled, 0);
    if (n > 0) {
      filled += static_cast<std::size_t>(n);
    } else if (errno != EINTR) {
      throw std::system_error(errno, std::generic_category(), "getrandom");
    }
  }
  std::string token;
  token.reserve(bytes.size());
  // 22 characters of 6 bits (256 is a multiple of 64, so each is uniform): 132 random bits.
  for (const unsigned char b : bytes) token += alphabet[b & 63u];
  return token;
}

}  // namespace triagebot::store
