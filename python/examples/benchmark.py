"""Prints how fast the Python package assesses cases: one at a time, in a batch
(``assess_many``, all cores) and as a pandas frame (``assess_frame``).

    python benchmark.py [N]

Uses the synthetic cases of ``make_cases.py`` (repeated to N, default 20000) under the
default pack. Figures depend on the machine; compare runs on the same one.
"""

from __future__ import annotations

import os
import sys
import time
from typing import Any, Callable, Dict, List

import putokaz
from make_cases import make

AS_OF = "2026-03-06T12:00:00+01:00"


def timed(label: str, n: int, f: Callable[[], Any]) -> None:
    start = time.perf_counter()
    f()
    seconds = time.perf_counter() - start
    print(f"{label:<44} {n:>7} cases  {seconds:8.3f} s  {n / seconds:>10.0f} cases/s")


def wide(cases: List[Dict[str, Any]]) -> Any:
    import pandas as pd

    rows = []
    for c in cases:
        row: Dict[str, Any] = {k: c[k] for k in ("id", "reported_at", "municipality", "reporter")}
        row["age"] = c.get("subject", {}).get("age")
        for o in c["observations"]:
            if o["value"] is not None:
                row[o["indicator"]] = o["value"]
        rows.append(row)
    return pd.DataFrame(rows, dtype=object)


def main() -> None:
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 20000
    base = make()
    cases = [{**base[i % len(base)], "id": f"b-{i}"} for i in range(n)]
    protocol = putokaz.Protocol.bundled()
    print(f"putokaz {putokaz.__version__}, pack {protocol.id} {protocol.version}, {os.cpu_count()} cores")
    one = cases[: max(1, n // 10)]
    timed("assess, one by one (full: trace, unknowns)", len(one), lambda: [protocol.assess(c, as_of=AS_OF) for c in one])
    timed("assess, one by one (trace/unknowns/text off)", len(one),
          lambda: [protocol.assess(c, as_of=AS_OF, trace=False, unknowns=0, text=False) for c in one])
    timed("assess_many (full)", n, lambda: protocol.assess_many(cases, as_of=AS_OF))
    timed("assess_many (trace/unknowns/text off)", n,
          lambda: protocol.assess_many(cases, as_of=AS_OF, trace=False, unknowns=0, text=False))
    try:
        frame = wide(cases)
    except ImportError:
        return
    timed("assess_frame (pandas, wide)", n, lambda: protocol.assess_frame(frame, as_of=AS_OF))


if __name__ == "__main__":
    main()
