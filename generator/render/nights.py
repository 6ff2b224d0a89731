"""The files pinned at a permanent address: each night's ZIP, and each complete month's
observations.

A night's ZIP holds what that night showed (`handles.csv` with statuses, ranks, grades and
figures as shown, `events.csv`, `complaints.csv`, and the daily reply counts its scorecards
count, `replies-window.csv`), its run records, the raw observations
it was computed from (that night's snapshot rows and the hand-entered figures) and a
`manifest.json` naming the methodology version and each member's SHA-256. A month's file
holds every account's observations of that month, one member per department, so a
journalist gets one department's years from one file a month (or, with HTTP range
requests, from one member of each).

Bytes are a function of the model alone: fixed timestamps and sorted members, so the same
night gives the same ZIP. Each file lives in a GitHub Release of its own; its address never
changes once uploaded (generator/publish/upload.py publishes it whole and never overwrites it).
"""

from __future__ import annotations

import csv
import hashlib
import io
import json
import zipfile
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd

from .. import __version__, schema
from ..compute.methodology import METHODOLOGY_VERSION
from ..compute.replies import REPLY_WINDOW_DAYS, counted
from .downloads import BOM, CsvRows, _slices, hand_entered_in, replies_before, top_level_files, zip_time

# The everything-files a night's ZIP carries: the tables as they were shown that night.
# The bounds too: the night's observations keep a bounded count's number alone.
NIGHT_TABLES = ("handles.csv", "events.csv", "complaints.csv", "bounded-followers.csv")
# Of replies.csv, which grows by every day measured, only the rows the night's pages count: each
# department's last days measured (compute.replies.counted). Its own name: it is not replies.csv.
REPLIES_MEMBER = "replies-window.csv"
REPLIES_TITLE = (f"Replies to citizen mentions that the night's scorecards count: each department's last "
                 f"{REPLY_WINDOW_DAYS} days, to its newest day measured, per account and day (counts only; every "
                 "day is in replies.csv)")
# (member, table, title) of the members with columns of their own: the Downloads page describes them.
MEMBER_TABLES = ((REPLIES_MEMBER, schema.REPLIES, REPLIES_TITLE),)
ONSITE = "nights"  # under data/: the on-site copies, kept until the upload is confirmed


@dataclass(frozen=True)
class PinnedFile:
    name: str
    tag: str  # the GitHub Release that holds it, and only it
    data: bytes
    night: str | None = None  # the night it pins; None for a month's observations
    month: str | None = None
    # The SHA-256 of each hand-entered row of its night or month it holds (downloads.hand_entered):
    # what the pinned list names, for a figure typed in later not to be cited by this file.
    hand_entered: tuple[str, ...] = ()
    # A night's: the SHA-256 of every reply dated before it, as it was made (downloads.replies_before).
    replies_sha256: str | None = None

    @property
    def sha256(self) -> str:
        return hashlib.sha256(self.data).hexdigest()


def release_tag(day: str) -> str:
    """The release of the file of `day`: a night's (YYYY-MM-DD) or a month's observations (YYYY-MM).
    One file a release, so each is published whole and can be immutable from its first minute."""
    return f"nights-{day}"


def release_url(repository_url: str, tag: str, name: str) -> str:
    """The permanent address of a release asset."""
    return f"{repository_url.rstrip('/')}/releases/download/{tag}/{name}"


def night_name(night: str) -> str:
    """The name of a night's ZIP (YYYY-MM-DD)."""
    return f"jawabdehi-night-{night}.zip"


def onsite_path(name: str) -> str:
    """Where the on-site copy is, under data/."""
    return f"{ONSITE}/{name}"


def _zip(members: dict[str, bytes], manifest: dict, day: str) -> bytes:
    """A ZIP of `members` (their data of `day`) and a manifest with each member's SHA-256, in name order."""
    manifest = {**manifest, "members": {name: {"sha256": hashlib.sha256(data).hexdigest(), "bytes": len(data)}
                                        for name, data in sorted(members.items())}}
    members = {**members, "manifest.json": (json.dumps(manifest, indent=1, sort_keys=True) + "\n").encode()}
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as bundle:
        for name in sorted(members):
            info = zipfile.ZipInfo(name, date_time=zip_time(day))
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            bundle.writestr(info, members[name], compresslevel=6)
    return buffer.getvalue()


def departments_changed(pinned: bytes, tonight: bytes) -> list[str] | None:
    """The departments with a row in one ZIP of a night and not in the other (the pinned file
    and tonight's remake of it, say after a complaint row was added), in any of its tables: the
    pages whose figures the pinned file does not hold. Members that are no department's (run
    records, the manifest) are no figure a page shows. None where a ZIP cannot be read as a
    night's: which pages it holds is then unknown."""
    try:
        old, new = zipfile.ZipFile(io.BytesIO(pinned)), zipfile.ZipFile(io.BytesIO(tonight))
        changed: set[str] = set()
        for name in {n for n in old.namelist() + new.namelist() if n.endswith(".csv")}:
            was, now = _lines(old, name), _lines(new, name)
            column = next(csv.reader([(was or now)[0]])).index("department_id")
            # No cell holds a line break (schema.py): a line is a row.
            changed.update(row[column] for row in csv.reader(sorted(set(was[1:]) ^ set(now[1:]))))
    except (zipfile.BadZipFile, ValueError, IndexError):  # UnicodeDecodeError is a ValueError
        return None
    return sorted(changed)


def _lines(bundle: zipfile.ZipFile, name: str) -> list[str]:
    """A CSV member's lines, header first ([] where the ZIP has no such member)."""
    return bundle.read(name).decode("utf-8-sig").splitlines() if name in bundle.namelist() else []


def _per_file(files: np.ndarray, value) -> np.ndarray:
    """`value(path)` of each row's file, worked out once per file, not once per row."""
    codes, names = pd.factorize(files)
    return np.array([value(Path(name)) for name in names], dtype=object)[codes]


def _nightly(files: np.ndarray) -> np.ndarray:
    """Which rows came from a night's snapshot file (snapshots/<platform>/<night>.csv)."""
    return _per_file(files, lambda p: p.parent.parent.name == "snapshots").astype(bool)


def newest_night(model) -> str | None:
    """The newest night the data has a snapshot file or a run record of."""
    files = model.snapshots["_file"].unique()
    nights = {Path(f).stem for f in files if Path(f).parent.parent.name == "snapshots"}
    nights |= {r["night"] for r in model.runs}
    return max(nights, default=None)


def _reply_window(replies: pd.DataFrame, text: str) -> str:
    """replies-window.csv: the lines of `text` (replies.csv, `replies` as published, a line
    per row: its cells are ids, dates and numbers, never a line break) that the night's
    scorecards count (compute.replies.counted), in key order."""
    lines = text.split("\n")
    window = counted(replies.reset_index(drop=True)).sort_values(list(schema.REPLIES.key), kind="stable")
    return "".join(f"{lines[i]}\n" for i in [0, *(window.index + 1)])


def night_file(model) -> PinnedFile | None:
    """The ZIP of the newest night, or None where the data has no night yet."""
    night = newest_night(model)
    if night is None:
        return None
    # The everything-files as the site publishes them, each formatted once for both.
    published = {path: text for path, _, _, text in top_level_files(model)}
    members = {path: (BOM + published[path]).encode("utf-8") for path in NIGHT_TABLES}
    members[REPLIES_MEMBER] = (BOM + _reply_window(model.replies, published["replies.csv"])).encode("utf-8")
    snaps = model.snapshots
    files = snaps["_file"].to_numpy(dtype=object)
    nightly = _nightly(files)
    # Only tonight's rows and the hand-entered ones are formatted, not the whole history.
    wanted = snaps[(nightly & _per_file(files, lambda p: p.stem == night).astype(bool)) | ~nightly]
    lines = CsvRows(wanted, schema.SNAPSHOT, model.lines)
    by_file = wanted["_file"].to_numpy(dtype=object)
    header = ",".join(schema.SNAPSHOT.names) + "\n"
    member = _per_file(by_file, lambda p: f"observations-{p.parent.name}.csv" if p.stem == night else "")
    for name in sorted(set(member) - {""}):
        members[name] = (BOM + header + lines.text(member == name)).encode("utf-8")
    manual = ~_nightly(by_file)
    if manual.any():
        members["observations-manual.csv"] = (BOM + header + lines.text(manual)).encode("utf-8")
    for record in model.runs:
        if record["night"] == night:
            members[f"run-{record['platform']}.json"] = (json.dumps(
                record, ensure_ascii=False, indent=1, sort_keys=True) + "\n").encode("utf-8")
    manifest = {"night": night, "methodology_version": METHODOLOGY_VERSION, "generator_version": __version__,
                "as_of": model.newest_observation, **model.as_of_precision()}
    return PinnedFile(night_name(night), release_tag(night), _zip(members, manifest, night), night=night,
                      hand_entered=tuple(hand_entered_in(model, night)), replies_sha256=replies_before(model, night))


def month_files(model, done: set[str]) -> list[PinnedFile]:
    """One file per complete month (before the newest night's) not in `done`: every
    observation dated in that month, one member per department."""
    night = newest_night(model)
    if night is None:
        return []
    snaps = model.snapshots
    # Worked out once per distinct day: years of rows would otherwise each get a new string.
    days, distinct = pd.factorize(snaps["date"].to_numpy(dtype=object))
    months = np.array([str(d)[:7] for d in distinct] + [""], dtype=object)[days]
    wanted = sorted({m for m in set(months[_nightly(snaps["_file"].to_numpy(dtype=object))])
                     if m < night[:7] and m not in done})
    if not wanted:
        return []
    header = BOM + ",".join(schema.SNAPSHOT.names) + "\n"
    departments = snaps["department_id"].to_numpy(dtype=object)
    out = []
    for month in wanted:
        rows = np.flatnonzero(months == month)
        lines = CsvRows(snaps.iloc[rows], schema.SNAPSHOT, model.lines)
        # `snaps` is ordered by department, platform and date: each department's rows are one slice.
        data = {f"departments/{dept}.csv": (header + lines.text(slice(start, stop))).encode("utf-8")
                for dept, start, stop in _slices(departments[rows])}
        manifest = {"month": month, "methodology_version": METHODOLOGY_VERSION, "generator_version": __version__}
        out.append(PinnedFile(f"jawabdehi-observations-{month}.zip", release_tag(month),
                              _zip(data, manifest, f"{month}-01"), month=month,
                              hand_entered=tuple(hand_entered_in(model, month))))
    return out
