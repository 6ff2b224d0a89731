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
import tomllib
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from statistics import median

import pandas as pd

from .. import schema
from ..problems import Problem, ProblemError
from ..store.csvio import read_table, write_atomic

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
EXPORTS = "complaints/exports"
LEDGER = "complaints/ingested.txt"


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
        if path is not None:
            extra = tomllib.loads(Path(path).read_text(encoding="utf-8"))
            for section in ("columns", "status"):
                for key, values in extra.get(section, {}).items():
                    raw[section][key] = [values] if isinstance(values, str) else list(values)
        status = {v.strip().lower(): kind for kind, values in raw["status"].items() for v in values}
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


def _parse_time(value: str) -> datetime:
    value = value.strip()
    try:
        parsed = datetime.fromisoformat(value.replace("Z", "+00:00"))
        return parsed.replace(tzinfo=None)
    except ValueError:
        pass
    for fmt in TIME_FORMATS:
        try:
            return datetime.strptime(value, fmt)
        except ValueError:
            continue
    raise ValueError("is not a date or time in a known format")


@dataclass
class Complaint:
    """The only fields of a complaint kept in memory: no text, no person, no id."""

    received: datetime
    kind: str
    closed: datetime | None
    first_response: datetime | None
    duplicate: bool


@dataclass
class Report:
    rows_read: int = 0
    rows_taken: int = 0
    skipped: int = 0
    dropped_columns: list[str] = field(default_factory=list)
    periods: list[str] = field(default_factory=list)
    already: bool = False
    problems: list[Problem] = field(default_factory=list)

    def lines(self) -> list[str]:
        if self.already:
            return ["this export was ingested before; nothing changed"]
        out = [f"rows read {self.rows_read}, taken {self.rows_taken}, skipped {self.skipped}",
               f"columns dropped: {', '.join(self.dropped_columns) or 'none'}"]
        out += [f"written: {p}" for p in self.periods]
        return out


def read_export(path: Path, mapping: Mapping, label: str) -> tuple[list[Complaint], Report]:
    report = Report()
    text = Path(path).read_bytes().decode("utf-8-sig")
    reader = csv.reader(io.StringIO(text, newline=""))
    header = next(reader, None) or []
    where = mapping.locate(header)
    for role in ("received_at", "status"):
        if role not in where:
            names = ", ".join(mapping.columns[role])
            raise IngestError([Problem(label, 1, role, f"no column for {role} (looked for: {names})")])
    used = set(where.values())
    report.dropped_columns = [h for i, h in enumerate(header) if i not in used and i != where.get("category")]
    complaints = []
    for cells in reader:
        line = reader.line_num
        if not any(c.strip() for c in cells):
            continue
        report.rows_read += 1
        try:
            complaints.append(_complaint(cells, where, mapping))
        except ValueError as exc:
            column, message = exc.args if len(exc.args) == 2 else ("-", str(exc))
            report.problems.append(Problem(label, line, column, message))
    report.rows_taken = len(complaints)
    report.skipped = len(report.problems)
    return complaints, report


def _cell(cells: list[str], where: dict[str, int], role: str) -> str:
    i = where.get(role)
    return cells[i].strip() if i is not None and i < len(cells) else ""


def _complaint(cells: list[str], where: dict[str, int], mapping: Mapping) -> Complaint:
    def when(role: str, required: bool) -> datetime | None:
        value = _cell(cells, where, role)
        if not value:
            if required:
                raise ValueError(role, "is empty")
            return None
        try:
            return _parse_time(value)
        except ValueError as exc:
            raise ValueError(role, str(exc)) from None

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
    duplicate = kind == "duplicate" or bool(_cell(cells, where, "duplicate_of"))
    return Complaint(received, kind, closed, first, duplicate)


def _median(values: list[float], k: int, digits: int) -> float | None:
    """A median over fewer than k complaints is one complaint's figure, nearly: not published."""
    return round(median(values), digits) if len(values) >= k else None


def suppress(counts: dict[str, int], received: int, k: int) -> dict[str, int | None]:
    """Resolved, rejected and pending counts with every cell of 1 to k-1 blanked, and then
    the smallest others too while the blanked cells (with the complaints of no status shown,
    duplicates) would add up to 1 to k-1: so no small group can be got back by subtraction."""
    shown = dict(counts)
    for name, n in counts.items():
        if 0 < n < k:
            shown[name] = None
    while True:
        hidden = received - sum(n for n in shown.values() if n is not None)
        if not 0 < hidden < k:
            return shown
        candidates = [(n, name) for name, n in shown.items() if n]
        if not candidates:
            return shown
        shown[min(candidates)[1]] = None


def _aggregate(items: list[Complaint], k: int) -> dict:
    resolution = [(c.closed - c.received).total_seconds() / 3600 for c in items
                  if c.kind == "resolved" and c.closed]
    response = [(c.first_response - c.received).total_seconds() / 60 for c in items if c.first_response]
    counts = {kind: sum(c.kind == kind for c in items) for kind in ("resolved", "rejected", "pending")}
    duplicates = sum(c.duplicate for c in items)
    return {
        "received": len(items),
        **suppress(counts, len(items), k),
        "duplicates": None if 0 < duplicates < k else duplicates,
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


def month_rows(complaints: list[Complaint], department: str, channel: str, k: int, source_url: str) -> MonthPlan:
    """One row per complete month with at least k complaints; nothing finer.

    A month is complete when the export runs past its end. Day cells are never published:
    any set of small cells changes when a later export replaces them, and two versions in
    the data's history could then be subtracted to give a small one back.
    """
    plan = MonthPlan()
    latest = max(c.received for c in complaints).date()
    by_month: dict[date, list[Complaint]] = defaultdict(list)
    for c in complaints:
        by_month[c.received.date().replace(day=1)].append(c)
    base = {"department_id": department, "channel": channel, "reported_resolution_rate": None,
            "source": "ingest", "source_url": source_url}
    for month, items in sorted(by_month.items()):
        label = month.isoformat()[:7]
        if _month_end(month) >= latest:
            plan.incomplete.append(label)
        elif len(items) < k:
            plan.too_few.append(label)
        else:
            plan.rows.append({**base, "period_start": month.isoformat(),
                              "period_end": _month_end(month).isoformat(), **_aggregate(items, k)})
    return plan


def export_file(data_dir: Path, department: str, channel: str) -> Path:
    return Path(data_dir) / EXPORTS / f"{department}--{channel}.csv"


def ingest(path: Path, data_dir: Path, department: str, channel: str, *, mapping_path: Path | None = None,
           skip_bad: bool = False, k: int = 5, known_departments: set[str] | None = None) -> Report:
    """Aggregate one export into the data folder; refuse the whole file on any bad row
    unless `skip_bad`."""
    data_dir = Path(data_dir)
    label = str(path)
    if known_departments is not None and department not in known_departments:
        raise IngestError([Problem(label, 0, "--department", f"unknown department id {department!r}")])
    schema._slug(channel)
    raw = Path(path).read_bytes()
    fingerprint = hashlib.sha256(raw + f"|{department}|{channel}".encode()).hexdigest()
    ledger = data_dir / LEDGER
    seen = ledger.read_text(encoding="utf-8").split() if ledger.exists() else []
    complaints, report = read_export(path, Mapping.load(mapping_path), label)
    if report.problems and not skip_bad:
        raise IngestError(report.problems)
    if fingerprint in seen:
        report.already = True
        return report
    if not complaints:
        raise IngestError([Problem(label, 1, "-", "no complaint rows to take")])
    plan = month_rows(complaints, department, channel, k, f"export:{fingerprint[:16]}")
    target = export_file(data_dir, department, channel)
    existing: list[dict] = []
    if target.exists():
        frame, problems = read_table(target, schema.COMPLAINTS)
        if problems:
            raise IngestError(problems)
        existing = [{key: (None if pd.isna(v) else v) for key, v in r.items() if not key.startswith("_")}
                    for r in frame.to_dict("records")]
    # A month once published never changes: a later export that covers it again is not
    # used for it, so no two versions of a month exist to be subtracted from each other.
    published = {r["period_start"][:7] for r in existing}
    new = [r for r in plan.rows if r["period_start"][:7] not in published]
    report.periods = [f"{r['period_start'][:7]}: {r['received']} received, published" for r in new]
    report.periods += [f"{m}: published before; kept as it was" for m in sorted(
        {r["period_start"][:7] for r in plan.rows} & published)]
    report.periods += [f"{m}: the export ends inside this month; not published until one covers all of it"
                       for m in plan.incomplete]
    report.periods += [f"{m}: fewer than {k} complaints; not published" for m in plan.too_few]
    if new:
        merged = sorted(existing + new, key=lambda r: r["period_start"])
        write_atomic(target, schema.COMPLAINTS.to_csv(pd.DataFrame(merged)))
    write_atomic(ledger, "".join(f"{f}\n" for f in sorted(set(seen) | {fingerprint})))
    return report
