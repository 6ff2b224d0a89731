"""The small-cell rule, checked again on the ingested complaint rows as they are on disk.

Ingest writes rows that keep the rule; the files are plain CSV in a public repository, and a
hand edit (a "correction" of a hidden cell, say) would otherwise publish what ingest hid.
Rows whose source is `manual` are reports copied from a publication: the rule is not theirs
to keep, but their parts never add up to more than what was received.
"""

from __future__ import annotations

import pandas as pd

from ..problems import Problem

PARTS = ("resolved", "rejected", "pending", "duplicates")


def complaint_rule_problems(complaints: pd.DataFrame, k: int) -> list[Problem]:
    """One problem per ingested row that breaks the rule the methodology states."""
    problems = _parts_above_received(complaints[complaints["source"] == "manual"])
    rows = complaints[complaints["source"] != "manual"]
    for row in rows.to_dict("records"):
        def problem(column: str, message: str, row=row) -> None:
            problems.append(Problem(row["_file"], int(row["_line"]), column, message))

        start, end = pd.Timestamp(row["period_start"]), pd.Timestamp(row["period_end"])
        if start.day != 1 or end != start + pd.offsets.MonthEnd(0):
            problem("period_end", "an ingested row covers one whole calendar month")
        received = row["received"]
        if pd.isna(received) or received < k:
            problem("received", f"an ingested month holds at least {k} complaints (small_cell_k)")
            continue
        shown = {p: row[p] for p in PARTS if not pd.isna(row[p])}
        for part, n in shown.items():
            if 0 < n < k:
                problem(part, f"is 1 to {k - 1}: a count this small is hidden, never published")
        hidden = len(PARTS) - len(shown)
        together = received - sum(shown.values())
        if together < 0 or (hidden == 0 and together != 0):
            problem("received", "is not resolved + rejected + pending + duplicates")
        elif hidden == 1:
            problem(next(p for p in PARTS if p not in shown), "is the only hidden part: received minus the "
                                                              "others gives it back")
        elif hidden > 1 and together - (hidden - 1) < k:
            problem("received", "the hidden parts hold so few complaints that each must be small")
        if "resolved" not in shown and not pd.isna(row["median_resolution_hours"]):
            problem("median_resolution_hours", "is published while the resolved count is hidden")
    return problems


def _parts_above_received(rows: pd.DataFrame) -> list[Problem]:
    """A reported row whose parts add up to more than it received (a typing error): its
    resolution rate would be published above 100 %."""
    parts = rows[list(PARTS)].fillna(0).sum(axis=1)
    wrong = rows[rows["received"].notna() & (parts > rows["received"])]
    return [Problem(row["_file"], int(row["_line"]), "received",
                    "is less than its parts (resolved + rejected + pending + duplicates)")
            for row in wrong.to_dict("records")]
