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

__all__ = ["PutokazError", "PackError", "CaseError", "UsageError", "PackIssue"]


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


# Shown (and pickled) under the package's name, where users import them from.
for _cls in (PutokazError, PackError, CaseError, UsageError, PackIssue):
    _cls.__module__ = "putokaz"
del _cls
