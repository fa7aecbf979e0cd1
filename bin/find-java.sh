# Sourced by bin/baton, .ci/run and mvnw (POSIX sh): finds a JDK >= 21.
# Order: JAVA_HOME, then `java` on PATH, then the usual JVM folders (or those in BATON_JDK_DIRS).
# baton_find_jdk: on success prints the JDK home on stdout and returns 0; otherwise prints nothing,
# returns 1. baton_find_jdk_var does the same into BATON_JDK and BATON_JAVA_FEATURE, without forking.

baton_java_feature_var() {
  # $1: a JDK home. Sets BATON_JAVA_FEATURE to its feature version (21, 25, ...) or "". Reads the
  # release file with shell builtins: the launcher runs this before every command, so no forks.
  BATON_JAVA_FEATURE=""
  if [ -f "$1/release" ]; then
    while IFS= read -r _bj_line || [ -n "$_bj_line" ]; do
      case $_bj_line in
        JAVA_VERSION=*)
          _bj_line=${_bj_line#JAVA_VERSION=}; _bj_line=${_bj_line#\"}
          BATON_JAVA_FEATURE=${_bj_line%%[!0-9]*}
          break ;;
      esac
    done < "$1/release"
  fi
  if [ -z "$BATON_JAVA_FEATURE" ] && [ -x "$1/bin/java" ]; then
    BATON_JAVA_FEATURE=$("$1/bin/java" -version 2>&1 | sed -n 's/.*version "\([0-9][0-9]*\).*/\1/p' | head -n 1)
  fi
  [ "$BATON_JAVA_FEATURE" = "1" ] && BATON_JAVA_FEATURE=8
  return 0
}

baton_java_feature() {
  # $1: a JDK home. Prints its feature version (21, 25, ...) or nothing.
  baton_java_feature_var "$1"
  printf '%s' "$BATON_JAVA_FEATURE"
}

baton_jdk_ok() {
  # $1: a candidate JDK home; true when it holds java >= 21 (and BATON_JAVA_FEATURE is its version).
  [ -n "$1" ] && [ -x "$1/bin/java" ] || return 1
  baton_java_feature_var "$1"
  [ -n "$BATON_JAVA_FEATURE" ] && [ "$BATON_JAVA_FEATURE" -ge 21 ] 2>/dev/null
}

baton_find_jdk_var() {
  # Sets BATON_JDK (and BATON_JAVA_FEATURE) and returns 0, or returns 1.
  BATON_JDK=""
  if [ -n "${JAVA_HOME:-}" ] && baton_jdk_ok "$JAVA_HOME"; then BATON_JDK=$JAVA_HOME; return 0; fi
  if command -v java >/dev/null 2>&1; then
    _bj_home=$(readlink -f "$(command -v java)"); _bj_home=${_bj_home%/*}; _bj_home=${_bj_home%/*}
    if baton_jdk_ok "$_bj_home"; then BATON_JDK=$_bj_home; return 0; fi
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
  baton_jdk_ok "$_bj_found"
  BATON_JDK=$_bj_found
}

baton_find_jdk() {
  baton_find_jdk_var || return 1
  printf '%s\n' "$BATON_JDK"
}
