"""Batches and data frames: pandas, polars and pyarrow in, the same kind out, and the
same results as assessing each case on its own."""

from __future__ import annotations

import random
from datetime import datetime
from decimal import Decimal
from typing import Any, Dict, List, Optional

import pandas as pd
import polars as pl
import pyarrow as pa
import pytest

import putokaz
from putokaz import CaseError, FrameError, Protocol, UsageError

from conftest import AS_OF, JAJCE_CASE

KINDS = ["pandas", "polars", "pyarrow"]
ILO_INDICATORS = [
    "recruited_transported_or_harboured",
    "d1_deceived_nature_of_job",
    "d4_excessive_hours",
    "d4_no_access_to_education",
    "d4_low_or_no_pay",
    "d5_violence_on_victim",
    "d5_confiscation_of_documents",
]


def synthetic_cases(n: int, indicators: List[str], seed: int = 7, municipalities: Optional[List[str]] = None) -> List[Dict[str, Any]]:
    """Cases with a random age (or none) and random present/absent/unknown indicators."""
    rnd = random.Random(seed)
    cases = []
    for i in range(n):
        case: Dict[str, Any] = {"id": f"case-{i:03d}", "reported_at": "2026-03-02T09:00:00+01:00"}
        if municipalities:
            case["municipality"] = rnd.choice(municipalities)
        age = rnd.choice([None, 9, 14, 17, 25, 40])
        if age is not None:
            case["subject"] = {"age": age}
        obs = []
        for ind in indicators:
            v = rnd.choice([None, None, True, False])
            if v is not None:
                obs.append({"indicator": ind, "value": v})
        if obs:
            case["observations"] = obs
        cases.append(case)
    return cases


def wide(cases: List[Dict[str, Any]], indicators: List[str]) -> pd.DataFrame:
    """The documented wide layout, written out by hand: one column per indicator, a missing
    cell where the case does not observe it."""
    rows = []
    for c in cases:
        row: Dict[str, Any] = {"id": c["id"], "reported_at": c["reported_at"]}
        if "municipality" in c:
            row["municipality"] = c["municipality"]
        row["age"] = c.get("subject", {}).get("age")
        values = {o["indicator"]: o["value"] for o in c.get("observations", [])}
        for ind in indicators:
            row[ind] = values.get(ind)
        rows.append(row)
    df = pd.DataFrame(rows)
    df["age"] = df["age"].astype("Int64")
    for ind in indicators:
        df[ind] = df[ind].astype("boolean")
    return df


def long(cases: List[Dict[str, Any]]) -> pd.DataFrame:
    """The documented long layout: one row per observation, case fields repeated."""
    rows = []
    for c in cases:
        base = {"id": c["id"], "reported_at": c["reported_at"], "age": c.get("subject", {}).get("age")}
        obs = c.get("observations", [])
        if not obs:
            rows.append({**base, "indicator": None, "value": None})
        for o in obs:
            rows.append({**base, "indicator": o["indicator"], "value": o["value"]})
    df = pd.DataFrame(rows)
    df["age"] = df["age"].astype("Int64")
    return df


def as_kind(df: pd.DataFrame, kind: str) -> Any:
    if kind == "pandas":
        return df
    table = pa.Table.from_pandas(df, preserve_index=False)
    return table if kind == "pyarrow" else pl.from_arrow(table)


def records(frame: Any) -> List[Dict[str, Any]]:
    if isinstance(frame, pd.DataFrame):
        return [{k: (None if v is pd.NA or v is pd.NaT or (isinstance(v, float) and v != v) else v)
                 for k, v in r.items()} for r in frame.to_dict("records")]
    if isinstance(frame, pl.DataFrame):
        return frame.to_dicts()
    return frame.to_pylist()


def expected_row(a: putokaz.Assessment) -> Dict[str, Any]:
    due = [o.due for o in a.obligations if o.status in ("pending", "overdue") and o.due is not None]
    return {
        "id": a.case_id,
        "score": a.score,
        "level": a.level.value,
        "classification": a.classification.value,
        "child_basis": a.child_basis.value,
        "is_child": a.is_child,
        "pending": sum(o.status == "pending" for o in a.obligations),
        "overdue": sum(o.status == "overdue" for o in a.obligations),
        "next_due": min(due) if due else None,
        "top_unknown": a.unknowns[0].input if a.unknowns else None,
    }


def check_rows(protocol: Protocol, frame: Any, cases: List[Dict[str, Any]]) -> None:
    got = records(frame)
    assert len(got) == len(cases)
    for row, case in zip(got, cases):
        want = expected_row(protocol.assess(case, as_of=AS_OF))
        for key, value in want.items():
            have = row[key]
            if key == "score":
                assert isinstance(have, Decimal)
            if key == "next_due" and have is not None:
                assert have.utcoffset() is not None
                have = have.to_pydatetime() if hasattr(have, "to_pydatetime") else have
            assert have == value, (case["id"], key, have, value)


@pytest.mark.parametrize("kind", KINDS)
def test_wide_frame_matches_assess_row_by_row(ilo: Protocol, kind: str) -> None:
    cases = synthetic_cases(40, ILO_INDICATORS)
    frame = as_kind(wide(cases, ILO_INDICATORS), kind)
    out = ilo.assess_frame(frame, as_of=AS_OF)
    assert type(out) is (pa.Table if kind == "pyarrow" else type(frame))
    check_rows(ilo, out, cases)


@pytest.mark.parametrize("kind", KINDS)
def test_without_top_unknown_the_column_is_left_out(ilo: Protocol, kind: str) -> None:
    cases = synthetic_cases(20, ILO_INDICATORS, seed=5)
    frame = as_kind(wide(cases, ILO_INDICATORS), kind)
    full = records(ilo.assess_frame(frame, as_of=AS_OF))
    lean = records(ilo.assess_frame(frame, as_of=AS_OF, top_unknown=False))
    assert all("top_unknown" not in row for row in lean)
    assert lean == [{k: v for k, v in row.items() if k != "top_unknown"} for row in full]
    with pytest.raises(TypeError):
        ilo.assess_frame(frame, as_of=AS_OF, top_unknown="no")  # type: ignore[arg-type]


@pytest.mark.parametrize("kind", KINDS)
def test_long_frame_matches_assess_row_by_row(ilo: Protocol, kind: str) -> None:
    cases = synthetic_cases(30, ILO_INDICATORS, seed=11)
    out = ilo.assess_frame(as_kind(long(cases), kind), as_of=AS_OF, layout="long")
    check_rows(ilo, out, cases)


@pytest.mark.bih
@pytest.mark.parametrize("kind", KINDS)
def test_bih_frames_with_obligations(bih: Protocol, kind: str) -> None:
    indicators = ["forced_begging", "daily_money_quota", "exploiter_family_member", "d4_excessive_hours"]
    cases = synthetic_cases(25, indicators, seed=3, municipalities=["Jajce", "Tuzla", "Prnjavor"])
    frame = as_kind(wide(cases, indicators), kind)
    summary = bih.assess_frame(frame, as_of=AS_OF)
    check_rows(bih, summary, cases)
    obligations = records(bih.obligations_frame(frame, as_of=AS_OF))
    expected = []
    for case in cases:
        for o in bih.assess(case, as_of=AS_OF).obligations:
            expected.append((case["id"], o.id, o.status.value, o.actor.institution, o.due))
    got = [(r["id"], r["obligation"], r["status"], r["actor_institution"],
            r["due"].to_pydatetime() if hasattr(r["due"], "to_pydatetime") else r["due"]) for r in obligations]
    assert got == expected
    assert any(r["status"] == "overdue" for r in obligations)


def test_pandas_keeps_its_index_and_types(ilo: Protocol) -> None:
    cases = synthetic_cases(5, ILO_INDICATORS)
    df = wide(cases, ILO_INDICATORS)
    df.index = pd.Index([10, 20, 30, 40, 50], name="row")
    out = ilo.assess_frame(df, as_of=AS_OF)
    assert list(out.index) == [10, 20, 30, 40, 50]
    assert all(isinstance(v, Decimal) for v in out["score"])
    assert str(out["score"].dtype) == "decimal128(38, 6)[pyarrow]"
    assert out["level"].cat.ordered and list(out["level"].cat.categories) == [lv.value for lv in putokaz.LEVELS]
    assert list(out["classification"].cat.categories) == ["insufficient_indicators", "at_risk", "presumed_victim"]
    assert str(out["next_due"].dtype) == "datetime64[s, Europe/Sarajevo]"
    assert str(out["is_child"].dtype) == "boolean"
    assert str(out["next_due"].dtype).startswith("datetime64")


def test_arrow_and_polars_types(ilo: Protocol) -> None:
    df = wide(synthetic_cases(5, ILO_INDICATORS), ILO_INDICATORS)
    table = ilo.assess_frame(pa.Table.from_pandas(df, preserve_index=False), as_of=AS_OF)
    assert pa.types.is_decimal(table.schema.field("score").type)
    assert pa.types.is_timestamp(table.schema.field("next_due").type)
    polars_out = ilo.assess_frame(pl.from_pandas(df), as_of=AS_OF)
    assert isinstance(polars_out.schema["score"], pl.Decimal)
    assert polars_out.schema["pending"] == pl.Int64
    assert polars_out.schema["level"] == pl.Enum(["none", "low", "moderate", "high", "very_high"])
    assert polars_out.schema["next_due"] == pl.Datetime("ms", "Europe/Sarajevo")
    assert table.schema.field("level").type.ordered
    record_batch = pa.RecordBatch.from_pandas(df, preserve_index=False)
    assert isinstance(ilo.assess_frame(record_batch, as_of=AS_OF), pa.Table)


@pytest.mark.parametrize("kind", KINDS)
def test_empty_frames(ilo: Protocol, kind: str) -> None:
    df = wide(synthetic_cases(3, ILO_INDICATORS), ILO_INDICATORS).head(0)
    out = ilo.assess_frame(as_kind(df, kind), as_of=AS_OF)
    assert len(out) == 0 and "score" in list(out.columns if kind != "pyarrow" else out.column_names)


def test_errors_raise_or_report(ilo: Protocol) -> None:
    df = pd.DataFrame({
        "id": ["ok", "bad"],
        "reported_at": ["2026-03-02T09:00:00+01:00", "not a date"],
        "d4_excessive_hours": [True, True],
    })
    with pytest.raises(FrameError) as info:
        ilo.assess_frame(df, as_of=AS_OF)
    (p,) = info.value.problems
    assert (p.row, p.column, p.field, p.kind, p.path) == (1, 1, "reported_at", "case.invalid_date", "$.reported_at")
    assert isinstance(info.value, ValueError)
    out = ilo.assess_frame(df, as_of=AS_OF, errors="report")
    assert out["error"].isna().tolist() == [True, False]
    assert out.loc[1, "id"] == "bad" and pd.isna(out.loc[1, "score"])
    assert "case.invalid_date" in out.loc[1, "error"] and "column[1] `reported_at`" in out.loc[1, "error"]
    obligations = ilo.obligations_frame(df, as_of=AS_OF, errors="report")
    assert list(obligations["id"]) == ["bad"] and obligations["error"].notna().all()


@pytest.mark.parametrize("kind", KINDS)
def test_a_row_fails_exactly_when_its_case_does(ilo: Protocol, kind: str) -> None:
    # Each row fails if and only if the case it stands for does, even with several
    # faults in one row; the frame reports every one of them.
    df = pd.DataFrame({
        "d4_excessive_hours": [True, False, True, None],
        "appears_minor": [None, 1.5, None, None],
        "age_max": pd.array([15, 15, -1, None], dtype="Int64"),
        "id": ["a", "b", "c", "d"],
        "sex": ["female", "female", "x", None],
        "age_min": pd.array([12, 12, 12, None], dtype="Int64"),
        "reported_at": ["2026-03-02T09:00:00+01:00", "2026-03-02T09:00:00+01:00", "2026-03-02T09:00:00+01:00",
                        "not a date"],
    })
    frame = as_kind(df, kind)
    out = records(ilo.assess_frame(frame, as_of=AS_OF, errors="report"))
    assert [r["error"] is None for r in out] == [True, False, False, False]
    assert out[0]["score"] == ilo.assess({"id": "a", "reported_at": "2026-03-02T09:00:00+01:00",
                                          "subject": {"age_range": {"min": 12, "max": 15}, "sex": "female"},
                                          "observations": [{"indicator": "d4_excessive_hours", "value": True}]},
                                         as_of=AS_OF).score
    with pytest.raises(FrameError) as info:
        ilo.assess_frame(frame, as_of=AS_OF)
    got = {(p.row, p.field) for p in info.value.problems}
    assert got == {(1, "appears_minor"), (2, "age_max"), (2, "sex"), (3, "reported_at")}


def test_columns_are_checked(ilo: Protocol) -> None:
    df = pd.DataFrame({"id": ["a"], "reported_at": ["2026-03-02T09:00:00+01:00"], "d4_excesive_hours": [True],
                       "notes": ["free text"]})
    # A misspelt indicator is never left out silently, not even with extra="ignore".
    for extra in ("error", "ignore"):
        with pytest.raises(FrameError, match="did you mean `d4_excessive_hours`") as info:
            ilo.assess_frame(df, as_of=AS_OF, extra=extra)
        assert [p.column for p in info.value.problems][0] == 2
    # Named, it is left out; so is a column far from any indicator.
    assert len(ilo.assess_frame(df, as_of=AS_OF, extra=["d4_excesive_hours", "notes"])) == 1
    assert len(ilo.assess_frame(df.drop(columns=["d4_excesive_hours"]), as_of=AS_OF, extra="ignore")) == 1
    with pytest.raises(FrameError, match=r"column\[3\] is neither a case field nor an indicator"):
        ilo.assess_frame(df.drop(columns=["d4_excesive_hours"]).assign(x=1), as_of=AS_OF, extra=["notes"])
    with pytest.raises(UsageError, match="does not have"):
        ilo.assess_frame(df, as_of=AS_OF, extra=["nothing like it"])
    with pytest.raises(FrameError, match="no `id` column"):
        ilo.assess_frame(df.drop(columns=["id"]), as_of=AS_OF, extra=["d4_excesive_hours", "notes"])
    with pytest.raises(UsageError):
        ilo.assess_frame(df, as_of=AS_OF, layout="diagonal")
    with pytest.raises(UsageError):
        ilo.assess_frame(df, as_of=AS_OF, errors="ignore")
    with pytest.raises(TypeError):
        ilo.assess_frame(pl.from_pandas(df).lazy(), as_of=AS_OF)
    with pytest.raises(TypeError):
        ilo.assess_frame([{"id": "a"}], as_of=AS_OF)
    twice = pd.concat([df, df[["d4_excesive_hours"]]], axis=1).rename(columns={"d4_excesive_hours": "reported_at"})
    with pytest.raises(FrameError, match="same name as column"):
        ilo.assess_frame(twice, as_of=AS_OF)
    with pytest.raises(FrameError, match="same name as column"):
        ilo.assess_frame(pa.table([pa.array(["a"]), pa.array(["b"])], names=["id", "id"]), as_of=AS_OF)


@pytest.mark.bih
@pytest.mark.parametrize("kind", KINDS)
def test_whole_floats_are_counts(bih: Protocol, kind: str) -> None:
    # Issue 17, item 1: a count column with gaps is float64 in pandas.
    df = pd.DataFrame({"id": ["a", "b", "c"], "reported_at": ["2026-03-02T09:00:00+01:00"] * 3,
                       "municipality": ["Jajce"] * 3, "age": [12.0, None, 13.0],
                       "unexcused_absences": [80.0, None, 3.0]})
    assert df["unexcused_absences"].dtype == "float64"
    out = records(bih.assess_frame(as_kind(df, kind), as_of=AS_OF))
    want = bih.assess({"id": "a", "reported_at": "2026-03-02T09:00:00+01:00", "municipality": "Jajce",
                       "subject": {"age": 12}, "observations": [{"indicator": "unexcused_absences", "value": 80}]},
                      as_of=AS_OF)
    assert (out[0]["score"], out[0]["level"]) == (want.score, want.level.value)
    assert [r["child_basis"] for r in out] == ["stated_age", "unknown", "stated_age"]
    with pytest.raises(FrameError, match=r"row\[1\], column\[4\] `unexcused_absences`: case.wrong_type: a fraction"):
        bih.assess_frame(as_kind(df.assign(unexcused_absences=[80.0, 2.5, 3.0]), kind), as_of=AS_OF)


def test_problems_name_the_index_label_and_every_problem(ilo: Protocol) -> None:
    # Issue 17, item 2: a filtered frame's row labelled 150 is row[1] (position) with label 150.
    df = pd.DataFrame({"id": ["a", "b", "c", "d"], "reported_at": ["2026-03-02T09:00:00+01:00"] * 4,
                       "age": ["12", None, None, None], "d4_excessive_hours": ["true", "maybe", None, "yes"]},
                      index=[100, 150, 200, 250])
    with pytest.raises(FrameError) as info:
        ilo.assess_frame(df.iloc[1:], as_of=AS_OF)
    problems = info.value.problems
    assert [(p.row, p.label, p.column, p.field) for p in problems] == [(None, None, 2, "age")]
    assert "invalid type" not in str(info.value) and "u32" not in str(info.value)
    df = df.assign(age=[12, None, None, None])
    with pytest.raises(FrameError) as info:
        ilo.assess_frame(df.iloc[1:], as_of=AS_OF)
    assert [(p.row, p.label) for p in info.value.problems] == [(0, 150), (2, 250)]
    table = info.value.table()
    assert list(table["label"]) == [150, 250] and list(table["kind"]) == ["case.wrong_type"] * 2


@pytest.mark.parametrize("kind", KINDS)
def test_yes_no_values(ilo: Protocol, kind: str) -> None:
    # Issue 17, item 4: texts as told, 1/0, and the defaults true/false.
    base = {"id": ["a", "b", "c"], "reported_at": ["2026-03-02T09:00:00+01:00"] * 3, "age": [12, 12, 12]}
    as_text = pd.DataFrame({**base, "d4_excessive_hours": ["da", "ne", None]})
    as_int = pd.DataFrame({**base, "d4_excessive_hours": [1, 0, None]})
    as_bool = pd.DataFrame({**base, "d4_excessive_hours": pd.array([True, False, None], dtype="boolean")})
    want = records(ilo.assess_frame(as_kind(as_bool, kind), as_of=AS_OF))
    assert records(ilo.assess_frame(as_kind(as_int, kind), as_of=AS_OF)) == want
    assert records(ilo.assess_frame(as_kind(as_text, kind), as_of=AS_OF, true_values=["da"],
                                    false_values=["ne"])) == want
    assert records(ilo.assess_frame(as_kind(as_text.replace({"da": "true", "ne": "false"}), kind),
                                    as_of=AS_OF)) == want
    with pytest.raises(FrameError, match="neither one of true_values"):
        ilo.assess_frame(as_kind(as_text, kind), as_of=AS_OF)
    with pytest.raises(FrameError, match="other than 1 or 0"):
        ilo.assess_frame(as_kind(as_int.assign(d4_excessive_hours=[1, 2, None]), kind), as_of=AS_OF)


def test_dates_and_times_of_every_library(ilo: Protocol) -> None:
    # Issue 17, item 5.
    when = "2026-03-02T09:00:00+01:00"
    want = ilo.assess_frame(pd.DataFrame({"id": ["a"], "reported_at": [when], "birth_date": ["2014-05-01"]}),
                            as_of=AS_OF)
    naive = pd.DataFrame({"id": ["a"], "reported_at": pd.to_datetime(["2026-03-02 09:00"]),
                          "birth_date": pd.to_datetime(["2014-05-01"])})
    with pytest.raises(FrameError, match="naive=\"pack_tz\""):
        ilo.assess_frame(naive, as_of=AS_OF)
    for frame in (
        naive,
        pd.DataFrame({"id": ["a"], "reported_at": pd.to_datetime([when]),
                      "birth_date": pd.to_datetime(["2014-05-01"]).tz_localize("Asia/Tokyo")}),
        pd.DataFrame({"id": ["a"], "reported_at": [datetime.fromisoformat(when)],
                      "birth_date": [datetime(2014, 5, 1).date()]}),
        pl.DataFrame({"id": ["a"], "reported_at": [datetime(2026, 3, 2, 9)], "birth_date": [datetime(2014, 5, 1).date()]}),
        pa.table({"id": ["a"], "reported_at": pa.array([datetime(2026, 3, 2, 8)], pa.timestamp("ms", tz="UTC")),
                  "birth_date": pa.array([datetime(2014, 5, 1)], pa.date64())}),
    ):
        out = records(ilo.assess_frame(frame, as_of=AS_OF, naive="pack_tz"))
        assert (out[0]["child_basis"], out[0]["score"], out[0]["level"]) == (
            "birth_date", want.loc[0, "score"], want.loc[0, "level"])
    # A wall-clock time that the zone skips (the spring change) is refused, not guessed.
    gap = pd.DataFrame({"id": ["a"], "reported_at": pd.to_datetime(["2026-03-29 02:30"])})
    with pytest.raises(FrameError, match="daylight-saving"):
        ilo.assess_frame(gap, as_of="2026-04-04T12:00:00+02:00", naive="pack_tz")


@pytest.mark.parametrize("kind", KINDS)
def test_repeated_case_ids(ilo: Protocol, kind: str) -> None:
    # Issue 17, item 6.
    df = pd.DataFrame({"id": ["a", "b", "a"], "reported_at": ["2026-03-02T09:00:00+01:00"] * 3,
                       "d4_excessive_hours": [True, False, False]}, index=[7, 8, 9])
    with pytest.raises(FrameError, match=r"row\[2\], column\[0\] `id`: case.conflict: the same case id as row\[0\]"):
        ilo.assess_frame(as_kind(df, kind), as_of=AS_OF)
    with pytest.raises(FrameError):
        ilo.obligations_frame(as_kind(df, kind), as_of=AS_OF)
    first = ilo.assess_frame(as_kind(df, kind), as_of=AS_OF, duplicates="first")
    assert records(first) == records(ilo.assess_frame(as_kind(df.iloc[:2], kind), as_of=AS_OF))
    if kind == "pandas":
        assert list(first.index) == [7, 8]


@pytest.mark.bih
def test_list_columns_after_parquet(bih: Protocol, tmp_path: Any) -> None:
    # Issue 17, item 7: events and consents come back from parquet as numpy arrays.
    ilo = bih
    df = pd.DataFrame({"id": ["a", "b"], "reported_at": ["2026-03-02T09:00:00+01:00"] * 2, "age": [12, 30],
                       "municipality": ["Jajce", "Tuzla"],
                       "events": [[{"kind": "csw_notified", "at": "2026-03-02T10:00:00+01:00"}], []],
                       "consents": [[{"scope": "roma_mediator", "given": True}], []],
                       "forced_begging": [True, True]})
    path = tmp_path / "cases.parquet"
    df.to_parquet(path)
    back = pd.read_parquet(path)
    assert type(back.loc[0, "events"]).__name__ == "ndarray"
    assert records(ilo.assess_frame(back, as_of=AS_OF)) == records(ilo.assess_frame(df, as_of=AS_OF))
    row = back.iloc[0].to_dict()
    case = {"id": row["id"], "reported_at": row["reported_at"], "events": row["events"], "subject": {"age": 12}}
    assert ilo.assess(case, as_of=AS_OF).to_json() == ilo.assess(
        {**case, "events": list(df.loc[0, "events"])}, as_of=AS_OF).to_json()
    # Cells no column type holds are a FrameError, never a raw TypeError.
    mixed = df.assign(age=pd.array([12, "twelve"], dtype=object))
    with pytest.raises(FrameError, match=r"column\[2\]"):
        ilo.assess_frame(mixed, as_of=AS_OF)


def test_no_message_echoes_the_callers_text(ilo: Protocol) -> None:
    secret = "SECRET-MARKER"
    df = pd.DataFrame({"id": [secret, secret], "reported_at": [secret, "2026-03-02T09:00:00+01:00"],
                       "sex": [secret, None], "d4_excessive_hours": [secret, None],
                       f"{secret}-column": [1, 2], "d4_excessive_hour": [True, None]},
                      index=[secret, secret + "2"])
    with pytest.raises(FrameError) as info:
        ilo.assess_frame(df, as_of=AS_OF)
    texts = [str(info.value)] + [str(p) for p in info.value.problems] + [p.message for p in info.value.problems]
    assert info.value.problems and not any(secret in t for t in texts)
    with pytest.raises(FrameError) as info:
        ilo.assess_frame(df, as_of=AS_OF, extra=[f"{secret}-column", "d4_excessive_hour"])
    texts = [str(info.value)] + [str(p) for p in info.value.problems]
    assert len(info.value.problems) >= 4 and not any(secret in t for t in texts)
    assert {p.label for p in info.value.problems} <= {secret, secret + "2", None}


def test_long_layout_rules(ilo: Protocol) -> None:
    df = pd.DataFrame({
        "id": ["a", "a", "b"],
        "reported_at": ["2026-03-02T09:00:00+01:00"] * 3,
        "age": [12, 12, 30],
        "indicator": ["recruited_transported_or_harboured", "d4_excessive_hours", None],
    })
    out = ilo.assess_frame(df, as_of=AS_OF, layout="long")  # no value column: each listed indicator is present
    assert list(out["id"]) == ["a", "b"]
    assert out.loc[0, "score"] == ilo.assess(
        {"id": "a", "reported_at": "2026-03-02T09:00:00+01:00", "subject": {"age": 12},
         "observations": [{"indicator": "recruited_transported_or_harboured", "value": True},
                          {"indicator": "d4_excessive_hours", "value": True}]}, as_of=AS_OF).score
    conflicting = df.assign(age=[12, 13, 30])
    with pytest.raises(FrameError, match="`age` differs") as info:
        ilo.assess_frame(conflicting, as_of=AS_OF, layout="long")
    (p,) = info.value.problems
    assert (p.row, p.column, p.kind) == (1, 2, "case.conflict")
    # A case's rows may lie in different record batches, and a row of a long frame that
    # cannot be read is named by its own row and column.
    table = pa.Table.from_pandas(df, preserve_index=False)
    split = pa.Table.from_batches(table.to_batches(max_chunksize=1))
    assert split.to_batches()[0].num_rows == 1
    assert records(ilo.assess_frame(split, as_of=AS_OF, layout="long")) == records(
        ilo.assess_frame(table, as_of=AS_OF, layout="long"))
    bad = df.assign(indicator=["recruited_transported_or_harboured", "d4_excesive_hours", None])
    with pytest.raises(FrameError, match="did you mean") as info:
        ilo.assess_frame(bad, as_of=AS_OF, layout="long")
    (p,) = info.value.problems
    assert (p.row, p.column, p.kind) == (1, 3, "case.unknown_indicator")
    # A pandas `value` column of booleans and counts, as the case JSON has them.
    mixed = df.assign(indicator=["recruited_transported_or_harboured", "d4_excessive_hours", None],
                      value=pd.Series([True, 1.5, None], dtype=object))
    with pytest.raises(FrameError, match="a fraction") as info:
        ilo.assess_frame(mixed, as_of=AS_OF, layout="long")
    assert [(p.row, p.column) for p in info.value.problems] == [(1, 4)]


def test_assess_many_matches_assess(ilo: Protocol) -> None:
    cases = synthetic_cases(50, ILO_INDICATORS, seed=5)
    many = ilo.assess_many(cases, as_of=AS_OF)
    assert many == [ilo.assess(c, as_of=AS_OF) for c in cases]
    assert ilo.assess_many(iter(cases), as_of=AS_OF, lang="en", trace=False) == [
        ilo.assess(c, as_of=AS_OF, lang="en", trace=False) for c in cases
    ]
    assert ilo.assess_many([], as_of=AS_OF) == []
    with pytest.raises(TypeError):
        ilo.assess_many(cases[0], as_of=AS_OF)


@pytest.mark.bih
def test_bih_assess_many_on_examples(bih: Protocol) -> None:
    results = bih.assess_many([JAJCE_CASE] * 20, as_of=AS_OF)
    assert len({a.to_json() for a in results}) == 1


@pytest.mark.bih
@pytest.mark.parametrize("kind", ["polars", "pyarrow"])
def test_typed_value_columns_in_long_frames(bih: Protocol, kind: str) -> None:
    data = {
        "id": ["a", "a", "a"],
        "reported_at": ["2026-03-02T09:00:00+01:00"] * 3,
        "municipality": ["Jajce"] * 3,
        "age": [12, 12, 12],
        "indicator": ["forced_begging", "unexcused_absences", "d5_violence_on_victim"],
        "value_bool": [True, None, None],
        "value_count": [None, 23, None],
    }
    frame = pl.DataFrame(data) if kind == "polars" else pa.table(data)
    out = records(bih.assess_frame(frame, as_of=AS_OF, layout="long"))
    expected = bih.assess(
        {"id": "a", "reported_at": "2026-03-02T09:00:00+01:00", "municipality": "Jajce", "subject": {"age": 12},
         "observations": [{"indicator": "forced_begging", "value": True},
                          {"indicator": "unexcused_absences", "value": 23},
                          {"indicator": "d5_violence_on_victim", "value": None}]}, as_of=AS_OF)
    assert (out[0]["score"], out[0]["level"]) == (expected.score, expected.level.value)
    both = dict(data, value_count=[1, 23, None])
    with pytest.raises(FrameError, match="more than one value"):
        bih.assess_frame(pl.DataFrame(both) if kind == "polars" else pa.table(both), as_of=AS_OF, layout="long")
