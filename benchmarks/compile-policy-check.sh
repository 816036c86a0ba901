#!/usr/bin/env bash
# Whether this machine's JVM keeps the training kernels fast on every run: RUNS rounds (default 10), each
# running `ner-demo compare --losses ce --seeds 2` (two 8-second trainings of the demo model on the built-in
# corpus) once through the launcher as it is and once with HotSpot's default compile policy put back
# (JAVA_OPTS=-XX:Tier3DelayOn=5, which comes after the launcher's -XX:Tier3DelayOn=100000 and wins), alternating.
# Prints each run's training tokens/s (the slower of its two trainings) and, per side, how many runs trained at
# less than half the fastest run's rate: the "slow" runs of the models README's section on the Vector API, where
# C2 compiled the kernels with boxed vectors for the whole run.
#
#   benchmarks/compile-policy-check.sh              RUNS=20 benchmarks/compile-policy-check.sh
#
# Needs java 17, python3 and the launcher (ner-demo/target/bin/ner-demo; built here if missing); no data.
set -euo pipefail
cd "$(dirname "$0")/.."
RUNS=${RUNS:-10}
LAUNCHER=$PWD/ner-demo/target/bin/ner-demo
[ -x "$LAUNCHER" ] || mvn -B -q -pl ner-demo -am package -DskipTests
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
echo "$(benchmarks/machine-label.sh); $("${JAVA_HOME:+$JAVA_HOME/bin/}java" -version 2>&1 | head -1) (the launcher's JVM: JAVA_HOME, else java on the PATH)"
for r in $(seq 1 "$RUNS"); do
  for side in launcher default; do
    dir=$WORK/$side-$r
    mkdir "$dir"
    opts=""
    [ "$side" = default ] && opts="-XX:Tier3DelayOn=5"
    (cd "$dir" && JAVA_OPTS=$opts NER_DEMO_OPTS="" "$LAUNCHER" compare --losses ce --seeds 2 --no-progress \
      > out.txt 2> err.txt) || { echo "compare failed:" >&2; tail -n 5 "$dir/err.txt" >&2; exit 1; }
    rate=$(grep -o '[0-9,]* tok/s' "$dir/err.txt" | tr -d ', tok/s' | sort -n | head -1)
    [ -n "$rate" ] || { echo "no tokens/s in $dir/err.txt" >&2; exit 1; }
    echo "$side $rate" >> "$WORK/rates"
    echo "round $r, $side: $rate training tokens/s"
  done
done
python3 - "$WORK/rates" <<'PY'
import sys
rates = {}
for line in open(sys.argv[1]):
    side, rate = line.split()
    rates.setdefault(side, []).append(int(rate))
best = max(r for rs in rates.values() for r in rs)
for side, label in (("launcher", "launcher (-XX:Tier3DelayOn=100000)"), ("default", "HotSpot's default (-XX:Tier3DelayOn=5)")):
    rs = sorted(rates[side])
    slow = sum(r < best / 2 for r in rs)
    print(f"{label}: {slow} of {len(rs)} runs slow (< {best // 2:,} tokens/s); range {rs[0]:,}-{rs[-1]:,}")
PY
