"""The published data folder: CSVs with stable columns and a Frictionless datapackage.json.

Everything is computed once per build from the model. Observations are published two ways:
the current state of every department and account (`handles.csv`, the everything-file)
and one file per department with its whole history (`departments/<id>.csv`; its chart
reads it). A department's rows are taken from the input files as they were read, already
in published form, so publishing history costs a join, not a format.
"""

from __future__ import annotations

import json
from collections.abc import Iterator

import numpy as np
import pandas as pd

from .. import schema
from . import urls
from .search import directory_index

LICENSE = {"name": "CC-BY-4.0", "title": "Creative Commons Attribution 4.0",
           "path": "https://creativecommons.org/licenses/by/4.0/"}


def published_tables() -> list[tuple[str, schema.Table, str]]:
    """(path, table, title) of the files every build publishes, for the Downloads page."""
    return [
        ("handles.csv", schema.HANDLES, "Every department and platform: status and reach"),
        ("complaints.csv", schema.PUBLISHED_COMPLAINTS, "Complaint aggregates with rates"),
        ("sources.csv", schema.PUBLISHED_SOURCES, "Articles and documents cited"),
        ("replies.csv", schema.REPLIES, "Replies to citizen mentions, per account and day (counts only)"),
        ("corrections.csv", schema.CORRECTIONS, "Corrections of published figures"),
        ("departments/<id>.csv", schema.SNAPSHOT, "One department's observations, its whole history"),
    ]


def csv_lines(df: pd.DataFrame, table: schema.Table) -> np.ndarray:
    """Each row as one CSV line. Rows read from a plain input file keep that file's line,
    which is already in published form; the others are formatted here."""
    lines = df["_text"].to_numpy(dtype=object, copy=True) if "_text" in df else np.full(len(df), None, object)
    todo = pd.isna(lines)
    if todo.any():
        text = table.to_csv(df[todo], published=True)
        lines[todo] = text.split("\n")[1:-1]
    return lines


def _header(table: schema.Table) -> str:
    return ",".join(table.names) + "\n"


def _joined(table: schema.Table, lines) -> str:
    return _header(table) + "".join(line + "\n" for line in lines)


def _resource(path: str, table: schema.Table, title: str) -> dict:
    name = path.removesuffix(".csv").replace("/", "-").lower()
    return {"name": name, "path": path, "title": title, "format": "csv", "mediatype": "text/csv",
            "encoding": "utf-8", "schema": {"fields": [c.frictionless() for c in table.columns]}}


def _slices(keys: np.ndarray) -> Iterator[tuple[str, int, int]]:
    """(key, start, stop) of each run of equal keys in a sorted array."""
    if not len(keys):
        return
    change = np.flatnonzero(keys[1:] != keys[:-1]) + 1
    starts = np.concatenate([[0], change])
    stops = np.concatenate([change, [len(keys)]])
    for start, stop in zip(starts, stops, strict=True):
        yield str(keys[start]), int(start), int(stop)


def top_level_files(model) -> list[tuple[str, schema.Table, str, str]]:
    """(path, table, title, text) of the everything-files: the ones whose rows a night is
    checked by, and the health page lists."""
    files = [
        ("handles.csv", schema.HANDLES, "Every department and platform: status and reach", model.handles),
        ("complaints.csv", schema.PUBLISHED_COMPLAINTS, "Complaint aggregates with rates", model.rates),
        ("sources.csv", schema.PUBLISHED_SOURCES, "Articles and documents cited", model.sources),
        ("replies.csv", schema.REPLIES, "Replies to citizen mentions, per account and day (counts only)",
         model.replies),
        ("corrections.csv", schema.CORRECTIONS, "Corrections of published figures", model.corrections),
    ]
    return [(path, table, title, table.to_csv(rows, published=True)) for path, table, title, rows in files]


def rows_and_bytes(text: str) -> tuple[int, int]:
    return text.count("\n") - 1, len(text.encode("utf-8"))


def published_files(model) -> Iterator[tuple[str, str]]:
    """(path under data/, text) of every published file, datapackage.json last."""
    resources = []

    def emit(path: str, table: schema.Table, title: str, text: str):
        resources.append(_resource(path, table, title))
        return path, text

    for path, table, title, text in top_level_files(model):
        yield emit(path, table, title, text)

    snaps = model.snapshots
    lines = csv_lines(snaps, schema.SNAPSHOT)
    # `snaps` is ordered by department: each department's rows are one slice.
    departments = snaps["department_id"].to_numpy(dtype=object)
    for dept, start, stop in _slices(departments):
        path = urls.department_csv(dept).removeprefix("data/")
        yield emit(path, schema.SNAPSHOT, f"Observations of {dept}", _joined(schema.SNAPSHOT, lines[start:stop]))
    spans = {dept: (start, stop) for dept, start, stop in _slices(departments)}
    for dept in model.departments["department_id"]:
        if dept not in spans:  # never observed: the file still exists, with its header
            yield emit(urls.department_csv(dept).removeprefix("data/"), schema.SNAPSHOT,
                       f"Observations of {dept}", _header(schema.SNAPSHOT))
    rates = model.rates
    for dept, start, stop in _slices(rates["department_id"].to_numpy(dtype=object)):
        path = urls.department_complaints_csv(dept).removeprefix("data/")
        yield emit(path, schema.PUBLISHED_COMPLAINTS, f"Complaint figures of {dept}",
                   schema.PUBLISHED_COMPLAINTS.to_csv(rates.iloc[start:stop], published=True))
    # The search page's index of departments: documented on the Downloads page, not a table.
    yield "search.json", directory_index(model.handles)
    package = {"name": "jawabdehi", "title": "Jawabdehi: government social-media handles and complaint statistics",
               "licenses": [LICENSE], "resources": resources}
    yield "datapackage.json", json.dumps(package, ensure_ascii=False, indent=2) + "\n"
