"""Loading protocols, what they describe, local parameters, pickling."""

from __future__ import annotations

import pickle
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest

import putokaz
from putokaz import PackError, Protocol, UsageError

from conftest import AS_OF, CHILD_CASE

MINIMAL_PACK = """
[pack]
id = "mini"
version = "0.1.0"
title = { en = "Minimal" }
jurisdiction = "BA"
time_zone = "Europe/Sarajevo"
effective_from = "2020-01-01"
languages = ["en"]
"""


def test_bundled_ids_and_default() -> None:
    ids = Protocol.bundled_ids()
    assert "ilo-2009" in ids
    assert Protocol.bundled().id == ids[0]


def test_metadata(ilo: Protocol) -> None:
    assert ilo.id == "ilo-2009"
    assert ilo.version.count(".") == 2
    assert ilo.digest.startswith("sha256:") and len(ilo.digest) == 7 + 64
    assert {"bs", "en"} <= set(ilo.languages) and ilo.languages[0] == "bs"
    assert ilo.time_zone == "Europe/Sarajevo"
    assert "en" in ilo.title
    assert ilo.files[0][0] == "pack.toml"
    assert "ilo-2009" in repr(ilo)


def test_indicators_are_records_with_labels(ilo: Protocol) -> None:
    inds = ilo.indicators
    assert len(inds) > 50
    by_id = {i.id: i for i in inds}
    hours = by_id["d4_excessive_hours"]
    assert isinstance(hours, putokaz.Indicator)
    assert hours.type == "bool"
    assert hours.label["en"] and hours.label["bs"]
    assert hours.dimension == "exploitation"
    assert hours.grades  # graded in at least one profile
    assert not hours.protected
    assert hours.status in {"verified", "secondary", "unconfirmed", "local_policy"}


def test_parameters_are_exact(ilo: Protocol) -> None:
    params = ilo.parameters(date(2026, 3, 4))
    assert params == ilo.parameters("2026-03-04")
    for p in params:
        if p.type == "decimal":
            assert isinstance(p.value, Decimal)
        elif p.type == "count":
            assert isinstance(p.value, int)
        elif p.type == "bool":
            assert isinstance(p.value, bool)
    with pytest.raises(UsageError):
        ilo.parameters("4 March 2026")
    with pytest.raises(TypeError):
        ilo.parameters(20260304)  # type: ignore[arg-type]


def test_vocabulary_and_sources(ilo: Protocol) -> None:
    vocab = ilo.vocabulary
    assert {"roles", "event_kinds", "consent_scopes", "profiles", "facts"} <= set(vocab)
    assert any(p["id"] == "child_labour" for p in vocab["profiles"])
    assert all(isinstance(s, putokaz.Source) for s in ilo.sources)


def test_from_path_dir_and_pack_toml(ilo: Protocol) -> None:
    pack_dir = Path(__file__).resolve().parents[2] / "core" / "protocols" / "ilo-2009"
    if not pack_dir.is_dir():
        pytest.skip("the repository's pack sources are not beside the tests")
    assert Protocol.from_path(pack_dir).digest == ilo.digest
    assert Protocol.from_path(str(pack_dir / "pack.toml")).digest == ilo.digest


def _single_toml(protocol: Protocol) -> str:
    """The pack's files as one self-contained TOML text."""
    parts = []
    for path, text in protocol.files:
        if path == "pack.toml":
            text = "\n".join(line for line in text.splitlines() if not line.startswith(("files =", "tests =")))
        parts.append(text)
    return "\n".join(parts)


def test_from_toml_and_single_toml_file(ilo: Protocol, tmp_path: Path) -> None:
    text = _single_toml(ilo)
    one = Protocol.from_toml(text)
    assert one.id == "ilo-2009" and one.files == (("pack.toml", text),)
    f = tmp_path / "ilo-in-one-file.toml"
    f.write_text(text, encoding="utf-8")
    assert Protocol.from_path(f).digest == one.digest
    a, b = one.assess(CHILD_CASE, as_of=AS_OF), ilo.assess(CHILD_CASE, as_of=AS_OF)
    assert (a.level, a.classification, a.score) == (b.level, b.classification, b.score)


def test_from_files_round_trip(ilo: Protocol) -> None:
    again = Protocol.from_files(ilo.files)
    assert again.digest == ilo.digest
    assert again == ilo and hash(again) == hash(ilo)


def test_protocols_cannot_be_constructed_directly() -> None:
    with pytest.raises(TypeError):
        Protocol()


def test_pack_errors_are_located() -> None:
    with pytest.raises(PackError) as info:
        Protocol.from_toml(MINIMAL_PACK.replace('version = "0.1.0"', 'version = "one"'))
    e = info.value
    assert isinstance(e, ValueError) and isinstance(e, putokaz.PutokazError)
    assert e.kind.startswith("pack.")
    assert e.issues and all(isinstance(i, putokaz.PackIssue) for i in e.issues)
    with pytest.raises(PackError) as info:
        Protocol.from_toml("[pack\nid=")
    assert info.value.kind == "pack.syntax"
    assert info.value.location is not None and info.value.location.startswith("pack.toml:")


def test_missing_directory_is_a_pack_error(tmp_path: Path) -> None:
    with pytest.raises(PackError):
        Protocol.from_path(tmp_path / "nowhere")


def test_unknown_bundled_pack_is_a_usage_error() -> None:
    with pytest.raises(UsageError) as info:
        Protocol.bundled("atlantis")
    assert info.value.kind == "usage"


def test_pickle_round_trip(ilo: Protocol) -> None:
    again = pickle.loads(pickle.dumps(ilo))
    assert again.digest == ilo.digest
    assert again.assess(CHILD_CASE, as_of=AS_OF) == ilo.assess(CHILD_CASE, as_of=AS_OF)


def test_native_protocol_pickles_too(ilo: Protocol) -> None:
    native = ilo._native
    again = pickle.loads(pickle.dumps(native))
    assert type(again).__module__ == "putokaz._native"
    assert again.digest == native.digest


def test_local_parameters_refused_on_a_pack_without_them(ilo: Protocol) -> None:
    with pytest.raises(UsageError):
        ilo.with_local_parameter("no_such_parameter", 3)
    with pytest.raises(TypeError):
        ilo.with_local_parameter("x", 2.5)
    with pytest.raises(TypeError):
        ilo.with_local_parameter("x", [1])  # type: ignore[arg-type]


@pytest.mark.bih
def test_bih_local_parameter_is_kept_through_pickle(bih: Protocol) -> None:
    assert bih.local_parameters, "the bih pack declares local_policy parameters"
    on = "2026-03-04"
    counts = [p for p in bih.parameters(on) if p.local_policy and p.type == "count"]
    if not counts:
        pytest.skip("no local count parameter to set")
    param = counts[0]
    assert isinstance(param.value, int)
    local = bih.with_local_parameter(param.id, param.value + 7)
    assert local.local_values == {param.id: str(param.value + 7)}
    assert local != bih and local.digest == bih.digest
    new = {p.id: p.value for p in local.parameters(on)}
    assert new[param.id] == param.value + 7
    again = pickle.loads(pickle.dumps(local))
    assert again.local_values == local.local_values
    assert again == local
    from conftest import JAJCE_CASE

    a = again.assess(JAJCE_CASE, as_of=AS_OF)
    assert dict(a.protocol.local_parameters) == {param.id: str(param.value + 7)}
    assert a == local.assess(JAJCE_CASE, as_of=AS_OF)


@pytest.mark.bih
def test_bih_is_the_default_and_has_a_protected_indicator(bih: Protocol) -> None:
    assert Protocol.bundled_ids()[0] == "bih"
    roma = {i.id: i for i in bih.indicators}["roma_community"]
    assert roma.protected
    assert not roma.grades


@pytest.mark.bih
def test_municipalities_and_their_names(bih: Protocol) -> None:
    towns = bih.municipalities
    assert len(towns) == len(set(towns)) > 100 and "Modriča" in towns and "Jajce" in towns
    assert bih.municipality("Modriča") == "Modriča"
    assert bih.municipality("MODRICA") == "Modriča"  # case and diacritics ignored
    with pytest.raises(UsageError, match="did you mean `Modriča`") as info:
        bih.municipality("Modrica-x")
    assert "Modrica-x" not in str(info.value)
    with pytest.raises(UsageError):
        bih.municipality("no such place")
    with pytest.raises(TypeError):
        bih.municipality(5)  # type: ignore[arg-type]
    # What an analyst needs for the other case fields: the vocabulary and the languages.
    vocab = bih.vocabulary
    assert {"roles", "event_kinds", "consent_scopes"} <= set(vocab) and vocab["roles"]
    assert bih.languages and all(isinstance(x, str) for x in bih.languages)
