// Unit tests for rules/rules_loader (and rules/rule_finding's format): the shipped rules load cleanly,
// and each kind of mistake a clinician can make in a rule file is reported as an error at the right file
// and JSON path, in a sentence, never as a raw library message.
//
// Each test copies the shipped rules directory to a fresh temporary directory, breaks one thing, loads it.
#include "rules/rules_loader.hpp"

#include <gtest/gtest.h>

#include <unistd.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <functional>
#include <optional>
#include <sstream>
#include <string>
#include <tuple>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>

#include "rules/rule_finding.hpp"

namespace triagebot::rules {
namespace {

namespace fs = std::filesystem;
using json = nlohmann::json;

std::string describe(const std::vector<rule_finding>& findings) {
  std::string out;
  for (const auto& f : findings) out += "  " + format(f) + "\n";
  return out.empty() ? "  (no findings)\n" : out;
}

// The findings of one file at one path, with severity error.
std::vector<rule_finding> errors_at(const std::vector<rule_finding>& findings, const std::string& file, const std::string& path) {
  std::vector<rule_finding> out;
  for (const auto& f : findings)
    if (f.level == severity::error && f.file == file && f.path == path) out.push_back(f);
  return out;
}

bool any_error_contains(const std::vector<rule_finding>& findings, const std::string& file, const std::string& path,
                        const std::string& fragment) {
  for (const auto& f : errors_at(findings, file, path))
    if (f.message.find(fragment) != std::string::npos) return true;
  return false;
}

class RulesLoader : public ::testing::Test {
 protected:
  void SetUp() override {
    const auto* info = ::testing::UnitTest::GetInstance()->current_test_info();
    dir_ = fs::temp_directory_path() /
           ("triagebot-rules-" + std::string(info->name()) + "-" + std::to_string(static_cast<long>(::getpid())));
    fs::remove_all(dir_);
    fs::create_directories(dir_);
    fs::copy(fs::path(TRIAGEBOT_RULES_DIR), dir_, fs::copy_options::recursive | fs::copy_options::overwrite_existing);
  }

  void TearDown() override {
    std::error_code ec;
    fs::remove_all(dir_, ec);
  }

  json read(const std::string& name) const {
    std::ifstream in(dir_ / name);
    return json::parse(in);
  }

  void write(const std::string& name, const json& j) const {
    std::ofstream out(dir_ / name, std::ios::trunc);
    out << j.dump(1);
  }

  void write_text(const std::string& name, const std::string& text) const {
    std::ofstream out(dir_ / name, std::ios::binary | std::ios::trunc);
    out << text;
  }

  void edit(const std::string& name, const std::function<void(json&)>& change) const {
    auto j = read(name);
    change(j);
    write(name, j);
  }

  load_result load() const { return load_rules(dir_); }

  fs::path dir_;
};

// Index of the element of `list` whose "id" is `id`.
std::size_t index_of(const json& list, const std::string& id) {
  for (std::size_t i = 0; i < list.size(); ++i)
    if (list[i].value("id", "") == id) return i;
  ADD_FAILURE() << "no element with id " << id;
  return 0;
}

// Finds the first value in `j` for which `match` holds and returns its path in the loader's notation
// ("$.a[0].b"); the search goes depth first, object members in the library's order.
std::optional<std::string> find_path(json& j, const std::function<bool(json&)>& match, const std::string& path = "$") {
  if (match(j)) return path;
  if (j.is_object()) {
    for (auto it = j.begin(); it != j.end(); ++it)
      if (auto p = find_path(it.value(), match, path + "." + it.key())) return p;
  } else if (j.is_array()) {
    for (std::size_t i = 0; i < j.size(); ++i)
      if (auto p = find_path(j[i], match, path + "[" + std::to_string(i) + "]")) return p;
  }
  return std::nullopt;
}

// ---- the shipped rules --------------------------------------------------------------------------

TEST_F(RulesLoader, ShippedRulesLoadWithZeroErrors) {
  const auto result = load_rules(TRIAGEBOT_RULES_DIR);
  EXPECT_EQ(count(result.findings, severity::error), 0u) << describe(result.findings);
  ASSERT_NE(result.rules, nullptr);
  EXPECT_FALSE(result.unreadable);
  EXPECT_FALSE(result.rules->questions.empty());
  EXPECT_FALSE(result.rules->red_flags.empty());
  EXPECT_FALSE(result.rules->info.version.empty());
  for (const auto& key : required_text_keys()) EXPECT_FALSE(result.rules->text(key).empty()) << key;
}

TEST_F(RulesLoader, TheUnchangedCopyLoadsToo) {
  const auto result = load();
  EXPECT_EQ(count(result.findings, severity::error), 0u) << describe(result.findings);
  EXPECT_NE(result.rules, nullptr);
}

TEST_F(RulesLoader, FindingsAreSortedByFileThenPath) {
  edit("manifest.json", [](json& j) { j["max_questions"] = "twenty"; });
  edit("texts.json", [](json& j) { j["texts"]["greeting"] = ""; });
  edit("outcomes.json", [](json& j) { j["booking"]["url"] = "http://clinic.example/book"; });
  const auto result = load();
  ASSERT_GE(result.findings.size(), 3u);
  for (std::size_t i = 1; i < result.findings.size(); ++i) {
    const auto& a = result.findings[i - 1];
    const auto& b = result.findings[i];
    EXPECT_TRUE(std::tie(a.file, a.path, a.message) <= std::tie(b.file, b.path, b.message)) << describe(result.findings);
  }
}

// ---- syntax ------------------------------------------------------------------------------------

// The manifest of the shipped rules with the comma after "version" (line 3) left out.
constexpr const char* kManifestWithoutComma =
    "{\n"
    " \"name\": \"clinic-starter\",\n"
    " \"version\": \"2026.11.1\"\n"
    " \"default_locale\": \"en\",\n"
    " \"locales\": [\"en\"],\n"
    " \"max_questions\": 20\n"
    "}\n";

// "line:column" split into numbers; {0, 0} when the path is not in that form.
std::pair<int, int> line_column(const std::string& path) {
  const auto colon = path.find(':');
  if (colon == std::string::npos || colon == 0 || colon + 1 >= path.size()) return {0, 0};
  if (path.find_first_not_of("0123456789:") != std::string::npos) return {0, 0};
  return {std::stoi(path.substr(0, colon)), std::stoi(path.substr(colon + 1))};
}

TEST_F(RulesLoader, JsonSyntaxErrorIsReportedAtLineAndColumnWithoutLibraryText) {
  // The parser stops at the text that opens line 4: ' "default_locale"' spans columns 2 to 17.
  write_text("manifest.json", kManifestWithoutComma);
  const auto result = load();
  EXPECT_EQ(result.rules, nullptr);
  std::vector<rule_finding> manifest;
  for (const auto& f : result.findings)
    if (f.file == "manifest.json") manifest.push_back(f);
  ASSERT_EQ(manifest.size(), 1u) << describe(result.findings);
  const auto& f = manifest.front();
  EXPECT_EQ(f.level, severity::error);
  const auto [line, column] = line_column(f.path);
  EXPECT_EQ(line, 4) << f.path;
  EXPECT_GE(column, 2) << f.path;
  EXPECT_LE(column, 17) << f.path;
  EXPECT_EQ(f.message.rfind("this is not valid JSON: ", 0), 0u) << f.message;
  for (const auto& any : result.findings) {
    EXPECT_EQ(any.message.find("[json.exception"), std::string::npos) << format(any);
    EXPECT_EQ(any.message.find("parse_error"), std::string::npos) << format(any);
    EXPECT_EQ(any.message.find("syntax error while parsing"), std::string::npos) << format(any);
  }
}

TEST_F(RulesLoader, MissingCommaIsNamedAsSuch) {
  write_text("manifest.json", kManifestWithoutComma);
  const auto result = load();
  ASSERT_FALSE(result.findings.empty());
  EXPECT_TRUE(std::any_of(result.findings.begin(), result.findings.end(), [](const rule_finding& f) {
    return f.file == "manifest.json" && f.message.find("a comma is missing") != std::string::npos;
  })) << describe(result.findings);
}

TEST_F(RulesLoader, TrailingCommaIsNamedAsSuch) {
  write_text("manifest.json",
             "{\n"
             " \"name\": \"clinic-starter\",\n"
             " \"version\": \"2026.11.1\",\n"
             " \"default_locale\": \"en\",\n"
             " \"locales\": [\"en\"],\n"
             " \"max_questions\": 20,\n"
             "}\n");
  const auto result = load();
  const auto it = std::find_if(result.findings.begin(), result.findings.end(), [](const rule_finding& f) { return f.file == "manifest.json"; });
  ASSERT_NE(it, result.findings.end()) << describe(result.findings);
  EXPECT_EQ(line_column(it->path).first, 7) << it->path;
  EXPECT_NE(it->message.find("a comma before a closing bracket"), std::string::npos) << it->message;
}

TEST_F(RulesLoader, FileThatEndsTooEarlyIsReportedOnItsLastLine) {
  write_text("faq.json", "{\n  \"faqs\": [\n");
  const auto result = load();
  EXPECT_EQ(result.rules, nullptr);
  ASSERT_EQ(std::count_if(result.findings.begin(), result.findings.end(), [](const rule_finding& f) { return f.file == "faq.json"; }), 1)
      << describe(result.findings);
  const auto it = std::find_if(result.findings.begin(), result.findings.end(), [](const rule_finding& f) { return f.file == "faq.json"; });
  EXPECT_EQ(it->level, severity::error);
  EXPECT_EQ(it->path.substr(0, it->path.find(':')), "3") << it->path;
  EXPECT_NE(it->message.find("ends too early"), std::string::npos) << it->message;
  EXPECT_EQ(it->message.find("[json.exception"), std::string::npos) << it->message;
}

// ---- fields and types --------------------------------------------------------------------------

TEST_F(RulesLoader, UnknownFieldInAQuestionSuggestsTheNearName) {
  std::size_t index = 0;
  edit("questions.json", [&](json& j) {
    auto& list = j["questions"];
    index = index_of(list, "pain_score");
    auto& q = list[index];
    q["txt"] = q["text"];
    q.erase("text");
  });
  const auto result = load();
  EXPECT_EQ(result.rules, nullptr);
  const std::string path = "$.questions[" + std::to_string(index) + "].txt";
  const auto found = errors_at(result.findings, "questions.json", path);
  ASSERT_EQ(found.size(), 1u) << describe(result.findings);
  EXPECT_NE(found.front().message.find("unknown field \"txt\""), std::string::npos) << found.front().message;
  EXPECT_NE(found.front().message.find("did you mean \"text\""), std::string::npos) << found.front().message;
  // The renamed field is now missing as well.
  EXPECT_TRUE(any_error_contains(result.findings, "questions.json", "$.questions[" + std::to_string(index) + "].text", "missing"))
      << describe(result.findings);
}

TEST_F(RulesLoader, UnknownFieldFarFromAnyNameListsTheAllowedOnes) {
  edit("questions.json", [&](json& j) { j["questions"][0]["colour"] = "blue"; });
  const auto result = load();
  const auto found = errors_at(result.findings, "questions.json", "$.questions[0].colour");
  ASSERT_EQ(found.size(), 1u) << describe(result.findings);
  EXPECT_EQ(found.front().message.find("did you mean"), std::string::npos) << found.front().message;
  EXPECT_NE(found.front().message.find("allowed here"), std::string::npos) << found.front().message;
}

TEST_F(RulesLoader, WrongTypeOfMaxQuestionsIsReportedAtItsPath) {
  edit("manifest.json", [](json& j) { j["max_questions"] = "twenty"; });
  const auto result = load();
  EXPECT_EQ(result.rules, nullptr);
  const auto found = errors_at(result.findings, "manifest.json", "$.max_questions");
  ASSERT_EQ(found.size(), 1u) << describe(result.findings);
  EXPECT_EQ(found.front().message, "expected a number but found text");
}

TEST_F(RulesLoader, MaxQuestionsAboveTwentyIsAnError) {
  edit("manifest.json", [](json& j) { j["max_questions"] = 25; });
  const auto result = load();
  EXPECT_EQ(result.rules, nullptr);
  EXPECT_TRUE(any_error_contains(result.findings, "manifest.json", "$.max_questions", "between 1 and 20")) << describe(result.findings);
}

// ---- references between files ------------------------------------------------------------------

TEST_F(RulesLoader, FlowAskingAnUnknownQuestionNamesItAndSuggestsTheNearId) {
  std::size_t index = 0;
  edit("flow.json", [&](json& j) {
    auto& common = j["common"];
    for (std::size_t i = 0; i < common.size(); ++i)
      if (common[i]["ask"] == "duration") index = i;
    common[index]["ask"] = "duratoin";
  });
  const auto result = load();
  EXPECT_EQ(result.rules, nullptr);
  const auto found = errors_at(result.findings, "flow.json", "$.common[" + std::to_string(index) + "].ask");
  ASSERT_EQ(found.size(), 1u) << describe(result.findings);
  EXPECT_NE(found.front().message.find("\"duratoin\""), std::string::npos) << found.front().message;
  EXPECT_NE(found.front().message.find("did you mean \"duration\""), std::string::npos) << found.front().message;
}

TEST_F(RulesLoader, FlowAskingAnUnrelatedIdHasNoSuggestion) {
  edit("flow.json", [&](json& j) { j["closing"][0]["ask"] = "zebra_crossing_xyzzy"; });
  const auto result = load();
  EXPECT_EQ(result.rules, nullptr);
  const auto found = errors_at(result.findings, "flow.json", "$.closing[0].ask");
  ASSERT_EQ(found.size(), 1u) << describe(result.findings);
  EXPECT_EQ(found.front().message, "no question has the id \"zebra_crossing_xyzzy\"");
}

TEST_F(RulesLoader, RedFlagPatternUsingAFactNothingSetsIsAnError) {
  std::string path;
  edit("red_flags.json", [&](json& j) {
    auto& flags = j["red_flags"];
    const auto f = index_of(flags, "cauda_equina");
    auto& patterns = flags[f]["patterns"];
    const auto p = index_of(patterns, "ce_bowel");
    patterns[p]["when"] = json{{"fact", "purple_elbow_syndrome"}};
    path = "$.red_flags[" + std::to_string(f) + "].patterns[" + std::to_string(p) + "].when.fact";
  });
  const auto result = load();
  EXPECT_EQ(result.rules, nullptr);
  const auto found = errors_at(result.findings, "red_flags.json", path);
  ASSERT_EQ(found.size(), 1u) << describe(result.findings);
  EXPECT_NE(found.front().message.find("\"purple_elbow_syndrome\""), std::string::npos) << found.front().message;
  EXPECT_NE(found.front().message.find("no concept, finding or question answer sets the fact"), std::string::npos)
      << found.front().message;
}

TEST_F(RulesLoader, MisspeltFactInARedFlagGetsASuggestion) {
  std::string path;
  edit("red_flags.json", [&](json& j) {
    auto& flags = j["red_flags"];
    const auto f = index_of(flags, "cauda_equina");
    auto& patterns = flags[f]["patterns"];
    const auto p = index_of(patterns, "ce_bowel");
    patterns[p]["when"] = json{{"fact", "bowel_incontinance"}};
    path = "$.red_flags[" + std::to_string(f) + "].patterns[" + std::to_string(p) + "].when.fact";
  });
  const auto result = load();
  EXPECT_TRUE(any_error_contains(result.findings, "red_flags.json", path, "did you mean \"bowel_incontinence\""))
      << describe(result.findings);
}

TEST_F(RulesLoader, FlagConditionReferringToALaterFlagIsAnError) {
  std::optional<std::string> path;
  edit("red_flags.json", [&](json& j) {
    // Point the first {"flag": ...} condition at the last red flag of the list, which comes after it.
    const std::string last = j["red_flags"].back()["id"].get<std::string>();
    path = find_path(j, [&](json& v) {
      if (!v.is_object() || !v.contains("flag")) return false;
      v["flag"] = last;
      return true;
    });
  });
  ASSERT_TRUE(path.has_value()) << "the shipped red_flags.json has no {\"flag\": ...} condition to break";
  const auto result = load();
  EXPECT_EQ(result.rules, nullptr);
  EXPECT_TRUE(any_error_contains(result.findings, "red_flags.json", *path + ".flag", "listed before it"))
      << "expected at " << *path << ".flag\n" << describe(result.findings);
}

TEST_F(RulesLoader, FlagConditionReferringToAnUnknownFlagIsAnError) {
  std::optional<std::string> path;
  edit("red_flags.json", [&](json& j) {
    path = find_path(j, [&](json& v) {
      if (!v.is_object() || !v.contains("flag")) return false;
      v["flag"] = "no_such_flag_anywhere";
      return true;
    });
  });
  ASSERT_TRUE(path.has_value());
  const auto result = load();
  EXPECT_TRUE(any_error_contains(result.findings, "red_flags.json", *path + ".flag", "no red flag \"no_such_flag_anywhere\""))
      << describe(result.findings);
}

TEST_F(RulesLoader, ConfirmRegionThatIsNoRegionIsAnError) {
  std::optional<std::string> path;
  edit("red_flags.json", [&](json& j) {
    path = find_path(j, [&](json& v) {
      if (!v.is_object() || !v.contains("touched_by")) return false;
      v["regions"] = json::array({"elbow"});
      return true;
    });
  });
  ASSERT_TRUE(path.has_value());
  const auto result = load();
  EXPECT_EQ(result.rules, nullptr);
  EXPECT_TRUE(any_error_contains(result.findings, "red_flags.json", *path + ".regions[0]", "\"elbow\" is not a region"))
      << describe(result.findings);
}

// ---- lexicon phrase slots --------------------------------------------------------------------------

TEST_F(RulesLoader, AnUnknownPhraseSlotIsNamedWithTheNearOne) {
  edit("lexicon.json", [](json& j) { j["concepts"]["non_weight_bearing"]["phrases"].push_back("{canot} stand on tiptoe"); });
  const auto result = load();
  EXPECT_EQ(result.rules, nullptr);
  const auto index = read("lexicon.json")["concepts"]["non_weight_bearing"]["phrases"].size() - 1;
  EXPECT_TRUE(any_error_contains(result.findings, "lexicon.json",
                                 "$.concepts.non_weight_bearing.phrases[" + std::to_string(index) + "]",
                                 "the slot \"{canot}\" is not in reading.phrase_slots (did you mean \"{cannot}\"?)"))
      << describe(result.findings);
}

TEST_F(RulesLoader, APhraseSlotStandsForEachOfItsWords) {
  edit("lexicon.json", [](json& j) {
    j["reading"]["phrase_slots"]["tiptoe_verb"] = json::array({"stand on", "walk on"});
    j["concepts"]["non_weight_bearing"]["phrases"].push_back("{cannot} {tiptoe_verb} tiptoe");
  });
  const auto result = load();
  ASSERT_NE(result.rules, nullptr) << describe(result.findings);
  const auto& concepts = result.rules->lexicon.data().concepts;
  const auto it = std::find_if(concepts.begin(), concepts.end(), [](const auto& c) { return c.id == "non_weight_bearing"; });
  ASSERT_NE(it, concepts.end());
  for (const std::string phrase : {"cant stand on tiptoe", "unable to walk on tiptoe", "couldnt walk on tiptoe"})
    EXPECT_NE(std::find(it->phrases.begin(), it->phrases.end(), phrase), it->phrases.end()) << phrase;
  EXPECT_EQ(std::count_if(it->phrases.begin(), it->phrases.end(), [](const std::string& p) { return p.find('{') != std::string::npos; }), 0);
}

// "gone {at_once}": a trigger holds slots as a concept phrase does, and an unknown one is named at its
// place in the trigger list.
TEST_F(RulesLoader, ATriggerMayHoldPhraseSlots) {
  edit("lexicon.json", [](json& j) { j["context"]["resolved"].push_back("faded {at_once}"); });
  const auto result = load();
  ASSERT_NE(result.rules, nullptr) << describe(result.findings);
  const auto& resolved = result.rules->lexicon.data().triggers.at(nlu::match_kind::resolved);
  for (const std::string phrase : {"faded straight away", "faded immediately", "gone right away"})
    EXPECT_NE(std::find(resolved.begin(), resolved.end(), phrase), resolved.end()) << phrase;
  EXPECT_EQ(std::count_if(resolved.begin(), resolved.end(), [](const std::string& p) { return p.find('{') != std::string::npos; }), 0);

  edit("lexicon.json", [](json& j) { j["context"]["resolved"].push_back("faded {at_onse}"); });
  const auto broken = load();
  EXPECT_EQ(broken.rules, nullptr);
  const auto index = read("lexicon.json")["context"]["resolved"].size() - 1;
  EXPECT_TRUE(any_error_contains(broken.findings, "lexicon.json", "$.context.resolved[" + std::to_string(index) + "]",
                                 "the slot \"{at_onse}\" is not in reading.phrase_slots (did you mean \"{at_once}\"?)"))
      << describe(broken.findings);
}

TEST_F(RulesLoader, WhatAConceptDeniesMustBeAFact) {
  edit("lexicon.json", [](json& j) {
    j["concepts"]["weight_bearing_ok"]["denies"] = json::array({"non_weight_bearin", "weight_bearing_ok"});
  });
  const auto result = load();
  EXPECT_EQ(result.rules, nullptr);
  EXPECT_TRUE(any_error_contains(result.findings, "lexicon.json", "$.concepts.weight_bearing_ok.denies[0]",
                                 "did you mean \"non_weight_bearing\"?"))
      << describe(result.findings);
  EXPECT_TRUE(any_error_contains(result.findings, "lexicon.json", "$.concepts.weight_bearing_ok.denies[1]",
                                 "a concept cannot deny itself"))
      << describe(result.findings);
}

TEST_F(RulesLoader, WhatADenialRulesOutMustBeAFact) {
  edit("lexicon.json", [](json& j) { j["concepts"]["swelling"]["denied_with"] = json::array({"calf_sign", "swelling"}); });
  const auto result = load();
  EXPECT_EQ(result.rules, nullptr);
  EXPECT_TRUE(any_error_contains(result.findings, "lexicon.json", "$.concepts.swelling.denied_with[0]", "did you mean \"calf_signs\"?"))
      << describe(result.findings);
  EXPECT_TRUE(any_error_contains(result.findings, "lexicon.json", "$.concepts.swelling.denied_with[1]", "a concept cannot deny itself"))
      << describe(result.findings);
}

TEST_F(RulesLoader, ALongAgoFactBelongsToAHistoryConceptAndMustBeAFact) {
  edit("lexicon.json", [](json& j) {
    j["concepts"]["recent_surgery"]["long_ago"] = "surgery_long_agoo";
    j["concepts"]["fever"]["long_ago"] = "surgery_long_ago";
  });
  const auto result = load();
  EXPECT_EQ(result.rules, nullptr);
  EXPECT_TRUE(any_error_contains(result.findings, "lexicon.json", "$.concepts.recent_surgery.long_ago",
                                 "did you mean \"surgery_long_ago\"?"))
      << describe(result.findings);
  EXPECT_TRUE(any_error_contains(result.findings, "lexicon.json", "$.concepts.fever.long_ago", "only a history concept"))
      << describe(result.findings);
}

TEST_F(RulesLoader, DatesNameMonthsOneToTwelveAndAPlausibleNumberOfDays) {
  edit("lexicon.json", [](json& j) {
    j["dates"]["months"]["smarch"] = 13;
    j["dates"]["seasons"]["monsoon"] = "july";
    j["dates"]["event_past_days"] = 0;
    j["concepts"]["fall"]["event"] = "yes";
  });
  const auto result = load();
  EXPECT_EQ(result.rules, nullptr);
  EXPECT_TRUE(any_error_contains(result.findings, "lexicon.json", "$.dates.months.smarch", "numbered 1 (January) to 12"))
      << describe(result.findings);
  EXPECT_TRUE(any_error_contains(result.findings, "lexicon.json", "$.dates.seasons.monsoon", "the month the season ends in"))
      << describe(result.findings);
  EXPECT_TRUE(any_error_contains(result.findings, "lexicon.json", "$.dates.event_past_days", "1 to 3650")) << describe(result.findings);
  EXPECT_TRUE(any_error_contains(result.findings, "lexicon.json", "$.concepts.fall.event", "")) << describe(result.findings);
}

TEST_F(RulesLoader, ALexiconWithoutDatesStillLoads) {
  edit("lexicon.json", [](json& j) { j.erase("dates"); });
  const auto result = load();
  ASSERT_NE(result.rules, nullptr) << describe(result.findings);
  EXPECT_EQ(result.rules->lexicon.data().dates.event_past_days, 0);
}

TEST_F(RulesLoader, BoundToPlaceIsTrueOrFalse) {
  edit("lexicon.json", [](json& j) { j["findings"]["saddle_numbness"]["bound_to_place"] = "yes"; });
  const auto result = load();
  EXPECT_EQ(result.rules, nullptr);
  EXPECT_TRUE(any_error_contains(result.findings, "lexicon.json", "$.findings.saddle_numbness.bound_to_place", ""))
      << describe(result.findings);
}

TEST_F(RulesLoader, SignToldBeforeIsTrueOrFalse) {
  edit("lexicon.json", [](json& j) { j["findings"]["spreading_numbness"]["sign_told_before"] = 1; });
  const auto result = load();
  EXPECT_EQ(result.rules, nullptr);
  EXPECT_TRUE(any_error_contains(result.findings, "lexicon.json", "$.findings.spreading_numbness.sign_told_before", ""))
      << describe(result.findings);
}

TEST_F(RulesLoader, NeedsOwnerIsTrueOrFalseAndOwningWordsAreWords) {
  edit("lexicon.json", [](json& j) {
    j["concepts"]["dvt_named"]["needs_owner"] = "yes";
    j["reading"]["owning_words"] = json::array({"had", 3});
  });
  const auto result = load();
  EXPECT_EQ(result.rules, nullptr);
  EXPECT_TRUE(any_error_contains(result.findings, "lexicon.json", "$.concepts.dvt_named.needs_owner", "")) << describe(result.findings);
  EXPECT_TRUE(any_error_contains(result.findings, "lexicon.json", "$.reading.owning_words[1]", "")) << describe(result.findings);
}

TEST_F(RulesLoader, PastThroughAndHypotheticalAfterAreOptionalListsOfWords) {
  edit("lexicon.json", [](json& j) {
    j["reading"].erase("past_through");
    j["context"].erase("hypothetical_after");
  });
  EXPECT_NE(load().rules, nullptr);
  edit("lexicon.json", [](json& j) { j["reading"]["past_through"] = "because"; });
  const auto result = load();
  EXPECT_EQ(result.rules, nullptr);
  EXPECT_TRUE(any_error_contains(result.findings, "lexicon.json", "$.reading.past_through", "")) << describe(result.findings);
}

TEST_F(RulesLoader, MeasureUnitsMustBeAListOfWords) {
  edit("lexicon.json", [](json& j) { j["reading"]["measure_units"] = "kilos"; });
  const auto result = load();
  EXPECT_EQ(result.rules, nullptr);
  EXPECT_TRUE(any_error_contains(result.findings, "lexicon.json", "$.reading.measure_units", "")) << describe(result.findings);
}

TEST_F(RulesLoader, TendingLeadsAndTemperatureWordsAreOptionalListsOfWords) {
  edit("lexicon.json", [](json& j) {
    j["reading"].erase("tending_leads");
    j["temperature"].erase("words");
  });
  EXPECT_NE(load().rules, nullptr);
  edit("lexicon.json", [](json& j) {
    j["reading"]["tending_leads"] = "from";
    j["temperature"]["words"] = 38;
  });
  const auto result = load();
  EXPECT_EQ(result.rules, nullptr);
  EXPECT_TRUE(any_error_contains(result.findings, "lexicon.json", "$.reading.tending_leads", "")) << describe(result.findings);
  EXPECT_TRUE(any_error_contains(result.findings, "lexicon.json", "$.temperature.words", "")) << describe(result.findings);
}

TEST_F(RulesLoader, SubjectOpenersYearsWordsAndObjectAfterAreListsOfWords) {
  edit("lexicon.json", [](json& j) {
    j["reading"]["subject_openers"] = "the";
    j["reading"]["years_words"] = json::object();
    j["reading"]["object_after"] = 1;
  });
  const auto result = load();
  EXPECT_EQ(result.rules, nullptr);
  for (const char* path : {"$.reading.subject_openers", "$.reading.years_words", "$.reading.object_after"})
    EXPECT_TRUE(any_error_contains(result.findings, "lexicon.json", path, "")) << path << "\n" << describe(result.findings);
}

// ---- texts ---------------------------------------------------------------------------------------

TEST_F(RulesLoader, EmptyTextIsAnError) {
  edit("texts.json", [](json& j) { j["texts"]["greeting"] = "   "; });
  const auto result = load();
  EXPECT_EQ(result.rules, nullptr);
  const auto found = errors_at(result.findings, "texts.json", "$.texts.greeting");
  ASSERT_EQ(found.size(), 1u) << describe(result.findings);
  EXPECT_EQ(found.front().message, "the text is empty");
}

TEST_F(RulesLoader, MissingRequiredTextKeyIsAnError) {
  edit("texts.json", [](json& j) { j["texts"].erase("goodbye"); });
  const auto result = load();
  EXPECT_EQ(result.rules, nullptr);
  EXPECT_TRUE(any_error_contains(result.findings, "texts.json", "$.texts", "the text \"goodbye\" is missing"))
      << describe(result.findings);
}

TEST_F(RulesLoader, EmptyQuestionTextIsAnError) {
  edit("questions.json", [](json& j) { j["questions"][1]["text"] = ""; });
  const auto result = load();
  EXPECT_EQ(result.rules, nullptr);
  EXPECT_TRUE(any_error_contains(result.findings, "questions.json", "$.questions[1].text", "empty")) << describe(result.findings);
}

// ---- outcomes and red flags ----------------------------------------------------------------------

TEST_F(RulesLoader, BookingUrlMustBeHttps) {
  edit("outcomes.json", [](json& j) { j["booking"]["url"] = "http://clinic.example/book"; });
  const auto result = load();
  EXPECT_EQ(result.rules, nullptr);
  const auto found = errors_at(result.findings, "outcomes.json", "$.booking.url");
  ASSERT_EQ(found.size(), 1u) << describe(result.findings);
  EXPECT_NE(found.front().message.find("https://"), std::string::npos) << found.front().message;
  EXPECT_NE(found.front().message.find("http://clinic.example/book"), std::string::npos) << found.front().message;
}

TEST_F(RulesLoader, RedFlagLevelSelfCareIsAnError) {
  std::string path;
  edit("red_flags.json", [&](json& j) {
    auto& flags = j["red_flags"];
    const auto f = index_of(flags, "dvt");
    flags[f]["patterns"][0]["level"] = "self_care";
    path = "$.red_flags[" + std::to_string(f) + "].patterns[0].level";
  });
  const auto result = load();
  EXPECT_EQ(result.rules, nullptr);
  const auto found = errors_at(result.findings, "red_flags.json", path);
  ASSERT_EQ(found.size(), 1u) << describe(result.findings);
  EXPECT_NE(found.front().message.find("\"emergency\" or \"urgent\""), std::string::npos) << found.front().message;
  EXPECT_NE(found.front().message.find("self_care"), std::string::npos) << found.front().message;
}

TEST_F(RulesLoader, RemovingAProtocolRedFlagIsAnError) {
  edit("red_flags.json", [](json& j) {
    auto& flags = j["red_flags"];
    flags.erase(index_of(flags, "dvt"));
  });
  const auto result = load();
  EXPECT_EQ(result.rules, nullptr);
  const auto found = errors_at(result.findings, "red_flags.json", "$.red_flags");
  ASSERT_FALSE(found.empty()) << describe(result.findings);
  EXPECT_TRUE(any_error_contains(result.findings, "red_flags.json", "$.red_flags", "\"dvt\" is not defined"))
      << describe(result.findings);
}

// ---- files and directories -----------------------------------------------------------------------

TEST_F(RulesLoader, MissingDirectoryIsUnreadableAndAnError) {
  const auto result = load_rules(dir_ / "no-such-directory");
  EXPECT_TRUE(result.unreadable);
  EXPECT_EQ(result.rules, nullptr);
  ASSERT_FALSE(result.findings.empty());
  EXPECT_TRUE(has_errors(result.findings));
  EXPECT_EQ(result.findings.front().level, severity::error);
  EXPECT_FALSE(result.findings.front().message.empty());
}

TEST_F(RulesLoader, FaqQuestionSettingsAreReadAndChecked) {
  {
    const auto result = load();
    ASSERT_NE(result.rules, nullptr) << describe(result.findings);
    EXPECT_FALSE(result.rules->faq_question_starts.empty());
    EXPECT_EQ(result.rules->faq_question_max_words, 10);
  }
  edit("faq.json", [](json& j) { j["question_max_words"] = 0; });
  const auto result = load();
  EXPECT_EQ(result.rules, nullptr);
  EXPECT_TRUE(any_error_contains(result.findings, "faq.json", "$.question_max_words", "whole number")) << describe(result.findings);
}

TEST_F(RulesLoader, MissingRuleFileIsAnError) {
  fs::remove(dir_ / "faq.json");
  const auto result = load();
  EXPECT_EQ(result.rules, nullptr);
  EXPECT_TRUE(any_error_contains(result.findings, "faq.json", "$", "missing")) << describe(result.findings);
}

TEST_F(RulesLoader, RuleFilesListsEveryFileInReadingOrder) {
  const auto& files = rule_files();
  ASSERT_FALSE(files.empty());
  EXPECT_EQ(files.front(), "manifest.json");
  for (const auto& f : files) EXPECT_TRUE(fs::exists(fs::path(TRIAGEBOT_RULES_DIR) / f)) << f;
}

// ---- rule_finding ----------------------------------------------------------------------------------

TEST(RulesFinding, FormatGivesFilePathSeverityAndMessage) {
  const rule_finding error{"questions.json", "$.questions[3].text", severity::error, "the text is empty"};
  EXPECT_EQ(format(error), "questions.json:$.questions[3].text: error: the text is empty");
  const rule_finding warning{"texts.json", "$.texts.hello", severity::warning, "the text \"hello\" is not used by the engine"};
  EXPECT_EQ(format(warning), "texts.json:$.texts.hello: warning: the text \"hello\" is not used by the engine");
  const rule_finding syntax{"manifest.json", "4:2", severity::error, "this is not valid JSON"};
  EXPECT_EQ(format(syntax), "manifest.json:4:2: error: this is not valid JSON");
}

TEST(RulesFinding, CountsAndHasErrors) {
  std::vector<rule_finding> findings{{"a.json", "$", severity::warning, "w"}};
  EXPECT_FALSE(has_errors(findings));
  EXPECT_EQ(count(findings, severity::warning), 1u);
  EXPECT_EQ(count(findings, severity::error), 0u);
  findings.push_back({"b.json", "$", severity::error, "e"});
  EXPECT_TRUE(has_errors(findings));
  EXPECT_EQ(count(findings, severity::error), 1u);
}

}  // namespace
}  // namespace triagebot::rules
