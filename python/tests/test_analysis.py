"""The analysis tools from Python (issue 9): protocol diff, counterfactuals, parameter
sweeps and group comparison. The engine computes every answer; these tests check that
Python passes the cases through unchanged and gives the answers types and frames."""

from __future__ import annotations

import copy
import json
import random
from decimal import Decimal
from pathlib import Path
from typing import Any, Dict, List

import pytest

import putokaz
from putokaz import CaseError, Level, UsageError

pytestmark = pytest.mark.bih

AS_OF = "2026-03-06T12:00:00+01:00"
EXAMPLES = Path(__file__).resolve().parents[1] / "examples"


def _case(cid: str, absences: int) -> Dict[str, Any]:
    return {"id": cid, "reported_at": "2026-03-05T10:00:00+01:00", "municipality": "Jajce", "reporter": "school",
            "subject": {"age": 9}, "observations": [{"indicator": "unexcused_absences", "value": absences}]}


CHILD = {"id": "w1", "reported_at": "2026-03-05T10:00:00+01:00", "municipality": "Tuzla", "reporter": "school",
         "subject": {"age": 12}, "observations": [{"indicator": "street_work_at_night", "value": True}]}


@pytest.fixture(scope="module")
def cases() -> List[Dict[str, Any]]:
    with open(EXAMPLES / "cases.jsonl", encoding="utf-8") as f:
        return [json.loads(line) for line in f]


def _wide_table() -> Any:
    pa = pytest.importorskip("pyarrow")
    n = 6
    return pa.table({
        "id": [f"t{i}" for i in range(n)],
        "reported_at": ["2026-03-05T10:00:00+01:00"] * n,
        "municipality": ["Jajce", "Tuzla"] * (n // 2),
        "reporter": ["school"] * n,
        "age": [9, 12, 15, 9, 12, 15],
        "unexcused_absences": pa.array([4, 8, 12, 16, 20, None], type=pa.int64()),
        "street_work_at_night": pa.array([None, True, None, False, None, True], type=pa.bool_()),
    })


def _long_frame(cases: List[Dict[str, Any]], extra: Dict[str, List[Any]] | None = None) -> Any:
    pd = pytest.importorskip("pandas")
    rows = []
    for n, c in enumerate(cases):
        base = {"id": c["id"], "reported_at": c["reported_at"], "municipality": c.get("municipality"),
                "reporter": c.get("reporter"), "age": c.get("subject", {}).get("age"), "events": c.get("events")}
        for k, v in (extra or {}).items():
            base[k] = v[n]
        for o in c.get("observations") or [{"indicator": None, "value": None}]:
            rows.append({**base, "indicator": o["indicator"], "value": o["value"]})
    return pd.DataFrame(rows).astype({"age": "Int64"})


# -- diff ---------------------------------------------------------------------------------


def test_diff_names_the_cases_rules_and_parameters_that_change(bih: putokaz.Protocol) -> None:
    lenient = bih.with_local_parameter("absence_threshold", 10)
    d = bih.diff(lenient, [_case("d1", 20), CHILD], as_of=AS_OF)
    assert d.from_protocol == (bih.id, bih.version) and d.to_protocol == (bih.id, bih.version)
    assert d.parameters == (putokaz.ParameterChange("absence_threshold", 75, 10),)
    assert d.unchanged == 1 and d.refused == 0 and d.changed == 1
    (c,) = d.cases
    assert (c.case_id, c.from_level, c.to_level) == ("d1", Level.NONE, Level.LOW)
    assert c.rules and all("/" in r for r in c.rules)
    assert c.errors == (None, None)
    assert d.level_counts == {(Level.NONE, Level.LOW): 1, (Level.LOW, Level.LOW): 1}
    summary = d.summary
    assert list(summary.columns) == ["from_level"] + [lv.value for lv in putokaz.LEVELS]
    matrix = summary.set_index("from_level")
    assert matrix.loc["none", "low"] == 1 and matrix.loc["low", "low"] == 1
    assert int(matrix.to_numpy().sum()) == 2


def test_diff_of_a_protocol_with_itself_changes_nothing(bih: putokaz.Protocol, cases: List[Dict[str, Any]]) -> None:
    d = bih.diff(bih, cases, as_of=AS_OF)
    assert d.cases == () and d.parameters == () and d.unchanged == len(cases)
    assert all(a == b for a, b in d.level_counts)


def test_diff_of_a_frame_gives_a_frame_of_its_kind(bih: putokaz.Protocol, cases: List[Dict[str, Any]]) -> None:
    pl = pytest.importorskip("polars")
    strict = bih.with_local_parameter("absence_threshold", 10)
    frame = _long_frame(cases)
    from_frame = bih.diff(strict, frame, as_of=AS_OF, layout="long")
    before = bih.assess_frame(frame, as_of=AS_OF, layout="long")["level"]
    after = strict.assess_frame(frame, as_of=AS_OF, layout="long")["level"]
    expected: Dict[Any, int] = {}
    for a, b in zip(before, after):
        expected[(Level(a), Level(b))] = expected.get((Level(a), Level(b)), 0) + 1
    assert from_frame.level_counts == expected
    assert {c.case_id for c in from_frame.cases} >= {i for i, a, b in zip(frame["id"].unique(), before, after) if a != b}
    table = _wide_table()
    as_arrow = bih.diff(strict, table, as_of=AS_OF)
    as_polars = bih.diff(strict, pl.from_arrow(table), as_of=AS_OF)
    as_pandas = bih.diff(strict, table.to_pandas(), as_of=AS_OF)
    assert isinstance(as_polars.summary, pl.DataFrame)
    assert as_polars.cases == as_arrow.cases == as_pandas.cases and as_polars.cases
    assert as_polars.summary.to_dicts() == as_arrow.summary.to_pylist()


def test_diff_across_versions_reports_cases_refused_by_one(ilo: putokaz.Protocol, bih: putokaz.Protocol) -> None:
    # A bih-only indicator: the ILO pack refuses the case, bih assesses it.
    d = bih.diff(ilo, [CHILD], as_of=AS_OF)
    (c,) = d.cases
    assert c.errors[0] is None and c.errors[1] is not None and c.errors[1].startswith("case.")


def test_diff_refuses_bad_arguments(bih: putokaz.Protocol) -> None:
    with pytest.raises(TypeError):
        bih.diff("bih", [CHILD], as_of=AS_OF)  # type: ignore[arg-type]
    with pytest.raises(TypeError):
        bih.diff(bih, CHILD, as_of=AS_OF)
    with pytest.raises(TypeError):
        bih.diff(bih, 3, as_of=AS_OF)
    with pytest.raises(CaseError) as e:
        bih.diff(bih, [CHILD, {"id": 3}], as_of=AS_OF)
    assert e.value.index == 1
    with pytest.raises(UsageError):
        bih.diff(bih, [CHILD], as_of="yesterday")


# -- what if --------------------------------------------------------------------------------


def test_what_if_finds_the_smallest_changes(bih: putokaz.Protocol) -> None:
    w = bih.what_if(CHILD, as_of=AS_OF)
    assert (w.case_id, w.level, w.max_changes) == ("w1", Level.LOW, 2)
    assert w.up and all(c.level > Level.LOW and 1 <= len(c.changes) <= w.max_changes for c in w.up)
    assert any(c.changes == (putokaz.Change("street_work_at_night", "absent"),) and c.level == Level.NONE
               for c in w.down)
    assert all(ch.indicator != "roma_community" for c in w.up + w.down for ch in c.changes)
    assert len(w.up) <= 5 and len(w.down) <= 5
    # Each counterfactual is what assessing the changed case gives.
    for c in w.up + w.down:
        changed = copy.deepcopy(CHILD)
        for ch in c.changes:
            changed["observations"] = [o for o in changed["observations"] if o["indicator"] != ch.indicator]
            kind = next(i.type for i in bih.indicators if i.id == ch.indicator)
            value: Any = (ch.to == "present") if kind == "bool" else 0
            changed["observations"].append({"indicator": ch.indicator, "value": value})
        a = bih.assess(changed, as_of=AS_OF, trace=False, unknowns=0)
        assert (a.level, a.classification) == (c.level, c.classification)


def test_what_if_limit(bih: putokaz.Protocol) -> None:
    assert bih.what_if(CHILD, as_of=AS_OF, limit=0).up == ()
    assert len(bih.what_if(CHILD, as_of=AS_OF, limit=1).up) == 1
    with pytest.raises(TypeError):
        bih.what_if(CHILD, as_of=AS_OF, limit="5")  # type: ignore[arg-type]
    with pytest.raises(TypeError):
        bih.what_if(CHILD, as_of=AS_OF, limit=True)
    with pytest.raises(UsageError):
        bih.what_if(CHILD, as_of=AS_OF, limit=-1)
    with pytest.raises(CaseError):
        bih.what_if({"id": "x"}, as_of=AS_OF)


# -- sweep --------------------------------------------------------------------------------


def test_sweep_shows_the_threshold_at_work(bih: putokaz.Protocol) -> None:
    out = bih.sweep("absence_threshold", [5, 10, 15, 20], [_case("s1", 12), CHILD], as_of=AS_OF)
    assert list(out.columns) == ["value", "id", "level", "classification", "score", "overdue", "pending", "error"]
    assert list(out["value"]) == [5, 5, 10, 10, 15, 15, 20, 20]
    s1 = out[out["id"] == "s1"]
    assert list(s1["level"]) == ["low", "low", "none", "none"]
    assert out["error"].isna().all()
    # Each row is what assessing with the value set gives.
    for value, case in ((10, _case("s1", 12)), (15, _case("s1", 12))):
        a = bih.with_local_parameter("absence_threshold", value).assess(case, as_of=AS_OF)
        row = out[(out["id"] == "s1") & (out["value"] == value)].iloc[0]
        assert (row["level"], row["classification"], row["score"]) == (a.level.value, a.classification.value, a.score)
        assert isinstance(row["score"], Decimal)


def test_sweep_values_keep_their_type(bih: putokaz.Protocol) -> None:
    out = bih.sweep("absence_threshold", [Decimal("10"), 15], [_case("s1", 12)], as_of=AS_OF)
    assert list(out["value"]) == [Decimal("10"), Decimal("15")]
    assert list(out["level"]) == ["low", "none"]
    # A fraction for a count parameter is the engine's usage error.
    with pytest.raises(UsageError):
        bih.sweep("absence_threshold", [Decimal("7.5")], [_case("s1", 12)], as_of=AS_OF)


def test_sweep_of_a_frame_gives_a_frame_of_its_kind(bih: putokaz.Protocol, cases: List[Dict[str, Any]]) -> None:
    pa = pytest.importorskip("pyarrow")
    pl = pytest.importorskip("polars")
    table = _wide_table()
    out = bih.sweep("absence_threshold", [5, 25], table, as_of=AS_OF)
    assert isinstance(out, pa.Table) and out.num_rows == 12
    assert out.column("value").to_pylist() == [5] * 6 + [25] * 6
    assert isinstance(bih.sweep("absence_threshold", [5, 25], pl.from_arrow(table), as_of=AS_OF), pl.DataFrame)
    expected = bih.with_local_parameter("absence_threshold", 5).assess_frame(table, as_of=AS_OF)
    assert out.column("level").to_pylist()[:6] == expected.column("level").to_pylist()
    assert out.column("score").to_pylist()[:6] == expected.column("score").to_pylist()


def test_sweep_refuses_what_is_not_local_policy(bih: putokaz.Protocol) -> None:
    with pytest.raises(UsageError):
        bih.sweep("no_such_parameter", [1], [CHILD], as_of=AS_OF)
    with pytest.raises(TypeError):
        bih.sweep("absence_threshold", "10", [CHILD], as_of=AS_OF)
    with pytest.raises(TypeError):
        bih.sweep("absence_threshold", [1.5], [CHILD], as_of=AS_OF)
    with pytest.raises(TypeError):
        bih.sweep(7, [1], [CHILD], as_of=AS_OF)  # type: ignore[arg-type]
    with pytest.raises(TypeError):
        bih.sweep("absence_threshold", [object()], [CHILD], as_of=AS_OF)  # type: ignore[list-item]


# -- group comparison -----------------------------------------------------------------------


def _levels_by_group(comparison: putokaz.GroupComparison) -> Dict[str, Dict[str, int]]:
    out: Dict[str, Dict[str, int]] = {}
    for g in comparison.groups:
        out[g["group"]] = {k: v for k, v in g["levels"].items() if v}
    return out


def test_groups_are_compared_with_differences_from_overall(bih: putokaz.Protocol,
                                                           cases: List[Dict[str, Any]]) -> None:
    labels = ["north" if n % 3 else "south" for n in range(len(cases))]
    frame = _long_frame(cases, {"community": labels})
    comp = bih.compare_groups(frame, group="community", as_of=AS_OF, layout="long")
    summary = bih.assess_frame(frame.drop(columns=["community"]), as_of=AS_OF, layout="long")
    levels = comp.levels
    assert list(levels.columns) == ["group", "level", "cases", "share", "overall_share", "difference"]
    assert len(levels) == 2 * len(putokaz.LEVELS)
    overall = summary["level"].value_counts()
    for lv in putokaz.LEVELS:
        assert int(levels[levels["level"] == lv.value]["cases"].sum()) == int(overall.get(lv.value, 0))
    for _, row in levels.iterrows():
        assert row["difference"] == pytest.approx(row["share"] - row["overall_share"])
    # The shares within a group sum to one; the differences to zero.
    for _, part in levels.groupby("group"):
        assert float(part["share"].sum()) == pytest.approx(1.0)
        assert float(part["difference"].sum()) == pytest.approx(0.0)
    classes = comp.classifications
    assert set(classes["classification"]) == {c.value for c in putokaz.Classification}
    ob = comp.obligations
    assert list(ob["group"]) == ["north", "south"]
    assert int(ob["overdue"].sum()) == int(summary["overdue"].sum())
    assert int(ob["pending"].sum()) == int(summary["pending"].sum())


def test_permuting_the_group_column_does_not_change_any_assessment(bih: putokaz.Protocol,
                                                                   cases: List[Dict[str, Any]]) -> None:
    # Each case its own group: the per-group outcome is the case's outcome. The engine
    # never reads the label, so after any permutation of the labels, the outcome under
    # each label is the outcome of the case that now carries it, and every case's
    # outcome is what assessing it without the column gives.
    pd = pytest.importorskip("pandas")
    frame = _long_frame(cases)
    summary = bih.assess_frame(frame, as_of=AS_OF, layout="long").set_index("id")
    expected = {cid: {summary.loc[cid, "level"]: 1} for cid in summary.index}
    rng = random.Random(9)
    ids = [c["id"] for c in cases]
    for _ in range(3):
        labels = ids[:]
        rng.shuffle(labels)
        owner = dict(zip(ids, labels))  # case id -> the label it now carries
        with_group = frame.assign(community=frame["id"].map(owner))
        comp = bih.compare_groups(with_group, group="community", as_of=AS_OF, layout="long")
        got = _levels_by_group(comp)
        assert got == {owner[cid]: expected[cid] for cid in ids}
    # Permuting a coarse grouping keeps the overall distribution too.
    base = None
    for seed in range(3):
        labels = ["a" if n % 2 else "b" for n in range(len(cases))]
        random.Random(seed).shuffle(labels)
        wide_cases = [{**c, "community": g} for c, g in zip(cases, labels)]
        comp = bih.compare_groups(wide_cases, group="community", as_of=AS_OF)
        totals = pd.concat([comp.levels]).groupby("level")["cases"].sum().to_dict()
        assert base is None or totals == base
        base = totals


def test_the_group_column_never_reaches_the_engine(bih: putokaz.Protocol) -> None:
    # A group column that is not a field of the case: the engine would refuse it as an
    # unknown column, so the comparison succeeding shows it was taken out first.
    pd = pytest.importorskip("pandas")
    frame = pd.DataFrame({"id": ["a", "b"], "reported_at": ["2026-03-05T10:00:00+01:00"] * 2,
                          "municipality": ["Tuzla", "Tuzla"], "street_work_at_night": [True, None],
                          "community": ["x", "y"]})
    with pytest.raises(putokaz.FrameError):
        bih.assess_frame(frame, as_of=AS_OF)
    comp = bih.compare_groups(frame, group="community", as_of=AS_OF)
    assert [g["group"] for g in comp.groups] == ["x", "y"]
    assert "community" in frame.columns  # the caller's frame is untouched


def test_compare_groups_refuses_bad_input(bih: putokaz.Protocol) -> None:
    pd = pytest.importorskip("pandas")
    frame = pd.DataFrame({"id": ["a"], "reported_at": ["2026-03-05T10:00:00+01:00"], "community": [None]})
    with pytest.raises(UsageError):
        bih.compare_groups(frame, group="community", as_of=AS_OF, dropna=False)
    with pytest.raises(UsageError):
        bih.compare_groups(frame, group="nope", as_of=AS_OF)
    with pytest.raises(TypeError):
        bih.compare_groups(frame, group=3, as_of=AS_OF)  # type: ignore[arg-type]
    with pytest.raises(UsageError):
        bih.compare_groups([CHILD], group="community", as_of=AS_OF)
    with pytest.raises(TypeError):
        bih.compare_groups(CHILD, group="community", as_of=AS_OF)


# -- score contributions ------------------------------------------------------------------


def test_contributions_sum_to_the_score(bih: putokaz.Protocol, cases: List[Dict[str, Any]]) -> None:
    for a in bih.assess_many(cases, as_of=AS_OF):
        parts = a.contributions
        assert sum((c.points for c in parts), Decimal(0)) == a.score
        assert all(c.kind in ("dimension", "score_term") and isinstance(c.points, Decimal) for c in parts)
        assert [c["points"] for c in a.to_dict()["score"]["contributions"]] == [c.points for c in parts]


def test_compare_groups_drops_missing_groups_as_groupby_does(bih: putokaz.Protocol) -> None:
    # Issue 17, item 8.
    pd = pytest.importorskip("pandas")
    frame = pd.DataFrame({"id": ["a", "b", "c"], "reported_at": ["2026-03-05T10:00:00+01:00"] * 3,
                          "street_work_at_night": [True, None, True], "community": ["x", None, "x"]})
    comp = bih.compare_groups(frame, group="community", as_of=AS_OF)
    assert [(g["group"], g["cases"]) for g in comp.groups] == [("x", 2)]
    kept = bih.compare_groups(frame.dropna(subset=["community"]), group="community", as_of=AS_OF)
    assert comp.groups == kept.groups
