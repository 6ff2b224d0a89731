"""The published data folder: CSVs with stable columns and a Frictionless datapackage.json."""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd

from . import schema
from .csvio import to_csv_text, write_atomic
from .registry import Dataset

LICENSE = {"name": "CC-BY-4.0", "title": "Creative Commons Attribution 4.0",
           "path": "https://creativecommons.org/licenses/by/4.0/"}


def department_file(department_id: str) -> str:
    return f"departments/{department_id}.csv"


def department_complaints_file(department_id: str) -> str:
    return f"departments/{department_id}-complaints.csv"


def _resource(name: str, path: str, table: schema.Table, title: str) -> dict:
    return {"name": name, "path": path, "title": title, "format": "csv", "mediatype": "text/csv",
            "encoding": "utf-8", "schema": {"fields": [c.frictionless() for c in table.columns]}}


Published = list[tuple[str, schema.Table, pd.DataFrame, str]]


def published_files(ds: Dataset, handles: pd.DataFrame, rates: pd.DataFrame) -> Published:
    """(path, table, rows, title) of every published CSV, everything-files first."""
    snapshots = ds.snapshots.sort_values(["date", "department_id", "platform"], kind="stable")
    files = [
        ("handles.csv", schema.HANDLES, handles, "Every department and platform: status and reach"),
        ("snapshots.csv", schema.SNAPSHOT, snapshots, "Every observation of every account"),
        ("complaints.csv", schema.PUBLISHED_COMPLAINTS, rates, "Complaint aggregates with rates"),
        ("sources.csv", schema.PUBLISHED_SOURCES, ds.sources, "Articles and documents cited"),
        ("replies.csv", schema.REPLIES, ds.replies.sort_values(["date", "department_id"], kind="stable"),
         "Replies to citizen mentions, per account and day (counts only)"),
    ]
    for dept in ds.departments["id"]:
        mine = snapshots[snapshots["department_id"] == dept]
        files.append((department_file(dept), schema.SNAPSHOT, mine, f"Observations of {dept}"))
        complaints = rates[rates["department_id"] == dept]
        if len(complaints):
            files.append((department_complaints_file(dept), schema.PUBLISHED_COMPLAINTS, complaints,
                          f"Complaint figures of {dept}"))
    return files


def write_downloads(out_dir: Path, ds: Dataset, handles: pd.DataFrame, rates: pd.DataFrame) -> list[str]:
    """Write every download under `out_dir` (the site's data/ folder); return the paths."""
    resources, written = [], []
    for path, table, rows, title in published_files(ds, handles, rates):
        write_atomic(out_dir / path, to_csv_text(rows, table))
        name = path.removesuffix(".csv").replace("/", "-")
        resources.append(_resource(name, path, table, title))
        written.append(path)
    package = {
        "name": "jawabdehi",
        "title": "Jawabdehi: government social-media handles and complaint statistics",
        "licenses": [LICENSE],
        "resources": resources,
    }
    write_atomic(out_dir / "datapackage.json", json.dumps(package, ensure_ascii=False, indent=2) + "\n")
    return written + ["datapackage.json"]
