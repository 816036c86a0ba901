#!/usr/bin/env bash
# Reproducible-build check: builds the release artifacts (jars, sources, Javadoc, SBOMs) twice from a clean
# tree and compares the SHA-256 of every file. Two builds of one commit must be byte-identical; the archive
# entries get project.build.outputTimestamp from the root pom.xml, and nothing else of the build machine or
# time may end up in an artifact. Runs `mvn clean` in this checkout. About twice a `package` without tests.
# Usage: tools/release/check-reproducible.sh   (exit 0: identical; 1: the differing files are listed)
set -euo pipefail
cd "$(dirname "$0")/../.."

out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT

for build in 1 2; do
  echo "check-reproducible: build $build" >&2
  mvn -B -q -P release -Dgpg.skip -DskipTests clean package
  find . -mindepth 3 -maxdepth 3 -path './*/target/*' \
      \( -name '*.jar' -o -name '*.pom' -o -name 'bom.json' -o -name 'bom.xml' \) -print0 |
    sort -z | xargs -0 sha256sum > "$out/build$build.sha256"
done

count=$(wc -l < "$out/build1.sha256")
if ! diff "$out/build1.sha256" "$out/build2.sha256" > "$out/diff"; then
  echo "check-reproducible: the two builds differ:" >&2
  cat "$out/diff" >&2
  exit 1
fi
echo "check-reproducible: $count files byte-identical across two clean builds"
