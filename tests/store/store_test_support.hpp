#pragma once
// Helpers for the store tests: a temporary directory per test, requests, and a put that waits.
#include <stdlib.h>

#include <cstdint>
#include <filesystem>
#include <future>
#include <stdexcept>
#include <string>
#include <system_error>

#include "store/session_store.hpp"

namespace triagebot::store::testing {

// A fresh directory under the system's temp directory, removed (with everything in it) at the end.
class temp_dir {
 public:
  temp_dir() {
    std::string pattern = (std::filesystem::temp_directory_path() / "triagebot-store-XXXXXX").string();
    if (::mkdtemp(pattern.data()) == nullptr) throw std::runtime_error("cannot create a temporary directory");
    path_ = pattern;
  }
  ~temp_dir() {
    std::error_code ec;
    // Tests may leave read-only directories behind: make everything writable again first.
    std::filesystem::permissions(path_, std::filesystem::perms::owner_all, std::filesystem::perm_options::add, ec);
    for (auto it = std::filesystem::recursive_directory_iterator(path_, ec);
         !ec && it != std::filesystem::recursive_directory_iterator(); it.increment(ec)) {
      std::error_code ignored;
      if (it->is_directory(ignored))
        std::filesystem::permissions(it->path(), std::filesystem::perms::owner_all, std::filesystem::perm_options::add,
                                     ignored);
    }
    std::filesystem::remove_all(path_, ec);
  }
  temp_dir(const temp_dir&) = delete;
  temp_dir& operator=(const temp_dir&) = delete;

  const std::filesystem::path& path() const { return path_; }
  std::string file(const std::string& name) const { return (path_ / name).string(); }

 private:
  std::filesystem::path path_;
};

constexpr std::int64_t day_ms = 24LL * 60 * 60 * 1000;

// A turn of session `token` made at now_ms, expiring a day later.
inline put_request make_request(const std::string& token, std::uint64_t expected_version, int turn,
                                std::int64_t now_ms, std::int64_t ttl_ms = day_ms) {
  put_request r;
  r.token_hash = sha256_hex(token);
  r.session.state_json = R"({"turn":)" + std::to_string(turn) + R"(,"token":")" + token + R"("})";
  r.session.rules_version = "rules-1";
  r.session.created_ms = 1000;
  r.session.updated_ms = now_ms;
  r.session.expires_ms = now_ms + ttl_ms;
  r.expected_version = expected_version;
  r.entry.turn = turn;
  r.entry.in_frame = R"({"type":"message","text":"turn )" + std::to_string(turn) + R"("})";
  r.entry.out_frame = R"({"type":"reply","turn":)" + std::to_string(turn) + "}";
  r.entry.at_ms = now_ms;
  return r;
}

// put() and wait for its done.
inline put_result put_and_wait(session_store& store, put_request request) {
  std::promise<put_result> promise;
  auto future = promise.get_future();
  store.put(std::move(request), [&promise](put_result r) { promise.set_value(std::move(r)); });
  return future.get();
}

}  // namespace triagebot::store::testing
