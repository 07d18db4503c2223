#include "nlu/event_dating.hpp"

#include <string>

#include "nlu/quantity_extractor.hpp"

namespace triagebot::nlu {
namespace {

constexpr std::size_t kReach = 6;  // words between an event and its date, within the clause

bool word_is(const std::vector<token>& tokens, std::size_t at, std::string_view word) {
  return at < tokens.size() && tokens[at].text == word;
}

struct date_told {
  int days = 0;         // how far back
  std::size_t end = 0;  // the token after its words
};

// A date standing at tokens[at...]: how many days back it is, or nothing.
std::optional<date_told> days_back_at(const lexicon& lex, const std::vector<token>& tokens, std::size_t at, int today_month) {
  const auto& dates = lex.data().dates;
  // "in June", "back in June", "last June", "in the spring", "last spring", "over the summer"
  const bool last = word_is(tokens, at, "last");
  if (last || word_is(tokens, at, "in") || word_is(tokens, at, "over")) {
    std::size_t w = at + 1;
    if (word_is(tokens, w, "the")) ++w;
    if (w >= tokens.size() || today_month < 1) return std::nullopt;
    if (const auto m = dates.months.find(tokens[w].text); m != dates.months.end() && w == at + 1)
      return date_told{months_back(today_month, m->second, last) * kDaysPerMonth, w + 1};
    if (const auto s = dates.season_ends.find(tokens[w].text); s != dates.season_ends.end()) {
      // "in the winter" in December: this season's three months are no time back.
      const int months_to_its_end = ((s->second - today_month) % 12 + 12) % 12;
      if (months_to_its_end <= 2 && !last) return date_told{0, w + 1};
      return date_told{months_back(today_month, s->second, true) * kDaysPerMonth, w + 1};
    }
    return std::nullopt;
  }
  // "three months ago", "6 weeks ago", "a couple of years ago"
  const auto n = parse_number(lex, tokens, at);
  if (!n || n->end >= tokens.size()) return std::nullopt;
  const int* unit_days = lex.duration_unit_days(tokens[n->end].text);
  if (!unit_days || !word_is(tokens, n->end + 1, "ago")) return std::nullopt;
  return date_told{static_cast<int>(n->value * *unit_days), n->end + 2};
}

}  // namespace

void date_events(const lexicon& lex, const std::vector<token>& tokens, std::vector<mention>& mentions, int today_month,
                 std::optional<int> duration_days, bool explain) {
  const int past_after = lex.data().dates.event_past_days;
  if (past_after <= 0) return;
  for (auto& m : mentions) {
    if (m.status != mention_status::affirmed || m.end == 0) continue;
    const int c = lex.concept_index(m.concept_id);
    if (c < 0 || !lex.data().concepts[static_cast<std::size_t>(c)].event) continue;
    std::optional<date_told> date;
    std::size_t dated_at = 0;
    // Forwards, then backwards, inside the clause: no punctuation between the event and its date.
    for (std::size_t k = m.end; k < tokens.size() && k < m.end + kReach && tokens[k].kind != token_kind::punct && !date; ++k)
      if ((date = days_back_at(lex, tokens, k, today_month))) dated_at = k;
    for (std::size_t k = m.begin; !date && k-- > 0 && k + kReach >= m.begin && tokens[k].kind != token_kind::punct;) {
      if ((date = days_back_at(lex, tokens, k, today_month))) dated_at = k;
      // "since I came off a ladder", "ever since her fall": the event began the pain the message dates.
      else if (tokens[k].text == "since" && m.begin - k <= 3 && duration_days) {
        date = date_told{*duration_days, k + 1};
        dated_at = k;
      }
    }
    if (!date || date->days < past_after) continue;
    m.status = mention_status::historical;
    if (explain)
      m.why = "past: \"" + token_text(tokens, dated_at, date->end) + "\" dates it " + std::to_string(date->days) + " days back";
  }
}

}  // namespace triagebot::nlu
