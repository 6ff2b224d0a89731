"""Anonymising ingest of complaint-level exports from grievance trackers.

Only the mapped columns (received, status, closed, first response, duplicate-of) are read
into memory; every other column is dropped on read and its values never leave this module.
What is written are counts and medians per department, channel, day and month, with
day cells below K complaints published only within their month.
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
    raise ValueError(f"{value!r} is not a date or time")


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
        raise ValueError("status", f"unknown status value {status!r}; add it to the mapping")
    closed = when("closed_at", False)
    if closed is not None and closed < received:
        raise ValueError("closed_at", "is before the complaint was received")
    first = when("first_response_at", False)
    if first is not None and first < received:
        raise ValueError("first_response_at", "is before the complaint was received")
    duplicate = kind == "duplicate" or bool(_cell(cells, where, "duplicate_of"))
    return Complaint(received, kind, closed, first, duplicate)


def _aggregate(items: list[Complaint]) -> dict:
    resolution = [(c.closed - c.received).total_seconds() / 3600 for c in items
                  if c.kind == "resolved" and c.closed]
    response = [(c.first_response - c.received).total_seconds() / 60 for c in items if c.first_response]
    return {
        "received": len(items),
        "resolved": sum(c.kind == "resolved" for c in items),
        "rejected": sum(c.kind == "rejected" for c in items),
        "pending": sum(c.kind == "pending" for c in items),
        "duplicates": sum(c.duplicate for c in items),
        "median_resolution_hours": round(median(resolution), 2) if resolution else None,
        "median_response_minutes": round(median(response), 1) if response else None,
    }


def _month_end(day: date) -> date:
    following = date(day.year + day.month // 12, day.month % 12 + 1, 1)
    return date.fromordinal(following.toordinal() - 1)


def suppressed_days(day_counts: dict[date, int], k: int) -> set[date]:
    """Days published only within their month: those under k, plus, where the hidden days of
    a month add up to under k, the smallest others, so the month total minus the shown days
    cannot give a small cell back."""
    hidden = {d for d, n in day_counts.items() if n < k}
    by_month: dict[tuple[int, int], list[date]] = defaultdict(list)
    for d in day_counts:
        by_month[(d.year, d.month)].append(d)
    for days in by_month.values():
        small = [d for d in days if d in hidden]
        if not small:
            continue
        others = sorted((d for d in days if d not in hidden), key=lambda d: (day_counts[d], d))
        while sum(day_counts[d] for d in days if d in hidden) < k and others:
            hidden.add(others.pop(0))
    return hidden


def aggregate_rows(complaints: list[Complaint], department: str, channel: str, k: int,
                   source_url: str) -> list[dict]:
    by_day: dict[date, list[Complaint]] = defaultdict(list)
    for c in complaints:
        by_day[c.received.date()].append(c)
    hidden = suppressed_days({d: len(v) for d, v in by_day.items()}, k)
    by_month: dict[date, list[Complaint]] = defaultdict(list)
    for d, items in by_day.items():
        by_month[d.replace(day=1)].extend(items)
    base = {"department_id": department, "channel": channel, "reported_resolution_rate": None,
            "source": "ingest", "source_url": source_url}
    rows = [{**base, "period_start": m.isoformat(), "period_end": _month_end(m).isoformat(), **_aggregate(v)}
            for m, v in sorted(by_month.items())]
    rows += [{**base, "period_start": d.isoformat(), "period_end": d.isoformat(), **_aggregate(v)}
             for d, v in sorted(by_day.items()) if d not in hidden]
    return rows


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
    rows = aggregate_rows(complaints, department, channel, k, f"export:{fingerprint[:16]}")
    months = {r["period_start"][:7] for r in rows}
    target = export_file(data_dir, department, channel)
    kept: list[dict] = []
    if target.exists():
        frame, problems = read_table(target, schema.COMPLAINTS)
        if problems:
            raise IngestError(problems)
        existing = frame.drop(columns=[c for c in frame.columns if c.startswith("_")]).astype(object) \
            .where(frame.notna(), None).to_dict("records")
        # An export replaces every month it touches: never added to what was there.
        kept = [{k2: v for k2, v in r.items() if not k2.startswith("_")} for r in existing
                if r["period_start"][:7] not in months]
    merged = sorted(kept + rows, key=lambda r: (r["period_start"], r["period_end"] != _month_end_iso(r)))
    write_atomic(target, schema.COMPLAINTS.to_csv(pd.DataFrame(merged)))
    write_atomic(ledger, "".join(f"{f}\n" for f in sorted(set(seen) | {fingerprint})))
    report.periods = [f"{r['period_start']} – {r['period_end']}: {r['received']} received" for r in rows
                      if r["period_start"] != r["period_end"]]
    day_rows = sum(1 for r in rows if r["period_start"] == r["period_end"])
    report.periods.append(f"{day_rows} day rows ({len(set(c.received.date() for c in complaints)) - day_rows} "
                          f"small days kept within their month)")
    return report


def _month_end_iso(row: dict) -> str:
    return _month_end(date.fromisoformat(row["period_start"])).isoformat()
