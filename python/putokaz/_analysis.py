"""The results of the analysis tools: what a new protocol version would change
(``Protocol.diff``), how fragile one decision is (``Protocol.what_if``), and outcomes per
group (``Protocol.compare_groups``). The engine computes them (its ``whatif`` module);
these classes only give its answers Python types and frames.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any, Dict, List, Optional, Tuple, Union

from . import _frames
from ._assessment import LEVELS, Classification, Level, ObligationStatus

__all__ = [
    "CaseChange",
    "ObligationChange",
    "ParameterChange",
    "ProtocolDiff",
    "Change",
    "Counterfactual",
    "WhatIf",
    "GroupComparison",
]

CLASSIFICATIONS: Tuple[Classification, ...] = tuple(Classification)

ParameterValue = Union[Decimal, int, bool, str, None]


@dataclass(frozen=True)
class ObligationChange:
    """An obligation whose status differs: ``None`` where it does not apply."""

    id: str
    from_status: Optional[ObligationStatus]
    to_status: Optional[ObligationStatus]


@dataclass(frozen=True)
class CaseChange:
    """How one case fares under the two protocols: level and classification under each,
    the obligations whose status differs, the causes (``kind/id``: rules whose result
    differs or that exist in one protocol only, dimensions and score terms whose points
    differ, and ``scoring/levels`` when only the level thresholds explain a changed level),
    and the error kinds when the case was refused by one of them."""

    case_id: str
    from_level: Level
    to_level: Level
    from_classification: Classification
    to_classification: Classification
    obligations: Tuple[ObligationChange, ...]
    rules: Tuple[str, ...]
    errors: Tuple[Optional[str], Optional[str]]

    @classmethod
    def _of(cls, d: Dict[str, Any]) -> "CaseChange":
        def status(s: Optional[str]) -> Optional[ObligationStatus]:
            return None if s is None else ObligationStatus(s)

        return cls(
            case_id=d["case_id"],
            from_level=Level(d["level"][0]),
            to_level=Level(d["level"][1]),
            from_classification=Classification(d["classification"][0]),
            to_classification=Classification(d["classification"][1]),
            obligations=tuple(ObligationChange(o, status(a), status(b)) for o, a, b in d["obligations"]),
            rules=tuple(d["rules"]),
            errors=(d["errors"][0], d["errors"][1]),
        )


@dataclass(frozen=True)
class ParameterChange:
    """A parameter whose value at ``as_of`` differs between the two protocols (``None``
    where a protocol has no such parameter)."""

    id: str
    from_value: ParameterValue
    to_value: ParameterValue


@dataclass(frozen=True)
class ProtocolDiff:
    """What changes between two protocols over a case set (``Protocol.diff``).

    ``cases`` holds only the cases that change, with their causes; ``unchanged`` and
    ``refused`` (refused by both protocols) count the others. ``level_counts`` and
    ``classification_counts`` count every case assessed under both by (from, to);
    ``summary`` is the level counts as a from-level × to-level frame.
    """

    from_protocol: Tuple[str, str]
    to_protocol: Tuple[str, str]
    parameters: Tuple[ParameterChange, ...]
    cases: Tuple[CaseChange, ...]
    unchanged: int
    refused: int
    level_counts: Dict[Tuple[Level, Level], int]
    classification_counts: Dict[Tuple[Classification, Classification], int]
    _kind: str = field(default="pandas", repr=False, compare=False)

    @property
    def summary(self) -> Any:
        """Counts of cases by level under the first protocol (rows, column ``from_level``)
        and under the second (one column per level, lowest first); every level appears.
        A pandas ``DataFrame`` (pandas must be installed), or a polars or pyarrow frame
        when the cases were given as one."""
        columns = [_frames.Column("from_level", "str", [lv.value for lv in LEVELS])]
        for to in LEVELS:
            columns.append(_frames.Column(to.value, "int", [self.level_counts.get((fr, to), 0) for fr in LEVELS]))
        return _frames.build(self._kind, columns, "UTC")

    @property
    def changed(self) -> int:
        """How many cases change level, classification, obligations or acceptance."""
        return len(self.cases)


@dataclass(frozen=True)
class Change:
    """One change to an observation: an indicator set ``present`` or ``absent``."""

    indicator: str
    to: str


@dataclass(frozen=True)
class Counterfactual:
    """A smallest set of changes and the level and classification it would give."""

    changes: Tuple[Change, ...]
    level: Level
    classification: Classification

    @classmethod
    def _of(cls, d: Dict[str, Any]) -> "Counterfactual":
        return cls(tuple(Change(c["indicator"], c["to"]) for c in d["changes"]), Level(d["level"]),
                   Classification(d["classification"]))


@dataclass(frozen=True)
class WhatIf:
    """How fragile one decision is (``Protocol.what_if``): the level and classification
    now, the smallest change sets that raise the level (``up``) and that lower it
    (``down``), fewest changes first, and the search bound ``max_changes`` (the engine
    tries every single change and every pair; protected indicators are never changed)."""

    case_id: str
    level: Level
    classification: Classification
    up: Tuple[Counterfactual, ...]
    down: Tuple[Counterfactual, ...]
    max_changes: int

    @classmethod
    def _of(cls, d: Dict[str, Any]) -> "WhatIf":
        return cls(
            case_id=d["case_id"],
            level=Level(d["level"]),
            classification=Classification(d["classification"]),
            up=tuple(Counterfactual._of(c) for c in d["up"]),
            down=tuple(Counterfactual._of(c) for c in d["down"]),
            max_changes=int(d["max_changes"]),
        )


def _share(n: int, total: int) -> Optional[float]:
    return None if total == 0 else n / total


@dataclass(frozen=True)
class GroupComparison:
    """Outcomes per group (``Protocol.compare_groups``), as frames of the input's kind.

    * ``levels``: one row per group and level: ``group``, ``level``, ``cases`` (count),
      ``share`` (of the group's assessed cases), ``overall_share`` and ``difference``
      (``share - overall_share``).
    * ``classifications``: the same per classification.
    * ``obligations``: one row per group: ``group``, ``cases``, ``refused``, ``overdue``
      and ``pending`` (counts of obligations), ``overdue_per_case`` and
      ``pending_per_case``, and their ``difference`` from the overall rate
      (``overdue_difference``, ``pending_difference``).

    Groups come in sorted order; every level and classification appears for each group.
    ``groups`` holds the engine's counts as records.
    """

    groups: Tuple[Dict[str, Any], ...]
    _kind: str = field(default="pandas", repr=False, compare=False)

    def _distribution(self, key: str, name: str, values: Tuple[Any, ...]) -> Any:
        assessed = {g["group"]: g["cases"] - g["refused"] for g in self.groups}
        total = sum(assessed.values())
        overall = {v.value: sum(g[key].get(v.value, 0) for g in self.groups) for v in values}
        rows: Dict[str, List[Any]] = {c: [] for c in ("group", name, "cases", "share", "overall_share", "difference")}
        for g in self.groups:
            for v in values:
                n = g[key].get(v.value, 0)
                share, all_share = _share(n, assessed[g["group"]]), _share(overall[v.value], total)
                rows["group"].append(g["group"])
                rows[name].append(v.value)
                rows["cases"].append(n)
                rows["share"].append(share)
                rows["overall_share"].append(all_share)
                rows["difference"].append(None if share is None or all_share is None else share - all_share)
        types = {"group": "str", name: "str", "cases": "int", "share": "float", "overall_share": "float",
                 "difference": "float"}
        return _frames.build(self._kind, [_frames.Column(c, types[c], v) for c, v in rows.items()], "UTC")

    @property
    def levels(self) -> Any:
        """Counts and shares of levels per group, and their differences from overall."""
        return self._distribution("levels", "level", LEVELS)

    @property
    def classifications(self) -> Any:
        """Counts and shares of classifications per group, and their differences."""
        return self._distribution("classifications", "classification", CLASSIFICATIONS)

    @property
    def obligations(self) -> Any:
        """Overdue and pending obligations per group, per case, and their differences."""
        assessed = sum(g["cases"] - g["refused"] for g in self.groups)
        overall = {k: _share(sum(g[k] for g in self.groups), assessed) for k in ("overdue", "pending")}
        cols: Dict[str, List[Any]] = {c: [] for c in ("group", "cases", "refused", "overdue", "pending",
                                                       "overdue_per_case", "pending_per_case", "overdue_difference",
                                                       "pending_difference")}
        for g in self.groups:
            n = g["cases"] - g["refused"]
            for c in ("group", "cases", "refused", "overdue", "pending"):
                cols[c].append(g[c])
            for k in ("overdue", "pending"):
                rate, all_rate = _share(g[k], n), overall[k]
                cols[f"{k}_per_case"].append(rate)
                cols[f"{k}_difference"].append(None if rate is None or all_rate is None else rate - all_rate)
        types = {c: ("str" if c == "group" else "int" if c in ("cases", "refused", "overdue", "pending") else "float")
                 for c in cols}
        return _frames.build(self._kind, [_frames.Column(c, types[c], v) for c, v in cols.items()], "UTC")
