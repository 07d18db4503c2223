// Engine speed: one turn on typical messages, one turn on a 1,000-character message, and loading
// the rules. Run: build/bench/triagebot_bench (see docs/benchmarks.md).
#include <benchmark/benchmark.h>

#include <cstdio>
#include <string>
#include <vector>

#include "engine/engine.hpp"
#include "rules/rules_loader.hpp"

namespace {

using triagebot::engine::conversation_state;
using triagebot::engine::engine;
using triagebot::engine::turn_context;

std::shared_ptr<const triagebot::rules::rule_set> shipped_rules() {
  static const auto rules = triagebot::rules::load_rules(TRIAGEBOT_RULES_DIR).rules;
  return rules;
}

std::string message(const std::string& text) {
  return R"({"type":"message","text":")" + text + R"("})";
}

// A conversation part-way through (region, duration and score known, a question pending), so a
// turn does the usual work: read the text, update facts, check every red flag, pick a question.
conversation_state mid_conversation(const engine& bot, const turn_context& ctx) {
  conversation_state s;
  for (const auto* text : {"my lower back has been sore for about 5 days", "about a 4 out of 10"})
    s = bot.respond(s, message(text), ctx).state;
  return s;
}

const std::vector<std::string> kTypical{
    "its been getting a bit better each day",
    "no fever, no numbness down there, peeing is normal",
    "I'm 42 and it hurts most when I bend down to tie my shoes",
    "none",
    "where is the gluteus medius?",
    "my bum has gone numb since this morning",
};

// One benchmark per typical message, so the report shows the spread and its median.
void BM_TurnTypical(benchmark::State& state, const std::string& text) {
  const engine bot(shipped_rules());
  turn_context ctx{"bench-session", 3};
  const auto start = mid_conversation(bot, ctx);
  const auto frame = message(text);
  for (auto _ : state) {
    auto result = bot.respond(start, frame, ctx);
    benchmark::DoNotOptimize(result.frame);
  }
  state.SetLabel(text);
}

void BM_TurnLong(benchmark::State& state) {
  const engine bot(shipped_rules());
  turn_context ctx{"bench-session", 3};
  const auto start = mid_conversation(bot, ctx);
  std::string text;
  const std::string sentence =
      "I have had an ache in my lower back and right hip since I moved house, no fever or numbness, it is worse "
      "after sitting and easier when I walk about. ";
  while (text.size() + sentence.size() <= 1000) text += sentence;
  text.resize(1000, '.');
  const auto frame = message(text);
  for (auto _ : state) {
    auto result = bot.respond(start, frame, ctx);
    benchmark::DoNotOptimize(result.frame);
  }
  state.SetLabel(std::to_string(text.size()) + " characters");
}
BENCHMARK(BM_TurnLong)->Repetitions(5)->ReportAggregatesOnly(true)->Unit(benchmark::kMicrosecond);

void BM_LoadRules(benchmark::State& state) {
  for (auto _ : state) {
    auto result = triagebot::rules::load_rules(TRIAGEBOT_RULES_DIR);
    benchmark::DoNotOptimize(result.rules);
  }
}
BENCHMARK(BM_LoadRules)->Repetitions(3)->ReportAggregatesOnly(true)->Unit(benchmark::kMillisecond);

}  // namespace

int main(int argc, char** argv) {
  // A turn needs the rules: rules this program cannot load (newer fields, a broken file) are reported,
  // not run into.
  if (!shipped_rules()) {
    const auto result = triagebot::rules::load_rules(TRIAGEBOT_RULES_DIR);
    std::fprintf(stderr, "triagebot_bench: the rules in %s did not load:\n", TRIAGEBOT_RULES_DIR);
    for (const auto& f : result.findings)
      if (f.level == triagebot::rules::severity::error) std::fprintf(stderr, "  %s\n", triagebot::rules::format(f).c_str());
    return 1;
  }
  for (std::size_t i = 0; i < kTypical.size(); ++i)
    benchmark::RegisterBenchmark(("BM_TurnTypical/" + std::to_string(i)).c_str(), BM_TurnTypical, kTypical[i])
        ->Unit(benchmark::kMicrosecond);
  benchmark::Initialize(&argc, argv);
  if (benchmark::ReportUnrecognizedArguments(argc, argv)) return 1;
  benchmark::RunSpecifiedBenchmarks();
  benchmark::Shutdown();
  return 0;
}
