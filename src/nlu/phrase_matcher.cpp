#include "nlu/phrase_matcher.hpp"

namespace triagebot::nlu {
namespace {

struct best_match {
  std::size_t end = 0;
  const lexicon::trie_node* node = nullptr;
};

bool better(const lexicon::trie_node& candidate, std::size_t end, const best_match& best) {
  if (best.node == nullptr || end > best.end) return true;
  if (end < best.end) return false;
  auto has_concept = [](const lexicon::trie_node& n) {
    for (const auto& e : n.entries) if (e.kind == match_kind::concept_phrase) return true;
    return false;
  };
  return has_concept(candidate) && !has_concept(*best.node);
}

void walk(const lexicon& lex, const std::vector<int>& ids, const std::vector<token>& tokens, int node_index,
          std::size_t pos, std::size_t start, best_match& best) {
  const auto& node = lex.trie()[static_cast<std::size_t>(node_index)];
  if (!node.entries.empty() && pos > start && better(node, pos, best)) best = {pos, &node};
  if (pos < tokens.size() && ids[pos] >= 0) {
    const auto it = node.next.find(ids[pos]);
    if (it != node.next.end()) walk(lex, ids, tokens, it->second, pos + 1, start, best);
  }
  if (node.gap >= 0) {
    for (std::size_t skip = 0; skip <= static_cast<std::size_t>(lexicon::max_gap) && pos + skip < tokens.size(); ++skip) {
      if (skip > 0 && is_sentence_end(tokens[pos + skip - 1])) break;
      walk(lex, ids, tokens, node.gap, pos + skip, start, best);
    }
  }
}

}  // namespace

matched_text match_phrases(const lexicon& lex, const std::vector<token>& tokens) {
  matched_text out;
  std::vector<int> ids(tokens.size(), lexicon_word::none);
  for (std::size_t i = 0; i < tokens.size(); ++i) {
    const auto& t = tokens[i];
    ids[i] = lex.word_id(t.text);
    if (ids[i] != lexicon_word::none || t.kind != token_kind::word || lex.is_dictionary_word(t.text)) continue;
    if (const auto meant = lex.fuzzy().nearest(t.text)) {
      ids[i] = lex.word_id(*meant);
      out.corrections.push_back({t.text, std::string(*meant)});
    }
  }
  std::size_t i = 0;
  while (i < tokens.size()) {
    best_match best;
    if (ids[i] >= 0) walk(lex, ids, tokens, 0, i, i, best);
    if (best.node == nullptr) {
      ++i;
      continue;
    }
    phrase_match m{match_kind::concept_phrase, 0, {}, i, best.end, tokens[i].sentence};
    bool has_concept = false;
    for (const auto& e : best.node->entries) {
      m.roles |= 1u << static_cast<unsigned>(e.kind);
      if (e.kind == match_kind::concept_phrase) {
        has_concept = true;
        m.concepts.push_back(e.concept_index);
      }
    }
    if (!has_concept) {
      // The earliest-defined trigger of this phrase decides its role.
      const lexicon::entry* first = &best.node->entries.front();
      for (const auto& e : best.node->entries) if (e.order < first->order) first = &e;
      m.kind = first->kind;
    }
    out.matches.push_back(std::move(m));
    i = best.end;
  }
  return out;
}

}  // namespace triagebot::nlu
