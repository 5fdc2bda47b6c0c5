#!/usr/bin/env python3
"""The declared minimum Rust version holds for what the crates build on: no dependency
of a workspace crate (normal and build dependencies, for this target) declares a higher
`rust-version`. Clippy's `incompatible_msrv` lint, run with the same declaration, checks
the project's own use of the standard library."""
import json
import subprocess
import sys


def version(text):
    return tuple(int(x) for x in text.split("."))


meta = json.loads(subprocess.check_output(["cargo", "metadata", "--format-version", "1", "--locked"]))
packages = {p["id"]: p for p in meta["packages"]}
members = set(meta["workspace_members"])
declared = {packages[m].get("rust_version") for m in members}
if len(declared) != 1 or None in declared:
    sys.exit(f"every workspace crate must declare the same rust-version, found {sorted(map(str, declared))}")
msrv = declared.pop()

tree = subprocess.check_output(
    ["cargo", "tree", "--workspace", "-e", "normal,build", "--prefix", "none", "--locked"], text=True
)
used = {tuple(line.split()[:2]) for line in tree.splitlines() if line.strip()}
too_new = sorted(
    f"{p['name']} {p['version']} needs {p['rust_version']}"
    for p in packages.values()
    if (p["name"], "v" + p["version"]) in used
    and p["id"] not in members
    and p.get("rust_version")
    and version(p["rust_version"]) > version(msrv)
)
if too_new:
    sys.exit(f"rust-version {msrv} is lower than what dependencies need:\n  " + "\n  ".join(too_new))
print(f"msrv: rust-version {msrv} covers all {len(used) - len(members)} dependencies")
