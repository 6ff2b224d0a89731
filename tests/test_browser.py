"""The built site in a real headless Chromium, as a reader's phone or laptop would see it."""

import base64
import itertools
import re
from datetime import timedelta
from pathlib import Path

import pytest

from generator import paths, schema

from .helpers import (
    AS_OF,
    DEPT,
    FIRST_NIGHT,
    add_districts,
    add_night,
    build,
    copy_bundled_seed,
    goto,
    make_data,
    open_page,
    settle,
    snapshot,
    write_csv,
)

SCRIPT = "<script>alert(1)</script>"
IMG = '"><img src=x onerror=alert(2)>'


@pytest.mark.parametrize("path", ["", "en/"])
def test_home_renders_without_errors_or_outside_requests(browser, bundled_site, serve, path):
    server = serve(bundled_site)
    page, log = open_page(browser, server.url + path)
    assert log["errors"] == [] and log["outside"] == []
    assert page.locator(".jd-card").count() == 8
    assert page.locator(".jd-lang-switch a").count() == 1


def test_scorecard_chart_is_in_the_page_and_the_interactive_one_loads_on_request(browser, bundled_site, serve):
    server = serve(bundled_site)
    page, log = open_page(browser, server.url + "departments/up-police/", javascript=False, width=390)
    chart = page.locator("figure svg.jd-svg-chart")
    assert chart.count() == 1 and page.locator("figure svg.jd-svg-chart polyline").count() == 1
    assert "6,500" in page.locator("figure figcaption").inner_text()
    # Without JavaScript the button that would load the interactive chart does nothing: not shown.
    assert page.locator(".jd-chart button").is_hidden()
    # The chart's words are set in the page's own fonts (a Devanagari one among them), not
    # the browser's default with boxes for Hindi.
    font = page.locator("svg.jd-svg-chart text").first.evaluate("e => getComputedStyle(e).fontFamily")
    assert font == page.locator("body").evaluate("e => getComputedStyle(e).fontFamily") and "Devanagari" in font
    page, log = open_page(browser, server.url + "en/departments/up-police/")
    assert not [r for r in log.get("requests", []) if "vega" in r]
    # Until drawn, the chart's box holds only its button: no group named by the summary, which
    # a screen reader would hear again right after the drawing's own description.
    summary = page.locator("figure svg.jd-svg-chart desc").text_content()
    assert "group" not in page.locator(".jd-chart").aria_snapshot()
    page.locator(".jd-chart button").click()
    page.wait_for_selector(".jd-chart svg .mark-line path", timeout=15000)
    assert log["errors"] == [] and log["outside"] == []
    line = page.locator(".jd-chart svg .mark-line path").first.get_attribute("d")
    assert line and line.count(",") >= 2  # a drawn path, not an empty mark
    assert page.locator(".jd-chart svg g.mark-symbol.role-mark path").count() == 2  # both observations
    # The button pressed is gone: focus is on the chart's group, named by its summary, and
    # the drawing's axis ticks are not read out one by one.
    assert page.evaluate("document.activeElement.classList.contains('jd-chart')")
    assert page.locator(".jd-chart").get_attribute("role") == "group"
    assert page.locator(".jd-chart").get_attribute("aria-label") == summary
    assert page.locator(".jd-chart__draw svg").first.get_attribute("aria-hidden") == "true"
    # In Hindi the interactive chart names its months and the platform in Hindi, not Vega's English.
    page, log = open_page(browser, server.url + "departments/up-police/")
    page.locator(".jd-chart button").click()
    page.wait_for_selector(".jd-chart svg .mark-line path", timeout=15000)
    drawn = page.locator(".jd-chart svg").first.evaluate("s => s.textContent")
    assert "सित॰" in drawn and "X\u00a0(ट्विटर)" in drawn and "Sep" not in drawn and "x" not in drawn.split()
    # Three weeks of 2016: every date on the axis says its year (by default only a year's
    # first tick would, and these would read as any September).
    dates = page.locator(".jd-chart svg .role-axis-label text").evaluate_all(
        "labels => labels.map(t => t.textContent).filter(t => /[^0-9,]/.test(t))")
    assert dates and all(d.endswith(" 2016") for d in dates), dates


def chart_tooltips(page) -> list[list[str]]:
    """The values of each point's tooltip in the page's interactive follower chart, opened
    and pointed at as a reader would."""
    page.locator(".jd-chart button").first.click()
    page.wait_for_selector(".jd-chart svg .mark-line path", timeout=15000)
    points = page.locator(".jd-chart svg g.mark-symbol.role-mark path")
    shown = []
    for i in range(points.count()):
        points.nth(i).hover(force=True)
        page.wait_for_function("document.querySelector('#vg-tooltip-element.visible')")
        shown.append(page.locator("#vg-tooltip-element td.value").all_inner_texts())
        page.mouse.move(0, 0)
    return shown


def test_the_interactive_charts_tooltip_dates_a_point_as_the_page_does(browser, bundled_site, serve):
    # UP Police's second figure is from an article dated only to its month: 'about Oct 2016'.
    server = serve(bundled_site)
    for lang, days in (("en/", ["8 Sep 2016", "about Oct 2016"]), ("", ["8 सितंबर 2016", "लगभग अक्टूबर 2016"])):
        page, _ = open_page(browser, server.url + lang + "departments/up-police/", width=1366)
        assert [tip[0] for tip in chart_tooltips(page)] == days, lang
        page.close()


# Haryana CM's correction's reason, in English and in Hindi (added_site).
CORRECTED = ("Two digits were swapped when the count was copied", "गिनती उतारते समय दो अंक आपस में बदल गए थे")


@pytest.fixture(scope="module")
def added_site(tmp_path_factory) -> Path:
    """The seed site with three rows added, built once: every kind of page, each small enough
    for axe to check in all its variants within the suite's time, and what each row adds read
    by its own tests: a later Facebook count of Haryana CM's (its scorecard gets an interactive chart), a
    correction of NBPDCL's followers (its reason in English only) and one of Haryana CM's (its
    reason in Hindi too), and a complaint row whose rate disagrees with its source's."""
    root = tmp_path_factory.mktemp("added")
    data = copy_bundled_seed(root / "data")
    write_csv(data / paths.MANUAL / "haryana-cm-2022.csv", schema.SNAPSHOT,
              [snapshot("haryana-cm", "2022-03-09", platform="facebook", followers=800_000)])
    write_csv(data / paths.CORRECTIONS_CSV, schema.CORRECTIONS, [{
        "date": "2026-11-20", "department_id": "nbpdcl", "figure": "followers", "old_value": "20500",
        "new_value": "25000", "reason": "Read from the department's own page", "source_url": "https://example.org/x"},
        {"date": "2026-11-21", "department_id": "haryana-cm", "figure": "posts", "old_value": "120",
         "new_value": "102", "reason": CORRECTED[0], "reason_hi": CORRECTED[1], "source_url": "https://example.org/y"}])
    with (data / "complaints" / "seed-articles.csv").open("a", encoding="utf-8") as out:
        out.write("muzaffarpur-police,x,2020-06-01,2021-01-31,50000,30000,,0,,,,90,manual,source:muzaffarpur-2023,\n")
    build(data, root / "public")
    return root / "public"


def test_the_interactive_charts_tooltip_says_a_count_its_source_bounds_as_the_page_does(browser, serve, added_site):
    """Haryana CM's Facebook count of 9 Mar 2021 is 'more than 7 lakh' in its source
    (bounded-followers.csv). With a later count (9 Mar 2022, added_site) its scorecard has an
    interactive chart, whose tooltip says that bound as the page does and every other count as
    its number."""
    server = serve(added_site)
    for lang, expected in (("en/", [["9 Mar 2021", "more than 7,00,000", "Facebook"],
                                    ["9 Mar 2022", "8,00,000", "Facebook"],
                                    ["9 Mar 2021", "19,00,000", "X\u00a0(Twitter)"]]),
                           ("", [["9 मार्च 2021", "7,00,000 से अधिक", "फेसबुक"],
                                 ["9 मार्च 2022", "8,00,000", "फेसबुक"],
                                 ["9 मार्च 2021", "19,00,000", "X\u00a0(ट्विटर)"]])):
        page, log = open_page(browser, server.url + lang + "departments/haryana-cm/", width=1366)
        assert sorted(chart_tooltips(page)) == sorted(expected), lang
        assert log["errors"] == [], lang
        page.close()


def test_an_interactive_chart_that_cannot_load_says_so_and_can_be_tried_again(browser, bundled_site, serve):
    server = serve(bundled_site)
    page, _ = open_page(browser, server.url + "en/departments/up-police/")
    page.route("**/charts/*", lambda route: route.abort())
    button = page.locator(".jd-chart button").first
    button.click()
    note = page.locator(".jd-chart .jd-chart__failed").first
    note.wait_for(timeout=15000)
    assert "could not be opened" in note.inner_text() and button.is_visible() and button.is_enabled()
    page.unroute("**/charts/*")
    button.click()
    page.wait_for_selector(".jd-chart svg .mark-line path", timeout=15000)
    assert button.is_hidden() and page.locator(".jd-chart .jd-chart__failed").count() == 0


def test_a_phone_shows_each_cell_of_a_scorecard_table_after_its_columns_name(browser, bundled_site, serve):
    """The names are said once, on the table; each stacked cell still reads 'name: value'."""
    server = serve(bundled_site)
    page, _ = open_page(browser, server.url + "departments/up-police/", javascript=False, width=390)
    table = page.locator("#complaints ~ .jd-table-wrap table")
    assert table.locator("td[data-label]").count() == 0
    cell = table.locator("tbody tr").first.locator("th, td")
    before = [cell.nth(i).evaluate("e => getComputedStyle(e, '::before').content") for i in range(3)]
    assert before == ["none", '"प्राप्त: "', '"हल हुईं: "'], before
    # The table's own columns at a laptop's width: no names before the cells.
    page, _ = open_page(browser, server.url + "departments/up-police/", javascript=False, width=1366)
    cell = page.locator("#complaints ~ .jd-table-wrap tbody tr").first.locator("th, td").nth(1)
    assert cell.evaluate("e => getComputedStyle(e, '::before').content") == "none"


def test_a_note_under_a_complaint_row_reads_as_that_rows_note_not_a_cards_title(browser, bundled_site, serve):
    """Haryana CM's reported rate is of the complaints disposed of: a row of one cell under its
    period's row says so. On a phone each row is a card whose first cell, bold, is its title;
    the note is plain text in the card of the row it explains."""
    server = serve(bundled_site)
    for path, width in (("departments/haryana-cm/", 390), ("en/departments/haryana-cm/", 1366)):
        page, _ = open_page(browser, server.url + path, javascript=False, width=width)
        note = page.locator("#complaints ~ .jd-table-wrap tr.jd-flag-row").first
        above = note.locator("xpath=preceding-sibling::tr[1]")
        weight = "e => Number(getComputedStyle(e).fontWeight)"
        assert note.locator("td").evaluate(weight) == 400, width
        if width == 1366:  # a row and its note share one stripe; the next period's row takes the other
            shade = "e => getComputedStyle(e).backgroundColor"
            assert note.evaluate(shade) == above.evaluate(shade)
            body = page.locator("#complaints ~ .jd-table-wrap tbody").first
            body.evaluate("b => b.after(b.cloneNode(true))")  # a second period, as a later month brings
            rows = page.locator("#complaints ~ .jd-table-wrap tbody tr:not(.jd-flag-row)")
            assert len(set(rows.evaluate_all(f"rows => rows.map({shade})"))) == 2
        if width == 390:
            assert above.locator("th, td").first.evaluate(weight) >= 600  # the card's title stays bold
            assert abs(note.bounding_box()["y"] - sum(above.bounding_box()[k] for k in ("y", "height"))) <= 1
            assert note.evaluate("e => getComputedStyle(e).borderTopWidth") == "0px"
        page.close()


def test_what_a_grades_part_means_reads_as_text_under_its_bold_name_on_a_phone(browser, bundled_site, serve):
    """On a phone each part of a grade is a card titled by its name, bold; what the part
    means, under the name in the same cell, is running text."""
    server = serve(bundled_site)
    page, _ = open_page(browser, server.url + "departments/haryana-cm/", javascript=False, width=390)
    cell = page.locator("table.jd-grade-sum tbody tr th").first
    weight = "e => Number(getComputedStyle(e).fontWeight)"
    assert cell.evaluate(weight) >= 600
    assert cell.locator(".jd-grade-means").evaluate(weight) == 400
    assert cell.locator(".jd-grade-means").is_visible()
    page.close()


def test_a_grade_part_left_out_for_its_old_status_says_so_within_a_phones_width(browser, bundled_site, serve):
    """Gorakhpur DM's only finding is a report of 2017: its activity counts in no grade, and the
    grade table gave a dash where it now says why, briefly. On a phone (390 px) and a tablet the
    table keeps within the page: reasons wrap, as Haryana CM's old complaint period's does."""
    server = serve(bundled_site)
    for root, words in (("", "स्थिति 365 दिन से पुरानी: छोड़ा गया"), ("en/", "status over 365 days old: left out")):
        for path, width in (("departments/gorakhpur-dm/", 390), ("departments/gorakhpur-dm/", 768),
                            ("departments/haryana-cm/", 768)):
            page, _ = open_page(browser, server.url + root + path, javascript=False, width=width)
            table = page.locator("table.jd-grade-sum")
            if "gorakhpur" in path:
                assert table.locator("tbody tr").first.locator("td[colspan]").inner_text().strip() == words
            wide = table.evaluate("t => [t.scrollWidth, t.parentElement.clientWidth, "
                                  "document.documentElement.scrollWidth, document.documentElement.clientWidth]")
            assert wide[0] <= wide[1] and wide[2] <= wide[3], (root, path, width, wide)
            page.close()


def test_a_grade_parts_reason_for_being_left_out_keeps_to_a_line_or_two_on_a_phone(browser, bundled_site, serve):
    """Haryana CM's only complaint period is old: the grade table's cell for its resolution
    part said so in a sentence that ran to two lines in Hindi at 390 px and three in English,
    then two in English behind its label ("Weight as used: newest period over 365 days old:
    left out"). The reason names itself ("left out") and the cell, in place of both the weight
    and the contribution, shows no label on a phone: every reason a part is left out for, in
    either language, keeps to one line, at its own size."""
    from generator.compute.complaints import NOT_COUNTED
    from generator.render.formatter import Formatter

    server = serve(bundled_site)
    lines = ("e => { const s = getComputedStyle(e); return (e.getBoundingClientRect().height - "
             "parseFloat(s.paddingTop) - parseFloat(s.paddingBottom)) / parseFloat(s.lineHeight); }")
    for root, lang in (("", "hi"), ("en/", "en")):
        fmt = Formatter(lang, {})
        reasons = [fmt.not_counted(r, "resolution_score") for r in NOT_COUNTED] + \
            [fmt.not_counted(r, "activity_score") for r in ("too_old", "contradicted")] + \
            [fmt.counted("grade_too_few", 4).format(n=fmt.num(4), least=fmt.num(5)),
             fmt.not_counted("measured_too_old", "responsiveness_score")]
        page, _ = open_page(browser, server.url + root + "departments/haryana-cm/", javascript=False, width=390)
        cell = page.locator("table.jd-grade-sum td[colspan]").last
        assert cell.inner_text().strip() == reasons[1], root  # its period ended more than 365 days before
        size = cell.evaluate("e => getComputedStyle(e).fontSize")
        for text in reasons:
            cell.evaluate("(e, text) => { e.textContent = text; }", text)
            assert cell.evaluate(lines) < 1.5, (root, text)
        assert cell.evaluate("e => getComputedStyle(e).fontSize") == size == page.locator(
            "table.jd-grade-sum td").first.evaluate("e => getComputedStyle(e).fontSize")
        page.close()


def test_a_badges_words_stay_inside_it_as_drawn(browser, bundled_site, serve, tmp_path):
    """The widths a badge is sized by are estimates: every badge, drawn, keeps its text inside.
    All of them drawn in one page (each badge sets its own fonts and language, and names no
    id another could take), not one page load per badge."""
    badges = sorted(bundled_site.glob("badges/**/*.svg"))
    (tmp_path / "badges.html").write_text(
        '<!doctype html><meta charset="utf-8"><body>' + "".join(
            f'<div data-badge="{path.relative_to(bundled_site)}">{path.read_text(encoding="utf-8")}</div>'
            for path in badges) + "</body>", encoding="utf-8")
    page = browser.new_page()
    page.goto(serve(tmp_path).url + "badges.html")
    drawn = page.evaluate("""() => [...document.querySelectorAll("[data-badge] > svg")].map(svg => [
        svg.parentNode.dataset.badge, svg.width.baseVal.value,
        Math.max(...[...svg.querySelectorAll("text")].map(t => { const b = t.getBBox(); return b.x + b.width; }))])""")
    assert len(drawn) == len(badges) > 100
    assert [(name, right, room) for name, room, right in drawn if right > room - 2] == []
    page.close()


@pytest.mark.parametrize("path", ["accounts/", "en/accounts/"])
def test_the_league_table_fits_a_laptop_without_scrolling_sideways(browser, bundled_site, serve, path):
    server = serve(bundled_site)
    page, _ = open_page(browser, server.url + path, javascript=False, width=1366)
    frame = page.locator(".jd-table-wrap:has(.jd-league-table)").first
    assert frame.evaluate("e => e.scrollWidth - e.clientWidth") <= 0


def test_the_league_table_drawn_by_its_script_fits_a_laptop_and_notes_a_jump_as_the_plain_one_does(
        browser, tmp_path, serve):
    # UP Police's collected followers jumped from 60,000 to 90,000 in a night: its growth leaves
    # the jump out and says so.
    data = copy_bundled_seed(tmp_path / "data")
    add_night(data, FIRST_NIGHT, 60_000)
    add_night(data, FIRST_NIGHT + timedelta(days=1), 90_000)
    build(data, tmp_path / "site", FIRST_NIGHT + timedelta(days=1))
    server = serve(tmp_path / "site")
    page = browser.new_context(viewport={"width": 1366, "height": 900}).new_page()
    goto(page, server.url + "en/accounts/?state=IN-UP")
    page.wait_for_function("document.querySelector('.jd-league-note').textContent.match(/[0-9]/)")
    frame = page.locator(".jd-table-wrap:has(.jd-league-table)").first
    assert frame.evaluate("e => e.scrollWidth - e.clientWidth") <= 0
    note = page.locator("tr[data-id='up-police/x'] td .jd-note")
    assert note.inner_text() == "(1 jump left out)"
    page.close()


@pytest.mark.parametrize("path", ["downloads/", "en/downloads/"])
def test_the_data_dictionary_fits_the_narrowest_phone_without_scrolling(browser, bundled_site, serve, path):
    server = serve(bundled_site)
    page, _ = open_page(browser, server.url + path, javascript=False, width=360)
    frames = page.locator(".jd-table-wrap:has(.jd-dictionary)")
    assert frames.count() >= 9
    assert frames.evaluate_all("frames => frames.map(e => e.scrollWidth - e.clientWidth)") == [0] * frames.count()


# Every table of a page that is wider than it shows, or whose frame is: its first cell's
# words and by how many pixels.
TABLES_WIDER = """() => [...document.querySelectorAll(".md-content table")].flatMap(t => {
  const frame = t.closest(".jd-table-wrap, .md-typeset__scrollwrap") || t;
  const over = Math.max(t.scrollWidth - t.clientWidth, frame.scrollWidth - frame.clientWidth);
  return over > 0 ? [[t.querySelector("th, td").textContent.trim().slice(0, 30), over]] : [];
})"""

# The pages with tables: the site's own (a first column of 8rem), and the methodology's,
# written in Markdown (the theme's script frames them to scroll).
TABLE_PAGES = ("methodology/", "departments/haryana-cm/", "accounts/in-up/", "health/", "corrections/")


@pytest.mark.parametrize("javascript", [False, True])
@pytest.mark.parametrize("lang", ["", "en/"])
def test_every_table_fits_the_narrowest_phone_without_scrolling(browser, added_site, serve, lang, javascript):
    """At 360 px neither a page nor any table on it scrolls sideways. The methodology's grade
    table, with the theme's gaps between its three columns, was 14 px wider than the page in
    English, its right edge cut off; the corrections' seven columns scrolled in their frame,
    a figure cut mid-number ("2050|0") with nothing to say so: each is now a stacked card."""
    server = serve(added_site)
    page, _ = open_page(browser, server.url + lang + TABLE_PAGES[0], javascript=javascript, width=360)
    wider = {}
    for path in TABLE_PAGES:
        goto(page, server.url + lang + path)
        assert page.locator(".md-content table").count(), path
        wider[path] = page.evaluate(TABLES_WIDER)
        assert page.evaluate("document.documentElement.scrollWidth") <= 360, path
    assert wider == dict.fromkeys(TABLE_PAGES, [])
    page.close()


# Each column of a hand-written table whose cells all keep to one line, and so need no more
# room than the widest of them, that is wider than that: [its heading, by how many pixels].
COLUMNS_WIDER = """() => [...document.querySelectorAll(".md-content table:not([class])")].flatMap(t => {
  const rows = [...t.rows];
  return [...rows[0].cells].flatMap((heading, i) => {
    const texts = rows.map(row => { const r = document.createRange(); r.selectNodeContents(row.cells[i]); return r; });
    if (texts.some(r => new Set([...r.getClientRects()].map(b => Math.round(b.bottom))).size > 1)) return [];
    const style = getComputedStyle(heading);
    const room = heading.clientWidth - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight);
    const over = room - Math.max(...texts.map(r => r.getBoundingClientRect().width));
    return over > 1 ? [[heading.textContent.trim(), Math.round(over)]] : [];
  });
})"""


@pytest.mark.parametrize("lang", ["", "en/"])
def test_a_column_of_short_figures_is_no_wider_than_them_on_the_narrowest_phone(browser, bundled_site, serve,
                                                                                   lang):
    """The methodology's grade table at 360 px: its Weight column, "0.25" under "Weight", kept
    the theme's least width for a heading (5rem, a third of the table), and the Score beside it
    ran to a word or two a line, down a screen and a half."""
    server = serve(bundled_site)
    page, _ = open_page(browser, server.url + lang + "methodology/", javascript=False, width=360)
    assert page.locator(".md-content table:not([class])").count() >= 3
    assert page.evaluate(COLUMNS_WIDER) == []
    page.close()


# Where each element's text is broken across lines after none of the letters `after` gives
# (nor at a space, which a browser may measure on either line): the text around the break
# ('followers_on_preci|sion', 'complain|ts.csv').
BREAKS = """(elements, after) => elements.flatMap(element => {
  const walker = document.createTreeWalker(element, NodeFilter.SHOW_TEXT), letters = [];
  for (let node; (node = walker.nextNode());) {
    for (let i = 0; i < node.data.length; i++) {
      const r = document.createRange(); r.setStart(node, i); r.setEnd(node, i + 1);
      letters.push([node.data[i], Math.round(r.getClientRects()[0].top)]);
    }
  }
  // A new line moves a letter down by a line; a value set as code beside text tops a few pixels
  // off the text's on the same line (its font is another), which is no break.
  const text = letters.map(l => l[0]).join("");
  return letters.flatMap((l, i) => i && l[1] - letters[i - 1][1] > 8 && !/\\s/.test(letters[i - 1][0] + l[0])
                         && !after.includes(letters[i - 1][0]) ? [text.slice(0, i) + "|" + text.slice(i)] : []);
})"""


def _no_sideways_scroll(page, width: int) -> None:
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    frames = page.locator(".jd-table-wrap:has(.jd-dictionary)")
    assert frames.evaluate_all("frames => frames.map(e => e.scrollWidth - e.clientWidth)") == [0] * frames.count()


# Where a line of the data dictionary may end inside a name: a column's name only after an
# underscore ('followers_on_preci' / 'sion' read as a column that does not exist); a description's
# names of columns, files and paths after an underscore, a slash or a dot, never inside a word
# ('complain' / 'ts.csv') nor after a reference's colon ('source:' / '<id>'); a hyphen or a dash
# as the words around it.
DICTIONARY_CELLS = {"names": (".jd-dictionary td:first-child code", "_"),
                    "descriptions": (".jd-dictionary td:last-child", "_/.-–—")}


@pytest.mark.parametrize("cells", DICTIONARY_CELLS)
@pytest.mark.parametrize("path", ["downloads/", "en/downloads/"])
def test_the_data_dictionary_wraps_names_only_at_their_marks_on_every_phone(browser, bundled_site, serve, path,
                                                                            cells):
    """From the narrowest phone to the widest, each cell wraps only where DICTIONARY_CELLS lets
    it, and neither the page nor a table scrolls sideways."""
    selector, marks = DICTIONARY_CELLS[cells]
    server = serve(bundled_site)
    page, _ = open_page(browser, server.url + path, javascript=False, width=390)
    for width in (390, 360, 414):
        page.set_viewport_size({"width": width, "height": 900})
        found = page.locator(selector)
        assert found.count() > 50
        assert found.evaluate_all(BREAKS, marks) == [], width
        _no_sideways_scroll(page, width)
    page.close()


def test_a_badge_fits_the_narrowest_phone_without_scrolling(browser, bundled_site, serve):
    server = serve(bundled_site)
    page, _ = open_page(browser, server.url + "departments/up-police/", javascript=False, width=360)
    wrap = page.locator(".jd-badge")
    assert wrap.evaluate("e => e.scrollWidth - e.clientWidth") <= 0


PLACES_UNDER_NAMES = """() => [...document.querySelectorAll("ul.jd-places li")].filter(li => {
  const name = li.querySelector("a").getBoundingClientRect(), n = li.querySelector("span");
  // A line of its own under the link made the item 27 px taller than its link.
  return li.getBoundingClientRect().height - name.height >= 5
    || n && n.getBoundingClientRect().top >= name.bottom;
}).map(li => li.textContent.trim())"""

# A word whose letters stand on two lines is drawn as two boxes.
NAMES_BROKEN_IN_A_WORD = """() => [...document.querySelectorAll("ul.jd-places li > a")].filter(a => {
  const text = a.firstChild, range = document.createRange();
  return [...text.data.matchAll(/\\S+/g)].some(m => {
    range.setStart(text, m.index); range.setEnd(text, m.index + m[0].length);
    return range.getClientRects().length > 1; });
}).map(a => a.textContent)"""


# Each figure on a line of its own under its place's name: [the item's words, the space between
# the name's last line and it, how far from the name's left edge it starts, and whether a tap
# at the foot of the link's 44 px box (over the figure's top) still opens the link].
FIGURES_UNDER_NAMES = """() => [...document.querySelectorAll("ul.jd-places li")].flatMap(li => {
  const a = li.querySelector("a"), figure = li.querySelector("a + span"), text = document.createRange();
  if (!figure) return [];
  li.scrollIntoView();
  text.selectNodeContents(a);
  const lines = [...text.getClientRects()], name = lines[lines.length - 1], box = figure.getBoundingClientRect();
  if (box.top < name.bottom) return [];
  const tapped = document.elementFromPoint(box.left + 1, a.getBoundingClientRect().bottom - 1);
  return [[li.textContent.trim(), box.top - name.bottom, box.left - name.left, a.contains(tapped)]];
})"""


@pytest.mark.parametrize("path", ["en/states/in-up/", "en/states/in-br/"])
def test_a_districts_count_under_its_name_reads_as_the_names_next_line(browser, bundled_site, serve, path):
    """Where a district's name and its count do not fit a column side by side ("Gorakhpur
    (7 departments)" at 390 px), the count went under the name 17 px below it, past the link's
    padding, and read as an item of its own: it is now the name's next line, at its left edge,
    and a tap there still opens the district (the link's 44 px box is under it)."""
    server = serve(bundled_site)
    page, _ = open_page(browser, server.url + path, javascript=False, width=390)
    for width in (390, 414):
        page.set_viewport_size({"width": width, "height": 900})
        under = page.evaluate(FIGURES_UNDER_NAMES)
        assert under, width  # the case this test is about
        # A line's leading (0.6 em) is the most between two lines of text.
        assert [(words, gap < 6, abs(left) < 1, opens) for words, gap, left, opens in under] == [
            (words, True, True, True) for words, *_ in under], (width, under)
        assert page.locator("ul.jd-places a").evaluate_all(
            "links => links.every(a => a.getBoundingClientRect().height >= 44)")
    page.close()


# Where a link's underline is drawn, in CSS px from its box's left edge: the columns where two
# screenshots of it, with its underline and without, differ.
UNDERLINE = """async (a, shots) => {
  const images = await Promise.all(shots.map(shot => new Promise(done => {
    const image = new Image(); image.onload = () => done(image); image.src = "data:image/png;base64," + shot; })));
  const canvas = document.createElement("canvas"), pen = canvas.getContext("2d");
  [canvas.width, canvas.height] = [images[0].width, images[0].height];
  const [drawn, bare] = images.map(image => {
    pen.clearRect(0, 0, canvas.width, canvas.height); pen.drawImage(image, 0, 0);
    return pen.getImageData(0, 0, canvas.width, canvas.height).data; });
  const columns = [];
  for (let i = 0; i < drawn.length; i += 4)
    if (Math.abs(drawn[i] - bare[i]) + Math.abs(drawn[i + 1] - bare[i + 1]) + Math.abs(drawn[i + 2] - bare[i + 2]) > 30)
      columns.push((i / 4) % canvas.width);
  return [Math.min(...columns), Math.max(...columns) + 1];
}"""


@pytest.mark.parametrize("path", ["accounts/", "downloads/"])
def test_a_place_name_narrower_than_its_tap_target_is_underlined_under_its_letters_only(browser, bundled_site,
                                                                                       serve, path):
    """Goa's name (गोवा, 26 px) is a link 44 px wide, a thumb's width: the line under it is
    the name's, not the box's, or the name would look to run on into its count."""
    server = serve(bundled_site)
    page, _ = open_page(browser, server.url + path, width=360)  # the screenshots are read by a script
    goa = page.locator("ul.jd-places a[href*='in-ga']")
    box = goa.bounding_box()
    letters = goa.evaluate("""a => { const r = document.createRange(); r.selectNodeContents(a);
        const b = r.getBoundingClientRect(), box = a.getBoundingClientRect();
        return [b.left - box.left, b.right - box.left]; }""")
    assert box["width"] >= 44 and box["height"] >= 44 and letters[1] - letters[0] < 40
    shots = []
    for line in ("underline", "none"):
        goa.evaluate("(a, line) => { a.style.textDecorationLine = line; }", line)
        shots.append(base64.b64encode(goa.screenshot()).decode())
    left, right = goa.evaluate(UNDERLINE, shots)
    assert letters[0] - 1 <= left and right <= letters[1] + 1 and right - left > 20, (letters, left, right)
    page.close()


@pytest.mark.parametrize("width", [360, 390])
def test_the_states_are_two_columns_of_44_px_taps_on_a_phone(browser, bundled_site, serve, width):
    """The home page's states were 61 px apart, one under the other at 360 px, each link padded
    as a link in a sentence is and spaced from the next: 27 states took 1,650 px, four screens."""
    server = serve(bundled_site)
    page, _ = open_page(browser, server.url, javascript=False, width=width)
    boxes = page.locator("ul.jd-places li").evaluate_all("""items => items.map(li => {
        const a = li.querySelector("a").getBoundingClientRect(), box = li.getBoundingClientRect();
        return [Math.round(box.left), box.top, box.height, a.width, a.height]; })""")
    assert len({left for left, *_ in boxes}) == 2, boxes
    assert all(height >= 44 and width >= 44 and item <= 46 for _, _, item, width, height in boxes), boxes
    # From one state's top to the next's in its column: no space between the 44 px taps.
    for column in {left for left, *_ in boxes}:
        tops = [top for left, top, *_ in boxes if left == column]
        assert max(b - a for a, b in itertools.pairwise(tops)) <= 46, tops
    page.close()


@pytest.mark.parametrize("path", ["en/accounts/", "en/downloads/", "downloads/", "en/states/in-up/"])
def test_a_places_count_or_file_size_stays_beside_its_name_on_a_phone(browser, bundled_site, serve, path):
    """The lists of places are two columns without the theme's bullets and indents, which took
    a fifth of each column at 390 px: the count of Himachal Pradesh's accounts, the size of
    Maharashtra's file, fell to a line of their own under the name. So did the longest names'
    ("Government of India (55)", "Arunachal Pradesh 1.2 kB"), wider than a column: such a name
    wraps inside its link, the figure beside its last line. Between its words only: where the
    longest word and the figure are wider than a column ("Gorakhpur (7 departments)"), the
    figure goes under the name, which was cut to "Gorak" and "hpur" to keep it beside."""
    server = serve(bundled_site)
    page, _ = open_page(browser, server.url + path, javascript=False, width=390)
    assert page.evaluate(NAMES_BROKEN_IN_A_WORD) == []
    if "states/" not in path:
        assert page.evaluate(PLACES_UNDER_NAMES) == []
    page.close()


@pytest.mark.parametrize("path, link", [("accounts/no-account/", ".jd-list-csv a"),
                                        ("en/accounts/abandoned/", ".jd-list-csv a"),
                                        ("en/departments/up-police/", ".jd-hierarchy a"),
                                        ("departments/gorakhpur-dm/", "#complaints ~ .jd-links a"),
                                        ("states/in-br/", ".jd-links a")])
def test_a_link_with_its_own_44_px_has_no_padding_on_top(browser, bundled_site, serve, path, link):
    """The link to a list by status's CSV file, a paragraph of its own, was both 44 px tall and
    padded as a lone link in a paragraph is: 28 px of white space around its lines on a phone.
    So was a department's one link to those under it (UP Police's IG Zone): 55 px tall; and a
    line of links holding one (a state's link to its table, or to the complaints page under a
    department without complaint figures)."""
    server = serve(bundled_site)
    page, _ = open_page(browser, server.url + path, javascript=False, width=390)
    box, text = page.locator(link).first.evaluate("""a => { const r = document.createRange();
        r.selectNodeContents(a); return [a.getBoundingClientRect().height, r.getBoundingClientRect().height]; }""")
    assert box >= 44
    # The lines' leading adds up to 6 px to their glyphs' height; the padding added 11 to 28 more.
    assert box - max(text + 6, 44) < 3, (box, text)
    page.close()


@pytest.mark.parametrize("path", ["", "en/"])
def test_the_site_name_in_the_header_is_whole_on_the_narrowest_phone(browser, bundled_site, serve, path):
    """The header's name was cut to "जवाबदेही · Jawabd…" at 360 px, beside the menu, search and
    language buttons."""
    server = serve(bundled_site)
    page, _ = open_page(browser, server.url + path, javascript=False, width=360)
    name = page.locator(".md-header__topic .md-ellipsis").first
    assert name.inner_text() == "जवाबदेही · Jawabdehi"
    assert name.evaluate("e => e.scrollWidth - e.clientWidth") <= 0
    page.close()


@pytest.mark.parametrize("path", ["accounts/in-br/", "en/accounts/in-br/"])
def test_a_figure_and_its_note_stay_inside_their_card_on_a_phone(browser, bundled_site, serve, path):
    """ "at most 60 (as reported for the period to 18 Jul 2023)" ran past the card's edge of a stacked row."""
    server = serve(bundled_site)
    page, _ = open_page(browser, server.url + path, javascript=False, width=390)
    beyond = page.locator("table.jd-stack tr").evaluate_all("""rows => rows.flatMap(row => {
        const edge = row.getBoundingClientRect().right;
        return [...row.querySelectorAll("td, tbody th")].filter(td => td.getBoundingClientRect().width > 0)
            .flatMap(td => [td, ...td.querySelectorAll("*")])
            .filter(e => e.getBoundingClientRect().right > edge + 0.5).map(e => e.textContent.trim());
    })""")
    assert page.locator("table.jd-stack td.jd-num .jd-note").count() > 0
    assert beyond == []


def test_language_switch_keeps_the_page(browser, bundled_site, serve):
    server = serve(bundled_site)
    page, _ = open_page(browser, server.url + "departments/nbpdcl/")
    with page.expect_navigation():
        page.locator(".jd-lang-switch a").click()
    assert page.url == server.url + "en/departments/nbpdcl/"
    settle(page)
    header = page.locator(".md-select__link", has_text="हिन्दी")
    assert header.get_attribute("href") == "../../../departments/nbpdcl/"
    goto(page, server.url + "departments/nbpdcl/")
    with page.expect_navigation():
        page.locator(".jd-lang-switch a").click()
    assert page.url == server.url + "en/departments/nbpdcl/"
    assert "North Bihar Power Distribution" in page.locator("h1").inner_text()


def test_language_switch_keeps_the_lists_filters_and_the_search(browser, bundled_site, serve):
    """A filtered list, or a search, is what a reader switches language for: the link there opens
    the same view, not the whole list again or an empty search."""
    server = serve(bundled_site)
    page, _ = open_page(browser, server.url + "accounts/in-br/?status=no_account")
    page.wait_for_function("document.querySelector('select[name=status]').value === 'no_account'")
    with page.expect_navigation():
        page.locator(".jd-lang-switch a").click()
    assert page.url == server.url + "en/accounts/in-br/?status=no_account"
    page.wait_for_function("document.querySelector('select[name=status]').value === 'no_account'")
    page.locator("select[name=status]").select_option("")
    assert page.locator(".md-select__link[lang=hi]").get_attribute("href").endswith("/accounts/in-br/")
    goto(page, server.url + "search/")
    page.locator("input[name=q]").fill("पुलिस")
    page.locator("input[name=q]").press("Enter")
    page.wait_for_function("document.querySelectorAll('.jd-search-results li').length > 0")
    with page.expect_navigation():
        page.locator(".jd-lang-switch a").click()
    assert page.url == server.url + "en/search/?q=%E0%A4%AA%E0%A5%81%E0%A4%B2%E0%A4%BF%E0%A4%B8"
    assert page.locator("input[name=q]").input_value() == "पुलिस"


def test_league_table_works_without_javascript(browser, bundled_site, serve):
    server = serve(bundled_site)
    for path in ("accounts/", "en/accounts/"):
        page, log = open_page(browser, server.url + path, javascript=False, width=390)
        rows = page.locator("table.jd-table tbody tr")
        assert rows.count() == min(200, len((bundled_site / "data" / "handles.csv").read_text().splitlines()) - 1)
        text = page.locator("table.jd-table").inner_text()
        assert "440" in text and ("Abandoned" in text or "परित्यक्त" in text)
        assert log["outside"] == []


REPLY_SOURCE = """() => {
  const a = document.querySelector("tr[data-id='muzaffarpur-police/x'] td.jd-num:has(.jd-note) a");
  if (!a) return null;
  const box = a.getBoundingClientRect(), cell = a.closest("td").getBoundingClientRect();
  return {text: a.textContent, href: a.getAttribute("href"), note: a.closest(".jd-note").textContent,
          height: box.height, width: box.width, inside: box.left >= cell.left - 8 && box.right <= cell.right + 8};
}"""


@pytest.mark.parametrize("javascript", [False, True])
@pytest.mark.parametrize("path, width, name, said", [
    ("accounts/in-br/", 390, "प्रभात ख़बर डिजिटल डेस्क", "(रिपोर्ट के अनुसार, 18 जुलाई 2023 तक की अवधि; स्रोत: "),
    ("en/accounts/in-br/", 1366, "Prabhat Khabar Digital Desk",
     "(as reported for the period to 18 Jul 2023; source: ")],
    ids=["hi-390", "en-1366"])
def test_a_reported_reply_time_in_a_list_names_its_source_with_a_link_a_thumb_can_tap(
        browser, bundled_site, serve, javascript, path, width, name, said):
    # Muzaffarpur Police's reply time is a 2023 article's: its list row dated it and said it was
    # reported, but named no source, with or without the script (the slice carried it unseen).
    server = serve(bundled_site)
    page, log = open_page(browser, server.url + path + ("?sort=reply" if javascript else ""),
                          javascript=javascript, width=width)
    if javascript:
        page.wait_for_function("document.querySelector('table.jd-league-table td[data-value]')")
    got = page.evaluate(REPLY_SOURCE)
    assert got is not None, "no source link beside the reported reply time"
    assert got["text"] == name and got["note"] == said + name + ")", got
    # No address of its own: the scorecard's list of sources gives its title, publication and day.
    assert got["href"].endswith("departments/muzaffarpur-police/#sources"), got
    assert got["height"] >= 44 and got["width"] >= 44 and got["inside"], got
    assert log["errors"] == [] and log["outside"] == []


UNNAMED_DASHES = """() => [...document.querySelectorAll("table.jd-league-table tbody td")]
  .filter(td => td.getBoundingClientRect().width > 1 && td.textContent.trim() === "–"
                && getComputedStyle(td, "::before").content === "none")
  .map(td => td.dataset.label)"""


@pytest.mark.parametrize("javascript", [False, True])
def test_a_phones_compact_row_of_a_department_with_no_account_shows_no_dash_without_its_name(
        browser, bundled_site, serve, javascript):
    # The status says there is no account; the handle's cell read as a bare "·  – ·".
    server = serve(bundled_site)
    path = "accounts/?status=no_account&sort=name" if javascript else "accounts/no-account/"
    page, _ = open_page(browser, server.url + path, javascript=javascript, width=390)
    if javascript:
        page.wait_for_function("document.querySelector('table.jd-league-table td[data-value]')")
    assert page.locator("table.jd-league-table tbody tr").count() >= 2
    assert page.evaluate(UNNAMED_DASHES) == []


def test_untrusted_names_stay_text(browser, tmp_path, serve):
    evil = {**DEPT, "id": "evil", "name_en": SCRIPT, "name_hi": IMG, "district": IMG}
    child = {**DEPT, "id": "child", "name_en": IMG, "name_hi": SCRIPT, "parent_id": "evil"}
    data = make_data(
        tmp_path / "data", [evil, child],
        [{"department_id": "evil", "platform": "x", "official": "yes", "source_url": "source:evil-src"}],
        [snapshot("evil", "2026-11-01", followers=5, source_url="source:evil-src"),
         snapshot("evil", "2026-11-20", followers=9, last_post_at="2026-11-19", source_url="source:evil-src")],
    )
    from generator import paths, schema

    add_districts(data, [IMG])
    write_csv(data / paths.SOURCES_CSV, schema.SOURCES_TABLE, [{
        "id": "evil-src", "title": SCRIPT, "publication": IMG, "published_on": "2026-11-01", "note": SCRIPT}])
    out = tmp_path / "public"
    build(data, out, AS_OF)
    server = serve(out)
    pages = ["", "en/", "accounts/", "en/accounts/", "departments/evil/", "en/departments/evil/",
             "departments/child/", "en/departments/child/"]
    page, log = open_page(browser, "about:blank")
    for path in pages:
        goto(page, server.url + path)  # one tab: its log holds every page's dialogs and errors
        assert log["dialogs"] == [], path
        assert page.locator("img[onerror]").count() == 0, path
        for script in page.locator("script").all():
            assert "alert(" not in (script.text_content() or ""), path
        assert SCRIPT in page.locator("body").inner_text() or IMG in page.locator("body").inner_text(), path
        assert log["errors"] == [], (path, log["errors"])
    goto(page, server.url + "en/departments/evil/")
    page.locator(".jd-chart button").click()
    page.wait_for_selector(".jd-chart svg .mark-line path", timeout=15000)
    assert log["dialogs"] == []
    assert SCRIPT in page.title() or IMG in page.title()


def test_complaint_trend_chart_draws(browser, tmp_path, serve):
    from click.testing import CliRunner

    from generator.cli import main

    from .helpers import copy_bundled_seed
    from .test_ingest import make_export

    data = copy_bundled_seed(tmp_path / "data")
    make_export(tmp_path / "export.csv", n=600)
    result = CliRunner().invoke(main, ["ingest-complaints", str(tmp_path / "export.csv"), "--department",
                                       "haryana-cm", "--channel", "cm-window", "--data", str(data)])
    assert result.exit_code == 0, result.output
    out = tmp_path / "public"
    build(data, out, AS_OF)
    server = serve(out)
    page, log = open_page(browser, server.url + "departments/haryana-cm/")
    complaints = page.locator("figure").filter(has=page.locator("svg.jd-svg-chart")).last
    assert complaints.locator("polyline").count() == 3  # received, resolved, pending
    page.locator(".jd-chart button").click()
    page.wait_for_selector(".jd-chart svg .mark-line path", timeout=15000)
    assert page.locator(".jd-chart svg g.mark-line.role-mark path").count() == 3
    assert log["errors"] == [] and log["outside"] == []


def test_complaint_chart_of_two_channels_breaks_at_a_withdrawn_month(browser, tmp_path, serve):
    from .test_complaint_cells import two_channels_with_a_withdrawn_month

    server = serve(two_channels_with_a_withdrawn_month(tmp_path))
    page, log = open_page(browser, server.url + "en/departments/haryana-cm/", width=390)
    page.locator(".jd-chart button").last.click()
    chart = page.locator(".jd-chart").last
    chart.locator("svg .mark-line path").first.wait_for(timeout=15000)
    # cm-window's three lines in two runs each (August withdrawn), cm-portal's three whole.
    assert chart.locator("svg g.mark-line.role-mark path").count() == 9
    legend = chart.locator("svg .role-legend-label text").all_text_contents()
    assert "cm-portal: Received" in legend and "cm-window: Received" in legend
    assert log["errors"] == [] and log["outside"] == []


def test_trust_pages_in_both_languages(browser, added_site, serve):
    """NBPDCL's scorecard and the trust pages, with a correction of its followers (added_site)."""
    server = serve(added_site)
    for root, words in (("", ("सुधार", "ये आँकड़े क्या नहीं बताते", "डेटा संग्रह की स्थिति")),
                        ("en/", ("Corrections", "What these figures cannot tell", "Pipeline health"))):
        page, log = open_page(browser, server.url + root + "departments/nbpdcl/", width=390)
        assert log["errors"] == [] and log["outside"] == []
        banner = page.locator(".jd-banner")
        assert banner.is_visible() and "2023" in banner.inner_text()
        assert page.locator(".jd-corrections").is_visible()
        assert page.locator(".md-content a[href='../../caveats/']").count() == 1
        dispute = page.locator(".md-content a[href*='issues/new?template=dispute.yml']")
        # One for each account's figures and one for the grade, each naming the department.
        assert dispute.count() >= 1
        assert all("department=nbpdcl" in dispute.nth(i).get_attribute("href") for i in range(dispute.count()))
        page.locator(".md-content a[href='../../caveats/']").click()
        page.wait_for_load_state()
        assert words[1] in page.locator("h1").inner_text()
        for path, heading in (("corrections/", words[0]), ("health/", words[2])):
            page, log = open_page(browser, server.url + root + path, javascript=False, width=390)
            assert heading in page.locator("h1").inner_text()
            assert log["outside"] == []
        page, _ = open_page(browser, server.url + root + "corrections/", javascript=False)
        assert "25000" in page.locator("table.jd-table").inner_text()


# A correction's reason as a page shows it: (its text, the language it is marked with, where
# that is not the page's).
REASONS = """cells => cells.map(cell => { const marked = cell.querySelector("[lang]");
  return [cell.textContent.trim(), marked ? marked.lang : null]; })"""


@pytest.mark.parametrize("lang", ["", "en/"])
def test_a_corrections_reason_is_in_the_pages_language_or_marked_english(browser, added_site, serve, lang):
    """The reasons are written by hand in English, and a Hindi page showed them so, unmarked: a
    screen reader spelled them out in a Hindi voice. A Hindi page shows the Hindi reason where
    the corrections file gives one (reason_hi), else the English one marked English, and says
    after it, in Hindi, that it is in English (as a source's note does), for a reader who sees
    English where the page promised Hindi."""
    server = serve(added_site)
    page, _ = open_page(browser, server.url + lang + "corrections/", javascript=False, width=360)
    english = "Read from the department's own page"
    hindi, other = (([CORRECTED[1], None], [english + " (अंग्रेज़ी में)", "en"]) if not lang
                    else ([CORRECTED[0], None], [english, None]))
    reasons = page.locator("table.jd-table tbody tr td:nth-of-type(5)").evaluate_all(REASONS)
    assert reasons == [hindi, other]  # newest first: Haryana CM's, then NBPDCL's
    # A screen reader reads the English in an English voice and the words after it in Hindi.
    assert page.locator("table.jd-table td [lang=en]").all_inner_texts() == ([english] if not lang else [])
    for dept, reason in (("haryana-cm", hindi), ("nbpdcl", other)):
        goto(page, server.url + lang + f"departments/{dept}/")
        line = page.locator(".jd-corrections li").evaluate_all(
            "items => items.map(li => [li.textContent, (li.querySelector('[lang]') || {}).lang || null])")
        assert len(line) == 1 and reason[0] in line[0][0] and line[0][1] == reason[1], dept
    page.close()


def at_rest(page) -> None:
    """Check the page as it rests, not halfway through the theme's fades (a palette, a width or
    a menu that closes as focus leaves it)."""
    page.add_style_tag(content="*, *::before, *::after { transition: none !important; }")


def serve_with_404(root):
    """The site as a host serves it: a missing address gets the site's 404 page."""
    import http.server

    from generator.publish.preview import _Site

    from .helpers import serve_in_background

    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), type("Site", (_Site,), {"root": root}))
    serve_in_background(httpd)
    return httpd, f"http://127.0.0.1:{httpd.server_address[1]}/"


# The search page has answered: results listed, or where to go next shown (the note says
# "loading" before either).
SEARCH_DONE = "document.querySelector('.jd-search-results li') || !document.querySelector('.jd-search-next').hidden"

# Every page type; the trust pages are the corrections, the caveats (as the hand-written
# pages are made) and the pipeline's health.
PAGE_TYPES = {"home": "", "state": "states/in-up/", "district": "districts/in-up-gorakhpur/",
              "scorecard": "departments/up-police/", "accounts": "accounts/", "state-accounts": "accounts/in-up/",
              "status-list": "accounts/no-account/",
              "search": "search/?q=gorakhpur",
              "verify": "verify/", "downloads": "downloads/", "corrections": "corrections/", "caveats": "caveats/",
              "health": "health/", "not-found": "no/such/page/", "methodology": "methodology/",
              "complaints-scorecard": "departments/haryana-cm/"}


PHONE_EN = {PAGE_TYPES["scorecard"], PAGE_TYPES["complaints-scorecard"]}


def test_a_handle_in_the_hindi_search_results_is_marked_english(browser, bundled_site, serve):
    # Every other page marks a handle lang="en"; the search results wrote it into the Hindi
    # line around it, for a Hindi voice to read "@Uppolice" as Hindi.
    server = serve(bundled_site)
    page, log = open_page(browser, server.url + "search/?q=uppolice", width=390)
    page.wait_for_function(SEARCH_DONE)
    first = page.locator(".jd-search-results li").first
    assert first.locator("a").inner_text() == "उत्तर प्रदेश पुलिस"
    assert first.locator("[lang=en][translate=no]").inner_text() == "@Uppolice"
    assert log["errors"] == []


@pytest.mark.parametrize("path", PAGE_TYPES.values(), ids=PAGE_TYPES.keys())
def test_axe_finds_nothing_serious_in_either_language_palette_or_width(browser, added_site, path):
    """Both languages, a phone and a laptop: every rule in the light palette, the colour rules in
    the dark one; Hindi, the site's first language, on a phone, English on a laptop (and a
    scorecard on a phone)."""
    from axe_playwright_python.sync_playwright import Axe

    httpd, url = serve_with_404(added_site)
    script, serious = Axe().axe_script, set()
    try:
        page, _ = open_page(browser, url + path, width=390)
        for lang in ("", "en/"):
            if lang:  # the same tab, as a reader who switches language: a page load of its own
                goto(page, url + lang + path)
            if "search/" in path:
                page.wait_for_function(SEARCH_DONE)
            at_rest(page)
            page.evaluate(script)  # axe-core, once per page: it re-reads the page on every run
            # Each language at the width its readers mostly use (Hindi on a phone, English on a
            # laptop): the pages are the same templates in both, so what each width alone
            # shows (the drawer or the tabs) is checked once in each palette, and what depends
            # on the language (its words, lang attributes, names) in both. The dark palette
            # changes colours only: there the colour rules. A scorecard, where a search or a
            # shared link brings a phone, is checked in English on a phone too: its stacked
            # tables, named in English.
            width = (390,) if not lang else (1366,)
            phone = (390,) if lang and path in PHONE_EN else ()
            for scheme, rules, widths in (("default", "", width + phone),
                                          ("slate", "runOnly: ['color-contrast', 'link-in-text-block'], ", width)):
                page.evaluate("s => document.body.setAttribute('data-md-color-scheme', s)", scheme)
                for width in widths:
                    page.set_viewport_size({"width": width, "height": 900})
                    found = page.evaluate(f"axe.run({{{rules}resultTypes: ['violations']}})")["violations"]
                    serious |= {(lang, scheme, width, v["id"], n["html"][:80]) for v in found
                                if v["impact"] in ("serious", "critical") for n in v["nodes"]}
    finally:
        httpd.shutdown()
    assert serious == set()


CONTRAST = """el => {
  const rgb = c => c.match(/[0-9.]+/g).slice(0, 3).map(Number);
  const lum = c => { const [r, g, b] = rgb(c).map(v => v / 255).map(v => v <= 0.03928 ? v / 12.92
    : ((v + 0.055) / 1.055) ** 2.4); return 0.2126 * r + 0.7152 * g + 0.0722 * b; };
  const s = getComputedStyle(el), a = lum(s.color), b = lum(s.backgroundColor);
  return (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05);
}"""


@pytest.mark.parametrize("scheme", ["default", "slate"])
def test_a_button_keeps_its_contrast_when_hovered_or_focused(browser, added_site, serve, scheme):
    """axe checks a page at rest; a thumb on a button hovers and focuses it."""
    server = serve(added_site)
    page, _ = open_page(browser, server.url + "verify/", width=390)
    page.evaluate("s => document.body.setAttribute('data-md-color-scheme', s)", scheme)
    at_rest(page)
    button = page.locator("form.jd-verify button")
    button.hover()
    assert button.evaluate(CONTRAST) >= 4.5
    button.focus()
    assert button.evaluate(CONTRAST) >= 4.5


@pytest.mark.parametrize("scheme", ["default", "slate"])
def test_a_flag_that_a_sources_rate_disagrees_is_readable_in_either_palette(browser, added_site, serve, scheme):
    """Muzaffarpur Police's complaint row of added_site: its rate disagrees with the source's."""
    page, _ = open_page(browser, serve(added_site).url + "en/complaints/", width=390)
    page.evaluate("s => document.body.setAttribute('data-md-color-scheme', s)", scheme)
    flag = page.locator(".jd-flag").first
    # Against the page's own background: the flag's span has none of its own.
    ratio = flag.evaluate(CONTRAST.replace("lum(s.backgroundColor)",
                                           "lum(getComputedStyle(document.body).backgroundColor)"))
    assert ratio >= 4.5, ratio


def test_the_dark_palette_follows_the_system_setting(browser, bundled_site, serve):
    server = serve(bundled_site)
    context = browser.new_context(color_scheme="dark")
    page = context.new_page()
    goto(page, server.url + "departments/up-police/")
    assert page.evaluate("document.body.dataset.mdColorScheme") == "slate"
    assert page.locator("input.md-option").evaluate_all("inputs => inputs.every(i => !i.offsetParent)")
    context.close()


TAP_TARGETS = """() => {
  const small = [];
  for (const el of document.querySelectorAll("li a, li button, td a, td button, dd a, .jd-card a, .jd-dept a, "
      + "nav a, .md-header a, .md-header button, .md-header label, footer a, .md-button, .jd-lang-switch a, "
      + "form button, form input, summary, select, .headerlink, .md-top, .md-content p > a:only-child, "
      + ".md-content h1 a, .jd-lead a, .jd-dispute a, .jd-hierarchy a, .jd-list-csv a, a.jd-caveats, "
      + ".md-content h2 a, .md-content h3 a, .md-content h4 a, figcaption a, caption a")) {
    const box = el.getBoundingClientRect();
    if (!box.width || !box.height || el.closest(".md-sidebar, [hidden], .md-select__inner")) continue;
    if (box.width < 44 || box.height < 44) small.push([el.outerHTML.slice(0, 80), box.width, box.height]);
  }
  // A line of links side by side with only dots between them (the home page's feed and
  // events file) is no sentence whose line height an inline link may keep: each is tapped.
  for (const p of document.querySelectorAll(".md-content p")) {
    const bare = p.cloneNode(true);
    bare.querySelectorAll("a").forEach(a => a.remove());
    if (p.querySelectorAll("a").length < 2 || bare.textContent.replace(/[\\s·]/g, "")) continue;
    for (const a of p.querySelectorAll("a")) {
      const box = a.getBoundingClientRect();
      if (box.width < 44 || box.height < 44) small.push([a.outerHTML.slice(0, 80), box.width, box.height]);
    }
  }
  return small;
}"""


@pytest.mark.parametrize("path", ["", "states/in-up/", "districts/in-up-gorakhpur/", "departments/up-police/",
                                  "departments/gorakhpur-sp-city/", "en/accounts/in-up/",
                                  "accounts/", "accounts/in-up/", "accounts/no-account/", "search/?q=gorakhpur",
                                  "verify/", "downloads/",
                                  "health/", "methodology/",
                                  "en/", "en/departments/up-police/", "en/search/?q=xyzzy"])
def test_links_and_buttons_in_lists_cards_tables_and_navigation_are_44_px_each_way(browser, added_site, serve,
                                                                                     path):
    server = serve(added_site)
    page, _ = open_page(browser, server.url + path, width=390)
    if "search/" in path:
        page.wait_for_function(SEARCH_DONE)
    assert page.evaluate(TAP_TARGETS) == []


FOCUSED = """() => { const e = document.activeElement, box = e.getBoundingClientRect();
  return {html: e.outerHTML.slice(0, 80), id: e.id, name: e.textContent.trim() || e.getAttribute("aria-label") || "",
          seen: box.right > 0 && box.left < innerWidth && box.bottom > 0 && box.top < innerHeight
                && getComputedStyle(e).visibility === "visible"}; }"""


def _tab(page, times: int) -> list[dict]:
    stops = []
    for _ in range(times):
        page.keyboard.press("Tab")
        stops.append(page.evaluate(FOCUSED))
    return stops


@pytest.mark.parametrize("javascript", [False, True])
@pytest.mark.parametrize("path", ["departments/up-police/", "en/accounts/", "methodology/"])
def test_a_keyboard_on_a_phone_wide_screen_skips_to_the_content_and_opens_the_menu_and_never_focuses_the_unseen(
        browser, added_site, serve, path, javascript):
    # At 390 px (or a laptop zoomed to 400 %) the navigation is a drawer out of sight: its links
    # and the hidden way back to the top took Tab focus where nobody could see it.
    server = serve(added_site)
    page, _ = open_page(browser, server.url + path, width=390, javascript=javascript)
    stops = _tab(page, 12)
    unseen = [stop["html"] for stop in stops if not stop["seen"] and stop["id"] != "__drawer"]
    assert unseen == []
    assert any("md-skip" in stop["html"] for stop in stops[:2])
    goto(page, server.url + path)
    if javascript:
        # The script puts a button in the menu's label's place: the checkbox under it is no second,
        # unseen stop before the skip link, nor a checkbox a screen reader announces first.
        assert "md-skip" in stops[0]["html"] and "__drawer" not in [stop["id"] for stop in stops]
        assert "checkbox" not in page.locator("body").aria_snapshot()
        page.keyboard.press("Tab")
    else:
        assert stops[0]["id"] == "__drawer"
    page.keyboard.press("Tab")
    page.keyboard.press("Space")
    page.wait_for_timeout(400)
    opened = _tab(page, 8)
    assert [stop for stop in opened if "md-nav__link" in stop["html"] and stop["seen"]], opened


# Where focus rests, a reader sees it: the element (not the sticky header, not a clipped
# box) is what the screen shows at its own centre, and its ring's colours.
IN_SIGHT = """() => { const e = document.activeElement, box = e.getBoundingClientRect();
  const hit = document.elementFromPoint(box.left + box.width / 2, box.top + box.height / 2);
  const s = getComputedStyle(e);
  return {html: e.outerHTML.slice(0, 80), shown: !!hit && (hit === e || e.contains(hit) || hit.contains(e)),
          ring: s.outlineColor, halo: s.boxShadow}; }"""


def test_what_a_keyboard_focuses_on_a_phone_is_in_sight_with_a_ring_that_stands_out(browser, bundled_site, serve):
    """A state's list at 390 px: the league's sort buttons sit in a header row hidden on a
    phone; Tab reached them unseen. Going back up a scorecard left focused links under the
    sticky header. The ring was the theme's orange, 2.8:1 on white."""
    server = serve(bundled_site)
    page, _ = open_page(browser, server.url + "accounts/in-up/", width=390)
    at_rest(page)
    stops = []
    for _ in range(40):
        page.keyboard.press("Tab")
        stops.append(page.evaluate(IN_SIGHT))
    assert any("<button" in stop["html"] for stop in stops)  # a sort button was reached
    assert [stop["html"] for stop in stops if not stop["shown"]] == []
    page, _ = open_page(browser, server.url + "departments/up-police/", width=390)
    at_rest(page)
    page.keyboard.press("End")
    # At the bottom, as a reader is before going back up: End's scroll is smooth, and a key
    # pressed while it still moves is a race between it and the focus, not a page's fault.
    page.wait_for_function("() => Math.ceil(scrollY + innerHeight) >= document.documentElement.scrollHeight")
    for _ in range(30):
        page.keyboard.press("Shift+Tab")
        stop = page.evaluate(IN_SIGHT)
        assert stop["shown"], stop["html"]
    ring = [int(v) for v in re.findall(r"\d+", stop["ring"])[:3]]
    halo = [int(v) for v in re.findall(r"\d+", stop["halo"])[:3]]
    # Dark on the white page, white against the teal header: each at least 3:1 (WCAG 1.4.11).
    assert contrast(ring, (255, 255, 255)) >= 3 and contrast(halo, (0, 105, 92)) >= 3, (ring, halo)


def test_a_keyboard_opens_the_menu_of_a_narrow_screen_and_escape_closes_it(browser, bundled_site, serve):
    """The theme's drawer opens from a label a keyboard could not reach (a phone with a
    keyboard, a laptop zoomed in): a button takes its place (a label may not take a button's
    role) that says whether the menu is open, Enter or Space opens it and moves into it,
    Escape closes it and comes back. Without JavaScript the label still opens it for a tap."""
    from axe_playwright_python.sync_playwright import Axe

    server = serve(bundled_site)
    page, log = open_page(browser, server.url + "en/departments/up-police/", width=390)
    at_rest(page)
    page.evaluate(Axe().axe_script)
    found = page.evaluate("axe.run('.md-header', {runOnly: ['aria-allowed-role']})")["violations"]
    assert [n["html"] for v in found for n in v["nodes"]] == []
    menu = page.locator(".md-header button[aria-controls]")
    assert menu.get_attribute("aria-expanded") == "false" and menu.inner_text() == "Navigation"
    on_menu = "document.activeElement.matches('.md-header button[aria-controls]')"
    for _ in range(6):
        page.keyboard.press("Tab")
        if page.evaluate(on_menu):
            break
    else:
        raise AssertionError("Tab did not reach the menu button")
    for key in ("Enter", "Space"):
        page.keyboard.press(key)
        assert page.locator("#__drawer").is_checked() and menu.get_attribute("aria-expanded") == "true", key
        inside = page.evaluate(IN_SIGHT)
        assert inside["shown"] and page.evaluate("!!document.activeElement.closest('.md-sidebar--primary')"), key
        page.keyboard.press("Escape")
        assert not page.locator("#__drawer").is_checked() and menu.get_attribute("aria-expanded") == "false"
        assert page.evaluate(on_menu), key
    # Shift+Tab from the menu's first link: back to the button, the menu still open (it went on
    # to the language list behind the menu, and closed it).
    page.keyboard.press("Enter")
    page.keyboard.press("Shift+Tab")
    assert page.evaluate(on_menu) and page.locator("#__drawer").is_checked()
    page.keyboard.press("Escape")
    # Tab past the menu's last link: the menu closes, and what has the focus is in sight.
    page.keyboard.press("Enter")
    for _ in range(40):
        page.keyboard.press("Tab")
        if not page.evaluate("!!document.activeElement.closest('.md-sidebar--primary')"):
            break
    assert not page.locator("#__drawer").is_checked() and page.evaluate(IN_SIGHT)["shown"]
    menu.click()  # a tap
    assert page.locator("#__drawer").is_checked() and menu.get_attribute("aria-expanded") == "true"
    assert log["errors"] == []
    quiet = browser.new_context(java_script_enabled=False, viewport={"width": 390, "height": 800})
    plain = quiet.new_page()
    plain.goto(server.url + "departments/up-police/")
    plain.locator('label.md-header__button[for="__drawer"]').click()
    assert plain.locator("#__drawer").is_checked()
    assert plain.locator('label.md-header__button[for="__drawer"]').get_attribute("tabindex") is None


def contrast(a, b) -> float:
    def lum(rgb):
        c = [v / 255 for v in rgb]
        c = [v / 12.92 if v <= 0.03928 else ((v + 0.055) / 1.055) ** 2.4 for v in c]
        return 0.2126 * c[0] + 0.7152 * c[1] + 0.0722 * c[2]
    hi, lo = sorted((lum(a), lum(b)), reverse=True)
    return (hi + 0.05) / (lo + 0.05)


@pytest.mark.parametrize("path", ["no/such/page/", "en/no/such/page/", "departments/gone/"])
def test_the_404_page_works_at_any_depth_when_served_from_the_root(browser, added_site, path):
    httpd, url = serve_with_404(added_site)
    try:
        page, log = open_page(browser, url + path, width=390)
        missing = []
        page.on("response", lambda r: r.status != 200 and r.url != url + path and missing.append(r.url))
        page.reload()
        settle(page)
        # The only console errors are the browser's notes that the page itself is a 404.
        assert {e for e in log["errors"] if "404 (Not Found)" not in e} == set()
        assert missing == [] and log["outside"] == []
        # The theme's styles and the site's own arrived: the header has its colour.
        assert page.locator(".md-header").evaluate("e => getComputedStyle(e).backgroundColor") != "rgba(0, 0, 0, 0)"
        links = set(page.locator("a[href]").evaluate_all("links => links.map(a => a.href)"))
        assets = set(page.locator("link[href], script[src]").evaluate_all(
            "els => els.map(e => e.href || e.src)"))
        inside = sorted(u.split("#")[0] for u in links | assets if u.startswith(url))
        assert len(inside) > 15  # the theme, the navigation, the footer
        dead = [u for u in inside if page.request.get(u).status != 200]
        assert dead == []
        # A link to a place in the page would go to that place of the home page (the page's
        # <base>): a keyboard's "skip to content" took its reader away from the page.
        assert page.locator('a[href^="#"]').count() == 0
        # Served for English addresses too: it says so in English, with the way to the English site.
        english = page.locator("p[lang=en] a")
        assert english.evaluate("a => a.href") == url + "en/" and english.inner_text() == "Jawabdehi in English"
        # It is no dead end: the site's search, in the page's language, finds from here.
        page.locator("form.jd-search input[type=search]").fill("गोरखपुर")
        with page.expect_navigation():
            page.locator("form.jd-search input[type=search]").press("Enter")
        assert page.url == url + "search/?q=%E0%A4%97%E0%A5%8B%E0%A4%B0%E0%A4%96%E0%A4%AA%E0%A5%81%E0%A4%B0"
    finally:
        httpd.shutdown()


def test_a_short_number_to_dial_is_44_px_each_way(browser, bundled_site, serve):
    """As a scorecard lists where else to complain (the numbers checked after this site's
    night are not on it, so one is put in as the formatter writes it)."""
    from generator.render.formatter import Formatter

    server = serve(bundled_site)
    page, _ = open_page(browser, server.url + "departments/up-police/", width=390)
    item = f"<li>Emergency: dial 112: {Formatter('en', {}).contact('112')} (checked 25 Nov 2026)</li>"
    page.evaluate("item => document.querySelector('.md-typeset').insertAdjacentHTML('beforeend', "
                  "'<ul>' + item + '</ul>')", item)
    sizes = page.locator("a[href^='tel:']").evaluate_all(
        "links => links.map(a => { const r = a.getBoundingClientRect(); return [a.innerText, r.width, r.height]; })")
    assert any(text.strip() == "112" for text, _, _ in sizes), sizes
    assert [s for s in sizes if s[1] < 44 or s[2] < 44] == []


@pytest.mark.parametrize("width", [390, 1366])
def test_a_handle_is_never_broken_across_lines(browser, bundled_site, serve, width):
    server = serve(bundled_site)
    page, _ = open_page(browser, server.url + "en/accounts/in-br/", width=width)
    # The lines its text takes (the link itself may be one box, as in a table's cells).
    lines = page.locator("a[translate=no]").evaluate_all("""links => links.map(a => {
        const range = document.createRange(); range.selectNodeContents(a);
        return new Set([...range.getClientRects()].map(r => Math.round(r.top))).size; })""")
    assert lines and set(lines) == {1}


def test_the_404_page_keeps_its_look_without_javascript_where_the_host_serves_the_site(browser, added_site):
    import http.server
    import re

    from generator.publish.preview import _Site

    from .helpers import serve_in_background

    prefix = re.search(r'<base href="([^"]+)">', (added_site / "404.html").read_text(encoding="utf-8"))[1]

    class UnderItsPath(_Site):  # the site at its own path, as GitHub Pages serves a project's site
        root = added_site

        def translate_path(self, path):
            inside = path.startswith(prefix)
            return super().translate_path("/" + path[len(prefix):] if inside else "/no/such/file")

    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), UnderItsPath)
    serve_in_background(httpd)
    try:
        url = f"http://127.0.0.1:{httpd.server_address[1]}{prefix}"
        page, log = open_page(browser, url + "no/such/page/", javascript=False, width=390)
        assert page.locator(".md-header").evaluate("e => getComputedStyle(e).backgroundColor") != "rgba(0, 0, 0, 0)"
        assert log["outside"] == []
    finally:
        httpd.shutdown()


def test_a_scorecard_fetches_no_sitemap_and_no_font(browser, bundled_site, serve):
    server = serve(bundled_site)
    context = browser.new_context(viewport={"width": 390, "height": 900})
    page = context.new_page()
    requests = []
    page.on("request", lambda r: requests.append(r.url))
    goto(page, server.url + "departments/up-police/")
    page.wait_for_timeout(500)  # the theme's script runs after load; give it the time it took before
    assert requests and not [u for u in requests if "sitemap" in u or u.endswith((".woff2", ".woff", ".ttf"))]
    assert "केबी" in page.locator(".jd-chart button").first.inner_text()  # what the chart weighs
    context.close()


def test_a_first_visit_to_a_hindi_scorecard_is_at_most_150_kb(browser, bundled_site):
    """Every byte until the network is idle, cold cache, compressed as GitHub Pages serves it."""
    import functools
    import http.server

    from benchmarks.page_weight import _Gzip, measure

    from .helpers import serve_in_background

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_Gzip, directory=str(bundled_site)))
    serve_in_background(server)
    try:
        received, _ = measure(browser, f"http://127.0.0.1:{server.server_address[1]}/departments/up-police/")
    finally:
        server.shutdown()
    assert 20_000 < received <= 150_000


CHART_TEXT = """() => {
  const out = {small: [], large: [], overlaps: [], outside: [], texts: 0};
  for (const svg of document.querySelectorAll("svg.jd-svg-chart")) {
    const scale = svg.getScreenCTM().a, frame = svg.getBoundingClientRect();
    const texts = [...svg.querySelectorAll("text")], boxes = texts.map(t => t.getBoundingClientRect());
    const bars = [...svg.querySelectorAll("rect.jd-bar")].map(r => r.getBoundingClientRect());
    const meets = (a, b) => a.left < b.right - 0.5 && b.left < a.right - 0.5
      && a.top < b.bottom - 0.5 && b.top < a.bottom - 0.5;
    texts.forEach((t, i) => {
      out.texts++;
      const px = parseFloat(getComputedStyle(t).fontSize) * scale, box = boxes[i];
      if (px < 12) out.small.push([t.textContent, px]);
      if (px > 20) out.large.push([t.textContent, px]);
      if (box.left < frame.left - 0.5 || box.right > frame.right + 0.5) out.outside.push(t.textContent);
      boxes.slice(i + 1).concat(bars).forEach((other, j) => meets(box, other) && out.overlaps.push(
        [t.textContent, j < boxes.length - i - 1 ? texts[i + 1 + j].textContent : "a bar"]));
    });
  }
  for (const img of document.querySelectorAll(".jd-badge img")) {
    const px = 12 * img.getBoundingClientRect().width / img.naturalWidth;
    if (px < 12) out.small.push([img.alt.slice(0, 40), px]);
  }
  return out;
}"""


# The narrowest phone (the smallest labels) in Hindi, the widest screen (the largest) in English.
@pytest.mark.parametrize("path, width", [("departments/up-police/", 360), ("districts/in-up-gorakhpur/", 360),
                                         ("en/departments/up-police/", 1366),
                                         ("en/districts/in-up-gorakhpur/", 1366)])
def test_chart_and_badge_text_is_at_least_12_px_and_stays_clear_of_the_rest(browser, added_site, serve, path, width):
    """A label set from a chart's own units shrinks and grows with the chart: on a phone it
    must still read at 12 px, on a wide screen it stays text-sized, and no label may run
    into another, into a bar or off the chart."""
    server = serve(added_site)
    page, _ = open_page(browser, server.url + path, width=width)
    found = page.evaluate(CHART_TEXT)
    assert found["texts"] >= 4
    assert (found["small"], found["large"], found["overlaps"], found["outside"]) == ([], [], [], [])


def test_a_dispute_link_written_in_letters_is_followed_as_the_fully_encoded_address(browser, added_site, serve):
    """Dispute links carry Hindi letters as they are (a third of the bytes of their percent
    codes): the browser must follow them to the very address the codes would give."""
    from urllib.parse import parse_qsl, quote

    server = serve(added_site)
    page, _ = open_page(browser, server.url + "departments/up-police/", width=390)
    links = page.locator("a[href^='mailto:']").evaluate_all("els => els.map(a => [a.getAttribute('href'), a.href])")
    disputes = [(written, followed) for written, followed in links if "?" in written]
    assert disputes
    for written, followed in disputes:
        address, _, query = written.partition("?")
        fields = parse_qsl(query, keep_blank_values=True)
        assert any("\u0900" <= c <= "\u097f" for _, value in fields for c in value)
        assert followed == address + "?" + "&".join(f"{k}={quote(v, safe='')}" for k, v in fields)



def test_the_complaints_ranking_reads_on_the_narrowest_phone(browser, tmp_path, serve):
    """Each ranked department is a stacked card on a phone, every figure after its column's name:
    the table cut mid-number ("2,0") with nothing to say it scrolls is not readable."""
    from .test_trust import complaint

    depts = [{**DEPT, "id": d, "name_en": d} for d in ("big-a", "big-b", "small-a", "small-b")]
    data = make_data(tmp_path / "data", depts, [], complaints=[
        complaint("big-a", 20_000, 15_000), complaint("big-b", 12_000, 11_000),
        complaint("small-a", 500, 400), complaint("small-b", 300, 150)])
    build(data, tmp_path / "public")
    server = serve(tmp_path / "public")
    for path, label in (("complaints/", "प्राप्त (n)"), ("en/complaints/", "Received (n)")):
        page, _ = open_page(browser, server.url + path, javascript=False, width=360)
        frames = page.locator(".jd-table-wrap")
        assert frames.count() == 2
        assert frames.evaluate_all("fs => fs.map(e => e.scrollWidth - e.clientWidth)") == [0, 0]
        cell = page.locator("td[data-label]", has_text="20,000").first
        assert cell.evaluate("c => getComputedStyle(c, '::before').content") == f'"{label}: "'
        page.close()


def test_a_count_dated_apart_from_its_row_keeps_the_league_table_within_a_laptop(browser, tmp_path, serve):
    """An account no longer found keeps its last count with that count's date: on a wide
    screen the date goes under the count, with and without the table's script, so the
    Followers column does not push the table past its frame."""
    from datetime import date

    import pandas as pd

    from generator.synth import synthesize

    end = date(2026, 11, 20)
    synthesize(tmp_path / "data", 150, 45, 5, end=end)
    build(tmp_path / "data", tmp_path / "public", end)
    handles = pd.read_csv(tmp_path / "public" / "data" / "handles.csv", dtype=str)
    gone = handles[handles["status"] == "not_found"]
    assert len(gone)  # the case this looks at is in the data
    server = serve(tmp_path / "public")
    for javascript in (False, True):
        query = f"?state={gone['state'].iloc[0]}" if javascript else ""
        page, _ = open_page(browser, server.url + "en/accounts/" + query, javascript=javascript, width=1366)
        if javascript:
            page.wait_for_function("document.querySelector('.jd-league-note').textContent.match(/[0-9]/)")
            assert page.locator(".jd-league-table td .jd-note").count()  # a count's date, under it
        frame = page.locator(".jd-table-wrap:has(.jd-league-table)").first
        assert frame.evaluate("e => e.scrollWidth - e.clientWidth") <= 0, javascript
        page.close()


# Each "·" in the page's content that ends a line: the letters before it, where the next letter
# after it sits on a lower line than the dot.
DANGLING_DOTS = r"""() => {
  const letters = [], walker = document.createTreeWalker(document.querySelector("article"), NodeFilter.SHOW_TEXT);
  for (let text; (text = walker.nextNode());)
    for (const m of text.data.matchAll(/\S/g)) {
      const range = document.createRange(); range.setStart(text, m.index); range.setEnd(text, m.index + 1);
      const box = range.getBoundingClientRect();
      if (box.width) letters.push([m[0], box]);
    }
  const before = i => letters.slice(Math.max(0, i - 30), i + 1).map(l => l[0]).join("");
  return letters.flatMap(([letter, box], i) =>
    letter === "·" && i + 1 < letters.length && letters[i + 1][1].top >= box.bottom - 2 ? [before(i)] : []);
}"""


@pytest.mark.parametrize("path", ["", "states/in-up/", "departments/up-police/", "en/", "en/departments/up-police/",
                                  "en/departments/union-prime-ministers-office/"])
def test_no_dot_between_parts_of_a_line_is_left_at_a_lines_end_on_a_phone(browser, bundled_site, serve, path):
    """A silent account's name on the home page ("मुज़फ़्फ़रपुर स्मार्ट सिटी लिमिटेड (एमएससीएल) ·"),
    a complaint table's platform ("X (ट्विटर) ·") and a scorecard's other name ("प्रधानमंत्री
    कार्यालय ·") ended a line with the dot that parted them from what came next, on its own line
    below: such parts are spaced, not dotted."""
    server = serve(bundled_site)
    page, _ = open_page(browser, server.url + path, javascript=False, width=360)
    for width in (360, 390, 414):
        page.set_viewport_size({"width": width, "height": 900})
        assert page.evaluate(DANGLING_DOTS) == [], width
    page.close()


@pytest.mark.parametrize("javascript", [False, True])
def test_a_league_rows_cells_on_a_phone_are_spaced_with_no_dot_left_at_a_lines_end(browser, bundled_site, serve,
                                                                                   javascript):
    """A row of the league table on a phone is its name, then its cells in running text: a dot
    drawn after each cell ended nearly every line ("बिजली · X (ट्विटर) · हैंडल हमें ज्ञात नहीं ·")."""
    server = serve(bundled_site)
    page, _ = open_page(browser, server.url + "accounts/in-br/", javascript=javascript, width=360)
    cells = page.locator("table.jd-league-table tbody td")
    assert cells.count() > 20
    drawn = cells.evaluate_all("cells => cells.map(td => getComputedStyle(td, '::after').content)")
    assert [content for content in drawn if "·" in content] == []
    # Still a few lines a row: the cells side by side, not one under the other.
    heights = page.locator("table.jd-league-table tbody tr").evaluate_all(
        "rows => rows.map(tr => tr.getBoundingClientRect().height)")
    assert max(heights) < 260, heights
    page.close()


@pytest.mark.parametrize("lang", ["", "en/"])
def test_a_search_results_parts_leave_no_dot_at_a_lines_end_on_a_phone(browser, bundled_site, serve, lang):
    """A result's name, place, status and handle were parted by dots: on a phone a line ended
    "उत्तर प्रदेश · अज्ञात ·", the handle alone on the next."""
    server = serve(bundled_site)
    page, log = open_page(browser, server.url + lang + "search/?q=police", width=360)
    page.wait_for_function(SEARCH_DONE)
    assert page.locator(".jd-search-results li").count() > 3
    for width in (360, 390, 414):
        page.set_viewport_size({"width": width, "height": 900})
        assert page.evaluate(DANGLING_DOTS) == [], width
    assert "·" not in page.locator(".jd-search-results").inner_text() and log["errors"] == []
    page.close()
