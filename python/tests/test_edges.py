"""A case as a Python mapping is held to what the same case as JSON text is held to: the
limits, counted while the mapping is walked; one kind, path and message per fault; and
no error, from a mapping, JSON text or a frame, that repeats a value or a key the caller
gave."""

from __future__ import annotations

import copy
import json
from typing import Any, Callable, Dict, Iterator, List, Tuple

import pandas as pd
import pytest

import putokaz
from putokaz import CaseError, FrameError, Protocol, PutokazError

from conftest import AS_OF, CHILD_CASE, JAJCE_CASE

MARKER = "ZQ7SECRET"
# The marker as it might be written to escape a scrubber: quoted, back-quoted, escaped.
PLANTED = [MARKER, f'x"{MARKER}', f"x`{MARKER}`", f"{MARKER}\\n\u00e9"]


def error_of(f: Callable[[], object]) -> PutokazError:
    with pytest.raises(PutokazError) as info:
        f()
    return info.value


def texts_of(err: BaseException) -> str:
    """Everything an error says: its text, its repr, its fields and its arguments."""
    parts = [str(err), repr(err), repr(err.args)]
    for name in ("message", "location", "kind"):
        parts.append(str(getattr(err, name, "")))
    for p in getattr(err, "problems", None) or []:
        parts.extend([str(p), repr(p)])
    return "\n".join(parts)


def same_fault(protocol: Protocol, case: Dict[str, Any]) -> Tuple[Tuple[str, Any, str], Tuple[str, Any, str]]:
    """(kind, location, message) of the case as a mapping and as its JSON text."""
    as_dict = error_of(lambda: protocol.assess(case, as_of=AS_OF))
    as_text = error_of(lambda: protocol.assess(json.dumps(case, separators=(",", ":")), as_of=AS_OF))
    return ((as_dict.kind, as_dict.location, as_dict.message),
            (as_text.kind, as_text.location, as_text.message))


# -- limits counted while walking -----------------------------------------------------------


def test_millions_of_references_to_one_observation_are_refused_by_the_limit(ilo: Protocol) -> None:
    # One object referenced 5,000,000 times: refused as soon as its text outgrows a case,
    # not after converting every reference (which took seconds and gigabytes).
    one = {"indicator": "d4_excessive_hours", "value": True}
    case = {**CHILD_CASE, "observations": [one] * 5_000_000}
    err = error_of(lambda: ilo.assess(case, as_of=AS_OF))
    assert isinstance(err, CaseError) and err.kind == "case.limit"
    many = ilo.assess_many([case, CHILD_CASE], as_of=AS_OF, errors="return")
    assert getattr(many[0], "kind", None) == "case.limit" and not isinstance(many[1], PutokazError)
    # A list that holds itself is not followed without end.
    loop: List[Any] = []
    loop.append(loop)
    assert error_of(lambda: ilo.assess({**CHILD_CASE, "events": loop}, as_of=AS_OF)).kind in (
        "case.limit", "case.schema")


def test_entry_and_text_limits_are_those_of_json(ilo: Protocol) -> None:
    one = {"indicator": "d4_excessive_hours", "value": True}
    over = {**CHILD_CASE, "observations": [one] * 4097}
    a, b = same_fault(ilo, over)
    assert a == b and a[0] == "case.limit"
    long_text = {**CHILD_CASE, "id": "x" * 4097}
    a, b = same_fault(ilo, long_text)
    assert a == b and a[0] == "case.limit"
    ilo.assess({**CHILD_CASE, "id": "x" * 4096}, as_of=AS_OF)


def nested(depth: int) -> Any:
    value: Any = []
    for _ in range(depth - 1):
        value = [value]
    return value


@pytest.mark.parametrize("depth", [1, 2, 30, 33, 60, 124, 125, 126, 127, 200, 500])
def test_deep_nesting_gives_the_kind_of_the_same_json(ilo: Protocol, depth: int) -> None:
    # An observation value nested `depth` lists deep: as JSON text the whole case is
    # nested depth + 3 levels; the mapping gives the same kind, path and message.
    case = {**CHILD_CASE, "observations": [{"indicator": "d4_excessive_hours", "value": nested(depth)}]}
    a, b = same_fault(ilo, case)
    assert a == b
    assert a[0] == ("case.limit" if depth + 3 > 128 else "case.schema")
    deep_dict: Any = {}
    for _ in range(depth):
        deep_dict = {"a": deep_dict}
    a, b = same_fault(ilo, {**CHILD_CASE, "subject": {"age": deep_dict}})
    assert a == b


# -- unknown keys at the same positions -------------------------------------------------------


def with_unknown_key(case: Dict[str, Any], at: List[Any], key: str) -> Dict[str, Any]:
    out = copy.deepcopy(case)
    target = out
    for step in at:
        target = target[step]
    target[key] = 1
    return out


UNKNOWN_KEY_PLACES = [
    [], ["subject"], ["observations", 0], ["observations", 3], ["events", 0], ["consents", 0],
    ["discretionary_override"],
]


def full_case() -> Dict[str, Any]:
    case = copy.deepcopy(JAJCE_CASE)
    case["discretionary_override"] = {"direction": "raise", "reason": "seen twice", "reviewer": "r1"}
    return case


@pytest.mark.bih
@pytest.mark.parametrize("at", UNKNOWN_KEY_PLACES, ids=lambda at: ".".join(map(str, at)) or "case")
def test_unknown_keys_are_counted_alike_in_a_mapping_and_in_json(bih: Protocol, at: List[Any]) -> None:
    for key in (MARKER, "AAA", "zzz"):  # sorted before and after every field name
        a, b = same_fault(bih, with_unknown_key(full_case(), at, key))
        assert a == b and a[0] == "case.schema" and "[key " in a[1], (at, key, a, b)
    a, _ = same_fault(bih, with_unknown_key(full_case(), ["subject"], MARKER))
    assert a[1] == f"$.subject[key {len(JAJCE_CASE['subject'])}]"


# -- no echo from any string position ---------------------------------------------------------


def string_positions(value: Any, at: Tuple[Any, ...] = ()) -> Iterator[Tuple[str, Tuple[Any, ...]]]:
    """("value", path) for every value and ("key", path) for every object of `value`."""
    if isinstance(value, dict):
        yield "key", at
        for k, v in value.items():
            yield from string_positions(v, at + (k,))
    elif isinstance(value, list):
        for i, v in enumerate(value):
            yield from string_positions(v, at + (i,))
    if at:
        yield "value", at


def planted(case: Dict[str, Any], how: str, at: Tuple[Any, ...], text: str) -> List[Dict[str, Any]]:
    """The case with `text` put at a position: as the value there, or as a key (added, and
    in place of each known key)."""
    out = []
    if how == "value":
        c = copy.deepcopy(case)
        target: Any = c
        for step in at[:-1]:
            target = target[step]
        target[at[-1]] = text
        out.append(c)
    else:
        c = copy.deepcopy(case)
        target = c
        for step in at:
            target = target[step]
        keys = list(target)
        target[text] = text
        out.append(c)
        for k in keys:
            c = copy.deepcopy(case)
            target = c
            for step in at:
                target = target[step]
            target[text] = target.pop(k)
            out.append(c)
    return out


@pytest.mark.bih
def test_a_planted_marker_is_never_repeated_in_an_error(bih: Protocol) -> None:
    base = full_case()
    positions = list(string_positions(base))
    assert len(positions) > 40
    checked = 0
    leaks: List[str] = []
    for how, at in positions:
        for text in PLANTED:
            for case in planted(base, how, at, text):
                for given in (case, json.dumps(case), json.dumps(case).encode("utf-8")):
                    try:
                        bih.assess(given, as_of=AS_OF)
                    except PutokazError as err:
                        checked += 1
                        if MARKER in texts_of(err):
                            leaks.append(f"{how} at {at} ({type(given).__name__}): {err!r}")
                for r in bih.assess_many([case, json.dumps(case)], as_of=AS_OF, errors="return"):
                    if isinstance(r, PutokazError) and MARKER in texts_of(r):
                        leaks.append(f"{how} at {at} (batch): {r!r}")
    assert not leaks, leaks[:5]
    assert checked > 500


def test_a_planted_marker_is_never_repeated_in_a_frame_error(ilo: Protocol) -> None:
    ok = "2026-03-02T09:00:00+01:00"
    frames = [
        # A wide frame: the marker as a date, a count, a flag, an unknown column's name.
        pd.DataFrame({"id": [MARKER], "reported_at": [MARKER]}),
        pd.DataFrame({"id": ["a"], "reported_at": [ok], "age": [MARKER]}),
        pd.DataFrame({"id": ["a"], "reported_at": [ok], "d4_excessive_hours": [MARKER]}),
        pd.DataFrame({"id": ["a"], "reported_at": [ok], "appears_minor": [MARKER]}),
        pd.DataFrame({"id": ["a"], "reported_at": [ok], "sex": [MARKER]}),
        pd.DataFrame({"id": ["a"], "reported_at": [ok], MARKER: [True]}),
        pd.DataFrame({"id": ["a"], "reported_at": [ok], f"d4_{MARKER}": [True]}),
    ]
    long_frames = [
        # Two rows of one case (its id the marker) that disagree, and a marker indicator.
        pd.DataFrame({"id": [MARKER, MARKER], "reported_at": [ok, "2026-03-02T10:00:00+01:00"],
                      "indicator": ["d4_excessive_hours", "recruited_transported_or_harboured"]}),
        pd.DataFrame({"id": [MARKER], "reported_at": [ok], "indicator": [MARKER]}),
        pd.DataFrame({"id": [MARKER], "reported_at": [ok], "indicator": ["d4_excessive_hours"],
                      "value": [MARKER]}),
        pd.DataFrame({"id": ["a"], "reported_at": [ok], "indicator": ["d4_excessive_hours"], MARKER: [1]}),
    ]
    refused = 0
    for layout, group in (("wide", frames), ("long", long_frames)):
        for df in group:
            err = error_of(lambda: ilo.assess_frame(df, as_of=AS_OF, layout=layout))
            refused += 1
            assert MARKER not in texts_of(err), (layout, repr(err))
            try:
                out = ilo.assess_frame(df, as_of=AS_OF, layout=layout, errors="report")
            except PutokazError as e:  # a problem of the frame's columns is still raised
                assert MARKER not in texts_of(e), (layout, repr(e))
            else:
                assert all(MARKER not in str(e) for e in out["error"].dropna()), (layout, list(out["error"]))
    assert refused == len(frames) + len(long_frames)
    assert isinstance(error_of(lambda: ilo.assess_frame(long_frames[0], as_of=AS_OF, layout="long")), FrameError)
