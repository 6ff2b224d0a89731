"""An attacker's reading of every complaint figure ever published.

Independent of the package on purpose: it reads the published CSV text (every file of every
version it is given) and nothing else, and asks of each hidden cell what an attacker could
work out from all of it together: its feasible values over the non-negative integers.

What it knows of the figures is what the methodology says:
- received = resolved + rejected + pending + duplicates, for every ingested month;
- a rate is the count over received x 100, rounded to 0.1;
- a median of resolution hours is published only over at least k resolved complaints;
- one month of one department and channel is one set of true figures, in every file and
  every version.

A hidden cell fails when its feasible values are a single value, or lie within 1..k-1 (the
attacker then knows a small group exists), or are empty (the published figures contradict).
A blank cell of a hand-entered row is "not reported", not hidden: it is not a cell of the
relation, so the other figures of that row are not checked against it.
"""

from __future__ import annotations

import csv
import io
from collections import defaultdict
from dataclasses import dataclass, field

PARTS = ("resolved", "rejected", "pending", "duplicates")
RATES = {"resolved": "resolved_rate", "rejected": "rejected_rate", "pending": "pending_rate"}


@dataclass
class Month:
    """What every published row of one (department, channel, period) says, over all versions."""

    values: dict[str, set[int]] = field(default_factory=lambda: defaultdict(set))
    hidden: set[str] = field(default_factory=set)
    rates: dict[str, set[float]] = field(default_factory=lambda: defaultdict(set))
    median_resolution: bool = False
    ingested: bool = False
    seen_in: set[str] = field(default_factory=set)


def _int(cell: str) -> int | None:
    cell = cell.strip()
    return None if cell == "" else int(float(cell))


def read_rows(files: dict[str, str]) -> dict[tuple, Month]:
    """files: label -> CSV text of one published file. Rows of files without the complaint
    columns are ignored (the checker is handed whole folders)."""
    months: dict[tuple, Month] = defaultdict(Month)
    for label, text in files.items():
        reader = csv.DictReader(io.StringIO(text.removeprefix("\ufeff"), newline=""))
        if not reader.fieldnames or not {"department_id", "period_start", "received"} <= set(reader.fieldnames):
            continue
        for row in reader:
            if row.get("withdrawn_on"):
                continue  # a withdrawn month publishes no figure in this file
            key = (row["department_id"], row["channel"], row["period_start"], row["period_end"])
            month = months[key]
            month.seen_in.add(label)
            month.ingested |= row.get("source", "") != "manual"
            for column in ("received", *PARTS):
                value = _int(row.get(column, ""))
                if value is None:
                    if column in row:
                        month.hidden.add(column)
                else:
                    month.values[column].add(value)
            for part, rate in RATES.items():
                if row.get(rate, "").strip():
                    month.rates[part].add(float(row[rate]))
            month.median_resolution |= bool(row.get("median_resolution_hours", "").strip())
    return months


def _candidates(part: str, month: Month, received: int, total: int, k: int, nonzero: bool) -> int:
    """The values a hidden cell could take on its own, as a bit set (bit x set: x is possible)."""
    bits = 0
    for x in range(1 if nonzero else 0, total + 1):
        if any(abs(x / received * 100 - r) > 0.05 + 1e-9 for r in month.rates.get(part, ())):
            continue
        if part == "resolved" and month.median_resolution and x < k:
            continue
        bits |= 1 << x
    return bits


def _sumset(a: int, b: int, limit: int) -> int:
    out, x = 0, 0
    mask = (1 << (limit + 1)) - 1
    while a >> x:
        if a >> x & 1:
            out |= (b << x) & mask
        x += 1
    return out


def _values(bits: int) -> list[int]:
    return [x for x in range(bits.bit_length()) if bits >> x & 1]


def check(files_by_version: list[dict[str, str]], k: int, nonzero: bool = False) -> list[str]:
    """Every problem an attacker could exploit, as readable lines; [] when there is none.

    `nonzero`: also assume the attacker knows a hidden cell is never 0 (zeros are shown, but
    for a month with every part hidden)."""
    merged: dict[tuple, Month] = defaultdict(Month)
    for version, files in enumerate(files_by_version):
        for key, month in read_rows({f"v{version}:{label}": text for label, text in files.items()}).items():
            into = merged[key]
            for column, values in month.values.items():
                into.values[column] |= values
            for part, rates in month.rates.items():
                into.rates[part] |= rates
            into.hidden |= month.hidden
            into.median_resolution |= month.median_resolution
            into.ingested |= month.ingested
            into.seen_in |= month.seen_in
    problems = []
    for key, month in sorted(merged.items()):
        where = f"{'/'.join(key)}"
        for column, values in month.values.items():
            if len(values) > 1:
                problems.append(f"{where}: {column} published as {sorted(values)} in different files or versions")
        if not month.ingested:
            continue  # a hand-entered row: a blank is "not reported"
        start, end = key[2], key[3]
        if not (start.endswith("-01") and end[:7] == start[:7] and int(end[8:]) >= 28):
            problems.append(f"{where}: an ingested period that is not one calendar month")
        revealed = month.hidden & set(month.values)
        for column in sorted(revealed):
            problems.append(f"{where}: {column} hidden in one file or version and shown in another")
        hidden = [p for p in PARTS if p in month.hidden and p not in month.values]
        if not hidden:
            continue
        if "received" not in month.values or len(month.values["received"]) != 1:
            problems.append(f"{where}: received is not one published number")
            continue
        received = next(iter(month.values["received"]))
        shown = sum(next(iter(month.values[p])) for p in PARTS if p in month.values and len(month.values[p]) == 1)
        total = received - shown
        if total < 0:
            problems.append(f"{where}: the shown parts exceed received")
            continue
        # Zeros are shown, except in a month whose every part is hidden (the methodology says so).
        bits = {p: _candidates(p, month, received, total, k, nonzero and len(hidden) < len(PARTS)) for p in hidden}
        for part in hidden:
            others = 1  # the sum of no cells is 0
            for other in hidden:
                if other != part:
                    others = _sumset(others, bits[other], total)
            feasible = [x for x in _values(bits[part]) if others >> (total - x) & 1]
            if not feasible:
                problems.append(f"{where}: {part} has no value consistent with the published figures")
            elif len(feasible) == 1:
                problems.append(f"{where}: {part} is hidden but must be {feasible[0]}")
            elif feasible[0] >= 1 and feasible[-1] <= k - 1:
                problems.append(f"{where}: {part} is hidden but must lie in {feasible[0]}..{feasible[-1]}")
    return problems
