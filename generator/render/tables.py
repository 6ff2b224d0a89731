"""Table rows rendered for every department at once.

A scorecard's history tables are the bulk of its HTML: formatting them row by row in a
template, five thousand times over, would cost more than building the site. Here each
column is formatted once per distinct value and the rows of all departments are joined in
one pass; the template places each department's rows as they are.
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np
import pandas as pd
from markupsafe import escape

from . import formats


def cells(values: pd.Series, fn: Callable[[object], str], html: bool = False) -> np.ndarray:
    """A column as HTML cell text: `fn` runs once per distinct value; its text is escaped
    unless `fn` returns HTML already."""
    present = values.notna()
    mapped = {}
    for value in pd.unique(values[present].astype(object)):
        text = fn(value)
        mapped[value] = str(text) if html else str(escape(text))
    out = np.full(len(values), formats.DASH, dtype=object)
    out[present.to_numpy()] = values[present].astype(object).map(mapped).to_numpy(dtype=object)
    return out


def rows_by_department(df: pd.DataFrame, columns: list[tuple[np.ndarray, str, str]]) -> dict[str, str]:
    """`<tr>` rows per department from cell columns ((texts, css class, label) each); `df` is
    ordered by department and the texts are aligned with it. The label names the column
    where a phone shows the row as stacked lines."""
    if not len(df):
        return {}
    line = np.full(len(df), "<tr>", dtype=object)
    for texts, css, label in columns:
        attributes = (f' class="{css}"' if css else "") + (f' data-label="{escape(label)}"' if label else "")
        line = line + f"<td{attributes}>" + texts + "</td>"
    line = line + "</tr>"
    keys = df["department_id"].to_numpy(dtype=object)
    change = np.flatnonzero(keys[1:] != keys[:-1]) + 1
    starts = np.concatenate([[0], change])
    stops = np.concatenate([change, [len(keys)]])
    return {keys[a]: "\n".join(line[a:b]) for a, b in zip(starts, stops, strict=True)}
