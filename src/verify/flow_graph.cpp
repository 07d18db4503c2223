#include "verify/flow_graph.hpp"

#include <algorithm>
#include <map>
#include <set>
#include <sstream>
#include <vector>

#include "engine/engine.hpp"
#include "verify/static_checks.hpp"

namespace triagebot::verify {
namespace {

struct graph {
  struct node_def {
    std::string id, label, kind;  // kind: question, emergency, urgent, physio, self_care, note, decision
  };
  struct edge_def {
    std::string from, to, label;
  };
  std::vector<node_def> nodes;
  std::vector<edge_def> edges;
  std::set<std::string> ids;

  void node(const std::string& id, const std::string& label, const std::string& kind) {
    if (ids.insert(id).second) nodes.push_back({id, label, kind});
  }
  void edge(const std::string& from, const std::string& to, const std::string& label) {
    for (const auto& e : edges)
      if (e.from == from && e.to == to && e.label == label) return;
    edges.push_back({from, to, label});
  }
};

std::string safe_id(const std::string& s) {
  std::string out;
  for (char c : s) out += (std::isalnum(static_cast<unsigned char>(c)) != 0) ? c : '_';
  return out;
}

std::string value_text(const rules::condition& c) {
  if (const auto* d = std::get_if<double>(&c.value)) {
    std::ostringstream o;
    o << *d;
    return o.str();
  }
  if (const auto* s = std::get_if<std::string>(&c.value)) return *s;
  return "?";
}

// The red flags (and levels) a worrying answer raises, from a conversation in this region at the
// point the question is asked (an adult unless the step is only for children).
std::vector<std::pair<std::string, std::string>> flags_after(const rules::rule_set& r, const rules::question& q,
                                                             const rules::condition& when, const std::string& region,
                                                             const std::string& payload) {
  engine::conversation_state base;
  base.session = "graph";
  base.rules_version = r.info.version;
  base.outcome = nullptr;
  base.last_prompt = nullptr;
  if (r.dialogue.regions.contains(region)) base.slots["region"].text = region;
  std::vector<std::string> none;
  for (const double age : {40.0, 12.0, 5.0}) {
    base.slots["age"].number = age;
    if (rules::evaluate(when, engine::state_facts(base, none))) break;
  }
  base.pending = q.id;
  // The engine needs the rule set by shared pointer; alias it without taking ownership.
  const engine::engine bot(std::shared_ptr<const rules::rule_set>(std::shared_ptr<const rules::rule_set>(), &r));
  const auto result = bot.respond(base, engine::client_frame{engine::message_frame{payload, std::nullopt}}, {"graph", 3});
  std::vector<std::pair<std::string, std::string>> out;
  const auto& outcome = result.frame.at("outcome");
  if (!outcome.is_object()) return out;
  for (const auto& f : outcome.at("red_flags")) out.emplace_back(f.get<std::string>(), outcome.at("level").get<std::string>());
  return out;
}

// Adds a chain of flow steps; returns the id of the node the chain ends at.
std::string add_steps(graph& g, const rules::rule_set& r, const std::vector<rules::flow_step>& steps, std::string from,
                      std::string via_label, const std::string& scope) {
  std::string skipped_from;
  std::pair<std::string, std::string> pending_skip;
  for (const auto& step : steps) {
    const auto* q = r.find_question(step.ask);
    if (!q) continue;
    const auto id = "q_" + safe_id(scope + "_" + q->id);
    g.node(id, q->text, "question");
    std::string label = via_label;
    if (step.when.type != rules::condition::kind::always) label += (label.empty() ? "" : "; ") + std::string("if ") + describe(step.when);
    g.edge(from, id, label);
    // Escalations: play each worrying answer through the engine and draw an edge to every red flag
    // it raises, so the graph shows what really happens, not every flag that mentions the sign.
    std::vector<std::pair<std::string, std::string>> worrying;  // title, payload
    if (q->kind == rules::input_kind::yes_no && q->screening) worrying.push_back({"Yes", "yes"});
    for (const auto& o : q->options) if (!o.facts.empty() && q->screening) worrying.push_back({o.title, o.payload});
    for (const auto& [title, payload] : worrying) {
      for (const auto& [flag_id, at] : flags_after(r, *q, step.when, scope, payload)) {
        const auto fid = "flag_" + safe_id(flag_id + "_" + at);
        g.node(fid, flag_id + ": " + at, at);
        g.edge(id, fid, title);
      }
    }
    via_label.clear();
    std::string next_label;
    if (q->kind == rules::input_kind::yes_no && q->screening) next_label = "No";
    else if (!q->options.empty() && q->screening) next_label = "None of these";
    // A conditional step may be skipped: the chain also goes on from the node before it.
    if (step.when.type != rules::condition::kind::always) skipped_from = from;
    else skipped_from.clear();
    from = id;
    via_label = next_label;
    if (!skipped_from.empty()) pending_skip = {skipped_from, "otherwise"};
    else if (!pending_skip.first.empty()) {
      g.edge(pending_skip.first, id, pending_skip.second);
      pending_skip = {};
    }
  }
  return from;
}

}  // namespace

std::string describe(const rules::condition& c) {
  using k = rules::condition::kind;
  auto join = [&](const char* word) {
    std::string s;
    for (const auto& child : c.children) s += (s.empty() ? "" : std::string(" ") + word + " ") + describe(child);
    return "(" + s + ")";
  };
  switch (c.type) {
    case k::always: return "always";
    case k::fact: return c.name;
    case k::absent: return "no " + c.name;
    case k::unknown: return c.name + " unknown";
    case k::slot_compare: return c.name + " " + c.op + " " + value_text(c);
    case k::known: return c.name + " known";
    case k::unsure: return c.name + " not sure";
    case k::flag: return "flag " + c.name;
    case k::all: return join("and");
    case k::any: return join("or");
    case k::negation: return "not " + (c.children.empty() ? std::string("?") : describe(c.children.front()));
  }
  return "?";
}

std::string render_flow_graph(const rules::rule_set& r, graph_format format, const std::string& region) {
  graph g;
  g.node("start", "Start: greeting", "note");
  g.node("every_message", "Every message is checked for red flags, whatever is being asked", "note");
  auto end_common = add_steps(g, r, r.dialogue.common, "start", "", "common");
  std::vector<std::string> ends;
  for (const auto& [name, steps] : r.dialogue.regions) {
    if (!region.empty() && name != region) continue;
    ends.push_back(add_steps(g, r, steps, end_common, "region = " + name, name));
  }
  g.node("disposition", "No red flag: physio or self care?", "decision");
  std::string closing_from = "closing_join";
  g.node(closing_from, "Closing questions", "note");
  for (const auto& e : ends) g.edge(e, closing_from, "None of these");
  const auto last = add_steps(g, r, r.dialogue.closing, closing_from, "", "closing");
  g.edge(last, "disposition", "");
  g.node("physio", "physio: book an assessment (exercises where safe)", "physio");
  g.node("self_care", "self_care: starter exercises, book if not better in 1-2 weeks", "self_care");
  std::string reasons;
  for (const auto& c : r.disposition.physio) reasons += (reasons.empty() ? "" : ", ") + c.id;
  g.edge("disposition", "physio", "any of: " + reasons);
  g.edge("disposition", "self_care", "none of them");

  std::ostringstream out;
  static const std::map<std::string, std::string> colours{
      {"emergency", "#d32f2f"}, {"urgent", "#f57c00"}, {"physio", "#1976d2"}, {"self_care", "#388e3c"},
      {"note", "#eeeeee"}, {"decision", "#fff9c4"}, {"question", "#ffffff"}};
  auto escape = [&](std::string s) {
    std::string o;
    for (char c : s) {
      if (c == '"') o += format == graph_format::dot ? "\\\"" : "#quot;";
      else o += c;
    }
    return o;
  };
  if (format == graph_format::dot) {
    out << "digraph triage {\n  rankdir=TB;\n  node [shape=box, style=\"rounded,filled\", fontname=\"Helvetica\"];\n";
    for (const auto& n : g.nodes)
      out << "  " << n.id << " [label=\"" << escape(n.label) << "\", fillcolor=\"" << colours.at(n.kind) << "\""
          << (n.kind == "emergency" || n.kind == "urgent" || n.kind == "physio" || n.kind == "self_care" ? ", fontcolor=white" : "")
          << "];\n";
    for (const auto& e : g.edges)
      out << "  " << e.from << " -> " << e.to << (e.label.empty() ? "" : " [label=\"" + escape(e.label) + "\"]") << ";\n";
    out << "}\n";
  } else {
    out << "flowchart TD\n";
    for (const auto& n : g.nodes) out << "  " << n.id << "[\"" << escape(n.label) << "\"]\n";
    for (const auto& e : g.edges)
      out << "  " << e.from << " -->" << (e.label.empty() ? "" : "|\"" + escape(e.label) + "\"|") << " " << e.to << "\n";
    for (const auto& [kind, colour] : colours)
      out << "  classDef " << kind << " fill:" << colour
          << (kind == "emergency" || kind == "urgent" || kind == "physio" || kind == "self_care" ? ",color:#fff" : "") << "\n";
    for (const auto& n : g.nodes) out << "  class " << n.id << " " << n.kind << "\n";
  }
  return out.str();
}

}  // namespace triagebot::verify
