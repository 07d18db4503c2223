#!/usr/bin/env bash
# bench/run.sh [--quick] [--out FILE]: the load benchmark (docs/benchmarks.md).
#
# Builds the server and the load client (Release, in its own build directory), then for each point
# of the matrix starts a fresh server pinned to one core (taskset) with its store on disk, runs the
# client pinned to the other core, and stops the server:
#   bot (SQLite store), echo (`serve --echo`: same listener and limits, no engine, no store), and bot
#   with the in-memory store (what durability costs), at 1, 100, 1,000 and 10,000 sessions (--quick:
#   100 and 10,000); bot with synchronous=FULL at 100 sessions; then an open loop at half the bot's
#   best rate against bot and echo.
# Writes FILE (default build-loadbench/bench-results.json) as JSON and prints a markdown table.
# Exit status: 0 when every point ran with zero errors and every target holds; 1 otherwise.
set -euo pipefail
cd "$(dirname "$0")/.."
repo=$(pwd)

quick=0
out=""
while [ $# -gt 0 ]; do
  case "$1" in
    --quick) quick=1 ;;
    --out)
      [ $# -ge 2 ] || { echo "bench/run.sh: --out needs a file name" >&2; exit 2; }
      out=$2
      shift ;;
    -h|--help) sed -n '2,12p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "bench/run.sh: unknown argument '$1' (expected --quick or --out FILE)" >&2; exit 2 ;;
  esac
  shift
done

build_dir=${BENCH_BUILD_DIR:-build-loadbench}
[ -n "$out" ] || out="$build_dir/bench-results.json"

if [ "$quick" -eq 1 ]; then
  session_counts=(100 10000)
  duration=4
  warmup=1
else
  session_counts=(1 100 1000 10000)
  duration=10
  warmup=2
fi

# --- build ------------------------------------------------------------------------------------
echo "== building the server and the load client (Release) in $build_dir"
mkdir -p "$build_dir"
BUILD_DIR=$build_dir BUILD_TYPE=Release bash scripts/build.sh -DTRIAGEBOT_BUILD_BENCH=ON -DTRIAGEBOT_BUILD_TESTS=OFF >"$build_dir/build.log" 2>&1 ||
  { tail -30 "$build_dir/build.log" >&2; echo "bench/run.sh: the build failed (log: $build_dir/build.log)" >&2; exit 1; }
triagebot="$repo/$build_dir/triagebot"
client="$repo/$build_dir/bench/triagebot_load_client"
[ -x "$client" ] || { echo "bench/run.sh: $client was not built (log: $build_dir/build.log)" >&2; exit 1; }

# --- the machine ------------------------------------------------------------------------------
# 10,000 sessions need 10,000 descriptors in each process: raise the soft limit to the hard one.
hard=$(ulimit -Hn)
if [ "$hard" = unlimited ]; then ulimit -n 65536; else ulimit -n "$hard"; fi
max_sessions=${session_counts[-1]}
if [ "$(ulimit -n)" -lt $((max_sessions + 200)) ]; then
  echo "bench/run.sh: the open-file limit is $(ulimit -n) (hard $hard): $max_sessions sessions need $((max_sessions + 200))" >&2
  exit 1
fi
if [ "$(nproc)" -ge 2 ]; then
  pin_server=(taskset -c 0)
  pin_client=(taskset -c 1)
  pinning="server on core 0, client on core 1"
else
  pin_server=()
  pin_client=()
  pinning="one core: server and client share it (the figures are not comparable with a 2-core run)"
fi
echo "== $(nproc) cores ($pinning), open-file limit $(ulimit -n)"

work="$repo/$build_dir/bench-run"
rm -rf "$work"
mkdir -p "$work/results"
commands_file="$work/commands.txt"
: >"$commands_file"

server_pid=""
stop_server() {
  if [ -n "$server_pid" ]; then
    # A graceful stop first (it flushes the store); a server that has not gone in 10 s is killed.
    kill -TERM "$server_pid" 2>/dev/null || true
    for _ in $(seq 1 100); do
      kill -0 "$server_pid" 2>/dev/null || break
      sleep 0.1
    done
    kill -KILL "$server_pid" 2>/dev/null || true
    wait "$server_pid" 2>/dev/null || true
    server_pid=""
  fi
}
trap stop_server EXIT
trap 'exit 130' INT TERM

# start_server NAME [serve options...]: a fresh server with an empty data directory; sets server_pid, port.
start_server() {
  local name=$1
  shift
  local data="$work/data-$name"
  rm -rf "$data"
  mkdir -p "$data"
  # The benchmark's own limits (the defaults stay safe for production): no per-connection rate limit,
  # every session from one address, and no idle timeout during a run.
  local command=("${pin_server[@]}" "$triagebot" serve --listen 127.0.0.1:0 --data "$data" --rules "$repo/rules" --threads 1
    --messages-per-second 1000000 --message-burst 1000000 --max-connections 20000 --max-connections-per-address 20000
    --idle-timeout 3600 "$@")
  echo "   server: ${command[*]}"
  echo "server: ${command[*]}" >>"$commands_file"
  : >"$work/$name.stdout"
  "${command[@]}" >"$work/$name.stdout" 2>"$work/$name.log" &
  server_pid=$!
  port=""
  for _ in $(seq 1 100); do
    port=$(sed -n 's/.*listening on http:\/\/[^:]*:\([0-9]*\).*/\1/p' "$work/$name.stdout" 2>/dev/null || true)
    [ -n "$port" ] && return 0
    kill -0 "$server_pid" 2>/dev/null || break
    sleep 0.1
  done
  echo "bench/run.sh: the server ($name) did not start:" >&2
  tail -20 "$work/$name.log" >&2
  exit 1
}

# run_client NAME [client options...]: runs the client against the server started last; saves its report.
run_client() {
  local name=$1
  shift
  local command=("${pin_client[@]}" "$client" --port "$port" --server-pid "$server_pid" --source-addresses 4
    --duration "$duration" --warmup "$warmup" "$@")
  echo "   client: ${command[*]}"
  echo "client: ${command[*]}" >>"$commands_file"
  local status=0
  "${command[@]}" >"$work/results/$name.json" 2>"$work/results/$name.stderr" || status=$?
  if [ "$status" -ge 2 ]; then
    cat "$work/results/$name.stderr" >&2
    echo "bench/run.sh: the load client failed at $name" >&2
    exit 1
  fi
  python3 - "$work/results/$name.json" <<'EOF'
import json, sys
r = json.load(open(sys.argv[1]))
print(f"   -> {r['turns_per_s']:.0f} turns/s, p50 {r['latency_ms']['p50']:.2f} ms, p99 {r['latency_ms']['p99']:.2f} ms, "
      f"errors {r['errors']}, client busy {r['client_cpu_busy']:.0%}")
EOF
}

# point NAME SESSIONS [server options...]: one closed-loop point on a fresh server.
point() {
  local name=$1 sessions=$2
  shift 2
  local echo_flag=()
  case " $* " in *" --echo "*) echo_flag=(--echo) ;; esac
  start_server "$name" "$@"
  run_client "$name" --mode closed --sessions "$sessions" "${echo_flag[@]}"
  stop_server
}

started=$(date +%s)
for n in "${session_counts[@]}"; do
  echo "== $n sessions"
  point "bot-sqlite-$n" "$n"
  point "echo-$n" "$n" --echo
  point "bot-memory-$n" "$n" --store memory
done
echo "== synchronous=FULL (survives power loss), 100 sessions"
point "bot-sqlite-full-100" 100 --sync-full

# Half of the bot's best closed-loop rate (SQLite store), offered open-loop to bot and echo alike.
half_rate=$(python3 - "$work/results" <<'EOF'
import glob, json, sys
best = max(json.load(open(f))["turns_per_s"] for f in glob.glob(sys.argv[1] + "/bot-sqlite-[0-9]*.json"))
print(f"{best / 2:.0f}")
EOF
)
echo "== open loop at $half_rate frames/s (half the bot's best), 100 sessions"
start_server "half-bot"
run_client "half-bot" --mode open --rate "$half_rate" --sessions 100
stop_server
start_server "half-echo" --echo
run_client "half-echo" --mode open --rate "$half_rate" --sessions 100 --echo
stop_server
elapsed=$(($(date +%s) - started))

python3 - "$work" "$out" "$quick" "$elapsed" "$pinning" <<'EOF'
import glob, json, os, platform, subprocess, sys, time
work, out, quick, elapsed, pinning = sys.argv[1], sys.argv[2], sys.argv[3] == "1", int(sys.argv[4]), sys.argv[5]
def load(name):
    return json.load(open(os.path.join(work, "results", name + ".json")))
counts = sorted(int(os.path.basename(f)[len("bot-sqlite-"):-5]) for f in glob.glob(work + "/results/bot-sqlite-[0-9]*.json"))
sessions, errors = {}, 0
for n in counts:
    bot, echo, mem = load(f"bot-sqlite-{n}"), load(f"echo-{n}"), load(f"bot-memory-{n}")
    errors += bot["errors"] + echo["errors"] + mem["errors"]
    sessions[str(n)] = {
        "bot_tps": round(bot["turns_per_s"], 1), "echo_tps": round(echo["turns_per_s"], 1),
        "ratio": round(bot["turns_per_s"] / echo["turns_per_s"], 3) if echo["turns_per_s"] else 0,
        "bot_p99_ms": round(bot["latency_ms"]["p99"], 3), "echo_p99_ms": round(echo["latency_ms"]["p99"], 3),
        "bot_p50_ms": round(bot["latency_ms"]["p50"], 3), "echo_p50_ms": round(echo["latency_ms"]["p50"], 3),
        "bot_p999_ms": round(bot["latency_ms"]["p999"], 3),
        "memory_store_tps": round(mem["turns_per_s"], 1), "memory_store_p99_ms": round(mem["latency_ms"]["p99"], 3),
        "memory_store_ratio": round(mem["turns_per_s"] / echo["turns_per_s"], 3) if echo["turns_per_s"] else 0,
        "errors": bot["errors"] + echo["errors"] + mem["errors"],
        "bot_idle_kb_per_session": round(bot.get("idle_kb_per_session", 0), 2),
        "memory_store_idle_kb_per_session": round(mem.get("idle_kb_per_session", 0), 2),
        "echo_idle_kb_per_session": round(echo.get("idle_kb_per_session", 0), 2),
        "client_busy_max": round(max(bot["client_cpu_busy"], echo["client_cpu_busy"], mem["client_cpu_busy"]), 2),
    }
full = load("bot-sqlite-full-100")
hb, he = load("half-bot"), load("half-echo")
errors += full["errors"] + hb["errors"] + he["errors"]
largest = str(counts[-1])
result = {
    "sessions": sessions,
    "half_load_p99_ms": {"bot": round(hb["latency_ms"]["p99"], 3), "echo": round(he["latency_ms"]["p99"], 3),
                         "rate": hb["rate"], "sessions": hb["sessions"],
                         "bot_turns_per_s": round(hb["turns_per_s"], 1), "echo_turns_per_s": round(he["turns_per_s"], 1)},
    "idle_kb_per_session": sessions[largest]["bot_idle_kb_per_session"],
    "sync_full": {"100": {"bot_tps": round(full["turns_per_s"], 1), "bot_p99_ms": round(full["latency_ms"]["p99"], 3),
                          "normal_bot_tps": sessions["100"]["bot_tps"], "normal_bot_p99_ms": sessions["100"]["bot_p99_ms"]}},
    "errors": errors,
    "levels_reached": sorted(set().union(*(load(f"bot-sqlite-{n}")["levels_reached"].keys() for n in counts))),
    "quick": quick,
    "seconds": elapsed,
    "date": time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime()),
    "machine": f"{platform.system()} {platform.release()}, {os.cpu_count()} cores ({pinning})",
    "commands": open(os.path.join(work, "commands.txt")).read().splitlines(),
}
try:
    model = [l.split(":", 1)[1].strip() for l in open("/proc/cpuinfo") if l.startswith("model name")][0]
    result["machine"] += ", " + model
except (OSError, IndexError):
    pass
targets = []
def target(name, ok, detail):
    targets.append({"target": name, "met": bool(ok), "measured": detail})
if "100" in sessions:
    target("bot/echo throughput >= 0.5 at 100 sessions", sessions["100"]["ratio"] >= 0.5, sessions["100"]["ratio"])
if "10000" in sessions:
    target("bot/echo throughput >= 0.4 at 10,000 sessions", sessions["10000"]["ratio"] >= 0.4, sessions["10000"]["ratio"])
hl = result["half_load_p99_ms"]
target("half load: bot p99 <= 2x echo p99", hl["bot"] <= 2 * hl["echo"], f"{hl['bot']} ms vs {hl['echo']} ms")
target("idle memory <= 15 KB per conversation", result["idle_kb_per_session"] <= 15, result["idle_kb_per_session"])
target("zero errors", errors == 0, errors)
target("every outcome level reached", set(result["levels_reached"]) >= {"emergency", "urgent", "physio", "self_care"},
       result["levels_reached"])
result["targets"] = targets
os.makedirs(os.path.dirname(os.path.abspath(out)), exist_ok=True)
with open(out, "w") as f:
    json.dump(result, f, indent=2)
    f.write("\n")

print()
print(f"Load benchmark, {result['date']}, {result['machine']}; {elapsed} s")
print()
print("| sessions | bot turns/s | echo turns/s | bot/echo | bot p50 | bot p99 | echo p99 | memory store turns/s | memory/echo | errors |")
print("| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |")
for n in counts:
    s = sessions[str(n)]
    print(f"| {n:,} | {s['bot_tps']:,.0f} | {s['echo_tps']:,.0f} | {s['ratio']:.2f} | {s['bot_p50_ms']:.2f} ms | "
          f"{s['bot_p99_ms']:.2f} ms | {s['echo_p99_ms']:.2f} ms | {s['memory_store_tps']:,.0f} | {s['memory_store_ratio']:.2f} | {s['errors']} |")
print()
print(f"| half load ({hl['rate']:,.0f} frames/s, {hl['sessions']} sessions, open loop) | bot p99 {hl['bot']:.2f} ms | echo p99 {hl['echo']:.2f} ms |")
sf = result["sync_full"]["100"]
print(f"| synchronous=FULL, 100 sessions | {sf['bot_tps']:,.0f} turns/s (NORMAL: {sf['normal_bot_tps']:,.0f}) | p99 {sf['bot_p99_ms']:.2f} ms (NORMAL: {sf['normal_bot_p99_ms']:.2f} ms) |")
print(f"| idle memory, {int(largest):,} sessions | {result['idle_kb_per_session']:.1f} KB per conversation (SQLite store) | "
      f"memory store {sessions[largest]['memory_store_idle_kb_per_session']:.1f} KB, echo {sessions[largest]['echo_idle_kb_per_session']:.1f} KB |")
print()
for t in targets:
    print(f"- [{'x' if t['met'] else ' '}] {t['target']}: {t['measured']}")
print(f"\nwritten to {out}")
sys.exit(0 if all(t["met"] for t in targets) else 1)
EOF
