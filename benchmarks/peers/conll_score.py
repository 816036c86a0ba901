#!/usr/bin/env python3
"""A peer's tags beside the gold tags, as the 'token POS gold pred' lines `ner-demo evaluate --predictions` scores.

    python3 benchmarks/peers/conll_score.py GOLD.txt TAGGED.tsv OUT.pred

GOLD.txt is a CoNLL-2003 file (token POS chunk tag, -DOCSTART- lines, a blank line between sentences); TAGGED.tsv
holds the 'token<TAB>tag' lines a peer wrote for its sentences as raw text (benchmarks/conll-text.py), a blank line
after each sentence, possibly for several copies of the text: the first copy is the one written out. Exits with a
message naming both tokens when the two files disagree on a token.
"""
import sys


def main():
    if len(sys.argv) != 4:
        sys.exit("usage: conll_score.py GOLD.txt TAGGED.tsv OUT.pred")
    gold, tagged, out = sys.argv[1:4]
    with open(tagged, encoding="utf-8") as pred, open(out, "w", encoding="utf-8") as w:
        for line in open(gold, encoding="utf-8"):
            line = line.strip()
            if not line or line.startswith("-DOCSTART-"):
                w.write("-DOCSTART- -X- O O\n" if line else "\n")
                continue
            cols = line.split()
            p = pred.readline().rstrip("\n")
            while p == "":
                p = pred.readline().rstrip("\n")
            tok, tag = p.split("\t")
            if tok != cols[0]:
                sys.exit(f"token mismatch: {gold} has {cols[0]!r}, the tagger wrote {tok!r}")
            w.write(f"{cols[0]} {cols[1]} {cols[-1]} {tag}\n")


if __name__ == "__main__":
    main()
