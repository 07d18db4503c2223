#include "server/server.hpp"

#include <condition_variable>
#include <mutex>
#include <stdexcept>
#include <thread>
#include <vector>

#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/signal_set.hpp>
#include <boost/asio/steady_timer.hpp>

#include "server/http_router.hpp"
#include "server/listener.hpp"
#include "server/server_context.hpp"
#include "server/server_log.hpp"
#include "server/tls_context.hpp"

namespace triagebot::server {

namespace net = boost::asio;

struct server::impl {
  impl(server_config config, store::session_store& store, std::shared_ptr<const rules::rule_set> rules,
       std::shared_ptr<metrics> stats)
      : ctx(std::move(config), store, std::move(rules), std::move(stats)), router(ctx), signals(ioc), purge_timer(ioc) {}

  // Retention: expired sessions and transcripts older than the retention time are deleted by this
  // background job, every purge_interval_seconds.
  void schedule_purge() {
    purge_timer.expires_after(std::chrono::seconds(ctx.config.purge_interval_seconds));
    purge_timer.async_wait([this](boost::system::error_code ec) {
      if (ec || ctx.stopping) return;
      const auto now_ms = std::chrono::duration_cast<std::chrono::milliseconds>(
                              std::chrono::system_clock::now().time_since_epoch()).count();
      const std::int64_t retention_ms = std::int64_t{ctx.config.transcript_retention_days} * 86'400'000;
      const auto removed = ctx.store.expire(now_ms, now_ms - retention_ms);
      log_event(log_level::info, "purge", {{"sessions_removed", removed}});
      schedule_purge();
    });
  }

  void on_signal(boost::system::error_code ec, int signal) {
    if (ec) return;
    if (signal == SIGHUP) {
      const auto result = ctx.catalog.reload(ctx.config.rules_dir);
      if (result.ok) ctx.stats.rules_loaded(result.version);
      log_event(result.ok ? log_level::info : log_level::error, "rules_reload",
                {{"ok", result.ok}, {"version", result.version}, {"findings", result.findings}});
      signals.async_wait([this](boost::system::error_code e, int s) { on_signal(e, s); });
      return;
    }
    log_event(log_level::info, "signal", {{"signal", signal == SIGINT ? "SIGINT" : "SIGTERM"}});
    request_stop();
  }

  void request_stop() {
    {
      const std::lock_guard lock(mutex);
      if (stop_requested) return;
      stop_requested = true;
      stop_deadline = std::chrono::steady_clock::now() + std::chrono::seconds(8);
    }
    ctx.stopping = true;
    net::post(ioc, [this] {
      if (accepting) accepting->close();
      boost::system::error_code ignored;
      signals.cancel(ignored);
      purge_timer.cancel();
      ctx.connections.shutdown_all();
    });
    cv.notify_all();
  }

  server_context ctx;
  http_router router;
  // Before ioc: the connections' TLS streams, destroyed with ioc, refer to it.
  std::unique_ptr<net::ssl::context> tls;
  net::io_context ioc;
  net::signal_set signals;
  net::steady_timer purge_timer;
  std::shared_ptr<listener> accepting;
  std::vector<std::thread> threads;
  std::mutex mutex;
  std::condition_variable cv;
  unsigned running = 0;
  bool stop_requested = false;
  bool stopped = false;
  std::chrono::steady_clock::time_point stop_deadline;
};

server::server(server_config config, store::session_store& store, std::shared_ptr<const rules::rule_set> rules,
               std::shared_ptr<metrics> stats)
    : impl_(std::make_unique<impl>(std::move(config), store, std::move(rules), std::move(stats))) {}

server::~server() {
  if (!impl_->threads.empty() && !impl_->stopped) stop();
}

server_context& server::context() { return impl_->ctx; }

std::uint16_t server::start(bool handle_signals) {
  auto& d = *impl_;
  boost::system::error_code ec;
  const auto address = net::ip::make_address(d.ctx.config.listen_host, ec);
  if (ec) throw std::runtime_error("\"" + d.ctx.config.listen_host + "\" is not an IP address to listen on");
  const bool tls = !d.ctx.config.tls_certificate_file.empty() || !d.ctx.config.tls_key_file.empty();
  if (tls) d.tls = make_tls_context(d.ctx.config);
  try {
    d.accepting = std::make_shared<listener>(d.ioc, net::ip::tcp::endpoint(address, d.ctx.config.listen_port), d.ctx, d.router,
                                             d.tls.get());
  } catch (const boost::system::system_error& e) {
    throw std::runtime_error("cannot listen on " + d.ctx.config.listen_host + ":" + std::to_string(d.ctx.config.listen_port) +
                             ": " + e.code().message());
  }
  const auto port = d.accepting->port();
  d.ctx.port = port;
  d.accepting->run();
  d.schedule_purge();
  if (handle_signals) {
    d.signals.add(SIGINT);
    d.signals.add(SIGTERM);
    d.signals.add(SIGHUP);
    d.signals.async_wait([&d](boost::system::error_code e, int s) { d.on_signal(e, s); });
  }
  unsigned n = d.ctx.config.threads;
  if (n == 0) n = std::max(1u, std::thread::hardware_concurrency());
  d.running = n;
  for (unsigned i = 0; i < n; ++i) {
    d.threads.emplace_back([&d] {
      for (;;) {
        try {
          d.ioc.run();
          break;
        } catch (const std::exception& e) {
          log_event(log_level::error, "handler_failed", {{"message", e.what()}});
        }
      }
      const std::lock_guard lock(d.mutex);
      --d.running;
      d.cv.notify_all();
    });
  }
  const auto& host = d.ctx.config.listen_host;
  const std::string host_in_url = host.find(':') != std::string::npos ? "[" + host + "]" : host;
  log_event(log_level::info, "start",
            {{"listen", std::string(tls ? "https://" : "http://") + host_in_url + ":" + std::to_string(port)},
             {"threads", n},
             {"rules_version", d.ctx.catalog.current()->rules().info.version},
             {"store", d.ctx.config.store},
             {"echo", d.ctx.config.echo}});
  return port;
}

void server::request_stop() { impl_->request_stop(); }

void server::wait() {
  auto& d = *impl_;
  {
    std::unique_lock lock(d.mutex);
    for (;;) {
      if (d.running == 0) break;
      if (d.stop_requested && std::chrono::steady_clock::now() >= d.stop_deadline) {
        // Connections that did not finish in time are cut.
        d.ioc.stop();
        d.cv.wait_for(lock, std::chrono::seconds(1), [&d] { return d.running == 0; });
        break;
      }
      if (d.stop_requested)
        d.cv.wait_until(lock, d.stop_deadline);
      else
        d.cv.wait(lock);
    }
  }
  for (auto& t : d.threads)
    if (t.joinable()) t.join();
  d.ctx.store.flush();
  if (!d.stopped) log_event(log_level::info, "stop", {});
  d.stopped = true;
}

void server::stop() {
  request_stop();
  wait();
}

}  // namespace triagebot::server
