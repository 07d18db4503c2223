#pragma once
// The dialogue flow drawn as a graph a clinician can read: questions as nodes labelled with their
// text, answers as edges, red-flag escalations and outcomes coloured by level.
#include <optional>
#include <string>

#include "rules/rule_set.hpp"

namespace triagebot::verify {

enum class graph_format { dot, mermaid };

// region: only that region's branch; empty: every region.
std::string render_flow_graph(const rules::rule_set& rules, graph_format format, const std::string& region);

// A condition in words ("age < 16 and fact fever"), for edge labels.
std::string describe(const rules::condition& c);

}  // namespace triagebot::verify
