#!/usr/bin/env bash
# The original article's claims (Su Jianlin, 2017, "从loss的硬截断、软化到focal loss") on real imbalanced data:
# `ner-demo sweep imbalance` on CoNLL-2003 with every training sentence without an entity kept and a share
# s in {1, 0.1, 0.03} of those with one (about 83, 93 and 97 % O tokens; the report gives the real shares),
# the same sentences for every loss and seed of a level; dev and test untouched. Nine losses on the softmax
# head and the CRF head's likelihood vs likelihood + focal loss of its marginals (mu 0.5), 3 seeds each:
# 99 runs, each one Spark task on local[2] (two runs side by side, one core each).
#
#   benchmarks/sweep-imbalance-conll2003.sh OUT_DIR [more sweep flags]
#   CONLL_DIR=/path/to/conll2003 benchmarks/sweep-imbalance-conll2003.sh out
#   SPARK=local benchmarks/sweep-imbalance-conll2003.sh out       (no Spark: ner-demo's own runner, --threads 2)
#
# Model and budget: --preset demo (lower-cased words 50, char CNN 20x20, BiLSTM 50+50, dropout 0.25, Adam 2e-3,
# batches of 16, IOB2 tags; the CRF series put a BIO-constrained CRF head on it), 4 epochs of the full training
# set = 3,512 steps for every run at every level (fewer sentences, more epochs), final parameters, dev scored
# every 175 steps for the steps to dev F1 >= 75. Chosen so that the whole table runs in well under 90 minutes on
# two cores; the wall time of the measured run is in the root README.
# Resumable: every finished run is appended to OUT_DIR/sweep-imbalance.runs.jsonl; run the same command again
# after an interruption and only the missing runs train. Writes OUT_DIR/sweep-imbalance.{md,json,png}.
# Needs: java 17, ../shared/data/conll2003; builds spark/target/focal4j-spark.jar if missing.
set -euo pipefail
[ $# -ge 1 ] || { echo "usage: $0 OUT_DIR [sweep flags]" >&2; exit 2; }
OUT=$(realpath -m "$1")
shift
cd "$(dirname "$0")/.."
DATA=${CONLL_DIR:-../shared/data/conll2003}
for f in train dev test; do
  [ -f "$DATA/$f.txt" ] || { echo "no CoNLL-2003 $f.txt in $DATA (set CONLL_DIR)" >&2; exit 1; }
done
ARGS_FILE=${ARGS_FILE:-spark/target/focal4j-spark.args}
[ -f "$ARGS_FILE" ] || mvn -B -q -pl spark -am package -DskipTests
LOSSES='ce,hard,soft(k=1),focal(gamma=1),focal(gamma=2),focal(gamma=2,alpha=0.75),focal(gamma=2,alpha=0.5),dsc,mom'
LOSSES="$LOSSES,crf,crf(mu=0.5):focal(gamma=2)"
if [ "${SPARK:-local[2]}" = local ]; then WHERE=(--threads 2); else WHERE=(--spark "${SPARK:-local[2]}"); fi
START=$(date +%s)
java @"$ARGS_FILE" @ner-demo/src/launcher/jvm.options -Xmx4g io.github.focal4j.ner.cli.Main \
  sweep imbalance --preset demo --epochs 4 \
  --train "$DATA/train.txt" --dev "$DATA/dev.txt" --test "$DATA/test.txt" \
  --values 1,0.1,0.03 --losses "$LOSSES" --seeds 3 --target-f1 75 \
  --no-progress --out "$OUT" "${WHERE[@]}" "$@"
echo "wall time $(( $(date +%s) - START )) s; report: $OUT/sweep-imbalance.md"
