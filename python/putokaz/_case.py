"""The case as typed Python values: what was observed about one person, with no names or
addresses. These mirror the case JSON field for field; a plain ``dict`` of the same shape
is accepted everywhere a ``Case`` is. Anything unknown is simply left out (``None``)."""

from __future__ import annotations

import json
from dataclasses import dataclass, field, replace
from datetime import date, datetime
from typing import Any, Dict, Mapping, Optional, Tuple, Union

from . import _native

__all__ = [
    "Case",
    "Subject",
    "AgeRange",
    "Observation",
    "Event",
    "Consent",
    "DiscretionaryOverride",
    "ObservedValue",
]

#: An observed value: ``True``/``False``, a whole number (a count), a text (an enum value),
#: or ``None`` (asked, not known).
ObservedValue = Union[bool, int, str, None]
#: A moment: RFC 3339 text with an offset, or an aware ``datetime``.
Moment = Union[str, datetime]


def _drop_empty(d: Dict[str, Any]) -> Dict[str, Any]:
    return {k: v for k, v in d.items() if v is not None and v != ()}


@dataclass(frozen=True)
class AgeRange:
    """An estimated age range, in whole years (both ends included)."""

    min: int
    max: int

    def to_dict(self) -> Dict[str, Any]:
        """The range as case JSON."""
        return {"min": self.min, "max": self.max}


@dataclass(frozen=True)
class Subject:
    """The person the case is about. Give at most one of ``birth_date``, ``age`` and
    ``age_range``; ``appears_minor`` says whether there are reasons to believe the person
    is a child when the age is unknown or uncertain."""

    birth_date: Union[str, date, None] = None
    age: Optional[int] = None
    age_range: Optional[AgeRange] = None
    appears_minor: Optional[bool] = None
    sex: Optional[str] = None
    citizenship: Optional[str] = None

    def to_dict(self) -> Dict[str, Any]:
        """The subject as case JSON (absent fields left out)."""
        d = _drop_empty(
            {
                "birth_date": self.birth_date,
                "age": self.age,
                "age_range": self.age_range.to_dict() if self.age_range else None,
                "appears_minor": self.appears_minor,
                "sex": self.sex,
                "citizenship": self.citizenship,
            }
        )
        return d


@dataclass(frozen=True)
class Observation:
    """An indicator of the pack, observed (``value``), and optionally when and by whom
    (a role id such as ``school``)."""

    indicator: str
    value: ObservedValue = True
    observed_at: Optional[Moment] = None
    observed_by: Optional[str] = None

    def to_dict(self) -> Dict[str, Any]:
        """The observation as case JSON; ``value`` is always written (``None`` means asked,
        not known)."""
        d = _drop_empty({"indicator": self.indicator, "observed_at": self.observed_at, "observed_by": self.observed_by})
        d["value"] = self.value
        return d


@dataclass(frozen=True)
class Event:
    """Something that happened: a notification made, a guardian appointed, a placement
    (``kind`` is an event kind of the pack)."""

    kind: str
    at: Moment
    by: Optional[str] = None

    def to_dict(self) -> Dict[str, Any]:
        """The event as case JSON."""
        return _drop_empty({"kind": self.kind, "at": self.at, "by": self.by})


@dataclass(frozen=True)
class Consent:
    """A consent given or refused for a scope of the pack (such as ``roma_mediator``)."""

    scope: str
    given: bool
    at: Optional[Moment] = None

    def to_dict(self) -> Dict[str, Any]:
        """The consent as case JSON."""
        return _drop_empty({"scope": self.scope, "given": self.given, "at": self.at})


@dataclass(frozen=True)
class DiscretionaryOverride:
    """A worker's documented decision to move the level one step (``"raise"`` or
    ``"lower"``), with the reason and the reviewer who approved it."""

    direction: str
    reason: str
    reviewer: str

    def to_dict(self) -> Dict[str, Any]:
        """The override as case JSON."""
        return {"direction": self.direction, "reason": self.reason, "reviewer": self.reviewer}


@dataclass(frozen=True)
class Case:
    """One case: a pseudonymous ``id`` (never a name), when it was reported, where, by
    which institution type, about whom, and what was observed and done.

    >>> c = Case("c1", "2026-03-02T09:00:00+01:00", subject=Subject(age=12))
    >>> c = c.observe("recruited_transported_or_harboured").observe("d4_excessive_hours")
    >>> len(c.observations)
    2
    """

    id: str
    reported_at: Moment
    municipality: Optional[str] = None
    reporter: Optional[str] = None
    subject: Subject = field(default_factory=Subject)
    observations: Tuple[Observation, ...] = ()
    events: Tuple[Event, ...] = ()
    consents: Tuple[Consent, ...] = ()
    discretionary_override: Optional[DiscretionaryOverride] = None

    def to_dict(self) -> Dict[str, Any]:
        """The case as a ``dict`` of the case JSON's shape (absent fields left out; moments
        stay ``datetime`` objects if given so)."""
        d: Dict[str, Any] = {"id": self.id, "reported_at": self.reported_at}
        d.update(_drop_empty({"municipality": self.municipality, "reporter": self.reporter}))
        subject = self.subject.to_dict()
        if subject:
            d["subject"] = subject
        for name in ("observations", "events", "consents"):
            items = getattr(self, name)
            if items:
                d[name] = [i.to_dict() for i in items]
        if self.discretionary_override is not None:
            d["discretionary_override"] = self.discretionary_override.to_dict()
        return d

    def to_json(self) -> str:
        """The case as canonical case JSON (checked for shape; not against a pack)."""
        return _native.normalize_case(self.to_dict())

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> "Case":
        """Reads a case from a mapping of the case JSON's shape. The shape is checked
        (``CaseError`` on an unknown field, a wrong type, a fraction); whether the
        indicators exist is checked when a protocol assesses it."""
        return cls._from_canonical(json.loads(_native.normalize_case(data)))

    @classmethod
    def from_json(cls, text: Union[str, bytes]) -> "Case":
        """Reads a case from case JSON."""
        return cls._from_canonical(json.loads(_native.normalize_case(text)))

    @classmethod
    def _from_canonical(cls, d: Dict[str, Any]) -> "Case":
        s = d.get("subject") or {}
        ar = s.get("age_range")
        subject = Subject(
            birth_date=s.get("birth_date"),
            age=s.get("age"),
            age_range=AgeRange(ar["min"], ar["max"]) if ar else None,
            appears_minor=s.get("appears_minor"),
            sex=s.get("sex"),
            citizenship=s.get("citizenship"),
        )
        ov = d.get("discretionary_override")
        return cls(
            id=d["id"],
            reported_at=d["reported_at"],
            municipality=d.get("municipality"),
            reporter=d.get("reporter"),
            subject=subject,
            observations=tuple(Observation(**o) for o in d.get("observations", ())),
            events=tuple(Event(**e) for e in d.get("events", ())),
            consents=tuple(Consent(**c) for c in d.get("consents", ())),
            discretionary_override=DiscretionaryOverride(**ov) if ov else None,
        )

    def observe(self, indicator: str, value: ObservedValue = True, *, observed_at: Optional[Moment] = None,
                observed_by: Optional[str] = None) -> "Case":
        """A copy of the case with one more observation."""
        obs = Observation(indicator, value, observed_at, observed_by)
        return replace(self, observations=self.observations + (obs,))
