#pragma once
// Decides, for each concept found in a message, whether it is the person's own current sign or not:
// negated (NegEx, Chapman et al. 2001), someone else's, over and done with, or hypothetical
// (ConText, Harkema et al. 2009). Scopes end at sentence ends and terminator words.
#include <optional>
#include <string>
#include <vector>

#include "nlu/phrase_matcher.hpp"

namespace triagebot::nlu {

enum class mention_status { affirmed, negated, other_person, historical, hypothetical };

std::string_view to_string(mention_status status);

struct context_options {
  // Set when the person is asking for someone else ("my son is 13"): that relation word and the
  // third-person pronouns then refer to the patient, not to another person.
  std::optional<std::string> patient_relation;
  std::size_t pre_negation_window = 8;   // tokens between a trigger and what it negates
  std::size_t post_negation_window = 4;
  std::size_t refer_back_window = 10;    // "temperature ... and it's been normal": an answer referring back
};

// One status per match (only concept matches are meaningful). With `why`, also one sentence per
// match saying what decided it or what nearly did, for `chat --explain`: the trigger and its words
// ("negated by \"no\""), or a trigger whose scope ended before the mention ("\"no\" stops at \"only\"").
// With `notes`, also what else each match's reading found (see match_notes).
struct match_notes {
  // The writer's own, counting only for its `writer_too` concepts ("I'm anxious" writing for a
  // daughter: a crisis word of the writer's, no worry of hers).
  bool writers_own = false;
  // A history concept that counts although dated long ago ("a hernia op years ago").
  bool dated_long_ago = false;
  // Set for a match whose event concepts tell no event: a body part is its subject ("his mouth has
  // dropped"); its other concepts (a droop) still count.
  bool no_event = false;
  // Set for a match told in a comparison ("hit me like a truck"): its `not_in_comparison` concepts
  // tell nothing; its other concepts still count.
  bool in_comparison = false;
  // Set for a match told of no one ("they drilled into us about clots"): its `needs_owner` concepts
  // tell nothing; its other concepts still count.
  bool unowned = false;
};
std::vector<mention_status> detect_context(const lexicon& lex, const std::vector<token>& tokens,
                                           const std::vector<phrase_match>& matches,
                                           const context_options& options, std::vector<std::string>* why = nullptr,
                                           std::vector<match_notes>* notes = nullptr);

}  // namespace triagebot::nlu
