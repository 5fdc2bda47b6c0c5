"""Shared fixtures. Tests that need the `bih` pack are marked `bih` and skip only while
the pack is not bundled."""

from __future__ import annotations

import copy
import os
from typing import Any, Dict

import pytest

import putokaz

# Jupyter's move to platform directories warns unless told; warnings are errors here.
os.environ.setdefault("JUPYTER_PLATFORM_DIRS", "1")

AS_OF = "2026-03-04T12:00:00+01:00"

# The example of the engine's docs: a 12-year-old, an act of trafficking, excessive hours.
CHILD_CASE: Dict[str, Any] = {
    "id": "c1",
    "reported_at": "2026-03-02T09:00:00+01:00",
    "subject": {"age": 12},
    "observations": [
        {"indicator": "recruited_transported_or_harboured", "value": True},
        {"indicator": "d4_excessive_hours", "value": True},
    ],
}

# A case for the `bih` pack: a child begging in Jajce, reported by the school.
JAJCE_CASE: Dict[str, Any] = {
    "id": "JJ-2026-014",
    "reported_at": "2026-03-02T08:40:00+01:00",
    "municipality": "Jajce",
    "reporter": "school",
    "subject": {"birth_date": "2015-09-14", "sex": "male", "citizenship": "BA"},
    "observations": [
        {"indicator": "forced_begging", "value": True},
        {"indicator": "daily_money_quota", "value": True},
        {"indicator": "unexcused_absences", "value": 23},
        {"indicator": "exploiter_family_member", "value": True},
        {"indicator": "roma_community", "value": True},
    ],
    "events": [{"kind": "csw_notified", "at": "2026-03-02T11:05:00+01:00", "by": "reporter"}],
    "consents": [{"scope": "roma_mediator", "given": True, "at": "2026-03-03T10:00:00+01:00"}],
}

HAS_BIH = "bih" in putokaz.Protocol.bundled_ids()


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    if HAS_BIH:
        return
    skip = pytest.mark.skip(reason="the `bih` pack is not bundled yet")
    for item in items:
        if "bih" in item.keywords:
            item.add_marker(skip)


@pytest.fixture(scope="session")
def ilo() -> putokaz.Protocol:
    return putokaz.Protocol.bundled("ilo-2009")


@pytest.fixture(scope="session")
def bih() -> putokaz.Protocol:
    if not HAS_BIH:
        pytest.skip("the `bih` pack is not bundled yet")
    return putokaz.Protocol.bundled("bih")


@pytest.fixture
def child_case() -> Dict[str, Any]:
    return copy.deepcopy(CHILD_CASE)


@pytest.fixture
def jajce_case() -> Dict[str, Any]:
    return copy.deepcopy(JAJCE_CASE)
