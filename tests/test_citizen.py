"""The citizen's site, in headless Chromium at 390 px in Hindi, as a reader in Muzaffarpur
would use it; and the promises every page keeps."""

import json
import re
from datetime import date
from html.parser import HTMLParser
from urllib.parse import quote

import pandas as pd
import pytest
from markupsafe import escape

from generator.render import formats
from generator.render.league import FIELDS
from generator.render.search import normalise

from .helpers import DATA, build, copy_bundled, goto, settle

PHONE = 390
# Any address but the local server's.
LEAVING = re.compile(r"^(?!http://127\.0\.0\.1[:/])")
ENGLISH_PLACES = ["Muzaffarpur", "Gorakhpur", "Bihar", "Uttar Pradesh", "Haryana"]


def phone_page(browser, url, javascript=True):
    context = browser.new_context(java_script_enabled=javascript, viewport={"width": PHONE, "height": 800})
    page = context.new_page()
    outside = []
    # Only a request leaving 127.0.0.1 is routed: the browser matches the pattern itself, so the
    # page's own requests never wait on a round trip through this process.
    context.route(LEAVING, lambda r: (outside.append(r.request.url), r.abort()))
    goto(page, url)
    return page, outside


def within_screen(locator):
    box = locator.bounding_box()
    return box is not None and box["x"] >= 0 and box["x"] + box["width"] <= PHONE + 0.5


def test_from_home_to_a_district_in_two_taps_and_its_police_handle_on_screen(browser, bundled_site, serve):
    server = serve(bundled_site)
    page, outside = phone_page(browser, server.url)
    page.locator(".jd-places a", has_text="बिहार").click()
    settle(page)
    page.locator(".jd-places a", has_text="मुज़फ़्फ़रपुर").click()
    settle(page)
    assert page.url == server.url + "districts/in-br-muzaffarpur/"
    card = page.locator("article.jd-dept", has=page.locator("h3", has_text="मुज़फ़्फ़रपुर पुलिस"))
    assert card.count() == 1
    for part in (".jd-dept__name", ".jd-dept__handle", ".jd-dept__status", ".jd-dept__reply"):
        assert within_screen(card.locator(part)), part
    assert "हैंडल हमें ज्ञात नहीं" in card.locator(".jd-dept__handle").inner_text()
    # The newest figure of the bundled data: the site's as-of date, so not an old one; a
    # newspaper's, said as the report's, not as one the collector saw.
    status = card.locator(".jd-dept__status").inner_text()
    assert "प्रभात ख़बर डिजिटल डेस्क के अनुसार 18 जुलाई 2023 को" in status and "देखा" not in status
    assert "60 मिनट" in card.locator(".jd-dept__reply").inner_text()
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE
    assert outside == []


def test_without_javascript_a_search_leads_to_the_lists_that_need_none(browser, bundled_site, serve):
    """Without JavaScript no search box is offered, on the home page or the search page (its
    query could not be read), nor the header's button that led to the search page on every
    page: the search page says so in plain words and offers both ways that work without it,
    and the list of all accounts then finds the department."""
    server = serve(bundled_site)
    home, _ = phone_page(browser, server.url, javascript=False)
    assert home.locator(".md-content form.jd-search").count() == 1
    assert home.locator(".md-content form.jd-search").is_hidden()
    assert home.locator(".md-header a.jd-search-button").count() == 1
    assert home.locator(".md-header a.jd-search-button").is_hidden()
    assert home.locator(".jd-places a").first.is_visible()
    page, outside = phone_page(browser, server.url + "search/?q=" + quote("गोरखपुर"), javascript=False)
    text = page.locator(".md-content").inner_text()
    assert "खोज इस ब्राउज़र में नहीं चलती" in text and "JavaScript" not in text
    # Nor is a line asking to type into the box that is not there.
    assert "हैंडल या छोटा नाम लिखें" not in text
    assert page.get_by_role("link", name="अपना राज्य और ज़िला चुनें").is_visible()
    # A box that would only empty itself on submit is not offered.
    assert page.locator(".md-content form.jd-search").is_hidden()
    english, _ = phone_page(browser, server.url + "en/search/", javascript=False)
    assert "Search does not work in this browser" in english.locator(".md-content").inner_text()
    page.get_by_role("link", name="सभी खाते, राज्य के अनुसार").click()
    settle(page)
    assert page.url == server.url + "accounts/"
    assert "गोरखपुर" in page.locator(".md-content").inner_text()
    assert outside == []


def test_a_notes_summary_shows_where_the_keyboard_is_without_javascript(browser, bundled_site, serve):
    """The theme rings a focused summary only through its script: tabbing to a scorecard's
    note without JavaScript shows a ring too."""
    server = serve(bundled_site)
    page, _ = phone_page(browser, server.url + "departments/gorakhpur-dm/", javascript=False)
    for _ in range(120):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.tagName") == "SUMMARY":
            break
    assert page.evaluate("document.activeElement.closest('details.jd-source-note') !== null")
    outline = page.evaluate("(s => [s.outlineStyle, s.outlineWidth])(getComputedStyle(document.activeElement))")
    assert outline[0] != "none" and float(outline[1].removesuffix("px")) >= 2


@pytest.mark.parametrize("path, name", [
    ("departments/muzaffarpur-police/", "सभी विभागों के शिकायत आँकड़ों की तुलना"),
    ("en/departments/gorakhpur-dm/", "Complaint figures of all departments compared")])
def test_a_departments_complaints_lead_to_the_complaints_page(browser, bundled_site, serve, path, name):
    """A department's complaints section, with figures (beside their CSV file) or without,
    leads by a thumb-sized link to the page that sets every department's figures side by side."""
    server = serve(bundled_site)
    page, _ = phone_page(browser, server.url + path, javascript=False)
    link = page.get_by_role("link", name=name)
    box = link.bounding_box()
    assert box["height"] >= 44 and box["width"] >= 44 and within_screen(link)
    if "muzaffarpur" in path:
        csv = page.get_by_role("link", name="शिकायतों के आँकड़े CSV में").first.bounding_box()
        assert csv["height"] >= 44
    link.click()
    settle(page)
    assert page.url == server.url + path.split("departments/")[0] + "complaints/"


# The text between a line of links' links (a separator) that is not on the line of the link
# after it: a dot left alone at a line's end.
LONE_SEPARATORS = """() => [...document.querySelectorAll(".md-content .jd-links")].flatMap(line =>
  [...line.childNodes].filter(node => node.nodeType === Node.TEXT_NODE && node.data.trim()
                                      && node.nextElementSibling).filter(node => {
    const range = document.createRange();
    range.selectNodeContents(node);
    const text = [...range.getClientRects()].pop(), next = node.nextElementSibling.getBoundingClientRect();
    return text.bottom <= next.top || text.top >= next.bottom;
  }).map(node => node.data.trim()))"""


@pytest.mark.parametrize("width", [360, 390, 414])
@pytest.mark.parametrize("path", ["", "departments/muzaffarpur-police/"])
def test_a_line_of_links_leaves_no_separator_alone_at_a_lines_end(browser, bundled_site, serve, path, width):
    """A department's link to its complaints' CSV file and the one to the complaints page (and
    the home page's feed and events file) wrapped on a phone with their "·" at the end of the
    first line, pointing at nothing."""
    server = serve(bundled_site)
    context = browser.new_context(viewport={"width": width, "height": 800})
    page = context.new_page()
    goto(page, server.url + path)
    assert page.locator(".md-content .jd-links a").count() == 2
    assert page.evaluate(LONE_SEPARATORS) == []
    context.close()


@pytest.mark.parametrize("path", ["", "states/in-br/", "districts/in-br-muzaffarpur/",
                                  "departments/muzaffarpur-police/", "departments/haryana-cm/", "accounts/",
                                  "complaints/", "downloads/", "health/", "corrections/", "search/",
                                  # English labels are longer: "Rank in category across India by followers"
                                  "en/departments/gorakhpur-police/", "en/departments/haryana-cm/",
                                  "en/departments/up-police/"])
def test_no_page_needs_sideways_scrolling_on_a_phone(browser, bundled_site, serve, path):
    server = serve(bundled_site)
    page, _ = phone_page(browser, server.url + path)
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE, path


@pytest.mark.parametrize("query, expected", [
    ("मुजफ्फरपुर पुलिस", "muzaffarpur-police"),   # the plain spelling finds the nukta one
    ("मुजफ्फरपुर", "muzaffarpur-smart-city"),
    ("डीएम", "gorakhpur-dm"), ("DM gorakhpur", "gorakhpur-dm"), ("कलेक्टर", "gorakhpur-dm"),
    ("एसपी", "gorakhpur-sp-city"), ("@uppolice", "up-police"), ("बिजली", "nbpdcl"),
])
def test_search_finds_departments_by_any_spelling_and_short_form(browser, bundled_site, serve, query, expected):
    server = serve(bundled_site)
    page, _ = phone_page(browser, server.url + "search/")
    page.locator("input[type=search]").fill(query)
    page.locator("input[type=search]").press("Enter")
    page.wait_for_selector(".jd-search-results li")
    hrefs = page.locator(".jd-search-results a").evaluate_all("links => links.map(a => a.getAttribute('href'))")
    assert f"../departments/{expected}/" in hrefs, (query, hrefs)


def test_a_search_is_in_the_pages_address_so_back_from_a_department_returns_to_its_results(
        browser, bundled_site, serve):
    """A citizen who opens a result and goes back finds the list again, and can send the search
    to someone: the words typed were in the box only."""
    server = serve(bundled_site)
    page, _ = phone_page(browser, server.url + "search/")
    page.locator("input[type=search]").fill("पुलिस")
    page.locator("input[type=search]").press("Enter")
    page.wait_for_selector(".jd-search-results li")
    assert page.url == server.url + "search/?q=" + quote("पुलिस")
    with page.expect_navigation():
        page.locator(".jd-search-results a").first.click()
    page.go_back()
    page.wait_for_selector(".jd-search-results li")
    assert page.locator("input[type=search]").input_value() == "पुलिस"
    # Emptied, the box leaves the address bare again.
    page.locator("input[type=search]").fill("")
    page.wait_for_function("location.search === ''")


def test_from_the_home_page_box_to_the_district_police_by_a_title_and_a_misspelling(browser, bundled_site, serve):
    server = serve(bundled_site)
    page, outside = phone_page(browser, server.url)
    box = page.locator("form.jd-search input[type=search]")
    assert box.is_visible() and within_screen(box) and box.bounding_box()["height"] >= 44
    box.fill("गोरखपूर एसएसपी")  # a long vowel where the name has a short one
    with page.expect_navigation():
        box.press("Enter")
    page.wait_for_selector(".jd-search-results li")
    first = page.locator(".jd-search-results a").evaluate_all(
        "links => links.slice(0, 3).map(a => a.getAttribute('href'))")
    assert "../departments/gorakhpur-police/" in first
    assert outside == []


def test_a_search_that_finds_nothing_offers_the_place_it_named_and_the_helplines(browser, first_night_built, serve):
    # Built after the national helplines were last checked, so they are on the site.
    server = serve(first_night_built[1])
    page, _ = phone_page(browser, server.url + "search/?q=" + "xyzzy")
    page.wait_for_selector(".jd-search-next:not([hidden])")
    assert page.locator(".jd-search-results li").count() == 0
    assert page.locator(".jd-search-next a[href='tel:112']").count() == 1
    page, _ = phone_page(browser, server.url + "search/?q=" + "प्रयागराज")
    page.wait_for_selector(".jd-search-next:not([hidden])")
    # Prayagraj has no department in the seed articles' registry: its state's page is the next step.
    assert page.locator(".jd-search-places a").evaluate_all("l => l.map(a => a.getAttribute('href'))") == \
        ["../states/in-up/"]
    page, _ = phone_page(browser, server.url + "search/?q=" + "मुजफ्फरपुर सीएमओ")
    page.wait_for_selector(".jd-search-next:not([hidden])")
    assert "../districts/in-br-muzaffarpur/" in page.locator(".jd-search-places a").evaluate_all(
        "l => l.map(a => a.getAttribute('href'))")


def test_the_closest_matches_follow_the_note_that_introduces_them_and_one_is_one(browser, bundled_site, serve):
    server = serve(bundled_site)
    page, _ = phone_page(browser, server.url + "search/?q=" + "मुजफ्फरपुर सीएमओ")
    page.wait_for_selector(".jd-search-next:not([hidden])")
    order = page.evaluate("""() => [...document.querySelectorAll(
        '.jd-search-note, .jd-search-results li, .jd-search-next')].map(e => e.className.split(' ')[0])""")
    assert order[0] == "jd-search-note" and order[-1] == "jd-search-next" and "jd-search-next" not in order[:-1]
    page, _ = phone_page(browser, server.url + "en/search/?q=" + "nbpdcl")
    page.wait_for_selector(".jd-search-results li")
    assert page.locator(".jd-search-note").inner_text() == "1 department found"


def test_every_page_header_has_a_search_button(browser, bundled_site, serve):
    server = serve(bundled_site)
    for path in ("", "departments/nbpdcl/", "en/accounts/"):
        page, _ = phone_page(browser, server.url + path)
        button = page.locator(".md-header a.jd-search-button")
        box = button.bounding_box()
        assert button.is_visible() and box["width"] >= 44 and box["height"] >= 44, path
        with page.expect_navigation():
            button.click()
        assert page.url.endswith("search/")


def test_the_browser_normalises_as_the_build_does(browser, bundled_site, serve):
    server = serve(bundled_site)
    page, _ = phone_page(browser, server.url + "search/")
    for text in ("मुज़फ़्फ़रपुर", "ज़िला", "Gorakhpur SP-City", "चाँद", "क़ानून", "Délhi"):
        assert page.evaluate("t => window.jdNormalise(t)", text) == normalise(text), text


def visible_text_but_english(page):
    page.wait_for_selector("body")  # a loaded machine once ran this before the body was parsed
    return page.evaluate("""() => {
        const clone = document.body.cloneNode(true);
        clone.querySelectorAll('[lang=en], script, style, svg title').forEach(e => e.remove());
        return clone.innerText;
    }""")


@pytest.mark.parametrize("path", ["", "states/in-br/", "districts/in-br-muzaffarpur/",
                                  "departments/muzaffarpur-police/", "states/in-up/", "districts/in-up-gorakhpur/",
                                  "departments/gorakhpur-dm/"])
def test_hindi_pages_name_places_in_hindi(browser, bundled_site, serve, path):
    server = serve(bundled_site)
    page, _ = phone_page(browser, server.url + path)
    text = visible_text_but_english(page)
    assert [name for name in ENGLISH_PLACES if name in text] == [], path


class Outline(HTMLParser):
    def __init__(self):
        super().__init__()
        self.lang, self.h1, self.svgs, self.described = None, 0, 0, 0

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "html":
            self.lang = attrs.get("lang")
        if tag == "h1":
            self.h1 += 1
        if tag == "svg" and "jd-svg-chart" in (attrs.get("class") or ""):
            self.svgs += 1
            self.described += bool(attrs.get("aria-labelledby"))


def test_every_page_has_its_language_one_h1_and_described_charts(bundled_site):
    pages = [p for p in bundled_site.rglob("index.html") if "assets" not in p.parts]
    assert len(pages) > 300
    for path in pages:
        outline = Outline()
        html = path.read_text(encoding="utf-8")
        outline.feed(html)
        expected = "en" if path.relative_to(bundled_site).parts[0] == "en" else "hi"
        assert outline.lang == expected, path
        assert outline.h1 == 1, path
        assert outline.svgs == outline.described, path
        assert html.split("</head>")[0].count("<title>") == 1, path


def test_no_page_keeps_a_sidebar_that_lists_only_itself(bundled_site):
    """The navigation is in tabs on a laptop, so a page's left sidebar would hold its own name
    alone and push the page a fifth of the screen to the right: every page hides it (a phone's
    menu still opens it)."""
    pages = [p for p in bundled_site.rglob("index.html") if "assets" not in p.parts]
    for path in pages:
        sidebar = re.search(r'<div class="md-sidebar md-sidebar--primary"[^>]*>', path.read_text(encoding="utf-8"))
        assert sidebar and " hidden" in sidebar.group(0), path


# On how many lines each mention of X's name is drawn, wherever the page's content writes it
# (a heading, a sentence, a table's caption or cell, a citation to copy), joined by a plain
# space or a no-break one.
PLATFORM_LINES = """() => [...document.querySelectorAll(".md-content")].flatMap(content => {
  const walker = document.createTreeWalker(content, NodeFilter.SHOW_TEXT), found = [];
  for (let node; (node = walker.nextNode());) {
    for (const m of node.data.matchAll(/X[ \\u00a0]\\((ट्विटर|Twitter)\\)/g)) {
      const range = document.createRange();
      range.setStart(node, m.index);
      range.setEnd(node, m.index + m[0].length);
      const boxes = [...range.getClientRects()].filter(box => box.width > 0);
      if (boxes.length) found.push(new Set(boxes.map(box => Math.round(box.top))).size);
    }
  }
  return found;
})"""


@pytest.mark.parametrize("path", ["", "states/in-br/", "departments/muzaffarpur-smart-city/", "departments/bihar-eou/",
                                  "departments/karnataka-health-and-family-welfare-department/",
                                  "departments/gujarat-chief-minister-office/", "accounts/in-br/"])
def test_a_platforms_name_stays_on_one_line_on_a_phone(browser, bundled_site, serve, path):
    """Muzaffarpur Smart City's line among the silent handles, and its event, ended with "X"
    and went on with "(ट्विटर)" on the next line; so did a scorecard's answer, its tables'
    captions and the citation to copy. Nowhere in either language does the name break."""
    server = serve(bundled_site)
    for lang in ("", "en/"):
        page, _ = phone_page(browser, server.url + lang + path)
        lines = page.evaluate(PLATFORM_LINES)
        assert lines and set(lines) == {1}, (lang, lines)
        page.close()


def test_every_no_account_statement_has_a_date_and_a_source(bundled_site):
    year = re.compile(r"(19|20)\d\d")
    found = 0
    for path in bundled_site.rglob("index.html"):
        html = path.read_text(encoding="utf-8")
        for statement in re.findall(r'<p class="jd-dept__none">(.*?)</p>', html):
            found += 1
            assert year.search(statement) and ("अनुसार" in statement or "per " in statement
                                               or "सूची" in statement or "registry" in statement), statement
    assert found >= 4


def test_every_card_of_a_state_or_district_dates_its_status_or_says_it_is_not_checked(bundled_site):
    """A card of an account never observed said only "– अज्ञात"; its scorecard says "not
    checked yet", and so does the card. A 'no account' card is dated in its statement."""
    unchecked = 0
    for path in [*bundled_site.glob("states/*/index.html"), *bundled_site.glob("districts/*/index.html"),
                 *bundled_site.glob("en/states/*/index.html")]:
        html = path.read_text(encoding="utf-8")
        for card in re.findall(r'<article class="jd-dept jd-dept--(?!no_account)[^"]*">(.*?)</article>', html, re.S):
            date = re.search(r'<span class="jd-dept__date">(.*?)</span>', card).group(1)
            assert date.strip(), (path, card[:200])
            unchecked += date in ("अभी जाँचा नहीं गया", "not checked yet")
    gujarat = (bundled_site / "states/in-gj/index.html").read_text(encoding="utf-8")
    assert re.search(r'अज्ञात</span> <span class="jd-dept__date">अभी जाँचा नहीं गया</span>', gujarat)
    assert unchecked >= 2


def test_every_source_a_scorecard_cites_is_in_its_sources_list(bundled_site):
    """The finding that there is no account and a reported reply time are cited where they
    are shown and listed again under Sources, as every other figure's source is."""
    handles = pd.read_csv(bundled_site / "data" / "handles.csv", dtype=str, encoding="utf-8-sig")
    sources = pd.read_csv(bundled_site / "data" / "sources.csv", dtype=str, encoding="utf-8-sig")
    titles = dict(zip("source:" + sources["id"], sources["title"], strict=True))
    checked = set()
    for dept, rows in handles.groupby("department_id"):
        for lang in ("", "en/"):
            html = (bundled_site / f"{lang}departments" / dept / "index.html").read_text(encoding="utf-8")
            listed = re.search(r'<ul class="jd-sources">(.*?)</ul>', html, re.S).group(1)
            for column in ("source_url", "absent_source_url", "reply_source_url"):
                for ref in rows[column].dropna():
                    # An article by its title, a link by its address.
                    shown = titles[ref] if ref in titles else ref
                    assert escape(shown) in listed, (dept, lang, column, ref)
                    checked.add(column)
    assert checked == {"source_url", "absent_source_url", "reply_source_url"}


def test_a_past_build_shows_nothing_observed_later(tmp_path):
    data = copy_bundled(tmp_path / "data")
    out = tmp_path / "public"
    build(data, out, date(2017, 8, 1))
    handles = pd.read_csv(out / "data" / "handles.csv", encoding="utf-8-sig", dtype=str, keep_default_na=False)
    assert max(d for d in handles["observed_on"] if d) <= "2017-08-01"
    for path in (out / "data" / "departments").glob("*.csv"):
        if path.stem.endswith("-complaints"):
            continue
        rows = pd.read_csv(path, encoding="utf-8-sig", dtype=str, keep_default_na=False)
        assert all(d <= "2017-08-01" for d in rows["date"]), path
    months = "|".join(formats.month_names("en") + formats.month_names("hi"))
    later = re.compile(rf"\d{{1,2}} (?:{months}) (?:2018|2019|202\d)")
    for path in out.rglob("index.html"):
        text = re.sub(r"<[^>]+>", " ", path.read_text(encoding="utf-8"))
        assert not later.search(text), (path, later.search(text))
    assert (DATA / "manual" / "muzaffarpur-2023.csv").exists()  # the later rows were there, and left out


def test_a_scorecard_stays_light_on_a_first_visit(browser, bundled_site, serve):
    server = serve(bundled_site)
    shared: set[str] = set()
    home, _ = phone_page(browser, server.url)
    shared = set(home.evaluate("performance.getEntriesByType('resource').map(e => e.name)"))
    context = browser.new_context(viewport={"width": PHONE, "height": 800})
    page = context.new_page()
    sizes = {}
    page.on("response", lambda r: sizes.__setitem__(r.url, len(r.body())) if r.ok else None)
    goto(page, server.url + "departments/haryana-cm/")
    own = {url: size for url, size in sizes.items() if url not in shared}
    assert sum(own.values()) <= 150 * 1024, own
    assert not [url for url in sizes if "vega" in url or "wordcut" in url or "lunr" in url]


def test_a_handle_no_body_confirmed_says_so_wherever_it_is_shown(bundled_site, tmp_path):
    """The official page promises that every handle is shown as official or unverified: a
    reader must not take a handle a news list gave for the body's own account."""
    unverified = "union-department-of-telecommunications"  # @dot_india, listed by a public source
    data = copy_bundled(tmp_path / "data")  # one handle with evidence from the body itself
    accounts = data / "registry" / "accounts.csv"
    accounts.write_text(accounts.read_text(encoding="utf-8").replace(
        "up-police,x,Uppolice,,unverified,https://x.com/Uppolice", "up-police,x,Uppolice,,yes,https://uppolice.gov.in/"),
        encoding="utf-8")
    build(data, tmp_path / "site")
    for lang, label in (("", "अपुष्ट"), ("en/", "unverified")):
        card = (bundled_site / f"{lang}departments/{unverified}/index.html").read_text(encoding="utf-8")
        answer = re.search(r'<p class="jd-answer">(.*?)</p>', card).group(1)
        assert f"@dot_india ({label})" in answer
        heading = re.search(r"<h3>(.*?)</h3>", card).group(1)
        assert f'@dot_india</a> <span class="jd-muted">({label})</span>' in heading
        assert 'class="jd-note jd-unverified"' in card and 'official/"' in card
        official = (tmp_path / "site" / f"{lang}departments/up-police/index.html").read_text(encoding="utf-8")
        assert f"({label})" not in official and "jd-unverified" not in official
        # Without that evidence, as the bundled registry has it, UP Police's handle is unverified.
        listed = (bundled_site / f"{lang}departments/up-police/index.html").read_text(encoding="utf-8")
        assert f"@Uppolice ({label})" in re.search(r'<p class="jd-answer">(.*?)</p>', listed).group(1)
        listing = (tmp_path / "site" / f"{lang}accounts/index.html").read_text(encoding="utf-8")
        row = re.search(r"@dot_india</a>(.*?)</td>", listing).group(1)
        assert f"({label})" in row
        assert re.search(r"@Uppolice</a></td>", listing)
    # The scorecard shows the evidence the official page promises, or where an unverified handle is listed.
    official = (tmp_path / "site" / "en" / "departments" / "up-police" / "index.html").read_text(encoding="utf-8")
    assert 'Evidence that it is official: <a href="https://uppolice.gov.in/"' in official
    listed = (bundled_site / "departments" / "up-police" / "index.html").read_text(encoding="utf-8")
    assert 'यह हैंडल जहाँ सूचीबद्ध मिला: <a href="https://x.com/Uppolice"' in listed and "सबूत" not in listed
    league = json.loads((tmp_path / "site" / "data/league/en/all.json").read_text(encoding="utf-8"))
    flag = {row[0]: row[FIELDS.index("unverified")] for row in league["rows"]}
    assert flag[unverified] == 1 and flag["up-police"] == 0


def test_a_number_to_dial_and_its_source_are_tapped_apart(browser, first_night_built, serve):
    """Each link is padded to 44 px; the source under a helpline's number must not lie in the
    number's tap area, or a thumb meant to call opens a news article. (Built after the day
    the channels were checked, so that they are shown.)"""
    server = serve(first_night_built[1])
    checked = 0
    for path in ("departments/haryana-cm/", "en/departments/up-police/", "districts/in-br-muzaffarpur/"):
        page, _ = phone_page(browser, server.url + path, javascript=False)
        pairs = page.evaluate("""() => [...document.querySelectorAll('.jd-channels li')].flatMap(li => {
          const dial = li.querySelector('a.jd-dial'), source = li.querySelector('.jd-muted a');
          if (!dial || !source) return [];
          const a = dial.getBoundingClientRect(), b = source.getBoundingClientRect();
          const x = Math.min(a.right, b.right) - Math.max(a.left, b.left);
          const y = Math.min(a.bottom, b.bottom) - Math.max(a.top, b.top);
          return [[dial.textContent, source.textContent, x > 0 && y > 0 ? Math.min(x, y) : 0]];
        })""")
        checked += len(pairs)
        assert [p for p in pairs if p[2] > 0] == [], path
        page.context.close()
    assert checked >= 3
