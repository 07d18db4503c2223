#pragma once
// The hash of the reader's word sets and maps, looked up by string_view without building a std::string.
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <string_view>

namespace triagebot::nlu {

// The reader looks words up in its sets hundreds of times a message, and words are short: this hash
// reads a word of up to 16 letters in two loads and mixes once, where std::hash runs a general loop
// out of line.
// It is deliberately not noexcept: libstdc++ then keeps each key's hash in its node, so a lookup
// compares hashes before letters and walks a bucket without hashing its keys again (with a noexcept
// hash it would rehash every key it passes to find where the bucket ends).
struct word_hash {
  using is_transparent = void;
  std::size_t operator()(std::string_view s) const {  // NOLINT(performance-noexcept-*): see above
    const char* p = s.data();
    const std::size_t n = s.size();
    std::uint64_t h = 0x9e3779b97f4a7c15ULL ^ n;
    if (n >= 8) {
      for (std::size_t i = 0; i + 8 < n; i += 8) h = mix(h ^ load<std::uint64_t>(p + i));
      h = mix(h ^ load<std::uint64_t>(p + n - 8));
    } else if (n >= 4) {
      h = mix(h ^ (load<std::uint32_t>(p) | (std::uint64_t{load<std::uint32_t>(p + n - 4)} << 32)));
    } else if (n > 0) {
      const auto byte = [&](std::size_t i) { return std::uint64_t{static_cast<unsigned char>(p[i])}; };
      h = mix(h ^ (byte(0) | (byte(n / 2) << 8) | (byte(n - 1) << 16)));
    }
    return static_cast<std::size_t>(h);
  }

 private:
  template <typename T>
  static T load(const char* p) {
    T v;
    std::memcpy(&v, p, sizeof v);
    return v;
  }
  static std::uint64_t mix(std::uint64_t x) {
    x *= 0xbf58476d1ce4e5b9ULL;
    return x ^ (x >> 31);
  }
};

}  // namespace triagebot::nlu
