#include "rules/rules_loader.hpp"

#include <algorithm>
#include <fstream>
#include <limits>
#include <set>
#include <sstream>

#include "rules/json_reader.hpp"

namespace triagebot::rules {
namespace {

using json = nlohmann::json;

// Every red-flag id of PROTOCOL v1 (plus avascular_necrosis): a rule set must define them all.
const std::vector<std::string> kProtocolFlags{
    "cauda_equina", "progressive_neuro", "fracture", "malignancy", "infection", "septic_arthritis",
    "aaa", "dvt", "pe", "limb_ischaemia", "scfe", "compartment_syndrome", "avascular_necrosis",
    "child_limp", "stroke", "chest_pain", "head_injury", "crisis"};

struct reference {
  enum class kind { fact, slot, flag, question, concept_id, region } type;
  std::string name;
  std::string file;
  std::string path;
  std::size_t flag_position = 0;  // for flags: the referring flag's index (must refer to an earlier one)
};

class loader {
 public:
  explicit loader(std::filesystem::path dir) : dir_(std::move(dir)) {}

  load_result run();

 private:
  std::optional<json> read(const std::string& name, bool required = true);
  condition parse_condition(json_reader& r, const json& j, const std::string& path, std::size_t flag_position = 0);
  void read_manifest(const json& j);
  void read_lexicon(const json& j);
  void read_questions(const json& j);
  void read_flow(const json& j);
  void read_red_flags(const json& j);
  void read_dispositions(const json& j);
  void read_outcomes(const json& j);
  void read_exercises(const json& j);
  void read_faq(const json& j);
  void read_texts(const json& j);
  void check_references();
  std::vector<flow_step> read_steps(json_reader& r, const json& j, const std::string& path);
  std::vector<std::string> concept_list(json_reader& r, const json& obj, const std::string& path, const char* key);

  std::filesystem::path dir_;
  std::vector<rule_finding> findings_;
  bool unreadable_ = false;
  rule_set rules_;
  nlu::lexicon_data lexicon_;
  std::vector<reference> refs_;
};

std::optional<json> loader::read(const std::string& name, bool required) {
  const auto path = dir_ / name;
  std::error_code ec;
  if (!std::filesystem::exists(path, ec)) {
    if (required) findings_.push_back({name, "$", severity::error, "the file is missing from " + dir_.string()});
    return std::nullopt;
  }
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    findings_.push_back({name, "$", severity::error, "the file cannot be read (permissions?)"});
    unreadable_ = true;
    return std::nullopt;
  }
  std::stringstream buffer;
  buffer << in.rdbuf();
  const std::string text = buffer.str();
  try {
    // Duplicate keys are legal JSON but a trap in rules: the later one silently replaces the earlier.
    struct open_object {
      std::string key;  // the key this object is stored under in its parent
      std::set<std::string> keys;
    };
    std::vector<open_object> objects;
    std::string last_key;
    auto path_of = [&]() {
      std::string p = "$";
      for (std::size_t i = 1; i < objects.size(); ++i) p += objects[i].key.empty() ? "[]" : "." + objects[i].key;
      return p;
    };
    auto callback = [&](int /*depth*/, json::parse_event_t event, json& parsed) {
      if (event == json::parse_event_t::object_start) objects.push_back({last_key, {}});
      else if (event == json::parse_event_t::object_end && !objects.empty()) objects.pop_back();
      else if (event == json::parse_event_t::array_start) last_key.clear();
      else if (event == json::parse_event_t::key && !objects.empty()) {
        last_key = parsed.get<std::string>();
        if (!objects.back().keys.insert(last_key).second)
          findings_.push_back({name, path_of() + "." + last_key, severity::error,
                               "the key \"" + last_key + "\" appears twice here; the second would silently replace the first"});
      }
      return true;
    };
    return json::parse(text, callback);
  } catch (const json::parse_error& e) {
    // Turn the byte offset into a line and column a person can find in an editor.
    std::size_t line = 1, column = 1;
    const std::size_t end = std::min<std::size_t>(e.byte == 0 ? 0 : e.byte - 1, text.size());
    for (std::size_t i = 0; i < end; ++i) {
      if (text[i] == '\n') { ++line; column = 1; } else { ++column; }
    }
    std::string what = "this is not valid JSON";
    const std::string raw = e.what();
    if (raw.find("unexpected end of input") != std::string::npos) what += ": the file ends too early (a missing } or ]?)";
    else if (raw.find("unexpected '}'") != std::string::npos || raw.find("unexpected ']'") != std::string::npos)
      what += ": a comma before a closing bracket, or a bracket too many";
    else if (raw.find("expected ',' or '}'") != std::string::npos || raw.find("expected ',' or ']'") != std::string::npos ||
             ((raw.find("unexpected string literal") != std::string::npos || raw.find("unexpected number literal") != std::string::npos ||
               raw.find("unexpected '{'") != std::string::npos || raw.find("unexpected '['") != std::string::npos) &&
              (raw.find("expected '}'") != std::string::npos || raw.find("expected ']'") != std::string::npos)))
      what += ": a comma is missing between two items";
    else if (raw.find("invalid string") != std::string::npos) what += ": a text is not closed with \" or holds a control character";
    else what += ": check the quotes, commas and brackets near here";
    findings_.push_back({name, std::to_string(line) + ":" + std::to_string(column), severity::error, what});
    return std::nullopt;
  }
}

condition loader::parse_condition(json_reader& r, const json& j, const std::string& path, std::size_t flag_position) {
  condition c;
  if (!j.is_object() || j.size() == 0) {
    r.error(path, "expected a condition such as {\"fact\": \"...\"} but found " + type_name(j));
    return c;
  }
  const std::vector<std::string> keys{"fact", "absent", "unknown", "slot", "known", "unsure", "flag", "all", "any", "not"};
  std::string key;
  for (const auto& k : keys) if (j.contains(k)) { key = k; break; }
  if (key.empty()) {
    const auto first = j.begin().key();
    std::string message = "unknown condition \"" + first + "\"";
    if (auto near = did_you_mean(first, keys)) message += " (did you mean \"" + *near + "\"?)";
    r.error(json_reader::field(path, first), message);
    return c;
  }
  const auto name_of = [&](const char* k) { return r.text(j, path, k); };
  using k = condition::kind;
  if (key == "all" || key == "any") {
    r.object(j, path, {key});
    c.type = key == "all" ? k::all : k::any;
    const auto& list = j.at(key);
    if (!r.array(list, json_reader::field(path, key))) return c;
    if (list.empty()) r.error(json_reader::field(path, key), "an empty \"" + key + "\" list");
    for (std::size_t i = 0; i < list.size(); ++i)
      c.children.push_back(parse_condition(r, list[i], json_reader::item(json_reader::field(path, key), i), flag_position));
    return c;
  }
  if (key == "not") {
    r.object(j, path, {"not"});
    c.type = k::negation;
    c.children.push_back(parse_condition(r, j.at("not"), json_reader::field(path, "not"), flag_position));
    return c;
  }
  if (key == "slot") {
    c.name = name_of("slot");
    refs_.push_back({reference::kind::slot, c.name, r.file(), json_reader::field(path, "slot")});
    r.object(j, path, {"slot", "op", "value"});
    c.type = k::slot_compare;
    c.op = r.text(j, path, "op");
    static const std::vector<std::string> ops{"<", "<=", ">", ">=", "==", "!="};
    if (!c.op.empty() && std::find(ops.begin(), ops.end(), c.op) == ops.end())
      r.error(json_reader::field(path, "op"), "unknown comparison \"" + c.op + "\" (use <, <=, >, >=, == or !=)");
    if (!j.contains("value")) r.error(json_reader::field(path, "value"), "the field \"value\" is missing");
    else if (j.at("value").is_number()) c.value = j.at("value").get<double>();
    else if (j.at("value").is_string()) {
      c.value = j.at("value").get<std::string>();
      if (c.op != "==" && c.op != "!=") r.error(json_reader::field(path, "op"), "text values can only be compared with == or !=");
    } else r.error(json_reader::field(path, "value"), "expected a number or text but found " + type_name(j.at("value")));
    return c;
  }
  r.object(j, path, {key});
  c.name = name_of(key.c_str());
  if (key == "fact" || key == "absent" || key == "unknown") {
    c.type = key == "fact" ? k::fact : key == "absent" ? k::absent : k::unknown;
    refs_.push_back({reference::kind::fact, c.name, r.file(), json_reader::field(path, key)});
  } else if (key == "known" || key == "unsure") {
    c.type = key == "known" ? k::known : k::unsure;
    refs_.push_back({reference::kind::slot, c.name, r.file(), json_reader::field(path, key)});
  } else {
    c.type = k::flag;
    refs_.push_back({reference::kind::flag, c.name, r.file(), json_reader::field(path, key), flag_position});
  }
  return c;
}

void loader::read_manifest(const json& j) {
  json_reader r("manifest.json", findings_);
  if (!r.object(j, "$", {"name", "version", "default_locale", "locales", "max_questions", "unusable_answers_limit"})) return;
  auto& m = rules_.info;
  m.name = r.text(j, "$", "name");
  m.version = r.text(j, "$", "version");
  m.default_locale = r.text(j, "$", "default_locale");
  m.locales = r.text_list(j, "$", "locales");
  if (!m.default_locale.empty() && std::find(m.locales.begin(), m.locales.end(), m.default_locale) == m.locales.end())
    r.error("$.default_locale", "the default locale \"" + m.default_locale + "\" is not in \"locales\"");
  if (auto n = r.number(j, "$", "max_questions")) {
    if (*n < 1 || *n > 20) r.error("$.max_questions", "must be between 1 and 20 (a conversation concludes within 20 questions)");
    m.max_questions = static_cast<int>(*n);
  }
  if (auto n = r.number(j, "$", "unusable_answers_limit", false)) {
    if (*n < 1 || *n > 5) r.error("$.unusable_answers_limit", "must be between 1 and 5");
    m.unusable_answers_limit = static_cast<int>(*n);
  }
}

std::vector<std::string> loader::concept_list(json_reader& r, const json& obj, const std::string& path, const char* key) {
  auto list = r.text_list(obj, path, key);
  for (std::size_t i = 0; i < list.size(); ++i)
    refs_.push_back({reference::kind::concept_id, list[i], "lexicon.json", json_reader::item(json_reader::field(path, key), i)});
  return list;
}

void loader::read_lexicon(const json& j) {
  json_reader r("lexicon.json", findings_);
  if (!r.object(j, "$", {"concepts", "findings", "negation", "context", "relations", "pronouns", "answers", "numbers",
                         "duration_units", "relative_days", "weekdays", "short_weekdays", "regions", "out_of_scope_parts", "sides",
                         "trends", "pain_words", "travelling_pain_words", "pain_word_scores", "temperature", "dictionary_file", "spellings", "possessive_spellings",
                         "reading", "dates"}))
    return;
  // "{cannot} put * foot down": a slot in a phrase stands for each of its words in reading.phrase_slots
  // ("cant", "wont", "unable to" ...), so a phrase is written once for every way of saying the slot.
  std::map<std::string, std::vector<std::string>> slots;
  if (j.contains("reading") && j.at("reading").is_object() && j.at("reading").contains("phrase_slots")) {
    const auto sp = json_reader::field("$.reading", "phrase_slots");
    if (r.object_any_keys(j.at("reading").at("phrase_slots"), sp))
      for (const auto& [name, words] : j.at("reading").at("phrase_slots").items()) {
        slots[name] = r.text_list(j.at("reading").at("phrase_slots"), sp, name.c_str());
        if (slots[name].empty()) r.error(json_reader::field(sp, name), "a slot needs at least one way of saying it");
      }
  }
  // `list_path`: the JSON path of the list, for errors ("$.concepts.x.phrases", "$.context.resolved").
  const auto expand_slots = [&](const std::vector<std::string>& phrases, const std::string& list_path) {
    std::vector<std::string> out;
    for (std::size_t i = 0; i < phrases.size(); ++i) {
      std::vector<std::string> pending{phrases[i]};
      while (!pending.empty()) {
        auto phrase = std::move(pending.back());
        pending.pop_back();
        const auto open = phrase.find('{');
        if (open == std::string::npos) {
          out.push_back(std::move(phrase));
          continue;
        }
        const auto close = phrase.find('}', open);
        const auto name = close == std::string::npos ? std::string() : phrase.substr(open + 1, close - open - 1);
        const auto slot = slots.find(name);
        if (slot == slots.end()) {
          std::vector<std::string> names;
          for (const auto& [n, words] : slots) names.push_back(n);
          const auto near = did_you_mean(name, names);
          r.error(json_reader::item(list_path, i),
                  close == std::string::npos ? "a \"{\" without its \"}\""
                                             : "the slot \"{" + name + "}\" is not in reading.phrase_slots" +
                                                   (near ? " (did you mean \"{" + *near + "}\"?)" : ""));
          break;
        }
        for (const auto& way : slot->second) pending.push_back(phrase.substr(0, open) + way + phrase.substr(close + 1));
      }
    }
    return out;
  };
  if (j.contains("concepts") && r.object_any_keys(j.at("concepts"), "$.concepts")) {
    for (const auto& [id, def] : j.at("concepts").items()) {
      const auto p = json_reader::field("$.concepts", id);
      if (!r.object(def, p, {"phrases", "history", "ignore_hypothetical", "any_owner", "examines", "writer_too", "denies", "denied_with", "long_ago", "event", "fears_what_follows", "says_nothing", "not_in_comparison", "needs_owner"})) continue;
      const auto written = r.text_list(def, p, "phrases");
      nlu::concept_def c{id, expand_slots(written, json_reader::field(p, "phrases")), r.flag(def, p, "history"), r.flag(def, p, "ignore_hypothetical"),
                         r.flag(def, p, "any_owner"), r.flag(def, p, "examines"), r.flag(def, p, "writer_too"), {}, {}, {},
                         r.flag(def, p, "event"), r.flag(def, p, "fears_what_follows"), r.flag(def, p, "says_nothing"),
                         r.flag(def, p, "not_in_comparison"), r.flag(def, p, "needs_owner")};
      for (const auto& [key, facts] : {std::pair{"denies", &c.denies}, std::pair{"denied_with", &c.denied_with}}) {
        if (!def.contains(key)) continue;
        *facts = r.text_list(def, p, key);
        for (std::size_t i = 0; i < facts->size(); ++i) {
          refs_.push_back({reference::kind::fact, (*facts)[i], "lexicon.json", json_reader::item(json_reader::field(p, key), i)});
          if ((*facts)[i] == id) r.error(json_reader::item(json_reader::field(p, key), i), "a concept cannot deny itself");
        }
      }
      if (def.contains("long_ago")) {
        const auto lp = json_reader::field(p, "long_ago");
        c.long_ago = r.text(def, p, "long_ago");
        if (!c.history) r.error(lp, "only a history concept (\"history\": true) counts when dated long ago, so only one can name a fact for it");
        else if (c.long_ago == id) r.error(lp, "a concept cannot name itself as its long-ago fact");
        else refs_.push_back({reference::kind::fact, c.long_ago, "lexicon.json", lp});
      }
      if (written.empty()) r.error(json_reader::field(p, "phrases"), "a concept needs at least one phrase");
      for (std::size_t i = 0; i < written.size(); ++i) {
        const auto words = nlu::phrase_words(written[i]);
        if (words.empty() || words.front() == "*" || words.back() == "*")
          r.error(json_reader::item(json_reader::field(p, "phrases"), i), "a phrase cannot start or end with the gap \"*\"");
      }
      lexicon_.concepts.push_back(std::move(c));
    }
  } else if (!j.contains("concepts")) {
    r.error("$.concepts", "the field \"concepts\" is missing");
  }
  if (j.contains("findings") && r.object_any_keys(j.at("findings"), "$.findings")) {
    for (const auto& [id, def] : j.at("findings").items()) {
      const auto p = json_reader::field("$.findings", id);
      if (!r.object(def, p, {"all_of", "none_of", "bound_to_place", "sign_told_before"})) continue;
      nlu::finding_def f{id, {}, {}, r.flag(def, p, "bound_to_place"), r.flag(def, p, "sign_told_before")};
      const auto ap = json_reader::field(p, "all_of");
      if (!def.contains("all_of")) r.error(ap, "the field \"all_of\" is missing");
      else if (r.array(def.at("all_of"), ap)) {
        for (std::size_t g = 0; g < def.at("all_of").size(); ++g) {
          const auto& group = def.at("all_of")[g];
          const auto gp = json_reader::item(ap, g);
          if (!r.array(group, gp)) continue;
          std::vector<std::string> ids;
          for (std::size_t i = 0; i < group.size(); ++i) {
            if (!group[i].is_string()) { r.error(json_reader::item(gp, i), "expected a concept id"); continue; }
            ids.push_back(group[i].get<std::string>());
            refs_.push_back({reference::kind::concept_id, ids.back(), "lexicon.json", json_reader::item(gp, i)});
          }
          if (ids.empty()) r.error(gp, "an empty group never matches");
          f.all_of.push_back(std::move(ids));
        }
        if (f.all_of.size() < 2) r.warning(ap, "a finding with fewer than two groups is just a concept");
      }
      if (def.contains("none_of")) f.none_of = concept_list(r, def, p, "none_of");
      lexicon_.findings.push_back(std::move(f));
    }
  }
  // `optional_name`: a list added after lexicons were written; those written before it still load.
  auto trigger_block = [&](const char* block, std::initializer_list<std::pair<const char*, nlu::match_kind>> parts,
                           std::initializer_list<std::string_view> optional_names = {}) {
    const auto p = json_reader::field("$", block);
    if (!j.contains(block)) { r.error(p, std::string("the field \"") + block + "\" is missing"); return; }
    std::vector<std::string_view> names;
    for (const auto& [name, kind] : parts) names.push_back(name);
    const auto& b = j.at(block);
    if (!b.is_object()) { r.error(p, "expected an object ({...}) but found " + type_name(b)); return; }
    for (const auto& [key, value] : b.items()) {
      if (std::find(names.begin(), names.end(), key) == names.end()) {
        std::vector<std::string> ns(names.begin(), names.end());
        auto near = did_you_mean(key, ns);
        r.error(json_reader::field(p, key), "unknown field \"" + key + "\"" + (near ? " (did you mean \"" + *near + "\"?)" : ""));
      }
    }
    // "gone {at_once}": a trigger may hold phrase slots as a concept phrase does.
    for (const auto& [name, kind] : parts)
      lexicon_.triggers[kind] = expand_slots(r.text_list(b, p, name, std::find(optional_names.begin(), optional_names.end(), name) == optional_names.end()),
                                             json_reader::field(p, name));
  };
  trigger_block("negation", {{"pre", nlu::match_kind::pre_negation}, {"post", nlu::match_kind::post_negation},
                             {"pseudo", nlu::match_kind::pseudo_trigger}, {"terminators", nlu::match_kind::terminator},
                             {"retractions", nlu::match_kind::retraction}},
                {"retractions"});
  trigger_block("context", {{"other_person", nlu::match_kind::other_person},
                            {"other_person_after", nlu::match_kind::other_person_after},
                            {"first_person", nlu::match_kind::first_person},
                            {"past", nlu::match_kind::past}, {"resolved", nlu::match_kind::resolved},
                            {"current", nlu::match_kind::current}, {"hypothetical", nlu::match_kind::hypothetical},
                            {"hypothetical_after", nlu::match_kind::hypothetical_after}},
                {"resolved", "current", "hypothetical_after"});
  trigger_block("answers", {{"yes", nlu::match_kind::answer_yes}, {"no", nlu::match_kind::answer_no},
                            {"unsure", nlu::match_kind::answer_unsure}});
  lexicon_.relations = r.text_list(j, "$", "relations");
  lexicon_.pronouns = r.text_list(j, "$", "pronouns");
  auto number_map = [&](const char* key, auto& out) {
    const auto p = json_reader::field("$", key);
    if (!j.contains(key)) { r.error(p, std::string("the field \"") + key + "\" is missing"); return; }
    if (!r.object_any_keys(j.at(key), p)) return;
    for (const auto& [word, value] : j.at(key).items()) {
      if (!value.is_number()) { r.error(json_reader::field(p, word), "expected a number but found " + type_name(value)); continue; }
      const double number = value.template get<double>();
      out[word] = static_cast<std::remove_reference_t<decltype(out[word])>>(number);
    }
  };
  number_map("numbers", lexicon_.number_words);
  number_map("duration_units", lexicon_.duration_units);
  number_map("relative_days", lexicon_.relative_days);
  number_map("weekdays", lexicon_.weekdays);
  if (j.contains("short_weekdays")) number_map("short_weekdays", lexicon_.short_weekdays);
  number_map("pain_word_scores", lexicon_.pain_words_score);
  for (const auto* key : {"weekdays", "short_weekdays"})
    for (const auto& [day, n] : std::string_view(key) == "weekdays" ? lexicon_.weekdays : lexicon_.short_weekdays)
      if (n < 1 || n > 7) r.error(json_reader::field(json_reader::field("$", key), day), "weekdays are numbered 1 (Monday) to 7 (Sunday)");
  // Optional: a lexicon without it never dates an event.
  if (j.contains("dates") && r.object(j.at("dates"), "$.dates", {"months", "seasons", "event_past_days"})) {
    const auto& d = j.at("dates");
    for (const auto& [key, out] : {std::pair{"months", &lexicon_.dates.months}, std::pair{"seasons", &lexicon_.dates.season_ends}}) {
      const auto p = json_reader::field("$.dates", key);
      if (!d.contains(key)) { r.error(p, std::string("the field \"") + key + "\" is missing"); continue; }
      if (!r.object_any_keys(d.at(key), p)) continue;
      for (const auto& [word, value] : d.at(key).items()) {
        if (!value.is_number_integer() || value.get<int>() < 1 || value.get<int>() > 12) {
          r.error(json_reader::field(p, word), std::string("months are numbered 1 (January) to 12 (December)") +
                                                   (std::string_view(key) == "seasons" ? ": give the month the season ends in" : ""));
          continue;
        }
        (*out)[word] = value.get<int>();
      }
    }
    if (auto days = r.number(d, "$.dates", "event_past_days")) {
      if (*days < 1 || *days > 3650) r.error("$.dates.event_past_days", "give the days after which a dated event is past, 1 to 3650");
      else lexicon_.dates.event_past_days = static_cast<int>(*days);
    }
  }
  auto grouped = [&](const char* key, std::map<std::string, std::string>& out, std::vector<std::string> allowed) {
    const auto p = json_reader::field("$", key);
    if (!j.contains(key)) { r.error(p, std::string("the field \"") + key + "\" is missing"); return; }
    if (!r.object_any_keys(j.at(key), p)) return;
    for (const auto& [name, list] : j.at(key).items()) {
      if (!allowed.empty() && std::find(allowed.begin(), allowed.end(), name) == allowed.end()) {
        auto near = did_you_mean(name, allowed);
        r.error(json_reader::field(p, name), "unknown value \"" + name + "\"" + (near ? " (did you mean \"" + *near + "\"?)" : ""));
        continue;
      }
      for (const auto& concept_id : concept_list(r, j.at(key), p, name.c_str())) out[concept_id] = name;
    }
  };
  grouped("regions", lexicon_.regions, {});
  grouped("sides", lexicon_.sides, {"left", "right", "both"});
  grouped("trends", lexicon_.trends, {"better", "same", "worse"});
  lexicon_.out_of_scope_parts = concept_list(r, j, "$", "out_of_scope_parts");
  lexicon_.pain_words = concept_list(r, j, "$", "pain_words");
  if (j.contains("travelling_pain_words")) lexicon_.travelling_pain_words = concept_list(r, j, "$", "travelling_pain_words");
  if (j.contains("temperature") && r.object(j.at("temperature"), "$.temperature", {"concept", "threshold_c", "words"})) {
    lexicon_.fever_concept = r.text(j.at("temperature"), "$.temperature", "concept");
    lexicon_.temperature_words = r.text_list(j.at("temperature"), "$.temperature", "words", false);
    refs_.push_back({reference::kind::concept_id, lexicon_.fever_concept, "lexicon.json", "$.temperature.concept"});
    if (auto t = r.number(j.at("temperature"), "$.temperature", "threshold_c")) {
      if (*t < 37 || *t > 40) r.error("$.temperature.threshold_c", "a fever threshold outside 37 to 40 degrees C is not plausible");
      lexicon_.fever_threshold_c = *t;
    }
  }
  // {"typed": "meant"}: `spellings` ("carnt": "cant") and `possessive_spellings` ("ma": "my").
  const auto word_map = [&](const char* key, const char* meant_is, std::map<std::string, std::string>& out) {
    const auto path = json_reader::field("$", key);
    if (!j.contains(key) || !r.object_any_keys(j.at(key), path)) return;
    for (const auto& [typed, meant] : j.at(key).items()) {
      if (!meant.is_string() || meant.get<std::string>().empty()) {
        r.error(json_reader::field(path, typed), std::string("expected ") + meant_is);
        continue;
      }
      out[typed] = meant.get<std::string>();
    }
  };
  word_map("spellings", "the word it stands for", lexicon_.spellings);
  word_map("possessive_spellings", "the possessive it stands for (\"my\")", lexicon_.possessive_spellings);
  if (j.contains("reading") && r.object(j.at("reading"), "$.reading",
                                        {"fillers", "quantifiers", "age_words", "age_decades", "double_negation",
                                         "writer_after", "writer_before", "reporter_after", "deceased", "denial_back",
                                         "writer_is_patient", "hands_over", "hands_back", "writer_owns", "writer_helps", "description_before",
                                         "writes_for", "relation_before", "object_before", "handled_before", "factive_before_that", "writer_compares", "family_side", "someone_else_before", "someone_else_after", "owner_verbs", "additions", "now_words", "doubt_back", "knowing_negations", "age_places", "correction_words", "elided_subject_verbs", "place_before", "past_through",
                                         "thing_back_reference", "shared_modals", "modal_joins", "phrase_slots", "writer_has", "clause_joins", "measure_units", "address_words",
                                         "female_words", "male_words", "tending_leads", "object_after", "subject_openers", "years_words", "possessives", "state_verbs", "comparison_words", "comparison_between", "wish_before", "owning_words", "describing_determiners", "name_before_words", "place_prepositions", "owned_body_words"})) {
    const auto& reading = j.at("reading");
    lexicon_.fillers = r.text_list(reading, "$.reading", "fillers", false);
    lexicon_.quantifiers = r.text_list(reading, "$.reading", "quantifiers", false);
    lexicon_.writer_after = r.text_list(reading, "$.reading", "writer_after", false);
    lexicon_.writer_before = r.text_list(reading, "$.reading", "writer_before", false);
    lexicon_.reporter_after = r.text_list(reading, "$.reading", "reporter_after", false);
    lexicon_.deceased = r.text_list(reading, "$.reading", "deceased", false);
    lexicon_.denial_back = r.text_list(reading, "$.reading", "denial_back", false);
    lexicon_.writer_is_patient = r.text_list(reading, "$.reading", "writer_is_patient", false);
    lexicon_.hands_over = r.text_list(reading, "$.reading", "hands_over", false);
    lexicon_.hands_back = r.text_list(reading, "$.reading", "hands_back", false);
    lexicon_.writer_owns = r.text_list(reading, "$.reading", "writer_owns", false);
    lexicon_.writer_helps = r.text_list(reading, "$.reading", "writer_helps", false);
    lexicon_.writer_compares = r.text_list(reading, "$.reading", "writer_compares", false);
    lexicon_.tending_leads = r.text_list(reading, "$.reading", "tending_leads", false);
    lexicon_.object_after = r.text_list(reading, "$.reading", "object_after", false);
    lexicon_.subject_openers = r.text_list(reading, "$.reading", "subject_openers", false);
    lexicon_.years_words = r.text_list(reading, "$.reading", "years_words", false);
    lexicon_.possessives = r.text_list(reading, "$.reading", "possessives", false);
    lexicon_.state_verbs = r.text_list(reading, "$.reading", "state_verbs", false);
    lexicon_.comparison_words = r.text_list(reading, "$.reading", "comparison_words", false);
    lexicon_.comparison_between = r.text_list(reading, "$.reading", "comparison_between", false);
    lexicon_.wish_before = r.text_list(reading, "$.reading", "wish_before", false);
    lexicon_.owning_words = r.text_list(reading, "$.reading", "owning_words", false);
    lexicon_.describing_determiners = r.text_list(reading, "$.reading", "describing_determiners", false);
    lexicon_.name_before_words = r.text_list(reading, "$.reading", "name_before_words", false);
    lexicon_.place_prepositions = r.text_list(reading, "$.reading", "place_prepositions", false);
    lexicon_.owned_body_words = r.text_list(reading, "$.reading", "owned_body_words", false);
    lexicon_.description_before = r.text_list(reading, "$.reading", "description_before", false);
    lexicon_.writes_for = r.text_list(reading, "$.reading", "writes_for", false);
    lexicon_.relation_before = r.text_list(reading, "$.reading", "relation_before", false);
    lexicon_.object_before = r.text_list(reading, "$.reading", "object_before", false);
    lexicon_.handled_before = r.text_list(reading, "$.reading", "handled_before", false);
    lexicon_.factive_before_that = r.text_list(reading, "$.reading", "factive_before_that", false);
    lexicon_.family_side = r.text_list(reading, "$.reading", "family_side", false);
    lexicon_.someone_else_before = r.text_list(reading, "$.reading", "someone_else_before", false);
    lexicon_.someone_else_after = r.text_list(reading, "$.reading", "someone_else_after", false);
    lexicon_.owner_verbs = r.text_list(reading, "$.reading", "owner_verbs", false);
    lexicon_.additions = r.text_list(reading, "$.reading", "additions", false);
    lexicon_.now_words = r.text_list(reading, "$.reading", "now_words", false);
    lexicon_.doubt_back = r.text_list(reading, "$.reading", "doubt_back", false);
    lexicon_.knowing_negations = r.text_list(reading, "$.reading", "knowing_negations", false);
    lexicon_.age_places = r.text_list(reading, "$.reading", "age_places", false);
    lexicon_.correction_words = r.text_list(reading, "$.reading", "correction_words", false);
    lexicon_.elided_subject_verbs = r.text_list(reading, "$.reading", "elided_subject_verbs", false);
    lexicon_.place_before = r.text_list(reading, "$.reading", "place_before", false);
    lexicon_.past_through = r.text_list(reading, "$.reading", "past_through", false);
    lexicon_.thing_back_reference = r.text_list(reading, "$.reading", "thing_back_reference", false);
    lexicon_.shared_modals = r.text_list(reading, "$.reading", "shared_modals", false);
    lexicon_.modal_joins = r.text_list(reading, "$.reading", "modal_joins", false);
    lexicon_.writer_has = r.text_list(reading, "$.reading", "writer_has", false);
    lexicon_.clause_joins = r.text_list(reading, "$.reading", "clause_joins", false);
    lexicon_.measure_units = r.text_list(reading, "$.reading", "measure_units", false);
    lexicon_.address_words = r.text_list(reading, "$.reading", "address_words", false);
    lexicon_.female_words = r.text_list(reading, "$.reading", "female_words", false);
    lexicon_.male_words = r.text_list(reading, "$.reading", "male_words", false);
    lexicon_.triggers[nlu::match_kind::double_negation] = r.text_list(reading, "$.reading", "double_negation", false);
    for (const char* key : {"age_words", "age_decades"}) {
      const auto p = json_reader::field("$.reading", key);
      if (!reading.contains(key) || !r.object_any_keys(reading.at(key), p)) continue;
      auto& out = std::string_view(key) == "age_words" ? lexicon_.age_words : lexicon_.age_decades;
      for (const auto& [word, value] : reading.at(key).items()) {
        if (!value.is_number() || value.get<double>() < 0 || value.get<double>() > 110) {
          r.error(json_reader::field(p, word), "expected an age in years (0 to 110)");
          continue;
        }
        out[word] = value.get<double>();
      }
    }
    for (std::size_t i = 0; i < lexicon_.age_places.size(); ++i)
      if (!lexicon_.age_words.contains(lexicon_.age_places[i]))
        r.error(json_reader::item("$.reading.age_places", i),
                "\"" + lexicon_.age_places[i] + "\" is not one of reading.age_words, so it implies no age to take back");
  }
  if (j.contains("dictionary_file")) {
    const auto name = r.text(j, "$", "dictionary_file");
    std::ifstream in(dir_ / name);
    if (!in) r.error("$.dictionary_file", "cannot read the dictionary file \"" + name + "\"");
    std::string word;
    while (std::getline(in, word)) {
      if (!word.empty() && word.back() == '\r') word.pop_back();
      if (!word.empty()) lexicon_.dictionary.push_back(word);
    }
  }
}

void loader::read_questions(const json& j) {
  json_reader r("questions.json", findings_);
  if (!r.object(j, "$", {"questions"}) || !j.contains("questions")) {
    if (j.is_object()) r.error("$.questions", "the field \"questions\" is missing");
    return;
  }
  const auto& list = j.at("questions");
  if (!r.array(list, "$.questions")) return;
  std::set<std::string> ids;
  for (std::size_t i = 0; i < list.size(); ++i) {
    const auto p = json_reader::item("$.questions", i);
    const auto& q = list[i];
    if (!r.object(q, p, {"id", "slot", "kind", "text", "why", "unit", "min", "max", "options", "yes", "on_unsure",
                         "follow_up", "screening"}))
      continue;
    question out;
    out.id = r.text(q, p, "id");
    if (!out.id.empty() && !ids.insert(out.id).second) r.error(json_reader::field(p, "id"), "the id \"" + out.id + "\" is used twice");
    out.slot = r.text(q, p, "slot");
    out.text = r.text(q, p, "text");
    out.why = r.text(q, p, "why", false);
    out.screening = r.flag(q, p, "screening");
    const auto kind = r.text(q, p, "kind");
    static const std::vector<std::string> kinds{"yes_no", "choice", "scale", "number", "text"};
    if (kind == "yes_no") out.kind = input_kind::yes_no;
    else if (kind == "choice") out.kind = input_kind::choice;
    else if (kind == "scale") out.kind = input_kind::scale;
    else if (kind == "number") out.kind = input_kind::number;
    else if (kind == "text") out.kind = input_kind::text;
    else if (!kind.empty()) {
      auto near = did_you_mean(kind, kinds);
      r.error(json_reader::field(p, "kind"), "unknown input kind \"" + kind + "\"" + (near ? " (did you mean \"" + *near + "\"?)" : " (use yes_no, choice, scale, number or text)"));
    }
    if (q.contains("unit")) out.unit = r.text(q, p, "unit");
    if (auto n = r.number(q, p, "min", out.kind == input_kind::scale)) out.min = static_cast<int>(*n);
    if (auto n = r.number(q, p, "max", out.kind == input_kind::scale)) out.max = static_cast<int>(*n);
    else if (out.kind == input_kind::number) out.max = std::numeric_limits<int>::max();  // no upper limit
    if (out.min >= out.max && (out.kind == input_kind::scale)) r.error(json_reader::field(p, "max"), "max must be above min");
    if (out.kind == input_kind::yes_no) {
      out.yes_facts = r.text_list(q, p, "yes");
      for (std::size_t k = 0; k < out.yes_facts.size(); ++k)
        refs_.push_back({reference::kind::fact, out.yes_facts[k], "questions.json", json_reader::item(json_reader::field(p, "yes"), k)});
      if (q.contains("options")) r.error(json_reader::field(p, "options"), "a yes_no question has fixed buttons (Yes, No, Not sure); remove \"options\"");
    } else if (q.contains("yes")) {
      r.error(json_reader::field(p, "yes"), "only yes_no questions have \"yes\" facts");
    }
    if (out.kind == input_kind::choice) {
      const auto op = json_reader::field(p, "options");
      if (!q.contains("options")) r.error(op, "a choice question needs \"options\"");
      else if (r.array(q.at("options"), op)) {
        std::set<std::string> payloads;
        for (std::size_t k = 0; k < q.at("options").size(); ++k) {
          const auto opp = json_reader::item(op, k);
          const auto& o = q.at("options")[k];
          if (!r.object(o, opp, {"payload", "title", "facts", "value", "none", "unsure", "follow_up"})) continue;
          question_option opt;
          opt.payload = r.text(o, opp, "payload");
          opt.title = r.text(o, opp, "title");
          if (!opt.payload.empty() && !payloads.insert(opt.payload).second)
            r.error(json_reader::field(opp, "payload"), "the payload \"" + opt.payload + "\" is used twice in this question");
          if (o.contains("facts")) {
            opt.facts = r.text_list(o, opp, "facts");
            for (std::size_t f = 0; f < opt.facts.size(); ++f)
              refs_.push_back({reference::kind::fact, opt.facts[f], "questions.json", json_reader::item(json_reader::field(opp, "facts"), f)});
          }
          if (o.contains("value")) opt.value = r.text(o, opp, "value");
          opt.none = r.flag(o, opp, "none");
          opt.unsure = r.flag(o, opp, "unsure");
          if (o.contains("follow_up")) {
            opt.follow_up = r.text_list(o, opp, "follow_up");
            for (std::size_t f = 0; f < opt.follow_up.size(); ++f)
              refs_.push_back({reference::kind::question, opt.follow_up[f], "questions.json", json_reader::item(json_reader::field(opp, "follow_up"), f)});
          }
          out.options.push_back(std::move(opt));
        }
        if (out.options.size() < 2) r.error(op, "a choice needs at least two options");
      }
    } else if (q.contains("options") && out.kind != input_kind::yes_no) {
      r.error(json_reader::field(p, "options"), "only choice questions have options");
    }
    if (q.contains("on_unsure")) {
      const auto u = r.text(q, p, "on_unsure");
      if (u == "unknown") out.on_unsure = unsure_policy::unknown;
      else if (u == "present") out.on_unsure = unsure_policy::present;
      else if (u == "absent") out.on_unsure = unsure_policy::absent;
      else if (!u.empty()) r.error(json_reader::field(p, "on_unsure"), "use \"unknown\", \"present\" (cannot be ruled out) or \"absent\"");
    }
    if (q.contains("follow_up")) {
      out.follow_up = r.text_list(q, p, "follow_up");
      for (std::size_t k = 0; k < out.follow_up.size(); ++k)
        refs_.push_back({reference::kind::question, out.follow_up[k], "questions.json", json_reader::item(json_reader::field(p, "follow_up"), k)});
    }
    if (!out.slot.empty()) refs_.push_back({reference::kind::slot, out.slot, "questions.json", json_reader::field(p, "slot")});
    rules_.questions.push_back(std::move(out));
  }
}

std::vector<flow_step> loader::read_steps(json_reader& r, const json& j, const std::string& path) {
  std::vector<flow_step> steps;
  if (!r.array(j, path)) return steps;
  for (std::size_t i = 0; i < j.size(); ++i) {
    const auto p = json_reader::item(path, i);
    if (!r.object(j[i], p, {"ask", "when"})) continue;
    flow_step s;
    s.ask = r.text(j[i], p, "ask");
    if (!s.ask.empty()) refs_.push_back({reference::kind::question, s.ask, "flow.json", json_reader::field(p, "ask")});
    if (j[i].contains("when")) s.when = parse_condition(r, j[i].at("when"), json_reader::field(p, "when"));
    steps.push_back(std::move(s));
  }
  return steps;
}

void loader::read_flow(const json& j) {
  json_reader r("flow.json", findings_);
  if (!r.object(j, "$", {"common", "regions", "closing"})) return;
  if (j.contains("common")) rules_.dialogue.common = read_steps(r, j.at("common"), "$.common");
  else r.error("$.common", "the field \"common\" is missing");
  if (j.contains("closing")) rules_.dialogue.closing = read_steps(r, j.at("closing"), "$.closing");
  if (!j.contains("regions")) { r.error("$.regions", "the field \"regions\" is missing"); return; }
  if (!r.object_any_keys(j.at("regions"), "$.regions")) return;
  for (const auto& [region, steps] : j.at("regions").items()) {
    refs_.push_back({reference::kind::region, region, "flow.json", json_reader::field("$.regions", region)});
    rules_.dialogue.regions[region] = read_steps(r, steps, json_reader::field("$.regions", region));
  }
}

void loader::read_red_flags(const json& j) {
  json_reader r("red_flags.json", findings_);
  if (!r.object(j, "$", {"red_flags"}) || !j.contains("red_flags")) {
    if (j.is_object()) r.error("$.red_flags", "the field \"red_flags\" is missing");
    return;
  }
  const auto& list = j.at("red_flags");
  if (!r.array(list, "$.red_flags")) return;
  std::set<std::string> ids;
  for (std::size_t i = 0; i < list.size(); ++i) {
    const auto p = json_reader::item("$.red_flags", i);
    if (!r.object(list[i], p, {"id", "name", "advice", "patterns", "confirm"})) continue;
    red_flag f;
    f.id = r.text(list[i], p, "id");
    if (!f.id.empty() && !ids.insert(f.id).second) r.error(json_reader::field(p, "id"), "the red flag \"" + f.id + "\" is defined twice");
    f.name = r.text(list[i], p, "name");
    f.advice = r.text(list[i], p, "advice");
    const auto pp = json_reader::field(p, "patterns");
    if (!list[i].contains("patterns")) r.error(pp, "a red flag needs at least one pattern that triggers it");
    else if (r.array(list[i].at("patterns"), pp)) {
      if (list[i].at("patterns").empty()) r.error(pp, "a red flag needs at least one pattern that triggers it");
      std::set<std::string> pids;
      for (std::size_t k = 0; k < list[i].at("patterns").size(); ++k) {
        const auto& pat = list[i].at("patterns")[k];
        const auto ptp = json_reader::item(pp, k);
        if (!r.object(pat, ptp, {"id", "level", "when", "because"})) continue;
        flag_pattern fp;
        fp.id = r.text(pat, ptp, "id");
        if (!fp.id.empty() && !pids.insert(fp.id).second) r.error(json_reader::field(ptp, "id"), "the pattern id \"" + fp.id + "\" is used twice");
        const auto lv = r.text(pat, ptp, "level");
        if (auto l = parse_level(lv); l && (*l == level::emergency || *l == level::urgent)) fp.at = *l;
        else if (!lv.empty())
          r.error(json_reader::field(ptp, "level"), "a red flag's level must be \"emergency\" or \"urgent\", not \"" + lv + "\"");
        fp.because = r.text(pat, ptp, "because");
        if (!pat.contains("when")) r.error(json_reader::field(ptp, "when"), "the field \"when\" is missing");
        else fp.when = parse_condition(r, pat.at("when"), json_reader::field(ptp, "when"), i);
        f.patterns.push_back(std::move(fp));
      }
    }
    if (list[i].contains("confirm")) {
      const auto cp = json_reader::field(p, "confirm");
      if (r.object(list[i].at("confirm"), cp, {"question", "touched_by", "asked_about", "regions"})) {
        flag_confirm c;
        c.question = r.text(list[i].at("confirm"), cp, "question");
        if (!c.question.empty()) refs_.push_back({reference::kind::question, c.question, "red_flags.json", json_reader::field(cp, "question")});
        c.touched_by = r.text_list(list[i].at("confirm"), cp, "touched_by");
        for (std::size_t k = 0; k < c.touched_by.size(); ++k)
          refs_.push_back({reference::kind::fact, c.touched_by[k], "red_flags.json", json_reader::item(json_reader::field(cp, "touched_by"), k)});
        if (c.touched_by.empty()) r.error(json_reader::field(cp, "touched_by"), "name at least one concept that makes the bot ask");
        c.asked_about = r.text_list(list[i].at("confirm"), cp, "asked_about", false);
        for (std::size_t k = 0; k < c.asked_about.size(); ++k)
          refs_.push_back({reference::kind::fact, c.asked_about[k], "red_flags.json", json_reader::item(json_reader::field(cp, "asked_about"), k)});
        c.regions = r.text_list(list[i].at("confirm"), cp, "regions", false);
        for (std::size_t k = 0; k < c.regions.size(); ++k)
          refs_.push_back({reference::kind::region, c.regions[k], "red_flags.json", json_reader::item(json_reader::field(cp, "regions"), k)});
        f.confirm = std::move(c);
      }
    }
    rules_.red_flags.push_back(std::move(f));
  }
  for (const auto& id : kProtocolFlags) {
    if (!ids.contains(id)) r.error("$.red_flags", "the PROTOCOL red flag \"" + id + "\" is not defined");
  }
}

void loader::read_dispositions(const json& j) {
  json_reader r("dispositions.json", findings_);
  if (!r.object(j, "$", {"physio", "no_exercises", "self_care_reason"})) return;
  auto criteria = [&](const char* key, std::vector<criterion>& out) {
    const auto p = json_reader::field("$", key);
    if (!j.contains(key)) { r.error(p, std::string("the field \"") + key + "\" is missing"); return; }
    if (!r.array(j.at(key), p)) return;
    std::set<std::string> ids;
    for (std::size_t i = 0; i < j.at(key).size(); ++i) {
      const auto& c = j.at(key)[i];
      const auto cp = json_reader::item(p, i);
      if (!r.object(c, cp, {"id", "when", "reason", "source"})) continue;
      criterion cr;
      cr.id = r.text(c, cp, "id");
      if (!cr.id.empty() && !ids.insert(cr.id).second) r.error(json_reader::field(cp, "id"), "the id \"" + cr.id + "\" is used twice");
      cr.reason = r.text(c, cp, "reason");
      cr.source = r.text(c, cp, "source");
      if (!c.contains("when")) r.error(json_reader::field(cp, "when"), "the field \"when\" is missing");
      else cr.when = parse_condition(r, c.at("when"), json_reader::field(cp, "when"));
      out.push_back(std::move(cr));
    }
  };
  criteria("physio", rules_.disposition.physio);
  criteria("no_exercises", rules_.disposition.no_exercises);
  rules_.disposition.self_care_reason = r.text(j, "$", "self_care_reason");
}

void loader::read_outcomes(const json& j) {
  json_reader r("outcomes.json", findings_);
  if (!r.object(j, "$", {"levels", "booking", "disclaimer", "emergency_number", "crisis_line"})) return;
  auto& o = rules_.outcome;
  if (!j.contains("levels")) r.error("$.levels", "the field \"levels\" is missing");
  else if (r.object(j.at("levels"), "$.levels", {"emergency", "urgent", "physio", "self_care"})) {
    for (auto l : {level::emergency, level::urgent, level::physio, level::self_care}) {
      const std::string name(to_string(l));
      const auto p = json_reader::field("$.levels", name);
      if (!j.at("levels").contains(name)) { r.error(p, "the level \"" + name + "\" has no outcome text"); continue; }
      const auto& t = j.at("levels").at(name);
      if (!r.object(t, p, {"title", "advice", "safety_net"})) continue;
      o.levels[l] = level_text{r.text(t, p, "title"), r.text(t, p, "advice"), r.text(t, p, "safety_net")};
    }
  }
  if (!j.contains("booking")) r.error("$.booking", "the field \"booking\" is missing");
  else if (r.object(j.at("booking"), "$.booking", {"text", "url", "phone"})) {
    o.book.text = r.text(j.at("booking"), "$.booking", "text");
    o.book.url = r.text(j.at("booking"), "$.booking", "url");
    o.book.phone = r.text(j.at("booking"), "$.booking", "phone", false);
    if (!o.book.url.empty() && (o.book.url.rfind("https://", 0) != 0 || o.book.url.size() <= 8 ||
                                o.book.url.find_first_of(" \t\"<>") != std::string::npos))
      r.error("$.booking.url", "the booking link must be an https:// address, not \"" + o.book.url + "\"");
  }
  o.disclaimer = r.text(j, "$", "disclaimer");
  o.emergency_number = r.text(j, "$", "emergency_number");
  if (!o.emergency_number.empty() && o.emergency_number.find_first_not_of("0123456789 +") != std::string::npos)
    r.error("$.emergency_number", "the emergency number should be digits only, like 999, 112 or 911");
  o.crisis_line = r.text(j, "$", "crisis_line");
}

void loader::read_exercises(const json& j) {
  json_reader r("exercises.json", findings_);
  if (!r.object(j, "$", {"exercises", "starter", "progression", "intro", "progression_note"})) return;
  auto& e = rules_.exercise_programme;
  if (!j.contains("exercises")) r.error("$.exercises", "the field \"exercises\" is missing");
  else if (r.array(j.at("exercises"), "$.exercises")) {
    std::set<std::string> ids;
    for (std::size_t i = 0; i < j.at("exercises").size(); ++i) {
      const auto& x = j.at("exercises")[i];
      const auto p = json_reader::item("$.exercises", i);
      if (!r.object(x, p, {"id", "name", "steps", "dose", "feel", "stop_if", "progression"})) continue;
      exercise ex{r.text(x, p, "id"), r.text(x, p, "name"), r.text_list(x, p, "steps"), r.text(x, p, "dose"),
                  r.text(x, p, "feel", false), r.text(x, p, "stop_if", false), r.flag(x, p, "progression")};
      if (!ex.id.empty() && !ids.insert(ex.id).second) r.error(json_reader::field(p, "id"), "the exercise \"" + ex.id + "\" is defined twice");
      if (x.contains("steps") && ex.steps.empty()) r.error(json_reader::field(p, "steps"), "an exercise needs at least one step");
      e.all.push_back(std::move(ex));
    }
  }
  e.starter = r.text_list(j, "$", "starter");
  e.progression = r.text_list(j, "$", "progression", false);
  e.intro = r.text(j, "$", "intro");
  e.progression_note = r.text(j, "$", "progression_note", !e.progression.empty());
  auto check_ids = [&](const std::vector<std::string>& ids, const char* key) {
    for (std::size_t i = 0; i < ids.size(); ++i) {
      if (e.find(ids[i]) == nullptr) {
        std::vector<std::string> known;
        for (const auto& x : e.all) known.push_back(x.id);
        auto near = did_you_mean(ids[i], known);
        r.error(json_reader::item(json_reader::field("$", key), i),
                "no exercise has the id \"" + ids[i] + "\"" + (near ? " (did you mean \"" + *near + "\"?)" : ""));
      }
    }
  };
  check_ids(e.starter, "starter");
  check_ids(e.progression, "progression");
}

void loader::read_faq(const json& j) {
  json_reader r("faq.json", findings_);
  if (!r.object(j, "$", {"faqs", "question_starts", "question_max_words"}) || !j.contains("faqs")) {
    if (j.is_object()) r.error("$.faqs", "the field \"faqs\" is missing");
    return;
  }
  rules_.faq_question_starts = r.text_list(j, "$", "question_starts", false);
  if (j.contains("question_max_words")) {
    const auto& n = j.at("question_max_words");
    if (!n.is_number_integer() || n.get<int>() < 1)
      r.error("$.question_max_words", "expected a whole number of words, 1 or more");
    else
      rules_.faq_question_max_words = n.get<int>();
  }
  if (!r.array(j.at("faqs"), "$.faqs")) return;
  std::set<std::string> ids;
  for (std::size_t i = 0; i < j.at("faqs").size(); ++i) {
    const auto& x = j.at("faqs")[i];
    const auto p = json_reader::item("$.faqs", i);
    if (!r.object(x, p, {"id", "match", "answer"})) continue;
    faq f;
    f.id = r.text(x, p, "id");
    if (!f.id.empty() && !ids.insert(f.id).second) r.error(json_reader::field(p, "id"), "the FAQ \"" + f.id + "\" is defined twice");
    f.answer = r.text(x, p, "answer");
    const auto mp = json_reader::field(p, "match");
    if (!x.contains("match")) r.error(mp, "the field \"match\" is missing");
    else if (r.array(x.at("match"), mp)) {
      for (std::size_t g = 0; g < x.at("match").size(); ++g) {
        const auto& group = x.at("match")[g];
        const auto gp = json_reader::item(mp, g);
        if (!r.array(group, gp)) continue;
        std::vector<std::string> phrases;
        for (std::size_t k = 0; k < group.size(); ++k) {
          if (!group[k].is_string() || group[k].get<std::string>().empty()) { r.error(json_reader::item(gp, k), "expected a phrase"); continue; }
          phrases.push_back(group[k].get<std::string>());
        }
        if (phrases.empty()) r.error(gp, "an empty group never matches");
        std::vector<std::vector<std::string>> words;
        for (const auto& phrase : phrases) words.push_back(nlu::phrase_words(phrase));
        f.match_words.push_back(std::move(words));
        f.match.push_back(std::move(phrases));
      }
      if (f.match.empty()) r.error(mp, "an FAQ needs at least one group of phrases");
    }
    rules_.faqs.push_back(std::move(f));
  }
}

void loader::read_texts(const json& j) {
  json_reader r("texts.json", findings_);
  if (!r.object(j, "$", {"texts"}) || !j.contains("texts")) {
    if (j.is_object()) r.error("$.texts", "the field \"texts\" is missing");
    return;
  }
  if (!r.object_any_keys(j.at("texts"), "$.texts")) return;
  const auto& required = required_text_keys();
  std::vector<std::string> known_keys = required;
  known_keys.insert(known_keys.end(), optional_text_keys().begin(), optional_text_keys().end());
  for (const auto& [key, value] : j.at("texts").items()) {
    const auto p = json_reader::field("$.texts", key);
    if (!value.is_string()) { r.error(p, "expected text but found " + type_name(value)); continue; }
    if (value.get<std::string>().find_first_not_of(" \t\n") == std::string::npos) { r.error(p, "the text is empty"); continue; }
    // region_<name> and side_<name> name the regions and sides of lexicon.json in the summary.
    const bool summary_name = key.rfind("region_", 0) == 0 || key.rfind("side_", 0) == 0;
    if (!summary_name && std::find(known_keys.begin(), known_keys.end(), key) == known_keys.end()) {
      auto near = did_you_mean(key, known_keys);
      r.warning(p, "the text \"" + key + "\" is not used by the engine" + (near ? " (did you mean \"" + *near + "\"?)" : ""));
    }
    rules_.texts[key] = value.get<std::string>();
  }
  for (const auto& key : required)
    if (!rules_.texts.contains(key)) r.error("$.texts", "the text \"" + key + "\" is missing");
}

void loader::check_references() {
  std::set<std::string> concepts, findings_ids, facts, slots, questions, regions;
  for (const auto& c : lexicon_.concepts) concepts.insert(c.id);
  for (const auto& f : lexicon_.findings) findings_ids.insert(f.id);
  facts.insert(concepts.begin(), concepts.end());
  facts.insert(findings_ids.begin(), findings_ids.end());
  for (const auto& q : rules_.questions) {
    for (const auto& f : q.facts()) facts.insert(f);
    questions.insert(q.id);
    slots.insert(q.slot);
  }
  for (const auto& s : standard_slots()) slots.insert(s);
  for (const auto& [concept_id, region] : lexicon_.regions) regions.insert(region);
  std::vector<std::string> flag_order;
  for (const auto& f : rules_.red_flags) flag_order.push_back(f.id);
  auto suggest = [](const std::string& name, const std::set<std::string>& known) {
    auto near = did_you_mean(name, std::vector<std::string>(known.begin(), known.end()));
    return near ? " (did you mean \"" + *near + "\"?)" : std::string();
  };
  for (const auto& ref : refs_) {
    json_reader r(ref.file, findings_);
    switch (ref.type) {
      case reference::kind::concept_id:
        if (!concepts.contains(ref.name)) r.error(ref.path, "no concept \"" + ref.name + "\" in lexicon.json" + suggest(ref.name, concepts));
        break;
      case reference::kind::fact:
        if (!facts.contains(ref.name))
          r.error(ref.path, "no concept, finding or question answer sets the fact \"" + ref.name + "\"" + suggest(ref.name, facts));
        break;
      case reference::kind::slot:
        if (!slots.contains(ref.name)) r.error(ref.path, "no question fills the slot \"" + ref.name + "\"" + suggest(ref.name, slots));
        break;
      case reference::kind::question:
        if (!questions.contains(ref.name)) r.error(ref.path, "no question has the id \"" + ref.name + "\"" + suggest(ref.name, questions));
        break;
      case reference::kind::region:
        if (!regions.contains(ref.name)) r.error(ref.path, "\"" + ref.name + "\" is not a region of lexicon.json" + suggest(ref.name, regions));
        break;
      case reference::kind::flag: {
        const auto it = std::find(flag_order.begin(), flag_order.end(), ref.name);
        if (it == flag_order.end()) {
          std::set<std::string> known(flag_order.begin(), flag_order.end());
          r.error(ref.path, "no red flag \"" + ref.name + "\"" + suggest(ref.name, known));
        } else if (ref.file == "red_flags.json" && static_cast<std::size_t>(it - flag_order.begin()) >= ref.flag_position) {
          r.error(ref.path, "a pattern can only refer to red flags listed before it; move \"" + ref.name + "\" earlier");
        }
        break;
      }
    }
  }
  // A phrase that is both a concept and a negation trigger would never negate anything.
  std::map<std::string, std::string> concept_phrases;
  for (const auto& c : lexicon_.concepts)
    for (const auto& p : c.phrases) concept_phrases.emplace(p, c.id);
  json_reader lex("lexicon.json", findings_);
  for (const auto& [kind, phrases] : lexicon_.triggers) {
    // A concept phrase keeps its past, resolved or fearing role ("back in 2015", "back to normal", "on my mind").
    if (kind == nlu::match_kind::past || kind == nlu::match_kind::resolved || kind == nlu::match_kind::hypothetical_after) continue;
    for (std::size_t i = 0; i < phrases.size(); ++i) {
      if (auto it = concept_phrases.find(phrases[i]); it != concept_phrases.end())
        lex.warning("$.negation", "the trigger \"" + phrases[i] + "\" (" + std::string(nlu::to_string(kind)) +
                                      ") is also a phrase of the concept \"" + it->second + "\"; the concept wins");
    }
  }
}

load_result loader::run() {
  load_result result;
  std::error_code ec;
  if (!std::filesystem::is_directory(dir_, ec)) {
    result.findings.push_back({dir_.string(), "$", severity::error, "no rules directory at this path"});
    result.unreadable = true;
    return result;
  }
  const auto m = read("manifest.json");
  if (m) read_manifest(*m);
  if (const auto j = read("lexicon.json")) read_lexicon(*j);
  if (const auto j = read("questions.json")) read_questions(*j);
  if (const auto j = read("flow.json")) read_flow(*j);
  if (const auto j = read("red_flags.json")) read_red_flags(*j);
  if (const auto j = read("dispositions.json")) read_dispositions(*j);
  if (const auto j = read("outcomes.json")) read_outcomes(*j);
  if (const auto j = read("exercises.json")) read_exercises(*j);
  if (const auto j = read("faq.json")) read_faq(*j);
  if (const auto j = read("texts.json")) read_texts(*j);
  check_references();
  rules_.lexicon = nlu::lexicon(std::move(lexicon_));
  sort_findings(findings_);
  result.findings = std::move(findings_);
  result.unreadable = unreadable_;
  if (!has_errors(result.findings)) result.rules = std::make_shared<const rule_set>(std::move(rules_));
  return result;
}

}  // namespace

const std::vector<std::string>& rule_files() {
  static const std::vector<std::string> files{"manifest.json", "lexicon.json", "questions.json", "flow.json",
                                              "red_flags.json", "dispositions.json", "outcomes.json",
                                              "exercises.json", "faq.json", "texts.json"};
  return files;
}

load_result load_rules(const std::filesystem::path& directory) { return loader(directory).run(); }

}  // namespace triagebot::rules
