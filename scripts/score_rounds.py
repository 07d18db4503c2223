#!/usr/bin/env python3
"""Scores many vignette files in both person modes with the shared scorer, fast, and sums them up.

Usage:
  python3 scripts/score_rounds.py OUT tests/paraphrases/vignettes-r40*.json [--bot "CMD"] [--jobs N]

For each file and each person (literal, informed) it writes OUT/<file stem>-<person>.txt in the shared
scorer's own format (one line per vignette it got wrong, then its summary line), which
scripts/vignette_breakdown.py reads, and prints one line per person summed over all files.

It plays every vignette with ../shared/tools/score_vignettes.py's own code (`score`, and through it
its literal and informed persons); the only difference from running that scorer once per file is that
one bot process (default `build/triagebot chat --json --rules rules`) serves a whole file, a fresh
conversation per vignette opened by PROTOCOL's `start` frame, instead of one process per vignette. The
rules are then loaded once per file rather than once per conversation: on 2026-12-06 all 5,889 read
conversations in both persons took 31 s on two cores (44 s of CPU, under 0.004 s a conversation), where
ctest's per-process runs spent about 0.16 s of CPU a conversation. Each conversation is still its own
session, so the figures are the same (checked on round 39: identical output, 320 conversations).
"""
import argparse
import contextlib
import io
import json
import os
import sys
from concurrent.futures import ProcessPoolExecutor

SCORER_DIR = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "shared", "tools")


def scorer():
    sys.path.insert(0, SCORER_DIR)
    import score_vignettes  # the shared scorer: its play and scoring, not a copy
    return score_vignettes


def score_file(job):
    out, bot, path, person = job
    sv = scorer()
    vignettes = json.load(open(path))
    for v in vignettes:
        v["_informed"] = person == "informed"
    shared = {}

    class OneConversation:
        """A client whose close() keeps the bot process for the next vignette's `start`."""

        def send(self, frame):
            return shared["client"].send(frame)

        def close(self):
            pass

    def make_client():
        client = shared.get("client")
        if client is None or client.p.poll() is not None:
            shared["client"] = sv.CliClient(bot)
        return OneConversation()

    text = io.StringIO()
    with contextlib.redirect_stdout(text):
        got = sv.score(vignettes, make_client)
        print(" ".join(f"{k}={v}" for k, v in got.items()))
    if "client" in shared:
        shared["client"].close()
    stem = os.path.splitext(os.path.basename(path))[0]
    with open(os.path.join(out, f"{stem}-{person}.txt"), "w") as f:
        f.write(text.getvalue())
    return path, person, got


def summed(results, files, person):
    """exact, safe, emergency recall and extra flags over all files, from the scorer's own figures: its
    percentages times each file's counts (its one decimal is exact for files of under 500)."""
    n = exact = safe = emergencies = caught = extra = 0
    for path in files:
        got = results[(path, person)]
        vignettes = json.load(open(path))
        size = len(vignettes)
        urgent = sum(v["expected_level"] == "emergency" for v in vignettes)
        n += size
        exact += round(got["exact"] * size / 100)
        safe += round(got["safe"] * size / 100)
        emergencies += urgent
        caught += round(got["emergency_recall"] * urgent / 100)
        extra += got["extra_flags"]
    pct = lambda a, b: 100.0 * a / b if b else 100.0
    return (f"{person:9} n={n} exact={pct(exact, n):.1f} safe={pct(safe, n):.1f} "
            f"emergency_recall={pct(caught, emergencies):.1f} ({caught} of {emergencies}) extra_flags={extra}")


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("out")
    ap.add_argument("files", nargs="+")
    ap.add_argument("--bot", default="build/triagebot chat --json --rules rules")
    ap.add_argument("--jobs", type=int, default=2)
    a = ap.parse_args()
    if not os.path.isfile(os.path.join(SCORER_DIR, "score_vignettes.py")):
        sys.exit(f"score_rounds: the shared scorer is not at {SCORER_DIR}/score_vignettes.py")
    for path in a.files:
        try:
            vignettes = json.load(open(path))
        except OSError as e:
            sys.exit(f"score_rounds: {path}: cannot read it ({e.strerror})")
        except json.JSONDecodeError as e:
            sys.exit(f"score_rounds: {path}: not JSON (line {e.lineno}, column {e.colno}: {e.msg})")
        if not isinstance(vignettes, list) or not all(isinstance(v, dict) and "id" in v and "messages" in v
                                                      and "expected_level" in v and "expected_red_flags" in v
                                                      for v in vignettes):
            sys.exit(f"score_rounds: {path}: expected a list of vignettes, each with id, messages, "
                     "expected_level and expected_red_flags")
    os.makedirs(a.out, exist_ok=True)
    jobs = [(a.out, a.bot, f, p) for f in a.files for p in ("literal", "informed")]
    results = {}
    with ProcessPoolExecutor(max(1, a.jobs)) as pool:
        for path, person, got in pool.map(score_file, jobs):
            results[(path, person)] = got
    for person in ("literal", "informed"):
        print(summed(results, a.files, person))


if __name__ == "__main__":
    main()
