"""The only writer of history: one file per platform per day, merged, atomic, idempotent.

A night adds or completes its own file; it never touches another day's. Within the same
night a failed lookup never replaces a figure that an earlier run of that night got.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from . import paths, schema
from .csvio import read_table, to_csv_text, write_atomic


def day_file(data_dir: Path, folder: str, platform: str, day: str) -> Path:
    return Path(data_dir) / folder / platform / f"{day}.csv"


def _merge(existing: list[dict], new: list[dict], key: tuple[str, ...]) -> list[dict]:
    merged = {tuple(r[k] for k in key): r for r in existing}
    for row in new:
        k = tuple(row[c] for c in key)
        old = merged.get(k)
        if old is not None and row.get("state") == "error" and old.get("state") != "error":
            continue  # keep the good figure this night already has
        merged[k] = row
    return [merged[k] for k in sorted(merged)]


def write_day(data_dir: Path, folder: str, table: schema.Table, platform: str, day: str,
              rows: list[dict]) -> Path | None:
    """Merge `rows` into the day's file and write it atomically; None when nothing to write."""
    if not rows:
        return None
    path = day_file(data_dir, folder, platform, day)
    existing: list[dict] = []
    if path.exists():
        existing, problems = read_table(path, table)
        if problems:
            raise ValueError("\n".join(str(p) for p in problems))
    merged = _merge(existing, rows, table.key)
    text = to_csv_text(pd.DataFrame(merged), table)
    if path.exists() and path.read_text(encoding="utf-8") == text:
        return path
    write_atomic(path, text)
    return path


def write_snapshot(data_dir: Path, platform: str, day: str, rows: list[dict]) -> Path | None:
    return write_day(data_dir, paths.SNAPSHOTS, schema.SNAPSHOT, platform, day, rows)


def write_replies(data_dir: Path, platform: str, day: str, rows: list[dict]) -> Path | None:
    return write_day(data_dir, paths.REPLIES, schema.REPLIES, platform, day, rows)


def update_accounts(data_dir: Path, accounts: pd.DataFrame, found: dict[tuple[str, str], dict]) -> bool:
    """Record resolved account ids and new handles in the registry; True when it changed."""
    table = accounts.drop(columns=["_file", "_line"], errors="ignore").copy()
    changed = False
    for i, row in table.iterrows():
        seen = found.get((row["department_id"], row["platform"]))
        if not seen:
            continue
        for column in ("account_id", "handle"):
            if seen.get(column) and row[column] != seen[column]:
                table.at[i, column] = seen[column]
                changed = True
    if changed:
        write_atomic(Path(data_dir) / paths.ACCOUNTS_CSV, to_csv_text(table, schema.ACCOUNTS))
    return changed
