// Unit tests for store::sha256_hex: known vectors (FIPS 180-2).
#include <gtest/gtest.h>

#include <string>

#include "store/session_store.hpp"

namespace triagebot::store {
namespace {

TEST(StoreSha256, EmptyString) {
  EXPECT_EQ(sha256_hex(""), "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
}

TEST(StoreSha256, Abc) {
  EXPECT_EQ(sha256_hex("abc"), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
}

TEST(StoreSha256, TwoBlockMessage) {
  EXPECT_EQ(sha256_hex("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq"),
            "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1");
}

TEST(StoreSha256, BinaryInputAndShape) {
  const std::string with_nul("a\0b", 3);
  const std::string hash = sha256_hex(with_nul);
  EXPECT_EQ(hash.size(), 64u);
  EXPECT_NE(hash, sha256_hex("a"));
  EXPECT_EQ(hash.find_first_not_of("0123456789abcdef"), std::string::npos);
}

}  // namespace
}  // namespace triagebot::store
