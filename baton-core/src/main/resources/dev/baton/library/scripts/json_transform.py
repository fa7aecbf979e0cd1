#!/usr/bin/env python3
# Builds a JSON object from fields selected out of the dependencies' outputs (or the input).
"""Baton script agent: reads {"input", "parameters", "dependencies", ...} as JSON on stdin.

Builds a JSON object whose fields are selected from a document holding "input" (the input,
parsed when it is JSON text) and one field per completed dependency (its output). With
parameters.from the document is that one value instead. The path syntax is json_select's:
$ .name ['name'] [index] [*] .*

parameters:
  fields    {"<output field>": "<path>", ...} (required, at least one)
  defaults  {"<output field>": <value>, ...} used when a path selects nothing
  from      a dependency name or "input": read the paths from that value only
  Any field whose path selects nothing and that has no default is an error (all are named).

Example: fields: {title: "$.draft.title", score: "$.review.score", tags: "$.draft.tags[*].name"}
stdout: the JSON object, fields in the order given.
"""
import json
import re
import sys

MISSING = object()
STEP = re.compile(r"""\.(\*|[^.\[\]]+)|\[\s*(\*|-?\d+|'(?:[^'\\]|\\.)*'|"(?:[^"\\]|\\.)*")\s*\]""")


def fail(message):
    print("json_transform: " + message, file=sys.stderr)
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


def as_json(value):
    if isinstance(value, str) and value.strip()[:1] in ("{", "["):
        try:
            return json.loads(value)
        except ValueError:
            return value
    return value


def document(request, source):
    deps = {name: as_json((dep or {}).get("response")) for name, dep in (request.get("dependencies") or {}).items()}
    doc = {"input": as_json(request.get("input"))}
    doc.update(deps)
    if source is None:
        return doc
    if source not in doc:
        fail("parameter 'from' names '%s', which is neither 'input' nor a completed dependency (have: %s)"
             % (source, ", ".join(sorted(deps)) or "none"))
    return doc[source]


def parse(path):
    if not isinstance(path, str) or not path.startswith("$"):
        fail("parameter 'path' must be an expression starting with $, got %r" % (path,))
    steps, at = [], 1
    while at < len(path):
        m = STEP.match(path, at)
        if not m:
            fail("cannot read path %r at character %d" % (path, at + 1))
        token = m.group(1) if m.group(1) is not None else m.group(2)
        if m.group(2) is not None and token[0] in "'\"":
            token = ("name", re.sub(r"\\(.)", r"\1", token[1:-1]))
        elif token == "*":
            token = ("all", None)
        elif m.group(2) is not None:
            token = ("index", int(token))
        else:
            token = ("name", token)
        steps.append(token)
        at = m.end()
    return steps


def step(value, kind, arg):
    if kind == "name":
        return value.get(arg, MISSING) if isinstance(value, dict) else MISSING
    if kind == "index":
        if isinstance(value, list) and -len(value) <= arg < len(value):
            return value[arg]
        return MISSING
    return MISSING


def select(value, steps):
    spread = False
    values = [value]
    for kind, arg in steps:
        if kind == "all":
            spread = True
            nxt = []
            for v in values:
                nxt.extend(v.values() if isinstance(v, dict) else v if isinstance(v, list) else [])
            values = nxt
        else:
            values = [r for r in (step(v, kind, arg) for v in values) if r is not MISSING]
    if spread:
        return values
    return values[0] if values else MISSING


def main():
    request, parameters = read_request()
    fields = parameters.get("fields")
    if not isinstance(fields, dict) or not fields:
        fail("parameter 'fields' must map output field names to paths, e.g. {\"score\": \"$.review.score\"}")
    defaults = parameters.get("defaults") or {}
    if not isinstance(defaults, dict):
        fail("parameter 'defaults' must be a JSON object")
    doc = document(request, parameters.get("from"))
    result, missing = {}, []
    for name, path in fields.items():
        value = select(doc, parse(path))
        if value is MISSING:
            if name not in defaults:
                missing.append("%s (%s)" % (name, path))
                continue
            value = defaults[name]
        result[name] = value
    if missing:
        fail("nothing selected for: %s (add them to 'defaults' to allow that)" % ", ".join(missing))
    json.dump(result, sys.stdout)
    sys.stdout.write("\n")


if __name__ == "__main__":
    main()
