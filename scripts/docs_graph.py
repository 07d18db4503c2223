#!/usr/bin/env python3
"""Keeps the Mermaid graph of the shipped rules in docs/rules.md current.

usage: scripts/docs_graph.py TRIAGEBOT [--check]
Regenerates `TRIAGEBOT graph --rules rules --format mermaid` between the markers
<!-- flow-graph:begin --> and <!-- flow-graph:end --> in docs/rules.md. With --check it changes
nothing and exits 1 when the embedded graph differs from the generated one.
"""
import pathlib, subprocess, sys

BEGIN, END = "<!-- flow-graph:begin -->", "<!-- flow-graph:end -->"


def main():
    if len(sys.argv) < 2:
        sys.exit(__doc__)
    root = pathlib.Path(__file__).resolve().parent.parent
    graph = subprocess.run([sys.argv[1], "graph", "--rules", str(root / "rules"), "--format", "mermaid"],
                           check=True, capture_output=True, text=True).stdout
    block = f"{BEGIN}\n```mermaid\n{graph}```\n{END}"
    doc_path = root / "docs" / "rules.md"
    doc = doc_path.read_text()
    if BEGIN not in doc or END not in doc:
        sys.exit(f"{doc_path}: the markers {BEGIN} and {END} are missing")
    start, end = doc.index(BEGIN), doc.index(END) + len(END)
    if doc[start:end] == block:
        return 0
    if "--check" in sys.argv:
        print(f"{doc_path}: the flow graph is out of date; run: scripts/docs_graph.py build/triagebot", file=sys.stderr)
        return 1
    doc_path.write_text(doc[:start] + block + doc[end:])
    print(f"updated the flow graph in {doc_path}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
