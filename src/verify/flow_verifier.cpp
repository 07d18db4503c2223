#include "verify/flow_verifier.hpp"

#include <algorithm>
#include <cmath>
#include <deque>
#include <functional>
#include <map>
#include <set>
#include <unordered_map>

#include "verify/static_checks.hpp"

namespace triagebot::verify {
namespace {

using nlohmann::json;
using rules::level;
using rules::rule_finding;
using rules::severity;

int rank(const json& outcome) {
  if (!outcome.is_object()) return 4;
  return static_cast<int>(*rules::parse_level(outcome.at("level").get<std::string>()));
}

// What makes two conversation states equivalent for the rest of the conversation.
std::string state_key(const engine::conversation_state& s) {
  json facts = json::object();
  for (const auto& [id, f] : s.facts) facts[id] = static_cast<int>(f.state);
  json slots = json::object();
  for (const auto& [id, v] : s.slots) {
    if (v.text) slots[id] = *v.text;
    else if (v.number) slots[id] = *v.number;
    else if (v.unsure) slots[id] = "?";
  }
  auto answered = s.answered;
  std::sort(answered.begin(), answered.end());
  json outcome = nullptr;
  if (s.outcome.is_object()) outcome = {s.outcome.at("level"), s.outcome.at("red_flags"), s.outcome.at("exercises").size()};
  return json{facts, slots, s.pending, answered, s.queue, s.concluded, outcome, s.patient_relation.value_or("")}.dump();
}

// Numbers worth trying for a slot. Every condition compares a slot with a constant, so the values
// between two neighbouring thresholds behave the same: one value per interval (the threshold itself,
// where the comparison flips) covers them all.
std::map<std::string, std::set<int>> threshold_values(const rules::rule_set& r) {
  std::map<std::string, std::set<int>> out;
  std::function<void(const rules::condition&)> visit = [&](const rules::condition& c) {
    if (c.type == rules::condition::kind::slot_compare) {
      if (const auto* v = std::get_if<double>(&c.value)) {
        const int x = static_cast<int>(std::ceil(*v));
        auto& cuts = out[c.name];
        if (c.op == "<" || c.op == ">=") cuts.insert(x);
        else if (c.op == "<=" || c.op == ">") cuts.insert(static_cast<int>(std::floor(*v)) + 1);
        else cuts.insert({x - 1, x, x + 1});  // == and !=: just below, at and just above
      }
    }
    for (const auto& child : c.children) visit(child);
  };
  for (const auto& f : r.red_flags) for (const auto& p : f.patterns) visit(p.when);
  for (const auto& c : r.disposition.physio) visit(c.when);
  for (const auto& c : r.disposition.no_exercises) visit(c.when);
  for (const auto& s : r.dialogue.common) visit(s.when);
  for (const auto& s : r.dialogue.closing) visit(s.when);
  for (const auto& [region, steps] : r.dialogue.regions) for (const auto& s : steps) visit(s.when);
  return out;
}

struct node {
  int parent = -1;
  std::string answer;     // what was typed to get here from the parent
  std::vector<int> children;
};

// A state still to expand; only the frontier keeps whole conversation states in memory.
struct pending_node {
  int id = 0;
  int depth = 0;          // questions answered to get here
  engine::conversation_state state;
  json frame;
};

class explorer {
 public:
  explorer(const engine::engine& bot, const verification_options& options)
      : bot_(bot), r_(bot.rules()), options_(options), thresholds_(threshold_values(r_)) {}

  verification_report run() {
    ctx_.new_session_id = "verify";
    ctx_.today_weekday = 3;
    auto first = bot_.respond(engine::conversation_state{}, engine::client_frame{engine::start_frame{}}, ctx_);
    std::deque<pending_node> queue;
    queue.push_back({add_node(-1, ""), 0, std::move(first.state), std::move(first.frame)});
    while (!queue.empty()) {
      auto current = std::move(queue.front());
      queue.pop_front();
      if (current.frame.at("input").at("kind") == "none") continue;
      if (nodes_.size() >= options_.max_states) {
        report_.complete = false;
        break;
      }
      expand(current, queue);
    }
    report_.states_explored = nodes_.size();
    summarise();
    return std::move(report_);
  }

 private:
  int add_node(int parent, std::string answer) {
    nodes_.push_back(node{parent, std::move(answer), {}});
    return static_cast<int>(nodes_.size()) - 1;
  }

  std::vector<std::string> answers_for(const rules::question& q) const {
    std::vector<std::string> out;
    switch (q.kind) {
      case rules::input_kind::yes_no: return {"yes", "no", "unsure"};
      case rules::input_kind::choice:
        for (const auto& o : q.options) out.push_back(o.payload);
        return out;
      case rules::input_kind::scale:
      case rules::input_kind::number: {
        std::set<int> values{q.min};
        if (q.kind == rules::input_kind::scale) values.insert(q.max);
        if (auto it = thresholds_.find(q.slot); it != thresholds_.end())
          for (int v : it->second)
            if (v >= q.min && (v <= q.max || q.max <= q.min)) values.insert(v);
        for (int v : values) out.push_back(std::to_string(v));
        out.push_back("not sure");
        return out;
      }
      case rules::input_kind::text: return {"not sure"};
    }
    return out;
  }

  std::string path_to(int id, const std::string& last = {}) const {
    std::vector<std::string> answers;
    if (!last.empty()) answers.push_back(last);
    for (int n = id; n > 0; n = nodes_[static_cast<std::size_t>(n)].parent)
      answers.push_back(nodes_[static_cast<std::size_t>(n)].answer);
    std::reverse(answers.begin(), answers.end());
    std::string out;
    for (const auto& a : answers) out += (out.empty() ? "" : " -> ") + ("\"" + a + "\"");
    return out.empty() ? "(the first reply)" : out;
  }

  void violation(const std::string& file, const std::string& path, const std::string& what, const std::string& key) {
    // One finding per kind of violation and place: the first found has the shortest path (BFS).
    if (!reported_.insert(file + path + what.substr(0, what.find(':')) + key).second) return;
    report_.findings.push_back({file, path, severity::error, what});
  }

  std::string option_path(const rules::question& q, const std::string& payload) const {
    const auto qi = static_cast<std::size_t>(&q - r_.questions.data());
    std::string p = "$.questions[" + std::to_string(qi) + "]";
    for (std::size_t k = 0; k < q.options.size(); ++k)
      if (q.options[k].payload == payload) return p + ".options[" + std::to_string(k) + "]";
    return p;
  }

  void expand(const pending_node& current, std::deque<pending_node>& queue) {
    const int id = current.id;
    const auto& state = current.state;
    const auto& frame = current.frame;
    const int depth = current.depth;
    const auto* q = r_.find_question(state.pending);
    if (!q) {
      violation("flow.json", "$", "dead end: the conversation waits for input but no question is pending. Path: " + path_to(id), "");
      return;
    }
    for (const auto& answer : answers_for(*q)) {
      auto result = bot_.respond(state, engine::client_frame{engine::message_frame{answer, std::nullopt}}, ctx_);
      const auto& reply = result.frame;
      const std::string where = path_to(id, answer);
      if (reply.value("type", "") != "reply" || reply.at("messages").empty()) {
        violation("flow.json", "$", "the bot gave no reply to \"" + answer + "\". Path: " + where, q->id);
        continue;
      }
      // The button's own payload must be understood as an answer to its question.
      if (result.state.pending == q->id && result.state.pending_misses > state.pending_misses) {
        violation("questions.json", option_path(*q, answer),
                  "the answer \"" + answer + "\" is not understood by its own question \"" + q->id + "\". Path: " + where, answer);
        continue;
      }
      check_transition(*q, answer, frame, result, where);
      const int next_depth = depth + 1;
      if (next_depth > r_.info.max_questions && reply.at("input").at("kind") != "none")
        violation("flow.json", "$", "bound: still asking after " + std::to_string(r_.info.max_questions) + " questions. Path: " + where, "");
      const auto key = state_key(result.state);
      auto [it, inserted] = seen_.emplace(key, -1);
      if (!inserted) {
        nodes_[static_cast<std::size_t>(id)].children.push_back(it->second);
        continue;
      }
      const int child = add_node(id, answer);
      it->second = child;
      nodes_[static_cast<std::size_t>(id)].children.push_back(child);
      queue.push_back({child, next_depth, std::move(result.state), reply});
    }
  }

  void check_transition(const rules::question& q, const std::string& answer, const json& before,
                        const engine::turn_result& after, const std::string& where) {
    const auto& outcome = after.frame.at("outcome");
    if (rank(outcome) > rank(before.at("outcome")))
      violation("red_flags.json", "$", "an outcome became less urgent. Path: " + where, "");
    if (outcome.is_object()) {
      const auto level_now = *rules::parse_level(outcome.at("level").get<std::string>());
      if (!outcome.at("red_flags").empty() && !outcome.at("exercises").empty())
        violation("dispositions.json", "$.no_exercises", "exercises offered with a red flag. Path: " + where, "");
      if (level_now == level::self_care) {
        const auto& slots = after.state.slots;
        auto number = [&](const char* s) -> std::optional<double> {
          auto it = slots.find(s);
          return it == slots.end() ? std::nullopt : it->second.number;
        };
        auto text = [&](const char* s) -> std::string {
          auto it = slots.find(s);
          return it == slots.end() || !it->second.text ? std::string() : *it->second.text;
        };
        auto present = [&](const char* f) {
          auto it = after.state.facts.find(f);
          return it != after.state.facts.end() && it->second.state == engine::fact_state::present;
        };
        if (number("pain_score") && *number("pain_score") >= 7)
          violation("dispositions.json", "$.physio", "self care with pain of 7/10 or more. Path: " + where, "");
        if (number("age") && *number("age") < 16 && (text("region") == "hip" || text("region") == "leg") &&
            (present("limp") || present("trendelenburg")))
          violation("dispositions.json", "$.physio", "self care for a child with hip or leg pain and a limp. Path: " + where, "");
      }
    }
    // A worrying answer to a screening question must lead to its red flag's level and list it.
    std::vector<std::string> facts;
    if (q.screening && q.kind == rules::input_kind::yes_no && answer == "yes") facts = q.yes_facts;
    // A button that only begins a sign (its follow_up asks the rest) is checked through its follow-up's "yes".
    if (q.screening && q.kind == rules::input_kind::choice)
      for (const auto& o : q.options) if (o.payload == answer && o.follow_up.empty()) facts = o.facts;
    for (const auto& f : facts) {
      const auto flags = flags_reading(r_, f);
      std::vector<std::string> got;
      if (outcome.is_object()) got = outcome.at("red_flags").get<std::vector<std::string>>();
      const bool listed = std::any_of(flags.begin(), flags.end(), [&](const rules::red_flag* flag) {
        return std::find(got.begin(), got.end(), flag->id) != got.end();
      });
      const bool urgent_enough = rank(outcome) <= static_cast<int>(level::urgent);
      if (!listed || !urgent_enough) {
        std::string names;
        for (const auto* flag : flags) names += (names.empty() ? "" : " or ") + flag->id;
        const auto file_path = q.kind == rules::input_kind::yes_no ? "$.questions[" + std::to_string(&q - r_.questions.data()) + "]"
                                                                  : option_path(q, answer);
        violation("questions.json", file_path,
                  "the worrying answer \"" + answer + "\" to \"" + q.id + "\" does not lead to " + names +
                      " at urgent or emergency level (got " + (outcome.is_object() ? outcome.at("level").get<std::string>() : "no outcome") +
                      "). Path: " + where,
                  answer);
      }
    }
  }

  void summarise() {
    // Paths and the longest path over the merged graph (a DAG: every answer closes a question).
    std::vector<double> paths(nodes_.size(), -1);
    std::vector<int> longest(nodes_.size(), -1);
    std::function<void(int)> visit = [&](int id) {
      auto& n = nodes_[static_cast<std::size_t>(id)];
      if (paths[static_cast<std::size_t>(id)] >= 0) return;
      paths[static_cast<std::size_t>(id)] = 0;  // guards against a cycle
      if (n.children.empty()) {
        paths[static_cast<std::size_t>(id)] = 1;
        longest[static_cast<std::size_t>(id)] = 0;
        return;
      }
      double total = 0;
      int most = 0;
      for (int c : n.children) {
        visit(c);
        total += paths[static_cast<std::size_t>(c)];
        most = std::max(most, longest[static_cast<std::size_t>(c)] + 1);
      }
      paths[static_cast<std::size_t>(id)] = total;
      longest[static_cast<std::size_t>(id)] = most;
    };
    if (!nodes_.empty()) {
      visit(0);
      report_.paths_represented = paths[0];
      report_.longest_path = longest[0];
    }
    if (report_.longest_path > r_.info.max_questions)
      violation("flow.json", "$", "bound: a path asks " + std::to_string(report_.longest_path) + " questions, more than " +
                                      std::to_string(r_.info.max_questions), "longest");
  }

  const engine::engine& bot_;
  const rules::rule_set& r_;
  verification_options options_;
  std::map<std::string, std::set<int>> thresholds_;
  engine::turn_context ctx_;
  std::vector<node> nodes_;
  std::unordered_map<std::string, int> seen_;
  std::set<std::string> reported_;
  verification_report report_;
};

}  // namespace

verification_report verify_flow(const engine::engine& bot, const verification_options& options) {
  return explorer(bot, options).run();
}

}  // namespace triagebot::verify
