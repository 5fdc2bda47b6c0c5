"""`assess_frame` in Spark, for real, in local mode: the README's example (a pandas UDF by
`mapInArrow` over a Spark DataFrame of cases) runs as written, and its rows equal
`assess_frame` on the same cases, row by row.

Spark needs `pyspark` and a Java runtime, and costs a JVM start: the test runs only with
PUTOKAZ_SPARK=1 (python/tests/run.sh then installs pyspark), and then a missing Spark is a
failure, not a skip. Without the switch it is skipped, whatever is installed.
"""

from __future__ import annotations

import os
import re
import sys
from pathlib import Path
from typing import Any, Dict, Iterator

import pandas as pd
import pytest

from putokaz import Protocol

from conftest import AS_OF, HAS_BIH

if os.environ.get("PUTOKAZ_SPARK") != "1":
    pytest.skip("the Spark test runs with PUTOKAZ_SPARK=1", allow_module_level=True)

pytestmark = [
    pytest.mark.slow,
    pytest.mark.spark,
    pytest.mark.bih,
    # PySpark's own notice about pandas 3, not about this package.
    pytest.mark.filterwarnings("ignore:PySpark does not yet fully support pandas:FutureWarning"),
]

README = Path(__file__).resolve().parents[2] / "README.md"


def readme_block(marker: str) -> str:
    """The README's Python block that starts with the comment `marker`."""
    blocks = re.findall(r"```python\n(.*?)```", README.read_text(encoding="utf-8"), flags=re.S)
    (block,) = [b for b in blocks if b.startswith(f"# {marker}")]
    return block


@pytest.fixture(scope="module")
def spark() -> Iterator[Any]:
    from pyspark.sql import SparkSession

    # The workers are Python processes: the suite's own interpreter, which has putokaz.
    os.environ["PYSPARK_PYTHON"] = sys.executable
    session = (SparkSession.builder.master("local[2]").appName("putokaz-test")
               .config("spark.ui.enabled", "false").config("spark.sql.session.timeZone", "UTC").getOrCreate())
    session.sparkContext.setLogLevel("ERROR")
    yield session
    session.stop()


def wide_cases(n: int) -> pd.DataFrame:
    import random

    rnd = random.Random(17)
    towns = ["Jajce", "Tuzla", "Prnjavor", "Bijeljina"]
    rows = []
    for i in range(n):
        row: Dict[str, Any] = {"id": f"s-{i:05d}", "reported_at": f"2026-03-0{rnd.randint(1, 3)}T09:00:00+01:00",
                               "municipality": rnd.choice(towns), "age": rnd.choice([None, 9, 13, 16, 25])}
        for ind in ("forced_begging", "daily_money_quota", "exploiter_family_member", "d4_excessive_hours"):
            row[ind] = rnd.choice([None, True, False, True])
        row["unexcused_absences"] = rnd.choice([None, 3, 80, 120])
        rows.append(row)
    df = pd.DataFrame(rows)
    return df.astype({"age": "Int64", "unexcused_absences": "Int64", "forced_begging": "boolean",
                      "daily_money_quota": "boolean", "exploiter_family_member": "boolean",
                      "d4_excessive_hours": "boolean"})


@pytest.mark.skipif(not HAS_BIH, reason="the `bih` pack is not bundled")
def test_the_readme_spark_example_equals_assess_frame(spark: Any, bih: Protocol) -> None:
    cases = wide_cases(2000)
    env: Dict[str, Any] = {"spark": spark, "protocol": bih, "AS_OF": AS_OF, "cases": cases}
    exec(compile(readme_block("spark"), "README.md (Spark)", "exec"), env)
    got = env["summary"].to_pandas().sort_values("id").reset_index(drop=True)
    want = bih.assess_frame(cases, as_of=AS_OF, top_unknown=False)
    assert len(got) == len(want) == 2000
    for g, w in zip(got.itertuples(), want.itertuples()):
        assert (g.id, g.level, g.classification) == (w.id, w.level, w.classification)
        assert g.score == w.score
        # Spark keeps instants, not zones: the same instant, whatever zone it is shown in.
        assert (pd.isna(g.next_due) and pd.isna(w.next_due)) or (
            _utc(g.next_due) == w.next_due.tz_convert("UTC"))


def _utc(t: Any) -> pd.Timestamp:
    t = pd.Timestamp(t)
    return t.tz_localize("UTC") if t.tzinfo is None else t.tz_convert("UTC")
