"""The published data folder: CSVs with stable columns and a Frictionless datapackage.json.

Everything is computed once per build from the model. Observations are published two ways:
the current state of every department and account (`handles.csv`, the everything-file)
and one file per department with its whole history (`departments/<id>.csv`; its chart
reads it). A department's rows are taken from the input files as they were read, already
in published form, so publishing history costs a join, not a format. Its file keeps the
daily rows of the last 400 days (from the first of their month) and thins the ones before
(`compute.thinning`), so it does not grow by a row every night; the nightly archives keep
every row.
"""

from __future__ import annotations

import bisect
import calendar
import gzip
import hashlib
import json
import weakref
import zlib
from collections.abc import Callable, Iterator
from datetime import timedelta
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from .. import schema
from ..compute.model import REF, REPORTED_SOURCE, cited_stand_ins, precision_of
from ..compute.thinning import DAILY_DAYS
from ..places import place_key
from . import formats, urls
from .keys import code_digest
from .search import directory_index
from .zipped import Member, ZipWriter, inflates_to, members

LICENSE = {"name": "CC-BY-4.0", "title": "Creative Commons Attribution 4.0",
           "path": "https://creativecommons.org/licenses/by/4.0/"}


EVENTS_TITLE = "Every change: dormant, revived, account first recorded, gone, renamed, follower jump or drop, " \
    "posts deleted"


# (path, table, title, the model's frame) of the everything-files: the ones a night's rows
# are checked by, and the health page lists.
_TOP_LEVEL = [
    ("handles.csv", schema.HANDLES, "Every department and platform: status and reach", "listed"),
    ("complaints.csv", schema.PUBLISHED_COMPLAINTS, "Complaint aggregates with rates", "rates"),
    ("sources.csv", schema.PUBLISHED_SOURCES, "Articles and documents cited", "sources"),
    ("replies.csv", schema.REPLIES, "Replies to citizen mentions, per account and day (counts only)", "replies"),
    ("corrections.csv", schema.CORRECTIONS, "Corrections of published figures", "corrections"),
    ("events.csv", schema.EVENTS, EVENTS_TITLE, "events"),
    ("bounded-followers.csv", schema.BOUNDED_FOLLOWERS, "Hand-entered follower counts that their source states only "
     "as a bound (the department's history file gives the number, with the bound beside it)", "bounded"),
]


DEPARTMENT_TITLE = (f"One department's observations: every day of the last {DAILY_DAYS} days (from the first day of "
                    "the month they begin in); before that, each "
                    "month's last good observation, every hand-entered figure and every change of state; a shared "
                    "account's rows as the department that files them has them (its id on them), the same rows in "
                    "the file of each department that lists the account. Each row says how exactly its day is known "
                    "(date_precision) and how its source states its count (followers_bound), as the scorecard does")


DEPARTMENT_COMPLAINTS_TITLE = ("One department's complaint figures, as in complaints.csv (a department with none "
                               "has no file)")


def published_tables() -> list[tuple[str, schema.Table, str]]:
    """(path, table, title) of the files every build publishes, for the Downloads page."""
    return [(path, table, title) for path, table, title, _ in _TOP_LEVEL] + [
        ("departments/<id>.csv", schema.HISTORY, DEPARTMENT_TITLE),
        ("departments/<id>-complaints.csv", schema.PUBLISHED_COMPLAINTS, DEPARTMENT_COMPLAINTS_TITLE)]



class CsvRows:
    """The rows of a frame as CSV lines. A row read from a plain nightly file keeps that
    file's line, already in published form, from the model's `lines`; the others (hand-entered
    rows, withheld cells) are formatted here, all at once."""

    def __init__(self, df: pd.DataFrame, table: schema.Table, lines):
        self.lines = lines
        self.refs = df[REF].to_numpy(dtype="int64") if REF in df else np.full(len(df), -1, dtype="int64")
        todo = np.flatnonzero(self.refs < 0)
        formatted = table.to_csv(df.iloc[todo], published=True).split("\n")[1:-1] if len(todo) else []
        self.formatted = dict(zip(todo.tolist(), formatted, strict=True))

    def text(self, rows) -> str:
        """The rows at `rows` (positions, a mask or a slice), each followed by its line end."""
        if isinstance(rows, slice):
            rows = np.arange(*rows.indices(len(self.refs)))
        rows = np.asarray(rows)
        if rows.dtype == bool:
            rows = np.flatnonzero(rows)
        refs = self.refs[rows]
        if (refs >= 0).all():
            return self.lines.joined(refs)
        return "".join((line if line is not None else self.formatted[row]) + "\n"
                       for row, line in zip(rows.tolist(), self.lines.texts(refs), strict=True))


# A row's last two cells in its department's history file (schema.HISTORY: date_precision and
# followers_bound) where it is what the nightly job observed: of its own day, a count as counted.
OBSERVED_CELLS = ",day,"


class HistoryRows:
    """The rows of `model.snapshots` as a department's history file has them: each line as
    CsvRows gives it, with how exactly its day is known and how its source states its count
    (schema.HISTORY), so a reader reads the row as the scorecard does without a join. Only a
    row typed in from a report can be other than OBSERVED_CELLS: those few are worked out here;
    a file of none of them gets its cells by one replace of its line ends."""

    def __init__(self, model, rows: CsvRows):
        self.rows = rows
        snaps = model.snapshots
        reported = np.flatnonzero((snaps["source"] == REPORTED_SOURCE).to_numpy(dtype=bool))
        keys = snaps.iloc[reported][["department_id", "platform", "date", "source_url"]].astype(object)
        # As exact as the row's own source says (two sources of one day may date it differently).
        said = precision_of(keys["date"], keys["source_url"], cited_stand_ins(model.sources.to_dict("records")))
        bounds = {(str(d), str(p), str(day)[:10]): str(b) for d, p, day, b in
                  model.bounded[["department_id", "platform", "date", "bound"]].itertuples(index=False)}
        self.cells: dict[int, str] = {}
        for row, dept, platform, day, precision in zip(reported.tolist(), keys["department_id"], keys["platform"],
                                                       keys["date"], said, strict=True):
            cells = f",{precision},{bounds.get((str(dept), str(platform), str(day)[:10]), '')}"
            if cells != OBSERVED_CELLS:
                self.cells[row] = cells
        self.marked = np.zeros(len(snaps), dtype=bool)
        self.marked[list(self.cells)] = True

    def text(self, rows: np.ndarray) -> str:
        """The rows at `rows` (positions), each followed by its line end."""
        text = self.rows.text(rows)
        if not self.marked[rows].any():
            return text.replace("\n", OBSERVED_CELLS + "\n")
        # No cell holds a line break (schema.py): a line end ends a row.
        return "".join(line + self.cells.get(row, OBSERVED_CELLS) + "\n"
                       for row, line in zip(np.asarray(rows).tolist(), text.split("\n")[:-1], strict=True))


def _header(table: schema.Table) -> str:
    return ",".join(table.names) + "\n"


def _joined(table: schema.Table, lines) -> str:
    return _joined_lines(",".join(table.names), lines)


def _rows_file(table: schema.Table, rows: CsvRows, which) -> str:
    return _header(table) + rows.text(which)


def schema_path(table: schema.Table) -> str:
    """Where a table's schema is published: one file shared by every resource with those
    columns (10,000 department files would otherwise repeat it 10,000 times)."""
    return f"schemas/{table.name}.json"


def _resource(path: str, table: schema.Table, title: str) -> dict:
    name = path.removesuffix(".csv").replace("/", "-").lower()
    return {"name": name, "path": path, "title": title, "format": "csv", "mediatype": "text/csv",
            "encoding": "utf-8", "schema": schema_path(table)}


def _schema_file(table: schema.Table) -> str:
    return json.dumps({"fields": [c.frictionless() for c in table.columns]}, ensure_ascii=False, indent=2) + "\n"


def _slices(keys: np.ndarray) -> Iterator[tuple[str, int, int]]:
    """(key, start, stop) of each run of equal keys in a sorted array."""
    if not len(keys):
        return
    change = np.flatnonzero(keys[1:] != keys[:-1]) + 1
    starts = np.concatenate([[0], change])
    stops = np.concatenate([change, [len(keys)]])
    for start, stop in zip(starts, stops, strict=True):
        yield str(keys[start]), int(start), int(stop)


def _once_per(cache: list, owner, make: Callable[[], Any]) -> Any:
    """What `make` gives, made once per `owner` (the model, or one of its frames, that every page
    of a build shares) and kept in `cache` beside a weak reference to it: a long-running preview
    must not keep last night's model alive."""
    if cache[0]() is not owner:
        cache[:] = [weakref.ref(owner), make()]
    return cache[1]


# The model the everything-files were last made of, and the files.
_made: list = [lambda: None, []]


def top_level_files(model) -> list[tuple[str, schema.Table, str, str]]:
    """(path, table, title, text) of the everything-files. Made once per model: the
    Downloads and health pages of both languages and the files themselves all need them
    (made before the pages' processes fork, they share one copy)."""
    return _once_per(_made, model, lambda: [(path, table, title, table.to_csv(getattr(model, frame), published=True))
                                            for path, table, title, frame in _TOP_LEVEL])


def rows_and_bytes(text: str) -> tuple[int, int]:
    """Rows and bytes of a published CSV given its text, with or without its BOM: the bytes
    are the file's, which begins with one."""
    body = text.removeprefix(BOM)
    return body.count("\n") - 1, len((BOM + body).encode("utf-8"))


def file_size(text: str | bytes) -> list[int]:
    """Rows and bytes of an everything-file as published: what build.json records and the
    health page shows."""
    if isinstance(text, bytes):
        text = text.decode("utf-8")
    return list(rows_and_bytes(text.removeprefix("\ufeff")))


def top_level_sizes(model) -> dict[str, list[int]]:
    return {path: file_size(text) for path, _, _, text in top_level_files(model)}


def list_file_sizes(model) -> dict[str, int]:
    """Bytes of handles.csv and of each state's file of it as published, by their paths from
    the site's root ('data/states/in-up.csv'): what a list of accounts says its file weighs.
    Their text is in hand before they are written, so a list page carries the size itself
    (the Downloads page's sizes are written in afterwards, as its ZIP is made last)."""
    handles = next(text for _, table, _, text in top_level_files(model) if table is schema.HANDLES)
    sizes = {"data/handles.csv": rows_and_bytes(handles)[1]}
    for _, path, text in state_files(model.listed["state"].to_numpy(dtype=object), handles):
        sizes[f"data/{path}"] = rows_and_bytes(text)[1]
    return sizes


BOM = "\ufeff"  # so a spreadsheet opened by double-click reads the Devanagari as UTF-8
ZIP_TIME = (1980, 1, 1, 0, 0, 0)  # the earliest a ZIP can say: for data of no date


def zip_time(day: str | None) -> tuple[int, ...]:
    """The time a ZIP gives its members: midnight of the day of their data, so the same files
    make the same ZIP byte for byte, and a reader who unpacks it sees the data's day."""
    when = (*map(int, str(day)[:10].split("-")), 0, 0, 0) if day else ZIP_TIME
    return max(when, ZIP_TIME)  # a ZIP cannot date a file before 1980 (a report that old is data too)


class _Bundle:
    """The night's ZIP for journalists, filled as the files are made. A file unchanged since
    the last night's ZIP (`last`, its members by name) is taken from it as it was compressed,
    once it is verified to be tonight's file (zipped.inflates_to)."""

    def __init__(self, day: str | None, last: dict[str, Member] | None = None) -> None:
        self.zip = ZipWriter(zip_time(day))
        self.last = last or {}
        self.taken = 0  # members taken from the last night's ZIP

    def add(self, path: str, data: str | bytes) -> None:
        data = data.encode("utf-8") if isinstance(data, str) else data
        member = self.last.get(path)
        if member is not None and inflates_to(member, data):
            self.taken += 1
        else:
            member = None
        self.zip.add(path, data, member)

    def close(self) -> bytes:
        return self.zip.close()


def stands(entry: dict) -> bool:
    """Whether a pinned file may be named for what it holds: not withdrawn, and not one whose
    release holds other bytes (publish.pinned.pin): its permanent address never will."""
    return not entry.get("withdrawn") and not entry.get("release_differs")


def night_pin(model, night: str | None) -> dict | None:
    """The pinned-list entry of a night's ZIP, where that night was pinned and it `stands`."""
    return next((e for e in model.health.pinned if night and e.get("night") == night and stands(e)), None)


# The observations the hand-entered rows' digests were last worked out from (`_once_per`): the
# frame, not the model, as the build gives the pages a copy of the model with the pinned list
# in it, and the rows are the same.
_hand: list = [lambda: None, {}]


def hand_entered(model) -> dict[str, dict[str, dict[str, frozenset[str]]]]:
    """The SHA-256 of each hand-entered observation (a row not from a night's snapshot file)
    as its published CSV line, by day, department and platform. A pinned file lists those of
    its night or month it holds: one typed in after the file was made is not in it, and is then
    not cited by it (`cited_pin`). Hand-entered rows are few; worked out once per night's rows."""
    snaps = model.snapshots

    def make() -> dict[str, dict[str, dict[str, frozenset[str]]]]:
        files = snaps["_file"]
        files = files.array if isinstance(files.dtype, pd.CategoricalDtype) else pd.Categorical(files)
        by_hand = np.array([not _nightly(str(n)) for n in files.categories], dtype=bool)
        rows = np.flatnonzero(by_hand[files.codes])
        text = CsvRows(snaps.iloc[rows], schema.SNAPSHOT, model.lines).text(slice(None)) if len(rows) else ""
        found: dict[str, dict[str, dict[str, set[str]]]] = {}
        for line, day, dept, platform in zip(text.split("\n")[:-1], snaps["date"].to_numpy(dtype=object)[rows],
                                             snaps["department_id"].to_numpy(dtype=object)[rows],
                                             snaps["platform"].to_numpy(dtype=object)[rows], strict=True):
            digest = hashlib.sha256(line.encode("utf-8")).hexdigest()
            found.setdefault(str(day)[:10], {}).setdefault(str(dept), {}).setdefault(str(platform), set()).add(digest)
        return {day: {dept: {platform: frozenset(d) for platform, d in platforms.items()}
                      for dept, platforms in depts.items()} for day, depts in found.items()}
    return _once_per(_hand, snaps, make)


def _of_department(of_day: dict[str, dict[str, frozenset[str]]], department: str,
                   platform: str | None = None) -> frozenset[str]:
    """The digests of a day's rows (`hand_entered`'s) that `department` typed in: on `platform`
    alone where one is given, else on any."""
    platforms = of_day.get(department, {})
    return platforms.get(platform, frozenset()) if platform else frozenset().union(*platforms.values())


def hand_entered_in(model, span: str) -> list[str]:
    """The digests of the hand-entered rows dated in `span`, a night (YYYY-MM-DD) or a month (YYYY-MM)."""
    return sorted({d for day, depts in hand_entered(model).items() if day.startswith(span)
                   for dept in depts for d in _of_department(depts, dept)})


# The kinds of pinned file: a night's ZIP (its tables as shown and its observations) and a
# month's observations alone. Beside them, the night's archive on this site
# (data/archive/<night>/) holds that night's observations alone: no table as shown, no
# complaint figure, no row entered by hand.
PINNED_KINDS = ("night", "month")
FILE_KINDS = (*PINNED_KINDS, "archive")
TABLES_ONLY = ("night",)  # figures only a night's tables hold: complaints, a finding of no account


def newest_figure(accounts: list[dict], site_newest: str | None, reported: list[str] = ()) -> str | None:
    """The newest day any of `accounts` (a department's, or a list's rows) was observed, or
    found not to exist, or its reply time dated, or any of the page's other figures that come
    with a report (`reported`: a complaint figure's period end): the night its page cites (a
    department known only by a report, that it has no account or how fast it replies, is as of
    that report, not 'no figure observed yet'). An account our registry alone says does not
    exist is so as of its place's newest night (the site's, `site_newest`, where its place has
    none), as its page says. A day is as exactly known as its figure (formats.Dated, by the
    rows' {column}_precision): 'as of about Oct 2016' where the newest is a report's stand-in."""
    days = [formats.Dated(d, a.get(f"{column}_precision")) for a in accounts
            for column in ("observed_on", "absent_on", "reply_on") if isinstance(d := a.get(column), str) and d]
    days += list(reported)
    days += [a.get("place_newest") or site_newest for a in accounts
             if a["status"] == schema.Status.NO_ACCOUNT and not a.get("absent_on")]
    return formats.newest_day(days)


def held_by(accounts: list[dict], day: str | None) -> tuple[str, ...]:
    """The kinds of file of `day` (FILE_KINDS) that hold every observation `accounts` (a
    department's, or the rows of a list) show: one of that day is in its night's ZIP, its
    month's observations and its night's archive; an older one in the night's tables (they
    show each account's newest), and in the month's observations where it is of that month; a
    finding of no account dated by its place's newest night in the night's tables alone. None
    where they show no observation: a reply time or a registry's dated absence is in no dated
    file for certain (`reported`)."""
    kinds = [FILE_KINDS if seen == day else PINNED_KINDS if seen[:7] == (day or "")[:7] else TABLES_ONLY
             for seen in (a["observed_on"] for a in accounts) if isinstance(seen, str) and seen]
    kinds += [TABLES_ONLY for a in accounts if a["status"] == schema.Status.NO_ACCOUNT and not a.get("absent_on")]
    return tuple(k for k in FILE_KINDS if all(k in held for held in kinds)) if kinds else ()


def reported(accounts: list[dict], complaints: list[dict] = ()) -> bool:
    """Whether a page shows a figure no dated file holds for certain, but tonight's: a reported
    reply time or a registry's dated absence of `accounts`, or a complaint figure (`complaints`).
    Each is entered when its report comes, after the files of its day may have been made (a
    month's complaints exported weeks later). Replies measured are `measured_replies`'."""
    return bool(complaints) or any(a.get("absent_on") or a.get("reply_on") and a.get("reply_basis") == "reported"
                                   for a in accounts)


def measured_replies(accounts: list[dict], replies: dict | None = None) -> str | None:
    """The newest day of the replies measured that a page shows (the reply times of `accounts`
    not reported, the replies counted, `replies`), None without one: a day's are written the
    night after it, so a night's ZIP made after that day holds them (holds_replies)."""
    days = [a.get(f"{p}reply_on") for a in accounts for p in ("", "account_")
            if a.get(f"{p}reply_basis") not in (None, "reported")]
    days += [replies.get("until")] if replies else []
    return max((d for d in days if isinstance(d, str) and d), default=None)


def holds_replies(model, entry: dict | None, replied: str | None) -> bool:
    """Whether the pinned file `entry` holds the replies measured a page shows, the newest of
    `replied`'s day: a night's ZIP made with its scorecards' replies (nights.REPLIES_MEMBER,
    `replies_window`) of a night after that day, where every reply dated before its night is as
    it was when the ZIP was made (`replies_sha256`, `replies_before`). A day's are written the
    night after it, but an older night run again writes them later: into a day the ZIP holds
    (another department's), or one it has none of."""
    if replied is None:
        return True
    night = (entry or {}).get("night")
    return bool(night and entry.get("replies_window") and replied < night
                and entry.get("replies_sha256") == replies_before(model, night))


# The replies the digests below were last worked out from (`_once_per`), and the digests.
_replied: list = [lambda: None, ([], [])]


def replies_before(model, night: str) -> str:
    """The SHA-256 of every reply row (model.replies) dated before `night`, as its CSV line, in
    date and key order: what a night's pinned entry records of the replies it was made with,
    and what a later build compares (holds_replies). The lines are hashed once per build, a
    day at a time, so each night's digest is one look-up."""
    days, digests = _once_per(_replied, model.replies, lambda: _reply_digests(model.replies))
    return digests[bisect.bisect_left(days, night)]


def _reply_digests(replies: pd.DataFrame) -> tuple[list[str], list[str]]:
    """The days of `replies`, in order, and for each k the digest of the rows of the first k days."""
    dated = replies.assign(_day=replies["date"].astype(str).str[:10]).sort_values(
        ["_day", *schema.REPLIES.key], kind="stable")
    lines = schema.REPLIES.to_csv(dated).split("\n")  # a cell holds no line break: a line is a row
    running = hashlib.sha256(lines[0].encode("utf-8"))
    days: list[str] = []
    digests: list[str] = []
    for day, start, stop in _slices(dated["_day"].to_numpy(dtype=object)):
        days.append(day)
        digests.append(running.hexdigest())
        running.update("".join(f"\n{line}" for line in lines[1 + start:1 + stop]).encode("utf-8"))
    return days, [*digests, running.hexdigest()]


def ranked(accounts: list[dict]) -> bool:
    """Whether a page shows an account's rank, in its state or category: tonight's, which moves
    as other accounts' counts do. Only tonight's ZIP holds it; an earlier night's tables hold
    that night's ranks, the observations none."""
    return any(a.get(f"rank_in_{within}") is not None for a in accounts for within in ("state", "category"))


def rows_cited(rows: list[dict], day: str | None) -> dict:
    """What a citation (Context.cite) of a page of accounts' rows as of `day` is told of the
    files holding them (a list's rows, a place's cards, the home page's latest): as a
    scorecard's is of its department's."""
    return {"held_by": held_by(rows, day), "reported": reported(rows), "replied": measured_replies(rows),
            "ranked": ranked(rows)}


def cited_pin(model, day: str | None, department: str | None = None,
              held_by: tuple[str, ...] = PINNED_KINDS, tonight: str | None = None) -> dict | None:
    """The most precise pinned file, of the kinds `held_by` (those that can hold the figures
    of `day` at all), holding the observations of `day` (`department`'s, with a shared account's
    whichever department files them, else every department's): that night's ZIP, else the ZIP
    of its month's observations (a night pinned before, or a figure entered by hand on a day no
    night ran); None where neither is pinned, they were withdrawn, a figure the page shows was
    entered by hand after they were made (`_holds`; a file listed before files named the rows
    they hold counts as holding none), or the night was made again with other figures for that
    department or one filing a shared account it lists (for any, on a page of all). `tonight`:
    the data's newest night, whose ZIP was made of every row there is."""
    if not day:
        return None
    month = next((e for e in model.health.pinned if e.get("month") == day[:7] and stands(e)), None)
    kinds = zip(PINNED_KINDS, (night_pin(model, day), month), strict=True)
    return next((e for kind, e in kinds if e and kind in held_by and _holds(model, e, day, department, tonight)
                 and not _changed_since(e, _filing(model, department))), None)


def _holds(model, entry: dict, day: str, department: str | None, tonight: str | None) -> bool:
    """Whether the pinned file `entry` of `day` (a night's, or its month's) holds the rows entered
    by hand that a page of `day` shows: those of that day, and an account's newest figure of an
    earlier day; a month's, every row of its month the page's history tables show too (it is
    named as that month's observations). A file lists the rows of its own night or month it
    holds. A night's ZIP holds every row there was when it was made: an earlier one where a
    pinned file made no later lists it (`_first_held`). Tonight's ZIP was made of every row
    there is (what changed on a night made again is `_changed_since`'s)."""
    listed = set(entry.get("hand_entered") or ())
    if not _typed_in(model, day, department) <= listed:
        return False
    older = {seen: rows for seen, rows in _shown_by_hand(model, department).items() if seen < day}
    if entry.get("month"):  # a page it is cited for shows figures of its month alone (held_by)
        shown = [older, _history_by_hand(model, department)]
        return all(rows <= listed for days in shown for seen, rows in days.items() if seen[:7] == day[:7])
    first = _first_held(model)
    return day == tonight or all(row in first and first[row] <= day for rows in older.values() for row in rows)


# The pinned list the first nights below were worked out from (a list of a few entries a night,
# held as it is: the pages of a build share it), and the nights.
_first: list = [None, {}]


def _first_held(model) -> dict[str, str]:
    """Of each hand-entered row a pinned file lists (withdrawn or not: it was made with it), the
    first night whose ZIP holds it for certain: that of a night's file's own night (it was made
    as the newest night; every later night's ZIP was made after it), the night a month's file
    was recorded as made with (publish.pinned._in_nights_from), none for a month's listed before
    files recorded it. A row no file lists is in no earlier ZIP for certain: it may have been
    typed in after any of them was made."""
    pinned = model.health.pinned
    if _first[0] is not pinned:
        first: dict[str, str] = {}
        for entry in pinned:
            night = entry.get("night") or entry.get("in_nights_from")
            for row in (entry.get("hand_entered") or ()) if night else ():
                first[row] = min(first.get(row, night), night)
        _first[:] = [pinned, first]
    return _first[1]


# The hand-entered rows the pages show, by department (`_once_per` the accounts' table).
_shown: list = [lambda: None, {}]


def _shown_by_hand(model, department: str | None) -> dict[str, frozenset[str]]:
    """The digests of the hand-entered rows dated on the day an account of `department` (of any,
    where None) was last observed, by that day: the figures its page shows as each account's
    newest, where they were typed in (another row of the same day and platform, or its account's,
    counts too: not another platform's, another account's figure; a shared account's, those of
    every department filing it, `_filed_by`)."""
    handles = model.handles

    def make() -> dict[str | None, dict[str, frozenset[str]]]:
        typed, filed = hand_entered(model), _filed_by(model)
        found: dict[str | None, dict[str, set[str]]] = {}
        for dept, platform, seen in zip(handles["department_id"].to_numpy(dtype=object),
                                        handles["platform"].to_numpy(dtype=object),
                                        handles["observed_on"].to_numpy(dtype=object), strict=True):
            of_day = typed.get(seen[:10], {}) if isinstance(seen, str) else {}
            rows = set().union(*(_of_department(of_day, d, str(platform))
                                 for d in filed.get((str(dept), str(platform)), (str(dept),))))
            for key in (str(dept), None) if rows else ():
                found.setdefault(key, {}).setdefault(seen[:10], set()).update(rows)
        return {key: {seen: frozenset(rows) for seen, rows in days.items()} for key, days in found.items()}
    return _once_per(_shown, handles, make).get(department, {})


# The hand-entered rows the history tables show, by department (`_once_per` the recent rows).
_history: list = [lambda: None, {}]


def _history_by_hand(model, department: str | None) -> dict[str, frozenset[str]]:
    """The digests of the hand-entered rows dated on a day `department`'s history tables (a
    scorecard's days and months) list a row of, by that day (another row of the same day and
    platform counts too, as in `_shown_by_hand`; a shared account's row, of the department that filed it,
    `filed_by`); none for a page of every department, which has no history."""
    recent = model.recent

    def make() -> dict[str, dict[str, frozenset[str]]]:
        typed = hand_entered(model)
        found: dict[str, dict[str, set[str]]] = {}
        for frame in (recent, model.monthly):
            days = frame["date"].astype(str).str[:10].to_numpy(dtype=object)
            mine = np.isin(days, list(typed))
            depts = frame["department_id"].to_numpy(dtype=object)[mine]
            filers = frame["filed_by"].to_numpy(dtype=object)[mine] if "filed_by" in frame else depts
            filers = np.where(pd.isna(filers), depts, filers)
            platforms = frame["platform"].to_numpy(dtype=object)[mine]
            for dept, filer, platform, seen in set(zip(depts, filers, platforms, days[mine], strict=True)):
                if rows := _of_department(typed[seen], str(filer), str(platform)):
                    found.setdefault(str(dept), {}).setdefault(seen, set()).update(rows)
        return {dept: {seen: frozenset(rows) for seen, rows in days.items()} for dept, days in found.items()}
    return _once_per(_history, recent, make).get(department, {}) if department else {}


def _typed_in(model, day: str, department: str | None) -> frozenset[str]:
    """The digests of the rows of `day` entered by hand that `department`'s page may show: its own
    and those of each department filing a shared account it lists (`_filing`); every
    department's where None."""
    of_day = hand_entered(model).get(day, {})
    return frozenset().union(*(_of_department(of_day, d) for d in _filing(model, department) or of_day))


# Of each row listing a shared account, the departments filing it (`_once_per` the filers).
_filers: list = [lambda: None, {}]


def _filed_by(model) -> dict[tuple[str, str], tuple[str, ...]]:
    """Of each (department, platform) listing a shared account, every department whose
    observations of it its page shows (compute.shared.filers): a row any of them typed in is a
    figure of that page, whichever department files it."""
    filers = model.filers

    def make() -> dict[tuple[str, str], tuple[str, ...]]:
        found: dict[tuple[str, str], list[str]] = {}
        for dept, platform, filer in zip(filers["department_id"].to_numpy(dtype=object),
                                         filers["platform"].to_numpy(dtype=object),
                                         filers["filed_by"].to_numpy(dtype=object), strict=True):
            found.setdefault((str(dept), str(platform)), []).append(str(filer))
        return {key: tuple(depts) for key, depts in found.items()}
    return _once_per(_filers, filers, make)


def _filing(model, department: str | None) -> frozenset[str] | None:
    """The departments whose observations `department`'s page shows: its own, and every
    department filing a shared account it lists; None for a page of every department."""
    if not department:
        return None
    return frozenset({department}).union(*(d for (dept, _), d in _filed_by(model).items() if dept == department))


def archive_holds(model, day: str, department: str | None = None) -> bool:
    """Whether the night's archive, its nightly observations alone, holds what a page shows of
    `day` (`department`'s, else every department's): not where a row of that day was entered by
    hand, nor where the night was made again with other figures since its ZIP was pinned (what
    changed may be a complaint row or a report's figure, which the archive lacks)."""
    pinned = night_pin(model, day)
    return not _typed_in(model, day, department) and not (
        pinned and _changed_since(pinned, _filing(model, department)))


def _changed_since(entry: dict, departments: frozenset[str] | None) -> bool:
    """Whether the figures of `departments` (a page's, `_filing`: of any, where None) changed
    after `entry` was pinned: its night was made again with other bytes (publish.pinned.
    _differs, which names the department a changed row is filed under)."""
    differs = entry.get("differs")
    return differs is True or bool(differs) and (departments is None or not departments.isdisjoint(differs))


def tonight_pin(model, night: str | None) -> dict | None:
    """The ZIP of `night`, the data's newest (render.nights.newest_night), where it holds the
    night's files as the site shows them: what the night's data is cited by. Not where it was
    withdrawn or is not listed (an earlier night's is not tonight's), nor where the night was
    made again with other bytes (`remade_pin`): it then holds the night as first made."""
    entry = night_pin(model, night)
    return None if entry is None or entry.get("differs") else entry


def remade_pin(model, night: str | None) -> dict | None:
    """The ZIP of `night`, the data's newest, where the night was made again with other bytes
    since it was pinned (publish.pinned._differs): a file that is not tonight's, to be said so."""
    entry = night_pin(model, night)
    return entry if entry is not None and entry.get("differs") else None


def standing_pin(model) -> dict | None:
    """The newest pinned file that stands, neither withdrawn nor made again since with other
    bytes: of a night's ZIP and a month's observations, the one reaching the later day (the
    night on a tie: it holds what the site showed, too)."""
    def reaches(entry: dict) -> tuple[str, bool]:
        if entry.get("night"):
            return entry["night"], True
        year, month = map(int, entry["month"].split("-"))
        return f"{entry['month']}-{calendar.monthrange(year, month)[1]:02d}", False
    return max((e for e in model.health.pinned if stands(e) and not e.get("differs")), key=reaches,
               default=None)


def citation(model, site_url: str, night: str | None) -> str:
    """CITATION.cff: how to cite the night's data: the ZIP of `night`, the data's newest, at
    its permanent address, with its SHA-256, where it was pinned. Where it was withdrawn (it
    held personal data), the night was made again with other figures (the pinned file is not
    tonight's) or it is not listed, the site, with the newest pinned file that stands: a
    journalist cites the figures by their date and still has a file at a permanent address to
    check them against, named as what it is, an earlier night's or a month's."""
    pinned = tonight_pin(model, night)
    lines = ["cff-version: 1.2.0", 'message: "If you use these figures, please cite them as below."',
             'title: "Jawabdehi: government social-media handles and complaint statistics"',
             "type: dataset", 'authors:', '  - name: "Jawabdehi"',
             "license: CC-BY-4.0"]
    if model.as_of:  # a data folder without a single dated row has no release date
        lines.insert(-1, f"date-released: {model.as_of.isoformat()}")
    if pinned:
        lines += [f'url: "{pinned["url"]}"', *_identifier(pinned, f"The night of {pinned['night']}")]
        return "\n".join(lines) + "\n"
    if site_url:
        lines.append(f'url: "{site_url}"')
    if earlier := standing_pin(model):
        what = f"the night of {earlier['night']}" if earlier.get("night") else f"the observations of {earlier['month']}"
        newest = next((e for e in model.health.pinned if night and e.get("night") == night), {})
        why = ("the newest night's pinned file holds that night as first made, not these figures: it was made "
               "again since" if remade_pin(model, night) else "the newest night's was withdrawn"
               if newest.get("withdrawn") else "the release of the newest night's holds other bytes than its "
               "pinned file, whose copy is on the site alone" if newest.get("release_differs")
               else "the newest night's is not pinned")
        lines += _identifier(earlier, f"The newest file still pinned, {what} ({why})")
    return "\n".join(lines) + "\n"


def _identifier(entry: dict, description: str) -> list[str]:
    """CITATION.cff's identifiers: a pinned file's permanent address, described, with its SHA-256."""
    return ["identifiers:", "  - type: url", f'    value: "{entry["url"]}"',
            f'    description: "{description}, SHA-256 {entry["sha256"]}"']


def _nightly(name: str) -> bool:
    """A night's snapshot file (snapshots/<platform>/<night>.csv), not a manual figure."""
    return Path(name).parent.parent.name == "snapshots"


def _archive_from(model) -> str:
    """The first night the site keeps an archive of: as many nights as the history files keep
    daily, so the site does not grow by a night's archive every night. Older nights are in
    the pinned nights and in the repository's data/."""
    return (model.as_of - timedelta(days=DAILY_DAYS)).isoformat() if model.as_of else ""


def _run_path(record: dict) -> str:
    """Where a night's run record is archived."""
    return f"archive/{record['night']}/run-{record['platform']}.json"


def _snapshots_path(name: str | Path) -> str:
    """Where a night's snapshot file (snapshots/<platform>/<night>.csv) is archived, compressed."""
    return f"archive/{Path(name).stem}/snapshots-{Path(name).parent.name}.csv.gz"


def archived_nights(model) -> dict[str, str]:
    """The nights `archive/<night>/` exists for, each with a file in it (a folder has no
    index page to link to)."""
    first = _archive_from(model)
    out = {r["night"]: _run_path(r) for r in sorted(
        model.runs, key=lambda r: r["platform"], reverse=True) if r["night"] >= first}
    for f in sorted(model.snapshots["_file"].unique(), reverse=True):
        if _nightly(f) and Path(f).stem >= first:
            out[Path(f).stem] = _snapshots_path(f)
    return out


def archived_files(model) -> dict[str, list[str]]:
    """Every file of `archive/<night>/`, by night, newest night first: each platform's
    observations, then each platform's run record (the files nightly_archives writes)."""
    first = _archive_from(model)
    out: dict[str, list[str]] = {}
    for f in sorted(model.snapshots["_file"].unique()):
        if _nightly(f) and Path(f).stem >= first:
            out.setdefault(Path(f).stem, []).append(_snapshots_path(f))
    for r in sorted(model.runs, key=lambda r: r["platform"]):
        if r["night"] >= first:
            out.setdefault(r["night"], []).append(_run_path(r))
    return dict(sorted(out.items(), reverse=True))


GZIP_HEADER = gzip.compress(b"", 1, mtime=0)[:10]  # no name, no comment, no extra field, no date


def _compresses(data: bytes, text: bytes) -> bool:
    """Whether `data` is one gzip member of `text` with this build's own header and nothing
    after it: kept bytes are checked against the night's text rather than trusted (inflating
    is a fifth of the cost of compressing), and nothing can ride in a header field."""
    if not data.startswith(GZIP_HEADER):
        return False
    inflate = zlib.decompressobj(wbits=31)
    try:
        return inflate.decompress(data, len(text) + 1) == text and inflate.eof and not inflate.unused_data
    except zlib.error:
        return False


def nightly_archives(model, lines: CsvRows, made=None) -> Iterator[tuple[str, bytes]]:
    """`archive/<night>/`: each night's observations and run record as that night wrote them.

    Both come from files that never change once their night is over, so every later build
    makes the same bytes: the archive of a night stays byte-identical without being kept
    anywhere but in the data's own history. Compressed: a year of nights at 5,000 accounts
    is about 70 MB instead of 245. `lines` are the CSV lines of `model.snapshots`; one sort
    groups them by night, so a year of nights costs one pass, not 365.

    `made` (store.archive.Made, or None) keeps each compressed night with the digest of the
    file it was made from and of the code that made it, so a night is compressed once rather
    than on each of its 400 nights on the site. What comes back is published only when it is
    this night's text compressed as this build would (`_compresses`); a night with a cell held
    back is the night's own, made again and not kept.
    """
    snaps = model.snapshots
    first = _archive_from(model)
    # The file of each row as a number (the model keeps it as categories): years of rows are
    # not copied as texts, and only the rows of archived nights are put in order.
    files = snaps["_file"]
    files = files.array if isinstance(files.dtype, pd.CategoricalDtype) else pd.Categorical(files)
    codes, names = files.codes, files.categories
    archived = np.array([_nightly(str(n)) and Path(n).stem >= first for n in names], dtype=bool)
    rows = np.flatnonzero(archived[codes])
    order = rows[np.lexsort((snaps["_line"].to_numpy()[rows], codes[rows]))]
    published = set()
    code_made = code_digest() if made is not None else ""
    for code, start, stop in _slices(codes[order]):
        name = Path(names[int(code)])
        path = _snapshots_path(name)
        night = order[start:stop]
        text = (BOM + _rows_file(schema.SNAPSHOT, lines, night)).encode("utf-8")
        source = model.digests.get(str(names[int(code)]))
        source = source and (lines.refs[night] >= 0).all() and f"{source} {code_made}"
        data = made.get(path, source) if made is not None and source else None
        if data is None or not _compresses(data, text):
            data = gzip.compress(text, 1, mtime=0)
            if made is not None and source:
                made.put(path, source, data)
        published.add(path)
        yield path, data
    if made is not None:
        made.keep(published)
    for record in (r for r in model.runs if r["night"] >= first):
        body = json.dumps(record, ensure_ascii=False, indent=1, sort_keys=True) + "\n"
        yield _run_path(record), body.encode("utf-8")


def published_files(model, documents: dict[str, str] | None = None, site_url: str = "", made=None,
                    last_zip: bytes | None = None, night: str | None = None) -> Iterator[tuple[str, str | bytes]]:
    """(path under data/, text or bytes) of every published file: the CSVs (with a BOM), the
    datapackage, the night's ZIP of all of them with the methodology, caveats and a
    CITATION file, the search index and the nightly archives (the league table's slices,
    written in each language, come from render/league.py). `last_zip`: a ZIP whose members
    tonight's may be taken from, where they are tonight's files (see _Bundle); `night`: the
    data's newest night, whose pinned ZIP CITATION.cff names."""
    resources = []
    tables: dict[str, schema.Table] = {}
    bundle = _Bundle(model.newest_observation, members(last_zip) if last_zip else None)

    def emit(path: str, table: schema.Table, title: str, text: str):
        resources.append(_resource(path, table, title))
        tables[schema_path(table)] = table
        text = BOM + text
        bundle.add(path, text)
        return path, text

    for path, table, title, text in top_level_files(model):
        yield emit(path, table, title, text)
        if table is schema.HANDLES:
            for state, state_path, state_text in state_files(model.listed["state"].to_numpy(dtype=object), text):
                yield emit(state_path, table, f"Every department and platform of {state}: status and reach",
                           state_text)

    snaps = model.snapshots
    lines = CsvRows(snaps, schema.SNAPSHOT, model.lines)
    history = HistoryRows(model, lines)
    # `snaps` is ordered by department: each department's rows are one slice.
    kept = model.history_rows
    codes, names = _coded(snaps["department_id"])
    spans = {names[int(code)]: np.arange(start, stop) for code, start, stop in _slices(codes[kept])}
    if len(model.filers):
        spans.update(_with_shared(spans, snaps["platform"].to_numpy(dtype=object)[kept], model.filers))
    for dept in [*spans, *(d for d in model.departments["department_id"] if d not in spans)]:
        # Never observed: the file still exists, with its header.
        text = _header(schema.HISTORY) + (history.text(kept[spans[dept]]) if dept in spans else "")
        yield emit(urls.department_csv(dept).removeprefix("data/"), schema.HISTORY, f"Observations of {dept}", text)
    rates = model.rates
    # Formatted once, then sliced like the observations (cells never hold a line break).
    rate_lines = np.array(schema.PUBLISHED_COMPLAINTS.to_csv(rates, published=True).split("\n")[1:-1], dtype=object)
    for dept, start, stop in _slices(rates["department_id"].to_numpy(dtype=object)):
        path = urls.department_complaints_csv(dept).removeprefix("data/")
        yield emit(path, schema.PUBLISHED_COMPLAINTS, f"Complaint figures of {dept}",
                   _joined(schema.PUBLISHED_COMPLAINTS, rate_lines[start:stop]))
    # The search page's index of departments: documented on the Downloads page, not a table.
    yield "search.json", directory_index(model.handles, model.district_registry, model.titles,
                                         set(model.districts["key"]), set(model.handles["state"]))
    for path, table in sorted(tables.items()):
        text = _schema_file(table)
        bundle.add(path, text)
        yield path, text
    package = {"name": "jawabdehi", "title": "Jawabdehi: government social-media handles and complaint statistics",
               "licenses": [LICENSE], "resources": resources}
    text = json.dumps(package, ensure_ascii=False, indent=2) + "\n"
    bundle.add("datapackage.json", text)
    for name, document in sorted((documents or {}).items()):
        bundle.add(name, document)
    bundle.add("CITATION.cff", citation(model, site_url, night))
    yield "datapackage.json", text
    yield ZIP_NAME, bundle.close()
    yield from nightly_archives(model, lines, made)


def _coded(column: pd.Series) -> tuple[np.ndarray, np.ndarray]:
    """Each row's code and the values the codes stand for: a categorical column's own (small
    numbers, not a pointer a row), any other's worked out."""
    if isinstance(column.dtype, pd.CategoricalDtype):
        return column.cat.codes.to_numpy(), column.cat.categories.to_numpy(dtype=object)
    codes, names = pd.factorize(column.to_numpy(dtype=object))
    return codes, np.asarray(names, dtype=object)


def _with_shared(spans: dict[str, np.ndarray], platforms: np.ndarray, shared: pd.DataFrame) -> dict[str, np.ndarray]:
    """The rows (positions, as in `spans`, each department's own) of the history file of each
    department listing a shared account (`shared`, compute.shared.filers): the account's rows
    filed under any of its departments, each as filed (its filer's id on it, the same rows in
    each of their files), the counting department's first."""
    none = np.zeros(0, dtype=np.int64)
    out = {}
    for dept, rows in shared.sort_values("rank", kind="stable").groupby("department_id", sort=False):
        own = spans.get(dept, none)
        parts = [own[~np.isin(platforms[own], rows["platform"].to_numpy(dtype=object))]]
        for platform, filer in zip(rows["platform"], rows["filed_by"], strict=True):
            theirs = spans.get(filer, none)
            parts.append(theirs[platforms[theirs] == platform])
        out[dept] = np.concatenate(parts)
    return out


def state_files(states: np.ndarray, handles_text: str) -> Iterator[tuple[str, str, str]]:
    """(state, path, text) of each state's rows of handles.csv (`states` gives each row's
    state): the file of that state's list of accounts."""
    header, *lines = handles_text.split("\n")[:-1]  # no cell holds a line break (schema.py)
    lines = np.array(lines, dtype=object)
    for state in sorted(set(states)):
        path = urls.state_csv(place_key(state)).removeprefix("data/")
        yield state, path, _joined_lines(header, lines[states == state])


def _joined_lines(header: str, lines) -> str:
    return header + "\n" + "".join(line + "\n" for line in lines)


# The ZIP of every published file, under data/. It is made again every night, and two nights
# of the same as-of date (one whose lookups all failed, a correction typed in) make other
# bytes: a date in its name would promise a journalist what it cannot keep. It is named as
# what it is, the latest, and the night is cited by its pinned ZIP (`tonight_pin`).
ZIP_NAME = "jawabdehi-latest.zip"
