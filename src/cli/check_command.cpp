// `triagebot check`: proves a rule set safe before it reaches a patient.
#include <chrono>
#include <iostream>

#include "cli/arguments.hpp"
#include "cli/commands.hpp"
#include "rules/rules_loader.hpp"
#include "verify/flow_verifier.hpp"
#include "verify/static_checks.hpp"

namespace triagebot::cli {
namespace {

constexpr const char* kCheckHelp =
    "usage: triagebot check [--rules DIR] [--json] [--static]\n"
    "\n"
    "Checks a rule set: syntax, fields, types, empty texts, references, then every conversation the\n"
    "buttons allow (each yes/no and choice, numbers at every threshold, \"not sure\"), proving that\n"
    "worrying answers escalate, no red flag gets exercises, no severe pain or child with a limp gets\n"
    "self care, outcomes never get less urgent and every path ends within the question limit.\n"
    "Prints one line per finding (file:JSON-path: error|warning: sentence), then the counts.\n"
    "Exit 0 sound (warnings allowed), 1 errors found, 2 the rules cannot be read or bad usage.\n"
    "\n"
    "  --rules DIR   the rules directory (default ./rules)\n"
    "  --json        print the findings as a JSON array (statistics go to stderr)\n"
    "  --static      skip the exhaustive verification\n";

}  // namespace

int check_command(const std::vector<std::string>& args) {
  arguments a(args, {"rules"}, {"json", "static", "help"});
  if (!a.ok() || !a.positional().empty()) {
    std::cerr << "triagebot check: " << (a.ok() ? "unexpected argument \"" + a.positional().front() + "\"" : a.error())
              << "\n" << kCheckHelp;
    return 2;
  }
  if (a.has("help")) {
    std::cout << kCheckHelp;
    return 0;
  }
  const auto dir = a.value_or("rules", "rules");
  const auto started = std::chrono::steady_clock::now();
  auto loaded = rules::load_rules(dir);
  auto findings = loaded.findings;
  std::string stats;
  if (loaded.rules) {
    auto more = verify::check_static(*loaded.rules);
    findings.insert(findings.end(), more.begin(), more.end());
    if (!a.has("static")) {
      const engine::engine bot(loaded.rules);
      auto report = verify::verify_flow(bot);
      findings.insert(findings.end(), report.findings.begin(), report.findings.end());
      const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
      char line[256];
      std::snprintf(line, sizeof line, "verified: %zu states explored, %.0f paths represented, longest %d questions, %.1f s%s",
                    report.states_explored, report.paths_represented, report.longest_path, seconds,
                    report.complete ? "" : " (stopped at the state limit: not every path was explored)");
      stats = line;
      if (!report.complete)
        findings.push_back({"flow.json", "$", rules::severity::error, "the verification stopped at its state limit; simplify the flow"});
    }
  }
  rules::sort_findings(findings);
  const auto errors = rules::count(findings, rules::severity::error);
  const auto warnings = rules::count(findings, rules::severity::warning);
  if (a.has("json")) {
    nlohmann::json out = nlohmann::json::array();
    for (const auto& f : findings)
      out.push_back({{"file", f.file}, {"path", f.path}, {"severity", f.level == rules::severity::error ? "error" : "warning"},
                     {"message", f.message}});
    std::cout << out.dump(2) << "\n";
    if (!stats.empty()) std::cerr << stats << "\n";
    std::cerr << errors << " errors, " << warnings << " warnings\n";
  } else {
    for (const auto& f : findings) std::cout << rules::format(f) << "\n";
    if (!stats.empty()) std::cout << stats << "\n";
    std::cout << errors << " errors, " << warnings << " warnings\n";
  }
  if (loaded.unreadable) return 2;
  return errors == 0 ? 0 : 1;
}

}  // namespace triagebot::cli
