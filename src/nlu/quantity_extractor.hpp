#pragma once
// Numbers people type, in digits or words, read as the quantities the triage needs: how long the
// pain has lasted (in days), a 0-10 pain score, an age (and whose), a body temperature.
#include <optional>
#include <string>
#include <vector>

#include "nlu/context_detector.hpp"
#include "nlu/lexicon.hpp"
#include "nlu/phrase_matcher.hpp"
#include "nlu/tokenizer.hpp"

namespace triagebot::nlu {

struct parsed_number {
  double value = 0;
  std::size_t end = 0;  // first token after the number
};

// A number at token `pos`: digits, a range ("3-4", "6 or 7": the larger), or number words
// ("three", "a couple of", "a few").
std::optional<parsed_number> parse_number(const lexicon& lex, const std::vector<token>& tokens, std::size_t pos);

struct duration_statement {
  int days = 0;
  int priority = 0;   // how surely it is the pain's duration: 0 (another event) to 3
  std::string words;
};

// A month told as a length of time ("since september", "in June").
inline constexpr int kDaysPerMonth = 30;

// Months back from `today_month` to `month` (0 to 11); `last` makes this month a year back.
int months_back(int today_month, int month, bool last);

// today_weekday: 1 = Monday ... 7 = Sunday, and today_month: 1 to 12 (0 when unknown), from the turn
// context.
std::optional<duration_statement> find_duration(const lexicon& lex, const std::vector<token>& tokens,
                                                const matched_text& matched,
                                                const std::vector<mention_status>& statuses, int today_weekday,
                                                int today_month);

// A pain score told in the words ("7/10", "about a 6"), and the token where its number stands.
struct told_score {
  int value = 0;
  std::size_t at = 0;
  bool dated_now = false;  // "a 2 today", "now it's a 2"
};
// Every pain score told in the words, in order: those "out of 10" if any, else "a 6" in a sentence about
// the pain.
std::vector<told_score> told_pain_scores(const lexicon& lex, const std::vector<token>& tokens, const matched_text& matched);
// "a 4 on Sunday, more like a 2 today", "was an 8, now it's a 5": two scores, one dated now, tell the
// trend ("better" or "worse"); "7 when I bend, 3 at rest" dates neither and tells none.
std::optional<std::string> trend_from_scores(const std::vector<told_score>& scores);

// "7/10", "3 out of 10", "4 of 10", "3-4/10" (the higher); the one dated now, else the last one stated. With
// expecting_score (the pending question is the pain score) a bare number or a word ("mild") counts.
std::optional<int> find_pain_score(const lexicon& lex, const std::vector<token>& tokens,
                                   const matched_text& matched, bool expecting_score);
// The same from the scores told_pain_scores found, for a reader that needs them for the trend too.
std::optional<int> find_pain_score(const lexicon& lex, const std::vector<token>& tokens, const std::vector<told_score>& told,
                                   bool expecting_score);

struct age_statement {
  int years = 0;
  std::optional<std::string> relation;  // "son" in "my son is 13"; empty for the person typing
  bool implied = false;                 // from a word that implies an age band ("toddler")
};

// `writer_is_patient` false (someone else is the patient): the writer's own age ("I'm only fifty!")
// is not the patient's and is passed over.
std::optional<age_statement> find_age(const lexicon& lex, const std::vector<token>& tokens, bool writer_is_patient = true);

// A body temperature in degrees Celsius ("temp 38.9", "39.4", "101 F").
std::optional<double> find_temperature(const lexicon& lex, const std::vector<token>& tokens);

}  // namespace triagebot::nlu
