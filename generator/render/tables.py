"""Table rows rendered for every department at once.

A scorecard's history tables are the bulk of its HTML: formatting them row by row in a
template, five thousand times over, would cost more than building the site. Here each
column is formatted once per distinct value and the rows of all departments are joined in
one pass; the template places each department's rows as they are.
"""

from __future__ import annotations

import html
import re
from collections.abc import Callable, Sequence

import numpy as np
import pandas as pd
from markupsafe import Markup, escape

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


def stack_labels(labels: Sequence[str]) -> Markup:
    """A stacked table's column names, said once on the `<table>` as CSS strings (`--jd-l2`
    for the second column, and so on) rather than on every cell: a phone shows each cell
    after its column's name. A `data-label` on each cell repeated them on every row, a
    fifth of a scorecard's bytes. The first column is the row's heading and has none."""
    def css_string(text: str) -> str:
        # A CSS escape for what could end the string (a quote, a backslash, any control
        # character: a form feed ends a line), then HTML's for what would end the
        # double-quoted attribute; the quote ' is left as it is, being inside that attribute.
        css = re.sub(r"[\\'\x00-\x1f\x7f]", lambda m: "\\" + format(ord(m.group()), "x") + " ", text + ": ")
        return "'" + html.escape(css, quote=False).replace('"', "&#34;") + "'"
    return Markup(' style="' + ";".join(f"--jd-l{i}:{css_string(label)}"
                                        for i, label in enumerate(labels, start=1) if i > 1 and label) + '"')


def rows_by_department(df: pd.DataFrame, columns: list[tuple[np.ndarray, str]]) -> dict[str, str]:
    """`<tr>` rows per department from cell columns ((texts, css class) each); `df` is
    ordered by department and the texts are aligned with it. The columns' names go on the
    table (`stack_labels`). The first cell is the row's header (a day, a period): a screen
    reader moving down a column of figures says whose row each is; as `th` in a row of `td`
    it is one without a `scope`, which a row of years would repeat."""
    if not len(df):
        return {}
    line = np.full(len(df), "<tr>", dtype=object)
    for n, (texts, css) in enumerate(columns):
        tag = "th" if n == 0 else "td"
        line = line + (f'<{tag} class="{css}">' if css else f"<{tag}>") + texts + f"</{tag}>"
    line = line + "</tr>"
    keys = df["department_id"].to_numpy(dtype=object)
    change = np.flatnonzero(keys[1:] != keys[:-1]) + 1
    starts = np.concatenate([[0], change])
    stops = np.concatenate([change, [len(keys)]])
    return {keys[a]: "\n".join(line[a:b]) for a, b in zip(starts, stops, strict=True)}
