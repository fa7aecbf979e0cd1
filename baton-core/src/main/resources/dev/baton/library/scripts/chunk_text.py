#!/usr/bin/env python3
# Splits the input text into chunks of N words and prints them as a JSON array (for fan_out).
"""Baton script agent: reads {"input", "parameters", ...} as JSON on stdin.

parameters:
  chunk_words  words per chunk (integer >= 1, default 300)
  overlap      words repeated from the end of the previous chunk (0 <= overlap < chunk_words, default 0)

stdout: a JSON array of strings, one per chunk ([] for empty input).
"""
import json
import sys


def fail(message):
    print("chunk_text: " + message, file=sys.stderr)
    sys.exit(1)


def int_parameter(parameters, name, default, minimum):
    value = parameters.get(name, default)
    if isinstance(value, bool) or not isinstance(value, int) or value < minimum:
        fail("parameter '%s' must be an integer >= %d, got %r" % (name, minimum, value))
    return value


def main():
    try:
        request = json.load(sys.stdin)
    except ValueError as e:
        fail("stdin is not a JSON document: %s" % e)
    if not isinstance(request, dict):
        fail("stdin must be a JSON object with 'input' and 'parameters'")
    parameters = request.get("parameters") or {}
    if not isinstance(parameters, dict):
        fail("'parameters' must be a JSON object")
    size = int_parameter(parameters, "chunk_words", 300, 1)
    overlap = int_parameter(parameters, "overlap", 0, 0)
    if overlap >= size:
        fail("parameter 'overlap' (%d) must be smaller than 'chunk_words' (%d)" % (overlap, size))
    text = request.get("input")
    if text is None:
        text = ""
    if not isinstance(text, str):
        text = json.dumps(text)
    words = text.split()
    chunks = []
    start = 0
    while start < len(words):
        chunks.append(" ".join(words[start:start + size]))
        if start + size >= len(words):
            break
        start += size - overlap
    json.dump(chunks, sys.stdout)
    sys.stdout.write("\n")


if __name__ == "__main__":
    main()
