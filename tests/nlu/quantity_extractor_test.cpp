// Unit tests for nlu/quantity_extractor with the shipped lexicon: numbers, durations, pain scores,
// ages, temperatures, and the plain yes/no/unsure answers the analyzer reads alongside them.
#include "nlu/quantity_extractor.hpp"

#include <gtest/gtest.h>

#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "nlu/analyzer.hpp"
#include "nlu/lexicon.hpp"
#include "nlu/text_normalizer.hpp"
#include "nlu/tokenizer.hpp"
#include "rules/rules_loader.hpp"

namespace triagebot::nlu {
namespace {

class NluQuantityExtractor : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    if (!rules_) rules_ = rules::load_rules(TRIAGEBOT_RULES_DIR).rules;
  }
  void SetUp() override { ASSERT_NE(rules_, nullptr) << "the shipped rules did not load from " << TRIAGEBOT_RULES_DIR; }

  static const lexicon& lex() { return rules_->lexicon; }
  static std::vector<token> tokens(std::string_view text) { return tokenize(normalize_text(text)); }

  static analysis read(std::string_view text, const analysis_options& options = {}) {
    return analyze(lex(), text, options);
  }
  static std::optional<int> days(std::string_view text, int today_weekday = 0) {
    analysis_options o;
    o.today_weekday = today_weekday;
    const auto a = read(text, o);
    if (!a.duration) return std::nullopt;
    return a.duration->days;
  }
  static std::optional<int> score(std::string_view text, bool expecting = false) {
    analysis_options o;
    o.expecting_pain_score = expecting;
    return read(text, o).pain_score;
  }
  static std::optional<double> temperature(std::string_view text) { return find_temperature(lex(), tokens(text)); }
  static std::optional<age_statement> age(std::string_view text) { return find_age(lex(), tokens(text)); }
  static plain_answer answer(std::string_view text) { return read(text).answer; }

  static std::shared_ptr<const rules::rule_set> rules_;
};

std::shared_ptr<const rules::rule_set> NluQuantityExtractor::rules_;

// ---- parse_number ---------------------------------------------------------------------------

TEST_F(NluQuantityExtractor, ParsesDigitsAndNumberWords) {
  const auto digits = tokens("12 days");
  auto n = parse_number(lex(), digits, 0);
  ASSERT_TRUE(n.has_value());
  EXPECT_DOUBLE_EQ(n->value, 12.0);
  EXPECT_EQ(n->end, 1u);

  const auto words = tokens("three days");
  n = parse_number(lex(), words, 0);
  ASSERT_TRUE(n.has_value());
  EXPECT_DOUBLE_EQ(n->value, 3.0);
  EXPECT_EQ(n->end, 1u);

  const auto compound = tokens("twenty one days");
  n = parse_number(lex(), compound, 0);
  ASSERT_TRUE(n.has_value());
  EXPECT_DOUBLE_EQ(n->value, 21.0);
  EXPECT_EQ(n->end, 2u);

  const auto half = tokens("half");
  n = parse_number(lex(), half, 0);
  ASSERT_TRUE(n.has_value());
  EXPECT_DOUBLE_EQ(n->value, 0.5);
}

TEST_F(NluQuantityExtractor, ArticleLeadsToTheQuantityWord) {
  const auto t = tokens("a couple of days");
  const auto n = parse_number(lex(), t, 0);
  ASSERT_TRUE(n.has_value());
  EXPECT_DOUBLE_EQ(n->value, 2.0);
  EXPECT_EQ(n->end, 3u);  // "days"

  const auto few = tokens("a few weeks");
  const auto f = parse_number(lex(), few, 0);
  ASSERT_TRUE(f.has_value());
  EXPECT_DOUBLE_EQ(f->value, 3.0);
  EXPECT_EQ(f->end, 2u);
}

TEST_F(NluQuantityExtractor, RangesGiveTheLargerNumber) {
  for (const char* text : {"3-4", "6 or 7", "2 to 3"}) {
    const auto t = tokens(text);
    const auto n = parse_number(lex(), t, 0);
    ASSERT_TRUE(n.has_value()) << text;
    EXPECT_EQ(n->end, 3u) << text;
  }
  EXPECT_DOUBLE_EQ(parse_number(lex(), tokens("3-4"), 0)->value, 4.0);
  EXPECT_DOUBLE_EQ(parse_number(lex(), tokens("6 or 7"), 0)->value, 7.0);
  EXPECT_DOUBLE_EQ(parse_number(lex(), tokens("two to three"), 0)->value, 3.0);
  // A falling pair is not a range: "4 to 2" stops after the 4.
  const auto falling = tokens("4 to 2");
  const auto n = parse_number(lex(), falling, 0);
  ASSERT_TRUE(n.has_value());
  EXPECT_DOUBLE_EQ(n->value, 4.0);
  EXPECT_EQ(n->end, 1u);
}

TEST_F(NluQuantityExtractor, NonNumbersParseToNothing) {
  EXPECT_FALSE(parse_number(lex(), tokens("pain"), 0).has_value());
  EXPECT_FALSE(parse_number(lex(), tokens("/"), 0).has_value());
  EXPECT_FALSE(parse_number(lex(), tokens("3"), 1).has_value());  // past the end
}

// ---- durations ------------------------------------------------------------------------------

TEST_F(NluQuantityExtractor, DurationInDays) {
  EXPECT_EQ(days("3 days"), 3);
  EXPECT_EQ(days("pain for 3 days"), 3);
  EXPECT_EQ(days("ten days"), 10);
  EXPECT_EQ(days("twenty one days"), 21);
}

TEST_F(NluQuantityExtractor, DurationInOtherUnits) {
  EXPECT_EQ(days("a fortnight"), 14);
  EXPECT_EQ(days("six weeks"), 42);
  EXPECT_EQ(days("about 2 months"), 60);
  EXPECT_EQ(days("6 or 7 weeks"), 49);
  EXPECT_EQ(days("a few hours"), 0);
  EXPECT_EQ(days("2 weeks and a half"), 18);  // 17.5 rounded
}

TEST_F(NluQuantityExtractor, DurationWithNumberWordsAndArticles) {
  EXPECT_EQ(days("couple of days"), 2);
  EXPECT_EQ(days("a couple of days"), 2);
  EXPECT_EQ(days("a week ago"), 7);
}

TEST_F(NluQuantityExtractor, RelativeDays) {
  EXPECT_EQ(days("since last year"), 365);
  EXPECT_EQ(days("yesterday"), 1);
  EXPECT_EQ(days("last week"), 7);
  EXPECT_EQ(days("the day before yesterday"), 2);
  EXPECT_EQ(days("this morning"), 0);
}

TEST_F(NluQuantityExtractor, PregnancyWeeksAreNotADuration) {
  EXPECT_FALSE(days("3 weeks pregnant").has_value());
  EXPECT_FALSE(days("im 3 weeks pregnant").has_value());
}

TEST_F(NluQuantityExtractor, AgesAreNotADuration) {
  EXPECT_FALSE(days("71 year old").has_value());
  EXPECT_FALSE(days("40 years of age").has_value());
}

TEST_F(NluQuantityExtractor, RhythmsAreNotADuration) {
  EXPECT_FALSE(days("every few days").has_value());
  EXPECT_FALSE(days("each week").has_value());
}

TEST_F(NluQuantityExtractor, RhythmWithATrailingUnitIsNotADuration) {
  EXPECT_FALSE(days("it hurts 3 days a week").has_value());
}

TEST_F(NluQuantityExtractor, AndAHalfBeforeTheUnit) {
  EXPECT_EQ(days("2 and a half weeks"), 18);
}

TEST_F(NluQuantityExtractor, StatedAgeIsNotADuration) {
  EXPECT_FALSE(days("I'm 44 years").has_value());
  EXPECT_FALSE(days("my father is 74 years").has_value());
}

TEST_F(NluQuantityExtractor, WeekdaysCountBackFromToday) {
  constexpr int wednesday = 3;
  EXPECT_EQ(days("hurt it on monday", wednesday), 2);
  EXPECT_EQ(days("since tuesday", wednesday), 1);
  EXPECT_EQ(days("sunday", wednesday), 3);
  EXPECT_EQ(days("thursday", wednesday), 6);
  // The same weekday as today means a week ago.
  EXPECT_EQ(days("hurt it on wednesday", wednesday), 7);
  // Monday with today Monday, Sunday with today Monday.
  EXPECT_EQ(days("on sunday", 1), 1);
}

TEST_F(NluQuantityExtractor, ShortWeekdaysAreDaysOnlyAfterATimeWord) {
  constexpr int friday = 5;
  EXPECT_EQ(days("back went stiff on wed after hoovering", friday), 2);
  EXPECT_EQ(days("stiff since sun after fishing", friday), 5);
  // "sat" and "sun" are also words.
  EXPECT_FALSE(days("I sat on the sofa and my back went", friday).has_value());
  EXPECT_FALSE(days("out in the sun all day and my hip aches", friday).has_value());
}

TEST_F(NluQuantityExtractor, AHeightInHalvesIsNotAPainScore) {
  EXPECT_FALSE(score("I slipped off the shed, maybe two and half metre, and landed on my back").has_value());
  EXPECT_EQ(score("the pain is maybe a 6"), 6);
}

TEST_F(NluQuantityExtractor, WeekdaysNeedToday) { EXPECT_FALSE(days("hurt it on monday").has_value()); }

TEST_F(NluQuantityExtractor, DurationAboutThePainWinsOverAnotherEvent) {
  const auto a = read("my brother had an op 3 weeks ago. the pain started 2 days ago");
  ASSERT_TRUE(a.duration.has_value());
  EXPECT_EQ(a.duration->days, 2);
  EXPECT_EQ(a.duration->words, "2 days");
}

TEST_F(NluQuantityExtractor, PainDurationIsSurerThanABareOne) {
  const auto pain = read("pain for 3 days");
  const auto bare = read("3 days");
  ASSERT_TRUE(pain.duration.has_value());
  ASSERT_TRUE(bare.duration.has_value());
  EXPECT_GT(pain.duration->priority, bare.duration->priority);
  EXPECT_GE(bare.duration->priority, 1);
}

TEST_F(NluQuantityExtractor, DurationOfSomethingOverAndDoneWithHasPriorityZero) {
  const auto a = read("had a DVT 10 years ago");
  ASSERT_TRUE(a.duration.has_value());
  EXPECT_EQ(a.duration->days, 3650);
  EXPECT_EQ(a.duration->priority, 0);
}

TEST_F(NluQuantityExtractor, OngoingPainSinceLastYearIsThePainsDuration) {
  const auto a = read("back pain since last year");
  ASSERT_TRUE(a.duration.has_value());
  EXPECT_EQ(a.duration->days, 365);
  EXPECT_GE(a.duration->priority, 1);
}

// ---- pain scores ----------------------------------------------------------------------------

TEST_F(NluQuantityExtractor, PainScoreOutOfTen) {
  EXPECT_EQ(score("7/10"), 7);
  EXPECT_EQ(score("it hurts 7/10"), 7);
  EXPECT_EQ(score("about a 6 out of 10"), 6);
  EXPECT_EQ(score("pain 8 out of ten"), 8);
  EXPECT_EQ(score("0/10 at rest"), 0);
}

TEST_F(NluQuantityExtractor, PainScoreRangeTakesTheHigher) {
  EXPECT_EQ(score("3-4/10"), 4);
  EXPECT_EQ(score("3\xE2\x80\x93" "4/10"), 4);  // en dash
}

TEST_F(NluQuantityExtractor, LastPainScoreStatedWins) { EXPECT_EQ(score("was a 4/10 now 2/10"), 2); }

TEST_F(NluQuantityExtractor, AboutANumberCountsOnlyInASentenceAboutPain) {
  EXPECT_EQ(score("the pain is about a 6"), 6);
  EXPECT_FALSE(score("it was a 6").has_value());
}

TEST_F(NluQuantityExtractor, ScoresOverTenAreNotScores) { EXPECT_FALSE(score("15/10").has_value()); }

TEST_F(NluQuantityExtractor, WordsAndBareNumbersOnlyWhenTheScoreIsAsked) {
  EXPECT_FALSE(score("mild").has_value());
  EXPECT_EQ(score("mild", true), 2);
  EXPECT_EQ(score("severe", true), 8);
  EXPECT_FALSE(score("5").has_value());
  EXPECT_EQ(score("5", true), 5);
  EXPECT_FALSE(score("15", true).has_value());
  EXPECT_EQ(score("7/10", true), 7);
}

// ---- ages -----------------------------------------------------------------------------------

TEST_F(NluQuantityExtractor, AgeOfThePersonTyping) {
  for (const char* text : {"I'm 71", "71 year old", "i am 71", "aged 71", "71 yo"}) {
    const auto a = age(text);
    ASSERT_TRUE(a.has_value()) << text;
    EXPECT_EQ(a->years, 71) << text;
    EXPECT_FALSE(a->relation.has_value()) << text;
  }
}

TEST_F(NluQuantityExtractor, AgeAndSexAtTheStart) {
  const auto a = age("41M, disc bulge");
  ASSERT_TRUE(a.has_value());
  EXPECT_EQ(a->years, 41);
  EXPECT_FALSE(a->relation.has_value());
  const auto f = age("35 f with hip pain");
  ASSERT_TRUE(f.has_value());
  EXPECT_EQ(f->years, 35);
}

// "... store. 41F.": age and sex set off as a signature at the end, not 41 degrees Fahrenheit.
TEST_F(NluQuantityExtractor, AgeAndSexAsASignatureAtTheEnd) {
  const auto a = age("the pain started six weeks ago. 41F.");
  ASSERT_TRUE(a.has_value());
  EXPECT_EQ(a->years, 41);
  EXPECT_FALSE(temperature("the pain started six weeks ago. 41F.").has_value());
  EXPECT_EQ(temperature("she was 38.5 c last night"), 38.5);
}

TEST_F(NluQuantityExtractor, AnAgeTurned) {
  const auto a = age("she turned 7 in March");
  ASSERT_TRUE(a.has_value());
  EXPECT_EQ(a->years, 7);
  EXPECT_FALSE(age("it turned 3 weeks ago").has_value());
}

TEST_F(NluQuantityExtractor, ASimileNamesNoAge) {
  EXPECT_FALSE(age("she's walking like a ninety year old").has_value());
  const auto a = age("I walk like an 80 year old and I'm 45");
  ASSERT_TRUE(a.has_value());
  EXPECT_EQ(a->years, 45);
}

// "our Isla is six": a name the lexicon does not know, after "my" or "our", with a child's age.
TEST_F(NluQuantityExtractor, AgeOfAChildNamedAfterMyOrOur) {
  auto a = age("Our Isla is 6 and since yesterday she's been limping");
  ASSERT_TRUE(a.has_value());
  EXPECT_EQ(a->years, 6);
  EXPECT_EQ(a->relation.value_or(""), "child");
  // A word the lexicon knows is not a name: a pain score or a body part stays what it is.
  EXPECT_FALSE(age("my pain is 6 out of 10").has_value());
  EXPECT_FALSE(age("my back is 6 weeks sore").has_value());
  // An adult's age after a name is not read this way (a name is not enough to be sure it is a person).
  EXPECT_FALSE(age("our Isla is 34").has_value());
  // An age word with the person right after it: "Year 8 lad" is a 13-year-old lad, the patient.
  const auto lad = read("Year 8 lad, been complaining of thigh ache for a month and he's started dragging that leg");
  ASSERT_TRUE(lad.age.has_value());
  EXPECT_EQ(lad.age->years, 13);
  EXPECT_EQ(lad.patient_relation.value_or(""), "lad");
  // Number words are read as numbers before the age is looked for.
  const auto words = read("Our Isla is six and she won't put her foot down");
  ASSERT_TRUE(words.age.has_value());
  EXPECT_EQ(words.age->years, 6);
}

// A name that is also a dictionary word ("Ellie") counts when the age ends its clause.
TEST_F(NluQuantityExtractor, AgeOfAChildWhoseNameIsADictionaryWord) {
  const auto a = age("Our Ellie is 12 and has shot up about four inches this year");
  ASSERT_TRUE(a.has_value());
  EXPECT_EQ(a->years, 12);
  EXPECT_EQ(a->relation.value_or(""), "child");
  EXPECT_FALSE(age("my level is 7 out of 10").has_value());
}

// "he is 13 kilos": a weight (reading.measure_units) is no age.
TEST_F(NluQuantityExtractor, AWeightIsNoAge) {
  EXPECT_FALSE(age("I am carrying him everywhere, he is 13 kilos").has_value());
  const auto a = age("he is 13 and he limps");
  ASSERT_TRUE(a.has_value());
  EXPECT_EQ(a->years, 13);
}

// "bout two and a half metres": a known misspelling ("bout") is no name before an age.
TEST_F(NluQuantityExtractor, AKnownMisspellingIsNoName) {
  EXPECT_FALSE(read("came off the scaffold, bout two and a half metres up").age.has_value());
  const auto a = read("Alfie's six btw");
  ASSERT_TRUE(a.age.has_value());
  EXPECT_EQ(a.age->years, 6);
}

TEST_F(NluQuantityExtractor, TheFirstTimeInAYearIsNoDuration) {
  EXPECT_FALSE(days("did leg day for the first time in like a year on saturday").has_value());
  const auto d = days("my back has hurt for a year");
  ASSERT_TRUE(d.has_value());
  EXPECT_EQ(*d, 365);
}

TEST_F(NluQuantityExtractor, AScoreFollowedBySlang) {
  EXPECT_EQ(score("my thigh is wrecked, pain is a 10 no cap"), 10);
  EXPECT_FALSE(score("my back hurts, I did a 10 mile walk").has_value());
}

TEST_F(NluQuantityExtractor, AgeOfARelation) {
  auto a = age("my father is 74 years");
  ASSERT_TRUE(a.has_value());
  EXPECT_EQ(a->years, 74);
  EXPECT_EQ(a->relation.value_or(""), "father");

  a = age("my mum, 84, has a sore hip");
  ASSERT_TRUE(a.has_value());
  EXPECT_EQ(a->years, 84);
  EXPECT_EQ(a->relation.value_or(""), "mum");

  a = age("my 12 year old son has a limp");
  ASSERT_TRUE(a.has_value());
  EXPECT_EQ(a->years, 12);
  EXPECT_EQ(a->relation.value_or(""), "son");
}

TEST_F(NluQuantityExtractor, NumbersThatAreNotAges) {
  EXPECT_FALSE(age("im 3 weeks pregnant").has_value());
  EXPECT_FALSE(age("im 7/10 today").has_value());
  EXPECT_FALSE(age("pain for 3 days").has_value());
  EXPECT_FALSE(age("my son is 3 weeks off school").has_value());
}

TEST_F(NluQuantityExtractor, FahrenheitTemperatureIsNotAnAge) {
  EXPECT_FALSE(age("101 F temp").has_value());
}

// ---- temperatures ---------------------------------------------------------------------------

TEST_F(NluQuantityExtractor, TemperatureNamedOrInDegrees) {
  EXPECT_EQ(temperature("temp 38.9"), 38.9);
  EXPECT_EQ(temperature("temperature of 39"), 39.0);
  EXPECT_EQ(temperature("38 degrees"), 38.0);
  EXPECT_EQ(temperature("38.9\xC2\xB0" "C"), 38.9);  // normalised to "38.9 degrees c"
}

TEST_F(NluQuantityExtractor, TemperatureWordsComeFromTheLexicon) {
  // temperature.words: "the thermometer say thirty nine" is read like "temp 39".
  EXPECT_EQ(temperature("his body is very hot, the thermometer say 39"), 39.0);
  EXPECT_FALSE(temperature("his body is very hot, he is 39").has_value());
}

TEST_F(NluQuantityExtractor, HighDecimalAloneIsATemperature) {
  EXPECT_EQ(temperature("39.4 even after calpol"), 39.4);
  EXPECT_EQ(temperature("37.8"), 37.8);
  EXPECT_FALSE(temperature("37.2").has_value());  // below 37.5 a bare decimal may be anything
}

TEST_F(NluQuantityExtractor, FahrenheitIsConverted) {
  const auto f = temperature("101 F temp");
  ASSERT_TRUE(f.has_value());
  EXPECT_NEAR(*f, 38.333, 0.01);
  const auto g = temperature("temperature of 100.4f");
  ASSERT_TRUE(g.has_value());
  EXPECT_NEAR(*g, 38.0, 0.01);
}

TEST_F(NluQuantityExtractor, NumbersThatAreNotTemperatures) {
  EXPECT_FALSE(temperature("I'm 38").has_value());
  EXPECT_FALSE(temperature("pain for 40 days").has_value());
  EXPECT_FALSE(temperature("101 things").has_value());
  EXPECT_FALSE(temperature("temp 12").has_value());
}

TEST_F(NluQuantityExtractor, AnalyzerReportsTheTemperature) {
  const auto a = read("101 F temp");
  ASSERT_TRUE(a.temperature_c.has_value());
  EXPECT_NEAR(*a.temperature_c, 38.33, 0.01);
  EXPECT_TRUE(a.has("fever"));
}

// ---- plain answers --------------------------------------------------------------------------

TEST_F(NluQuantityExtractor, PlainYes) {
  for (const char* text : {"yeah", "yes", "yep", "a bit", "yes please", "i think so", "yes it is", "Yes."})
    EXPECT_EQ(answer(text), plain_answer::yes) << text;
}

TEST_F(NluQuantityExtractor, PlainNo) {
  for (const char* text : {"nope", "no", "nah", "not really", "not at all", "No, but my leg is numb"})
    EXPECT_EQ(answer(text), plain_answer::no) << text;
}

TEST_F(NluQuantityExtractor, PlainUnsure) {
  for (const char* text : {"not sure", "dunno", "no idea", "i dont know"})
    EXPECT_EQ(answer(text), plain_answer::unsure) << text;
}

TEST_F(NluQuantityExtractor, AnswerWordsInsideLongerStatementsAreNotPlainAnswers) {
  EXPECT_EQ(answer("a bit of pain in my back when I bend"), plain_answer::none);
  EXPECT_EQ(answer("my back hurts"), plain_answer::none);
  EXPECT_EQ(answer("I have no numbness or weakness in my legs"), plain_answer::none);
  EXPECT_EQ(answer(""), plain_answer::none);
}

TEST_F(NluQuantityExtractor, NegatedSignIsNotAPlainAnswer) {
  EXPECT_EQ(answer("no fever"), plain_answer::none);
  EXPECT_EQ(answer("no numbness"), plain_answer::none);
}

// Asked for a score, a bare answer or a message opening with its number answers it; "worst" further
// into a longer message tells when, not how much.
TEST_F(NluQuantityExtractor, AScoreAnswerIsBareOrOpensTheMessage) {
  EXPECT_EQ(score("pretty bad", true), 6);
  EXPECT_EQ(score("an 8 when I bend, had to ring in sick yesterday and today", true), 8);
  EXPECT_FALSE(score("It's worst first thing in the morning, but a hot shower loosens it by lunchtime", true).has_value());
}

TEST_F(NluQuantityExtractor, AnAgeToldAsYearsHadInEitherPerson) {
  ASSERT_TRUE(age("my son have 11 years, his knee hurts").has_value());
  EXPECT_EQ(age("my son have 11 years, his knee hurts")->years, 11);
  ASSERT_TRUE(age("Our daughter Maisie is 12").has_value());
  EXPECT_EQ(age("Our daughter Maisie is 12")->years, 12);
}

// "mon" is only ever a day; "sun" and "sat" are days after a time word or closing a clause no person opens.
TEST_F(NluQuantityExtractor, ShortDayNamesCloseAClauseOrFollowATimeWord) {
  constexpr int thursday = 4;
  EXPECT_EQ(days("tweaked my lower back putting the bins out mon, its a 3 now", thursday), 3);
  EXPECT_EQ(days("did my back in gardening sun, way better now", thursday), 4);
  EXPECT_FALSE(days("I sat, and my back hurt", thursday).has_value());
}

// ", 17 btw" is the writer's age; "like a newborn giraffe" is nobody's; "my little bro is 12" is the brother's.
TEST_F(NluQuantityExtractor, AgesAsAnAsideAndNotInASimile) {
  const auto aside = read("my mates said i looked like a newborn giraffe im dead, 17 btw");
  ASSERT_TRUE(aside.age.has_value());
  EXPECT_EQ(aside.age->years, 17);
  const auto bro = read("my little bro is 12 n hes been ill w a temp since yday");
  ASSERT_TRUE(bro.age.has_value());
  EXPECT_EQ(bro.age->years, 12);
  EXPECT_EQ(bro.patient_relation, "little bro");
}

TEST_F(NluQuantityExtractor, ARelationAndItsAgeAsSentencesOfTheirOwn) {
  const auto grandson = read("Grandson. Twelve. Sore knee, left one.");
  ASSERT_TRUE(grandson.age.has_value());
  EXPECT_EQ(grandson.age->years, 12);
  EXPECT_EQ(grandson.patient_relation, "grandson");
  // A number that goes on in its sentence is no age.
  const auto score = read("Grandson. Twelve weeks of this knee pain.");
  EXPECT_FALSE(score.age.has_value() && score.age->years == 12);
}

TEST_F(NluQuantityExtractor, AndHalfWithoutTheA) {
  EXPECT_EQ(days("Two and half weeks ago I slip on the wet floor at work"), 18);
}

TEST_F(NluQuantityExtractor, YearsRightAfterThePersonAreTheirAge) {
  // "my boy Yousef 5 yrs": after the person, or the person and a name, the years are an age, not how
  // long it has hurt.
  for (const auto* text : {"my boy 5 yrs", "my boy Yousef 5 yrs", "please help, my boy Yousef 5 yrs"}) {
    const auto a = read(text);
    ASSERT_TRUE(a.age) << text;
    EXPECT_EQ(a.age->years, 5) << text;
    EXPECT_FALSE(a.duration) << text;
  }
  // A time with the person named earlier is still a duration.
  EXPECT_EQ(days("my son has had knee pain for 2 years"), 730);
}

TEST_F(NluQuantityExtractor, TwoScoresOneDatedNowTellTheTrend) {
  EXPECT_EQ(read("lower back, a 4 on Sunday, more like a 2 today").trend, "better");
  EXPECT_EQ(read("my back was an 8 last week and now it's a 5").trend, "better");
  EXPECT_EQ(read("low back pain, first day it was about a five, now it's maybe a two or three").trend, "better");
  EXPECT_EQ(read("low back pain, it's a 6 now but was a 3 yesterday").trend, "worse");
  // Two movements, neither dated now: no trend.
  EXPECT_FALSE(read("low back pain, 7/10 when I bend and 3/10 at rest").trend.has_value());
  // One score dated now tells none.
  EXPECT_FALSE(read("low back pain, about a 6 today").trend.has_value());
  // A trend in words wins over the scores.
  EXPECT_EQ(read("low back, a 6 on Monday, a 3 now, but getting worse again").trend, "worse");
}

TEST_F(NluQuantityExtractor, TheScoreDatedNowIsThePainScore) {
  EXPECT_EQ(score("low back pain, it's a 6 now but was a 3 yesterday"), 6);
  EXPECT_EQ(score("lower back, about a five on Sunday, today (Tuesday) more like a 2"), 2);
  EXPECT_EQ(score("low back pain, 7/10 when I bend, 3/10 at rest"), 3);  // the last stated, as before
}

TEST_F(NluQuantityExtractor, ThePainIsANumber) {
  EXPECT_EQ(score("he says the pain in the hip and low back is 9, he can't move the leg"), 9);
  EXPECT_EQ(score("my back pain is 7"), 7);
  EXPECT_FALSE(score("my hip pain is 3 weeks old").has_value());
  EXPECT_FALSE(score("my hip hurts and the dog is 9").has_value());
}

TEST_F(NluQuantityExtractor, OrdinalsAndPercentagesAreNoAges) {
  EXPECT_FALSE(age("my sister was pregnant with her 2nd").has_value());
  EXPECT_FALSE(age("it was her 3rd op").has_value());
  EXPECT_FALSE(age("Obs: RR 16, sats 97% RA").has_value());
  EXPECT_EQ(age("she is 80, my mum").value().years, 80);
}

TEST_F(NluQuantityExtractor, ANumberBeforeAWordOfYearsIsNoTemperature) {
  EXPECT_FALSE(temperature("no fever, no numb spots, bathroom's normal. 41 years old").has_value());
  EXPECT_FALSE(temperature("no temperature. 39 yrs").has_value());
  EXPECT_NEAR(*temperature("no fever. 38.6 this morning"), 38.6, 0.01);
}

TEST_F(NluQuantityExtractor, AReadingToldAsOverItsWholeNumberCountsSo) {
  // "100 somethin" (Fahrenheit) is over 100: about 38 degrees, a fever.
  ASSERT_TRUE(temperature("chills, fever was 100 somethin").has_value());
  EXPECT_GE(*temperature("chills, fever was 100 somethin"), 38.0);
  EXPECT_LT(*temperature("fever was 100"), 38.0);
}

TEST_F(NluQuantityExtractor, ANameAfterAWordOfSmallnessThenItsAge) {
  const auto a = age("wee Isla's 6 and she's been hirpling since Sunday");
  ASSERT_TRUE(a.has_value());
  EXPECT_EQ(a->years, 6);
  ASSERT_TRUE(age("our Callum's 9 and limping").has_value());
  // A word that could be a name after "for" is no person's age ("for Isla 6 times").
  EXPECT_FALSE(age("asked for Isla 6 times").has_value());
}

}  // namespace
}  // namespace triagebot::nlu
