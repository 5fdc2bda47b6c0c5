"""Trust (issue 7) from Python: the conformance vectors give byte-identical JSON, the
malformed-input catalogue is refused with its expected kinds and never repeats a personal
value, wrong Python types fail cleanly at every entry point, and one protocol shared by
threads (the GIL released) gives what a serial run gives."""

from __future__ import annotations

import json
import os
import threading
from pathlib import Path
from typing import Any, Callable, Dict, List, Optional, Union

import pytest

import putokaz
from putokaz import Protocol, PutokazError

from conftest import HAS_BIH
from test_errors import BAD_VALUES, fails_cleanly

TESTS = Path(__file__).resolve().parents[2] / "tests"
VECTORS = TESTS / "vectors"
MALFORMED = TESTS / "malformed"

pytestmark = [
    pytest.mark.bih,
    pytest.mark.skipif(not (VECTORS / "cases").is_dir(), reason="the repository's tests/ is not available"),
]


def _vectors() -> List[Path]:
    return sorted((VECTORS / "cases").glob("*.json")) if (VECTORS / "cases").is_dir() else []


_PROTOCOLS: Dict[str, Protocol] = {}


def _bundled(pack: str) -> Protocol:
    if pack not in _PROTOCOLS:
        _PROTOCOLS[pack] = Protocol.bundled(pack)
    return _PROTOCOLS[pack]


# -- conformance vectors --------------------------------------------------------------------


def test_there_are_enough_vectors() -> None:
    assert len(_vectors()) >= 40
    assert {json.loads(p.read_text(encoding="utf-8"))["pack"] for p in _vectors()} >= {"bih", "ilo-2009"}


@pytest.mark.parametrize("path", _vectors(), ids=lambda p: p.name[:3])
def test_vector_gives_byte_identical_json(path: Path) -> None:
    v = json.loads(path.read_text(encoding="utf-8"))
    expected = (VECTORS / "expected" / path.name).read_bytes()
    a = _bundled(v["pack"]).assess(v["case"], as_of=v["as_of"], lang=v["lang"])
    assert (a.to_json() + "\n").encode("utf-8") == expected
    # The case as JSON text gives the same bytes as the case as a mapping.
    again = _bundled(v["pack"]).assess(json.dumps(v["case"]), as_of=v["as_of"], lang=v["lang"])
    assert again.to_json() == a.to_json()


# -- the malformed-input catalogue ----------------------------------------------------------


def _catalogue() -> Dict[str, Any]:
    return json.loads((MALFORMED / "catalogue.json").read_text(encoding="utf-8"))  # type: ignore[no-any-return]


_HEAD = '{"id":"m","reported_at":"2026-03-02T09:00:00+01:00","municipality":"Jajce","subject":{"age":10}'


def _input(entry: Dict[str, Any]) -> Union[str, bytes]:
    """The input an entry describes, built as core/tests/malformed.rs builds it."""
    if "input" in entry:
        return str(entry["input"])
    if "input_hex" in entry:
        return bytes.fromhex(entry["input_hex"])
    g = entry["generate"]
    kind = g["kind"]
    if kind == "deep_nesting":
        d = g["depth"]
        return f'{_HEAD},"observations":[{{"indicator":"forced_begging","value":{"[" * d}{"]" * d}}}]}}'
    if kind == "big_string":
        big = "x" * g["bytes"]
        if g["field"] == "id":
            return f'{{"id":"{big}","reported_at":"2026-03-02T09:00:00+01:00"}}'
        return f'{{"id":"m","reported_at":"2026-03-02T09:00:00+01:00","{g["field"]}":"{big}"}}'
    if kind == "whitespace":
        return " " * g["bytes"] + _HEAD + "}"
    if kind == "many_observations":
        one = '{"indicator":"forced_begging","value":true}'
        return f'{_HEAD},"observations":[{",".join([one] * g["count"])}]}}'
    if kind == "many_events":
        one = '{"kind":"csw_notified","at":"2026-03-02T10:00:00+01:00"}'
        return f'{_HEAD},"events":[{",".join([one] * g["count"])}]}}'
    raise AssertionError(f"unknown generator {kind}")


def _for_python(entry: Dict[str, Any]) -> bool:
    return "python" in entry.get("languages", ["python"])


def test_every_malformed_case_is_refused_with_its_kind_and_no_personal_value() -> None:
    c = _catalogue()
    marker = c["marker"]
    protocol = _bundled(c["pack"])
    entries = [e for e in c["cases"] if _for_python(e)]
    assert len(entries) >= 60
    wrong: List[str] = []
    inputs = []
    for e in entries:
        text = _input(e)
        inputs.append(text)
        try:
            protocol.assess(text, as_of=c["as_of"])
        except PutokazError as err:
            if err.kind != e["expect"]:
                wrong.append(f"{e['name']}: {err.kind} (expected {e['expect']})")
            said = (str(err), repr(err), repr(err.args), err.message, err.location or "")
            if any(marker in s for s in said):
                wrong.append(f"{e['name']}: the error text repeats a personal value")
        else:
            wrong.append(f"{e['name']}: accepted")
    assert not wrong, wrong
    # The batch entry reports each one in its place, with the same kinds.
    results = protocol.assess_many(inputs, as_of=c["as_of"], errors="return")
    assert [getattr(r, "kind", None) for r in results] == [e["expect"] for e in entries]
    assert all(r.index == i for i, r in enumerate(results) if isinstance(r, PutokazError))


def test_malformed_cases_as_mappings_give_the_kinds_of_their_text() -> None:
    # Entries marked "mapping": the same fault given parsed, as a dict, has the same kind.
    c = _catalogue()
    protocol = _bundled(c["pack"])
    entries = [e for e in c["cases"] if e.get("mapping") and _for_python(e)]
    assert entries
    for e in entries:
        text = _input(e)
        case = json.loads(text)
        err = fails_cleanly(lambda: protocol.assess(case, as_of=c["as_of"]))
        as_text = fails_cleanly(lambda: protocol.assess(text, as_of=c["as_of"]))
        assert err.kind == e["expect"], (e["name"], err.kind)
        # The same kind, path and message as the text gives, and no personal value.
        assert (err.kind, err.location, err.message) == (as_text.kind, as_text.location, as_text.message), e["name"]
        for said in (str(err), repr(err), err.message, repr(err.args)):
            assert c["marker"] not in said, e["name"]


def test_every_malformed_pack_directory_is_refused_with_its_kind(tmp_path: Any) -> None:
    c = _catalogue()
    base = (MALFORMED / "base-pack.toml").read_text(encoding="utf-8")
    assert c["pack_dirs"]
    for n, e in enumerate(c["pack_dirs"]):
        folder = tmp_path / f"pack-{n}"
        folder.mkdir()
        file = folder / "pack.toml"
        if "pad_to" in e:
            text = base + "#"
            file.write_text(text + "x" * (e["pad_to"] - len(text.encode("utf-8"))), encoding="utf-8")
        elif "link_to" in e:
            if not hasattr(os, "symlink") or not os.path.exists(e["link_to"]):
                continue
            os.symlink(e["link_to"], file)
        with pytest.raises(putokaz.PackError) as err:
            Protocol.from_path(folder)
        assert err.value.kind == e["expect"], e["name"]


def test_invalid_utf8_bytes_are_refused_not_crashed() -> None:
    c = _catalogue()
    (entry,) = [e for e in c["cases"] if "input_hex" in e]
    err = fails_cleanly(lambda: _bundled(c["pack"]).assess(bytes.fromhex(entry["input_hex"]), as_of=c["as_of"]))
    assert isinstance(err, putokaz.CaseError) and err.kind == entry["expect"]


def test_malformed_as_of_is_refused() -> None:
    c = _catalogue()
    case = {"id": "m", "reported_at": "2024-03-02T09:00:00+01:00"}
    for e in c["as_of_errors"]:
        with pytest.raises(PutokazError) as err:
            _bundled("bih").assess(case, as_of=e["as_of"])
        assert err.value.kind == e["expect"], e["name"]


def test_every_malformed_pack_is_refused_with_its_kind() -> None:
    c = _catalogue()
    base = (MALFORMED / "base-pack.toml").read_text(encoding="utf-8")
    Protocol.from_toml(base)
    wrong = []
    for e in c["packs"]:
        text = e["replace_all"] if "replace_all" in e else base.replace(e["find"], e["replace"], 1)
        try:
            Protocol.from_toml(text)
        except putokaz.PackError as err:
            if err.kind != e["expect"]:
                wrong.append(f"{e['name']}: {err.kind} (expected {e['expect']})")
        else:
            wrong.append(f"{e['name']}: loaded")
    assert not wrong, wrong


# -- wrong Python types at the analysis entry points ----------------------------------------


CASE = {"id": "w1", "reported_at": "2026-03-05T10:00:00+01:00", "municipality": "Tuzla",
        "subject": {"age": 12}, "observations": [{"indicator": "street_work_at_night", "value": True}]}
AS_OF = "2026-03-06T12:00:00+01:00"


def _empty_batch(value: Any) -> bool:
    return isinstance(value, (list, tuple, set, dict)) and not value


def _valid_parameter_value(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool) and 0 <= value < 2**63


@pytest.mark.parametrize("value", BAD_VALUES, ids=lambda v: type(v).__name__)
def test_analysis_arguments(value: Any) -> None:
    p = _bundled("bih")
    text = isinstance(value, str)
    # (what, call, whether the value happens to be valid there)
    calls: List[Any] = [
        ("diff other", lambda: p.diff(value, [CASE], as_of=AS_OF), False),
        ("diff as_of", lambda: p.diff(p, [CASE], as_of=value), False),
        ("diff case", lambda: p.diff(p, [value], as_of=AS_OF), False),
        ("diff cases", lambda: p.diff(p, value, as_of=AS_OF), _empty_batch(value)),
        ("what_if case", lambda: p.what_if(value, as_of=AS_OF), False),
        ("what_if as_of", lambda: p.what_if(CASE, as_of=value), False),
        ("what_if limit", lambda: p.what_if(CASE, as_of=AS_OF, limit=value),
         isinstance(value, int) and not isinstance(value, bool) and value >= 0),
        ("sweep parameter", lambda: p.sweep(value, [10], [CASE], as_of=AS_OF), False),
        ("sweep value", lambda: p.sweep("absence_threshold", [value], [CASE], as_of=AS_OF),
         _valid_parameter_value(value)),
        ("sweep values", lambda: p.sweep("absence_threshold", value, [CASE], as_of=AS_OF),
         _empty_batch(value) or value == {5: "x"}),
        ("sweep as_of", lambda: p.sweep("absence_threshold", [10], [CASE], as_of=value), False),
        ("sweep case", lambda: p.sweep("absence_threshold", [10], [value], as_of=AS_OF), False),
        ("sweep cases", lambda: p.sweep("absence_threshold", [10], value, as_of=AS_OF), _empty_batch(value)),
        ("compare_groups group", lambda: p.compare_groups([{**CASE, "g": "a"}], group=value, as_of=AS_OF), False),
        ("compare_groups as_of", lambda: p.compare_groups([{**CASE, "g": "a"}], group="g", as_of=value), False),
        ("compare_groups label", lambda: p.compare_groups([{**CASE, "g": value}], group="g", as_of=AS_OF,
                                                          dropna=False),
         value is not None and not isinstance(value, float) or (isinstance(value, float) and value == value)),
        ("compare_groups cases", lambda: p.compare_groups(value, group="g", as_of=AS_OF), _empty_batch(value)),
        ("native diff", lambda: p._native.diff(value, [CASE], AS_OF), False),
        ("native what_if", lambda: p._native.what_if(value, AS_OF), False),
        ("native sweep", lambda: p._native.sweep("absence_threshold", [value], [CASE], AS_OF),
         text and value.isdigit()),
        ("native compare_groups", lambda: p._native.compare_groups([value], [CASE], AS_OF),
         text and value != "\ud800"),
        ("Assessment.from_json", lambda: putokaz.Assessment.from_json(value), False),
        ("Assessment", lambda: putokaz.Assessment(value), text),
    ]
    for what, call, may_succeed in calls:
        if may_succeed:
            try:
                call()
            except (PutokazError, TypeError):
                pass
            continue
        try:
            fails_cleanly(call)
        except AssertionError:
            raise AssertionError(f"{what} accepted {value!r}") from None


# -- one protocol, many threads -------------------------------------------------------------


def test_threads_sharing_one_protocol_agree_with_a_serial_run() -> None:
    vectors = [json.loads(p.read_text(encoding="utf-8")) for p in _vectors()]
    work = [(v["pack"], v["case"], v["as_of"], v["lang"]) for v in vectors]
    serial = [_bundled(pack).assess(case, as_of=as_of, lang=lang).to_json() for pack, case, as_of, lang in work]
    rounds = 12
    results: List[Optional[List[str]]] = [None] * 8
    start = threading.Barrier(8)

    def run(t: int) -> None:
        start.wait()
        out = []
        for r in range(rounds):
            # Each thread walks the vectors from a different place, so threads overlap on
            # different cases of the same protocols at the same time.
            for k in range(len(work)):
                pack, case, as_of, lang = work[(k + t * 5 + r) % len(work)]
                out.append(_bundled(pack).assess(case, as_of=as_of, lang=lang).to_json())
        results[t] = out

    threads = [threading.Thread(target=run, args=(t,)) for t in range(8)]
    for th in threads:
        th.start()
    for th in threads:
        th.join()
    for t, out in enumerate(results):
        assert out is not None
        want = [serial[(k + t * 5 + r) % len(work)] for r in range(rounds) for k in range(len(work))]
        assert out == want
    # Batches from several threads at once agree too (each spreads over the cores).
    batch_results: List[Optional[List[str]]] = [None] * 8
    bih_work = [(case, as_of, lang) for pack, case, as_of, lang in work if pack == "bih" and as_of == AS_OF]

    def batch(t: int) -> None:
        p = _bundled("bih")
        batch_results[t] = [a.to_json() for a in p.assess_many([c for c, _, _ in bih_work], as_of=AS_OF)]

    threads = [threading.Thread(target=batch, args=(t,)) for t in range(8)]
    for th in threads:
        th.start()
    for th in threads:
        th.join()
    want = [_bundled("bih").assess(c, as_of=AS_OF).to_json() for c, _, _ in bih_work]
    assert all(r == want for r in batch_results)
