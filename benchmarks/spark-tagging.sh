#!/usr/bin/env bash
# Tagging throughput on Spark against the single-JVM `tag`, and a distributed `compare` against the local one.
#
#   benchmarks/spark-tagging.sh [TOKENS]          (default 1000000; a smoke run: 20000)
#   MODEL=DIR benchmarks/spark-tagging.sh         (a 'train --out' directory; default: trains the demo preset)
#   SKIP_COMPARE=1 benchmarks/spark-tagging.sh    (tagging only)
#   COMPARE_BUDGET='--synthetic-train 200 --epochs 1' benchmarks/spark-tagging.sh 20000   (a smoke run)
#
# Tagging: the synthetic generator's text, TOKENS tokens in documents of five sentences (one per line), tagged
#   1. by `ner-demo tag --precision float64` (the arithmetic Spark tags with) in one JVM (the whole file as one text,
#      documents split by blank lines), on one core,
#   2. by `tag --spark 'local[1]'` (NerTagger), pinned to the same core,
#   3. by `tag --spark 'local[2]'`, on two cores,
# and prints tokens/s of each (wall time of the whole command, JVM and Spark start included; and "steady",
# with the fixed cost of the same command on a one-line input subtracted), Spark's overhead per core
# (local[1] / tag; target >= 0.85) and the scaling efficiency (local[2] / (2 x local[1]); target >= 0.85).
# Pinning uses taskset when it is there (else the cores are not pinned, and the script says so). First it prints
# the two-thread speed-up of a plain CPU-bound loop (benchmarks/CoresCheck.java): below about 1.9 the machine is
# not quiet and the scaling figures measure the neighbours, not Spark.
#
# Experiments: `compare` of 6 runs (ce and focal(gamma=2), 3 seeds; demo preset, 1000 synthetic training
#   sentences, 2 epochs unless COMPARE_BUDGET says otherwise) locally with --threads 2 and with
#   --spark 'local[2]': checks that the tables are identical and prints the wall-time ratio.
#
# Needs java 17 and python3; builds spark/target/focal4j-spark.jar (and its focal4j-spark.args) if missing.
set -euo pipefail
TOKENS=${1:-1000000}
cd "$(dirname "$0")/.."
ARGS=spark/target/focal4j-spark.args
[ -f "$ARGS" ] && [ -f spark/target/focal4j-spark.jar ] || mvn -B -q -pl spark -am package -DskipTests
CLI=(java -Xmx2g "@$ARGS" io.github.focal4j.ner.cli.Main)
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
if command -v taskset > /dev/null && [ "$(nproc)" -ge 2 ]; then
  ONE=(taskset -c 0); TWO=(taskset -c 0,1); PINNED="pinned with taskset"
else
  ONE=(); TWO=(); PINNED="NOT pinned (no taskset or fewer than 2 cores)"
fi

echo "$(benchmarks/machine-label.sh); $PINNED"
echo "java: $(java -version 2>&1 | head -1)"
"${TWO[@]}" java benchmarks/CoresCheck.java   # is the machine quiet? (scaling figures need 2 free cores)

MODEL=${MODEL:-}
if [ -z "$MODEL" ]; then
  MODEL=$WORK/model
  echo "training the model: train --preset demo --epochs 2 (synthetic corpus)"
  "${CLI[@]}" train --preset demo --epochs 2 --out "$MODEL" --no-progress > "$WORK/train.log" 2>&1 \
    || { cat "$WORK/train.log" >&2; exit 1; }
fi

java -cp spark/target/focal4j-spark.jar benchmarks/SyntheticText.java "$TOKENS" > "$WORK/docs.txt" 2> "$WORK/gen.log"
N=$(sed 's/ tokens//' "$WORK/gen.log")
head -1 "$WORK/docs.txt" > "$WORK/one.txt"
# for the single-JVM tag (one text): a blank line between documents, so that no sentence runs on from one
# document into the next (a paragraph break always ends a sentence), as each line is its own text on Spark
sed 'G' "$WORK/docs.txt" > "$WORK/docs-para.txt"
N1=$(wc -w < "$WORK/one.txt")
echo "input: $N tokens in $(wc -l < "$WORK/docs.txt") documents"

# seconds of a command (stdout and stderr to a log; fails loudly)
seconds() {
  local log=$1; shift
  local start end
  start=$(date +%s.%N)
  "$@" > "$log" 2>&1 || { echo "failed: $*" >&2; cat "$log" >&2; exit 1; }
  end=$(date +%s.%N)
  python3 -c "print(f'{$end - $start:.3f}')"
}

run_tag() { # name cores-prefix... -- input
  local input=$1; shift
  "$@" "${CLI[@]}" tag --threads 1 --precision float64 --model "$MODEL" --input "$input" --format jsonl
}
run_spark() { # master input out prefix...
  local master=$1 input=$2 out=$3; shift 3
  rm -rf "$out"
  "$@" "${CLI[@]}" tag --spark "$master" --model "$MODEL" --input "$input" --output "$out"
}

T_TAG=$(seconds "$WORK/tag.log" run_tag "$WORK/docs-para.txt" "${ONE[@]}")
T_TAG0=$(seconds "$WORK/tag0.log" run_tag "$WORK/one.txt" "${ONE[@]}")
T_S1=$(seconds "$WORK/s1.log" run_spark 'local[1]' "$WORK/docs.txt" "$WORK/out1" "${ONE[@]}")
T_S10=$(seconds "$WORK/s10.log" run_spark 'local[1]' "$WORK/one.txt" "$WORK/out10" "${ONE[@]}")
T_S2=$(seconds "$WORK/s2.log" run_spark 'local[2]' "$WORK/docs.txt" "$WORK/out2" "${TWO[@]}")
T_S20=$(seconds "$WORK/s20.log" run_spark 'local[2]' "$WORK/one.txt" "$WORK/out20" "${TWO[@]}")

# the same entities: the JSON Lines of tag (per text) and of tag --spark (per document) hold the same spans
python3 - "$WORK" <<'PY'
import glob, json, sys
w = sys.argv[1]
local = sum(1 for l in open(f"{w}/tag.log") if l.startswith("{"))
for out in ("out1", "out2"):
    n = sum(len(json.loads(l)["entities"]) for f in glob.glob(f"{w}/{out}/part-*.json") for l in open(f))
    if n != local:
        sys.exit(f"tag found {local} entities, tag --spark ({out}) {n}")
print(f"entities: {local} in every run")
PY

python3 - "$N" "$N1" "$T_TAG" "$T_TAG0" "$T_S1" "$T_S10" "$T_S2" "$T_S20" <<'PY'
import sys
n, n1 = int(sys.argv[1]), int(sys.argv[2])
tag, tag0, s1, s10, s2, s20 = map(float, sys.argv[3:])
def rate(t, t0):
    steady = t - t0
    return n / t, (n - n1) / steady if steady > 0 else float("nan")
rows = [("tag, one JVM, 1 core", tag, tag0), ("tag --spark local[1]", s1, s10), ("tag --spark local[2]", s2, s20)]
print(f"{'':24} {'wall s':>8} {'fixed s':>8} {'tokens/s':>10} {'steady tokens/s':>16}")
r = {}
for name, t, t0 in rows:
    a, b = rate(t, t0)
    r[name] = (a, b)
    print(f"{name:24} {t:8.1f} {t0:8.1f} {a:10.0f} {b:16.0f}")
for i, label in enumerate(("wall", "steady")):
    over = r["tag --spark local[1]"][i] / r["tag, one JVM, 1 core"][i]
    eff = r["tag --spark local[2]"][i] / (2 * r["tag --spark local[1]"][i])
    print(f"{label:6}: Spark per core (local[1] / tag) {over:.2f} (target >= 0.85); "
          f"scaling efficiency (local[2] / 2 x local[1]) {eff:.2f} (target >= 0.85)")
PY

if [ -z "${SKIP_COMPARE:-}" ]; then
  read -r -a BUDGET <<< "${COMPARE_BUDGET:---synthetic-train 1000 --synthetic-dev 200 --synthetic-test 200 --epochs 2}"
  C=(compare --losses 'ce,focal(gamma=2)' --seeds 3 "${BUDGET[@]}" --no-progress)
  T_L=$(seconds "$WORK/cl.log" "${TWO[@]}" "${CLI[@]}" "${C[@]}" --threads 2 --out "$WORK/cmp-local")
  T_D=$(seconds "$WORK/cd.log" "${TWO[@]}" "${CLI[@]}" "${C[@]}" --spark 'local[2]' --out "$WORK/cmp-spark")
  if diff <(grep '^|' "$WORK/cmp-local/compare.md") <(grep '^|' "$WORK/cmp-spark/compare.md") > /dev/null; then
    SAME="identical tables"
  else
    SAME="TABLES DIFFER"; diff <(grep '^|' "$WORK/cmp-local/compare.md") <(grep '^|' "$WORK/cmp-spark/compare.md") || true
  fi
  python3 -c "print(f'compare, 6 runs: local --threads 2 {$T_L:.1f} s, --spark local[2] {$T_D:.1f} s, ratio spark/local {$T_D / $T_L:.2f}; $SAME')"
  grep '^|' "$WORK/cmp-spark/compare.md"
  [ "$SAME" = "identical tables" ]
fi
