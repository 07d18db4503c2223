#include "engine/conversation_state.hpp"

#include <algorithm>
#include <stdexcept>

namespace triagebot::engine {
namespace {

std::string_view state_name(fact_state s) {
  switch (s) {
    case fact_state::present: return "present";
    case fact_state::absent: return "absent";
    case fact_state::unknown: return "unknown";
  }
  return "unknown";
}

fact_state parse_state(const std::string& s) {
  if (s == "present") return fact_state::present;
  if (s == "absent") return fact_state::absent;
  if (s == "unknown") return fact_state::unknown;
  throw std::runtime_error("unknown fact state \"" + s + "\"");
}

}  // namespace

std::optional<rules::level> conversation_state::outcome_level() const {
  if (!outcome.is_object() || !outcome.contains("level")) return std::nullopt;
  return rules::parse_level(outcome.at("level").get<std::string>());
}

std::vector<std::string> conversation_state::red_flags() const {
  if (!outcome.is_object() || !outcome.contains("red_flags")) return {};
  return outcome.at("red_flags").get<std::vector<std::string>>();
}

nlohmann::json to_json(const conversation_state& s) {
  using json = nlohmann::json;
  json facts = json::object();
  for (const auto& [id, f] : s.facts)
    facts[id] = {{"state", state_name(f.state)}, {"source", f.source}, {"words", f.words}, {"turn", f.turn}};
  json slots = json::object();
  for (const auto& [id, v] : s.slots) {
    json j = {{"unsure", v.unsure}, {"priority", v.priority}, {"words", v.words}};
    if (v.text) j["text"] = *v.text;
    if (v.number) j["number"] = *v.number;
    slots[id] = j;
  }
  json audit = json::array();
  for (const auto& a : s.audit)
    audit.push_back({{"kind", a.kind}, {"id", a.id}, {"rule", a.rule}, {"rules_version", a.rules_version},
                     {"evidence", a.evidence}, {"turn", a.turn}});
  json history = json::array();
  for (const auto& h : s.history) history.push_back({{"from", h.from}, {"text", h.text}});
  json recent = json::array();
  for (const auto& r : s.recent_replies) recent.push_back({{"id", r.id}, {"frame", r.frame}});
  json out = {{"version", 1},
              {"session", s.session},
              {"rules_version", s.rules_version},
              {"locale", s.locale},
              {"turn", s.turn},
              {"questions_asked", s.questions_asked},
              {"facts", facts},
              {"slots", slots},
              {"pending", s.pending},
              {"pending_misses", s.pending_misses},
              {"answered", s.answered},
              {"queue", s.queue},
              {"concluded", s.concluded},
              {"outcome", s.outcome},
              {"audit", audit},
              {"history", history},
              {"recent_replies", recent},
              {"last_prompt", s.last_prompt}};
  if (s.patient_relation) out["patient_relation"] = *s.patient_relation;
  return out;
}

conversation_state state_from_json(const nlohmann::json& j) {
  try {
    if (!j.is_object()) throw std::runtime_error("a saved conversation must be a JSON object");
    if (j.value("version", 0) != 1) throw std::runtime_error("unsupported saved conversation version");
    conversation_state s;
    s.session = j.at("session").get<std::string>();
    s.rules_version = j.at("rules_version").get<std::string>();
    s.locale = j.at("locale").get<std::string>();
    s.turn = j.at("turn").get<int>();
    s.questions_asked = j.at("questions_asked").get<int>();
    for (const auto& [id, f] : j.at("facts").items())
      s.facts[id] = fact_record{parse_state(f.at("state").get<std::string>()), f.at("source").get<std::string>(),
                                f.at("words").get<std::string>(), f.at("turn").get<int>()};
    for (const auto& [id, v] : j.at("slots").items()) {
      slot_value sv;
      if (v.contains("text")) sv.text = v.at("text").get<std::string>();
      if (v.contains("number")) sv.number = v.at("number").get<double>();
      sv.unsure = v.at("unsure").get<bool>();
      sv.priority = v.at("priority").get<int>();
      sv.words = v.at("words").get<std::string>();
      s.slots[id] = sv;
    }
    if (j.contains("patient_relation")) s.patient_relation = j.at("patient_relation").get<std::string>();
    s.pending = j.at("pending").get<std::string>();
    s.pending_misses = j.at("pending_misses").get<int>();
    s.answered = j.at("answered").get<std::vector<std::string>>();
    s.queue = j.at("queue").get<std::vector<std::string>>();
    s.concluded = j.at("concluded").get<bool>();
    s.outcome = j.at("outcome");
    for (const auto& a : j.at("audit"))
      s.audit.push_back(audit_entry{a.at("kind").get<std::string>(), a.at("id").get<std::string>(),
                                    a.at("rule").get<std::string>(), a.at("rules_version").get<std::string>(),
                                    a.at("evidence").get<std::vector<std::string>>(), a.at("turn").get<int>()});
    for (const auto& h : j.at("history")) s.history.push_back({h.at("from").get<std::string>(), h.at("text").get<std::string>()});
    for (const auto& r : j.at("recent_replies")) s.recent_replies.push_back({r.at("id").get<std::string>(), r.at("frame")});
    s.last_prompt = j.at("last_prompt");
    return s;
  } catch (const nlohmann::json::exception&) {
    throw std::runtime_error("the saved conversation is incomplete or has a field of the wrong type");
  }
}

fact_state state_facts::fact(const std::string& id) const {
  const auto it = s_.facts.find(id);
  return it == s_.facts.end() ? fact_state::unknown : it->second.state;
}

const std::string* state_facts::slot_text(const std::string& slot) const {
  const auto it = s_.slots.find(slot);
  if (it == s_.slots.end() || !it->second.text) return nullptr;
  return &*it->second.text;
}

std::optional<double> state_facts::slot_number(const std::string& slot) const {
  const auto it = s_.slots.find(slot);
  if (it == s_.slots.end()) return std::nullopt;
  return it->second.number;
}

bool state_facts::slot_unsure(const std::string& slot) const {
  const auto it = s_.slots.find(slot);
  return it != s_.slots.end() && it->second.unsure;
}

bool state_facts::flag(const std::string& id) const {
  return std::find(flags_.begin(), flags_.end(), id) != flags_.end();
}

}  // namespace triagebot::engine
