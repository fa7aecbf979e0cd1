#!/usr/bin/env bash
# Whole-process `baton ask` against a loopback OpenAI-compatible upstream (Node,
# openai-upstream.mjs, answering at once), measured with hyperfine: one real provider call per
# process, so the provider transport's start-up (class loading, client start, first connection)
# is in the figure. Each LAUNCHER is measured in turn in the same hyperfine run; a launcher may be
# written as "LABEL=VAR=VALUE:PATH" to set one environment variable for it, e.g.
#   baton-bench/ask-loopback.sh 20 bin/baton jdk=BATON_JAVA_OPTS=-Dbaton.http.client=jdk:bin/baton /base/bin/baton
# Every launcher runs once untimed first (builds the jar if stale, trains the AOT cache).
# Nothing here asserts on time: it prints figures.
set -euo pipefail

ROOT="$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/.." && pwd)"
RUNS="${1:-20}"
shift || true
[ $# -gt 0 ] || set -- "$ROOT/bin/baton"
command -v hyperfine >/dev/null 2>&1 || { echo "ask-loopback.sh: needs hyperfine on PATH" >&2; exit 1; }

SCRATCH="$(mktemp -d)"
UPSTREAM_OUT="$SCRATCH/upstream.out"
node "$ROOT/baton-bench/src/main/node/openai-upstream.mjs" 0 >"$UPSTREAM_OUT" &
UPSTREAM=$!
trap 'kill $UPSTREAM 2>/dev/null || true; rm -rf "$SCRATCH"' EXIT
for _ in $(seq 100); do grep -q listening "$UPSTREAM_OUT" 2>/dev/null && break; sleep 0.05; done
PORT="$(awk '/listening/ {print $2}' "$UPSTREAM_OUT")"

unset XDG_CONFIG_HOME XDG_DATA_HOME XDG_CACHE_HOME XDG_STATE_HOME
export HOME="$SCRATCH/home" OPENAI_API_KEY=sk-bench
mkdir -p "$HOME" "$SCRATCH/project/.baton"
cat >"$SCRATCH/project/.baton/config.yaml" <<YAML
default_profile: up
providers:
  loopback:
    kind: openai
    base_url: http://127.0.0.1:$PORT/v1
    api_key: sk-bench
profiles:
  up:
    provider: loopback
    model: bench-model
YAML
cd "$SCRATCH/project"

ARGS=()
for spec in "$@"; do
  label="$spec" envset="" path="$spec"
  if [[ "$spec" == *=*=*:* ]]; then
    label="${spec%%=*}"; rest="${spec#*=}"; envset="${rest%%:*}"; path="${rest#*:}"
  fi
  cmd="$path ask hello"
  [ -n "$envset" ] && cmd="env $envset $cmd"
  echo "ask-loopback: warm-up $label" >&2
  $cmd >/dev/null
  ARGS+=(-n "$label" "$cmd")
done
echo "load average: $(cut -d' ' -f1-3 /proc/loadavg)" >&2
hyperfine -N --warmup 2 --runs "$RUNS" "${ARGS[@]}"
echo "load average: $(cut -d' ' -f1-3 /proc/loadavg)" >&2
