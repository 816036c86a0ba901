#!/usr/bin/env bash
# Dev F1 of every model in a peers.sh output folder: the models were chosen (Focal4J's presets and epochs) or
# tuned (the peers' published settings) without the test set, and dev is where they can be compared on the
# data that chose them. OpenNLP and CoreNLP tag dev.txt's sentences as raw text (benchmarks/conll-text.py, as
# peers.sh tags test.txt) and their tags are scored beside dev.txt's gold tags; each Focal4J model is scored
# by `ner-demo evaluate --model M --test dev.txt` (float64, the model's own arithmetic). Same scorer for all:
# conlleval through `ner-demo evaluate`.
#
#   PEERS_OUT=DIR benchmarks/peers.sh     (first: the models)
#   benchmarks/peers-dev.sh DIR           (about a minute; CONLL_DIR as in peers.sh)
#
# Prints the machine label and a Markdown table: tool, dev F1.
set -euo pipefail
[ $# = 1 ] || { echo "usage: $0 PEERS_OUT_DIR" >&2; exit 2; }
DIR=$(realpath "$1")
cd "$(dirname "$0")/.."
DATA=${CONLL_DIR:-../shared/data/conll2003}
[ -f "$DATA/dev.txt" ] || { echo "no CoNLL-2003 dev.txt in $DATA (set CONLL_DIR)" >&2; exit 1; }
JAR=${JAR:-ner-demo/target/ner-demo.jar}
for f in "$DIR/opennlp.bin" "$DIR/classes/OpenNlpPeer.class" "$JAR"; do
  [ -e "$f" ] || { echo "missing $f: run PEERS_OUT=$DIR benchmarks/peers.sh first (and build $JAR)" >&2; exit 1; }
done
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
python3 benchmarks/conll-text.py "$DATA/dev.txt" 1 "$WORK/dev.txt" > /dev/null 2>&1

f1_of() { # the first FB1 of a conlleval report on stdin
  sed -n 's/.*FB1: *\([0-9.]*\).*/\1/p' | head -n 1
}
ROWS=()
# peer NAME CLASS MODEL CLASSPATH: tags dev's text and scores it
peer() {
  java -cp "$4:$DIR/classes" "$2" tag "$3" "$WORK/dev.txt" "$WORK/tagged.tsv" 2 2> "$WORK/err" \
    || { echo "$1 failed to tag:" >&2; tail -n 20 "$WORK/err" >&2; exit 1; }
  python3 benchmarks/peers/conll_score.py "$DATA/dev.txt" "$WORK/tagged.tsv" "$WORK/tagged.pred"
  ROWS+=("| $1 | $(java -jar "$JAR" evaluate --predictions "$WORK/tagged.pred" | f1_of) |")
}
peer "OpenNLP" OpenNlpPeer "$DIR/opennlp.bin" "$(realpath benchmarks/target/peers/opennlp)/*"
if [ -f "$DIR/corenlp.ser.gz" ]; then
  peer "CoreNLP" CoreNlpPeer "$DIR/corenlp.ser.gz" "$(realpath benchmarks/target/peers/corenlp)/*"
fi
for m in "$DIR"/focal4j-*/model.f4j; do
  [ -f "$m" ] || continue
  f1=$(java @ner-demo/src/launcher/jvm.options -jar "$JAR" evaluate --model "$m" --test "$DATA/dev.txt" 2> /dev/null | f1_of)
  ROWS+=("| Focal4J $(basename "$(dirname "$m")" | sed 's/^focal4j-//') | $f1 |")
done

benchmarks/machine-label.sh
echo "dev F1 on $DATA/dev.txt of the models in $DIR"
echo
echo "| tool | dev F1 |"
echo "|---|---:|"
printf '%s\n' "${ROWS[@]}"
