"""No hidden complaint cell can be worked out from everything ever published.

Adversarial exports (small rejected counts, single-status months, one-row differences
between versions) go through `ingest-complaints` one after another, as a tracker's exports
arrive; every version of the data folder and the built site's files are then handed to an
independent checker that knows only what the methodology says the figures satisfy.
"""

from __future__ import annotations

import csv
import html
import io
import json
import re
import zipfile
from datetime import datetime, timedelta
from pathlib import Path

import pytest
from click.testing import CliRunner

from generator import paths
from generator.cli import main

from .complaint_checker import check, read_rows
from .helpers import build, copy_bundled, copy_bundled_seed, table_rows, tree_bytes

K = 5
STATUS = {"resolved": "Resolved", "rejected": "Not Reasonable", "pending": "Pending", "duplicate": "Duplicate"}


def write_export(path: Path, months: dict[str, dict[str, int]], extra: int = 0, through: str = "2026-11-03",
                 duplicate_of_resolved: int = 0) -> None:
    """One row per complaint; `months` maps YYYY-MM to counts by status. The last row falls
    on `through`, so every listed month is covered to its end."""
    rows = []
    for month, counts in months.items():
        first = datetime.fromisoformat(f"{month}-01 09:00")
        n = 0
        for kind, count in counts.items():
            for _ in range(count):
                received = first + timedelta(days=n % 28, minutes=n)
                closed = received + timedelta(hours=3 + n % 40) if kind == "resolved" else None
                rows.append([received.isoformat(sep=" "), STATUS[kind], closed.isoformat(sep=" ") if closed else "",
                             (received + timedelta(minutes=30 + n)).isoformat(sep=" "), ""])
                n += 1
        for i in range(duplicate_of_resolved):
            rows[-1 - i][4] = "CMP-1"  # marked as repeating another, though its status says resolved
    for i in range(extra):
        rows.append([f"2026-08-{10 + i} 10:00:00", "Resolved", "2026-08-20 10:00:00", "", ""])
    rows.append([f"{through} 10:00:00", "Pending", "", "", ""])
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(["received_at", "status", "closed_at", "first_response_at", "duplicate_of", ])
    writer.writerows(rows)
    path.write_text(out.getvalue(), encoding="utf-8")


def ingest(data: Path, export: Path, department: str, channel: str, *extra: str):
    return CliRunner().invoke(main, ["ingest-complaints", str(export), "--department", department, "--channel",
                                     channel, "--data", str(data), "--exported-on", "2026-11-30", *extra])


def data_version(data: Path) -> dict[str, str]:
    """Every complaint file of the data folder: public in git, a version at every commit."""
    return {str(p.relative_to(data)): p.read_text(encoding="utf-8")
            for p in sorted((data / "complaints").rglob("*.csv"))}


def site_version(site: Path) -> dict[str, str]:
    """Every CSV the site serves, and every CSV inside its ZIPs."""
    files = {str(p.relative_to(site)): p.read_text(encoding="utf-8") for p in site.rglob("*.csv")}
    for archive in site.rglob("*.zip"):
        with zipfile.ZipFile(archive) as z:
            for name in z.namelist():
                if name.endswith(".csv"):
                    files[f"{archive.name}/{name}"] = z.read(name).decode("utf-8")
    return files


ADVERSARIAL = [
    # The month of the issue: 2 rejected would be 100 - 80 - 0 - 18.
    ("haryana-cm", "cm-window", {"2026-08": {"resolved": 80, "rejected": 2, "pending": 0, "duplicate": 18}}),
    # A single-status month, and one with a single small status beside it.
    ("up-police", "x", {"2026-08": {"resolved": 50}, "2026-09": {"resolved": 95, "pending": 3}}),
    # Few resolved: their median resolution time would say there were K or more.
    ("muzaffarpur-police", "x", {"2026-09": {"resolved": 3, "rejected": 40, "pending": 7}}),
    # Two small cells that together are small.
    ("muzaffarpur-railways", "x", {"2026-10": {"resolved": 90, "rejected": 2, "pending": 3, "duplicate": 5}}),
    # Everything but one status small; and a rate that would pin a hidden count.
    ("muzaffarpur-rail-police", "x", {"2026-10": {"resolved": 9, "rejected": 1}}),
]


@pytest.fixture(scope="module")
def published(tmp_path_factory):
    """Every version an attacker could read: the data folder after each export, and the site."""
    root = tmp_path_factory.mktemp("cells")
    data = copy_bundled_seed(root / "data")
    versions = []
    for i, (department, channel, months) in enumerate(ADVERSARIAL):
        write_export(root / f"e{i}.csv", months, duplicate_of_resolved=4 if i == 0 else 0)
        result = ingest(data, root / f"e{i}.csv", department, channel)
        assert result.exit_code == 0, result.output
        versions.append(data_version(data))
    # One row more in a published month, as a late record: the month stays as it was.
    write_export(root / "late.csv", dict([ADVERSARIAL[0][2].popitem()]), extra=1)
    late = ingest(data, root / "late.csv", "haryana-cm", "cm-window")
    assert late.exit_code == 0 and "published before with other figures; kept as it was" in late.output
    versions.append(data_version(data))
    site = root / "public"
    build(data, site)
    versions.append(site_version(site))
    return data, site, versions


def test_no_hidden_cell_can_be_worked_out(published):
    _, _, versions = published
    hidden = sum(row.count(",,") for v in versions for text in v.values() for row in text.splitlines())
    assert hidden > 0  # the exports did make the pipeline hide cells
    # The checker read the site's files too: the complaints file, each department's, the ZIP's.
    site = read_rows(versions[-1])
    labels = {label for month in site.values() for label in month.seen_in}
    assert {"data/complaints.csv", "data/departments/haryana-cm-complaints.csv"} <= labels, labels
    assert any(".zip/" in label for label in labels), labels
    assert check(versions, K) == []
    # Zeros are shown, so an attacker knows a hidden cell is at least 1: still nothing.
    assert check(versions, K, nonzero=True) == []


def test_the_checker_catches_what_it_exists_for():
    header = "department_id,channel,period_start,period_end,received,resolved,rejected,pending,duplicates,source"
    one = f"{header}\nd,x,2026-08-01,2026-08-31,100,80,,0,18,ingest\n"
    assert check([{"a.csv": one}], K) == ["d/x/2026-08-01/2026-08-31: rejected is hidden but must be 2"]
    two_small = f"{header}\nd,x,2026-08-01,2026-08-31,100,95,,,0,ingest\n"
    assert check([{"a.csv": two_small}], K) == []
    assert check([{"a.csv": two_small}], K, nonzero=True) == [
        "d/x/2026-08-01/2026-08-31: rejected is hidden but must lie in 1..4",
        "d/x/2026-08-01/2026-08-31: pending is hidden but must lie in 1..4"]
    # Hidden in one version, shown in the next.
    other = f"{header}\nd,x,2026-08-01,2026-08-31,100,80,10,,10,ingest\n"
    hid = f"{header}\nd,x,2026-08-01,2026-08-31,100,80,,,10,ingest\n"
    assert "rejected hidden in one file or version and shown in another" in " ".join(check([{"a": hid}, {"a": other}],
                                                                                          K))
    # A rate published beside a hidden count gives it back.
    rated = (f"{header},rejected_rate\nd,x,2026-08-01,2026-08-31,100,80,,,10,ingest,3.0\n")
    assert check([{"a": rated}], K) == ["d/x/2026-08-01/2026-08-31: rejected is hidden but must be 3",
                                        "d/x/2026-08-01/2026-08-31: pending is hidden but must be 7"]
    # A hand-entered row's blank is "not reported": nothing to work out.
    manual = f"{header}\nd,x,2020-01-01,2021-02-28,89001,71391,,3878,,manual\n"
    assert check([{"a": manual}], K) == []


def test_pages_show_no_more_than_the_downloads(published):
    _, site, _ = published
    page = (site / "en" / "departments" / "haryana-cm" / "index.html").read_text(encoding="utf-8")
    table = page[page.index('id="complaints"'):page.index('id="grade"')]
    shown = [row[name] for row in table_rows(table) for name in ("Received", "Resolved", "Rejected", "Pending")]
    assert "100" in shown
    # The hidden rejected count is said to be hidden, not shown and not confused with "not reported".
    assert any("hidden" in text for text in shown), shown
    assert "2" not in shown and "18" not in shown


def test_a_future_date_is_refused_and_a_partly_covered_month_waits(tmp_path):
    data = copy_bundled(tmp_path / "data")
    export = tmp_path / "e.csv"
    write_export(export, {"2026-08": {"resolved": 60}})
    text = export.read_text(encoding="utf-8").splitlines()
    text[5] = text[5].replace("2026-08", "2062-08", 1)  # a year typed wrong
    export.write_text("\n".join(text) + "\n", encoding="utf-8")
    before = tree_bytes(data)
    result = ingest(data, export, "haryana-cm", "x")
    assert result.exit_code == 1
    assert f"{export}:6: received_at: is after the export's date (2026-11-30); check the year" in result.output
    assert tree_bytes(data) == before

    # An export that starts on the 15th does not show it covers the 1st: that month waits.
    late_start = tmp_path / "mid.csv"
    write_export(late_start, {"2026-09": {"resolved": 60}, "2026-10": {"resolved": 60}})
    lines = late_start.read_text(encoding="utf-8").splitlines()
    lines = [line for line in lines if not (line.startswith("2026-09-") and int(line[8:10]) < 15)]
    late_start.write_text("\n".join(lines) + "\n", encoding="utf-8")
    result = ingest(data, late_start, "haryana-cm", "x")
    assert result.exit_code == 0, result.output
    assert "2026-09: the export does not cover all of this month" in result.output
    assert "2026-10: 60 received, published" in result.output


def test_a_month_published_by_mistake_is_withdrawn_with_its_date(tmp_path):
    data = copy_bundled_seed(tmp_path / "data")
    export = tmp_path / "e.csv"
    write_export(export, {"2026-08": {"resolved": 40, "pending": 10}})
    assert ingest(data, export, "haryana-cm", "x").exit_code == 0
    file = data / "complaints" / "exports" / "haryana-cm--x.csv"
    published = file.read_text(encoding="utf-8")
    gone = CliRunner().invoke(main, ["withdraw-complaints", "--department", "haryana-cm", "--channel", "x",
                                     "--month", "2026-08", "--reason", "The export held half the month.",
                                     "--data", str(data), "--as-of", "2026-12-01"])
    assert gone.exit_code == 0, gone.output
    again = CliRunner().invoke(main, ["withdraw-complaints", "--department", "haryana-cm", "--channel", "x",
                                      "--month", "2026-08", "--reason", "Twice.", "--data", str(data)])
    assert again.exit_code == 1 and f"{file}:0: --month: 2026-08 of haryana-cm on x was already withdrawn on " \
                                    "2026-12-01" in again.output
    assert "nothing was withdrawn" in again.output
    for department, month, said in (("haryana-cm", "2026-07", "no published month 2026-07 of haryana-cm on x"),
                                    ("haryana-cn", "2026-08", "no complaint figures of haryana-cn on x were ever")):
        typo = CliRunner().invoke(main, ["withdraw-complaints", "--department", department, "--channel", "x",
                                         "--month", month, "--reason", "Typo.", "--data", str(data)])
        assert typo.exit_code == 1 and said in typo.output, typo.output
    assert "2026-08-01" not in file.read_text(encoding="utf-8") and "2026-08-01" in published
    # The corrected export does not bring the month back: two versions of it would differ.
    write_export(tmp_path / "fixed.csv", {"2026-08": {"resolved": 80, "pending": 20}})
    again = ingest(data, tmp_path / "fixed.csv", "haryana-cm", "x")
    assert again.exit_code == 0 and "2026-08: withdrawn before; not published again" in again.output
    assert "2026-08-01" not in file.read_text(encoding="utf-8")
    # A row of a withdrawn month put back by hand is refused.
    file.write_text(published, encoding="utf-8")
    invalid = CliRunner().invoke(main, ["validate", "--data", str(data)])
    assert invalid.exit_code == 1 and "this month is withdrawn" in invalid.output
    file.write_text(published.splitlines()[0] + "\n", encoding="utf-8")
    record = data / "withdrawn-complaints.csv"
    kept = record.read_text(encoding="utf-8")
    record.write_text(kept.replace("2026-08-01", "2026-08-15"), encoding="utf-8")
    mid = CliRunner().invoke(main, ["validate", "--data", str(data)])
    assert mid.exit_code == 1 and "'2026-08-15' is not the first day of a month" in mid.output
    record.write_text(kept, encoding="utf-8")

    site = tmp_path / "public"
    build(data, site)
    rows = list(csv.DictReader(io.StringIO((site / "data" / "complaints.csv").read_text(encoding="utf-8-sig"))))
    row = next(r for r in rows if r["department_id"] == "haryana-cm" and r["period_start"] == "2026-08-01")
    assert row["withdrawn_on"] == "2026-12-01" and row["received"] == "" and row["resolved"] == ""
    page = (site / "en" / "departments" / "haryana-cm" / "index.html").read_text(encoding="utf-8")
    assert "Withdrawn on 1 Dec 2026" in page and "The export held half the month." in page
    hindi = (site / "departments" / "haryana-cm" / "index.html").read_text(encoding="utf-8")
    assert "वापस लिया गया" in hindi


def test_random_tracker_exports_give_nothing_back(tmp_path):
    """Many departments' invented exports, small and single-status months among them: the
    checker finds nothing in the data folder, whatever an attacker assumes about zeros."""
    from datetime import date

    from generator.collect.ingest import ingest as ingest_export
    from generator.synth import complaint_exports, synthesize

    data = tmp_path / "data"
    synthesize(data, 60, 3, 1, end=date(2026, 11, 24))
    ids = [line.split(",")[0] for line in (data / "registry" / "departments.csv").read_text().splitlines()[1:41]]
    versions = []
    for department, path in zip(ids, complaint_exports(tmp_path / "exports", ids, date(2026, 11, 24), per_month=20),
                                strict=True):
        ingest_export(path, data, department, "tracker", exported_on=date(2026, 11, 24))
        versions.append(data_version(data))
    rows = sum(len(text.splitlines()) - 1 for text in versions[-1].values())
    assert rows > 100
    assert check(versions, K) == [] and check(versions[-1:], K, nonzero=True) == []


def test_an_export_saved_in_a_windows_encoding_is_named_not_a_traceback(tmp_path):
    data = copy_bundled(tmp_path / "data")
    export = tmp_path / "e.csv"
    write_export(export, {"2026-08": {"resolved": 60}})
    for encoding, looks in (("cp1252", "cp1252"), ("utf-16", "UTF-16")):
        text = export.read_text(encoding="utf-8").replace("Pending", "Pendiente – é")
        (tmp_path / f"{encoding}.csv").write_bytes(text.encode(encoding))
        result = ingest(data, tmp_path / f"{encoding}.csv", "haryana-cm", "x")
        assert result.exit_code == 1 and "file is not UTF-8 text" in result.output and looks in result.output
        assert "Traceback" not in result.output


def _every_publication(counts: dict[str, int], received: int, k: int) -> set[tuple]:
    """Every row `suppress` could publish for these counts, whichever cells its random
    choices pick: what an attacker who knows the rule must consider."""
    from generator.collect.ingest import suppress

    found, scripts = set(), [[]]
    while scripts:
        script, widths = scripts.pop(), []

        def choose(options, script=script, widths=widths):
            pick = script[len(widths)] if len(widths) < len(script) else 0
            widths.append(len(options))
            return options[pick]

        row = suppress(counts, received, k, choose)
        if row is not None:  # a month none of whose parts can be shown is not published
            found.add(tuple(row.values()))
        for step in range(len(script), len(widths)):
            scripts += [script + [0] * (step - len(script)) + [alt] for alt in range(1, widths[step])]
    return found


@pytest.mark.parametrize("k", [3, 5])
def test_knowing_the_rule_gives_no_hidden_cell_back(k):
    """Every month of 5 to 26 complaints, split every way into its four parts: for each row
    the rule could publish, the true months that could have produced it leave every hidden
    cell more than one value, and not all of them small."""
    parts = ("resolved", "rejected", "pending", "duplicates")
    could_be: dict[tuple, list[tuple]] = {}
    for received in range(5, 27):
        for a in range(received + 1):
            for b in range(received - a + 1):
                for c in range(received - a - b + 1):
                    truth = (a, b, c, received - a - b - c)
                    for row in _every_publication(dict(zip(parts, truth, strict=True)), received, k):
                        could_be.setdefault((received, row), []).append(truth)
    leaks = []
    for (received, row), truths in could_be.items():
        for i, shown in enumerate(row):
            values = sorted({t[i] for t in truths})
            if shown is None and (len(values) == 1 or (values[0] >= 1 and values[-1] <= k - 1)):
                leaks.append((received, row, parts[i], values))
    assert leaks == [], leaks[:5]


def test_a_hidden_cell_edited_back_in_by_hand_is_refused(tmp_path):
    data = copy_bundled(tmp_path / "data")
    write_export(tmp_path / "e.csv", {"2026-08": {"resolved": 80, "rejected": 2, "pending": 0, "duplicate": 18}})
    assert ingest(data, tmp_path / "e.csv", "haryana-cm", "x").exit_code == 0
    file = data / "complaints" / "exports" / "haryana-cm--x.csv"
    header, row = file.read_text(encoding="utf-8").splitlines()
    assert CliRunner().invoke(main, ["validate", "--data", str(data)]).exit_code == 0
    cells = row.split(",")
    names = header.split(",")
    truth = {"resolved": "80", "rejected": "2", "pending": "0", "duplicates": "18"}
    for name, value in truth.items():
        cells[names.index(name)] = value  # "corrected" by hand, every hidden cell filled in
    file.write_text(f"{header}\n{','.join(cells)}\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["validate", "--data", str(data)])
    assert result.exit_code == 1
    assert f"{file}:2: rejected: is 1 to 4: a count this small is hidden, never published" in result.output
    cells[names.index("rejected")] = ""  # only one hidden: received minus the others gives it back
    file.write_text(f"{header}\n{','.join(cells)}\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["validate", "--data", str(data)])
    assert result.exit_code == 1 and f"{file}:2: rejected: is the only hidden part" in result.output
    before = tree_bytes(tmp_path)
    built = CliRunner().invoke(main, ["build", "--data", str(data), "--out", str(tmp_path / "public")])
    assert built.exit_code == 1 and "is the only hidden part" in built.output
    assert not (tmp_path / "public").exists() and tree_bytes(tmp_path) == before


def two_channels_with_a_withdrawn_month(tmp_path: Path, followers_again: str = "") -> Path:
    """haryana-cm's cm-window, June to October with August withdrawn, and cm-portal for
    August and September: a built site. `followers_again` is a line added to its hand-entered
    observations."""
    data = copy_bundled_seed(tmp_path / "data")
    if followers_again:
        with (data / paths.MANUAL / "haryana-cm-2021.csv").open("a", encoding="utf-8") as handle:
            handle.write(followers_again)
    month = {"resolved": 60, "rejected": 5, "pending": 20}
    write_export(tmp_path / "window.csv", {m: month for m in ("2026-06", "2026-07", "2026-08", "2026-09", "2026-10")})
    write_export(tmp_path / "portal.csv", {"2026-08": {"resolved": 30, "pending": 30}, "2026-09": month})
    for export, channel in (("window.csv", "cm-window"), ("portal.csv", "cm-portal")):
        assert ingest(data, tmp_path / export, "haryana-cm", channel).exit_code == 0
    gone = CliRunner().invoke(main, ["withdraw-complaints", "--department", "haryana-cm", "--channel", "cm-window",
                                     "--month", "2026-08", "--reason", "The export held half the month.",
                                     "--data", str(data), "--as-of", "2026-12-01"])
    assert gone.exit_code == 0, gone.output
    site = tmp_path / "public"
    build(data, site)
    return site


def test_the_complaint_chart_keeps_channels_apart_and_breaks_at_a_withdrawn_month(tmp_path):
    # A second day of followers, so the page has its follower chart too (one day is no line).
    site = two_channels_with_a_withdrawn_month(tmp_path, followers_again="haryana-cm,x,2021-04-09,,,1950000,,,,ok,"
                                                                          "manual,source:haryana-cm-2021\n")
    page = (site / "en" / "departments" / "haryana-cm" / "index.html").read_text(encoding="utf-8")
    figure = page.split('id="complaints"')[1].split("</figure>")[0]
    assert "The chart shows cm-window only; cm-portal is in the table below." in figure
    # Two charts on one page, each named by its own title and description.
    ids = re.findall(r' id="([^"]+)"', page)
    assert {"c-t", "cc-t", "cc-d"} <= set(ids) and len(ids) == len(set(ids))
    # Received, resolved and pending of cm-window: June-July, then September-October.
    lines = re.findall(r'<polyline class="jd-line jd-line--\d" points="([^"]+)"', figure)
    assert len(lines) == 6 and all(len(points.split()) == 2 for points in lines)
    chart = page.split('id="complaints"')[1]
    spec_file = html.unescape(chart.split('data-spec="')[1].split('"')[0])
    assert re.fullmatch(r"\.\./\.\./\.\./charts/complaints-en\.[0-9a-f]{12}\.json", spec_file)
    data_url = html.unescape(chart.split('data-url="')[1].split('"')[0])
    assert data_url == "../../../data/departments/haryana-cm-complaints.csv"
    spec = json.loads((site / spec_file.removeprefix("../../../")).read_text(encoding="utf-8"))
    assert spec["data"]["url"] == "JD-DATA-URL"
    assert "datum.channel" in next(t["calculate"] for t in spec["transform"] if t.get("as") == "series")
    assert spec["encoding"]["detail"]["field"] == "_run"


def test_the_complaint_tables_show_duplicates_and_say_hidden_for_a_hidden_count(tmp_path):
    data = copy_bundled_seed(tmp_path / "data")
    write_export(tmp_path / "e.csv", {"2026-09": {"resolved": 300, "rejected": 10, "pending": 2, "duplicate": 2},
                                      "2026-10": {"resolved": 300, "rejected": 10, "pending": 2, "duplicate": 2}})
    for dept in ("haryana-cm", "nbpdcl"):  # two of one volume band: both ranked, in the table
        assert ingest(data, tmp_path / "e.csv", dept, "cm-window").exit_code == 0
    gone = CliRunner().invoke(main, ["withdraw-complaints", "--department", "haryana-cm", "--channel", "cm-window",
                                     "--month", "2026-09", "--reason", "Counted twice.", "--data", str(data),
                                     "--as-of", "2026-12-01"])
    assert gone.exit_code == 0, gone.output
    site = tmp_path / "public"
    build(data, site)
    for root, duplicates, hidden in (("en/", "Duplicates", "hidden (privacy)"), ("", "दोहराव", "छिपाया गया (निजता)")):
        page = (site / root / "departments" / "haryana-cm" / "index.html").read_text(encoding="utf-8")
        table = page.split('id="complaints"')[1].split("</table>")[0]
        header = re.findall(r"<th scope=\"col\"[^>]*>([^<]*)</th>", table)
        assert duplicates in header
        assert table_rows(table)[0][duplicates] == hidden
        withdrawn = next(row for row in table.split("<tr>") if "Counted twice." in row)
        lead = len(re.findall(r"<t[dh]>", withdrawn.split("colspan")[0]))
        assert int(re.search(r'colspan="(\d+)"', withdrawn).group(1)) + lead == len(header)
        listed = (site / root / "complaints" / "index.html").read_text(encoding="utf-8")
        row = next(row for row in listed.split("<tr>") if "haryana-cm" in row)
        # The pending count: the last figure, before the cell that names the row's source.
        assert re.search(f'<td class="jd-num" data-label="[^"]+">{re.escape(hidden)}</td>'
                         r'<td data-label="[^"]+"><span title="[^"]+">[^<]+</span></td></tr>', row)
