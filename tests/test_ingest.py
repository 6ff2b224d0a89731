"""Complaint exports full of personal data in; only anonymous aggregates out."""

import csv
import random
from collections import Counter
from datetime import datetime, timedelta

import pandas as pd
from click.testing import CliRunner

from generator.cli import main
from generator.collect.ingest import suppressed_days

from .helpers import AS_OF, build, copy_bundled, tree_bytes

FIRST = ["Ramesh", "Sita", "Anil", "Pooja", "Mohammad", "Gurpreet", "Lakshmi", "Arjun"]
LAST = ["Kumar", "Devi", "Singh", "Yadav", "Ansari", "Kaur", "Iyer", "Verma"]
TEXTS = ["बिजली नहीं है", "सड़क टूटी है", "पानी नहीं आ रहा", "राशन नहीं मिला", "नाली जाम है"]
STATUS = {"resolved": "निस्तारित", "rejected": "Not Reasonable", "pending": "Pending", "duplicate": "Duplicate"}


def make_export(path, n=3000, seed=3, bad_row=False):
    """A tracker export: one row per complaint, with everything that must never be published."""
    rng = random.Random(seed)
    rows, secrets, truth = [], set(), Counter()
    start = datetime(2026, 8, 1, 8, 0)
    for i in range(n):
        # Most days are busy; a few quiet days have one to three complaints.
        day = 70 + 5 * (i // 1000) if i % 1000 in (7, 8) else rng.choice(range(0, 60))
        received = start + timedelta(days=day, minutes=rng.randrange(600))
        kind = rng.choices(list(STATUS), weights=[60, 20, 15, 5])[0]
        name = f"{rng.choice(FIRST)} {rng.choice(LAST)} {i}"
        phone = f"+91 9{rng.randrange(10**8, 10**9)}"
        email = f"citizen{i}.{rng.randrange(10**6)}@mail.example.in"
        handle = f"@citizen_{i}_{rng.randrange(10**4)}"
        text = f"{rng.choice(TEXTS)} — शिकायत {i} {handle}"
        closed = received + timedelta(hours=rng.randrange(1, 200)) if kind == "resolved" else None
        first = received + timedelta(minutes=rng.randrange(5, 600))
        rows.append({"Complaint ID": f"CMP-{100000 + i}", "Name": name, "Mobile": phone, "Email": email,
                     "Handle": handle, "Address": f"House {i}, Gali {rng.randrange(50)}, Bhiwani",
                     "Complaint": text, "date": received.strftime("%d-%m-%Y %H:%M"),
                     "Status": STATUS[kind], "closed_at": closed.isoformat(sep=" ") if closed else "",
                     "first_response_at": first.isoformat(sep=" "),
                     "duplicate_of": f"CMP-{100000 + i - 1}" if kind == "duplicate" else ""})
        secrets |= {name, phone, phone.replace(" ", ""), email, handle, text, f"CMP-{100000 + i}"}
        truth[(received.date().isoformat(), kind)] += 1
    if bad_row:
        rows[41]["date"] = "31-02-2026 10:00"
        rows[77]["Status"] = "maybe"
    with path.open("w", encoding="utf-8-sig", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)
    return rows, secrets, truth


def ingest(data, export, *extra):
    return CliRunner().invoke(main, ["ingest-complaints", str(export), "--department", "haryana-cm",
                                     "--channel", "cm-window", "--data", str(data), *extra])


def test_ingest_publishes_only_exact_anonymous_aggregates(tmp_path):
    data = copy_bundled(tmp_path / "data")
    export = tmp_path / "export.csv"
    rows, secrets, truth = make_export(export)
    result = ingest(data, export)
    assert result.exit_code == 0, result.output
    assert "rows read 3000, taken 3000" in result.output
    assert "Name" in result.output and "Mobile" in result.output  # dropped, by name only

    table = pd.read_csv(data / "complaints" / "exports" / "haryana-cm--cm-window.csv", dtype=str,
                        keep_default_na=False)
    months = table[table["period_start"] != table["period_end"]]
    days = table[table["period_start"] == table["period_end"]]
    for kind, column in (("resolved", "resolved"), ("rejected", "rejected"), ("pending", "pending")):
        for month, group in months.groupby("period_start"):
            expected = sum(n for (d, k), n in truth.items() if k == kind and d[:7] == month[:7])
            assert int(group[column].iloc[0]) == expected, (kind, month)
    received = Counter()
    for (d, _), n in truth.items():
        received[d] += n
    for _, row in days.iterrows():
        assert int(row["received"]) == received[row["period_start"]]
        assert int(row["received"]) >= 5
    assert sum(int(x) for x in months["received"]) == 3000
    small = {d for d, n in received.items() if n < 5}
    assert small and not small & set(days["period_start"])  # small cells only within their month

    out = tmp_path / "public"
    build(data, out, AS_OF)
    # Every text file written (binary assets are shipped unchanged from upstream).
    text = {".html", ".csv", ".json", ".txt", ".xml", ".md", ".toml", ".yml", ".js"}
    hay = b"\0".join(p.read_bytes() for folder in (data, out) for p in folder.rglob("*")
                     if p.is_file() and p.suffix in text)
    leaked = [secret for secret in secrets if secret.encode() in hay]
    assert leaked == []
    page = (out / "en" / "departments" / "haryana-cm" / "index.html").read_text()
    assert "cm-window" in page and 'class="jd-chart"' in page and "Aug 2026" in page
    ranking = (out / "en" / "complaints" / "index.html").read_text()
    assert "Chief Minister of Haryana" in ranking and "at least 100 complaints" in ranking

    before = tree_bytes(data)
    again = ingest(data, export)
    assert again.exit_code == 0 and "ingested before" in again.output
    assert tree_bytes(data) == before


def test_overlapping_export_replaces_never_adds(tmp_path):
    data = copy_bundled(tmp_path / "data")
    first, second = tmp_path / "a.csv", tmp_path / "b.csv"
    make_export(first, n=800, seed=1)
    _, _, truth = make_export(second, n=500, seed=2)
    assert ingest(data, first).exit_code == 0
    assert ingest(data, second).exit_code == 0
    table = pd.read_csv(data / "complaints" / "exports" / "haryana-cm--cm-window.csv", dtype=str)
    months = table[table["period_start"] != table["period_end"]]
    assert sum(int(x) for x in months["received"]) == 500


def test_bad_rows_refuse_the_whole_file_unless_skipped(tmp_path):
    data = copy_bundled(tmp_path / "data")
    export = tmp_path / "export.csv"
    make_export(export, n=200, bad_row=True)
    before = tree_bytes(data)
    result = ingest(data, export)
    assert result.exit_code == 1
    assert f"{export}:43: received_at: '31-02-2026 10:00' is not a date or time" in result.output
    assert f"{export}:79: status: unknown status value 'maybe'" in result.output
    assert "nothing was written" in result.output
    assert tree_bytes(data) == before
    skipped = ingest(data, export, "--skip-bad")
    assert skipped.exit_code == 0 and "taken 198, skipped 2" in skipped.output


def test_mapping_file_names_other_columns(tmp_path):
    data = copy_bundled(tmp_path / "data")
    export = tmp_path / "tracker.csv"
    export.write_text("Ticket,Logged On,Outcome,Citizen\n1,2026-09-01 10:00,Done,Asha\n"
                      "2,2026-09-01 11:00,Open,Ravi\n", encoding="utf-8")
    mapping = tmp_path / "map.toml"
    mapping.write_text('[columns]\nreceived_at = "Logged On"\nstatus = "Outcome"\n'
                       '[status]\nresolved = ["done"]\npending = ["open"]\n', encoding="utf-8")
    result = ingest(data, export, "--map", str(mapping))
    assert result.exit_code == 0, result.output
    table = pd.read_csv(data / "complaints" / "exports" / "haryana-cm--cm-window.csv", dtype=str)
    assert list(table["received"]) == ["2"] and list(table["resolved"]) == ["1"]  # month row only


def test_complementary_suppression():
    from datetime import date
    counts = {date(2026, 9, 1): 3, date(2026, 9, 2): 40, date(2026, 9, 3): 9, date(2026, 10, 1): 50}
    hidden = suppressed_days(counts, 5)
    # Hiding only the 3 would let the month total give it back: the next smallest goes too.
    assert hidden == {date(2026, 9, 1), date(2026, 9, 3)}
