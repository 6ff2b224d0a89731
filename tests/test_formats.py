"""Numbers, dates and counted words as the pages write them: one formatter, one rounding rule."""

import json
import re
import shutil
import subprocess
from datetime import date

import pandas as pd
import pytest
from babel import Locale

from generator import paths, schema
from generator.render import build_day, downloads_page, formats, words
from generator.render.formatter import Formatter

from .helpers import snapshot, write_csv

EN, HI = Formatter("en", {}), Formatter("hi", {})
WEIGHTS = {"activity_score": 0.5, "responsiveness_score": 0.25, "resolution_score": 0.25}


def test_both_languages_group_digits_in_lakh_and_crore():
    assert EN.num(1_900_000) == HI.num(1_900_000) == "19,00,000"
    assert EN.num(123_456_789) == "12,34,56,789"
    assert EN.num(-1234) == "-1,234" and EN.num(999) == "999"
    assert EN.followers(1_900_000) == "19,00,000 (19 lakh)"
    assert HI.followers(12_500_000) == "1,25,00,000 (1.3 करोड़)"


def test_a_measure_is_rounded_once_and_the_same_way_everywhere():
    # 184.9 minutes was 184 in tables and 185 in the league table's script.
    assert EN.num(184.9) == HI.num(184.9) == "185"
    assert EN.num(184.5) == "185" and EN.num(-2.5) == "-3"  # half away from zero
    # As written, 184.85 is halfway: the float below it must not round it down.
    assert EN.pct(184.85) == "184.9\u00a0%" and EN.pct(80.2) == "80.2\u00a0%" and EN.pct(None) == formats.DASH
    assert list(schema.rounded([184.85, 2.675, 66.66666], 1)) == [184.9, 2.7, 66.7]


# A figure, or a placeholder for one, then a plain space and a per cent sign: "80.2 %" broke
# between "80.2" and "%" at 390 px. A template's tags ("{% if n > 1 %}") hold no per cent sign.
PARTED = re.compile(r"(?:\d|\}) %(?!\})")


@pytest.mark.parametrize("text, parted", [("80.2 %", True), ("({computed} %)", True), ("= {{ share }} %", True),
                                          ("80.2\u00a0%", False), ("{% if n > 1 %}", False), ("100%", False)])
def test_a_figure_parted_from_its_per_cent_sign_is_found(text, parted):
    assert bool(PARTED.search(text)) == parted


def test_no_figure_on_the_pages_is_parted_from_its_per_cent_sign():
    assert HI.pct(80.2) == "80.2\u00a0%" and EN.reported_pct(84) == "84\u00a0%"
    said = [(key, text) for lang in ("hi", "en") for key, text in words.texts(lang).items()]
    sources = [*paths.TEMPLATES.glob("*.j2"), *(paths.PACKAGE.parent / paths.SITE_DOCS).glob("*/*.md")]
    said += [(source.name, source.read_text(encoding="utf-8")) for source in sources]
    assert len(sources) > 20
    assert [key for key, text in said if PARTED.search(text)] == []


def test_a_rank_left_out_is_said_in_the_words_of_the_not_ranked_heading():
    # "क्रम नहीं" ("no order") read stiffly beside the heading "क्रम में नहीं" ("not ranked").
    t = words.texts("hi")
    reasons = [text for key, text in t.items() if key.startswith("not_ranked_") and key != "not_ranked_heading"]
    assert len(reasons) == 7 and all(f"{t['not_ranked_heading']}: " in text for text in reasons)


# The Hindi pages say "पन्ना" for a page, as most of them did; "पृष्ठ" came back in a few. The home
# page's name, "मुखपृष्ठ", is a word of its own and stays.
OTHER_PAGE_WORD = re.compile(r"(?<!मुख)पृष्ठ")


@pytest.mark.parametrize("text, other", [("यह पृष्ठ", True), ("हर पृष्ठ के ऊपर", True), ("मुखपृष्ठ पर जाएँ", False),
                                         ("यह पन्ना", False)])
def test_the_other_word_for_a_page_is_found(text, other):
    assert bool(OTHER_PAGE_WORD.search(text)) == other


def test_the_hindi_pages_call_a_page_by_one_word():
    root = paths.PACKAGE.parent
    sources = [paths.PACKAGE / "render" / "words.py", *paths.TEMPLATES.glob("*.j2"),
               *(root / paths.SITE_DOCS / "hi").glob("*.md"), *paths.THEME.rglob("*.html")]
    found = [f"{source.name}:{n}" for source in sources
             for n, line in enumerate(source.read_text(encoding="utf-8").splitlines(), 1)
             if OTHER_PAGE_WORD.search(line)]
    assert found == []
    assert "पन्ना" in words.texts("hi")["not_found"]


def test_the_hindi_pages_say_what_a_browser_without_scripts_does_in_plain_words():
    # "JavaScript" is a word a Hindi reader on a phone may never have met: the search page says
    # "खोज इस ब्राउज़र में नहीं चलती", and the verify page, the league table and a status's list
    # say it the same way.
    root = paths.PACKAGE.parent
    said = [(key, text) for key, text in words.texts("hi").items()]
    docs = (root / paths.SITE_DOCS / "hi").glob("*.md")
    said += [(source.name, source.read_text(encoding="utf-8")) for source in docs]
    assert [key for key, text in said if "javascript" in text.lower()] == []
    assert "ब्राउज़र" in words.texts("hi")["verify_by_hand"] and "JavaScript" in words.texts("en")["verify_by_hand"]


# A column's value named in a Hindi page's sentence ("day", "month", "year"), outside code: read
# as an untranslated English word. As code, it reads as what the file holds.
BARE_VALUE = re.compile(r"\b(day|month|year|more_than|about|exact)\b")


@pytest.mark.parametrize("line, bare", [("मापा गया हो तो day; अवधि का हो तो month", True),
                                        ("मापा गया हो तो `day`; `month` या `year`", False),
                                        ("[सूची](#about) {: #about-x }", False)])
def test_a_columns_value_named_outside_code_is_found(line, bare):
    assert bool(BARE_VALUE.search(_prose(line))) == bare


def _prose(line: str) -> str:
    """A markdown line without its code, its links' addresses and its attributes."""
    return re.sub(r"`[^`]*`|\]\([^)]*\)|\{[^}]*\}", "", line)


def test_the_hindi_pages_name_a_columns_value_as_code():
    found = [f"{source.name}:{n}" for source in (paths.PACKAGE.parent / paths.SITE_DOCS / "hi").glob("*.md")
             for n, line in enumerate(source.read_text(encoding="utf-8").splitlines(), 1)
             if BARE_VALUE.search(_prose(line))]
    assert found == []


def test_counted_words_agree_with_their_count():
    row = {"status": "slow", "observed_on": "2026-11-20", "days_since_post": 1, "last_post_at": "2026-11-19"}
    assert "1 day before this observation" in EN.reason(row)
    assert "2 days before" in EN.reason({**row, "days_since_post": 2})
    assert EN.minutes(1) == "1 minute" and EN.minutes(45) == "45 minutes" and EN.minutes(184.9) == "3 hours 5 minutes"
    assert "(1 day before" in build_day.note("en", 1, date(2026, 12, 3))
    assert EN.state_intro(1, 1) == "1 department account. 1 district has a page of its own."
    assert EN.state_intro(12, 3) == "12 department accounts. 3 districts have pages of their own."
    assert EN.state_intro(12, 1, 1) == ("12 department accounts and 1 department with no account. 1 district has a "
                                        "page of its own.")
    assert HI.accounts_count(6, 2) == "6 विभाग-खाते और 2 विभाग जिनका खाता नहीं"
    assert HI.state_intro(1, 0) == "1 विभाग-खाता।" and HI.state_intro(5, 1) == "5 विभाग-खाते। 1 ज़िले का अपना पन्ना है।"


def test_a_reply_time_never_reads_as_inside_a_band_it_is_past():
    from generator.compute.grades import RESPONSE_SCORE, response_score

    from .figure_checker import shows_minutes
    # 240.5 minutes scores as slower than "up to 4 hours": it read "4 hours", and 241 in tables.
    assert EN.minutes(240.5) == "4 hours 1 minute" and HI.minutes(240.5) == "4 घंटे 1 मिनट"
    assert EN.reply_minutes(240.5) == EN.reply_minutes(240.01) == "241" and EN.reply_minutes(240) == "240"
    assert EN.minutes(90) == "1 hour 30 minutes" and HI.minutes(60 * 25) == "25 घंटे"
    assert EN.minutes(4320.5) == "3 days 1 hour" and EN.minutes(2880) == "2 days"
    for bound, score in RESPONSE_SCORE:
        # A float a hair past the edge is read as the edge, where it is shown and where it is scored.
        assert response_score(pd.Series([bound + 1e-7]))[0] == score and EN.minutes(bound + 1e-7) == EN.minutes(bound)
        for value in (bound - 0.5, bound, bound + 0.01, bound + 0.5, bound + 1):
            for fmt in (EN, HI):
                text, cell = fmt.minutes(value), fmt.reply_minutes(value)
                assert shows_minutes(text, value) and shows_minutes(cell, value), (value, text, cell)
                shown = sum(int(n) * (1440 if "day" in u or "दिन" in u else 60 if "hour" in u or "घंट" in u else 1)
                            for n, u in re.findall(r"(\d+) (\S+)", text))
                whole = int(cell.replace(",", ""))
                assert (shown <= bound) == (value <= bound) and (whole <= bound) == (value <= bound), value


def test_hindi_keeps_latin_digits_and_its_month_names():
    assert HI.day("2023-01-05") == "5 जनवरी 2023" and HI.day("2023-09-30T10:00:00Z") == "30 सितंबर 2023"
    assert HI.month("2023-02") == "फ़रवरी 2023"
    assert EN.day("2023-01-05") == "5 Jan 2023"
    # en_IN alone would write "Sept" beside "Jul": every English month is three letters.
    assert EN.day("2023-09-30") == "30 Sep 2023" and EN.month("2026-09") == "Sep 2026"
    assert {len(name) for name in formats.month_names("en")} == {3}
    assert HI.num(1_234_567).isascii()
    # The pinned patterns are the locales' own: a Babel release that changed them would show here.
    for locale in (Locale.parse("hi_IN"), Locale.parse("en_IN")):
        assert locale.decimal_formats[None].pattern.startswith(formats.GROUPING)
        assert locale.default_numbering_system == "latn"


def test_published_rates_carry_their_stated_precision():
    rows = pd.DataFrame([{"department_id": "a", "received": 3, "resolved": 2, "resolved_rate": 200 / 3,
                          "pending_rate": 100 / 3, "rejected_rate": None}])
    text = schema.PUBLISHED_COMPLAINTS.to_csv(rows, published=True)
    assert ",66.7," in text and ",33.3," in text and "66.66" not in text
    rate = next(c for c in schema.PUBLISHED_COMPLAINTS.columns if c.name == "resolved_rate")
    assert rate.digits == 1 and "rounded to 0.1" in rate.description


def test_a_history_table_says_a_shared_platform_and_source_once_in_its_caption():
    from generator.render.scorecards import history_rows
    df = pd.DataFrame({"department_id": ["a", "a", "b", "b", "c"], "platform": ["x", "x", "x", "facebook", "x"],
                       "date": ["2026-11-01", "2026-11-02", "2026-11-01", "2026-11-01", "2026-11-02"],
                       "followers": [10, 11, 20, 30, None], "last_post_at": ["2026-11-01"] * 5,
                       "state": ["ok"] * 5, "source": ["x-api"] * 5,
                       "source_url": ["https://x.com/a", "https://x.com/a", "https://x.com/b", "https://facebook.com/b",
                                      None]})
    rows, notes = history_rows(EN, df)
    assert set(notes) == {"a", "c"}  # b has two platforms: its rows name them
    # Side by side, spaced: no dot between them to be left at a line's end on a phone.
    assert notes["a"] == ('<span class="jd-parts"><span>X\u00a0(Twitter)</span> <span>Source: '
                          '<a href="https://x.com/a" rel="nofollow noopener">x.com</a></span></span>')
    assert notes["c"] == '<span class="jd-parts"><span>X\u00a0(Twitter)</span></span>'  # no source, none on its row
    # A row's first cell is its header (the day), the others its figures.
    assert [(r.count("<th>"), r.count("<td")) for r in rows["a"].split("\n")] == [(1, 3), (1, 3)]
    assert [(r.count("<th>"), r.count("<td")) for r in rows["b"].split("\n")] == [(1, 5), (1, 5)]
    assert "Facebook" in rows["b"]
    assert "data-label" not in rows["a"] + rows["b"]


def test_column_names_said_once_on_a_table_stay_inside_their_css_strings():
    from generator.render.tables import stack_labels
    style = str(stack_labels(["first", "x\f;background:red", "it's", 'a"<b>&\\c\n']))
    assert style == (' style="--jd-l2:\'x\\c ;background:red: \';--jd-l3:\'it\\27 s: \';'
                     '--jd-l4:\'a&#34;&lt;b&gt;&amp;\\5c c\\a : \'"')
    # Each value is one quoted string holding no quote, backslash or control character but as escapes.
    value = r"--jd-l\d+:'(?:[^'\\\x00-\x1f\x7f]|\\[0-9a-f]{1,6} )*'"
    assert re.fullmatch(rf' style="{value}(?:;{value})*"', style)


def test_the_interactive_charts_write_numbers_and_dates_as_the_pages_do():
    from generator.render.charts import vega_locale
    hi, en = vega_locale("hi"), vega_locale("en")
    assert hi["number"]["grouping"] == en["number"]["grouping"] == [3, 2]  # 1,00,000: lakhs, as in the text
    assert hi["time"]["months"][8] == "सितंबर" and en["time"]["shortMonths"][8] == "Sep"
    assert hi["time"]["days"][0] == "रविवार" and en["time"]["shortDays"][0] == "Sun"  # d3 weeks start on Sunday


NODE = shutil.which("node") or shutil.which("nodejs")
# The vendored Vega-Lite and Vega draw a spec without a browser (renderer "none"), and each
# mark's tooltip is read from the scene, as a reader's pointer would find it.
TOOLTIPS = """
import fs from "node:fs"; import vm from "node:vm";
for (const name of ["vega.min.js", "vega-lite.min.js"]) {
  vm.runInThisContext(fs.readFileSync(process.argv[1] + name, "utf8"));
}
const spec = vegaLite.compile(JSON.parse(fs.readFileSync(0, "utf8"))).spec;
const view = new vega.View(vega.parse(spec), {renderer: "none"});
await view.runAsync();
const tips = [];
(function walk(item) {
  if (item.tooltip) tips.push(item.tooltip);
  (item.items || []).forEach(walk);
})(view.scenegraph().root);
process.stdout.write(JSON.stringify(tips));
"""


def chart_tooltips(spec: dict, csv_text: str) -> set[tuple[str, ...]]:
    """The values of each tooltip of `spec` drawn from `csv_text` in place of its URL."""
    if not NODE:
        pytest.skip("node is not installed (apt-get install nodejs)")
    spec = {**spec, "data": {"values": csv_text, "format": spec["data"]["format"]}, "width": 300}
    result = subprocess.run([NODE, "--input-type=module", "-e", TOOLTIPS, f"{paths.THEME_ASSETS}/vendor/"],
                            input=json.dumps(spec), capture_output=True, text=True, check=True, timeout=120)
    return {tuple(tip.values()) for tip in json.loads(result.stdout)}


def test_the_interactive_charts_tooltip_says_a_bounded_count_as_the_page_does(tmp_path):
    """Haryana CM's Facebook count of 9 Mar 2021 is 'more than 7 lakh' in its source: the
    tooltip says so as the scorecard does, and shows every other count as its number, the
    same count of another department too (every scorecard shares the spec)."""
    from generator.render.charts import COUNT, Specs

    rows = [snapshot(d, day, platform=p, followers=n) for d, p, day, n in (
        ("haryana-cm", "facebook", "2021-03-09", 700_000), ("haryana-cm", "facebook", "2022-03-09", 800_000),
        ("haryana-cm", "x", "2021-03-09", 1_900_000), ("up-police", "facebook", "2021-03-09", 700_000))]
    history = write_csv(tmp_path / "history.csv", schema.SNAPSHOT, rows).read_text(encoding="utf-8")
    for fmt, expected in ((EN, {("9 Mar 2021", "more than 7,00,000", "Facebook"),
                                ("9 Mar 2021", "7,00,000", "Facebook"), ("9 Mar 2022", "8,00,000", "Facebook"),
                                ("9 Mar 2021", "19,00,000", "X\u00a0(Twitter)")}),
                          (HI, {("9 मार्च 2021", "7,00,000 से अधिक", "फेसबुक"),
                                ("9 मार्च 2021", "7,00,000", "फेसबुक"), ("9 मार्च 2022", "8,00,000", "फेसबुक"),
                                ("9 मार्च 2021", "19,00,000", "X\u00a0(ट्विटर)")})):
        specs = Specs.of(fmt.lang, (), (("haryana-cm", "facebook", "2021-03-09", fmt.bounded(COUNT, "more_than")),))
        spec = json.loads(dict(specs.files())[specs.path("followers")])
        assert chart_tooltips(spec, history) == expected, fmt.lang


def test_a_source_cited_by_its_address_reads_as_the_registered_source():
    """The registry cites many handles by a dataset's address; where sources.csv names that
    address, the page shows its title, publication and date, not 150 characters of URL."""
    url = "https://github.com/example/handles/blob/0123abc/data/handles.csv"
    sources = {"goi-2021": {"id": "goi-2021", "title": "Handles of Indian government bodies", "url": url,
                            "publication": "A research dataset", "publication_hi": "एक शोध डेटासेट",
                            "published_on": "2021-11-14"}}
    en, hi = Formatter("en", sources), Formatter("hi", sources)
    assert en.source(url) == en.source("source:goi-2021") == {
        "label": "Handles of Indian government bodies — A research dataset, 14 Nov 2021",
        "short": "A research dataset, 14 Nov 2021", "url": url, "title": "Handles of Indian government bodies"}
    assert hi.source(url)["short"] == "एक शोध डेटासेट, 14 नवंबर 2021"
    other = "https://example.org/list.csv"  # an address no source names is shown as it is
    assert en.source(other) == {"label": other, "short": "example.org", "url": other}


def test_a_day_standing_in_for_a_sources_month_or_year_is_shown_as_what_is_known():
    sources = {"a": {"id": "a", "title": "T", "url": None, "publication": "P", "published_on": "2017-07-01",
                     "date_precision": "year"},
               "b": {"id": "b", "title": "T", "url": "https://paper.example/b", "publication": "P",
                     "published_on": "2016-10-01", "date_precision": "month"},
               "c": {"id": "c", "title": "T", "url": None, "publication": "P", "published_on": "2016-09-08",
                     "date_precision": ""}}
    en, hi = Formatter("en", sources), Formatter("hi", sources)
    assert (en.day("2017-07-01", "source:a"), en.day("2016-10-01", "source:b"), en.day("2016-09-08", "source:c")) == (
        "2017", "about Oct 2016", "8 Sep 2016")
    assert (hi.day("2017-07-01", "source:a"), hi.day("2016-10-01", "https://paper.example/b")) == (
        "2017", "लगभग अक्टूबर 2016")
    assert en.month("2017-07-01", "source:a") == "2017"
    assert en.period("2016-10-01", "2016-10-01", "source:b") == "one day, about Oct 2016"
    assert en.source("source:a")["short"] == "P, 2017"
    # A sentence says when: 'in 2017', '2017 में', never 'on 2017' or '2017 को'.
    assert (en.on("2017-07-01", "source:a"), en.on("2016-10-01", "source:b"), en.on("2016-09-08", "source:c")) == (
        "in 2017", "in about Oct 2016", "on 8 Sep 2016")
    assert (hi.on("2017-07-01", "source:a"), hi.on("2016-10-01", "source:b"), hi.on("2016-09-08")) == (
        "2017 में", "लगभग अक्टूबर 2016 में", "8 सितंबर 2016 को")
    # As a row of handles.csv says it (its {column}_precision), without its source at hand.
    row = {"followers_on": "2016-10-01", "followers_on_precision": "month", "observed_on": "2016-10-01",
           "observed_on_precision": "day"}
    assert (en.day_of(row, "followers_on"), en.day_of(row, "observed_on")) == ("about Oct 2016", "1 Oct 2016")
    # The day another source stands in on is of its day for the collector, a night, another
    # report dated to the day: only a date's own source makes it its month or year.
    assert (en.day("2016-10-01"), en.day("2016-10-01", "source:c"), en.day("2017-07-01", "source:b")) == (
        "1 Oct 2016", "1 Oct 2016", "1 Jul 2017")
    assert (en.month("2017-07-01"), en.period("2016-10-01", "2016-10-01"), en.on("2016-10-01")) == (
        "Jul 2017", "1 Oct 2016", "on 1 Oct 2016")
    assert EN.day("2017-07-01") == "1 Jul 2017"  # a formatter without those sources: the day as written


def test_a_suspended_or_missing_account_is_said_in_a_sentence_of_its_own():
    for status, en, hi in (("not_found", "on 24 Nov 2026 the account was not found", "24 नवंबर 2026 को खाता नहीं मिला"),
                           ("suspended", "on 24 Nov 2026 the account was found suspended",
                            "24 नवंबर 2026 को खाता निलंबित पाया गया")):
        row = {"status": status, "observed_on": "2026-11-24", "days_since_post": None}
        assert (EN.reason(row), HI.reason(row)) == (en, hi)
    assert (EN.t["full_stop"], HI.t["full_stop"]) == (".", "।")


def test_a_post_on_the_day_of_its_observation_is_said_so_not_as_0_days_before():
    row = {"status": "active", "observed_on": "2026-12-01", "last_post_at": "2026-12-01T21:00:51Z",
           "days_since_post": 0}
    assert (EN.reason(row), HI.reason(row)) == ("last post 1 Dec 2026, the day of this observation",
                                                 "आख़िरी पोस्ट 1 दिसंबर 2026, इस अवलोकन के दिन ही")
    row = {**row, "last_post_at": "2026-11-30T08:00:00Z", "days_since_post": 1}
    assert HI.reason(row) == "आख़िरी पोस्ट 30 नवंबर 2026, इस अवलोकन (1 दिसंबर 2026) से 1 दिन पहले"


def test_a_complaint_row_without_a_rate_says_the_one_reason_that_applies():
    """The complaints page said "not reported, or hidden as too small" of every such row,
    where the row knows which: a blank of a report not named hidden was not reported; one it
    names, or any of an ingested month, was hidden; a count of nothing received is neither."""
    report = {"source": "manual", "hidden_cells": None, "received": None, "resolved": None}
    assert EN.no_rate(report) == "the source did not report the count of complaints received and resolved, so no rate"
    assert HI.no_rate(report) == "स्रोत ने प्राप्त और हल हुई शिकायतों की गिनती नहीं बताई, इसलिए दर नहीं बनती"
    hidden = {**report, "hidden_cells": "received;resolved;pending"}
    assert EN.no_rate(hidden) == ("the count of complaints received and resolved is hidden as too small (privacy), "
                                  "so no rate")
    assert HI.no_rate(hidden) == "प्राप्त और हल हुई शिकायतों की गिनती बहुत छोटी होने से छिपाई गई (निजता), इसलिए दर नहीं बनती"
    ingested = {"source": "ingest", "received": float("nan"), "resolved": float("nan")}
    assert EN.no_rate(ingested) == EN.no_rate(hidden)
    mixed = {**report, "hidden_cells": "resolved"}
    assert EN.no_rate(mixed) == ("the source did not report the count of complaints received; the count of "
                                 "complaints resolved is hidden as too small (privacy), so no rate")
    # "resolved_rate" names no hidden count: a cell's name is matched whole.
    assert EN.no_rate({**report, "received": 50, "hidden_cells": "resolved_rate"}) == \
        "the source did not report the count of complaints resolved, so no rate"
    assert EN.no_rate({**report, "received": 0, "resolved": 0}) == "no complaint was received in the period, so no rate"
    assert HI.no_rate({**report, "received": 0}) == "अवधि में कोई शिकायत प्राप्त नहीं हुई, इसलिए दर नहीं बनती"


def test_a_count_of_days_is_singular_for_one():
    assert [EN.counted("n_days", n).format(n=EN.num(n)) for n in (1, 2)] == ["1 day", "2 days"]
    assert HI.counted("n_days", 1).format(n=HI.num(1)) == "1 दिन"


def test_a_chart_label_too_long_goes_on_below_broken_between_words():
    """Cut inside a word ("District Adminis…uzaffarpur"), a race's name read as no office's."""
    from generator.render.charts import FONT, WIDTH, svg_bars, text_width

    names = ["District Administration, Muzaffarpur", "Synthetic: Railway Division, Rohtas (2)",
             "मुज़फ़्फ़रपुर स्मार्ट सिटी लिमिटेड (एमएससीएल) नगर निगम कार्यालय", "Muzaffarpur Police"]
    svg = svg_bars([(name, 29_800.0 - n, "18 जुलाई 2023") for n, name in enumerate(names)], "{:,.0f}".format,
                   "race", "summary")
    lines = [(int(y), text) for y, text in re.findall(r'<text x="0" y="(\d+)">([^<]*)</text>', svg)]
    assert " ".join(text for _, text in lines) == " ".join(names)  # every word whole, none left out
    assert max(len(t) for _, t in lines) < len(names[2]) and all(text_width(t) <= WIDTH for _, t in lines)
    beside = dict(lines)
    for y, figure in re.findall(r'<text x="\d+" y="(\d+)" text-anchor="end">([^<]*)</text>', svg):
        assert text_width(beside.get(int(y), "")) <= WIDTH - text_width(figure) - FONT
    # Each bar is under its name's last line and above the next name.
    for top in map(int, re.findall(r'<rect class="jd-bar" x="0" y="(\d+)"', svg)):
        assert not [y for y, _ in lines if top - 6 < y < top + FONT * 2]


def test_a_lists_reply_time_names_its_basis_and_day_when_not_the_rows_own():
    row = {"status": "active", "observed_on": "2026-11-20", "reply_minutes": 26.0, "reply_basis": "measured",
           "reply_on": "2026-10-25"}
    assert EN.reply_on(row) == "measured to 25 Oct 2026" and HI.reply_on(row) == "25 अक्टूबर 2026 तक मापा गया"
    assert EN.reply_on({**row, "reply_on": "2026-11-20"}) == ""  # measured up to the row's own day
    assert EN.reply_on({**row, "reply_basis": "reported", "reply_on": "2023-07-18"}) == \
        "as reported for the period to 18 Jul 2023"
    assert EN.reply_on({**row, "reply_minutes": None, "reply_basis": None}) == ""
    # Mentions measured, none answered: what the grade counts as 0, shown as that, with its day.
    unanswered = {**row, "reply_minutes": None, "reply_basis": "unanswered"}
    assert EN.reply_cell(unanswered) == "none" and EN.reply_on(unanswered) == "measured to 25 Oct 2026"
    assert EN.reply(unanswered) == "Answered none of the citizens' mentions measured (to 25 Oct 2026)"
    assert HI.reply_cell(unanswered) == "कोई नहीं"


def test_a_reported_reply_time_is_dated_by_its_period_in_a_list_and_on_a_scorecard_alike():
    """'25 (as reported, 30 Sep 2026)' in a list, 'about 25 minutes (per The Daily, 7 Oct 2026)'
    on the scorecard: one figure, two dates, neither said to be what. Both name the period's
    end; the scorecard names apart the day the report was published."""
    sources = {"daily": {"id": "daily", "title": "T", "publication": "The Daily", "publication_hi": "दैनिक",
                         "published_on": "2026-10-07", "url": ""}}
    en, hi = Formatter("en", sources), Formatter("hi", sources)
    row = {"status": "active", "observed_on": "2026-11-20", "reply_minutes": 25.0, "reply_basis": "reported",
           "reply_on": "2026-09-30", "reply_source_url": "source:daily", "reply_bound": None}
    assert en.reply_on(row) == "as reported for the period to 30 Sep 2026"
    assert en.reply(row) == ("Replies in about 25 minutes (the period to 30 Sep 2026; per The Daily, published "
                             "7 Oct 2026)")
    assert hi.reply_on(row) == "रिपोर्ट के अनुसार, 30 सितंबर 2026 तक की अवधि"
    assert hi.reply(row) == "जवाब: लगभग 25 मिनट में (30 सितंबर 2026 तक की अवधि; दैनिक के अनुसार, 7 अक्टूबर 2026 को प्रकाशित)"
    # A source not in the registry has no day of its own to name.
    assert en.reply({**row, "reply_source_url": "https://example.org/a"}).endswith("(the period to 30 Sep 2026; per "
                                                                                   "example.org)")


def test_a_department_without_a_working_account_is_told_to_answer_once_it_has_one():
    grade = {"score": 20.0, "activity_score": 0.0, "activity_score_at_best": 60.0, "activity_score_at_best_grade": "C",
             "responsiveness_score": 0.0, "responsiveness_score_at_best": 45.0,
             "responsiveness_score_at_best_grade": "D"}
    for status in ("no_account", "suspended"):
        said = EN.raises(grade, [{"status": status}])
        assert said[1].startswith("Once it has an account that works, answering within an hour"), said
        assert HI.raises(grade, [{"status": status}])[1].startswith("खाता चालू होने पर एक घंटे के भीतर जवाब देने से")
    assert EN.raises(grade, [{"status": "active"}])[1].startswith("Answering within an hour")



def test_a_part_the_grade_would_count_is_said_in_hindi_whatever_its_gender():
    """"जवाब की गति … गिना जाएगा" put a feminine part under a masculine verb: the sentence
    speaks of the part (भाग), so every part reads right."""
    grade = {"score": 0.0, "activity_score": 0.0, "activity_score_at_best": 100.0, "activity_score_at_best_grade": "A",
             "responsiveness_score": None, "responsiveness_score_at_best": 33.3,
             "responsiveness_score_at_best_grade": "F", "resolution_score": None, "resolution_not_counted": True,
             "resolution_score_at_best": 33.3, "resolution_score_at_best_grade": "F"}
    said = HI.raises(grade, [{"status": "abandoned"}])
    assert "जवाब की गति का भाग, जिसके अभी कोई आँकड़े नहीं, 100 अंक के साथ गिना जाएगा" in said[1]
    assert "समाधान का भाग, जिसके आँकड़े अभी गिने नहीं जाते, 100 अंक के साथ गिना जाएगा" in said[2]

@pytest.mark.parametrize("row, said", [
    ({"observed_source": "x-api", "source_url": "https://x.com/Uppolice"}, None),      # the collector's own
    ({"observed_source": "manual", "source_url": "source:paper"}, "Daily Paper"),
    ({"observed_source": "manual", "source_url": "https://www.example.org/story"}, "example.org"),
    ({"observed_source": "manual", "source_url": "https://x.com/journalist/status/1"}, "x.com"),
    # An address the audit held back reads as its note: still a report, not the collector.
    ({"observed_source": "manual", "source_url": "link withheld: it held an e-mail address"}, "a report"),
    ({"observed_source": "manual", "source_url": None}, "a report")])
def test_a_figure_entered_by_hand_is_never_said_to_be_seen_by_the_collector(row, said):
    fmt = Formatter("en", {"paper": {"id": "paper", "title": "T", "publication": "Daily Paper",
                                     "published_on": "2026-11-01", "url": ""}})
    assert fmt.reporter(row) == said


def test_a_status_from_a_report_is_dated_as_the_reports_not_as_seen():
    """A hand-entered figure is a newspaper's: 'seen 18 Jul 2023' would say the collector saw it."""
    row = {"status": "abandoned", "observed_on": "2023-07-18", "stale": False, "observed_source": "manual",
           "source_url": "https://www.example.org/story"}
    assert EN.status_date(row) == "per example.org on 18 Jul 2023"
    assert HI.status_date(row) == "example.org के अनुसार 18 जुलाई 2023 को"
    looked_up = {**row, "observed_source": "x-api", "source_url": None}
    assert EN.status_date(looked_up) == "seen on 18 Jul 2023"
    # Past the stale limit, only the day is said, whoever's it is.
    assert EN.status_date({**row, "stale": True}) == "last known: 18 Jul 2023"


def test_an_unknown_status_from_a_report_is_not_said_to_be_the_reports_finding():
    """A report that gives followers but no last post leaves the status unknown: ours, not the
    report's ("Unknown, per Prabhat Khabar" beside its headline "rail and police active")."""
    row = {"status": "unknown", "observed_on": "2023-07-18", "stale": False, "observed_source": "manual",
           "source_url": "https://www.example.org/story"}
    assert EN.status_date(row) == "per example.org on 18 Jul 2023; the report gives no date of a last post"
    assert HI.status_date(row) == "example.org के अनुसार 18 जुलाई 2023 को; रिपोर्ट में आख़िरी पोस्ट की तारीख़ नहीं"
    # A status the report does give, and an unknown the collector saw, are said as before.
    assert EN.status_date({**row, "status": "abandoned"}) == "per example.org on 18 Jul 2023"
    assert EN.status_date({**row, "observed_source": "x-api", "source_url": None}) == "seen on 18 Jul 2023"


def test_a_badges_reply_says_its_day_when_it_is_not_the_status_day():
    """A badge is embedded elsewhere and outlives the page: a reply time measured in September
    beside a status seen in December says so; one measured the same day needs no date. A
    reported one names the period it is of, as the lists and the scorecard date it, never a
    bare date that reads as the day it was seen."""
    from generator.render.badges import lines

    row = {"department_id": "d", "department_name_en": "Dept", "department_name_hi": "विभाग", "platform": "x",
           "handle": "Dept", "status": "active", "stale": False, "observed_on": "2026-12-05", "followers": None,
           "followers_on": None, "reply_minutes": 61.0, "reply_basis": "measured", "reply_on": "2026-09-10",
           "reply_bound": None, "reply_platform": "x", "observed_source": "x-api", "source_url": None}
    assert "replies in 61 minutes (10 Sep 2026)" in lines(row, EN)[1]
    assert "replies in 61 minutes" in lines({**row, "reply_on": "2026-12-05"}, EN)[1]
    assert "(" not in "".join(lines({**row, "reply_on": "2026-12-05"}, EN)[1])
    assert "answered no mention measured (10 Sep 2026)" in lines(
        {**row, "reply_minutes": None, "reply_basis": "unanswered"}, EN)[1]
    reported = {**row, "reply_basis": "reported", "reply_on": "2026-10-31"}
    assert ["replies in 61 minutes", "reply period to 31 Oct 2026"] == lines(reported, EN)[1][1:3]
    # Its period named even when it ends on the status's day: a period is no day of looking.
    assert "reply period to 5 Dec 2026" in lines({**reported, "reply_on": "2026-12-05"}, EN)[1]


@pytest.mark.parametrize("plain, dotted", [("बाकी", "बाक़ी"), ("ज्यादा", "ज़्यादा"), ("आखिरी", "आख़िरी"),
                                           ("खत्म", "ख़त्म"), ("फाइल", "फ़ाइल")])
def test_the_hindi_words_spell_a_word_one_way(plain, dotted):
    """The site writes these words with their nukta; one sentence without it reads as a slip
    (and a reader's search for the page's own word misses it)."""
    from generator.render.words import TEXT

    hindi = "\n".join(pair[0] for pair in TEXT.values() if isinstance(pair, tuple))
    assert dotted in hindi and plain not in hindi


def test_a_badge_names_the_report_of_an_old_figure_as_of_a_new_one():
    """A badge travels without its scorecard: an old report's count ("more than 7 lakh
    followers", last known in 2021) still says whose it is; its day is said once, with the status."""
    from generator.render.badges import lines

    row = {"department_id": "d", "department_name_en": "Dept", "department_name_hi": "विभाग", "platform": "facebook",
           "handle": None, "status": "unknown", "stale": True, "observed_on": "2021-03-09", "followers": 700_000,
           "followers_on": "2021-03-09", "followers_bound": "more_than", "reply_basis": None,
           "observed_source": "manual", "source_url": "https://www.example.org/story"}
    assert lines(row, EN)[1] == ["Unknown (last known: 9 Mar 2021)", "more than 7 lakh followers", "per example.org"]
    assert lines(row, HI)[1][-1] == "example.org के अनुसार"
    # The collector's own old figure is Jawabdehi's, as the badge's title says: no line of its own.
    looked_up = {**row, "observed_source": "x-api", "source_url": None}
    assert lines(looked_up, EN)[1] == ["Unknown (last known: 9 Mar 2021)", "more than 7 lakh followers"]


def test_a_badge_cuts_a_long_name_between_words_in_either_language():
    """A name too long for the badge loses its last words, never half of one: in Hindi half a
    word can be a letter without its vowel sign."""
    from generator.render.badges import LONGEST_NAME, lines

    row = {"department_id": "d", "department_name_en": "Synthetic: UT Administration, Andaman and Nicobar Islands, "
           "Port Blair", "department_name_hi": "कृत्रिम: केंद्र शासित प्रदेश प्रशासन, अंडमान और निकोबार द्वीपसमूह",
           "platform": "x", "handle": "Dept", "status": "active", "stale": False, "observed_on": "2026-12-05",
           "followers": None, "followers_on": None, "reply_basis": None, "observed_source": "x-api",
           "source_url": None}
    hi = " ".join(lines(row, HI)[0])
    assert hi.startswith("कृत्रिम: केंद्र शासित प्रदेश प्रशासन, अंडमान और निकोबार… · ") and "द्व…" not in hi
    en = " ".join(lines(row, EN)[0])
    assert en.startswith("Synthetic: UT Administration, Andaman and Nicobar Islands… · ")
    assert len(en.split(" · ")[0]) <= LONGEST_NAME


def test_a_no_break_space_is_measured_as_a_space(monkeypatch):
    """X's name holds together with a no-break space ("X (Twitter)"): measured as a letter, it
    made every badge naming X wider than its words, and a chart's label wrap sooner."""
    from generator.render import badges
    from generator.render.charts import svg_bars, text_width

    for spaced in ("X (ट्विटर)", "X (Twitter)", "95 %"):
        assert text_width(spaced.replace(" ", "\u00a0")) == text_width(spaced)
    # A name long enough that its line, ending in X's name, is the badge's widest.
    row = {"department_id": "d", "department_name_en": "Police HQ, Muzaffarpur",
           "department_name_hi": "पुलिस अधीक्षक, मुज़फ़्फ़रपुर", "platform": "x", "handle": "Dept", "status": "active",
           "stale": False, "observed_on": "2026-12-05", "followers": None, "followers_on": None, "reply_basis": None,
           "observed_source": "x-api", "source_url": None}

    def width(fmt: Formatter) -> str:
        return re.search(r'<svg [^>]* width="(\d+)"', badges.badge(row, fmt)).group(1)

    # A chart's label keeps it too, on one line: split at it, "X" ended one line and "(ट्विटर)" began the next.
    name = "Police HQ, Muzaffarpur · X\u00a0(Twitter) · X\u00a0(ट्विटर) · Police HQ, Muzaffarpur"
    svg = svg_bars([(name, 1.0, "18 जुलाई 2023"), ("B", 2.0, "18 जुलाई 2023")], str, "race", "summary")
    said = re.findall(r'<text x="0" y="\d+">([^<]*)</text>', svg)[:-1]  # the name's lines, not B's
    assert len(said) > 1 and " ".join(said) == name

    kept = {fmt.lang: width(fmt) for fmt in (HI, EN)}
    assert "\u00a0" in HI.platform("x") + EN.platform("x")
    monkeypatch.setitem(words.PLATFORM, "x", tuple(n.replace("\u00a0", " ") for n in words.PLATFORM["x"]))
    assert {fmt.lang: width(fmt) for fmt in (HI, EN)} == kept


def test_each_grade_is_said_in_words_with_its_scores():
    from generator.config import GradeConfig
    from generator.render.formatter import Formatter

    en, hi, scale = Formatter("en", {}), Formatter("hi", {}), GradeConfig()
    assert en.grade_meaning("A", scale) == "A means a score of 85 or more out of 100: the best of five grades (A to F)"
    assert en.grade_meaning("C", scale).startswith("C means a score of 55 or more but under 70 out of 100")
    assert en.grade_meaning("F", scale) == "F means a score under 40 out of 100: the weakest of five grades (A to F)"
    assert hi.grade_meaning("B", scale).startswith("B यानी 100 में से 70 या अधिक, पर 85 से कम अंक")


@pytest.mark.parametrize("day, years", [("2022-07-18", 0), ("2022-07-17", 1), ("2019-07-19", 3), ("2019-07-18", 3),
                                        ("2019-07-17", 4), ("2020-02-29", 3), (None, 0)])
def test_more_than_so_many_years_is_true_of_every_figure_it_is_said_of(day, years):
    from generator.render.formats import years_before

    assert years_before(day, "2023-07-18") == years


@pytest.mark.parametrize("size, en, hi", [
    (1, "1 byte", "1 बाइट"), (940, "940 bytes", "940 बाइट"),
    (950, "1.0 kB", "1.0 केबी"),  # one decimal rounds it to a kilobyte: said as one
    (5_210, "5.2 kB", "5.2 केबी"), (9_960, "10 kB", "10 केबी"), (312_400, "312 kB", "312 केबी"),
    (949_999, "950 kB", "950 केबी"), (999_600, "1.0 MB", "1.0 एमबी"),  # never "1,000 kB"
    (312_400_000, "312 MB", "312 एमबी"), (1_340_000_000, "1.3 GB", "1.3 जीबी"),
])
def test_a_files_size_is_said_as_a_reader_weighs_it(size, en, hi):
    """Its figure and unit joined by a no-break space: beside a state's name in a phone's
    narrow column, "843" ended one line and "बाइट" began the next. Hindi writes every unit in
    Devanagari, as it writes बाइट: a list read "843 बाइट" beside "5.2 kB"."""
    said = (downloads_page.file_size(size, "en"), downloads_page.file_size(size, "hi"))
    assert said == (en.replace(" ", "\u00a0"), hi.replace(" ", "\u00a0"))


def test_the_downloads_page_gets_each_files_size_in_place_of_its_mark():
    """Sizes are written in once the files are: every mark is replaced, in text and in an
    attribute alike, and a file the site does not hold gets a dash, never a guess."""
    marks = [downloads_page.size_mark(p) for p in ("data/handles.csv", "data/states/in-up.csv",
                                                   "data/archive/2026-12-05/snapshots-x.csv.gz", "api/accounts/x.json")]
    page = f'<a aria-label="Uttar Pradesh ({marks[1]})">UP</a> {marks[0]} {marks[2]} {marks[3]}'
    sizes = {"data/handles.csv": 49_000, "data/states/in-up.csv": 3_900, "api/accounts/x.json": 120,
             "data/../build.json": 10}
    # A mark not made by size_mark, naming a file outside the site, is not looked up.
    filled = downloads_page.with_sizes(page + " jdsize:data/../build.json;", "en", sizes.get)
    assert filled == '<a aria-label="Uttar Pradesh (3.9\u00a0kB)">UP</a> 49\u00a0kB – 120\u00a0bytes –'


@pytest.mark.parametrize("path", ["../secret", "data/../../x", "/etc/passwd", "data/a b.csv", 'data/a".csv', "DATA/X"])
def test_only_a_plain_path_of_the_site_is_marked_for_its_size(path):
    with pytest.raises(ValueError, match="cannot be marked"):
        downloads_page.size_mark(path)
    with pytest.raises(ValueError, match="cannot be marked"):
        downloads_page.sha256_mark(path)


def test_the_downloads_page_gets_a_files_sha256_in_place_of_its_mark():
    """The night's ZIP's SHA-256 is written in once the ZIP is made, beside its size: a file the
    site does not hold, a path out of it or anything but 64 hex digits gets a dash."""
    digest = "ab" * 32
    digests = {"data/jawabdehi-latest.zip": digest, "data/other.zip": "not a digest", "data/../x.zip": digest}
    page = (f"{downloads_page.size_mark('data/jawabdehi-latest.zip')} "
            f"{downloads_page.sha256_mark('data/jawabdehi-latest.zip')} "
            f"{downloads_page.sha256_mark('data/other.zip')} {downloads_page.sha256_mark('data/gone.zip')} "
            "jdsha256:data/../x.zip;")
    filled = downloads_page.with_sizes(page, "en", {"data/jawabdehi-latest.zip": 123_000}.get, digests.get)
    assert filled == f"123\u00a0kB {digest} – – –"


def test_a_status_too_old_to_count_is_said_by_its_own_limit_and_words():
    """An activity part left out for its status's age borrowed a complaint period's words ("a
    period that ended more than 365 days before"), and the complaints' window for its number."""
    fmt = Formatter("en", {}, complaints_counted=(200, 100), status_counted=400)
    assert fmt.not_counted("too_old", "activity_score") == \
        "status over 400 days old: left out"
    assert fmt.not_counted("too_old", "resolution_score") == "latest period over 200 days old: left out"
    assert fmt.not_counted("contradicted", "activity_score") == \
        "a later report found no account: left out"


@pytest.mark.parametrize("lang, period", [("hi", "सबसे नई अवधि"), ("en", "latest period")])
def test_a_grade_part_names_the_period_and_the_measured_day_it_leaves_out_one_way(lang, period):
    """The Hindi grade table called the latest complaint period "सबसे नई अवधि" for two reasons and
    "ताज़ा अवधि" for the third, the English "newest period" where the part's meaning above it
    says "latest period"; and a reply time measured too long ago was called a "period", which
    a measured day is not. Each complaint reason names the period by the one term the part's
    meaning uses, and a measured day too old is said as a day measured, in both languages."""
    from generator.compute.complaints import NOT_COUNTED

    fmt = Formatter(lang, {}, complaints_counted=(200, 100))
    assert all(fmt.not_counted(r, "resolution_score").startswith(period) for r in NOT_COUNTED)
    assert period in fmt.t["means_resolution"] and "ताज़ा" not in "".join(fmt.not_counted(r, "resolution_score")
                                                                         for r in NOT_COUNTED)
    measured = fmt.not_counted("measured_too_old", "responsiveness_score")
    assert measured == {"hi": "मापा गया आख़िरी दिन 200 दिन से पुराना: छोड़ा गया",
                        "en": "last day measured over 200 days old: left out"}[lang]
    assert fmt.not_counted("too_old", "responsiveness_score").startswith(period)  # a report's period


@pytest.mark.parametrize("lang", ["hi", "en"])
def test_every_reason_a_grade_part_is_left_out_fits_its_cell_in_a_few_words(lang):
    """The grade table's cell says why a part is left out: the complaint parts' reasons were
    sentences of up to 19 words, running to many lines on a phone, where the activity part's
    are a few. Every reason, of every part, in both languages, keeps to 10 words; what it
    says in full is under the part's name (what it means)."""
    from generator.compute.complaints import NOT_COUNTED

    fmt = Formatter(lang, {})
    said = [fmt.not_counted(reason, part) for reason in (*NOT_COUNTED, "contradicted")
            for part in ("activity_score", "responsiveness_score", "resolution_score")
            if reason != "contradicted" or part == "activity_score"]
    said += [fmt.counted("grade_too_few", n).format(n=fmt.num(n), least=fmt.num(5)) for n in (1, 4)]
    said += [fmt.not_counted("measured_too_old", "responsiveness_score"), fmt.t["grade_left_out"]]
    assert all(len(text.split()) <= 10 and text.endswith(fmt.t["grade_left_out"].split(":")[-1]) for text in said), \
        said
