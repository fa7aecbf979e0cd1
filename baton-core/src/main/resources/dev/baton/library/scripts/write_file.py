#!/usr/bin/env python3
# Writes text to a file under the project directory; refuses paths outside it.
"""Baton script agent: reads {"input", "parameters", "dependencies", ...} as JSON on stdin.

What is written, first that applies:
  parameters.content             this text
  parameters.from                the output of that dependency
  exactly one dependency         its output
  otherwise                      the input
(JSON values are written as pretty JSON, text as it is.)

parameters:
  path    the file to write, relative to the project directory (required). Absolute paths are
          accepted only when they lie inside the project. Any path that leaves the project
          (.., symbolic links) is refused.
  append  append instead of replacing (default false)

The project directory is the working directory Baton runs scripts in.
stdout: {"path": "<path relative to the project>", "bytes": <bytes written>, "appended": bool}
"""
import json
import os
import sys
import tempfile


def fail(message):
    print("write_file: " + message, file=sys.stderr)
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


def content_of(request, parameters):
    dependencies = request.get("dependencies") or {}
    if "content" in parameters:
        value = parameters["content"]
    elif "from" in parameters:
        name = parameters["from"]
        if name not in dependencies:
            fail("parameter 'from' names '%s', which is not a completed dependency (have: %s)"
                 % (name, ", ".join(sorted(dependencies)) or "none"))
        value = dependencies[name].get("response")
    elif len(dependencies) == 1:
        value = next(iter(dependencies.values())).get("response")
    else:
        value = request.get("input")
    if value is None:
        return ""
    return value if isinstance(value, str) else json.dumps(value, indent=2) + "\n"


def target_path(parameters):
    path = parameters.get("path")
    if not isinstance(path, str) or not path.strip():
        fail("parameter 'path' (the file to write, inside the project) is required")
    root = os.path.realpath(os.getcwd())
    target = os.path.realpath(os.path.join(root, path))
    if os.path.commonpath([root, target]) != root or target == root:
        fail("refusing to write %s: it is outside the project directory %s" % (path, root))
    return root, target


def file_mode(target):
    # mkstemp creates 0600 files: keep an existing file's mode, else what open() would give
    if os.path.exists(target):
        return os.stat(target).st_mode & 0o7777
    umask = os.umask(0)
    os.umask(umask)
    return 0o666 & ~umask


def main():
    request, parameters = read_request()
    root, target = target_path(parameters)
    text = content_of(request, parameters)
    append = parameters.get("append", False)
    if not isinstance(append, bool):
        fail("parameter 'append' must be true or false")
    data = text.encode("utf-8")
    try:
        os.makedirs(os.path.dirname(target), exist_ok=True)
        if append:
            with open(target, "ab") as f:
                f.write(data)
        else:
            # write a temporary file next to the target, then rename: readers never see half a file
            fd, tmp = tempfile.mkstemp(dir=os.path.dirname(target), prefix=".write_file-")
            with os.fdopen(fd, "wb") as f:
                f.write(data)
            os.chmod(tmp, file_mode(target))
            os.replace(tmp, target)
    except OSError as e:
        fail("cannot write %s: %s" % (target, e))
    json.dump({"path": os.path.relpath(target, root), "bytes": len(data), "appended": append}, sys.stdout)
    sys.stdout.write("\n")


if __name__ == "__main__":
    main()
