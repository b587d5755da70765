#!/usr/bin/env python3
"""Measures the house rules of the code: files over 600 lines and functions over 80 lines
(Rust sources of api/, openapi/, web-client/ and tests/). A function or file may stay
longer with a reason written in the comment just above it (or at the top of the file),
starting with `Long:`; those are listed apart.

    python3 tests/tools/sizes.py [--check] [root]

With --check, exits 1 when a file or function is over its limit without a reason.
"""
import os
import re
import sys

FILE_LIMIT = 600
FN_LIMIT = 80
FN_START = re.compile(r"^\s*(pub(\([^)]*\))?\s+)?(async\s+)?(const\s+)?(unsafe\s+)?fn\s+(\w+)")


def rust_files(root):
    for top in ("api", "openapi", "web-client", "tests"):
        for d, dirs, files in os.walk(os.path.join(root, top)):
            dirs[:] = [x for x in dirs if x not in ("target", "node_modules", "dist")]
            for f in files:
                if f.endswith(".rs") and f != "schema.rs":
                    yield os.path.join(d, f)


def has_reason(lines, i):
    """A `Long:` comment in the doc or comment block right above line i."""
    j = i - 1
    while j >= 0 and (lines[j].strip().startswith(("//", "#[")) or not lines[j].strip()):
        if "Long:" in lines[j]:
            return True
        if not lines[j].strip():
            break
        j -= 1
    return False


def functions(lines):
    """(name, first line index, length) of every fn with a body, by brace counting."""
    out = []
    for i, line in enumerate(lines):
        m = FN_START.match(line)
        if not m:
            continue
        depth, started = 0, False
        for j in range(i, len(lines)):
            code = lines[j].split("//")[0]
            if not started and ";" in code and "{" not in code:
                break
            depth += code.count("{") - code.count("}")
            if "{" in code:
                started = True
            if started and depth <= 0:
                out.append((m.group(6), i, j - i + 1))
                break
    return out


def main():
    args = [a for a in sys.argv[1:] if not a.startswith("--")]
    root = args[0] if args else "."
    long_files, long_fns, reasoned = [], [], []
    for path in sorted(rust_files(root)):
        lines = open(path, encoding="utf-8").read().split("\n")
        rel = os.path.relpath(path, root)
        if len(lines) > FILE_LIMIT:
            head = "\n".join(lines[:15])
            (reasoned if "Long:" in head else long_files).append(f"{rel} ({len(lines)} lines)")
        for name, i, n in functions(lines):
            if n > FN_LIMIT:
                entry = f"{rel}:{i + 1} {name} ({n} lines)"
                (reasoned if has_reason(lines, i) else long_fns).append(entry)
    print(f"files over {FILE_LIMIT} lines: {len(long_files)}")
    for f in long_files:
        print("  " + f)
    print(f"functions over {FN_LIMIT} lines: {len(long_fns)}")
    for f in long_fns:
        print("  " + f)
    print(f"over a limit with a written reason: {len(reasoned)}")
    for f in reasoned:
        print("  " + f)
    if "--check" in sys.argv and (long_files or long_fns):
        sys.exit(1)


main()
