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
# Usage: baton-bench/coldstart.sh [runs] [extra hyperfine options...]
#   runs defaults to 30; results also go to baton-bench/target/coldstart.json and .md
set -euo pipefail

ROOT="$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/.." && pwd)"
BATON="$ROOT/bin/baton"
RUNS="${1:-30}"
shift || true

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
  --export-json "$OUT/coldstart.json" --export-markdown "$OUT/coldstart.md" \
  "$@" \
  -n "baton --version" "$BATON --version" \
  -n "baton profiles list" "$BATON profiles list"

# hyperfine's summary shows mean ± σ; the target is on the median, so print it too.
python3 - "$OUT/coldstart.json" <<'EOF' || true
import json, sys
for r in json.load(open(sys.argv[1]))["results"]:
    print(f"{r['command']}: median {r['median'] * 1000:.1f} ms, min {r['min'] * 1000:.1f} ms, "
          f"max {r['max'] * 1000:.1f} ms over {len(r['times'])} runs")
EOF
