#!/usr/bin/env python3
"""Instructions per timed engine turn in a callgrind output of triagebot_bench: the inclusive
instruction count of the calls from a BM_Turn* function to engine::respond(state, text, ctx), divided
by their number (the set-up turns of mid_conversation have another caller and are left out).
usage: callgrind_turn_ir.py CALLGRIND_OUT"""
import re
import sys

# callgrind compresses names: "(12) name" defines id 12, "(12)" refers to it; each kind has its table.
tables = {"fn": {}, "fl": {}, "ob": {}}
kind_of = {"fn": "fn", "cfn": "fn", "fl": "fl", "fi": "fl", "fe": "fl", "cfi": "fl", "cfl": "fl", "ob": "ob", "cob": "ob"}


def name(token, kind):
    m = re.match(r"\((\d+)\)(?: (.*))?", token)
    if not m:
        return token
    if m.group(2):
        tables[kind][m.group(1)] = m.group(2)
    return tables[kind].get(m.group(1), token)


def main(path):
    caller = callee = None
    pending_calls = None
    calls = instructions = 0
    for line in open(path, encoding="utf-8", errors="replace"):
        line = line.rstrip("\n")
        key, _, value = line.partition("=")
        if key in kind_of and value:
            resolved = name(value, kind_of[key])
            if key == "fn":
                caller = resolved
            elif key == "cfn":
                callee = resolved
        elif line.startswith("calls="):
            pending_calls = int(line[6:].split()[0])
        elif pending_calls is not None:
            # The line after "calls=" holds the position and the inclusive cost of that call.
            if caller and callee and "BM_Turn" in caller and callee.startswith("triagebot::engine::engine::respond(") \
                    and "basic_string_view" in callee:
                calls += pending_calls
                instructions += int(line.split()[1])
            pending_calls = None
    if not calls:
        print("no engine turns found")
        return 1
    print(f"{calls} turns, {instructions / calls:,.0f} instructions per turn")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1]))
