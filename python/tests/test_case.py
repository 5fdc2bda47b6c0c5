"""The typed case and how Python values become case fields."""

from __future__ import annotations

import json
from datetime import date, datetime, timedelta, timezone
from decimal import Decimal
from typing import Any, Dict

import pytest

import putokaz
from putokaz import AgeRange, Case, CaseError, Consent, DiscretionaryOverride, Event, Observation, Protocol, Subject

from conftest import AS_OF, JAJCE_CASE


def test_round_trip_through_dict_and_json() -> None:
    case = Case.from_dict(JAJCE_CASE)
    assert case.municipality == "Jajce"
    assert case.subject.birth_date == "2015-09-14"
    assert case.observations[2] == Observation("unexcused_absences", 23)
    assert case.events[0] == Event("csw_notified", "2026-03-02T11:05:00+01:00", "reporter")
    assert case.consents[0] == Consent("roma_mediator", True, "2026-03-03T10:00:00+01:00")
    assert Case.from_dict(case.to_dict()) == case
    assert Case.from_json(case.to_json()) == case
    assert json.loads(case.to_json()) == JAJCE_CASE


def test_typed_case_builds_the_same_dict() -> None:
    case = Case(
        "x1",
        "2026-03-02T09:00:00+01:00",
        subject=Subject(age_range=AgeRange(15, 19), appears_minor=True),
        discretionary_override=DiscretionaryOverride("raise", "seen twice", "supervisor-3"),
    ).observe("d5_violence_on_victim", None)
    assert case.to_dict() == {
        "id": "x1",
        "reported_at": "2026-03-02T09:00:00+01:00",
        "subject": {"age_range": {"min": 15, "max": 19}, "appears_minor": True},
        "observations": [{"indicator": "d5_violence_on_victim", "value": None}],
        "discretionary_override": {"direction": "raise", "reason": "seen twice", "reviewer": "supervisor-3"},
    }
    assert Case.from_dict(case.to_dict()) == case


def test_false_values_are_kept() -> None:
    case = Case("x", "2026-03-02T09:00:00+01:00", subject=Subject(appears_minor=False)).observe("a", False)
    d = case.to_dict()
    assert d["subject"] == {"appears_minor": False}
    assert d["observations"][0]["value"] is False


def test_shape_errors_name_the_path_not_the_value() -> None:
    with pytest.raises(CaseError) as info:
        Case.from_dict({"id": "x", "reported_at": "r", "subject": {"age": "SECRET-MARKER"}})
    assert info.value.location == "$.subject.age"
    assert "SECRET-MARKER" not in str(info.value)
    with pytest.raises(CaseError) as info:
        Case.from_dict({"id": "x", "reported_at": "r", "name": "SECRET-MARKER"})
    assert "unknown field" in info.value.message
    assert "SECRET-MARKER" not in str(info.value)


def test_whole_floats_are_whole_numbers_and_fractions_are_refused(ilo: Protocol) -> None:
    case: Dict[str, Any] = {"id": "f", "reported_at": "2026-03-02T09:00:00+01:00", "subject": {"age": 12.0}}
    a = ilo.assess(case, as_of=AS_OF)
    assert a.age == putokaz.DecimalRange(Decimal(12), Decimal(12))
    assert a == ilo.assess({**case, "subject": {"age": 12}}, as_of=AS_OF)
    case["subject"]["age"] = 12.5
    with pytest.raises(CaseError) as info:
        ilo.assess(case, as_of=AS_OF)
    assert info.value.location == "$.subject.age" and "fraction" in info.value.message
    case["subject"]["age"] = float("inf")
    with pytest.raises(CaseError):
        ilo.assess(case, as_of=AS_OF)
    case["subject"]["age"] = float("nan")  # NaN is pandas' "missing": not known
    assert ilo.assess(case, as_of=AS_OF).age is None
    assert Case.from_dict({"id": "f", "reported_at": "r", "subject": {"age": 12.0}}).subject.age == 12


def test_no_rust_type_names_in_messages(ilo: Protocol) -> None:
    # Issue 17, item 8: `age` given as text.
    with pytest.raises(CaseError) as info:
        ilo.assess({"id": "t", "reported_at": "2026-03-02T09:00:00+01:00", "subject": {"age": "12"}}, as_of=AS_OF)
    assert info.value.location == "$.subject.age"
    assert not any(word in info.value.message for word in ("u32", "u64", "invalid type", "string"))


def test_exact_numbers_are_accepted(ilo: Protocol) -> None:
    base: Dict[str, Any] = {"id": "d", "reported_at": "2026-03-02T09:00:00+01:00", "subject": {"age": 12}}
    expected = ilo.assess(base, as_of=AS_OF)
    assert ilo.assess({**base, "subject": {"age": Decimal("12")}}, as_of=AS_OF) == expected
    assert ilo.assess({**base, "subject": {"age": Decimal("12.000")}}, as_of=AS_OF) == expected
    with pytest.raises(CaseError):
        ilo.assess({**base, "subject": {"age": Decimal("12.5")}}, as_of=AS_OF)


def test_numpy_scalars(ilo: Protocol) -> None:
    np = pytest.importorskip("numpy")
    base: Dict[str, Any] = {
        "id": "n",
        "reported_at": "2026-03-02T09:00:00+01:00",
        "subject": {"age": 12},
        "observations": [{"indicator": "d4_excessive_hours", "value": True}],
    }
    expected = ilo.assess(base, as_of=AS_OF)
    numpy_case = {
        "id": "n",
        "reported_at": "2026-03-02T09:00:00+01:00",
        "subject": {"age": np.int64(12)},
        "observations": [{"indicator": "d4_excessive_hours", "value": np.bool_(True)}],
    }
    assert ilo.assess(numpy_case, as_of=AS_OF) == expected
    numpy_case["subject"] = {"age": np.float64(12.0)}
    assert ilo.assess(numpy_case, as_of=AS_OF) == expected
    numpy_case["subject"] = {"age": np.float32(12.0)}
    assert ilo.assess(numpy_case, as_of=AS_OF) == expected
    numpy_case["subject"] = {"age": np.float64(12.5)}
    with pytest.raises(CaseError):
        ilo.assess(numpy_case, as_of=AS_OF)


def test_dates_and_datetimes(ilo: Protocol) -> None:
    text_case = {"id": "t", "reported_at": "2026-03-02T09:00:00+01:00", "subject": {"birth_date": "2014-05-01"}}
    expected = ilo.assess(text_case, as_of=AS_OF)
    typed = {
        "id": "t",
        "reported_at": datetime(2026, 3, 2, 8, 0, tzinfo=timezone.utc),
        "subject": {"birth_date": date(2014, 5, 1)},
    }
    assert ilo.assess(typed, as_of=AS_OF) == expected
    typed["reported_at"] = datetime(2026, 3, 2, 8, 0)  # naive: no way to place it in time
    with pytest.raises(CaseError) as info:
        ilo.assess(typed, as_of=AS_OF)
    assert info.value.kind == "case.invalid_date" and info.value.location == "$.reported_at"
    tz = timezone(timedelta(hours=1))
    assert ilo.assess({**text_case, "reported_at": datetime(2026, 3, 2, 9, tzinfo=tz)}, as_of=AS_OF) == expected


def test_tuples_and_mappings(ilo: Protocol) -> None:
    from types import MappingProxyType

    case = {
        "id": "m",
        "reported_at": "2026-03-02T09:00:00+01:00",
        "observations": ({"indicator": "d4_excessive_hours", "value": True},),
    }
    expected = ilo.assess(case, as_of=AS_OF)
    assert ilo.assess(MappingProxyType(case), as_of=AS_OF) == expected


def test_unknown_indicator_is_a_case_error(ilo: Protocol) -> None:
    case = {"id": "u", "reported_at": "2026-03-02T09:00:00+01:00", "observations": [{"indicator": "nope", "value": True}]}
    with pytest.raises(CaseError) as info:
        ilo.assess(case, as_of=AS_OF)
    assert info.value.kind == "case.unknown_indicator"
    assert info.value.location == "$.observations[0].indicator"
