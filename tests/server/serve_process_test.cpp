// The real `triagebot serve` binary as a subprocess with a real SQLite file: every turn a client got
// a reply for survives kill -9, and SIGTERM during traffic stops cleanly within 10 s losing nothing.
#include <gtest/gtest.h>

#include <csignal>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <tuple>
#include <sys/wait.h>
#include <unistd.h>

#include "test_server.hpp"

namespace triagebot::server::testing {
namespace {

namespace fs = std::filesystem;

// `triagebot serve --listen 127.0.0.1:0 --data DIR --rules ... --threads 2 EXTRA...` as argv.
std::vector<std::string> serve_arguments(const fs::path& data, const std::vector<std::string>& extra) {
  std::vector<std::string> args = {TRIAGEBOT_BINARY, "serve",        "--listen", "127.0.0.1:0", "--data",
                                   data.string(),    "--rules",      TRIAGEBOT_RULES_DIR, "--threads", "2"};
  args.insert(args.end(), extra.begin(), extra.end());
  return args;
}

[[noreturn]] void exec(const std::vector<std::string>& args) {
  std::vector<char*> argv;
  for (const auto& a : args) argv.push_back(const_cast<char*>(a.c_str()));
  argv.push_back(nullptr);
  ::execv(TRIAGEBOT_BINARY, argv.data());
  ::_exit(127);
}

struct serve_process {
  pid_t pid = -1;
  std::uint16_t port = 0;
  std::string first_line;

  explicit serve_process(const fs::path& data, const std::vector<std::string>& extra = {}) {
    int out[2];
    if (::pipe(out) != 0) throw std::runtime_error("pipe failed");
    const auto args = serve_arguments(data, extra);
    pid = ::fork();
    if (pid == 0) {
      ::dup2(out[1], STDOUT_FILENO);
      ::close(out[0]);
      ::close(out[1]);
      exec(args);
    }
    ::close(out[1]);
    // The first line says where it listens: "triagebot listening on http://127.0.0.1:PORT".
    char c;
    while (::read(out[0], &c, 1) == 1 && c != '\n') first_line += c;
    ::close(out[0]);
    const auto colon = first_line.rfind(':');
    if (colon == std::string::npos) throw std::runtime_error("serve did not say where it listens: " + first_line);
    port = static_cast<std::uint16_t>(std::stoi(first_line.substr(colon + 1)));
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

// Runs serve with arguments it must refuse: its exit code and what it wrote to stderr.
std::pair<int, std::string> refused_start(const fs::path& data, const std::vector<std::string>& extra) {
  int err[2];
  if (::pipe(err) != 0) throw std::runtime_error("pipe failed");
  const auto args = serve_arguments(data, extra);
  const pid_t pid = ::fork();
  if (pid == 0) {
    ::dup2(err[1], STDERR_FILENO);
    ::close(err[0]);
    ::close(err[1]);
    exec(args);
  }
  ::close(err[1]);
  std::string text;
  char buffer[4096];
  for (ssize_t n; (n = ::read(err[0], buffer, sizeof buffer)) > 0;) text.append(buffer, static_cast<std::size_t>(n));
  ::close(err[0]);
  int status = 0;
  ::waitpid(pid, &status, 0);
  return {WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status), text};
}

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

// /metrics of the real binary on its SQLite store: after a turn, the store's transactions and
// batch sizes are there, next to the per-turn commit latency.
TEST(ServeProcess, MetricsShowTheStoreTransactionsAndBatchSizes) {
  const auto data = fresh_dir("metrics");
  {
    serve_process server(data);
    ws_client client(server.port);
    client.send({{"type", "start"}});
    client.send({{"type", "message"}, {"text", "my left hip has hurt for 3 weeks"}});
    const auto body = http_call(server.port, "GET", "/metrics").body;
    for (const char* expected : {"# TYPE triagebot_store_transaction_seconds histogram", "triagebot_store_transaction_seconds_count ",
                                 "# TYPE triagebot_store_batch_size histogram", "triagebot_store_batch_size_bucket{le=\"1\"} ",
                                 "triagebot_store_commit_latency_seconds_count 2"})
      EXPECT_NE(body.find(expected), std::string::npos) << expected << "\n" << body;
    // Two turns, committed in at least one and at most two transactions of one put each or one of two.
    const auto count_at = body.find("triagebot_store_transaction_seconds_count ");
    ASSERT_NE(count_at, std::string::npos);
    const auto transactions = std::stoi(body.substr(count_at + std::string("triagebot_store_transaction_seconds_count ").size()));
    EXPECT_GE(transactions, 1);
    EXPECT_LE(transactions, 2);
    const auto sum_at = body.find("triagebot_store_batch_size_sum ");
    ASSERT_NE(sum_at, std::string::npos);
    EXPECT_EQ(std::stod(body.substr(sum_at + std::string("triagebot_store_batch_size_sum ").size())), 2.0) << body;
    ::kill(server.pid, SIGTERM);
    EXPECT_EQ(server.wait_exit(10), 0);
  }
  fs::remove_all(data);
}

// serve with a certificate and key: https:// in its first line, wss:// conversations, and the
// store's data as usual.
TEST(ServeProcess, ServesTlsWithACertificateAndKey) {
  const auto data = fresh_dir("tls");
  {
    serve_process server(data, {"--tls-certificate", test_certificate(), "--tls-key", test_key()});
    EXPECT_EQ(server.first_line.rfind("triagebot listening on https://127.0.0.1:", 0), 0u) << server.first_line;
    EXPECT_EQ(https_call(server.port, "GET", "/healthz").status, 200u);
    wss_client client(server.port);
    EXPECT_EQ(client.send({{"type", "start"}}).at("type"), "reply");
    EXPECT_EQ(http_call(server.port, "GET", "/healthz").status, 400u);  // plain text on the TLS port
    ::kill(server.pid, SIGTERM);
    EXPECT_EQ(server.wait_exit(10), 0);
  }
  fs::remove_all(data);
}

TEST(ServeProcess, UnusableTlsSettingsRefuseTheStartNamingTheFile) {
  const auto data = fresh_dir("tls-refused");
  const auto junk = (data / "junk.crt").string();
  std::ofstream(junk) << "not a certificate\n";
  const std::string other_key = TRIAGEBOT_TEST_DATA_DIR "/tls/other.key";
  const std::string missing = (data / "missing.key").string();

  auto [code, err] = refused_start(data, {"--tls-certificate", test_certificate()});
  EXPECT_EQ(code, 2);
  EXPECT_NE(err.find("the option --tls-certificate: TLS needs a key file too"), std::string::npos) << err;

  std::tie(code, err) = refused_start(data, {"--tls-certificate", test_certificate(), "--tls-key", missing});
  EXPECT_EQ(code, 2);
  EXPECT_NE(err.find("\"" + missing + "\" does not exist"), std::string::npos) << err;

  std::tie(code, err) = refused_start(data, {"--tls-certificate", junk, "--tls-key", test_key()});
  EXPECT_EQ(code, 2);
  EXPECT_NE(err.find("the option --tls-certificate: the file \"" + junk + "\""), std::string::npos) << err;

  std::tie(code, err) = refused_start(data, {"--tls-certificate", test_certificate(), "--tls-key", other_key});
  EXPECT_EQ(code, 2);
  EXPECT_NE(err.find("the private key in \"" + other_key + "\" does not belong to the certificate"), std::string::npos) << err;
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
