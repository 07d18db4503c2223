// Unit tests for cli/conversation_test: the runner of conversation test files (docs/testing.md), its
// failures with step numbers, collect_test_files and the JUnit XML.
#include "cli/conversation_test.hpp"

#include <gtest/gtest.h>

#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <memory>
#include <string>
#include <vector>

#include "rules/rules_loader.hpp"

namespace triagebot::cli {
namespace {

namespace fs = std::filesystem;

std::shared_ptr<const rules::rule_set> shipped_rules() {
  static const auto rules = rules::load_rules(TRIAGEBOT_RULES_DIR).rules;
  return rules;
}

class CliConversationTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_NE(shipped_rules(), nullptr);
    const auto* info = ::testing::UnitTest::GetInstance()->current_test_info();
    dir_ = fs::temp_directory_path() /
           ("triagebot-convtest-" + std::string(info->name()) + "-" + std::to_string(static_cast<long>(::getpid())));
    fs::remove_all(dir_);
    fs::create_directories(dir_);
  }
  void TearDown() override {
    std::error_code ec;
    fs::remove_all(dir_, ec);
  }
  fs::path write(const std::string& name, const std::string& text) const {
    const auto path = dir_ / name;
    fs::create_directories(path.parent_path());
    std::ofstream out(path, std::ios::trunc);
    out << text;
    return path;
  }
  std::vector<test_case_result> run(const fs::path& file) const {
    const engine::engine bot(shipped_rules());
    return run_conversation_file(bot, file);
  }
  fs::path dir_;
};

constexpr const char* kOnePassOneFail = R"({"conversations": [
  {"name": "passes",
   "steps": [
     {"frame": {"type": "start"}, "expect": {"turn": 1, "asks": "region", "level": null}},
     {"say": "my lower back hurts", "expect": {"asks": "duration_days"}}
   ]},
  {"name": "fails at step 3",
   "now": "2026-11-25T10:00:00Z",
   "steps": [
     {"frame": {"type": "start"}, "expect": {"turn": 1}},
     {"say": "my lower back hurts", "expect": {"asks": "duration_days", "input": "number"}},
     {"say": "2 weeks", "expect": {"asks": "age", "level": null}},
     {"say": "I can't feel my bum", "expect": {"level": "emergency", "red_flags": ["cauda_equina"], "exercises": [],
                                               "input": "none"}}
   ]}
]})";

TEST_F(CliConversationTest, ReportsExactlyTheOneFailingExpectationWithItsStep) {
  const auto file = write("one_fails.json", kOnePassOneFail);
  const auto results = run(file);
  ASSERT_EQ(results.size(), 2u);
  EXPECT_EQ(results[0].name, "passes");
  EXPECT_EQ(results[0].file, file.string());
  EXPECT_TRUE(results[0].failures.empty()) << results[0].failures.front().message;
  EXPECT_EQ(results[1].name, "fails at step 3");
  ASSERT_EQ(results[1].failures.size(), 1u);
  const auto& f = results[1].failures.front();
  EXPECT_EQ(f.step, 3);
  EXPECT_EQ(f.conversation, "fails at step 3");
  EXPECT_EQ(f.file, file.string());
  EXPECT_NE(f.message.find("\"age\""), std::string::npos) << f.message;
  EXPECT_NE(f.message.find("\"pain_score\""), std::string::npos) << f.message;
  EXPECT_GE(results[1].seconds, 0.0);
}

TEST_F(CliConversationTest, JunitXmlHasOneTestcasePerConversationAndAFailure) {
  const auto results = run(write("one_fails.json", kOnePassOneFail));
  const auto xml = junit_xml(results);
  EXPECT_EQ(xml.rfind("<?xml", 0), 0u);
  EXPECT_NE(xml.find("tests=\"2\""), std::string::npos) << xml;
  EXPECT_NE(xml.find("failures=\"1\""), std::string::npos) << xml;
  EXPECT_NE(xml.find("<failure"), std::string::npos) << xml;
  EXPECT_NE(xml.find("step 3: "), std::string::npos) << xml;
  EXPECT_NE(xml.find("name=\"passes\""), std::string::npos) << xml;
  std::size_t failures = 0;
  for (auto pos = xml.find("<failure"); pos != std::string::npos; pos = xml.find("<failure", pos + 1)) ++failures;
  EXPECT_EQ(failures, 1u);
  // Quotes of the message are escaped inside the attribute.
  EXPECT_NE(xml.find("&quot;age&quot;"), std::string::npos) << xml;
}

TEST_F(CliConversationTest, SingleConversationFileAndErrorExpectation) {
  const auto results = run(write("single.json", R"({"steps": [
     {"frame": "[1]", "expect": {"error": "bad_request"}},
     {"frame": "not json", "expect": {"error": "bad_json"}},
     {"say": "hello", "expect": {"turn": 1, "resumed": false, "quick_replies_include": ["low_back", "hip"]}},
     {"resume": true, "expect": {"resumed": true, "turn": 2}},
     {"frame": {"type": "restart"}, "expect": {"turn": 1, "contains": ["start again"], "not_contains": ["remember the advice"]}}
  ]})"));
  ASSERT_EQ(results.size(), 1u);
  EXPECT_EQ(results[0].name, "conversation 1");
  for (const auto& f : results[0].failures) ADD_FAILURE() << "step " << f.step << ": " << f.message;
}

TEST_F(CliConversationTest, UnknownExpectationIsAFailure) {
  const auto results = run(write("typo.json", R"({"steps": [{"say": "hi", "expect": {"levle": "emergency"}}]})"));
  ASSERT_EQ(results.size(), 1u);
  ASSERT_EQ(results[0].failures.size(), 1u);
  EXPECT_EQ(results[0].failures[0].step, 1);
  EXPECT_NE(results[0].failures[0].message.find("levle"), std::string::npos);
}

TEST_F(CliConversationTest, BadFilesBecomeFailures) {
  const auto bad_json = run(write("broken.json", "{\"steps\": ["));
  ASSERT_EQ(bad_json.size(), 1u);
  ASSERT_EQ(bad_json[0].failures.size(), 1u);
  EXPECT_EQ(bad_json[0].failures[0].step, 0);
  const auto missing = run(dir_ / "missing.json");
  ASSERT_EQ(missing.size(), 1u);
  EXPECT_EQ(missing[0].failures.size(), 1u);
  const auto no_steps = run(write("nosteps.json", R"({"name": "x"})"));
  ASSERT_EQ(no_steps.size(), 1u);
  EXPECT_EQ(no_steps[0].failures.size(), 1u);
  const auto bad_step = run(write("badstep.json", R"({"steps": [{"shout": "hi"}]})"));
  ASSERT_EQ(bad_step.size(), 1u);
  ASSERT_EQ(bad_step[0].failures.size(), 1u);
  EXPECT_EQ(bad_step[0].failures[0].step, 1);
  const auto bad_now = run(write("badnow.json", R"({"now": "someday", "steps": [{"say": "hi"}]})"));
  ASSERT_EQ(bad_now.size(), 1u);
  EXPECT_EQ(bad_now[0].failures.size(), 1u);
}

TEST_F(CliConversationTest, CollectTestFilesFindsJsonRecursivelyAndSorted) {
  write("b.json", "{}");
  write("a/c.json", "{}");
  write("a/notes.txt", "x");
  const auto single = write("z/single.json", "{}");
  std::string error;
  const auto files = collect_test_files({dir_.string()}, error);
  EXPECT_TRUE(error.empty()) << error;
  ASSERT_EQ(files.size(), 3u);
  EXPECT_EQ(files[0], dir_ / "a/c.json");
  EXPECT_EQ(files[1], dir_ / "b.json");
  EXPECT_EQ(files[2], dir_ / "z/single.json");
  const auto one = collect_test_files({single.string()}, error);
  ASSERT_EQ(one.size(), 1u);
  EXPECT_TRUE(error.empty());
  const auto none = collect_test_files({(dir_ / "nope").string()}, error);
  EXPECT_TRUE(none.empty());
  EXPECT_NE(error.find("nope"), std::string::npos) << error;
}

TEST_F(CliConversationTest, JunitXmlOfPassingResultsHasNoFailure) {
  const std::vector<test_case_result> results{{"f.json", "a <b> & \"c\"", 0.5, {}}};
  const auto xml = junit_xml(results);
  EXPECT_EQ(xml.find("<failure"), std::string::npos);
  EXPECT_NE(xml.find("failures=\"0\""), std::string::npos);
  EXPECT_NE(xml.find("a &lt;b&gt; &amp; &quot;c&quot;"), std::string::npos) << xml;
}

}  // namespace
}  // namespace triagebot::cli
