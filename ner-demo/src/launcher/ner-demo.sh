#!/bin/sh
# ner-demo @VERSION@ launcher, written by the build from ner-demo/src/launcher/ner-demo.sh.
#
# Runs ner-demo.jar (one directory up from this script) with the three JVM options the demo needs:
#   --add-modules jdk.incubator.vector   the vectorized loss kernels (without it: the scalar ones, 2-3x slower) and
#                                        float32 tagging (without it: float64, about 4x slower)
#   -XX:Tier3DelayOn=100000              HotSpot keeps profiling methods while C2's queue is long. By default it
#                                        stops: on 2 cores at start-up the Vector API's own methods then lost their
#                                        type profiles, and C2 compiled the training kernels with boxed vectors:
#                                        3-4x slower for the whole run, in about 3 runs of 10 (models README)
#   -Xmx768m                             a heap cap that fits every command of the README and keeps training the
#                                        conll preset under 1 GiB of resident memory (1g let it reach 1,038 MiB)
# JAVA_HOME selects the JVM (else java on the PATH). JAVA_OPTS and NER_DEMO_OPTS add JVM options after these,
# so NER_DEMO_OPTS=-Xmx4g raises the heap. Arguments go to ner-demo unchanged; its exit code is this script's.

app=$0
# Follow symbolic links to the real script, so a link in ~/bin or /usr/local/bin works.
while [ -h "$app" ]; do
  link=$(ls -ld "$app")
  link=${link#*' -> '}
  case $link in
    /*) app=$link ;;
    *) app=$(dirname "$app")/$link ;;
  esac
done
app_home=$(cd "$(dirname "$app")/.." && pwd -P) || exit 1
jar=$app_home/ner-demo.jar

if [ -n "$JAVA_HOME" ]; then
  java_cmd=$JAVA_HOME/bin/java
  if [ ! -x "$java_cmd" ]; then
    echo "ner-demo: JAVA_HOME=$JAVA_HOME has no bin/java" >&2
    exit 1
  fi
else
  java_cmd=java
  if ! command -v java >/dev/null 2>&1; then
    echo "ner-demo: no java on the PATH: install JDK 17+ or set JAVA_HOME" >&2
    exit 1
  fi
fi
if [ ! -f "$jar" ]; then
  echo "ner-demo: $jar not found (build it: mvn -B -q -pl ner-demo -am package -DskipTests)" >&2
  exit 1
fi

# shellcheck disable=SC2086 # JAVA_OPTS and NER_DEMO_OPTS are word-split on purpose
exec "$java_cmd" --add-modules jdk.incubator.vector -XX:Tier3DelayOn=100000 -Xmx768m $JAVA_OPTS $NER_DEMO_OPTS -jar "$jar" "$@"
