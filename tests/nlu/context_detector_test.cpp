// Unit tests for nlu/context_detector with the shipped lexicon: negation (pre and post, windows,
// terminators, sentence ends), someone else's signs, past and hypothetical mentions.
#include "nlu/context_detector.hpp"

#include <gtest/gtest.h>

#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "nlu/lexicon.hpp"
#include "nlu/phrase_matcher.hpp"
#include "nlu/text_normalizer.hpp"
#include "nlu/tokenizer.hpp"
#include "nlu/analyzer.hpp"
#include "rules/rules_loader.hpp"

namespace triagebot::nlu {
namespace {

class NluContextDetector : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    if (!rules_) rules_ = rules::load_rules(TRIAGEBOT_RULES_DIR).rules;
  }
  void SetUp() override { ASSERT_NE(rules_, nullptr) << "the shipped rules did not load from " << TRIAGEBOT_RULES_DIR; }

  static const lexicon& lex() { return rules_->lexicon; }

  struct result {
    std::vector<token> tokens;
    matched_text matched;
    std::vector<mention_status> statuses;
  };

  static result detect(std::string_view text, const context_options& options = {}) {
    result r;
    r.tokens = tokenize(normalize_text(text));
    r.matched = match_phrases(lex(), r.tokens);
    r.statuses = detect_context(lex(), r.tokens, r.matched.matches, options);
    return r;
  }

  // The status of the (first) concept match that includes concept `id`; nullopt when absent.
  static std::optional<mention_status> status_of(std::string_view text, std::string_view id,
                                                 const context_options& options = {}) {
    const auto r = detect(text, options);
    const int index = lex().concept_index(id);
    EXPECT_GE(index, 0) << "unknown concept id " << id;
    for (std::size_t i = 0; i < r.matched.matches.size(); ++i) {
      const auto& m = r.matched.matches[i];
      if (m.kind != match_kind::concept_phrase) continue;
      for (int c : m.concepts)
        if (c == index) return r.statuses[i];
    }
    return std::nullopt;
  }

  static std::shared_ptr<const rules::rule_set> rules_;
};

std::shared_ptr<const rules::rule_set> NluContextDetector::rules_;

constexpr auto affirmed = mention_status::affirmed;
constexpr auto negated = mention_status::negated;
constexpr auto other_person = mention_status::other_person;
constexpr auto historical = mention_status::historical;
constexpr auto hypothetical = mention_status::hypothetical;

TEST_F(NluContextDetector, StatusNames) {
  EXPECT_EQ(to_string(affirmed), "affirmed");
  EXPECT_EQ(to_string(negated), "negated");
  EXPECT_EQ(to_string(other_person), "other_person");
  EXPECT_EQ(to_string(historical), "historical");
  EXPECT_EQ(to_string(hypothetical), "hypothetical");
}

TEST_F(NluContextDetector, OneStatusPerMatch) {
  const auto r = detect("no fever but my bum is numb");
  EXPECT_EQ(r.statuses.size(), r.matched.matches.size());
}

TEST_F(NluContextDetector, PlainMentionIsAffirmed) {
  EXPECT_EQ(status_of("my leg is numb", "numbness"), affirmed);
  EXPECT_EQ(status_of("I have a fever", "fever"), affirmed);
}

// ---- negation -------------------------------------------------------------------------------

TEST_F(NluContextDetector, PreNegationNegatesWhatFollows) {
  EXPECT_EQ(status_of("no fever", "fever"), negated);
  EXPECT_EQ(status_of("denies fever", "fever"), negated);
  EXPECT_EQ(status_of("without any numbness", "numbness"), negated);
  EXPECT_EQ(status_of("I don't have a fever", "fever"), negated);
  EXPECT_EQ(status_of("I haven't had a temperature", "fever"), negated);
}

TEST_F(NluContextDetector, NegationCoversAListOfSigns) {
  const auto text = "I have no numbness or weakness in my legs";
  EXPECT_EQ(status_of(text, "numbness"), negated);
  EXPECT_EQ(status_of(text, "leg_weakness"), negated);
}

TEST_F(NluContextDetector, EachNoNegatesItsOwnSign) {
  const auto text = "No fever, no numbness down there";
  EXPECT_EQ(status_of(text, "fever"), negated);
  EXPECT_EQ(status_of(text, "numbness"), negated);
  EXPECT_EQ(status_of(text, "saddle_area"), negated);
}

TEST_F(NluContextDetector, PreNegationWindowIsEightTokens) {
  // Eight tokens between the trigger and the concept: still negated; nine: not.
  EXPECT_EQ(status_of("no x x x x x x x x numbness", "numbness"), negated);
  EXPECT_EQ(status_of("no x x x x x x x x x numbness", "numbness"), affirmed);
}

TEST_F(NluContextDetector, PreNegationWindowIsAnOption) {
  context_options narrow;
  narrow.pre_negation_window = 1;
  EXPECT_EQ(status_of("no real numbness", "numbness", narrow), negated);
  EXPECT_EQ(status_of("no x x numbness", "numbness", narrow), affirmed);
  EXPECT_EQ(status_of("no x x numbness", "numbness"), negated);
}

TEST_F(NluContextDetector, PostNegationNegatesWhatPrecedes) {
  EXPECT_EQ(status_of("my legs are fine", "part_leg"), negated);
  EXPECT_EQ(status_of("the swelling is normal", "swelling"), negated);
}

TEST_F(NluContextDetector, PostNegationWindowIsFourTokens) {
  EXPECT_EQ(status_of("numbness x x x x is fine", "numbness"), negated);
  EXPECT_EQ(status_of("numbness x x x x x is fine", "numbness"), affirmed);
  context_options narrow;
  narrow.post_negation_window = 0;
  EXPECT_EQ(status_of("swelling is fine", "swelling", narrow), negated);
  EXPECT_EQ(status_of("swelling x is fine", "swelling", narrow), affirmed);
}

TEST_F(NluContextDetector, NegationWordStandingAloneBeforePunctuationNegatesNothing) {
  // "No, ..." answers a question; it does not negate the clause after it.
  EXPECT_EQ(status_of("No, my leg is numb", "numbness"), affirmed);
  EXPECT_EQ(status_of("no. numb bum", "numbness"), affirmed);
}

TEST_F(NluContextDetector, TerminatorEndsTheNegationScope) {
  EXPECT_EQ(status_of("no fever but my bum is numb", "fever"), negated);
  EXPECT_EQ(status_of("no fever but my bum is numb", "numbness"), affirmed);
  EXPECT_EQ(status_of("no real issues apart from numbness", "numbness"), affirmed);
  EXPECT_EQ(status_of("no fever however my bum is numb", "numbness"), affirmed);
}

TEST_F(NluContextDetector, TerminatorEndsThePostNegationScope) {
  EXPECT_EQ(status_of("numbness but otherwise fine", "numbness"), affirmed);
}

TEST_F(NluContextDetector, SentenceEndEndsTheNegationScope) {
  EXPECT_EQ(status_of("no fever. numb bum.", "numbness"), affirmed);
  EXPECT_EQ(status_of("no fever\nnumb bum", "numbness"), affirmed);
  EXPECT_EQ(status_of("numb bum. the rest is fine", "numbness"), affirmed);
}

TEST_F(NluContextDetector, NewFirstPersonClauseAfterACommaEndsTheNegation) {
  EXPECT_EQ(status_of("no fever, my legs are numb", "fever"), negated);
  EXPECT_EQ(status_of("no fever, my legs are numb", "numbness"), affirmed);
}

TEST_F(NluContextDetector, NewFirstPersonClauseAfterAndEndsTheNegation) {
  // "no fever and my leg is numb": the numb leg is the person's own current sign.
  EXPECT_EQ(status_of("no fever and my leg is numb", "numbness"), affirmed);
}

TEST_F(NluContextDetector, PseudoTriggersDoNotNegate) {
  EXPECT_EQ(status_of("not only numbness but tingling too", "numbness"), affirmed);
  EXPECT_EQ(status_of("not only numbness but tingling too", "tingling"), affirmed);
  EXPECT_EQ(status_of("no doubt about it, my leg is numb", "numbness"), affirmed);
}

// ---- other person ---------------------------------------------------------------------------

TEST_F(NluContextDetector, RelationMakesTheSignSomeoneElses) {
  EXPECT_EQ(status_of("my dad had cancer", "cancer_history"), other_person);
  EXPECT_EQ(status_of("my friend had a dvt", "dvt_named"), other_person);
  EXPECT_EQ(status_of("my son has a limp", "limp"), other_person);
}

TEST_F(NluContextDetector, PronounMakesTheSignSomeoneElses) {
  EXPECT_EQ(status_of("She has a fever", "fever"), other_person);
  EXPECT_EQ(status_of("he is limping", "limp"), other_person);
}

TEST_F(NluContextDetector, FamilyHistoryIsSomeoneElses) {
  EXPECT_EQ(status_of("family history of cancer", "cancer_history"), other_person);
}

TEST_F(NluContextDetector, OtherPersonOutranksNegation) {
  EXPECT_EQ(status_of("my mum has no fever", "fever"), other_person);
}

TEST_F(NluContextDetector, PatientRelationMakesTheRelationAndPronounsThePatient) {
  context_options for_son;
  for_son.patient_relation = "son";
  EXPECT_EQ(status_of("my son has a limp", "limp", for_son), affirmed);
  EXPECT_EQ(status_of("he is limping", "limp", for_son), affirmed);
  EXPECT_EQ(status_of("his leg is swollen", "swelling", for_son), affirmed);
  // Anyone else is still someone else.
  EXPECT_EQ(status_of("his grandad had cancer", "cancer_history", for_son), other_person);
  EXPECT_EQ(status_of("my daughter has a limp", "limp", for_son), other_person);
}

TEST_F(NluContextDetector, FirstPersonEndsTheOtherPersonScope) {
  const auto text = "my mum had cancer and now my leg is numb";
  EXPECT_EQ(status_of(text, "cancer_history"), other_person);
  EXPECT_EQ(status_of(text, "numbness"), affirmed);
}

TEST_F(NluContextDetector, FirstPersonWithAVerbEndsTheOtherPersonScope) {
  const auto text = "my mum had cancer and I have numbness";
  EXPECT_EQ(status_of(text, "cancer_history"), other_person);
  EXPECT_EQ(status_of(text, "numbness"), affirmed);
}

TEST_F(NluContextDetector, OtherPersonScopeEndsAtTheSentence) {
  const auto text = "My dad had a DVT. I have a swollen calf.";
  EXPECT_EQ(status_of(text, "dvt_named"), other_person);
  EXPECT_EQ(status_of(text, "swelling"), affirmed);
}

// ---- past -----------------------------------------------------------------------------------

TEST_F(NluContextDetector, PastTriggersMakeASignHistorical) {
  EXPECT_EQ(status_of("had a DVT 10 years ago", "dvt_named"), historical);
  EXPECT_EQ(status_of("used to get sciatica", "sciatica"), historical);
  EXPECT_EQ(status_of("I had a blood clot in 2015", "dvt_named"), historical);
  EXPECT_EQ(status_of("numbness as a child", "numbness"), historical);
}

TEST_F(NluContextDetector, HistoryConceptsStillCountInThePast) {
  EXPECT_EQ(status_of("had breast cancer 7 yrs ago", "cancer_history"), affirmed);
  EXPECT_EQ(status_of("I had cancer in 2010, all clear now", "cancer_history"), affirmed);
}

TEST_F(NluContextDetector, PastTriggerAfterTheSignMakesItHistorical) {
  EXPECT_EQ(status_of("the numbness went away", "numbness"), historical);
  EXPECT_EQ(status_of("sciatica in my twenties", "sciatica"), historical);
}

TEST_F(NluContextDetector, FamilyHistoryAfterTheSignIsSomeoneElses) {
  EXPECT_EQ(status_of("cancer runs in the family", "cancer_history"), other_person);
}

TEST_F(NluContextDetector, OngoingSinceLastYearIsNotHistorical) {
  EXPECT_EQ(status_of("back pain since last year", "pain"), affirmed);
  EXPECT_EQ(status_of("my back has hurt since last year", "pain"), affirmed);
}

// ---- hypothetical ---------------------------------------------------------------------------

TEST_F(NluContextDetector, HypotheticalTriggers) {
  EXPECT_EQ(status_of("what if I get numbness", "numbness"), hypothetical);
  EXPECT_EQ(status_of("could it be cancer", "cancer_history"), hypothetical);
  EXPECT_EQ(status_of("worried about cancer", "cancer_history"), hypothetical);
  EXPECT_EQ(status_of("in case it is a clot", "dvt_named"), hypothetical);
}

// "I've read about the scary stuff: nothing's numb": the trigger nearer the sign decides it.
TEST_F(NluContextDetector, ANegationNearerThanAWorrySettlesTheSign) {
  EXPECT_EQ(status_of("i've read about the scary stuff: nothing's numb down there", "numbness"), negated);
  EXPECT_EQ(status_of("i've read about the scary stuff, peeing is totally normal", "bladder_bowel_word"), negated);
  // The worry nearer than the negation still makes it a worry.
  EXPECT_EQ(status_of("no idea, i'm worried about numbness", "numbness"), hypothetical);
  EXPECT_EQ(status_of("i read about numbness", "numbness"), hypothetical);
}

// "a disc bulge (MRI last year) and it's flared up - sciatica for 3 weeks now": an aside in brackets
// keeps its date to itself.
TEST_F(NluContextDetector, ADateInBracketsStaysInsideThem) {
  EXPECT_EQ(status_of("a disc bulge at L5 (MRI last year) and now sciatica down my left leg", "sciatica"), affirmed);
  EXPECT_EQ(status_of("I had sciatica last year and it went", "sciatica"), historical);
}

// "the calf looks puffier, not sure if that's part of healing?": a resolution asked about is no resolution.
TEST_F(NluContextDetector, AResolutionInsideAQuestionAfterTheSignDoesNotEndIt) {
  EXPECT_EQ(status_of("the calf looks puffier and warm, not sure if that's part of healing?", "swelling"), affirmed);
  EXPECT_EQ(status_of("the calf looked puffier, we were worried about a clot, but that has healed now", "swelling"), historical);
}

// "a high fever for a few days, but I got over that weeks ago": the next clause refers back.
TEST_F(NluContextDetector, AClauseReferringBackAFewWordsOnStillEndsTheSign) {
  EXPECT_EQ(status_of("I had the flu with a high fever but I got over that weeks ago", "fever"), historical);
  EXPECT_EQ(status_of("I have a high fever but I think it is from my back", "fever"), affirmed);
}

TEST_F(NluContextDetector, IgnoreHypotheticalConceptsStayAffirmed) {
  EXPECT_EQ(status_of("what if I end it all", "crisis_words"), affirmed);
  EXPECT_EQ(status_of("worried I might kill myself", "crisis_words"), affirmed);
}

// "cant feel nothin down there": the second negative word repeats the first, it negates nothing.
TEST_F(NluContextDetector, NegativeConcordIsNotANewNegation) {
  EXPECT_EQ(status_of("i cant feel nothin down there when i wipe", "saddle_area"), affirmed);
  // A negative word after a clause break is a negation of its own.
  EXPECT_EQ(status_of("i cant walk far, no numbness down there", "saddle_area"), negated);
  EXPECT_EQ(status_of("nothing down there feels different", "saddle_area"), negated);
  // "without" after a negation is a second negation: the screaming happens.
  EXPECT_EQ(status_of("i cant bend it even a lil without screaming", "severe_pain"), affirmed);
  EXPECT_EQ(status_of("i can walk without screaming", "severe_pain"), negated);
}

// "(no car involved), helmet's cracked": a negation inside brackets stays inside them.
TEST_F(NluContextDetector, NegationInsideBracketsStaysThere) {
  EXPECT_EQ(status_of("came off my bike (no car involved), helmet's cracked, hip grazed", "head_knock"), affirmed);
  EXPECT_EQ(status_of("came off my bike (no car involved), helmet's cracked, hip grazed", "vehicle"), negated);
}

// "took his temperature twice, it's normal": "it" right before the answer is the sign itself.
TEST_F(NluContextDetector, ItBeforeAPostNegationRefersBackToTheSign) {
  EXPECT_EQ(status_of("I took my temperature twice, it's normal both times", "fever"), negated);
  EXPECT_EQ(status_of("checked my temperature, it was fine", "fever"), negated);
  // A complete clause before the comma keeps the answer to its own clause.
  EXPECT_EQ(status_of("my leg is numb, it's fine when I sit", "numbness"), affirmed);
  // "it" that starts a longer clause is not an answer to the sign.
  EXPECT_EQ(status_of("I have a temperature, it makes the back feel normal", "fever"), affirmed);
}

// "Do I need to worry about chest pain? I don't have any": a short denial naming nothing answers the
// sentence before it; a longer clause, a bare "No." or a place or pain word is not denied that way.
TEST_F(NluContextDetector, ShortDenialAnswersTheSentenceBefore) {
  EXPECT_EQ(status_of("Do I need to worry about chest pain? I don't have any.", "chest_pain"), negated);
  EXPECT_EQ(status_of("My physio said to watch out for numbness down below. I don't have either.", "numbness"), negated);
  EXPECT_EQ(status_of("why ask if I've had thoughts of harming myself? I haven't, just curious", "crisis_words"), negated);
  EXPECT_EQ(status_of("chest pain with a bad back? I don't have any.", "part_lower_back"), affirmed);
  EXPECT_EQ(status_of("My calf is swollen. I haven't done anything to it.", "swelling"), affirmed);
  EXPECT_EQ(status_of("My leg is numb. No.", "numbness"), affirmed);
  EXPECT_EQ(status_of("I can't feel the paper when I wipe. Probably nothing?", "numbness"), affirmed);
  EXPECT_EQ(status_of("My leg is numb. I don't have a fever.", "numbness"), affirmed);
}

// Writing for someone, the patient may be the one who denies: "she doesn't have any". Without a
// patient named, "she" is someone else, and her denial answers nothing of the writer's.
TEST_F(NluContextDetector, ThePatientsShortDenialAnswersTheSentenceBefore) {
  const context_options for_mum{std::string("mum")};
  EXPECT_EQ(status_of("Do I need to worry about chest pain? She doesn't have any.", "chest_pain", for_mum), negated);
  EXPECT_EQ(status_of("Do I need to worry about chest pain? Mum hasn't.", "chest_pain", for_mum), negated);
  EXPECT_EQ(status_of("Do I need to worry about chest pain? She doesn't have any.", "chest_pain"), hypothetical);
  EXPECT_EQ(status_of("I have chest pain. She doesn't have any.", "chest_pain"), affirmed);
}

// A time that dates its own clause now ends the reach of a past time before it ("she fell last year,
// and since this morning she can't stand"); after the sign, it stops a later past time ("swollen
// since yesterday, had a clot years ago") but not a resolution of the same thing ("a temperature over
// the weekend, it's gone").
TEST_F(NluContextDetector, ACurrentTimeEndsThePastOfAnEarlierClause) {
  EXPECT_EQ(status_of("I fell last year, and since this morning I cant put weight on it", "fall"), historical);
  EXPECT_EQ(status_of("I fell last year, and since this morning I cant put weight on it", "non_weight_bearing"), affirmed);
  EXPECT_EQ(status_of("my calf is swollen since yesterday, had a clot years ago", "swelling"), affirmed);
  EXPECT_EQ(status_of("my calf is swollen since yesterday, had a clot years ago", "dvt_named"), historical);
  EXPECT_EQ(status_of("I had a temperature over the weekend, its gone now", "fever"), historical);
  EXPECT_EQ(status_of("I leak a bit when I sneeze, have done since an operation ten years ago", "urinary_incontinence"),
            historical);
  EXPECT_EQ(status_of("my calf was swollen last year", "swelling"), historical);
}

// Medicine at hand is the writer's means whoever it belongs to; a body sign told of mum stays hers.
TEST_F(NluContextDetector, AnyOwnerConceptsCountWhoeverOwnsThem) {
  EXPECT_EQ(status_of("a box of my mum's old sleeping tablets in the drawer", "medication"), affirmed);
  EXPECT_EQ(status_of("my mum's back is numb", "numbness"), other_person);
}

// "she'd be better off if I went to sleep and didn't wake up": "if i" speaks as the writer and ends
// her scope; "not mind ... if I never woke up" accepts, it does not deny.
TEST_F(NluContextDetector, TheWriterSpeakingInsideATriggerEndsSomeoneElsesScope) {
  EXPECT_NE(status_of("she would be better off if I went to sleep and didn't wake up", "crisis_words"), other_person);
  EXPECT_EQ(status_of("my sister thinks she has a fever", "fever"), other_person);
  EXPECT_NE(status_of("I'd lie down tonight and not mind at all if I never woke up", "crisis_words"), negated);
}

// A question someone asked, answered in the same sentence by a bare denial, denies what it asked about;
// an answer that tells a sign, or a question left unanswered, does not.
TEST_F(NluContextDetector, AQuestionAnsweredByADenialDeniesWhatItAsked) {
  context_options for_dad;
  for_dad.patient_relation = "dad";
  EXPECT_EQ(status_of("the nurse asked had I fallen I haven't and I don't think I've got a temperature", "fall"), negated);
  EXPECT_EQ(status_of("the nurse asked him about thoughts of harming himself: he said no, nothing like that", "crisis_words", for_dad),
            negated);
  EXPECT_EQ(status_of("coach asked if he took a hard hit, he didnt", "impact_event", for_dad), negated);
  EXPECT_EQ(status_of("the nurse asked him about thoughts of harming himself", "crisis_words", for_dad), affirmed);
  EXPECT_EQ(status_of("I asked him about numbness and he said he can't feel his bum", "numbness", for_dad), hypothetical);
  EXPECT_EQ(status_of("I asked him about numbness and he said he can't feel his bum", "saddle_area", for_dad), affirmed);
  EXPECT_NE(status_of("the doctor asked if he had a fever, he said no but his legs are numb", "numbness", for_dad), negated);
}

// Dictated without punctuation, a clause about something long over ends at a new subject: "that was
// sorted out" does not reach back over "he didnt fall" to the numb foot; "after she had me" is no new clause.
TEST_F(NluContextDetector, AnUnpunctuatedNewSubjectEndsWhatAPastClauseReaches) {
  context_options for_gentleman;
  for_gentleman.patient_relation = "gentleman";
  EXPECT_EQ(status_of("the pain is unbearable his foots gone numb he didnt fall he had a clot on his lung years ago but that was "
                      "sorted out",
                      "numbness", for_gentleman),
            affirmed);
  context_options for_mum;
  for_mum.patient_relation = "mum";
  EXPECT_EQ(status_of("She had a clot in her leg after she had me, thirty-four years ago, and nothing since", "dvt_named", for_mum),
            historical);
}

// "Bumps or falls? None that any of us saw.": a short question the writer asks themself, answered by a
// denial opening the next sentence, is denied.
TEST_F(NluContextDetector, AShortQuestionTheWriterAnswersIsDenied) {
  context_options for_daughter;
  for_daughter.patient_relation = "daughter";
  EXPECT_EQ(status_of("Bumps or falls? None that any of us saw, nursery says the same.", "fall", for_daughter), negated);
  EXPECT_EQ(status_of("Any falls? Yes, last night on the stairs.", "fall", for_daughter), affirmed);
  // A longer question is no short one the writer answers.
  EXPECT_NE(status_of("Did she fall over at nursery today or something? None of the staff would say.", "fall", for_daughter),
            negated);
}

// "he fell last week but he was totally fine after": the person it happened to, fine after it, ends it.
TEST_F(NluContextDetector, APatientFineAfterItMakesAnEventPast) {
  context_options for_son;
  for_son.patient_relation = "son";
  EXPECT_EQ(status_of("he fell off the monkey bars last week but he was totally fine after", "fall", for_son), historical);
  EXPECT_EQ(status_of("he came off the trampoline a week ago but he was running round fine straight after", "fall", for_son),
            historical);
  EXPECT_EQ(status_of("he had a fall but he is limping now", "fall", for_son), affirmed);
}

// "cant feel nothing" repeats one negation; "not himself he hasnt fallen" is two clauses, each with its own.
TEST_F(NluContextDetector, ANewSubjectEndsNegativeConcord) {
  context_options for_son;
  for_son.patient_relation = "son";
  EXPECT_EQ(status_of("he's lying on the sofa not himself he hasn't fallen over that we know of", "fall", for_son), negated);
  EXPECT_EQ(status_of("he cant feel nothing down there", "numbness", for_son), affirmed);
}

// "What I actually wanted to ask about is my right calf": what follows "is" is told, not asked about.
TEST_F(NluContextDetector, WhatFollowsALeadInIsTold) {
  EXPECT_EQ(status_of("What I actually wanted to ask about is my right calf", "part_calf"), affirmed);
  EXPECT_EQ(status_of("I wanted to ask about my calf", "part_calf"), hypothetical);
}

TEST_F(NluContextDetector, HypotheticalOutranksPast) {
  EXPECT_EQ(status_of("worried about a dvt like years ago", "dvt_named"), hypothetical);
}

TEST_F(NluContextDetector, NonConceptMatchesStayAffirmed) {
  // Trigger matches carry the default status; only concept statuses are meaningful.
  const auto r = detect("no");
  ASSERT_EQ(r.statuses.size(), 1u);
  EXPECT_EQ(r.statuses[0], affirmed);
}

}  // namespace
}  // namespace triagebot::nlu

namespace triagebot::nlu {
namespace {

// A comma that starts a new clause ends the negation; one inside a list of signs does not.
TEST(NluCommaScope, NewClauseAfterACommaIsNotNegated) {
  static const auto rules = triagebot::rules::load_rules(TRIAGEBOT_RULES_DIR).rules;
  auto status = [&](const char* text, const char* id) {
    const auto a = analyze(rules->lexicon, text, {});
    for (const auto& m : a.mentions) if (m.concept_id == id) return m.status;
    ADD_FAILURE() << id << " not found in \"" << text << "\"";
    return mention_status::affirmed;
  };
  EXPECT_EQ(status("no fever, both legs are numb", "bilateral_leg_symptoms"), mention_status::affirmed);
  EXPECT_EQ(status("not feverish, numb when i wipe", "numbness"), mention_status::affirmed);
  EXPECT_EQ(status("no fever, chills or sweats", "night_sweats"), mention_status::negated);
  EXPECT_EQ(status("no numbness, tingling or weakness", "tingling"), mention_status::negated);
}

TEST_F(NluContextDetector, ADenialWithItsOwnSubjectMayEndWithAtAll) {
  EXPECT_EQ(status_of("Fever I didnt have at all, not one day", "fever"), mention_status::negated);
  EXPECT_EQ(status_of("fever I dont have either", "fever"), mention_status::negated);
  // Going on to a sign of its own, the denial is of that sign.
  EXPECT_EQ(status_of("fever, i dont have at all any tingling", "fever"), mention_status::affirmed);
}

TEST_F(NluContextDetector, SomeoneTheWriterHandlesOwnsNothingAfterThemInTheClause) {
  // reading.handled_before: the baby is carried; the hip it is carried on is the writer's.
  EXPECT_EQ(status_of("back aches from carrying the baby on one hip", "part_hip"), affirmed);
  EXPECT_EQ(status_of("carried cement bags for my brother, the pain runs down to the ankle", "part_ankle"), affirmed);
  // Named as the subject, the person owns what follows.
  EXPECT_EQ(status_of("my son hurt his hip", "part_hip"), other_person);
}

}  // namespace
}  // namespace triagebot::nlu
