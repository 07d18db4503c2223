#!/usr/bin/env python3
"""Scores triagebot on paraphrase batches (tests/paraphrases/*.jsonl, the BLIND-BATCHES.md format).

usage: score_paraphrases.py --cli "build/triagebot chat --json --rules rules" BATCH.jsonl [...]
                            [--misses] [--json OUT] [--min-recall R] [--max-false F]

Each line is one message ("text") or a few sent one after another ("messages"), labelled with the
red flags it carries ("flags"), the level it justifies ("level", "none" when it cannot decide) and
the LANGUAGE.md phenomena it shows ("phenomena"). Every line is a fresh conversation: `start`, then
the messages as free text, whatever the bot asked. What the bot concluded or asked after the last
message is scored:
  caught    every flag of a positive is in the outcome's red_flags;
  asked     not caught, but the pending question confirms one of its flags (input.red_flag, an
            optional PROTOCOL addition): the person would be asked at once, with buttons;
  confirmed caught after answering "yes" to those confirming questions (a truthful person);
  false     a decoy (or any line) drew a flag it does not carry (in the outcome);
  level     the outcome's level equals the label, scored for lines labelled emergency or urgent and
            for lines the bot concluded (a single message rarely settles physio or self care);
  safe      the outcome is as urgent as the label or more.
Prints one table per target and per phenomenon, then one summary line:
  positives=N caught=NN% confirmed=NN% decoys=N false_flags=N level_exact=NN% level_safe=NN%
Exit 1 when --min-recall (confirmed recall, 0-100) or --max-false (false flags) is not held.
"""
import argparse, collections, json, shlex, subprocess, sys

LEVELS = ["emergency", "urgent", "physio", "self_care"]
RANK = {level: i for i, level in enumerate(LEVELS)}


class Bot:
    """`triagebot chat --json`: one frame a line each way."""

    def __init__(self, cmd):
        self.p = subprocess.Popen(shlex.split(cmd), stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                  stderr=subprocess.DEVNULL, text=True, bufsize=1)

    def send(self, frame):
        self.p.stdin.write(json.dumps(frame) + "\n")
        self.p.stdin.flush()
        line = self.p.stdout.readline()
        if not line:
            raise RuntimeError("the bot closed its output")
        reply = json.loads(line)
        if reply.get("type") != "reply":
            raise RuntimeError(f"error frame: {reply}")
        return reply

    def close(self):
        self.p.stdin.close()
        self.p.wait(timeout=10)


def load(paths):
    items = []
    for path in paths:
        with open(path, encoding="utf-8") as f:
            for number, line in enumerate(f, 1):
                if not line.strip():
                    continue
                try:
                    item = json.loads(line)
                except json.JSONDecodeError as e:
                    sys.exit(f"{path}:{number}: not JSON: {e}")
                messages = item.get("messages") or ([item["text"]] if "text" in item else None)
                if not messages or not all(isinstance(m, str) and m.strip() for m in messages):
                    sys.exit(f"{path}:{number}: needs a non-empty \"text\" or \"messages\"")
                item["messages"] = messages
                item["where"] = f"{path}:{number}"
                item.setdefault("flags", [])
                item.setdefault("phenomena", [])
                item.setdefault("level", "none")
                item.setdefault("kind", "positive" if item["flags"] else "decoy")
                items.append(item)
    return items


def play(bot, item):
    bot.send({"type": "start"})
    reply = None
    for text in item["messages"]:
        reply = bot.send({"type": "message", "text": text[:1000]})
    first = reply
    expected = set(item["flags"])
    asked = set()
    # A truthful person answers "yes" to the questions that confirm a flag they have (at most 5).
    for _ in range(5):
        pending = (reply.get("input") or {}).get("red_flag")
        if reply.get("outcome") or pending not in expected:
            break
        asked.add(pending)
        reply = bot.send({"type": "message", "text": "yes"})
    return first, reply, asked


def outcome_of(reply):
    outcome = reply.get("outcome") or {}
    return set(outcome.get("red_flags") or []), outcome.get("level")


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--cli", required=True)
    ap.add_argument("batches", nargs="+")
    ap.add_argument("--misses", action="store_true", help="print every miss and false flag")
    ap.add_argument("--json", help="write the figures to this file")
    ap.add_argument("--min-recall", type=float)
    ap.add_argument("--max-false", type=int)
    args = ap.parse_args()
    items = load(args.batches)
    bot = Bot(args.cli)
    rows = collections.defaultdict(lambda: collections.Counter())
    misses = []
    total = collections.Counter()
    for item in items:
        first, last, asked = play(bot, item)
        flags_now, level_now = outcome_of(first)
        flags_end, level_end = outcome_of(last)
        expected = set(item["flags"])
        keys = [("target", item.get("target", "?"))] + [("phenomenon", p) for p in item["phenomena"]]
        result = collections.Counter()
        if expected:
            result["positives"] += 1
            result["caught"] += expected <= flags_now
            result["asked"] += (not expected <= flags_now) and bool(asked)
            result["confirmed"] += expected <= flags_end
            if not expected <= flags_end:
                misses.append(("MISS", item, flags_end, level_end))
        else:
            result["decoys"] += 1
        extra = flags_end - expected - set(item.get("also_acceptable", []))
        if extra:
            result["false_flags"] += 1
            misses.append(("FALSE", item, flags_end, level_end))
        # A single message rarely settles physio or self care (the bot still asks): the level is
        # scored where the label is a red-flag level, or where the bot concluded.
        if item["level"] in RANK and (RANK[item["level"]] <= RANK["urgent"] or level_end in RANK):
            result["levelled"] += 1
            result["exact"] += level_end == item["level"]
            result["safe"] += level_end in RANK and RANK[level_end] <= RANK[item["level"]]
        total.update(result)
        for key in keys:
            rows[key].update(result)
    bot.close()

    def pct(a, b):
        return f"{100 * a / b:.0f}%" if b else "-"

    for kind in ("target", "phenomenon"):
        print(f"| {kind} | positives | caught | confirmed | decoys | false flags | level exact | level safe |")
        print("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |")
        for (k, name), c in sorted(rows.items()):
            if k != kind:
                continue
            print(f"| {name} | {c['positives']} | {pct(c['caught'], c['positives'])} | {pct(c['confirmed'], c['positives'])} "
                  f"| {c['decoys']} | {c['false_flags']} | {pct(c['exact'], c['levelled'])} | {pct(c['safe'], c['levelled'])} |")
        print()
    if args.misses:
        for what, item, flags, level in misses:
            said = " / ".join(item["messages"])
            print(f"{what} {item['where']} expected {sorted(item['flags'])} got {sorted(flags)} {level}: {said}")
        print()
    summary = {
        "positives": total["positives"], "caught": total["caught"], "confirmed": total["confirmed"],
        "decoys": total["decoys"], "false_flags": total["false_flags"],
        "level_exact": total["exact"], "level_safe": total["safe"], "levelled": total["levelled"],
    }
    if args.json:
        with open(args.json, "w", encoding="utf-8") as f:
            json.dump({"summary": summary,
                       "rows": {f"{k}:{n}": dict(c) for (k, n), c in rows.items()}}, f, indent=1)
    print(f"positives={total['positives']} caught={pct(total['caught'], total['positives'])} "
          f"confirmed={pct(total['confirmed'], total['positives'])} decoys={total['decoys']} "
          f"false_flags={total['false_flags']} level_exact={pct(total['exact'], total['levelled'])} "
          f"level_safe={pct(total['safe'], total['levelled'])}")
    ok = True
    if args.min_recall is not None and total["positives"]:
        ok = ok and 100 * total["confirmed"] / total["positives"] >= args.min_recall
    if args.max_false is not None:
        ok = ok and total["false_flags"] <= args.max_false
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
