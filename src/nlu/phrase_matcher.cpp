#include "nlu/phrase_matcher.hpp"

#include <algorithm>
#include <array>
#include <string_view>

namespace triagebot::nlu {
namespace {

struct best_match {
  std::size_t end = 0;
  const lexicon::trie_node* node = nullptr;
};

bool has_concept(const lexicon::trie_node& n) {
  for (const auto& e : n.entries)
    if (e.kind == match_kind::concept_phrase) return true;
  return false;
}

bool has_trigger(const lexicon::trie_node& n) {
  for (const auto& e : n.entries)
    if (e.kind != match_kind::concept_phrase) return true;
  return false;
}

// "and the ...", "but his ...": a joining word followed by a word that opens a subject of its own
// (reading.subject_openers).
bool opens_new_subject(const lexicon& lex, const std::vector<token>& tokens, std::size_t k) {
  static constexpr std::array<std::string_view, 3> joins{"and", "but", "or"};
  return k + 1 < tokens.size() && std::find(joins.begin(), joins.end(), tokens[k].text) != joins.end() &&
         lex.opens_subject(tokens[k + 1].text);
}

// What the walker asks of each token, looked up once a message rather than at every step of every path.
enum token_role : std::uint8_t {
  filler = 1,           // reading.fillers
  steps_over = 2,       // a filler a phrase may step over: not a possessive before a body word
  negation = 4,         // a one-word pre-negation trigger
  opens_subject = 8,    // a joining word that opens a new subject (opens_new_subject)
};

std::vector<std::uint8_t> token_roles(const lexicon& lex, const std::vector<token>& tokens) {
  std::vector<std::uint8_t> roles(tokens.size(), 0);
  for (std::size_t k = 0; k < tokens.size(); ++k) {
    const auto& text = tokens[k].text;
    std::uint8_t r = 0;
    if (lex.is_filler(text)) {
      r |= filler;
      if (!(k + 1 < tokens.size() && lex.possessive_before_body_word(text, tokens[k + 1].text))) r |= steps_over;
    }
    if (lex.is_negation_word(text)) r |= negation;
    if (opens_new_subject(lex, tokens, k)) r |= opens_subject;
    roles[k] = r;
  }
  return roles;
}

struct walker {
  const lexicon& lex;
  const std::vector<int>& ids;
  const std::vector<token>& tokens;
  const std::vector<bool>& taken;  // tokens already inside a chosen match
  const std::vector<std::uint8_t>& roles;  // token_roles
  bool concepts;                   // this pass looks for concepts (else triggers)
  bool has(std::size_t k, token_role role) const { return (roles[k] & role) != 0; }

  // Every phrase from `start`, one per end (the first path found to it): found[from..].
  // fillers: how many filler words this path has stepped over inside the phrase ("cant *really* feel").
  void walk(int node_index, std::size_t pos, std::size_t start, std::vector<best_match>& found, std::size_t from,
            int fillers = 0, bool after_filler = false) const {
    const auto& node = lex.trie()[static_cast<std::size_t>(node_index)];
    const bool wanted = concepts ? has_concept(node) : has_trigger(node);
    // A phrase never ends on a word it stepped over.
    if (wanted && !after_filler && pos > start &&
        std::none_of(found.begin() + static_cast<std::ptrdiff_t>(from), found.end(), [&](const best_match& b) { return b.end == pos; }))
      found.push_back({pos, &node});
    if (pos < tokens.size() && ids[pos] >= 0 && !taken[pos]) {
      const auto it = node.next.find(ids[pos]);
      if (it != node.next.end()) walk(it->second, pos + 1, start, found, from, fillers);
      // "she worries about": the trigger says "worry about"; "worries" is a lexicon word of its own. Only
      // triggers: a sign's words keep their form ("the landing" is no "landed").
      if (const int sibling = concepts ? -1 : lex.stem_sibling(ids[pos]); sibling >= 0) {
        const auto alt = node.next.find(sibling);
        if (alt != node.next.end()) walk(alt->second, pos + 1, start, found, from, fillers);
      }
    }
    if (pos > start && fillers < kMaxFillers && pos < tokens.size() && !taken[pos] && !node.next.empty() && has(pos, steps_over))
      walk(node_index, pos + 1, start, found, from, fillers + 1, true);
    if (node.gap >= 0) {
      for (std::size_t skip = 0; skip <= static_cast<std::size_t>(lexicon::max_gap) && pos + skip < tokens.size(); ++skip) {
        if (skip > 0 && (is_sentence_end(tokens[pos + skip - 1]) || taken[pos + skip - 1])) break;
        // "pain in my back, my chest is fine": a gap stays inside its clause, though commas may set off
        // a filler inside it ("cant, like, feel").
        if (skip > 0 && tokens[pos + skip - 1].kind == token_kind::punct) {
          const std::size_t at = pos + skip - 1;
          const auto& p = tokens[at].text;
          const bool sets_off_filler = (at > 0 && has(at - 1, filler)) || (at + 1 < tokens.size() && has(at + 1, filler));
          if (p == "(" || p == ")" || (p == "," && !sets_off_filler)) break;
        }
        // "lost no weight": a gap never steps over a negation, which would turn a denial into the sign.
        if (skip > 0 && concepts && has(pos + skip - 1, negation)) break;
        // "dragging that leg and the foot turns out": nor over a joining word that opens a new subject
        // ("his leg and foot" may be one).
        if (skip > 0 && pos + skip < tokens.size() && has(pos + skip - 1, opens_subject)) break;
        walk(node.gap, pos + skip, start, found, from, fillers);
      }
    }
  }
  static constexpr int kMaxFillers = 2;
};

}  // namespace

resolved_words resolve_words(const lexicon& lex, std::vector<token>& tokens) {
  resolved_words out;
  out.ids.assign(tokens.size(), lexicon_word::none);
  for (std::size_t i = 0; i < tokens.size(); ++i) {
    auto& t = tokens[i];
    if (t.kind != token_kind::word) {
      out.ids[i] = lex.word_id(t.text);
      continue;
    }
    auto word = lex.resolve(t.text);
    out.ids[i] = word.id;
    if (word.id == lexicon_word::none || word.meant.empty()) continue;
    out.corrections.push_back({t.text, word.meant});
    if (!word.by_stem) t.text = std::move(word.meant);
  }
  // "ma left leg", "ma pal's sister": a word that is also a relation ("ma") is "my" before a body part,
  // a side or a person (possessive_spellings).
  for (std::size_t i = 0; i + 1 < tokens.size(); ++i) {
    if (tokens[i].kind != token_kind::word) continue;
    // "she told me both legs feel heavy": after a verb of telling, "me" is who was told.
    if (i > 0 && lex.only_reports(tokens, i - 1)) continue;
    const auto* meant = lex.possessive_before(tokens[i].text, tokens[i + 1].text);
    if (!meant) continue;
    out.corrections.push_back({tokens[i].text, *meant});
    tokens[i].text = *meant;
    out.ids[i] = lex.word_id(*meant);
  }
  return out;
}

matched_text match_phrases(const lexicon& lex, const std::vector<token>& tokens) {
  auto resolved = tokens;
  const auto words = resolve_words(lex, resolved);
  auto out = match_phrases(lex, resolved, words);
  out.corrections = words.corrections;
  return out;
}

matched_text match_phrases(const lexicon& lex, const std::vector<token>& tokens, const resolved_words& words) {
  matched_text out;
  const auto& ids = words.ids;
  // Concepts first, then trigger words in what is left. So "I haven't been able to pass urine" is one
  // concept rather than the answer "I haven't" followed by noise. Within a pass every phrase from each
  // word is a candidate, and the candidates kept are those covering the most words together, the
  // leftmost and then the longest winning a tie: "so much better off if I wasnt around" is the crisis
  // phrase, not "much better" followed by words nobody reads; "came back the second he stood up" is
  // "came back" and "the second he stood up", not a stray "back".
  std::vector<bool> taken(tokens.size(), false);
  std::vector<best_match> found;                          // candidates, those from word i in [first[i], first[i + 1])
  std::vector<std::size_t> first(tokens.size() + 1, 0);
  std::vector<std::size_t> covered(tokens.size() + 1, 0);  // most words coverable from here on
  const auto roles = token_roles(lex, tokens);
  for (const bool concepts : {true, false}) {
    const walker w{lex, ids, tokens, taken, roles, concepts};
    found.clear();
    for (std::size_t i = 0; i < tokens.size(); ++i) {
      first[i] = found.size();
      if (ids[i] < 0 || taken[i]) continue;
      w.walk(0, i, i, found, first[i]);
      // "can't lift the leg or stand on it": "stand on it" read as "can't stand on".
      if (const int node = concepts ? lex.shared_modal_node(tokens, i) : -1; node >= 0) w.walk(node, i, i, found, first[i]);
    }
    first[tokens.size()] = found.size();
    // Longest first within each word's candidates, so a tie keeps the longer phrase.
    for (std::size_t i = 0; i < tokens.size(); ++i)
      std::sort(found.begin() + static_cast<std::ptrdiff_t>(first[i]), found.begin() + static_cast<std::ptrdiff_t>(first[i + 1]),
                [](const best_match& a, const best_match& b) { return a.end > b.end; });
    // The cover is reckoned with each word's longest phrase; a shorter one is taken only where the
    // longest is not part of it and the shorter one loses nothing.
    for (std::size_t i = tokens.size(); i-- > 0;) {
      covered[i] = covered[i + 1];
      if (first[i] < first[i + 1]) covered[i] = std::max(covered[i], found[first[i]].end - i + covered[found[first[i]].end]);
    }
    std::size_t i = 0;
    while (i < tokens.size()) {
      const best_match* best = nullptr;
      for (std::size_t c = first[i]; c < first[i + 1] && best == nullptr; ++c)
        if (found[c].end - i + covered[found[c].end] >= covered[i]) best = &found[c];
      if (best == nullptr) {
        ++i;
        continue;
      }
      phrase_match m{match_kind::concept_phrase, 0, {}, i, best->end, tokens[i].sentence};
      const lexicon::entry* first_trigger = nullptr;
      for (const auto& e : best->node->entries) {
        if (e.kind == match_kind::concept_phrase) {
          if (concepts) m.concepts.push_back(e.concept_index);
          continue;
        }
        m.roles |= 1u << static_cast<unsigned>(e.kind);
        if (!first_trigger || e.order < first_trigger->order) first_trigger = &e;
      }
      if (!concepts) m.kind = first_trigger->kind;
      const std::size_t end = best->end;
      for (std::size_t k = i; k < end; ++k) taken[k] = true;
      out.matches.push_back(std::move(m));
      i = end;
    }
  }
  std::sort(out.matches.begin(), out.matches.end(),
            [](const phrase_match& a, const phrase_match& b) { return a.begin < b.begin; });
  return out;
}

}  // namespace triagebot::nlu
