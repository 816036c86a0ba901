#!/usr/bin/env bash
# Checks a staged release bundle (Maven repository layout, as `mvn -P release deploy` writes it) is what Maven
# Central accepts, for every module the build publishes:
#   * the set of artifacts: the parent POM and every module listed in the root pom.xml, except modules that set
#     maven.deploy.skip (benchmarks) — those must be absent;
#   * per artifact: the POM, and for jar packaging the jar, -sources.jar and -javadoc.jar (javadoc with an
#     index.html, sources with .java files, the jar with META-INF/LICENSE);
#   * an .md5 and a .sha1 beside every file, matching it; with --signed an .asc signature too, verified by gpg;
#   * the POM metadata Central requires (name, description, url, licenses, developers, scm), in the POM or
#     inherited from the parent POM.
# Usage: tools/release/check-staging.sh [--signed] [STAGING_DIR]   (default target/staging). Exit 0 when
# complete, 1 with one line per problem otherwise.
set -uo pipefail
cd "$(dirname "$0")/../.."

signed=false
if [[ ${1:-} == --signed ]]; then
  signed=true
  shift
fi
staging=${1:-target/staging}
group=io/github/focal4j
problems=0
problem() {
  echo "check-staging: $*" >&2
  problems=$((problems + 1))
}

[[ -d $staging/$group ]] || { echo "check-staging: $staging/$group: no staged artifacts" >&2; exit 1; }

# The first <tag>value</tag> of a POM outside <parent>, <dependencies> and friends: enough for these POMs.
pom_value() { # file tag
  sed -e '/<parent>/,/<\/parent>/d' -e '/<dependencyManagement>/,/<\/dependencyManagement>/d' \
      -e '/<dependencies>/,/<\/dependencies>/d' -e '/<build>/,/<\/build>/d' -e '/<profiles>/,/<\/profiles>/d' "$1" |
    tr '\n' ' ' | grep -o "<$2>[^<]*</$2>" | head -1 | sed -e "s|<$2>||" -e "s|</$2>||"
}

# Expected artifacts: the parent, and each module of the root POM that is deployed.
expected=("$(pom_value pom.xml artifactId)")
not_expected=()
for module in $(sed -n 's|.*<module>\(.*\)</module>.*|\1|p' pom.xml); do
  id=$(pom_value "$module/pom.xml" artifactId)
  if grep -q '<maven.deploy.skip>true</maven.deploy.skip>' "$module/pom.xml"; then
    not_expected+=("$id")
  else
    expected+=("$id")
  fi
done

for id in "${not_expected[@]}"; do
  [[ -e $staging/$group/$id ]] && problem "$id is not published but is in the bundle"
done

check_file() { # path
  local f=$1
  [[ -s $f ]] || { problem "missing or empty: $f"; return; }
  for alg in md5 sha1; do
    if [[ ! -f $f.$alg ]]; then
      problem "missing checksum: $f.$alg"
    elif [[ $(tr -d ' \n' < "$f.$alg" | cut -c1-40) != $(${alg}sum "$f" | cut -d' ' -f1 | cut -c1-40) ]]; then
      problem "checksum does not match: $f.$alg"
    fi
  done
  if $signed; then
    if [[ ! -f $f.asc ]]; then
      problem "missing signature: $f.asc"
    elif ! gpg --batch --verify "$f.asc" "$f" 2>/dev/null; then
      problem "bad signature: $f.asc"
    fi
  fi
}

has_entry() { # jar regex: true when an entry of the jar matches the whole regex
  local entries
  entries=$(jar tf "$1") || return 1
  grep -qx "$2" <<< "$entries"
}

parent_pom=""
for id in "${expected[@]}"; do
  dir=$(find "$staging/$group/$id" -mindepth 1 -maxdepth 1 -type d 2>/dev/null | head -1)
  if [[ -z $dir ]]; then
    problem "$id: not in the bundle"
    continue
  fi
  # Release versions stage as id-1.2.3.pom; snapshots as id-1.2.3-20260101.120000-1.pom: take the newest POM's stem.
  pom=$(ls -1 "$dir"/"$id"-*.pom 2>/dev/null | sort | tail -1)
  if [[ -z $pom ]]; then
    problem "$id: no POM in $dir"
    continue
  fi
  stem=${pom%.pom}
  [[ $id == "${expected[0]}" ]] && parent_pom=$pom
  check_file "$pom"
  packaging=$(pom_value "$pom" packaging)
  if [[ ${packaging:-jar} == jar ]]; then
    for suffix in .jar -sources.jar -javadoc.jar; do
      check_file "$stem$suffix"
    done
    [[ -s $stem.jar ]] && ! has_entry "$stem.jar" 'META-INF/LICENSE' && problem "$stem.jar: no META-INF/LICENSE"
    [[ -s $stem-javadoc.jar ]] && ! has_entry "$stem-javadoc.jar" 'index\.html' && problem "$stem-javadoc.jar: no index.html"
    [[ -s $stem-sources.jar ]] && ! has_entry "$stem-sources.jar" '.*\.java' && problem "$stem-sources.jar: no .java file"
  fi
  for tag in name description url; do
    [[ -n $(pom_value "$pom" "$tag") || ( -n $parent_pom && -n $(pom_value "$parent_pom" "$tag") && $tag != name ) ]] ||
      problem "$id: POM has no <$tag>"
  done
  for tag in licenses developers scm; do
    grep -q "<$tag[ >]" "$pom" || { [[ -n $parent_pom ]] && grep -q "<$tag[ >]" "$parent_pom"; } ||
      problem "$id: POM has no <$tag> (nor its parent)"
  done
done

if ((problems > 0)); then
  echo "check-staging: $problems problem(s) in $staging" >&2
  exit 1
fi
echo "check-staging: $staging is complete: ${expected[*]} (not published: ${not_expected[*]:-none})"
