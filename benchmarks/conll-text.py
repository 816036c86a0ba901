#!/usr/bin/env python3
"""The tagging text of the benchmarks: a CoNLL file's sentences as raw text (tokens joined by spaces, one sentence
per line, documents apart by a blank line), repeated until there are at least TOKENS tokens.

    python3 benchmarks/conll-text.py CONLL_FILE TOKENS OUT_FILE

Prints the number of whitespace-separated tokens written (stdout) and how many documents (stderr).
"""
import sys


def main():
    if len(sys.argv) != 4:
        sys.exit("usage: conll-text.py CONLL_FILE TOKENS OUT_FILE")
    src, want, out = sys.argv[1], int(sys.argv[2]), sys.argv[3]
    docs, doc, sent = [], [], []
    for line in open(src, encoding="utf-8"):
        line = line.strip()
        if line.startswith("-DOCSTART-"):
            if doc:
                docs.append(doc)
                doc = []
            continue
        if not line:
            if sent:
                doc.append(" ".join(sent))
                sent = []
            continue
        sent.append(line.split(" ")[0])
    if sent:
        doc.append(" ".join(sent))
    if doc:
        docs.append(doc)
    n, parts = 0, []
    while n < want:
        for d in docs:
            parts.append("\n".join(d))
            n += sum(len(s.split(" ")) for s in d)
    text = "\n\n".join(parts) + "\n"
    open(out, "w", encoding="utf-8").write(text)
    print(f"{n} tokens in {len(parts)} documents", file=sys.stderr)
    print(len(text.split()))


if __name__ == "__main__":
    main()
