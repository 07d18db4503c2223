#pragma once
// Conversation tests: whole conversations as data (what the person sends, what each reply must
// show), run against the engine. Format: docs/testing.md.
#include <filesystem>
#include <string>
#include <vector>

#include "engine/engine.hpp"

namespace triagebot::cli {

struct test_failure {
  std::string file;
  std::string conversation;
  int step = 0;  // 1-based
  std::string message;
};

struct test_case_result {
  std::string file;
  std::string name;
  double seconds = 0;
  std::vector<test_failure> failures;
};

// Runs every conversation of one file. Problems with the file itself become failures too.
std::vector<test_case_result> run_conversation_file(const engine::engine& bot, const std::filesystem::path& file);

// Files under the given paths (directories are searched recursively for *.json), sorted.
std::vector<std::filesystem::path> collect_test_files(const std::vector<std::string>& paths, std::string& error);

std::string junit_xml(const std::vector<test_case_result>& results);

}  // namespace triagebot::cli
