#!/usr/bin/env bash
# Focal4J against the two Java NER peers on CoNLL-2003, side by side: trains Apache OpenNLP 2.5.4's
# NameFinderME (maxent, 100 iterations, cutoff 5, default features) and Stanford CoreNLP 4.5.7's CRFClassifier
# (the english.conll.4class feature set without distributional similarity, IO labels) on train.txt, tags
# test.txt with each and scores it with `ner-demo evaluate` (conlleval), then trains Focal4J's
# `--preset conll` (benchmarks/conll2003-best.sh; PRESET=conll-fast for another preset) and measures its tagging
# with benchmarks/tag-throughput.sh.
# Prints the date, the CPU and one Markdown table: test F1, training seconds, tagging tokens/s, peak RSS.
#
#   benchmarks/peers.sh                                   (about 10 + 3 + 1 min of training, then tagging)
#   PRESET=conll-fast benchmarks/peers.sh                 (Focal4J's time-to-quality preset instead of conll)
#   PRESET=conll-small benchmarks/peers.sh                (its smaller BiLSTM, 128+128, for tagging throughput)
#   PRESET="conll-quick conll-small conll-fast" benchmarks/peers.sh   (a row for each preset, in the peers' sitting)
#   SKIP_FOCAL4J=1 benchmarks/peers.sh                    (the two peers only)
#   FOCAL4J_MODEL=DIR FOCAL4J_REPORT=FILE benchmarks/peers.sh
#                      (reuse a `train --out` DIR and its `--report` JSON: no Focal4J training; its training
#                       seconds are the report's train.seconds, its training RSS is not known)
#   PEERS_SMOKE=1 benchmarks/peers.sh                     (a check of every path in about a minute: the first
#                      1,000 training sentences, 10 iterations (CoreNLP: tolerance
#                      1e-2), 1 thread, 50,000 tagged tokens, 1 repeat;
#                      Focal4J trains 1 epoch on the same sentences unless FOCAL4J_MODEL or SKIP_FOCAL4J)
#
# Environment: CONLL_DIR (default ../shared/data/conll2003: train.txt, dev.txt, test.txt, 4 columns, IOB2);
# THREADS (training threads of every tool, default 2: OpenNLP's Threads, CoreNLP's multiThreadGrad; Focal4J's
# script always uses 2); TAG_THREADS (tagging threads of every tool, default 2; the peers share documents out
# over threads, Focal4J's row is tag-throughput.sh's row of that thread count); TRAIN_REPEATS (default 1) and
# TAG_REPEATS (default 3): medians over repeats, peak RSS the largest; TAG_TOKENS (default 500000): the
# test sentences as raw text repeated to at least that many tokens; PEER_JAVA_OPTS (default none: the JVM's
# default heap, a quarter of RAM) for the peers' JVMs; PEERS_OUT (keep models, predictions and logs there;
# default a temporary folder, deleted at the end).
#
# Measures: /usr/bin/time -f "%e %M" around one JVM per phase. Training seconds = the wall time of the
# training JVM (JVM start, reading the data and writing the model included; Focal4J's also scores dev after
# every epoch and test at the end, its report's train.seconds is printed under the table). Tagging tokens/s
# = tokens of the repeated text / wall time of the tagging JVM, JVM start and model loading included (as
# tag-throughput.sh); the peers' first copy of the test text is the one scored. The peers' programs are
# compiled once with javac so that no run times the source launcher's compilation.
#
# Needs: java 17, mvn (fetches the peers' jars from Maven Central into benchmarks/target/peers at the first
# run: they are benchmark-only tools, never a dependency of a Focal4J module; CoreNLP is GPL-3.0), python3,
# GNU time (/usr/bin/time), ner-demo/target/ner-demo.jar (built if missing). Figures issue "Ahead of the Java
# NER peers" (2 cores): OpenNLP 80.65 F1, 29 s, 80.0k tokens/s, 1.8 GB; CoreNLP 84.78 F1, 172 s, 36.8k
# tokens/s, 5.6 GB.
set -euo pipefail
cd "$(dirname "$0")/.."
DATA=${CONLL_DIR:-../shared/data/conll2003}
for f in train dev test; do
  [ -f "$DATA/$f.txt" ] || { echo "no CoNLL-2003 $f.txt in $DATA (set CONLL_DIR)" >&2; exit 1; }
done
DATA=$(realpath "$DATA")
[ -x /usr/bin/time ] || { echo "needs GNU time at /usr/bin/time (apt-get install time)" >&2; exit 1; }
OPENNLP_VERSION=2.5.4
SLF4J_VERSION=2.0.17
CORENLP_VERSION=4.5.7
SMOKE=${PEERS_SMOKE:-0}
if [ "$SMOKE" = 1 ]; then
  SENTENCES=1000 ITERATIONS=10 THREADS=${THREADS:-1} TAG_THREADS=${TAG_THREADS:-1}
  TAG_TOKENS=${TAG_TOKENS:-50000} TAG_REPEATS=${TAG_REPEATS:-1}
else
  SENTENCES=all ITERATIONS=100 THREADS=${THREADS:-2} TAG_THREADS=${TAG_THREADS:-2}
  TAG_TOKENS=${TAG_TOKENS:-500000} TAG_REPEATS=${TAG_REPEATS:-3}
fi
TRAIN_REPEATS=${TRAIN_REPEATS:-1}
read -r -a JOPTS <<< "${PEER_JAVA_OPTS:-}"
JAR=${JAR:-ner-demo/target/ner-demo.jar}
[ -f "$JAR" ] || mvn -B -q -pl ner-demo -am package -DskipTests
if [ "${SKIP_FOCAL4J:-0}" != 1 ] && ! java -jar "$JAR" tag --help 2>&1 | grep -q -- --precision; then
  echo "$JAR predates 'tag --precision' (tag-throughput.sh needs it): rebuild it with" \
    "mvn -B -q -pl ner-demo -am package -DskipTests" >&2; exit 1
fi
export JAR

# The peers' jars, fetched once (plain copies of the artifacts; no project pom is involved).
LIB=benchmarks/target/peers
fetch() { # DIR GROUP:ARTIFACT:VERSION
  local f
  f="$1/$(echo "$2" | cut -d: -f2)-$(echo "$2" | cut -d: -f3).jar"
  [ -f "$f" ] || mvn -B -q dependency:copy -Dartifact="$2" -DoutputDirectory="$1" \
    || { echo "could not fetch $2 from Maven Central" >&2; exit 1; }
}
fetch $LIB/opennlp org.apache.opennlp:opennlp-tools:$OPENNLP_VERSION
fetch $LIB/opennlp org.slf4j:slf4j-api:$SLF4J_VERSION
fetch $LIB/opennlp org.slf4j:slf4j-simple:$SLF4J_VERSION
fetch $LIB/corenlp edu.stanford.nlp:stanford-corenlp:$CORENLP_VERSION
CP_OPENNLP="$(realpath $LIB/opennlp)/*"
CP_CORENLP="$(realpath $LIB/corenlp)/*"

if [ -n "${PEERS_OUT:-}" ]; then
  WORK=$(realpath -m "$PEERS_OUT"); mkdir -p "$WORK"
else
  WORK=$(mktemp -d); trap 'rm -rf "$WORK"' EXIT
fi
mkdir -p "$WORK/classes"
javac -d "$WORK/classes" -cp "$CP_OPENNLP" benchmarks/peers/OpenNlpPeer.java
javac -d "$WORK/classes" -cp "$CP_CORENLP" benchmarks/peers/CoreNlpPeer.java

# The tagging text: test.txt's sentences as raw text, documents apart, repeated to >= TAG_TOKENS tokens.
N=$(python3 benchmarks/conll-text.py "$DATA/test.txt" "$TAG_TOKENS" "$WORK/text.txt")
START=$(date -u '+%H:%M')

# timed LOG CMD...: runs CMD under GNU time, its stdout and stderr to LOG; sets SECS and KIB.
timed() {
  local log=$1; shift
  if ! /usr/bin/time -f "%e %M" -o "$WORK/time" "$@" > "$log" 2>&1; then
    echo "failed: $* (last lines of $log):" >&2; tail -n 20 "$log" >&2; exit 1
  fi
  read -r SECS KIB < <(tail -n 1 "$WORK/time")
}
median() { printf '%s\n' "$@" | sort -g | awk '{a[NR]=$1} END {print (NR % 2) ? a[(NR+1)/2] : (a[NR/2] + a[NR/2+1]) / 2}'; }
maxof() { printf '%s\n' "$@" | sort -g | tail -n 1; }

# score TAGGED.tsv NAME: the first copy of the test text in TAGGED beside test.txt's gold tags as
# 'token POS gold pred' lines, scored by ner-demo evaluate; sets F1.
score() {
  python3 benchmarks/peers/conll_score.py "$DATA/test.txt" "$1" "$WORK/$2.pred"
  java -jar "$JAR" evaluate --predictions "$WORK/$2.pred" > "$WORK/$2.eval"
  F1=$(sed -n 's/.*FB1: *\([0-9.]*\).*/\1/p' "$WORK/$2.eval" | head -n 1)
  [ -n "$F1" ] || { echo "no FB1 in $WORK/$2.eval" >&2; exit 1; }
}

ROWS=()
# peer NAME CLASS MODEL_FILE CLASSPATH TRAIN_ARGS...: trains TRAIN_REPEATS times, tags TAG_REPEATS times.
peer() {
  local name=$1 cls=$2 model=$WORK/$3 cp=$4:$WORK/classes; shift 4
  local ts=() tk=() gs=() gk=() i
  for i in $(seq "$TRAIN_REPEATS"); do
    echo "$name: training ($i/$TRAIN_REPEATS)" >&2
    timed "$WORK/$name-train.log" java "${JOPTS[@]}" -cp "$cp" "$cls" train "$DATA/train.txt" "$model" "$@"
    ts+=("$SECS"); tk+=("$KIB")
  done
  for i in $(seq "$TAG_REPEATS"); do
    echo "$name: tagging $N tokens ($i/$TAG_REPEATS)" >&2
    timed "$WORK/$name-tag.log" java "${JOPTS[@]}" -cp "$cp" "$cls" tag "$model" "$WORK/text.txt" \
      "$WORK/$name-tagged-$i.tsv" "$TAG_THREADS"
    gs+=("$SECS"); gk+=("$KIB")
    [ "$i" = 1 ] || cmp -s "$WORK/$name-tagged-1.tsv" "$WORK/$name-tagged-$i.tsv" \
      || { echo "$name: tagging run $i printed different tags from run 1" >&2; exit 1; }
  done
  score "$WORK/$name-tagged-1.tsv" "$name"
  local tsec gsec
  tsec=$(median "${ts[@]}"); gsec=$(median "${gs[@]}")
  ROWS+=("$(printf '| %s | %s | %.0f | %s | %s / %s |' "$name" "$F1" "$tsec" \
    "$(python3 -c "print(f'{$N / $gsec:,.0f}')")" \
    "$(( $(maxof "${tk[@]}") / 1024 ))" "$(( $(maxof "${gk[@]}") / 1024 ))")")
  rm -f "$WORK/$name"-tagged-[2-9]*.tsv
}

if [ "$SMOKE" = 1 ]; then
  peer "OpenNLP $OPENNLP_VERSION" OpenNlpPeer opennlp.bin "$CP_OPENNLP" "$ITERATIONS" "$THREADS" "$SENTENCES"
  peer "CoreNLP $CORENLP_VERSION" CoreNlpPeer corenlp.ser.gz "$CP_CORENLP" "$THREADS" "$SENTENCES" 1e-2
else
  peer "OpenNLP $OPENNLP_VERSION" OpenNlpPeer opennlp.bin "$CP_OPENNLP" "$ITERATIONS" "$THREADS"
  peer "CoreNLP $CORENLP_VERSION" CoreNlpPeer corenlp.ser.gz "$CP_CORENLP" "$THREADS"
fi

# focal4j_row PRESET: trains the preset (or takes FOCAL4J_MODEL), measures its tagging, adds its row and note.
NOTES=()
focal4j_row() {
  local preset=$1 model report F4J_TRAIN="–" F4J_TRAIN_RSS="–" F4J_F1 F4J_SECS F4J_DESC F4J_TPS F4J_TAG_RSS
  if [ -n "${FOCAL4J_MODEL:-}" ]; then
    model=$(realpath "$FOCAL4J_MODEL")
    report=${FOCAL4J_REPORT:?FOCAL4J_MODEL needs FOCAL4J_REPORT, the JSON report of the same training}
    report=$(realpath "$report")
  else
    model=$WORK/focal4j-$preset report=$WORK/focal4j-$preset.json
    local flags=() f4j_data=$DATA ts=() tk=() i
    if [ "$SMOKE" = 1 ]; then # the first SENTENCES training sentences, one epoch
      f4j_data=$WORK/smoke-data; mkdir -p "$f4j_data"
      awk -v n="$SENTENCES" '/^$/ { if (s) k++; s = 0; if (k >= n) exit } NF && !/^-DOCSTART-/ { s = 1 } { print }' \
        "$DATA/train.txt" > "$f4j_data/train.txt"
      ln -sf "$DATA/dev.txt" "$DATA/test.txt" "$f4j_data/"
      flags=(--epochs 1)
    fi
    for i in $(seq "$TRAIN_REPEATS"); do
      echo "Focal4J $preset: training ($i/$TRAIN_REPEATS)" >&2
      timed "$WORK/focal4j-$preset-train.log" env CONLL_DIR="$f4j_data" OUT="$model" PRESET="$preset" \
        benchmarks/conll2003-best.sh "$report" "${flags[@]}"
      ts+=("$SECS"); tk+=("$KIB")
    done
    F4J_TRAIN=$(printf '%.0f' "$(median "${ts[@]}")") F4J_TRAIN_RSS=$(( $(maxof "${tk[@]}") / 1024 ))
  fi
  read -r F4J_F1 F4J_SECS F4J_DESC < <(python3 -c "
import json, sys
r = json.load(open(sys.argv[1]))
print(f\"{r['test']['f1']:.2f} {r['train']['seconds']:.0f} {r['settings']['description']}\")" "$report")
  [ "$F4J_TRAIN" != "–" ] || F4J_TRAIN="$F4J_SECS ‡"
  echo "Focal4J $preset: tagging (benchmarks/tag-throughput.sh)" >&2
  CONLL_DIR="$DATA" benchmarks/tag-throughput.sh "$model" "$TAG_TOKENS" "$TAG_REPEATS" > "$WORK/focal4j-$preset-tag.log" 2>&1 \
    || { echo "tag-throughput.sh failed:" >&2; tail -n 20 "$WORK/focal4j-$preset-tag.log" >&2; exit 1; }
  read -r F4J_TPS F4J_TAG_RSS < <(awk -F'|' -v t="$TAG_THREADS" \
    '$2 + 0 == t && $3 ~ /float32/ { gsub(/ /, "", $5); gsub(/ /, "", $6); print $5, $6 }' "$WORK/focal4j-$preset-tag.log")
  [ -n "${F4J_TPS:-}" ] || { echo "no row for $TAG_THREADS threads in tag-throughput.sh's output" >&2; exit 1; }
  ROWS+=("| Focal4J \`$F4J_DESC\` | $F4J_F1 | $F4J_TRAIN | $F4J_TPS | $F4J_TRAIN_RSS / $F4J_TAG_RSS |")
  NOTES+=("Focal4J: report $report, training only (no evaluation) $F4J_SECS s; model $model.")
}

if [ "${SKIP_FOCAL4J:-0}" != 1 ]; then
  if [ -n "${FOCAL4J_MODEL:-}" ]; then
    focal4j_row reused
  else
    for preset in ${PRESET:-conll}; do
      focal4j_row "$preset"
    done
  fi
fi

echo
benchmarks/machine-label.sh
echo "started $START UTC (the label above dates the end); training: ${SENTENCES} sentences of $DATA/train.txt, $THREADS threads$([ "$SMOKE" = 1 ] && echo ", OpenNLP $ITERATIONS iterations, CoreNLP tolerance 1e-2, Focal4J 1 epoch (PEERS_SMOKE=1)"); $TRAIN_REPEATS run(s), median"
echo "tagging: $N tokens (test.txt repeated), $TAG_THREADS threads, JVM start included; $TAG_REPEATS run(s), median; peer JVM options: ${PEER_JAVA_OPTS:-default}"
echo
echo "| tool | test F1 | training s | tagging tokens/s | peak RSS train / tag (MiB) |"
echo "|---|---:|---:|---:|---:|"
printf '%s\n' "${ROWS[@]}"
[ ${#NOTES[@]} = 0 ] || { echo; printf '%s\n' "${NOTES[@]}"; }
[ -z "${FOCAL4J_MODEL:-}" ] || echo "‡ the report's train.seconds (training only; FOCAL4J_MODEL reused, so no training RSS)."
[ -z "${PEERS_OUT:-}" ] || echo "models, predictions (*.pred), conlleval reports (*.eval) and logs: $WORK"
