"""Data frames in and out: pandas, polars and pyarrow, without importing any of them
unless the caller's frame is one.

Two input layouts (see ``Protocol.assess_frame``):

* **wide**: one row per case. Columns ``id`` and ``reported_at`` are required; the case
  fields ``municipality``, ``reporter``, ``events``, ``consents``,
  ``discretionary_override`` and the subject fields ``birth_date``, ``age``, ``age_min``
  and ``age_max`` (an age range), ``appears_minor``, ``sex``, ``citizenship`` are optional;
  every other column is an indicator of the pack, its cell the observed value. A missing
  cell (``None``, NaN, NA, NaT) means not observed, and the field or observation is left out.
* **long**: one row per observation: ``id``, ``indicator``, ``value`` (optional: without
  any value column every listed indicator is present; or the typed ``value_bool``,
  ``value_count``, ``value_text``, at most one filled per row, for frame libraries whose
  columns hold one type), ``observed_at``, ``observed_by``, and the case
  and subject fields above, repeated on each row of a case (they must agree). A row with
  a missing ``indicator`` only carries case fields; a missing ``value`` is kept as
  "asked, not known". Cases come out in order of first appearance.
"""

from __future__ import annotations

import sys
from dataclasses import dataclass
from decimal import Decimal
from typing import Any, Dict, Iterable, List, Mapping, Optional, Sequence, Tuple

from ._errors import FrameError, UsageError

CASE_FIELDS = ("id", "reported_at", "municipality", "reporter", "events", "consents", "discretionary_override")
SUBJECT_FIELDS = ("birth_date", "age", "age_min", "age_max", "appears_minor", "sex", "citizenship")
OBSERVATION_FIELDS = ("indicator", "value", "value_bool", "value_count", "value_text", "observed_at", "observed_by")
# A long frame of polars or pyarrow cannot mix booleans and counts in one column: typed
# value columns carry them side by side, at most one filled per row.
VALUE_FIELDS = ("value", "value_bool", "value_count", "value_text")

def frame_kind(frame: object) -> str:
    """``"pandas"``, ``"polars"``, ``"pyarrow"`` or ``"arrow"`` (any other object with
    ``__arrow_c_stream__``); ``TypeError`` for anything else."""
    pd = sys.modules.get("pandas")
    if pd is not None and isinstance(frame, pd.DataFrame):
        return "pandas"
    pl = sys.modules.get("polars")
    if pl is not None:
        if isinstance(frame, pl.DataFrame):
            return "polars"
        if isinstance(frame, pl.LazyFrame):
            raise TypeError("a polars LazyFrame: collect() it first (assessment needs every row)")
    pa = sys.modules.get("pyarrow")
    if pa is not None and isinstance(frame, (pa.Table, pa.RecordBatch)):
        return "pyarrow"
    if hasattr(frame, "__arrow_c_stream__"):
        # DuckDB results and other producers of the Arrow stream interface: a pyarrow
        # table comes back.
        return "arrow"
    raise TypeError(f"expected a pandas, polars or pyarrow data frame, not {type(frame).__name__}")


def maybe_kind(obj: object) -> "Optional[str]":
    """``frame_kind`` for a frame, ``None`` for anything else (a list of cases)."""
    try:
        return frame_kind(obj)
    except TypeError:
        if type(obj).__name__ == "LazyFrame":
            raise
        return None


def is_missing(v: Any) -> bool:
    """Whether a cell is a missing value in any of the three libraries."""
    if v is None:
        return True
    if isinstance(v, float):
        return v != v
    return type(v).__name__ in ("NAType", "NaTType")


def read_rows(frame: Any, kind: str) -> Tuple[List[str], List[Dict[str, Any]]]:
    """The frame's column names and its rows as dicts of plain Python values."""
    if kind == "pandas":
        names = _pandas_names(frame)
        rows: List[Dict[str, Any]] = frame.to_dict("records")
        return names, rows
    if kind == "polars":
        return list(frame.columns), list(frame.to_dicts())
    return _unique(list(frame.column_names)), list(frame.to_pylist())


def _pandas_names(frame: Any) -> List[str]:
    for c in frame.columns:
        if not isinstance(c, str):
            raise UsageError("usage", None, f"column names must be text, not {type(c).__name__}")
    return _unique([str(c) for c in frame.columns])


def _unique(names: List[str]) -> List[str]:
    seen: Dict[str, int] = {}
    for j, name in enumerate(names):
        if name in seen:
            raise UsageError("usage", None, f"column[{j}] has the same name as column[{seen[name]}]; one would be lost")
        seen[name] = j
    return names


def _roles(columns: Sequence[str], indicators: Iterable[str], layout: str, extra: str) -> Dict[str, str]:
    known = set(indicators)
    roles: Dict[str, str] = {}
    for j, c in enumerate(columns):
        if c in CASE_FIELDS:
            roles[c] = "case"
        elif c in SUBJECT_FIELDS:
            roles[c] = "subject"
        elif layout == "long" and c in OBSERVATION_FIELDS:
            roles[c] = "observation"
        elif layout == "wide" and c in known:
            roles[c] = "indicator"
        elif extra == "ignore":
            continue
        else:
            what = "an indicator of the pack" if layout == "wide" else "an observation field"
            raise UsageError(
                "usage",
                None,
                f"column[{j}] is neither a case field nor {what}; pass extra=\"ignore\" to leave such columns out",
            )
    for required in ("id", "reported_at") + (("indicator",) if layout == "long" else ()):
        if required not in roles:
            raise UsageError("usage", None, f"the frame has no `{required}` column ({layout} layout)")
    return roles


def _put(case: Dict[str, Any], subject: Dict[str, Any], column: str, role: str, value: Any) -> None:
    if role == "case":
        case[column] = value
    elif column in ("age_min", "age_max"):
        subject.setdefault("age_range", {})[column[4:]] = value
    else:
        subject[column] = value


def cases_from_rows(columns: Sequence[str], rows: List[Dict[str, Any]], indicators: Iterable[str], layout: str,
                    extra: str) -> List[Dict[str, Any]]:
    """Case dicts, as ``Protocol.assess`` reads them, from a frame's rows."""
    roles = _roles(columns, indicators, layout, extra)
    if layout == "wide":
        out = []
        for row in rows:
            case: Dict[str, Any] = {}
            subject: Dict[str, Any] = {}
            observations = []
            for column, role in roles.items():
                v = row[column]
                if is_missing(v):
                    continue
                if role == "indicator":
                    observations.append({"indicator": column, "value": v})
                else:
                    _put(case, subject, column, role, v)
            if subject:
                case["subject"] = subject
            if observations:
                case["observations"] = observations
            out.append(case)
        return out
    return _long_cases(roles, rows)


def _long_cases(roles: Dict[str, str], rows: List[Dict[str, Any]]) -> List[Dict[str, Any]]:
    cases: Dict[Any, Tuple[Dict[str, Any], Dict[str, Any], List[Dict[str, Any]]]] = {}
    value_columns = [c for c in VALUE_FIELDS if c in roles]
    for n, row in enumerate(rows):
        cid = row["id"]
        if is_missing(cid):
            raise UsageError("usage", None, f"row {n} has no `id`")
        key = (type(cid).__name__, cid)
        if key not in cases:
            cases[key] = ({}, {}, [])
        case, subject, observations = cases[key]
        for column, role in roles.items():
            if role in ("case", "subject"):
                v = row[column]
                if is_missing(v):
                    continue
                target = case if role == "case" else subject
                name = column[4:] if column in ("age_min", "age_max") else column
                if column in ("age_min", "age_max"):
                    target = subject.setdefault("age_range", {})
                if name in target and target[name] != v:
                    raise UsageError("usage", None, f"column `{column}` differs between the rows of one case (row {n})")
                target[name] = v
        indicator = row["indicator"]
        if is_missing(indicator):
            continue
        obs: Dict[str, Any] = {"indicator": indicator}
        given = [row[c] for c in value_columns if not is_missing(row[c])]
        if len(given) > 1:
            raise UsageError("usage", None, f"row {n} has more than one value column filled")
        obs["value"] = (given[0] if given else None) if value_columns else True
        for f in ("observed_at", "observed_by"):
            if f in roles and not is_missing(row[f]):
                obs[f] = row[f]
        observations.append(obs)
    out = []
    for case, subject, observations in cases.values():
        c = dict(case)
        if subject:
            c["subject"] = subject
        if observations:
            c["observations"] = observations
        out.append(c)
    return out


@dataclass
class Column:
    """One output column: its name, its type, its values (``None`` for missing)."""

    name: str
    type: str  # str | decimal | bool | int | float | datetime (µs since the epoch) | list_str
    values: List[Any]


def _scale(values: List[Any]) -> int:
    scale = 0
    for v in values:
        if isinstance(v, Decimal):
            exp = v.as_tuple().exponent
            if isinstance(exp, int) and exp < 0:
                scale = max(scale, -exp)
    return scale


def build(kind: str, columns: List[Column], time_zone: str, index: Any = None) -> Any:
    """A frame of the given kind from typed columns."""
    if kind == "pandas":
        return _pandas(columns, time_zone, index)
    if kind == "polars":
        return _polars(columns, time_zone)
    return _pyarrow(columns, time_zone)


def _pandas(columns: List[Column], tz: str, index: Any) -> Any:
    import pandas as pd

    n = len(columns[0].values) if columns else 0
    if index is None or len(index) != n:
        index = pd.RangeIndex(n)
    # Text columns get the running pandas' own default text dtype (object before pandas 3,
    # `str` from 3 on), also when empty, so every partition of a Dask frame agrees.
    text_dtype = pd.Series(["x"]).dtype
    data: Dict[str, Any] = {}
    for c in columns:
        if c.type == "bool":
            data[c.name] = pd.array(c.values, dtype="boolean")
        elif c.type == "int":
            data[c.name] = pd.array(c.values, dtype="Int64")
        elif c.type == "float":
            data[c.name] = pd.array(c.values, dtype="Float64")
        elif c.type == "datetime":
            us = pd.array(c.values, dtype="Int64")
            data[c.name] = pd.to_datetime(us, unit="us", utc=True).tz_convert(tz).array
        elif c.type == "str":
            data[c.name] = pd.array(c.values, dtype=text_dtype)
        else:
            data[c.name] = pd.array(c.values, dtype=object)
    return pd.DataFrame(data, index=index)


def _polars(columns: List[Column], tz: str) -> Any:
    import polars as pl

    series = []
    for c in columns:
        if c.type == "decimal":
            s = pl.Series(c.name, c.values, dtype=pl.Decimal(38, _scale(c.values)))
        elif c.type == "bool":
            s = pl.Series(c.name, c.values, dtype=pl.Boolean)
        elif c.type == "int":
            s = pl.Series(c.name, c.values, dtype=pl.Int64)
        elif c.type == "float":
            s = pl.Series(c.name, c.values, dtype=pl.Float64)
        elif c.type == "datetime":
            s = (
                pl.Series(c.name, c.values, dtype=pl.Int64)
                .cast(pl.Datetime("us"))
                .dt.replace_time_zone("UTC")
                .dt.convert_time_zone(tz)
            )
        elif c.type == "list_str":
            s = pl.Series(c.name, c.values, dtype=pl.List(pl.String))
        else:
            s = pl.Series(c.name, c.values, dtype=pl.String)
        series.append(s)
    return pl.DataFrame(series)


def _pyarrow(columns: List[Column], tz: str) -> Any:
    import pyarrow as pa

    arrays = {}
    for c in columns:
        if c.type == "decimal":
            arr = pa.array(c.values, type=pa.decimal128(38, _scale(c.values)))
        elif c.type == "bool":
            arr = pa.array(c.values, type=pa.bool_())
        elif c.type == "int":
            arr = pa.array(c.values, type=pa.int64())
        elif c.type == "float":
            arr = pa.array(c.values, type=pa.float64())
        elif c.type == "datetime":
            arr = pa.array(c.values, type=pa.int64()).cast(pa.timestamp("us", tz=tz))
        elif c.type == "list_str":
            arr = pa.array(c.values, type=pa.list_(pa.string()))
        else:
            arr = pa.array(c.values, type=pa.string())
        arrays[c.name] = arr
    return pa.table(arrays)


# -- Arrow in and out (the wide layout and the results) ------------------------------------


def arrow_input(frame: Any, kind: str, long: bool = False) -> Any:
    """An object with ``__arrow_c_stream__`` holding the frame's columns in order (a pandas
    frame's index is not a column). A pandas column that Arrow cannot read as one type
    is a ``FrameError`` naming its position, except a long frame's ``value`` of
    booleans, numbers and texts, which crosses as a record of the three, one filled."""
    if kind != "pandas":
        return frame
    import pyarrow as pa

    names = [c if isinstance(c, str) else f"\x00{j}" for j, c in enumerate(frame.columns)]
    arrays = []
    for j in range(frame.shape[1]):
        try:
            try:
                arrays.append(pa.array(frame.iloc[:, j], from_pandas=True))
            except (pa.ArrowException, TypeError, ValueError, OverflowError):
                if not (long and names[j] == "value"):
                    raise
                arrays.append(_mixed_values(frame.iloc[:, j]))
        except (pa.ArrowException, TypeError, ValueError, OverflowError):
            raise FrameError.of([(None, j, None, "case.wrong_type", None,
                                  "values of several types that no one column type holds",
                                  f"column[{j}]: case.wrong_type: values of several types that no one column type holds")],
                                0, frame.index, kind) from None
    if not arrays:
        return pa.table({})
    return pa.Table.from_arrays(arrays, names=names)


def _mixed_values(column: Any) -> Any:
    """A pandas column of booleans, numbers and texts as a struct array with the fields
    ``bool``, ``count`` and ``text``, one filled per cell (none for a missing one); a
    cell of any other type is a ``TypeError``."""
    import pyarrow as pa

    bools: List[Any] = []
    counts: List[Any] = []
    texts: List[Any] = []
    for v in column:
        cell: Tuple[Any, Any, Any] = (None, None, None)
        if isinstance(v, bool) or type(v).__name__ == "bool_":
            cell = (bool(v), None, None)
        elif isinstance(v, str):
            cell = (None, None, v)
        elif isinstance(v, int) or type(v).__name__.startswith(("int", "uint")):
            cell = (None, int(v), None)
        elif isinstance(v, float) or type(v).__name__.startswith("float"):
            cell = (None, None if v != v else float(v), None)  # a whole float is a count, a fraction refused
        elif not is_missing(v):
            raise TypeError("a cell that is none of a boolean, a number and a text")
        bools.append(cell[0])
        counts.append(cell[1])
        texts.append(cell[2])
    exact = all(c is None or isinstance(c, int) or (c.is_integer() and abs(c) < 2 ** 53) for c in counts)
    numbers = pa.array([None if c is None else (int(c) if exact else float(c)) for c in counts],
                       type=pa.int64() if exact else pa.float64())
    return pa.StructArray.from_arrays([pa.array(bools, type=pa.bool_()), numbers, pa.array(texts, type=pa.string())],
                                      names=["bool", "count", "text"])


def _pandas_types(t: Any) -> Any:
    import pandas as pd
    import pyarrow as pa

    if pa.types.is_decimal(t):
        return pd.ArrowDtype(t)
    if t == pa.bool_():
        return pd.BooleanDtype()
    if t == pa.int64():
        return pd.Int64Dtype()
    return None


def arrow_output(stream: Any, kind: str, index: Any = None, enums: Optional[Mapping[str, Sequence[str]]] = None) -> Any:
    """The engine's Arrow results as a frame of ``kind``: pandas with ordered categoricals
    for dictionaries, ``ArrowDtype`` decimals and nullable booleans and integers; polars
    with ``Enum`` for the dictionaries named in ``enums``; a pyarrow ``Table`` otherwise."""
    if kind == "polars":
        import polars as pl

        df = pl.DataFrame(stream)
        casts = [pl.col(name).cast(pl.Enum(list(words))) for name, words in (enums or {}).items() if name in df.columns]
        return df.with_columns(casts) if casts else df
    import pyarrow as pa

    table = pa.table(stream)
    if kind != "pandas":
        return table
    out = table.to_pandas(types_mapper=_pandas_types)
    if index is not None and len(index) == len(out):
        out.index = index
    return out
