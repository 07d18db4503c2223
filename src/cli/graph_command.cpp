// `triagebot graph`: the flow as a Mermaid or Graphviz graph.
#include <iostream>

#include "cli/arguments.hpp"
#include "cli/commands.hpp"
#include "verify/flow_graph.hpp"

namespace triagebot::cli {

namespace {
constexpr const char* kGraphHelp =
    "usage: triagebot graph [--rules DIR] [--format dot|mermaid] [--region REGION]\n"
    "\n"
    "Prints the dialogue flow as a graph: questions as nodes, answers as edges, red-flag escalations\n"
    "and outcomes coloured by level. Mermaid is the default (it renders in Markdown); dot is for\n"
    "Graphviz (dot -Tsvg).\n";
}  // namespace

int graph_command(const std::vector<std::string>& args) {
  arguments a(args, {"rules", "format", "region"}, {"help"});
  if (!a.ok() || !a.positional().empty()) {
    std::cerr << "triagebot graph: " << (a.ok() ? "unexpected argument \"" + a.positional().front() + "\"" : a.error())
              << "\n" << kGraphHelp;
    return 2;
  }
  if (a.has("help")) {
    std::cout << kGraphHelp;
    return 0;
  }
  const auto format = a.value_or("format", "mermaid");
  if (format != "dot" && format != "mermaid") {
    std::cerr << "triagebot graph: --format must be dot or mermaid, not \"" << format << "\"\n";
    return 2;
  }
  const auto rules = load_rules_or_report(a.value_or("rules", "rules"));
  if (!rules) return 2;
  const auto region = a.value_or("region", "");
  if (!region.empty() && !rules->dialogue.regions.contains(region)) {
    std::cerr << "triagebot graph: no region \"" << region << "\" in flow.json (";
    bool first = true;
    for (const auto& [name, steps] : rules->dialogue.regions) {
      std::cerr << (first ? "" : ", ") << name;
      first = false;
    }
    std::cerr << ")\n";
    return 2;
  }
  std::cout << verify::render_flow_graph(*rules, format == "dot" ? verify::graph_format::dot : verify::graph_format::mermaid, region);
  return 0;
}

}  // namespace triagebot::cli
