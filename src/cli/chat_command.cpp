// `triagebot chat`: a conversation in the terminal, or PROTOCOL frames over stdin/stdout (--json).
#include <iostream>
#include <map>

#include "cli/arguments.hpp"
#include "cli/clock.hpp"
#include "cli/commands.hpp"
#include "cli/connect_client.hpp"
#include "engine/engine.hpp"
#include "nlu/analyzer.hpp"
#include "nlu/text_normalizer.hpp"
#include "nlu/tokenizer.hpp"
#include "store/session_token.hpp"

namespace triagebot::cli {
namespace {

using json = nlohmann::json;

constexpr const char* kChatHelp =
    "usage: triagebot chat [--rules DIR] [--json] [--explain] [--now ISO-8601]\n"
    "       triagebot chat --connect URL [--tls-ca FILE]\n"
    "\n"
    "Talk with the triage bot in the terminal. Buttons are shown as numbered choices: type the\n"
    "number or your own words. Type /restart to start again, /quit (or Ctrl-D) to leave.\n"
    "\n"
    "  --rules DIR   the rules directory (default ./rules)\n"
    "  --json        read one PROTOCOL v1 client frame per line on stdin, write one reply or\n"
    "                error frame per line on stdout (nothing else goes to stdout)\n"
    "  --explain     show which rule fired and the words that matched (stderr with --json)\n"
    "  --now TIME    fix the date (ISO-8601, e.g. 2026-11-25T10:00:00Z) for reproducible runs\n"
    "  --connect URL talk to a running `triagebot serve` instead (ws://HOST:PORT/ws, or\n"
    "                wss://HOST:PORT/ws when it serves TLS: its certificate must be trusted by the\n"
    "                system and issued for HOST)\n"
    "  --tls-ca FILE with a wss:// URL: also trust the CA or self-signed certificate(s) in this\n"
    "                PEM file, e.g. the certificate of a server you run yourself\n";

// What the bot read in a message: each concept with how it was meant, and the quantities.
// The reading is the engine's own: the same day of the week, and the same patient known before (none
// while the patient types on the first writer's phone, as the engine read it).
void explain_reading(std::ostream& out, const rules::rule_set& rules, const engine::conversation_state& before,
                     const engine::conversation_state& after, const engine::turn_context& ctx, const std::string& frame_text) {
  nlohmann::json frame;
  try {
    frame = nlohmann::json::parse(frame_text);
  } catch (const nlohmann::json::exception&) {
    return;
  }
  if (!frame.is_object() || frame.value("type", "") != "message" || !frame.contains("text") || !frame.at("text").is_string()) return;
  nlu::analysis_options options;
  options.patient_relation = after.slots.contains("patient_typing") ? std::nullopt : before.patient_relation;
  // "this is his wife. ...": a message that names a new writer as the first writer's relation makes the
  // first writer the patient for this message already, as the engine read it.
  const auto text = frame.at("text").get<std::string>();
  if (!before.patient_relation && after.patient_relation &&
      rules.lexicon.writer_named_as_theirs(nlu::tokenize(nlu::normalize_text(text))))
    options.patient_relation = after.patient_relation;
  options.today_weekday = ctx.today_weekday;
  options.today_month = ctx.today_month;
  options.infer_patient = !before.patient_relation && !before.slots.contains("region");
  options.explain = true;
  const auto a = nlu::analyze(rules.lexicon, text, options);
  out << "  [explain] read:";
  for (const auto& m : a.mentions) out << " " << m.concept_id << "(" << nlu::to_string(m.status) << ": " << m.words << ")";
  out << "\n";
  // What was nearly read, and why not: negated by which trigger, scope ended where, someone else's.
  for (const auto& m : a.mentions)
    if (!m.why.empty()) out << "  [explain]   " << m.concept_id << " \"" << m.words << "\": " << m.why << "\n";
  out << "  [explain]";
  if (a.region) out << " region=" << *a.region;
  if (a.duration) out << " duration=" << a.duration->days << "d(priority " << a.duration->priority << ")";
  if (a.pain_score) out << " pain=" << *a.pain_score;
  if (a.trend) out << " trend=" << *a.trend;
  if (a.age) out << " age=" << a.age->years;
  if (a.patient_relation) out << " patient=" << *a.patient_relation;
  for (const auto& c : a.corrections) out << " [" << c.typed << "->" << c.meant << "]";
  out << "\n";
}

void explain(std::ostream& out, const engine::conversation_state& before, const engine::conversation_state& after) {
  for (std::size_t i = before.audit.size(); i < after.audit.size(); ++i) {
    const auto& a = after.audit[i];
    out << "  [explain] " << a.kind << " " << a.id << " by rule " << a.rule << " (rules " << a.rules_version << ")";
    for (const auto& e : a.evidence) out << "\n      matched " << e;
    out << "\n";
  }
}

int run_json(const engine::engine& bot, engine::turn_context ctx, bool with_explain) {
  std::map<std::string, engine::conversation_state> sessions;
  engine::conversation_state current;
  std::string line;
  while (std::getline(std::cin, line)) {
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (line.find_first_not_of(" \t") == std::string::npos) continue;
    // A start naming a known session resumes it, as the server does from its store.
    try {
      const auto j = json::parse(line);
      if (j.is_object() && j.value("type", "") == "start" && j.contains("session") && j.at("session").is_string()) {
        const auto it = sessions.find(j.at("session").get<std::string>());
        current = it == sessions.end() ? engine::conversation_state{} : it->second;
      }
    } catch (const json::exception&) {
      // the engine reports the bad frame
    }
    ctx.new_session_id = store::new_session_token();
    auto result = bot.respond(current, line, ctx);
    if (with_explain) {
      explain_reading(std::cerr, bot.rules(), current, result.state, ctx, line);
      explain(std::cerr, current, result.state);
    }
    current = std::move(result.state);
    if (current.started()) sessions[current.session] = current;
    std::cout << result.frame.dump(-1, ' ', false, json::error_handler_t::replace) << "\n" << std::flush;
  }
  return 0;
}

void print_reply(const json& frame) {
  if (frame.value("type", "") == "error") {
    std::cout << "  (" << frame.value("message", "") << ")\n";
    return;
  }
  for (const auto& m : frame.at("messages")) std::cout << "bot> " << m.at("text").get<std::string>() << "\n";
  const auto& input = frame.at("input");
  if (input.value("kind", "") == "scale")
    std::cout << "     (type a number from " << input.value("min", 0) << " to " << input.value("max", 10) << ")\n";
  std::size_t n = 0;
  for (const auto& q : frame.at("quick_replies")) std::cout << "  [" << ++n << "] " << q.at("title").get<std::string>() << "\n";
  const auto& outcome = frame.at("outcome");
  if (outcome.is_object() && !outcome.at("exercises").empty()) {
    std::cout << "  Exercises:\n";
    for (const auto& e : outcome.at("exercises")) {
      std::cout << "   - " << e.at("name").get<std::string>() << " (" << e.at("dose").get<std::string>() << ")\n";
      std::size_t step = 0;
      for (const auto& s : e.at("steps")) std::cout << "       " << ++step << ". " << s.get<std::string>() << "\n";
    }
  }
}

int run_terminal(const engine::engine& bot, engine::turn_context ctx, bool with_explain) {
  engine::conversation_state state;
  ctx.new_session_id = store::new_session_token();
  auto result = bot.respond(state, json{{"type", "start"}}.dump(), ctx);
  state = result.state;
  print_reply(result.frame);
  json last = result.frame;
  std::string line;
  while (std::cout << "you> " << std::flush && std::getline(std::cin, line)) {
    if (line == "/quit" || line == "/exit") break;
    if (line.find_first_not_of(" \t") == std::string::npos) continue;
    std::string text = line;
    // A number picks the matching button.
    if (line.find_first_not_of("0123456789") == std::string::npos && line.size() < 4 && last.contains("quick_replies")) {
      const auto choice = static_cast<std::size_t>(std::stoul(line));
      const auto& qr = last.at("quick_replies");
      const bool scale = last.at("input").value("kind", "") == "scale";
      if (!scale && choice >= 1 && choice <= qr.size()) text = qr[choice - 1].at("payload").get<std::string>();
    }
    ctx.new_session_id = store::new_session_token();
    const json frame = text == "/restart" ? json{{"type", "restart"}} : json{{"type", "message"}, {"text", text}};
    auto next = bot.respond(state, frame.dump(), ctx);
    if (with_explain) {
      explain_reading(std::cout, bot.rules(), state, next.state, ctx, frame.dump());
      explain(std::cout, state, next.state);
    }
    state = std::move(next.state);
    print_reply(next.frame);
    if (next.frame.value("type", "") == "reply") last = next.frame;
  }
  std::cout << "\n";
  return 0;
}

}  // namespace

int chat_command(const std::vector<std::string>& args) {
  arguments a(args, {"rules", "now", "connect", "tls-ca"}, {"json", "explain", "help"});
  if (!a.ok()) {
    std::cerr << "triagebot chat: " << a.error() << "\n" << kChatHelp;
    return 2;
  }
  if (a.has("help")) {
    std::cout << kChatHelp;
    return 0;
  }
  if (!a.positional().empty()) {
    std::cerr << "triagebot chat: unexpected argument \"" << a.positional().front() << "\"\n" << kChatHelp;
    return 2;
  }
  if (a.has("tls-ca") && a.value_or("tls-ca", "").empty()) {
    std::cerr << "triagebot chat: --tls-ca needs a file name\n" << kChatHelp;
    return 2;
  }
  if (a.has("tls-ca") && !a.has("connect")) {
    std::cerr << "triagebot chat: --tls-ca only applies with --connect wss://HOST:PORT/ws\n" << kChatHelp;
    return 2;
  }
  if (a.has("connect")) {
    connect_options options;
    options.tls_ca_file = a.value_or("tls-ca", "");
    return run_connect_client(*a.value("connect"), std::cin, std::cout, std::cerr, options);
  }
  engine::turn_context ctx;
  if (auto now = a.value("now")) {
    const auto d = parse_iso_date(*now);
    if (!d) {
      std::cerr << "triagebot chat: --now \"" << *now << "\" is not an ISO-8601 date such as 2026-11-25T10:00:00Z\n";
      return 2;
    }
    ctx.today_weekday = d->weekday;
    ctx.today_month = d->month;
  } else {
    const auto today = today_local();
    ctx.today_weekday = today.weekday;
    ctx.today_month = today.month;
  }
  const auto rules = load_rules_or_report(a.value_or("rules", "rules"));
  if (!rules) return 2;
  const engine::engine bot(rules);
  std::ios::sync_with_stdio(false);
  return a.has("json") ? run_json(bot, ctx, a.has("explain")) : run_terminal(bot, ctx, a.has("explain"));
}

}  // namespace triagebot::cli
