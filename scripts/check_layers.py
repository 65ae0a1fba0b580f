#!/usr/bin/env python3
"""The layer check of scripts/lint.sh: a module's sources include only headers of the module itself
and of the modules it links (src/CMakeLists.txt, `mlpipe_module(NAME DIR DEPS ...)`, followed
transitively), and every mlpipe module it links directly is one it includes directly: the link
dependencies match the real includes. Unit tests (*_test.cc) may include what their module links.
Exit status 0 when they match, 1 listing each mismatch."""
import pathlib
import re
import sys

ROOT = pathlib.Path(__file__).resolve().parent.parent
SRC = ROOT / "src"


def modules():
    text = (SRC / "CMakeLists.txt").read_text()
    found = {}
    for name, folder, deps in re.findall(r"^mlpipe_module\((\w+) (\S+) DEPS ([^)]*)\)", text, re.M):
        found[name] = (folder, [d[len("mlpipe_"):] for d in deps.split() if d.startswith("mlpipe_")])
    return found


def owner(header, mods):
    """The module whose folder holds `header` (the longest folder prefix), or None (generated,
    third-party)."""
    best = None
    for name, (folder, _) in mods.items():
        if header.startswith(folder + "/") and (best is None or len(folder) > len(mods[best][0])):
            best = name
    return best


def reachable(name, mods):
    seen, todo = set(), list(mods[name][1])
    while todo:
        dep = todo.pop()
        if dep not in seen:
            seen.add(dep)
            todo.extend(mods[dep][1])
    return seen


def main():
    mods = modules()
    problems = []
    for name, (folder, deps) in mods.items():
        allowed = reachable(name, mods) | {name}
        used = set()
        for path in sorted((SRC / folder).rglob("*")):
            if path.suffix not in (".cc", ".h") or owner(str(path.relative_to(SRC)), mods) != name:
                continue
            for header in re.findall(r'^#include "([^"]+)"', path.read_text(), re.M):
                target = owner(header, mods)
                if target is None or target == name:
                    continue
                if target not in allowed:
                    problems.append(f"src/{path.relative_to(SRC)}: includes {header} of module "
                                    f"{target}, which {name} does not link (src/CMakeLists.txt)")
                if not path.name.endswith("_test.cc"):
                    used.add(target)
        for dep in deps:
            if dep not in used:
                problems.append(f"src/CMakeLists.txt: {name} links mlpipe_{dep} but includes none "
                                f"of its headers; link what it includes instead")
    for line in problems:
        print("layers: " + line, file=sys.stderr)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
