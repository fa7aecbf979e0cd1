#!/usr/bin/env python3
# Counts loop iterations and says when to stop: prints {"done": bool, "iteration": n, ...} for a loop's `until`.
"""Baton script agent: reads {"input", "parameters", "dependencies", ...} as JSON on stdin.

Put it last in a loop body ensemble (so its output is the body's deliverable) and use
    until: "${done}"
    carry: [iteration, input]
The iteration number travels through `carry`: an input that is a JSON object with an integer
"iteration" continues from it; any other input starts at `start`.

parameters:
  stop_after  done once the iteration number reaches this (integer >= 1)
  start       the first iteration number (default 1)
  done_from   "agent.field.sub": also done when that dependency output field is truthy
              (missing, null, false, 0, "", [] and {} are falsy)
  At least one of stop_after and done_from is required.

stdout: {"done": bool, "iteration": n, "input": <the original input, carried along>,
         "outputs": {<dependency>: <its output>, ...}}
"""
import json
import sys


def fail(message):
    print("loop_helper: " + message, file=sys.stderr)
    sys.exit(1)


def read_request():
    try:
        request = json.load(sys.stdin)
    except ValueError as e:
        fail("stdin is not a JSON document: %s" % e)
    if not isinstance(request, dict):
        fail("stdin must be a JSON object with 'input' and 'parameters'")
    parameters = request.get("parameters") or {}
    if not isinstance(parameters, dict):
        fail("'parameters' must be a JSON object")
    return request, parameters


def integer(parameters, name, minimum, default=None):
    value = parameters.get(name, default)
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int) or value < minimum:
        fail("parameter '%s' must be an integer >= %d, got %r" % (name, minimum, value))
    return value


def previous(value):
    if isinstance(value, str) and value.strip().startswith("{"):
        try:
            value = json.loads(value)
        except ValueError:
            return None
    if isinstance(value, dict) and isinstance(value.get("iteration"), int) and not isinstance(value["iteration"], bool):
        return value
    return None


def walk(outputs, path):
    value = outputs
    for part in path.split("."):
        if isinstance(value, str) and value.strip()[:1] in ("{", "["):
            try:
                value = json.loads(value)
            except ValueError:
                return None
        if isinstance(value, dict):
            value = value.get(part)
        elif isinstance(value, list) and part.lstrip("-").isdigit() and -len(value) <= int(part) < len(value):
            value = value[int(part)]
        else:
            return None
    return value


def main():
    request, parameters = read_request()
    stop_after = integer(parameters, "stop_after", 1)
    start = integer(parameters, "start", 0, 1)
    done_from = parameters.get("done_from")
    if done_from is not None and (not isinstance(done_from, str) or not done_from.strip()):
        fail("parameter 'done_from' must be a path like \"critic.approved\"")
    if stop_after is None and done_from is None:
        fail("give parameter 'stop_after' (an iteration count) or 'done_from' (a dependency field)")
    outputs = {name: (dep or {}).get("response") for name, dep in (request.get("dependencies") or {}).items()}
    last = previous(request.get("input"))
    iteration = last["iteration"] + 1 if last else start
    original = last.get("input") if last else request.get("input")
    done = (stop_after is not None and iteration >= stop_after) or bool(done_from and walk(outputs, done_from))
    result = {"done": done, "iteration": iteration, "input": original}
    if outputs:
        result["outputs"] = outputs
    json.dump(result, sys.stdout)
    sys.stdout.write("\n")


if __name__ == "__main__":
    main()
