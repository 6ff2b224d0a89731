"""Complaint exports full of personal data in; only anonymous aggregates out."""

import csv
import random
from collections import Counter
from datetime import datetime, timedelta

import pandas as pd
import pytest
from click.testing import CliRunner

from generator.cli import main
from generator.collect.ingest import suppress

from .helpers import AS_OF, build, copy_bundled, found_in, tree_bytes

FIRST = ["Ramesh", "Sita", "Anil", "Pooja", "Mohammad", "Gurpreet", "Lakshmi", "Arjun"]
LAST = ["Kumar", "Devi", "Singh", "Yadav", "Ansari", "Kaur", "Iyer", "Verma"]
TEXTS = ["बिजली नहीं है", "सड़क टूटी है", "पानी नहीं आ रहा", "राशन नहीं मिला", "नाली जाम है"]
EXPORTED_ON = "2026-11-30"
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
    write_export(path, rows)
    return rows, secrets, truth


def write_export(path, rows: list[dict], encoding: str = "utf-8-sig") -> None:
    """A tracker's export as its rows; the BOM a spreadsheet's "CSV UTF-8" starts with."""
    with path.open("w", encoding=encoding, newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)


def ingest(data, export, *extra):
    return CliRunner().invoke(main, ["ingest-complaints", str(export), "--department", "haryana-cm",
                                     "--channel", "cm-window", "--data", str(data), "--exported-on", EXPORTED_ON,
                                     *extra])


def test_ingest_publishes_only_exact_anonymous_aggregates(tmp_path):
    data = copy_bundled(tmp_path / "data")
    export = tmp_path / "export.csv"
    rows, secrets, truth = make_export(export)
    result = ingest(data, export)
    assert result.exit_code == 0, result.output
    assert "rows read 3000, taken 3000" in result.output
    # Dropped by position: a header cell is typed by anyone, and the console is a public log.
    assert "columns dropped, never read: 1, 2, 3, 4, 5, 6, 7" in result.output
    assert "Name" not in result.output and "Mobile" not in result.output

    table = pd.read_csv(data / "complaints" / "exports" / "haryana-cm--cm-window.csv", dtype=str,
                        keep_default_na=False)
    # Complete months only (the export runs to mid-October), and never a day.
    assert list(table["period_start"]) == ["2026-08-01", "2026-09-01"]
    assert (table["period_end"] > table["period_start"]).all()
    for kind, column in (("resolved", "resolved"), ("rejected", "rejected"), ("pending", "pending")):
        for _, row in table.iterrows():
            expected = sum(n for (d, k), n in truth.items() if k == kind and d[:7] == row["period_start"][:7])
            assert int(row[column]) == expected, (kind, row["period_start"])
    assert "2026-10: the export does not cover all of this month" in result.output

    out = tmp_path / "public"
    build(data, out, AS_OF)
    # Every text file written (binary assets are shipped unchanged from upstream).
    text = {".html", ".csv", ".json", ".txt", ".xml", ".md", ".toml", ".yml", ".js"}
    hay = b"\0".join(p.read_bytes() for folder in (data, out) for p in folder.rglob("*")
                     if p.is_file() and p.suffix in text)
    assert found_in(hay, {secret.encode() for secret in secrets}) == []
    page = (out / "en" / "departments" / "haryana-cm" / "index.html").read_text()
    assert "cm-window" in page and 'class="jd-chart"' in page and "Aug 2026" in page
    ranking = (out / "en" / "complaints" / "index.html").read_text()
    assert "Chief Minister of Haryana" in ranking and "at least 100 complaints" in ranking

    before = tree_bytes(data)
    again = ingest(data, export)
    assert again.exit_code == 0 and "ingested before" in again.output
    assert tree_bytes(data) == before


def test_a_published_month_never_changes(tmp_path):
    data = copy_bundled(tmp_path / "data")
    first, second = tmp_path / "a.csv", tmp_path / "b.csv"
    make_export(first, n=800, seed=1)
    make_export(second, n=500, seed=2)
    assert ingest(data, first).exit_code == 0
    file = data / "complaints" / "exports" / "haryana-cm--cm-window.csv"
    before = file.read_bytes()
    again = ingest(data, second)
    assert again.exit_code == 0 and "2026-08: published before with other figures; kept as it was" in again.output
    assert file.read_bytes() == before


def test_bad_rows_refuse_the_whole_file_unless_skipped(tmp_path):
    data = copy_bundled(tmp_path / "data")
    export = tmp_path / "export.csv"
    make_export(export, n=200, bad_row=True)
    before = tree_bytes(data)
    result = ingest(data, export)
    assert result.exit_code == 1
    assert f"{export}:43: received_at: is not a date or time in a known format" in result.output
    assert f"{export}:79: status: holds a status value the mapping does not know" in result.output
    # Cells are never repeated in messages: a status or date column may hold anything.
    assert "31-02-2026" not in result.output and "maybe" not in result.output
    assert "nothing was written" in result.output
    assert tree_bytes(data) == before
    skipped = ingest(data, export, "--skip-bad")
    assert skipped.exit_code == 0 and "taken 198, skipped 2" in skipped.output


def test_mapping_file_names_other_columns(tmp_path):
    data = copy_bundled(tmp_path / "data")
    export = tmp_path / "tracker.csv"
    rows = [f"{n},2026-09-{1 + n % 28:02d} 10:00,{'Done' if n % 3 else 'Open'},Citizen {n}\n" for n in range(20)]
    export.write_text("Ticket,Logged On,Outcome,Citizen\n" + "".join(rows) + "99,2026-10-02 09:00,Open,Ravi\n",
                      encoding="utf-8")
    mapping = tmp_path / "map.toml"
    mapping.write_text('[columns]\nreceived_at = "Logged On"\nstatus = "Outcome"\n'
                       '[status]\nresolved = ["done"]\npending = ["open"]\n', encoding="utf-8")
    result = ingest(data, export, "--map", str(mapping))
    assert result.exit_code == 0, result.output
    table = pd.read_csv(data / "complaints" / "exports" / "haryana-cm--cm-window.csv", dtype=str)
    assert list(table["received"]) == ["20"] and list(table["resolved"]) == ["13"]  # September only
    # A value the defaults give another kind is the file's: "closed" here means rejected.
    from generator.collect.ingest import Mapping

    mapping.write_text('[status]\nrejected = ["Closed", "rejected"]\n', encoding="utf-8")
    assert Mapping.load(mapping).status["closed"] == "rejected"
    assert Mapping.load(None).status["closed"] == "resolved"


@pytest.mark.parametrize(("body", "expected"), [
    ("[status]\nresolved = 5\n", ":2: resolved: expected a text or a list of texts"),
    ("[status]\nresolved = ['done']\nrejected = ['Done']\n", ":3: rejected: 'Done' is also listed under resolved"),
    (None, ":0: -: is not a regular file (links and folders are refused)")])
def test_a_map_is_checked_in_the_bytes_it_is_read_from(tmp_path, body, expected):
    """The map a count is made with is the one that was checked: read once, through no link,
    by whoever calls for it (the command checked a first read, and counted by a second)."""
    from generator.collect.ingest import Mapping
    from generator.problems import ConfigError

    mapping = tmp_path / "map.toml"
    if body is None:
        (tmp_path / "elsewhere.toml").write_text("[status]\nresolved = ['open']\n", encoding="utf-8")
        mapping.symlink_to(tmp_path / "elsewhere.toml")
    else:
        mapping.write_text(body, encoding="utf-8")
    with pytest.raises(ConfigError) as refused:
        Mapping.load(mapping)
    assert any(str(p).startswith(f"{mapping}{expected}") for p in refused.value.problems), refused.value.problems


def test_small_cells_and_what_would_give_them_back_are_blanked():
    def first(options):
        return options[0]

    def parts(resolved, rejected, pending, duplicates):
        return {"resolved": resolved, "rejected": rejected, "pending": pending, "duplicates": duplicates}

    # The month: hiding 2 rejected alone, 100 - 80 - 0 - 18 gives it back; duplicates go too.
    assert suppress(parts(80, 2, 0, 18), 100, 5, first) == parts(80, None, 0, None)
    # Nothing small: nothing hidden; zeros are shown.
    assert suppress(parts(90, 0, 10, 0), 100, 5, first) == parts(90, 0, 10, 0)
    # Two small cells hold 5 together: each hidden one is then 1..4, known small; one more goes.
    assert suppress(parts(90, 2, 3, 5), 100, 5, first) == parts(90, None, None, None)
    # Everything but one part is small: the month shows only its total.
    assert suppress(parts(9, 1, 0, 0), 10, 5, first) == parts(None, None, 0, 0)
    # Every part small: no row of the month can be shown.
    assert suppress(parts(3, 2, 0, 1), 6, 5, first) is None


def test_the_differencing_attack_recovers_nothing(tmp_path):
    """Two exports, the second later and overlapping: subtract every published version of the
    complaint file from every other, and every cell from its row's total, as an attacker with
    the data's git history would."""
    data = copy_bundled(tmp_path / "data")
    file = data / "complaints" / "exports" / "haryana-cm--cm-window.csv"
    first, second = tmp_path / "a.csv", tmp_path / "b.csv"
    make_export(first, n=1500, seed=4)
    rows, _, _ = make_export(second, n=1600, seed=4)  # the same complaints and 100 more, some in August
    versions = []
    for export in (first, second):
        assert ingest(data, export).exit_code == 0
        versions.append(pd.read_csv(file, dtype=str, keep_default_na=False).set_index("period_start"))
    counts = ["received", "resolved", "rejected", "pending", "duplicates"]
    for a in versions:
        for b in versions:
            for month in set(a.index) & set(b.index):
                # A month present in two versions is the same month: nothing to subtract.
                assert (a.loc[month, counts] == b.loc[month, counts]).all(), month
    for version in versions:
        assert not (version.index.str.len() > 10).any()
        for month, row in version.iterrows():
            assert row["period_end"] > month  # months only, never a day
            received = int(row["received"])
            assert received >= 5
            shown = [int(row[c]) for c in ("resolved", "rejected", "pending", "duplicates") if row[c] != ""]
            assert all(n == 0 or n >= 5 for n in shown)
            hidden = received - sum(shown)
            assert hidden == 0 or hidden >= 5, (month, hidden)


def test_the_leak_check_finds_what_it_looks_for(tmp_path):
    """The one-scan-per-opening search used above finds what the plain search finds."""
    _, secrets, _ = make_export(tmp_path / "e.csv", n=50)
    planted = sorted(secrets)[::7]
    hay = b"\0".join([b"<p>nothing here</p>", *(f"x{s}y".encode() for s in planted), b"end"])
    needles = {s.encode() for s in secrets}
    assert found_in(hay, needles) == sorted(n for n in needles if n in hay)
    assert len(found_in(hay, needles)) >= len(planted)


def test_a_dropped_column_is_named_by_its_position_never_by_its_header(tmp_path):
    """A header cell is typed by anyone (a name, where an export lost its header row); the
    console may be a public log."""
    data = copy_bundled(tmp_path / "data")
    export = tmp_path / "export.csv"
    make_export(export)
    lines = export.read_text(encoding="utf-8").splitlines(keepends=True)
    lines[0] = lines[0].rstrip("\r\n") + ",Ramesh 9876543210 ram@x.in\n"
    export.write_text("".join(lines[:1] + [line.rstrip("\r\n") + ",\n" for line in lines[1:]]), encoding="utf-8")
    result = ingest(data, export)
    assert result.exit_code == 0, result.output
    assert "Ramesh" not in result.output and "9876543210" not in result.output and "ram" not in result.output
    assert "columns dropped, never read: 1, 2, 3, 4, 5, 6, 7, 13 (by position)" in result.output


def test_a_time_with_an_offset_counts_in_the_month_of_indias_clock():
    from datetime import datetime

    import pytest

    from generator.collect.ingest import _parse_time

    assert _parse_time("2026-08-31T20:00:00Z") == datetime(2026, 9, 1, 1, 30)
    assert _parse_time("2026-08-31T23:30:00+05:30") == datetime(2026, 8, 31, 23, 30)
    assert _parse_time("2026-08-31 23:30:00") == datetime(2026, 8, 31, 23, 30)  # as written, in India
    with pytest.raises(ValueError, match="before 2000"):
        _parse_time("0001-01-01")


def test_a_time_at_the_end_of_the_calendar_is_a_bad_row_not_a_crash(tmp_path):
    """9999-12-31T23:59:59Z, a tracker's "never closed", is past the calendar's last day on
    India's clock: the row is named, and skipped with --skip-bad."""
    data = copy_bundled(tmp_path / "data")
    export = tmp_path / "export.csv"
    rows, _, _ = make_export(export, n=200)
    rows[10]["closed_at"] = "9999-12-31T23:59:59Z"
    rows[20]["date"] = "0001-01-01T00:00:00+14:00"
    write_export(export, rows, encoding="utf-8")
    result = ingest(data, export)
    assert result.exit_code == 1 and isinstance(result.exception, SystemExit), result.output
    assert f"{export}:12: closed_at: is not a date or time a complaint can have" in result.output
    assert f"{export}:22: received_at: is not a date or time a complaint can have" in result.output
    assert "taken 198, skipped 2" in ingest(data, export, "--skip-bad").output


def test_an_empty_export_is_called_empty(tmp_path):
    data = copy_bundled(tmp_path / "data")
    export = tmp_path / "export.csv"
    export.write_text("", encoding="utf-8")
    result = ingest(data, export)
    assert result.exit_code == 1 and "file is empty; expected a header row" in result.output


@pytest.mark.parametrize(("channel", "said"), [
    ("a" * 300, "is 300 characters long: an id has at most 100"),
    # A slug's pattern ends in `$`, which also matches before a last line break: the channel
    # "x\n" would name a file with a line break in it and a month no withdrawal could name.
    ("x\n", "'x\\n' is not a slug"),
])
def test_a_channel_that_is_no_slug_is_one_line_and_writes_nothing(tmp_path, channel, said):
    data = copy_bundled(tmp_path / "data")
    export = tmp_path / "export.csv"
    make_export(export)
    result = CliRunner().invoke(main, ["ingest-complaints", str(export), "--department", "haryana-cm",
                                       "--channel", channel, "--data", str(data), "--exported-on", EXPORTED_ON])
    assert result.exit_code == 2 and said in result.output, result.output
    assert result.exception is None or isinstance(result.exception, SystemExit)
    assert not (data / "complaints" / "exports").exists()


def test_a_stray_quote_that_would_swallow_rows_stops_the_export_even_with_skip_bad(tmp_path):
    data = copy_bundled(tmp_path / "data")
    export = tmp_path / "export.csv"
    rows = [["Complaint ID", "Name", "date", "Status"]] + [
        [f"CMP-{i}", f"Name {i}", f"{1 + i % 28:02d}-08-2026 10:00", "Disposed"] for i in range(300)]
    rows[251][1] = '"Ram Kumar'  # line 252: a quote that opens a cell, never closed
    export.write_text("".join(",".join(r) + "\n" for r in rows), encoding="utf-8")
    before = tree_bytes(data)
    for extra in ((), ("--skip-bad",)):
        result = ingest(data, export, *extra)
        assert result.exit_code == 1, result.output
        assert f"{export}:252: -: a quote opens a cell here that runs on over lines 253-301" in result.output
        assert tree_bytes(data) == before
    # A complaint's own text over two lines, quoted as it should be, is one row among the rest.
    rows[251][1] = '"Ram Kumar\nBhiwani, Haryana"'
    export.write_text("".join(",".join(r) + "\n" for r in rows), encoding="utf-8")
    assert "rows read 300, taken 300" in ingest(data, export).output


def test_an_export_said_to_be_taken_after_today_is_refused(tmp_path):
    # 2099 for 2026: a complaint typed 2062 would pass as a day before the export.
    data = copy_bundled(tmp_path / "data")
    export = tmp_path / "export.csv"
    make_export(export, n=50)
    result = CliRunner().invoke(main, ["ingest-complaints", str(export), "--department", "haryana-cm", "--channel",
                                       "cm-window", "--data", str(data), "--exported-on", "2099-12-05"])
    assert result.exit_code == 2 and "2099-12-05 is after today" in result.output


def test_an_export_with_a_mapped_column_twice_is_refused_naming_their_positions(tmp_path):
    """Whichever of two 'Status' columns were read, the other might be the tracker's own."""
    data = copy_bundled(tmp_path / "data")
    export = tmp_path / "export.csv"
    export.write_text("Status,date,Status\nfrom the citizen,01-08-2026 10:00,Disposed\n", encoding="utf-8")
    before = tree_bytes(data)
    result = ingest(data, export, "--skip-bad")
    assert result.exit_code == 1, result.output
    assert f"{export}:1: status: the header names 2 columns 'status' (at positions 1, 3)" in result.output
    assert tree_bytes(data) == before


def test_a_row_cut_short_or_with_a_stray_comma_is_a_bad_row(tmp_path):
    """A half-copied last line ends before its closing time; a comma in an unquoted name moves
    the status into the date's place: neither is read as a complaint, and with --skip-bad the
    rows around them are."""
    data = copy_bundled(tmp_path / "data")
    export = tmp_path / "export.csv"
    rows = [f"CMP-{i},Name {i},{1 + i % 28:02d}-08-2026 10:00,Disposed,{1 + i % 28:02d}-08-2026 18:00"
            for i in range(300)]
    rows[40] = "CMP-40,Kumar, Ram,02-08-2026 10:00,Disposed,02-08-2026 18:00"
    rows.append("CMP-300,Name 300,03-08-2026 10:00,Disposed")
    export.write_text("Complaint ID,Name,date,Status,closed_at\n" + "\n".join(rows), encoding="utf-8")
    result = ingest(data, export)
    assert result.exit_code == 1, result.output
    assert f"{export}:42: -: 6 cells where the header has 5" in result.output
    assert f"{export}:302: -: 4 cells where the header has 5" in result.output
    assert "rows read 301, taken 299, skipped 2" in ingest(data, export, "--skip-bad").output
