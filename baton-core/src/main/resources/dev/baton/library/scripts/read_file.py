#!/usr/bin/env python3
# Reads a text file (path from parameters.path, else the input) and prints its text.
"""Baton script agent: reads {"input", "parameters", ...} as JSON on stdin.

parameters:
  path       the file to read; relative paths are relative to the project directory
             (the working directory Baton runs scripts in). Without it, the input is the path.
  max_bytes  refuse files larger than this (default 1048576)
  encoding   text encoding (default utf-8)

stdout: the file's text, as it is.
"""
import json
import os
import sys


def fail(message):
    print("read_file: " + message, file=sys.stderr)
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
    path = parameters.get("path")
    if path is None:
        path = request.get("input")
        path = path.strip() if isinstance(path, str) else path
    if not isinstance(path, str) or not path:
        fail("no file to read: give parameters.path or the path as the input")
    max_bytes = parameters.get("max_bytes", 1 << 20)
    if isinstance(max_bytes, bool) or not isinstance(max_bytes, int) or max_bytes < 0:
        fail("parameter 'max_bytes' must be a non-negative integer, got %r" % (max_bytes,))
    encoding = parameters.get("encoding", "utf-8")
    if not os.path.isfile(path):
        fail("no such file: %s" % path)
    size = os.path.getsize(path)
    if size > max_bytes:
        fail("%s is %d bytes, more than max_bytes %d" % (path, size, max_bytes))
    try:
        with open(path, "r", encoding=encoding) as f:
            text = f.read()
    except (OSError, UnicodeDecodeError, LookupError) as e:
        fail("cannot read %s: %s" % (path, e))
    sys.stdout.write(text)


if __name__ == "__main__":
    main()
