#!/usr/bin/env bash
# Training and inference throughput of the reference BiLSTM-CNN tagger, Focal4J vs PyTorch, back to back on this
# machine: RUNS rounds (default 3), each running the Java benchmark (training with --precision float32, the
# LSTM and char CNN in float32 as PyTorch computes them, then again in float64) and the PyTorch script with the same data and
# settings (batches of 32, Adam 1e-3, 2 threads, WARMUP warm-up batches then BATCHES timed batches, 200 each by
# default, within CoNLL-2003's 439 batches; inference on INFER sentences in batches of 64 on the same threads,
# float32 on both sides), the JVM started as the launcher starts it (java @ner-demo/src/launcher/jvm.options, the launcher's options). Prints each run, the medians
# and the ratios ours / PyTorch, with our float64 training and inference beside them.
#
#   benchmarks/reference-side-by-side.sh [TRAIN_FILE]
#   RUNS=5 BATCHES=230 benchmarks/reference-side-by-side.sh ../shared/data/conll2003/train.txt
#
# Needs: mvn -B -pl benchmarks -am package -DskipTests (done here if the jar is missing), /usr/bin/python3 with torch.
set -euo pipefail
cd "$(dirname "$0")/.."
TRAIN=${1:-../shared/data/conll2003/train.txt}
RUNS=${RUNS:-3}
# 200 warm-up batches (about 5 s): the JVM compiles its hot code during the first seconds, and with 30 (until
# 2026-12-07) that compilation fell inside the timed window: one sitting's float32 rounds spread 23,800-32,500
# tokens/s at 30 and 34,700-40,800 at 200. PyTorch runs at the same rate either way. WARMUP=30 BATCHES=150
# measures the old window.
WARMUP=${WARMUP:-200}
BATCHES=${BATCHES:-200}
INFER=${INFER:-3000}
THREADS=${THREADS:-2}
JAR=benchmarks/target/benchmarks.jar
[ -f "$TRAIN" ] || { echo "no training data at $TRAIN" >&2; exit 2; }
[ -f "$JAR" ] || mvn -B -q -pl benchmarks -am package -DskipTests
ARGS=(--train "$TRAIN" --warmup-batches "$WARMUP" --batches "$BATCHES" --inference-sentences "$INFER" --threads "$THREADS")
OUT=$(mktemp -d)
trap 'rm -rf "$OUT"' EXIT
benchmarks/machine-label.sh
echo "java: $(java -version 2>&1 | head -1)"
for r in $(seq 1 "$RUNS"); do
  for p in float32 float64; do
    java @ner-demo/src/launcher/jvm.options -cp "$JAR" io.github.focal4j.benchmarks.models.TrainThroughput "${ARGS[@]}" --precision $p 2>/dev/null > "$OUT/java-$p.$r"
  done
  sed -e 's/train_/train_float64_/g' "$OUT/java-float64.$r" | grep '^train_float64_' | cat "$OUT/java-float32.$r" - > "$OUT/java.$r"
  /usr/bin/python3 benchmarks/pytorch/reference_tagger.py "${ARGS[@]}" > "$OUT/torch.$r"
  echo "run $r: focal4j $(grep '^train_tokens=' "$OUT/java.$r" | grep -o 'train_tokens_per_second=[0-9.]*') $(grep -o 'train_float64_tokens_per_second=[0-9.]*' "$OUT/java.$r") $(grep -o ' inference_tokens_per_second=[0-9.]*' "$OUT/java.$r") $(grep -o 'inference_float64_tokens_per_second=[0-9.]*' "$OUT/java.$r")"
  echo "run $r: pytorch $(grep -o 'train_tokens_per_second=[0-9.]*' "$OUT/torch.$r") $(grep -o 'inference_tokens_per_second=[0-9.]*' "$OUT/torch.$r")"
done
python3 - "$OUT" "$RUNS" <<'PY'
import re, statistics, sys
out, runs = sys.argv[1], int(sys.argv[2])
def values(side, key):
    return [float(re.search(r"(?<![a-z_])" + key + r"=([0-9.]+)", open(f"{out}/{side}.{r}").read()).group(1)) for r in range(1, runs + 1)]
for key in ("train_tokens_per_second", "inference_tokens_per_second"):
    j, t = statistics.median(values("java", key)), statistics.median(values("torch", key))
    print(f"median {key}: focal4j {j:.0f}, pytorch {t:.0f}, ratio {j / t:.2f}x")
t = statistics.median(values("torch", "train_tokens_per_second"))
for key in ("train_float64_tokens_per_second", "inference_float64_tokens_per_second"):
    j = statistics.median(values("java", key))
    print(f"median {key}: focal4j {j:.0f}" + (f", ratio to pytorch's float32 training {j / t:.2f}x" if key.startswith("train") else ""))
PY
