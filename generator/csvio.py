"""Read and write the project's CSV files against their schema, with file:line errors."""

from __future__ import annotations

import csv
import io
import os
import tempfile
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from .schema import CellError, Table


@dataclass(frozen=True)
class Problem:
    file: str
    line: int
    column: str
    message: str

    def __str__(self) -> str:
        return f"{self.file}:{self.line}: {self.column}: {self.message}"


class DataError(Exception):
    """Input that breaks the data contract; carries every problem found."""

    def __init__(self, problems: list[Problem]):
        self.problems = problems
        super().__init__("\n".join(str(p) for p in problems))


def read_table(path: Path, table: Table, label: str | None = None) -> tuple[list[dict], list[Problem]]:
    """Parse one CSV file. Rows carry `_file` and `_line` so later checks can point at them."""
    label = label or str(path)
    rows: list[dict] = []
    problems: list[Problem] = []
    try:
        text = path.read_text(encoding="utf-8-sig")
    except UnicodeDecodeError as exc:
        return [], [Problem(label, 1, "-", f"not UTF-8 text ({exc.reason} at byte {exc.start})")]
    reader = csv.reader(io.StringIO(text, newline=""))
    header = next(reader, None)
    if header is None:
        return [], [Problem(label, 1, "-", "file is empty; expected a header row")]
    header = [h.strip() for h in header]
    missing = [c for c in table.names if c not in header]
    unknown = [h for h in header if h not in table.names]
    for name in missing:
        problems.append(Problem(label, 1, name, "missing column"))
    for name in unknown:
        problems.append(Problem(label, 1, name or "(blank)", "unknown column"))
    if missing or unknown:
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
            problems.append(
                Problem(label, line, "-", f"{len(cells)} cells where the header has {len(header)}")
            )
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
                problems.append(
                    Problem(label, line, table.key[-1], f"duplicate {what} (first on line {seen[key]})")
                )
            else:
                seen[key] = line
        rows.append(row)
    return rows, problems


def frame(rows: Iterable[Mapping], table: Table) -> pd.DataFrame:
    """Rows as a DataFrame with exactly the table's columns, provenance kept aside."""
    df = pd.DataFrame(list(rows), columns=table.names + ["_file", "_line"])
    return df


def to_csv_text(df: pd.DataFrame, table: Table) -> str:
    """CSV text in the table's column order; integer columns never print as 12.0."""
    out = df.reindex(columns=table.names).copy()
    for column in table.columns:
        if column.kind == "integer":
            out[column.name] = pd.to_numeric(out[column.name]).round().astype("Int64")
        elif column.kind == "boolean":
            out[column.name] = out[column.name].map(
                lambda v: "" if v is None or v is pd.NA else ("true" if v else "false"))
    buffer = io.StringIO()
    out.to_csv(buffer, index=False, lineterminator="\n", float_format="%.10g")
    return buffer.getvalue()


def write_atomic(path: Path, text: str) -> None:
    """Write a file so that readers see the old or the new content, never a half."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as handle:
            handle.write(text)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
