// triagebot: one binary, several subcommands.
#include <iostream>
#include <string>
#include <vector>

#include "cli/arguments.hpp"
#include "cli/commands.hpp"
#include "triagebot/version.hpp"

namespace {

constexpr const char* kHelp =
    "triagebot: a triage chatbot for hip, leg and low-back pain, driven by the rules in rules/.\n"
    "\n"
    "usage: triagebot <command> [options]\n"
    "\n"
    "commands:\n"
    "  chat    talk with the bot in the terminal, or speak PROTOCOL v1 frames (--json)\n"
    "  test    run conversation test files\n"
    "  check   prove a rule set safe: static checks and every path of the flow\n"
    "  graph   print the flow as a Mermaid or Graphviz graph\n"
    "  serve   run the WebSocket and HTTP server (PROTOCOL v1 at /ws)\n"
    "\n"
    "  triagebot --version [--rules DIR]   the program's version and the rules' version\n"
    "  triagebot <command> --help          the command's options\n";

int version(const std::vector<std::string>& args) {
  triagebot::cli::arguments a(args, {"rules"}, {"version"});
  if (!a.ok()) {
    std::cerr << "triagebot: " << a.error() << "\n";
    return 2;
  }
  std::cout << "triagebot " << triagebot::version << "\n";
  const auto rules = triagebot::cli::load_rules_or_report(a.value_or("rules", "rules"));
  std::cout << "rules " << (rules ? rules->info.name + " " + rules->info.version : std::string("not loaded")) << "\n";
  return rules ? 0 : 2;
}

}  // namespace

int main(int argc, char** argv) {
  std::vector<std::string> args(argv + 1, argv + argc);
  if (args.empty() || args[0] == "--help" || args[0] == "-h" || args[0] == "help") {
    std::cout << kHelp;
    return args.empty() ? 2 : 0;
  }
  const auto command = args[0];
  const std::vector<std::string> rest(args.begin() + 1, args.end());
  try {
    if (command == "--version") return version(args);
    if (command == "chat") return triagebot::cli::chat_command(rest);
    if (command == "test") return triagebot::cli::test_command(rest);
    if (command == "check") return triagebot::cli::check_command(rest);
    if (command == "graph") return triagebot::cli::graph_command(rest);
    if (command == "serve") return triagebot::cli::serve_command(rest);
  } catch (const std::exception& e) {
    std::cerr << "triagebot: unexpected failure: " << e.what() << "\n";
    return 1;
  }
  std::cerr << "triagebot: unknown command \"" << command << "\"\n\n" << kHelp;
  return 2;
}
