#!/usr/bin/env bash
# The best CoNLL-2003 configuration of the NER demo, from scratch (no pretrained embeddings): trains
# `ner-demo train --preset conll` on ../shared/data/conll2003/train.txt with dev.txt for model selection,
# scores test.txt, and writes the same JSON report as `train --report` to REPORT.json.
#
#   benchmarks/conll2003-best.sh REPORT.json [more train flags, e.g. --epochs 2 for a smoke run]
#   CONLL_DIR=/path/to/conll2003 OUT=run-dir benchmarks/conll2003-best.sh report.json
#   PRESET=conll-softmax benchmarks/conll2003-best.sh report.json     (the same model with the softmax head)
#   PRESET=conll-fast benchmarks/conll2003-best.sh report.json        (word dropout 0.2, 5 epochs at Adam 3e-3: time to quality)
#   PRESET=conll-small benchmarks/conll2003-best.sh report.json       (conll-fast with BiLSTM 128+128: faster tagging)
#   PRESET=conll-quick benchmarks/conll2003-best.sh report.json       (BiLSTM 64+64, 1 epoch at Adam 1e-2 in float32: less than the peers' training time)
#   benchmarks/conll2003-best.sh report.json --loss 'focal(gamma=2)' --crf-mix 0.5 --seed 2
#                                        (CRF + focal loss on its marginals, mixed half and half with the NLL)
#
# The preset (see `ner-demo train --help`): lower-cased words 100 (min count 2, so the unknown-word vector
# is trained on singletons), char CNN 30 dims x 50 filters width 3, casing embedding 8, BiLSTM 200+200,
# dropout 0.5, CRF head with BIOES constraints on BIOES tags, Adam 1e-3 decaying linearly to 1e-4 over 15 epochs,
# gradient clipping at 5, batches of 16; the model keeps its best dev epoch. Target: test F1 >= 84 within 30
# minutes on 2 cores. Measured (one seed, two shared cores): test F1 84.41, dev 90.06, best epoch 6; 578 s on
# a quiet Zen 4 machine (743 s on a busy one), 957 s on a quiet Zen 3 one, the same scores each time.
# Needs: java 17, GNU time (/usr/bin/time); builds ner-demo/target/ner-demo.jar if missing. Checkpoints go to OUT (default: a
# temporary folder); after an interruption, continue with: java -jar ner-demo/target/ner-demo.jar train --resume OUT
set -euo pipefail
[ $# -ge 1 ] || { echo "usage: $0 REPORT.json [train flags]" >&2; exit 2; }
REPORT=$(realpath -m "$1")
shift
cd "$(dirname "$0")/.."
DATA=${CONLL_DIR:-../shared/data/conll2003}
for f in train dev test; do
  [ -f "$DATA/$f.txt" ] || { echo "no CoNLL-2003 $f.txt in $DATA (set CONLL_DIR)" >&2; exit 1; }
done
JAR=ner-demo/target/ner-demo.jar
[ -f "$JAR" ] || mvn -B -q -pl ner-demo -am package -DskipTests
OUT=${OUT:-$(mktemp -d)}
START=$(date +%s)
RSS=$(mktemp)
/usr/bin/time -f "%M" -o "$RSS" java @ner-demo/src/launcher/jvm.options -jar "$JAR" train --preset "${PRESET:-conll}" \
  --train "$DATA/train.txt" --dev "$DATA/dev.txt" --test "$DATA/test.txt" \
  --out "$OUT" --report "$REPORT" --threads 2 --no-progress "$@"
END=$(date +%s)
echo "peak RSS $(( $(tail -1 "$RSS") / 1024 )) MiB (the JVM as the launcher starts it: @ner-demo/src/launcher/jvm.options)"
rm -f "$RSS"
python3 - "$REPORT" "$((END - START))" <<'PY' || true
import json, sys
r = json.load(open(sys.argv[1]))
t = r["train"]
print(f"test F1 {r['test']['f1']:.2f} (P {r['test']['precision']:.2f}, R {r['test']['recall']:.2f}); "
      f"dev F1 {r['dev']['f1']:.2f}; {t['epochs']} epochs, best epoch {t['best_epoch']}, "
      f"{t['tokens_per_second']:.0f} training tokens/s; wall time {sys.argv[2]} s")
PY
echo "report: $REPORT; model: $OUT/model.f4j"
