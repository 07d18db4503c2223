// Unit tests for the lexicon's index of finding groups: the groups numbered finding by finding, the
// groups each id can fill, and which groups name a body part or a thing at hand.
#include <gtest/gtest.h>

#include <string>
#include <utility>
#include <vector>

#include "nlu/lexicon.hpp"

namespace triagebot::nlu {
namespace {

concept_def make_concept(std::string id, bool any_owner = false) {
  concept_def c;
  c.id = id;
  c.phrases = {id};
  c.any_owner = any_owner;
  return c;
}

finding_def make_finding(std::string id, std::vector<std::vector<std::string>> all_of) {
  finding_def f;
  f.id = std::move(id);
  f.all_of = std::move(all_of);
  return f;
}

std::vector<std::size_t> groups_of(const lexicon& lex, std::string_view id) {
  const auto groups = lex.finding_groups_naming(id);
  return {groups.begin(), groups.end()};
}

lexicon make_lexicon() {
  lexicon_data d;
  for (const auto* id : {"numb", "tingling", "privates", "bum", "tablets"}) d.concepts.push_back(make_concept(id));
  d.concepts.push_back(make_concept("sleeping_tablets", true));
  d.regions = {{"privates", "low_back"}, {"bum", "hip"}};
  d.findings.push_back(make_finding("saddle_numbness", {{"numb", "tingling"}, {"privates", "bum"}}));
  // An id twice in one group is one group; a group may name an id no concept has.
  d.findings.push_back(make_finding("stockpile", {{"sleeping_tablets", "tablets", "tablets"}, {"numb", "hoarding"}}));
  d.findings.push_back(make_finding("empty", {}));
  d.findings.push_back(make_finding("bum_only", {{"bum"}}));
  return lexicon(std::move(d));
}

TEST(LexiconFindingGroups, NumbersTheGroupsFindingByFinding) {
  const auto lex = make_lexicon();
  EXPECT_EQ(lex.finding_group_count(), 5u);
  EXPECT_EQ(lex.first_finding_group(0), 0u);
  EXPECT_EQ(lex.first_finding_group(1), 2u);
  EXPECT_EQ(lex.first_finding_group(2), 4u);  // a finding with no groups takes no number
  EXPECT_EQ(lex.first_finding_group(3), 4u);
}

TEST(LexiconFindingGroups, ListsEachIdsGroupsOnceInOrder) {
  const auto lex = make_lexicon();
  EXPECT_EQ(groups_of(lex, "numb"), (std::vector<std::size_t>{0, 3}));
  EXPECT_EQ(groups_of(lex, "bum"), (std::vector<std::size_t>{1, 4}));
  EXPECT_EQ(groups_of(lex, "tablets"), (std::vector<std::size_t>{2}));
  EXPECT_EQ(groups_of(lex, "hoarding"), (std::vector<std::size_t>{3}));
  EXPECT_TRUE(groups_of(lex, "pain").empty());
  EXPECT_TRUE(groups_of(lex, "").empty());
}

TEST(LexiconFindingGroups, KnowsTheGroupsThatNameAPlaceOrAThing) {
  const auto lex = make_lexicon();
  EXPECT_FALSE(lex.finding_group_names_a_place(0));
  EXPECT_TRUE(lex.finding_group_names_a_place(1));
  EXPECT_FALSE(lex.finding_group_names_a_place(2));
  EXPECT_TRUE(lex.finding_group_names_a_place(4));
  EXPECT_TRUE(lex.finding_group_names_a_thing(2));
  EXPECT_FALSE(lex.finding_group_names_a_thing(0));
  EXPECT_FALSE(lex.finding_group_names_a_thing(3));
}

TEST(LexiconFindingGroups, AnEmptyLexiconHasNone) {
  const lexicon lex;
  EXPECT_EQ(lex.finding_group_count(), 0u);
  EXPECT_TRUE(groups_of(lex, "numb").empty());
}

}  // namespace
}  // namespace triagebot::nlu
