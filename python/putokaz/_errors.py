"""The exceptions of the package: one base class, ``PutokazError``, with a stable machine
``kind``, a ``location`` and a ``message``.

The compiled module raises these classes directly (it imports this module the first time
it reports an error), so every error from the engine is catchable as ``PutokazError``, and
bad input also as ``ValueError``. Error text never repeats a value taken from a case: a
case holds personal data, and error text ends up in logs.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Iterable, Optional, Tuple

__all__ = ["PutokazError", "PackError", "CaseError", "UsageError", "PackIssue", "FrameError", "FrameProblem"]


@dataclass(frozen=True)
class PackIssue:
    """One problem found in a pack (or a warning about one, such as a missing label).

    ``kind`` is ``pack.<kind>`` (``pack.syntax``, ``pack.unknown_name``, ...); ``location``
    is ``file:line:col`` when the problem has a place; ``excerpt`` is the offending line
    with a caret under the column.
    """

    kind: str
    location: Optional[str]
    message: str
    excerpt: Optional[str] = None

    def __str__(self) -> str:
        head = f"{self.location}: " if self.location else ""
        text = f"{head}{self.kind}: {self.message}"
        return f"{text}\n{self.excerpt}" if self.excerpt else text


def _issue(item: Any) -> PackIssue:
    if isinstance(item, PackIssue):
        return item
    kind, location, message, excerpt = item
    return PackIssue(str(kind), None if location is None else str(location), str(message), excerpt)


def _rebuild(cls: type, kind: str, location: Optional[str], message: str,
             issues: Tuple[PackIssue, ...], index: Optional[int]) -> "PutokazError":
    err: PutokazError = cls(kind, location, message, issues=issues, index=index)
    return err


class PutokazError(Exception):
    """The base class of every error the engine reports.

    Attributes:
        kind: a stable machine name: ``pack.<kind>``, ``case.<kind>``, ``usage``, or
            ``internal`` (a bug in the engine; please report it).
        location: where the problem is: a JSON path such as ``$.observations[2].value``
            for a case, ``file:line:col`` for a pack, or ``None``.
        message: what is wrong, in words (never a value from the case).
        index: in batch methods, the position of the case in the input; else ``None``.
    """

    kind: str
    location: Optional[str]
    message: str
    index: Optional[int]
    issues: Tuple[PackIssue, ...]

    def __init__(self, kind: str, location: Optional[str], message: str, *,
                 issues: Iterable[Any] = (), index: Optional[int] = None) -> None:
        self.kind = kind
        self.location = location
        self.message = message
        self.issues = tuple(_issue(i) for i in issues)
        self.index = index
        super().__init__(self._render())

    def _render(self) -> str:
        where = f" at {self.location}" if self.location else ""
        text = f"{self.kind}{where}: {self.message}"
        return f"case #{self.index}: {text}" if self.index is not None else text

    def __reduce__(self) -> Tuple[Any, ...]:
        # Rebuilt from the parts, so the error crosses to and from Dask or Spark workers.
        return (_rebuild, (type(self), self.kind, self.location, self.message, self.issues, self.index))


class PackError(PutokazError, ValueError):
    """A pack that could not be loaded. ``issues`` lists every problem found (not just the
    first); ``kind``, ``location`` and ``message`` are those of the first."""

    def _render(self) -> str:
        if len(self.issues) <= 1:
            return super()._render()
        return "\n".join(str(i) for i in self.issues)


class CaseError(PutokazError, ValueError):
    """A case that cannot be assessed: malformed, of the wrong type, naming an indicator,
    municipality or kind the pack does not have, or with impossible dates. ``location``
    is the JSON path of the offending field."""


class UsageError(PutokazError, ValueError):
    """A misuse of the API: an unknown bundled pack, a bad ``as_of``, an unknown language,
    an unknown or non-local parameter, a frame column that is neither a case field nor an
    indicator."""


@dataclass(frozen=True)
class FrameProblem:
    """One problem of a frame.

    ``row`` and ``column`` are positions (``frame.iloc[row, column]``; ``None`` for a
    problem of the whole frame or of a whole column); ``label`` is the row's index label
    (pandas) or its position; ``field`` is the column's name when it is a case field or
    an indicator of the pack; ``path`` is the JSON path of the case field it fed. The
    text (``str(problem)``) names rows and columns by position and the pack's names only:
    never a value, a key or a column name the caller wrote.
    """

    row: Optional[int]
    label: Any
    column: Optional[int]
    field: Optional[str]
    kind: str
    path: Optional[str]
    message: str
    text: str

    def __str__(self) -> str:
        return self.text


class FrameError(PutokazError, ValueError):
    """A frame that cannot be assessed: every problem found, at once, in ``problems``
    (``kind``, ``location`` and ``message`` are those of the first). ``table()`` gives
    them as a pandas ``DataFrame`` (row, label, column, field, kind, path, message)."""

    problems: Tuple[FrameProblem, ...]
    more: int

    def __init__(self, kind: str, location: Optional[str], message: str, *, issues: Iterable[Any] = (),
                 index: Optional[int] = None, problems: Iterable[FrameProblem] = (), more: int = 0) -> None:
        self.problems = tuple(problems)
        self.more = more
        super().__init__(kind, location, message, issues=issues, index=index)

    @classmethod
    def of(cls, raw: Iterable[Tuple[Any, ...]], more: int, labels: Any = None, kind: str = "pandas") -> "FrameError":
        """From the engine's problem tuples (row, column, field, kind, path, message, text)."""
        problems = tuple(
            FrameProblem(row, _label(labels, row), column, field, k, path, message, text)
            for row, column, field, k, path, message, text in raw
        )
        first = problems[0]
        rows = len({p.row for p in problems if p.row is not None})
        count = f"{len(problems) + more} problem{'s' if len(problems) + more != 1 else ''}"
        where = f" in {rows} row{'s' if rows != 1 else ''}" if rows else ""
        tail = f" ({more} more not listed)" if more else ""
        text = f"{count}{where}{tail}; the first: {first.text} (all are in .problems)"
        location = None if first.row is None else f"row[{first.row}]"
        return cls(first.kind, location, text, problems=problems, more=more)

    def _render(self) -> str:
        return self.message

    def table(self) -> Any:
        """The problems as a pandas ``DataFrame``, one row each."""
        import pandas as pd

        keys = ("row", "label", "column", "field", "kind", "path", "message")
        return pd.DataFrame({k: [getattr(p, k) for p in self.problems] for k in keys})

    def __reduce__(self) -> Tuple[Any, ...]:
        return (_rebuild_frame, (self.kind, self.location, self.message, self.problems, self.more))


def _label(labels: Any, row: Optional[int]) -> Any:
    if row is None:
        return None
    if labels is None:
        return row
    try:
        return labels[row]
    except (IndexError, KeyError, TypeError):
        return row


def _rebuild_frame(kind: str, location: Optional[str], message: str, problems: Tuple[FrameProblem, ...],
                   more: int) -> FrameError:
    return FrameError(kind, location, message, problems=problems, more=more)


# Shown (and pickled) under the package's name, where users import them from.
for _cls in (PutokazError, PackError, CaseError, UsageError, PackIssue, FrameError, FrameProblem):
    _cls.__module__ = "putokaz"
del _cls
