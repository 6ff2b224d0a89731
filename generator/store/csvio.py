"""Read and write the project's CSV files against their schema, with file:line problems.

Reading has two paths that agree by construction. The fast one reads every plain file of
a table (no quotes, no carriage returns, the columns in order) in one pandas call and
checks each column's distinct values once; the exact one walks a file cell by cell with
the csv module and words every problem. Any doubt in the fast path (a value its checks do
not vouch for, a row of the wrong width, a key twice) hands that file to the exact path,
which alone decides what is wrong and where.
"""

from __future__ import annotations

import functools
import io
import os
import re
import tempfile
from collections.abc import Callable
from pathlib import Path

import numpy as np
import pandas as pd

from ..problems import Problem
from ..schema import FAST_PATTERNS, LARGEST_COUNT, CellError, Table
from ..within import NotPlain, read_within
from .rows import Malformed, records, row_cells

INTERNAL = ["_file", "_line"]  # provenance kept beside the columns; `_text` too when read fast


def decode_utf8(raw: bytes, label: str) -> tuple[str | None, Problem | None]:
    """Text of a file that must be UTF-8 (a BOM allowed), or a problem that says what it
    looks like instead: spreadsheets on Windows save "CSV" as UTF-16 or cp1252 unless told."""
    try:
        return raw.decode("utf-8-sig"), None
    except UnicodeDecodeError as exc:
        if raw.startswith((b"\xff\xfe", b"\xfe\xff")) or b"\x00" in raw[:1000]:
            looks = "UTF-16 (Unicode text)"
        else:
            looks = "cp1252 or another Windows encoding"
        return None, Problem(label, raw.count(b"\n", 0, exc.start) + 1, "-",
                             f"file is not UTF-8 text (it looks like {looks}): save it as \"CSV UTF-8\"")


def _read_text(path: Path, label: str, read: Callable[[Path, bytes], None] | None = None
               ) -> tuple[str | None, Problem | None]:
    try:  # looked at and read as one act: a link or a pipe put in its place is never followed nor waited on
        raw = read_within(path.parent, path.name)
    except (NotPlain, FileNotFoundError, IsADirectoryError):
        return None, Problem(label, 0, "-", "is not a regular file (links and folders are refused)")
    except OSError as exc:
        return None, Problem(label, 0, "-", f"cannot be read ({exc.strerror})")
    if read is not None:
        read(path, raw)
    return decode_utf8(raw, label)


def read_table(path: Path, table: Table, label: str | None = None) -> tuple[pd.DataFrame, list[Problem]]:
    """Parse one CSV file into a frame with the table's columns plus `_file` and `_line`."""
    return read_tables([Path(path)], table, [label or str(path)])


def read_tables(files: list[Path], table: Table, labels: list[str] | None = None,
                read: Callable[[Path, bytes], None] | None = None) -> tuple[pd.DataFrame, list[Problem]]:
    """Parse many CSV files of one table into one frame, rows in file and line order. `read`
    is shown each file's bytes as they were read, the very bytes parsed."""
    labels = labels or [str(p) for p in files]
    problems: list[Problem] = []
    plain: dict[str, tuple[str, np.ndarray, list[str]]] = {}
    texts: dict[str, str] = {}
    for path, label in zip(files, labels, strict=True):
        text, problem = _read_text(Path(path), label, read)
        if problem is not None:
            problems.append(problem)
            continue
        texts[label] = text
        split = _plain(text, table)
        if split is not None:
            plain[label] = split
    frames = []
    fast = _parse_plain(plain, table)
    if fast is not None:
        doubtful = _doubtful_files(fast, table)
        frames.append(fast[~fast["_file"].isin(doubtful)] if doubtful else fast)
        exact = [label for label in texts if label not in plain or label in doubtful]
    else:
        exact = list(texts)
    for label in exact:
        rows, bad = _read_exact(texts[label], table, label)
        problems.extend(bad)
        frames.append(typed(pd.DataFrame(rows, columns=table.names + INTERNAL), table))
    if not frames:
        return empty(table), problems
    frame = pd.concat(frames, ignore_index=True) if len(frames) > 1 else frames[0]
    if len(frames) > 1:
        order = {label: n for n, label in enumerate(labels)}
        frame = frame.assign(_order=frame["_file"].map(order)).sort_values(
            ["_order", "_line"], kind="stable").drop(columns="_order").reset_index(drop=True)
    return frame, problems


def empty(table: Table) -> pd.DataFrame:
    """The table with no rows: a copy of the one made per table and process (a build asks for
    one per optional file a data folder leaves out, each a few milliseconds to type)."""
    return _empty(table).copy()


@functools.cache
def _empty(table: Table) -> pd.DataFrame:
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


def _plain(text: str, table: Table) -> tuple[str, np.ndarray, list[str]] | None:
    """A file the fast path may read: no quotes or carriage returns, the table's columns in
    order, every row as wide as the header. Returns its body, line numbers and lines."""
    if '"' in text or "\r" in text:
        return None
    head, _, body = text.partition("\n")
    cells = head.split(",")
    if cells != table.names:
        # A file written before an optional column was added ends before it: its lines are
        # read as if they ended with that column's empty cells.
        later = table.columns[len(cells):]
        if cells != table.names[:len(cells)] or not later or not all(c.optional for c in later):
            return None
        pad = "," * len(later)
        body = "\n".join(line + pad if line else line for line in body.split("\n"))
    if not _plain_numbers(table).fullmatch(body):
        return None
    lines = body.split("\n")
    per_line = np.fromiter((line.count(",") for line in lines), dtype=np.int64, count=len(lines))
    widths = np.fromiter(map(len, lines), dtype=np.int64, count=len(lines))
    filled = widths > 0
    if (per_line[filled] != len(table.names) - 1).any():
        return None
    numbers = np.flatnonzero(filled) + 2
    rows = [line for line in lines if line] if not filled.all() else lines
    return body, numbers, rows


@functools.cache
def _plain_numbers(table: Table) -> re.Pattern:
    """Lines whose counts and numbers are written as the exact reader requires: pandas
    alone would also read 1e3, +5, 5.0 or " 5". (Possessive, so one pass without backtracking.)"""
    cells = []
    for column in table.columns:
        if column.kind == "integer":
            cells.append("(?:[0-9]{1,12})?+")  # below LARGEST_COUNT; longer ones go to the exact reader
        elif column.kind == "number":
            cells.append(r"(?:[0-9]++(?:\.[0-9]++)?)?+")
        else:
            cells.append("[^,\n]*+")
    line = ",".join(cells)
    return re.compile(f"(?:(?:{line})?\n)*+(?:{line})?")


def _parse_plain(plain: dict[str, tuple[str, np.ndarray, list[str]]], table: Table) -> pd.DataFrame | None:
    """All plain files in one pandas read; None when a cell cannot even be typed."""
    if not plain:
        return None
    kinds = {c.name: c.kind for c in table.columns}
    dtypes = {name: ("Int64" if kind == "integer" else "float64" if kind == "number" else object)
              for name, kind in kinds.items()}
    try:
        texts = _Joined([",".join(table.names)] + [body for body, _, _ in plain.values()])
        df = pd.read_csv(texts, dtype=dtypes, keep_default_na=False, na_values={name: [""] for name in table.names},
                         skip_blank_lines=True, engine="c")
    except (ValueError, OverflowError, TypeError):
        return None
    counts = [len(numbers) for _, numbers, _ in plain.values()]
    if len(df) != sum(counts):
        return None
    df["_file"] = np.repeat(np.array(list(plain), dtype=object), counts)
    df["_line"] = np.concatenate([numbers for _, numbers, _ in plain.values()]).astype("int64")
    # Already in published form: downloads reuse the line instead of formatting it again.
    df["_text"] = np.fromiter((line for _, _, rows in plain.values() for line in rows), dtype=object,
                              count=len(df))
    return df


class _Joined(io.TextIOBase):
    """Many texts read as one, each ending its line, without copying them into one string."""

    def __init__(self, parts: list[str]):
        self.parts = [p if p.endswith("\n") else p + "\n" for p in parts if p]
        self.index = 0
        self.offset = 0

    def readable(self) -> bool:
        return True

    def read(self, size: int = -1) -> str:
        out, wanted = [], size if size >= 0 else float("inf")
        while wanted > 0 and self.index < len(self.parts):
            part = self.parts[self.index]
            piece = part[self.offset:self.offset + int(min(wanted, len(part) - self.offset))]
            out.append(piece)
            wanted -= len(piece)
            self.offset += len(piece)
            if self.offset >= len(part):
                self.index, self.offset = self.index + 1, 0
        return "".join(out)


def _doubtful_files(df: pd.DataFrame, table: Table) -> set[str]:
    """Files with any cell the fast checks cannot vouch for, or a key twice. Each column is
    looked at as one array, and each distinct text once: a small file costs a few array
    operations per column, not a Series made and compared per check."""
    bad = np.zeros(len(df), dtype=bool)
    for column in table.columns:
        values = df[column.name]
        if column.kind in ("integer", "number"):
            missing = values.isna().to_numpy()
            filled = values.to_numpy(dtype="float64" if column.kind == "number" else "int64", na_value=0)
            if column.kind == "integer":
                bad |= (filled < 0) | (filled >= LARGEST_COUNT)
            else:
                bad |= (filled < 0) | ~np.isfinite(filled)
                if column.parse is not None and column.parse.__name__ == "_percent":
                    bad |= filled > 100
        else:
            code, distinct = pd.factorize(values.to_numpy(dtype=object))
            missing = code < 0
            refused = _refused_values(distinct, column)
            if refused:
                # The last place stands for a missing cell (code -1), never refused.
                flags = np.fromiter((value in refused for value in distinct), dtype=bool, count=len(distinct))
                bad |= np.append(flags, False)[code]
        if column.required:
            bad |= missing
    if table.key:
        keys = df[["_file", *table.key]]
        complete = keys.notna().all(axis=1).to_numpy()
        bad |= complete & keys.duplicated(keep=False).to_numpy()
    return set(df["_file"][bad])


def _refused_values(values, column) -> set:
    """The distinct values of a text column that break, or might break, its rule."""
    longest = column.max_length
    refused = {value for value in values if len(value) > longest}
    pattern = _fast_pattern(column.parse)
    if pattern is not None:  # no pattern admits surrounding spaces
        rest = [value for value in values if value not in refused and pattern(value) is None]
    else:
        spaced = {value for value in values if value != value.strip()}
        refused |= spaced
        rest = [value for value in values if value not in refused]
    for value in rest:
        try:
            column.check(value)
        except CellError:
            refused.add(value)
    return refused


@functools.cache
def _fast_pattern(parse) -> Callable[[str], re.Match | None] | None:
    pattern = FAST_PATTERNS.get(parse)
    return None if pattern is None else re.compile(pattern).fullmatch


def _read_exact(text: str, table: Table, label: str) -> tuple[list[dict], list[Problem]]:
    rows: list[dict] = []
    problems: list[Problem] = []
    # Read as a takedown reads the cell it withdraws (store/rows.py): a file validate accepts
    # is one whose every cell a takedown can find.
    read = records(io.StringIO(text, newline=""), len(text))
    try:
        header = row_cells(*next(read))
    except StopIteration:
        return [], [Problem(label, 1, "-", "file is empty; expected a header row")]
    except Malformed as error:
        return [], [_broken(label, error, [])]
    header = [h.strip() for h in header]
    if len(header) == 1 and len(table.names) > 1:
        # A spreadsheet set to another region's list separator saves "CSV" with ';' or tabs:
        # the whole header is one cell, and every column would be named missing.
        for separator, said in ((";", "';'"), ("\t", "tabs")):
            if separator in header[0]:
                return [], [Problem(label, 1, "-", f"columns are separated by {said}, not commas: save the sheet as "
                                                   "\"CSV UTF-8 (Comma delimited)\"")]
    missing = [c.name for c in table.columns if c.name not in header and not c.optional]
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
    absent = [c.name for c in table.columns if c.name not in header]
    seen: dict[tuple, int] = {}
    while True:
        try:
            record = next(read, None)
            if record is None:
                break
            line, cells = record[0], row_cells(*record)
        except Malformed as error:
            problems.append(_broken(label, error, header))
            continue  # a row refused is a row of its own (`records`): the rows after it are read
        if not any(c.strip() for c in cells):
            continue
        if len(cells) != len(header):
            problems.append(Problem(label, line, "-", f"{len(cells)} cells where the header has {len(header)}"))
            continue
        row: dict = {"_file": label, "_line": line, **dict.fromkeys(absent)}
        for name, raw in zip(header, cells, strict=True):
            value = raw.strip()
            column = columns[name]
            if value == "":
                if column.required:
                    problems.append(Problem(label, line, name, "is required"))
                row[name] = None
                continue
            try:
                row[name] = column.check(value)
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


def _broken(label: str, error: Malformed, header: list[str]) -> Problem:
    """A row that is not CSV as the project writes it: on the line of the fault, in its cell's column."""
    column = header[error.cell - 1] if 0 < error.cell <= len(header) else "-"
    return Problem(label, error.line, column, f"is not CSV as the project writes it: {error.what}")


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
    except OSError as exc:
        Path(tmp).unlink(missing_ok=True)
        # A failed write() names no file: the report must say which one was not written.
        raise OSError(exc.errno, exc.strerror, exc.filename or str(path)) from exc
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
