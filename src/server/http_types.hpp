#pragma once
// A request and a response as the routes see them, without Beast.
#include <string>
#include <utility>
#include <vector>

#include <nlohmann/json_fwd.hpp>

namespace triagebot::server {

struct http_request {
  std::string method;  // "GET", "POST", ...
  std::string target;  // path and query
  std::string host;
  std::string origin;
  bool has_origin = false;
  std::string authorization;
  std::string content_type;
  std::string if_none_match;  // the validators of a conditional GET ("" when none)
  std::string body;
  std::string remote_address;

  std::string path() const { return target.substr(0, target.find('?')); }
};

struct http_response {
  unsigned status = 200;
  std::string content_type = "text/plain; charset=utf-8";
  std::string body;
  std::vector<std::pair<std::string, std::string>> headers;
};

// A JSON body with its content type (shared by the routes and the Rasa webhook).
http_response json_response(unsigned status, const nlohmann::json& body);

// The token of an `Authorization: Bearer <token>` header, or "".
std::string bearer_token(const std::string& authorization);
// Compares secrets in time independent of where they differ.
bool constant_time_equal(const std::string& a, const std::string& b);

}  // namespace triagebot::server
