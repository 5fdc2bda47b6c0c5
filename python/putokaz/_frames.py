"""Data frames in and out: pandas, polars and pyarrow, without importing any of them
unless the caller's frame is one.

The frames' layouts are read by the engine (``Protocol.assess_frame`` documents them):
this module only hands a frame over through the Arrow C stream interface and turns the
engine's Arrow results, and the analysis tools' tables, into the caller's kind.
"""

from __future__ import annotations

import sys
from dataclasses import dataclass
from decimal import Decimal
from typing import Any, Dict, Iterable, List, Mapping, Optional, Sequence, Tuple

from ._errors import FrameError, UsageError


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


def column_names(frame: Any, kind: str) -> List[Any]:
    """The frame's column names, in order."""
    if kind in ("pandas", "polars"):
        return list(frame.columns)
    import pyarrow as pa

    return list(pa.table(frame).column_names) if kind == "arrow" else list(frame.column_names)


def column_values(frame: Any, kind: str, name: str) -> List[Any]:
    """One column's cells as Python values (a group label, the case ids)."""
    if kind == "pandas":
        return list(frame[name])
    if kind == "polars":
        return list(frame[name].to_list())
    import pyarrow as pa

    return list(pa.table(frame).column(name).to_pylist())


def text_column(stream: Any, name: str) -> List[str]:
    """A text column of the engine's Arrow results, as Python texts."""
    if "polars" in sys.modules and "pyarrow" not in sys.modules:
        import polars as pl

        return list(pl.DataFrame(stream)[name].to_list())
    import pyarrow as pa

    return list(pa.table(stream).column(name).to_pylist())


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
