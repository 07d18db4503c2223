#!/usr/bin/env python3
"""Smoke test of the load benchmark: the real server (a subprocess on 127.0.0.1, port 0, SQLite in a
temporary directory) and the real load client, a few sessions for about two seconds in each mode.
Fails unless every report is valid JSON with zero errors, replies counted, every outcome level
reached in the closed loop, and the server's memory read.

usage: load_smoke.py TRIAGEBOT LOAD_CLIENT RULES_DIR
"""
import json
import re
import signal
import subprocess
import sys
import tempfile
import time


def start_server(triagebot, rules, data_dir, echo):
    command = [triagebot, "serve", "--listen", "127.0.0.1:0", "--data", data_dir, "--rules", rules, "--threads", "1",
               "--messages-per-second", "1000000", "--message-burst", "1000000"]
    if echo:
        command.append("--echo")
    server = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline:
        line = server.stdout.readline()
        if not line:
            break
        match = re.search(r"listening on http://[^:]+:(\d+)", line)
        if match:
            return server, int(match.group(1))
    server.kill()
    sys.exit("the server did not say which port it listens on within 10 s")


def run_client(client, port, pid, extra):
    command = [client, "--port", str(port), "--server-pid", str(pid), "--sessions", "6", "--duration", "2",
               "--warmup", "0.2", "--reply-timeout", "5"] + extra
    done = subprocess.run(command, capture_output=True, text=True, timeout=30)
    try:
        report = json.loads(done.stdout)
    except json.JSONDecodeError:
        sys.exit(f"the load client did not print a JSON report (exit {done.returncode}):\n{done.stdout}\n{done.stderr}")
    print(json.dumps(report))
    problems = []
    if done.returncode != 0:
        problems.append(f"exit status {done.returncode}")
    if report["errors"] != 0:
        problems.append(f"errors: {report['errors_by_kind']}")
    if report["sessions_ready"] != 6:
        problems.append(f"only {report['sessions_ready']} of 6 sessions started")
    if report["turns"] < 10:
        problems.append(f"only {report['turns']} turns measured")
    if not report["rss_kb"]["before"] > 0:
        problems.append("the server's RSS was not read")
    return report, problems


def main():
    triagebot, client, rules = sys.argv[1:4]
    problems = []
    with tempfile.TemporaryDirectory() as data_dir:
        for echo, mode in ((False, ["--mode", "closed"]), (False, ["--mode", "open", "--rate", "200"]),
                           (True, ["--mode", "closed", "--echo"])):
            server, port = start_server(triagebot, rules, data_dir, echo)
            try:
                report, found = run_client(client, port, server.pid, mode)
            finally:
                server.send_signal(signal.SIGTERM)
                server.wait(timeout=10)
            label = ("echo " if echo else "bot ") + mode[1]
            problems += [f"{label}: {p}" for p in found]
            if not echo and mode[1] == "closed":
                missing = {"emergency", "urgent", "physio", "self_care"} - set(report["levels_reached"])
                if missing:
                    problems.append(f"{label}: outcome levels never reached: {sorted(missing)}")
            if mode[1] == "open" and report["unsent_slots"] != 0:
                problems.append(f"{label}: {report['unsent_slots']} scheduled frames not sent at 200/s")
    if problems:
        sys.exit("load smoke test failed:\n  " + "\n  ".join(problems))
    print("load smoke test passed")


if __name__ == "__main__":
    main()
