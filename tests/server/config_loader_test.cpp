#include "server/config_loader.hpp"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include <unistd.h>

namespace triagebot::server {
namespace {

using env_map = std::map<std::string, std::string>;

class ConfigLoader : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = std::filesystem::temp_directory_path() /
           ("triagebot-config-test-" + std::to_string(::testing::UnitTest::GetInstance()->random_seed()) + "-" +
            ::testing::UnitTest::GetInstance()->current_test_info()->name());
    std::filesystem::remove_all(dir_);
    std::filesystem::create_directories(dir_);
  }
  void TearDown() override { std::filesystem::remove_all(dir_); }

  std::string write(const std::string& name, const std::string& text) {
    const auto path = (dir_ / name).string();
    std::ofstream(path) << text;
    return path;
  }

  static server_config ok(const std::vector<std::string>& args, const env_map& env = {}) {
    auto result = load_server_config(args, env);
    if (auto* error = std::get_if<std::string>(&result)) {
      ADD_FAILURE() << "unexpected error: " << *error;
      return {};
    }
    return std::get<server_config>(result);
  }

  static std::string error(const std::vector<std::string>& args, const env_map& env = {}) {
    auto result = load_server_config(args, env);
    if (std::holds_alternative<server_config>(result)) {
      ADD_FAILURE() << "expected an error";
      return {};
    }
    return std::get<std::string>(result);
  }

  std::filesystem::path dir_;
};

TEST_F(ConfigLoader, NothingGivenGivesTheDefaults) {
  const auto c = ok({});
  const server_config d;
  EXPECT_EQ(c.listen_host, "127.0.0.1");
  EXPECT_EQ(c.listen_port, 8080);
  EXPECT_EQ(c.data_dir, d.data_dir);
  EXPECT_EQ(c.rules_dir, d.rules_dir);
  EXPECT_EQ(c.max_frame_bytes, 16u * 1024u);
  EXPECT_EQ(c.messages_per_second, d.messages_per_second);
  EXPECT_EQ(c.store, "sqlite");
  EXPECT_FALSE(c.sync_full);
  EXPECT_TRUE(c.allowed_origins.empty());
  EXPECT_TRUE(c.admin_token.empty());
  EXPECT_EQ(c.session_ttl_hours, 24u);
}

const std::string kTestCertificate = TRIAGEBOT_TEST_DATA_DIR "/tls/server.crt";
const std::string kTestKey = TRIAGEBOT_TEST_DATA_DIR "/tls/server.key";
const std::string kOtherKey = TRIAGEBOT_TEST_DATA_DIR "/tls/other.key";

TEST_F(ConfigLoader, EveryFlagSetsItsField) {
  const auto cert = kTestCertificate;
  const auto key = kTestKey;
  const auto c = ok({"--listen", "0.0.0.0:9000", "--data", "/d", "--rules=/r", "--threads", "3", "--store", "memory",
                     "--sync-full", "--max-frame-bytes", "1000", "--max-text-code-points", "500",
                     "--messages-per-second", "0.5", "--message-burst", "2", "--idle-timeout", "11",
                     "--handshake-timeout", "12", "--http-timeout", "13", "--max-header-bytes", "14",
                     "--max-body-bytes", "15", "--max-connections", "16", "--max-connections-per-address", "17",
                     "--write-queue-limit", "18", "--allowed-origin", "https://a.example",
                     "--allowed-origin", "https://b.example:8443", "--tls-certificate", cert, "--tls-key", key,
                     "--session-ttl-hours", "19", "--transcript-retention-days", "20", "--purge-interval", "21",
                     "--admin-token", "adm", "--webhook-token", "hook", "--log-text", "--echo"});
  EXPECT_EQ(c.listen_host, "0.0.0.0");
  EXPECT_EQ(c.listen_port, 9000);
  EXPECT_EQ(c.data_dir, "/d");
  EXPECT_EQ(c.rules_dir, "/r");
  EXPECT_EQ(c.threads, 3u);
  EXPECT_EQ(c.store, "memory");
  EXPECT_TRUE(c.sync_full);
  EXPECT_EQ(c.max_frame_bytes, 1000u);
  EXPECT_EQ(c.max_text_code_points, 500u);
  EXPECT_DOUBLE_EQ(c.messages_per_second, 0.5);
  EXPECT_DOUBLE_EQ(c.message_burst, 2);
  EXPECT_EQ(c.idle_timeout_seconds, 11u);
  EXPECT_EQ(c.handshake_timeout_seconds, 12u);
  EXPECT_EQ(c.http_timeout_seconds, 13u);
  EXPECT_EQ(c.max_header_bytes, 14u);
  EXPECT_EQ(c.max_body_bytes, 15u);
  EXPECT_EQ(c.max_connections, 16u);
  EXPECT_EQ(c.max_connections_per_address, 17u);
  EXPECT_EQ(c.write_queue_limit, 18u);
  EXPECT_EQ(c.allowed_origins, (std::vector<std::string>{"https://a.example", "https://b.example:8443"}));
  EXPECT_EQ(c.tls_certificate_file, cert);
  EXPECT_EQ(c.tls_key_file, key);
  EXPECT_EQ(c.session_ttl_hours, 19u);
  EXPECT_EQ(c.transcript_retention_days, 20u);
  EXPECT_EQ(c.purge_interval_seconds, 21u);
  EXPECT_EQ(c.admin_token, "adm");
  EXPECT_EQ(c.webhook_token, "hook");
  EXPECT_TRUE(c.log_text);
  EXPECT_TRUE(c.echo);
}

TEST_F(ConfigLoader, ListenAcceptsPortZeroIpv6AndLocalhost) {
  EXPECT_EQ(ok({"--listen", "127.0.0.1:0"}).listen_port, 0);
  const auto v6 = ok({"--listen", "[::1]:8081"});
  EXPECT_EQ(v6.listen_host, "::1");
  EXPECT_EQ(v6.listen_port, 8081);
  EXPECT_EQ(ok({"--listen", "localhost:1"}).listen_host, "127.0.0.1");
}

TEST_F(ConfigLoader, EnvironmentVariablesSetFields) {
  const auto c = ok({}, {{"TRIAGEBOT_LISTEN", "0.0.0.0:7000"},
                         {"TRIAGEBOT_THREADS", "2"},
                         {"TRIAGEBOT_SYNC_FULL", "yes"},
                         {"TRIAGEBOT_ALLOWED_ORIGINS", "https://a.example, https://b.example"},
                         {"TRIAGEBOT_MESSAGES_PER_SECOND", "50"},
                         {"UNRELATED", "x"}});
  EXPECT_EQ(c.listen_port, 7000);
  EXPECT_EQ(c.threads, 2u);
  EXPECT_TRUE(c.sync_full);
  EXPECT_EQ(c.allowed_origins, (std::vector<std::string>{"https://a.example", "https://b.example"}));
  EXPECT_DOUBLE_EQ(c.messages_per_second, 50);
}

TEST_F(ConfigLoader, FileSetsFields) {
  const auto file = write("c.json", R"({"_comment": "hi", "listen": "0.0.0.0:6000", "threads": 4, "log_text": true,
                                       "allowed_origins": ["https://clinic.example"], "message_burst": 20})");
  const auto c = ok({"--config", file});
  EXPECT_EQ(c.listen_port, 6000);
  EXPECT_EQ(c.threads, 4u);
  EXPECT_TRUE(c.log_text);
  EXPECT_EQ(c.allowed_origins, std::vector<std::string>{"https://clinic.example"});
  EXPECT_DOUBLE_EQ(c.message_burst, 20);
  EXPECT_EQ(ok({}, {{"TRIAGEBOT_CONFIG", file}}).threads, 4u);
}

TEST_F(ConfigLoader, FlagsWinOverEnvironmentWhichWinsOverFileWhichWinsOverDefaults) {
  const auto file = write("c.json", R"({"threads": 1, "idle_timeout": 100, "purge_interval": 200, "data": "/file",
                                       "allowed_origins": ["https://file.example"]})");
  const env_map env = {{"TRIAGEBOT_CONFIG", file},
                       {"TRIAGEBOT_THREADS", "2"},
                       {"TRIAGEBOT_IDLE_TIMEOUT", "300"},
                       {"TRIAGEBOT_ALLOWED_ORIGINS", "https://env.example"}};
  const auto c = ok({"--threads", "3", "--allowed-origin", "https://flag.example"}, env);
  EXPECT_EQ(c.threads, 3u);                       // flag over env over file
  EXPECT_EQ(c.idle_timeout_seconds, 300u);        // env over file
  EXPECT_EQ(c.purge_interval_seconds, 200u);      // file over default
  EXPECT_EQ(c.data_dir, "/file");                 // file over default
  EXPECT_EQ(c.session_ttl_hours, 24u);            // default
  EXPECT_EQ(c.allowed_origins, std::vector<std::string>{"https://flag.example"});  // lists are replaced, not merged
  // --config wins over TRIAGEBOT_CONFIG.
  const auto other = write("other.json", R"({"threads": 9})");
  EXPECT_EQ(ok({"--config", other}, {{"TRIAGEBOT_CONFIG", file}}).threads, 9u);
}

TEST_F(ConfigLoader, UnknownFlagIsNamedWithASuggestion) {
  const auto e = error({"--thread", "2"});
  EXPECT_NE(e.find("--thread"), std::string::npos) << e;
  EXPECT_NE(e.find("did you mean --threads"), std::string::npos) << e;
  EXPECT_NE(error({"serve"}).find("unexpected argument"), std::string::npos);
  EXPECT_NE(error({"--data"}).find("needs a value"), std::string::npos);
}

TEST_F(ConfigLoader, UnknownFileKeyIsNamedWithASuggestion) {
  const auto file = write("c.json", R"({"max_frame_byte": 10})");
  const auto e = error({"--config", file});
  EXPECT_NE(e.find(file), std::string::npos) << e;
  EXPECT_NE(e.find("\"max_frame_byte\""), std::string::npos) << e;
  EXPECT_NE(e.find("did you mean max_frame_bytes"), std::string::npos) << e;
}

TEST_F(ConfigLoader, WrongTypesNameTheSource) {
  auto e = error({"--threads", "many"});
  EXPECT_NE(e.find("the option --threads"), std::string::npos) << e;
  EXPECT_NE(e.find("\"many\""), std::string::npos) << e;
  e = error({}, {{"TRIAGEBOT_LOG_TEXT", "perhaps"}});
  EXPECT_NE(e.find("the environment variable TRIAGEBOT_LOG_TEXT"), std::string::npos) << e;
  const auto file = write("c.json", R"({"threads": "4"})");
  e = error({"--config", file});
  EXPECT_NE(e.find(file + ", key \"threads\""), std::string::npos) << e;
  EXPECT_NE(e.find("whole number"), std::string::npos) << e;
  const auto origins = write("o.json", R"({"allowed_origins": "https://a.example"})");
  EXPECT_NE(error({"--config", origins}).find("list"), std::string::npos);
  const auto fraction = write("f.json", R"({"max_connections": 1.5})");
  EXPECT_NE(error({"--config", fraction}).find("max_connections"), std::string::npos);
  EXPECT_NE(error({"--store", "redis"}).find("sqlite or memory"), std::string::npos);
  EXPECT_NE(error({"--echo=maybe"}).find("--echo"), std::string::npos);
}

TEST_F(ConfigLoader, OutOfRangeValuesAreRefused) {
  EXPECT_NE(error({"--listen", "127.0.0.1:65536"}).find("0 to 65535"), std::string::npos);
  EXPECT_NE(error({"--listen", "127.0.0.1"}).find("HOST:PORT"), std::string::npos);
  EXPECT_NE(error({"--listen", "example.com:80"}).find("IP address"), std::string::npos);
  EXPECT_NE(error({"--max-connections", "0"}).find("--max-connections"), std::string::npos);
  EXPECT_NE(error({"--max-frame-bytes", "-5"}).find("--max-frame-bytes"), std::string::npos);
  EXPECT_NE(error({"--messages-per-second", "0"}).find("more than 0"), std::string::npos);
  EXPECT_NE(error({"--messages-per-second", "nan"}).find("--messages-per-second"), std::string::npos);
  EXPECT_NE(error({}, {{"TRIAGEBOT_IDLE_TIMEOUT", "0"}}).find("TRIAGEBOT_IDLE_TIMEOUT"), std::string::npos);
  EXPECT_NE(error({"--threads", "99999999999999999999999"}).find("--threads"), std::string::npos);
  const auto file = write("c.json", R"({"session_ttl_hours": -1})");
  EXPECT_NE(error({"--config", file}).find("session_ttl_hours"), std::string::npos);
}

TEST_F(ConfigLoader, OriginsMustBeBareOrigins) {
  auto e = error({"--allowed-origin", "https://clinic.example/"});
  EXPECT_NE(e.find("https://clinic.example"), std::string::npos) << e;
  EXPECT_NE(e.find("--allowed-origin"), std::string::npos) << e;
  EXPECT_NE(error({"--allowed-origin", "clinic.example"}).find("not an origin"), std::string::npos);
  EXPECT_EQ(ok({"--allowed-origin", "HTTPS://Clinic.Example"}).allowed_origins.front(), "https://clinic.example");
}

TEST_F(ConfigLoader, TlsNeedsBothFilesAndTheyMustExist) {
  const auto cert = write("cert.pem", "x");
  auto e = error({"--tls-certificate", cert});
  EXPECT_NE(e.find("--tls-certificate"), std::string::npos) << e;
  EXPECT_NE(e.find("key"), std::string::npos) << e;
  e = error({"--tls-certificate", cert}, {{"TRIAGEBOT_TLS_KEY", (dir_ / "missing.pem").string()}});
  EXPECT_NE(e.find("TRIAGEBOT_TLS_KEY"), std::string::npos) << e;
  EXPECT_NE(e.find("does not exist"), std::string::npos) << e;
}

TEST_F(ConfigLoader, TlsFromTheConfigFileAndTheEnvironment) {
  const auto file = write("tls.json", "{\"tls_certificate\": \"" + kTestCertificate + "\", \"tls_key\": \"" + kTestKey + "\"}");
  auto c = ok({"--config", file});
  EXPECT_EQ(c.tls_certificate_file, kTestCertificate);
  EXPECT_EQ(c.tls_key_file, kTestKey);
  c = ok({}, {{"TRIAGEBOT_TLS_CERTIFICATE", kTestCertificate}, {"TRIAGEBOT_TLS_KEY", kTestKey}});
  EXPECT_EQ(c.tls_key_file, kTestKey);
}

TEST_F(ConfigLoader, OnlyTheKeyNamesTheMissingCertificate) {
  const auto e = error({"--tls-key", kTestKey});
  EXPECT_NE(e.find("--tls-key"), std::string::npos) << e;
  EXPECT_NE(e.find("needs a certificate file too"), std::string::npos) << e;
  EXPECT_NE(e.find("--tls-certificate"), std::string::npos) << e;
}

TEST_F(ConfigLoader, TlsFilesThatDoNotParseAreNamed) {
  const auto junk = write("junk.pem", "this is not a certificate\n");
  auto e = error({"--tls-certificate", junk, "--tls-key", kTestKey});
  EXPECT_NE(e.find("the option --tls-certificate: the file \"" + junk + "\""), std::string::npos) << e;
  EXPECT_NE(e.find("PEM certificate"), std::string::npos) << e;
  // A certificate given as the key: the key file is named.
  e = error({"--tls-certificate", kTestCertificate, "--tls-key", kTestCertificate});
  EXPECT_NE(e.find("the option --tls-key: the file \"" + kTestCertificate + "\""), std::string::npos) << e;
  EXPECT_NE(e.find("private key"), std::string::npos) << e;
  e = error({"--tls-certificate", kTestCertificate}, {{"TRIAGEBOT_TLS_KEY", junk}});
  EXPECT_NE(e.find("the environment variable TRIAGEBOT_TLS_KEY: the file \"" + junk + "\""), std::string::npos) << e;
}

TEST_F(ConfigLoader, AKeyOfAnotherCertificateIsRefused) {
  const auto e = error({"--tls-certificate", kTestCertificate, "--tls-key", kOtherKey});
  EXPECT_NE(e.find("the option --tls-key"), std::string::npos) << e;
  EXPECT_NE(e.find(kOtherKey), std::string::npos) << e;
  EXPECT_NE(e.find("does not belong to the certificate in \"" + kTestCertificate + "\""), std::string::npos) << e;
}

TEST_F(ConfigLoader, AnEncryptedKeyIsRefusedWithoutPrompting) {
  // The PEM shape of a passphrase-protected PKCS#8 key; nothing may ask for the passphrase.
  const auto encrypted = write("encrypted.key",
                               "-----BEGIN ENCRYPTED PRIVATE KEY-----\n"
                               "MIGbMFcGCSqGSIb3DQEFDTBKMCkGCSqGSIb3DQEFDDAcBAiPpY+/Z5d3ZAICCAAw\n"
                               "-----END ENCRYPTED PRIVATE KEY-----\n");
  const auto e = error({"--tls-certificate", kTestCertificate, "--tls-key", encrypted});
  EXPECT_NE(e.find(encrypted), std::string::npos) << e;
  EXPECT_NE(e.find("passphrase"), std::string::npos) << e;
}

TEST_F(ConfigLoader, AnUnreadableTlsFileIsNamed) {
  if (::geteuid() == 0) GTEST_SKIP() << "root reads every file";
  const auto cert = write("locked.crt", "x");
  std::filesystem::permissions(cert, std::filesystem::perms::none);
  const auto e = error({"--tls-certificate", cert, "--tls-key", kTestKey});
  EXPECT_NE(e.find("\"" + cert + "\" cannot be read"), std::string::npos) << e;
}

TEST_F(ConfigLoader, BadConfigFilesAreReported) {
  auto e = error({"--config", (dir_ / "nope.json").string()});
  EXPECT_NE(e.find("does not exist"), std::string::npos) << e;
  EXPECT_NE(e.find("--config"), std::string::npos) << e;
  const auto broken = write("broken.json", "{\n  \"threads\": 2,\n}");
  e = error({}, {{"TRIAGEBOT_CONFIG", broken}});
  EXPECT_NE(e.find("not valid JSON at line 3"), std::string::npos) << e;
  EXPECT_NE(e.find("TRIAGEBOT_CONFIG"), std::string::npos) << e;
  const auto array = write("array.json", "[1, 2]");
  EXPECT_NE(error({"--config", array}).find("JSON object"), std::string::npos);
  EXPECT_NE(error({"--config", dir_.string()}).find("directory"), std::string::npos);
}

}  // namespace
}  // namespace triagebot::server
