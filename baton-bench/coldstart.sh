#!/usr/bin/env bash
# CLI cold start: `bin/baton --version` and `bin/baton profiles list`, measured with hyperfine
# from a scratch directory (no .baton project above it) with HOME pointing to an empty temporary
# directory (no user configuration, no credentials, no database).
#
# One run of each command comes first, outside the measurement: bin/baton rebuilds the CLI jar
# when sources changed and then trains the JDK 25 AOT cache once, which a user pays once per
# build, not per start. hyperfine then does one more warm-up run per command (file cache) and
# the measured runs. Nothing here asserts on time: it prints figures.
#
# Usage: baton-bench/coldstart.sh [runs] [--breakdown] [extra hyperfine options...]
#   runs defaults to 30; results also go to baton-bench/target/coldstart*.json
#   --breakdown also times the pieces: the JVM alone (`java -version` with the launcher's flags),
#   the CLI jar run directly with the AOT cache (no launcher script) for both commands, the same
#   without the AOT cache, and the launcher's own shell work (finding the JDK, staleness check).
set -euo pipefail

ROOT="$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/.." && pwd)"
BATON="$ROOT/bin/baton"
RUNS="${1:-30}"
shift || true
BREAKDOWN=0
if [ "${1:-}" = "--breakdown" ]; then BREAKDOWN=1; shift; fi

command -v hyperfine >/dev/null 2>&1 || { echo "coldstart.sh: needs hyperfine on PATH" >&2; exit 1; }

SCRATCH="$(mktemp -d)"
EMPTY_HOME="$(mktemp -d)"
trap 'rm -rf "$SCRATCH" "$EMPTY_HOME"' EXIT
OUT="$ROOT/baton-bench/target"
mkdir -p "$OUT"

# Configuration must come from nowhere but the empty home: drop XDG overrides that point elsewhere.
unset XDG_CONFIG_HOME XDG_DATA_HOME XDG_CACHE_HOME XDG_STATE_HOME
export HOME="$EMPTY_HOME"
cd "$SCRATCH"

echo "coldstart: warm-up (builds the CLI if stale, trains the AOT cache once per build)" >&2
"$BATON" --version >/dev/null
"$BATON" profiles list >/dev/null

echo "coldstart: $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg)" >&2
hyperfine --shell=none --warmup 1 --runs "$RUNS" \
  --export-json "$OUT/coldstart.json" \
  "$@" \
  -n "baton --version" "$BATON --version" \
  -n "baton profiles list" "$BATON profiles list"
RESULTS=("$OUT/coldstart.json")

if [ "$BREAKDOWN" = 1 ]; then
  # The JDK and flags bin/baton uses (keep in step with BASE_OPTS and CACHE_OPTS in bin/baton).
  # shellcheck source=bin/find-java.sh
  . "$ROOT/bin/find-java.sh"
  JDK=$(baton_find_jdk)
  TARGET="$ROOT/baton-cli/target"
  JAVA="$JDK/bin/java -XX:+UseSerialGC -XX:TieredStopAtLevel=1 --enable-native-access=ALL-UNNAMED -Xss512k -Xms32m"
  AOT="-XX:AOTCache=$TARGET/baton.aot -Xlog:aot=off -Xlog:cds=off"
  SHELL_WORK=". $ROOT/bin/find-java.sh; baton_java_feature \$(baton_find_jdk) >/dev/null; find $ROOT -path $ROOT/.git -prune -o -path '*/src/main/*' -newer $TARGET/baton.jar -type f -print | head -n 1"
  hyperfine --shell=none --warmup 1 --runs "$RUNS" \
    --export-json "$OUT/coldstart-breakdown.json" \
    "$@" \
    -n "JVM alone (java -version)" "$JAVA -version" \
    -n "jar --version, AOT cache, no launcher" "$JAVA $AOT -jar $TARGET/baton.jar --version" \
    -n "jar profiles list, AOT cache, no launcher" "$JAVA $AOT -jar $TARGET/baton.jar profiles list" \
    -n "jar profiles list, no AOT cache" "$JAVA -jar $TARGET/baton.jar profiles list" \
    -n "launcher shell work (find JDK, staleness check)" "bash -c \"$SHELL_WORK\""
  RESULTS+=("$OUT/coldstart-breakdown.json")
fi

# hyperfine's summary shows mean ± σ; the targets are on the median, so print it too.
for f in "${RESULTS[@]}"; do
  python3 - "$f" <<'PY' || true
import json, sys
for r in json.load(open(sys.argv[1]))["results"]:
    print(f"{r['command']}: median {r['median'] * 1000:.1f} ms, min {r['min'] * 1000:.1f} ms, "
          f"max {r['max'] * 1000:.1f} ms over {len(r['times'])} runs")
PY
done
