#!/usr/bin/env bash
# Rewrites the provenance table of each bundled pack's README from the pack itself.
# `cargo test` fails when a README's table differs from what the pack says.
set -euo pipefail
cd "$(dirname "$0")/../.."
for pack in bih ilo-2009; do
  readme="core/protocols/$pack/README.md"
  table=$(cargo run -q -p putokaz-cli -- provenance "$pack")
  python3 - "$readme" "$table" <<'PY'
import sys
path, table = sys.argv[1], sys.argv[2]
text = open(path, encoding="utf-8").read()
start, end = "<!-- provenance:start -->", "<!-- provenance:end -->"
head, rest = text.split(start, 1)
_, tail = rest.split(end, 1)
text = f"{head}{start}\n{table}\n{end}{tail}"
if "<!-- counts:start -->" in text:
    rows = [l.split(" | ") for l in table.splitlines()[2:]]
    counts = {}
    for r in rows:
        counts[r[3]] = counts.get(r[3], 0) + 1
    block = "| status | rules, parameters and indicators |\n|---|---|\n" + "".join(
        f"| {s} | {counts.get(s, 0)} |\n" for s in ["verified", "secondary", "unconfirmed", "local_policy"])
    h, r = text.split("<!-- counts:start -->", 1)
    _, t = r.split("<!-- counts:end -->", 1)
    text = f"{h}<!-- counts:start -->\n{block}<!-- counts:end -->{t}"
open(path, "w", encoding="utf-8").write(text)
PY
done
