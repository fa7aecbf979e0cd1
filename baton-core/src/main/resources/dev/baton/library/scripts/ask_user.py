#!/usr/bin/env python3
# Asks the person at the terminal a question (on /dev/tty) and prints the answer.
"""Baton script agent: reads {"input", "parameters", ...} as JSON on stdin.

stdin and stdout carry the protocol, so the question goes to the terminal itself (/dev/tty).
When there is no terminal (CI, a server, a pipe without a controlling terminal), when
parameters.interactive is false, or when BATON_NONINTERACTIVE is set, the answer is
parameters.default; without a default that is a failure with a clear message.

parameters:
  question     the question (default: the input)
  default      the answer when the person just presses Enter, or when nobody can be asked
  choices      allowed answers (case-insensitive); other answers are asked again, 3 times at most
  interactive  false: never ask, use the default (default true)

stdout: the answer, as text.
"""
import json
import os
import sys


def fail(message):
    print("ask_user: " + message, file=sys.stderr)
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


def fits(answer, choices):
    return not choices or answer.lower() in (c.lower() for c in choices)


def ask(tty, question, default, choices):
    hint = (" [%s]" % "/".join(choices)) if choices else ""
    hint += (" (default: %s)" % default) if default is not None else ""
    for _ in range(3):
        tty.write("%s%s: " % (question, hint))
        tty.flush()
        line = tty.readline()
        if not line:
            break
        answer = line.strip()
        if not answer and default is not None:
            return default
        if answer and fits(answer, choices):
            return answer
        tty.write("please answer one of: %s\n" % ", ".join(choices) if choices else "please answer\n")
    if default is not None:
        return default
    fail("no valid answer to %r" % question)


def main():
    request, parameters = read_request()
    question = parameters.get("question") or request.get("input")
    if not isinstance(question, str) or not question.strip():
        fail("no question: give parameters.question or the question as the input")
    default = parameters.get("default")
    if default is not None and not isinstance(default, str):
        default = json.dumps(default)
    choices = parameters.get("choices") or []
    if not isinstance(choices, list) or not all(isinstance(c, str) for c in choices):
        fail("parameter 'choices' must be a list of strings")
    interactive = parameters.get("interactive", True) is not False and not os.environ.get("BATON_NONINTERACTIVE")
    if interactive:
        try:
            with open("/dev/tty", "r+") as tty:
                answer = ask(tty, question.strip(), default, choices)
        except OSError as e:
            if default is None:
                fail("no terminal to ask %r on (/dev/tty: %s) and no 'default' parameter" % (question.strip(), e.strerror))
            answer = default
    elif default is not None:
        answer = default
    else:
        fail("not interactive and no 'default' parameter to answer %r with" % question.strip())
    sys.stdout.write(answer + "\n")


if __name__ == "__main__":
    main()
