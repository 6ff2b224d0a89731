"""The journalist's and the department's tools: the league table, dated and bundled
downloads to cite, the grade explained, a scorecard on paper."""

import csv
import gzip
import html
import io
import json
import re
import shutil
import zipfile
from datetime import date, timedelta
from pathlib import Path

import pandas as pd
import pytest

from generator import paths
from generator.compute.thinning import DAILY_DAYS
from generator.render import downloads_page, formats
from generator.render.league import FIELDS
from generator.synth import synthesize

from .helpers import add_next_night, build, goto, open_page, settle

END = date(2026, 11, 20)


def synthetic(root, days=5, end=END, rows_per_page=None, accounts=60):
    data = root / "data"
    synthesize(data, accounts=accounts, days=days, seed=7, end=end)
    if rows_per_page:
        config = data / paths.CONFIG_TOML
        config.write_text(config.read_text().replace("rows_per_page = 200", f"rows_per_page = {rows_per_page}"))
    return data


# The chosen slice has arrived and its rows are drawn: the note counts them (while the slice
# loads, the plain page's rows are still there and the note has no number).
SLICE_SHOWN = "document.querySelector('.jd-league-note').textContent.match(/[0-9]/)"
# A place's name whose word ("Chhattisgarh") the line breaks inside: each piece between spaces and
# hyphens must lie on one line.
BROKEN_WORDS = """cells => cells.filter(c => c.offsetParent).flatMap(cell => {
  const text = cell.firstChild && cell.firstChild.nodeType === 3 ? cell.firstChild : null;
  if (!text) return [];
  return [...text.textContent.matchAll(/[^\\s-]+/g)].filter(m => {
    const r = document.createRange(); r.setStart(text, m.index); r.setEnd(text, m.index + m[0].length);
    return new Set([...r.getClientRects()].map(x => Math.round(x.top))).size > 1;
  }).map(m => m[0]); })"""


def names_in(page):
    return page.locator("table.jd-league-table tbody tr th").all_inner_texts()


@pytest.fixture(scope="module")
def league_site(tmp_path_factory):
    """300 synthetic accounts, built once for the tests that only read the league pages."""
    root = tmp_path_factory.mktemp("league")
    out = root / "public"
    build(synthetic(root, accounts=300), out, END)
    return out


def test_the_league_table_filters_to_a_district_and_sorts_by_followers(browser, league_site, serve):
    server = serve(league_site)
    context = browser.new_context(viewport={"width": 1366, "height": 900})
    page = context.new_page()
    goto(page, server.url + "en/accounts/")
    page.locator("select[name=state]").select_option("in-up")
    page.wait_for_function(SLICE_SHOWN)
    rows = page.locator("table.jd-league-table tbody tr")
    for district in page.locator("select[name=district] option").all_inner_texts()[1:]:
        page.locator("select[name=district]").select_option(label=district)
        if rows.count() >= 3:
            break
    assert rows.count() >= 3
    assert all(district in t for t in page.locator("table.jd-league-table tbody td[data-label=District]")
               .all_inner_texts())
    def followers_shown() -> list[int]:
        counts = page.locator("table.jd-league-table tbody td[data-label=Followers]").all_inner_texts()
        return [int(c.replace(",", "")) for c in counts if c != "–"]

    before = names_in(page)
    note = page.locator(".jd-league-note")  # the live region a screen reader reads out
    page.locator("th[data-sort=followers] button").click()
    descending, most_first = names_in(page), followers_shown()
    # The button keeps the focus and its name: the note says which way the rows now go.
    assert note.inner_text().endswith(" shown, in order: Most followers first")
    page.locator("th[data-sort=followers] button").click()
    ascending = names_in(page)
    assert note.inner_text().endswith(" shown, in order: Fewest followers first")
    assert descending != before or ascending != before
    assert sorted(ascending) == sorted(descending)  # the same rows, in another order
    numbers = followers_shown()
    assert len(set(numbers)) >= 2 and most_first == sorted(numbers, reverse=True) and numbers == sorted(numbers)
    assert page.locator("th[data-sort=followers]").get_attribute("aria-sort") == "ascending"
    # Which way is seen on the sorted column's header, and on no other.
    marks = page.locator("th[data-sort] button").evaluate_all(
        "bs => bs.map(b => getComputedStyle(b, '::after').content)")
    assert [m for m in marks if "↑" in m or "↓" in m] == [marks[[*page.locator("th[data-sort]").evaluate_all(
        "hs => hs.map(h => h.dataset.sort)")].index("followers")]] and "↑" in "".join(marks)


def test_on_a_phone_the_order_is_chosen_in_the_form(browser, league_site, serve):
    """Column headers are hidden on a phone (rows are stacked), so the form offers the order."""
    server = serve(league_site)
    page = browser.new_context(viewport={"width": 390, "height": 800}).new_page()
    goto(page, server.url + "accounts/")
    assert page.locator("table.jd-league-table thead").bounding_box()["width"] <= 1
    page.locator("select[name=state]").select_option("in-up")
    page.wait_for_function(SLICE_SHOWN)
    page.locator("select[name=sort]").select_option("followers:desc")
    counts = page.locator("table.jd-league-table tbody td.jd-num[data-label='फ़ॉलोअर']").all_inner_texts()
    numbers = [int(c.replace(",", "")) for c in counts if c != "–"]
    assert len(numbers) >= 3 and numbers == sorted(numbers, reverse=True)
    assert page.locator("th[data-sort=followers]").get_attribute("aria-sort") == "descending"
    assert page.locator(".jd-league-count").is_hidden()  # "1-200 of 300" is the country's, not the state's
    # Without a state, the order chosen is all India's; with no order either, the plain page is back.
    page.locator("select[name=state]").select_option("")
    page.wait_for_function("document.querySelector('.jd-league-note').textContent.includes('200')")
    assert page.locator("table.jd-league-table tbody tr").count() == 200 and "sort=followers" in page.url
    page.locator("select[name=sort]").select_option("")
    assert page.locator("table.jd-league-table tbody tr").count() == 200 and "?" not in page.url
    assert page.locator(".jd-league-count").is_visible()


@pytest.mark.parametrize("lang, every, up", [("", "सभी विभाग-खाते", "उत्तर प्रदेश: सभी खाते"),
                                             ("en/", "Every department account", "All accounts: Uttar Pradesh")])
def test_the_all_india_lists_caption_names_the_state_it_is_filtered_to(browser, league_site, serve, lang, every, up):
    """A screen reader that jumps from table to table hears the caption alone: filtered to a
    state, the table is that state's, as the state's own list names it."""
    server = serve(league_site)
    page = browser.new_context(viewport={"width": 390, "height": 800}).new_page()
    caption = page.locator("#cap-league")

    def named() -> str:
        return caption.evaluate("c => c.firstChild.nodeValue")

    goto(page, server.url + lang + "accounts/")
    assert named() == every
    page.locator("select[name=state]").select_option("in-up")
    page.wait_for_function(SLICE_SHOWN)
    assert named() == up and caption.locator(".jd-muted").count() == 1  # its source's note stays
    page.locator("select[name=status]").select_option("active")
    page.wait_for_function(f"location.search.includes('status=active') && {SLICE_SHOWN}")
    assert named() == up
    page.locator("select[name=state]").select_option("")  # all India's, still filtered by status
    page.wait_for_function(f"!location.search.includes('state=') && {SLICE_SHOWN}")
    assert named() == every
    page.locator("select[name=status]").select_option("")  # the plain page again
    assert named() == every
    goto(page, server.url + lang + "accounts/?state=IN-UP")  # a linked view
    page.wait_for_function(SLICE_SHOWN)
    assert named() == up
    goto(page, server.url + lang + "accounts/in-up/")  # a state's own list keeps its own name
    page.locator("select[name=state]").select_option("in-br")
    assert named() == up
    page.context.close()


# Each drawn row's raw 30-day growth (its eighth cell), blanks left out.
GROWTHS = "rs => rs.map(r => r.children[7].dataset.value).filter(v => v !== '').map(Number)"


def test_growth_is_ordered_either_way_so_the_accounts_losing_followers_fastest_come_first(
        browser, league_site, serve):
    """On a phone the form is the only way to order the list: growth, like a header, goes both ways."""
    with (league_site / "data" / "handles.csv").open(encoding="utf-8-sig") as f:
        growths = sorted(float(r["growth_30d"]) for r in csv.DictReader(f) if r["growth_30d"])
    assert growths[0] < 0  # some accounts lost followers
    server = serve(league_site)
    page = browser.new_context(viewport={"width": 390, "height": 800}).new_page()
    goto(page, server.url + "accounts/")
    menu = page.locator("select[name=sort]")
    assert "30 दिन में सबसे कम बढ़त पहले" in menu.locator("option").all_inner_texts()
    menu.select_option("growth:asc")
    page.wait_for_function(SLICE_SHOWN)
    rows = page.locator("table.jd-league-table tbody tr")
    shown = rows.evaluate_all(GROWTHS)
    assert shown == sorted(shown) and shown[:5] == growths[:5]  # all India's biggest losses first
    assert page.url.endswith("accounts/?sort=growth%3Aasc")  # a link to this order
    # On a laptop the header sorts by most growth first, then least, and the form follows it.
    page = browser.new_context(viewport={"width": 1366, "height": 900}).new_page()
    goto(page, server.url + "en/accounts/")
    assert "Least growth in 30 days first" in page.locator("select[name=sort] option").all_inner_texts()
    header = page.locator("th[data-sort=growth]")
    for order, value in (("descending", "growth:desc"), ("ascending", "growth:asc")):
        header.locator("button").click()
        page.wait_for_function(SLICE_SHOWN)
        assert header.get_attribute("aria-sort") == order
        assert page.locator("select[name=sort]").input_value() == value
    shown = page.locator("table.jd-league-table tbody tr").evaluate_all(GROWTHS)
    assert shown == sorted(shown) and shown[0] == growths[0]


STATUS_ORDER = ["active", "slow", "dormant", "abandoned", "suspended", "not_found", "no_account"]


def test_the_status_header_orders_from_active_to_gone_and_the_menu_names_every_order_a_header_sets(
        browser, league_site, serve):
    """Status sorts by how far an account is from answering, not by its name's letters; and
    a header whose order the menu lacks (rank in state) puts it in the menu rather than
    leaving it saying 'As listed' of a sorted table."""
    server = serve(league_site)
    page = browser.new_context(viewport={"width": 1366, "height": 900}).new_page()
    goto(page, server.url + "en/accounts/")
    menu = page.locator("select[name=sort]")
    statuses = "rs => rs.map(r => r.querySelector('td[data-label=Status] .jd-status').className.split('--')[1])"
    for value, label in (("status:asc", "Active first, no account last"),
                         ("status:desc", "No account, gone and silent first")):
        page.locator("th[data-sort=status] button").click()
        page.wait_for_function(SLICE_SHOWN)
        assert menu.input_value() == value
        assert menu.locator("option:checked").inner_text() == label
        shown = [STATUS_ORDER.index(s) for s in page.locator("table.jd-league-table tbody tr").evaluate_all(statuses)
                 if s in STATUS_ORDER]
        assert shown == sorted(shown, reverse=value.endswith("desc"))
    assert len(set(shown)) >= 3  # the first 200 from the far end hold several statuses
    page.locator("th[data-sort=rank] button").click()
    page.wait_for_function(SLICE_SHOWN)
    assert menu.input_value() == "rank:asc"
    assert menu.locator("option:checked").inner_text() == "Rank in state by followers ↑"
    page.context.close()


@pytest.mark.parametrize("value, column, worst_first", [
    ("followers:asc", 6, "smallest"), ("reply:desc", 10, "largest"), ("grade:desc", 11, "largest"),
    ("observed:asc", 12, "smallest")])
def test_on_a_phone_the_order_menu_finds_the_worst_first(browser, league_site, serve, value, column, worst_first):
    """Fewest followers, slowest reply, lowest grade, longest unseen: on a phone the form is the
    only way to order the list, and a reader holding departments to account looks for these."""
    server = serve(league_site)
    page = browser.new_context(viewport={"width": 390, "height": 800}).new_page()
    goto(page, server.url + "accounts/")
    page.locator("select[name=sort]").select_option(value)
    page.wait_for_function(SLICE_SHOWN)
    cells = page.locator("table.jd-league-table tbody tr").evaluate_all(
        f"rs => rs.map(r => {{ const c = r.children[{column}]; return c.dataset.value ?? c.textContent.trim(); }})")
    shown = [v for v in cells if v not in ("", "–")]
    # Blanks last. (Few reply times: a list shows the one the grade counts, measured only from
    # the grade's minimum of mentions.)
    assert len(shown) >= 4 and cells[:len(shown)] == shown
    values = [float(v) if re.fullmatch(r"-?[0-9.]+", v) else v for v in shown]
    assert values == sorted(values, reverse=worst_first == "largest")
    assert values[0] != values[-1]


def test_on_a_phone_all_accounts_start_from_a_state_in_compact_rows(browser, league_site, serve):
    """A citizen on a phone picks a state first (a link, so it works without JavaScript) and
    gets that state's accounts, a row each in a few lines rather than a card of thirteen."""
    server = serve(league_site)
    with (league_site / "data" / "handles.csv").open(encoding="utf-8-sig") as f:
        in_up = {r["department_id"] for r in csv.DictReader(f) if r["state"] == "IN-UP"}
    for javascript in (False, True):
        context = browser.new_context(viewport={"width": 390, "height": 800}, java_script_enabled=javascript)
        page = context.new_page()
        goto(page, server.url + "accounts/")
        start = page.locator("nav.jd-league-start")
        # The choice of state comes before the rows, and begins on the first screen.
        assert start.bounding_box()["y"] < 800
        assert start.bounding_box()["y"] < page.locator("table.jd-league-table").bounding_box()["y"]
        start.get_by_role("link", name="उत्तर प्रदेश").click()
        settle(page)
        assert page.url.endswith("accounts/in-up/")
        assert page.locator("h1").inner_text().startswith("उत्तर प्रदेश")
        rows = page.locator("table.jd-league-table tbody tr")
        shown = {re.search(r"departments/([^/]+)/", h).group(1)
                 for h in rows.locator("th[scope=row] a").evaluate_all("as => as.map(a => a.href)")}
        assert shown == in_up
        # Compact: the name, then the status, handle and figures in running text.
        heights = sorted(rows.evaluate_all("rs => rs.map(r => r.getBoundingClientRect().height)"))
        assert heights[len(heights) // 2] < 170, heights[len(heights) // 2]
        first = rows.first
        assert first.locator(".jd-status").is_visible() and first.locator("td.jd-num").first.is_visible()
        # The page's own state, said once in its title: out of the line, still under its header.
        assert first.locator("td.jd-state-cell").evaluate("td => td.getBoundingClientRect().width") <= 1
        # Each row is named by its department (a row header, with JavaScript or without), then a cell per column.
        assert first.locator("th[scope=row]").count() == 1
        assert first.locator("td, th").count() == page.locator("table.jd-league-table thead th").count()
        assert page.locator("details.jd-league-start a[aria-current=page]").count() == 1
        if javascript:
            assert page.locator("select[name=state]").input_value() == "in-up"
            # The link to another state's list is out of sight (no empty box beside the
            # state) until another state is chosen.
            assert page.locator("a.jd-league-go").is_hidden()
            assert page.locator("select[name=district] option").count() > 2  # the state's districts, no fetch
            page.locator("select[name=status]").select_option("active")
            page.wait_for_function(f"location.search.includes('status=active') && {SLICE_SHOWN}")
            statuses = rows.locator(".jd-status").evaluate_all("ss => ss.map(s => s.className)")
            assert statuses and all("jd-status--active" in c for c in statuses)
            assert "state=" not in page.url  # the state is the page's own address
            # Another state is its own list, offered as a link (choosing does not leave the
            # page on the first arrow key); the filter goes along.
            page.locator("select[name=state]").select_option("in-br")
            go = page.locator("a.jd-league-go")
            assert "accounts/in-up/" in page.url and go.inner_text() == "बिहार की सूची खोलें"
            assert statuses == rows.locator(".jd-status").evaluate_all("ss => ss.map(s => s.className)")
            go.click()
            page.wait_for_url("**/accounts/in-br/?status=active")
            page.wait_for_function(f"location.search.includes('status=active') && {SLICE_SHOWN}")
            assert page.locator("h1").inner_text().startswith("बिहार")
            statuses = rows.locator(".jd-status").evaluate_all("ss => ss.map(s => s.className)")
            assert statuses and all("jd-status--active" in c for c in statuses)
        context.close()


def test_the_lists_choices_keep_the_page_within_the_narrowest_phone(browser, league_site, serve):
    """In English the state's choice is as wide as its longest name ("Dadra and Nagar Haveli and
    Daman and Diu"): at 360 px its gap after it ran past the screen and the page moved sideways."""
    server = serve(league_site)
    context = browser.new_context(viewport={"width": 360, "height": 800})
    page = context.new_page()
    for path in ("en/accounts/in-up/", "accounts/in-up/"):
        goto(page, server.url + path)
        if path.startswith("en/"):
            assert "Dadra and Nagar Haveli and Daman and Diu" in page.locator("select[name=state]").inner_text()
        assert page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth") <= 0
    context.close()


def test_without_javascript_the_same_table_is_paginated(browser, five_nights, serve):
    server = serve(five_nights)
    context = browser.new_context(java_script_enabled=False, viewport={"width": 390, "height": 800})
    page = context.new_page()
    page.goto(server.url + "accounts/")
    assert page.locator("table.jd-league-table tbody tr").count() == 20
    assert page.locator("form.jd-league").is_hidden()
    # A link that asked for a filter (the home page's "Dormant (18)") is told why it has none.
    assert "Without JavaScript this list cannot be filtered" in page.locator("article").inner_text() or \
        "इस ब्राउज़र में यह सूची छानी या छाँटी नहीं जा सकती" in page.locator("article").inner_text()
    page.locator("nav.jd-pages a[rel=next]").click()
    # Loaded with its stylesheets: the pager's sizes are measured below.
    page.wait_for_url("**/accounts/page-2/", wait_until="load")
    assert page.locator("table.jd-league-table tbody tr").count() == 20
    # The pages' links are tapped with a thumb: 44 px each way, a page's number as well.
    sizes = page.locator("nav.jd-pages a").evaluate_all(
        "links => links.map(a => { const b = a.getBoundingClientRect(); return [a.textContent, b.width, b.height]; })")
    assert len(sizes) >= 3 and [s for s in sizes if s[1] < 44 or s[2] < 44] == []



@pytest.fixture(scope="module")
def nights_built(tmp_path_factory):
    """Five nights of 60 synthetic accounts and their site built on the last: (data, site).
    Twenty rows a page, for the paginated tests (the league table's, and a status list's page
    two): only the lists of accounts are cut into pages, a scorecard is the same byte for byte
    with any page size. Built once; a test that adds a night copies the data folder first."""
    root = tmp_path_factory.mktemp("five-nights")
    data = synthetic(root, rows_per_page=20)
    build(data, root / "public", END)
    return data, root / "public"


def test_a_nights_archive_stays_byte_identical_and_is_what_that_night_published(tmp_path, nights_built):
    data = shutil.copytree(nights_built[0], tmp_path / "data")
    first = nights_built[1]
    night = END.isoformat()
    archived = first / "data" / "archive" / night / "snapshots-x.csv.gz"
    kept = archived.read_bytes()
    original = (data / "snapshots" / "x" / f"{night}.csv").read_bytes()
    assert gzip.decompress(kept) == "\ufeff".encode() + original
    assert (first / "data" / "archive" / night / "run-x.json").read_bytes() == \
        (data / "snapshots" / "x" / f"{night}.run.json").read_bytes()
    add_next_night(data, tmp_path, 5, END, accounts=60)
    second = tmp_path / "second"
    build(data, second, END + timedelta(days=1))
    assert (second / "data" / "archive" / night / "snapshots-x.csv.gz").read_bytes() == kept
    assert (second / "data" / "archive" / (END + timedelta(days=1)).isoformat() / "snapshots-x.csv.gz").exists()


@pytest.mark.parametrize("lang", ["", "en/"])
def test_the_downloads_page_links_every_file_of_each_archived_night(nights_built, lang):
    """The page promised each night's observations and run record, but linked only the
    observations: the run record could be reached only by guessing its name."""
    site = nights_built[1]
    page = (site / lang / "downloads" / "index.html").read_text(encoding="utf-8")
    section = page[page.index('id="archive"'):page.index('id="machine"')]
    linked = set(re.findall(r'href="(?:\.\./)+(data/archive/[^"]+)"', section))
    written = {str(f.relative_to(site)) for f in (site / "data" / "archive").rglob("*") if f.is_file()}
    assert {Path(f).name for f in written} >= {"snapshots-x.csv.gz", "run-x.json"}
    assert linked == written
    # Only the observations are compressed, and the words say so.
    text = html.unescape(re.sub(r"<[^>]+>", "", section))
    assert "snapshots-<platform>.csv.gz" in text and "run-<platform>.json, " in text
    assert "jdsize" not in section


def test_the_methodology_cites_the_pinned_files_and_keeps_the_archive_only_so_long():
    """A reader who cites `data/archive/<date>/` as permanent has a dead link once the night is
    older than the archive keeps (DAILY_DAYS): the methodology says so, in both languages, and
    names the pinned files, which never change, as the address to cite. It names the replies a
    night's pinned ZIP holds, and their window, as the code has them."""
    from generator.compute.replies import REPLY_WINDOW_DAYS
    from generator.render.nights import REPLIES_MEMBER

    for lang in ("en", "hi"):
        text = (paths.PACKAGE.parent / paths.SITE_DOCS / lang / "methodology.md").read_text(encoding="utf-8")
        section = text.split("{ #citing-a-figure }", 1)[1].split("\n## ", 1)[0]
        assert "data/pinned.json" in section, lang
        assert re.search(rf"\b{DAILY_DAYS}\b", section), lang
        said = section[section.index(REPLIES_MEMBER):][:200]
        assert re.search(rf"\b{REPLY_WINDOW_DAYS}\b", said), (lang, said)


def test_the_nights_zip_holds_every_published_file_and_its_datapackage_every_column(tmp_path, nights_built):
    import json

    data, out = nights_built
    bundle = zipfile.ZipFile(out / "data" / "jawabdehi-latest.zip")
    names = set(bundle.namelist())
    published = {str(p.relative_to(out / "data")) for p in (out / "data").rglob("*.csv")}
    assert published <= names
    assert {"datapackage.json", "CITATION.cff", "methodology.hi.md", "methodology.en.md", "caveats.hi.md",
            "caveats.en.md"} <= names
    package = json.loads(bundle.read("datapackage.json"))
    listed = {r["path"]: [f["name"] for f in json.loads(bundle.read(r["schema"]))["fields"]]
              for r in package["resources"]}
    assert set(listed) == published
    for path, columns in listed.items():
        header = io.StringIO(bundle.read(path).decode("utf-8-sig")).readline().strip().split(",")
        assert header == columns, path
    # The same night gives the same ZIP, byte for byte.
    again = tmp_path / "again"
    build(data, again, END)
    assert (again / "data" / "jawabdehi-latest.zip").read_bytes() == \
        (out / "data" / "jawabdehi-latest.zip").read_bytes()


@pytest.fixture(scope="module")
def five_nights(nights_built):
    """The five nights' site (`nights_built`), for the tests that only read it."""
    return nights_built[1]


def test_scorecards_explain_the_grade_and_carry_a_citation(five_nights):
    out = five_nights
    # Observed departments with a grade (a department with no account is graded too, and
    # told what opening one would do: see test_definitions).
    graded = [p for p in sorted((out / "en" / "departments").glob("*/index.html"))
              if "What would raise the grade" in p.read_text(encoding="utf-8")
              and "No account" not in p.read_text(encoding="utf-8")]
    assert graded
    page = graded[0].read_text(encoding="utf-8")
    assert "State median" in page and ("Posting at least weekly would move Activity" in page
                                       or "Answering within an hour would move" in page)
    assert "Cite as: Jawabdehi," in page and "data as of" in page


def test_the_home_state_and_district_pages_carry_a_citation_as_their_list_does(five_nights):
    """The methodology promises a "Cite as" line on every page of figures: the home page's
    latest observations, a state's page and a district's had none. Each names the date and
    the files holding its rows as the state's (or all India's) list of accounts does."""
    def cite(path: str) -> str:
        page = (five_nights / path / "index.html").read_text(encoding="utf-8")
        return re.search(r'<p class="jd-muted jd-cite">(.*?)</p>', page, re.S).group(1)

    def held(line: str) -> str:  # the date and the files, after the page's own title and address
        return line.split("”, ", 1)[1].split(", ", 1)[1].split(" (", 1)[1]

    district = next(p.parent.name for p in sorted((five_nights / "districts").glob("*/index.html")))
    state = "-".join(district.split("-")[:2])  # in-up-gorakhpur is in in-up
    for lang, said in (("en/", "Cite as: Jawabdehi, “"), ("", "उद्धरण: जवाबदेही, “")):
        for path in ("", f"states/{state}/", f"districts/{district}/"):
            line = cite(lang + path)
            assert line.startswith(said) and re.search(r"20\d\d", line) and "data/" in line, (path, line)
        listed = held(cite(f"{lang}accounts/{state}/"))
        assert held(cite(f"{lang}states/{state}/")) == listed
        assert held(cite(f"{lang}districts/{district}/")) == listed
    assert "Latest observations" in cite("en/")


def test_a_scorecard_prints_on_one_a4_page(browser, five_nights, serve):
    out = five_nights
    server = serve(out)
    page = browser.new_page()
    # The scorecards with the most to print (the longest pages), in both languages: a page
    # that fits is not longer than these. Sixty departments' worth took a minute to print.
    cards = sorted(out.glob("departments/*/index.html"), key=lambda p: p.stat().st_size)[-3:]
    cards += sorted(out.glob("en/departments/*/index.html"), key=lambda p: p.stat().st_size)[-3:]
    assert len(cards) == 6
    for card in cards:
        goto(page, server.url + str(card.parent.relative_to(out)) + "/")
        pdf = page.pdf(format="A4")
        assert len(re.findall(rb"/Type\s*/Page[^s]", pdf)) == 1, card


# Every row of the league table as the reader sees it: its id, each cell's text and raw value.
ROWS_JS = r"""() => Array.from(document.querySelectorAll('table.jd-league-table tbody tr')).map(tr =>
  [tr.dataset.id, Array.from(tr.cells).map(td => td.innerText.replace(/\s+/g, ' ').trim()),
   Array.from(tr.cells).map(td => td.dataset.value === undefined ? null : td.dataset.value)])"""
# Cells of a row whose raw value is a column of handles.csv: (cell index, column).
RAW_CELLS = ((6, "followers"), (7, "growth_30d"), (8, "days_since_post"), (9, "rank_in_state"),
             (12, "observed_on"))


def plain_table(browser, url) -> dict[str, list[str]]:
    """Each row's cell texts on the plain pages (no JavaScript), every page of them."""
    context = browser.new_context(java_script_enabled=False)
    page, rows = context.new_page(), {}
    while url:
        page.goto(url)
        rows |= {key: texts for key, texts, _ in page.evaluate(ROWS_JS)}
        following = page.locator("nav.jd-pages a[rel=next]")
        url = following.first.evaluate("a => a.href") if following.count() else None
    context.close()
    return rows


def same_as_plain(rows, plain, csv_rows):
    """Rows the script drew: each cell's text as the plain page writes it, each raw value the CSV's."""
    assert rows
    for key, texts, raw in rows:
        assert texts == plain[key], key
        for cell, column in RAW_CELLS:
            assert (raw[cell] or "") == csv_rows[key][column], (key, column)
    return rows


@pytest.fixture(scope="module")
def forty_nights(tmp_path_factory):
    """Forty nights of 60 synthetic accounts, 40 rows a page (so all India's list runs to two),
    built on the last: the site the sorted league table's test and the 30-day change's test read."""
    root = tmp_path_factory.mktemp("forty-nights")
    build(synthetic(root, accounts=60, days=40, rows_per_page=40), root / "public", END)
    return root / "public"


def test_the_league_table_sorts_and_filters_all_india_as_the_plain_page_and_the_csv_say(browser, forty_nights,
                                                                                         serve):
    """With JavaScript, a header sorts all of India and a filter keeps the accounts silent for
    more than N days; every string shown is the plain page's, every raw value the CSV's, and
    the view is in the address, so a link opens it again."""
    with (forty_nights / "data" / "handles.csv").open(encoding="utf-8-sig") as f:
        csv_rows = {f"{r['department_id']}/{r['platform']}": r for r in csv.DictReader(f)}
    server = serve(forty_nights)
    errors = []
    for lang, width in (("", 390), ("en/", 1366)):
        url = server.url + lang + "accounts/"
        plain = plain_table(browser, url)
        assert len(plain) > 40  # more than one plain page: the sort is of all India
        page = browser.new_context(viewport={"width": width, "height": 900}).new_page()
        page.on("pageerror", lambda e: errors.append(str(e)))
        goto(page, url)
        if width > 800:
            page.locator("th[data-sort=followers] button").click()
        else:
            page.locator("select[name=sort]").select_option("followers:desc")
        page.wait_for_function(SLICE_SHOWN)
        assert "sort=followers" in page.url and "state=" not in page.url

        rows = same_as_plain(page.evaluate(ROWS_JS), plain, csv_rows)
        followers = [int(raw[6]) for _, _, raw in rows if raw[6]]
        assert followers == sorted(followers, reverse=True)
        assert len(rows) == min(200, len(plain))
        # The first rows are the whole country's largest, not the first plain page's.
        top = sorted((int(r["followers"]) for k, r in csv_rows.items() if k in plain and r["followers"]), reverse=True)
        assert followers[:10] == top[:10]

        page.locator("select[name=idle]").select_option("30")
        page.wait_for_function("location.search.includes('idle=30')")
        rows = same_as_plain(page.evaluate(ROWS_JS), plain, csv_rows)
        silent = {k for k in plain if csv_rows[k]["days_since_post"] and int(csv_rows[k]["days_since_post"]) > 30}
        assert {k for k, _, _ in rows} <= silent and len(rows) == min(200, len(silent))
        assert "sort=followers" in page.url

        # The address opens the same view: a state, sorted by followers, fewest first.
        state = next(r["state"] for k, r in csv_rows.items() if k in plain)
        goto(page, url + f"?state={state}&sort=followers:asc")
        page.wait_for_function(SLICE_SHOWN)
        rows = same_as_plain(page.evaluate(ROWS_JS), plain, csv_rows)
        assert {csv_rows[k]["state"] for k, _, _ in rows} == {state}
        followers = [int(raw[6]) for _, _, raw in rows if raw[6]]
        assert followers == sorted(followers)
        assert page.locator("th[data-sort=followers]").get_attribute("aria-sort") == "ascending"
        assert errors == []


def test_every_row_of_a_long_sorted_list_can_be_reached_and_an_empty_choice_says_so(browser, league_site, serve):
    with (league_site / "data" / "handles.csv").open(encoding="utf-8-sig") as f:
        total = sum(1 for _ in csv.DictReader(f))
    server = serve(league_site)
    page = browser.new_context(viewport={"width": 1366, "height": 900}).new_page()
    goto(page, server.url + "en/accounts/?sort=followers")
    page.wait_for_function(SLICE_SHOWN)
    rows = page.locator("table.jd-league-table tbody tr")
    more = page.locator("button.jd-league-more")
    assert total > 200 and rows.count() == 200 and more.inner_text() == f"Show {total - 200} more"
    box = more.bounding_box()
    assert box["height"] >= 44 and box["width"] >= 44
    more.focus()
    page.keyboard.press("Enter")
    assert rows.count() == total and more.is_hidden()
    # The button gone, the focus is not lost to the page's top: it is on the first row drawn.
    assert page.evaluate("document.activeElement.closest('tr') === "
                         "document.querySelectorAll('table.jd-league-table tbody tr')[200]")
    assert page.locator(".jd-league-note").inner_text() == f"{total} of {total} shown, in order: Most followers first"
    # A choice no row keeps: said in words, not '0 of 0 shown' over an empty table.
    page.locator("select[name=idle]").select_option("365")
    page.locator("select[name=status]").select_option("active")
    page.wait_for_function("document.querySelector('.jd-league-note').textContent.includes('No account')")
    assert rows.count() == 0 and more.is_hidden()


def list_rows(out, base: str) -> set[str]:
    """The `department/platform` of every row of one list, over all its pages (no script)."""
    rows = set()
    for page in sorted((out / base).glob("**/index.html")):
        if page.parent == out / base or page.parent.name.startswith("page-"):
            rows |= set(re.findall(r'<tr data-id="([^"]+)"', page.read_text(encoding="utf-8")))
    return rows


def test_each_list_links_the_csv_of_its_rows(league_site):
    """A state's list links data/states/<state>.csv, all India's handles.csv: the same rows,
    with every column, and a department sharing an account on a row of its own."""
    handles = list(csv.DictReader(io.StringIO((league_site / "data/handles.csv").read_text(encoding="utf-8-sig"))))
    states = sorted({r["state"] for r in handles})
    assert len(states) > 3
    for lang in ("", "en/"):
        for state in states:
            base = f"{lang}accounts/{state.lower()}/"
            page = (league_site / base / "index.html").read_text(encoding="utf-8")
            link = re.search(r'<p class="jd-list-csv">[^<]*<a href="([^"]+)" download>', page)
            assert link and link.group(1) == f"../../{'../' if lang else ''}data/states/{state.lower()}.csv"
            words = re.search(r'<p class="jd-list-csv"><a [^>]+>([^<]+)</a>', page).group(1)
            assert words.startswith("Download the list of ") if lang else words.endswith("CSV फ़ाइल में डाउनलोड करें")
            text = (league_site / "data/states" / f"{state.lower()}.csv").read_text(encoding="utf-8-sig")
            rows = list(csv.DictReader(io.StringIO(text)))
            assert rows == [r for r in handles if r["state"] == state]
            ids = {f"{r['department_id']}/{r['platform']}" for r in rows}
            shown = list_rows(league_site, base)
            assert shown <= ids
            assert all(r["shared_with"] for r in rows if f"{r['department_id']}/{r['platform']}" not in shown)
        national = (league_site / lang / "accounts/index.html").read_text(encoding="utf-8")
        assert re.search(r'<p class="jd-list-csv">[^<]*<a href="[./]*data/handles\.csv" download>', national)


def test_the_home_pages_rest_of_the_attention_list_opens_a_status_at_a_time(browser, league_site, serve):
    """Past its first rows, the home page's list of accounts needing attention offers each
    status with its count: each opens that status's own list, largest first, with or without
    JavaScript, and from there the list of all accounts filtered to it."""
    server = serve(league_site)
    handles = pd.read_csv(league_site / "data" / "handles.csv", encoding="utf-8-sig", dtype=str)
    dormant_rows = (handles["status"] == "dormant").sum()
    by_id = handles.set_index(handles["department_id"] + "/" + handles["platform"])
    for javascript in (False, True):
        page, log = open_page(browser, server.url + "en/", width=390, javascript=javascript)
        assert "more. Every account needing attention" in page.content()
        links = page.locator("#attention ~ ul.jd-places a")
        assert links.count() >= 2
        dormant = page.locator("#attention ~ ul.jd-places li", has_text="Dormant")
        count = int(re.sub(r"\D", "", dormant.locator(".jd-muted").inner_text()))
        assert 0 < count == dormant_rows
        sizes = links.evaluate_all("links => links.map(a => a.getBoundingClientRect().height)")
        assert min(sizes) >= 44
        dormant.locator("a").click()
        page.wait_for_url(re.compile(r"/en/accounts/dormant/$"))
        if not javascript:  # the status's card on the home page opens the same list
            page.go_back()
            page.locator(".jd-card--dormant a").click()
            page.wait_for_url(re.compile(r"/en/accounts/dormant/$"))
        assert page.locator("h1").inner_text() == "Dormant: all India"
        assert page.locator("table.jd-league-table caption").inner_text().startswith("Dormant: all India")
        # The CSV holds every account: the link says which rows of it are these.
        csv_link = page.locator(".jd-list-csv a")
        weighs = downloads_page.file_size((league_site / "data/handles.csv").stat().st_size, "en")
        assert f"(data/handles.csv, {weighs}): this list's rows have “dormant” in their status column" in \
            csv_link.inner_text()
        assert csv_link.get_attribute("href").endswith("data/handles.csv")
        rows = page.locator("table.jd-league-table tbody tr")
        statuses = set(rows.locator("td[data-label='Status']").all_inner_texts())
        assert statuses and all("Dormant" in s for s in statuses)
        # Since when each has been silent: the day of its last post, as handles.csv has it.
        since = [[i, f"(last post {formats.day(by_id.loc[i, 'last_post_at'], 'en')})"]
                 for i in rows.evaluate_all("rows => rows.map(r => r.dataset.id)")]
        assert rows.evaluate_all("rows => rows.map(r => [r.dataset.id, r.querySelector("
                                 "'td[data-label=Status] .jd-note').textContent])") == since
        counts = rows.locator("td[data-label='Followers']").evaluate_all(
            "cells => cells.map(c => c.dataset.value === '' ? -1 : Number(c.dataset.value))")
        assert len(counts) == count and counts == sorted(counts, reverse=True)
        assert log["errors"] == [] and log["outside"] == []
        if javascript:  # filtering the status further needs the script
            page.get_by_role("link", name="Filter these by state").click()
            page.wait_for_url(re.compile(r"/en/accounts/\?status=dormant&sort=followers(#jd-league)?$"))
            page.wait_for_function(SLICE_SHOWN)
            # It opens at the form, not at the states' links that fill a phone's first screens.
            form = page.locator("form.jd-league").bounding_box()
            assert 0 <= form["y"] < page.viewport_size["height"] / 2
            shown = page.locator("table.jd-league-table tbody tr td[data-label='Status']").all_inner_texts()
            assert len(shown) == count and all("Dormant" in s for s in shown)
            drawn = page.locator("table.jd-league-table tbody tr").evaluate_all(
                "rows => rows.map(r => [r.dataset.id, r.querySelector('td[data-label=Status] .jd-note').textContent])")
            assert sorted(drawn) == sorted(since)  # the script's rows say it as the plain list does
        page.close()


def list_ids(page) -> list[str]:
    """The `department/platform` of each row of one plain list page, in its order."""
    return re.findall(r'<tr data-id="([^"]+)"', page.read_text(encoding="utf-8"))


def test_a_status_list_past_one_page_goes_on_at_page_two(five_nights):
    """A status with more accounts than a page holds goes on a page at a time, still largest
    first, and its later pages have their own shell (they are a level deeper). The five nights'
    active accounts fill more than two of its pages of twenty."""
    out, size = five_nights, 20
    handles = pd.read_csv(out / "data" / "handles.csv", encoding="utf-8-sig", dtype={"followers": "Int64"})
    active = handles[handles["status"] == "active"]
    ids = active["department_id"] + "/" + active["platform"]
    followers = dict(zip(ids, active["followers"].fillna(-1), strict=True))
    shown = []
    for n in range(1, (len(active) + size - 1) // size + 2):
        folder = out / "en" / "accounts" / "active" / ("" if n == 1 else f"page-{n}")
        if (folder / "index.html").exists():
            shown += list_ids(folder / "index.html")
    assert len(shown) > 2 * size and set(shown) <= set(followers)
    assert len(shown) == len(set(shown))
    missing = set(followers) - set(shown)  # an account two departments share is one row
    assert all(active.set_index(ids).loc[list(missing), "shared_with"].notna())
    counts = [followers[i] for i in shown]
    assert counts == sorted(counts, reverse=True)
    assert (out / "en" / "accounts" / "active" / "page-2" / "index.html").read_text().count("jd-pages")


@pytest.mark.parametrize("path", ["en/accounts/", "accounts/", "en/accounts/in-up/", "accounts/in-up/"])
def test_all_indias_list_of_long_place_names_fits_a_laptop(browser, league_site, serve, path):
    """Three hundred departments bring the longest names (Thiruvananthapuram, a measured reply's
    date): the thirteen columns still fit 1,366 px, with and without the script, and no place's
    name is broken inside a word. A state's list leaves out the State column, which would name its
    state on every row."""
    server = serve(league_site)
    for javascript in (False, True):
        page, _ = open_page(browser, server.url + path, javascript=javascript, width=1366)
        if javascript:
            page.locator("select[name=sort]").select_option("followers:desc")
            page.wait_for_function(SLICE_SHOWN)
        frame = page.locator(".jd-table-wrap:has(.jd-league-table)").first
        assert frame.evaluate("e => e.scrollWidth - e.clientWidth") <= 0, javascript
        shown = frame.locator(".jd-state-cell").evaluate_all("cells => cells.filter(c => c.offsetParent).length")
        assert (shown == 0) == ("/in-up/" in path), (javascript, shown)
        assert frame.locator("td.jd-place").evaluate_all(BROKEN_WORDS) == [], javascript
        page.close()


def test_a_scorecard_shows_a_30_day_change_once_where_the_growth_says_the_same(forty_nights):
    """'Change 30 days +235' beside '30-day growth +235' reads as two figures: where the two are
    the same (no jump left out), the scorecard keeps the growth, the league table's figure, and
    the other windows' changes. (Where they differ, the figure checker requires both.)"""
    handles = pd.read_csv(forty_nights / "data" / "handles.csv", encoding="utf-8-sig",
                          dtype={"department_id": str, "platform": str})
    same = handles[(handles["change_30d"] == handles["growth_30d"]) & (handles["jumps_30d"].fillna(0) == 0)]
    assert len(same) > 10
    for dept in same["department_id"].head(10):
        page = (forty_nights / "en" / "departments" / dept / "index.html").read_text(encoding="utf-8")
        assert "<dt>30-day growth</dt>" in page and "<dt>Change 7 days</dt>" in page, dept
        assert "<dt>Change 30 days</dt>" not in page, dept


def test_every_list_of_accounts_opens_on_figures_in_one_order_with_its_file_and_slice(bundled_site):
    """A list sorted by state code opened on the Government of India's rows, a page of dashes:
    the largest audiences come first, the rows without a count after them (the Government of
    India's last, as the state picker names it), and the plain pages, the CSV and the script's
    slices (what 'as listed' and a sort by followers show) hold the rows in that one order, as
    each state's and each status's list does."""
    handles = list(csv.DictReader(io.StringIO((bundled_site / "data/handles.csv").read_text(encoding="utf-8-sig"))))
    key = [f"{r['department_id']}/{r['platform']}" for r in handles]
    assert any(not r["followers"] for r in handles) and any(r["state"] == "IN" for r in handles)
    counts = [int(r["followers"]) for r in handles if r["followers"]]
    assert [bool(r["followers"]) for r in handles] == sorted((bool(r["followers"]) for r in handles), reverse=True)
    assert counts == sorted(counts, reverse=True)
    blank = [r["state"] == "IN" for r in handles if not r["followers"]]
    assert blank == sorted(blank)  # the union's rows without a count after the states'
    for lang in ("", "en/"):
        national = [bundled_site / lang / "accounts/index.html",
                    *sorted((bundled_site / lang / "accounts").glob("page-*/index.html"),
                            key=lambda p: int(p.parent.name.removeprefix("page-")))]
        plain = [i for page in national for i in list_ids(page)]
        assert plain and handles[key.index(plain[0])]["followers"]  # the first row has a figure
        assert plain == [k for k in key if k in set(plain)]
        for state in sorted({r["state"] for r in handles}):
            mine = [k for k, r in zip(key, handles, strict=True) if r["state"] == state]
            assert list_ids(bundled_site / lang / "accounts" / state.lower() / "index.html") == \
                [k for k in mine if k in set(plain)][:200]
        # A status's list is its rows of that one order too: no sort of its own to drift from it.
        for status in sorted({r["status"] for r in handles}):
            mine = [k for k, r in zip(key, handles, strict=True) if r["status"] == status]
            folder = bundled_site / lang / "accounts" / status.replace("_", "-")
            assert list_ids(folder / "index.html") == [k for k in mine if k in set(plain)][:200], status
        part = json.loads((bundled_site / "data/league" / (lang.rstrip("/") or "hi") / "all.json").read_text())
        platform = FIELDS.index("platform")
        assert [f"{row[0]}/{part['platform'][row[platform]][0]}" for row in part["rows"]] == plain


# Pixels between the end of each row's reply time and the start of its grade, as drawn.
REPLY_TO_GRADE = """rows => rows.map(r => {
  const reply = r.querySelector("td[data-label^='Reply']"), grade = reply.nextElementSibling;
  const box = cell => { const range = document.createRange(); range.selectNodeContents(cell);
                        return range.getBoundingClientRect(); };
  return box(grade).left - box(reply).right; })"""


def test_on_a_laptop_a_reply_time_and_the_grade_beside_it_read_as_two_cells(browser, bundled_site, serve):
    """The reply time sits at its column's right and the grade at the next one's left, 8 px
    apart: 'at most 60' and 'C', or two dashes, read as one cell ('– –'). The grade stands in
    its column's middle, with or without the script."""
    server = serve(bundled_site)
    for javascript in (False, True):
        page, log = open_page(browser, server.url + "en/accounts/", width=1366, javascript=javascript)
        if javascript:
            page.locator("select[name=sort]").select_option("reply:asc")
            page.wait_for_function(SLICE_SHOWN)
        gaps = page.locator("table.jd-league-table tbody tr").evaluate_all(REPLY_TO_GRADE)
        assert gaps and min(gaps) >= 16, (javascript, min(gaps))
        assert log["errors"] == []
        page.close()


def test_every_status_card_with_a_count_opens_the_list_of_its_accounts(bundled_site):
    """'131 Unknown' (and Active, Slow) on the home page led nowhere: only the statuses needing
    attention had a list. Each card with a count opens its status's list, which holds that
    many rows, all of it; a card of none is no link."""
    handles = pd.read_csv(bundled_site / "data" / "handles.csv", encoding="utf-8-sig", dtype=str)
    for lang in ("", "en/"):
        home = (bundled_site / lang / "index.html").read_text(encoding="utf-8")
        cards = re.findall(r'<li class="jd-card jd-card--(\w+)"><span class="jd-card__count">([^<]+)</span>'
                           r'<span class="jd-card__label">(.*?)</span></li>', home)
        assert {status for status, _, _ in cards} >= {"active", "slow", "unknown", "dormant"}
        assert any(status == "unknown" and count != "0" for status, count, _ in cards)
        for status, count, label in cards:
            link = re.match(r'<a href="([^"]+)">', label)
            assert bool(link) == (count != "0"), (lang, status)
            if link:
                target = (bundled_site / lang / link.group(1)).resolve()
                assert target == (bundled_site / lang / "accounts" / status.replace("_", "-")).resolve()
                shown = list_rows(bundled_site, f"{lang}accounts/{status.replace('_', '-')}")
                mine = set(handles.loc[handles["status"] == status, "department_id"] + "/" +
                           handles.loc[handles["status"] == status, "platform"])
                assert len(shown) == int(count.replace(",", "")) and shown <= mine, (lang, status)
