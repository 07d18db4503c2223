#include "cli/conversation_test.hpp"

#include <algorithm>
#include <chrono>
#include <fstream>
#include <set>
#include <sstream>

#include "cli/clock.hpp"

namespace triagebot::cli {
namespace {

using json = nlohmann::json;

std::string lower(std::string s) {
  std::transform(s.begin(), s.end(), s.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return s;
}

std::string all_text(const json& frame) {
  std::string out;
  if (frame.contains("messages"))
    for (const auto& m : frame.at("messages")) out += m.value("text", "") + "\n";
  return out;
}

std::string describe(const json& v) { return v.is_null() ? "no outcome" : v.dump(); }

// Checks one reply against a step's expectations; returns the failures as sentences.
std::vector<std::string> check(const json& expect, const json& frame) {
  std::vector<std::string> fails;
  const bool is_error = frame.value("type", "") == "error";
  const json outcome = frame.contains("outcome") ? frame.at("outcome") : json();
  for (const auto& [key, want] : expect.items()) {
    if (key == "error") {
      const auto got = is_error ? frame.value("code", "") : std::string("a reply");
      if (got != want.get<std::string>()) fails.push_back("expected error " + want.get<std::string>() + ", got " + got);
      continue;
    }
    if (is_error) {
      fails.push_back("expected a reply, got error " + frame.value("code", "") + ": " + frame.value("message", ""));
      break;
    }
    if (key == "level") {
      const json got = outcome.is_object() ? outcome.at("level") : json();
      if (got != want) fails.push_back("expected level " + describe(want) + ", got " + describe(got));
    } else if (key == "red_flags" || key == "red_flags_include") {
      std::set<std::string> got;
      if (outcome.is_object()) for (const auto& f : outcome.at("red_flags")) got.insert(f.get<std::string>());
      std::set<std::string> wanted;
      for (const auto& f : want) wanted.insert(f.get<std::string>());
      const bool ok = key == "red_flags" ? got == wanted : std::includes(got.begin(), got.end(), wanted.begin(), wanted.end());
      if (!ok) fails.push_back("expected red flags " + std::string(key == "red_flags" ? "" : "including ") + json(wanted).dump() + ", got " + json(got).dump());
    } else if (key == "asks") {
      const auto& input = frame.at("input");
      const json got = input.contains("slot") ? input.at("slot") : json("nothing");
      if (got != want) fails.push_back("expected a question on " + want.dump() + ", got " + got.dump());
    } else if (key == "input") {
      const auto got = frame.at("input").value("kind", "");
      if (got != want.get<std::string>()) fails.push_back("expected input " + want.get<std::string>() + ", got " + got);
    } else if (key == "contains" || key == "not_contains") {
      const auto text = lower(all_text(frame));
      for (const auto& fragment : want) {
        const bool found = text.find(lower(fragment.get<std::string>())) != std::string::npos;
        if (key == "contains" && !found) fails.push_back("no message contains \"" + fragment.get<std::string>() + "\"");
        if (key == "not_contains" && found) fails.push_back("a message contains \"" + fragment.get<std::string>() + "\"");
      }
    } else if (key == "exercises") {
      std::vector<std::string> got;
      if (outcome.is_object()) for (const auto& e : outcome.at("exercises")) got.push_back(e.at("id").get<std::string>());
      if (json(got) != want) fails.push_back("expected exercises " + want.dump() + ", got " + json(got).dump());
    } else if (key == "summary") {
      for (const auto& [slot, value] : want.items()) {
        const json got = outcome.is_object() && outcome.at("summary").contains(slot) ? outcome.at("summary").at(slot) : json();
        if (got != value) fails.push_back("expected summary " + slot + " " + value.dump() + ", got " + describe(got));
      }
    } else if (key == "turn" || key == "resumed") {
      if (frame.at(key) != want) fails.push_back("expected " + key + " " + want.dump() + ", got " + frame.at(key).dump());
    } else if (key == "quick_replies_include" || key == "quick_replies_exclude") {
      std::set<std::string> payloads;
      for (const auto& q : frame.at("quick_replies")) payloads.insert(q.at("payload").get<std::string>());
      for (const auto& p : want) {
        const bool shown = payloads.contains(p.get<std::string>());
        if (key == "quick_replies_include" && !shown) fails.push_back("no quick reply with payload " + p.dump());
        if (key == "quick_replies_exclude" && shown) fails.push_back("a quick reply with payload " + p.dump() + " is shown");
      }
    } else {
      fails.push_back("unknown expectation \"" + key + "\" in the test file");
    }
  }
  return fails;
}

test_case_result run_one(const engine::engine& bot, const std::string& file, const json& conversation, std::size_t index) {
  test_case_result result;
  result.file = file;
  result.name = conversation.is_object() ? conversation.value("name", "conversation " + std::to_string(index + 1))
                                         : "conversation " + std::to_string(index + 1);
  const auto started = std::chrono::steady_clock::now();
  auto fail = [&](int step, std::string message) { result.failures.push_back({file, result.name, step, std::move(message)}); };
  if (!conversation.is_object() || !conversation.contains("steps") || !conversation.at("steps").is_array()) {
    fail(0, "a conversation needs a \"steps\" list");
    return result;
  }
  engine::turn_context ctx;
  ctx.today_weekday = 3;  // a fixed Wednesday unless the test says otherwise
  if (conversation.contains("now")) {
    const auto d = parse_iso_date(conversation.at("now").get<std::string>());
    if (!d) {
      fail(0, "\"now\" is not an ISO-8601 date");
      return result;
    }
    ctx.today_weekday = d->weekday;
    ctx.today_month = d->month;
  }
  engine::conversation_state state;
  std::map<std::string, engine::conversation_state> saved;  // sessions by token, for "resume" steps
  int session_counter = 0;
  const auto& steps = conversation.at("steps");
  for (std::size_t i = 0; i < steps.size(); ++i) {
    const auto& step = steps[i];
    const int number = static_cast<int>(i) + 1;
    ctx.new_session_id = "test-session-" + std::to_string(++session_counter);
    std::string raw;
    if (step.contains("say")) raw = json{{"type", "message"}, {"text", step.at("say")}}.dump();
    else if (step.contains("frame")) raw = step.at("frame").is_string() ? step.at("frame").get<std::string>() : step.at("frame").dump();
    else if (step.contains("resume")) {
      // Reconnect: a fresh connection sends start with the current session token.
      raw = json{{"type", "start"}, {"session", state.session}}.dump();
    } else {
      fail(number, "a step needs \"say\", \"frame\" or \"resume\"");
      continue;
    }
    auto result_turn = bot.respond(state, raw, ctx);
    state = std::move(result_turn.state);
    if (step.contains("expect")) {
      for (auto& message : check(step.at("expect"), result_turn.frame)) fail(number, std::move(message));
    }
    // The state must survive the store: round-trip it through JSON every turn.
    state = engine::state_from_json(engine::to_json(state));
  }
  result.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  return result;
}

std::string xml_escape(const std::string& s) {
  std::string out;
  for (char c : s) {
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      default: out += c;
    }
  }
  return out;
}

}  // namespace

std::vector<test_case_result> run_conversation_file(const engine::engine& bot, const std::filesystem::path& path) {
  const auto file = path.string();
  std::ifstream in(path);
  if (!in) return {test_case_result{file, "(file)", 0, {{file, "(file)", 0, "cannot read the file"}}}};
  json j;
  try {
    j = json::parse(in);
  } catch (const json::parse_error& e) {
    return {test_case_result{file, "(file)", 0, {{file, "(file)", 0, "not valid JSON near byte " + std::to_string(e.byte)}}}};
  }
  std::vector<test_case_result> out;
  const json conversations = j.is_object() && j.contains("conversations") ? j.at("conversations") : json::array({j});
  for (std::size_t i = 0; i < conversations.size(); ++i) {
    try {
      out.push_back(run_one(bot, file, conversations[i], i));
    } catch (const std::exception& e) {
      out.push_back(test_case_result{file, "conversation " + std::to_string(i + 1), 0,
                                     {{file, "conversation " + std::to_string(i + 1), 0, std::string("the test file is malformed: ") + e.what()}}});
    }
  }
  return out;
}

std::vector<std::filesystem::path> collect_test_files(const std::vector<std::string>& paths, std::string& error) {
  std::vector<std::filesystem::path> files;
  for (const auto& p : paths) {
    std::error_code ec;
    if (std::filesystem::is_directory(p, ec)) {
      for (const auto& e : std::filesystem::recursive_directory_iterator(p, ec))
        if (e.is_regular_file() && e.path().extension() == ".json") files.push_back(e.path());
    } else if (std::filesystem::is_regular_file(p, ec)) {
      files.emplace_back(p);
    } else {
      error = "no test file or directory at " + p;
      return {};
    }
  }
  std::sort(files.begin(), files.end());
  return files;
}

std::string junit_xml(const std::vector<test_case_result>& results) {
  std::size_t failures = 0;
  for (const auto& r : results) failures += r.failures.empty() ? 0 : 1;
  std::ostringstream out;
  out << "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n";
  out << "<testsuite name=\"triagebot conversations\" tests=\"" << results.size() << "\" failures=\"" << failures << "\">\n";
  for (const auto& r : results) {
    out << "  <testcase classname=\"" << xml_escape(r.file) << "\" name=\"" << xml_escape(r.name) << "\" time=\"" << r.seconds << "\"";
    if (r.failures.empty()) {
      out << "/>\n";
      continue;
    }
    out << ">\n";
    for (const auto& f : r.failures)
      out << "    <failure message=\"" << xml_escape("step " + std::to_string(f.step) + ": " + f.message) << "\"/>\n";
    out << "  </testcase>\n";
  }
  out << "</testsuite>\n";
  return out.str();
}

}  // namespace triagebot::cli
