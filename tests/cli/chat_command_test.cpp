// End-to-end tests of `triagebot chat --json` (cli/chat_command): the built binary is run as a
// subprocess with frames on stdin, as PROTOCOL's "Command line" section describes.
#include <gtest/gtest.h>

#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "../server/test_server.hpp"

namespace triagebot::cli {
namespace {

namespace fs = std::filesystem;
using json = nlohmann::json;

std::string quote(const std::string& s) {
  std::string out = "'";
  for (char c : s) {
    if (c == '\'') out += "'\\''";
    else out += c;
  }
  return out + "'";
}

std::string slurp(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

std::vector<std::string> lines_of(const std::string& text) {
  std::vector<std::string> out;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) out.push_back(line);
  return out;
}

struct run_result {
  int exit_code = -1;
  double seconds = 0;
  std::string out;
  std::string err;
};

class CliChatCommand : public ::testing::Test {
 protected:
  void SetUp() override {
    const auto* info = ::testing::UnitTest::GetInstance()->current_test_info();
    dir_ = fs::temp_directory_path() /
           ("triagebot-chat-" + std::string(info->name()) + "-" + std::to_string(static_cast<long>(::getpid())));
    fs::remove_all(dir_);
    fs::create_directories(dir_);
  }
  void TearDown() override {
    std::error_code ec;
    fs::remove_all(dir_, ec);
  }

  // Runs the binary with `args`, stdin from `input`, and collects stdout, stderr and the exit code.
  run_result run(const std::string& args, const std::string& input) const {
    const auto in = dir_ / "stdin.txt", out = dir_ / "stdout.txt", err = dir_ / "stderr.txt";
    {
      std::ofstream f(in, std::ios::binary | std::ios::trunc);
      f << input;
    }
    const std::string command = "timeout 20 " + quote(TRIAGEBOT_BINARY) + " " + args + " < " + quote(in.string()) + " > " +
                                quote(out.string()) + " 2> " + quote(err.string());
    const auto started = std::chrono::steady_clock::now();
    const int status = std::system(command.c_str());
    run_result r;
    r.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
    r.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
    r.out = slurp(out);
    r.err = slurp(err);
    return r;
  }

  fs::path dir_;
};

TEST_F(CliChatCommand, JsonModeAnswersEachFrameWithOneCompactLine) {
  const auto input = std::string(R"({"type": "start"})") + "\n" + R"({"type": "message", "text": "my lower back hurts"})" + "\n" + "[1]\n";
  const auto r = run("chat --json --now 2026-11-25T10:00:00Z --rules " + quote(TRIAGEBOT_RULES_DIR), input);
  EXPECT_EQ(r.exit_code, 0) << r.err;
  // PROTOCOL: it exits within a second at the end of input (a generous bound for slow CI machines).
  EXPECT_LT(r.seconds, 5.0);
  ASSERT_FALSE(r.out.empty()) << r.err;
  EXPECT_EQ(r.out.back(), '\n');
  const auto lines = lines_of(r.out);
  ASSERT_EQ(lines.size(), 3u) << r.out;
  std::vector<json> frames;
  for (const auto& line : lines) {
    ASSERT_NO_THROW(frames.push_back(json::parse(line))) << line;
    // Compact: exactly what a compact dump gives (no newlines or indentation inside).
    EXPECT_EQ(frames.back().dump(), line);
  }
  EXPECT_EQ(frames[0].at("type"), "reply");
  EXPECT_EQ(frames[0].at("turn"), 1);
  EXPECT_EQ(frames[0].at("protocol"), 1);
  const auto session = frames[0].at("session").get<std::string>();
  EXPECT_GE(session.size(), 22u);
  EXPECT_EQ(frames[1].at("type"), "reply");
  EXPECT_EQ(frames[1].at("turn"), 2);
  EXPECT_EQ(frames[1].at("session"), session);
  EXPECT_EQ(frames[1].at("input").at("slot"), "duration_days");
  EXPECT_EQ(frames[2].at("type"), "error");
  EXPECT_EQ(frames[2].at("code"), "bad_request");
  EXPECT_TRUE(frames[2].at("message").is_string());
}

TEST_F(CliChatCommand, FixtureFramesGiveThreeLines) {
  const auto input = slurp(fs::path(TRIAGEBOT_TEST_DATA_DIR) / "chat_three_frames.jsonl");
  ASSERT_FALSE(input.empty());
  const auto r = run("chat --json --rules " + quote(TRIAGEBOT_RULES_DIR), input);
  EXPECT_EQ(r.exit_code, 0) << r.err;
  const auto lines = lines_of(r.out);
  ASSERT_EQ(lines.size(), 3u) << r.out;
  EXPECT_EQ(json::parse(lines[2]), (json{{"type", "error"}, {"code", "bad_request"}, {"message", json::parse(lines[2]).at("message")}}));
}

TEST_F(CliChatCommand, UnknownSessionStartsANewConversation) {
  const auto r = run("chat --json --rules " + quote(TRIAGEBOT_RULES_DIR), "{\"type\": \"start\", \"session\": \"nope\"}\n");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const auto lines = lines_of(r.out);
  ASSERT_EQ(lines.size(), 1u) << r.out;
  const auto f = json::parse(lines[0]);
  EXPECT_EQ(f.at("resumed"), false);
  EXPECT_EQ(f.at("turn"), 1);
  EXPECT_NE(f.at("session"), "nope");
}

TEST_F(CliChatCommand, BlankLinesAreSkipped) {
  const auto r = run("chat --json --rules " + quote(TRIAGEBOT_RULES_DIR), "\n{\"type\": \"start\"}\n\n   \n");
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(lines_of(r.out).size(), 1u) << r.out;
}

TEST_F(CliChatCommand, MissingRulesExitTwoWithAnErrorOnStderrOnly) {
  const auto r = run("chat --json --rules /nonexistent", "{\"type\": \"start\"}\n");
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_TRUE(r.out.empty()) << r.out;
  EXPECT_FALSE(r.err.empty());
  EXPECT_NE(r.err.find("error"), std::string::npos) << r.err;
}

TEST_F(CliChatCommand, UnknownOptionExitsTwo) {
  const auto r = run("chat --json --colour blue --rules " + quote(TRIAGEBOT_RULES_DIR), "");
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_TRUE(r.out.empty()) << r.out;
  EXPECT_NE(r.err.find("unknown option --colour"), std::string::npos) << r.err;
}

TEST_F(CliChatCommand, BadNowExitsTwo) {
  const auto r = run("chat --json --now yesterday --rules " + quote(TRIAGEBOT_RULES_DIR), "");
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_TRUE(r.out.empty()) << r.out;
  EXPECT_FALSE(r.err.empty());
}

TEST_F(CliChatCommand, HelpDocumentsTlsCa) {
  const auto r = run("chat --help", "");
  EXPECT_EQ(r.exit_code, 0);
  EXPECT_NE(r.out.find("--tls-ca FILE"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("wss://HOST:PORT/ws"), std::string::npos) << r.out;
}

TEST_F(CliChatCommand, TlsCaWithoutConnectExitsTwo) {
  const auto r = run("chat --tls-ca " + quote(TRIAGEBOT_TEST_DATA_DIR "/tls/server.crt"), "");
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("--tls-ca only applies with --connect"), std::string::npos) << r.err;
}

// The binary's `chat --connect wss://... --tls-ca CERT` against a server with TLS on.
TEST_F(CliChatCommand, ConnectOverWssWithTlsCa) {
  server::testing::running_server server(server::testing::use_test_tls);
  const auto url = "wss://127.0.0.1:" + std::to_string(server.port) + "/ws";
  auto r = run("chat --connect " + url + " --tls-ca " + quote(server::testing::test_certificate()),
               "my lower back has hurt for 3 weeks\n");
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find("bot> "), std::string::npos) << r.out;
  r = run("chat --connect " + url, "hello\n");
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_NE(r.err.find("could not be verified"), std::string::npos) << r.err;
}

}  // namespace
}  // namespace triagebot::cli
