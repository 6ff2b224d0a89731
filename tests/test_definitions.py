"""One definition of every figure: each figure the site shows is what the methodology says
it is, carries the date it was observed, and agrees wherever it appears."""

from __future__ import annotations

import csv
import html
import io
import json
import re
from datetime import date, timedelta
from pathlib import Path

import pandas as pd
import pytest

from generator.compute.methodology import METHODOLOGY_VERSION
from generator.compute.model import build_model
from generator.config import Config
from generator.render import urls
from generator.render.formats import number
from generator.render.league import FIELDS
from generator.store.load import load_dataset

from .helpers import AS_OF, DEPT, build, make_data, snapshot


def accounts_of(*ids, platform="x"):
    return [{"department_id": d, "platform": platform, "official": "yes"} for d in ids]


def day(days_before: int) -> str:
    return (AS_OF - timedelta(days=days_before)).isoformat()


def model_of(data):
    return build_model(load_dataset(data), Config(), AS_OF)


def test_growth_in_the_last_30_days_spans_30_days(tmp_path):
    # +10 a day for 40 days: the 30 days that end on the latest count hold 30 daily changes.
    rows = [snapshot("dept-a", day(d), followers=10_000 - 10 * d) for d in range(40, -1, -1)]
    data = make_data(tmp_path, [DEPT], accounts_of("dept-a"), rows)
    row = model_of(data).handles.iloc[0]
    assert row["growth_30d"] == 300 == row["change_30d"]


def test_growth_needs_an_earlier_count_within_the_30_days(tmp_path):
    # A count 45 days before the latest and none between: the change spans 45 days, not 30.
    rows = [snapshot("dept-a", day(45), followers=1_000), snapshot("dept-a", day(0), followers=1_090)]
    data = make_data(tmp_path, [DEPT], accounts_of("dept-a"), rows)
    row = model_of(data).handles.iloc[0]
    assert pd.isna(row["growth_30d"]) and pd.isna(row["jumps_30d"])  # nothing compared: no count of jumps either


@pytest.fixture(scope="module")
def gone_site(tmp_path_factory):
    """Two accounts counted today, a suspended one checked today whose last count is 40 days
    old, one suspended today whose last count is a day old, and a live one last looked up 40
    days ago: all of one state, category and platform."""
    root = tmp_path_factory.mktemp("gone")
    names = ("live-a", "live-b", "gone", "gone-fresh", "unseen")
    depts = [{**DEPT, "id": d, "name_en": d} for d in names]
    rows = [snapshot("live-a", day(d), followers=5_000 + d, last_post_at=day(d)) for d in (1, 0)]
    rows += [snapshot("live-b", day(d), followers=7_000 + d, last_post_at=day(d)) for d in (1, 0)]
    rows += [snapshot("gone", day(41), followers=9_000, last_post_at=day(41)),
             snapshot("gone", day(40), followers=9_100, last_post_at=day(40)),
             snapshot("gone", day(0), state="suspended")]
    rows += [snapshot("gone-fresh", day(1), followers=8_000, last_post_at=day(1)),
             snapshot("gone-fresh", day(0), state="suspended")]
    rows += [snapshot("unseen", day(d), followers=6_000, last_post_at=day(d)) for d in (41, 40)]
    data = make_data(root / "data", depts, accounts_of(*names), rows)
    out = root / "public"
    build(data, out)
    return out


def test_an_unranked_row_gives_its_true_reason(gone_site):
    def page(dept: str, lang: str = "en") -> str:
        return (gone_site / urls.LANG_ROOT[lang] / "departments" / dept / "index.html").read_text(encoding="utf-8")

    for dept in ("gone", "gone-fresh", "unseen"):
        assert "only account with a recent figure" not in page(dept)
        assert "हाल के आँकड़े वाला अकेला खाता" not in page(dept, "hi")
    assert page("unseen").count("not ranked: the figure is more than 30 days old") == 2  # state and category
    # Suspended, a count of a day before or of 40 days: out of citizens' reach, whatever its age.
    for dept in ("gone", "gone-fresh"):
        assert page(dept).count("not ranked: the account is suspended") == 2
        assert page(dept, "hi").count("क्रम में नहीं: खाता निलंबित है") == 2
    assert "1 of 2" in page("live-b") and "2 of 2" in page("live-a")


def test_a_suspended_account_is_not_ranked_on_its_fresh_count(gone_site):
    handles = pd.read_csv(gone_site / "data" / "handles.csv").set_index("department_id")
    assert handles.loc["gone-fresh", "followers"] == 8_000
    assert handles.loc["gone-fresh", "followers_on"] == day(1)
    assert handles.loc[["gone-fresh", "gone", "unseen"], ["rank_in_state", "rank_in_category"]].isna().all().all()
    assert handles.loc["live-b", "rank_in_state"] == 1 and handles.loc["live-b", "of_in_state"] == 2


def test_a_count_older_than_its_row_carries_its_own_date(gone_site):
    """The suspended row is observed today; its count is from 40 days before, and says so
    wherever it is shown beside that day."""
    counted_on = "15 Oct 2026"
    for page in ("en/accounts/index.html", "en/index.html"):
        html = (gone_site / page).read_text(encoding="utf-8")
        cell = re.search(r'data-label="Followers"[^>]*>(9,100.*?)</td>', html)
        assert cell and counted_on in cell.group(1), page
        assert not re.search(r'data-label="Followers"[^>]*>[57],00\d <', html)  # a count of today needs no date
    badge = (gone_site / "badges" / "en" / "gone-x.svg").read_text(encoding="utf-8")
    assert counted_on in badge
    # The league table's script shows the text its slice carries: the count with its date.
    league = json.loads((gone_site / "data" / "league" / "en" / "in-up.json").read_text(encoding="utf-8"))
    assert any(row[0] == "gone" and counted_on in row[FIELDS.index("followers_text")] for row in league["rows"])


def test_a_change_names_the_day_its_window_ends_on(gone_site):
    """Growth and change windows end on the count's own day, which they name: 40 days before
    the site's date, or the site's date itself. A suspended account shows none: its last
    count is from before it went, and it does not grow from there."""
    def growth(dept: str, lang: str = "en") -> str:
        page = (gone_site / urls.LANG_ROOT[lang] / "departments" / dept / "index.html").read_text(encoding="utf-8")
        found = re.search(r"<dt>(?:30-day growth|30 दिन की बढ़त)</dt><dd>(.*?)</dd>", page)
        return found.group(1) if found else ""

    assert "to 15 Oct 2026)" in growth("unseen") and "15 अक्टूबर 2026 तक)" in growth("unseen", "hi")
    assert "to 24 Nov 2026)" in growth("live-a") and "24 नवंबर 2026 तक)" in growth("live-a", "hi")
    # Counted for less than 30 days: the growth says from when, not "30 days" alone.
    assert "(from the first count, 14 Oct 2026, to 15 Oct 2026)" in growth("unseen")
    assert "(पहली गिनती 14 अक्टूबर 2026 से 15 अक्टूबर 2026 तक)" in growth("unseen", "hi")
    assert "+100" not in growth("gone") and "Oct" not in growth("gone")
    handles = pd.read_csv(gone_site / "data" / "handles.csv", dtype=str).set_index("department_id")
    assert handles.loc[["gone", "gone-fresh"], ["growth_30d", "change_7d", "change_30d"]].isna().all().all()
    assert handles.loc["gone", "followers"] == "9100"  # the last count itself is still given, with its date


@pytest.fixture(scope="module")
def chart_site(tmp_path_factory):
    """Department A counted every month for 30 months, up and down, and on the site's day;
    "same-month" and "next-month" counted daily in one month long before, then found suspended
    every week: the month's last look found it suspended ("same-month") or came before
    ("next-month"). A chart draws its own department's counts only."""
    root = tmp_path_factory.mktemp("charts")
    months = [(AS_OF.replace(day=1) - timedelta(days=31 * n)).replace(day=1) for n in range(30, 0, -1)]
    rows = [snapshot("dept-a", m.isoformat(), followers=10_000 + (n % 5) * 300 - n * 10, last_post_at=m.isoformat())
            for n, m in enumerate(months)]
    rows.append(snapshot("dept-a", AS_OF.isoformat(), followers=9_500, last_post_at=AS_OF.isoformat()))
    for dept, suspended in (("same-month", date(2026, 3, 21)), ("next-month", date(2026, 4, 1))):
        rows += [snapshot(dept, f"2026-03-{d:02d}", followers=1000 + d * 10) for d in range(1, 21)]
        rows += [snapshot(dept, (suspended + timedelta(days=n)).isoformat(), state="suspended")
                 for n in range(0, (AS_OF - suspended).days, 7)]
    depts = [DEPT, *({**DEPT, "id": d, "name_en": d} for d in ("same-month", "next-month"))]
    data = make_data(root / "data", depts, accounts_of("dept-a", "same-month", "next-month"), rows)
    out = root / "public"
    build(data, out)
    return out


def test_the_follower_chart_caption_states_the_range_its_axes_show(chart_site):
    # The chart draws the last 24 months a scorecard lists, from a low to a high that are
    # neither its first nor its last count.
    for page in ("en/departments/dept-a/index.html", "departments/dept-a/index.html"):
        html = (chart_site / page).read_text(encoding="utf-8")
        svg = re.search(r'<svg class="jd-svg-chart".*?</svg>', html).group(0)
        axis = re.findall(r'<text x="\d+" y="\d+"(?: text-anchor="end")?>([^<]+)</text>', svg)[:4]
        caption = re.search(r"<figcaption[^>]*>(.*?)</figcaption>", html).group(1)
        assert len(axis) == 4 and all(label in caption for label in axis), (page, axis, caption)


def test_counts_of_one_month_before_a_long_suspension_are_drawn_without_javascript(chart_site):
    # The interactive chart draws the counts before the suspension; the one drawn at build time must too.
    for dept in ("same-month", "next-month"):
        html = (chart_site / "en" / "departments" / dept / "index.html").read_text(encoding="utf-8")
        assert 'class="jd-chart"' in html  # the interactive chart, which has always been there
        svg = re.search(r'<svg class="jd-svg-chart".*?</svg>', html, re.S)
        assert svg and "<polyline" in svg.group(0), dept
        caption = re.search(r"<figcaption[^>]*>(.*?)</figcaption>", html).group(1)
        assert "1,010 (1 Mar 2026) to 1,200 (20 Mar 2026)" in caption, (dept, caption)


COUNTS = ("received", "resolved", "rejected", "pending", "duplicates")


def test_reported_complaint_figures_follow_the_small_cell_rule(tmp_path):
    report = {"channel": "x", "period_start": "2026-09-01", "period_end": "2026-09-30", "source": "manual",
              "source_url": "https://example.org/report"}
    depts = [{**DEPT, "id": d, "name_en": d} for d in ("two-small", "one-small", "tiny", "plain")]
    complaints = [
        # Two small parts, together 7: each hidden, the rest shown.
        {**report, "department_id": "two-small", "received": 100, "resolved": 93, "rejected": 3, "pending": 4},
        # One small part: received minus the others would give it back, so no part is shown,
        # nor the reported rate that would give the resolved count back.
        {**report, "department_id": "one-small", "received": 50, "resolved": 47, "rejected": 3, "pending": 0,
         "reported_resolution_rate": 94},
        {**report, "department_id": "tiny", "received": 3, "resolved": 3, "pending": 0},
        {**report, "department_id": "plain", "received": 900, "resolved": 800, "rejected": 60, "pending": 40},
    ]
    data = make_data(tmp_path / "data", depts, [], complaints=complaints)
    out = tmp_path / "public"
    build(data, out)
    published = {}
    for path in (out / "data").rglob("*.csv"):
        for row in csv.DictReader(io.StringIO(path.read_text(encoding="utf-8-sig"))):
            if "received" in row and row.get("source") == "manual":
                if "department_id" in row:
                    published.setdefault(row["department_id"], row)
                small = [c for c in COUNTS if row.get(c) and 0 < float(row[c]) < 5]
                assert not small, (str(path.relative_to(out)), small)
    assert published["two-small"]["resolved"] == "93" and published["plain"]["rejected"] == "60"
    assert published["one-small"]["resolved"] == "" and published["one-small"]["reported_resolution_rate"] == ""
    assert published["one-small"]["resolved_rate"] == ""  # never a rate from a hidden count
    assert published["tiny"]["received"] == ""
    page = (out / "en" / "departments" / "two-small" / "index.html").read_text(encoding="utf-8")
    assert "hidden (privacy)" in page


@pytest.fixture(scope="module")
def two_platforms(tmp_path_factory):
    """X counted today, Facebook last counted nine days before, and an account never observed."""
    root = tmp_path_factory.mktemp("platforms")
    depts = [{**DEPT, "id": d, "name_en": d} for d in ("a", "b", "never")]
    accounts = [*accounts_of("a", "b", "never"), {**accounts_of("a")[0], "platform": "facebook", "handle": "PageA"}]
    rows = [snapshot("a", day(0), followers=100, last_post_at=day(0)),
            snapshot("b", day(0), followers=200, last_post_at=day(0)),
            {**snapshot("a", day(9), followers=50, last_post_at=day(9), handle="PageA"), "platform": "facebook"}]
    complaints = [{"department_id": "a", "channel": "x", "period_start": "2026-09-01", "period_end": "2026-09-30",
                   "source": "manual", "source_url": "https://example.org/r", "received": 100, "resolved": 50}]
    data = make_data(root / "data", depts, accounts, rows, complaints=complaints)
    out = root / "public"
    build(data, out)
    return out


def test_each_platform_file_carries_its_own_as_of(two_platforms):
    api = two_platforms / "api" / "accounts"
    assert json.loads((api / "x.json").read_text(encoding="utf-8"))["as_of"] == day(0)
    assert json.loads((api / "facebook.json").read_text(encoding="utf-8"))["as_of"] == day(9)


def published_rows(path):
    return list(csv.DictReader(io.StringIO(path.read_text(encoding="utf-8-sig"))))


def test_a_row_never_observed_is_not_fresh(two_platforms):
    rows = {(r["department_id"], r["platform"]): r for r in published_rows(two_platforms / "data" / "handles.csv")}
    assert rows[("never", "x")]["observed_on"] == "" and rows[("never", "x")]["stale"] == ""
    assert rows[("a", "x")]["stale"] == "false"


def test_build_json_counts_the_bytes_of_each_file(two_platforms):
    record = json.loads((two_platforms / "data" / "build.json").read_text(encoding="utf-8"))
    for name, (rows, size) in record["files"].items():
        assert size == (two_platforms / "data" / name).stat().st_size, name
        assert rows == len(published_rows(two_platforms / "data" / name)), name


def test_the_downloads_page_names_every_published_file(two_platforms):
    """Each file under data/ is named on the page, itself or by its pattern (<id>, <state>)."""
    data = two_platforms / "data"
    for lang in ("", "en/"):
        page = html_text((two_platforms / lang / "downloads" / "index.html").read_text(encoding="utf-8"))
        for path in data.rglob("*"):
            if path.is_dir() or path.parts[len(data.parts)] in ("archive", "schemas"):
                continue  # the nights' archive and the column schemas have sections of their own
            name = path.relative_to(data).as_posix()
            name = re.sub(r"^departments/(a|b|never)", "departments/<id>", name)
            name = re.sub(r"^league/(hi|en)/[a-z-]+\.json$", r"league/\1/<state>.json", name)
            name = re.sub(r"^states/[a-z-]+\.csv$", "states/<state>.csv", name)
            assert f"data/{name}" in page, (lang, name)


def html_text(page: str) -> str:
    return page.replace("&lt;", "<").replace("&gt;", ">")


def test_the_404_pages_link_the_feed_without_a_double_slash(two_platforms):
    for page in ("404.html", "en/404.html"):
        feeds = re.findall(r'href="([^"]*feed\.xml)"', (two_platforms / page).read_text(encoding="utf-8"))
        assert feeds and not any("//" in href.split("://")[-1] for href in feeds), (page, feeds)


def test_the_methodology_names_its_version_and_dates_each_change(two_platforms):
    """Every pinned night names the methodology version it was computed under: the page
    says which version is current and has a dated entry for it, in both languages."""
    version = re.escape(METHODOLOGY_VERSION)
    # Dated as code is (ISO), not as figures are: a change is no observation of any night.
    for page, heading in (("en/methodology/index.html", rf"Version {version} \(\d{{4}}-\d\d-\d\d\)"),
                          ("methodology/index.html", rf"संस्करण {version} \(\d{{4}}-\d\d-\d\d\)")):
        html = (two_platforms / page).read_text(encoding="utf-8")
        assert re.search(rf"(version|संस्करण)\s+<strong>{version}</strong>", html, re.I), page
        assert re.search(heading, html), page


@pytest.mark.parametrize("value, en, hi", [(184.9, "185", "185"), (27.7, "28", "28"), (2165.7, "2,166", "2,166"),
                                           (55.2, "55", "55"), (150000.5, "1,50,001", "1,50,001"), (-75, "-75", "-75")])
def test_a_shown_number_is_rounded_not_cut(value, en, hi):
    # A median of 184.9 minutes was printed 184 in tables and 185 by the league table's script.
    assert (number(value, "en"), number(value, "hi")) == (en, hi)


def test_a_lists_reply_time_says_what_it_rests_on(bundled_site):
    """Muzaffarpur Police's reply time is the one a 2023 article reported ("within an hour"): the
    list bounds and dates it and says so, and handles.csv carries it with its basis, date, source
    and bound."""
    page = (bundled_site / "en" / "accounts" / "in-br" / "index.html").read_text(encoding="utf-8")
    row = re.search(r'<tr data-id="muzaffarpur-police/x">.*?</tr>', page, re.S).group(0)
    cell = re.search(r'data-label="Reply \(minutes\)">(.*?)</td>', row).group(1)
    # Its source named too, linked to the scorecard's list of sources (the article has no link).
    source = '<a href="../../departments/muzaffarpur-police/#sources">{}</a>)</span>'
    assert cell == ('at most 60 <span class="jd-muted jd-note">(as reported for the period to 18 Jul 2023; source: '
                    + source.format("Prabhat Khabar Digital Desk"))
    hindi = (bundled_site / "accounts" / "in-br" / "index.html").read_text(encoding="utf-8")
    assert ("अधिकतम 60 <span class=\"jd-muted jd-note\">(रिपोर्ट के अनुसार, 18 जुलाई 2023 तक की अवधि; स्रोत: "
            + source.format("प्रभात ख़बर डिजिटल डेस्क")) in hindi
    handles = pd.read_csv(bundled_site / "data" / "handles.csv", encoding="utf-8-sig", dtype=str)
    mine = handles[(handles["department_id"] == "muzaffarpur-police") & (handles["platform"] == "x")].iloc[0]
    assert (mine["reply_minutes"], mine["reply_basis"], mine["reply_on"]) == ("60", "reported", "2023-07-18")
    assert mine["reply_source_url"].startswith("source:") and mine["reply_bound"] == "at_most"
    league = json.loads((bundled_site / "data" / "league" / "en" / "in-br.json").read_text(encoding="utf-8"))
    texts = [r[FIELDS.index("reply_text")] for r in league["rows"] if r[0] == "muzaffarpur-police"]
    assert texts == ["at most 60 (as reported for the period to 18 Jul 2023)"]
    # A reported figure carries its source in the slices too, as handles.csv and the scorecard
    # name it (the article has no link: its title, publication and day); a row without one, none.
    for lang, publication, reported in (("en", "Prabhat Khabar Digital Desk, 18 Jul 2023", "as reported"),
                                        ("hi", "प्रभात ख़बर डिजिटल डेस्क, 18 जुलाई 2023", "रिपोर्ट के अनुसार")):
        league = json.loads((bundled_site / "data" / "league" / lang / "in-br.json").read_text(encoding="utf-8"))
        sources = {(r[0], league["platform"][r[FIELDS.index("platform")]][0]): r[FIELDS.index("reply_source")]
                   for r in league["rows"]}
        ref, url, label, name = sources[("muzaffarpur-police", "x")]
        assert (ref, url) == ("source:muzaffarpur-2023", None) and label.endswith(f"— {publication}"), label
        assert publication.startswith(name + ", "), name  # the name its list cell shows
        assert label.startswith("सोशल मीडिया प्लेटफॉर्म पर सक्रिय"), label
        assert [bool(sources[r[0], league["platform"][r[FIELDS.index("platform")]][0]]) for r in league["rows"]] == \
            [reported in r[FIELDS.index("reply_text")] for r in league["rows"]]


def test_what_would_raise_a_grade_says_a_part_without_figures_would_count_not_move_from_none(bundled_site):
    # Muzaffarpur's Nagar Nigam has no complaint figures: its resolution is left out of the grade,
    # and resolving complaints alone cannot bring it in: publishing its figures can.
    page = (bundled_site / "en" / "departments" / "muzaffarpur-nagar-nigam" / "index.html").read_text(encoding="utf-8")
    assert ("Publishing its complaint figures (received and resolved), with every complaint resolved, would count "
            "Resolution, which has no figures now, at 100") in page
    hindi = (bundled_site / "departments" / "muzaffarpur-nagar-nigam" / "index.html").read_text(encoding="utf-8")
    assert ("अपनी शिकायतों के आँकड़े (प्राप्त और हल हुईं) सार्वजनिक करने और हर शिकायत का समाधान करने से समाधान का भाग, "
            "जिसके अभी कोई आँकड़े नहीं, 100 अंक के साथ") in hindi
    for text in (page, hindi):
        assert "not available to 100" not in text and "उपलब्ध नहीं से 100" not in text


def test_a_suspended_department_is_told_to_restore_its_account_before_posting(gone_site):
    page = (gone_site / "en" / "departments" / "gone-fresh" / "index.html").read_text(encoding="utf-8")
    assert "Restoring the account and posting at least weekly would move Activity" in page
    assert "<li>Posting at least weekly" not in page
    hindi = (gone_site / "departments" / "gone-fresh" / "index.html").read_text(encoding="utf-8")
    assert "खाता बहाल करने और कम से कम हर हफ़्ते पोस्ट करने से सक्रियता के अंक" in hindi
    live = (gone_site / "en" / "departments" / "unseen" / "index.html").read_text(encoding="utf-8")
    assert "Restoring the account" not in live
    # On its suspension day: found suspended, not 'was suspended' (it may have been for days).
    assert "the account was found suspended" in page


def test_a_department_known_by_a_reported_reply_time_cites_that_report_day(bundled_site):
    """Muzaffarpur's railway office has no observed account, only a reply time a 2023 article
    reported: its page is cited as of that day, not as 'no figure observed yet'."""
    page = (bundled_site / "en" / "departments" / "muzaffarpur-railways" / "index.html").read_text(encoding="utf-8")
    cite = re.search(r'<p class="jd-muted jd-cite">(.*?)</p>', page, re.S).group(1)
    assert "data as of 18 Jul 2023" in cite and "no figure observed yet" not in cite


def test_the_follower_race_leaves_out_accounts_no_citizen_can_reach(gone_site):
    # A suspended account's last count (8,000, 9,100) would lead the district's race.
    html = (gone_site / "en" / "districts" / "in-up-gorakhpur" / "index.html").read_text(encoding="utf-8")
    race = html[html.index("The follower race"):]
    race = race[:race.index("</svg>")]
    assert "live-a" in race and "live-b" in race and "unseen" in race
    assert "gone" not in race


def test_the_follower_races_caption_names_where_its_counts_come_from(bundled_site, tmp_path):
    """The bars give each count's date; the caption named no source, and a newspaper's count of
    2023 read as one Jawabdehi made. It names the report, or Jawabdehi's own look-up."""
    def caption(site, lang, district):
        page = (site / lang / "districts" / district / "index.html").read_text(encoding="utf-8")
        return html.unescape(re.search(r'<figure class="jd-figure">\s*<svg[^>]*class="[^"]*jd-race.*?<figcaption>'
                                       r'(.*?)</figcaption>', page, re.S).group(1))
    assert caption(bundled_site, "en", "in-br-muzaffarpur").endswith("; source: Prabhat Khabar Digital Desk")
    assert caption(bundled_site, "", "in-br-muzaffarpur").endswith("; स्रोत: प्रभात ख़बर डिजिटल डेस्क")
    # Counts of two sources: each named with the handles it counted, the largest first.
    names = ("looked-a", "reported", "looked-b")
    rows = [snapshot(d, day(0), followers=n, last_post_at=day(0), **({} if d == "reported" else
                                                                       {"source": "x-api", "source_url": ""}))
            for d, n in zip(names, (5_000, 4_000, 3_000), strict=True)]
    data = make_data(tmp_path / "data", [{**DEPT, "id": d, "name_en": d, "name_hi": d} for d in names],
                     accounts_of(*names), rows)
    build(data, tmp_path / "public")
    assert caption(tmp_path / "public", "en", "in-up-gorakhpur").endswith(
        "; source: a lookup by Jawabdehi (looked-a, looked-b); example.org (reported)")
    assert caption(tmp_path / "public", "", "in-up-gorakhpur").endswith(
        "; स्रोत: जवाबदेही की जाँच (looked-a, looked-b); example.org (reported)")


def test_a_department_our_registry_lists_without_an_account_is_cited_as_of_that_night(tmp_path):
    """No account, by our registry alone: the page says so as of the place's newest night, and
    its citation, badge and "figures as of" carry that day instead of "no figure yet"."""
    depts = [DEPT, {**DEPT, "id": "dept-b", "name_en": "Department B"}]
    data = make_data(tmp_path / "data", depts, accounts_of("dept-a"),
                     [snapshot("dept-a", day(0), followers=500, last_post_at=day(0))])
    out = tmp_path / "public"
    build(data, out)
    page = (out / "en" / "departments" / "dept-b" / "index.html").read_text(encoding="utf-8")
    on = "24 Nov 2026"
    assert day(0) == AS_OF.isoformat() and f"No account in our registry (as of {on})" in page
    cite = re.search(r'<p class="jd-muted jd-cite">(.*?)</p>', page, re.S).group(1)
    assert f"data as of {on}" in cite and "no figure yet" not in cite
    assert "No figure observed yet" not in page
    badge = (out / "badges" / "en" / "dept-b-x.svg").read_text(encoding="utf-8")
    # Not "No account (date)": that reads as a finding of that day; no report says so.
    assert f"No account in our registry ({on})" in badge


@pytest.fixture(scope="module")
def reply_platforms(tmp_path_factory):
    """Departments with an X and a Facebook account each (handles DeptA_x, DeptA_facebook, ...):
    dept-a's replies measured on X (45 minutes), dept-b's reply time a source reported on Facebook
    (2 hours), dept-c's replies measured on both (X 30 minutes from 8 replies and Facebook 90 from 3
    on one day, X 20 the day before: X 25, Facebook 90, together 33.2, the first day counted once at
    (30 x 8 + 90 x 3) / 11 = 46.4), dept-d's on both on one day (X 60 minutes, Facebook 6 mentions
    none answered: together 60), dept-e's on both on one day (X 45 minutes, Facebook 10 from 2
    mentions, too few to judge the account by: together 39.2)."""
    from generator import paths, schema

    from .helpers import write_csv

    root = tmp_path_factory.mktemp("reply-platforms")
    ids = ("dept-a", "dept-b", "dept-c", "dept-d", "dept-e")
    depts = [{**DEPT, "id": d, "name_en": f"Department {d[-1].upper()}"} for d in ids]
    accounts = [{**a, "handle": f"Dept{a['department_id'][-1].upper()}_{a['platform']}"} for a in
                [*accounts_of(*ids), *accounts_of(*ids, platform="facebook")]]
    data = make_data(root / "data", depts, accounts,
                     [{**snapshot(d, day(0), followers=500, last_post_at=day(0)), "platform": p}
                      for d in ids for p in ("x", "facebook")],
                     complaints=[{"department_id": "dept-b", "channel": "facebook", "period_start": day(40),
                                  "period_end": day(10), "median_response_minutes": 120, "source": "manual",
                                  "source_url": "https://example.org/report"}])
    def measured(dept: str, platform: str, days_before: int, mentions: int, answered: int, minutes: int | None) -> dict:
        return {"department_id": dept, "platform": platform, "date": day(days_before), "mentions": mentions,
                "answered": answered, "answered_within_hour": answered // 2, "median_reply_minutes": minutes,
                "posts_read": mentions + answered}

    for platform, days_before, rows in (
            ("x", 0, [measured("dept-a", "x", 0, 12, 10, 45), measured("dept-c", "x", 0, 10, 8, 30),
                      measured("dept-d", "x", 0, 12, 10, 60), measured("dept-e", "x", 0, 12, 10, 45)]),
            ("x", 1, [measured("dept-c", "x", 1, 4, 4, 20)]),
            ("facebook", 0, [measured("dept-c", "facebook", 0, 6, 3, 90), measured("dept-d", "facebook", 0, 6, 0, None),
                             measured("dept-e", "facebook", 0, 2, 2, 10)])):
        write_csv(data / paths.REPLIES / platform / f"{day(days_before)}.csv", schema.REPLIES, rows)
    out = root / "public"
    build(data, out)
    return out


def test_a_platforms_badge_shows_only_that_platforms_reply_time(reply_platforms):
    """A department's replies measured on X were said on its Facebook badge too, as the
    Facebook account's. Each badge shows a reply time measured or reported on its own platform
    (a report's channel), and none measured elsewhere; a department measured on both shows on
    each badge its account's own (it showed none), never their mix."""
    def reply(folder: Path, name: str) -> str | None:
        svg = (folder / f"{name}.svg").read_text(encoding="utf-8")
        parts = [p for line in re.findall(r"<text[^>]*>([^<]*)</text>", svg) for p in line.split(" · ")]
        said = [p.split(" (")[0] for p in parts if re.match(r"replies in|answered no|जवाब:|मापे गए उल्लेखों", p)]
        assert len(said) <= 1, said
        return said[0] if said else None

    for folder, words in ((reply_platforms / "badges" / "en",
                           ("replies in 45 minutes", "replies in 2 hours", "replies in 25 minutes",
                            "replies in 1 hour 30 minutes", "replies in 60 minutes", "answered no mention measured")),
                          (reply_platforms / "badges",
                           ("जवाब: 45 मिनट", "जवाब: 2 घंटे", "जवाब: 25 मिनट", "जवाब: 1 घंटा 30 मिनट", "जवाब: 60 मिनट",
                            "मापे गए उल्लेखों का जवाब नहीं"))):
        a, b, c_x, c_facebook, d_x, d_facebook = words
        got = {name: reply(folder, name) for name in (f"dept-{d}-{p}" for d in "abcde" for p in ("x", "facebook"))}
        assert got == {"dept-a-x": a, "dept-a-facebook": None, "dept-b-x": None, "dept-b-facebook": b,
                       "dept-c-x": c_x, "dept-c-facebook": c_facebook, "dept-d-x": d_x, "dept-d-facebook": d_facebook,
                       "dept-e-x": a, "dept-e-facebook": None}, got


# What each account's row of a list shows (minutes, or "none" where its mentions went
# unanswered): its own figure, a dash without one.
OWN_REPLY = {"dept-a/x": "45", "dept-a/facebook": None, "dept-b/x": None, "dept-b/facebook": "120",
             "dept-c/x": "25", "dept-c/facebook": "90", "dept-d/x": "60", "dept-d/facebook": "none",
             "dept-e/x": "45", "dept-e/facebook": None}


def test_a_list_shows_a_reply_time_on_the_row_of_its_platform_only(reply_platforms):
    """The list of all accounts showed dept-a's X reply minutes in its Facebook row too, read as
    the Facebook account's, and a dash on both rows of a department measured on X and Facebook.
    Each row shows the reply time measured or reported on its platform, a dash on the other; a
    department measured on both shows each account's own on its row (Facebook's unanswered
    mentions as "none", a dash where its mentions are too few to judge it by), in the table
    without JavaScript and in the slices its script sorts and filters (a dash's raw value is
    blank: it sorts last, as a row without a figure)."""
    for lang, page, label, none in (("en", "en/accounts/index.html", "Reply \\(minutes\\)", "none"),
                                    ("hi", "accounts/index.html", "जवाब \\(मिनट\\)", "कोई नहीं")):
        want = {key: none if minutes == "none" else minutes for key, minutes in OWN_REPLY.items()}
        html = (reply_platforms / page).read_text(encoding="utf-8")
        for key, minutes in want.items():
            row = re.search(rf'<tr data-id="{key}">.*?</tr>', html, re.S).group(0)
            cell = re.search(rf'data-label="{label}">(.*?)</td>', row).group(1)
            assert cell.startswith(minutes) if minutes else cell == "–", (lang, key, cell)
        for name in ("in-up", "all"):
            league = json.loads((reply_platforms / "data" / "league" / lang / f"{name}.json").read_text("utf-8"))
            platforms = league["platform"]
            got = {f"{r[0]}/{platforms[r[FIELDS.index('platform')]][0]}":
                   (r[FIELDS.index("reply")], r[FIELDS.index("reply_text")]) for r in league["rows"]}
            assert {k: v[0] for k, v in got.items()} == {k: m and m.isdigit() and int(m) or None
                                                         for k, m in OWN_REPLY.items()}
            assert all(text.startswith(m) if m else text == "–" for (_, text), m in
                       zip((got[k] for k in want), want.values(), strict=True)), got


def test_a_districts_card_shows_a_reply_time_on_the_card_of_its_platform_only(reply_platforms):
    """A district page's card of dept-a's Facebook account said its X replies' median time under
    "Facebook: ...", as the Facebook account's, and no card of a department measured on both
    said any. Each card says the reply time of its own platform only, its account's own."""
    for lang, folder, x, facebook, median in (("en", "en", "X\u00a0(Twitter)", "Facebook", "Median time to reply: "),
                                              ("hi", "", "X\u00a0(ट्विटर)", "फेसबुक", "जवाब का मध्य समय: ")):
        page = reply_platforms / folder / "districts" / "in-up-gorakhpur" / "index.html"
        cards = re.findall(r'<article class="jd-dept .*?</article>', page.read_text(encoding="utf-8"), re.S)
        platform = {x: "x", facebook: "facebook"}
        replies = {f"{re.search(r'departments/([^/]+)/', card).group(1)}/"
                   f"{platform[re.search(r'jd-dept__handle.>([^:]+):', card).group(1)]}":
                   (found := re.search(r'jd-dept__reply">(.*?)</p>', card)) and found.group(1) for card in cards}
        assert {k: v is not None for k, v in replies.items()} == {k: m is not None for k, m in OWN_REPLY.items()}
        assert replies["dept-c/x"].startswith(median + ("25 minutes" if lang == "en" else "25 मिनट")), replies
        assert replies["dept-c/facebook"].startswith(median + ("1 hour 30 minutes" if lang == "en"
                                                               else "1 घंटा 30 मिनट")), replies


def test_a_scorecards_first_sentence_gives_its_accounts_own_reply_time(reply_platforms):
    """A scorecard's first sentence names the department's X account, and gave beside it a
    reply time reported for its Facebook account, or mixed of both: it gives the X account's
    own, or none."""
    for folder, median in (("en", "Median time to reply: "), ("", "जवाब का मध्य समय: ")):
        def answer(dept: str, folder: str = folder) -> str:
            page = (reply_platforms / folder / "departments" / dept / "index.html").read_text(encoding="utf-8")
            return re.search(r'<p class="jd-answer">(.*?)</p>', page, re.S).group(1)

        assert "DeptB_x" in answer("dept-b") and not re.search(r"2 (hours|घंटे)|repl|जवाब", answer("dept-b"))
        assert (median + ("25 minutes" if folder else "25 मिनट")) in answer("dept-c"), answer("dept-c")


def test_each_accounts_own_reply_figure_is_worked_out_once_in_the_model(reply_platforms):
    """A district's cards, the badges and a scorecard's first sentence each picked again, page
    module by page module, which of its department's reply figures an account shows (and the
    lists a fourth time, in the model). The model works it out once (account_rows), the lists'
    rows among them, and the pages read it: the figures each shows are those above."""
    import inspect

    from generator.render import badges, directory, scorecards

    model = model_of(reply_platforms.parent / "data")
    rows = model.account_rows
    got = {f"{d}/{p}": "none" if basis == "unanswered" else None if pd.isna(minutes) else f"{minutes:g}"
           for d, p, minutes, basis in zip(rows["department_id"], rows["platform"], rows["reply_minutes"],
                                           rows["reply_basis"], strict=True)}
    assert got == OWN_REPLY
    league = model.league.set_index(["department_id", "platform"])["reply_minutes"]
    assert league.equals(rows.set_index(["department_id", "platform"]).loc[league.index, "reply_minutes"])
    for module in (badges, directory, scorecards):
        assert "own_platform_replies" not in inspect.getsource(module), module.__name__


def replies_section(page: Path) -> str:
    """A scorecard's 'Replies to citizens', up to the next heading."""
    return re.search(r'<h2 id="replies">(.*?)<h2 ', page.read_text(encoding="utf-8"), re.S).group(1)


def test_a_scorecards_replies_name_the_account_they_were_measured_on(reply_platforms):
    """dept-a's scorecard gave its replies' figures under its X and Facebook accounts without
    naming either, read as the Facebook account's as well as the X one's. The section names the
    platform and the handle measured, and where the counts come from, in both languages."""
    for folder, x, source in (("en", "X\u00a0(Twitter)", "Source: citizens&#39; mentions of the account"),
                              ("", "X\u00a0(ट्विटर)", "स्रोत: प्लैटफ़ॉर्म से रोज़ गिने गए")):
        section = replies_section(reply_platforms / folder / "departments" / "dept-a" / "index.html")
        measured = re.search(r"<dt>(?:Account measured|मापा गया खाता)</dt><dd>(.*?)</dd>", section).group(1)
        assert measured.startswith(f"{x} <a href=\"https://x.com/DeptA_x\"") and "Facebook" not in measured
        assert "@DeptA_x</a>" in measured and source in section and "replies.csv" in section


def test_replies_measured_on_two_platforms_are_named_together_and_each_on_its_own(reply_platforms):
    """dept-c's replies were measured on X and on Facebook: its scorecard gave one mixed median
    (the one its grade counts) naming no account, and no row, card or badge shows it. The
    section names it as both accounts' together, and gives each account's own figures. The day
    measured on both counted twice in that median (30 and 90 beside 20: 30); it counts once, at
    its platforms' medians weighted by their replies (46.4 beside 20: 33.2, shown rounded up)."""
    for folder, x, both, each in (("en", "X\u00a0(Twitter)", "and", "Each account&#39;s own figures"),
                                  ("", "X\u00a0(ट्विटर)", "और", "हर खाते के अपने आँकड़े")):
        section = replies_section(reply_platforms / folder / "departments" / "dept-c" / "index.html")
        blocks = re.findall(r"<dl .*?</dl>", section, re.S)
        facts = [dict(re.findall(r"<dt>(.*?)</dt><dd>(.*?)</dd>", block)) for block in blocks]
        assert [next(iter(f)) for f in facts] == (["Accounts measured"] + ["Account measured"] * 2 if folder else
                                                  ["मापे गए खाते"] + ["मापा गया खाता"] * 2)
        named = [re.sub(r"<[^>]+>", "", next(iter(f.values()))) for f in facts]
        median = [list(f.values())[-1] for f in facts]
        days = [re.search(r"\((\d+) ", list(f.values())[1]).group(1) for f in facts]
        assert named[0].startswith(f"{x} @DeptC_x {both} ") and "DeptC_facebook:" in named[0], named
        assert named[1:] == [f"{x} @DeptC_x", "Facebook DeptC_facebook" if folder else "फेसबुक DeptC_facebook"]
        assert (median, days) == (["34", "25", "90"], ["2", "2", "1"]) and f"<h3>{each}</h3>" in section


def test_handles_csv_names_the_platform_a_departments_reply_time_is_of(reply_platforms):
    """handles.csv gave dept-a's X reply minutes on its Facebook row too, with nothing to say they
    were X's. Each row keeps the department's figure (the one its grade, on the same row, counts)
    and names the platform it was measured or reported on: a journalist tells an account's own
    reply time by reply_platform == platform. A figure measured on several platforms names none:
    it is no one account's (the lists show each account's own)."""
    rows = published_rows(reply_platforms / "data" / "handles.csv")
    got = {(r["department_id"], r["platform"]): (r["reply_minutes"], r["reply_basis"], r["reply_platform"])
           for r in rows}
    assert got == {("dept-a", "x"): ("45", "measured", "x"), ("dept-a", "facebook"): ("45", "measured", "x"),
                   ("dept-b", "x"): ("120", "reported", "facebook"),
                   ("dept-b", "facebook"): ("120", "reported", "facebook"),
                   **{(d, p): (minutes, "measured", "") for d, minutes in (("dept-c", "33.2"), ("dept-d", "60"),
                                                                            ("dept-e", "39.2"))
                      for p in ("x", "facebook")}}
    # A new column comes last: the others keep their places.
    assert list(rows[0])[:-len(ACCOUNT_REPLY) - len(LATER)][-1] == "reply_platform"


# The columns handles.csv gives an account's own reply figure in, after every earlier one.
ACCOUNT_REPLY = ("account_reply_minutes", "account_reply_basis", "account_reply_on", "account_reply_source_url",
                 "account_reply_bound", "account_reply_from")


# Columns published after those, last: the others keep their places.
LATER = ("account_reply_on_precision", "reply_from", "account_reply_from_precision", "reply_on_precision",
         "reply_from_precision", "followers_source_url")


def test_handles_csv_gives_the_departments_reply_period_start_and_how_exactly_a_reported_end_is_dated(
        reply_platforms):
    """reply_on had no start in handles.csv (the model works it out: reply_from), and a reported
    period's end may be a day standing in for its source's month or year, with no column to say
    so, as followers_on_precision says it of a count. Both are published, last, and described in
    the data dictionary in both languages."""
    from generator import schema
    from generator.compute.model import precision_of
    from generator.render import words

    for path in ("handles.csv", "states/in-up.csv"):
        rows = published_rows(reply_platforms / "data" / path)
        assert list(rows[0])[-len(LATER):] == list(LATER), path
        got = {f"{r['department_id']}/{r['platform']}": r for r in rows}
        # The department's period on each of its rows: a report's from its start, measured days from the first.
        assert [(got[k]["reply_from"], got[k]["reply_on"]) for k in ("dept-b/x", "dept-b/facebook")] == \
            [(day(40), day(10))] * 2
        assert (got["dept-c/facebook"]["reply_from"], got["dept-c/facebook"]["reply_on"]) == (day(1), day(0))
        # A figure's day exactly known: 'day'; no figure of the account, blank.
        assert got["dept-b/facebook"]["account_reply_on_precision"] == "day"
        assert got["dept-a/facebook"]["account_reply_on_precision"] == ""
    # A day standing in for a month or a year says so, as a count's does.
    days = pd.Series(["2016-10-01", "2017-07-01", "2016-10-02", None])
    cited = pd.Series(["source:m", "source:y", "source:m", None])
    said = list(precision_of(days, cited, {("source:m", "2016-10-01"): "month", ("source:y", "2017-07-01"): "year"}))
    assert said[:3] == ["month", "year", "day"] and pd.isna(said[3])
    # Only its own source's stand-in day: another's (source:y's) is a day of this one's.
    assert list(precision_of(days[1:2], cited[:1], {("source:y", "2017-07-01"): "year"})) == ["day"]
    described = {c["name"]: c for c in json.loads(
        (reply_platforms / "data" / "schemas" / "handles.json").read_text(encoding="utf-8"))["fields"]}
    for column in LATER:
        assert described[column]["description"], column
        assert words.column_hi("handles", column, "") not in ("", described[column]["description"]), column
    assert tuple(schema.HANDLES.names[-len(LATER):]) == LATER


def test_handles_csv_gives_each_accounts_own_reply_figure_as_its_row_shows_it(reply_platforms):
    """The lists, cards and badges show an account's own reply figure, but handles.csv and its
    states' files had no column for it: a journalist had to work it out from replies.csv and
    reply_platform. Each row now gives it (minutes, basis, the day it is of, the source of a
    reported one and its bound), the figure each row of the list shows, blank where the row shows
    none; the data dictionary describes each column in both languages."""
    from generator import schema
    from generator.render import words

    for path in ("handles.csv", "states/in-up.csv"):
        rows = published_rows(reply_platforms / "data" / path)
        assert list(rows[0])[-len(ACCOUNT_REPLY) - len(LATER):-len(LATER)] == list(ACCOUNT_REPLY)
        got = {f"{r['department_id']}/{r['platform']}": r for r in rows}
        shown = {k: "none" if r["account_reply_basis"] == "unanswered" else
                 r["account_reply_minutes"].split(".")[0] or None for k, r in got.items()}
        assert shown == OWN_REPLY, (path, shown)
        # dept-c measured on both: each account its own, never the mix its grade counts.
        assert (got["dept-c/x"]["reply_minutes"], got["dept-c/x"]["account_reply_minutes"]) == ("33.2", "25")
        assert [got["dept-b/facebook"][c] for c in ACCOUNT_REPLY] == ["120", "reported", day(10),
                                                                       "https://example.org/report", "", day(40)]
        assert [got["dept-a/x"][c] for c in ACCOUNT_REPLY] == ["45", "measured", day(0), "", "", day(0)]
        assert [got["dept-d/facebook"][c] for c in ACCOUNT_REPLY] == ["", "unanswered", day(0), "", "", day(0)]
        # The period a figure covers, first day to last: dept-c's X account measured on two days.
        assert (got["dept-c/x"]["account_reply_from"], got["dept-c/x"]["account_reply_on"]) == (day(1), day(0))
        assert not any(got["dept-a/facebook"][c] for c in ACCOUNT_REPLY)
    described = {c["name"]: c for c in json.loads(
        (reply_platforms / "data" / "schemas" / "handles.json").read_text(encoding="utf-8"))["fields"]}
    for column in ACCOUNT_REPLY:
        assert described[column]["description"], column
        assert words.column_hi("handles", column, "") not in ("", described[column]["description"]), column
    for lang, folder, words_of in (("en", "en/", "This account's median minutes"), ("hi", "", "इस खाते के")):
        page = (reply_platforms / f"{folder}downloads" / "index.html").read_text(encoding="utf-8")
        page = html.unescape(page.replace("<wbr>", ""))  # a name breaks only at its marks
        assert "account_reply_minutes" in page and words_of in page, lang
        methodology = (reply_platforms / f"{folder}methodology" / "index.html").read_text(encoding="utf-8")
        methodology = html.unescape(methodology.replace("<wbr>", ""))
        assert all(column in methodology for column in ACCOUNT_REPLY), lang
    # A cell a spreadsheet would read as a formula is written as text, as in every column.
    texts = [c for c in ACCOUNT_REPLY if schema.HANDLES.columns[schema.HANDLES.names.index(c)].kind == "string"]
    text = schema.HANDLES.to_csv(pd.DataFrame([dict.fromkeys(texts, "=1")]), published=True)
    cells = dict(zip(schema.HANDLES.names, text.splitlines()[1].split(","), strict=True))
    assert len(texts) == 3 and [cells[c] for c in texts] == ["'=1"] * 3


def test_the_figure_checker_agrees_with_every_output_of_departments_on_two_platforms(reply_platforms):
    """The checker that recomputes every published figure from the inputs (tests/figure_checker.py,
    sharing no code with the package) counted a day measured on two platforms twice, as the site
    did, and expected a dash on every row of a department measured on both: it reads the
    methodology as the site now does, in handles.csv, the lists, their slices and the badges."""
    from . import figure_checker

    report = figure_checker.check(reply_platforms, reply_platforms.parent / "data", AS_OF)
    assert report.mismatches == []
    assert all(report.compared.get(key) for key in ("data/league/*", "badge", "league-en")), report.compared


def test_the_reply_figure_a_list_shows_is_the_one_the_grade_counts():
    """A department whose 20 measured mentions went unanswered was graded 0 for replies while
    its lists and badge showed a report's 24 hours; one measured on 3 mentions (below the
    grade's minimum) was graded on its report and listed with its measured minutes."""
    from generator.compute.directory import reply_times

    summary = pd.DataFrame({"department_id": ["quiet", "few", "many"], "mentions": [20, 3, 12],
                            "answered": [0, 3, 10], "median_reply_minutes": [float("nan"), 30.0, 45.0],
                            "since": ["2026-10-01", "2026-11-01", "2026-10-20"],
                            "until": ["2026-10-22", "2026-11-01", "2026-11-02"], "platform": ["x"] * 3})
    rates = pd.DataFrame({"department_id": ["quiet", "few"], "median_response_minutes": [1475.9, 200.0],
                          "period_start": ["2026-09-01", "2026-09-01"], "period_end": ["2026-09-30", "2026-09-30"],
                          "source_url": ["source:a", "source:b"],
                          "bound": [None, None], "channel": ["x", "x"]})
    out = reply_times(summary, rates, 5).set_index("department_id")
    assert out.loc["quiet", "reply_basis"] == "unanswered" and pd.isna(out.loc["quiet", "reply_minutes"])
    assert out.loc["quiet", "reply_on"] == "2026-10-22"
    assert (out.loc["few", "reply_basis"], out.loc["few", "reply_minutes"]) == ("reported", 200.0)
    assert (out.loc["many", "reply_basis"], out.loc["many", "reply_minutes"]) == ("measured", 45.0)


def test_a_hand_entered_follower_count_carries_its_source_in_the_league_slices(bundled_site, reply_platforms,
                                                                                first_night_built):
    """A count typed in from an article was dated in the league's slices but not sourced, as a
    reported reply time is: a journalist reading a slice could not say whose figure it was.
    Each slice row now gives the report's source (as handles.csv cites it, its link, label and
    short name); a count the collector looked up, none."""
    for lang, name in (("en", "Prabhat Khabar Digital Desk"), ("hi", "प्रभात ख़बर डिजिटल डेस्क")):
        league = json.loads((bundled_site / "data" / "league" / lang / "in-br.json").read_text(encoding="utf-8"))
        rows = {(r[0], league["platform"][r[FIELDS.index("platform")]][0]): r for r in league["rows"]}
        ref, url, label, short = rows[("muzaffarpur-police", "x")][FIELDS.index("followers_source")]
        assert (ref, url, short) == ("source:muzaffarpur-2023", None, name) and label.endswith(name + ", " +
                                                                                               label.split(", ")[-1])
        # No count, no source.
        assert all(r[FIELDS.index("followers_source")] is None for r in league["rows"]
                   if r[FIELDS.index("followers")] is None)
    # A report cited by its address: named by its site, linked to it.
    league = json.loads((reply_platforms / "data" / "league" / "en" / "all.json").read_text(encoding="utf-8"))
    counted = [r for r in league["rows"] if r[FIELDS.index("followers")] is not None]
    assert counted and all(r[FIELDS.index("followers_source")] == ["https://example.org/report"] * 3 + ["example.org"]
                           for r in counted)
    # UP Police's count the collector looked up last night: no report to cite.
    league = json.loads((first_night_built[1] / "data" / "league" / "en" / "in-up.json").read_text(encoding="utf-8"))
    rows = {(r[0], league["platform"][r[FIELDS.index("platform")]][0]): r for r in league["rows"]}
    assert rows[("up-police", "x")][FIELDS.index("followers")] == 1000
    assert rows[("up-police", "x")][FIELDS.index("followers_source")] is None


def test_handles_csv_says_how_exactly_each_reply_date_is_known(tmp_path):
    """A reported period's start and end may be days standing in for their sources' month or
    year, but reply_on, reply_from and account_reply_from said so nowhere; and a day measured
    that happens to be such a day (the 1st of a month a source is dated to) read 'month'. Each
    reply date now has its precision, from sources.csv for a report's, day for a measured one."""
    from generator import paths, schema

    from .helpers import write_csv

    data = make_data(tmp_path, [{**DEPT, "id": d} for d in ("dept-a", "dept-b")], accounts_of("dept-a", "dept-b"),
                     [snapshot(d, day(0), followers=500) for d in ("dept-a", "dept-b")],
                     complaints=[{"department_id": "dept-a", "channel": "x", "period_start": day(40),
                                  "period_end": day(10), "median_response_minutes": 120, "source": "manual",
                                  "source_url": "source:m"}])
    write_csv(data / paths.SOURCES_CSV, schema.SOURCES_TABLE,
              [{"id": i, "title": "A report", "publication": "A paper", "published_on": on, "date_precision": p}
               for i, on, p in (("y", day(40), "year"), ("m", day(10), "month"))])
    write_csv(data / paths.REPLIES / "x" / f"{day(10)}.csv", schema.REPLIES,
              [{"department_id": "dept-b", "platform": "x", "date": day(10), "mentions": 12, "answered": 10,
                "answered_within_hour": 5, "median_reply_minutes": 45, "posts_read": 22}])
    got = model_of(data).handles.set_index("department_id")
    dated = ["reply_from", "reply_on", "account_reply_from", "account_reply_on"]
    assert [got.loc["dept-a", c] for c in dated] == [day(40), day(10)] * 2
    # The period's end is its source's stand-in day; its start is another source's, not its own.
    assert [got.loc["dept-a", f"{c}_precision"] for c in dated] == ["day", "month"] * 2
    # Measured on a day a source stands in for a month: still a day.
    assert [got.loc["dept-b", c] for c in dated] == [day(10)] * 4
    assert [got.loc["dept-b", f"{c}_precision"] for c in dated] == ["day"] * 4
    # Published after the others, each described in both languages.
    from generator.render import words
    columns = [f"{c}_precision" for c in ("account_reply_from", "reply_on", "reply_from")]
    names = list(schema.HANDLES.names)
    assert names.index("reply_from") < min(map(names.index, columns))
    described = {c.name: c.description for c in schema.HANDLES.columns}
    for column in columns:
        assert described[column] and words.column_hi("handles", column, "") not in ("", described[column]), column
    # The methodology's list of handles.csv's reply columns names them, in both languages.
    for lang in ("en", "hi"):
        text = (Path(__file__).resolve().parents[1] / "site" / "docs" / lang / "methodology.md").read_text("utf-8")
        assert all(f"`{column}`" in text for column in columns), lang


def test_handles_csv_gives_the_source_of_its_follower_count(tmp_path):
    """source_url is the source of an account's newest observation: where the count is older
    (followers_on before observed_on), a journalist had no source for it. followers_source_url
    gives a report's, last; blank where the nightly lookup counted it. A past build cites no
    report published after its day, as source_url does not."""
    from generator import paths, schema
    from generator.render import words

    from .helpers import write_csv

    data = make_data(tmp_path, [{**DEPT, "id": d} for d in ("dept-a", "dept-b")], accounts_of("dept-a", "dept-b"),
                     [snapshot("dept-a", day(30), followers=7000, source_url="source:r"),
                      snapshot("dept-a", day(0), source="x-api", source_url="https://x.com/DeptA",
                               last_post_at=day(0)),
                      snapshot("dept-b", day(0), followers=900, source="x-api", source_url="https://x.com/DeptB")])
    write_csv(data / paths.SOURCES_CSV, schema.SOURCES_TABLE,
              [{"id": "r", "title": "A report", "publication": "A paper", "published_on": day(20)}])
    got = model_of(data).handles.set_index("department_id")
    a, b = got.loc["dept-a"], got.loc["dept-b"]
    assert (a["followers"], a["followers_on"], a["observed_on"]) == (7000, day(30), day(0))
    assert (a["source_url"], a["followers_source_url"]) == ("https://x.com/DeptA", "source:r")
    assert b["source_url"] == "https://x.com/DeptB" and pd.isna(b["followers_source_url"])
    # Built before the report was published: its count is shown, its source not yet cited.
    past = build_model(load_dataset(data), Config(), AS_OF - timedelta(days=25)).handles.set_index("department_id")
    assert past.loc["dept-a", "followers"] == 7000 and pd.isna(past.loc["dept-a", "followers_source_url"])
    assert schema.HANDLES.names[-1] == "followers_source_url"
    english = next(c.description for c in schema.HANDLES.columns if c.name == "followers_source_url")
    assert words.column_hi("handles", "followers_source_url", "") not in ("", english)
    for lang in ("en", "hi"):
        text = (Path(__file__).resolve().parents[1] / "site" / "docs" / lang / "methodology.md").read_text("utf-8")
        assert "`followers_source_url`" in text, lang


def test_a_report_s_figure_is_dated_as_exactly_as_its_own_source_says_not_another_of_its_day(tmp_path):
    """Three reports published the same day, one dated to the day, one to its month, one to its
    year: every figure dated that day read as the last of them in sources.csv, whichever report
    it came from. Each reads as its own source says, cited by id or by its address."""
    from generator import paths, schema

    from .helpers import write_csv

    data = make_data(tmp_path, [{**DEPT, "id": d} for d in ("dept-a", "dept-b", "dept-c")],
                     accounts_of("dept-a", "dept-b", "dept-c"),
                     [snapshot("dept-a", day(10), followers=500, source_url="source:d"),
                      snapshot("dept-b", day(10), followers=900, source_url="source:m"),
                      snapshot("dept-c", day(10), followers=700, source_url="https://example.org/y")])
    write_csv(data / paths.SOURCES_CSV, schema.SOURCES_TABLE,
              [{"id": i, "title": "A report", "publication": "A paper", "published_on": day(10), "date_precision": p,
                "url": f"https://example.org/{i}"} for i, p in (("m", "month"), ("d", "day"), ("y", "year"))])
    got = model_of(data).handles.set_index("department_id")
    for column in ("followers_on", "observed_on"):
        assert [got.loc[d, f"{column}_precision"] for d in ("dept-a", "dept-b", "dept-c")] == \
            ["day", "month", "year"], column


def test_a_count_or_observation_the_collector_made_is_known_to_the_day_whatever_source_shares_its_day(tmp_path):
    """followers_on_precision and observed_on_precision read 'month' or 'year' for any figure
    dated on a day some source stands in for (the 1st of a month a report is dated to): a count
    the nightly lookup made that day is known to the day. Only a report's own figure stands in."""
    from generator import paths, schema

    from .helpers import write_csv

    data = make_data(tmp_path, [{**DEPT, "id": d} for d in ("dept-a", "dept-b")], accounts_of("dept-a", "dept-b"),
                     [snapshot("dept-a", day(10), followers=500, source="x-api", source_url="https://x.com/DeptA"),
                      snapshot("dept-b", day(10), followers=900, source_url="source:m")])
    write_csv(data / paths.SOURCES_CSV, schema.SOURCES_TABLE,
              [{"id": "m", "title": "A report", "publication": "A paper", "published_on": day(10),
                "date_precision": "month"}])
    got = model_of(data).handles.set_index("department_id")
    for column in ("followers_on", "observed_on"):
        assert got.loc["dept-a", column] == got.loc["dept-b", column] == day(10)
        assert got.loc["dept-a", f"{column}_precision"] == "day", column  # the collector's
        assert got.loc["dept-b", f"{column}_precision"] == "month", column  # the report's
