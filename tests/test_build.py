"""A full build of the bundled data: pages, downloads and the findings of the seed articles."""

import csv
import hashlib
import html
import io
import json
import re
from datetime import timedelta
from pathlib import Path

import pandas as pd
import pytest

from generator import paths
from generator.places import STATE_NAMES
from generator.publish.audit import DOCUMENT_KINDS
from generator.render import downloads_page, urls
from generator.render.words import texts

from .helpers import AS_OF, DATA, FIRST_NIGHT, add_night, build, copy_bundled_seed, tree_bytes

DEPARTMENTS = pd.read_csv(DATA / paths.DEPARTMENTS_CSV)["id"].tolist()


def test_every_department_has_a_page_in_both_languages(bundled_site):
    assert len(DEPARTMENTS) > 100  # the seed articles' bodies and the listed registry
    for dept in DEPARTMENTS:
        assert (bundled_site / "departments" / dept / "index.html").exists(), dept
        assert (bundled_site / "en" / "departments" / dept / "index.html").exists(), dept
    for page in ("", "accounts/", "methodology/", "downloads/", "about/", "search/", "caveats/", "corrections/",
                 "health/", "states/in-br/", "districts/in-br-muzaffarpur/"):
        assert (bundled_site / page / "index.html").exists()
        assert (bundled_site / "en" / page / "index.html").exists()


def test_downloads_parse_and_match_the_datapackage(bundled_site):
    package = json.loads((bundled_site / "data" / "datapackage.json").read_text(encoding="utf-8"))
    paths_in_package = {r["path"] for r in package["resources"]}
    assert {"handles.csv", "complaints.csv", "sources.csv", "replies.csv"} <= paths_in_package
    assert {f"departments/{d}.csv" for d in DEPARTMENTS} <= paths_in_package
    for resource in package["resources"]:
        # Resources with the same columns share one schema file.
        fields = json.loads((bundled_site / "data" / resource["schema"]).read_text(encoding="utf-8"))["fields"]
        raw = (bundled_site / "data" / resource["path"]).read_bytes()
        # A BOM, so a spreadsheet opened by double-click reads the Devanagari as UTF-8.
        assert raw.startswith("\ufeff".encode("utf-8")), resource["path"]
        text = raw.decode("utf-8-sig")
        rows = list(csv.reader(io.StringIO(text)))
        assert rows[0] == [f["name"] for f in fields], resource["path"]
        assert all(len(r) == len(rows[0]) for r in rows), resource["path"]
        frame = pd.read_csv(io.StringIO(text), dtype=str, keep_default_na=False)
        for field in fields:
            values = [v for v in frame[field["name"]] if v != ""]
            if field["type"] == "integer":
                assert all(v.lstrip("-").isdigit() for v in values), (resource["path"], field["name"])
            if field["type"] == "boolean":
                assert set(values) <= {"true", "false"}, (resource["path"], field["name"])
            if field.get("constraints", {}).get("required"):
                assert len(values) == len(frame), (resource["path"], field["name"])


def handles(site) -> pd.DataFrame:
    return pd.read_csv(site / "data" / "handles.csv", encoding="utf-8-sig", dtype=str, keep_default_na=False)


def test_seed_findings(bundled_site):
    table = handles(bundled_site).set_index(["department_id", "platform"])
    required = {"department_id", "department_name_en", "department_name_hi", "state", "district",
                "category", "platform", "handle", "status", "followers", "last_post_at",
                "observed_on", "source_url"}
    assert required <= set(table.reset_index().columns)
    mscl = table.loc[("muzaffarpur-smart-city", "x")]
    assert (mscl["status"], mscl["days_since_post"], mscl["followers"]) == ("abandoned", "194", "440")
    assert table.loc[("gorakhpur-dm", "x"), "status"] == "no_account"
    assert table.loc[("muzaffarpur-nagar-nigam", "x"), "status"] == "no_account"
    # A "no account" finding carries its date and source in the download, as on the page.
    assert tuple(table.loc[("gorakhpur-dm", "x"), ["absent_on", "absent_source_url"]]) == (
        "2017-07-01", "source:gorakhpur-2017")
    assert tuple(table.loc[("muzaffarpur-nagar-nigam", "x"), ["absent_on", "absent_source_url"]]) == (
        "2023-07-18", "source:muzaffarpur-2023")
    assert table.loc[("gorakhpur-dig-range", "x"), "followers"] == "6304"
    assert table.loc[("bihar-eou", "x"), "followers"] == "351000"


def test_scorecards_say_why_in_words(bundled_site):
    mscl = (bundled_site / "en" / "departments" / "muzaffarpur-smart-city" / "index.html").read_text()
    assert "last post 5 Jan 2023, 194 days before this observation (18 Jul 2023)" in mscl
    mscl_hi = (bundled_site / "departments" / "muzaffarpur-smart-city" / "index.html").read_text()
    assert "आख़िरी पोस्ट 5 जनवरी 2023" in mscl_hi and "194 दिन पहले" in mscl_hi
    dm = (bundled_site / "en" / "departments" / "gorakhpur-dm" / "index.html").read_text()
    # A statement older than [status] absence_recheck_days carries its age and its source.
    # The article gives the year, not the day (sources.csv date_precision).
    assert "No account, per a report of 2017; not checked again since (Hindi news report, Gorakhpur, " \
           "2017)" in dm
    assert "No account: No account" not in re.sub(r"<[^>]+>", "", dm)  # said once, not as status and reason
    # The one-line answer, the first sentence a screen reader reads, says where before what.
    assert '<p class="jd-answer">District Magistrate, Gorakhpur, on X\u00a0(Twitter): No account, per a report' in dm
    home = (bundled_site / "en" / "index.html").read_text()
    assert "Muzaffarpur Municipal Corporation (Nagar Nigam)" in home and "No account" in home
    # Figures of July 2023 built in November 2026: said in years, not as "more than 365 days".
    assert "the newest figures on this site are from 18 Jul 2023, more than 3 years before the day the site was " \
           "built" in home
    assert "साइट बनने के दिन से 3 साल से ज़्यादा पुराने" in (bundled_site / "index.html").read_text()
    # A figure of 2016 beside data of 2023 is "more than 6 years" before it, not "more than 30 days".
    upp = re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", (bundled_site / "en" / "departments" / "up-police" /
                                                      "index.html").read_text()))
    assert "Last known figure, from about Oct 2016: more than 6 years before the site&#39;s newest figures" in upp
    assert upp.count("not ranked: the figure is more than 6 years older than the site&#39;s newest figures") == 2
    assert "30 days old" not in upp
    # What a letter and "unknown" mean is said where they are shown, not only on the methodology page.
    nigam = (bundled_site / "en" / "departments" / "muzaffarpur-nagar-nigam" / "index.html").read_text()
    assert "F means a score under 40 out of 100: the weakest of five grades (A to F)." in nigam
    assert "“Unknown” means we cannot tell when the account last posted" in home
    # A state's page names its departments with no account or a silent one, wherever they are in it.
    bihar = (bundled_site / "en" / "states" / "in-br" / "index.html").read_text()
    attention = bihar[bihar.index('id="attention"'):bihar.index('id="districts"')]
    assert "Muzaffarpur Municipal Corporation (Nagar Nigam)" in attention and "No account" in attention
    assert "Muzaffarpur Smart City" in attention and "Abandoned" in attention
    # The Downloads page opens with the one spreadsheet most readers want, and each state's.
    downloads = (bundled_site / "en" / "downloads" / "index.html").read_text()
    easy = downloads[downloads.index('id="easy"'):downloads.index('id="files"')]
    assert 'href="../../data/handles.csv" download' in easy
    assert re.search(r'href="\.\./\.\./data/states/in-br\.csv" download[^>]*>Bihar</a>', easy)
    assert all((bundled_site / "data" / "states" / f"{code}.csv").is_file()
               for code in re.findall(r'data/states/([a-z-]+)\.csv', easy))
    cm = (bundled_site / "en" / "departments" / "haryana-cm" / "index.html").read_text()
    # The source said 84 %, not 84.0 %: a reported figure keeps the precision it was given.
    said = "The rate the source reports (84 %) is of the complaints disposed of: resolved ÷ (received − pending) " \
           "= 83.9 %; of all received it is 80.2 %"
    assert said.replace(" %", "\u00a0%") in cm and "does not match" not in cm and "84.0" not in cm
    # The complaints page says it beside the rate, in words a phone shows (no tooltip).
    listed = (bundled_site / "en" / "complaints" / "index.html").read_text()
    listed = re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", listed))
    # Its period ended in 2021, more than a year before the data's as-of date: listed, not ranked.
    assert f"89,001 received, 80.2 % (95 % interval: 80.0 % – 80.5 %): the period ended more than 365 days " \
           "before the as-of date, too old to " \
           f"compare with recent ones. {said}" in listed
    # "Below, why each department is not ranked": every department with published complaint
    # figures, also those whose figures make no rate.
    assert "Uttar Pradesh Police — one day, about Oct 2016, more than 1,000 received: its source gives the " \
           "counts as bounds" in listed
    assert "Muzaffarpur Police — 18 Jul 2023: the source did not report the count of complaints received and " \
           "resolved, so no rate" in listed
    assert "Punjab Kesari Haryana" in cm
    # The Hindi headline on the English page is marked Hindi, for a screen reader.
    assert '<span lang="hi">CM का ट्विटर हैंडल बना समस्याओं के समाधान का अहम जरिया</span> — Punjab Kesari' in cm


@pytest.mark.parametrize("lang, marked", [("en", '<span lang="hi">जवाबदेही</span> · Jawabdehi'),
                                          ("hi", 'जवाबदेही · <span lang="en">Jawabdehi</span>')])
def test_the_sites_name_says_each_part_in_its_language(bundled_site, lang, marked):
    """The header and the drawer name the site in both scripts: each part in the other
    language than the page's is marked, so a screen reader does not spell Hindi as English."""
    page = (bundled_site / urls.site_path(lang, "departments/up-police/") / "index.html").read_text()
    assert page.count(marked) == 2
    # A label cannot mark a part's language: the logo's names the site in the page's own.
    own = {"en": "Jawabdehi", "hi": "जवाबदेही"}[lang]
    assert page.count(f'title="{own}" class="md-header__button md-logo" aria-label="{own}"') == 1


def test_department_pages_stay_out_of_the_navigation(bundled_site):
    page = (bundled_site / "about" / "index.html").read_text()
    nav = page[page.index('class="md-nav md-nav--primary'):].split("</nav>")[0]
    assert 'href="../accounts/"' in nav
    assert "departments/" not in nav


def test_methodology_prints_the_configured_thresholds(bundled_site):
    page = (bundled_site / "en" / "methodology" / "index.html").read_text()
    for text in ("at most 7 days", "8 to 30 days", "31 to 180 days", "more than 180 days",
                 "older than 30 days"):
        assert text in page, text


def test_methodology_names_the_expected_platforms_as_readers_know_them(bundled_site):
    for lang, name in (("", "X\u00a0(ट्विटर)"), ("en/", "X\u00a0(Twitter)")):
        page = (bundled_site / lang / "methodology" / "index.html").read_text()
        assert re.search(r"(अपेक्षा है|expected to be on): ([^<]*)", page).group(2).rstrip("।.") == name


def test_the_methodology_names_every_kind_of_personal_data_the_audit_holds_back(bundled_site):
    """In a reader's words, not the audit's report's: a new kind of document the audit holds
    back fails here until both pages say so."""
    said = {"mobile number": ("मोबाइल नंबर", "mobile numbers"), "Aadhaar number": ("आधार नंबर", "Aadhaar numbers"),
            "e-mail address": ("ई-मेल पते", "e-mail addresses"), "unregistered handle": ("@हैंडल", "handles"),
            "PAN": ("पैन कार्ड", "a PAN"), "vehicle registration number": ("गाड़ी का नंबर", "vehicle's registration"),
            "voter id (EPIC)": ("वोटर कार्ड", "voter's id"), "bank account number": ("बैंक खाते", "bank account")}
    assert set(DOCUMENT_KINDS.values()) <= set(said)
    for n, lang in enumerate(("", "en/")):
        page = (bundled_site / lang / "methodology" / "index.html").read_text(encoding="utf-8")
        section = page.split('id="personal-data"', 1)[1].split("<h2", 1)[0]
        assert [kind for kind, words in said.items() if words[n] not in section] == [], lang


def test_hand_written_pages_give_their_sections_the_same_addresses_in_both_languages(bundled_site):
    # A Hindi heading would otherwise get a numbered id ("#_7"), which moves when a section is added.
    for page in ("methodology", "about", "caveats", "official"):
        ids = [re.findall(r'<h[1-6] id="([^"]+)"', (bundled_site / lang / page / "index.html").read_text())
               for lang in ("", "en")]
        assert ids[0] == ids[1] and ids[0], page
        assert not [i for i in ids[0] if re.fullmatch(r"_\d+|.*_\d+", i)], page


def test_a_scorecard_with_complaint_figures_links_its_complaints_file(bundled_site):
    for lang in ("", "en/"):
        html = (bundled_site / lang / "departments" / "haryana-cm" / "index.html").read_text()
        links = set(re.findall(r'href="([^"]*-complaints\.csv)"', html))
        assert len(links) == 1
        assert (bundled_site / lang / "departments" / "haryana-cm" / links.pop()).resolve().is_file()
    caption = f"<caption id=\"cap-complaints\">{texts('hi')['complaints_caption']}"
    shown = 0
    for page in (bundled_site / "departments").glob("*/index.html"):
        html = page.read_text()
        linked = re.findall(r'href="([^"]*-complaints\.csv)"', html)
        assert bool(linked) == (caption in html), page  # a table of figures, and its file; or neither
        assert all((page.parent / link).resolve().is_file() for link in linked)
        shown += bool(linked)
    assert 1 < shown < len(DEPARTMENTS)


def test_a_follower_chart_needs_two_days(bundled_site):
    # haryana-cm has two accounts counted on one day: a line from a day to the same day is no chart.
    one_day = (bundled_site / "departments" / "haryana-cm" / "index.html").read_text()
    days = (bundled_site / "departments" / "up-police" / "index.html").read_text()
    assert 'id="c-t"' not in one_day and 'id="c-t"' in days


def test_no_third_party_urls_are_loaded(bundled_site):
    for page in bundled_site.rglob("*.html"):
        html = page.read_text(encoding="utf-8")
        assert "fonts.googleapis" not in html and "cdn.jsdelivr" not in html, page


def test_no_page_shows_its_own_markup_as_text(bundled_site):
    """A page whose HTML was escaped on its way in shows tags to the reader instead of links."""
    for page in bundled_site.rglob("index.html"):
        # Code to copy (a badge's snippet) is meant to show its tags.
        html = re.sub(r"<pre>.*?</pre>", "", page.read_text(encoding="utf-8"), flags=re.S)
        for tag in ("&lt;a href", "&lt;h1", "&lt;h2", "&lt;p&gt;", "&lt;table", "&lt;div", "&lt;li&gt;"):
            assert tag not in html, (str(page.relative_to(bundled_site)), tag)


def test_headings_never_skip_a_level(bundled_site):
    """A screen reader lists a page by its headings: an h3 straight under the h1 (the cards of a
    district's departments) reads as part of a section that is not there."""
    for page in bundled_site.rglob("index.html"):
        html = page.read_text(encoding="utf-8")
        article = html[html.find('<article class="md-content__inner'):html.find("</article>")]
        levels = [int(n) for n in re.findall(r"<h([1-6])[\s>]", article)]
        where = str(page.relative_to(bundled_site))
        assert not levels or levels[0] == 1, (where, levels)
        for before, after in zip(levels, levels[1:], strict=False):
            assert after <= before + 1, (where, levels)


def test_the_footer_links_are_a_list_not_links_joined_by_dots(bundled_site):
    """Wrapped on a phone, dots between links landed at the starts of lines, unevenly spaced."""
    for path in ("index.html", "en/departments/up-police/index.html"):
        html = (bundled_site / path).read_text(encoding="utf-8")
        footer = html[html.find('<footer class="md-footer"'):]
        assert footer.count('<ul class="jd-footer-links">') == 1 and footer.count("<li><a href=") >= 5
        assert "</a> · <a" not in footer
    # The issue form needs a GitHub account, which the About page says no reader needs: the
    # footer's link says where it leads, beside the corrections page and the e-mail address.
    footer = (bundled_site / "en/index.html").read_text(encoding="utf-8").partition('<footer class="md-footer"')[2]
    assert 'rel="nofollow noopener">Dispute a figure on GitHub</a>' in footer and 'href="./corrections/"' in footer
    assert "GitHub पर किसी आँकड़े पर आपत्ति दर्ज करें" in (bundled_site / "index.html").read_text(encoding="utf-8")


def test_a_sudden_change_is_ringed_on_the_chart_and_named_in_its_caption(tmp_path):
    """up-police's collected followers went from 60,000 to 90,000 in a night: a follower jump.
    Its articles' 6,500 to 57,000, and from the last article's figure to the first night's, is
    growth a report states, never a jump."""
    data = copy_bundled_seed(tmp_path / "data")
    add_night(data, FIRST_NIGHT, 60_000)
    add_night(data, FIRST_NIGHT + timedelta(days=1), 90_000)
    build(data, tmp_path / "site", FIRST_NIGHT + timedelta(days=1))
    events = (tmp_path / "site" / "data" / "events.csv").read_text(encoding="utf-8")
    assert "up-police,x,follower_jump,60000,90000" in events and "6500" not in events
    for path, ring, caption in (
            ("departments/up-police/index.html", "2 दिसंबर 2026, X\u00a0(ट्विटर): +30,000",
             "घेरे अचानक बदलाव दिखाते हैं"),
            ("en/departments/up-police/index.html", "2 Dec 2026, X\u00a0(Twitter): +30,000",
             "Rings mark sudden changes")):
        html = (tmp_path / "site" / path).read_text(encoding="utf-8")
        figure = html[html.find('<figure class="jd-figure">'):html.find("</figure>")]
        assert re.findall(r'<circle class="jd-mark" [^>]*><title>([^<]*)</title>', figure) == [ring]
        assert f"{caption}: {ring}" in figure.split("<figcaption aria-hidden=\"true\">")[1]


def test_every_date_shown_is_a_date_and_every_archive_link_leads_somewhere(bundled_site):
    """'As of' is the newest observation, never the build date and never a dash; a page
    without any observation says so; a citation links a night's archive only where it exists."""
    build_day = f"{AS_OF.day} {AS_OF.strftime('%b')} {AS_OF.year}"
    for page in bundled_site.rglob("index.html"):
        html = page.read_text(encoding="utf-8")
        where = str(page.relative_to(bundled_site))
        for dash in ("as of –", "आँकड़े – तक", "— अज्ञात ()", "Unknown ()"):
            assert dash not in html, (where, dash)
        for night in set(re.findall(r"data/archive/(\d{4}-\d{2}-\d{2})/", html)):
            assert (bundled_site / "data" / "archive" / night).is_dir(), (where, night)
    accounts = (bundled_site / "en" / "accounts" / "index.html").read_text(encoding="utf-8")
    assert f"Figures as of {build_day}" not in accounts and "Figures as of 18 Jul 2023" in accounts
    unobserved = (bundled_site / "departments" / "union-ministry-of-external-affairs" / "index.html")
    assert "अभी तक कोई आँकड़ा नहीं देखा गया" in unobserved.read_text(encoding="utf-8")
    central = (bundled_site / "en" / "states" / "in" / "index.html").read_text(encoding="utf-8")
    assert "0 districts" not in central
    bihar = (bundled_site / "en" / "states" / "in-br" / "index.html").read_text(encoding="utf-8")
    assert "1 district has a page of its own." in bihar


def test_the_league_tells_platforms_apart_and_every_file_with_a_state_names_it(bundled_site):
    """The Haryana CM's 19 lakh on X and 7 lakh on Facebook are two rows a reader can tell
    apart; a file with a state code names the state in English and Hindi."""
    page = (bundled_site / "en" / "accounts" / "index.html").read_text(encoding="utf-8")
    rows = {key: body for key, body in re.findall(r'<tr data-id="([^"]+)">(.*?)</tr>', page, re.S)}
    assert 'data-label="Platform">X\u00a0(Twitter)<' in rows["haryana-cm/x"] and "19,00,000" in rows["haryana-cm/x"]
    assert 'data-label="Platform">Facebook<' in rows["haryana-cm/facebook"]
    assert "7,00,000" in rows["haryana-cm/facebook"]
    table = handles(bundled_site)
    assert [tuple(STATE_NAMES[s]) for s in table["state"]] == list(zip(table["state_name_en"],
                                                                       table["state_name_hi"], strict=True))
    package = json.loads((bundled_site / "data" / "datapackage.json").read_text(encoding="utf-8"))
    for resource in package["resources"]:
        schema = json.loads((bundled_site / "data" / resource["schema"]).read_text(encoding="utf-8"))
        names = {f["name"] for f in schema["fields"]}
        codes = [f for f in schema["fields"] if "ISO 3166-2" in f["description"]]
        assert not codes or {"state_name_en", "state_name_hi"} <= names, resource["path"]
        assert resource["path"] != "handles.csv" or codes
    downloads = (bundled_site / "en" / "downloads" / "index.html").read_text(encoding="utf-8")
    assert f"<code>{downloads_page.breakable('state_name_hi')}</code>" in downloads
    assert "data/league/en/" in downloads


def test_every_published_column_is_described_in_hindi():
    """The Hindi downloads page explains each column in Hindi, not in the schema's English."""
    from generator.render import nights, words
    from generator.render.downloads import published_tables

    described = [*published_tables(), *nights.MEMBER_TABLES]  # a pinned ZIP's members too
    missing = [(path, c.name) for path, table, _ in described for c in table.columns
               if c.name not in words.COLUMNS_HI]
    assert missing == []
    assert [path for path, _, _ in described if path not in words.FILES_HI] == []  # and each file's title
    # A name that means something else in another table is described as that table means it.
    senses = {}
    for _, table, _ in published_tables():
        for c in table.columns:
            senses.setdefault(c.name, {}).setdefault(c.description, set()).add(words.column_hi(table.name, c.name, ""))
    for name in ("state", "handle", "followers", "source", "date", "bound"):  # a code or an outcome; the latest or each
        hindi = list(senses[name].values())
        assert len(set().union(*hindi)) == len(hindi), (name, hindi)


def test_a_department_id_has_the_same_bound_in_every_published_schema():
    """The key every file is joined on: a reader who sizes a database's columns from the schemas
    gets one width for it (an id has at most 100 characters), not 500 in handles and events."""
    from generator import schema
    from generator.render.downloads import published_tables

    bounds = {path: c.frictionless()["constraints"]["maxLength"] for path, table, _ in published_tables()
              for c in table.columns if c.name == "department_id"}
    assert set(bounds.values()) == {schema.SLUG_MAX}, bounds


def test_a_columns_formula_reads_the_same_in_hindi():
    """A rate is a percentage in both dictionaries: the Hindi rate_mismatch compared the source's
    "84" with resolved ÷ (received − pending), a share of 1, where the English says x 100."""
    from generator.render import words
    from generator.render.downloads import published_tables

    differ = [(path, c.name) for path, table, _ in published_tables() for c in table.columns
              if c.description.count("x 100") != words.column_hi(table.name, c.name, "").count("× 100")]
    assert differ == []


def test_a_state_page_leads_to_its_list_of_accounts(bundled_site):
    for lang in ("", "en/"):
        page = (bundled_site / lang / "states" / "in-up" / "index.html").read_text(encoding="utf-8")
        assert 'href="../../accounts/in-up/"' in page
        assert (bundled_site / lang / "accounts" / "in-up" / "index.html").exists()


def test_a_projects_own_theme_overrides_take_the_place_of_the_packages(tmp_path):
    """A project may override a partial of the theme in site/overrides; the package's other
    overrides stay, and a project without any uses the package's as they are."""
    import shutil

    from .helpers import DEPT, REPO, build_in, make_data, snapshot

    project = tmp_path / "project"
    project.mkdir()
    shutil.copy(REPO / paths.MKDOCS_YML, project / paths.MKDOCS_YML)
    shutil.copytree(REPO / "site", project / "site")
    own = project / "site" / "overrides" / "partials" / "copyright.html"
    own.parent.mkdir(parents=True)
    own.write_text('<div class="md-copyright">The project\'s own footer</div>\n', encoding="utf-8")
    # One department: what is looked at is the frame around its page, not the figures in it.
    data = make_data(tmp_path / "data", [DEPT], [{"department_id": "dept-a", "platform": "x", "official": "yes"}],
                     [snapshot("dept-a", "2026-11-20", followers=10)])
    build_in(project, data, tmp_path / "own")
    page = (tmp_path / "own" / "departments" / "dept-a" / "index.html").read_text(encoding="utf-8")
    assert "The project's own footer" in page and "jd-footer" not in page
    assert 'class="jd-lang-switch' in page  # the package's header (main.html) is still used
    shutil.rmtree(project / "site" / "overrides")
    build_in(project, data, tmp_path / "package")
    page = (tmp_path / "package" / "departments" / "dept-a" / "index.html").read_text(encoding="utf-8")
    assert "The project's own footer" not in page and "jd-footer" in page


def test_pages_that_list_figures_say_where_they_come_from(bundled_site):
    """A list has no source column: it says once where its figures are from (each row's
    source is on the department's page)."""
    from generator.render import words

    for lang, root in (("hi", ""), ("en", "en/")):
        said = words.texts(lang)["figures_source"]
        for page in ("", "states/in-up/", "districts/in-up-gorakhpur/", "accounts/", "accounts/in-up/"):
            text = (bundled_site / root / page / "index.html").read_text(encoding="utf-8")
            assert html.unescape(said) in html.unescape(text), (lang, page)


def test_a_date_a_source_gives_only_to_the_month_or_year_is_shown_so(bundled_site):
    """Gorakhpur's article gives the year, UP Police's the month (sources.csv date_precision):
    their figures are not shown as of an exact day, while UP Police's start of 8 Sep 2016 is."""
    def said(page: str) -> str:
        # The source's note may name the stand-in day: it says why it stands in.
        text = re.sub(r'<details class="jd-source-note.*?</details>', "", page, flags=re.S)
        return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", text))

    for lang, year_only, about, exact in (("en/", "Followers 6,029 (2017)", "57,000 (about Oct 2016)", "8 Sep 2016"),
                                          ("", "6,029 (2017)", "57,000 (लगभग अक्टूबर 2016)", "8 सितंबर 2016")):
        ig, police = (said((bundled_site / lang / "departments" / dept / "index.html").read_text(encoding="utf-8"))
                      for dept in ("gorakhpur-ig-zone", "up-police"))
        assert year_only in ig and "1 Jul 2017" not in ig and "1 जुलाई 2017" not in ig
        assert ("observed in 2017" if lang else "2017 में देखा गया") in ig and "2017 को" not in ig
        assert about in police and exact in police and "1 Oct 2016" not in police
    for feed in ("feed.xml", "en/feed.xml", "states/in-up/feed.xml"):  # the feeds say it as the pages do
        text = (bundled_site / feed).read_text(encoding="utf-8")
        assert "1 Jul 2017" not in text and "1 जुलाई 2017" not in text and "2017" in text, feed
    police = (bundled_site / "en" / "departments" / "up-police" / "index.html").read_text(encoding="utf-8")
    assert "one day, about Oct 2016" in police  # 1,000 complaints a day: a day's figure, not the month's
    sources = pd.read_csv(bundled_site / "data" / "sources.csv", encoding="utf-8-sig", dtype=str,
                          keep_default_na=False).set_index("id")
    assert sources.loc["gorakhpur-2017", "date_precision"] == "year"
    assert sources.loc["up-police-2016", "date_precision"] == "month"


def test_a_lists_no_account_row_is_dated_by_its_finding(bundled_site):
    # Gorakhpur's DM has no account per a 2017 report, not checked since: the list says when.
    for lang, old in (("", "पुराना आँकड़ा"), ("en/", "old figure")):
        page = (bundled_site / lang / "accounts" / "in-up" / "index.html").read_text(encoding="utf-8")
        row = re.search(r'<tr data-id="gorakhpur-dm/x">.*?</tr>', page, re.S).group()
        observed = re.findall(r"<td data-label=[^>]*>(.*?)</td>", row, re.S)[-1]
        assert re.sub(r"<[^>]+>", "", observed) == f"2017 {old}", observed


def test_a_department_known_only_by_a_no_account_finding_is_dated_by_it(bundled_site):
    page = (bundled_site / "en" / "departments" / "gorakhpur-dm" / "index.html").read_text(encoding="utf-8")
    assert "The figures on this page are as of 2017." in page and "data as of 2017," in page
    assert "No figure observed yet" not in page


@pytest.mark.parametrize("lang", ["hi", "en"])
def test_the_downloads_page_sets_the_way_to_read_an_account_id_as_code(bundled_site, lang):
    """A journalist copies what the page sets as code: the column's name and the pandas
    argument that keeps its 19 digits, each whole in a code element."""
    page = (bundled_site / urls.site_path(lang, "downloads/") / "index.html").read_text()
    assert '<code translate="no">account_id</code>' in page
    assert """<code translate="no">dtype={'account_id': str}</code>""" in page


def test_the_no_account_list_says_where_its_rows_come_from(bundled_site):
    """A 'no account' row has no observation to be the latest of: its list's caption says
    each row is a finding (our list, or a report) with its date; other lists keep theirs."""
    caption = re.compile(r"<caption[^>]*>(.*?)</caption>", re.S)
    missing = caption.search((bundled_site / "en/accounts/no-account/index.html").read_text()).group(1)
    assert missing.startswith("No account: all India") and "Each row is from our list of accounts" in missing
    abandoned = caption.search((bundled_site / "en/accounts/abandoned/index.html").read_text()).group(1)
    assert "latest observation" in abandoned


def site_with_complaints(tmp_path: Path, *rows: str) -> Path:
    """The seed articles' data with more rows of complaint figures, built."""
    data = copy_bundled_seed(tmp_path / "data")
    with (data / "complaints" / "seed-articles.csv").open("a", encoding="utf-8") as out:
        out.writelines(f"{row},manual,source:muzaffarpur-2023,{bound}\n" for row, bound in
                       (r.rsplit("|", 1) if "|" in r else (r, "") for r in rows))
    build(data, tmp_path / "site")
    return tmp_path / "site"


# Muzaffarpur Smart City's only complaint figures: January 2021's.
OLD_MONTH = ("muzaffarpur-smart-city,x,2021-01-01,2021-01-31,400,100,,,,,,",
             "muzaffarpur-smart-city,helpline,2021-01-01,2021-01-31,,,,,,5000,,|more_than")
# Two ranked departments of 2023, the first with a rate its source reports (90 %) and its counts contradict.
CONTRADICTED = ("muzaffarpur-police,x,2023-01-01,2023-06-30,50000,30000,,0,,,,90",
                "muzaffarpur-rail-police,x,2023-01-01,2023-06-30,20000,15000,,0,,,,")


@pytest.fixture(scope="module")
def complaints_site(tmp_path_factory) -> Path:
    """One site for the tests of both sets of rows: they are of other departments, and
    periods that end before the data's as-of date (18 Jul 2023), which stays."""
    return site_with_complaints(tmp_path_factory.mktemp("complaints"), *OLD_MONTH, *CONTRADICTED)


def test_a_scorecard_says_why_published_complaint_figures_do_not_count_and_what_would(complaints_site):
    """Muzaffarpur Smart City's only complaint figures are of January 2021 (OLD_MONTH): not
    "no data", but why they are left out of the grade, and advice that fits: a recent month."""
    page = (complaints_site / "en" / "departments" / "muzaffarpur-smart-city" / "index.html").read_text()
    text = re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", page))
    assert "latest period over 365 days old: left out" in text
    assert "no data: left out" not in text
    assert "Answering within an hour would count Responsiveness, whose figures do not count now, at 100" in text
    assert ("Publishing figures of a recent month (ended within 365 days of the as-of date, at least 100 "
            "complaints), with every complaint resolved, would count Resolution, whose figures do not count now, "
            "at 100") in text
    hindi = (complaints_site / "departments" / "muzaffarpur-smart-city" / "index.html").read_text()
    assert "सबसे नई अवधि 365 दिन से पुरानी: छोड़ा गया" in hindi


def test_the_complaints_table_says_in_words_where_a_source_reports_another_rate(complaints_site):
    """A ranked department whose source reports a rate its own counts contradict (CONTRADICTED):
    the table says so under its name, in words (a phone has no tooltip), with the source's
    figure as precise as it was given."""
    page = (complaints_site / "en" / "complaints" / "index.html").read_text()
    row = next(r for r in re.findall(r"<tr>.*?</tr>", page, re.S) if "muzaffarpur-police" in r)
    text = re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", row))
    assert "⚠ the rate the source reports (90 %) does not match the counts (60.0 %)" in text
    # Not in a tooltip either (the source's cell names its publication and day as text, and
    # only its article's whole title on hover).
    assert not re.search(r'title="[^"]*(90 %|match)', row)


def test_a_badge_names_the_article_a_figure_came_from(bundled_site):
    """A badge travels without its scorecard: a figure taken from an article says whose it
    is, not that the collector saw it."""
    def text(path: str) -> str:
        return " ".join(re.findall(r"<text[^>]*>([^<]*)</text>", (bundled_site / path).read_text()))

    assert "per Prabhat Khabar Digital Desk on 18 Jul 2023" in text("badges/en/muzaffarpur-smart-city-x.svg")
    assert "प्रभात ख़बर डिजिटल डेस्क के अनुसार 18 जुलाई 2023 को" in text("badges/muzaffarpur-smart-city-x.svg")
    assert not list(filter(lambda p: "Jawabdehi, seen" in p.read_text(), bundled_site.glob("badges/en/*.svg")))


def test_a_scorecards_badge_image_names_the_status_it_shows_and_the_snippet_does_not(bundled_site):
    """The image beside the figures says its status to a screen reader; the snippet pasted on
    other sites, which outlive tonight's status, names only whose badge it is."""
    page = (bundled_site / "en" / "departments" / "gorakhpur-dm" / "index.html").read_text(encoding="utf-8")
    shown = re.search(r'<p class="jd-badge[^>]*><img [^>]*alt="([^"]*)"', page).group(1)
    assert shown == "District Magistrate, Gorakhpur: status of its X\u00a0(Twitter) account, on Jawabdehi: No account"
    snippet = re.search(r"<pre><code[^>]*>(.*?)</code></pre>", page[page.index('id="badge"'):], re.S).group(1)
    assert "No account" not in snippet and "status of its X\u00a0(Twitter) account" in snippet


def test_a_no_account_badge_says_who_found_it_and_whether_anyone_looked_since(bundled_site):
    """A badge is embedded where the scorecard's caveats are not: a "no account" from a 2017
    report says whose it is and that nobody checked again; one of our registry says so."""
    def text(path: str) -> str:
        return " ".join(re.findall(r"<text[^>]*>([^<]*)</text>", (bundled_site / path).read_text()))

    old = text("badges/en/gorakhpur-dm-x.svg")
    assert "No account (2017)" in old and "per " in old and "not checked again since" in old
    assert "तब से दोबारा नहीं जाँचा गया" in text("badges/gorakhpur-dm-x.svg")
    recent = text("badges/en/muzaffarpur-nagar-nigam-x.svg")
    assert "No account (18 Jul 2023)" in recent and "per " in recent and "not checked" not in recent


def test_a_scorecard_says_how_its_sources_were_read(bundled_site):
    """The methodology says a stand-in day is explained in the source's note: the scorecard
    that cites the source shows that note, in each page's language."""
    note = "is read as the start of the use the article is about, #twittersewa, and dated 8 September 2016"
    note_hi = "यानी #twittersewa, और 8 सितंबर 2016 की तारीख़ दी गई"
    en = (bundled_site / "en" / "departments" / "up-police" / "index.html").read_text(encoding="utf-8")
    hi = (bundled_site / "departments" / "up-police" / "index.html").read_text(encoding="utf-8")
    # (Its Hindi quotation is marked Hindi: text and such spans, up to the words looked for.)
    marked = r'(?:[^<]|<span lang="hi">[^<]*</span>)*'
    assert re.search(r'<details class="jd-source-note jd-noprint"><summary>How this source was read</summary>'
                     r"<p>" + marked + re.escape(note), en)
    assert re.search(r"<summary>इस स्रोत को कैसे पढ़ा गया</summary><p>[^<]*" + re.escape(note_hi), hi)
    assert "अंग्रेज़ी में" not in hi


def test_a_registry_note_without_its_hindi_is_shown_in_english_and_said_so(tmp_path):
    """A registry written before notes had a Hindi column (or a note not yet translated): the
    Hindi page shows the English note, marked English for a screen reader and in its summary."""
    data = copy_bundled_seed(tmp_path / "data")
    for name in ("sources.csv", "absences.csv"):
        path = data / "registry" / name
        frame = pd.read_csv(path, dtype=str, keep_default_na=False)
        frame.drop(columns="note_hi").to_csv(path, index=False, lineterminator="\n")
    build(data, tmp_path / "site", FIRST_NIGHT)
    hi = (tmp_path / "site" / "departments" / "gorakhpur-dm" / "index.html").read_text(encoding="utf-8")
    assert re.search(r'<summary>इस स्रोत को कैसे पढ़ा गया \(अंग्रेज़ी में\)</summary><p lang="en">[^<]*'
                     r"The article gives the year", hi)
    assert re.search(r'<summary>रिपोर्ट के बारे में हमारा नोट \(अंग्रेज़ी में\)</summary><p lang="en">[^<]*'
                     r"The headline says", hi)


def test_an_account_whose_handle_is_unknown_is_not_called_no_handle(first_night_built):
    """Muzaffarpur Police has an account (2,648 followers) whose handle no source names; the
    Nagar Nigam has none. "We know of no handle" would read as the first having no account.
    (The seed articles' site built after the day the channels where else to complain were
    checked: FIRST_NIGHT.)"""
    site = first_night_built[1]

    def said(dept: str, lang: str = "en") -> str:
        page = (site / urls.site_path(lang, f"departments/{dept}/") / "index.html").read_text()
        return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", page))

    assert "This department has an account, but we do not know its handle." in said("muzaffarpur-police")
    assert "इस विभाग का खाता है, पर उसका हैंडल हमें ज्ञात नहीं" in said("muzaffarpur-police", "hi")
    assert "We know of no handle" not in said("muzaffarpur-police")
    assert "We know of no handle of this department." in said("muzaffarpur-nagar-nigam")


def test_a_states_list_of_districts_says_what_it_counts(bundled_site):
    """Bihar's page counted 13 "department accounts" and then "Muzaffarpur (6)", whose own page
    says 7 department accounts: the number beside a district names its departments."""
    def said(lang: str) -> str:
        page = (bundled_site / urls.site_path(lang, "states/in-br/") / "index.html").read_text(encoding="utf-8")
        return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", page))

    assert "Muzaffarpur (6 departments)" in said("en")
    assert "मुज़फ़्फ़रपुर (6 विभाग)" in said("hi")
    # Nor is a finding of no account an account: the Nagar Nigam's row is counted as what it is.
    assert "12 department accounts and 1 department with no account. 1 district has a page of its own." in said("en")
    assert "12 विभाग-खाते और 1 विभाग जिसका खाता नहीं। 1 ज़िले का अपना पन्ना है।" in said("hi")


def test_a_grade_is_dated_and_a_department_without_a_known_handle_is_told_how_to_send_it(bundled_site):
    """A department official reading an F for "no account" learns the date it is as of and
    where to send the handle of an account we do not know of."""
    def grade_box(dept: str, lang: str = "en") -> str:
        page = (bundled_site / urls.site_path(lang, f"departments/{dept}/") / "index.html").read_text(encoding="utf-8")
        return page[page.index('<div class="jd-grade">'):page.index("jd-grade-sum")]

    box = grade_box("muzaffarpur-nagar-nigam")
    assert "F</span> Score: 0 / 100" in box and "Figures as of 18 Jul 2023." in box
    assert 'href="../../official/"' in box and "How to send it" in box
    assert "हैंडल भेजने का तरीक़ा" in grade_box("muzaffarpur-nagar-nigam", "hi")
    assert 'href="../../official/"' in grade_box("gorakhpur-dm")  # no grade: an old report only
    assert "official/" not in grade_box("up-police")  # its handle is known


def test_a_scorecard_offers_its_departments_file_only_when_it_holds_an_observation(bundled_site):
    """A journalist followed 'Download this department's CSV' to files holding a header only."""
    for dept, offered in (("up-police", True), ("gorakhpur-dm", False), ("muzaffarpur-nagar-nigam", False)):
        page = (bundled_site / "en" / "departments" / dept / "index.html").read_text(encoding="utf-8")
        rows = (bundled_site / "data" / "departments" / f"{dept}.csv").read_text(encoding="utf-8-sig").splitlines()
        assert (f'href="../../../data/departments/{dept}.csv"' in page) is offered is (len(rows) > 1), dept


def test_handles_csv_says_which_dates_stand_in_for_a_month_or_a_year(bundled_site):
    """A journalist read 2017-07-01 in handles.csv where the page says "2017": the file says it."""
    handles = pd.read_csv(bundled_site / "data" / "handles.csv", encoding="utf-8-sig", dtype=str,
                          keep_default_na=False).set_index(["department_id", "platform"])
    said = {dept: tuple(handles.loc[(dept, "x"), [f"{c}_on", f"{c}_on_precision"]])
            for dept, c in (("gorakhpur-police", "followers"), ("up-police", "followers"),
                            ("muzaffarpur-police", "observed"), ("gorakhpur-dm", "observed"))}
    assert said == {"gorakhpur-police": ("2017-07-01", "year"), "up-police": ("2016-10-01", "month"),
                    "muzaffarpur-police": ("2023-07-18", "day"), "gorakhpur-dm": ("", "")}, said


def test_a_no_account_finding_says_what_its_report_says(bundled_site):
    """"No account" can be stronger than the report: the Gorakhpur article says the District
    Magistrate has no *authorised* account, the Muzaffarpur one that the Nagar Nigam made no
    handle public. The scorecard opens the registry's note of the report's own words."""
    for dept, words, words_hi in (
            ("gorakhpur-dm", "has no authorised Twitter account", "का कोई अधिकृत ट्विटर खाता नहीं है"),
            ("muzaffarpur-nagar-nigam", "has made no Twitter handle public", "ने कोई ट्विटर हैंडल सार्वजनिक नहीं")):
        en = (bundled_site / "en" / "departments" / dept / "index.html").read_text(encoding="utf-8")
        hi = (bundled_site / "departments" / dept / "index.html").read_text(encoding="utf-8")
        # Our note, quoting the report: not the report's own words, and not called so.
        assert re.search(r"<summary>Our note on the report</summary><p>[^<]*" + re.escape(words), en)
        assert re.search(r"<summary>रिपोर्ट के बारे में हमारा नोट</summary><p>[^<]*" + re.escape(words_hi), hi)
    # The report's own Hindi words, quoted in the English note, are marked Hindi.
    dm = (bundled_site / "en" / "departments" / "gorakhpur-dm" / "index.html").read_text(encoding="utf-8")
    assert '(<span lang="hi">डीएम का नहीं है कोई अधिकृत ट्विटर अकाउंट</span>)' in dm


def test_the_complaints_page_says_why_none_is_ranked_without_denying_who_reached_the_threshold(bundled_site):
    """Haryana's CM window had 89,001 complaints, far above the minimum, and is unranked only
    because its period ended years before the data's as-of date: the page must not say none
    reached the minimum."""
    for lang, none, why, alone in (
            ("en/", "No department is ranked yet", "Below, why each department is not ranked.",
             "the period ended more than 365 days before the as-of date"),
            ("", "अभी कोई विभाग क्रम में नहीं", "नीचे हर विभाग के क्रम से बाहर होने का कारण है।",
             "अवधि आँकड़ों की तारीख़ से 365 दिन से ज़्यादा पहले ख़त्म हुई")):
        text = re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", (bundled_site / lang / "complaints" / "index.html")
                                          .read_text(encoding="utf-8")))
        assert none in text and why in text and alone in text
        assert "threshold yet" not in text and "सीमा तक नहीं पहुँचा" not in text
        # Muzaffarpur's report gave no counts: said as not reported, not as "or hidden".
        assert ("the source did not report the count of complaints received and resolved, so no rate" in text
                or "स्रोत ने प्राप्त और हल हुई शिकायतों की गिनती नहीं बताई, इसलिए दर नहीं बनती" in text)
        assert "or hidden" not in text and "या बहुत छोटी होने से" not in text


def test_the_complaints_formula_ends_its_sentence_before_the_caveats_link(bundled_site):
    """The formula and the link after it read as one run-on line ("× 100 What these figures
    cannot tell") without a full stop between them."""
    for lang, said in (("en/", "Resolution rate = resolved ÷ received × 100. What these figures cannot tell"),
                       ("", "समाधान दर = हल ÷ प्राप्त × 100। ये आँकड़े क्या नहीं बताते")):
        text = re.sub(r"\s+", " ", re.sub(r"<[^>]+>", "", (bundled_site / lang / "complaints" / "index.html")
                                          .read_text(encoding="utf-8")))
        assert said in text


def test_the_home_page_names_the_states_our_registry_has_no_department_of(bundled_site):
    """A state missing from the list of places reads as one without handles: the page says
    which states and union territories the registry lists no department of yet."""
    for lang, said, listed in (("en/", "Not yet in our registry, though their departments may have accounts: ",
                                "West Bengal"),
                               ("", "अभी हमारी सूची में नहीं, हालाँकि इनके विभागों के खाते हो सकते हैं: ", "पश्चिम बंगाल")):
        page = (bundled_site / lang / "index.html").read_text(encoding="utf-8")
        line = re.search(r'<p class="jd-muted">' + re.escape(said) + r"[^\n]*", page).group(0)
        assert listed in line and "Bihar" not in line and "बिहार" not in line


def test_the_home_pages_counts_say_how_many_rest_on_an_old_figure(bundled_site):
    """The counts by status sit under "figures as of" the newest day; an account last observed
    years before is counted by its last known status, and the page says how many are, as
    handles.csv's stale column has them."""
    handles = pd.read_csv(bundled_site / "data" / "handles.csv", dtype=str, keep_default_na=False)
    stale = int((handles["stale"] == "true").sum())
    assert stale > 1
    for lang, said in (("en/", f"{stale} of these accounts were last observed more than 30 days before 18 Jul 2023"),
                       ("", f"इनमें से {stale} खातों का आख़िरी अवलोकन 18 जुलाई 2023 से 30 दिन से ज़्यादा पहले का है")):
        page = (bundled_site / lang / "index.html").read_text(encoding="utf-8")
        counts = page.split('<h2 id="counts"', 1)[1].split("<h2", 1)[0]
        assert said in counts, lang


def test_a_headings_own_link_is_titled_in_the_pages_language_and_left_out_of_its_name(bundled_site):
    """Titled for a pointer's tooltip; hidden from a screen reader (it read as part of the
    heading's name) and from Tab (a stop before every section; the contents link each)."""
    for lang, title in (("", "इस शीर्षक का स्थायी लिंक"), ("en/", "Permanent link to this heading")):
        page = (bundled_site / lang / "methodology" / "index.html").read_text(encoding="utf-8")
        links = re.findall(r'<a class="headerlink" href="#[^"]*"([^>]*)>', page)
        assert len(links) > 5
        assert {re.search(r'title="([^"]*)"', a).group(1) for a in links} == {title}, lang
        assert all('aria-hidden="true"' in a and 'tabindex="-1"' in a for a in links), lang


def test_every_table_of_the_downloads_page_is_named_for_a_screen_reader(bundled_site):
    page = (bundled_site / "en" / "downloads" / "index.html").read_text(encoding="utf-8")
    tables = re.findall(r"<table\b.*?</table>", page, re.S)
    assert len(tables) > 5 and all("<caption" in table for table in tables)


def test_every_table_frame_a_keyboard_stops_at_is_named_by_its_tables_caption(bundled_site):
    """A frame that scrolls a wide table is focusable (so a keyboard can scroll it): a screen
    reader says its name there, the caption of the table in it, on every page of the site."""
    frames = 0
    for file in bundled_site.rglob("*.html"):
        page = file.read_text(encoding="utf-8")
        for region, name in re.findall(r'(<div class="jd-table-wrap"[^>]*>)\s*(?:\{%[^%]*%\}\s*)?<table[^>]*>\s*'
                                       r'<caption id="([^"]+)"', page):
            frames += 1
            assert 'tabindex="0"' in region and 'role="region"' in region, (file, region)
            assert f'aria-labelledby="{name}"' in region and page.count(f'id="{name}"') == 1, (file, region)
        framed = 'class="jd-table-wrap" tabindex="0" role="region"'
        assert page.count('class="jd-table-wrap"') == page.count(framed), file
    assert frames > 50


def test_a_states_list_of_accounts_names_its_state_in_its_tables_caption(bundled_site):
    """A screen reader that jumps to the table hears its caption alone: on a state's own list it
    names the state, in either language; all India's list names none."""
    def caption(page: Path) -> str:
        return re.search(r'<caption id="cap-league">([^<]*)<', page.read_text(encoding="utf-8"))[1]

    for root, state, everyone in ((bundled_site, "बिहार: सभी खाते", "सभी विभाग-खाते"),
                                  (bundled_site / "en", "All accounts: Bihar", "Every department account")):
        assert caption(root / "accounts" / "in-br" / "index.html") == state
        assert caption(root / "accounts" / "index.html") == everyone


def test_a_row_of_departments_is_named_by_its_department_for_a_screen_reader(bundled_site):
    """In the lists of accounts (the league and the home page's latest) a screen reader moving
    along a row hears the department before each figure: its first cell is the row's header."""
    headed = captions = 0
    for file in [*bundled_site.glob("**/accounts/**/index.html"), bundled_site / "index.html"]:
        page = file.read_text(encoding="utf-8")
        # The table's name and its source's note are read with a stop between them.
        if '<caption id="cap-league">' in page:
            assert re.search(r'<caption id="cap-league">[^<]+<span class="jd-vh">[।.]</span> <span class="jd-muted">',
                             page), file
            captions += 1
        for table in re.findall(r'<table class="jd-table jd-stack[^"]*">.*?</table>', page, re.S):
            for row in re.findall(r"<tbody>(.*?)</tbody>", table, re.S)[0].split("</tr>")[:-1]:
                if "/departments/" in row.split("</t", 1)[0]:
                    assert row.lstrip().startswith('<tr') and '<th scope="row"><a ' in row.split("</th>", 1)[0], file
                    headed += 1
    assert headed > 100 and captions > 10


def test_a_row_of_a_scorecards_history_is_named_by_its_day_or_period_for_a_screen_reader(bundled_site):
    """A scorecard's observations (by day or month) and complaint figures (by period): moving
    down a column of counts, a screen reader says whose row each is. Flag rows under a period
    (one cell across the table) are notes, not rows of figures."""
    headed = {"observations": 0, "complaints": 0}
    for file in bundled_site.glob("**/departments/*/index.html"):
        page = file.read_text(encoding="utf-8")
        for table in re.findall(r'<table class="jd-table jd-stack"[^>]*>.*?</table>', page, re.S):
            kind = "complaints" if re.search(r'<th scope="col">(Period|अवधि)</th>', table) else "observations"
            for row in re.findall(r"<tbody>(.*?)</tbody>", table, re.S)[0].split("</tr>")[:-1]:
                if "jd-flag-row" in row or "colspan" in row and row.count("<t") <= 3:
                    continue
                assert "<th" in row, (file, row[:200])
                headed[kind] += 1
    assert headed["observations"] > 20 and headed["complaints"] > 5, headed


def test_a_charts_summary_is_heard_once(bundled_site):
    """A drawing is described by its summary; its caption, which says the same for the eye, is
    not read again after it. A caption that says more (the district's race) is read."""
    figures = re.compile(r'<figure class="jd-figure">\s*<svg[^>]*aria-labelledby="([^"]*)"[^>]*>.*?<desc id="[^"]*">'
                         r'(.*?)</desc>.*?</svg>\s*<figcaption([^>]*)>(.*?)</figcaption>', re.S)
    seen = {"same": 0, "more": 0}
    for page in bundled_site.rglob("index.html"):
        for labelled, summary, attributes, caption in figures.findall(page.read_text(encoding="utf-8")):
            assert labelled.endswith("-d") or " " in labelled, page  # the summary names the drawing
            same = caption == summary
            seen["same" if same else "more"] += 1
            assert ('aria-hidden="true"' in attributes) == same, (page, caption)
    assert seen["same"] >= 2 and seen["more"] > 0, seen  # the follower and complaint charts, the race


@pytest.mark.parametrize("page, words", [("404.html", "यह पन्ना नहीं मिला"), ("en/404.html", "This page was not found")])
def test_the_not_found_pages_title_says_the_page_was_not_found(bundled_site, page, words):
    # The title is what a screen reader announces on arriving: the site's name alone, as on
    # the home page, let a reader of a broken link believe they had landed at home.
    title = re.search(r"<title>([^<]*)</title>", (bundled_site / page).read_text(encoding="utf-8"))[1]
    assert title.startswith(words + " - "), title


@pytest.mark.parametrize("lang, name", [("", "उत्तर प्रदेश की सूची CSV फ़ाइल में डाउनलोड करें"),
                                        ("en/", "Download the list of Uttar Pradesh as a CSV file")])
def test_a_states_spreadsheet_on_the_downloads_page_says_it_is_a_csv_file_when_read_alone(bundled_site, lang,
                                                                                         name):
    # The chips show a state's name only: in a screen reader's list of links they read as the
    # links to the states' pages, with no word of the file they download.
    page = (bundled_site / lang / "downloads" / "index.html").read_text(encoding="utf-8")
    link = re.search(r'<a href="[^"]*data/states/in-up\.csv" download([^>]*)>([^<]*)</a>', page)
    assert link and re.search(rf'aria-label="{re.escape(name)} \([^)]+\)"', link[1]), link  # and its size
    assert link[2] in name  # the name said holds the words seen, for voice control


def test_the_downloads_page_gives_no_size_of_a_file_outside_the_site(tmp_path):
    """A link in the site, to a file or to a folder elsewhere, is given a dash: its size is
    not read, whichever way the mark reaches it."""
    from generator.publish import build as publish

    site, outside = tmp_path / "site", tmp_path / "outside"
    outside.mkdir()
    (outside / "secret.csv").write_text("x" * 1234, encoding="utf-8")
    (site / "data").mkdir(parents=True)
    (site / "data" / "handles.csv").write_text("a" * 10, encoding="utf-8")
    (site / "data" / "states").symlink_to(outside, target_is_directory=True)
    (site / "data" / "link.csv").symlink_to(outside / "secret.csv")
    marks = "A jdsize:data/handles.csv; B jdsize:data/states/secret.csv; C jdsize:data/link.csv;"
    for lang in ("hi", "en"):
        page = site / urls.site_path(lang, "downloads/") / "index.html"
        page.parent.mkdir(parents=True, exist_ok=True)
        page.write_text(marks, encoding="utf-8")
    publish._write_sizes(site)
    page = (site / "en" / "downloads" / "index.html").read_text(encoding="utf-8")
    assert page == "A 10\u00a0bytes B – C –"


@pytest.mark.parametrize("lang", ["hi", "en"])
def test_every_list_of_accounts_gives_its_files_size_as_written(bundled_site, lang):
    """A state's list linked its CSV with no size, where the Downloads page gives each file's:
    every list (all India's, a state's, a status's) says what its file weighs, the size of
    the file the site holds."""
    root = bundled_site / urls.site_path(lang, "accounts/")
    pages = sorted(root.rglob("index.html"))
    assert len(pages) > 20
    for page in pages:
        html = page.read_text(encoding="utf-8")
        link = re.search(r'<p class="jd-list-csv"><a href="([^"]+)" download>', html)
        target = (page.parent / link[1]).resolve()
        said = downloads_page.file_size(target.stat().st_size, lang)
        assert f"({target.relative_to(bundled_site).as_posix()}, {said}" in html, page


# A size as a page writes it: a figure, a no-break space and a unit of either language.
SIZE = re.compile(r"\d\u00a0(bytes?|kB|MB|GB|बाइट|केबी|एमबी|जीबी)(?![\w\u0900-\u097f])")


def test_each_language_writes_every_files_size_one_way(bundled_site):
    """The Hindi Downloads page listed "843 बाइट" beside "49 kB" (CLDR's short Hindi units are
    Latin): Hindi writes every unit in Devanagari (बाइट, केबी, एमबी), English in its symbols
    beside "bytes", on every page that gives a size."""
    units = {"hi": {"बाइट", "केबी", "एमबी", "जीबी"}, "en": {"byte", "bytes", "kB", "MB", "GB"}}
    for lang in ("hi", "en"):
        root = bundled_site / urls.site_path(lang, "")
        pages = [p for p in root.rglob("index.html") if lang == "en" or "en" not in p.relative_to(root).parts]
        used = {unit for page in pages for unit in SIZE.findall(page.read_text(encoding="utf-8"))}
        downloads = (root / "downloads" / "index.html").read_text(encoding="utf-8")
        assert used <= units[lang], (lang, used - units[lang])
        assert len(set(SIZE.findall(downloads))) >= 2, lang  # bytes and kilobytes, both written


@pytest.mark.parametrize("lang, words", [("", "सबसे नए आँकड़े"), ("en/", "Latest observations")])
def test_the_home_pages_table_is_named_for_what_it_lists(bundled_site, lang, words):
    # Its caption was only where the figures come from ('Each figure is from its account's
    # latest observation...'): a screen reader moving from table to table heard no name.
    page = (bundled_site / lang / "index.html").read_text(encoding="utf-8")
    caption = re.search(r'<caption id="cap-accounts"[^>]*>(.*?)</caption>', page, re.S)[1]
    assert re.sub(r"<[^>]+>", "", caption).startswith(words + ": "), caption


@pytest.mark.parametrize("lang", ["hi", "en"])
def test_the_downloads_page_gives_each_files_size_as_written(bundled_site, lang):
    """A reader on a phone sees what a tap fetches: each file's size, taken from the file the
    site holds (the night's ZIP included, made after the pages), with no mark left unfilled."""
    page = (bundled_site / urls.site_path(lang, "downloads/") / "index.html").read_text(encoding="utf-8")
    assert "jdsize" not in page

    def said(path: str) -> str:
        return downloads_page.file_size((bundled_site / path).stat().st_size, lang)

    zip_name = next(p.name for p in (bundled_site / "data").glob("jawabdehi-*.zip"))
    assert f">{zip_name} ({said('data/' + zip_name)})</a>" in page
    assert f"<code>data/handles.csv</code></a> ({said('data/handles.csv')})" in page
    assert f"({said('data/states/in-up.csv')})\">" in page  # in the chip's name, read alone
    assert f"<code>api/accounts/x.json</code></a> ({said('api/accounts/x.json')})" in page


@pytest.mark.parametrize("lang, as_of", [("hi", "इसमें 18 जुलाई 2023 तक के आँकड़े हैं।"),
                                         ("en", "Its data is as of 18 Jul 2023.")])
def test_the_downloads_page_gives_the_nights_zips_sha256_as_served(bundled_site, lang, as_of):
    """A scorecard cites the night's ZIP where no pinned copy exists yet: beside its link, the
    page gives the day of its data and the SHA-256 of the file the site serves, written in after
    the ZIP is made, so a journalist can check the file fetched."""
    from generator.render.downloads import ZIP_NAME

    page = (bundled_site / urls.site_path(lang, "downloads/") / "index.html").read_text(encoding="utf-8")
    assert "jdsha256" not in page
    served = hashlib.sha256((bundled_site / "data" / ZIP_NAME).read_bytes()).hexdigest()
    link = page.index(f">{ZIP_NAME} (")
    said = re.search(r'<p class="jd-zip-digest">(.*?)</p>', page[link:], re.S)[1]
    assert said.startswith(as_of) and f"SHA-256: <code>{served}</code>" in said, said
    assert page.index('<p class="jd-zip-digest">') - link < 300  # beside its link


def test_a_small_site_is_built_in_one_process_and_the_same_as_built_forked(tmp_path, monkeypatch):
    """A small site's languages are rendered in the build's own process (a forked one costs
    more than it gains there); a large site's each in its own. Either way the site's bytes are
    the same: the two are built here from the seed articles' part of the bundled data."""
    import os

    from generator.publish import build as publish

    assert not publish._parallel(publish.FORK_FROM_DEPARTMENTS - 1)
    if (os.cpu_count() or 1) >= 2:
        assert publish._parallel(publish.FORK_FROM_DEPARTMENTS)
    assert publish._parallel(len(DEPARTMENTS)) == publish._parallel(publish.FORK_FROM_DEPARTMENTS)
    data = copy_bundled_seed(tmp_path / "data")
    forked = []
    real = publish._Forked

    def counted(*args):
        forked.append(args[3])  # (lock, function, rendered, language, ...)
        return real(*args)

    monkeypatch.setattr(publish, "_Forked", counted)
    build(data, tmp_path / "one", AS_OF)
    assert forked == []
    monkeypatch.setattr(publish, "_parallel", lambda departments: True)
    build(data, tmp_path / "forked", AS_OF)
    assert forked == ["hi", "en"]
    assert tree_bytes(tmp_path / "one") == tree_bytes(tmp_path / "forked")
