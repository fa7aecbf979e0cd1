#!/usr/bin/env python3
# Emits a JSON array of N copies of the input, for a fan_out agent that should run N times.
"""Baton script agent: reads {"input", "parameters", ...} as JSON on stdin.

parameters:
  count       how many copies (integer, 0 to 10000; required)
  with_index  true: each copy is {"index": i, "input": <input>} instead of the input itself
              (default false), so each fan-out instance knows which one it is

stdout: a JSON array of `count` elements.
"""
import json
import sys

MAX_COUNT = 10000


def fail(message):
    print("replicate: " + message, file=sys.stderr)
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


def main():
    request, parameters = read_request()
    count = parameters.get("count")
    if isinstance(count, bool) or not isinstance(count, int) or not 0 <= count <= MAX_COUNT:
        fail("parameter 'count' must be an integer from 0 to %d, got %r" % (MAX_COUNT, count))
    with_index = parameters.get("with_index", False)
    if not isinstance(with_index, bool):
        fail("parameter 'with_index' must be true or false")
    value = request.get("input", "")
    copies = [{"index": i, "input": value} if with_index else value for i in range(count)]
    json.dump(copies, sys.stdout)
    sys.stdout.write("\n")


if __name__ == "__main__":
    main()
