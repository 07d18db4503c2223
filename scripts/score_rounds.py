#!/usr/bin/env python3
"""Scores many vignette files in both person modes with the shared scorer, fast, and sums them up.

Usage:
  python3 scripts/score_rounds.py OUT tests/paraphrases/vignettes-r40*.json [--bot "CMD"] [--jobs N]
  python3 scripts/score_rounds.py - FILE --person literal --bars exact=95,safe=100,...   (a ctest floor)

For each file and each person (literal, informed) it writes OUT/<file stem>-<person>.txt in the shared
scorer's own format (one line per vignette it got wrong, then its summary line), which
scripts/vignette_breakdown.py reads, and prints one line per person summed over all files.

It plays every vignette with ../shared/tools/score_vignettes.py's own code (`score`, and through it
its literal and informed persons); the only difference from running that scorer once per file is that
one bot process (default `build/triagebot chat --json --rules rules`) serves a whole file, a fresh
conversation per vignette opened by PROTOCOL's `start` frame, instead of one process per vignette.
With `--bars` (the shared scorer's own syntax and check, `bars_hold`) it exits 1 when any file misses
them for a person scored, and prints that file's miss lines; OUT "-" writes no files. ctest's floors for
the read rounds run this way: one bot process a file rather than one a conversation. The
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
    if SCORER_DIR not in sys.path:
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
    if out != "-":
        stem = os.path.splitext(os.path.basename(path))[0]
        with open(os.path.join(out, f"{stem}-{person}.txt"), "w") as f:
            f.write(text.getvalue())
    return path, person, got, text.getvalue()


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
    ap.add_argument("--person", choices=["literal", "informed", "both"], default="both")
    ap.add_argument("--bars", help='minimums (maximums for extra_flags), as the shared scorer takes them: "exact=95,extra_flags=2"')
    a = ap.parse_args()
    persons = ("literal", "informed") if a.person == "both" else (a.person,)
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
    if a.bars:
        known = {"exact", "safe", "emergency_recall", "flag_recall", "extra_flags", "concluded", "questions_median", "questions_max"}
        for pair in a.bars.split(","):
            name, _, value = pair.partition("=")
            try:
                float(value)
            except ValueError:
                sys.exit(f"score_rounds: --bars {a.bars!r}: {pair!r} is not name=number")
            if name not in known:
                sys.exit(f"score_rounds: --bars {a.bars!r}: unknown measure {name!r} (one of {', '.join(sorted(known))})")
    if a.out != "-":
        os.makedirs(a.out, exist_ok=True)
    jobs = [(a.out, a.bot, f, p) for f in a.files for p in persons]
    results = {}
    failed = False
    bars_hold = scorer().bars_hold
    with ProcessPoolExecutor(max(1, a.jobs)) as pool:
        for path, person, got, text in pool.map(score_file, jobs):
            results[(path, person)] = got
            if a.bars and not bars_hold(got, a.bars):
                failed = True
                print(f"{path} ({person}) misses the bars {a.bars}:\n{text}", end="")
    for person in persons:
        print(summed(results, a.files, person))
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
