"""Assessing one case: inputs, typed results, the canonical JSON, display, pickling."""

from __future__ import annotations

import json
import os
import pickle
import subprocess
import threading
import time
from datetime import datetime, timedelta, timezone
from decimal import Decimal
from pathlib import Path
from typing import Any, Dict, List

import pytest

import putokaz
from putokaz import Assessment, Case, Classification, Level, Protocol, Subject

from conftest import AS_OF, CHILD_CASE, JAJCE_CASE


def test_typed_attributes(ilo: Protocol, child_case: Dict[str, Any]) -> None:
    a = ilo.assess(child_case, as_of=AS_OF)
    assert isinstance(a, Assessment)
    assert a.case_id == "c1"
    assert a.level is Level.LOW and a.level == "low"
    assert a.classification is Classification.AT_RISK
    assert isinstance(a.score, Decimal) and a.score == Decimal("3")
    assert a.score in a.score_range
    assert a.child_basis is putokaz.ChildBasis.STATED_AGE
    assert a.is_child is True
    assert a.age == putokaz.DecimalRange(Decimal(12), Decimal(12))
    assert a.protocol.id == "ilo-2009" and a.protocol.digest == ilo.digest
    assert a.engine_version == putokaz.__version__
    assert a.as_of == datetime(2026, 3, 4, 11, 0, tzinfo=timezone.utc)
    assert a.language == "bs"
    assert a.level_range[0] <= a.level <= a.level_range[1]
    assert not a.level_settled
    assert Classification.PRESUMED_VICTIM in a.possible_classifications
    assert a.unknowns and all(isinstance(u, putokaz.Unknown) for u in a.unknowns)
    assert any(d.evidence == ("d4_excessive_hours",) for d in a.dimensions)
    assert a.explanation == a.text and "c1" in a.text
    assert a.trace and a.trace[0]["kind"] == "profile"
    assert a.obligations == ()  # the ILO pack has no referral obligations


def test_levels_are_ordered() -> None:
    assert Level.NONE < Level.LOW < Level.MODERATE < Level.HIGH < Level.VERY_HIGH
    assert max(Level) is Level.VERY_HIGH
    assert sorted([Level.HIGH, Level.NONE]) == [Level.NONE, Level.HIGH]
    assert f"{Level.HIGH}" == "high" and str(Level.VERY_HIGH) == "very_high"
    assert putokaz.LEVELS[0] is Level.NONE


def test_case_forms_agree(ilo: Protocol, child_case: Dict[str, Any]) -> None:
    from_dict = ilo.assess(child_case, as_of=AS_OF)
    typed = Case.from_dict(child_case)
    assert ilo.assess(typed, as_of=AS_OF) == from_dict
    assert ilo.assess(json.dumps(child_case), as_of=AS_OF) == from_dict
    assert ilo.assess(json.dumps(child_case).encode(), as_of=AS_OF) == from_dict
    built = (
        Case("c1", "2026-03-02T09:00:00+01:00", subject=Subject(age=12))
        .observe("recruited_transported_or_harboured")
        .observe("d4_excessive_hours")
    )
    assert ilo.assess(built, as_of=AS_OF) == from_dict


def test_datetimes_are_accepted(ilo: Protocol, child_case: Dict[str, Any]) -> None:
    cet = timezone(timedelta(hours=1))
    child_case["reported_at"] = datetime(2026, 3, 2, 9, 0, tzinfo=cet)
    a = ilo.assess(child_case, as_of=datetime(2026, 3, 4, 12, 0, tzinfo=cet))
    assert a == ilo.assess(CHILD_CASE, as_of=AS_OF)


def test_to_dict_has_decimals(ilo: Protocol, child_case: Dict[str, Any]) -> None:
    a = ilo.assess(child_case, as_of=AS_OF)
    d = a.to_dict()
    assert d["score"]["value"] == Decimal("3")
    assert isinstance(d["score"]["possible"]["max"], Decimal)
    assert isinstance(d["dimensions"][0]["points"]["min"], Decimal)
    assert isinstance(d["subject"]["age"]["min"], Decimal)
    assert d["case_id"] == "c1" and d["level"]["value"] == "low"
    # to_dict gives a fresh copy each time
    d["case_id"] = "changed"
    assert a.to_dict()["case_id"] == "c1"


def test_to_json_is_the_canonical_json(ilo: Protocol, child_case: Dict[str, Any]) -> None:
    a = ilo.assess(child_case, as_of=AS_OF)
    text = a.to_json()
    assert text == ilo._native.assess(child_case, AS_OF)
    assert json.loads(text)["case_id"] == "c1"
    assert Assessment(text) == a


def _cli() -> str:
    cli = os.environ.get("PUTOKAZ_CLI")
    if not cli or not Path(cli).exists():
        pytest.skip("PUTOKAZ_CLI is not set (run.sh builds the CLI and sets it)")
    return cli


def _cli_jsonl(cli: str, pack: str, cases: List[Dict[str, Any]], extra: List[str]) -> List[str]:
    lines = "".join(json.dumps(c) + "\n" for c in cases)
    out = subprocess.run(
        [cli, "assess", "--pack", pack, "--as-of", AS_OF, "--jsonl", *extra, "-"],
        input=lines.encode(),
        capture_output=True,
        check=True,
    )
    return out.stdout.decode().splitlines()


@pytest.mark.parametrize("lang", [None, "en"])
def test_json_is_byte_identical_to_the_cli(ilo: Protocol, lang: str) -> None:
    cli = _cli()
    cases = [CHILD_CASE, {**CHILD_CASE, "id": "adult", "subject": {"age": 30}},
             {**CHILD_CASE, "id": "unknown-age", "subject": {}}]
    extra = ["--lang", lang] if lang else []
    expected = _cli_jsonl(cli, "ilo-2009", cases, extra)
    got = [ilo.assess(c, as_of=AS_OF, lang=lang).to_json() for c in cases]
    assert got == expected
    fast = _cli_jsonl(cli, "ilo-2009", cases, extra + ["--fast"])
    assert [ilo.assess(c, as_of=AS_OF, lang=lang, trace=False, unknowns=0, text=False).to_json() for c in cases] == fast


@pytest.mark.bih
def test_bih_json_is_byte_identical_to_the_cli(bih: Protocol) -> None:
    cli = _cli()
    assert [bih.assess(JAJCE_CASE, as_of=AS_OF).to_json()] == _cli_jsonl(cli, "bih", [JAJCE_CASE], [])


def test_language(ilo: Protocol, child_case: Dict[str, Any]) -> None:
    en = ilo.assess(child_case, as_of=AS_OF, lang="en")
    assert en.language == "en"
    assert en.text != ilo.assess(child_case, as_of=AS_OF, lang="bs").text
    with pytest.raises(putokaz.UsageError):
        ilo.assess(child_case, as_of=AS_OF, lang="xx")


def test_options_do_not_change_the_outcome(ilo: Protocol, child_case: Dict[str, Any]) -> None:
    full = ilo.assess(child_case, as_of=AS_OF)
    fast = ilo.assess(child_case, as_of=AS_OF, trace=False, unknowns=0)
    assert fast.trace == () and fast.unknowns == ()
    assert (fast.level, fast.classification, fast.score) == (full.level, full.classification, full.score)
    assert len(ilo.assess(child_case, as_of=AS_OF, unknowns=2).unknowns) == 2


def test_as_of_is_checked(ilo: Protocol, child_case: Dict[str, Any]) -> None:
    with pytest.raises(putokaz.UsageError):
        ilo.assess(child_case, as_of="yesterday")
    with pytest.raises(putokaz.UsageError):
        ilo.assess(child_case, as_of=datetime(2026, 3, 4, 12, 0))  # naive
    with pytest.raises(TypeError):
        ilo.assess(child_case, as_of=20260304)  # type: ignore[arg-type]


def test_assessment_pickles(ilo: Protocol, child_case: Dict[str, Any]) -> None:
    a = ilo.assess(child_case, as_of=AS_OF)
    b = pickle.loads(pickle.dumps(a))
    assert b == a and b.to_json() == a.to_json() and hash(b) == hash(a)


def test_html_card(ilo: Protocol, child_case: Dict[str, Any]) -> None:
    child_case["id"] = "<script>alert(1)</script>"
    html = ilo.assess(child_case, as_of=AS_OF)._repr_html_()
    assert "<script>" not in html and "&lt;script&gt;" in html
    assert "What to ask next" in html and "low" in html


@pytest.mark.bih
def test_bih_obligations(bih: Protocol, jajce_case: Dict[str, Any]) -> None:
    a = bih.assess(jajce_case, as_of=AS_OF)
    assert a.jurisdiction is not None and a.jurisdiction["municipality"] == "Jajce"
    obligations = a.obligations
    assert obligations
    statuses = {o.status for o in obligations}
    assert putokaz.ObligationStatus.OVERDUE in statuses or putokaz.ObligationStatus.PENDING in statuses
    for o in obligations:
        assert isinstance(o.actor, putokaz.Party)
        if o.due is not None:
            assert o.due.utcoffset() is not None
    by_due = [o.due for o in a.obligations_by_due if o.due is not None]
    assert by_due == sorted(by_due)
    html = a._repr_html_()
    assert "Obligations by due time" in html


def test_gil_is_released_while_assessing(ilo: Protocol, child_case: Dict[str, Any]) -> None:
    """While one long engine call runs in a thread, this thread keeps running Python: the
    longest pause between two of its steps stays far below the call's length (holding the
    GIL would stop it for the whole call)."""
    start = time.perf_counter()
    ilo.assess_many([child_case] * 50, as_of=AS_OF)
    per_case = (time.perf_counter() - start) / 50
    batch = [child_case] * max(50, int(0.6 / per_case))  # one native call of about 0.6 s
    inside = threading.Event()

    def work() -> None:
        inside.set()
        ilo.assess_many(batch, as_of=AS_OF)

    t = threading.Thread(target=work)
    t.start()
    inside.wait()
    call_start = last = time.perf_counter()
    longest = 0.0
    while t.is_alive():
        now = time.perf_counter()
        longest = max(longest, now - last)
        last = now
    call = last - call_start
    t.join()
    assert call > 0.2, call  # the call did last long enough to tell
    assert longest < call / 3, (longest, call)
