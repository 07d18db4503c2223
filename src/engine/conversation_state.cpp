#include "engine/conversation_state.hpp"

#include <algorithm>
#include <cstdint>
#include <stdexcept>
#include <string_view>

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
  for (const auto& h : s.history) {
    json entry = {{"from", h.from}, {"text", h.text}};
    if (h.index >= 0) {
      entry["turn"] = h.turn;
      entry["index"] = h.index;
    }
    history.push_back(std::move(entry));
  }
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

namespace {

// Writes JSON text the way nlohmann's dump() does (compact, keys in order, ensure_ascii off), so
// to_json_text and to_json(...).dump() give the same bytes.
class json_writer {
 public:
  explicit json_writer(std::string& out) : out_(out) {}

  void string(std::string_view text) {
    if (!valid_utf8(text)) {
      // Rare (text cut mid-character): let nlohmann substitute U+FFFD as the server's dump does.
      out_ += nlohmann::json(std::string(text)).dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
      return;
    }
    out_ += '"';
    std::size_t plain = 0;  // start of the run of bytes copied as they are
    for (std::size_t i = 0; i < text.size(); ++i) {
      const auto c = static_cast<unsigned char>(text[i]);
      if (c >= 0x20 && c != '"' && c != '\\') continue;
      out_.append(text.data() + plain, i - plain);
      plain = i + 1;
      switch (c) {
        case '"': out_ += "\\\""; break;
        case '\\': out_ += "\\\\"; break;
        case '\b': out_ += "\\b"; break;
        case '\f': out_ += "\\f"; break;
        case '\n': out_ += "\\n"; break;
        case '\r': out_ += "\\r"; break;
        case '\t': out_ += "\\t"; break;
        default: {
          static constexpr char hex[] = "0123456789abcdef";
          out_ += "\\u00";
          out_ += hex[c >> 4];
          out_ += hex[c & 15];
        }
      }
    }
    out_.append(text.data() + plain, text.size() - plain);
    out_ += '"';
  }

  void key(std::string_view name) {
    comma();
    string(name);
    out_ += ':';
    first_ = true;  // the value that follows needs no comma
  }

  void value(std::string_view text) { comma(); string(text); }
  void value(const char* text) { value(std::string_view(text)); }
  void value(const std::string& text) { value(std::string_view(text)); }
  void value(int n) { comma(); out_ += std::to_string(n); }
  void value(bool b) { comma(); out_ += b ? "true" : "false"; }
  void value(double d) { comma(); out_ += nlohmann::json(d).dump(); }
  void value(const nlohmann::json& j) { comma(); out_ += j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace); }
  void value(const std::vector<std::string>& list) {
    begin_array();
    for (const auto& item : list) value(item);
    end_array();
  }

  void begin_object() { comma(); out_ += '{'; first_ = true; }
  void end_object() { out_ += '}'; first_ = false; }
  void begin_array() { comma(); out_ += '['; first_ = true; }
  void end_array() { out_ += ']'; first_ = false; }

  template <typename T>
  void field(std::string_view name, const T& v) {
    key(name);
    value(v);
  }

 private:
  void comma() {
    if (!first_) out_ += ',';
    first_ = false;
  }

  static bool valid_utf8(std::string_view text) {
    std::size_t i = 0;
    while (i < text.size()) {
      const auto c = static_cast<unsigned char>(text[i]);
      if (c < 0x80) {
        ++i;
        continue;
      }
      std::size_t length = 0;
      std::uint32_t point = 0;
      if ((c & 0xe0) == 0xc0) length = 2, point = c & 0x1fu;
      else if ((c & 0xf0) == 0xe0) length = 3, point = c & 0x0fu;
      else if ((c & 0xf8) == 0xf0) length = 4, point = c & 0x07u;
      else return false;
      if (i + length > text.size()) return false;
      for (std::size_t k = 1; k < length; ++k) {
        const auto next = static_cast<unsigned char>(text[i + k]);
        if ((next & 0xc0) != 0x80) return false;
        point = (point << 6) | (next & 0x3fu);
      }
      // Overlong forms, surrogates and points past U+10FFFF are not UTF-8.
      static constexpr std::uint32_t smallest[] = {0, 0, 0x80, 0x800, 0x10000};
      if (point < smallest[length] || point > 0x10ffff || (point >= 0xd800 && point <= 0xdfff)) return false;
      i += length;
    }
    return true;
  }

  std::string& out_;
  bool first_ = true;
};

}  // namespace

std::string to_json_text(const conversation_state& s, reply_frames frames) {
  std::string out;
  out.reserve(4096);
  json_writer w(out);
  // Keys in the order nlohmann's std::map keeps them (sorted), as to_json(s).dump() writes them.
  w.begin_object();
  w.field("answered", s.answered);
  w.key("audit");
  w.begin_array();
  for (const auto& a : s.audit) {
    w.begin_object();
    w.field("evidence", a.evidence);
    w.field("id", a.id);
    w.field("kind", a.kind);
    w.field("rule", a.rule);
    w.field("rules_version", a.rules_version);
    w.field("turn", a.turn);
    w.end_object();
  }
  w.end_array();
  w.field("concluded", s.concluded);
  w.key("facts");
  w.begin_object();
  for (const auto& [id, f] : s.facts) {
    w.key(id);
    w.begin_object();
    w.field("source", f.source);
    w.field("state", state_name(f.state));
    w.field("turn", f.turn);
    w.field("words", f.words);
    w.end_object();
  }
  w.end_object();
  w.key("history");
  w.begin_array();
  for (const auto& h : s.history) {
    w.begin_object();
    w.field("from", h.from);
    if (h.index >= 0) w.field("index", h.index);
    if (h.index < 0 || frames == reply_frames::included) w.field("text", h.text);
    if (h.index >= 0) w.field("turn", h.turn);
    w.end_object();
  }
  w.end_array();
  w.field("last_prompt", s.last_prompt);
  w.field("locale", s.locale);
  w.field("outcome", s.outcome);
  if (s.patient_relation) w.field("patient_relation", *s.patient_relation);
  w.field("pending", s.pending);
  w.field("pending_misses", s.pending_misses);
  w.field("questions_asked", s.questions_asked);
  w.field("queue", s.queue);
  w.key("recent_replies");
  w.begin_array();
  for (const auto& r : s.recent_replies) {
    w.begin_object();
    if (frames == reply_frames::included) {
      w.field("frame", r.frame);
      w.field("id", r.id);
    } else {
      w.field("id", r.id);
      w.field("turn", r.turn);
    }
    w.end_object();
  }
  w.end_array();
  w.field("rules_version", s.rules_version);
  w.field("session", s.session);
  w.key("slots");
  w.begin_object();
  for (const auto& [id, v] : s.slots) {
    w.key(id);
    w.begin_object();
    if (v.number) w.field("number", *v.number);
    w.field("priority", v.priority);
    if (v.text) w.field("text", *v.text);
    w.field("unsure", v.unsure);
    w.field("words", v.words);
    w.end_object();
  }
  w.end_object();
  w.field("turn", s.turn);
  w.field("version", 1);
  w.end_object();
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
    for (const auto& h : j.at("history")) {
      history_entry entry{h.at("from").get<std::string>(), {}, 0, -1};
      if (h.contains("index")) {
        entry.index = h.at("index").get<int>();
        entry.turn = h.at("turn").get<int>();
        if (entry.index < 0) throw std::runtime_error("the saved conversation has a history entry with a negative index");
      }
      if (h.contains("text")) {
        entry.text = h.at("text").get<std::string>();
      } else if (entry.index < 0) {
        throw std::runtime_error("the saved conversation has a history entry with neither a text nor a reply");
      }
      s.history.push_back(std::move(entry));
    }
    for (const auto& r : j.at("recent_replies")) {
      remembered_reply reply{r.at("id").get<std::string>(), nullptr, 0};
      if (r.contains("frame")) {  // saved whole
        reply.frame = r.at("frame");
        if (reply.frame.is_object() && reply.frame.contains("turn")) reply.turn = reply.frame.at("turn").get<int>();
      } else {  // saved by_turn
        reply.turn = r.at("turn").get<int>();
      }
      s.recent_replies.push_back(std::move(reply));
    }
    s.last_prompt = j.at("last_prompt");
    return s;
  } catch (const nlohmann::json::exception&) {
    throw std::runtime_error("the saved conversation is incomplete or has a field of the wrong type");
  }
}

std::vector<int> turns_missing_history_texts(const conversation_state& s) {
  std::vector<int> turns;
  for (const auto& h : s.history)
    if (h.index >= 0 && h.text.empty()) turns.push_back(h.turn);
  std::sort(turns.begin(), turns.end());
  turns.erase(std::unique(turns.begin(), turns.end()), turns.end());
  return turns;
}

void fill_history_texts(conversation_state& s, const std::function<const nlohmann::json*(int turn)>& reply_for_turn) {
  std::deque<history_entry> filled;
  for (auto& h : s.history) {
    if (h.index < 0 || !h.text.empty()) {
      filled.push_back(std::move(h));
      continue;
    }
    const nlohmann::json* reply = reply_for_turn(h.turn);
    if (reply == nullptr || !reply->is_object()) continue;
    const auto messages = reply->find("messages");
    if (messages == reply->end() || !messages->is_array() || static_cast<std::size_t>(h.index) >= messages->size()) continue;
    const auto& message = (*messages)[static_cast<std::size_t>(h.index)];
    if (!message.is_object()) continue;
    const auto text = message.find("text");
    if (text == message.end() || !text->is_string()) continue;
    h.text = text->get<std::string>();
    filled.push_back(std::move(h));
  }
  s.history = std::move(filled);
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
