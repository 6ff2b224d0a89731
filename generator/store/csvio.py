"""Read and write the project's CSV files against their schema, with file:line problems.

Reading has two paths that agree by construction. The fast one reads a plain file (no
quotes, no carriage returns) with pandas and checks whole columns at once; the exact one
walks the file cell by cell with the csv module and words every problem. Any doubt in the
fast path (a cell its checks refuse, a row of the wrong length, a duplicate key) hands the
file to the exact path, which alone decides what is wrong and where.
"""

from __future__ import annotations

import csv
import io
import os
import re
import tempfile
from pathlib import Path

import pandas as pd

from ..problems import Problem
from ..schema import FAST_PATTERNS, CellError, Table

INTERNAL = ["_file", "_line"]  # provenance kept beside the columns; `_text` too when read fast


def read_table(path: Path, table: Table, label: str | None = None) -> tuple[pd.DataFrame, list[Problem]]:
    """Parse one CSV file into a frame with the table's columns plus `_file` and `_line`."""
    label = label or str(path)
    path = Path(path)
    if path.is_symlink() or not path.is_file():
        return empty(table), [Problem(label, 0, "-", "is not a regular file (links and folders are refused)")]
    try:
        raw = path.read_bytes()
    except OSError as exc:
        return empty(table), [Problem(label, 0, "-", f"cannot be read ({exc.strerror})")]
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        return empty(table), [Problem(label, 1, "-", f"not UTF-8 text ({exc.reason} at byte {exc.start})")]
    fast = _read_fast(text, table, label)
    if fast is not None:
        return fast, []
    rows, problems = _read_exact(text, table, label)
    return typed(pd.DataFrame(rows, columns=table.names + INTERNAL), table), problems


def empty(table: Table) -> pd.DataFrame:
    return typed(pd.DataFrame(columns=table.names + INTERNAL), table)


def typed(df: pd.DataFrame, table: Table) -> pd.DataFrame:
    """Integer columns as nullable integers, numbers as floats, blanks as missing."""
    for column in table.columns:
        values = df[column.name]
        if column.kind == "integer":
            df[column.name] = pd.to_numeric(values.replace("", None)).astype("Int64")
        elif column.kind == "number":
            df[column.name] = pd.to_numeric(values.replace("", None)).astype("float64")
        else:
            df[column.name] = values.astype(object).where(values.notna() & (values != ""), None)
    df["_line"] = df["_line"].astype("int64")
    return df


def _read_fast(text: str, table: Table, label: str) -> pd.DataFrame | None:
    if '"' in text or "\r" in text:
        return None
    lines = text.split("\n")
    header = lines[0].split(",")
    if sorted(header) != sorted(table.names):
        return None
    width = len(header) - 1
    numbers = []
    for number, line in enumerate(lines[1:], 2):
        if not line:
            continue
        if line.count(",") != width:
            return None
        numbers.append(number)
    if not numbers:
        df = pd.DataFrame(columns=table.names)
    else:
        df = pd.read_csv(io.StringIO(text), dtype=str, keep_default_na=False, na_filter=False,
                         skip_blank_lines=True, engine="c")
    if len(df) != len(numbers):
        return None
    for column in table.columns:
        if _refuses(df[column.name], column):
            return None
    if table.key and len(df):
        keys = df[list(table.key)]
        complete = (keys != "").all(axis=1)
        if keys[complete].duplicated().any():
            return None
    in_order = header == table.names
    df = df[table.names].copy()
    df["_file"] = label
    df["_line"] = numbers
    if in_order:
        # Already in published form: downloads reuse the line instead of formatting it again.
        df["_text"] = [line for line in lines[1:] if line]
    return typed(df, table)


def _refuses(values: pd.Series, column) -> bool:
    """True when any cell of the column might break its rule."""
    blank = values == ""
    if column.required and blank.any():
        return True
    filled = values[~blank]
    if not len(filled):
        return False
    pattern = FAST_PATTERNS.get(column.parse)
    if pattern is not None:
        return not filled.str.fullmatch(pattern).all()
    for value in pd.unique(filled):
        if value != value.strip():
            return True
        try:
            column.parse(value)
        except CellError:
            return True
    return False


def _read_exact(text: str, table: Table, label: str) -> tuple[list[dict], list[Problem]]:
    rows: list[dict] = []
    problems: list[Problem] = []
    reader = csv.reader(io.StringIO(text, newline=""))
    try:
        header = next(reader, None)
    except csv.Error as exc:
        return [], [Problem(label, 1, "-", f"broken CSV: {exc}")]
    if header is None:
        return [], [Problem(label, 1, "-", "file is empty; expected a header row")]
    header = [h.strip() for h in header]
    missing = [c for c in table.names if c not in header]
    unknown = [h for h in header if h not in table.names]
    for name in missing:
        problems.append(Problem(label, 1, name, "missing column"))
    for name in unknown:
        problems.append(Problem(label, 1, _safe(name) or "(blank)", "unknown column"))
    if len(set(header)) != len(header):
        problems.append(Problem(label, 1, "-", "a column name appears twice"))
    if problems:
        return [], problems
    columns = {c.name: c for c in table.columns}
    seen: dict[tuple, int] = {}
    while True:
        line = reader.line_num + 1
        try:
            cells = next(reader)
        except StopIteration:
            break
        except csv.Error as exc:
            problems.append(Problem(label, line, "-", f"broken CSV: {exc}"))
            break
        if not any(c.strip() for c in cells):
            continue
        if len(cells) != len(header):
            problems.append(Problem(label, line, "-", f"{len(cells)} cells where the header has {len(header)}"))
            continue
        row: dict = {"_file": label, "_line": line}
        for name, raw in zip(header, cells, strict=True):
            value = raw.strip()
            column = columns[name]
            if value == "":
                if column.required:
                    problems.append(Problem(label, line, name, "is required"))
                row[name] = None
                continue
            try:
                row[name] = column.parse(value)
            except CellError as exc:
                problems.append(Problem(label, line, name, str(exc)))
                row[name] = None
        if table.key and all(row.get(k) is not None for k in table.key):
            key = tuple(row[k] for k in table.key)
            if key in seen:
                what = ", ".join(f"{k}={row[k]}" for k in table.key)
                problems.append(Problem(label, line, table.key[-1], f"duplicate {what} (first on line {seen[key]})"))
            else:
                seen[key] = line
        rows.append(row)
    return rows, problems


def _safe(text: str) -> str:
    """A header cell as printable text for a message: never echo control characters."""
    return re.sub(r"[^\w .\-]", "?", text)[:40]


def write_atomic(path: Path, data: str | bytes) -> None:
    """Write a file so that readers see the old or the new content, never a half.

    The file is readable by everyone (0644): a web server must be able to serve it.
    """
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data.encode("utf-8") if isinstance(data, str) else data)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(tmp, 0o644)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
