// Unit tests for cli/arguments: "--name value", "--name=value", flags, positionals and the errors.
#include "cli/arguments.hpp"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace triagebot::cli {
namespace {

arguments parse(const std::vector<std::string>& args) { return arguments(args, {"rules", "now", "junit"}, {"json", "explain", "help"}); }

TEST(CliArguments, ValueOptionsTakeTheNextArgument) {
  const auto a = parse({"--rules", "my/rules", "--now", "2026-11-25"});
  ASSERT_TRUE(a.ok()) << a.error();
  EXPECT_EQ(a.value("rules"), "my/rules");
  EXPECT_EQ(a.value("now"), "2026-11-25");
  EXPECT_TRUE(a.has("rules"));
  EXPECT_FALSE(a.has("junit"));
  EXPECT_FALSE(a.value("junit").has_value());
  EXPECT_TRUE(a.positional().empty());
}

TEST(CliArguments, NameEqualsValue) {
  const auto a = parse({"--rules=/abs/rules", "--now=2026-11-25T10:00:00Z", "--junit="});
  ASSERT_TRUE(a.ok()) << a.error();
  EXPECT_EQ(a.value("rules"), "/abs/rules");
  EXPECT_EQ(a.value("now"), "2026-11-25T10:00:00Z");
  EXPECT_EQ(a.value("junit"), "");  // an explicit empty value
  EXPECT_TRUE(a.has("junit"));
}

TEST(CliArguments, ValueMayLookLikeAnOption) {
  const auto a = parse({"--rules", "--json"});
  ASSERT_TRUE(a.ok()) << a.error();
  EXPECT_EQ(a.value("rules"), "--json");
  EXPECT_FALSE(a.has("json"));
}

TEST(CliArguments, FlagsAndPositionals) {
  const auto a = parse({"file1.json", "--json", "dir/", "--explain", "--", "-x"});
  ASSERT_TRUE(a.ok()) << a.error();
  EXPECT_TRUE(a.has("json"));
  EXPECT_TRUE(a.has("explain"));
  EXPECT_FALSE(a.has("help"));
  EXPECT_FALSE(a.value("json").has_value());  // a flag has no value
  EXPECT_EQ(a.positional(), (std::vector<std::string>{"file1.json", "dir/", "--", "-x"}));
}

TEST(CliArguments, LaterValueWins) {
  const auto a = parse({"--rules", "a", "--rules=b"});
  ASSERT_TRUE(a.ok());
  EXPECT_EQ(a.value("rules"), "b");
}

TEST(CliArguments, ValueOrGivesTheFallbackWhenAbsent) {
  const auto a = parse({"--now", "2026-01-01"});
  EXPECT_EQ(a.value_or("rules", "rules"), "rules");
  EXPECT_EQ(a.value_or("now", "x"), "2026-01-01");
}

TEST(CliArguments, UnknownOptionIsAnError) {
  const auto a = parse({"--json", "--colour", "blue"});
  EXPECT_FALSE(a.ok());
  EXPECT_EQ(a.error(), "unknown option --colour");
  const auto b = parse({"--rulez=x"});
  EXPECT_FALSE(b.ok());
  EXPECT_EQ(b.error(), "unknown option --rulez");
}

TEST(CliArguments, MissingValueIsAnError) {
  const auto a = parse({"--json", "--rules"});
  EXPECT_FALSE(a.ok());
  EXPECT_EQ(a.error(), "the option --rules needs a value");
}

TEST(CliArguments, FlagWithAValueIsAnError) {
  const auto a = parse({"--json=yes"});
  EXPECT_FALSE(a.ok());
  EXPECT_EQ(a.error(), "the option --json takes no value");
}

TEST(CliArguments, NoArgumentsIsFine) {
  const auto a = parse({});
  EXPECT_TRUE(a.ok());
  EXPECT_TRUE(a.error().empty());
  EXPECT_TRUE(a.positional().empty());
}

}  // namespace
}  // namespace triagebot::cli
