#!/usr/bin/env bash
# Ratios against Apache OpenNLP from alternating runs: the machines are shared, and a peer's own speed moves by
# 15 % or more between sittings a few minutes apart, so a ratio of two medians taken minutes apart (peers.sh's
# table) is less steady than one taken round by round. Each round tags the same text with OpenNLP and then with
# every Focal4J model of a peers.sh output folder (and, with TRAIN, trains OpenNLP and then a Focal4J preset);
# the ratio of a round is OpenNLP's wall time over Focal4J's (above 1: Focal4J is faster), and the script
# prints each tool's median and the median and range of its ratios.
#
#   PEERS_OUT=DIR PRESET="conll-quick conll-small" benchmarks/peers.sh    (first: the models, the text, the classes)
#   benchmarks/peers-race.sh DIR [ROUNDS]                 (tagging, default 5 rounds)
#   TRAIN=conll-quick benchmarks/peers-race.sh DIR 5      (also training: OpenNLP as peers.sh trains it against
#                                                          PRESET=conll-quick benchmarks/conll2003-best.sh)
#
# Tagging: DIR/text.txt (the test sentences as raw text, repeated), OpenNLP's DIR/opennlp.bin through
# OpenNlpPeer tag on TAG_THREADS threads (default 2), each DIR/focal4j-*/model.f4j through `ner-demo tag` with
# the launcher's JVM options; wall time of the JVM, start included, as in peers.sh. Focal4J's output must be the
# same in every round. Training: the wall time of OpenNLP's training JVM (100 iterations, cutoff 5, THREADS,
# default 2) and of conll2003-best.sh (JVM start to the final test score), CONLL_DIR as in peers.sh.
# Needs what peers.sh needs, and its output folder; prints the machine label first.
set -euo pipefail
[ $# -ge 1 ] || { echo "usage: $0 PEERS_OUT_DIR [ROUNDS]" >&2; exit 2; }
DIR=$(realpath "$1")
ROUNDS=${2:-5}
cd "$(dirname "$0")/.."
DATA=${CONLL_DIR:-../shared/data/conll2003}
JAR=${JAR:-ner-demo/target/ner-demo.jar}
CP_OPENNLP="$(realpath benchmarks/target/peers/opennlp)/*:$DIR/classes"
for f in "$DIR/text.txt" "$DIR/opennlp.bin" "$DIR/classes/OpenNlpPeer.class" "$JAR"; do
  [ -e "$f" ] || { echo "missing $f: run PEERS_OUT=$DIR benchmarks/peers.sh first (and build $JAR)" >&2; exit 1; }
done
MODELS=()
for m in "$DIR"/focal4j-*/model.f4j; do [ -f "$m" ] && MODELS+=("$m"); done
[ ${#MODELS[@]} -gt 0 ] || { echo "no focal4j-*/model.f4j in $DIR" >&2; exit 1; }
[[ "$ROUNDS" =~ ^[1-9][0-9]*$ ]] || { echo "ROUNDS must be a positive integer, got '$ROUNDS'" >&2; exit 2; }
N=$(wc -w < "$DIR/text.txt")
START=$(date -u '+%H:%M')
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT

# timed CMD...: runs CMD under GNU time (output to $WORK/out, stderr to $WORK/err); sets SECS.
timed() {
  if ! /usr/bin/time -f "%e" -o "$WORK/time" "$@" > "$WORK/out" 2> "$WORK/err"; then
    echo "failed: $* (last lines):" >&2; tail -n 20 "$WORK/err" >&2; exit 1
  fi
  SECS=$(tail -n 1 "$WORK/time")
}
name() { basename "$(dirname "$1")" | sed 's/^focal4j-//'; }

declare -A TIMES
for i in $(seq "$ROUNDS"); do
  timed java -cp "$CP_OPENNLP" OpenNlpPeer tag "$DIR/opennlp.bin" "$DIR/text.txt" "$WORK/opennlp.tsv" "${TAG_THREADS:-2}"
  TIMES[tag:OpenNLP]+="$SECS "; base=$SECS; line="round $i: tag OpenNLP $SECS s"
  for m in "${MODELS[@]}"; do
    timed java @ner-demo/src/launcher/jvm.options -jar "$JAR" tag --model "$m" --input "$DIR/text.txt" \
      --threads "${TAG_THREADS:-2}"
    if [ "$i" = 1 ]; then cp "$WORK/out" "$WORK/$(name "$m").first"
    else cmp -s "$WORK/out" "$WORK/$(name "$m").first" || { echo "$(name "$m"): round $i printed other entities" >&2; exit 1; }
    fi
    TIMES[tag:$(name "$m")]+="$SECS "; TIMES[ratio:tag:$(name "$m")]+="$(echo "$base $SECS" | awk '{print $1 / $2}') "
    line+=", $(name "$m") $SECS s"
  done
  if [ -n "${TRAIN:-}" ]; then
    timed java -cp "$CP_OPENNLP" OpenNlpPeer train "$DATA/train.txt" "$WORK/opennlp-trained.bin" 100 "${THREADS:-2}"
    TIMES[train:OpenNLP]+="$SECS "; base=$SECS; line+="; train OpenNLP $SECS s"
    rm -rf "$WORK/trained" # a new run each round, not a resumed one
    timed env PRESET="$TRAIN" OUT="$WORK/trained" CONLL_DIR="$DATA" benchmarks/conll2003-best.sh "$WORK/trained.json"
    TIMES[train:$TRAIN]+="$SECS "; TIMES[ratio:train:$TRAIN]+="$(echo "$base $SECS" | awk '{print $1 / $2}') "
    line+=", $TRAIN $SECS s ($(grep -o 'test F1 [0-9.]*' "$WORK/out"))"
  fi
  echo "$line" >&2
done

stats() { # the median, min and max of the numbers in $1
  printf '%s\n' $1 | sort -g | awk '{a[NR]=$1} END {m = (NR % 2) ? a[(NR+1)/2] : (a[NR/2] + a[NR/2+1]) / 2; print m, a[1], a[NR]}'
}
benchmarks/machine-label.sh
echo "alternating runs: $ROUNDS rounds from $START UTC (the label's date is their end), tagging $N tokens of $DIR/text.txt on ${TAG_THREADS:-2} threads (JVM start included)$([ -n "${TRAIN:-}" ] && echo "; training on $DATA/train.txt")"
echo
echo "| run | median s | min–max s | tokens/s (median) | OpenNLP's time / this one's: median (range) |"
echo "|---|---:|---:|---:|---:|"
rows() { # rows KIND TOOL...
  local kind=$1 tool; shift
  for tool in "$@"; do
    read -r med lo hi < <(stats "${TIMES[$kind:$tool]}")
    local speed="–" ratio="–"
    [ "$kind" = tag ] && speed=$(python3 -c "print(f'{$N / $med:,.0f}')")
    if [ "$tool" != OpenNLP ]; then
      read -r rm rlo rhi < <(stats "${TIMES[ratio:$kind:$tool]}")
      ratio=$(printf '%.2f× (%.2f–%.2f)' "$rm" "$rlo" "$rhi")
    fi
    echo "| $kind: $tool | $med | $lo–$hi | $speed | $ratio |"
  done
}
TAGGERS=(OpenNLP); for m in "${MODELS[@]}"; do TAGGERS+=("$(name "$m")"); done
rows tag "${TAGGERS[@]}"
[ -z "${TRAIN:-}" ] || rows train OpenNLP "$TRAIN"
