"""Malformed input at every entry point: each fails with a `PutokazError` (bad values) or
a `TypeError` (bad argument types), never with a `PanicException` (which `except
Exception` does not catch) or a crash."""

from __future__ import annotations

import math
import pickle
from typing import Any, Callable, Dict, List

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import putokaz
from putokaz import Case, CaseError, PackError, Protocol, PutokazError, UsageError, _native

from conftest import AS_OF, CHILD_CASE

OK = (PutokazError, TypeError)


def fails_cleanly(f: Callable[[], object]) -> BaseException:
    """Runs f, which must fail with a PutokazError or a TypeError."""
    try:
        f()
    except OK as e:  # anything else (a PanicException included) fails the test
        return e
    raise AssertionError("expected an error")


def succeeds_or_fails_cleanly(f: Callable[[], object]) -> None:
    """Runs f, which may succeed (the value happens to be valid) or fail cleanly."""
    try:
        f()
    except OK:
        pass


def test_hierarchy() -> None:
    assert issubclass(PackError, PutokazError) and issubclass(PackError, ValueError)
    assert issubclass(CaseError, PutokazError) and issubclass(CaseError, ValueError)
    assert issubclass(UsageError, PutokazError)
    assert PutokazError.__module__ == "putokaz"


def test_errors_pickle_with_their_parts() -> None:
    e = CaseError("case.schema", "$.subject.age", "invalid type", index=3)
    again = pickle.loads(pickle.dumps(e))
    assert type(again) is CaseError
    assert (again.kind, again.location, again.message, again.index) == ("case.schema", "$.subject.age", "invalid type", 3)
    assert str(again) == str(e) and "case #3" in str(e)
    try:
        Protocol.from_toml("[pack\n")
    except PackError as p:
        back = pickle.loads(pickle.dumps(p))
        assert back.issues == p.issues and back.kind == p.kind


BAD_VALUES: List[Any] = [
    None, 5, -1, 2**80, 1.5, math.nan, math.inf, b"\xff\xfe", "", "\x00", "\ud800", [], (), {}, set(), object(),
    [1, [2, [3]]], {"id": 5}, {5: "x"}, {"id": "x", "reported_at": ["a"]}, lambda: None,
]


@pytest.mark.parametrize("value", BAD_VALUES, ids=lambda v: type(v).__name__)
def test_protocol_constructors(value: Any) -> None:
    if value is not None:  # None asks for the default pack
        fails_cleanly(lambda: Protocol.bundled(value))
    fails_cleanly(lambda: Protocol.from_path(value))
    fails_cleanly(lambda: Protocol.from_toml(value))
    fails_cleanly(lambda: Protocol.from_files(value if not isinstance(value, (str, bytes)) else [value]))
    fails_cleanly(lambda: Protocol.from_files([("pack.toml", value)]))
    fails_cleanly(lambda: _native.Protocol(value))


@pytest.mark.parametrize("value", BAD_VALUES, ids=lambda v: type(v).__name__)
def test_protocol_methods(ilo: Protocol, value: Any) -> None:
    fails_cleanly(lambda: ilo.parameters(value))
    fails_cleanly(lambda: ilo.with_local_parameter(value, 1))
    fails_cleanly(lambda: ilo.with_local_parameter("x", value))


@pytest.mark.parametrize("value", BAD_VALUES, ids=lambda v: type(v).__name__)
def test_assess_arguments(ilo: Protocol, value: Any) -> None:
    fails_cleanly(lambda: ilo.assess(value, as_of=AS_OF))
    # serde reads a struct from an array too, so `"subject": []` is an empty subject.
    succeeds_or_fails_cleanly(lambda: ilo.assess({**CHILD_CASE, "subject": value}, as_of=AS_OF))
    fails_cleanly(lambda: ilo.assess({**CHILD_CASE, "observations": [value]}, as_of=AS_OF))
    fails_cleanly(lambda: ilo.assess(CHILD_CASE, as_of=value))
    if value is not None:
        fails_cleanly(lambda: ilo.assess(CHILD_CASE, as_of=AS_OF, lang=value))
    succeeds_or_fails_cleanly(lambda: ilo.assess(CHILD_CASE, as_of=AS_OF, unknowns=value))
    fails_cleanly(lambda: ilo.assess(CHILD_CASE, as_of=AS_OF, trace=value))
    if not (isinstance(value, (list, tuple, set)) and not value):  # an empty batch is valid
        fails_cleanly(lambda: ilo.assess_many(value, as_of=AS_OF))
    fails_cleanly(lambda: ilo.assess_many([CHILD_CASE], as_of=AS_OF, errors=value))
    fails_cleanly(lambda: ilo.assess_frame(value, as_of=AS_OF))
    fails_cleanly(lambda: ilo.obligations_frame(value, as_of=AS_OF))
    fails_cleanly(lambda: Case.from_dict(value))
    fails_cleanly(lambda: Case.from_json(value))
    fails_cleanly(lambda: _native.normalize_case(value))
    fails_cleanly(lambda: ilo._native.assess(value, AS_OF))
    fails_cleanly(lambda: ilo._native.assess(CHILD_CASE, value))
    batch = ilo._native.assess_many([value], AS_OF)
    assert len(batch) == 1 and isinstance(batch[0], CaseError)


def test_self_referencing_and_deep_cases(ilo: Protocol) -> None:
    loop: Dict[str, Any] = {"id": "x", "reported_at": "2026-03-02T09:00:00+01:00"}
    loop["subject"] = loop
    e = fails_cleanly(lambda: ilo.assess(loop, as_of=AS_OF))
    assert isinstance(e, CaseError)
    deep: Any = []
    for _ in range(100_000):
        deep = [deep]
    assert isinstance(fails_cleanly(lambda: ilo.assess(deep, as_of=AS_OF)), CaseError)
    assert isinstance(fails_cleanly(lambda: ilo.assess("[" * 100_000, as_of=AS_OF)), CaseError)


def test_huge_inputs(ilo: Protocol) -> None:
    big = {**CHILD_CASE, "id": "x" * 5_000_000}
    assert isinstance(fails_cleanly(lambda: ilo.assess(big, as_of=AS_OF)), CaseError)
    many = {**CHILD_CASE, "observations": [{"indicator": "d4_excessive_hours", "value": True}] * 5000}
    assert isinstance(fails_cleanly(lambda: ilo.assess(many, as_of=AS_OF)), CaseError)
    fails_cleanly(lambda: Protocol.from_toml("a = 1\n" * 1_000_000))


def test_a_broken_mapping_passes_its_own_error_through(ilo: Protocol) -> None:
    from collections.abc import Mapping

    class Broken(Mapping):  # type: ignore[type-arg]
        def __getitem__(self, k: object) -> object:
            raise KeyError(k)

        def __iter__(self):  # type: ignore[no-untyped-def]
            raise RuntimeError("broken iterator")

        def __len__(self) -> int:
            return 1

    with pytest.raises(RuntimeError, match="broken iterator"):
        ilo.assess(Broken(), as_of=AS_OF)


def test_assess_many_reports_each_bad_case(ilo: Protocol) -> None:
    cases: List[Any] = [CHILD_CASE, {"id": "bad"}, 5, {**CHILD_CASE, "subject": {"age": "x"}}]
    with pytest.raises(CaseError) as info:
        ilo.assess_many(cases, as_of=AS_OF)
    assert info.value.index == 1
    results = ilo.assess_many(cases, as_of=AS_OF, errors="return")
    assert isinstance(results[0], putokaz.Assessment)
    assert [type(r) for r in results[1:]] == [CaseError] * 3
    assert [r.index for r in results[1:]] == [1, 2, 3]  # type: ignore[union-attr]


def test_a_generator_that_raises_midway(ilo: Protocol) -> None:
    def gen():  # type: ignore[no-untyped-def]
        yield CHILD_CASE
        raise RuntimeError("source failed")

    with pytest.raises(RuntimeError, match="source failed"):
        ilo.assess_many(gen(), as_of=AS_OF)


def test_assessment_constructor() -> None:
    with pytest.raises(TypeError):
        putokaz.Assessment(5)  # type: ignore[arg-type]
    with pytest.raises(UsageError):
        putokaz.Assessment.from_json("{}")
    with pytest.raises(UsageError):
        putokaz.Assessment.from_json("not json")


json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text() | st.binary(max_size=8),
    lambda children: st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=8) | st.integers(), children, max_size=4),
    max_leaves=20,
)
case_keys = st.sampled_from(["id", "reported_at", "municipality", "reporter", "subject", "observations", "events",
                             "consents", "discretionary_override", "extra"])


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.dictionaries(case_keys, json_values, max_size=6))
def test_fuzzed_cases_fail_cleanly(ilo: Protocol, case: Dict[str, Any]) -> None:
    try:
        ilo.assess(case, as_of=AS_OF)
    except OK:
        pass


@settings(max_examples=200, deadline=None)
@given(st.sampled_from(["subject", "observations", "events", "consents"]), json_values)
def test_fuzzed_fields_of_a_valid_case_fail_cleanly(ilo: Protocol, key: str, value: Any) -> None:
    try:
        ilo.assess({**CHILD_CASE, key: value}, as_of=AS_OF)
    except OK:
        pass


@settings(max_examples=200, deadline=None)
@given(st.text())
def test_fuzzed_json_text_and_toml(ilo: Protocol, text: str) -> None:
    for f in (lambda: ilo.assess(text, as_of=AS_OF), lambda: ilo.assess(CHILD_CASE, as_of=text),
              lambda: Protocol.from_toml(text)):
        try:
            f()
        except OK:
            pass
