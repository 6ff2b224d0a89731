"""Rows of the model's tables as the dicts templates read."""

from __future__ import annotations

from collections import defaultdict

import pandas as pd

from . import formats


def records(df: pd.DataFrame) -> list[dict]:
    """Rows as dicts with every missing value as None, which templates test simply."""
    return [{k: (None if formats.missing(v) else v) for k, v in row.items()} for row in df.to_dict("records")]


def by_department(df: pd.DataFrame) -> dict[str, list[dict]]:
    """Rows grouped by department, in their order: one pass, not one filter per page."""
    grouped: dict[str, list[dict]] = defaultdict(list)
    for row in records(df):
        grouped[row["department_id"]].append(row)
    return grouped
