#!/usr/bin/env python3
"""Per-flag recall, exact level per shape and extra flags of vignette batches, from the shared
scorer's output (docs/accuracy.md).

Usage:
  for f in tests/paraphrases/vignettes-r10*.json; do for p in literal informed; do
    python3 ../shared/tools/score_vignettes.py --cli "build/triagebot chat --json --rules rules" \
      --vignettes $f --person $p > OUT/$(basename $f .json)-$p.txt; done; done
  python3 scripts/vignette_breakdown.py OUT tests/paraphrases/vignettes-r10*.json

The scorer prints one line per vignette it got wrong ("ID: expected LEVEL [FLAGS], got LEVEL [FLAGS]");
a vignette without a line got exactly its expected level and flags. The shape is the letter (a-d) after
"shape" in the vignette's `source`.
"""
import collections
import json
import os
import re
import sys


def main():
    if len(sys.argv) < 3:
        sys.exit(__doc__)
    out_dir, files = sys.argv[1], sys.argv[2:]
    line = re.compile(r"(\S+): expected (\w+) (\[.*?\]), got (\w+|None|no outcome) (\[.*?\])")
    for person in ("literal", "informed"):
        per_flag = collections.defaultdict(lambda: [0, 0])
        per_shape = collections.defaultdict(lambda: [0, 0])
        extras = collections.Counter()
        for f in files:
            vignettes = json.load(open(f))
            scored = os.path.join(out_dir, os.path.basename(f)[:-len(".json")] + f"-{person}.txt")
            got = {}
            for text in open(scored):
                m = line.match(text)
                if m:
                    got[m.group(1)] = (m.group(4), json.loads(m.group(5).replace("'", '"')))
            for v in vignettes:
                level, flags = got.get(v["id"], (v["expected_level"], v["expected_red_flags"]))
                for flag in v["expected_red_flags"]:
                    per_flag[flag][1] += 1
                    per_flag[flag][0] += flag in flags
                for flag in flags:
                    if flag not in v["expected_red_flags"] and flag not in v.get("also_acceptable", []):
                        extras[flag] += 1
                shape = re.search(r"shape\s*\(?([abcd])\b", v.get("source", ""), re.I)
                key = shape.group(1).lower() if shape else "?"
                per_shape[key][1] += 1
                per_shape[key][0] += level == v["expected_level"]
        print(person, "caught per flag:", "; ".join(f"{k} {a}/{b}" for k, (a, b) in sorted(per_flag.items())))
        print(person, "exact per shape:", "; ".join(f"{k} {a}/{b}" for k, (a, b) in sorted(per_shape.items())))
        print(person, "extra flags:", dict(sorted(extras.items())))


if __name__ == "__main__":
    main()
