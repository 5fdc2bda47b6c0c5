"""The protocol: a loaded, checked, immutable protocol pack, and everything that assesses
cases under it, one at a time, in batches, or as data frames."""

from __future__ import annotations

import os
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path
from typing import Any, Dict, Iterable, List, Literal, Mapping, Optional, Sequence, Tuple, TypeVar, Union, overload

from . import _frames, _native
from ._native import Protocol as _NativeProtocol
from ._analysis import GroupComparison, ParameterChange, ProtocolDiff, WhatIf, CaseChange
from ._assessment import Assessment, Classification, Level, parse_moment
from ._case import Case
from ._errors import FrameError, PackError, PackIssue, PutokazError, UsageError

__all__ = ["Protocol", "Indicator", "Parameter", "Source", "CaseLike", "Moment"]

#: A case: a typed ``Case``, a mapping of the case JSON's shape, or case JSON text.
CaseLike = Union[Case, Mapping[str, Any], str, bytes]
#: A moment: RFC 3339 text with an offset (``2026-03-04T12:00:00+01:00``) or an aware
#: ``datetime``.
Moment = Union[str, datetime]

F = TypeVar("F")

#: The texts a yes/no column reads as true and as false, unless told otherwise: what
#: pandas, polars and pyarrow write for booleans. Words of a language ("da"/"ne") are
#: not assumed; pass them as ``true_values=["da"], false_values=["ne"]``.
TRUE_VALUES: Tuple[str, ...] = ("true", "True", "TRUE")
FALSE_VALUES: Tuple[str, ...] = ("false", "False", "FALSE")

# The categories of the result frames, lowest first (polars gets them as `Enum`s).
_LEVELS = ("none", "low", "moderate", "high", "very_high")
_CLASSES = ("insufficient_indicators", "at_risk", "presumed_victim")
_ENUMS = {"level": _LEVELS, "level_min": _LEVELS, "level_max": _LEVELS, "classification": _CLASSES}


@dataclass(frozen=True)
class Indicator:
    """An indicator of the pack's catalogue: its stable id, labels per language, value type
    (``bool``, ``count`` or ``enum``), ILO dimension and grade per profile, and where it
    comes from. A ``protected`` indicator (such as community membership) may route a case
    but never weighs in a score, level or classification."""

    id: str
    label: Mapping[str, str]
    type: str
    dimension: Optional[str]
    grades: Mapping[str, str]
    values: Tuple[str, ...]
    unit: Optional[str]
    protected: bool
    source: Tuple[str, ...]
    status: str
    citation: Optional[str]


@dataclass(frozen=True)
class Parameter:
    """A parameter of the pack with the value in force on a date: ``Decimal`` for
    decimals, ``int`` for counts, ``bool``, or duration text such as ``"3bd"``.
    ``local_policy`` parameters may be set by a caller (``Protocol.with_local_parameter``)."""

    id: str
    type: str
    unit: Optional[str]
    label: Mapping[str, str]
    local_policy: bool
    value: Union[Decimal, int, bool, str, None]
    source: Tuple[str, ...]
    status: str
    citation: Optional[str]


@dataclass(frozen=True)
class Source:
    """A source the pack cites, with how well it has been checked."""

    id: str
    title: str
    url: Optional[str]
    status: str


def _parameter_value(kind: str, text: Optional[str]) -> Union[Decimal, int, bool, str, None]:
    if text is None:
        return None
    if kind == "decimal":
        return Decimal(text)
    if kind == "count":
        return int(text)
    if kind == "bool":
        return text == "true"
    return text


def _as_of_text(as_of: object) -> str:
    if isinstance(as_of, str):
        return as_of
    if isinstance(as_of, datetime):
        if as_of.utcoffset() is None:
            raise UsageError("usage", None, "as_of must be an aware datetime (with tzinfo), or RFC 3339 text with an offset")
        return as_of.isoformat()
    raise TypeError(f"as_of must be RFC 3339 text or an aware datetime, not {type(as_of).__name__}")


def _check_options(lang: object, trace: object, unknowns: object, text: object = True) -> None:
    if lang is not None and not isinstance(lang, str):
        raise TypeError(f"lang must be a language code such as \"bs\" or None, not {type(lang).__name__}")
    if not isinstance(trace, bool):
        raise TypeError("trace must be True or False")
    if not isinstance(unknowns, int) or isinstance(unknowns, bool):
        raise TypeError("unknowns must be a whole number")
    if unknowns < 0:
        raise UsageError("usage", None, "unknowns must be 0 or more")
    if not isinstance(text, bool):
        raise TypeError("text must be True or False")


# More unknown inputs than any pack has: asking for more is asking for all.
_MAX_UNKNOWNS = 1 << 20


def _choice(name: str, value: object, allowed: Tuple[str, ...]) -> str:
    if not isinstance(value, str) or value not in allowed:
        raise UsageError("usage", None, f"{name} must be one of {', '.join(repr(a) for a in allowed)}")
    return value


def _case_input(case: object) -> object:
    return case.to_dict() if isinstance(case, Case) else case


def _protocol_from_state(files: List[Tuple[str, str]], local: List[Tuple[str, str]]) -> "Protocol":
    return Protocol._wrap(_native.Protocol(files, local))


def _local_text(value: object, allow_float: bool) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, Decimal):
        if not value.is_finite():
            raise UsageError("usage", None, "a parameter value must be a finite number")
        return format(value, "f")
    if isinstance(value, float):
        if not allow_float:
            raise TypeError("a float parameter value may be inexact: give a Decimal, an int or text, or pass allow_float=True")
        return format(Decimal(repr(value)), "f")
    if isinstance(value, str):
        return value
    raise TypeError(f"a parameter value must be a Decimal, an int, a bool or text, not {type(value).__name__}")


class Protocol:
    """A loaded, checked protocol pack: immutable, cheap to share, safe across threads,
    and picklable (rebuilt from the pack's canonical files, with any local parameters the
    caller set), so Dask or Spark workers can receive it.

    >>> p = Protocol.bundled("ilo-2009")
    >>> a = p.assess({"id": "c1", "reported_at": "2026-03-02T09:00:00+01:00",
    ...               "subject": {"age": 12},
    ...               "observations": [{"indicator": "d4_excessive_hours", "value": True}]},
    ...              as_of="2026-03-04T12:00:00+01:00")
    >>> a.level, a.score
    (<Level.LOW: 'low'>, Decimal('3'))
    """

    __slots__ = ("_native", "_indicators")
    _native: _NativeProtocol
    _indicators: Optional[Tuple[Indicator, ...]]

    def __init__(self, *args: object, **kwargs: object) -> None:
        """Protocols are made by ``bundled``, ``from_path``, ``from_toml`` or ``from_files``."""
        raise TypeError("use Protocol.bundled(), Protocol.from_path(), Protocol.from_toml() or Protocol.from_files()")

    @classmethod
    def _wrap(cls, native: _NativeProtocol) -> "Protocol":
        self = object.__new__(cls)
        self._native = native
        self._indicators = None
        return self

    # -- loading ------------------------------------------------------------------------

    @classmethod
    def bundled(cls, id: Optional[str] = None) -> "Protocol":
        """A pack bundled with the library, by id (see ``bundled_ids()``); without an id,
        the default pack."""
        if id is None:
            id = _native.Protocol.bundled_ids()[0]
        return cls._wrap(_native.Protocol.bundled(id))

    @staticmethod
    def bundled_ids() -> Tuple[str, ...]:
        """The ids of the bundled packs, the default first."""
        return tuple(_native.Protocol.bundled_ids())

    @classmethod
    def from_path(cls, path: Union[str, "os.PathLike[str]"]) -> "Protocol":
        """Loads a pack from a directory holding its ``pack.toml`` (or the path of that
        ``pack.toml``), or from a single self-contained TOML file."""
        if not isinstance(path, (str, os.PathLike)):
            raise TypeError(f"path must be text or a path, not {type(path).__name__}")
        p = Path(path)
        if p.is_file():
            if p.name == "pack.toml":
                return cls._wrap(_native.Protocol.from_dir(p.parent))
            try:
                text = p.read_text(encoding="utf-8")
            except UnicodeDecodeError:
                raise PackError("pack.syntax", p.name, "the file is not UTF-8 text") from None
            return cls.from_toml(text)
        return cls._wrap(_native.Protocol.from_dir(p))

    @classmethod
    def from_toml(cls, text: str) -> "Protocol":
        """Loads a pack given as one self-contained TOML text."""
        return cls._wrap(_native.Protocol.from_toml(text))

    @classmethod
    def from_files(cls, files: Iterable[Tuple[str, str]]) -> "Protocol":
        """Loads a pack from its files: (path as listed in ``pack.toml``, text) pairs with
        ``pack.toml`` among them. ``Protocol.files`` gives this canonical form back."""
        pairs = []
        for f in files:
            if isinstance(f, (str, bytes)) or not isinstance(f, Sequence) or len(f) != 2:
                raise TypeError("files must be (path, text) pairs")
            pairs.append((f[0], f[1]))
        return cls._wrap(_native.Protocol.from_files(pairs))

    # -- what the pack is ---------------------------------------------------------------

    @property
    def id(self) -> str:
        """The pack's stable id, such as ``bih``."""
        return self._native.id

    @property
    def version(self) -> str:
        """The pack's semantic version."""
        return self._native.version

    @property
    def digest(self) -> str:
        """``sha256:<hex>`` of the pack's content: a result can be replayed against it."""
        return self._native.digest

    @property
    def title(self) -> Mapping[str, str]:
        """The pack's title per language."""
        return self._native.title

    @property
    def languages(self) -> Tuple[str, ...]:
        """The languages of the pack's labels, the default first."""
        return tuple(self._native.languages)

    @property
    def time_zone(self) -> str:
        """The pack's IANA time zone: the civil time of every deadline."""
        return self._native.time_zone

    @property
    def files(self) -> Tuple[Tuple[str, str], ...]:
        """The content files in canonical order, (path, text): enough to rebuild the same
        protocol (same digest) with ``from_files``."""
        return tuple(self._native.files)

    @property
    def warnings(self) -> Tuple[PackIssue, ...]:
        """Problems that did not stop the pack from loading (a missing label, ...)."""
        return tuple(PackIssue(*w) for w in self._native.warnings)

    @property
    def indicators(self) -> Tuple[Indicator, ...]:
        """The indicator catalogue, as records with labels."""
        if self._indicators is None:
            self._indicators = tuple(
                Indicator(
                    id=i["id"],
                    label=i["label"],
                    type=i["type"],
                    dimension=i.get("dimension"),
                    grades=i.get("grades", {}),
                    values=tuple(i.get("values", ())),
                    unit=i.get("unit"),
                    protected=i["protected"],
                    source=tuple(i.get("source", ())),
                    status=i["status"],
                    citation=i.get("citation"),
                )
                for i in self._native.indicators()
            )
        return self._indicators

    @property
    def municipalities(self) -> Tuple[str, ...]:
        """The routing table's municipalities (the names ``municipality`` takes), in table
        order; empty for a pack without a routing table."""
        return tuple(self._native.municipalities)

    def municipality(self, name: str) -> str:
        """The routing table's name for ``name``: the same name, or the one municipality
        whose name matches it ignoring case and diacritics (``"modrica"`` →
        ``"Modriča"``). Raises ``UsageError`` otherwise, naming the municipalities close
        to it (never ``name`` itself)."""
        if not isinstance(name, str):
            raise TypeError(f"name must be text, not {type(name).__name__}")
        found, close = self._native.municipality_named(name)
        if found is not None:
            return found
        hint = f" (did you mean {', '.join(f'`{c}`' for c in close)}?)" if close else ""
        raise UsageError("usage", None, f"not a municipality of pack `{self.id}`{hint}")

    @property
    def vocabulary(self) -> Dict[str, List[Dict[str, Any]]]:
        """The names a case may use: ``roles`` (institution types), ``event_kinds``,
        ``consent_scopes``, ``profiles`` and derived ``facts``, each with labels."""
        return self._native.vocabulary()

    @property
    def sources(self) -> Tuple[Source, ...]:
        """The sources the pack cites."""
        return tuple(Source(s["id"], s["title"], s.get("url"), s["status"]) for s in self._native.sources())

    def parameters(self, on: Union[date, str]) -> Tuple[Parameter, ...]:
        """The parameters with the values in force on a date (a ``date`` or
        ``YYYY-MM-DD``), caller-set local values included."""
        if isinstance(on, datetime):
            on = on.date()
        if isinstance(on, date):
            on = on.isoformat()
        if not isinstance(on, str):
            raise TypeError(f"on must be a date or YYYY-MM-DD text, not {type(on).__name__}")
        return tuple(
            Parameter(
                id=p["id"],
                type=p["type"],
                unit=p.get("unit"),
                label=p["label"],
                local_policy=p["local_policy"],
                value=_parameter_value(p["type"], p.get("value")),
                source=tuple(p.get("source", ())),
                status=p["status"],
                citation=p.get("citation"),
            )
            for p in self._native.parameters(on)
        )

    @property
    def local_parameters(self) -> Tuple[str, ...]:
        """The names of the parameters a caller may set (``local_policy``)."""
        return tuple(self._native.local_parameters)

    @property
    def local_values(self) -> Dict[str, str]:
        """The local parameter values set on this protocol, as written in a pack."""
        return dict(self._native.local_values)

    def with_local_parameter(self, name: str, value: Union[Decimal, int, bool, str, float], *,
                             allow_float: bool = False) -> "Protocol":
        """A copy with a ``local_policy`` parameter set for the caller's own runs (for
        example a municipality's school-absence threshold). ``value`` is a ``Decimal``, an
        ``int``, a ``bool`` or text as written in a pack (``"3bd"``); a float only with
        ``allow_float=True``. Assessments made with the copy record the value."""
        if not isinstance(name, str):
            raise TypeError(f"name must be text, not {type(name).__name__}")
        return Protocol._wrap(self._native.with_local_parameter(name, _local_text(value, allow_float)))

    # -- assessing ----------------------------------------------------------------------

    def assess(self, case: CaseLike, *, as_of: Moment, lang: Optional[str] = None, trace: bool = True,
               unknowns: int = 10, text: bool = True) -> Assessment:
        """Assesses one case as things stood at ``as_of``.

        ``case`` is a ``Case``, a mapping of the case JSON's shape, or case JSON text.
        ``lang`` is the language of labels and text (``None``: the pack's first).
        ``trace=False`` leaves out the rule trace, ``unknowns`` is how many unknown
        inputs to rank (0 skips the ranking) and ``text=False`` leaves the text empty;
        none of them changes the level, classification or obligations. Counts and ages
        are whole numbers: a whole-valued float is read as that number (NaN as not
        known), a fraction is refused.

        The GIL is released while the engine works. Raises ``CaseError`` for a case that
        cannot be assessed and ``UsageError`` for a bad ``as_of`` or ``lang``.
        """
        _check_options(lang, trace, unknowns, text)
        out = self._native.assess(_case_input(case), _as_of_text(as_of), lang, trace, min(unknowns, _MAX_UNKNOWNS), text)
        return Assessment(out)

    @overload
    def assess_many(self, cases: Iterable[CaseLike], *, as_of: Moment, lang: Optional[str] = ..., trace: bool = ...,
                    unknowns: int = ..., text: bool = ...,
                    errors: Literal["raise"] = ...) -> List[Assessment]: ...

    @overload
    def assess_many(self, cases: Iterable[CaseLike], *, as_of: Moment, lang: Optional[str] = ..., trace: bool = ...,
                    unknowns: int = ..., text: bool = ...,
                    errors: Literal["report", "return"]) -> List[Union[Assessment, PutokazError]]: ...

    def assess_many(self, cases: Iterable[CaseLike], *, as_of: Moment, lang: Optional[str] = None, trace: bool = True,
                    unknowns: int = 10, text: bool = True,
                    errors: str = "raise") -> Union[List[Assessment], List[Union[Assessment, PutokazError]]]:
        """Assesses many cases on all cores, in input order (options as for ``assess``).

        The inputs are converted first; the GIL is then released while the cases are
        assessed in parallel. With ``errors="raise"`` the first case that cannot be
        assessed raises its error (``.index`` is its position); with ``errors="report"``
        (as for frames; ``"return"`` is the older spelling) its place in the list holds
        the error instead.
        """
        _check_options(lang, trace, unknowns, text)
        mode = _choice("errors", errors, ("raise", "report", "return"))
        if isinstance(cases, (str, bytes, Mapping, Case)):
            raise TypeError("assess_many takes an iterable of cases; use assess for one case")
        inputs = [_case_input(c) for c in cases]
        results = self._native.assess_many(inputs, _as_of_text(as_of), lang, trace, min(unknowns, _MAX_UNKNOWNS), text)
        out: List[Union[Assessment, PutokazError]] = []
        for r in results:
            if isinstance(r, str):
                out.append(Assessment(r))
            elif mode == "raise":
                raise r
            else:
                out.append(r)
        return out

    # -- frames -------------------------------------------------------------------------

    def _frame_cases(self, frame: Any, as_of: Moment, layout: str, extra: Any,
                     leave_out: Sequence[str] = ()) -> List[str]:
        """The frame's cases as case JSON, read by the engine as ``assess_frame`` reads
        them (every problem at once, as a ``FrameError``); ``leave_out`` names columns
        that are not case data (a group label)."""
        stream = self._run_frame(frame, as_of=as_of, obligations=False, lang=None, layout=layout, errors="raise",
                                 extra=extra, top_unknown=False, true_values=TRUE_VALUES, false_values=FALSE_VALUES,
                                 naive="error", duplicates="error", cases=True, leave_out=leave_out)
        return _frames.text_column(stream, "case")

    def _run_frame(self, frame: Any, *, as_of: Moment, obligations: bool, lang: Optional[str], layout: str,
                   errors: str, extra: Any, top_unknown: bool, true_values: Iterable[str],
                   false_values: Iterable[str], naive: str, duplicates: str, cases: bool = False,
                   leave_out: Sequence[str] = ()) -> Any:
        """A frame through the engine's Arrow reader; the result in the frame's kind (with
        ``cases``, the raw Arrow stream of case JSON)."""
        kind = _frames.frame_kind(frame)
        long = _choice("layout", layout, ("wide", "long")) == "long"
        mode = _choice("errors", errors, ("raise", "report"))
        naive = _choice("naive", naive, ("error", "pack_tz"))
        duplicates = _choice("duplicates", duplicates, ("error", "first"))
        trues, falses = _texts("true_values", true_values), _texts("false_values", false_values)
        index = frame.index if kind == "pandas" else None
        names = list(frame.columns) if kind in ("pandas", "polars") else None
        data = _frames.arrow_input(frame, kind, long)
        if names is None:
            names = list(getattr(data, "column_names", None) or getattr(data, "columns", None) or [])
        ignore, ignore_unknown = _extra_positions(extra, names)
        ignore += [j for j, n in enumerate(names) if n in leave_out]
        stream, problems, more, dropped = self._native.run_frame(
            data, _as_of_text(as_of), obligations=obligations, language=lang, top_unknown=top_unknown,
            report=mode == "report", naive_in_pack_zone=naive == "pack_tz", true_values=trues, false_values=falses,
            ignore=ignore, ignore_unknown=ignore_unknown, first_of_duplicates=duplicates == "first", long=long,
            cases=cases)
        if stream is None:
            raise FrameError.of(problems, more, index)
        if cases:
            return stream
        if index is not None and dropped:
            keep = sorted(set(range(len(index))) - set(dropped))
            index = index[keep]
        if obligations or long:
            index = None
        return _frames.arrow_output(stream, kind, index, _ENUMS)

    def assess_frame(self, frame: F, *, as_of: Moment, lang: Optional[str] = None, layout: str = "wide",
                     errors: str = "raise", extra: Any = "error", top_unknown: bool = True,
                     true_values: Iterable[str] = TRUE_VALUES, false_values: Iterable[str] = FALSE_VALUES,
                     naive: str = "error", duplicates: str = "error") -> F:
        """Assesses every case of a frame and returns a frame of the same kind (pandas,
        polars, pyarrow; a pyarrow ``Table`` for any other producer of the Arrow stream
        interface, such as a DuckDB result) with one row per case:

        ``id``, ``score``, ``score_min``, ``score_max`` (exact: ``decimal128(38, 6)``),
        ``level``, ``level_min``, ``level_max`` and ``classification`` (ordered
        categories, lowest first: they sort and group in level order), ``child_basis``,
        ``is_child``, ``settled`` (level and classification can no longer change),
        ``pending``, ``overdue`` and ``depends_on_unknown`` (counts of obligations),
        ``next_due`` (the earliest due time of a pending or overdue obligation, time-zone
        aware, in the pack's zone) and ``top_unknown`` (the most decisive unknown input:
        what to ask next). Finding it re-evaluates each case once per unknown input;
        ``top_unknown=False`` leaves the column out and screens several times faster.

        ``layout="wide"`` (one row per case) is read column by column in the engine,
        through the Arrow C stream interface, on every core with the GIL released. Its
        columns are the case fields ``id`` and ``reported_at`` (required),
        ``municipality``, ``reporter``, ``events`` and ``consents`` (lists of records),
        ``discretionary_override`` (a record), the subject fields ``birth_date``,
        ``age``, ``age_min`` and ``age_max`` (an age range), ``appears_minor``, ``sex``,
        ``citizenship``, and indicators of the pack, the cell the observed value. A
        missing cell (null, NaN, NA, NaT) means not observed. Counts take whole numbers,
        also as floats (a float column with gaps); a fraction is refused. Yes/no columns
        take booleans, 1/0, or the texts in ``true_values``/``false_values``.
        ``reported_at`` takes RFC 3339 text or aware date-times (naive ones with
        ``naive="pack_tz"``, read in the pack's time zone); ``birth_date`` takes text,
        dates or date-times. A repeated case id is refused (``duplicates="first"`` keeps
        the first row and leaves the others out).

        A column that is neither a case field nor an indicator is refused (a misspelt
        indicator must not vanish), unless ``extra="ignore"`` or ``extra`` lists it; a
        column whose name is close to an indicator's is refused even then, with "did you
        mean". Every problem of the frame is reported at once: ``FrameError`` with
        ``.problems`` (row, label, column, field, kind, path, message); with
        ``errors="report"`` each failed row has its problems in an ``error`` column
        instead. Messages name rows and columns by position (and by the pack's names),
        never by the caller's values or column names.

        ``layout="long"``: one row per observation: ``id``, ``indicator``, ``value`` (or
        the typed ``value_bool``, ``value_count``, ``value_text``, at most one filled per
        row), optionally ``observed_at`` and ``observed_by``, with the case and subject
        fields repeated on each row of a case. Each row of the result is what ``assess``
        gives for that case.
        """
        if not isinstance(top_unknown, bool):
            raise TypeError("top_unknown must be True or False")
        return self._run_frame(frame, as_of=as_of, obligations=False, lang=lang,  # type: ignore[no-any-return]
                               layout=layout, errors=errors, extra=extra, top_unknown=top_unknown,
                               true_values=true_values, false_values=false_values, naive=naive,
                               duplicates=duplicates)

    def obligations_frame(self, frame: F, *, as_of: Moment, lang: Optional[str] = None, layout: str = "wide",
                          errors: str = "raise", extra: Any = "error", true_values: Iterable[str] = TRUE_VALUES,
                          false_values: Iterable[str] = FALSE_VALUES, naive: str = "error",
                          duplicates: str = "error") -> F:
        """Assesses every case of a frame (read as ``assess_frame`` reads it) and returns
        its referral obligations in long format, one row per case and obligation, as a
        frame of the same kind: ``id`` (the case), ``obligation``, ``exception``,
        ``label``, ``status`` (a category), ``priority``, ``actor_role``,
        ``actor_institution``, ``recipient_role``, ``recipient_institution``, ``anchor``,
        ``anchor_at``, ``due_rule``, ``due``, ``met_at`` (aware, in the pack's time
        zone), ``late`` (a duration: how late it is or was), ``consent_scope``,
        ``consent_state``, ``shares``, ``depends_on`` (lists of text), ``citation`` and
        ``status_of_source``. A case without obligations has no rows.
        ``errors="report"`` gives a failed case one row with its problems in an
        ``error`` column.
        """
        return self._run_frame(frame, as_of=as_of, obligations=True, lang=lang,  # type: ignore[no-any-return]
                               layout=layout, errors=errors, extra=extra, top_unknown=False,
                               true_values=true_values, false_values=false_values, naive=naive,
                               duplicates=duplicates)

    # -- analysis -----------------------------------------------------------------------

    def _case_set(self, cases: Any, as_of: Moment, layout: str, extra: str, what: str) -> Tuple[str, List[Any]]:
        """(frame kind for the results, case inputs) from a frame or an iterable of cases."""
        kind = _frames.maybe_kind(cases)
        if kind is not None:
            return kind, list(self._frame_cases(cases, as_of, layout, extra))
        if isinstance(cases, (str, bytes, Mapping, Case)):
            raise TypeError(f"{what} takes a frame or an iterable of cases, not one case")
        try:
            items = iter(cases)
        except TypeError:
            raise TypeError(f"{what} takes a frame or an iterable of cases, not {type(cases).__name__}") from None
        return "pandas", [_case_input(c) for c in items]

    def diff(self, other: "Protocol", cases: Any, *, as_of: Moment, layout: str = "wide",
             extra: str = "error") -> ProtocolDiff:
        """What changes between this protocol and ``other`` (say, the next version of a
        pack, or the same pack with a local value set) over a case set.

        ``cases`` is an iterable of cases (as for ``assess``) or a pandas, polars or
        pyarrow frame (read as ``assess_frame`` reads it). Every case is assessed under
        both; the result lists the cases whose level, classification or obligations
        change, each with the rules that cause it (``.cases``), the parameters whose
        value differs (``.parameters``) and counts from-level × to-level (``.summary``, a
        frame of the input's kind, pandas for a list). A case that cannot be read raises
        ``CaseError`` (``.index`` is its position); a case refused by one protocol only is
        a change, with the error kinds in ``CaseChange.errors``.
        """
        if not isinstance(other, Protocol):
            raise TypeError(f"other must be a Protocol, not {type(other).__name__}")
        _check_options(None, True, 0)
        kind, inputs = self._case_set(cases, as_of, layout, extra, "diff")
        when = _as_of_text(as_of)
        d = self._native.diff(other._native, inputs, when)
        types = {}
        for proto in (other, self):
            try:
                types.update({p.id: p.type for p in proto.parameters(when[:10])})
            except PutokazError:
                pass
        return ProtocolDiff(
            from_protocol=(d["from"][0], d["from"][1]),
            to_protocol=(d["to"][0], d["to"][1]),
            parameters=tuple(ParameterChange(n, _parameter_value(types.get(n, "text"), a),
                                             _parameter_value(types.get(n, "text"), b))
                             for n, a, b in d["parameters"]),
            cases=tuple(CaseChange._of(c) for c in d["cases"]),
            unchanged=int(d["unchanged"]),
            refused=int(d["refused"]),
            level_counts={(Level(a), Level(b)): int(n) for a, b, n in d["levels"]},
            classification_counts={(Classification(a), Classification(b)): int(n)
                                   for a, b, n in d["classifications"]},
            _kind=kind,
        )

    def what_if(self, case: Any, *, as_of: Moment, limit: int = 5) -> WhatIf:
        """How fragile a decision is: the smallest sets of indicator changes that would
        raise the case's level (``.up``) or lower it (``.down``), at most ``limit`` of
        each, fewest changes first.

        The search is bounded: every single change, then every pair (``.max_changes``
        reports the bound, 2). A boolean indicator is flipped (an unknown one tried both
        ways), a count is set to 0; protected indicators (community membership) are
        never changed. ``case`` is a case as for ``assess``, or one row of the wide
        layout (a pandas ``Series``, a one-row frame, or its ``to_dict()``). Raises
        ``CaseError`` for a case that cannot be assessed.
        """
        if not isinstance(limit, int) or isinstance(limit, bool):
            raise TypeError("limit must be a whole number")
        if limit < 0:
            raise UsageError("usage", None, "limit must be 0 or more")
        _check_options(None, True, 0)
        # More than any search finds: asking for more is asking for all.
        limit = min(limit, _MAX_UNKNOWNS)
        return WhatIf._of(self._native.what_if(self._one_case(case, as_of), _as_of_text(as_of), limit))

    def sweep(self, parameter: str, values: Iterable[Union[Decimal, int, bool, str, float]], cases: Any, *,
              as_of: Moment, layout: str = "wide", allow_float: bool = False, extra: str = "error") -> Any:
        """Screens every case at every value of a ``local_policy`` parameter: the evidence
        for setting a local value (for example a municipality's ``absence_threshold``).

        ``values`` are given as for ``with_local_parameter``; ``cases`` is an iterable of
        cases or a frame (as ``assess_frame`` reads it). Returns a frame of the input's
        kind (pandas for a list) with one row per value and case, values in the order
        given and cases in input order: ``value`` (an int or exact decimal column when
        every value is one, else text), ``id``, ``level``, ``classification``, ``score``
        (exact decimal), ``overdue`` and ``pending`` (counts of obligations) and
        ``error`` (the error kind when a case is refused, its other cells empty).
        Raises ``UsageError`` for a parameter that is not ``local_policy`` or a bad value.
        """
        if not isinstance(parameter, str):
            raise TypeError(f"parameter must be text, not {type(parameter).__name__}")
        if isinstance(values, (str, bytes)):
            raise TypeError("values must be an iterable of values, not one text")
        values = list(values)
        texts = [_local_text(v, allow_float) for v in values]
        _check_options(None, True, 0)
        kind, inputs = self._case_set(cases, as_of, layout, extra, "sweep")
        rows = self._native.sweep(parameter, texts, inputs, _as_of_text(as_of))
        by_text: Dict[str, Union[int, Decimal, str]]
        if values and all(isinstance(v, int) and not isinstance(v, bool) for v in values):
            vtype, by_text = "int", {t: int(t) for t in texts}
        elif values and all(isinstance(v, (int, Decimal, float)) and not isinstance(v, bool) for v in values):
            vtype, by_text = "decimal", {t: Decimal(t) for t in texts}
        else:
            vtype, by_text = "str", {t: t for t in texts}
        spec = [("value", vtype), ("id", "str"), ("level", "str"), ("classification", "str"), ("score", "decimal"),
                ("overdue", "int"), ("pending", "int"), ("error", "str")]
        cols: Dict[str, List[Any]] = {name: [] for name, _ in spec}
        for r in rows:
            s = r["screening"]
            cols["value"].append(by_text[r["value"]])
            cols["id"].append(r["case_id"])
            cols["level"].append(None if s is None else s["level"])
            cols["classification"].append(None if s is None else s["classification"])
            cols["score"].append(None if s is None else Decimal(s["score"]))
            cols["overdue"].append(None if s is None else s["overdue"])
            cols["pending"].append(None if s is None else s["pending"])
            cols["error"].append(r["error"])
        return _frames.build(kind, [_frames.Column(n, t, cols[n]) for n, t in spec], self.time_zone)

    def compare_groups(self, frame: Any, group: str, *, as_of: Moment, layout: str = "wide",
                       extra: str = "error", dropna: bool = True) -> GroupComparison:
        """Outcomes per group for a column the engine must not use (say, ``community``):
        counts of levels, classifications and overdue and pending obligations per group,
        with the differences from the overall distribution (see ``GroupComparison``).

        ``frame`` is a pandas, polars or pyarrow frame (as ``assess_frame`` reads it) or
        an iterable of case mappings with a ``group`` key. The group column is taken out
        before the cases are built, so the engine never sees it: the label travels beside
        each case. In the long layout it must agree between the rows of a case. Every
        group value must be present (it is compared as text).
        """
        if not isinstance(group, str):
            raise TypeError(f"group must be a column name (text), not {type(group).__name__}")
        _check_options(None, True, 0)
        kind = _frames.maybe_kind(frame)
        labels: List[str] = []
        inputs: List[Any] = []
        if kind is None:
            if isinstance(frame, (str, bytes, Mapping, Case)):
                raise TypeError("compare_groups takes a frame or an iterable of case mappings, not one case")
            kind = "pandas"
            for n, c in enumerate(frame):
                if not isinstance(c, Mapping) or group not in c:
                    raise UsageError("usage", None, f"case #{n} has no group key")
                label = _group_label(c[group], n, dropna)
                if label is not None:
                    labels.append(label)
                    inputs.append({k: v for k, v in c.items() if k != group})
        else:
            long = _choice("layout", layout, ("wide", "long")) == "long"
            names = _frames.column_names(frame, kind)
            if group not in names:
                raise UsageError("usage", None, "the frame has no column of the group's name")
            cases = self._frame_cases(frame, as_of, layout, extra, leave_out=(group,))
            row_labels = _frames.column_values(frame, kind, group)
            if long:
                # One label per case, in the order the engine gives the cases (first
                # appearance of each id); the rows of a case must agree.
                by_case: Dict[Any, Optional[str]] = {}
                for n, (cid, value) in enumerate(zip(_frames.column_values(frame, kind, "id"), row_labels)):
                    label = _group_label(value, n, dropna)
                    if by_case.setdefault(cid, label) != label:
                        raise UsageError("usage", None, f"the group differs between rows of one case (row {n})")
                case_labels = list(by_case.values())
            else:
                case_labels = [_group_label(v, n, dropna) for n, v in enumerate(row_labels)]
            labels = [lb for lb in case_labels if lb is not None]
            inputs = [c for lb, c in zip(case_labels, cases) if lb is not None]
        out = self._native.compare_groups(labels, inputs, _as_of_text(as_of))
        return GroupComparison(groups=tuple(out), _kind=kind)

    def _one_case(self, case: Any, as_of: Moment) -> Any:
        """One case from a case (as for ``assess``) or from one row of the wide layout: a
        pandas ``Series``, a one-row frame, or a mapping with the wide layout's keys."""
        if type(case).__name__ == "Series" and hasattr(case, "to_frame"):
            case = case.to_frame().T.infer_objects()
        kind = _frames.maybe_kind(case)
        if kind is None and isinstance(case, Mapping) and not set(case) <= _CASE_KEYS:
            import pyarrow as pa

            try:
                case = pa.table({k: [v] for k, v in case.items()})
            except (pa.ArrowException, TypeError, ValueError, OverflowError):
                raise UsageError("usage", None, "the row has a value that no frame column holds") from None
            kind = "pyarrow"
        if kind is None:
            return _case_input(case)
        cases = self._frame_cases(case, as_of, "wide", "error")
        if len(cases) != 1:
            raise UsageError("usage", None, "what_if takes one case: a frame of exactly one row")
        return cases[0]

    # -- Python protocols ---------------------------------------------------------------

    def __reduce__(self) -> Tuple[Any, ...]:
        # The canonical files rebuild the same protocol (same digest); the local values
        # the caller set travel with it.
        return (_protocol_from_state, (list(self._native.files), list(self._native.local_values)))

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Protocol):
            return NotImplemented
        return self.digest == other.digest and self._native.local_values == other._native.local_values

    def __hash__(self) -> int:
        return hash((self.digest, tuple(self._native.local_values)))

    def __repr__(self) -> str:
        local = f" local={self.local_values}" if self._native.local_values else ""
        return f"<Protocol {self.id} {self.version} {self.digest[:19]}…{local}>"


def _texts(name: str, values: Iterable[str]) -> List[str]:
    if isinstance(values, (str, bytes)):
        raise TypeError(f"{name} must be a list of texts, not one text")
    out = list(values)
    if not all(isinstance(v, str) for v in out):
        raise TypeError(f"{name} must be a list of texts")
    return out


def _extra_positions(extra: Any, names: Sequence[Any]) -> Tuple[List[int], bool]:
    """``extra`` as (positions of the columns to leave out, whether to leave out every
    unknown column)."""
    if isinstance(extra, str):
        return [], _choice("extra", extra, ("error", "ignore")) == "ignore"
    try:
        wanted = list(extra)
    except TypeError:
        raise TypeError("extra must be \"error\", \"ignore\" or a list of column names") from None
    positions = [j for j, n in enumerate(names) if n in wanted]
    if len({n for n in wanted if n in names}) != len(set(wanted)):
        raise UsageError("usage", None, "extra lists a column the frame does not have")
    return positions, False


def _case_id(case: Mapping[str, Any]) -> Optional[str]:
    cid = case.get("id") if isinstance(case, Mapping) else None
    return cid if isinstance(cid, str) else None


def _group_label(value: Any, n: int, dropna: bool) -> Optional[str]:
    """A group value as text; a missing one is left out (``dropna``, as pandas' groupby
    does) or refused."""
    if _frames.is_missing(value):
        if dropna:
            return None
        raise UsageError("usage", None, f"row {n} has no group value (pass dropna=True to leave such rows out)")
    return value if isinstance(value, str) else str(value)


# The top-level fields of case JSON: a mapping with any other key is a wide-layout row.
_CASE_KEYS = frozenset(("id", "reported_at", "municipality", "reporter", "subject", "observations", "events",
                        "consents", "discretionary_override"))
