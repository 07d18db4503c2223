#include "store/session_token.hpp"

#include <gtest/gtest.h>

#include <array>
#include <set>
#include <string>

namespace triagebot::store {
namespace {

TEST(StoreSessionToken, SessionTokensAre22UrlSafeCharactersAndDoNotRepeat) {
  std::set<std::string> seen;
  std::array<int, 64> used{};
  const std::string alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
  for (int i = 0; i < 2000; ++i) {
    const auto token = new_session_token();
    ASSERT_EQ(token.size(), 22u);
    for (const char c : token) {
      const auto at = alphabet.find(c);
      ASSERT_NE(at, std::string::npos) << token;
      ++used[at];
    }
    EXPECT_TRUE(seen.insert(token).second) << "repeated: " << token;
  }
  // 44,000 characters: every one of the 64 turns up (a biased or stuck source would not).
  for (std::size_t i = 0; i < used.size(); ++i) EXPECT_GT(used[i], 300) << alphabet[i];
}

}  // namespace
}  // namespace triagebot::store
