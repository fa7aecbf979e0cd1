# Sourced by bin/baton, .ci/run and mvnw (POSIX sh): finds a JDK >= 21.
# Order: JAVA_HOME, then `java` on PATH, then the usual JVM folders (or those in BATON_JDK_DIRS).
# On success prints the JDK home on stdout and returns 0; otherwise prints nothing, returns 1.

baton_java_feature() {
  # $1: a JDK home. Prints its feature version (21, 25, ...) or nothing.
  _bj_v=""
  if [ -f "$1/release" ]; then
    _bj_v=$(sed -n 's/^JAVA_VERSION="\([0-9][0-9]*\).*/\1/p' "$1/release" | head -n 1)
  fi
  if [ -z "$_bj_v" ] && [ -x "$1/bin/java" ]; then
    _bj_v=$("$1/bin/java" -version 2>&1 | sed -n 's/.*version "\([0-9][0-9]*\).*/\1/p' | head -n 1)
  fi
  [ "$_bj_v" = "1" ] && _bj_v=8
  printf '%s' "$_bj_v"
}

baton_jdk_ok() {
  # $1: a candidate JDK home; true when it holds java >= 21.
  [ -n "$1" ] && [ -x "$1/bin/java" ] || return 1
  _bj_f=$(baton_java_feature "$1")
  [ -n "$_bj_f" ] && [ "$_bj_f" -ge 21 ] 2>/dev/null
}

baton_find_jdk() {
  if [ -n "${JAVA_HOME:-}" ] && baton_jdk_ok "$JAVA_HOME"; then printf '%s\n' "$JAVA_HOME"; return 0; fi
  if command -v java >/dev/null 2>&1; then
    _bj_home=$(dirname "$(dirname "$(readlink -f "$(command -v java)")")")
    if baton_jdk_ok "$_bj_home"; then printf '%s\n' "$_bj_home"; return 0; fi
  fi
  _bj_noglob=0
  case $- in *f*) _bj_noglob=1; set +f ;; esac
  _bj_found=""
  # BATON_JDK_DIRS, when set, replaces the usual folders (space-separated, globs allowed).
  _bj_home_dir=${HOME:-/nonexistent}
  _bj_dirs=${BATON_JDK_DIRS-"/usr/lib/jvm/* /usr/java/* /opt/java/* /opt/jdk* /usr/local/lib/jvm/* \
/Library/Java/JavaVirtualMachines/*/Contents/Home $_bj_home_dir/.sdkman/candidates/java/* $_bj_home_dir/.jdks/*"}
  for _bj_c in $_bj_dirs; do
    if [ -d "$_bj_c" ] && baton_jdk_ok "$_bj_c"; then _bj_found="$_bj_c"; break; fi
  done
  [ "$_bj_noglob" = 1 ] && set -f
  [ -n "$_bj_found" ] || return 1
  printf '%s\n' "$_bj_found"
}
