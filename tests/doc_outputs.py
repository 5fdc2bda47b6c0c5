#!/usr/bin/env python3
"""Checks that the commands a document shows print what it says they print.

    python3 tests/doc_outputs.py FILE.md NAME=PATH [NAME=PATH ...]

A fenced block whose lines start with `$ NAME ...` is a session: each `$ ` line is a
command, the lines after it (up to the next `$ ` line or the end of the block) its
standard output. For every NAME given, the command is run from the repository root with
NAME replaced by PATH (a built program) wherever it starts a command (first, or after a
pipe), by bash, and its standard output compared with
the block:

- a line that is `...` alone (indentation aside) stands for any number of lines;
- `...` inside a line stands for any text in that line;
- every other line must be exactly the same (trailing spaces aside).

A command ending in `\\` continues on the next line. Sessions of programs not given are
left alone. A fenced block right after a line that is a path in backticks and a colon
(`` `bindings/c/examples/first.c`: ``, a path with a `/`) must be that file, byte for byte: a program shown
in a document is the program the tests build. Prints one line per session checked and exits 1 if any differs, or if a NAME
given has no session in the file (a document that stops showing a command must not stop
being checked without notice). Standard library only.
"""
import os
import re
import subprocess
import sys

ROOT = os.path.normpath(os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))


def sessions(path):
    """(line number, command, expected lines) for every `$ ` session in fenced blocks."""
    out = []
    with open(path, encoding="utf-8") as f:
        lines = f.read().split("\n")
    in_block, current = False, None
    i = 0
    while i < len(lines):
        line = lines[i]
        if line.lstrip().startswith("```"):
            if current:
                out.append(current)
            current = None
            in_block = not in_block
        elif in_block and line.startswith("$ "):
            if current:
                out.append(current)
            start, command = i + 1, line[2:]
            while command.endswith("\\") and i + 1 < len(lines):
                i += 1
                command = command[:-1] + " " + lines[i].strip()
            current = (start, command, [])
        elif in_block and current:
            current[2].append(line)
        i += 1
    return out


def quoted_files(path):
    """(line number, file, block text) for every block that quotes a file."""
    out = []
    with open(path, encoding="utf-8") as f:
        lines = f.read().split("\n")
    for i, line in enumerate(lines):
        m = re.fullmatch(r"`([^`\s]+/[^`\s]+)`:", line.strip())
        if not m or i + 2 >= len(lines) or not lines[i + 2].lstrip().startswith("```"):
            continue
        end = next((k for k in range(i + 3, len(lines)) if lines[k].lstrip().startswith("```")), None)
        if end is not None:
            out.append((i + 1, m.group(1), "\n".join(lines[i + 3:end]) + "\n"))
    return out


def line_matches(expected, actual):
    if "..." not in expected:
        return expected.rstrip() == actual.rstrip()
    pattern = ".*".join(re.escape(part) for part in expected.rstrip().split("..."))
    return re.fullmatch(pattern, actual.rstrip()) is not None


def matches(expected, actual):
    """Whether the actual lines fit the expected ones, `...` lines standing for any."""
    memo = {}

    def go(e, a):
        key = (e, a)
        if key in memo:
            return memo[key]
        if e == len(expected):
            result = a == len(actual)
        elif expected[e].strip() == "...":
            result = any(go(e + 1, k) for k in range(a, len(actual) + 1))
        else:
            result = a < len(actual) and line_matches(expected[e], actual[a]) and go(e + 1, a + 1)
        memo[key] = result
        return result

    return go(0, 0)


def main(argv):
    if len(argv) < 3:
        print(__doc__.strip().split("\n")[2].strip(), file=sys.stderr)
        return 2
    doc = argv[1]
    programs = dict(arg.split("=", 1) for arg in argv[2:])
    failed, seen = 0, set()
    for start, command, expected in sessions(doc):
        name = command.split(" ", 1)[0]
        if name not in programs:
            continue
        seen.add(name)
        # The program is replaced wherever it starts a command: first, and after a pipe.
        run = re.sub(r"(^|[|;&]\s*)" + re.escape(name) + r"(?=\s|$)", lambda m: m.group(1) + programs[name], command)
        proc = subprocess.run(["bash", "-c", run], cwd=ROOT, capture_output=True, text=True)
        actual = proc.stdout.rstrip("\n").split("\n")
        while expected and expected[-1] == "":
            expected.pop()
        where = f"{os.path.relpath(doc, ROOT)}:{start}"
        if matches(expected, actual):
            print(f"ok   {where}: $ {command[:90]}")
        else:
            failed += 1
            print(f"FAIL {where}: $ {command}\n  the document says:")
            print("\n".join("    | " + l for l in expected))
            print(f"  the command printed (exit {proc.returncode}):")
            print("\n".join("    | " + l for l in actual))
            if proc.stderr:
                print("  and on standard error:\n" + "\n".join("    | " + l for l in proc.stderr.rstrip().split("\n")))
    for start, name, text in quoted_files(doc):
        where = f"{os.path.relpath(doc, ROOT)}:{start}"
        try:
            with open(os.path.join(ROOT, name), encoding="utf-8") as f:
                same = f.read() == text
        except OSError:
            same = False
        if same:
            print(f"ok   {where}: the block is {name}")
        else:
            failed += 1
            print(f"FAIL {where}: the block is not {name} as it is")
    for name in sorted(set(programs) - seen):
        failed += 1
        print(f"FAIL {os.path.relpath(doc, ROOT)}: no `$ {name}` session to check")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
