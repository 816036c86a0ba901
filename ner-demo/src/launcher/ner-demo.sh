#!/bin/sh
# ner-demo @VERSION@ launcher, written by the build from ner-demo/src/launcher/ner-demo.sh.
#
# Runs ner-demo.jar (one directory up from this script) with the JVM options the demo needs, from jvm.options
# beside this script (the Vector API module, HotSpot's compile policy and a heap cap; each explained there).
# JAVA_HOME selects the JVM (else java on the PATH). JAVA_OPTS and NER_DEMO_OPTS add JVM options after those,
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

options=$app_home/bin/jvm.options
if [ ! -f "$options" ]; then
  echo "ner-demo: $options not found (build it: mvn -B -q -pl ner-demo -am package -DskipTests)" >&2
  exit 1
fi

# shellcheck disable=SC2086 # JAVA_OPTS and NER_DEMO_OPTS are word-split on purpose
exec "$java_cmd" @"$options" $JAVA_OPTS $NER_DEMO_OPTS -jar "$jar" "$@"
