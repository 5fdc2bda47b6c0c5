"""The engine's laws, checked from Python on generated cases (hypothesis), mirroring the
Rust property tests: a present indicator never lowers the score or the level; a protected
attribute has no weight; settling unknown inputs stays within what was reported possible.
Also: the frame API agrees with `assess` on generated cases."""

from __future__ import annotations

from typing import Any, Dict, List, Tuple

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import putokaz
from putokaz import Protocol

from conftest import HAS_BIH

ILO = Protocol.bundled("ilo-2009")
BIH = Protocol.bundled("bih") if HAS_BIH else None
# After every generated event (the last is on 4 March at 23:00).
AS_OF = "2026-03-06T12:00:00+01:00"
TOWNS = ["Jajce", "Modriča", "Travnik", "Tuzla", "Prnjavor", "Brčko"]
EVENTS = ["csw_notified", "police_notified", "team_informed", "guardian_appointed"]


def unprotected(protocol: Protocol) -> List[Tuple[str, str]]:
    return [(i.id, i.type) for i in protocol.indicators if not i.protected and i.type in ("bool", "count")]


def present(kind: str) -> Any:
    return 1000 if kind == "count" else True


@st.composite
def subjects(draw: Any) -> Dict[str, Any]:
    kind = draw(st.integers(0, 4))
    age = draw(st.integers(0, 40))
    s: Dict[str, Any] = {"citizenship": draw(st.sampled_from(["BA", "NP"]))}
    minor = draw(st.none() | st.booleans())
    if minor is not None:
        s["appears_minor"] = minor
    if kind == 0:
        s["age"] = age
    elif kind == 1:
        s["birth_date"] = f"{2025 - age}-06-15"
    elif kind == 2:
        s["age_range"] = {"min": age, "max": age + draw(st.integers(0, 5))}
    return s


@st.composite
def cases(draw: Any, protocol: Protocol, bih: bool) -> Dict[str, Any]:
    inds = unprotected(protocol)
    observations: Dict[str, Any] = {}
    for ind, kind in draw(st.lists(st.sampled_from(inds), max_size=16)):
        pick = draw(st.integers(0, 2))
        observations[ind] = None if pick == 0 else (present(kind) if pick == 2 else (3 if kind == "count" else False))
    case: Dict[str, Any] = {
        "id": "law",
        "reported_at": "2026-03-02T00:00:00+01:00",
        "subject": draw(subjects()),
        "observations": [{"indicator": k, "value": v} for k, v in observations.items()],
    }
    if bih:
        case["municipality"] = draw(st.sampled_from(TOWNS))
        case["reporter"] = "school"
        events = draw(st.lists(st.tuples(st.sampled_from(EVENTS), st.integers(0, 71)), max_size=4))
        case["events"] = [{"kind": k, "at": f"2026-03-0{2 + h // 24}T{h % 24:02d}:00:00+01:00"} for k, h in events]
        roma = draw(st.integers(0, 2))
        if roma:
            case["observations"].append({"indicator": "roma_community", "value": roma == 2})
    return case


def with_value(case: Dict[str, Any], indicator: str, value: Any) -> Dict[str, Any]:
    obs = [o for o in case["observations"] if o["indicator"] != indicator]
    return {**case, "observations": obs + [{"indicator": indicator, "value": value}]}


def without(case: Dict[str, Any], indicator: str) -> Dict[str, Any]:
    return {**case, "observations": [o for o in case["observations"] if o["indicator"] != indicator]}


def fast(protocol: Protocol, case: Dict[str, Any]) -> putokaz.Assessment:
    return protocol.assess(case, as_of=AS_OF, trace=False, unknowns=0, text=False)


def packs() -> List[Any]:
    return [pytest.param("ilo-2009", id="ilo-2009"), pytest.param("bih", id="bih", marks=pytest.mark.bih)]


def protocol_of(name: str) -> Protocol:
    if name == "bih":
        assert BIH is not None
        return BIH
    return ILO


SETTINGS = settings(max_examples=60, deadline=None)


@pytest.mark.parametrize("pack", packs())
def test_a_present_indicator_never_lowers_score_or_level(pack: str) -> None:
    protocol = protocol_of(pack)
    inds = unprotected(protocol)

    @SETTINGS
    @given(cases(protocol, pack == "bih"), st.sampled_from(inds))
    def law(case: Dict[str, Any], pick: Tuple[str, str]) -> None:
        ind, kind = pick
        before = fast(protocol, case)
        after = fast(protocol, with_value(case, ind, present(kind)))
        assert after.score >= before.score, ind
        assert after.level >= before.level, ind

    law()


@pytest.mark.parametrize("pack", packs())
def test_settling_unknowns_stays_within_what_was_possible(pack: str) -> None:
    protocol = protocol_of(pack)
    inds = unprotected(protocol)

    @SETTINGS
    @given(cases(protocol, pack == "bih"), st.lists(st.tuples(st.sampled_from(inds), st.booleans()), max_size=12))
    def law(case: Dict[str, Any], settle: List[Tuple[Tuple[str, str], bool]]) -> None:
        before = fast(protocol, case)
        known = {o["indicator"] for o in case["observations"] if o["value"] is not None}
        after_case = case
        for (ind, kind), truth in settle:
            if ind in known:  # only unknown inputs are settled
                continue
            value = (1000 if truth else 0) if kind == "count" else truth
            after_case = with_value(after_case, ind, value)
        after = fast(protocol, after_case)
        lo, hi = before.level_range
        assert lo <= after.level <= hi
        a_lo, a_hi = after.level_range
        assert lo <= a_lo and a_hi <= hi
        assert after.score in before.score_range
        assert after.classification in before.possible_classifications
        assert set(after.possible_classifications) <= set(before.possible_classifications)

    law()


@pytest.mark.bih
def test_a_protected_attribute_has_no_weight() -> None:
    assert BIH is not None
    protocol = BIH

    @SETTINGS
    @given(cases(protocol, True))
    def law(case: Dict[str, Any]) -> None:
        base = without(case, "roma_community")
        outcomes = [fast(protocol, base)] + [fast(protocol, with_value(base, "roma_community", v)) for v in (True, False, None)]
        first = outcomes[0]
        for a in outcomes[1:]:
            assert (a.score, a.score_range, a.level, a.level_range, a.classification) == (
                first.score, first.score_range, first.level, first.level_range, first.classification)
            assert a.dimensions == first.dimensions

    law()


@pytest.mark.parametrize("pack", packs())
def test_frames_agree_with_assess(pack: str) -> None:
    protocol = protocol_of(pack)

    @settings(max_examples=15, deadline=None)
    @given(st.lists(cases(protocol, pack == "bih"), min_size=1, max_size=8))
    def law(batch: List[Dict[str, Any]]) -> None:
        batch = [{**c, "id": f"c{i}", "events": []} for i, c in enumerate(batch)]
        rows = []
        for c in batch:
            row: Dict[str, Any] = {"id": c["id"], "reported_at": c["reported_at"], "municipality": c.get("municipality"),
                                   "reporter": c.get("reporter")}
            for o in c["observations"]:
                if o["value"] is not None:
                    row[o["indicator"]] = o["value"]
            row.update({k: v for k, v in c["subject"].items() if k != "age_range"})
            if "age_range" in c["subject"]:
                row["age_min"] = c["subject"]["age_range"]["min"]
                row["age_max"] = c["subject"]["age_range"]["max"]
            rows.append(row)
        df = pd.DataFrame(rows, dtype=object).drop(columns=["municipality", "reporter"] if pack != "bih" else [])
        out = protocol.assess_frame(df, as_of=AS_OF)
        for (_, r), c in zip(out.iterrows(), batch):
            c = {**c, "observations": [o for o in c["observations"] if o["value"] is not None]}
            if pack != "bih":
                c.pop("municipality", None)
                c.pop("reporter", None)
            a = protocol.assess(c, as_of=AS_OF)
            assert (r["score"], r["level"], r["classification"]) == (a.score, a.level.value, a.classification.value)
            assert r["pending"] == sum(o.status == "pending" for o in a.obligations)

    law()
