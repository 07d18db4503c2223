// Broken copies of the shipped rules (tests/rules_mutations/mutations.json: JSON Patch edits) must
// each be caught by `triagebot check` with the right file and JSON path.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "engine/engine.hpp"
#include "rules/rules_loader.hpp"
#include "verify/flow_verifier.hpp"
#include "verify/static_checks.hpp"

namespace {

namespace fs = std::filesystem;
using nlohmann::json;

json read_json(const fs::path& p) {
  std::ifstream in(p);
  return json::parse(in);
}

// What `triagebot check` reports for a rules directory.
std::vector<triagebot::rules::rule_finding> check(const fs::path& dir, bool exhaustive) {
  auto loaded = triagebot::rules::load_rules(dir);
  auto findings = loaded.findings;
  if (!loaded.rules) return findings;
  auto more = triagebot::verify::check_static(*loaded.rules);
  findings.insert(findings.end(), more.begin(), more.end());
  if (exhaustive) {
    const triagebot::engine::engine bot(loaded.rules);
    auto report = triagebot::verify::verify_flow(bot);
    findings.insert(findings.end(), report.findings.begin(), report.findings.end());
  }
  return findings;
}

// Parameters are the mutation's index: gtest prints and copies them, which a json value does badly.
class RuleMutation : public ::testing::TestWithParam<std::size_t> {};

std::vector<json> mutations() {
  // Keep the parsed file alive: a range-for over a member of a temporary would dangle.
  const auto file = read_json(fs::path(TRIAGEBOT_TESTS_DIR) / "rules_mutations" / "mutations.json");
  return file.at("mutations").get<std::vector<json>>();
}

TEST_P(RuleMutation, IsCaughtWithItsLocation) {
  const auto m = mutations().at(GetParam());
  const auto dir = fs::temp_directory_path() / ("triagebot-mutation-" + std::to_string(::getpid()) + "-" +
                                                std::to_string(std::hash<std::string>{}(m.at("name").get<std::string>())));
  fs::remove_all(dir);
  fs::copy(TRIAGEBOT_RULES_DIR, dir, fs::copy_options::recursive);
  const auto file = dir / m.at("file").get<std::string>();
  if (m.contains("patch")) {
    const auto patched = read_json(file).patch(m.at("patch"));
    std::ofstream(file) << patched.dump(1);
  } else if (m.contains("raw_replace")) {
    std::stringstream text;
    text << std::ifstream(file).rdbuf();
    auto content = text.str();
    const auto from = m.at("raw_replace").at("from").get<std::string>();
    const auto at = content.find(from);
    ASSERT_NE(at, std::string::npos) << "the mutation's text is not in " << file;
    content.replace(at, from.size(), m.at("raw_replace").at("to").get<std::string>());
    std::ofstream(file) << content;
  } else {
    std::ofstream(file, std::ios::app) << m.at("raw_append").get<std::string>();
  }
  const auto findings = check(dir, m.at("verify").get<bool>());
  fs::remove_all(dir);
  const auto& expect = m.at("expect");
  // Most mutations break the rules (an error); a few only make a part of them dead (a warning).
  const auto expected_level = expect.value("level", std::string("error")) == "warning" ? triagebot::rules::severity::warning
                                                                                        : triagebot::rules::severity::error;
  bool found = false;
  std::ostringstream all;
  for (const auto& f : findings) {
    all << "  " << triagebot::rules::format(f) << "\n";
    found = found || (f.level == expected_level && f.file == expect.at("file").get<std::string>() &&
                      f.path.rfind(expect.at("path_prefix").get<std::string>(), 0) == 0 &&
                      f.message.find(expect.at("message").get<std::string>()) != std::string::npos);
  }
  EXPECT_TRUE(found) << "mutation \"" << m.at("name").get<std::string>() << "\" not reported as expected "
                     << expect.dump() << "; findings:\n" << all.str();
}

INSTANTIATE_TEST_SUITE_P(Shipped, RuleMutation, ::testing::Range<std::size_t>(0, mutations().size()),
                         [](const ::testing::TestParamInfo<std::size_t>& param) {
                           std::string name;
                           for (char c : mutations().at(param.param).at("name").get<std::string>())
                             name += std::isalnum(static_cast<unsigned char>(c)) ? c : '_';
                           return name;
                         });

TEST(ShippedRules, PassTheFullCheck) {
  const auto findings = check(TRIAGEBOT_RULES_DIR, true);
  std::ostringstream all;
  for (const auto& f : findings) all << triagebot::rules::format(f) << "\n";
  EXPECT_EQ(triagebot::rules::count(findings, triagebot::rules::severity::error), 0u) << all.str();
}

}  // namespace
