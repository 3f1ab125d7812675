#!/usr/bin/env python3
"""include-graph.py: the #include graph of the program's sources.

Reads every .c and .h below the source folders, follows the quoted
#include lines (written as paths from the top of the tree), and checks:

  cycles      no module includes a module that includes it back, directly
              or through others; the same between folders. A module is a
              file's stem (walk.c and walk.h are one module; an internal
              header NAME_int.h belongs to NAME).
  map HACKING no folder is missing from the module map in HACKING.md, no
              folder there is missing from the tree, and no folder includes
              a folder that the map does not allow it ("may include").
  deps        prints each folder and the folders it includes.
  size N      no .c file is longer than N lines.

Exit status 0 when the check holds, 1 with one line per problem.
Standard library only.
"""
import os
import re
import sys

SOURCE_DIRS = ("common", "quarantine", "scanner")
INCLUDE = re.compile(r'^\s*#\s*include\s+"([^"]+)"', re.M)


def sources(top):
    for d in SOURCE_DIRS:
        for root, _, files in os.walk(os.path.join(top, d)):
            for f in sorted(files):
                if f.endswith((".c", ".h")):
                    yield os.path.relpath(os.path.join(root, f), top)


def includes(top, path):
    with open(os.path.join(top, path), encoding="utf-8", errors="replace") as f:
        text = f.read()
    for name in INCLUDE.findall(text):
        if name == "config.h":
            continue
        if os.path.exists(os.path.join(top, name)):
            yield name
        else:
            local = os.path.join(os.path.dirname(path), name)
            yield local if os.path.exists(os.path.join(top, local)) else name


def module(path):
    stem = os.path.splitext(path)[0]
    return stem[:-4] if stem.endswith("_int") else stem


def graph(top, key):
    g = {}
    for src in sources(top):
        a = key(src)
        g.setdefault(a, set())
        for inc in includes(top, src):
            b = key(inc)
            if b != a:
                g[a].add(b)
    return g


def cycles(g):
    """One cycle per strongly connected component of more than one node."""
    index, low, stack, on, out = {}, {}, [], set(), []

    def visit(v):
        index[v] = low[v] = len(index)
        stack.append(v)
        on.add(v)
        for w in sorted(g.get(v, ())):
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            comp = []
            while True:
                w = stack.pop()
                on.discard(w)
                comp.append(w)
                if w == v:
                    break
            if len(comp) > 1:
                out.append(sorted(comp))

    sys.setrecursionlimit(10000)
    for v in sorted(g):
        if v not in index:
            visit(v)
    return out


def check_cycles(top):
    bad = []
    for what, key in (("module", module), ("folder", os.path.dirname)):
        for comp in cycles(graph(top, key)):
            bad.append("%s cycle: %s" % (what, " <-> ".join(comp)))
    return bad


def read_map(path):
    """HACKING.md's module map: rows '| `folder/` | job | `a/`, `b/` |'."""
    rows = {}
    with open(path, encoding="utf-8") as f:
        for line in f:
            cells = [c.strip() for c in line.strip().strip("|").split("|")]
            if len(cells) != 3 or not cells[0].startswith("`"):
                continue
            folder = cells[0].strip("`").rstrip("/")
            allowed = {c.strip("`").rstrip("/")
                       for c in re.findall(r"`[^`]+`", cells[2])}
            rows[folder] = allowed
    return rows


def check_map(top, hacking):
    rows = read_map(hacking)
    g = graph(top, os.path.dirname)
    bad = []
    for folder in sorted(g):
        if folder not in rows:
            bad.append("%s: not in the module map of %s" % (folder, hacking))
            continue
        for dep in sorted(g[folder] - rows[folder]):
            bad.append("%s includes %s, which the module map does not allow"
                       % (folder, dep))
    for folder in sorted(set(rows) - set(g)):
        bad.append("%s: in the module map but not a source folder" % folder)
    return bad


def check_size(top, limit):
    bad = []
    for src in sources(top):
        if src.endswith(".c"):
            with open(os.path.join(top, src), encoding="utf-8",
                      errors="replace") as f:
                n = sum(1 for _ in f)
            if n > limit:
                bad.append("%s: %d lines (at most %d)" % (src, n, limit))
    return bad


def main(argv):
    top = os.environ.get("SS_SRCDIR") or os.path.dirname(
        os.path.dirname(os.path.abspath(__file__)))
    if len(argv) == 2 and argv[1] == "cycles":
        bad = check_cycles(top)
    elif len(argv) == 3 and argv[1] == "map":
        bad = check_map(top, argv[2])
    elif len(argv) == 3 and argv[1] == "size":
        bad = check_size(top, int(argv[2]))
    elif len(argv) == 2 and argv[1] == "deps":
        for folder, deps in sorted(graph(top, os.path.dirname).items()):
            print("%s: %s" % (folder, " ".join(sorted(deps))))
        return 0
    else:
        sys.stderr.write("usage: include-graph.py cycles | map HACKING.md"
                         " | size N | deps\n")
        return 2
    for line in bad:
        print(line)
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
