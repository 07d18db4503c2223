// The real `triagebot serve` binary as a subprocess with a real SQLite file: every turn a client got
// a reply for survives kill -9, and SIGTERM during traffic stops cleanly within 10 s losing nothing.
#include <gtest/gtest.h>

#include <csignal>
#include <cstdio>
#include <filesystem>
#include <sys/wait.h>
#include <unistd.h>

#include "test_server.hpp"

namespace triagebot::server::testing {
namespace {

namespace fs = std::filesystem;

struct serve_process {
  pid_t pid = -1;
  std::uint16_t port = 0;

  serve_process(const fs::path& data) {
    int out[2];
    if (::pipe(out) != 0) throw std::runtime_error("pipe failed");
    pid = ::fork();
    if (pid == 0) {
      ::dup2(out[1], STDOUT_FILENO);
      ::close(out[0]);
      ::close(out[1]);
      const std::string data_dir = data.string();
      ::execl(TRIAGEBOT_BINARY, TRIAGEBOT_BINARY, "serve", "--listen", "127.0.0.1:0", "--data", data_dir.c_str(),
              "--rules", TRIAGEBOT_RULES_DIR, "--threads", "2", static_cast<char*>(nullptr));
      ::_exit(127);
    }
    ::close(out[1]);
    // The first line says where it listens: "triagebot listening on http://127.0.0.1:PORT".
    std::string line;
    char c;
    while (::read(out[0], &c, 1) == 1 && c != '\n') line += c;
    ::close(out[0]);
    const auto colon = line.rfind(':');
    if (colon == std::string::npos) throw std::runtime_error("serve did not say where it listens: " + line);
    port = static_cast<std::uint16_t>(std::stoi(line.substr(colon + 1)));
  }

  // Waits up to `seconds` for the process to end; its exit code, or -1 when it did not end.
  int wait_exit(int seconds) {
    for (int i = 0; i < seconds * 20; ++i) {
      int status = 0;
      if (::waitpid(pid, &status, WNOHANG) == pid) {
        pid = -1;
        return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
      }
      ::usleep(50'000);
    }
    return -1;
  }

  ~serve_process() {
    if (pid > 0) {
      ::kill(pid, SIGKILL);
      ::waitpid(pid, nullptr, 0);
    }
  }
};

fs::path fresh_dir(const char* name) {
  auto dir = fs::temp_directory_path() / (std::string("triagebot-") + name + "-" + std::to_string(::getpid()));
  fs::remove_all(dir);
  fs::create_directories(dir);
  return dir;
}

TEST(ServeProcess, EveryRepliedTurnSurvivesKill9) {
  const auto data = fresh_dir("kill9");
  std::string token;
  int last_turn = 0;
  {
    serve_process server(data);
    ws_client client(server.port);
    auto reply = client.send({{"type", "start"}});
    token = reply.at("session").get<std::string>();
    for (const auto* text : {"my left hip has hurt for 3 weeks", "6", "about the same"}) {
      reply = client.send({{"type", "message"}, {"text", text}});
      ASSERT_EQ(reply.at("type"), "reply");
    }
    last_turn = reply.at("turn").get<int>();
    ::kill(server.pid, SIGKILL);
    EXPECT_EQ(server.wait_exit(5), 128 + SIGKILL);
  }
  serve_process again(data);
  ws_client client(again.port);
  const auto resumed = client.send({{"type", "start"}, {"session", token}});
  EXPECT_EQ(resumed.at("resumed"), true);
  EXPECT_EQ(resumed.at("turn").get<int>(), last_turn + 1);
  EXPECT_EQ(resumed.at("input").at("slot"), "age");  // the next question after trend
  fs::remove_all(data);
}

TEST(ServeProcess, SigtermDuringTrafficStopsWithinTenSecondsAndLosesNoTurn) {
  const auto data = fresh_dir("sigterm");
  std::string token;
  int last_turn = 0;
  {
    serve_process server(data);
    ws_client client(server.port);
    auto reply = client.send({{"type", "start"}});
    token = reply.at("session").get<std::string>();
    reply = client.send({{"type", "message"}, {"text", "lower back pain for 5 days, 4/10"}});
    last_turn = reply.at("turn").get<int>();
    ::kill(server.pid, SIGTERM);
    EXPECT_EQ(server.wait_exit(10), 0);
  }
  serve_process again(data);
  ws_client client(again.port);
  const auto resumed = client.send({{"type", "start"}, {"session", token}});
  EXPECT_EQ(resumed.at("resumed"), true);
  EXPECT_EQ(resumed.at("turn").get<int>(), last_turn + 1);
  fs::remove_all(data);
}

}  // namespace
}  // namespace triagebot::server::testing

namespace triagebot::server::testing {
namespace {

// The retention job: with a 1 s purge interval and sessions that expire at once, an idle session is
// gone after the job ran ("start" with its token no longer resumes it).
TEST(ServeRetention, ThePurgeJobRemovesExpiredSessions) {
  store::memory_store memory;
  server_config config;
  config.listen_port = 0;
  config.threads = 1;
  config.purge_interval_seconds = 1;
  config.session_ttl_hours = 0;  // expire as soon as they are idle
  server s(config, memory, shipped_rules());
  const auto port = s.start();
  std::string token;
  {
    ws_client client(port);
    token = client.send({{"type", "start"}}).at("session").get<std::string>();
  }
  std::this_thread::sleep_for(std::chrono::milliseconds(1500));
  EXPECT_FALSE(memory.get(store::sha256_hex(token), 0).has_value()) << "the purge job did not remove the session";
  ws_client client(port);
  EXPECT_EQ(client.send({{"type", "start"}, {"session", token}}).at("resumed"), false);
  s.stop();
}

}  // namespace
}  // namespace triagebot::server::testing
