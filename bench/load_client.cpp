// triagebot_load_client: drives a running `triagebot serve` (or `serve --echo`) over real WebSocket
// connections and reports throughput, latency percentiles, errors and the server's memory as JSON.
//
// One thread, one io_context, everything asynchronous, so a single pinned core can hold 10,000
// connections and still not be the bottleneck (the report says how busy the client was).
//
// A run has three phases:
//   1. connect N sessions (a bounded number of handshakes at a time) and start one conversation on
//      each; the server's RSS is read from /proc before and after (idle memory per session);
//   2. warm-up, then the measured load:
//        closed: every session plays whole conversations, one frame in flight; latency is send->reply;
//        open:   a fixed total rate spread evenly over the sessions; latency is measured from the
//                time the frame was SCHEDULED, so a slow server cannot hide its queueing (no
//                coordinated omission);
//   3. close every connection normally.
// Every reply must be one valid JSON frame: a `reply` (bot) or the frame sent, unchanged (echo).
// Error frames, unexpected closes, bad JSON and replies that never come are counted as errors.
#include <sys/resource.h>
#include <netinet/in.h>

#include <algorithm>
#include <chrono>
#include <cstdlib>
#include <fstream>
#include <functional>
#include <iostream>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <variant>
#include <vector>

#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/websocket.hpp>
#include <nlohmann/json.hpp>

#include "conversation_scripts.hpp"
#include "latency_histogram.hpp"

namespace triagebot::bench {
namespace {

namespace net = boost::asio;
namespace beast = boost::beast;
namespace websocket = beast::websocket;
using tcp = net::ip::tcp;
using json = nlohmann::json;
using clock_type = std::chrono::steady_clock;

constexpr const char* kUsage =
    "usage: triagebot_load_client --port PORT [options]\n"
    "\n"
    "  --host ADDR              server address (default 127.0.0.1)\n"
    "  --port PORT              server port (required)\n"
    "  --mode closed|open       closed loop (default) or open loop at --rate\n"
    "  --sessions N             connections, one conversation each (default 10)\n"
    "  --duration SECONDS       measured load time (default 5)\n"
    "  --warmup SECONDS         load before measuring starts (default 1)\n"
    "  --rate FRAMES_PER_SECOND open loop: total rate over all sessions (required with --mode open)\n"
    "  --echo                   the server runs `serve --echo`: each reply must equal the frame sent\n"
    "  --scripts DIR            conversation test files to play (default: the repository's tests/conversations)\n"
    "  --server-pid PID         read the server's RSS from /proc/PID/status\n"
    "  --source-addresses K     spread connections over 127.0.0.1..127.0.0.K (ports per address run out near 28,000)\n"
    "  --connect-concurrency C  handshakes in progress at once (default 200)\n"
    "  --reply-timeout SECONDS  a reply slower than this is an error (default 30)\n"
    "\n"
    "Prints one JSON report on stdout. Exit status: 0 no errors, 1 errors counted, 2 bad usage or setup.\n";

struct options {
  std::string host = "127.0.0.1";
  unsigned short port = 0;
  bool open_loop = false;
  std::size_t sessions = 10;
  double duration_s = 5;
  double warmup_s = 1;
  double rate = 0;
  bool echo = false;
  std::string scripts_dir = TRIAGEBOT_CONVERSATIONS_DIR;
  long server_pid = 0;
  unsigned source_addresses = 1;
  std::size_t connect_concurrency = 200;
  double reply_timeout_s = 30;
};

// The server's resident set in kB, or -1 when it cannot be read.
long read_rss_kb(long pid) {
  if (pid <= 0) return -1;
  std::ifstream status("/proc/" + std::to_string(pid) + "/status");
  std::string line;
  while (std::getline(status, line))
    if (line.rfind("VmRSS:", 0) == 0) return std::strtol(line.c_str() + 6, nullptr, 10);
  return -1;
}

double cpu_seconds() {
  rusage usage{};
  getrusage(RUSAGE_SELF, &usage);
  const auto seconds = [](const timeval& t) { return static_cast<double>(t.tv_sec) + static_cast<double>(t.tv_usec) / 1e6; };
  return seconds(usage.ru_utime) + seconds(usage.ru_stime);
}

double ms(std::uint64_t ns) { return static_cast<double>(ns) / 1e6; }

class load_session;

// What every session reports into, and the phase clock they all follow.
struct load_run {
  load_run(net::io_context& context, const options& o, const std::vector<conversation_script>& s, tcp::endpoint e)
      : io(context), opt(o), scripts(s), server(std::move(e)) {}

  net::io_context& io;
  const options& opt;
  const std::vector<conversation_script>& scripts;
  tcp::endpoint server;

  clock_type::time_point measure_from{clock_type::time_point::max()};  // replies counted from here
  clock_type::time_point end{clock_type::time_point::max()};           // no frame is sent after this
  bool load_started = false;

  std::size_t ready = 0;      // sessions whose first conversation has started
  std::size_t dead = 0;       // sessions lost to an error
  std::size_t finished = 0;   // sessions done with the load phase
  std::uint64_t turns = 0;    // replies in the measured window
  std::uint64_t conversations = 0;
  std::uint64_t unsent_slots = 0;  // open loop: scheduled frames not sent by the end
  latency_histogram latency;
  std::map<std::string, std::uint64_t> errors;
  std::map<std::string, std::uint64_t> levels;

  void error(const std::string& kind) { ++errors[kind]; }
};

// Where session `index` starts in the list: spread evenly, so even a few sessions for a few seconds
// play conversations from every file (and reach every outcome level).
std::size_t first_script(std::size_t index, std::size_t sessions, std::size_t scripts) {
  if (sessions >= scripts) return index % scripts;
  return index * scripts / sessions;
}

class load_session : public std::enable_shared_from_this<load_session> {
 public:
  load_session(load_run& run, std::size_t index)
      // One thread runs everything: no strand needed.
      : run_(run), index_(index), ws_(run.io), timer_(run.io),
        script_(first_script(index, run.opt.sessions, run.scripts.size())) {}

  // Connects, handshakes and starts the first conversation; `on_settled` runs once that is done or failed.
  void start(std::function<void()> on_settled) {
    on_settled_ = std::move(on_settled);
    auto& socket = beast::get_lowest_layer(ws_).socket();
    boost::system::error_code ec;
    socket.open(tcp::v4(), ec);
    if (!ec && run_.opt.source_addresses > 1) {
      // Many source addresses: let connect() pick the port per (source, destination) pair.
      const int on = 1;
      ::setsockopt(socket.native_handle(), IPPROTO_IP, IP_BIND_ADDRESS_NO_PORT, &on, sizeof on);
      const auto last_octet = static_cast<unsigned>(1 + index_ % run_.opt.source_addresses);
      socket.bind(tcp::endpoint(net::ip::make_address_v4(net::ip::address_v4::uint_type{0x7f000000u + last_octet}), 0), ec);
    }
    if (ec) return die("connect");
    beast::get_lowest_layer(ws_).expires_after(std::chrono::seconds(10));
    beast::get_lowest_layer(ws_).async_connect(run_.server, beast::bind_front_handler(&load_session::on_connect, shared_from_this()));
  }

  // The load phase: closed loop, or open loop at one frame every `interval`, first at `first`.
  void begin_load(std::optional<clock_type::duration> interval, clock_type::time_point first) {
    if (dead_) return;
    interval_ = interval;
    if (!interval_) return send_next(clock_type::now());
    next_slot_ = first;
    arm_timer();
  }

  void close() {
    if (dead_ || closing_) return;
    closing_ = true;
    timer_.cancel();
    ws_.async_close(websocket::close_code::normal, [self = shared_from_this()](boost::system::error_code) {});
  }

  // A reply overdue by more than the timeout: the session is counted as failed and dropped.
  void check_timeout(clock_type::time_point now) {
    if (dead_ || !in_flight_) return;
    if (now - sent_at_ > std::chrono::duration<double>(run_.opt.reply_timeout_s)) die("reply_timeout");
  }

  bool done() const { return dead_ || load_done_; }

 private:
  void on_connect(boost::system::error_code ec) {
    if (ec) return die("connect");
    beast::get_lowest_layer(ws_).expires_never();
    ws_.set_option(websocket::stream_base::timeout::suggested(beast::role_type::client));
    ws_.read_message_max(1024 * 1024);
    ws_.async_handshake(run_.opt.host, "/ws", beast::bind_front_handler(&load_session::on_handshake, shared_from_this()));
  }

  void on_handshake(boost::system::error_code ec) {
    if (ec) return die("handshake");
    do_read();
    send_frame(run_.scripts[script_].frames[0], clock_type::now());
    step_ = 1;
  }

  void do_read() {
    ws_.async_read(buffer_, beast::bind_front_handler(&load_session::on_read, shared_from_this()));
  }

  void on_read(boost::system::error_code ec, std::size_t) {
    if (ec) {
      if (!closing_) die(ec == websocket::error::closed ? "closed_by_server" : "read");
      return;
    }
    const auto now = clock_type::now();
    std::string text = beast::buffers_to_string(buffer_.data());
    buffer_.consume(buffer_.size());
    if (!in_flight_) {
      run_.error("unexpected_frame");  // a frame nobody asked for: the protocol is one reply per frame
      return do_read();
    }
    in_flight_ = false;
    if (!check_reply(text)) return die_after_error();
    if (!ready_) {
      ready_ = true;
      ++run_.ready;
      settle();
    } else if (now >= run_.measure_from && sent_at_ >= run_.measure_from) {
      ++run_.turns;
      run_.latency.record(static_cast<std::uint64_t>(std::chrono::duration_cast<std::chrono::nanoseconds>(now - sent_at_).count()));
    }
    do_read();
    if (!run_.load_started || closing_) return;
    if (!interval_) {
      if (now < run_.end) return send_next(now);
      return finish_load();
    }
    if (due_) {
      due_ = false;
      send_slot();
    } else if (next_slot_ >= run_.end) {
      finish_load();
    }
  }

  // True when the reply is what the protocol promises; counts what is wrong otherwise.
  bool check_reply(const std::string& text) {
    if (run_.opt.echo) {
      if (text == sent_) return true;
      run_.error("echo_mismatch");
      return false;
    }
    const json frame = json::parse(text, nullptr, false);
    if (frame.is_discarded() || !frame.is_object()) {
      run_.error("bad_json");
      return false;
    }
    const auto type = frame.value("type", std::string());
    if (type == "error") {
      run_.error("error_frame:" + frame.value("code", std::string("?")));
      return false;
    }
    if (type != "reply") {
      run_.error("not_a_reply");
      return false;
    }
    const auto outcome = frame.find("outcome");
    if (outcome != frame.end() && outcome->is_object() && run_.load_started) {
      // Count each conclusion once: on the turn that reached it (or escalated it).
      const auto level = outcome->value("level", std::string("?"));
      if (level != last_level_) ++run_.levels[level];
      last_level_ = level;
    }
    return true;
  }

  // Closed loop: the next frame of the conversation, or the first of the next conversation.
  void send_next(clock_type::time_point now) {
    const auto& frames = run_.scripts[script_].frames;
    if (step_ >= frames.size()) {
      ++run_.conversations;
      script_ = (script_ + 1) % run_.scripts.size();
      step_ = 0;
      last_level_.clear();
    }
    const auto& frame = run_.scripts[script_].frames[step_++];
    if (step_ == 1) last_level_.clear();
    send_frame(frame, now);
  }

  void send_frame(const std::string& frame, clock_type::time_point stamp) {
    sent_ = with_message_id(frame, "s" + std::to_string(index_) + "-" + std::to_string(++message_count_));
    sent_at_ = stamp;
    in_flight_ = true;
    // One frame in flight per session: nothing else can be writing.
    ws_.async_write(net::buffer(sent_), [self = shared_from_this()](boost::system::error_code ec, std::size_t) {
      if (ec && !self->closing_) self->die("write");
    });
  }

  // Open loop.
  void arm_timer() {
    if (next_slot_ >= run_.end) {
      if (!in_flight_) finish_load();
      return;
    }
    timer_.expires_at(next_slot_);
    timer_.async_wait([self = shared_from_this()](boost::system::error_code ec) {
      if (ec || self->dead_ || self->closing_) return;
      if (self->in_flight_) {
        self->due_ = true;  // sent as soon as the reply is in, still timed from its slot
        return;
      }
      self->send_slot();
    });
  }

  void send_slot() {
    const auto slot = next_slot_;
    next_slot_ += *interval_;
    send_next(slot);
    arm_timer();
  }

  void finish_load() {
    if (load_done_) return;
    load_done_ = true;
    if (interval_ && next_slot_ < run_.end)
      run_.unsent_slots += static_cast<std::uint64_t>((run_.end - next_slot_) / *interval_) + 1;
    ++run_.finished;
  }

  void settle() {
    if (on_settled_) std::exchange(on_settled_, nullptr)();
  }

  void die_after_error() {
    // The counted error said what was wrong; the session cannot be trusted to continue.
    die("");
  }

  void die(const std::string& kind) {
    if (dead_) return;
    if (!kind.empty()) run_.error(kind);
    dead_ = true;
    in_flight_ = false;
    ++run_.dead;
    timer_.cancel();
    boost::system::error_code ignored;
    beast::get_lowest_layer(ws_).socket().close(ignored);
    settle();
  }

  load_run& run_;
  std::size_t index_;
  websocket::stream<beast::tcp_stream> ws_;
  net::steady_timer timer_;
  beast::flat_buffer buffer_;
  std::function<void()> on_settled_;
  std::size_t script_;
  std::size_t step_ = 0;
  std::uint64_t message_count_ = 0;
  std::string sent_;
  std::string last_level_;
  clock_type::time_point sent_at_{};
  std::optional<clock_type::duration> interval_;
  clock_type::time_point next_slot_{};
  bool ready_ = false;
  bool in_flight_ = false;
  bool due_ = false;
  bool dead_ = false;
  bool closing_ = false;
  bool load_done_ = false;
};

// Drives the phases: connects (bounded concurrency), measures idle memory, runs the load, closes.
class controller {
 public:
  controller(net::io_context& io, const options& opt, const std::vector<conversation_script>& scripts)
      : io_(io), opt_(opt), run_(io, opt, scripts, tcp::endpoint(net::ip::make_address(opt.host), opt.port)), tick_(io) {}

  json go() {
    rss_before_ = read_rss_kb(opt_.server_pid);
    connect_started_ = clock_type::now();
    sessions_.reserve(opt_.sessions);
    for (std::size_t i = 0; i < opt_.sessions; ++i) sessions_.push_back(std::make_shared<load_session>(run_, i));
    for (std::size_t i = 0; i < std::min(opt_.connect_concurrency, sessions_.size()); ++i) launch_next();
    watch_connecting();
    io_.run();
    return report();
  }

 private:
  void launch_next() {
    if (launched_ >= sessions_.size()) return;
    sessions_[launched_++]->start([this] {
      ++settled_;
      if (settled_ == sessions_.size()) return connected();
      launch_next();
    });
  }

  // Until the load starts: a first reply that never comes counts as an error instead of a hang.
  void watch_connecting() {
    tick_.expires_after(std::chrono::milliseconds(250));
    tick_.async_wait([this](boost::system::error_code ec) {
      if (ec || settled_ == sessions_.size()) return;
      const auto now = clock_type::now();
      for (std::size_t i = 0; i < launched_; ++i) sessions_[i]->check_timeout(now);
      // A timeout may have settled the last session, and connected() now owns the timer.
      if (settled_ < sessions_.size()) watch_connecting();
    });
  }

  void connected() {
    connect_seconds_ = std::chrono::duration<double>(clock_type::now() - connect_started_).count();
    // Let the store finish what the starts queued before reading the server's memory.
    tick_.expires_after(std::chrono::milliseconds(500));
    tick_.async_wait([this](boost::system::error_code) {
      rss_idle_ = read_rss_kb(opt_.server_pid);
      start_load();
    });
  }

  void start_load() {
    const auto now = clock_type::now();
    run_.load_started = true;
    run_.measure_from = now + std::chrono::duration_cast<clock_type::duration>(std::chrono::duration<double>(opt_.warmup_s));
    run_.end = run_.measure_from + std::chrono::duration_cast<clock_type::duration>(std::chrono::duration<double>(opt_.duration_s));
    cpu_at_measure_ = -1;
    std::optional<clock_type::duration> interval;
    if (opt_.open_loop) {
      // Each session sends every sessions/rate seconds; their first slots are spread over one interval.
      interval = std::chrono::duration_cast<clock_type::duration>(std::chrono::duration<double>(static_cast<double>(opt_.sessions) / opt_.rate));
    }
    for (std::size_t i = 0; i < sessions_.size(); ++i) {
      const auto offset = interval ? (*interval * static_cast<long>(i)) / static_cast<long>(sessions_.size()) : clock_type::duration{};
      sessions_[i]->begin_load(interval, now + offset);
    }
    tick();
  }

  void tick() {
    tick_.expires_after(std::chrono::milliseconds(100));
    tick_.async_wait([this](boost::system::error_code) {
      const auto now = clock_type::now();
      if (cpu_at_measure_ < 0 && now >= run_.measure_from) {
        cpu_at_measure_ = cpu_seconds();
        measured_at_ = now;
      }
      std::size_t done = 0;
      for (const auto& s : sessions_) {
        s->check_timeout(now);
        if (s->done()) ++done;
      }
      const auto drain_limit = run_.end + std::chrono::duration_cast<clock_type::duration>(std::chrono::duration<double>(opt_.reply_timeout_s));
      if (done < sessions_.size() && now < drain_limit) return tick();
      load_ended_ = now;
      cpu_load_ = cpu_at_measure_ < 0 ? 0 : cpu_seconds() - cpu_at_measure_;
      rss_after_ = read_rss_kb(opt_.server_pid);
      for (const auto& s : sessions_) s->close();
      // Closing is polite, not measured: give the server 5 s to answer the close frames.
      tick_.expires_after(std::chrono::seconds(5));
      tick_.async_wait([this](boost::system::error_code) { io_.stop(); });
      sessions_done_closing();
    });
  }

  void sessions_done_closing() {
    // Every close handler drops its session; when the last is gone the io_context has only the timer.
    poll_.emplace(io_);
    poll_->expires_after(std::chrono::milliseconds(50));
    poll_->async_wait([this](boost::system::error_code ec) {
      if (ec) return;
      bool any = false;
      for (const auto& s : sessions_) any = any || s.use_count() > 1;
      if (!any) return io_.stop();
      sessions_done_closing();
    });
  }

  json report() const {
    const double measured = run_.load_started && load_ended_ > run_.measure_from
                                ? std::chrono::duration<double>(std::min(load_ended_, run_.end) - run_.measure_from).count()
                                : 0.0;
    std::uint64_t error_total = 0;
    for (const auto& [kind, n] : run_.errors) error_total += n;
    const auto& h = run_.latency;
    json out = {
        {"mode", opt_.open_loop ? "open" : "closed"},
        {"server", opt_.echo ? "echo" : "bot"},
        {"sessions", opt_.sessions},
        {"sessions_ready", run_.ready},
        {"connect_seconds", connect_seconds_},
        {"duration_s", measured},
        {"turns", run_.turns},
        {"turns_per_s", measured > 0 ? static_cast<double>(run_.turns) / measured : 0.0},
        {"conversations_completed", run_.conversations},
        {"scripts", run_.scripts.size()},
        {"latency_ms",
         {{"p50", ms(h.quantile(0.5))}, {"p90", ms(h.quantile(0.9))}, {"p99", ms(h.quantile(0.99))},
          {"p999", ms(h.quantile(0.999))}, {"max", ms(h.max())}, {"mean", h.mean() / 1e6}}},
        {"errors", error_total},
        {"errors_by_kind", run_.errors},
        {"levels_reached", run_.levels},
        {"client_cpu_busy", measured > 0 && load_ended_ > measured_at_ ? cpu_load_ / std::chrono::duration<double>(load_ended_ - measured_at_).count() : 0.0},
    };
    if (opt_.open_loop) {
      out["rate"] = opt_.rate;
      out["unsent_slots"] = run_.unsent_slots;
    }
    if (opt_.server_pid > 0) {
      out["rss_kb"] = {{"before", rss_before_}, {"idle", rss_idle_}, {"after_load", rss_after_}};
      out["idle_kb_per_session"] = rss_before_ > 0 && rss_idle_ > 0 && run_.ready > 0
                                       ? static_cast<double>(rss_idle_ - rss_before_) / static_cast<double>(run_.ready)
                                       : 0.0;
    }
    return out;
  }

  net::io_context& io_;
  const options& opt_;
  load_run run_;
  net::steady_timer tick_;
  std::optional<net::steady_timer> poll_;
  std::vector<std::shared_ptr<load_session>> sessions_;
  std::size_t launched_ = 0;
  std::size_t settled_ = 0;
  clock_type::time_point connect_started_;
  clock_type::time_point load_ended_;
  clock_type::time_point measured_at_;
  double connect_seconds_ = 0;
  double cpu_at_measure_ = -1;
  double cpu_load_ = 0;
  long rss_before_ = -1;
  long rss_idle_ = -1;
  long rss_after_ = -1;
};

// Parses the command line; a sentence on error.
std::variant<options, std::string> parse(int argc, char** argv) {
  options o;
  bool have_port = false;
  for (int i = 1; i < argc; ++i) {
    const std::string a = argv[i];
    const auto value = [&]() -> std::optional<std::string> {
      if (i + 1 >= argc) return std::nullopt;
      return std::string(argv[++i]);
    };
    const auto number = [&](double min, double max) -> std::optional<double> {
      const auto v = value();
      if (!v) return std::nullopt;
      char* end = nullptr;
      const double d = std::strtod(v->c_str(), &end);
      if (end == v->c_str() || *end != '\0' || !(d >= min && d <= max)) return std::nullopt;
      return d;
    };
    const auto bad = [&](const std::string& what) { return a + ": expected " + what; };
    if (a == "--echo") {
      o.echo = true;
    } else if (a == "--host") {
      auto v = value();
      if (!v) return bad("an IP address");
      boost::system::error_code ec;
      net::ip::make_address(*v, ec);
      if (ec) return bad("an IP address");
      o.host = *v;
    } else if (a == "--port") {
      auto v = number(1, 65535);
      if (!v) return bad("a port number 1-65535");
      o.port = static_cast<unsigned short>(*v), have_port = true;
    } else if (a == "--mode") {
      auto v = value();
      if (!v || (*v != "closed" && *v != "open")) return bad("closed or open");
      o.open_loop = *v == "open";
    } else if (a == "--sessions") {
      auto v = number(1, 1e6);
      if (!v) return bad("a number of sessions 1-1000000");
      o.sessions = static_cast<std::size_t>(*v);
    } else if (a == "--duration") {
      auto v = number(0.1, 86400);
      if (!v) return bad("seconds, 0.1 or more");
      o.duration_s = *v;
    } else if (a == "--warmup") {
      auto v = number(0, 3600);
      if (!v) return bad("seconds, 0 or more");
      o.warmup_s = *v;
    } else if (a == "--rate") {
      auto v = number(0.001, 1e9);
      if (!v) return bad("frames per second above 0");
      o.rate = *v;
    } else if (a == "--scripts") {
      auto v = value();
      if (!v) return bad("a directory");
      o.scripts_dir = *v;
    } else if (a == "--server-pid") {
      auto v = number(1, 1e9);
      if (!v) return bad("a process id");
      o.server_pid = static_cast<long>(*v);
    } else if (a == "--source-addresses") {
      auto v = number(1, 254);
      if (!v) return bad("a count 1-254");
      o.source_addresses = static_cast<unsigned>(*v);
    } else if (a == "--connect-concurrency") {
      auto v = number(1, 100000);
      if (!v) return bad("a count 1-100000");
      o.connect_concurrency = static_cast<std::size_t>(*v);
    } else if (a == "--reply-timeout") {
      auto v = number(0.1, 3600);
      if (!v) return bad("seconds above 0");
      o.reply_timeout_s = *v;
    } else {
      return "unknown option " + a;
    }
  }
  if (!have_port) return std::string("--port is required");
  if (o.open_loop && o.rate <= 0) return std::string("--mode open needs --rate");
  if (o.source_addresses > 1 && !net::ip::make_address(o.host).is_loopback())
    return std::string("--source-addresses needs a loopback --host");
  return o;
}

}  // namespace
}  // namespace triagebot::bench

int main(int argc, char** argv) {
  using namespace triagebot::bench;
  for (int i = 1; i < argc; ++i) {
    if (std::string(argv[i]) == "--help" || std::string(argv[i]) == "-h") {
      std::cout << kUsage;
      return 0;
    }
  }
  auto parsed = parse(argc, argv);
  if (const auto* error = std::get_if<std::string>(&parsed)) {
    std::cerr << "triagebot_load_client: " << *error << "\n\n" << kUsage;
    return 2;
  }
  const auto opt = std::get<options>(parsed);
  std::vector<conversation_script> scripts;
  try {
    scripts = load_conversation_scripts(opt.scripts_dir);
  } catch (const std::exception& e) {
    std::cerr << "triagebot_load_client: " << e.what() << "\n";
    return 2;
  }
  boost::asio::io_context io(1);
  controller c(io, opt, scripts);
  const auto report = c.go();
  std::cout << report.dump(2) << std::endl;
  return report.at("errors").get<std::uint64_t>() == 0 && report.at("sessions_ready").get<std::size_t>() == opt.sessions ? 0 : 1;
}
