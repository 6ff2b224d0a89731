"""Every published figure, recomputed from the raw inputs by a checker that shares no code
with the package (tests/figure_checker.py), agrees with every output that shows it: the CSVs,
the league slices and pages, the accounts API, the scorecards in both languages, the feeds
and the badges. The package is used here only to make and build the sites."""

from __future__ import annotations

import copy
import html
import json
import re
import shutil
import zipfile
from datetime import date

import pytest

from generator import paths, schema
from generator.publish.build import FORK_FROM_DEPARTMENTS
from generator.synth import synthesize

from . import figure_checker
from .helpers import AS_OF, DATA, FIRST_NIGHT, add_night, build, copy_bundled_seed, write_csv

END = date(2026, 11, 24)
EARLY = date(2026, 11, 2)  # a build of a day inside the archive: later rows are left out
# What each site must have compared something in (the bundled data has no reply counts).
OUTPUTS = ("data/handles.csv", "data/complaints.csv", "data/events.csv", "data/departments/", "data/league/",
           "api/accounts/", "scorecard-hi", "scorecard-en", "league-", "feed", "badge")


@pytest.fixture(scope="module")
def sites(tmp_path_factory, bundled_site):
    root = tmp_path_factory.mktemp("figures")
    data = root / "synthetic"
    # Just past the size from which a build renders each language in a process of its own, as
    # a real night's does; every output still has figures to compare (OUTPUTS).
    synthesize(data, accounts=FORK_FROM_DEPARTMENTS + 20, days=60, seed=7, end=END)
    build(data, root / "late", END)
    # What a day inside the archive leaves out does not depend on the size: the same nights of
    # the first 40 of those departments (every level, districts included), built in one process.
    small = root / "small"
    synthesize(small, accounts=40, days=60, seed=7, end=END)
    build(small, root / "early", EARLY)
    return {"late": (root / "late", data, END), "early": (root / "early", small, EARLY),
            "bundled": (bundled_site, DATA, AS_OF)}


@pytest.mark.parametrize("which", ["late", "early", "bundled"])
def test_every_published_figure_is_its_recomputation(sites, which):
    site, data, cutoff = sites[which]
    report = figure_checker.check(site, data, cutoff)
    assert report.mismatches == []
    compared = {key: n for key, n in report.compared.items() if n}
    assert [o for o in OUTPUTS if not any(key.startswith(o) for key in compared)] == [], compared
    if which != "bundled":
        assert compared["data/replies.csv"], compared


def test_a_figure_changed_in_the_inputs_is_caught_in_every_output_that_shows_it(sites):
    site, data, cutoff = sites["late"]
    expected = figure_checker.recompute(data, cutoff)
    key = next(k for k, row in expected.handles.items() if row["followers"] and row["grade"] and not row["shared_with"])
    changed = copy.deepcopy(expected)
    changed.handles[key]["followers"] += 1
    report = figure_checker.check_site(site, changed)
    where = {m.split(":")[0] for m in report.mismatches if key[0] in m and "followers" in m}
    state = changed.handles[key]["state"].lower()
    assert {"data/handles.csv", f"data/league/hi/{state}.json", f"data/league/en/{state}.json",
            "data/league/hi/all.json", "data/league/en/all.json", "scorecard-hi", "scorecard-en", "league-late",
            "league-en"} <= where, report.mismatches


def test_a_reports_bound_on_a_count_left_out_or_changed_is_caught_wherever_the_count_is_shown(sites):
    """The bundled Haryana report gives "more than 7 lakh" Facebook followers: a page, list,
    badge or file that said "7 lakh", or "about 7 lakh", would misquote it."""
    site, data, cutoff = sites["bundled"]
    expected = figure_checker.recompute(data, cutoff)
    key = ("haryana-cm", "facebook")
    assert expected.handles[key]["followers_bound"] == "more_than"
    for bound in (None, "about"):
        changed = copy.deepcopy(expected)
        changed.handles[key]["followers_bound"] = bound
        report = figure_checker.check_site(site, changed)
        where = {m.split(":")[0] for m in report.mismatches if "haryana-cm" in m and "followers_bound" in m}
        assert {"data/handles.csv", "data/league/hi/in-hr.json", "data/league/en/all.json", "scorecard-hi",
                "scorecard-en", "badge"} <= where, report.mismatches
    # The scorecard's table of observations quotes it on that day's row, and on no other.
    for lang, words in (("en/", "more than 7,00,000"), ("", "7,00,000 से अधिक")):
        page = (site / lang / "departments/haryana-cm/index.html").read_text(encoding="utf-8")
        table = next(t for t in re.findall(r"<table.*?</table>", page, re.S) if "19,00,000" in t)
        counts = sorted(re.sub(r"<[^>]+>", "", row).strip() for row in re.findall(r'<td class="jd-num"[^>]*>(.*?)</td>',
                                                                                  table, re.S))
        assert counts == sorted(["19,00,000", words]), counts
    # The list of bounds is a download of its own (the history file has the number, the bound
    # beside it), in the datapackage and the night's ZIP.
    listed = (site / "data/bounded-followers.csv").read_text(encoding="utf-8-sig")
    assert listed == "department_id,platform,date,bound\nharyana-cm,facebook,2021-03-09,more_than\n"
    package = json.loads((site / "data/datapackage.json").read_text(encoding="utf-8"))
    assert "bounded-followers.csv" in {r["path"] for r in package["resources"]}
    with zipfile.ZipFile(next((site / "data").glob("jawabdehi-*.zip"))) as night:
        assert night.read("bounded-followers.csv").decode("utf-8-sig") == listed


@pytest.fixture(scope="module")
def history_site(tmp_path_factory):
    """The bundled reports with two nights of UP Police's collected followers on top: one on the
    day standing in for the Gorakhpur report's year (2017-07-01), which the collector saw on that
    very day."""
    root = tmp_path_factory.mktemp("history")
    data = copy_bundled_seed(root / "data")
    for night, followers in ((date(2017, 7, 1), 90000), (FIRST_NIGHT, 1000)):
        add_night(data, night, followers)
    on_stand_in_day(data)
    build(data, root / "site", FIRST_NIGHT)
    return root / "site", data


STAND_IN = "2016-10-01"  # the UP Police report's day, standing in for its month (about Oct 2016)


def on_stand_in_day(data) -> None:
    """Two figures of STAND_IN that are of their day: the collector's count of the Gorakhpur
    commissioner, and the Muzaffarpur railways' counts of 1 Sep and 1 Oct 2016 in a report that
    dates itself to the day."""
    write_csv(data / paths.SNAPSHOTS / "x" / f"{STAND_IN}.csv", schema.SNAPSHOT, [
        {"department_id": "gorakhpur-commissioner", "platform": "x", "date": STAND_IN, "account_id": "654321",
         "handle": "CommissionerGkp", "followers": 3100, "following": 10, "posts": 900,
         "last_post_at": f"{STAND_IN}T08:00:00Z", "state": "ok", "source": "x-api",
         "source_url": "https://x.com/CommissionerGkp"}])
    with (data / paths.SOURCES_CSV).open("a", encoding="utf-8") as out:
        out.write(f"rail-daily-2016,Rail accounts,A daily paper,{STAND_IN},,,एक दैनिक,,\n")
    with (data / "manual" / "rail-daily-2016.csv").open("w", encoding="utf-8") as out:
        out.write("department_id,platform,date,account_id,handle,followers,following,posts,last_post_at,state,"
                  "source,source_url\n")
        for day, followers in (("2016-09-01", 1000), (STAND_IN, 1200)):
            out.write(f"muzaffarpur-railways,x,{day},,,{followers},,,,ok,manual,source:rail-daily-2016\n")


def history_rows(site, dept: str) -> dict[tuple[str, str], dict]:
    rows = figure_checker.read_csv(site / "data" / "departments" / f"{dept}.csv")
    return {(r["platform"], r["date"]): r for r in rows}


def test_a_history_file_says_how_each_row_is_read_as_the_scorecard_reads_it(history_site):
    """The scorecard says "more than 7,00,000 (9 Mar 2021)", "about Oct 2016" and "2017": the
    department's history file says the bound and how exactly the day is known beside the number
    and the day, with handles.csv's names and values; a collected row is of its day, unbounded,
    even on a day that stands in for a report's year."""
    site, data = history_site
    header = (site / "data/departments/up-police.csv").read_text(encoding="utf-8-sig").split("\n")[0]
    assert header.endswith(",source_url,date_precision,followers_bound")
    read_as = {dept: {key: (r["date_precision"], r["followers_bound"]) for key, r in history_rows(site, dept).items()}
               for dept in ("haryana-cm", "up-police", "gorakhpur-police")}
    assert read_as["haryana-cm"] == {("facebook", "2021-03-09"): ("day", "more_than"),
                                     ("x", "2021-03-09"): ("day", "")}
    assert read_as["up-police"] == {("x", "2016-09-08"): ("day", ""), ("x", "2016-10-01"): ("month", ""),
                                    ("x", "2017-07-01"): ("day", ""), ("x", FIRST_NIGHT.isoformat()): ("day", "")}
    assert read_as["gorakhpur-police"] == {("x", "2017-07-01"): ("year", "")}
    # The same names and values as handles.csv gives the newest figure.
    handles = {(r["department_id"], r["platform"]): r for r in figure_checker.read_csv(site / "data/handles.csv")}
    assert (handles["haryana-cm", "facebook"]["followers_bound"], handles["haryana-cm", "facebook"]["followers_on"]) \
        == ("more_than", "2021-03-09")
    assert handles["gorakhpur-police", "x"]["followers_on_precision"] == "year"
    schema_file = json.loads((site / "data/schemas/snapshots.json").read_text(encoding="utf-8"))
    assert [f["name"] for f in schema_file["fields"]][-2:] == ["date_precision", "followers_bound"]
    # The checker, sharing no code with the package, agrees, and catches either cell said otherwise.
    assert figure_checker.check(site, data, FIRST_NIGHT).mismatches == []
    expected = figure_checker.recompute(data, FIRST_NIGHT)
    changed = copy.deepcopy(expected)
    changed.sources = [{**s, "date_precision": "year"} if s["published_on"] == "2016-10-01" else s
                       for s in changed.sources]
    changed.bounded = [{**r, "bound": "about"} for r in changed.bounded]
    report = figure_checker.check_site(site, changed)
    assert any(m.startswith("data/departments/up-police.csv:2016-10-01: date_precision") for m in report.mismatches)
    assert any(m.startswith("data/departments/haryana-cm.csv:2021-03-09: followers_bound")
               for m in report.mismatches), report.mismatches


def test_a_figure_of_a_stand_in_day_is_as_exact_as_its_own_source(history_site):
    """On the day the UP Police report stands in for its month, the collector's count and a report
    dated to the day are of that day on every page, and the report's change over 30 days is
    known; only UP Police's own count of that day reads 'about Oct 2016'."""
    site, data = history_site
    for lang, exact, about in (("en/", "1 Oct 2016", "about Oct 2016"), ("", "1 अक्टूबर 2016", "लगभग अक्टूबर 2016")):
        for dept in ("gorakhpur-commissioner", "muzaffarpur-railways"):
            page = text_of_page(site / lang / "departments" / dept / "index.html")
            assert exact in page and about not in page, (lang, dept)
        assert about in text_of_page(site / lang / "departments/up-police/index.html")
    handles = {(r["department_id"], r["platform"]): r for r in figure_checker.read_csv(site / "data/handles.csv")}
    railways = handles["muzaffarpur-railways", "x"]
    assert (railways["followers_on"], railways["followers_on_precision"], railways["change_30d"]) == \
        (STAND_IN, "day", "200")
    assert handles["gorakhpur-commissioner", "x"]["followers_on_precision"] == "day"
    # The chart's tooltip says 'about Oct 2016' of a row its history file dates to its month only.
    spec = next((site / "charts").glob("followers-en.*.json")).read_text(encoding="utf-8")
    assert f'datum.date_precision === \\"month\\" && utcFormat(toDate(datum.date), \'%Y-%m-%d\') === ' \
           f'\\"{STAND_IN}\\" ? \\"about Oct 2016\\"' in spec
    # The checker agrees, and catches the report's day said as its month.
    expected = figure_checker.recompute(data, FIRST_NIGHT)
    assert expected.handles["muzaffarpur-railways", "x"]["change_30d"] == 200
    changed = copy.deepcopy(expected)
    changed.handles["muzaffarpur-railways", "x"]["followers_on_precision"] = "month"
    report = figure_checker.check_site(site, changed)
    assert any(m.startswith(("scorecard-en", "scorecard-hi")) and "muzaffarpur-railways" in m
               and "followers_on" in m for m in report.mismatches), report.mismatches


def test_a_later_count_after_a_bounded_one_is_no_known_change(tmp_path):
    """A count entered after the report's 'more than 7 lakh': the scorecard's change and its
    chart start from 'more than 7,00,000', and no 30-day change is measured from it."""
    data = copy_bundled_seed(tmp_path / "data")
    with (data / "manual" / "haryana-cm-2021.csv").open("a", encoding="utf-8") as out:
        out.write("haryana-cm,facebook,2021-03-30,,,720000,,,,ok,manual,source:haryana-cm-2021\n")
    build(data, tmp_path / "public", AS_OF)
    page = text_of_page(tmp_path / "public/en/departments/haryana-cm/index.html")
    assert "Followers 7,20,000 (7.2 lakh) (30 Mar 2021)" in page
    assert "Change more than 7,00,000 (9 Mar 2021) to 7,20,000 (30 Mar 2021)" in page
    assert "Facebook: more than 7,00,000 (9 Mar 2021) to 7,20,000 (30 Mar 2021)" in page  # the chart's caption
    assert "+20,000" not in page and "30-day growth" not in page


def test_a_table_of_recent_days_up_to_a_count_known_to_its_month_says_the_days_are_about(sites):
    """UP Police's latest count is 'about Oct 2016': its 30 days are not known to the day."""
    site = sites["bundled"][0]
    police = text_of_page(site / "en/departments/up-police/index.html")
    assert "Observations of about the 30 days up to the latest one (known to its month or year only)" in police
    haryana = text_of_page(site / "en/departments/haryana-cm/index.html")
    assert "Observations of the 30 days up to the latest one" in haryana and "of about the" not in haryana


def text_of_page(path) -> str:
    return re.sub(r"\s+", " ", html.unescape(re.sub(r"<[^>]+>", " ", path.read_text(encoding="utf-8"))))


def test_a_handle_changed_in_the_inputs_is_caught_in_the_lists_which_find_rows_by_account(sites):
    # The lists' rows are found by department and platform (one handle may be a department's on
    # two platforms), so the handle each shows is checked, not used to find it.
    site, data, cutoff = sites["late"]
    changed = copy.deepcopy(figure_checker.recompute(data, cutoff))
    key = next(k for k, row in changed.handles.items() if row["handle"] and k[1] == "x" and not row["shared_with"])
    changed.handles[key]["handle"] = "SomeoneElse"
    report = figure_checker.check_site(site, changed)
    lists = {m.split(":")[0] for m in report.mismatches if key[0] in m and "handle" in m and m.startswith("league-")}
    assert {"league-late", "league-en"} <= lists, report.mismatches


def test_a_published_column_nobody_checks_fails(sites, tmp_path):
    site, data, cutoff = sites["late"]
    shutil.copytree(site / "data", tmp_path / "data", ignore=shutil.ignore_patterns("archive", "*.zip"))
    schema = tmp_path / "data/schemas/handles.json"
    fields = json.loads(schema.read_text(encoding="utf-8"))
    fields["fields"].append({"name": "followers_next_year", "type": "integer"})
    schema.write_text(json.dumps(fields), encoding="utf-8")
    handles = tmp_path / "data/handles.csv"
    lines = handles.read_text(encoding="utf-8-sig").splitlines()
    handles.write_text("\n".join([lines[0] + ",followers_next_year"] + [line + ",1" for line in lines[1:]]) + "\n",
                       encoding="utf-8")
    report = figure_checker.check(tmp_path, data, cutoff)
    assert "schemas/handles.json: column followers_next_year is published and nobody checks it" in report.mismatches


def test_replies_too_few_to_count_say_so_in_the_grade_table(sites):
    """Measured replies count from [grade] min_mentions mentions: below that the part is
    left out (or taken from a complaint source), and the grade table says why."""
    site, data, cutoff = sites["late"]
    windows = figure_checker.recompute(data, cutoff).reply_window
    said = set()
    for dept, window in windows.items():
        page = (site / "en" / "departments" / dept / "index.html").read_text(encoding="utf-8")
        n = window["mentions"]
        if "fewer than 5: left out" in page:
            said.add(dept)
            assert 0 < n < 5 and f"{n} mention{'s' if n > 1 else ''}, fewer than 5: left out" in page, dept
    assert said and any(w["mentions"] >= 5 for w in windows.values())


def test_the_checker_sums_the_replies_of_the_30_days_up_to_the_last_measured_day():
    """The checker summed a department's last 30 measured days, however far apart: measured in
    rotation, a day of October stood in a window the methodology (and the scorecard) ends 30
    days before 24 Nov. A day 29 days before still counts."""
    def measured(on: str, mentions: int) -> dict:
        return {"department_id": "dept-a", "platform": "x", "date": on, "mentions": str(mentions),
                "answered": "1", "answered_within_hour": "1", "median_reply_minutes": "30"}

    window = figure_checker.reply_windows([measured("2026-10-01", 5), measured("2026-10-26", 7),
                                           measured("2026-11-24", 10)])["dept-a"]
    assert (window["mentions"], window["since"], window["until"]) == (17, "2026-10-26", "2026-11-24")
