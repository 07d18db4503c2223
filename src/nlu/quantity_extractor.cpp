#include "nlu/quantity_extractor.hpp"

#include <algorithm>
#include <cmath>

namespace triagebot::nlu {
namespace {

bool word_at(const std::vector<token>& tokens, std::size_t pos, std::string_view w) {
  return pos < tokens.size() && tokens[pos].text == w;
}

bool any_word_at(const std::vector<token>& tokens, std::size_t pos, std::initializer_list<std::string_view> ws) {
  for (auto w : ws) if (word_at(tokens, pos, w)) return true;
  return false;
}

// "nearly four", "just turned 13", "about 70": a word that may stand just before a stated age.
bool age_hedge_at(const std::vector<token>& tokens, std::size_t pos) {
  return any_word_at(tokens, pos, {"just", "only", "now", "aged", "nearly", "almost", "about", "turning", "turned", "around"});
}

// "is nearly", "s just turned": up to two such words between a relation and an age.
std::size_t skip_age_hedges(const std::vector<token>& tokens, std::size_t q) {
  for (int k = 0; k < 2 && (word_at(tokens, q, "is") || age_hedge_at(tokens, q)); ++k) ++q;
  return q;
}

std::optional<double> single_number(const lexicon& lex, const std::vector<token>& tokens, std::size_t& pos) {
  if (pos >= tokens.size()) return std::nullopt;
  const auto& t = tokens[pos];
  if (t.kind == token_kind::number) {
    ++pos;
    return t.value;
  }
  const double* word_value = lex.number_word(t.text);
  if (!word_value) return std::nullopt;
  double value = *word_value;
  ++pos;
  // "a couple of", "a few": the article leads to the quantity word.
  if ((t.text == "a" || t.text == "an") && pos < tokens.size()) {
    const double* next = lex.number_word(tokens[pos].text);
    if (next && *next > 1) {
      value = *next;
      ++pos;
    }
  }
  // "twenty one"
  if (value >= 20 && value < 100 && std::fmod(value, 10.0) == 0 && pos < tokens.size()) {
    const double* unit = lex.number_word(tokens[pos].text);
    if (unit && *unit >= 1 && *unit <= 9) {
      value += *unit;
      ++pos;
    }
  }
  if (word_at(tokens, pos, "of")) ++pos;
  return value;
}

bool sentence_has_concept(const lexicon& lex, const matched_text& matched, const std::vector<mention_status>& statuses,
                          int sentence, const std::vector<std::string>& ids, bool require_affirmed) {
  for (std::size_t i = 0; i < matched.matches.size(); ++i) {
    const auto& m = matched.matches[i];
    if (m.sentence != sentence || m.kind != match_kind::concept_phrase) continue;
    if (require_affirmed && !statuses.empty() && statuses[i] != mention_status::affirmed) continue;
    for (int c : m.concepts) {
      const auto& id = lex.data().concepts[static_cast<std::size_t>(c)].id;
      if (std::find(ids.begin(), ids.end(), id) != ids.end()) return true;
    }
  }
  return false;
}

// Does the token sequence at pos spell the phrase (already split into words)?
std::size_t phrase_at(const std::vector<token>& tokens, std::size_t pos, const std::vector<std::string>& words) {
  if (words.empty()) return 0;
  for (std::size_t k = 0; k < words.size(); ++k) {
    if (!word_at(tokens, pos + k, words[k])) return 0;
  }
  return words.size();
}

// How many words of "and a half" (3) or "and half" (2) stand at `p`; 0 when none.
std::size_t half_words_at(const std::vector<token>& tokens, std::size_t p) {
  if (!word_at(tokens, p, "and")) return 0;
  if (word_at(tokens, p + 1, "a") && word_at(tokens, p + 2, "half")) return 3;
  return word_at(tokens, p + 1, "half") ? 2 : 0;
}

}  // namespace

std::optional<parsed_number> parse_number(const lexicon& lex, const std::vector<token>& tokens, std::size_t pos) {
  std::size_t p = pos;
  auto first = single_number(lex, tokens, p);
  if (!first) return std::nullopt;
  double value = *first;
  // "2 and a half (weeks)", "two and half weeks"
  if (const auto half = half_words_at(tokens, p)) {
    value += 0.5;
    p += half;
  }
  // Ranges: "3-4", "6 or 7", "2 to 3".
  if (p + 1 < tokens.size() && (tokens[p].text == "-" || tokens[p].text == "or" || tokens[p].text == "to")) {
    std::size_t q = p + 1;
    if (auto second = single_number(lex, tokens, q); second && *second >= value) {
      value = *second;
      p = q;
    }
  }
  return parsed_number{value, p};
}

int months_back(int today_month, int month, bool last) {
  const int back = ((today_month - month) % 12 + 12) % 12;
  return back == 0 && last ? 12 : back;
}

std::optional<duration_statement> find_duration(const lexicon& lex, const std::vector<token>& tokens,
                                                const matched_text& matched,
                                                const std::vector<mention_status>& statuses, int today_weekday,
                                                int today_month) {
  std::optional<duration_statement> best;
  const auto& data = lex.data();
  auto consider = [&](int days, std::size_t from, std::size_t to) {
    const int sentence = tokens[from].sentence;
    int priority = 1;
    if (from > 0 && any_word_at(tokens, from - 1, {"for", "since", "past", "over", "last", "about", "around", "roughly", "nearly", "almost"}))
      ++priority;
    if (any_word_at(tokens, to, {"now", "ago", "back"}) || any_word_at(tokens, to + 1, {"now"})) priority = std::max(priority, 2);
    // "It started about three weeks ago": the start of something told with its date.
    for (std::size_t back = 1; back <= 2 && back <= from; ++back)
      if (any_word_at(tokens, from - back, {"started", "began", "begun", "start", "kicked"})) {
        ++priority;
        break;
      }
    // A pain word told as absent ("not tender") says nothing of when the pain began.
    if (sentence_has_concept(lex, matched, statuses, sentence, data.pain_words, true)) ++priority;
    // Within the duration's own clause (between terminator words such as "but").
    std::size_t clause_begin = 0, clause_end = tokens.size();
    for (const auto& m : matched.matches) {
      if (m.sentence != sentence || !has_role(m, match_kind::terminator)) continue;
      if (m.end <= from) clause_begin = std::max(clause_begin, m.end);
      if (m.begin >= to) clause_end = std::min(clause_end, m.begin);
    }
    // "had cancer 7 years ago, all clear": a duration of something over and done with, told near it.
    // A past or a resolution many words off in an unpunctuated message ("put my back out saturday just
    // gone ... had a stinking cold the week before but thats cleared") dates something else.
    constexpr std::size_t near_words = 8;
    const bool dated_past = std::any_of(matched.matches.begin(), matched.matches.end(), [&](const phrase_match& m) {
      if (m.sentence != sentence || !(has_role(m, match_kind::past) || has_role(m, match_kind::resolved))) return false;
      const std::size_t gap = m.begin >= to ? m.begin - to : (from >= m.end ? from - m.end : 0);
      return gap <= near_words || (m.begin >= clause_begin && m.end <= clause_end && gap <= 2 * near_words);
    });
    if (dated_past) priority = 0;
    // "my husband hit his head last week": a clause only about someone else.
    bool someone_else = false, the_person = false;
    for (std::size_t k = 0; k < matched.matches.size() && k < statuses.size(); ++k) {
      if (matched.matches[k].sentence != sentence || matched.matches[k].kind != match_kind::concept_phrase) continue;
      if (matched.matches[k].begin < clause_begin || matched.matches[k].end > clause_end) continue;
      someone_else = someone_else || statuses[k] == mention_status::other_person;
      the_person = the_person || statuses[k] == mention_status::affirmed;
    }
    if (someone_else && !the_person) priority = 0;
    // "the first proper exercise I've done in about five years", "hadn't run in years": the time since
    // something was last done, not how long the pain has lasted.
    std::size_t in_at = from;
    if (in_at > 0 && any_word_at(tokens, in_at - 1, {"about", "around", "nearly", "almost", "over"})) --in_at;
    if (in_at > 0 && word_at(tokens, in_at - 1, "in"))
      for (std::size_t k = in_at - 1; k-- > 0 && in_at - k <= 9 && tokens[k].sentence == sentence;)
        if (any_word_at(tokens, k, {"first", "havent", "hadnt", "hasnt", "never", "not"})) {
          priority = 0;
          break;
        }
    if (!best || priority > best->priority) best = duration_statement{days, priority, token_text(tokens, from, to)};
  };
  const auto& relative = lex.relative_day_phrases();
  for (std::size_t i = 0; i < tokens.size(); ++i) {
    // "every few days", "3 days a week" describe a rhythm, not a duration.
    if (i > 0 && any_word_at(tokens, i - 1, {"every", "each", "per"})) continue;
    if (auto n = parse_number(lex, tokens, i)) {
      std::size_t u = n->end;
      // "New LBP x2/52", "pain 3/7": clinical notes count weeks, days and months as fractions of the
      // next unit up (duration_units "/52", "/7", "/12"). "24/7" is a concept's phrase (constant pain).
      if (word_at(tokens, u, "/") && u + 1 < tokens.size() && tokens[u + 1].kind == token_kind::number &&
          std::none_of(matched.matches.begin(), matched.matches.end(), [&](const phrase_match& m) {
            return m.kind == match_kind::concept_phrase && m.begin <= i && i < m.end;
          })) {
        if (const int* per = lex.duration_unit_days("/" + tokens[u + 1].text)) {
          consider(static_cast<int>(std::lround(n->value * *per)), i, u + 2);
          i = u + 1;
          continue;
        }
      }
      const int* unit_days = u < tokens.size() ? lex.duration_unit_days(tokens[u].text) : nullptr;
      if (unit_days) {
        const int unit_length = *unit_days;
        double days = n->value * unit_length;
        std::size_t end = u + 1;
        if (half_words_at(tokens, end) == 3) {
          days += 0.5 * unit_length;
          end += 3;
        }
        const bool rhythm = (word_at(tokens, end, "a") || word_at(tokens, end, "per")) &&
                            end + 1 < tokens.size() && lex.is_duration_unit(tokens[end + 1].text);
        // "leg day for the first time in like a year": how long since something was last done.
        std::size_t before = i;
        while (before > 0 && any_word_at(tokens, before - 1, {"like", "about", "over", "nearly", "almost"})) --before;
        // "the first time running in about two years", "my first hill reps in about ten years": the time
        // or the first may name what was done.
        bool since_last_time = false;
        if (before >= 2 && word_at(tokens, before - 1, "in"))
          for (std::size_t k = before - 1; k-- > 0 && before - 1 - k <= 3;)
            since_last_time = since_last_time || any_word_at(tokens, k, {"time", "first"});
        const bool not_duration = any_word_at(tokens, end, {"pregnant", "old", "young"}) || rhythm || since_last_time ||
                                  (word_at(tokens, end, "of") && word_at(tokens, end + 1, "age"));
        // "I'm 44 years", "my father is 74 years": an age, not a duration.
        // "she have six years.", "I am Piotr, forty four years,": likewise, told as years had, or after a
        // name set off by a comma.
        const bool clause_ends = end >= tokens.size() || tokens[end].kind == token_kind::punct || word_at(tokens, end, "and");
        const bool stated_age = unit_length >= 365 && i > 0 &&
                                (any_word_at(tokens, i - 1, {"im", "am", "is", "aged", "age"}) ||
                                 // "I am woman of 44 years": a person of so many years.
                                 (i >= 3 && word_at(tokens, i - 1, "of") && any_word_at(tokens, i - 3, {"im", "am", "a", "an"})) ||
                                 (any_word_at(tokens, i - 1, {"has", "have"}) && clause_ends) ||
                                 (i >= 3 && word_at(tokens, i - 1, ",") && any_word_at(tokens, i - 3, {"im", "am"})) ||
                                 // "my girl Lucia, 5 and half years": after the person, set off by a comma.
                                 (i >= 2 && word_at(tokens, i - 1, ",") &&
                                  (lex.is_relation(tokens[i - 2].text) || (i >= 3 && lex.is_relation(tokens[i - 3].text)))) ||
                                 // "my boy 5 yrs", "my boy Yousef 5 yrs": right after the person, or after the
                                 // person and a name.
                                 lex.is_relation(tokens[i - 1].text) ||
                                 (i >= 2 && tokens[i - 1].kind == token_kind::word && lex.word_id(tokens[i - 1].text) == lexicon_word::none &&
                                  !lex.is_dictionary_word(tokens[i - 1].text) && lex.is_relation(tokens[i - 2].text)) ||
                                 // "Man, 77 years, he has ...": a one-word label opening its sentence, then the years.
                                 (i >= 2 && word_at(tokens, i - 1, ",") && tokens[i - 2].kind == token_kind::word &&
                                  (i == 2 || tokens[i - 3].sentence != tokens[i - 2].sentence)));
        if (!not_duration && !stated_age && days >= 0 && days < 36500) consider(static_cast<int>(std::lround(days)), i, end);
        i = (rhythm ? end + 2 : end) - 1;  // "3 days a week": the "a week" is part of the rhythm
        continue;
      }
    }
    if (lex.starts_phrase_of_days_or_age(tokens[i].text)) {
      for (const auto& [words, days] : relative) {
        if (const auto len = phrase_at(tokens, i, words)) {
          consider(days, i, i + len);
          break;
        }
      }
    }
    // "since september", "since last spring", "since the summer": months back to that month (a
    // season's last month), by today's month; this month itself tells no length.
    // "for the first time since summer" dates something else.
    if (today_month >= 1 && today_month <= 12 && word_at(tokens, i, "since") && !(i > 0 && word_at(tokens, i - 1, "time"))) {
      // "since around the middle of the summer", "since about early september": approximations and a
      // part of the month or season may stand between.
      std::size_t w = i + 1;
      constexpr std::size_t kMostWordsBetween = 5;
      while (w < tokens.size() && w - i <= kMostWordsBetween &&
             any_word_at(tokens, w, {"last", "the", "around", "about", "roughly", "approximately", "maybe", "early", "late", "mid",
                                     "middle", "end", "start", "beginning", "of"}))
        ++w;
      if (w < tokens.size()) {
        std::optional<int> month;
        if (const auto m = data.dates.months.find(tokens[w].text); m != data.dates.months.end()) month = m->second;
        else if (const auto s = data.dates.season_ends.find(tokens[w].text); s != data.dates.season_ends.end()) month = s->second;
        if (month) {
          const int back = months_back(today_month, *month, false);
          if (back > 0) consider(back * kDaysPerMonth, i + 1, w + 1);
        }
      }
    }
    // Most words name no day: the words around one are read only when it could ("sat", "saturdays").
    const auto& text = tokens[i].text;
    const int* day = lex.weekday_number(text);
    const int* short_day = day ? nullptr : lex.short_weekday_number(text);
    const int* possessive_day =
        day || text.size() <= 4 || text.back() != 's' ? nullptr : lex.weekday_number(std::string_view(text).substr(0, text.size() - 1));
    if (today_weekday >= 1 && today_weekday <= 7 && (day || short_day || possessive_day)) {
      // "wed", "sat", "sun" are also words ("I sat down", "in the sun"): a day only after a time word,
      // or closing a clause that no person opens ("putting the bins out sun, ...").
      bool after_time_word = i > 0 && any_word_at(tokens, i - 1, {"since", "on", "last", "from", "till", "til", "until", "started", "began", "begun"});
      // "since the half marathon sun": a "since" a few words before, naming the event that day.
      for (std::size_t k = i; k-- > 0 && i - k <= 4 && tokens[k].kind == token_kind::word && !after_time_word;)
        after_time_word = tokens[k].text == "since";
      const bool closes_clause = i > 0 && (i + 1 == tokens.size() || tokens[i + 1].kind == token_kind::punct) &&
                                 tokens[i - 1].kind == token_kind::word && !lex.is_pronoun(tokens[i - 1].text) &&
                                 !lex.is_first_person(tokens[i - 1].text) && !any_word_at(tokens, i - 1, {"we", "they", "you", "the", "a"});
      if (!day && (after_time_word || closes_clause)) day = short_day;
      // "since saturdays run": the day's possessive, its apostrophe dropped, after a time word.
      if (!day && after_time_word) day = possessive_day;
      if (day) {
        int days = (today_weekday - *day + 7) % 7;
        if (days == 0) days = 7;
        consider(days, i, i + 1);
      }
    }
  }
  return best;
}

namespace {

// "a 2 today", "more like a 2 now", "now it's a 2": words of now (reading.now_words) within a few words
// after the score or right before it, in its sentence and before the next score.
void date_scores(const lexicon& lex, const std::vector<token>& tokens, std::vector<told_score>& scores) {
  constexpr std::size_t kReach = 3;
  for (std::size_t j = 0; j < scores.size(); ++j) {
    const std::size_t k = scores[j].at;
    const std::size_t limit = std::min({tokens.size(), k + 1 + kReach, j + 1 < scores.size() ? scores[j + 1].at : tokens.size()});
    // Within the score's clause, brackets aside: "about a five, now it's a two" dates only the two;
    // "today (Wednesday) it's more like a 2" dates the two.
    // "now but was a 3 yesterday": a joining word opens the next clause.
    const auto ends_clause = [&](std::size_t at) {
      return (tokens[at].kind == token_kind::punct && tokens[at].text != "(" && tokens[at].text != ")") || lex.joins_clauses(tokens[at].text);
    };
    constexpr std::size_t kClauseReach = 8;
    const std::size_t back_to = std::max(k >= kClauseReach ? k - kClauseReach : 0, j > 0 ? scores[j - 1].at + 1 : 0);
    bool now = false;
    for (std::size_t at = k + 1; at < limit && !now && !ends_clause(at); ++at) now = lex.tells_now_at(tokens, at);
    for (std::size_t at = k; at-- > back_to && !now && !ends_clause(at);) now = lex.tells_now_at(tokens, at);
    scores[j].dated_now = now;
  }
}

}  // namespace

std::vector<told_score> told_pain_scores(const lexicon& lex, const std::vector<token>& tokens, const matched_text& matched) {
  std::vector<told_score> found;
  for (std::size_t i = 0; i < tokens.size(); ++i) {
    if (tokens[i].kind != token_kind::number) continue;
    auto n = parse_number(lex, tokens, i);
    if (!n) continue;
    std::size_t p = n->end;
    bool out_of_ten = false;
    if (word_at(tokens, p, "/") && word_at(tokens, p + 1, "10")) out_of_ten = true;
    else if ((word_at(tokens, p, "out") || word_at(tokens, p, "outta")) && word_at(tokens, p + 1, "of") &&
             any_word_at(tokens, p + 2, {"10", "ten"}))
      out_of_ten = true;
    else if (any_word_at(tokens, p, {"outta"}) && any_word_at(tokens, p + 1, {"10", "ten"})) out_of_ten = true;
    else if (any_word_at(tokens, p, {"of", "from"}) && any_word_at(tokens, p + 1, {"10", "ten"})) out_of_ten = true;
    if (out_of_ten && n->value >= 0 && n->value <= 10) found.push_back({static_cast<int>(std::lround(n->value)), i});
    i = n->end > i ? n->end - 1 : i;
  }
  if (!found.empty()) {
    date_scores(lex, tokens, found);
    return found;
  }
  // "about a 6", "more like a 6" in a sentence about the pain.
  for (std::size_t i = 0; i + 1 < tokens.size(); ++i) {
    if (!any_word_at(tokens, i, {"a", "an", "about", "around", "roughly", "maybe"})) continue;
    // "a solid nine", "a good 8": one word of emphasis may come between.
    std::size_t at = i + 1;
    if (any_word_at(tokens, at, {"solid", "good", "strong", "definite", "steady", "high", "low", "constant"})) ++at;
    if (at >= tokens.size() || tokens[at].kind != token_kind::number) continue;
    const auto v = tokens[at].value;
    // "maybe two and half metre": a measure, not a score.
    if (half_words_at(tokens, at + 1) > 0)
      continue;
    // "a 10-kilometre race": the unit may be joined on with a hyphen.
    const std::size_t next = word_at(tokens, at + 1, "-") ? at + 2 : at + 1;
    const bool unit_follows = next < tokens.size() && tokens[next].kind == token_kind::word &&
                              !any_word_at(tokens, next, {"and", "now", "most", "at", "when", "but", "today", "on", "no", "lol",
                                                          "tbh", "honestly", "easy", "btw", "ngl", "or", "yesterday", "last", "earlier",
                                                          "this", "then", "before", "first", "tonight", "overnight"});
    if (v < 0 || v > 10 || unit_follows || std::floor(v) != v) continue;
    const int sentence = tokens[i].sentence;
    bool about_pain = false;
    for (const auto& m : matched.matches) {
      // The sentence before counts too: "Put my back out Monday. It's an eight most of the time."
      if ((m.sentence != sentence && m.sentence + 1 != sentence) || m.kind != match_kind::concept_phrase) continue;
      for (int c : m.concepts) {
        const auto& id = lex.data().concepts[static_cast<std::size_t>(c)].id;
        if (lex.is_pain_word(id) || lex.trend_of(id) || lex.is_region(id))
          about_pain = true;
      }
    }
    // "says it's about a nine": told as a rating, the pain is understood.
    for (std::size_t b = i >= 2 ? i - 2 : 0; b < i && !about_pain; ++b)
      about_pain = any_word_at(tokens, b, {"its", "thats", "rates", "rated", "rating", "reckons", "score"});
    if (about_pain) found.push_back({static_cast<int>(v), at});
  }
  // "the pain in the hip and low back is 9": the pain itself, a few words before "is" and the number
  // that ends the clause.
  if (found.empty()) {
    constexpr std::size_t kSubjectReach = 7;
    const auto is_place_match = [&](const phrase_match& m) {
      return m.kind == match_kind::concept_phrase && std::any_of(m.concepts.begin(), m.concepts.end(), [&](int c) {
               return lex.is_region(lex.data().concepts[static_cast<std::size_t>(c)].id);
             });
    };
    const auto place_ends_at = [&](std::size_t k) {
      return std::any_of(matched.matches.begin(), matched.matches.end(), [&](const phrase_match& m) { return m.end == k && is_place_match(m); });
    };
    const auto place_starts_at = [&](std::size_t k) {
      return std::any_of(matched.matches.begin(), matched.matches.end(), [&](const phrase_match& m) { return m.begin == k && is_place_match(m); });
    };
    for (std::size_t i = 1; i + 1 < tokens.size(); ++i) {
      if (!any_word_at(tokens, i, {"is", "was"}) || tokens[i + 1].kind != token_kind::number) continue;
      const auto v = tokens[i + 1].value;
      const bool ends = i + 2 >= tokens.size() || tokens[i + 2].kind == token_kind::punct || any_word_at(tokens, i + 2, {"and", "but", "now", "today"});
      if (v < 0 || v > 10 || std::floor(v) != v || !ends) continue;
      bool pain_subject = false;
      for (const auto& m : matched.matches) {
        if (m.kind != match_kind::concept_phrase || m.end > i || m.begin + kSubjectReach < i) continue;
        if (std::any_of(tokens.begin() + static_cast<std::ptrdiff_t>(m.end), tokens.begin() + static_cast<std::ptrdiff_t>(i),
                        [](const token& t) { return t.kind == token_kind::punct; }))
          continue;
        // "hurts and the dog is 9": a joining word opens another subject, unless it joins two places
        // ("the pain in the hip and low back is 9").
        bool other_subject = false;
        for (std::size_t k = m.end; k < i && !other_subject; ++k)
          other_subject = lex.joins_clauses(tokens[k].text) && !(place_ends_at(k) && place_starts_at(k + 1));
        if (other_subject) continue;
        for (int c : m.concepts) pain_subject = pain_subject || lex.is_pain_word(lex.data().concepts[static_cast<std::size_t>(c)].id);
      }
      if (pain_subject) found.push_back({static_cast<int>(v), i + 1});
    }
  }
  date_scores(lex, tokens, found);
  return found;
}

std::optional<std::string> trend_from_scores(const std::vector<told_score>& scores) {
  std::optional<int> now, before;
  for (const auto& score : scores) (score.dated_now ? now : before) = score.value;
  if (!now || !before || *now == *before) return std::nullopt;
  return std::string(*now < *before ? "better" : "worse");
}

std::optional<int> find_pain_score(const lexicon& lex, const std::vector<token>& tokens, const matched_text& matched,
                                   bool expecting_score) {
  return find_pain_score(lex, tokens, told_pain_scores(lex, tokens, matched), expecting_score);
}

std::optional<int> find_pain_score(const lexicon& lex, const std::vector<token>& tokens, const std::vector<told_score>& told,
                                   bool expecting_score) {
  std::optional<int> found;
  // The last score told, or the one dated now ("a 6 now but was a 3 yesterday").
  if (!told.empty()) found = told.back().value;
  for (const auto& score : told)
    if (score.dated_now) found = score.value;
  if (found || !expecting_score) return found;
  // A bare answer to the question ("bad", "about six", "agony mate"), or a longer message that opens
  // with the number ("an 8 when I bend, ..."); further into a longer message a word such as "worst"
  // tells something else ("it's worst first thing in the morning").
  constexpr std::size_t bare_answer_words = 6;
  constexpr std::size_t opening_words = 3;
  const bool bare = std::count_if(tokens.begin(), tokens.end(), [](const token& t) { return t.kind != token_kind::punct; }) <=
                    static_cast<std::ptrdiff_t>(bare_answer_words);
  for (std::size_t i = 0; i < tokens.size() && (bare || i < opening_words); ++i) {
    if (!bare && tokens[i].kind != token_kind::number) continue;
    if (tokens[i].kind == token_kind::number) {
      auto n = parse_number(lex, tokens, i);
      if (n && n->value >= 0 && n->value <= 10) return static_cast<int>(std::lround(n->value));
      return std::nullopt;
    }
    if (auto w = lex.data().pain_words_score.find(tokens[i].text); w != lex.data().pain_words_score.end()) return w->second;
    if (auto n = parse_number(lex, tokens, i); n && tokens[i].text != "a" && tokens[i].text != "an" && n->value <= 10)
      return static_cast<int>(std::lround(n->value));
  }
  return std::nullopt;
}

namespace {

// "11-year-old", "14 y/o", "2-yr-old": the ways an age is hyphenated or abbreviated, read as "11 year
// old" and "14 yo" so one set of patterns serves them all.
std::vector<token> age_tokens(const std::vector<token>& raw) {
  auto is = [&](std::size_t i, std::initializer_list<std::string_view> ws) {
    return i < raw.size() && std::find(ws.begin(), ws.end(), raw[i].text) != ws.end();
  };
  std::vector<token> out;
  out.reserve(raw.size());
  for (std::size_t i = 0; i < raw.size(); ++i) {
    const bool hyphen = raw[i].text == "-" && i > 0 && i + 1 < raw.size() &&
                        (raw[i - 1].kind == token_kind::number || is(i - 1, {"year", "years", "yr", "yrs", "month", "months"})) &&
                        is(i + 1, {"year", "years", "yr", "yrs", "old", "month", "months", "yo"});
    if (hyphen) continue;
    // "for her 8am call", "at 7 pm": a time of day is no one's age.
    if (raw[i].kind == token_kind::number && (is(i + 1, {"am", "pm", "oclock"}) || (is(i + 1, {"o"}) && is(i + 2, {"clock"})))) {
      token t = raw[i];
      t.kind = token_kind::word;
      t.text = "o'clock";
      out.push_back(std::move(t));
      continue;
    }
    // "pregnant with her 2nd", "on the 3rd": an ordinal counts or dates; "sats 97%" measures; neither
    // is anyone's age.
    if (raw[i].kind == token_kind::number && is(i + 1, {"st", "nd", "rd", "th", "%"})) {
      token t = raw[i];
      t.kind = token_kind::word;
      t.text += raw[i + 1].text;
      out.push_back(std::move(t));
      ++i;
      continue;
    }
    if (raw[i].text == "y" && is(i + 1, {"/"}) && is(i + 2, {"o"})) {
      token t = raw[i];
      t.text = "yo";
      out.push_back(std::move(t));
      i += 2;
      continue;
    }
    out.push_back(raw[i]);
  }
  return out;
}

}  // namespace

std::optional<age_statement> find_age(const lexicon& lex, const std::vector<token>& raw_tokens, bool writer_is_patient) {
  const auto tokens = age_tokens(raw_tokens);
  // "5 and a half": a child's half year counts as the whole year it is in.
  auto plausible = [](double v) { return v >= 0 && v <= 115 && (std::floor(v) == v || (v < 18 && v * 2 == std::floor(v * 2))); };
  auto years_word = [&](std::size_t p) { return p < tokens.size() && lex.is_years_word(tokens[p].text); };
  auto unit_after = [&](std::size_t p) {
    // "im 38 and", "I am 44 years": a number followed by another unit is not an age, nor is a time
    // back ("since my first baby ten years ago").
    // "he is 13 kilos": nor is a weight or another measure (reading.measure_units).
    // "she's one of our residents": nor is a number of something.
    return p < tokens.size() && ((lex.is_duration_unit(tokens[p].text) && !years_word(p)) || lex.is_measure_unit(tokens[p].text) ||
                                 word_at(tokens, p, "ago") || (years_word(p) && word_at(tokens, p + 1, "ago")) ||
                                 (word_at(tokens, p, "of") && !word_at(tokens, p + 1, "age")));
  };
  const auto& data = lex.data();
  // "20 months", "18 month old": a child's age in months, in whole years.
  auto months_word = [&](std::size_t p) { return any_word_at(tokens, p, {"month", "months", "mth", "mths", "mo", "mos"}); };
  for (std::size_t i = 0; i + 1 < tokens.size(); ++i) {
    // "Wife's seven months gone", "5 months pregnant": a pregnancy, not an age.
    const bool pregnancy = any_word_at(tokens, i + 2, {"gone", "pregnant", "along"});
    if (tokens[i].kind == token_kind::number && tokens[i].value > 0 && tokens[i].value < 36 && months_word(i + 1) && !pregnancy &&
        (word_at(tokens, i + 2, "old") ||
         (i > 0 && (any_word_at(tokens, i - 1, {"is", "aged", "s", "just", "only"}) || lex.is_relation(tokens[i - 1].text)))))
      return age_statement{static_cast<int>(tokens[i].value / 12), std::nullopt};
  }
  // "minding our Ruby (four) three days a week": a name no word list knows, with a child's age in
  // brackets right after it, is the child the story is about, whatever age the writer gave before.
  for (std::size_t i = 2; i + 1 < tokens.size(); ++i) {
    const auto& name = tokens[i - 2];
    // "Kaden (13, big lad, shot up ...)": the age may open a longer aside.
    if (tokens[i].kind == token_kind::number && word_at(tokens, i - 1, "(") && (word_at(tokens, i + 1, ")") || word_at(tokens, i + 1, ",")) &&
        tokens[i].value >= 1 && tokens[i].value < 16 && plausible(tokens[i].value) && name.kind == token_kind::word &&
        name.text.size() >= 3 && lex.word_id(name.text) == lexicon_word::none && !lex.is_dictionary_word(name.text))
      return age_statement{static_cast<int>(tokens[i].value), std::string("child")};
  }
  for (std::size_t i = 0; i < tokens.size(); ++i) {
    const auto& t = tokens[i];
    // "Nan 84", "Dad, 58,", "husband sixty-eight", "mum is 72", "she's thirteen": a relation word or
    // a pronoun and an age next to it (a pronoun is the patient's once someone else is asked for).
    // "me old man's 69": a two-word relation.
    const auto named = lex.relation_named_at(tokens, i);
    const std::size_t named_end = i + (named ? named->length : 1);
    // "asking about my daughter. Ella is twelve": a name no word list knows, opening its clause, stands
    // for a pronoun before "is" and an age.
    const bool name_opens_clause = t.kind == token_kind::word && (i == 0 || tokens[i - 1].kind == token_kind::punct) &&
                                   lex.word_id(t.text) == lexicon_word::none && !lex.is_dictionary_word(t.text) &&
                                   any_word_at(tokens, i + 1, {"is", "s"});
    if (named ||
        ((lex.is_pronoun(t.text) || name_opens_clause) && i + 1 < tokens.size() &&
         // "in her 70s" is a decade (below), not an age told next to "her".
         ((tokens[i + 1].kind == token_kind::number && !word_at(tokens, i + 2, "s")) ||
          // "he is four", "she's nearly 13"
          (any_word_at(tokens, i + 1, {"is", "s"}) && i + 2 < tokens.size() &&
           (tokens[i + 2].kind == token_kind::number ||
            (any_word_at(tokens, i + 2, {"nearly", "almost", "just", "only"}) && i + 3 < tokens.size() &&
             tokens[i + 3].kind == token_kind::number))) ||
          // "he has five years", "my son have 11 years": an age told as years had, in other languages' way
          (any_word_at(tokens, i + 1, {"has", "have"}) && i + 2 < tokens.size() && tokens[i + 2].kind == token_kind::number &&
           years_word(i + 3))))) {
      std::size_t q = named_end;
      // "my daughter Aoife is four": a name the lexicon does not know between the relation and the age.
      // The name may be an everyday word too ("Our daughter Maisie is twelve", "my son Will is 9").
      // "my daughter Lucía have six years": likewise before an age told as years had; "my girl Lucia,
      // 5 and half years": or set off by a comma.
      // "my boy Yousef 5 yrs": or straight before the years; "my son Kacper who's 12": or before "who".
      if (q + 1 < tokens.size() && tokens[q].kind == token_kind::word && lex.word_id(tokens[q].text) == lexicon_word::none &&
          (any_word_at(tokens, q + 1, {"is", "s", "has", "have", ",", "(", "who", "whos"}) || (tokens[q + 1].kind == token_kind::number && years_word(q + 2))))
        ++q;
      // "my son, Jack, is 7": or set off by commas on both sides.
      else if (word_at(tokens, q, ",") && q + 2 < tokens.size() && tokens[q + 1].kind == token_kind::word &&
               lex.word_id(tokens[q + 1].text) == lexicon_word::none && word_at(tokens, q + 2, ","))
        q += 2;
      // "my anak (son) is twelve": the relation word given in brackets after a word of another language.
      if (word_at(tokens, q, ")")) ++q;
      // "Young person in our care, thirteen, on the heavy side": a few words about the person, then the
      // age set off by commas.
      if (named && q == named_end) {
        std::size_t r = q;
        // The words name no one else ("Resident Mrs O'B, ninety two" is Mrs O'B's age).
        while (r < tokens.size() && r < q + 4 && tokens[r].kind == token_kind::word && !lex.is_relation(tokens[r].text)) ++r;
        if (r < tokens.size() && lex.is_relation(tokens[r].text)) r = q;
        if (r > q && word_at(tokens, r, ",") && r + 1 < tokens.size() && tokens[r + 1].kind == token_kind::number &&
            (r + 2 >= tokens.size() || tokens[r + 2].kind == token_kind::punct))
          q = r + 1;
      }
      if (any_word_at(tokens, q, {",", "(", "is", "s", "aged", "age", "who", "whos", "now"})) ++q;
      // "father of a girl of seven years": a person of so many years, told with "a" ("my little boy of
      // two years has fever" is no patient: the writer carries him).
      else if (i > 0 && any_word_at(tokens, i - 1, {"a", "an"}) && word_at(tokens, q, "of") && q + 2 < tokens.size() &&
               tokens[q + 1].kind == token_kind::number && years_word(q + 2))
        ++q;
      // "Grandson. Twelve. Sore knee": a relation told as a sentence of its own, its age as the next.
      if (named && q == named_end && word_at(tokens, q, ".") && (i == 0 || tokens[i - 1].kind == token_kind::punct) &&
          q + 1 < tokens.size() && tokens[q + 1].kind == token_kind::number &&
          (q + 2 >= tokens.size() || any_word_at(tokens, q + 2, {".", ",", "!"})))
        ++q;
      // "my son who is twelve", "my mum, who's 80"
      if (q > 0 && any_word_at(tokens, q - 1, {","}) && any_word_at(tokens, q, {"who", "whos"})) ++q;
      if (q > 0 && any_word_at(tokens, q - 1, {"who"}) && any_word_at(tokens, q, {"is", "s"})) ++q;
      if (any_word_at(tokens, q, {"has", "have"}) && q + 1 < tokens.size() && tokens[q + 1].kind == token_kind::number && years_word(q + 2)) ++q;
      q = skip_age_hedges(tokens, q);
      // "the men's 5-a-side", "two a day": a number then "a" and a word is a team's size or a rate.
      const std::size_t after_number = word_at(tokens, q + 1, "-") ? q + 2 : q + 1;
      const bool rate_after = any_word_at(tokens, after_number, {"a", "an", "per"}) && after_number + 1 < tokens.size() &&
                              tokens[after_number + 1].kind == token_kind::word;
      if (q < tokens.size() && tokens[q].kind == token_kind::number && plausible(tokens[q].value) &&
          !unit_after(q + 1) && !word_at(tokens, q + 1, "/") && !word_at(tokens, q + 1, "%") && !word_at(tokens, q + 1, ":") && !rate_after)
      {
        auto relation = named ? std::optional<std::string>(named->relation) : std::nullopt;
        // "I am old lady, 76 years": a relation word that names the writer gives the writer's age.
        if (relation && lex.names_the_writer(tokens, i, named_end)) relation.reset();
        return age_statement{static_cast<int>(tokens[q].value), relation};
      }
    }
    // "in her eighties", "in his late seventies": the decade's middle is enough for the age rules.
    // "all the lads are early twenties", "she's late seventies": after a verb, only with early, mid or late.
    const bool told_as_state = any_word_at(tokens, i, {"is", "are", "s", "im", "hes", "shes", "theyre"}) &&
                               any_word_at(tokens, i + 1, {"early", "late", "mid"});
    // "My granny broke her hip in her eighties": with the writer the patient, "her" after someone else
    // named in the sentence is that person's age.
    const auto someone_named_before = [&](std::size_t at) {
      for (std::size_t k = at; k-- > 0 && tokens[k].sentence == tokens[at].sentence;)
        if (lex.relation_named_at(tokens, k)) return true;
      return false;
    };
    const bool someone_elses_decade = writer_is_patient && i + 1 < tokens.size() && lex.is_pronoun(tokens[i + 1].text) &&
                                      tokens[i + 1].text != "my" && someone_named_before(i);
    if ((t.text == "in" || told_as_state) && i + 2 < tokens.size() && !someone_elses_decade) {
      std::size_t q = i + 1;
      if (lex.is_pronoun(tokens[q].text) || any_word_at(tokens, q, {"my", "their", "our"})) ++q;
      int shift = 5;
      if (any_word_at(tokens, q, {"early"})) { shift = 2; ++q; }
      else if (any_word_at(tokens, q, {"late"})) { shift = 8; ++q; }
      else if (any_word_at(tokens, q, {"mid"})) { ++q; }
      if (q < tokens.size()) {
        if (const auto d = data.age_decades.find(tokens[q].text); d != data.age_decades.end())
          return age_statement{static_cast<int>(d->second) + shift, std::nullopt};
        // "in her 70s", "in his late 80s": the decade in digits.
        const double decade = tokens[q].value;
        if (tokens[q].kind == token_kind::number && word_at(tokens, q + 1, "s") && decade >= 10 && decade <= 100 &&
            std::fmod(decade, 10.0) == 0.0)
          return age_statement{static_cast<int>(decade) + shift, std::nullopt};
      }
    }
    // "my son is 13", "my father is 74 years", "my 12 year old son", "our son (12)", "my lil girl is 4",
    // "my daughters 13", "my 4 year old" (a child, no noun)
    if (t.text == "my" || t.text == "our" || t.text == "me") {
      std::size_t p = i + 1;
      if (p < tokens.size() && tokens[p].kind == token_kind::number && plausible(tokens[p].value) && years_word(p + 1)) {
        std::size_t q = p + 2;
        // "my 6yo (girl)": the relation word may follow in brackets.
        while (q < tokens.size() && any_word_at(tokens, q, {"old", "-", "o", "year", "years", "("})) ++q;
        if (q < tokens.size() && lex.is_relation(tokens[q].text))
          return age_statement{static_cast<int>(tokens[p].value), tokens[q].text};
        if (word_at(tokens, p + 2, "old") || word_at(tokens, p + 1, "yo"))
          return age_statement{static_cast<int>(tokens[p].value), std::string("child")};
      }
      // Up to two describing words before the relation: "my little girl", "my eldest son".
      for (std::size_t skip = 0; skip <= 2 && p + skip < tokens.size(); ++skip) {
        const std::size_t rel = p + skip;
        if (tokens[rel].kind != token_kind::word) break;
        // "our Isla is six": a word the lexicon does not know, right after "my" or "our", is a name;
        // a child's age after it makes that child the patient.
        // A name can be a dictionary word too ("Our Ellie is twelve and has shot up"): then the age must
        // end its clause, so that "my level is 7 out of 10" is no age.
        const bool age_ends_clause = rel + 3 >= tokens.size() || tokens[rel + 3].kind == token_kind::punct ||
                                     any_word_at(tokens, rel + 3, {"and", "but", "now", "btw", "years", "yrs", "yo"});
        if (skip == 0 && lex.word_id(tokens[rel].text) == lexicon_word::none &&
            (!lex.is_dictionary_word(tokens[rel].text) || age_ends_clause) &&
            any_word_at(tokens, rel + 1, {"is", "s"}) && rel + 2 < tokens.size() && tokens[rel + 2].kind == token_kind::number &&
            plausible(tokens[rel + 2].value) && tokens[rel + 2].value < 18 && !unit_after(rel + 3) && !word_at(tokens, rel + 3, "/"))
          return age_statement{static_cast<int>(tokens[rel + 2].value), std::string("child")};
        if (!lex.is_relation(tokens[rel].text)) continue;
        std::size_t q = rel + 1;
        if (any_word_at(tokens, q, {"is", "aged", "age", ",", "(", "who", "s"})) ++q;
        q = skip_age_hedges(tokens, q);
        if (q < tokens.size() && tokens[q].kind == token_kind::number && plausible(tokens[q].value) && !unit_after(q + 1) &&
            !word_at(tokens, q + 1, "/"))
          return age_statement{static_cast<int>(tokens[q].value), tokens[rel].text};
        break;
      }
    }
    // "I have 34 years": the writer's age told as years had, in other languages' way.
    if (writer_is_patient && t.text == "i" && any_word_at(tokens, i + 1, {"have", "has"}) && i + 2 < tokens.size() &&
        tokens[i + 2].kind == token_kind::number && plausible(tokens[i + 2].value) && years_word(i + 3) && !word_at(tokens, i + 4, "ago"))
      return age_statement{static_cast<int>(tokens[i + 2].value), std::nullopt};
    // "im 71", "i am 69", "I'm 44 years"
    if (writer_is_patient && (t.text == "im" || (t.text == "i" && word_at(tokens, i + 1, "am")))) {
      std::size_t q = t.text == "im" ? i + 1 : i + 2;
      // "I am woman of 44 years": a person of so many years.
      std::size_t of = q;
      if (any_word_at(tokens, of, {"a", "an"})) ++of;
      for (std::size_t words = 0; words < 2 && of < tokens.size() && tokens[of].kind == token_kind::word && !word_at(tokens, of, "of"); ++words) ++of;
      if (of > i + 1 && word_at(tokens, of, "of") && of + 1 < tokens.size() && tokens[of + 1].kind == token_kind::number &&
          plausible(tokens[of + 1].value) && years_word(of + 2))
        return age_statement{static_cast<int>(tokens[of + 1].value), std::nullopt};
      // "I am Piotr, forty four years, ...": the writer's name set off before the age.
      if (q + 2 < tokens.size() && tokens[q].kind == token_kind::word && lex.word_id(tokens[q].text) == lexicon_word::none &&
          !lex.is_dictionary_word(tokens[q].text) && word_at(tokens, q + 1, ",") && tokens[q + 2].kind == token_kind::number &&
          years_word(q + 3) && plausible(tokens[q + 2].value))
        return age_statement{static_cast<int>(tokens[q + 2].value), std::nullopt};
      q = skip_age_hedges(tokens, q);
      if (q < tokens.size() && tokens[q].kind == token_kind::number && plausible(tokens[q].value) && !unit_after(q + 1) &&
          !word_at(tokens, q + 1, "/") && !word_at(tokens, q + 1, "%"))
        return age_statement{static_cast<int>(tokens[q].value), std::nullopt};
    }
    // "71 year old", "67 yr old", "aged 40", "age 40"
    // "walking like a ninety year old": a simile names no one's age.
    const bool simile = i >= 2 && word_at(tokens, i - 2, "like") && any_word_at(tokens, i - 1, {"a", "an"});
    if (t.kind == token_kind::number && plausible(t.value) && !simile) {
      // "78 years young": the joke is an age too.
      // "4 and a half yr old": a child's half year before the years word.
      const std::size_t years_at = i + 1 + half_words_at(tokens, i + 1);
      // "one of my 6 yr olds": a child of that age among several.
      if (years_word(years_at) && (any_word_at(tokens, years_at + 1, {"old", "young", "olds"}) || (word_at(tokens, years_at + 1, "of") && word_at(tokens, years_at + 2, "age"))))
        return age_statement{static_cast<int>(t.value), std::nullopt};
      if (word_at(tokens, i + 1, "yo")) return age_statement{static_cast<int>(t.value), std::nullopt};
      // "14 here", "72 here,", "..., 17 btw": a number opening the message or a clause, followed by a
      // word that names the writer or sets it off as an aside, is the writer's age.
      const bool opens_clause = i == 0 || tokens[i - 1].kind == token_kind::punct;
      if (opens_clause && t.value > 10 && t.value < 110 &&
          (lex.names_the_writer(tokens, i, i + 1) || any_word_at(tokens, i + 1, {"btw", "fyi"})))
        return age_statement{static_cast<int>(t.value), std::nullopt};
      // "72 and my right hip's been grumbling", "Hi love, 62 and finally retired": a number over any
      // pain score opening the message (after a greeting) and joined by "and" to the story is the
      // writer's age ("38 and rising", "40 and a half" are not).
      constexpr std::size_t kGreetingWords = 4;
      // "69 and seven weeks out from a hip replacement": or to a time of the story.
      const bool story_after =
          i + 2 < tokens.size() &&
          ((tokens[i + 2].kind == token_kind::word && !any_word_at(tokens, i + 2, {"a", "an", "half", "rising", "counting", "climbing", "over", "up"}) &&
            !lex.is_duration_unit(tokens[i + 2].text)) ||
           (tokens[i + 2].kind == token_kind::number && i + 3 < tokens.size() && lex.is_duration_unit(tokens[i + 3].text)));
      if (opens_clause && i <= kGreetingWords && t.value > 15 && t.value < 110 && word_at(tokens, i + 1, "and") && story_after)
        return age_statement{static_cast<int>(t.value), std::nullopt};
      // "41M", "45 m," at the start of a message, or ending a message as a signature ("... store. 41F.")
      const bool set_off_after = i + 2 >= tokens.size() || tokens[i + 2].kind == token_kind::punct;
      if ((i == 0 || (opens_clause && set_off_after)) && any_word_at(tokens, i + 1, {"m", "f", "male", "female"}) && t.value < 95)
        return age_statement{static_cast<int>(t.value), std::nullopt};
      // "Alfie's six btw", "Dermot's 54.": a name (a word neither the lexicon nor the dictionary knows)
      // opening a clause, then a number that ends it, is that person's age.
      // A word that could be a name: one the lexicon does not know and no misspelling of a word it does
      // ("bout two and a half metres").
      const auto could_be_a_name = [&](std::size_t k) {
        return tokens[k].kind == token_kind::word && tokens[k].text.size() >= 3 && lex.word_id(tokens[k].text) == lexicon_word::none &&
               !lex.data().spellings.contains(tokens[k].text);
      };
      // "my daughter Mia's 11, she's been limping": or a name right after the person it names.
      // "wee Isla's 6", "our Callum's 9": or after a word that may stand before a child's name
      // (reading.name_before_words).
      const bool name_before = i > 0 && could_be_a_name(i - 1) && !lex.is_dictionary_word(tokens[i - 1].text) &&
                               (i == 1 || tokens[i - 2].kind == token_kind::punct || lex.is_relation(tokens[i - 2].text) ||
                                lex.may_stand_before_a_name(tokens[i - 2].text));
      // "men's 5-a-side": a hyphen joining a word to the number ends nothing.
      const bool hyphen_joins = word_at(tokens, i + 1, "-") && i + 2 < tokens.size() && tokens[i + 2].kind == token_kind::word;
      const bool ends_after = i + 1 >= tokens.size() || (tokens[i + 1].kind == token_kind::punct && !hyphen_joins) ||
                              any_word_at(tokens, i + 1, {"btw", "fyi", "now", "and", "years", "yrs"});
      if (name_before && ends_after && t.value >= 1 && !word_at(tokens, i + 1, "/"))
        return age_statement{static_cast<int>(t.value), std::nullopt};
      // "minding little Aoife who's five": a name, then "who's" or "who is", then the age.
      std::size_t who_at = 0;  // where "who's" or "who is" stands, right before the age
      if (word_at(tokens, i - 1, "whos")) who_at = i - 1;
      else if (i >= 2 && word_at(tokens, i - 1, "is") && word_at(tokens, i - 2, "who")) who_at = i - 2;
      if (who_at > 0 && (could_be_a_name(who_at - 1) || lex.is_relation(tokens[who_at - 1].text)) && t.value >= 1 && t.value < 110 &&
          !unit_after(i + 1) && !word_at(tokens, i + 1, "/"))
        return age_statement{static_cast<int>(t.value), std::nullopt};
      // "one of my sprinters, Kayla, 13, went down", "My name is Halina, 76 years, ...": a name and its age,
      // each set off by commas.
      // "Grandad here. Oliver, 6, limping ...": or the name opening its sentence.
      const bool name_set_off = i >= 2 && word_at(tokens, i - 1, ",") && could_be_a_name(i - 2) &&
                                (i == 2 || tokens[i - 3].sentence != tokens[i - 2].sentence || word_at(tokens, i - 3, ",") ||
                                 any_word_at(tokens, i - 3, {"im", "am"}) ||
                                 (i >= 4 && word_at(tokens, i - 3, "is") && word_at(tokens, i - 4, "name")));
      // A name may be an everyday word too ("Kayla", "Will"): then the age must be over any pain score.
      const bool plain_name = name_set_off && (!lex.is_dictionary_word(tokens[i - 2].text) || t.value > 10);
      // "My name is Halina, 76 years, I have ...": the years word may follow the age.
      const std::size_t set_off_at = years_word(i + 1) ? i + 2 : i + 1;
      if (name_set_off && plain_name && set_off_at < tokens.size() && word_at(tokens, set_off_at, ",") && t.value >= 1 && t.value < 110)
        return age_statement{static_cast<int>(t.value), std::nullopt};
      // "Seventy-one, male, ...", "Thirteen, shot up loads this year", "seventy one. smoker": a number
      // opening the message and set off by a comma or a full stop is an age when no pain score (0 to
      // 10) could be meant.
      // "Hello from a sore hillwalker. 45, desk job": so does one opening a later sentence, over 15.
      // "Hi, 52, drive a cab": or one set off after a greeting.
      const bool opens_sentence = i == 0 || (tokens[i - 1].sentence != t.sentence && t.value > 15) ||
                                  (opens_clause && i <= kGreetingWords && t.value > 15) ||
                                  // "now 36, last couple of months ...": the age now, after a story of years ago.
                                  (i == 1 && word_at(tokens, 0, "now") && t.value > 15);
      if (opens_sentence && t.value > 10 && any_word_at(tokens, i + 1, {",", "."}) && i + 2 < tokens.size() && tokens[i + 2].kind == token_kind::word &&
          !lex.is_duration_unit(tokens[i + 2].text))
        return age_statement{static_cast<int>(t.value), std::nullopt};
    }
    // "aged 7", "she turned seven in March", "turns 13 next month"
    if (any_word_at(tokens, i, {"aged", "age", "turned", "turns", "turning"}) && i + 1 < tokens.size() &&
        tokens[i + 1].kind == token_kind::number && plausible(tokens[i + 1].value) && !unit_after(i + 2) &&
        !word_at(tokens, i + 2, "/") && !word_at(tokens, i + 2, ":"))
      return age_statement{static_cast<int>(tokens[i + 1].value), std::nullopt};
  }
  // Only when no age is stated: "toddler", "teenager", "at primary school" imply an age band.
  for (std::size_t i = 0; i < tokens.size(); ++i) {
    if (!lex.starts_phrase_of_days_or_age(tokens[i].text)) continue;
    // "looked like a newborn giraffe": a simile names no one's age.
    if (i > 0 && (word_at(tokens, i - 1, "like") || (i > 1 && word_at(tokens, i - 2, "like") && any_word_at(tokens, i - 1, {"a", "an", "some"}))))
      continue;
    for (const auto& [words, years] : lex.age_word_phrases()) {
      const std::size_t length = phrase_at(tokens, i, words);
      if (length == 0) continue;
      // "my toddler", "the little one" is that child's age, not the writer's: an age word that names a
      // person is theirs.
      std::string named;
      for (const auto& w : words) named += (named.empty() ? "" : " ") + w;
      // "danced for hours at the reception": after an article, a school stage names a place.
      if (i > 0 && lex.is_age_place(named) && any_word_at(tokens, i - 1, {"the", "a", "an", "that", "this"})) continue;
      if (lex.is_relation(named)) return age_statement{static_cast<int>(years), std::move(named), true};
      // "Year 8 lad", "a teenage son": the person named right after the age word is that age.
      const std::size_t next = i + length;
      if (next < tokens.size() && lex.is_relation(tokens[next].text))
        return age_statement{static_cast<int>(years), tokens[next].text, false};
      return age_statement{static_cast<int>(years), std::nullopt, true};
    }
  }
  return std::nullopt;
}

std::optional<double> find_temperature(const lexicon& lex, const std::vector<token>& tokens) {
  for (std::size_t i = 0; i < tokens.size(); ++i) {
    if (tokens[i].kind != token_kind::number) continue;
    double v = tokens[i].value;
    // "temp 100 to 101 every night", "38.2-38.9": a range counts as its higher end.
    if (any_word_at(tokens, i + 1, {"to", "-", "or"}) && i + 2 < tokens.size() && tokens[i + 2].kind == token_kind::number &&
        tokens[i + 2].value > v && tokens[i + 2].value - v < 5)
      v = tokens[i + 2].value;
    // "fever was 100 somethin", "38 odd": a reading told as over its whole number.
    if (any_word_at(tokens, i + 1, {"something", "somethin", "odd", "plus", "+"})) v += 0.5;
    bool temp_word = false;
    // "I measured the temperature this morning, 36.4": the word may stand a few words before, in the
    // number's sentence or just before a sentence the number opens ("temp? 39.2"), not before another
    // sentence's subject ("she's not got a fever. She's 39" tells an age).
    const bool opens_its_sentence = i == 0 || tokens[i - 1].sentence != tokens[i].sentence;
    // "his body is very hot, he is 39": a person who "is" a number tells an age.
    // "the thermometer says it's 36.7": "it" is no person.
    // "no temperature, im 39": nor does the writer who is a number.
    const bool age_of_someone = (i >= 2 && (tokens[i - 1].text == "is" || tokens[i - 1].text == "s") &&
                                 ((lex.is_pronoun(tokens[i - 2].text) && tokens[i - 2].text != "it") || tokens[i - 2].text == "i")) ||
                                (i >= 1 && any_word_at(tokens, i - 1, {"im", "aged", "age"})) ||
                                (i >= 2 && tokens[i - 1].text == "am" && tokens[i - 2].text == "i");
    // "no fever, no numb spots. 41 years old": a number followed by a word of years is an age.
    const bool years_after = i + 1 < tokens.size() && (lex.is_years_word(tokens[i + 1].text) || tokens[i + 1].text == "old");
    if (age_of_someone || years_after) continue;
    // "Temperature checked 3 times today, 36.8, 37.0": or a little further back, in the number's sentence.
    for (std::size_t k = (i >= 9 ? i - 9 : 0); k < i; ++k)
      temp_word = temp_word || (lex.is_temperature_word(tokens[k].text) && (tokens[k].sentence == tokens[i].sentence || opens_its_sentence));
    // "38 c" is Celsius and "101 f" Fahrenheit; "41F" is a 41-year-old woman, not a temperature.
    const bool celsius_after = any_word_at(tokens, i + 1, {"degrees", "c", "deg"});
    const bool fahrenheit_after = any_word_at(tokens, i + 1, {"degrees", "f", "deg"});
    const bool decimal = tokens[i].text.find('.') != std::string::npos;
    if (v >= 35 && v <= 43 && (temp_word || celsius_after || (decimal && v >= 37.5))) return v;
    // "he had 102.7 this morning": a decimal in the Fahrenheit range of a fever is one, as 38.4 is in Celsius.
    if (v >= 95 && v <= 110 && (temp_word || fahrenheit_after || (decimal && v >= 99.5))) return (v - 32.0) * 5.0 / 9.0;
  }
  return std::nullopt;
}

}  // namespace triagebot::nlu
