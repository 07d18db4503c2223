#include "engine/engine.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <set>

#include "nlu/analyzer.hpp"
#include "nlu/phrase_matcher.hpp"
#include "nlu/text_normalizer.hpp"
#include "nlu/tokenizer.hpp"

namespace triagebot::engine {
namespace {

using json = nlohmann::json;
using rules::level;

constexpr std::size_t kHistoryLimit = 50;
constexpr std::size_t kRecentRepliesLimit = 20;
constexpr const char* kRestartPayload = "/restart";
// The flag whose outcome carries the crisis line (PROTOCOL `crisis_line`) and whose question may follow another outcome.
constexpr const char* kCrisisFlag = "crisis";
// The FAQ a person asked while a confirming question came first (its id), answered once that is done.
constexpr const char* kDeferredFaqSlot = "deferred_faq";
// Set while the patient types on the first writer's phone (reading.hands_over), cleared on hands_back.
constexpr const char* kPatientTypingSlot = "patient_typing";

std::string fill(std::string text, const std::map<std::string, std::string>& values) {
  for (const auto& [key, value] : values) {
    const std::string placeholder = "{" + key + "}";
    for (auto pos = text.find(placeholder); pos != std::string::npos; pos = text.find(placeholder, pos + value.size()))
      text.replace(pos, placeholder.size(), value);
  }
  return text;
}

std::string join(const std::vector<std::string>& parts, std::string_view separator) {
  std::string out;
  for (std::size_t i = 0; i < parts.size(); ++i) {
    if (i) out += separator;
    out += parts[i];
  }
  return out;
}

// Compares button titles and payloads the way the person may retype them. `tokens`: the text as
// tokenize(normalize_text()) splits it.
std::string fold(const std::vector<nlu::token>& tokens) {
  std::string out;
  for (const auto& t : tokens) {
    if (t.kind == nlu::token_kind::punct) continue;
    if (!out.empty()) out += ' ';
    out += t.text;
  }
  return out;
}

std::string fold(std::string_view text) { return fold(nlu::tokenize(nlu::normalize_text(text))); }

bool contains(const std::vector<std::string>& v, const std::string& x) { return std::find(v.begin(), v.end(), x) != v.end(); }

// The reply's small objects are built field by field: a braced initializer list makes nlohmann::json
// build a temporary array for every pair and then copy it, which cost more than the rest of the
// reply. The objects are the same (their keys are kept sorted either way).
json quick_reply(std::string_view title, std::string_view payload) {
  json reply = json::object();
  reply["title"] = title;
  reply["payload"] = payload;
  return reply;
}

json prompt(json messages, const json& quick_replies, const json& input) {
  json p = json::object();
  p["messages"] = std::move(messages);
  p["quick_replies"] = quick_replies;
  p["input"] = input;
  return p;
}

// A question's buttons: yes, no and not sure for a yes/no question, then the options `shown`.
json question_buttons(const rules::rule_set& r, const rules::question& q, const std::vector<const rules::question_option*>& shown) {
  json buttons = json::array();
  if (q.kind == rules::input_kind::yes_no) {
    buttons.push_back(quick_reply(r.text("button_yes"), "yes"));
    buttons.push_back(quick_reply(r.text("button_no"), "no"));
    buttons.push_back(quick_reply(r.text("button_unsure"), "unsure"));
  }
  for (const auto* o : shown) buttons.push_back(quick_reply(o->title, o->payload));
  return buttons;
}

// What a question asks for (PROTOCOL `input`); `confirms`: the red flag a "yes" would raise, if any.
json question_input(const rules::question& q, const rules::red_flag* confirms) {
  using rules::input_kind;
  json input = json::object();
  input["kind"] = std::string(rules::to_string(q.kind));
  input["slot"] = q.slot;
  if (q.kind == input_kind::scale) {
    input["min"] = q.min;
    input["max"] = q.max;
  }
  if (q.kind == input_kind::number && q.unit) input["unit"] = *q.unit;
  // An optional PROTOCOL addition: which red flag a "yes" would raise.
  if (confirms) input["red_flag"] = confirms->id;
  return input;
}

class turn {
 public:
  turn(const rules::rule_set& r, const rule_aids& aids, conversation_state s, const turn_context& ctx)
      : r_(r), aids_(aids), s_(std::move(s)), ctx_(ctx) {}

  turn_result start(const start_frame& f) {
    if (f.session && s_.started() && *f.session == s_.session) return resume();
    begin_new(f.locale);
    if (f.session) say(r_.text("not_found"));
    greet();
    ask_next_or_conclude();
    return finish();
  }

  turn_result restart() {
    const bool was_started = s_.started();
    const auto previous = s_.outcome_level();
    const std::string previous_advice =
        s_.outcome.is_object() && s_.outcome.contains("advice") ? s_.outcome.at("advice").get<std::string>() : std::string();
    const auto locale = s_.started() ? std::optional<std::string>(s_.locale) : std::nullopt;
    begin_new(locale);
    // A restart before any start is an implicit start: the greeting comes first.
    if (was_started) say(r_.text("restart_confirmation"));
    if (previous && (*previous == level::emergency || *previous == level::urgent) && !previous_advice.empty())
      say(fill(r_.text("repeat_advice"), {{"advice", previous_advice}}));
    greet();
    ask_next_or_conclude();
    return finish();
  }

  turn_result message(const message_frame& f) {
    if (f.id) {
      for (const auto& r : s_.recent_replies)
        if (r.id == *f.id) return turn_result{std::move(s_), r.frame, false};
    }
    // Split once: the message is compared with the restart words here and with buttons below, and read.
    const auto raw_tokens = nlu::tokenize(nlu::normalize_text(f.text));
    const auto folded = fold(raw_tokens);
    if (folds_to(kRestartPayload, folded) || folds_to(r_.text("button_restart"), folded)) {
      auto result = restart();
      remember(result, f.id);
      return result;
    }
    if (!s_.started()) {
      begin_new(std::nullopt);
      greet();
    }
    remember_history("person", f.text);
    handle(f.text, raw_tokens, folded);
    auto result = finish();
    remember(result, f.id);
    return result;
  }

 private:
  // ---- conversation lifecycle -------------------------------------------------------------
  void begin_new(const std::optional<std::string>& locale) {
    s_ = conversation_state{};
    s_.session = ctx_.new_session_id;
    s_.rules_version = r_.info.version;
    s_.locale = r_.info.default_locale;
    if (locale && contains(r_.info.locales, *locale)) s_.locale = *locale;
    s_.outcome = nullptr;
    s_.last_prompt = nullptr;
  }

  void greet() {
    say(r_.text("greeting"));
    say(r_.text("privacy"));
  }

  turn_result resume() {
    resumed_ = true;
    say(r_.text("resumed"));
    if (s_.last_prompt.is_object()) {
      for (const auto& m : s_.last_prompt.at("messages")) say(m.get<std::string>());
      quick_replies_ = s_.last_prompt.at("quick_replies");
      input_ = s_.last_prompt.at("input");
    }
    if (messages_.size() == 1 && s_.concluded) say(r_.text("after_outcome"));
    history_ = json::array();
    for (const auto& h : s_.history) history_.push_back({{"from", h.from}, {"text", h.text}});
    return finish();
  }

  // ---- one message ------------------------------------------------------------------------
  // `raw_tokens`: the text as tokenize(normalize_text()) splits it; `folded`: as fold() reads it.
  void handle(const std::string& text, const std::vector<nlu::token>& raw_tokens, const std::string& folded) {
    const rules::question* pending = s_.pending.empty() ? nullptr : find_question(s_.pending);
    nlu::analysis_options options{s_.patient_relation, ctx_.today_weekday, pending && pending->slot == "pain_score",
                                  !s_.patient_relation && !known_slot("region")};
    if (const auto* place = slot_text("last_place")) options.place_before = *place;
    if (const auto* sign = slot_text("last_sign")) options.sign_before = *sign;
    options.today_month = ctx_.today_month;
    auto a = nlu::analyze(r_.lexicon, raw_tokens, options);
    if (s_.patient_relation && !a.patient_relation && r_.lexicon.says_writer_is_patient(a.tokens)) {
      switch_patient_to_writer(options);
      a = nlu::analyze(r_.lexicon, raw_tokens, options);
    }
    // "Slipped off the ladder ... Back's sore." then "this is his wife. It was NOT the second rung, he was
    // up level with the window": someone else has the phone and tells of the first writer as "he" or
    // "she". That writer stays the patient, now named by the pronouns; the new writer's own words are theirs.
    if (!s_.patient_relation && told_before() && r_.lexicon.writer_named_as_theirs(a.tokens)) {
      s_.patient_relation = "someone";
      options.patient_relation = s_.patient_relation;
      options.infer_patient = false;
      a = nlu::analyze(r_.lexicon, raw_tokens, options);
    }
    // "Writing for my husband ..." then "its derek now. im pouring sweat": the patient has the phone, and
    // what they tell of themselves is theirs until the first writer takes it back ("his wife again").
    // "asking for my wife" ... "wife here: ..." ... "husband here again": a message that names its writer
    // by the patient's relation word is the patient's; by another one, the first writer's.
    if (s_.patient_relation) {
      const auto writer = r_.lexicon.writer_named_first(a.tokens);
      if (r_.lexicon.hands_back(a.tokens) || (writer && *writer != *s_.patient_relation)) s_.slots.erase(kPatientTypingSlot);
      else if (r_.lexicon.hands_over(a.tokens) || writer) set_slot_text(kPatientTypingSlot, "yes");
      if (slot_text(kPatientTypingSlot)) {
        auto patient_typing = options;
        patient_typing.patient_relation.reset();
        patient_typing.infer_patient = false;
        a = nlu::analyze(r_.lexicon, raw_tokens, patient_typing);
      }
    }
    // A tapped button sends its payload, an identifier ("tense", "hot_joint"): it answers the question
    // and is not read as words, which could say more (or other) than the button's title.
    if (pending && is_payload_of(*pending, folded)) {
      nlu::analysis button_only;
      button_only.tokens = std::move(a.tokens);
      a = std::move(button_only);
    }
    const auto* faq = match_faq(a.tokens);
    // "What does the glute med do?" names a body part but says nothing about where it hurts; "I have
    // pain in the low back ... the doctor says sciatica. Are you a doctor?" does, whatever it also asks.
    const auto tells_pain = [&] {
      return std::any_of(a.mentions.begin(), a.mentions.end(), [&](const nlu::mention& m) {
        return m.status == nlu::mention_status::affirmed && r_.lexicon.is_pain_word(m.concept_id);
      });
    };
    if (faq && !tells_pain()) {
      a.region.reset();
      a.side.reset();
      a.out_of_scope_only = false;
    }
    const bool patient_named_now = a.patient_relation && !s_.patient_relation;
    // "I have a bad back but this is not why I write. My son is four, he limps, his knee hurts": the
    // writer was taken for the patient until someone else's age and pain were told; the earlier words
    // are read again for that person, after this message's.
    if (patient_named_now && a.region && told_before()) {
      forget_what_words_told();
      // Where it hurts was the writer's, even when it answered the region question.
      s_.slots.erase("region");
      s_.slots.erase("side");
    }
    bool understood = merge(a);
    if (patient_named_now) reread_earlier_messages(options);
    bool answered = false;
    if (pending) {
      answered = answer(*pending, text, folded, a);
      understood = understood || answered;
    }
    if (!answered && tells_age_alone(a, pending)) {
      set_slot("age", a.tokens.front().value, 1, a.tokens.front().text);
      understood = true;
    }
    if (!answered && !slot_has_value("age")) {
      if (const auto years = age_beyond_the_scale(a, pending)) {
        set_slot("age", *years, 1, text);
        understood = true;
      }
    }
    const std::size_t faq_answer_at = messages_.size();
    if (faq) {
      say(faq->answer);
      understood = true;
    }
    const auto matches = match_red_flags();
    reopen_after_taking_back(matches);
    if (const auto* q = question_that_may_raise(matches)) {
      ask(*q);
      return;
    }
    if (escalate_on_red_flags(matches)) {
      s_.slots.erase(kDeferredFaqSlot);
      ask_crisis_question_after_outcome(a, faq != nullptr);
      return;
    }
    const bool confirming_now = !s_.concluded && queue_confirming_questions(a, faq != nullptr);
    // "... both calves achy ... what exercises can I do?": a red flag's confirming question comes first,
    // alone, so the one question the person must answer now is not buried under exercise advice; the
    // answer to their own question comes with the advice at the end (none after an emergency).
    if (faq && confirming_now) defer_faq_answer(*faq, faq_answer_at);
    if (s_.concluded) {
      if (!reconsider_disposition() && !faq) {
        // "no thanks" to "anything else?" closes politely; other words get the usual prompt.
        if (a.answer == nlu::plain_answer::no) say(r_.text("goodbye"));
        else say(understood ? r_.text("after_outcome") : r_.text("fallback"));
      }
      show_follow_ups();
      return;
    }
    // A question about the muscle is not an unusable answer: answer it and ask again.
    if (pending && !answered && !faq) {
      if (++s_.pending_misses >= r_.info.unusable_answers_limit) {
        record_unsure(*pending);
        say(r_.text("not_sure_recorded"));
      } else if (!understood) {
        say(r_.text("fallback"));
      } else {
        say(r_.text("reprompt"));
      }
    }
    if (a.out_of_scope_only && !known_slot("region")) {
      say(r_.text("out_of_scope"));
    }
    ask_next_or_conclude();
    // "... Can I do the glute bridges while I'm pregnant?": a red-flag screening question stands alone,
    // as a confirming question does (above), so the person's answer is to it and not to the muscle; the
    // answer to their own question comes with the advice at the end.
    if (faq && !s_.concluded && !slot_text(kDeferredFaqSlot))
      if (const auto* asked = s_.pending.empty() ? nullptr : find_question(s_.pending); asked && asked->screening)
        defer_faq_answer(*faq, faq_answer_at);
  }

  // Takes the FAQ answer said at `answer_at` out of this reply, to be said with the advice at the end
  // (answer_deferred_faq).
  void defer_faq_answer(const rules::faq& faq, std::size_t answer_at) {
    if (messages_.size() <= answer_at) return;
    messages_.erase(messages_.begin() + static_cast<std::ptrdiff_t>(answer_at));
    set_slot_text(kDeferredFaqSlot, faq.id);
  }

  // A number that could be someone's age in years: whole, from 1 to 110.
  static bool could_be_an_age(double value) { return value >= 1 && value <= 110 && std::floor(value) == value; }

  // "my little girl" then "6": a bare number sent while someone else is named and their age is unknown,
  // to a question that takes no number ("Where is the pain mostly?"), is that person's age.
  bool tells_age_alone(const nlu::analysis& a, const rules::question* pending) const {
    if (!s_.patient_relation || slot_has_value("age") || a.tokens.size() != 1) return false;
    if (pending && (pending->kind == rules::input_kind::number || pending->kind == rules::input_kind::scale)) return false;
    const auto& t = a.tokens.front();
    return t.kind == nlu::token_kind::number && could_be_an_age(t.value);
  }

  // "runner, 39" or, for the grandson, "12", sent to "how bad is the pain, from 0 to 10": a short
  // message whose one number, a whole number beyond the scale, ends it or its clause, and which tells no
  // score, length or temperature, is an age. Below 16 only when someone else is the patient: a writer's
  // own "12" is more likely a score than a child's age.
  std::optional<double> age_beyond_the_scale(const nlu::analysis& a, const rules::question* pending) const {
    if (!pending || pending->kind != rules::input_kind::scale || a.pain_score || a.duration || a.temperature_c || a.age) return std::nullopt;
    constexpr std::size_t kMostWords = 4;
    const auto words = std::count_if(a.tokens.begin(), a.tokens.end(), [](const nlu::token& t) { return t.kind != nlu::token_kind::punct; });
    if (static_cast<std::size_t>(words) > kMostWords) return std::nullopt;
    const nlu::token* number = nullptr;
    for (std::size_t i = 0; i < a.tokens.size(); ++i) {
      const auto& t = a.tokens[i];
      if (t.kind != nlu::token_kind::number) continue;
      const bool ends_clause = i + 1 == a.tokens.size() || a.tokens[i + 1].text == "," || a.tokens[i + 1].text == ".";
      if (number || !ends_clause) return std::nullopt;
      number = &t;
    }
    if (!number || !could_be_an_age(number->value) || number->value <= pending->max) return std::nullopt;
    if (number->value < 16 && !s_.patient_relation) return std::nullopt;
    return number->value;
  }

  // "it goes down my leg" then "well not down the leg really, sorry, just into the top of my bum
  // cheek": a sign told in the message before, denied in this one with a word of correction in the
  // denial's sentence, is taken back (left untold). So is one this message opens by retracting ("no wait
  // that was the cold I had last month"), told now as past, someone's worry or taken back; and "pain down
  // both legs" then "wait no, only the left" takes back both sides. The findings built on a sign taken
  // back go with it. Only the message right before: an older sign stays told.
  std::vector<std::string> signs_taken_back(const nlu::analysis& a) const {
    std::vector<std::string> ids;
    const auto told_just_before = [&](const std::string& id) {
      const auto it = s_.facts.find(id);
      return it != s_.facts.end() && it->second.state == fact_state::present && it->second.source == "text" && it->second.turn == s_.turn;
    };
    const auto retraction_end = r_.lexicon.opening_retraction(a.tokens);
    const bool opens_with_retraction = retraction_end.has_value();
    for (const auto& m : a.mentions) {
      if (!told_just_before(m.concept_id) || contains(ids, m.concept_id)) continue;
      const bool denied = m.status == nlu::mention_status::negated &&
                          (opens_with_retraction || r_.lexicon.marks_correction(a.tokens, m.sentence));
      const bool retold_otherwise = opens_with_retraction && m.sentence == a.tokens[*retraction_end - 1].sentence &&
                                    (m.status == nlu::mention_status::historical || m.status == nlu::mention_status::hypothetical);
      if (denied || retold_otherwise) ids.push_back(m.concept_id);
    }
    // "got numbness in my leg" then "sorry no ignore that, my leg had gone dead because I'd been sitting
    // on it": a finding told just before is taken back when the retraction's sentence tells what rules
    // it out (one of its none_of: "sitting on it").
    // "my backside went dead on the pew" then "It came right within a minute of standing up": so is one
    // the next message, opening by referring back to it, explains the same way.
    static constexpr std::array<std::string_view, 5> back_references{"it", "its", "that", "thats", "this"};
    const bool opens_referring_back =
        !a.tokens.empty() && std::find(back_references.begin(), back_references.end(), a.tokens.front().text) != back_references.end();
    if (opens_with_retraction || opens_referring_back) {
      const int sentence = opens_with_retraction ? a.tokens[*retraction_end - 1].sentence : 0;
      for (const auto& f : r_.lexicon.data().findings) {
        if (!told_just_before(f.id) || contains(ids, f.id)) continue;
        const bool explained = std::any_of(a.mentions.begin(), a.mentions.end(), [&](const nlu::mention& m) {
          return m.sentence == sentence && m.status == nlu::mention_status::affirmed && contains(f.none_of, m.concept_id);
        });
        if (explained) ids.push_back(f.id);
      }
    }
    // "not both", "no not both really": the retraction itself may say which.
    const bool both_taken_back =
        opens_with_retraction && ((a.side && *a.side != "both") ||
                                  std::any_of(a.tokens.begin(), a.tokens.begin() + static_cast<std::ptrdiff_t>(*retraction_end),
                                              [](const nlu::token& t) { return t.text == "both"; }));
    if (both_taken_back)
      for (const auto& [id, side] : r_.lexicon.data().sides)
        if (side == "both" && told_just_before(id) && !contains(ids, id)) ids.push_back(id);
    if (ids.empty()) return ids;
    for (const auto& f : r_.lexicon.data().findings) {
      if (!told_just_before(f.id) || contains(ids, f.id)) continue;
      const bool built_on = std::any_of(f.all_of.begin(), f.all_of.end(), [&](const std::vector<std::string>& group) {
        return std::any_of(group.begin(), group.end(), [&](const std::string& part) { return contains(ids, part); });
      });
      if (built_on) ids.push_back(f.id);
    }
    return ids;
  }

  bool merge(const nlu::analysis& a) {
    bool learned = false;
    const bool length_told_before = s_.slots.contains("duration_days");
    if (a.patient_relation && !s_.patient_relation) s_.patient_relation = a.patient_relation;
    // A slot recorded as "not sure" takes what the person tells later ("... my lower back", "I'm 45").
    if (a.age) {
      if (!slot_has_value("age")) {
        set_slot("age", static_cast<double>(a.age->years), 1, std::to_string(a.age->years));
        learned = true;
      }
    }
    taken_back_ = signs_taken_back(a);
    for (const auto& id : taken_back_) s_.facts.erase(id);
    learned = learned || !taken_back_.empty();
    for (const auto& m : a.mentions) {
      if (contains(taken_back_, m.concept_id)) continue;
      auto& f = s_.facts[m.concept_id];
      if (m.status == nlu::mention_status::affirmed && f.state != fact_state::present) {
        f = fact_record{fact_state::present, "text", m.words, s_.turn + 1};
        learned = true;
      } else if (m.status == nlu::mention_status::negated && f.state == fact_state::unknown) {
        f = fact_record{fact_state::absent, "text", m.words, s_.turn + 1};
        learned = true;
      } else if (f.state == fact_state::unknown && f.source.empty()) {
        s_.facts.erase(m.concept_id);  // other people's, past or hypothetical mentions leave it unknown
      }
    }
    if (a.duration && a.duration->priority >= 1) {
      auto it = s_.slots.find("duration_days");
      if (it == s_.slots.end() || (!it->second.unsure && it->second.priority < a.duration->priority)) {
        set_slot("duration_days", a.duration->days, a.duration->priority, a.duration->words);
        learned = true;
      }
    }
    if (a.pain_score) {
      set_slot("pain_score", *a.pain_score, 1, std::to_string(*a.pain_score) + "/10");
      learned = true;
    }
    // "My lower back's always stiff ..." then "For the last couple of months I've had a deep ache in my
    // right groin": the first pain told with how long it has lasted is the one the person asks about.
    if (a.region && slot_has_value("region") && a.duration && a.duration->priority >= 3 && !length_told_before &&
        *slot_text("region") != *a.region)
      s_.slots.erase("region");
    if (a.region && !slot_has_value("region")) {
      set_slot_text("region", *a.region);
      // A part named with no pain beside it ("had an abscess on my thigh") says less surely where it
      // hurts than a part told as painful later ("a deep pain in my low back"), which replaces it.
      if (!a.region_by_pain) s_.slots["region"].priority = 0;
      learned = true;
    } else if (a.region && a.region_by_pain) {
      auto& told = s_.slots["region"];
      if (told.text && told.priority == 0) {
        if (*told.text != *a.region) learned = true;
        set_slot_text("region", *a.region);
      }
    }
    // "thigh pain" ... "well not thigh exactly, it's deep in the right groin": a message that denies a
    // part of the region told before and names one of another region corrects where it hurts.
    if (const auto* region = slot_text("region"); a.region && region && *a.region != *region) {
      const auto& regions = r_.lexicon.data().regions;
      const bool denies_old_part = std::any_of(a.mentions.begin(), a.mentions.end(), [&](const nlu::mention& m) {
        const auto it = regions.find(m.concept_id);
        return m.status == nlu::mention_status::negated && it != regions.end() && it->second == *region;
      });
      if (denies_old_part) { set_slot_text("region", *a.region); learned = true; }
    }
    if (a.side && !slot_has_value("side")) { set_slot_text("side", *a.side); learned = true; }
    if (a.trend) { set_slot_text("trend", *a.trend); learned = true; }
    if (a.last_place) set_slot_text("last_place", *a.last_place);
    // Only the message right before may lend its sign.
    if (a.last_sign) set_slot_text("last_sign", *a.last_sign);
    else s_.slots.erase("last_sign");
    return learned || a.out_of_scope_only;
  }

  // "he's gone grey and sweaty ... sorry, it's my husband": signs told before the patient was named
  // were read as someone else's; once the patient is known, the person's earlier messages are read
  // again for that patient (the message just handled is the last history entry).
  void reread_earlier_messages(nlu::analysis_options options) {
    options.patient_relation = s_.patient_relation;
    options.infer_patient = false;
    options.expecting_pain_score = false;
    std::vector<std::string> earlier;
    for (const auto& h : s_.history)
      if (h.from == "person") earlier.push_back(h.text);
    if (!earlier.empty()) earlier.pop_back();
    for (const auto& text : earlier) merge(nlu::analyze(r_.lexicon, text, options));
  }

  // Whether the person wrote anything before the message just handled (the last history entry).
  bool told_before() const {
    return std::count_if(s_.history.begin(), s_.history.end(), [](const auto& h) { return h.from == "person"; }) > 1;
  }

  // "my dad had prostate cancer ... it's me I'm asking about": the bot took someone else for the
  // patient and the person says it is themself. What their words told is read again for them (the
  // other person's signs become someone else's); what they answered to questions stays.
  void switch_patient_to_writer(nlu::analysis_options& options) {
    s_.patient_relation.reset();
    forget_what_words_told();
    options.patient_relation.reset();
    options.infer_patient = false;
    reread_earlier_messages(options);
  }

  // What the person's words told was read for the wrong patient: the facts and slots they gave go (answers
  // to questions stay), and so do the confirming questions queued for them.
  void forget_what_words_told() {
    std::erase_if(s_.facts, [](const auto& fact) { return fact.second.source == "text"; });
    std::erase_if(s_.slots, [&](const auto& slot) {
      return std::none_of(s_.answered.begin(), s_.answered.end(), [&](const std::string& id) {
        const auto* q = find_question(id);
        return q && q->slot == slot.first;
      });
    });
    // Confirming questions queued for those words ("had cancer") go with them.
    std::erase_if(s_.queue, [&](const std::string& id) {
      return std::any_of(r_.red_flags.begin(), r_.red_flags.end(),
                         [&](const rules::red_flag& f) { return f.confirm && f.confirm->question == id; });
    });
  }

  // Confirm before dismissing: words of a flag's broad vocabulary that did not raise it ("I can't
  // really tell when I've finished weeing"), told or feared and asked about ("could this be a clot?",
  // whose answer the reader cannot know), put the flag's confirming question first in line, most
  // urgent flag first (the rules' order), unless it was answered already. A question the FAQ answered
  // ("what happens if it is weak?") asked about the muscle, not about a sign. Returns whether it put any
  // question first.
  bool queue_confirming_questions(const nlu::analysis& a, bool answered_by_faq) {
    std::vector<std::string> ahead;
    const auto found = s_.red_flags();
    const auto* region = slot_text("region");
    for (const auto& flag : r_.red_flags) {
      if (!flag.confirm || contains(found, flag.id) || !touches(flag, a, answered_by_faq, region)) continue;
      const auto* q = find_question(flag.confirm->question);
      if (!q || contains(s_.answered, q->id) || known(*q) || contains(ahead, q->id)) continue;
      ahead.push_back(q->id);
    }
    if (ahead.empty()) return false;
    std::erase_if(s_.queue, [&](const std::string& id) { return contains(ahead, id); });
    s_.queue.insert(s_.queue.begin(), ahead.begin(), ahead.end());
    return true;
  }

  void answer_deferred_faq() {
    const auto* id = slot_text(kDeferredFaqSlot);
    if (!id) return;
    const auto faq = std::find_if(r_.faqs.begin(), r_.faqs.end(), [&](const rules::faq& f) { return f.id == *id; });
    if (faq != r_.faqs.end()) say(faq->answer);
    s_.slots.erase(kDeferredFaqSlot);
  }

  // "... cauda equina signs ... tbh I've had enough of all of it": another emergency concluded first, and a
  // possible crisis the reader could not settle still gets its one direct question, after the advice
  // (CLINICAL: a crisis overrides everything). The outcome stands while it waits for the answer.
  void ask_crisis_question_after_outcome(const nlu::analysis& a, bool answered_by_faq) {
    if (contains(s_.red_flags(), kCrisisFlag)) return;
    const auto flag = std::find_if(r_.red_flags.begin(), r_.red_flags.end(), [](const rules::red_flag& f) { return f.id == kCrisisFlag; });
    if (flag == r_.red_flags.end() || !flag->confirm) return;
    const auto* q = find_question(flag->confirm->question);
    if (!q || contains(s_.answered, q->id) || known(*q)) return;
    if (contains(s_.queue, q->id) || touches(*flag, a, answered_by_faq)) ask(*q);
  }

  // Whether the message touches the flag's broad vocabulary: told, or feared and asked about (unless the
  // FAQ answered the message: "what happens if it is weak?" asks about the muscle, not about a sign).
  // A flag bound to some regions (a leg compartment) is not touched while the pain is elsewhere.
  bool touches(const rules::red_flag& flag, const nlu::analysis& a, bool answered_by_faq) const {
    return touches(flag, a, answered_by_faq, slot_text("region"));
  }
  // `region`: slot_text("region"), looked up once for all the flags.
  bool touches(const rules::red_flag& flag, const nlu::analysis& a, bool answered_by_faq, const std::string* region) const {
    if (region && !flag.confirm->regions.empty() && !contains(flag.confirm->regions, *region)) return false;
    return std::any_of(a.mentions.begin(), a.mentions.end(), [&](const nlu::mention& m) {
      if (m.status == nlu::mention_status::affirmed) return contains(flag.confirm->touched_by, m.concept_id);
      return m.status == nlu::mention_status::hypothetical && !answered_by_faq &&
             (contains(flag.confirm->touched_by, m.concept_id) || contains(flag.confirm->asked_about, m.concept_id));
    });
  }

  // Applies the message as an answer to the pending question; false when it does not answer it.
  bool answer(const rules::question& q, const std::string& text, const std::string& folded, const nlu::analysis& a) {
    using rules::input_kind;
    if (q.kind == input_kind::yes_no) {
      std::optional<nlu::plain_answer> reply;
      if (folded == "yes" || folds_to(r_.text("button_yes"), folded)) reply = nlu::plain_answer::yes;
      else if (folded == "no" || folds_to(r_.text("button_no"), folded)) reply = nlu::plain_answer::no;
      else if (folded == "unsure" || folds_to(r_.text("button_unsure"), folded)) reply = nlu::plain_answer::unsure;
      if (!reply) {
        for (const auto& fact : q.yes_facts) {
          if (a.has(fact)) reply = nlu::plain_answer::yes;
          else if (!reply && a.has(fact, nlu::mention_status::negated)) reply = nlu::plain_answer::no;
        }
      }
      if (!reply && a.answer != nlu::plain_answer::none) reply = a.answer;
      if (!reply) return false;
      if (*reply == nlu::plain_answer::unsure) {
        record_unsure(q);
        return true;
      }
      for (const auto& fact : q.yes_facts)
        set_fact(fact, *reply == nlu::plain_answer::yes ? fact_state::present : fact_state::absent, q.id, text);
      mark_answered(q);
      return true;
    }
    if (q.kind == input_kind::choice) {
      const rules::question_option* chosen = nullptr;
      for (const auto& o : q.options)
        if (folds_to(o.payload, folded) || folds_to(o.title, folded)) chosen = &o;
      // "worse, and there's a limp now": a button's word first, then more words.
      if (!chosen && a.tokens.size() > 1 && a.tokens[1].kind == nlu::token_kind::punct)
        for (const auto& o : q.options)
          if (folds_to(o.payload, a.tokens[0].text) && !o.none && !o.unsure) chosen = &o;
      const auto shown = shown_options(q);
      if (!chosen && a.bare_number && *a.bare_number >= 1 && *a.bare_number <= static_cast<double>(shown.size()) &&
          std::floor(*a.bare_number) == *a.bare_number && q.slot != "pain_score")
        chosen = shown[static_cast<std::size_t>(*a.bare_number) - 1];
      if (!chosen && a.answer == nlu::plain_answer::no)
        for (const auto& o : q.options) if (o.none) chosen = &o;
      if (!chosen && a.answer == nlu::plain_answer::unsure)
        for (const auto& o : q.options) if (o.unsure) chosen = &o;
      if (chosen) {
        apply_option(q, *chosen, text);
        return true;
      }
      // Free text that states the slot ("it's my knee") or one of the checklist's signs answers it too.
      if (known(q)) {
        mark_answered(q);
        return true;
      }
      bool told = false;
      for (const auto& fact : q.facts())
        if (a.has(fact)) {
          set_fact(fact, fact_state::present, q.id, text);
          told = true;
        }
      if (!told) return false;
      if (q.screening && !known(q)) release_pending(q);
      else mark_answered(q);
      return true;
    }
    if (a.answer == nlu::plain_answer::unsure) {
      record_unsure(q);
      return true;
    }
    if (q.kind == input_kind::scale) {
      if (a.pain_score && q.slot == "pain_score") { mark_answered(q); return true; }
      if (a.bare_number && *a.bare_number >= q.min && *a.bare_number <= q.max) {
        set_slot(q.slot, *a.bare_number, 1, text);
        mark_answered(q);
        return true;
      }
      return false;
    }
    if (q.kind == input_kind::number) {
      if (q.slot == "duration_days" && a.duration) {
        set_slot(q.slot, a.duration->days, 9, a.duration->words);
      } else if (q.slot == "age" && a.age) {
        set_slot(q.slot, a.age->years, 9, text);
      } else if (const auto n = leading_number(a); n && *n >= q.min && (q.max <= q.min || *n <= q.max)) {
        set_slot(q.slot, *n, 9, text);
      } else {
        return false;
      }
      mark_answered(q);
      return true;
    }
    set_slot_text(q.slot, text);  // free text question
    mark_answered(q);
    return true;
  }

  // "58", "68. I can walk", "58 and otherwise well": a number answering a number question.
  static std::optional<double> leading_number(const nlu::analysis& a) {
    if (a.bare_number) return a.bare_number;
    const auto& t = a.tokens;
    if (t.size() < 2 || t[0].kind != nlu::token_kind::number) return std::nullopt;
    // "4/10 ish" is a score, not a number of its own.
    if (t[1].text == "/") return std::nullopt;
    const bool then_break = t[1].kind == nlu::token_kind::punct || t[1].text == "and" || t[1].text == "but";
    return then_break ? std::optional<double>(t[0].value) : std::nullopt;
  }

  void apply_option(const rules::question& q, const rules::question_option& o, const std::string& text) {
    if (o.unsure) {
      record_unsure(q);
      return;
    }
    if (o.none) {
      for (const auto& fact : q.facts()) set_fact(fact, fact_state::absent, q.id, text);
    }
    for (const auto& fact : o.facts) set_fact(fact, fact_state::present, q.id, o.title);
    if (o.value) set_slot_text(q.slot, *o.value);
    enqueue_follow_ups(o.follow_up);
    if (continues_after_tap(q, o)) release_pending(q);
    else mark_answered(q);
  }

  // `folded`: the message as fold() reads it.
  bool is_payload_of(const rules::question& q, const std::string& folded) const {
    return std::any_of(q.options.begin(), q.options.end(), [&](const rules::question_option& o) { return folds_to(o.payload, folded); });
  }

  // A checklist asks for "the first one that fits": after a worrying tap that settles nothing, the rest
  // of the list is asked again, so a worse sign lower down cannot hide behind the first one.
  bool continues_after_tap(const rules::question& q, const rules::question_option& o) const {
    return q.screening && q.kind == rules::input_kind::choice && !o.none && !o.unsure && !o.facts.empty() && !known(q);
  }

  // An option is settled when the person has one of its signs, or has none of them.
  bool option_settled(const rules::question_option& o) const {
    bool all_absent = true;
    for (const auto& f : o.facts) {
      const auto state = fact_state_of(f);
      if (state == fact_state::present) return true;
      if (state != fact_state::absent) all_absent = false;
    }
    return all_absent;
  }

  // The buttons still worth showing: settled signs of a screening checklist are left out.
  std::vector<const rules::question_option*> shown_options(const rules::question& q) const {
    std::vector<const rules::question_option*> out;
    for (const auto& o : q.options)
      if (!q.screening || o.none || o.unsure || o.facts.empty() || !option_settled(o)) out.push_back(&o);
    return out;
  }

  // The person already tapped one of this checklist's signs: the list is being continued.
  bool continuing(const rules::question& q) const {
    if (!q.screening || q.kind != rules::input_kind::choice) return false;
    for (const auto& f : q.facts())
      if (const auto it = s_.facts.find(f); it != s_.facts.end() && it->second.state == fact_state::present && it->second.source == q.id)
        return true;
    return false;
  }

  fact_state fact_state_of(const std::string& id) const {
    const auto it = s_.facts.find(id);
    return it == s_.facts.end() ? fact_state::unknown : it->second.state;
  }

  void release_pending(const rules::question& q) {
    if (s_.pending == q.id) {
      s_.pending.clear();
      s_.pending_misses = 0;
    }
  }

  void record_unsure(const rules::question& q) {
    if (contains(rules::standard_slots(), q.slot) || q.kind == rules::input_kind::number ||
        q.kind == rules::input_kind::scale || q.kind == rules::input_kind::text) {
      auto& v = s_.slots[q.slot];
      if (!v.text && !v.number) v.unsure = true;
    }
    const auto policy = q.on_unsure;
    for (const auto& fact : q.facts()) {
      if (policy == rules::unsure_policy::present) set_fact(fact, fact_state::present, q.id, "not sure");
      else if (policy == rules::unsure_policy::absent) set_fact(fact, fact_state::absent, q.id, "not sure");
    }
    enqueue_follow_ups(q.follow_up);
    mark_answered(q);
  }

  // Follow-up questions go to the queue once, and never when already answered.
  void enqueue_follow_ups(const std::vector<std::string>& ids) {
    for (const auto& f : ids)
      if (!contains(s_.answered, f) && !contains(s_.queue, f)) s_.queue.push_back(f);
  }

  void mark_answered(const rules::question& q) {
    if (!contains(s_.answered, q.id)) s_.answered.push_back(q.id);
    s_.queue.erase(std::remove(s_.queue.begin(), s_.queue.end(), q.id), s_.queue.end());
    release_pending(q);
  }

  void set_fact(const std::string& id, fact_state state, const std::string& source, const std::string& words) {
    auto& f = s_.facts[id];
    if (f.state == fact_state::present && state != fact_state::present) return;  // a sign once stated stays
    f = fact_record{state, source, words, s_.turn + 1};
  }

  void set_slot(const std::string& slot, double value, int priority, const std::string& words) {
    auto& v = s_.slots[slot];
    v.number = value;
    v.text.reset();
    v.unsure = false;
    v.priority = priority;
    v.words = words;
  }

  void set_slot_text(const std::string& slot, const std::string& value) {
    auto& v = s_.slots[slot];
    v.text = value;
    v.unsure = false;
    v.priority = std::max(v.priority, 1);
    v.words = value;
  }

  // The slot's text value ("low_back" for the region), or nullptr when it has none.
  const std::string* slot_text(const std::string& slot) const {
    const auto it = s_.slots.find(slot);
    return it != s_.slots.end() && it->second.text ? &*it->second.text : nullptr;
  }

  bool slot_has_value(const std::string& slot) const {
    const auto it = s_.slots.find(slot);
    return it != s_.slots.end() && (it->second.text || it->second.number);
  }

  bool known_slot(const std::string& slot) const {
    const auto it = s_.slots.find(slot);
    return it != s_.slots.end() && (it->second.text || it->second.number || it->second.unsure);
  }

  // Whether the conversation already holds what the question asks.
  bool known(const rules::question& q) const {
    if (q.screening && q.kind == rules::input_kind::choice && !q.facts().empty()) {
      // Known when every sign on the list is settled; one sign told does not answer the others.
      for (const auto& o : q.options)
        if (!o.none && !o.unsure && !o.facts.empty() && !option_settled(o)) return false;
      return true;
    }
    if (q.kind == rules::input_kind::yes_no || (q.kind == rules::input_kind::choice && !q.facts().empty())) {
      const auto facts = q.facts();
      bool all_known = !facts.empty();
      for (const auto& f : facts) {
        const auto state = fact_state_of(f);
        if (state == fact_state::present) return true;
        if (state == fact_state::unknown) all_known = false;
      }
      return all_known;
    }
    return known_slot(q.slot);
  }

  // ---- FAQ --------------------------------------------------------------------------------
  // Each FAQ group is looked for on its own (phrases of different FAQs may overlap: "what is").
  bool reads_as_question(const std::vector<nlu::token>& tokens) const {
    std::size_t words = 0;
    for (const auto& t : tokens) {
      if (t.text == "?") return true;
      words += t.kind == nlu::token_kind::word;
    }
    if (words <= static_cast<std::size_t>(r_.faq_question_max_words)) return true;
    const auto& starts = r_.faq_question_starts;
    return !tokens.empty() && std::find(starts.begin(), starts.end(), tokens.front().text) != starts.end();
  }

  const rules::faq* match_faq(const std::vector<nlu::token>& tokens) const {
    if (!reads_as_question(tokens)) return nullptr;
    // Which phrase groups of which FAQs the message holds: only the phrases that start with one of its
    // words are compared (rule_aids::faq_phrases), not every phrase at every word.
    std::vector<bool> held(aids_.faq_group_count, false);
    for (std::size_t i = 0; i < tokens.size(); ++i) {
      const auto it = aids_.faq_phrases.find(tokens[i].text);
      if (it == aids_.faq_phrases.end()) continue;
      for (const auto& p : it->second) {
        const auto& words = *p.words;
        if (held[p.group] || i + words.size() > tokens.size()) continue;
        std::size_t k = 1;
        while (k < words.size() && tokens[i + k].text == words[k]) ++k;
        if (k == words.size()) held[p.group] = true;
      }
    }
    const rules::faq* best = nullptr;
    for (std::size_t f = 0; f < r_.faqs.size(); ++f) {
      const auto& faq = r_.faqs[f];
      bool all = true;
      for (std::size_t g = 0; g < faq.match_words.size() && all; ++g) all = held[aids_.first_faq_group[f] + g];
      if (all && (!best || faq.match_words.size() > best->match_words.size())) best = &faq;
    }
    return best;
  }

  // ---- red flags --------------------------------------------------------------------------
  // Whether a flag found earlier gives way now: every pattern of it stands only while another flag just
  // found is absent, or while a sign now told is absent ("won't walk" with no fever yet is child_limp;
  // "39 and sleepy" then makes it septic_arthritis alone).
  bool gives_way(const std::string& flag_id, const std::vector<std::string>& found) const {
    const auto flag = std::find_if(r_.red_flags.begin(), r_.red_flags.end(), [&](const rules::red_flag& f) { return f.id == flag_id; });
    if (flag == r_.red_flags.end() || flag->patterns.empty()) return false;
    const auto every_pattern = [&](auto&& requires_absent) {
      return std::all_of(flag->patterns.begin(), flag->patterns.end(), [&](const rules::flag_pattern& p) { return requires_absent(p.when); });
    };
    const bool to_a_flag = std::any_of(found.begin(), found.end(), [&](const std::string& other) {
      return every_pattern([&](const rules::condition& c) { return rules::requires_flag_absent(c, other); });
    });
    const bool to_a_sign = std::any_of(s_.facts.begin(), s_.facts.end(), [&](const auto& fact) {
      return fact.second.state == fact_state::present &&
             every_pattern([&](const rules::condition& c) { return rules::requires_fact_absent(c, fact.first); });
    });
    return to_a_flag || to_a_sign;
  }

  struct red_flag_matches {
    std::vector<std::string> found;
    std::vector<std::pair<const rules::red_flag*, const rules::flag_pattern*>> matched;
    std::optional<level> at;
    std::vector<bool> may_hold;  // per pattern: not ruled out by naming no present fact
  };

  red_flag_matches match_red_flags() const {
    red_flag_matches m;
    auto& found = m.found;
    // The patterns that name a present fact; one that needs such a fact and names none does not hold.
    auto& may_hold = m.may_hold;
    may_hold.assign(aids_.needs_a_present_fact.size(), false);
    for (const auto& [id, record] : s_.facts) {
      if (record.state != fact_state::present) continue;
      if (const auto it = aids_.patterns_naming.find(id); it != aids_.patterns_naming.end())
        for (const std::size_t p : it->second) may_hold[p] = true;
    }
    std::size_t pattern_number = 0;
    for (const auto& flag : r_.red_flags) {
      for (const auto& p : flag.patterns) {
        const std::size_t n = pattern_number++;
        if (aids_.needs_a_present_fact[n] && !may_hold[n]) continue;
        if (!rules::evaluate(p.when, state_facts(s_, found))) continue;
        m.matched.emplace_back(&flag, &p);
        if (!contains(found, flag.id)) found.push_back(flag.id);
        m.at = m.at ? rules::most_urgent(*m.at, p.at) : p.at;
      }
    }
    return m;
  }

  // A red-flag outcome concluded on the message before, whose flag the person has now taken back ("both
  // legs numb after a hike" then "well not numb actually, more like bruised"), is withdrawn: with no flag
  // left the bot says so (the rules' `taken_back` text) and the questions go on; with other flags still
  // found, the advice is given again for those alone (escalate_on_red_flags, next). Without that text the
  // outcome stands.
  void reopen_after_taking_back(const red_flag_matches& m) {
    if (!s_.concluded || taken_back_.empty() || r_.text("taken_back").empty()) return;
    const auto level = s_.outcome_level();
    if (!level || (*level != level::emergency && *level != level::urgent)) return;
    const auto flags = s_.red_flags();
    if (std::all_of(flags.begin(), flags.end(), [&](const std::string& f) { return contains(m.found, f); })) return;
    s_.audit.push_back({"taken_back", std::string(rules::to_string(*level)), "signs_taken_back", r_.info.version, taken_back_, s_.turn + 1});
    s_.concluded = false;
    s_.outcome = nullptr;
    if (m.found.empty()) say(r_.text("taken_back"));
  }

  // "my little girl ... won't walk ... temp 38.9": a fever with a refusal to walk is urgent at any age
  // and an emergency in a child. Before concluding below an emergency, the one question whose answer
  // could make an emergency pattern hold (the age, here) is asked, once.
  const rules::question* question_that_may_raise(const red_flag_matches& m) const {
    if (s_.concluded || !m.at || *m.at == level::emergency) return nullptr;
    const state_facts facts(s_, m.found);
    for (const auto& q : r_.questions) {
      // Asked just now and not answered: the person does not know or did not say; conclude as it stands.
      if (q.slot.empty() || known_slot(q.slot) || contains(s_.answered, q.id) || s_.pending == q.id) continue;
      std::size_t pattern_number = 0;
      for (const auto& flag : r_.red_flags)
        for (const auto& p : flag.patterns) {
          const std::size_t n = pattern_number++;
          if (p.at != level::emergency || (aids_.needs_a_present_fact[n] && !m.may_hold[n])) continue;
          if (rules::evaluate_with_open_slot(p.when, facts, q.slot) == rules::truth::maybe) return &q;
        }
    }
    return nullptr;
  }

  bool escalate_on_red_flags(const red_flag_matches& m) {
    const auto& found = m.found;
    const auto& matched = m.matched;
    if (!m.at) return false;
    const level found_level = *m.at;
    const auto current = s_.outcome_level();
    auto flags = s_.red_flags();
    bool new_flag = false;
    for (const auto& f : found)
      if (!contains(flags, f)) { flags.push_back(f); new_flag = true; }
    // "a sharp pain in her chest" (chest_pain), then "her calf has been swollen since the flight" (pe):
    // a flag whose every pattern stands only while another is absent gives way once that one is found.
    std::erase_if(flags, [&](const std::string& id) { return !contains(found, id) && gives_way(id, found); });
    const level final_level = current ? rules::most_urgent(*current, found_level) : found_level;
    if (current && !rules::more_urgent(final_level, *current) && !new_flag) return false;
    std::vector<std::string> reasons;
    std::vector<std::string> advice;
    for (const auto& [flag, pattern] : matched) {
      const bool audited = std::any_of(s_.audit.begin(), s_.audit.end(), [&](const audit_entry& e) {
        return e.kind == "red_flag" && e.rule == pattern->id;
      });
      if (!audited) {
        std::vector<std::string> ids;
        rules::collect_facts(pattern->when, ids);
        std::vector<std::string> evidence;
        for (const auto& id : ids)
          if (auto it = s_.facts.find(id); it != s_.facts.end() && it->second.state == fact_state::present)
            evidence.push_back(id + ": " + it->second.words);
        s_.audit.push_back({"red_flag", flag->id, pattern->id, r_.info.version, evidence, s_.turn + 1});
      }
      if (!contains(reasons, pattern->because)) reasons.push_back(pattern->because);
      if (!contains(advice, flag->advice)) advice.push_back(flag->advice);
    }
    const bool crisis = contains(flags, kCrisisFlag);
    const auto& lt = r_.outcome.levels.at(final_level);
    if (crisis) say(fill(r_.text("crisis"), {{"crisis_line", r_.outcome.crisis_line}, {"emergency_number", r_.outcome.emergency_number}}));
    say(lt.advice);
    say(fill(r_.text("because"), {{"reasons", join(reasons, "; ")}}));
    for (const auto& a : advice) say(a);
    say(lt.safety_net);
    say(r_.outcome.disclaimer);
    json outcome = base_outcome(final_level, lt.advice + " " + join(advice, " "));
    outcome["red_flags"] = flags;
    outcome["emergency_number"] = r_.outcome.emergency_number;
    outcome["reasons"] = reasons;
    if (crisis) outcome["crisis_line"] = r_.outcome.crisis_line;
    conclude(std::move(outcome));
    return true;
  }

  // ---- physio or self care ----------------------------------------------------------------
  struct disposition_result {
    level at = level::self_care;
    std::vector<const rules::criterion*> physio;
    std::vector<const rules::criterion*> no_exercises;
  };

  disposition_result assess() const {
    disposition_result d;
    const std::vector<std::string> none;
    const state_facts facts(s_, none);
    for (const auto& c : r_.disposition.physio)
      if (rules::evaluate(c.when, facts)) d.physio.push_back(&c);
    for (const auto& c : r_.disposition.no_exercises)
      if (rules::evaluate(c.when, facts)) d.no_exercises.push_back(&c);
    d.at = d.physio.empty() ? level::self_care : level::physio;
    return d;
  }

  void conclude_with_disposition() {
    const auto d = assess();
    for (const auto* c : d.physio) s_.audit.push_back({"disposition", "physio", c->id, r_.info.version, evidence_for(c->when), s_.turn + 1});
    if (d.physio.empty()) s_.audit.push_back({"disposition", "self_care", "no_physio_criterion", r_.info.version, {}, s_.turn + 1});
    const auto& lt = r_.outcome.levels.at(d.at);
    answer_deferred_faq();
    if (auto summary = summary_sentence(); !summary.empty()) say(summary);
    say(lt.advice);
    std::vector<std::string> reasons;
    for (const auto* c : d.physio) reasons.push_back(c->reason);
    if (d.at == level::physio) say(fill(r_.text("physio_because"), {{"reasons", join(reasons, "; ")}}));
    else say(r_.disposition.self_care_reason);
    json exercises = json::array();
    if (d.no_exercises.empty()) {
      std::vector<std::string> names;
      for (const auto& id : r_.exercise_programme.starter) {
        const auto* e = r_.exercise_programme.find(id);
        exercises.push_back(exercise_json(*e));
        names.push_back(e->name);
      }
      for (const auto& id : r_.exercise_programme.progression) exercises.push_back(exercise_json(*r_.exercise_programme.find(id)));
      say(r_.exercise_programme.intro + " " + join(names, ", ") + ".");
      if (!r_.exercise_programme.progression.empty()) say(r_.exercise_programme.progression_note);
    } else {
      std::vector<std::string> why;
      for (const auto* c : d.no_exercises) {
        why.push_back(c->reason);
        s_.audit.push_back({"exercises_withheld", std::string(rules::to_string(d.at)), c->id, r_.info.version, evidence_for(c->when), s_.turn + 1});
      }
      say(fill(r_.text("exercises_withheld"), {{"reasons", join(why, "; ")}}));
    }
    say(r_.outcome.book.text + " " + r_.outcome.book.url);
    say(lt.safety_net);
    say(r_.outcome.disclaimer);
    say(r_.text("goodbye"));
    json outcome = base_outcome(d.at, lt.advice);
    outcome["exercises"] = exercises;
    outcome["reasons"] = reasons;
    conclude(std::move(outcome));
  }

  // After a physio or self-care outcome, new information may make it more urgent (never less).
  bool reconsider_disposition() {
    const auto current = s_.outcome_level();
    if (!current || *current != level::self_care) return false;
    if (assess().at != level::physio) return false;
    conclude_with_disposition();
    return true;
  }

  std::vector<std::string> evidence_for(const rules::condition& c) const {
    std::vector<std::string> ids;
    rules::collect_facts(c, ids);
    std::vector<std::string> evidence;
    for (const auto& id : ids)
      if (auto it = s_.facts.find(id); it != s_.facts.end() && it->second.state == fact_state::present)
        evidence.push_back(id + ": " + it->second.words);
    for (const auto& slot : rules::standard_slots())
      if (auto it = s_.slots.find(slot); it != s_.slots.end() && !it->second.words.empty())
        evidence.push_back(slot + ": " + it->second.words);
    return evidence;
  }

  std::string summary_sentence() const {
    std::vector<std::string> parts;
    std::string where;
    if (const auto* side = slot_text("side")) where = r_.text("side_" + *side);
    if (const auto* region = slot_text("region"); region && r_.texts.contains("region_" + *region)) {
      where += (where.empty() ? "" : " ") + r_.text("region_" + *region);
      parts.push_back(where);
    }
    if (auto it = s_.slots.find("duration_days"); it != s_.slots.end() && it->second.number) {
      const int days = static_cast<int>(*it->second.number);
      std::string key = "summary_days";
      int n = days;
      if (days >= 730) { key = "summary_years"; n = days / 365; }
      else if (days >= 60) { key = "summary_months"; n = days / 30; }
      else if (days >= 14) { key = "summary_weeks"; n = days / 7; }
      parts.push_back(fill(r_.text(key), {{"n", std::to_string(n)}}));
    }
    if (auto it = s_.slots.find("pain_score"); it != s_.slots.end() && it->second.number)
      parts.push_back(fill(r_.text("summary_score"), {{"n", std::to_string(static_cast<int>(*it->second.number))}}));
    if (parts.empty()) return {};
    return fill(r_.text("summary"), {{"facts", join(parts, ", ")}});
  }

  json base_outcome(level at, const std::string& advice) const {
    json summary = json::object();
    for (const auto& slot : rules::standard_slots()) {
      const auto it = s_.slots.find(slot);
      if (it == s_.slots.end()) continue;
      if (it->second.text) summary[slot] = *it->second.text;
      else if (it->second.number) summary[slot] = static_cast<int>(std::lround(*it->second.number));
    }
    json booking = json::object();
    booking["text"] = r_.outcome.book.text;
    booking["url"] = r_.outcome.book.url;
    if (!r_.outcome.book.phone.empty()) booking["phone"] = r_.outcome.book.phone;
    json outcome = json::object();  // field by field, as quick_reply says why
    outcome["level"] = std::string(rules::to_string(at));
    outcome["title"] = r_.outcome.levels.at(at).title;
    outcome["red_flags"] = json::array();
    outcome["advice"] = advice;
    outcome["exercises"] = json::array();
    outcome["booking"] = std::move(booking);
    outcome["disclaimer"] = r_.outcome.disclaimer;
    outcome["summary"] = std::move(summary);
    return outcome;
  }

  static json exercise_json(const rules::exercise& e) {
    json j = {{"id", e.id}, {"name", e.name}, {"steps", e.steps}, {"dose", e.dose}};
    if (!e.feel.empty()) j["feel"] = e.feel;
    if (!e.stop_if.empty()) j["stop_if"] = e.stop_if;
    if (e.progression) j["progression"] = true;
    return j;
  }

  void conclude(json outcome) {
    s_.outcome = std::move(outcome);
    s_.concluded = true;
    s_.pending.clear();
    s_.pending_misses = 0;
    show_follow_ups();
    s_.last_prompt = prompt(json::array(), quick_replies_, input_);
  }

  void show_follow_ups() {
    input_ = {{"kind", "none"}};
    quick_replies_ = json::array();
    for (const auto* key : {"button_faq_where", "button_faq_what", "button_faq_weak"})
      quick_replies_.push_back(quick_reply(r_.text(key), r_.text(key)));
    quick_replies_.push_back(quick_reply(r_.text("button_restart"), kRestartPayload));
  }

  // ---- questions --------------------------------------------------------------------------
  const rules::question* next_question() const {
    const std::vector<std::string> none;
    const state_facts facts(s_, none);
    auto usable = [&](const std::string& id, const rules::condition* when) -> const rules::question* {
      const auto* q = find_question(id);
      if (!q || contains(s_.answered, q->id) || known(*q)) return nullptr;
      if (when && !rules::evaluate(*when, facts)) return nullptr;
      return q;
    };
    for (const auto& id : s_.queue)
      if (const auto* q = usable(id, nullptr)) return q;
    auto scan = [&](const std::vector<rules::flow_step>& steps) -> const rules::question* {
      for (const auto& step : steps)
        if (const auto* q = usable(step.ask, &step.when)) return q;
      return nullptr;
    };
    if (const auto* q = scan(r_.dialogue.common)) return q;
    if (const auto* region = slot_text("region")) {
      if (auto steps = r_.dialogue.regions.find(*region); steps != r_.dialogue.regions.end())
        if (const auto* q = scan(steps->second)) return q;
    }
    return scan(r_.dialogue.closing);
  }

  void ask_next_or_conclude() {
    if (const auto* region = slot_text("region"); region && !r_.dialogue.regions.contains(*region)) {
      // The person has no hip, leg or back pain: nothing to triage here.
      say(r_.text("out_of_scope_goodbye"));
      s_.concluded = true;
      s_.pending.clear();
      show_follow_ups();
      s_.last_prompt = prompt(json::array(), quick_replies_, input_);
      return;
    }
    const auto* q = s_.questions_asked < r_.info.max_questions ? next_question() : nullptr;
    if (!q) {
      conclude_with_disposition();
      return;
    }
    ask(*q);
  }

  void ask(const rules::question& q) {
    json prompt_messages = json::array();
    if (continuing(q) && !r_.text("checklist_more").empty()) {
      prompt_messages.push_back(r_.text("checklist_more"));
    } else {
      if (!q.why.empty()) prompt_messages.push_back(q.why);
      prompt_messages.push_back(q.text);
    }
    for (const auto& m : prompt_messages) say(m.get<std::string>());
    // The buttons with every option shown, and the input, are the engine's copies made with the rules
    // (every question of the rules has them: engine::engine).
    const auto shown = shown_options(q);
    const auto& made = aids_.replies.at(&q);
    quick_replies_ = shown.size() == q.options.size() ? made.buttons : question_buttons(r_, q, shown);
    input_ = made.input;
    if (s_.pending != q.id) s_.pending_misses = 0;
    s_.pending = q.id;
    ++s_.questions_asked;
    s_.last_prompt = prompt(std::move(prompt_messages), quick_replies_, input_);
  }

  // ---- reply ------------------------------------------------------------------------------
  void say(const std::string& text) {
    if (text.empty()) return;
    messages_.push_back(text);
  }

  void remember_history(const std::string& from, const std::string& text, int reply_index = -1) {
    s_.history.push_back({from, text, reply_index >= 0 ? s_.turn : 0, reply_index});
    while (s_.history.size() > kHistoryLimit) s_.history.pop_front();
  }

  void remember(turn_result& result, const std::optional<std::string>& id) {
    if (!id) return;
    result.state.recent_replies.push_back({*id, result.frame, result.state.turn});
    while (result.state.recent_replies.size() > kRecentRepliesLimit) result.state.recent_replies.pop_front();
  }

  turn_result finish() {
    if (messages_.empty()) say(r_.text("fallback"));
    ++s_.turn;
    json messages = json::array();
    for (const auto& m : messages_) {
      if (!resumed_) remember_history("bot", m, static_cast<int>(messages.size()));
      json message = json::object();
      message["text"] = m;
      messages.push_back(std::move(message));
    }
    json frame = json::object();
    frame["type"] = "reply";
    frame["protocol"] = protocol_version;
    frame["session"] = s_.session;
    frame["resumed"] = resumed_;
    frame["locale"] = s_.locale;
    frame["turn"] = s_.turn;
    // The turn ends here: what it built moves into the frame rather than being copied.
    frame["messages"] = std::move(messages);
    frame["quick_replies"] = std::move(quick_replies_);
    frame["input"] = std::move(input_);
    frame["outcome"] = s_.outcome;
    if (resumed_) frame["history"] = std::move(history_);
    return turn_result{std::move(s_), std::move(frame), true};
  }

  // The rules' question of this id (rules::rule_set::find_question, by the engine's index).
  const rules::question* find_question(std::string_view id) const {
    const auto it = aids_.questions.find(id);
    return it == aids_.questions.end() ? nullptr : it->second;
  }

  // Whether a text of the rules, folded, is `folded` (already folded text); the engine folded the
  // buttons' texts when it was made.
  bool folds_to(const std::string& rule_text, const std::string& folded) const {
    if (const auto it = aids_.folded_texts.find(rule_text); it != aids_.folded_texts.end()) return it->second == folded;
    return fold(rule_text) == folded;
  }

  const rules::rule_set& r_;
  const rule_aids& aids_;
  conversation_state s_;
  const turn_context& ctx_;
  std::vector<std::string> messages_;
  json quick_replies_ = json::array();
  json input_ = aids_.no_input;  // a copy: built from a braced list, it cost more than the rest of a reply's input
  json history_ = json::array();
  bool resumed_ = false;
  std::vector<std::string> taken_back_;  // facts this message took back (signs_taken_back)
};

}  // namespace

namespace {
// Whether the condition can hold only while one of the facts it names is present: a "fact", an "any"
// whose every branch is such, or an "all" with one such part. Any other condition may hold without.
bool needs_a_present_fact(const rules::condition& c) {
  using k = rules::condition::kind;
  switch (c.type) {
    case k::fact: return true;
    case k::any: return std::all_of(c.children.begin(), c.children.end(), needs_a_present_fact);
    case k::all: return std::any_of(c.children.begin(), c.children.end(), needs_a_present_fact);
    default: return false;
  }
}
}  // namespace

engine::engine(std::shared_ptr<const rules::rule_set> rules) : rules_(std::move(rules)) {
  if (!rules_) return;
  for (const auto& flag : rules_->red_flags)
    for (const auto& p : flag.patterns) {
      const std::size_t n = aids_.needs_a_present_fact.size();
      aids_.needs_a_present_fact.push_back(needs_a_present_fact(p.when));
      // Every fact the pattern names (collect_facts also lists those read as absent or unknown: one
      // more pattern evaluated, never one skipped that could hold).
      std::vector<std::string> ids;
      rules::collect_facts(p.when, ids);
      for (const auto& id : ids) aids_.patterns_naming[id].push_back(n);
    }
  // The first of each id, as rule_set::find_question finds it.
  for (const auto& q : rules_->questions) aids_.questions.try_emplace(q.id, &q);
  aids_.no_input = json::object();
  aids_.no_input["kind"] = "none";
  for (const auto& q : rules_->questions) {
    std::vector<const rules::question_option*> all;
    for (const auto& o : q.options) all.push_back(&o);
    aids_.replies.try_emplace(&q, rule_aids::question_reply{question_buttons(*rules_, q, all),
                                                            question_input(q, rules_->flag_confirmed_by(q.id))});
  }
  // The FAQs' phrase groups, numbered across all FAQs in order, and their phrases by first word.
  for (const auto& f : rules_->faqs) {
    aids_.first_faq_group.push_back(aids_.faq_group_count);
    for (const auto& group : f.match_words) {
      for (const auto& words : group)
        if (!words.empty()) aids_.faq_phrases[words.front()].push_back({aids_.faq_group_count, &words});
      ++aids_.faq_group_count;
    }
  }
  auto& folded_texts = aids_.folded_texts;
  const auto add = [&](const std::string& text) { folded_texts.try_emplace(text, fold(text)); };
  add(kRestartPayload);
  for (const auto* key : {"button_restart", "button_yes", "button_no", "button_unsure"})
    if (rules_->texts.contains(key)) add(rules_->text(key));
  for (const auto& q : rules_->questions)
    for (const auto& o : q.options) {
      add(o.payload);
      add(o.title);
    }
}

turn_result engine::respond(const conversation_state& state, std::string_view raw_frame, const turn_context& ctx) const {
  auto parsed = parse_client_frame(raw_frame);
  if (auto* e = std::get_if<protocol_error>(&parsed)) return turn_result{state, error_frame(*e), false};
  return respond(state, std::get<client_frame>(parsed), ctx);
}

turn_result engine::respond(const conversation_state& state, const client_frame& frame, const turn_context& ctx) const {
  turn t(*rules_, aids_, state, ctx);
  if (const auto* s = std::get_if<start_frame>(&frame)) return t.start(*s);
  if (std::holds_alternative<restart_frame>(frame)) return t.restart();
  return t.message(std::get<message_frame>(frame));
}

}  // namespace triagebot::engine
