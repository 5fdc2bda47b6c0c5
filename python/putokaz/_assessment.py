"""The assessment: what the engine concludes about one case, and why.

An ``Assessment`` keeps the engine's canonical JSON (``to_json()`` returns exactly the
bytes the Rust and C APIs give) and offers it as typed attributes: exact quantities as
``decimal.Decimal``, moments as aware ``datetime`` objects, truth values that may be
unknown as ``True``/``False``/``None``.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone
from decimal import Decimal
from enum import Enum
from typing import Any, Dict, Optional, Tuple

from ._errors import UsageError

__all__ = [
    "Assessment",
    "Level",
    "Classification",
    "ChildBasis",
    "ObligationStatus",
    "DecimalRange",
    "Party",
    "Obligation",
    "Outcome",
    "Unknown",
    "DimensionFinding",
    "Contribution",
    "CaseWarning",
    "Reliance",
    "ProtocolRef",
]


class _StrEnum(str, Enum):
    def __str__(self) -> str:
        return str(self.value)

    def __format__(self, spec: str) -> str:
        return format(str(self.value), spec)


class Level(_StrEnum):
    """Risk level, in order: levels compare by rank (``Level.HIGH > Level.LOW``) and equal
    their names (``Level.HIGH == "high"``)."""

    NONE = "none"
    LOW = "low"
    MODERATE = "moderate"
    HIGH = "high"
    VERY_HIGH = "very_high"

    @property
    def rank(self) -> int:
        """0 for ``none`` up to 4 for ``very_high``."""
        return _LEVEL_RANK[self.value]

    def __lt__(self, other: object) -> bool:
        if not isinstance(other, Level):
            return NotImplemented
        return self.rank < other.rank

    def __le__(self, other: object) -> bool:
        if not isinstance(other, Level):
            return NotImplemented
        return self.rank <= other.rank

    def __gt__(self, other: object) -> bool:
        if not isinstance(other, Level):
            return NotImplemented
        return self.rank > other.rank

    def __ge__(self, other: object) -> bool:
        if not isinstance(other, Level):
            return NotImplemented
        return self.rank >= other.rank


_LEVEL_RANK = {"none": 0, "low": 1, "moderate": 2, "high": 3, "very_high": 4}

#: The levels in order, lowest first.
LEVELS: Tuple[Level, ...] = tuple(Level)


class Classification(_StrEnum):
    """The classification against the legal definition of trafficking. Never "identified
    victim": that is an authority's decision, not a screening result."""

    PRESUMED_VICTIM = "presumed_victim"
    AT_RISK = "at_risk"
    INSUFFICIENT_INDICATORS = "insufficient_indicators"


class ChildBasis(_StrEnum):
    """On what basis the subject is (or is not) treated as a child."""

    BIRTH_DATE = "birth_date"
    STATED_AGE = "stated_age"
    AGE_RANGE = "age_range"
    PRESUMED_MINOR_AGE_RANGE = "presumed_minor_age_range"
    PRESUMED_MINOR_APPEARANCE = "presumed_minor_appearance"
    UNKNOWN = "unknown"


class ObligationStatus(_StrEnum):
    """Where an obligation stands at ``as_of``."""

    OVERDUE = "overdue"
    PENDING = "pending"
    OFFERED = "offered"
    DEPENDS_ON_UNKNOWN = "depends_on_unknown"
    MET = "met"


def _tri(v: Any) -> Optional[bool]:
    return {"true": True, "false": False}.get(v) if isinstance(v, str) else None


_FRACTION = re.compile(r"(\.\d+)")


def parse_moment(text: Optional[str]) -> Optional[datetime]:
    """An RFC 3339 moment from the engine as an aware ``datetime`` (fixed offset)."""
    if text is None:
        return None
    t = text.replace("Z", "+00:00").replace("z", "+00:00")
    m = _FRACTION.search(t)
    if m:  # Python before 3.11 reads only 3 or 6 digits of a fraction.
        t = t[: m.start()] + (m.group(1) + "000000")[:7] + t[m.end():]
    return datetime.fromisoformat(t)


@dataclass(frozen=True)
class DecimalRange:
    """A closed range of exact decimals: what a quantity is at least and at most once every
    unknown input is settled."""

    min: Decimal
    max: Decimal

    @property
    def settled(self) -> bool:
        """Whether the range is a single value."""
        return self.min == self.max

    def __contains__(self, value: object) -> bool:
        return isinstance(value, (Decimal, int)) and self.min <= value <= self.max

    @classmethod
    def _of(cls, d: Optional[Dict[str, str]]) -> Optional["DecimalRange"]:
        return None if d is None else cls(Decimal(d["min"]), Decimal(d["max"]))


@dataclass(frozen=True)
class Party:
    """Who acts, or towards whom: a role of the pack and, where the routing table names it,
    the concrete institution for the case."""

    role: str
    institution: Optional[str]
    #: How well the institution is sourced (``verified``, ``secondary``, ...), if known.
    status: Optional[str] = None


@dataclass(frozen=True)
class Obligation:
    """A referral obligation: who (``actor``) must do what (``label``) for whom
    (``recipient``), by when (``due``), and where it stands (``status``), with the rule's
    citation."""

    id: str
    exception: Optional[str]
    label: str
    status: ObligationStatus
    priority: int
    actor: Party
    recipient: Party
    anchor: str
    anchor_at: Optional[datetime]
    due_rule: str
    due: Optional[datetime]
    met_at: Optional[datetime]
    late_seconds: Optional[int]
    consent_scope: Optional[str]
    consent_state: Optional[str]
    shares: Tuple[str, ...]
    depends_on: Tuple[str, ...]
    source: Tuple[str, ...]
    status_of_source: str
    citation: Optional[str]

    @classmethod
    def _of(cls, o: Dict[str, Any]) -> "Obligation":
        consent = o.get("consent") or {}
        return cls(
            id=o["id"],
            exception=o.get("exception"),
            label=o["label"],
            status=ObligationStatus(o["status"]),
            priority=o["priority"],
            actor=Party(**o["actor"]),
            recipient=Party(**o["recipient"]),
            anchor=o["anchor"],
            anchor_at=parse_moment(o.get("anchor_at")),
            due_rule=o["due_rule"],
            due=parse_moment(o.get("due")),
            met_at=parse_moment(o.get("met_at")),
            late_seconds=o.get("late_seconds"),
            consent_scope=consent.get("scope"),
            consent_state=consent.get("state"),
            shares=tuple(o.get("shares", ())),
            depends_on=tuple(o.get("depends_on", ())),
            source=tuple(o.get("source", ())),
            status_of_source=o["status_of_source"],
            citation=o.get("citation"),
        )


@dataclass(frozen=True)
class Outcome:
    """A level and a classification: what an assessment would establish."""

    level: Level
    classification: Classification


@dataclass(frozen=True)
class Unknown:
    """An unknown input that could still change the level or the classification (what to
    ask next): its id (an indicator, ``subject.age`` or ``subject.citizenship``), its label,
    and the outcome if it turned out present and if absent."""

    input: str
    label: str
    if_present: Outcome
    if_absent: Outcome


@dataclass(frozen=True)
class DimensionFinding:
    """One dimension of the ILO indicators: whether it is positive (``None``: depends on
    unknown inputs), its points, and the present indicators that counted."""

    id: str
    label: str
    positive: Optional[bool]
    points: DecimalRange
    evidence: Tuple[str, ...]


@dataclass(frozen=True)
class Contribution:
    """One part of the score: a ``dimension`` or a ``score_term`` of the pack, its label
    and its exact points. An assessment's contributions sum to its ``score``."""

    kind: str
    id: str
    label: str
    points: Decimal


@dataclass(frozen=True)
class CaseWarning:
    """A warning about the case: the assessment went ahead, and says so."""

    code: str
    path: Optional[str]
    message: str


@dataclass(frozen=True)
class Reliance:
    """Content of the pack that is not ``verified`` and that the assessment relied on."""

    kind: str
    id: str
    status: str
    source: Tuple[str, ...]


@dataclass(frozen=True)
class ProtocolRef:
    """Which protocol gave the assessment: id, version, content digest and the local
    parameters the caller set, so that a result can be replayed."""

    id: str
    version: str
    digest: str
    local_parameters: Tuple[Tuple[str, str], ...]


_ASSESSMENT_KEYS = ("protocol", "engine", "as_of", "case_id", "language", "subject", "jurisdiction", "score", "level",
                    "classification", "dimensions", "overrides", "obligations", "unknowns", "relied_on", "warnings",
                    "trace", "text")

# Paths of the decimal fields in the assessment JSON (written there as text).
_RANGE_KEYS = ("strong", "medium", "weak", "points")


def _decimals(d: Dict[str, Any]) -> Dict[str, Any]:
    def rng(r: Optional[Dict[str, str]]) -> Optional[Dict[str, Decimal]]:
        return None if r is None else {"min": Decimal(r["min"]), "max": Decimal(r["max"])}

    subject = d["subject"]
    subject["age"] = rng(subject.get("age"))
    d["score"]["value"] = Decimal(d["score"]["value"])
    d["score"]["possible"] = rng(d["score"]["possible"])
    for c in d["score"].get("contributions", ()):
        c["points"] = Decimal(c["points"])
    for dim in d["dimensions"]:
        for key in _RANGE_KEYS:
            dim[key] = rng(dim[key])
    return d


def _assessment_from_json(text: str) -> "Assessment":
    return Assessment(text)


class Assessment:
    """What the engine concluded about one case under one protocol at one moment.

    ``to_json()`` gives the canonical JSON (the same bytes as Rust's
    ``Assessment::to_json`` and the C API); ``to_dict()`` gives it as Python values with
    ``Decimal`` for every decimal field. The typed attributes cover what an analyst reads
    most: ``level``, ``classification``, ``score``, ``child_basis``, ``obligations``,
    ``unknowns`` and ``explanation``. In a notebook an assessment shows as a card.
    """

    __slots__ = ("_json", "_data")

    def __init__(self, json_text: str) -> None:
        """Wraps an assessment's JSON as the engine returned it (not checked: read
        stored JSON with ``Assessment.from_json``)."""
        if not isinstance(json_text, str):
            raise TypeError("an Assessment is made from the engine's JSON text")
        self._json = json_text
        self._data: Optional[Dict[str, Any]] = None

    @classmethod
    def from_json(cls, text: str) -> "Assessment":
        """Reads an assessment's canonical JSON (as ``to_json()`` wrote it, for example
        from storage), checking that it is one. ``to_json()`` gives the same text back."""
        if not isinstance(text, str):
            raise TypeError(f"expected the JSON text of an assessment, not {type(text).__name__}")
        try:
            data = json.loads(text)
        except ValueError:
            raise UsageError("usage", None, "not JSON: expected the JSON text of an assessment") from None
        missing = [k for k in _ASSESSMENT_KEYS if not isinstance(data, dict) or k not in data]
        if missing:
            raise UsageError("usage", None, f"not an assessment: no `{missing[0]}`")
        a = cls(text)
        a._data = data
        return a

    @property
    def _d(self) -> Dict[str, Any]:
        if self._data is None:
            self._data = json.loads(self._json)
        return self._data

    # -- identity -----------------------------------------------------------------------

    @property
    def case_id(self) -> str:
        """The case's pseudonymous id."""
        return str(self._d["case_id"])

    @property
    def protocol(self) -> ProtocolRef:
        """The protocol's id, version, digest and caller-set local parameters."""
        p = self._d["protocol"]
        return ProtocolRef(p["id"], p["version"], p["digest"], tuple((str(k), str(v)) for k, v in p["local_parameters"]))

    @property
    def engine_version(self) -> str:
        """The version of the engine that made the assessment."""
        return str(self._d["engine"]["version"])

    @property
    def as_of(self) -> datetime:
        """The moment of assessment, in the pack's time zone (as a fixed offset)."""
        moment = parse_moment(self._d["as_of"])
        assert moment is not None
        return moment

    @property
    def language(self) -> str:
        """The language of labels and text (``bs`` or ``en``)."""
        return str(self._d["language"])

    # -- subject ------------------------------------------------------------------------

    @property
    def is_child(self) -> Optional[bool]:
        """Whether the subject is treated as a child (``None``: not known)."""
        return _tri(self._d["subject"]["is_child"])

    @property
    def child_basis(self) -> ChildBasis:
        """On what basis the subject is (or is not) treated as a child."""
        return ChildBasis(self._d["subject"]["child_basis"])

    @property
    def age(self) -> Optional[DecimalRange]:
        """The age in whole years, or the range it may take (``None``: nothing known)."""
        return DecimalRange._of(self._d["subject"]["age"])

    @property
    def is_foreign(self) -> Optional[bool]:
        """Whether the subject is a foreign citizen (``None``: not known)."""
        return _tri(self._d["subject"]["is_foreign"])

    @property
    def profiles(self) -> Tuple[str, ...]:
        """The pack's profiles whose grades were applied."""
        return tuple(self._d["subject"]["profiles"])

    @property
    def jurisdiction(self) -> Optional[Dict[str, Any]]:
        """Where the case is handled (municipality, entity, area, institutions), if known."""
        j = self._d["jurisdiction"]
        return None if j is None else dict(j)

    # -- findings -----------------------------------------------------------------------

    @property
    def score(self) -> Decimal:
        """The exact score from what is established (unknown inputs counted as absent)."""
        return Decimal(self._d["score"]["value"])

    @property
    def contributions(self) -> Tuple[Contribution, ...]:
        """What the score is made of, in the engine's order: the parts sum to ``score``
        (the steps of a waterfall chart)."""
        return tuple(Contribution(c["kind"], c["id"], c["label"], Decimal(c["points"]))
                     for c in self._d["score"].get("contributions", ()))

    @property
    def score_range(self) -> DecimalRange:
        """The score once every unknown input is settled, at least and at most."""
        r = DecimalRange._of(self._d["score"]["possible"])
        assert r is not None
        return r

    @property
    def level(self) -> Level:
        """The level established now."""
        return Level(self._d["level"]["value"])

    @property
    def level_range(self) -> Tuple[Level, Level]:
        """The lowest and highest level the case may reach once unknowns are settled."""
        p = self._d["level"]["possible"]
        return (Level(p["min"]), Level(p["max"]))

    @property
    def level_settled(self) -> bool:
        """Whether no unknown input can change the level."""
        return bool(self._d["level"]["settled"])

    @property
    def policy_floor(self) -> Optional[Level]:
        """The floor set by policy overrides that hold, if any."""
        f = self._d["level"]["policy_floor"]
        return None if f is None else Level(f)

    @property
    def classification(self) -> Classification:
        """The classification established now."""
        return Classification(self._d["classification"]["value"])

    @property
    def possible_classifications(self) -> Tuple[Classification, ...]:
        """Every classification the case may still reach."""
        return tuple(Classification(c) for c in self._d["classification"]["possible"])

    @property
    def classification_settled(self) -> bool:
        """Whether no unknown input can change the classification."""
        return bool(self._d["classification"]["settled"])

    @property
    def dimensions(self) -> Tuple[DimensionFinding, ...]:
        """The ILO dimensions with their points and evidence."""
        out = []
        for d in self._d["dimensions"]:
            points = DecimalRange._of(d["points"])
            assert points is not None
            out.append(DimensionFinding(d["id"], d["label"], _tri(d["positive"]), points, tuple(d["evidence"])))
        return tuple(out)

    @property
    def obligations(self) -> Tuple[Obligation, ...]:
        """The referral obligations, as the pack lists them (see ``obligations_by_due``)."""
        return tuple(Obligation._of(o) for o in self._d["obligations"])

    @property
    def obligations_by_due(self) -> Tuple[Obligation, ...]:
        """The obligations in the order they fall due (those without a due time last)."""
        far = datetime.max.replace(tzinfo=timezone.utc) - timedelta(days=1)
        return tuple(sorted(self.obligations, key=lambda o: (o.due or far, o.priority)))

    @property
    def unknowns(self) -> Tuple[Unknown, ...]:
        """Unknown inputs that could still change the level or the classification, most
        decisive first: what to ask next."""
        out = []
        for u in self._d["unknowns"]:
            p, a = u["if_present"], u["if_absent"]
            out.append(
                Unknown(
                    u["input"],
                    u["label"],
                    Outcome(Level(p["level"]), Classification(p["classification"])),
                    Outcome(Level(a["level"]), Classification(a["classification"])),
                )
            )
        return tuple(out)

    @property
    def relied_on(self) -> Tuple[Reliance, ...]:
        """Content that is not ``verified`` and that this assessment relied on."""
        return tuple(Reliance(r["kind"], r["id"], r["status"], tuple(r["source"])) for r in self._d["relied_on"])

    @property
    def warnings(self) -> Tuple[CaseWarning, ...]:
        """Warnings about the case (the assessment went ahead)."""
        return tuple(CaseWarning(w["code"], w.get("path"), w["message"]) for w in self._d["warnings"])

    @property
    def trace(self) -> Tuple[Dict[str, Any], ...]:
        """Every rule that fired or could fire, with its citation and what it read (empty
        when the assessment was made with ``trace=False``)."""
        return tuple(dict(t) for t in self._d["trace"])

    @property
    def text(self) -> str:
        """The assessment in words, in ``language``."""
        return str(self._d["text"])

    @property
    def explanation(self) -> str:
        """The assessment in words (the same as ``text``)."""
        return self.text

    # -- conversions --------------------------------------------------------------------

    def to_json(self) -> str:
        """The canonical JSON: byte for byte what the Rust and C APIs give for the same
        protocol, case and ``as_of``."""
        return self._json

    def to_dict(self) -> Dict[str, Any]:
        """The assessment as Python values: the JSON's structure, with ``Decimal`` for the
        score, the score range, the age range and the dimensions' counts and points."""
        return _decimals(json.loads(self._json))

    def __reduce__(self) -> Tuple[Any, ...]:
        return (_assessment_from_json, (self._json,))

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Assessment):
            return NotImplemented
        return self._json == other._json

    def __hash__(self) -> int:
        return hash(self._json)

    def __repr__(self) -> str:
        return (
            f"<Assessment {self.case_id}: {self.level.value}, {self.classification.value}, "
            f"score {self.score} ({self.protocol.id} {self.protocol.version})>"
        )

    def _repr_html_(self) -> str:
        """A card for notebooks: level, why, what to ask next, obligations by due time."""
        from ._html import assessment_card

        return assessment_card(self)
