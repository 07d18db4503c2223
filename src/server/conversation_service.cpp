#include "server/conversation_service.hpp"

#include <algorithm>
#include <ctime>
#include <map>
#include <tuple>
#include <variant>

#include "engine/conversation_state.hpp"
#include "engine/protocol.hpp"
#include "server/server_log.hpp"
#include "store/session_token.hpp"

namespace triagebot::server {

using json = nlohmann::json;

// The local date's weekday (1 = Monday ... 7 = Sunday) and month (1 to 12), for the engine's context.
std::pair<int, int> local_weekday_and_month() {
  const std::time_t t = std::time(nullptr);
  std::tm local{};
  localtime_r(&t, &local);
  return {local.tm_wday == 0 ? 7 : local.tm_wday, local.tm_mon + 1};
}

std::int64_t now_ms() {
  return std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::system_clock::now().time_since_epoch()).count();
}

struct conversation_service::pending {
  std::string current_token;
  std::string raw;
  engine::client_frame frame;
  std::function<void(turn_reply)> done;
  std::chrono::steady_clock::time_point started = std::chrono::steady_clock::now();
  int attempt = 0;
};

namespace {

std::string dump(const json& j) { return j.dump(-1, ' ', false, json::error_handler_t::replace); }

double seconds_since(std::chrono::steady_clock::time_point t) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - t).count();
}

}  // namespace

void conversation_service::turn(const std::string& current_token, std::string raw_frame, std::function<void(turn_reply)> done) {
  auto parsed = engine::parse_client_frame(std::string_view(raw_frame));
  if (const auto* e = std::get_if<engine::protocol_error>(&parsed)) {
    metrics_.error(e->code);
    done(turn_reply{dump(engine::error_frame(*e)), current_token, true, e->code});
    return;
  }
  auto p = std::make_shared<pending>();
  p->current_token = current_token;
  p->raw = std::move(raw_frame);
  p->frame = std::move(std::get<engine::client_frame>(parsed));
  p->done = std::move(done);
  run(p);
}

void conversation_service::finish_error(const std::shared_ptr<pending>& p, const std::string& code, const std::string& message) {
  metrics_.error(code);
  log_event(log_level::error, "turn_failed", {{"code", code}, {"message", message}});
  p->done(turn_reply{dump(engine::error_frame({code, message})), p->current_token, true, code});
}

bool conversation_service::erase(const std::string& token_hash) {
  cache_.forget(token_hash);
  return store_.erase(token_hash);
}

void conversation_service::fill_history_from_transcript(engine::conversation_state& state, const std::string& token_hash) {
  // Saved states keep the bot's messages in the history as (turn, index): the transcript has them.
  // Only read when a conversation is not cached (a resume after a reconnect, or another instance).
  const auto wanted = engine::turns_missing_history_texts(state);
  if (wanted.empty()) return;
  std::map<int, json> replies;
  for (auto& entry : store_.transcript(token_hash)) {
    if (!std::binary_search(wanted.begin(), wanted.end(), entry.turn)) continue;
    // Entries come in commit order: should a turn appear twice, the later one is what was sent.
    replies[entry.turn] = json::parse(entry.out_frame, nullptr, false);
  }
  engine::fill_history_texts(state, [&](int turn) -> const json* {
    const auto it = replies.find(turn);
    return it == replies.end() ? nullptr : &it->second;
  });
}

void conversation_service::run(const std::shared_ptr<pending>& p) {
  const auto* start = std::get_if<engine::start_frame>(&p->frame);
  const bool restart = std::holds_alternative<engine::restart_frame>(p->frame);
  // Which stored conversation this frame is about.
  std::string lookup = p->current_token;
  if (start) lookup = start->session.value_or("");
  const std::string lookup_hash = lookup.empty() ? std::string() : store::sha256_hex(lookup);

  // The conversation so far: cached when this connection's previous turn committed it, else read.
  std::shared_ptr<const engine::conversation_state> held;
  std::uint64_t version = 0;
  std::int64_t created = now_ms();
  if (!lookup.empty()) {
    if (auto cached = cache_.find(lookup_hash, created)) {
      held = std::move(cached->value);
      version = cached->version;
      created = cached->created_ms;
    } else {
      try {
        if (auto stored = store_.get(lookup_hash, created)) {
          auto loaded = engine::state_from_json(json::parse(stored->state_json));
          fill_history_from_transcript(loaded, lookup_hash);
          held = std::make_shared<const engine::conversation_state>(std::move(loaded));
          version = stored->version;
          created = stored->created_ms;
          cache_.remember(lookup_hash, {held, version, created, stored->expires_ms});
        }
      } catch (const std::exception& e) {
        log_event(log_level::warn, "state_unreadable", {{"session", short_hash(lookup_hash)}, {"message", e.what()}});
        held.reset();
        version = 0;
        created = now_ms();
      }
    }
  }
  // A repeated message id gets the reply it got then, unchanged. Saved and cached states keep those
  // replies by turn only (the transcript has the frames), so they are answered from here.
  if (const auto* m = std::get_if<engine::message_frame>(&p->frame); m && m->id && held) {
    const auto& remembered = held->recent_replies;
    const auto it = std::find_if(remembered.begin(), remembered.end(), [&](const auto& r) { return r.id == *m->id; });
    if (it != remembered.end() && it->frame.is_null()) {
      if (auto sent = store_.reply_at(lookup_hash, it->turn)) {
        p->done(turn_reply{std::move(*sent), held->session, false, {}});
        return;
      }
      // The transcript no longer has it (its retention ended first): handle the message again.
      auto copy = std::make_shared<engine::conversation_state>(*held);
      copy->recent_replies.erase(copy->recent_replies.begin() + (it - remembered.begin()));
      held = std::move(copy);
    }
  }
  const engine::conversation_state& state = held ? *held : blank_;
  // New conversations run on the current rules; conversations in progress on the rules they started with.
  const bool begins_new = restart || !state.started();
  const auto bot = begins_new ? catalog_.current() : catalog_.for_version(state.rules_version);

  engine::turn_context ctx;
  ctx.new_session_id = store::new_session_token();
  std::tie(ctx.today_weekday, ctx.today_month) = local_weekday_and_month();
  auto result = bot->respond(state, p->frame, ctx);
  std::string frame_text = dump(result.frame);
  if (!result.changed) {
    const bool is_error = result.frame.value("type", "") == "error";
    std::string code = is_error ? result.frame.value("code", "") : std::string();
    if (is_error) metrics_.error(code);
    p->done(turn_reply{std::move(frame_text), state.started() ? state.session : p->current_token, is_error, code});
    return;
  }

  auto saved = std::make_shared<engine::conversation_state>(std::move(result.state));
  // The transcript entry written with this state holds the reply; remembered replies go by turn.
  for (auto& r : saved->recent_replies) r.frame = nullptr;
  const std::shared_ptr<const engine::conversation_state> next = std::move(saved);
  const bool same_session = next->session == state.session && version > 0;
  store::put_request request;
  request.token_hash = same_session ? lookup_hash : store::sha256_hex(next->session);
  request.session.state_json = engine::to_json_text(*next, engine::reply_frames::by_turn);
  request.session.rules_version = next->rules_version;
  request.session.created_ms = same_session ? created : now_ms();
  request.session.updated_ms = now_ms();
  request.session.expires_ms = request.session.updated_ms + std::int64_t{config_.session_ttl_hours} * 3600 * 1000;
  request.expected_version = same_session ? version : 0;
  request.entry.turn = next->turn;
  request.entry.in_frame = p->raw;
  request.entry.out_frame = frame_text;
  request.entry.at_ms = request.session.updated_ms;

  // What the log and the metrics say about this turn.
  std::string level_name = "none";
  if (next->outcome.is_object()) level_name = next->outcome.value("level", "none");
  std::vector<std::string> new_flags;
  {
    const auto before = state.red_flags();
    for (const auto& f : next->red_flags())
      if (std::find(before.begin(), before.end(), f) == before.end()) new_flags.push_back(f);
  }
  std::string slot;
  if (result.frame.contains("input") && result.frame.at("input").is_object()) slot = result.frame.at("input").value("slot", "");

  const auto commit_started = std::chrono::steady_clock::now();
  auto token = next->session;
  auto hash = request.token_hash;
  const auto created_ms = request.session.created_ms;
  const auto expires_ms = request.session.expires_ms;
  const bool moved = !lookup_hash.empty() && hash != lookup_hash;
  const int turn_number = next->turn;
  store_.put(std::move(request), [this, p, frame_text = std::move(frame_text), token = std::move(token), hash = std::move(hash),
                                  level_name = std::move(level_name), new_flags = std::move(new_flags), slot = std::move(slot),
                                  turn_number, commit_started, next, created_ms, expires_ms, moved,
                                  lookup_hash](store::put_result r) mutable {
    metrics_.store_commit(seconds_since(commit_started));
    if (r.status != store::put_status::ok) {
      // Whatever was cached for these sessions may be stale: the next turn reads the store.
      if (!lookup_hash.empty()) cache_.forget(lookup_hash);
      cache_.forget(hash);
    }
    if (r.status == store::put_status::conflict && p->attempt == 0) {
      // Another connection wrote this conversation meanwhile: read it again and redo the turn once.
      p->attempt = 1;
      run(p);
      return;
    }
    if (r.status != store::put_status::ok) {
      log_event(log_level::error, "store_put_failed",
                {{"session", short_hash(hash)}, {"status", r.status == store::put_status::conflict ? "conflict" : "failed"}, {"message", r.error}});
      finish_error(p, "internal", "the conversation could not be saved; please try again");
      return;
    }
    cache_.remember(hash, {next, r.version, created_ms, expires_ms});
    // A restart moved the connection to a new session: the old one is resumable from the store.
    if (moved) cache_.forget(lookup_hash);
    const double latency = seconds_since(p->started);
    metrics_.turn(level_name, latency);
    for (const auto& f : new_flags) metrics_.red_flag(f);
    log_event(log_level::info, "turn",
              {{"session", short_hash(hash)}, {"turn", turn_number}, {"slot", slot}, {"outcome", level_name},
               {"latency_ms", latency * 1000.0}});
    if (config_.log_text) log_event(log_level::info, "turn_text", {{"session", short_hash(hash)}, {"in", p->raw}});
    p->done(turn_reply{std::move(frame_text), std::move(token), false, {}});
  });
}

}  // namespace triagebot::server
