"""The package's surface: stubs match the compiled module, the package type-checks
strictly, every public name has a docstring, `py.typed` ships."""

from __future__ import annotations

import inspect
import subprocess
import sys
from pathlib import Path

import pytest

import putokaz

PYPROJECT = Path(__file__).resolve().parents[1] / "pyproject.toml"


def run(args: list[str], cwd: Path) -> subprocess.CompletedProcess[str]:
    # From a directory outside the source tree, so the installed package is the one checked.
    return subprocess.run([sys.executable, *args], cwd=cwd, capture_output=True, text=True)


def test_stubs_match_the_compiled_module(tmp_path: Path) -> None:
    r = run(["-m", "mypy.stubtest", "putokaz._native", "--mypy-config-file", str(PYPROJECT)], tmp_path)
    assert r.returncode == 0, r.stdout + r.stderr


def test_package_type_checks_strictly(tmp_path: Path) -> None:
    usage = tmp_path / "usage.py"
    usage.write_text(
        "from decimal import Decimal\n"
        "from typing import List, Optional, Union\n"
        "import putokaz\n"
        "p = putokaz.Protocol.bundled('ilo-2009')\n"
        "case = putokaz.Case('c1', '2026-03-02T09:00:00+01:00').observe('d4_excessive_hours')\n"
        "a = p.assess(case, as_of='2026-03-04T12:00:00+01:00')\n"
        "score: Decimal = a.score\n"
        "level: putokaz.Level = a.level\n"
        "child: Optional[bool] = a.is_child\n"
        "many: List[putokaz.Assessment] = p.assess_many([case], as_of='2026-03-04T12:00:00+01:00')\n"
        "mixed: List[Union[putokaz.Assessment, putokaz.PutokazError]] = p.assess_many(\n"
        "    [case], as_of='2026-03-04T12:00:00+01:00', errors='return')\n",
        encoding="utf-8",
    )
    for target in (["-p", "putokaz"], [str(usage)]):
        r = run(["-m", "mypy", "--config-file", str(PYPROJECT), *target], tmp_path)
        assert r.returncode == 0, r.stdout + r.stderr


def test_py_typed_ships() -> None:
    assert (Path(putokaz.__file__).parent / "py.typed").exists()
    assert (Path(putokaz.__file__).parent / "_native.pyi").exists()


def _public_members(cls: type) -> list[tuple[str, object]]:
    out = []
    for name, value in vars(cls).items():
        if name.startswith("_"):  # the class docstring says how to make one
            continue
        if isinstance(value, (staticmethod, classmethod)):
            value = value.__func__
        if inspect.isfunction(value) or isinstance(value, property):
            out.append((name, value))
    return out


def test_every_public_name_has_a_docstring() -> None:
    missing = []
    for name in putokaz.__all__:
        obj = getattr(putokaz, name)
        if not (inspect.isclass(obj) or inspect.isfunction(obj)):
            continue  # constants and type aliases are documented where they are defined
        if not (obj.__doc__ or "").strip():
            missing.append(name)
        if inspect.isclass(obj):
            for member, value in _public_members(obj):
                if not (getattr(value, "__doc__", None) or "").strip():
                    missing.append(f"{name}.{member}")
    assert not missing, missing
    assert (putokaz.__doc__ or "").strip()


def test_all_is_complete_and_importable() -> None:
    for name in putokaz.__all__:
        assert hasattr(putokaz, name), name
    public = {n for n in dir(putokaz) if not n.startswith("_")} - {"annotations", "Tuple"}
    assert public <= set(putokaz.__all__), public - set(putokaz.__all__)


def test_classes_of_the_compiled_module_name_their_module() -> None:
    assert putokaz._native.Protocol.__module__ == "putokaz._native"


def test_version() -> None:
    assert putokaz.__version__.count(".") == 2
    assert putokaz.Protocol.bundled("ilo-2009").assess(
        {"id": "v", "reported_at": "2026-03-02T09:00:00+01:00"}, as_of="2026-03-04T12:00:00+01:00"
    ).engine_version == putokaz.__version__


@pytest.mark.parametrize("name", ["Level", "Classification", "ChildBasis", "ObligationStatus"])
def test_enums_match_their_json_names(name: str) -> None:
    enum = getattr(putokaz, name)
    for member in enum:
        assert member == member.value and str(member) == member.value


@pytest.mark.parametrize("module", ["putokaz", "putokaz._protocol", "putokaz._case"])
def test_docstring_examples_run(module: str) -> None:
    import doctest
    import importlib

    result = doctest.testmod(importlib.import_module(module), optionflags=doctest.ELLIPSIS)
    assert result.failed == 0
    assert result.attempted > 0
