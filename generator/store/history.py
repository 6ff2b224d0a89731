"""The only writer of history: one file per platform per day, merged, atomic, idempotent.

A night adds or completes its own file; it never touches another day's. Within the same
night a failed lookup never replaces a figure that an earlier run of that night got.
What the collector learns about accounts (their immutable ids) goes to a file of its own:
the hand-edited registry is never rewritten by a program.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from .. import paths, schema
from ..problems import DataError
from .csvio import read_table, write_atomic


def day_file(data_dir: Path, folder: str, platform: str, day: str) -> Path:
    return Path(data_dir) / folder / platform / f"{day}.csv"


def _records(df: pd.DataFrame) -> list[dict]:
    return [{k: (None if v is None or v is pd.NA or v != v else v) for k, v in r.items() if not k.startswith("_")}
            for r in df.to_dict("records")]


def _merge(existing: list[dict], new: list[dict], key: tuple[str, ...]) -> list[dict]:
    merged = {tuple(r[k] for k in key): r for r in existing}
    for row in new:
        k = tuple(row[c] for c in key)
        old = merged.get(k)
        error = schema.AccountState.ERROR
        if old is not None and row.get("state") == error and old.get("state") != error:
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
        frame, problems = read_table(path, table)
        if problems:
            raise DataError(problems, "the night was not written")
        existing = _records(frame)
    merged = _merge(existing, rows, table.key)
    text = table.to_csv(pd.DataFrame(merged))
    if path.exists() and path.read_text(encoding="utf-8") == text:
        return path
    write_atomic(path, text)
    return path


def write_snapshot(data_dir: Path, platform: str, day: str, rows: list[dict]) -> Path | None:
    return write_day(data_dir, paths.SNAPSHOTS, schema.SNAPSHOT, platform, day, rows)


def write_replies(data_dir: Path, platform: str, day: str, rows: list[dict]) -> Path | None:
    return write_day(data_dir, paths.REPLIES, schema.REPLIES, platform, day, rows)


def record_account_ids(data_dir: Path, known: pd.DataFrame, found: dict[tuple[str, str], dict],
                       day: str) -> bool:
    """Add ids the collector resolved tonight to `collected/account_ids.csv`; True when it changed.

    An id, once resolved, stays: a renamed handle keeps its account and its history. The
    handle beside it is updated so the file says what the account was last called.
    """
    table = {(r["department_id"], r["platform"]): r for r in _records(known)}
    changed = False
    for key, seen in sorted(found.items()):
        if not seen.get("account_id"):
            continue
        old = table.get(key)
        if old is None:
            table[key] = {"department_id": key[0], "platform": key[1], "account_id": seen["account_id"],
                          "handle": seen.get("handle"), "resolved_on": day}
            changed = True
        elif old["account_id"] == seen["account_id"] and seen.get("handle") and old.get("handle") != seen["handle"]:
            table[key] = {**old, "handle": seen["handle"]}
            changed = True
    if changed:
        rows = [table[k] for k in sorted(table)]
        write_atomic(Path(data_dir) / paths.ACCOUNT_IDS_CSV, schema.ACCOUNT_IDS.to_csv(pd.DataFrame(rows)))
    return changed
