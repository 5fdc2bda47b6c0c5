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
from putokaz import CaseError, Protocol, UsageError

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
    with pytest.raises(CaseError) as info:
        ilo.assess_frame(df, as_of=AS_OF)
    assert info.value.index == 1 and info.value.location == "$.reported_at"
    out = ilo.assess_frame(df, as_of=AS_OF, errors="report")
    assert out["error"].isna().tolist() == [True, False]
    assert out.loc[1, "id"] == "bad" and pd.isna(out.loc[1, "score"])
    assert "case.invalid_date" in out.loc[1, "error"]
    obligations = ilo.obligations_frame(df, as_of=AS_OF, errors="report")
    assert list(obligations["id"]) == ["bad"] and obligations["error"].notna().all()


@pytest.mark.parametrize("kind", KINDS)
def test_wide_errors_are_those_of_the_row_dicts(ilo: Protocol, kind: str) -> None:
    # Wide frames are read column by column; each row must fail exactly as its dict does,
    # with the same kind and path, even with several faults in one row.
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
    rows = records(frame)
    for got, row in zip(out, rows):
        case: Dict[str, Any] = {"id": row["id"], "reported_at": row["reported_at"]}
        subject: Dict[str, Any] = {}
        if row["appears_minor"] is not None:
            subject["appears_minor"] = row["appears_minor"]
        if row["age_min"] is not None or row["age_max"] is not None:
            subject["age_range"] = {k[4:]: row[k] for k in ("age_max", "age_min") if row[k] is not None}
        if row["sex"] is not None:
            subject["sex"] = row["sex"]
        if subject:
            case["subject"] = subject
        if row["d4_excessive_hours"] is not None:
            case["observations"] = [{"indicator": "d4_excessive_hours", "value": row["d4_excessive_hours"]}]
        try:
            a = ilo.assess(case, as_of=AS_OF)
        except CaseError as e:
            assert got["error"] is not None and e.kind in got["error"] and e.location in got["error"], (got, e)
            assert got["score"] is None
        else:
            assert got["error"] is None and got["score"] == a.score, got


def test_columns_are_checked(ilo: Protocol) -> None:
    df = pd.DataFrame({"id": ["a"], "reported_at": ["2026-03-02T09:00:00+01:00"], "d4_excesive_hours": [True]})
    with pytest.raises(UsageError, match="d4_excesive_hours"):
        ilo.assess_frame(df, as_of=AS_OF)
    assert len(ilo.assess_frame(df, as_of=AS_OF, extra="ignore")) == 1
    with pytest.raises(UsageError, match="`id`"):
        ilo.assess_frame(df.drop(columns=["id"]), as_of=AS_OF, extra="ignore")
    with pytest.raises(UsageError):
        ilo.assess_frame(df, as_of=AS_OF, layout="diagonal")
    with pytest.raises(UsageError):
        ilo.assess_frame(df, as_of=AS_OF, errors="ignore")
    with pytest.raises(TypeError):
        ilo.assess_frame(pl.from_pandas(df).lazy(), as_of=AS_OF)
    with pytest.raises(TypeError):
        ilo.assess_frame([{"id": "a"}], as_of=AS_OF)
    twice = pd.concat([df, df[["d4_excesive_hours"]]], axis=1).rename(columns={"d4_excesive_hours": "reported_at"})
    with pytest.raises(UsageError, match="twice"):
        ilo.assess_frame(twice, as_of=AS_OF)
    with pytest.raises(UsageError, match="twice"):
        ilo.assess_frame(pa.table([pa.array(["a"]), pa.array(["b"])], names=["id", "id"]), as_of=AS_OF)


def test_float_columns_need_allow_float(ilo: Protocol) -> None:
    df = pd.DataFrame({"id": ["a", "b"], "reported_at": ["2026-03-02T09:00:00+01:00"] * 2, "age": [12.0, None]})
    assert df["age"].dtype == "float64"  # pandas turns a whole-number column with a gap into floats
    with pytest.raises(CaseError) as info:
        ilo.assess_frame(df, as_of=AS_OF)
    assert "allow_float" in info.value.message
    out = ilo.assess_frame(df, as_of=AS_OF, allow_float=True)
    assert list(out["child_basis"]) == ["stated_age", "unknown"]


def test_datetime_columns(ilo: Protocol) -> None:
    df = pd.DataFrame({
        "id": ["a"],
        "reported_at": pd.to_datetime(["2026-03-02T09:00:00+01:00"]),
        "birth_date": [datetime(2014, 5, 1).date()],
    })
    out = ilo.assess_frame(df, as_of=pd.Timestamp(AS_OF))
    assert out.loc[0, "child_basis"] == "birth_date"


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
    with pytest.raises(UsageError, match="age"):
        ilo.assess_frame(conflicting, as_of=AS_OF, layout="long")


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
    with pytest.raises(UsageError, match="more than one value"):
        bih.assess_frame(pl.DataFrame(both) if kind == "polars" else pa.table(both), as_of=AS_OF, layout="long")
