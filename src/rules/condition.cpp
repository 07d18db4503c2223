#include "rules/condition.hpp"

#include <algorithm>

namespace triagebot::rules {

bool evaluate(const condition& c, const fact_source& facts) {
  using k = condition::kind;
  switch (c.type) {
    case k::always: return true;
    case k::fact: return facts.fact(c.name) == fact_source::fact_state::present;
    case k::absent: return facts.fact(c.name) == fact_source::fact_state::absent;
    case k::unknown: return facts.fact(c.name) == fact_source::fact_state::unknown;
    case k::known: return facts.slot_text(c.name) != nullptr || facts.slot_number(c.name).has_value();
    case k::unsure: return facts.slot_unsure(c.name);
    case k::flag: return facts.flag(c.name);
    case k::all: return std::all_of(c.children.begin(), c.children.end(), [&](const condition& x) { return evaluate(x, facts); });
    case k::any: return std::any_of(c.children.begin(), c.children.end(), [&](const condition& x) { return evaluate(x, facts); });
    case k::negation: return !c.children.empty() && !evaluate(c.children.front(), facts);
    case k::slot_compare: {
      if (const auto* number = std::get_if<double>(&c.value)) {
        const auto v = facts.slot_number(c.name);
        if (!v) return false;
        if (c.op == "<") return *v < *number;
        if (c.op == "<=") return *v <= *number;
        if (c.op == ">") return *v > *number;
        if (c.op == ">=") return *v >= *number;
        if (c.op == "==") return *v == *number;
        if (c.op == "!=") return *v != *number;
        return false;
      }
      if (const auto* text = std::get_if<std::string>(&c.value)) {
        const auto* v = facts.slot_text(c.name);
        if (v == nullptr) return false;
        if (c.op == "==") return *v == *text;
        if (c.op == "!=") return *v != *text;
      }
      return false;
    }
  }
  return false;
}

truth evaluate_with_open_slot(const condition& c, const fact_source& facts, const std::string& open_slot) {
  using k = condition::kind;
  switch (c.type) {
    case k::slot_compare:
    case k::known:
    case k::unsure:
      if (c.name == open_slot) return truth::maybe;
      break;
    case k::all:
    case k::any: {
      // One child decides an "all" that is false or an "any" that is true; an open child leaves the rest open.
      const truth decisive = c.type == k::all ? truth::no : truth::yes;
      bool open = false;
      for (const auto& child : c.children) {
        const truth t = evaluate_with_open_slot(child, facts, open_slot);
        if (t == decisive) return decisive;
        open = open || t == truth::maybe;
      }
      if (open) return truth::maybe;
      return decisive == truth::no ? truth::yes : truth::no;
    }
    case k::negation: {
      if (c.children.empty()) return truth::no;
      const truth t = evaluate_with_open_slot(c.children.front(), facts, open_slot);
      return t == truth::maybe ? truth::maybe : (t == truth::yes ? truth::no : truth::yes);
    }
    default: break;
  }
  return evaluate(c, facts) ? truth::yes : truth::no;
}

void collect_facts(const condition& c, std::vector<std::string>& out) {
  using k = condition::kind;
  if (c.type == k::fact || c.type == k::absent || c.type == k::unknown) {
    if (std::find(out.begin(), out.end(), c.name) == out.end()) out.push_back(c.name);
  }
  for (const auto& child : c.children) collect_facts(child, out);
}

namespace {

// Whether every way through the condition needs {"not": {<kind>: name}}.
bool requires_absent(const condition& c, condition::kind kind, const std::string& name) {
  using k = condition::kind;
  if (c.type == k::negation)
    return std::any_of(c.children.begin(), c.children.end(),
                       [&](const condition& child) { return child.type == kind && child.name == name; });
  // Every way through an "any" needs it absent; one needing it in an "all" is enough.
  if (c.type == k::all)
    return std::any_of(c.children.begin(), c.children.end(), [&](const condition& child) { return requires_absent(child, kind, name); });
  if (c.type == k::any)
    return !c.children.empty() &&
           std::all_of(c.children.begin(), c.children.end(), [&](const condition& child) { return requires_absent(child, kind, name); });
  return false;
}

}  // namespace

bool requires_flag_absent(const condition& c, const std::string& flag_id) { return requires_absent(c, condition::kind::flag, flag_id); }

bool requires_fact_absent(const condition& c, const std::string& fact_id) { return requires_absent(c, condition::kind::fact, fact_id); }

}  // namespace triagebot::rules
