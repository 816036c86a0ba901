#!/usr/bin/env bash
# Tagging throughput of `ner-demo tag` from raw text to entity spans, JVM start included, with its peak RSS:
# the CoNLL-2003 test sentences as raw text (tokens joined by spaces, one sentence per line, documents apart by
# a blank line), repeated until there are at least TOKENS tokens, tagged by the launcher's JVM
# (`java @ner-demo/src/launcher/jvm.options`) with --threads 1 and 2 in float32
# (tag's default there) and --threads 2 in float64, each REPEATS times; prints the median tokens/s and peak RSS
# (GNU time) of each, checks that 1 and 2 threads print the same entities, and counts the entity lines float32
# and float64 disagree on.
#
#   benchmarks/tag-throughput.sh MODEL_DIR [TOKENS] [REPEATS]     (defaults 500000 and 3)
#   MODEL_DIR: a `train --out` directory, e.g. OUT=model benchmarks/conll2003-best.sh report.json
#
# Needs java 17, python3, GNU time (/usr/bin/time), ../shared/data/conll2003/test.txt; builds
# ner-demo/target/ner-demo.jar if missing. Target (issue "Ahead of the Java NER peers"): >= 80k tokens/s on
# two cores with the conll preset's model, peak RSS <= 1 GiB.
set -euo pipefail
[ $# -ge 1 ] || { echo "usage: $0 MODEL_DIR [TOKENS] [REPEATS]" >&2; exit 2; }
MODEL=$(realpath "$1")
TOKENS=${2:-500000}
REPEATS=${3:-3}
cd "$(dirname "$0")/.."
DATA=${CONLL_DIR:-../shared/data/conll2003}
JAR=${JAR:-ner-demo/target/ner-demo.jar}
[ -f "$JAR" ] || mvn -B -q -pl ner-demo -am package -DskipTests
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
N=$(python3 benchmarks/conll-text.py "$DATA/test.txt" "$TOKENS" "$WORK/text.txt")
benchmarks/machine-label.sh
echo "model: $MODEL; text: $N tokens"
for mode in "1 float32" "2 float32" "2 float64"; do
  read -r threads precision <<< "$mode"
  for i in $(seq "$REPEATS"); do
    /usr/bin/time -f "%e %M" -o "$WORK/time" java @ner-demo/src/launcher/jvm.options -jar "$JAR" \
      tag --model "$MODEL" --input "$WORK/text.txt" --threads "$threads" --precision "$precision" \
      > "$WORK/out-$threads-$precision.tsv" 2> "$WORK/err"
    read -r secs kib < "$WORK/time"
    echo "$threads $precision $secs $kib" >> "$WORK/runs"
  done
done
cmp -s "$WORK/out-1-float32.tsv" "$WORK/out-2-float32.tsv" \
  || { echo "--threads 1 and 2 printed different entities" >&2; exit 1; }
DIFFERENT=$(diff "$WORK/out-2-float32.tsv" "$WORK/out-2-float64.tsv" | grep -c '^[<>]' || true)
python3 - "$WORK/runs" "$N" "$(wc -l < "$WORK/out-2-float32.tsv")" "$DIFFERENT" <<'PY'
import statistics, sys
runs, n, ents, different = sys.argv[1], int(sys.argv[2]), sys.argv[3], sys.argv[4]
by = {}
for line in open(runs):
    t, p, s, k = line.split(); by.setdefault((t, p), []).append((float(s), int(k)))
print(f"{ents} entities, the same with 1 and 2 threads; float32 vs float64: {different} entity lines differ")
print("| threads | precision | wall s (median) | tokens/s (median, JVM start included) | peak RSS MiB (max) |")
print("|---:|---|---:|---:|---:|")
for (t, p), v in by.items():
    s = statistics.median(x for x, _ in v)
    print(f"| {t} | {p} | {s:.2f} | {n / s:,.0f} | {max(k for _, k in v) / 1024:,.0f} |")
PY
