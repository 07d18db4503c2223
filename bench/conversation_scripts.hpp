#pragma once
// The conversations the load client plays: the scripts of tests/conversations/*.json (the same
// files `triagebot test` checks), turned into the client frames they send. Between them they reach
// every outcome level. Left out: conversations that expect an error frame (the load client counts
// every error frame as a failure) and ones that resume a session by token (a load session holds one
// connection and never reconnects).
#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

namespace triagebot::bench {

struct conversation_script {
  std::string name;
  // Client frames, compact JSON. The first one is always a start frame (a new conversation on the
  // same connection). A message frame holds the placeholder id "@ID@", which the client replaces
  // with an id unique to its session, so the server's idempotency path is exercised as the widget
  // exercises it.
  std::vector<std::string> frames;
};

inline constexpr std::string_view message_id_placeholder = "@ID@";

namespace detail {

inline bool usable(const nlohmann::json& conversation) {
  for (const auto& step : conversation.at("steps")) {
    if (step.contains("resume")) return false;
    if (step.contains("expect") && step.at("expect").contains("error")) return false;
    if (step.contains("frame")) {
      const auto& frame = step.at("frame");
      if (!frame.is_object()) return false;                           // a raw (bad) frame
      if (frame.contains("session")) return false;                    // resumes by token
      const auto type = frame.value("type", std::string());
      if (type != "start" && type != "restart" && type != "message") return false;
    }
  }
  return true;
}

}  // namespace detail

// Reads every *.json under dir (sorted by name, so every run plays the same order). Throws
// std::runtime_error naming the file and the problem when a file is not a conversation test file,
// or when no usable conversation is found.
inline std::vector<conversation_script> load_conversation_scripts(const std::filesystem::path& dir) {
  std::vector<std::filesystem::path> files;
  std::error_code ec;
  for (std::filesystem::directory_iterator it(dir, ec), end; !ec && it != end; it.increment(ec))
    if (it->path().extension() == ".json") files.push_back(it->path());
  if (ec) throw std::runtime_error("cannot read the conversation directory " + dir.string() + ": " + ec.message());
  std::sort(files.begin(), files.end());

  std::vector<conversation_script> scripts;
  for (const auto& file : files) {
    std::ifstream in(file);
    std::stringstream text;
    text << in.rdbuf();
    if (!in) throw std::runtime_error("cannot read " + file.string());
    nlohmann::json doc;
    try {
      doc = nlohmann::json::parse(text.str());
      for (const auto& conversation : doc.at("conversations")) {
        if (!detail::usable(conversation)) continue;
        conversation_script script;
        script.name = file.filename().string() + ": " + conversation.value("name", std::string("(unnamed)"));
        for (const auto& step : conversation.at("steps")) {
          nlohmann::json frame;
          if (step.contains("frame")) {
            frame = step.at("frame");
            // A scripted id would repeat on every replay and draw the remembered reply; give it a fresh one.
            if (frame.value("type", std::string()) == "message" && frame.contains("id")) frame["id"] = message_id_placeholder;
          } else {
            frame = {{"type", "message"}, {"text", step.at("say").get<std::string>()}, {"id", message_id_placeholder}};
          }
          script.frames.push_back(frame.dump());
        }
        if (script.frames.empty() || nlohmann::json::parse(script.frames.front()).value("type", std::string()) != "start")
          script.frames.insert(script.frames.begin(), nlohmann::json{{"type", "start"}}.dump());
        scripts.push_back(std::move(script));
      }
    } catch (const nlohmann::json::exception& e) {
      throw std::runtime_error(file.string() + " is not a conversation test file: " + e.what());
    }
  }
  if (scripts.empty()) throw std::runtime_error("no usable conversation script under " + dir.string());
  return scripts;
}

// The frame to send, with the session's next message id in place of the placeholder.
inline std::string with_message_id(const std::string& frame, const std::string& id) {
  const auto at = frame.find(message_id_placeholder);
  if (at == std::string::npos) return frame;
  std::string out = frame;
  out.replace(at, message_id_placeholder.size(), id);
  return out;
}

}  // namespace triagebot::bench
