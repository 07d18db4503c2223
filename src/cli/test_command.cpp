// `triagebot test`: runs conversation test files and prints one line per failure.
#include <fstream>
#include <iostream>

#include "cli/arguments.hpp"
#include "cli/commands.hpp"
#include "cli/conversation_test.hpp"

namespace triagebot::cli {

namespace {
constexpr const char* kTestHelp =
    "usage: triagebot test [--rules DIR] [--junit FILE] FILES|DIRS...\n"
    "\n"
    "Runs conversation tests (docs/testing.md): each file holds whole conversations and what each\n"
    "reply must show. Prints a line per failure with file, conversation and step, then\n"
    "'N passed, N failed'. Exit 0 when all pass, 1 when any fails, 2 on bad usage or rules.\n"
    "\n"
    "  --rules DIR    the rules directory (default ./rules)\n"
    "  --junit FILE   also write JUnit XML\n";
}  // namespace

int test_command(const std::vector<std::string>& args) {
  arguments a(args, {"rules", "junit"}, {"help"});
  if (!a.ok()) {
    std::cerr << "triagebot test: " << a.error() << "\n" << kTestHelp;
    return 2;
  }
  if (a.has("help")) {
    std::cout << kTestHelp;
    return 0;
  }
  if (a.positional().empty()) {
    std::cerr << "triagebot test: name at least one test file or directory\n" << kTestHelp;
    return 2;
  }
  std::string error;
  const auto files = collect_test_files(a.positional(), error);
  if (!error.empty()) {
    std::cerr << "triagebot test: " << error << "\n";
    return 2;
  }
  const auto rules = load_rules_or_report(a.value_or("rules", "rules"));
  if (!rules) return 2;
  const engine::engine bot(rules);
  std::vector<test_case_result> results;
  for (const auto& f : files) {
    auto r = run_conversation_file(bot, f);
    results.insert(results.end(), r.begin(), r.end());
  }
  std::size_t passed = 0, failed = 0;
  for (const auto& r : results) {
    if (r.failures.empty()) { ++passed; continue; }
    ++failed;
    for (const auto& f : r.failures)
      std::cout << f.file << ": " << f.conversation << ": step " << f.step << ": " << f.message << "\n";
  }
  if (auto junit = a.value("junit")) {
    std::ofstream out(*junit);
    if (!out) {
      std::cerr << "triagebot test: cannot write " << *junit << "\n";
      return 2;
    }
    out << junit_xml(results);
  }
  std::cout << passed << " passed, " << failed << " failed\n";
  return failed == 0 ? 0 : 1;
}

}  // namespace triagebot::cli
