"""Load every input file of a data folder and check it against the data contract.

One pass collects every problem (file, line, column, what is wrong) so a clerk fixes a
spreadsheet once, not once per run. Nothing here writes.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from . import paths, schema
from .csvio import DataError, Problem, frame, read_table


@dataclass(frozen=True)
class Dataset:
    departments: pd.DataFrame
    accounts: pd.DataFrame
    sources: pd.DataFrame
    snapshots: pd.DataFrame
    complaints: pd.DataFrame
    replies: pd.DataFrame


def _files(folder: Path) -> list[Path]:
    return sorted(p for p in folder.rglob("*.csv") if not p.name.startswith(".")) if folder.exists() else []


def _read_many(files: list[Path], table: schema.Table, problems: list[Problem]) -> list[dict]:
    rows: list[dict] = []
    for path in files:
        got, bad = read_table(path, table)
        rows.extend(got)
        problems.extend(bad)
    return _dedupe_across_files(rows, table, problems)


def _dedupe_across_files(rows: list[dict], table: schema.Table, problems: list[Problem]) -> list[dict]:
    seen: dict[tuple, dict] = {}
    for row in rows:
        if any(row.get(k) is None for k in table.key):
            continue
        key = tuple(row[k] for k in table.key)
        first = seen.setdefault(key, row)
        if first is not row and first["_file"] != row["_file"]:
            what = ", ".join(f"{k}={row[k]}" for k in table.key)
            problems.append(Problem(row["_file"], row["_line"], table.key[-1],
                                    f"duplicate {what} (also {first['_file']}:{first['_line']})"))
    return rows


def _check_day_file(row: dict, data_dir: Path, problems: list[Problem]) -> None:
    """Nightly files live at <folder>/<platform>/<date>.csv; their rows must say the same."""
    path = Path(row["_file"])
    if data_dir / paths.SNAPSHOTS not in path.parents and data_dir / paths.REPLIES not in path.parents:
        return
    if row["platform"] and row["platform"] != path.parent.name:
        problems.append(Problem(row["_file"], row["_line"], "platform",
                                f"{row['platform']!r} in a file under {path.parent.name}/"))
    if row["date"] and row["date"] != path.stem:
        problems.append(Problem(row["_file"], row["_line"], "date",
                                f"{row['date']} in the file for {path.stem}"))


def _check_reference(row: dict, column: str, known: set, what: str, problems: list[Problem]) -> None:
    value = row.get(column)
    if value is not None and value not in known:
        problems.append(Problem(row["_file"], row["_line"], column, f"unknown {what} {value!r}"))


def load_dataset(data_dir: Path) -> Dataset:
    """Load and validate a data folder; raise DataError listing every problem."""
    data_dir = Path(data_dir)
    problems: list[Problem] = []

    def one(rel: str, table: schema.Table) -> list[dict]:
        path = data_dir / rel
        if not path.exists():
            problems.append(Problem(str(path), 0, "-", "file is missing"))
            return []
        rows, bad = read_table(path, table)
        problems.extend(bad)
        return rows

    departments = one(paths.DEPARTMENTS_CSV, schema.DEPARTMENTS)
    accounts = one(paths.ACCOUNTS_CSV, schema.ACCOUNTS)
    sources = one(paths.SOURCES_CSV, schema.SOURCES_TABLE) if (data_dir / paths.SOURCES_CSV).exists() else []
    snapshot_files = _files(data_dir / paths.SNAPSHOTS) + _files(data_dir / paths.MANUAL)
    snapshots = _read_many(snapshot_files, schema.SNAPSHOT, problems)
    complaints = _read_many(_files(data_dir / paths.COMPLAINTS), schema.COMPLAINTS, problems)
    replies = _read_many(_files(data_dir / paths.REPLIES), schema.REPLIES, problems)

    dept_ids = {r["id"] for r in departments if r["id"]}
    source_ids = {f"source:{r['id']}" for r in sources if r["id"]}
    for row in departments:
        _check_reference(row, "parent_id", dept_ids, "department id", problems)
        if row["parent_id"] and row["parent_id"] == row["id"]:
            problems.append(Problem(row["_file"], row["_line"], "parent_id", "a department cannot be its own parent"))
    for row in accounts + snapshots + complaints + replies:
        _check_reference(row, "department_id", dept_ids, "department id", problems)
    for row in accounts + snapshots + complaints + sources:
        key = "url" if "url" in row else "source_url"
        value = row.get(key)
        if value and value.startswith("source:"):
            _check_reference(row, key, source_ids, "source", problems)
    for row in replies:
        _check_day_file(row, data_dir, problems)
        if row["answered"] is not None and row["mentions"] is not None and row["answered"] > row["mentions"]:
            problems.append(Problem(row["_file"], row["_line"], "answered", "is more than mentions"))
    for row in snapshots:
        _check_day_file(row, data_dir, problems)
        if row["source"] == "manual" and not row["source_url"]:
            problems.append(Problem(row["_file"], row["_line"], "source_url", "is required for manual observations"))
        if row["last_post_at"] and row["date"] and row["last_post_at"][:10] > row["date"]:
            problems.append(Problem(row["_file"], row["_line"], "last_post_at", "is after the observation date"))
    for row in complaints:
        if row["period_start"] and row["period_end"] and row["period_end"] < row["period_start"]:
            problems.append(Problem(row["_file"], row["_line"], "period_end", "is before period_start"))

    if problems:
        raise DataError(problems)
    return Dataset(
        departments=frame(departments, schema.DEPARTMENTS),
        accounts=frame(accounts, schema.ACCOUNTS),
        sources=frame(sources, schema.SOURCES_TABLE),
        snapshots=frame(snapshots, schema.SNAPSHOT),
        complaints=frame(complaints, schema.COMPLAINTS),
        replies=frame(replies, schema.REPLIES),
    )


def registered_handles(ds: Dataset) -> set[str]:
    """Every handle a department account has had: the @names the site may show."""
    handles = set(ds.accounts["handle"].dropna()) | set(ds.snapshots["handle"].dropna())
    return {h for h in handles if h}
