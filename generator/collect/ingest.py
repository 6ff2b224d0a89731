"""Anonymising ingest of complaint-level exports from grievance trackers.

Only the mapped columns (received, status, closed, first response, duplicate-of) are read
into memory; every other column is dropped on read and its values never leave this module.
What is written are counts and medians per department, channel and complete month; months
with fewer than K complaints, medians over fewer than K, and status counts of 1 to K-1
(with what would give them back) are not published, and a month once published never
changes.
"""

from __future__ import annotations

import csv
import hashlib
import io
import random
from collections import defaultdict
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta, timezone
from pathlib import Path
from statistics import median

import pandas as pd

from .. import paths, schema
from ..config import SMALLEST_K, check_mapping
from ..problems import Problem, ProblemError
from ..store.csvio import decode_utf8, read_table, write_atomic

DEFAULT_MAPPING = {
    "columns": {
        "received_at": ["received_at", "received", "created_at", "date", "complaint_date", "दिनांक",
                        "प्राप्ति तिथि"],
        "status": ["status", "state", "स्थिति"],
        "closed_at": ["closed_at", "resolved_at", "closed", "disposal_date", "निस्तारण तिथि"],
        "first_response_at": ["first_response_at", "first_reply_at", "acknowledged_at"],
        "category": ["category", "type", "श्रेणी"],
        "duplicate_of": ["duplicate_of", "duplicate", "parent_id"],
    },
    "status": {
        "resolved": ["resolved", "closed", "disposed", "action taken", "निस्तारित", "समाधान"],
        "rejected": ["rejected", "not reasonable", "invalid", "false", "अस्वीकृत"],
        "pending": ["pending", "open", "in progress", "forwarded", "लंबित"],
        "duplicate": ["duplicate", "repeat", "दोहराव"],
    },
}
TIME_FORMATS = ("%Y-%m-%d %H:%M:%S", "%Y-%m-%d %H:%M", "%Y-%m-%d", "%d-%m-%Y %H:%M:%S", "%d-%m-%Y %H:%M",
                "%d-%m-%Y", "%d/%m/%Y %H:%M:%S", "%d/%m/%Y %H:%M", "%d/%m/%Y")
# The published part of a month for each kind of complaint; together they are the month.
PARTS = {"resolved": "resolved", "rejected": "rejected", "pending": "pending", "duplicates": "duplicate"}
EXPORTS = "complaints/exports"
LEDGER = paths.INGEST_LEDGER
WITHDRAWN = paths.WITHDRAWN_COMPLAINTS_CSV


class IngestError(ProblemError):
    def __init__(self, problems: list[Problem]):
        super().__init__(problems, "the export was refused and nothing was written")


@dataclass
class Mapping:
    columns: dict[str, list[str]]
    status: dict[str, str]  # lower-cased source value -> resolved / rejected / pending / duplicate

    @classmethod
    def load(cls, path: Path | None) -> Mapping:
        raw = {"columns": dict(DEFAULT_MAPPING["columns"]), "status": dict(DEFAULT_MAPPING["status"])}
        mapped: set[str] = set()  # the kinds the file lists values of
        if path is not None:
            extra = check_mapping(Path(path), set(DEFAULT_MAPPING["columns"]), set(DEFAULT_MAPPING["status"]))
            for section in ("columns", "status"):
                for key, values in extra.get(section, {}).items():
                    raw[section][key] = [values] if isinstance(values, str) else list(values)
            mapped = set(extra.get("status", {}))
        # A value the file lists wins over the kind the defaults give it (check_mapping refuses
        # one the file itself lists under two kinds).
        given = {v.strip().lower() for kind in mapped for v in raw["status"][kind]}
        status = {v.strip().lower(): kind for kind, values in raw["status"].items() for v in values
                  if kind in mapped or v.strip().lower() not in given}
        return cls(raw["columns"], status)

    def locate(self, header: list[str]) -> dict[str, int]:
        lowered = {h.strip().lower(): i for i, h in enumerate(header)}
        found = {}
        for role, names in self.columns.items():
            for name in names:
                if name.strip().lower() in lowered:
                    found[role] = lowered[name.strip().lower()]
                    break
        return found


# Complaints are counted by the month of India's clock: a time with another offset is moved
# to it (a complaint at 20:00 UTC on 31 August was made on 1 September in India); a time
# without one is taken as written, in India.
IST = timezone(timedelta(hours=5, minutes=30))
EARLIEST = datetime(2000, 1, 1)  # no grievance system exported here is older: an earlier year is a typing error


def _parse_time(value: str) -> datetime:
    value = value.strip()
    parsed = None
    try:
        parsed = datetime.fromisoformat(value.replace("Z", "+00:00"))
        if parsed.tzinfo is not None:
            parsed = parsed.astimezone(IST).replace(tzinfo=None)
    except OverflowError:
        # Moved to India's clock, a time at either end of the calendar leaves it: trackers
        # write 9999-12-31T23:59:59Z for "never closed".
        raise ValueError("is not a date or time a complaint can have (at the end of the calendar)") from None
    except ValueError:
        for fmt in TIME_FORMATS:
            try:
                parsed = datetime.strptime(value, fmt)
                break
            except ValueError:
                continue
    if parsed is None:
        raise ValueError("is not a date or time in a known format")
    if parsed < EARLIEST:
        raise ValueError(f"is before {EARLIEST.year}: a typing error")
    return parsed


@dataclass
class Complaint:
    """The only fields of a complaint kept in memory: no text, no person, no id."""

    received: datetime
    kind: str
    closed: datetime | None
    first_response: datetime | None


@dataclass
class Report:
    rows_read: int = 0
    rows_taken: int = 0
    skipped: int = 0
    # By position from 1, never by name: the console is a public log in CI, and a header cell
    # is typed by anyone (an export without a header has a complainant's row in its place).
    dropped_columns: list[int] = field(default_factory=list)
    periods: list[str] = field(default_factory=list)
    already: bool = False
    problems: list[Problem] = field(default_factory=list)

    def lines(self) -> list[str]:
        if self.already:
            return ["this export was ingested before; nothing changed"]
        out = [f"rows read {self.rows_read}, taken {self.rows_taken}, skipped {self.skipped}",
               f"columns dropped, never read: {', '.join(map(str, self.dropped_columns)) or 'none'} (by position)"]
        out += [f"written: {p}" for p in self.periods]
        return out


def read_export(path: Path, mapping: Mapping, label: str, exported_on: date) -> tuple[list[Complaint], Report]:
    """The complaints of an export; a row dated after the export was taken is a typing error
    (a year 2062 for 2026), and would make a half-covered month look complete."""
    report = Report()
    text, problem = decode_utf8(Path(path).read_bytes(), label)
    if problem is not None:
        raise IngestError([problem])
    reader = csv.reader(io.StringIO(text, newline=""))
    header = next(reader, None) or []
    if not any(cell.strip() for cell in header):
        raise IngestError([Problem(label, 1, "-", "file is empty; expected a header row")])
    where = mapping.locate(header)
    named = [h.strip().lower() for h in header]
    for role, at in where.items():
        # Two columns of one mapped name: whichever were read, the other might hold the figures.
        twice = [i + 1 for i, h in enumerate(named) if h == named[at]]
        if len(twice) > 1:
            at_positions = ", ".join(map(str, twice))
            raise IngestError([Problem(label, 1, role, f"the header names {len(twice)} columns {named[at]!r} (at "
                                                       f"positions {at_positions}): rename or remove all but the "
                                                       "one that holds it")])
    for role in ("received_at", "status"):
        if role not in where:
            names = ", ".join(mapping.columns[role])
            raise IngestError([Problem(label, 1, role, f"no column for {role} (looked for: {names})")])
    used = set(where.values())
    report.dropped_columns = [i + 1 for i in range(len(header)) if i not in used and i != where.get("category")]
    complaints = []
    for line, cells in _records(reader, label, len(header)):
        if not any(c.strip() for c in cells):
            continue
        report.rows_read += 1
        if len(cells) != len(header):
            # A row cut short (a half-copied last line) or one with a stray comma has its
            # columns moved: its cells would be read as other columns' values.
            report.problems.append(Problem(label, line, "-", f"{len(cells)} cells where the header has "
                                                             f"{len(header)}"))
            continue
        try:
            complaints.append(_complaint(cells, where, mapping, exported_on))
        except ValueError as exc:
            column, message = exc.args if len(exc.args) == 2 else ("-", str(exc))
            report.problems.append(Problem(label, line, column, message))
    report.rows_taken = len(complaints)
    report.skipped = len(report.problems)
    return complaints, report


def _records(reader, label: str, columns: int) -> Iterator[tuple[int, list[str]]]:
    """(first line, cells) of each record. A quote that opens a cell and never closes where it
    should takes the lines after it into that cell, rows and all: their complaints would be
    lost without a word (with --skip-bad, only the one row would be counted as skipped), so
    a cell whose lines read as rows of their own stops the export."""
    start = reader.line_num + 1
    while True:
        try:
            cells = next(reader)
        except StopIteration:
            return
        except csv.Error as exc:  # a cell longer than any complaint's, or a NUL
            raise IngestError([Problem(label, start, "-", f"cannot be read as CSV ({exc})")]) from None
        if reader.line_num > start:
            for cell in cells:
                inner = cell.split("\n")[1:]
                if any(line.count(",") >= max(columns - 1, 1) for line in inner):
                    raise IngestError([Problem(label, start, "-", (
                        f"a quote opens a cell here that runs on over lines {start + 1}-{reader.line_num}, "
                        "which read as rows of their own: a stray quote (\") in the export? Nothing was "
                        "ingested"))])
        yield start, cells
        start = reader.line_num + 1


def _cell(cells: list[str], where: dict[str, int], role: str) -> str:
    i = where.get(role)
    return cells[i].strip() if i is not None and i < len(cells) else ""


def _complaint(cells: list[str], where: dict[str, int], mapping: Mapping, exported_on: date) -> Complaint:
    def when(role: str, required: bool) -> datetime | None:
        value = _cell(cells, where, role)
        if not value:
            if required:
                raise ValueError(role, "is empty")
            return None
        try:
            parsed = _parse_time(value)
        except ValueError as exc:
            raise ValueError(role, str(exc)) from None
        if parsed.date() > exported_on:
            raise ValueError(role, f"is after the export's date ({exported_on.isoformat()}); check the year")
        return parsed

    received = when("received_at", True)
    status = _cell(cells, where, "status").lower()
    kind = mapping.status.get(status)
    if kind is None:
        # The value itself is never repeated: a status cell may hold anything a clerk typed.
        raise ValueError("status", "holds a status value the mapping does not know; add it to the mapping")
    closed = when("closed_at", False)
    if closed is not None and closed < received:
        raise ValueError("closed_at", "is before the complaint was received")
    first = when("first_response_at", False)
    if first is not None and first < received:
        raise ValueError("first_response_at", "is before the complaint was received")
    # Every complaint is counted in exactly one part, so the parts add up to received (the
    # methodology says so, and the suppression relies on it): one that repeats another is a
    # duplicate, whatever status it was given.
    if _cell(cells, where, "duplicate_of"):
        kind = "duplicate"
    return Complaint(received, kind, closed, first)


def _median(values: list[float], k: int, digits: int) -> float | None:
    """A median over fewer than k complaints is one complaint's figure, nearly: not published."""
    return round(median(values), digits) if len(values) >= k else None


Chooser = Callable[[list[str]], str]


def suppress(counts: dict[str, int], received: int, k: int, choose: Chooser) -> dict[str, int | None] | None:
    """The parts of a month (resolved, rejected, pending, duplicates: they add up to received)
    with every cell of 1 to k-1 hidden, and then others too until no hidden cell can be
    worked out from the rest: never one hidden cell alone (received minus the shown parts
    would give it back), and never hidden cells that together hold so few complaints that
    each must be small. Zeros are shown, so a hidden cell is known to be at least 1: with m
    cells hidden, one of them can be as large as their sum less m-1, and that must be k or
    more. Where no choice of cells does that (every part holding complaints is small), the
    month is not published: None.

    Which further cell goes is `choose`n at random among those holding complaints: a rule
    such as "the smallest other cell", or "never resolved", would itself tell a reader who
    knows it which hidden cell is the small one."""
    shown: dict[str, int | None] = dict(counts)
    for name, n in counts.items():
        if 0 < n < k:
            shown[name] = None
    while True:
        hidden = [name for name, n in shown.items() if n is None]
        together = received - sum(n for n in shown.values() if n is not None)
        if not hidden or (len(hidden) > 1 and together - (len(hidden) - 1) >= k):
            return shown
        candidates = sorted(name for name, n in shown.items() if n)
        if not candidates:
            # Every part that holds complaints is small: no row of this month can be shown.
            return None
        shown[choose(candidates)] = None


def chooser(secret: bytes, month: date) -> Chooser:
    """A choice no reader can repeat: seeded by the export's own bytes, which are never
    published (the ledger holds only a digest of them with the department and channel)."""
    rng = random.Random(hashlib.sha256(secret + month.isoformat().encode()).digest())
    return lambda options: options[rng.randrange(len(options))]


def _aggregate(items: list[Complaint], k: int, choose: Chooser) -> dict | None:
    response = [(c.first_response - c.received).total_seconds() / 60 for c in items if c.first_response]
    counts = {part: sum(c.kind == kind for c in items) for part, kind in PARTS.items()}
    shown = suppress(counts, len(items), k, choose)
    if shown is None:
        return None
    # A median over k or more resolved complaints says there were k or more: not where the
    # count itself is hidden.
    resolution = [(c.closed - c.received).total_seconds() / 3600 for c in items
                  if c.kind == "resolved" and c.closed] if shown["resolved"] is not None else []
    return {
        "received": len(items),
        **shown,
        "median_resolution_hours": _median(resolution, k, 2),
        "median_response_minutes": _median(response, k, 1),
    }


def _month_end(day: date) -> date:
    following = date(day.year + day.month // 12, day.month % 12 + 1, 1)
    return date.fromordinal(following.toordinal() - 1)


@dataclass
class MonthPlan:
    """What becomes of each month an export touches."""

    rows: list[dict] = field(default_factory=list)
    incomplete: list[str] = field(default_factory=list)
    too_few: list[str] = field(default_factory=list)


def month_rows(complaints: list[Complaint], department: str, channel: str, k: int, source_url: str,
               exported_on: date, covers_from: date | None = None, secret: bytes = b"") -> MonthPlan:
    """One row per complete month with at least k complaints; nothing finer.

    A month is complete only when the export demonstrably covers all of it: it was taken
    after the month's last day and holds a complaint received after it (so it did not stop
    inside the month), and it starts on or before the month's first day (a complaint received
    that day, or `covers_from`). `secret` seeds the choice of cells hidden beside small ones.
    Day cells are never published: any set of small cells
    changes when a later export replaces them, and two versions in the data's history could
    then be subtracted to give a small one back.
    """
    plan = MonthPlan()
    latest = max(c.received for c in complaints).date()
    earliest = min(c.received for c in complaints).date()
    starts = min(earliest, covers_from) if covers_from is not None else earliest
    by_month: dict[date, list[Complaint]] = defaultdict(list)
    for c in complaints:
        by_month[c.received.date().replace(day=1)].append(c)
    base = {"department_id": department, "channel": channel, "reported_resolution_rate": None,
            "source": "ingest", "source_url": source_url}
    for month, items in sorted(by_month.items()):
        label = month.isoformat()[:7]
        end = _month_end(month)
        if end >= latest or end >= exported_on or starts > month:
            plan.incomplete.append(label)
        elif len(items) < k or (figures := _aggregate(items, k, chooser(secret, month))) is None:
            plan.too_few.append(label)
        else:
            plan.rows.append({**base, "period_start": month.isoformat(), "period_end": end.isoformat(), **figures})
    return plan


def export_file(data_dir: Path, department: str, channel: str) -> Path:
    return Path(data_dir) / EXPORTS / f"{department}--{channel}.csv"


def _existing(path: Path, table: schema.Table) -> list[dict]:
    if not path.exists():
        return []
    frame, problems = read_table(path, table)
    if problems:
        raise IngestError(problems)
    return [{key: (None if pd.isna(v) else v) for key, v in r.items() if not key.startswith("_")}
            for r in frame.to_dict("records")]


def _same_figures(a: dict, b: dict) -> bool:
    return all(a.get(c.name) == b.get(c.name) or (pd.isna(a.get(c.name)) and pd.isna(b.get(c.name)))
               for c in schema.COMPLAINTS.columns if c.kind in ("integer", "number"))


def export_fingerprint(raw: bytes, department: str, channel: str, exported_on: date,
                       covers_from: date | None = None) -> str:
    """What the ledger records of an ingest. The same export taken with other options (a
    corrected --exported-on) is another ingest."""
    return hashlib.sha256(raw + f"|{department}|{channel}|{exported_on}|{covers_from}".encode()).hexdigest()


def ingest(path: Path, data_dir: Path, department: str, channel: str, *, exported_on: date,
           covers_from: date | None = None, mapping: Mapping | None = None, skip_bad: bool = False, k: int = 5,
           known_departments: set[str] | None = None) -> Report:
    """Aggregate one export into the data folder; refuse the whole file on any bad row
    unless `skip_bad`. `exported_on` is the day the export was taken: no complaint can be
    dated after it. `mapping`: the export's columns and status values (Mapping.load; the
    defaults when None)."""
    data_dir = Path(data_dir)
    label = str(path)
    if known_departments is not None and department not in known_departments:
        raise IngestError([Problem(label, 0, "--department", f"unknown department id {department!r}")])
    if k < SMALLEST_K:  # load_config refuses it too; ingest is also called without it
        raise IngestError([Problem(str(data_dir / "config.toml"), 0, "small_cell_k", f"must be {SMALLEST_K} or more")])
    schema._slug(channel)
    raw = Path(path).read_bytes()
    fingerprint = export_fingerprint(raw, department, channel, exported_on, covers_from)
    ledger = data_dir / LEDGER
    seen = ledger.read_text(encoding="utf-8").split() if ledger.exists() else []
    complaints, report = read_export(path, mapping or Mapping.load(None), label, exported_on)
    if report.problems and not skip_bad:
        raise IngestError(report.problems)
    if fingerprint in seen:
        report.already = True
        return report
    if not complaints:
        raise IngestError([Problem(label, 1, "-", "no complaint rows to take")])
    plan = month_rows(complaints, department, channel, k, f"export:{fingerprint[:16]}", exported_on, covers_from,
                      secret=hashlib.sha256(b"complement|" + raw).digest())
    target = export_file(data_dir, department, channel)
    existing = _existing(target, schema.COMPLAINTS)
    withdrawn = {r["period_start"][:7] for r in _existing(data_dir / WITHDRAWN, schema.WITHDRAWN_COMPLAINTS)
                 if r["department_id"] == department and r["channel"] == channel}
    # A month once published never changes: a later export that covers it again is not
    # used for it, so no two versions of a month exist to be subtracted from each other.
    # One published wrongly is withdrawn (withdraw-complaints), never overwritten.
    published = {r["period_start"][:7]: r for r in existing}
    new = [r for r in plan.rows if r["period_start"][:7] not in published and r["period_start"][:7] not in withdrawn]
    report.periods = [f"{r['period_start'][:7]}: {r['received']} received, published" for r in new]
    for row in plan.rows:
        month = row["period_start"][:7]
        if month in withdrawn:
            report.periods.append(f"{month}: withdrawn before; not published again")
        elif month in published and _same_figures(published[month], row):
            report.periods.append(f"{month}: published before; kept as it was")
        elif month in published:
            report.periods.append(f"{month}: published before with other figures; kept as it was (if the published "
                                  f"month is wrong, withdraw it with withdraw-complaints)")
    report.periods += [f"{m}: the export does not cover all of this month; not published until one does"
                       for m in plan.incomplete]
    report.periods += [f"{m}: too few complaints in each part to show any safely (fewer than {k}); not published"
                       for m in plan.too_few]
    if new:
        merged = sorted(existing + new, key=lambda r: r["period_start"])
        write_atomic(target, schema.COMPLAINTS.to_csv(pd.DataFrame(merged)))
    write_atomic(ledger, "".join(f"{f}\n" for f in sorted(set(seen) | {fingerprint})))
    return report


def withdraw(data_dir: Path, department: str, channel: str, month: str, reason: str, on: date) -> list[str]:
    """Take a published month's figures out of the data for good, and leave a dated record
    of the withdrawal, shown wherever the month was. Returns what was done, as lines."""
    data_dir = Path(data_dir)
    where = f"{department}/{channel}/{month}"
    record = str(data_dir / WITHDRAWN)

    def refused(option: str, message: str) -> ProblemError:
        return ProblemError([Problem(record, 0, option, message)], "nothing was withdrawn")

    # Checked as the record's cells are when read back: a reason the file would refuse is refused now.
    columns = {c.name: c for c in schema.WITHDRAWN_COMPLAINTS.columns}
    for option, value, column in (("--department", department, "department_id"), ("--channel", channel, "channel"),
                                  ("--reason", reason.strip(), "reason")):
        try:
            columns[column].check(value)
        except schema.CellError as exc:
            raise refused(option, str(exc)) from None
    try:
        start = date.fromisoformat(f"{month}-01")
    except ValueError:
        raise refused("--month", f"{month!r} is not a month (YYYY-MM)") from None
    if not reason.strip():
        raise refused("--reason", "is required: say why the month is withdrawn")
    target = export_file(data_dir, department, channel)
    rows = _existing(target, schema.COMPLAINTS)
    kept = [r for r in rows if r["period_start"] != start.isoformat()]
    records = _existing(data_dir / WITHDRAWN, schema.WITHDRAWN_COMPLAINTS)
    if len(kept) == len(rows):
        done = next((r for r in records if (r["department_id"], r["channel"], r["period_start"]) ==
                     (department, channel, start.isoformat())), None)
        said = (f"{month} of {department} on {channel} was already withdrawn on {done['withdrawn_on']}" if done
                else f"no published month {month} of {department} on {channel} to withdraw" if target.exists()
                else f"no complaint figures of {department} on {channel} were ever ingested (check the "
                     "department id and the channel)")
        raise ProblemError([Problem(str(target), 0, "--month", said)], "nothing was withdrawn")
    records.append({"department_id": department, "channel": channel, "period_start": start.isoformat(),
                    "withdrawn_on": on.isoformat(), "reason": reason.strip()})
    write_atomic(data_dir / WITHDRAWN, schema.WITHDRAWN_COMPLAINTS.to_csv(pd.DataFrame(records)))
    columns = [c.name for c in schema.COMPLAINTS.columns]
    write_atomic(target, schema.COMPLAINTS.to_csv(pd.DataFrame(kept, columns=columns)))
    return [f"{where}: withdrawn on {on.isoformat()}; its figures are gone from {target.name}",
            "earlier versions stay in the repository's history until it is purged (see the README)"]
