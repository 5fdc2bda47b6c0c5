"""Python benchmark of putokaz (issues 8 and 17): dict calls, ``assess_many``,
``assess_frame`` on pandas, polars and pyarrow wide frames, and the pure-Python baseline
(``baseline.py``, the `bih` 0.2 scoring and classification by hand) on the same generated
cases, side by side.

    python bench.py [--sizes 10000,100000,1000000] [--seed 1] [--one 20000] [--full 1000]
                    [--no-many] [--no-top]

The baseline and the engine must agree on every case compared (they are compared at every
size; a disagreement is printed and makes the run exit non-zero), or the comparison
would be meaningless.

Cases come from the seeded generator: ``putokaz synth --seed S --count N`` (run through
``cargo run --release -p putokaz-cli``, cached under ``target/bench-data/``). Every run
uses the `bih` pack and one ``as_of``. Dict calls (``assess`` one by one) are timed once,
on the first size; the batch figures at every size. Batches are fed in chunks of at most
100,000 cases (the time is the sum over the chunks) so that 1,000,000 cases fit in
memory; frames are built whole from the file, column by column (building is timed
separately, not counted in ``assess_frame``), with and without ``top_unknown`` (the
ranking of unknown inputs). The baseline's answers are compared with ``assess_frame``'s
at every size; a disagreement is printed.

Install into its own virtual environment (not the test suite's), from the repository root:

    python3 -m venv target/bench-venv
    target/bench-venv/bin/pip install ./python pandas polars pyarrow
    target/bench-venv/bin/python python/benchmarks/bench.py
"""

from __future__ import annotations

import argparse
import gc
import json
import os
import subprocess
import sys
import time
from decimal import Decimal
from pathlib import Path
from typing import Any, Callable, Dict, Iterator, List, Optional, Tuple

import putokaz

sys.path.insert(0, str(Path(__file__).resolve().parent))
from baseline import Baseline  # noqa: E402

ROOT = Path(__file__).resolve().parents[2]
AS_OF = "2026-12-31T12:00:00+01:00"
CHUNK = 100_000
FAST = dict(trace=False, unknowns=0, text=False)

rows_out: List[Tuple[str, int, float]] = []


def lines(path: Path) -> int:
    with open(path, "rb") as f:
        return sum(1 for line in f if line.strip())


def cases_file(seed: int, n: int) -> Path:
    path = ROOT / "target" / "bench-data" / f"synth-{seed}-{n}.jsonl"
    # A file cut short (an interrupted run) is made again: every figure is for n cases.
    if not path.exists() or lines(path) != n:
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_suffix(".tmp")
        with open(tmp, "wb") as out:
            subprocess.run(["cargo", "run", "--release", "-q", "-p", "putokaz-cli", "--", "synth", "--seed", str(seed),
                            "--count", str(n)], cwd=ROOT, stdout=out, check=True)
        tmp.rename(path)
    return path


def chunks(path: Path, size: int = CHUNK) -> Iterator[List[Dict[str, Any]]]:
    batch: List[Dict[str, Any]] = []
    with open(path, encoding="utf-8") as f:
        for line in f:
            if line.strip():
                batch.append(json.loads(line))
                if len(batch) == size:
                    yield batch
                    batch = []
    if batch:
        yield batch


def record(label: str, n: int, seconds: float) -> float:
    rows_out.append((label, n, seconds))
    print(f"  {label:<52} {n:>9} cases {seconds:9.3f} s {n / seconds:>11,.0f} /s {seconds * 1e6 / n:>9.2f} µs/case",
          flush=True)
    return seconds


def timed(label: str, n: int, f: Callable[[], Any]) -> Tuple[float, Any]:
    gc.collect()
    start = time.perf_counter()
    out = f()
    return record(label, n, time.perf_counter() - start), out


def timed_chunks(label: str, path: Path, f: Callable[[List[Dict[str, Any]]], Any]) -> float:
    total, n = 0.0, 0
    for batch in chunks(path):
        gc.collect()
        start = time.perf_counter()
        f(batch)
        total += time.perf_counter() - start
        n += len(batch)
    return record(label, n, total)


def wide_columns(path: Path, indicators: List[str]) -> Dict[str, List[Any]]:
    """The wide layout, column by column: case fields, subject fields, one column per
    indicator (a missing cell: not observed; an unknown observation is left missing too,
    which the engine reads the same way)."""
    names = ["id", "reported_at", "municipality", "reporter", "birth_date", "age", "age_min", "age_max",
             "appears_minor", "sex", "citizenship", "events", "consents"] + indicators
    cols: Dict[str, List[Any]] = {k: [] for k in names}
    with open(path, encoding="utf-8") as f:
        for line in f:
            if not line.strip():
                continue
            c = json.loads(line)
            s = c.get("subject") or {}
            r = s.get("age_range") or {}
            row = {
                "id": c["id"], "reported_at": c["reported_at"], "municipality": c.get("municipality"),
                "reporter": c.get("reporter"), "birth_date": s.get("birth_date"), "age": s.get("age"),
                "age_min": r.get("min"), "age_max": r.get("max"), "appears_minor": s.get("appears_minor"),
                "sex": s.get("sex"), "citizenship": s.get("citizenship"),
                "events": [{"kind": e["kind"], "at": e["at"]} for e in c.get("events", [])],
                "consents": [{"scope": k["scope"], "given": k["given"]} for k in c.get("consents", [])],
            }
            for o in c.get("observations", []):
                if o.get("value") is not None:
                    row[o["indicator"]] = o["value"]
            for k in names:
                cols[k].append(row.get(k))
    # Drop indicator columns nobody observed (the frame libraries cannot type them).
    return {k: v for k, v in cols.items() if k not in indicators or any(x is not None for x in v)}


def build_frame(kind: str, cols: Dict[str, List[Any]]) -> Any:
    if kind == "pandas":
        import pandas as pd

        return pd.DataFrame({k: pd.Series(v, dtype=object) for k, v in cols.items()})
    if kind == "polars":
        import polars as pl

        return pl.DataFrame(cols, strict=False, infer_schema_length=None)
    import pyarrow as pa

    return pa.table(cols)


def compare(base: Baseline, path: Path, result: Any) -> Tuple[int, List[str]]:
    """Baseline vs. the engine's established level, classification and score."""
    def column(name: str) -> List[Any]:
        # A pyarrow Table's column holds pyarrow scalars; compare plain Python values.
        return result.column(name).to_pylist() if hasattr(result, "column_names") else list(result[name])

    levels, classes, scores = column("level"), column("classification"), column("score")
    bad, shown, i = 0, [], 0
    for batch in chunks(path):
        for c in batch:
            mine = base.assess(c)
            if (mine[0], mine[1]) != (levels[i], classes[i]) or Decimal(mine[2]) != Decimal(str(scores[i])):
                bad += 1
                if len(shown) < 10:
                    shown.append(f"{c['id']}: engine {levels[i]} {classes[i]} {scores[i]}, baseline {mine}")
            i += 1
    return bad, shown


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--sizes", default="10000,100000")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--one", type=int, default=20000, help="cases for the one-by-one fast dict calls")
    ap.add_argument("--full", type=int, default=1000, help="cases for the full (trace, unknowns, text) calls")
    ap.add_argument("--frames", default="pandas,polars,pyarrow")
    ap.add_argument("--no-many", action="store_true", help="skip assess_many")
    ap.add_argument("--no-top", action="store_true", help="skip assess_frame with top_unknown (the slow ranking)")
    args = ap.parse_args()
    sizes = [int(s) for s in args.sizes.split(",")]
    protocol = putokaz.Protocol.bundled("bih")
    start = time.perf_counter()
    base = Baseline(as_of=AS_OF)
    print(f"putokaz {putokaz.__version__}, pack {protocol.id} {protocol.version}, {os.cpu_count()} cores, "
          f"Python {sys.version.split()[0]}, as_of {AS_OF}, seed {args.seed}")
    print(f"  baseline loaded the pack's TOML in {(time.perf_counter() - start) * 1e3:.1f} ms")
    indicators = [i.id for i in protocol.indicators]
    summary: List[str] = []
    disagreements = 0

    for k, n in enumerate(sizes):
        path = cases_file(args.seed, n)
        print(f"\n== {n:,} cases ({path.relative_to(ROOT)})")
        if k == 0:
            sample = next(chunks(path, max(args.one, args.full)))
            one, full = sample[: args.one], sample[: args.full]
            timed("assess(dict), trace/unknowns/text off, one by one", len(one),
                  lambda: [protocol.assess(c, as_of=AS_OF, **FAST) for c in one])
            timed("assess(dict), full (trace, 10 unknowns, text)", len(full),
                  lambda: [protocol.assess(c, as_of=AS_OF) for c in full])
            timed("assess_many, full", len(full), lambda: protocol.assess_many(full, as_of=AS_OF))
            del sample
        t_many = None
        if not args.no_many:
            t_many = timed_chunks("assess_many, trace/unknowns/text off", path,
                                  lambda b: protocol.assess_many(b, as_of=AS_OF, **FAST))
        t_base = timed_chunks("pure-Python baseline (one core)", path, lambda b: [base.assess(c) for c in b])
        t0 = time.perf_counter()
        cols = wide_columns(path, indicators)
        print(f"  (read the file into {len(cols)} wide columns in {time.perf_counter() - t0:.1f} s)")
        for kind in args.frames.split(","):
            t0 = time.perf_counter()
            frame = build_frame(kind, cols)
            print(f"  ({kind} frame built in {time.perf_counter() - t0:.1f} s, not counted)")
            t_frame = None
            if not args.no_top:
                t_frame, result = timed(f"assess_frame ({kind}, wide)", n,
                                        lambda: protocol.assess_frame(frame, as_of=AS_OF))
                del result
            t_lean, result = timed(f"assess_frame ({kind}, wide, top_unknown=False)", n,
                                   lambda: protocol.assess_frame(frame, as_of=AS_OF, top_unknown=False))
            del frame
            if len(result) != n:
                sys.exit(f"assess_frame gave {len(result):,} rows for {n:,} cases")
            bad, shown = compare(base, path, result)
            disagreements += bad
            print(f"  baseline vs. engine on all {n:,} cases: {bad} disagreements")
            for line in shown:
                print(f"    {line}")
            del result
            for label, t in ((f"assess_frame ({kind})", t_frame), (f"assess_frame ({kind}, top_unknown=False)", t_lean)):
                if t is not None:
                    summary.append(f"{n:>9,}  {label:<42} {t:8.3f} s   baseline {t_base:8.3f} s   "
                                   f"{t_base / t:6.2f}× faster than the baseline")
        if t_many is not None:
            summary.append(f"{n:>9,}  {'assess_many (trace/unknowns/text off)':<42} {t_many:8.3f} s   baseline "
                           f"{t_base:8.3f} s   {t_base / t_many:6.2f}× faster than the baseline")
        del cols
        gc.collect()

    print("\n== engine and pure-Python baseline side by side, same cases")
    for line in summary:
        print(line)
    if disagreements:
        print(f"\n{disagreements} disagreements between the baseline and the engine: the comparison is void")
        sys.exit(1)


if __name__ == "__main__":
    main()
