"""Dates as exact as their own source gives them, and each with its source: the site's newest
observation where only reports give its day, and a change dated by its own observation."""

from __future__ import annotations

import html
import json
import re
import zipfile
from datetime import date
from types import SimpleNamespace

import pandas as pd
import pytest

from generator import paths, schema
from generator.compute.model import build_model, dated_events, newest_known
from generator.config import Config
from generator.render.formatter import Formatter
from generator.render.pages import SitePages
from generator.render.scorecards import grade_moves
from generator.store.load import load_dataset

from .helpers import DEPT, build, make_data, snapshot, write_csv

MONTHLY = {"id": "monthly", "title": "A report", "publication": "A monthly", "publication_hi": "एक मासिक",
           "published_on": "2016-10-01", "url": "https://example.org/monthly", "date_precision": "month"}
# A report with no address of its own: named by a link to the scorecard's list of sources.
QUARTERLY = {"id": "quarterly", "title": "B report", "publication": "A quarterly", "publication_hi": "एक त्रैमासिक",
             "published_on": "2016-11-01", "url": "", "date_precision": "month"}
DEPT_B = {**DEPT, "id": "dept-b", "name_en": "Department B", "name_hi": "विभाग ब"}


def looked_up(dept: str, day: str, **values) -> dict:
    return snapshot(dept, day, source="x-api", source_url=f"https://x.com/{dept}", account_id="1", **values)


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    """Department A's X account looked up on 20 Sep and 1 Oct 2016, and its Facebook account in
    a monthly report of 'about Oct 2016' (of 1 Oct) that gives no count; Department B looked up
    on 20 Oct 2016 and in a report of 'about Nov 2016', the site's newest observation, that
    gives its count and fewer posts (the home page's newest change)."""
    root = tmp_path_factory.mktemp("precision")
    accounts = [{"department_id": d, "platform": "x", "official": "yes", "handle": h}
                for d, h in (("dept-a", "DeptA"), ("dept-b", "DeptB"))]
    accounts.append({"department_id": "dept-a", "platform": "facebook", "official": "yes", "handle": "DeptA"})
    reports = [snapshot("dept-a", "2016-10-01", platform="facebook", source_url="source:monthly"),
               snapshot("dept-b", "2016-11-01", followers=500, posts=10, source_url="source:quarterly")]
    data = make_data(root / "data", [DEPT, DEPT_B], accounts, reports)
    for dept, day, followers, posts in (("dept-a", "2016-09-20", 1000, 500), ("dept-a", "2016-10-01", 1010, 400),
                                        ("dept-b", "2016-10-20", 450, 20)):
        write_csv(data / paths.SNAPSHOTS / "x" / f"{day}.csv", schema.SNAPSHOT,
                  [looked_up(dept, day, followers=followers, posts=posts, last_post_at=f"{day}T08:00:00Z")])
    write_csv(data / paths.SOURCES_CSV, schema.SOURCES_TABLE, [MONTHLY, QUARTERLY])
    build(data, root / "site", date(2016, 11, 2))
    return root / "site"


def text(path) -> str:
    return re.sub(r"\s+", " ", html.unescape(re.sub(r"<[^>]+>", " ", path.read_text(encoding="utf-8"))))


def test_the_sites_newest_day_a_report_gives_to_its_month_is_said_so_with_its_report(site):
    """Only a report of 'about Nov 2016' gives the newest day: the home page and the list of all
    accounts say 'about Nov 2016', never '1 Nov 2016', and name the report, linked to the
    scorecard's list of sources (it has no address of its own)."""
    for lang, about, exact, named in (("en/", "Figures as of about Nov 2016.", "1 Nov 2016", "A quarterly"),
                                      ("", "आँकड़े लगभग नवंबर 2016 तक के।", "1 नवंबर 2016", "एक त्रैमासिक")):
        for page in ("index.html", "accounts/index.html"):
            raw = (site / lang / page).read_text(encoding="utf-8")
            shown = text(site / lang / page)
            assert about in shown and exact not in shown, (lang, page)
            assert re.search(rf'<a href="[^"]*departments/dept-b/#sources">{named}</a>', raw), (lang, page)


def test_a_states_list_and_a_statuss_list_name_what_their_own_newest_figure_is_from(site):
    """Uttar Pradesh's list is as of B's report of 'about Nov 2016' and names it, as all India's
    does; the list of active accounts, as of A's look-up of 1 Oct 2016, says it is a look-up;
    that of accounts of unknown status, as of B's report, names it and not A's monthly, of Oct."""
    for lang, lookup, named, other in (("en/", "The newest figure is from a lookup by Jawabdehi.", "A quarterly",
                                        "A monthly"),
                                       ("", "सबसे नया आँकड़ा जवाबदेही की जाँच का है।", "एक त्रैमासिक", "एक मासिक")):
        for page in ("accounts/in-up/index.html", "accounts/unknown/index.html"):
            raw = (site / lang / page).read_text(encoding="utf-8")
            lead = raw[:raw.index("jd-caveats")]
            assert re.search(rf'<a href="[^"]*departments/dept-b/#sources">{named}</a>', lead), (lang, page)
            assert other not in lead, (lang, page)
        active = (site / lang / "accounts/active/index.html").read_text(encoding="utf-8")
        assert lookup in active[:active.index("jd-caveats")], lang


def test_a_state_and_a_district_page_name_what_their_own_newest_figure_is_from(site):
    """Uttar Pradesh and Gorakhpur are as of B's report of 'about Nov 2016': their pages name it
    beside that date, as the state's list does, before where each of their other figures is from."""
    for lang, named, generic in (("en/", "A quarterly", "Each figure is from its account"),
                                 ("", "एक त्रैमासिक", "हर आँकड़ा अपने खाते")):
        for page in ("states/in-up/index.html", "districts/in-up-gorakhpur/index.html"):
            raw = (site / lang / page).read_text(encoding="utf-8")
            lead = re.search(r'<p class="jd-lead.*?</p>', raw, re.S).group(0)
            assert re.search(rf'<a href="[^"]*departments/dept-b/#sources">{named}</a>', lead), (lang, page)
            assert lead.index(named) < lead.index(generic), (lang, page)


def test_a_states_list_and_a_statuss_list_date_a_reports_stand_in_day_as_its_month(site):
    """Uttar Pradesh's newest observation and that of accounts of unknown status is B's report
    of 'about Nov 2016': their lists say so, never '1 Nov 2016'."""
    for lang, about, exact in (("en/", "Figures as of about Nov 2016.", "1 Nov 2016"),
                               ("", "आँकड़े लगभग नवंबर 2016 तक के।", "1 नवंबर 2016")):
        for page in ("accounts/in-up/index.html", "accounts/unknown/index.html"):
            shown = text(site / lang / page)
            assert about in shown and exact not in shown, (lang, page)


def test_every_page_that_dates_the_newest_figure_says_about_nov_2016(site):
    """The downloads page's ZIP, the health page's newest figure and the home page's week of
    changes, which ends on the report's day: none says '1 Nov 2016', nor begins that week on a
    day seven days before a day known to its month only."""
    for lang, said in (("en/", ("Its data is as of about Nov 2016.", "Newest figure about Nov 2016",
                                "Changes recorded up to about Nov 2016, newest first.")),
                       ("", ("लगभग नवंबर 2016", "लगभग नवंबर 2016", "लगभग नवंबर 2016 तक दर्ज बदलाव, नए पहले।"))):
        for page, words in zip(("downloads/index.html", "health/index.html", "index.html"), said, strict=True):
            shown = text(site / lang / page)
            assert words in shown and "1 Nov 2016" not in shown and "1 नवंबर 2016" not in shown, (lang, page)
        assert "26 Oct 2016" not in text(site / lang / "index.html")
    # The night's ZIP says how exactly its as-of day is known, as the pages do.
    with zipfile.ZipFile(site / "data" / "nights" / "jawabdehi-night-2016-10-20.zip") as bundle:
        manifest = json.loads(bundle.read("manifest.json"))
    assert (manifest["as_of"], manifest["as_of_precision"]) == ("2016-11-01", "month")


def test_the_build_record_and_the_nights_record_say_how_exactly_the_as_of_day_is_known(site):
    """build.json, published for readers and the next night, and the record a night with
    nothing new reads back give 'about Nov 2016' as its day and precision, as the ZIP does."""
    from generator.publish.build import read_manifest

    record = json.loads((site / "data" / "build.json").read_text(encoding="utf-8"))
    assert (record["as_of"], record["as_of_precision"]) == ("2016-11-01", "month")
    night = read_manifest(site)["night"]
    assert (night["newest_observation"], night["newest_precision"]) == ("2016-11-01", "month")


def test_each_platforms_accounts_file_says_how_exactly_its_own_as_of_day_is_known(site):
    """X's newest figure is B's report of 'about Nov 2016', Facebook's A's monthly of 'about
    Oct 2016': each accounts file gives its own day with that precision, as build.json does."""
    for platform, day in (("x", "2016-11-01"), ("facebook", "2016-10-01")):
        body = json.loads((site / "api" / "accounts" / f"{platform}.json").read_text(encoding="utf-8"))
        assert (body["as_of"], body.get("as_of_precision")) == (day, "month"), platform
    for lang in ("", "en/"):  # the downloads page, which documents the files, names the field
        assert "as_of_precision" in text(site / lang / "downloads/index.html"), lang


def test_a_platforms_as_of_day_a_look_up_gives_is_a_day():
    """A look-up of the newest day makes it a day, whatever report stands in on it: no
    as_of_precision, as build.json writes none of a day; another platform's report is not its."""
    from generator.render.verify import platform_as_of

    report = {"department_id": "dept-b", "date": "2016-10-01", "state": "ok", "source": "manual",
              "source_url": "source:monthly", "platform": "x"}
    lookup = {**report, "source": "x-api", "source_url": "https://x.com/b"}
    model = SimpleNamespace(sources=pd.DataFrame([MONTHLY]), snapshots=pd.DataFrame(
        [report, lookup, {**report, "platform": "facebook"}, {**lookup, "date": "2016-09-01", "platform": "youtube"}]))
    assert platform_as_of(model, "x") == {"as_of": "2016-10-01"}
    assert platform_as_of(model, "facebook") == {"as_of": "2016-10-01", "as_of_precision": "month"}
    assert platform_as_of(model, "youtube") == {"as_of": "2016-09-01"}
    assert platform_as_of(model, "instagram") == {"as_of": None}


def test_the_old_figures_banner_dates_the_newest_figure_as_exactly_as_it_is_known():
    fmt = formatter()
    health = SimpleNamespace(banner=True, newest_observation="2016-11-01", days_since_newest=40)
    pages = SimpleNamespace(model=SimpleNamespace(health=health, newest_observation="2016-11-01",
                                                  newest_precision="month"), t=fmt.t, ctx=SimpleNamespace(fmt=fmt))
    said = SitePages.banner(pages)
    assert "about Nov 2016" in said and "1 Nov 2016" not in said, said


def test_the_age_of_a_figure_known_to_its_month_or_year_counts_from_its_last_day():
    """A figure of 'about Nov 2016' may be of 30 Nov: the banner's "more than N days" and the
    health page's count start there, never below none; a day counts from itself."""
    from generator.compute.health import staleness

    assert staleness("2016-11-01", date(2016, 12, 5)) == (34, True)
    assert staleness("2016-11-01", date(2016, 12, 5), "month") == (5, True)
    assert staleness("2016-11-01", date(2016, 12, 2), "month") == (2, False)
    assert staleness("2016-11-01", date(2016, 11, 15), "month") == (0, False)
    assert staleness("2016-01-01", date(2017, 1, 2), "year") == (2, False)
    assert staleness("2016-01-01", date(2017, 2, 1), "year") == (32, True)
    assert staleness(None, date(2017, 2, 1), "month") == (None, True)


def test_the_health_pages_count_of_days_says_at_least_of_a_figure_known_to_its_month():
    """'(at least 5 days before 5 Dec 2016)' in both languages; built within that month, it
    says so, never 'the day the site was built'; a day's note is as before."""
    from generator.render import build_day

    assert "(at least 5 days before 5 Dec 2016)" in build_day.note("en", 5, date(2016, 12, 5), "month")
    assert "(at least 1 day before 1 Jan 2017)" in build_day.note("en", 1, date(2017, 1, 1), "year")
    assert "5 दिसंबर 2016 से कम से कम 5 दिन पहले" in build_day.note("hi", 5, date(2016, 12, 5), "month")
    assert "(the site was built in that month, on 15 Nov 2016)" in build_day.note("en", 0, date(2016, 11, 15),
                                                                                   "month")
    assert "साइट उसी साल में बनी, 15 नवंबर 2016 को" in build_day.note("hi", 0, date(2016, 11, 15), "year")
    assert "(5 days before 5 Dec 2016)" in build_day.note("en", 5, date(2016, 12, 5))
    assert "the day the site was built" in build_day.note("en", 0, date(2016, 12, 5))
    # A night with nothing new writes the note again as the full build did.
    page = '<span class="jd-muted jd-built">(old)</span><tbody class="jd-built-files"></tbody>'
    again = build_day.restamp(page, "en", 5, date(2016, 12, 5), {}, {}, "month")
    assert "(at least 5 days before 5 Dec 2016)" in again


def test_the_health_page_built_within_the_month_of_its_newest_figure_says_so(site):
    """Built on 2 Nov 2016, its newest figure 'about Nov 2016': not '1 day before'."""
    for lang, said in (("en/", "about Nov 2016 (the site was built in that month, on 2 Nov 2016)"),
                       ("", "लगभग नवंबर 2016 (साइट उसी महीने में बनी, 2 नवंबर 2016 को)")):
        shown = text(site / lang / "health/index.html")
        assert said in shown and "1 day before" not in shown and "1 दिन पहले" not in shown, lang


def test_a_follower_charts_days_are_as_exact_as_the_counts_drawn_on_them(site):
    """Department A's chart ends on 1 Oct 2016, its X account's look-up, though a report of its
    Facebook account with no count stands in for October on that day: its axis and its line
    say '1 Oct 2016'. Department B's
    ends on a report's count of 'about Nov 2016', and says so."""
    for dept, ends in (("dept-a", ("20 Sep 2016", "1 Oct 2016")), ("dept-b", ("20 Oct 2016", "about Nov 2016"))):
        raw = (site / "en" / "departments" / dept / "index.html").read_text(encoding="utf-8")
        caption = html.unescape(re.search(r'<svg class="jd-svg-chart".*?</svg>', raw, re.S).group(0))
        assert f"runs from {ends[0]} to {ends[1]}," in caption, (dept, caption)
        assert f"({ends[1]})" in caption, (dept, caption)
        assert dept == "dept-b" or "about" not in caption, caption


def test_the_newest_day_is_as_exact_as_its_most_exact_figure_and_names_only_reports():
    """A look-up of the newest day is of that day, whatever report stands in on it, and names
    no report; a report of that very day makes it a day too, and is named."""
    stand_in = {("source:monthly", "2016-10-01"): "month"}

    def of(*rows):
        frame = pd.DataFrame([{"state": "ok", "source": "manual", **r} for r in rows])
        return newest_known(frame, "2016-10-01", stand_in)

    report = {"department_id": "dept-b", "date": "2016-10-01", "source_url": "source:monthly"}
    assert of(report, {**report, "department_id": "dept-a"}) == ("month", (("source:monthly", "dept-a"),))
    assert of(report, {**report, "source": "x-api", "source_url": "https://x.com/a"}) == ("day", ())
    assert of(report, {**report, "source_url": "source:daily"}) == (
        "day", (("source:daily", "dept-b"), ("source:monthly", "dept-b")))
    # A failed look-up of that day is no observation: the report alone gives the day.
    assert of(report, {**report, "source": "x-api", "state": "error"})[0] == "month"


def formatter() -> Formatter:
    """English words and the monthly report."""
    return Formatter("en", {"monthly": MONTHLY})


def test_an_event_is_dated_as_exactly_as_its_own_observation():
    """A shared account's change seen by one department's look-up on a day another's report
    stands in on is of that day; one dated by a report filed under another department than the
    one it is listed under is of that report's month."""
    fmt = formatter()
    event = {"department_id": "dept-a", "platform": "x", "date": "2016-10-01"}
    assert fmt.event_day({**event, "date_precision": "day"}) == "1 Oct 2016"
    assert fmt.event_day({**event, "department_id": "dept-b", "date_precision": "month"}) == "about Oct 2016"
    found = pd.DataFrame([{**event, "source": "x-api", "source_url": "https://x.com/a"},
                          {**event, "source": "manual", "source_url": "source:monthly"},
                          {**event, "date": "2016-09-01", "source": "manual", "source_url": "source:monthly"}])
    assert dated_events(found, {("source:monthly", "2016-10-01"): "month"})["date_precision"].tolist() == [
        "day", "month", "day"]


def test_an_observation_that_stopped_counting_in_a_grade_is_dated_as_its_source_dates_it():
    fmt = formatter()
    ctx = SimpleNamespace(t=fmt.t, fmt=fmt, model=SimpleNamespace(cfg=Config()))
    row = {"department_id": "dept-a", "activity_score": None, "responsiveness_score": None, "resolution_score": None}
    moved = grade_moves(ctx, [{**row, "stopped": "x 2016-10-01 too_old month"},
                              {**row, "stopped": "x 2016-09-20 too_old day"}])
    assert "observation of about Oct 2016 " in moved[0]["moved"][0], moved
    assert "of 20 Sep 2016" in moved[1]["moved"][0], moved


def test_a_past_build_cites_no_report_published_after_it_even_of_a_first_count(tmp_path):
    """Reports' counts of September 2016 in a report published on 1 Oct: a build of 30 Sep keeps
    the counts and cites the report for none of them, the first count included."""
    accounts = [{"department_id": "dept-a", "platform": "x", "official": "yes", "handle": "DeptA"}]
    rows = [snapshot("dept-a", day, followers=n, source_url="source:monthly")
            for day, n in (("2016-09-01", 1000), ("2016-09-20", 1100))]
    data = make_data(tmp_path / "data", [DEPT], accounts, rows)
    write_csv(data / paths.SOURCES_CSV, schema.SOURCES_TABLE, [MONTHLY])
    row = build_model(load_dataset(data), Config(), date(2016, 9, 30)).handles.iloc[0]
    assert row["first_followers_on"] == "2016-09-01"
    assert all(pd.isna(row[c]) for c in ("source_url", "followers_source_url", "first_followers_source_url"))


def test_a_shared_accounts_observation_that_stopped_counting_is_dated_by_its_own_report(tmp_path):
    """A shared account's one figure, Department B's report of 'about Oct 2016', stops counting
    in a grade a year on: both departments' grade histories date it 'about Oct 2016', Department
    A's too, which lists the account but did not file the report."""
    accounts = [{"department_id": d, "platform": "x", "official": "yes", "handle": "Shared", "shared": "yes",
                 "source_url": "https://example.org/registry"} for d in ("dept-a", "dept-b")]
    accounts.append({"department_id": "dept-c", "platform": "x", "official": "yes", "handle": "DeptC"})
    rows = [snapshot("dept-b", "2016-10-01", handle="Shared", followers=500, last_post_at="2016-09-30",
                     source_url="source:monthly"),
            # A later look-up of another account: the data's as-of day, a year on.
            snapshot("dept-c", "2017-11-01", handle="DeptC", followers=5, last_post_at="2017-10-30")]
    data = make_data(tmp_path / "data", [DEPT, DEPT_B, {**DEPT, "id": "dept-c", "name_en": "C", "name_hi": "स"}],
                     accounts, rows)
    write_csv(data / paths.SOURCES_CSV, schema.SOURCES_TABLE, [MONTHLY])
    model = build_model(load_dataset(data), Config(), date(2017, 12, 1))
    fmt = Formatter.of(model, "en")
    ctx = SimpleNamespace(t=fmt.t, fmt=fmt, model=model)
    for dept in ("dept-a", "dept-b"):
        history = model.grade_history[model.grade_history["department_id"] == dept].to_dict("records")
        said = [line for month in grade_moves(ctx, history) for line in month["moved"] if "no longer counts" in line]
        assert len(said) == 1 and "observation of about Oct 2016 " in said[0], (dept, said)


def test_a_figure_known_to_its_month_is_stale_only_once_its_months_last_day_is_past_the_limit(tmp_path):
    """On 25 Nov 2016 (a look-up of Department C: the data's as-of day), with the stale limit at
    30 days: A's report of 'about Oct 2016' may be of 31 Oct, 25 days before, and is not stale
    (counted from its stand-in day, 1 Oct, it was); B's of 'about Sep 2016' is at least 56 days
    old and is; C's report of 1 Oct 2016 that gives its day, on another platform: 55 days, stale."""
    september = {**MONTHLY, "id": "september", "published_on": "2016-09-01", "url": "https://example.org/sep"}
    accounts = [{"department_id": d, "platform": "x", "official": "yes", "handle": h}
                for d, h in (("dept-a", "DeptA"), ("dept-b", "DeptB"), ("dept-c", "DeptC"))]
    accounts.append({"department_id": "dept-c", "platform": "facebook", "official": "yes", "handle": "DeptC"})
    rows = [snapshot("dept-a", "2016-10-01", followers=5, source_url="source:monthly"),
            snapshot("dept-b", "2016-09-01", followers=5, source_url="source:september"),
            snapshot("dept-c", "2016-10-01", platform="facebook", followers=5),
            snapshot("dept-c", "2016-11-25", followers=5)]
    data = make_data(tmp_path / "data", [DEPT, DEPT_B, {**DEPT, "id": "dept-c", "name_en": "C", "name_hi": "स"}],
                     accounts, rows)
    write_csv(data / paths.SOURCES_CSV, schema.SOURCES_TABLE, [MONTHLY, september])
    handles = build_model(load_dataset(data), Config(), date(2016, 12, 1)).handles.set_index(["department_id",
                                                                                                 "platform"])
    stale = {key: bool(flag) for key, flag in handles["stale"].items()}
    assert stale == {("dept-a", "x"): False, ("dept-b", "x"): True, ("dept-c", "facebook"): True,
                     ("dept-c", "x"): False}, stale
    assert handles.loc[("dept-a", "x"), "observed_on_precision"] == "month"
    # Not stale, but older than the refresh floor even from its month's last day: not refreshed.
    assert bool(handles.loc[("dept-a", "x"), "refresh_overdue"])
