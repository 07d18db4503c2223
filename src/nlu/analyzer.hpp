#pragma once
// Reads one message: which concepts it mentions and how (affirmed, negated, someone else's, past,
// hypothetical), the findings they form, and the quantities and slots it states.
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "nlu/context_detector.hpp"
#include "nlu/lexicon.hpp"
#include "nlu/quantity_extractor.hpp"

namespace triagebot::nlu {

struct mention {
  std::string concept_id;  // a lexicon concept or a finding
  mention_status status = mention_status::affirmed;
  int sentence = 0;
  std::string words;       // the words of the message that matched
  std::size_t begin = 0;   // token range in the message
  std::size_t end = 0;
  std::string why;         // with analysis_options::explain: what decided the status, or nearly did
};

enum class plain_answer { none, yes, no, unsure };

struct analysis {
  std::vector<mention> mentions;
  std::optional<age_statement> age;
  std::optional<std::string> patient_relation;  // who the patient is, when the message says it
  std::optional<duration_statement> duration;
  std::optional<int> pain_score;
  std::optional<double> temperature_c;
  std::optional<std::string> region;  // first body part the person names for themself
  bool region_by_pain = false;        // the region's part was told with a pain word beside it
  std::optional<std::string> side;
  std::optional<std::string> last_place;  // the last body part named for the patient (a region concept)
  std::optional<std::string> last_sign;   // the sign a `sign_told_before` finding may take from the last sentence
  std::optional<std::string> trend;   // the last trend stated
  bool out_of_scope_only = false;     // names only body parts the bot does not cover
  plain_answer answer = plain_answer::none;
  std::optional<double> bare_number;  // the message is just a number
  std::vector<correction> corrections;
  std::vector<token> tokens;
  std::size_t word_count = 0;

  bool has(std::string_view concept_id, mention_status status = mention_status::affirmed) const;
  bool mentions_concept(std::string_view concept_id) const;  // in any status
};

struct analysis_options {
  std::optional<std::string> patient_relation;  // known from earlier messages
  int today_weekday = 0;                        // 1 = Monday; 0 = unknown
  bool expecting_pain_score = false;
  // Early in a conversation, "my dad's speech is slurred" makes the dad the patient (CLINICAL: a
  // person asking for someone describes that person's signs). Off once the person's own complaint
  // is known, so "my mum had cancer" later stays someone else's.
  bool infer_patient = false;
  bool explain = false;  // fill mention::why (chat --explain); costs a string per mention
  // The body part the patient named last in earlier messages (a region concept, "part_foot"): "my left
  // foot feels wrong" ... "it's gone pale and cold" binds the colour to the foot.
  std::optional<std::string> place_before = std::nullopt;
  // A sign the previous message told in its last sentence that a `sign_told_before` finding may take:
  // "numbness in my right leg started in my big toe" ... "now its spread up the side of my shin".
  std::optional<std::string> sign_before = std::nullopt;
  int today_month = 0;  // 1 = January; 0 = unknown: "in June" then dates nothing
};

analysis analyze(const lexicon& lex, std::string_view text, const analysis_options& options);
// The same for a message already split: `raw_tokens` is tokenize(normalize_text(text)). A turn splits
// its message once and reads it up to three times (and compares it with the buttons).
analysis analyze(const lexicon& lex, const std::vector<token>& raw_tokens, const analysis_options& options);
// One reading with the patient as given, without inferring who the patient is.
analysis analyze_once(const lexicon& lex, std::string_view text, const analysis_options& options);
analysis analyze_once(const lexicon& lex, const std::vector<token>& raw_tokens, const analysis_options& options);

}  // namespace triagebot::nlu
