// Unit tests for rules/condition: evaluation of the condition language against a fake fact source,
// and collect_facts.
#include "rules/condition.hpp"

#include <gtest/gtest.h>

#include <map>
#include <optional>
#include <set>
#include <string>
#include <utility>
#include <vector>

namespace triagebot::rules {
namespace {

using k = condition::kind;

class fake_facts : public fact_source {
 public:
  std::map<std::string, fact_state> facts;
  std::map<std::string, std::string> texts;
  std::map<std::string, double> numbers;
  std::set<std::string> unsure;
  std::set<std::string> flags;

  fact_state fact(const std::string& id) const override {
    const auto it = facts.find(id);
    return it == facts.end() ? fact_state::unknown : it->second;
  }
  const std::string* slot_text(const std::string& slot) const override {
    const auto it = texts.find(slot);
    return it == texts.end() ? nullptr : &it->second;
  }
  std::optional<double> slot_number(const std::string& slot) const override {
    const auto it = numbers.find(slot);
    if (it == numbers.end()) return std::nullopt;
    return it->second;
  }
  bool slot_unsure(const std::string& slot) const override { return unsure.contains(slot); }
  bool flag(const std::string& id) const override { return flags.contains(id); }
};

condition leaf(k type, std::string name) {
  condition c;
  c.type = type;
  c.name = std::move(name);
  return c;
}

condition compare(std::string slot, std::string op, double value) {
  condition c;
  c.type = k::slot_compare;
  c.name = std::move(slot);
  c.op = std::move(op);
  c.value = value;
  return c;
}

condition compare_text(std::string slot, std::string op, std::string value) {
  condition c;
  c.type = k::slot_compare;
  c.name = std::move(slot);
  c.op = std::move(op);
  c.value = std::move(value);
  return c;
}

condition group(k type, std::vector<condition> children) {
  condition c;
  c.type = type;
  c.children = std::move(children);
  return c;
}

condition negate(condition child) { return group(k::negation, {std::move(child)}); }

const condition kTrue{};  // kind::always

condition never() { return negate(condition{}); }

class RulesCondition : public ::testing::Test {
 protected:
  void SetUp() override {
    facts.facts["saddle_numbness"] = fact_source::fact_state::present;
    facts.facts["fever"] = fact_source::fact_state::absent;
    facts.numbers["age"] = 15;
    facts.numbers["pain_score"] = 7;
    facts.texts["region"] = "hip";
    facts.unsure.insert("trend");
    facts.flags.insert("pe");
  }
  fake_facts facts;
};

TEST_F(RulesCondition, AlwaysIsTrue) { EXPECT_TRUE(evaluate(kTrue, facts)); }

TEST_F(RulesCondition, FactIsTrueOnlyWhenPresent) {
  EXPECT_TRUE(evaluate(leaf(k::fact, "saddle_numbness"), facts));
  EXPECT_FALSE(evaluate(leaf(k::fact, "fever"), facts));
  EXPECT_FALSE(evaluate(leaf(k::fact, "night_pain"), facts));
}

TEST_F(RulesCondition, AbsentIsTrueOnlyWhenDenied) {
  EXPECT_TRUE(evaluate(leaf(k::absent, "fever"), facts));
  EXPECT_FALSE(evaluate(leaf(k::absent, "saddle_numbness"), facts));
  EXPECT_FALSE(evaluate(leaf(k::absent, "night_pain"), facts));
}

TEST_F(RulesCondition, UnknownIsTrueOnlyWhenNeitherStatedNorDenied) {
  EXPECT_TRUE(evaluate(leaf(k::unknown, "night_pain"), facts));
  EXPECT_FALSE(evaluate(leaf(k::unknown, "fever"), facts));
  EXPECT_FALSE(evaluate(leaf(k::unknown, "saddle_numbness"), facts));
}

TEST_F(RulesCondition, NumericSlotComparisons) {
  EXPECT_TRUE(evaluate(compare("age", "<", 16), facts));
  EXPECT_FALSE(evaluate(compare("age", "<", 15), facts));
  EXPECT_TRUE(evaluate(compare("age", "<=", 15), facts));
  EXPECT_FALSE(evaluate(compare("age", "<=", 14), facts));
  EXPECT_TRUE(evaluate(compare("pain_score", ">", 6), facts));
  EXPECT_FALSE(evaluate(compare("pain_score", ">", 7), facts));
  EXPECT_TRUE(evaluate(compare("pain_score", ">=", 7), facts));
  EXPECT_FALSE(evaluate(compare("pain_score", ">=", 8), facts));
  EXPECT_TRUE(evaluate(compare("age", "==", 15), facts));
  EXPECT_FALSE(evaluate(compare("age", "==", 16), facts));
  EXPECT_TRUE(evaluate(compare("age", "!=", 16), facts));
  EXPECT_FALSE(evaluate(compare("age", "!=", 15), facts));
}

TEST_F(RulesCondition, UnknownNumericSlotIsFalseForEveryOperator) {
  for (const char* op : {"<", "<=", ">", ">=", "==", "!="}) {
    EXPECT_FALSE(evaluate(compare("duration_days", op, 14), facts)) << op;
  }
  // "not sure" is not a value either.
  EXPECT_FALSE(evaluate(compare("trend", "!=", 1), facts));
}

TEST_F(RulesCondition, TextSlotComparisons) {
  EXPECT_TRUE(evaluate(compare_text("region", "==", "hip"), facts));
  EXPECT_FALSE(evaluate(compare_text("region", "==", "leg"), facts));
  EXPECT_TRUE(evaluate(compare_text("region", "!=", "leg"), facts));
  EXPECT_FALSE(evaluate(compare_text("region", "!=", "hip"), facts));
}

TEST_F(RulesCondition, UnknownTextSlotIsFalseEvenForNotEqual) {
  EXPECT_FALSE(evaluate(compare_text("side", "==", "left"), facts));
  EXPECT_FALSE(evaluate(compare_text("side", "!=", "left"), facts));
  EXPECT_FALSE(evaluate(compare_text("trend", "!=", "better"), facts));  // answered "not sure"
}

TEST_F(RulesCondition, TextValueAgainstANumericSlotIsFalse) {
  EXPECT_FALSE(evaluate(compare_text("age", "==", "15"), facts));
  EXPECT_FALSE(evaluate(compare("region", "==", 1), facts));
}

TEST_F(RulesCondition, KnownIsTrueForTextOrNumberButNotForUnsure) {
  EXPECT_TRUE(evaluate(leaf(k::known, "age"), facts));
  EXPECT_TRUE(evaluate(leaf(k::known, "region"), facts));
  EXPECT_FALSE(evaluate(leaf(k::known, "duration_days"), facts));
  EXPECT_FALSE(evaluate(leaf(k::known, "trend"), facts));
}

TEST_F(RulesCondition, UnsureIsTrueOnlyForNotSureAnswers) {
  EXPECT_TRUE(evaluate(leaf(k::unsure, "trend"), facts));
  EXPECT_FALSE(evaluate(leaf(k::unsure, "age"), facts));
  EXPECT_FALSE(evaluate(leaf(k::unsure, "duration_days"), facts));
}

TEST_F(RulesCondition, FlagReadsTheFactSource) {
  EXPECT_TRUE(evaluate(leaf(k::flag, "pe"), facts));
  EXPECT_FALSE(evaluate(leaf(k::flag, "dvt"), facts));
}

TEST_F(RulesCondition, AllNeedsEveryChild) {
  EXPECT_TRUE(evaluate(group(k::all, {leaf(k::fact, "saddle_numbness"), compare("age", "<", 16)}), facts));
  EXPECT_FALSE(evaluate(group(k::all, {leaf(k::fact, "saddle_numbness"), compare("age", ">", 16)}), facts));
  EXPECT_FALSE(evaluate(group(k::all, {never(), kTrue}), facts));
}

TEST_F(RulesCondition, AnyNeedsOneChild) {
  EXPECT_TRUE(evaluate(group(k::any, {leaf(k::fact, "fever"), compare_text("region", "==", "hip")}), facts));
  EXPECT_FALSE(evaluate(group(k::any, {leaf(k::fact, "fever"), compare_text("region", "==", "leg")}), facts));
  EXPECT_FALSE(evaluate(group(k::any, {}), facts));
}

TEST_F(RulesCondition, NotInverts) {
  EXPECT_FALSE(evaluate(negate(leaf(k::fact, "saddle_numbness")), facts));
  EXPECT_TRUE(evaluate(negate(leaf(k::fact, "fever")), facts));
  EXPECT_TRUE(evaluate(negate(negate(leaf(k::fact, "saddle_numbness"))), facts));
  // not(slot compare on an unknown slot) is true: the comparison itself is false.
  EXPECT_TRUE(evaluate(negate(compare("duration_days", ">=", 42)), facts));
}

TEST_F(RulesCondition, NestedCombination) {
  // all[ any[fact fever, flag pe], not[ slot age >= 16 ], known region ]
  const auto c = group(k::all, {group(k::any, {leaf(k::fact, "fever"), leaf(k::flag, "pe")}),
                                negate(compare("age", ">=", 16)), leaf(k::known, "region")});
  EXPECT_TRUE(evaluate(c, facts));
  facts.flags.clear();
  EXPECT_FALSE(evaluate(c, facts));
  facts.facts["fever"] = fact_source::fact_state::present;
  EXPECT_TRUE(evaluate(c, facts));
  facts.numbers["age"] = 16;
  EXPECT_FALSE(evaluate(c, facts));
}

TEST_F(RulesCondition, OpenSlotLeavesItsTestsUndecided) {
  // The age is to be asked: "fever and a child" waits on it; "fever absent" decides on its own.
  facts.numbers.erase("age");
  facts.facts["fever"] = fact_source::fact_state::present;
  const auto child_with_fever = group(k::all, {compare("age", "<", 16), leaf(k::fact, "fever")});
  EXPECT_EQ(evaluate_with_open_slot(child_with_fever, facts, "age"), truth::maybe);
  EXPECT_FALSE(evaluate(child_with_fever, facts));
  const auto child_with_night_pain = group(k::all, {compare("age", "<", 16), leaf(k::fact, "night_pain")});
  EXPECT_EQ(evaluate_with_open_slot(child_with_night_pain, facts, "age"), truth::no);
  // "any" holds without the slot once another child holds; "not" keeps it open.
  EXPECT_EQ(evaluate_with_open_slot(group(k::any, {compare("age", "<", 16), leaf(k::fact, "fever")}), facts, "age"), truth::yes);
  EXPECT_EQ(evaluate_with_open_slot(negate(compare("age", ">=", 16)), facts, "age"), truth::maybe);
  EXPECT_EQ(evaluate_with_open_slot(leaf(k::known, "age"), facts, "age"), truth::maybe);
  // Another slot's tests are evaluated as they stand.
  EXPECT_EQ(evaluate_with_open_slot(compare("pain_score", ">=", 7), facts, "age"), truth::yes);
  EXPECT_EQ(evaluate_with_open_slot(compare("pain_score", ">=", 8), facts, "age"), truth::no);
}

TEST_F(RulesCondition, CollectFactsListsFactAbsentAndUnknownOnceInOrder) {
  const auto c = group(k::all, {leaf(k::fact, "a"), group(k::any, {leaf(k::absent, "b"), leaf(k::fact, "a")}),
                                negate(leaf(k::unknown, "c")), compare("age", "<", 3), leaf(k::flag, "pe"),
                                leaf(k::known, "region")});
  std::vector<std::string> out;
  collect_facts(c, out);
  EXPECT_EQ(out, (std::vector<std::string>{"a", "b", "c"}));
}

TEST_F(RulesCondition, RequiresFlagAbsentOnEveryPath) {
  const auto without_pe = negate(leaf(k::flag, "pe"));
  EXPECT_TRUE(requires_flag_absent(group(k::all, {leaf(k::fact, "chest_pain"), without_pe}), "pe"));
  EXPECT_FALSE(requires_flag_absent(group(k::all, {leaf(k::fact, "chest_pain"), without_pe}), "dvt"));
  // One way through an "any" that does not need it absent is enough to stand.
  EXPECT_FALSE(requires_flag_absent(group(k::any, {leaf(k::fact, "a"), group(k::all, {leaf(k::fact, "b"), without_pe})}), "pe"));
  EXPECT_TRUE(requires_flag_absent(group(k::any, {without_pe, group(k::all, {leaf(k::fact, "b"), without_pe})}), "pe"));
  EXPECT_FALSE(requires_flag_absent(leaf(k::flag, "pe"), "pe"));
}

TEST_F(RulesCondition, RequiresFactAbsentOnEveryPath) {
  const auto without_fever = negate(leaf(k::fact, "fever"));
  EXPECT_TRUE(requires_fact_absent(group(k::all, {leaf(k::fact, "limp"), without_fever}), "fever"));
  EXPECT_FALSE(requires_fact_absent(group(k::all, {leaf(k::fact, "limp"), without_fever}), "limp"));
  EXPECT_FALSE(requires_fact_absent(group(k::any, {leaf(k::fact, "a"), without_fever}), "fever"));
  // A flag of the same name is not the fact.
  EXPECT_FALSE(requires_fact_absent(negate(leaf(k::flag, "fever")), "fever"));
}

}  // namespace
}  // namespace triagebot::rules
