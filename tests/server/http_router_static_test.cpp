// The demo page, the widget and the page's stylesheet as `triagebot serve` publishes them: content
// types, caching, validators and the demo page's Content-Security-Policy (docs/widget.md).
#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>

#include "test_server.hpp"

namespace triagebot::server::testing {
namespace {

namespace fs = std::filesystem;

// A deployment directory: rules/ (only its path matters here) beside an optional web/.
struct deployment {
  deployment() {
    root = fs::temp_directory_path() / ("triagebot-static-" + std::to_string(::getpid()) + "-" + std::to_string(counter()++));
    fs::create_directories(root / "rules");
  }
  ~deployment() {
    std::error_code ec;
    fs::remove_all(root, ec);
  }
  void write(const std::string& name, const std::string& content) const {
    fs::create_directories(root / "web");
    std::ofstream(root / "web" / name, std::ios::binary) << content;
  }
  std::string rules() const { return (root / "rules").string(); }
  static int& counter() {
    static int n = 0;
    return n;
  }
  fs::path root;
};

std::string header(const http_result& r, const std::string& name) { return std::string(r.response[name]); }

TEST(HttpRouterStatic, ServesTheFilesOfWebWithTheirContentTypes) {
  deployment d;
  d.write("index.html", "<!doctype html><title>clinic</title>");
  d.write("widget.js", "console.log('widget');\n");
  d.write("demo.css", "body { color: #222; }\n");
  running_server s([&](server_config& c) { c.rules_dir = d.rules(); });

  const auto page = http_call(s.port, "GET", "/");
  EXPECT_EQ(page.status, 200u);
  EXPECT_EQ(page.body, "<!doctype html><title>clinic</title>");
  EXPECT_EQ(header(page, "Content-Type"), "text/html; charset=utf-8");
  EXPECT_EQ(http_call(s.port, "GET", "/index.html").body, page.body);

  const auto widget = http_call(s.port, "GET", "/widget.js");
  EXPECT_EQ(widget.status, 200u);
  EXPECT_EQ(widget.body, "console.log('widget');\n");
  EXPECT_EQ(header(widget, "Content-Type"), "text/javascript; charset=utf-8");

  const auto css = http_call(s.port, "GET", "/demo.css");
  EXPECT_EQ(css.status, 200u);
  EXPECT_EQ(css.body, "body { color: #222; }\n");
  EXPECT_EQ(header(css, "Content-Type"), "text/css; charset=utf-8");

  for (const auto* r : {&page, &widget, &css}) EXPECT_EQ(header(*r, "X-Content-Type-Options"), "nosniff");
  // Only the published names: nothing else under web/ can be fetched.
  d.write("secret.txt", "not published");
  EXPECT_EQ(http_call(s.port, "GET", "/secret.txt").status, 404u);
  EXPECT_EQ(http_call(s.port, "GET", "/web/secret.txt").status, 404u);
  EXPECT_EQ(http_call(s.port, "GET", "/../web/widget.js").status, 404u);
}

TEST(HttpRouterStatic, TheDemoPageHasAStrictContentSecurityPolicyAndIsNotCached) {
  deployment d;
  d.write("index.html", "<!doctype html><title>clinic</title>");
  running_server s([&](server_config& c) { c.rules_dir = d.rules(); });
  const auto page = http_call(s.port, "GET", "/");
  const auto csp = header(page, "Content-Security-Policy");
  const auto host = "127.0.0.1:" + std::to_string(s.port);
  EXPECT_NE(csp.find("default-src 'none'"), std::string::npos) << csp;
  EXPECT_NE(csp.find("script-src 'self';"), std::string::npos) << csp;
  EXPECT_NE(csp.find("style-src 'self';"), std::string::npos) << csp;
  EXPECT_NE(csp.find("connect-src 'self' ws://" + host + " wss://" + host + ";"), std::string::npos) << csp;
  EXPECT_NE(csp.find("frame-ancestors 'none'"), std::string::npos) << csp;
  EXPECT_NE(csp.find("base-uri 'none'"), std::string::npos) << csp;
  EXPECT_EQ(csp.find("unsafe-inline"), std::string::npos) << csp;
  EXPECT_EQ(csp.find("unsafe-eval"), std::string::npos) << csp;
  EXPECT_EQ(header(page, "Cache-Control"), "no-cache");
  EXPECT_EQ(header(page, "X-Frame-Options"), "DENY");
  EXPECT_EQ(header(page, "Referrer-Policy"), "no-referrer");
}

TEST(HttpRouterStatic, AHostHeaderThatIsNotAPlainHostStaysOutOfThePolicy) {
  deployment d;
  running_server s([&](server_config& c) { c.rules_dir = d.rules(); });
  const auto r = http_raw(s.port, "GET / HTTP/1.1\r\nHost: evil.example; script-src *\r\nConnection: close\r\n\r\n");
  ASSERT_EQ(r.status, 200u);
  const auto csp = header(r, "Content-Security-Policy");
  EXPECT_EQ(csp.find("evil"), std::string::npos) << csp;
  EXPECT_EQ(csp.find("script-src *"), std::string::npos) << csp;
  EXPECT_NE(csp.find("connect-src 'self' ws://127.0.0.1:" + std::to_string(s.port)), std::string::npos) << csp;
}

TEST(HttpRouterStatic, TheWidgetIsCacheableForMinutesWithAValidatorThatFollowsTheFile) {
  deployment d;
  d.write("widget.js", "var v = 1;\n");
  running_server s([&](server_config& c) { c.rules_dir = d.rules(); });
  const auto first = http_call(s.port, "GET", "/widget.js");
  EXPECT_EQ(header(first, "Cache-Control"), "public, max-age=300");
  EXPECT_EQ(header(first, "Cross-Origin-Resource-Policy"), "cross-origin");
  EXPECT_TRUE(header(first, "Content-Security-Policy").empty());
  const auto tag = header(first, "ETag");
  ASSERT_EQ(tag.size(), 18u) << tag;
  EXPECT_EQ(tag.front(), '"');
  EXPECT_EQ(tag.back(), '"');
  EXPECT_EQ(header(http_call(s.port, "GET", "/widget.js"), "ETag"), tag);
  d.write("widget.js", "var v = 2;\n");
  const auto changed = http_call(s.port, "GET", "/widget.js");
  EXPECT_EQ(changed.body, "var v = 2;\n");
  EXPECT_NE(header(changed, "ETag"), tag);
}

TEST(HttpRouterStatic, WithoutWebTheBuiltInPageAndWidgetStillChat) {
  deployment d;  // no web/ directory
  running_server s([&](server_config& c) { c.rules_dir = d.rules(); });
  const auto page = http_call(s.port, "GET", "/");
  EXPECT_EQ(page.status, 200u);
  EXPECT_NE(page.body.find("<script src=\"/widget.js\"></script>"), std::string::npos);
  // The built-in page obeys its own policy: no inline script or style.
  EXPECT_EQ(page.body.find("<script>"), std::string::npos);
  EXPECT_EQ(page.body.find("<style"), std::string::npos);
  EXPECT_EQ(page.body.find("style="), std::string::npos);
  EXPECT_FALSE(header(page, "Content-Security-Policy").empty());
  const auto widget = http_call(s.port, "GET", "/widget.js");
  EXPECT_EQ(widget.status, 200u);
  EXPECT_NE(widget.body.find("new WebSocket"), std::string::npos);
  EXPECT_EQ(widget.body.find("innerHTML"), std::string::npos);
  EXPECT_EQ(http_call(s.port, "GET", "/demo.css").status, 404u);
}

TEST(HttpRouterStatic, HeadGivesTheHeadersOnlyAndOtherMethodsAreRefused) {
  deployment d;
  d.write("widget.js", "var v = 1;\n");
  running_server s([&](server_config& c) { c.rules_dir = d.rules(); });
  const auto head = http_call(s.port, "HEAD", "/widget.js");
  EXPECT_EQ(head.status, 200u);
  EXPECT_EQ(header(head, "Content-Type"), "text/javascript; charset=utf-8");
  EXPECT_FALSE(header(head, "ETag").empty());
  // The length a GET would send, and no body.
  EXPECT_EQ(header(head, "Content-Length"), "11");
  EXPECT_EQ(head.body, "");
  const auto post = http_call(s.port, "POST", "/widget.js", "{}");
  EXPECT_EQ(post.status, 405u);
  EXPECT_EQ(header(post, "Allow"), "GET, HEAD");
  EXPECT_EQ(http_call(s.port, "DELETE", "/").status, 405u);
}

TEST(HttpRouterStatic, AConditionalGetWithTheCurrentTagGetsNotModified) {
  deployment d;
  d.write("widget.js", "var v = 1;\n");
  running_server s([&](server_config& c) { c.rules_dir = d.rules(); });
  const auto first = http_call(s.port, "GET", "/widget.js");
  const auto tag = header(first, "ETag");
  ASSERT_FALSE(tag.empty());

  const auto again = http_call(s.port, "GET", "/widget.js", {}, "If-None-Match: \"other\", W/" + tag + "\r\n");
  EXPECT_EQ(again.status, 304u);
  EXPECT_EQ(again.body, "");
  EXPECT_EQ(header(again, "ETag"), tag);
  EXPECT_EQ(header(again, "Cache-Control"), "public, max-age=300");

  // A changed file has a new tag: the old one no longer matches.
  d.write("widget.js", "var v = 2;\n");
  const auto changed = http_call(s.port, "GET", "/widget.js", {}, "If-None-Match: " + tag + "\r\n");
  EXPECT_EQ(changed.status, 200u);
  EXPECT_EQ(changed.body, "var v = 2;\n");
  EXPECT_NE(header(changed, "ETag"), tag);
}

}  // namespace
}  // namespace triagebot::server::testing
