"""Trust features: fair ranks, corrections, caveats, pipeline health and the row gate."""

import json
import re
import shutil
from datetime import date, timedelta

import pandas as pd
import pytest
from click.testing import CliRunner

from generator import paths, schema
from generator.cli import main
from generator.compute.model import build_model
from generator.config import Config
from generator.store.load import load_dataset
from generator.synth import synthesize

from .helpers import (
    AS_OF,
    DEPT,
    FIRST_NIGHT,
    REPO,
    add_night,
    build,
    copy_bundled_seed,
    make_data,
    snapshot,
    tree_bytes,
    write_csv,
)


def cli(*args):
    return CliRunner().invoke(main, ["--project", str(REPO), *args], catch_exceptions=False)


def accounts_of(*ids):
    return [{"department_id": d, "platform": "x", "official": "yes"} for d in ids]


def test_ranks_say_of_how_many_and_compare_only_recent_figures(tmp_path):
    depts = [{**DEPT, "id": f"p{i}", "name_en": f"P{i}"} for i in range(4)]
    depts.append({**DEPT, "id": "alone", "name_en": "Alone", "category": "electricity"})
    data = make_data(tmp_path, depts, accounts_of("p0", "p1", "p2", "p3", "alone"), [
        snapshot("p0", "2026-11-20", followers=500), snapshot("p1", "2026-11-21", followers=900),
        snapshot("p2", "2026-11-22", followers=700),
        snapshot("p3", "2017-07-01", followers=99999),  # an article's figure: never ranked against today's
        snapshot("alone", "2026-11-20", followers=10)])
    handles = build_model(load_dataset(data), Config(), AS_OF).handles.set_index("department_id")
    assert (handles.loc["p1", "rank_in_category"], handles.loc["p1", "of_in_category"]) == (1, 3)
    assert (handles.loc["p0", "rank_in_category"], handles.loc["p0", "of_in_category"]) == (3, 3)
    assert pd.isna(handles.loc["p3", "rank_in_category"])  # stale: listed, not ranked
    assert pd.isna(handles.loc["alone", "rank_in_category"])  # a category of one has no rank
    out = tmp_path / "public"
    build(data, out)
    page = (out / "en" / "departments" / "p0" / "index.html").read_text(encoding="utf-8")
    assert "Rank in category across India by followers</dt><dd>3 of 3" in page
    stale = (out / "en" / "departments" / "p3" / "index.html").read_text(encoding="utf-8")
    assert "not ranked: the figure is more than 9 years older than the site&#39;s newest figures" in stale
    hindi = (out / "departments" / "p0" / "index.html").read_text(encoding="utf-8")
    assert "3 में से 3" in hindi


def test_follower_growth_leaves_out_jumps(tmp_path):
    collected = {"source": "x-api", "source_url": "https://x.com/DeptA"}
    rows = [snapshot("dept-a", (AS_OF - timedelta(days=d)).isoformat(), followers=f, **collected) for d, f in
            ((10, 10_000), (9, 10_050), (8, 50_000), (7, 50_040))]  # +50, a jump of +39,950, +40
    data = make_data(tmp_path, [DEPT], accounts_of("dept-a"), rows)
    model = build_model(load_dataset(data), Config(), AS_OF)
    row = model.handles.iloc[0]
    assert row["growth_30d"] == 90 and row["jumps_30d"] == 1
    assert model.events["kind"].tolist().count("follower_jump") == 1


def test_a_reports_figures_are_growth_never_a_jump(tmp_path):
    """An article's "grew from 6,500 to 57,000" is the source's statement of growth, its first
    figure often dated by approximation: not an anomaly to flag and leave out. A jump is a
    change between two of the collector's own counts."""
    rows = [snapshot("dept-a", (AS_OF - timedelta(days=d)).isoformat(), followers=f) for d, f in
            ((20, 6_500), (5, 57_000))]
    rows.append(snapshot("dept-a", AS_OF.isoformat(), followers=57_100, source="x-api",
                         source_url="https://x.com/DeptA"))  # the collector's first count, after the report's
    data = make_data(tmp_path, [DEPT], accounts_of("dept-a"), rows)
    model = build_model(load_dataset(data), Config(), AS_OF)
    row = model.handles.iloc[0]
    assert row["growth_30d"] == 50_600 and row["jumps_30d"] == 0
    assert not {"follower_jump", "follower_drop"} & set(model.events["kind"])


def test_a_figure_typed_in_beside_the_nightly_counts_is_checked_like_them(tmp_path):
    """Within a week of a collector's count, a report's figure far off it is a jump like any
    other: a typed 10x figure is no growth, and one entered between two nights hides no jump."""
    collected = {"source": "x-api", "source_url": "https://x.com/DeptA"}

    def model_of(folder, rows):
        return build_model(load_dataset(make_data(tmp_path / folder, [DEPT], accounts_of("dept-a"), rows)),
                           Config(), AS_OF)

    def night(days_back, followers, **source):
        return snapshot("dept-a", (AS_OF - timedelta(days=days_back)).isoformat(), followers=followers, **source)

    typo = model_of("typo", [night(4, 1_000, **collected), night(3, 1_000, **collected), night(0, 10_000)])
    assert (typo.handles.iloc[0]["growth_30d"], typo.handles.iloc[0]["jumps_30d"]) == (0, 1)
    between = model_of("between", [night(3, 9_900, **collected), night(2, 10_000, **collected),
                                   night(1, 12_000), night(0, 50_000, **collected)])
    assert (between.handles.iloc[0]["growth_30d"], between.handles.iloc[0]["jumps_30d"]) == (2_100, 1)
    jump = between.events[between.events["kind"] == "follower_jump"]
    assert jump[["before", "after"]].values.tolist() == [["12000", "50000"]]


def test_a_failed_look_up_is_no_count_of_followers(tmp_path):
    """A row of state error is no observation, whatever figure it holds: no change, no jump."""
    collected = {"source": "x-api", "source_url": "https://x.com/DeptA"}
    rows = [snapshot("dept-a", (AS_OF - timedelta(days=d)).isoformat(), followers=f, state=state, **collected)
            for d, f, state in ((2, 1_000, "ok"), (1, 50_000, "error"), (0, 1_000, "ok"))]
    model = build_model(load_dataset(make_data(tmp_path, [DEPT], accounts_of("dept-a"), rows)), Config(), AS_OF)
    row = model.handles.iloc[0]
    assert (row["followers"], row["growth_30d"], row["jumps_30d"]) == (1_000, 0, 0)


def complaint(dept, received, resolved, end="2026-10-31", start="2026-10-01"):
    return {"department_id": dept, "channel": "x", "period_start": start, "period_end": end, "received": received,
            "resolved": resolved, "source": "manual", "source_url": "https://example.org/report"}


def test_complaint_ranks_within_volume_bands_with_n_and_interval(tmp_path):
    depts = [{**DEPT, "id": d, "name_en": d} for d in ("big-a", "big-b", "small-a", "small-b", "tiny", "old")]
    data = make_data(tmp_path, depts, [], complaints=[
        complaint("big-a", 20_000, 15_000), {**complaint("big-b", 12_000, 11_000), "source_url": "https://rti.example.net/b"},
        complaint("small-a", 500, 400), complaint("small-b", 300, 150), complaint("tiny", 40, 40),
        {**complaint("old", 900, 890, end="2016-12-31", start="2016-12-01"), "source_url": "https://old.example.net/"}])
    ranks = build_model(load_dataset(data), Config(), AS_OF).rankings.set_index("department_id")
    assert (ranks.loc["big-b", "rank"], ranks.loc["big-b", "of"]) == (1, 2)
    assert (ranks.loc["small-a", "rank"], ranks.loc["small-a", "of"]) == (1, 2)
    assert ranks.loc["tiny", "unranked"] == "too_few" and ranks.loc["old", "unranked"] == "too_old"
    assert ranks.loc["small-b", "low"] < 50 < ranks.loc["small-b", "high"]
    out = tmp_path / "public"
    build(data, out)
    page = (out / "en" / "complaints" / "index.html").read_text(encoding="utf-8")
    assert "Departments with 10,000 or more complaints" in page and "1 of 2" in page
    assert "within this band; rates shown alike share a place</caption>" in page  # so that a tie reads as one
    assert "too few complaints to compare (fewer than 100)" in page
    assert "the period ended more than 365 days before the as-of date" in page
    assert 'href="../caveats/"' in page
    # Each department's figures name their own source, ranked or not, as its scorecard does.
    for dept, url, label in (("big-a", "https://example.org/report", 'data-label="Source">'),
                             ("big-b", "https://rti.example.net/b", 'data-label="Source">'),
                             ("old", "https://old.example.net/", "Source: ")):
        row = re.search(rf"<(tr|li)>(?:(?!</\1>).)*>{dept}</a>(?:(?!</\1>).)*</\1>", page, re.S).group(0)
        assert f'{label}<a href="{url}" rel="nofollow noopener">{url.split("/")[2]}</a>' in row, dept


def test_a_correction_is_shown_and_listed_and_never_edits_a_snapshot(tmp_path):
    data = copy_bundled_seed(tmp_path / "data")
    before = tree_bytes(data / "manual")
    write_csv(data / paths.CORRECTIONS_CSV, schema.CORRECTIONS, [{
        "date": "2026-11-20", "department_id": "muzaffarpur-police", "figure": "followers", "old_value": "2648",
        "new_value": "2684", "reason": "The article's figure had two digits swapped",
        "source_url": "https://example.org/screenshot"}])
    out = tmp_path / "public"
    build(data, out)
    assert tree_bytes(data / "manual") == before
    # Each says the figures stay as observed until an observation shows the right one: a department
    # that asked for a correction saw its old status and grade stay, with nothing saying why.
    for lang, words in (("en", ("Corrections on this scorecard", "followers 2648 → 2684",
                                "they change with the next observation that shows the right figure")),
                        ("hi", ("इस स्कोरकार्ड पर सुधार", "फ़ॉलोअर 2648 से 2684",
                                "वे अगले उस अवलोकन से बदलते हैं जो सही आँकड़ा दिखाए"))):
        root = out / "en" if lang == "en" else out
        card = (root / "departments" / "muzaffarpur-police" / "index.html").read_text(encoding="utf-8")
        assert all(w in card for w in words), lang
        listing = (root / "corrections" / "index.html").read_text(encoding="utf-8")
        assert words[-1] in listing, lang
        assert "two digits swapped" in listing and 'href="../departments/muzaffarpur-police/"' in listing
        assert "issues/new?template=dispute.yml&amp;department=muzaffarpur-police" in card
    published = pd.read_csv(out / "data" / "corrections.csv", encoding="utf-8-sig", dtype=str)
    assert list(published["new_value"]) == ["2684"]


def test_a_correction_of_the_last_post_is_taken_by_the_column_name_the_files_use(tmp_path):
    # last_post_at is the figure a department called dormant disputes first; the data
    # dictionary names it so, and the scorecard has words for it.
    data = copy_bundled_seed(tmp_path / "data")
    write_csv(data / paths.CORRECTIONS_CSV, schema.CORRECTIONS, [{
        "date": "2026-11-20", "department_id": "muzaffarpur-smart-city", "figure": "last_post_at",
        "old_value": "2023-01-05", "new_value": "2023-07-01", "reason": "The article missed a post",
        "source_url": "https://example.org/post"}])
    out = tmp_path / "public"
    build(data, out)
    card = (out / "en" / "departments" / "muzaffarpur-smart-city" / "index.html").read_text(encoding="utf-8")
    assert "last post 2023-01-05 → 2023-07-01" in card
    card = (out / "departments" / "muzaffarpur-smart-city" / "index.html").read_text(encoding="utf-8")
    assert "आख़िरी पोस्ट 2023-01-05 से 2023-07-01" in card


def test_a_handle_listed_as_abandoned_from_an_old_report_says_the_figure_is_old(tmp_path):
    # The collector's night of 2026 makes the article of July 2023 an old figure: the lists of
    # handles needing attention say so beside it, as the scorecard does, not only its date.
    data = copy_bundled_seed(tmp_path / "data")
    add_night(data, FIRST_NIGHT, 1000)
    out = tmp_path / "public"
    build(data, out, FIRST_NIGHT + timedelta(days=1))
    for page, words in (("en/index.html", "Last known figure, from 18 Jul 2023: more than 3 years"),
                        ("en/states/in-br/index.html", "Last known figure, from 18 Jul 2023: more than 3 years"),
                        ("index.html", "यह अंतिम ज्ञात आँकड़ा 18 जुलाई 2023 का है")):
        html = (out / page).read_text(encoding="utf-8")
        attention = html[html.index('id="attention"'):]
        item = attention[attention.index("muzaffarpur-smart-city"):]
        assert words in item[:item.index("</li>")], page


def test_health_page_and_banner_from_run_records(tmp_path):
    data = synthesize(tmp_path / "data", accounts=10, days=10, seed=3, end=date(2026, 11, 20))
    assert data is not None
    out = tmp_path / "public"
    build(tmp_path / "data", out, date(2026, 11, 21))
    health = (out / "en" / "health" / "index.html").read_text(encoding="utf-8")
    assert "Last collection</dt><dd>20 Nov 2026" in health and "handles.csv" in health
    assert "jd-banner" not in health  # the newest figure is one night old
    later = tmp_path / "later"
    build(tmp_path / "data", later, date(2026, 11, 25))
    for page in ("en/index.html", "en/departments/", "health/index.html"):
        target = later / page
        html = (target if target.suffix else next(target.rglob("index.html"))).read_text(encoding="utf-8")
        assert "jd-banner" in html and ("20 Nov 2026" in html or "20 नवंबर 2026" in html), page
        # Above the header, where "skip to content" passes it by: a screen reader hears it in the
        # content, once (the one shown is hidden from it).
        banner = re.search(r'<p class="jd-banner" aria-hidden="true">(.*?)</p>', html)[1]
        content = html[html.index('<article'):]
        assert f'<p class="jd-vh jd-banner-said">{banner}</p>' in content, page


def test_each_row_of_the_ranking_health_corrections_and_grade_tables_is_headed_by_its_first_cell(tmp_path):
    """A screen reader moving along a row hears whose row it is (the department, the night, the
    file, the grade's part) before each figure: the row's first cell is its header."""
    synthesize(tmp_path / "data", accounts=10, days=45, seed=3, end=date(2026, 11, 20))
    dept, other = pd.read_csv(tmp_path / "data" / paths.DEPARTMENTS_CSV, dtype=str)["id"].iloc[:2]
    write_csv(tmp_path / "data" / paths.COMPLAINTS / "ranked.csv", schema.COMPLAINTS,
              [complaint(dept, 500, 400), complaint(other, 300, 150)])  # two of a band: a ranking
    write_csv(tmp_path / "data" / paths.CORRECTIONS_CSV, schema.CORRECTIONS, [{
        "date": "2026-11-10", "department_id": dept, "figure": "followers", "old_value": "1", "new_value": "2",
        "reason": "A typing error", "source_url": "https://example.org/screenshot"}])
    out = tmp_path / "public"
    build(tmp_path / "data", out, date(2026, 11, 21))
    stacked = r'<table class="jd-table jd-stack">'
    tables = {"complaints": [stacked], "health": [stacked] * 2, "corrections": [r'<table class="jd-table jd-stack"'],
              f"departments/{dept}": [r'<table class="[^"]*jd-grade-sum">']}
    for root in (out, out / "en"):
        for page, openings in tables.items():
            html = (root / page / "index.html").read_text(encoding="utf-8")
            found = [t for t in re.findall(r"<table[^>]*>.*?</table>", html, re.S)
                     if any(re.match(o, t) for o in openings)]
            assert len(found) == len(openings), page
            for table in found:
                body = table.split("<tbody", 1)[1].split("</tbody>", 1)[0]
                rows = re.findall(r"<tr>(.*?)</tr>", body, re.S)
                assert rows and all(row.startswith('<th scope="row">') for row in rows), (page, rows[:1])


def ten_and_three(root):
    """Ten departments, and the same registry after a night that lost seven: (full, lost)."""
    depts = [{**DEPT, "id": f"d{i}", "name_en": f"D{i}"} for i in range(10)]
    return (make_data(root / "full", depts, accounts_of(*(d["id"] for d in depts))),
            make_data(root / "lost", depts[:3], accounts_of("d0", "d1", "d2")))


@pytest.fixture(scope="module")
def ten_built(tmp_path_factory):
    """The ten departments' site, built on 2026-11-24 as the command line builds it."""
    out = tmp_path_factory.mktemp("ten") / "public"
    full, _ = ten_and_three(out.parent)
    assert cli("build", "--data", str(full), "--out", str(out), "--as-of", "2026-11-24").exit_code == 0
    return out


def test_a_night_whose_rows_collapse_is_not_published(tmp_path, ten_built):
    _, lost = ten_and_three(tmp_path)
    out = shutil.copytree(ten_built, tmp_path / "public")
    site = tree_bytes(out)
    result = cli("build", "--data", str(lost), "--out", str(out), "--as-of", "2026-11-25")
    assert result.exit_code == 1
    assert ("data/handles.csv:0: rows: the site's download would have 3 rows where the last build published 10"
            in result.output)
    assert tree_bytes(out) == site
    # A fresh checkout compares with the site online, through its published build.json.
    baseline = tmp_path / "baseline.json"
    baseline.write_text((out / "data" / "build.json").read_text(encoding="utf-8"))
    fresh = cli("build", "--data", str(lost), "--out", str(tmp_path / "fresh"), "--as-of", "2026-11-25",
                "--baseline", str(baseline))
    assert fresh.exit_code == 1 and "rows where the last build published" in fresh.output
    allowed = cli("build", "--data", str(lost), "--out", str(out), "--as-of", "2026-11-25", "--allow-drop")
    assert allowed.exit_code == 0, allowed.output
    assert json.loads((out / "data" / "build.json").read_text())["files"]["handles.csv"][0] == 3


UNREADABLE = {
    "{}": 'b.json:0: files: is not a build record: no "files" object of file: [rows, bytes]; pass --first-night',
    '<!DOCTYPE html>\n<html><head><meta http-equiv="refresh" content="0; url=https://example.org/">':
        "b.json:1: --baseline: is an HTML page, not build.json (a redirect or an error page saved in its place?)",
    '{"as_of": "2026-11-24",\n "files": ': "b.json:2: --baseline: not JSON (Expecting value)",
    '{"files": {"handles.csv": "10"}}': 'b.json:0: files.handles.csv: is "10", not [rows, bytes]',
    '{"files": [["handles.csv", 10, 900]]}': 'b.json:0: files: is not a build record',
    # Nested thousands deep, or a number of thousands of digits: a line, not a traceback.
    "[" * 100_000 + "]" * 100_000: "b.json:1: --baseline: is not a build record (nested too deeply",
    '{"files": {"handles.csv": [' + "9" * 5_000 + ', 1]}}': "b.json:1: --baseline: is not a build record",
}


def test_the_row_gate_fails_closed_without_a_readable_baseline(tmp_path):
    full, lost = ten_and_three(tmp_path)
    baseline = tmp_path / "b.json"

    def night(data, out, *flags):
        return cli("build", "--data", str(data), "--out", str(tmp_path / out), "--as-of", "2026-11-24",
                   "--baseline", str(baseline), *flags)

    # The first night: no site online yet, said so by the operator.
    first = night(full, "first")
    assert first.exit_code == 1 and f"{baseline}:0: --baseline: no such file" in first.output
    assert not (tmp_path / "first").exists()
    first = night(full, "first", "--first-night")
    assert first.exit_code == 0, first.output
    assert "note: first night: rows not compared" in first.output
    # A normal night, and a collapsed one, even when --first-night is given by mistake. The
    # normal one is built over the first night's site, as the nightly does: its rows are
    # compared with the baseline all the same, and the ten departments are not built again.
    baseline.write_bytes((tmp_path / "first" / "data" / "build.json").read_bytes())
    normal = night(full, "first")
    assert normal.exit_code == 0, normal.output
    for flags in ((), ("--first-night",)):
        collapsed = night(lost, "collapsed", *flags)
        assert collapsed.exit_code == 1 and "3 rows where the last build published 10" in collapsed.output
    # Another site's record, readable and well shaped, compares nothing: refused too.
    baseline.write_text('{"files": {"data/zzz.csv": [1, 1]}}', encoding="utf-8")
    other = night(full, "other")
    assert other.exit_code == 1 and "the baseline names none of the files this build publishes" in other.output
    # What a failed fetch leaves: nothing is built without --first-night.
    for text, message in UNREADABLE.items():
        baseline.write_text(text, encoding="utf-8")
        result = night(lost, "unreadable")
        assert result.exit_code == 1 and message.replace("b.json", str(baseline)) in result.output, result.output
        assert "Traceback" not in result.output and not (tmp_path / "unreadable").exists()
    # A device or a file far larger than any record, given by mistake: refused unread.
    result = cli("build", "--data", str(lost), "--out", str(tmp_path / "unreadable"), "--as-of", "2026-11-24",
                 "--baseline", "/dev/zero")
    assert result.exit_code == 1 and "/dev/zero:0: --baseline: is not a regular file" in result.output
    with baseline.open("wb") as handle:
        handle.truncate(65 * 2**20)  # sparse: no disk, and never read
    result = night(lost, "unreadable")
    assert result.exit_code == 1 and "is larger than 64 MiB: not a build record" in result.output


def test_an_output_folder_whose_last_build_cannot_be_read_is_no_baseline(tmp_path, ten_built):
    _, lost = ten_and_three(tmp_path)
    out = shutil.copytree(ten_built, tmp_path / "public")
    for damaged in ("{}", "[" * 100_000 + "]" * 100_000):  # nested thousands deep, too
        (out / ".jawabdehi-site").write_text(damaged, encoding="utf-8")
        site = tree_bytes(out)
        result = cli("build", "--data", str(lost), "--out", str(out), "--as-of", "2026-11-25")
        assert result.exit_code == 1 and "public/.jawabdehi-site:0: files: is not a build record" in result.output
        assert tree_bytes(out) == site


@pytest.mark.parametrize("parallel", [True, False])
def test_the_row_gate_stops_a_night_before_its_pages_are_built(tmp_path, ten_built, monkeypatch, parallel):
    import generator.publish.build as build_module

    real = build_module._build_language

    def built(*args):
        # Pages built for a refused night, or waited for: their error would be the night's.
        raise AssertionError("the pages of a refused night were built")

    monkeypatch.setattr(build_module, "_parallel", lambda departments: parallel)
    monkeypatch.setattr(build_module, "_build_language", built)
    _, lost = ten_and_three(tmp_path)
    out = shutil.copytree(ten_built, tmp_path / "public")
    site = tree_bytes(out)
    result = cli("build", "--data", str(lost), "--out", str(out), "--as-of", "2026-11-25")
    assert result.exit_code == 1 and "3 rows where the last build published 10" in result.output, result.output
    assert "were built" not in result.output and tree_bytes(out) == site
    # The operator is told what the night did not look at: its pages' personal data included.
    assert "its pages were neither built nor audited" in result.output
    # A night within the gate (nine of ten departments, above 80 %) builds its pages whole.
    monkeypatch.setattr(build_module, "_build_language", real)
    depts = [{**DEPT, "id": f"d{i}", "name_en": f"D{i}"} for i in range(9)]
    nine = make_data(tmp_path / "nine", depts, accounts_of(*(d["id"] for d in depts)))
    kept = cli("build", "--data", str(nine), "--out", str(out), "--as-of", "2026-11-25")
    assert kept.exit_code == 0, kept.output
    assert json.loads((out / "data" / "build.json").read_text())["files"]["handles.csv"][0] == 9
    for page in ("departments/d8/index.html", "en/departments/d8/index.html"):
        assert (out / page).exists()


def test_a_night_refused_by_the_audit_and_the_row_gate_says_both():
    from generator.problems import Problem
    from generator.publish.build import AuditError, _refuse

    finding = Problem("data/handles.csv", 3, "name", "mobile number: 9**** *****")
    drop = Problem("data/handles.csv", 0, "rows", "the site's download would have 3 rows")
    with pytest.raises(AuditError) as caught:
        _refuse([finding], [drop])
    assert caught.value.problems == [finding, drop] and caught.value.findings == [finding]
    _refuse([], [])  # neither: the night goes on
