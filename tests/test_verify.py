"""Verify a handle: the page in headless Chromium, the accounts files it reads, and the
badges a department can embed."""

import csv
import json
import xml.etree.ElementTree as ET
from datetime import timedelta
from html.parser import HTMLParser

import pytest

from generator import paths, schema
from generator.render import badges, downloads_page, words

from . import helpers
from .helpers import AS_OF, DATA, DEPT, build, make_data, snapshot, write_csv

SCRIPT = "<script>alert(1)</script>"
IMG = '"><img src=x onerror=alert(1)>'
SVG = "{http://www.w3.org/2000/svg}"
SITE_URL = "https://jawabdehi.github.io/jawabdehi/"
FIELDS = {"handle", "account_id", "department_id", "department_name_en", "department_name_hi", "status", "official",
          "source_url", "since", "earlier_handles"}


@pytest.fixture(scope="module")
def renamed_site(tmp_path_factory):
    """A department with a hostile name whose account was renamed from @OldName to @NewName
    (same account id), one whose id only the collector knows, and one renamed before it was
    ever collected (the registry's handle is never seen)."""
    root = tmp_path_factory.mktemp("renamed")
    evil = {**DEPT, "id": "evil", "name_en": SCRIPT, "name_hi": IMG}
    other = {**DEPT, "id": "other", "name_en": "Other Office", "name_hi": "दूसरा कार्यालय"}
    moved = {**DEPT, "id": "moved", "name_en": "Moved Office", "name_hi": "बदला कार्यालय"}
    data = make_data(
        root / "data", [evil, other, moved],
        [{"department_id": "evil", "platform": "x", "handle": "OldName", "account_id": "111", "official": "yes",
          "source_url": "https://example.org/registry"},
         {"department_id": "other", "platform": "x", "handle": "OtherOffice", "official": "unverified",
          "source_url": "https://example.org/directory"},
         {"department_id": "moved", "platform": "x", "handle": "MovedBefore", "account_id": "333", "official": "yes",
          "source_url": "https://example.org/registry"}],
        [snapshot("evil", "2026-11-01", account_id="111", handle="OldName", followers=900,
                  last_post_at="2026-10-30"),
         snapshot("evil", "2026-11-20", account_id="111", handle="NewName", followers=48_300,
                  last_post_at="2026-11-19"),
         snapshot("moved", "2026-11-20", account_id="333", handle="MovedNow", followers=700,
                  last_post_at="2026-11-18")])
    write_csv(data / paths.ACCOUNT_IDS_CSV, schema.ACCOUNT_IDS, [
        {"department_id": "other", "platform": "x", "account_id": "222", "handle": "OtherOffice",
         "resolved_on": "2026-11-02"}])
    write_csv(data / paths.CHANNELS_CSV, schema.CHANNELS, [
        {"id": "emergency-112", "scope": "national", "kind": "emergency", "name_en": "Emergency: dial 112",
         "name_hi": "आपातकाल: 112 डायल करें", "contact": "112", "source_url": "https://example.org/112",
         "checked_on": "2026-11-01"}])
    build(data, root / "public", AS_OF)
    return root


def open_page(browser, url, *, width=390, javascript=True):
    return helpers.open_page(browser, url, width=width, javascript=javascript)


def ask(page, typed: str) -> str:
    """Type into the one text box, press Enter, and read the answer region."""
    box = page.get_by_label(page.locator("form.jd-verify label").inner_text())
    page.evaluate("document.querySelector('.jd-verify-answer').textContent = ''")  # no earlier answer is read
    box.fill(typed)
    box.press("Enter")
    page.wait_for_selector(".jd-verify-answer .admonition")
    return page.locator(".jd-verify-answer").inner_text()


@pytest.mark.parametrize("typed", ["@UPPOLICE", " https://x.com/uppolice?s=20 ", "twitter.com/Uppolice/status/1"])
def test_a_registered_handle_is_answered_with_its_department(browser, bundled_site, serve, typed):
    server = serve(bundled_site)
    page, log = open_page(browser, server.url + "verify/")
    said = page.locator(".jd-verify-said")
    assert said.get_attribute("aria-live") == "polite" and page.locator(".jd-verify-answer[aria-live]").count() == 0
    text = ask(page, typed)
    assert "@Uppolice हमारी सूची में है" in text
    # The live region says the headline and the line under it, official or not: the headline is
    # the same either way (only the box's colour differs), and a screen reader heard only it.
    # The facts after those stay for the reader to go on to.
    headline = page.locator(".jd-verify-answer .admonition-title").first.inner_text()
    verdict = page.locator(".jd-verify-answer .admonition-title + *").first.inner_text()
    assert verdict.startswith("अपुष्ट:") and "OTP" in verdict
    assert said.text_content() == f"{headline} {verdict}" and "स्थिति" not in said.text_content()
    # On the Hindi page the handle is marked as Latin text, spelt out as written.
    assert page.locator(".jd-verify-answer span[lang=en][translate=no]", has_text="Uppolice").count() >= 1
    # Unverified, since the first observation: no evidence from UP Police itself is recorded.
    assert "अपुष्ट" in text and "8 सितंबर 2016 से" in text and "सबूत" not in text
    dept = page.locator(".jd-verify-answer a", has_text="उत्तर प्रदेश पुलिस")
    assert dept.get_attribute("href") == "../departments/up-police/"
    assert "जहाँ यह सूचीबद्ध मिला: x.com/Uppolice" in text  # where it is listed, not "evidence"
    assert page.locator(".jd-verify-answer a[href='https://x.com/Uppolice']").count() == 1
    assert log["outside"] == [] and log["errors"] == []


def test_an_old_handle_leads_to_the_renamed_account_and_an_unknown_one_to_1930(browser, renamed_site, serve):
    server = serve(renamed_site / "public")
    page, log = open_page(browser, server.url + "en/verify/")
    text = ask(page, "https://x.com/oldname")
    assert "@OldName used to be the handle" in text and "now @NewName" in text
    assert page.locator(".jd-verify-answer a", has_text=SCRIPT).get_attribute("href") == "../departments/evil/"
    text = ask(page, "NewName")
    assert "@NewName is in our registry" in text and "Official" in text and "since 1 Nov 2026" in text
    assert page.locator(".jd-verify-said").text_content().startswith("@NewName is in our registry")
    assert "Official:" in page.locator(".jd-verify-said").text_content()
    assert "Evidence: example.org/registry" in text
    text = ask(page, "@OtherOffice")
    assert "Unverified" in text and "has not confirmed" in text
    assert "Where it is listed: example.org/directory" in text and "Evidence" not in text
    text = ask(page, "@someone_else")
    assert "@someone_else is not in our registry" in text
    assert "1930" in text and "cybercrime.gov.in" in text
    assert page.locator(".jd-verify-answer a[href='tel:1930']").count() == 1
    assert page.locator(".jd-verify-answer a[href='https://cybercrime.gov.in']").count() == 1
    assert "Emergency: dial 112" in text  # and the national channels
    assert log["dialogs"] == [] and log["errors"] == [] and log["outside"] == []
    assert page.locator(".jd-verify-answer img, .jd-verify-answer script").count() == 0


@pytest.mark.parametrize(("root", "current", "official"), [
    ("en/", "Current handle: @NewName, the department's confirmed account. The old handle @OldName is no longer "
            "the department's.", "Official: our registry"),
    ("", "अभी का हैंडल: @NewName — यही विभाग का पुष्ट खाता है। पुराना हैंडल @OldName अब विभाग का नहीं है।",
     "आधिकारिक: हमारी सूची"),
])
def test_the_renamed_answer_says_which_handle_is_current_and_which_is_not(browser, renamed_site, serve, root,
                                                                         current, official):
    server = serve(renamed_site / "public")
    page, log = open_page(browser, server.url + root + "verify/")
    text = ask(page, "@OldName")
    assert current in text
    assert official not in text  # no "official" line that could be read as vouching for the old handle
    assert log["errors"] == []


def test_without_javascript_the_page_says_how_to_check_by_hand(browser, bundled_site, serve):
    server = serve(bundled_site)
    for root in ("", "en/"):
        page, log = open_page(browser, server.url + root + "verify/", javascript=False)
        text = page.locator("article").inner_text()
        assert "1930" in text and "cybercrime.gov.in" in text
        assert page.locator("article a[href='../accounts/']").count() == 1
        assert page.locator("article a[href='../downloads/#api-accounts']").count() == 1
        assert not page.locator("form.jd-verify").is_visible()  # a box that cannot answer is not offered
        assert log["outside"] == []


def test_the_verify_page_is_in_the_navigation_after_search(bundled_site):
    for root, title in (("", "हैंडल जाँचें"), ("en/", "Verify a handle")):
        html = (bundled_site / root / "about" / "index.html").read_text(encoding="utf-8")
        nav = html[html.index('class="md-nav md-nav--primary'):].split("</nav>")[0]
        assert 'href="../verify/"' in nav and title in nav
        assert nav.index('href="../search/"') < nav.index('href="../verify/"') < nav.index('href="../accounts/"')
        page = (bundled_site / root / "verify" / "index.html").read_text(encoding="utf-8")
        assert "javascripts/verify.js" in page
        assert "verify.js" not in (bundled_site / root / "search" / "index.html").read_text(encoding="utf-8")


def registry_handles(data_dir) -> set[str]:
    with (data_dir / paths.ACCOUNTS_CSV).open(encoding="utf-8-sig") as f:
        return {r["handle"].lower() for r in csv.DictReader(f) if r["platform"] == "x" and r["handle"]}


def check_fields(api: dict, site) -> None:
    assert api["platform"] == "x"
    keys = [a["handle"].lower() for a in api["accounts"]]
    assert keys == sorted(keys)
    for a in api["accounts"]:
        assert FIELDS <= set(a), a
        assert a["official"] in schema.OFFICIAL and a["status"] in words.STATUS and a["status"] != "no_account"
        assert a["account_id"] is None or a["account_id"].isdigit()
        assert a["since"] is None or len(a["since"]) == 10
        assert a["source_url"] is None or a["source_url"].startswith(("https://", "http://"))
        assert isinstance(a["earlier_handles"], list)
        assert (site / "departments" / a["department_id"] / "index.html").exists()


def test_the_accounts_file_lists_every_registered_handle(bundled_site):
    api = json.loads((bundled_site / "api" / "accounts" / "x.json").read_text(encoding="utf-8"))
    check_fields(api, bundled_site)
    listed = {h.lower() for a in api["accounts"] for h in [a["handle"], *a["earlier_handles"]]}
    assert registry_handles(DATA) <= listed and len(registry_handles(DATA)) > 100
    assert any(a["account_id"] is None for a in api["accounts"])  # listed before the collector knows its id
    up = next(a for a in api["accounts"] if a["handle"] == "Uppolice")
    assert (up["department_id"], up["official"], up["since"]) == ("up-police", "unverified", "2016-09-08")
    assert api["as_of"] == "2023-07-18"


def test_the_accounts_file_knows_renamed_handles_and_collected_ids(renamed_site):
    site = renamed_site / "public"
    api = json.loads((site / "api" / "accounts" / "x.json").read_text(encoding="utf-8"))
    check_fields(api, site)
    by_handle = {a["handle"]: a for a in api["accounts"]}
    assert set(by_handle) == {"NewName", "OtherOffice", "MovedNow"}
    assert by_handle["NewName"]["earlier_handles"] == ["OldName"]
    assert by_handle["MovedNow"]["earlier_handles"] == ["MovedBefore"]
    assert by_handle["OtherOffice"]["earlier_handles"] == []
    assert by_handle["NewName"]["account_id"] == "111" and by_handle["NewName"]["department_name_en"] == SCRIPT
    assert by_handle["OtherOffice"]["account_id"] == "222"  # from collected/account_ids.csv
    assert by_handle["OtherOffice"]["since"] is None
    listed = {h.lower() for a in api["accounts"] for h in [a["handle"], *a["earlier_handles"]]}
    assert registry_handles(renamed_site / "data") <= listed


def test_the_downloads_page_documents_the_accounts_file(bundled_site):
    for root in ("", "en/"):
        html = (bundled_site / root / "downloads" / "index.html").read_text(encoding="utf-8")
        # The page's own markup is markup, not text: the files are links to click.
        assert f'<a href="{"../" * (1 + bool(root))}data/handles.csv" download>' in html
        section = html[html.index('id="api-accounts"'):]
        assert f'href="{"../" * (1 + bool(root))}api/accounts/x.json"' in section
        for field in FIELDS:
            assert f"<code>{downloads_page.breakable(field)}</code>" in section, field


def parse_badge(path):
    root = ET.fromstring(path.read_text(encoding="utf-8"))
    assert root.tag == f"{SVG}svg" and root.get("role") == "img"
    assert root.find(f"{SVG}title") is not None and root.find(f"{SVG}title").text
    return root


def test_badges_are_valid_svg_with_hostile_names_as_text(renamed_site):
    site = renamed_site / "public"
    for path, name in ((site / "badges" / "evil-x.svg", IMG), (site / "badges" / "en" / "evil-x.svg", SCRIPT)):
        raw = path.read_text(encoding="utf-8")
        assert raw.startswith('<svg xmlns="http://www.w3.org/2000/svg"') and "<script" not in raw
        # Its language, for a screen reader that opens the file on its own.
        assert f'xml:lang="{"en" if "/en/" in str(path) else "hi"}"' in raw
        root = parse_badge(path)
        assert not [e for e in root.iter() if e.tag.removeprefix(SVG) in ("script", "img", "foreignObject")]
        texts = [e.text or "" for e in root.iter(f"{SVG}text")]
        # A long name wraps between its words onto more lines; read together, it is all there.
        assert name in " ".join(texts) and name in root.find(f"{SVG}title").text
        assert not [k for e in root.iter() for k in e.attrib if k.startswith("on")]
    english = " ".join(e.text for e in parse_badge(site / "badges" / "en" / "evil-x.svg").iter(f"{SVG}text"))
    # A hand-entered figure: the badge names where it was reported, not the collector.
    assert "Active" in english and "48.3K followers" in english and "per example.org on 20 Nov 2026" in english
    hindi = " ".join(e.text for e in parse_badge(site / "badges" / "evil-x.svg").iter(f"{SVG}text"))
    assert "सक्रिय" in hindi and "48.3 हज़ार फ़ॉलोअर" in hindi and "example.org के अनुसार 20 नवंबर 2026 को" in hindi
    # The width follows the words: a long name makes a wider badge than a short one.
    widths = {dept: float(parse_badge(site / "badges" / "en" / f"{dept}-x.svg").get("width"))
              for dept in ("evil", "other")}
    assert widths["evil"] > widths["other"] > 150


def test_every_department_and_platform_has_a_badge(bundled_site):
    with (bundled_site / "data" / "handles.csv").open(encoding="utf-8-sig") as f:
        rows = [(r["department_id"], r["platform"]) for r in csv.DictReader(f)]
    for dept, platform in rows:
        for folder in (bundled_site / "badges", bundled_site / "badges" / "en"):
            badge = parse_badge(folder / f"{dept}-{platform}.svg")
            # As wide as a 360 px phone leaves room for; longer words wrap to more lines.
            assert float(badge.get("width")) <= badges.WIDEST, (dept, badge.get("width"))
            texts = [e.text for e in badge.iter(f"{SVG}text")]
            assert float(badge.get("height")) == badges.HEIGHT + badges.LINE * (len(texts) - 2)
            # Wrapped between words and parts: no line starts with a separator, no platform alone.
            assert not [t for t in texts if t.startswith("·") or t in ("(Twitter)", "(ट्विटर)")], texts
    shapes = parse_badge(bundled_site / "badges" / "en" / "muzaffarpur-smart-city-x.svg")
    assert "Abandoned" in " ".join(e.text for e in shapes.iter(f"{SVG}text"))
    assert shapes.find(f".//{SVG}path") is not None  # the status drawn as a shape, beside its word


class Snippet(HTMLParser):
    def __init__(self):
        super().__init__()
        self.tags = {}

    def handle_starttag(self, tag, attrs):
        self.tags[tag] = dict(attrs)


def test_the_scorecard_shows_the_badge_and_its_snippet(browser, renamed_site, serve):
    server = serve(renamed_site / "public")
    page, log = open_page(browser, server.url + "en/departments/evil/", width=1366)
    section = page.locator("h2#badge")
    assert section.inner_text() == "Badge"
    image = page.locator("p.jd-badge img")
    assert image.get_attribute("src") == "../../../badges/en/evil-x.svg"
    assert image.evaluate("i => i.complete && i.naturalWidth > 0")
    snippet = Snippet()
    snippet.feed(page.locator("pre code").last.inner_text())
    assert snippet.tags["a"]["href"] == SITE_URL + "en/departments/evil/"
    assert snippet.tags["img"]["src"] == SITE_URL + "badges/en/evil-x.svg"
    assert SCRIPT in snippet.tags["img"]["alt"]
    assert log["dialogs"] == [] and log["errors"] == []
    page, log = open_page(browser, server.url + "badges/evil-x.svg")
    assert log["dialogs"] == []


def test_a_badge_is_not_rewritten_when_only_the_build_date_changes(tmp_path, renamed_site):
    out = tmp_path / "public"
    build(renamed_site / "data", out, AS_OF)
    files = [*(out / "badges").rglob("*.svg"), out / "api" / "accounts" / "x.json"]
    before = {str(p.relative_to(out)): (p.read_bytes(), p.stat().st_ino) for p in files}
    build(renamed_site / "data", out, AS_OF + timedelta(days=1))
    after = {str(p.relative_to(out)): (p.read_bytes(), p.stat().st_ino) for p in files}
    # The same files, linked from the last site rather than written again.
    assert before == after and len(before) == 7
    scorecard = (out / "en" / "departments" / "evil" / "index.html").read_text(encoding="utf-8")
    assert "evil-x.svg" in scorecard


# Names of built-in object properties, where a department id (a slug), a category or a handle can hold them.
BUILTIN_HANDLES = ("__proto__", "constructor", "toString", "hasOwnProperty")


@pytest.fixture(scope="module")
def lookalike_site(tmp_path_factory):
    """An X account and a Facebook account of different departments, a handle a Kelvin sign
    imitates, and departments, a category and handles named like built-in object properties."""
    root = tmp_path_factory.mktemp("lookalike")
    police = {**DEPT, "id": "city-police", "name_en": "City Police", "name_hi": "शहर पुलिस"}
    power = {**DEPT, "id": "city-power", "name_en": "City Power", "name_hi": "शहर बिजली", "category": "utility"}
    kolkata = {**DEPT, "id": "kolkata-police", "name_en": "Kolkata Police", "name_hi": "कोलकाता पुलिस",
               "state": "IN-WB", "district": "Kolkata"}
    builtins = [{**DEPT, "id": "constructor", "name_en": "Constructor Office", "name_hi": "निर्माता कार्यालय",
                 "category": "constructor"}] + [
        {**DEPT, "id": f"office-{n}", "name_en": f"Office {h}", "name_hi": f"कार्यालय {n}"}
        for n, h in enumerate(BUILTIN_HANDLES)]
    yes = {"official": "yes", "source_url": "https://example.org/registry"}
    accounts = [{**yes, "department_id": "city-police", "platform": "x", "handle": "CityPolice"},
                {**yes, "department_id": "city-power", "platform": "facebook", "handle": "CityPower"},
                {**yes, "department_id": "kolkata-police", "platform": "x", "handle": "KolkataPolice"},
                {**yes, "department_id": "constructor", "platform": "x", "handle": "ConstructorOffc"}]
    accounts += [{**yes, "department_id": f"office-{n}", "platform": "x", "handle": h}
                 for n, h in enumerate(BUILTIN_HANDLES)]
    observed = [snapshot(a["department_id"], "2026-11-20", handle=a["handle"], followers=100 + n,
                         last_post_at="2026-11-19", platform=a["platform"])
                for n, a in enumerate(accounts)]
    data = make_data(root / "data", [police, power, kolkata, *builtins], accounts, observed)
    build(data, root / "public", AS_OF)
    return root / "public"


@pytest.mark.parametrize(("typed", "answer"), [
    ("https://x.com/CityPolice", "@CityPolice is in our registry: the X\u00a0(Twitter) account of City Police"),
    ("https://www.instagram.com/citypolice/", "@citypolice is not in our registry for Instagram"),
    ("https://m.facebook.com/CityPolice", "@CityPolice is not in our registry for Facebook"),
    ("fb.com/citypower", "@CityPower is in our registry: the Facebook account of City Power"),
    ("https://mobile.twitter.com/CityPower", "@CityPower is not in our registry for X\u00a0(Twitter)"),
    ("@CITYPOWER", "@CityPower is in our registry: the Facebook account of City Power"),
    ("KOLKATAPOLICE", "@KolkataPolice is in our registry"),
    ("\u212Aolkatapolice", "@\u212Aolkatapolice is not in our registry."),  # a Kelvin sign, not a K
    ("x.com/\u212Aolkatapolice", "@\u212Aolkatapolice is not in our registry for X\u00a0(Twitter)"),
])
def test_a_link_is_answered_for_its_own_platform_and_only_ascii_case_is_folded(browser, lookalike_site, serve,
                                                                                typed, answer):
    server = serve(lookalike_site)
    page, log = open_page(browser, server.url + "en/verify/")
    text = ask(page, typed)
    assert answer in text, text
    assert ("Official" in text) == ("is in our registry" in answer)
    assert log["errors"] == [] and log["outside"] == []


def test_the_hindi_answer_names_the_platform_of_the_link(browser, lookalike_site, serve):
    server = serve(lookalike_site)
    page, log = open_page(browser, server.url + "verify/")
    text = ask(page, "instagram.com/CityPolice")
    assert "@CityPolice इंस्टाग्राम पर हमारी सूची में नहीं है" in text and "आधिकारिक" not in text
    assert log["errors"] == []


def test_handles_and_ids_named_like_builtins_are_plain_names_to_verify(browser, lookalike_site, serve):
    server = serve(lookalike_site)
    page, log = open_page(browser, server.url + "en/verify/")
    for n, handle in enumerate(BUILTIN_HANDLES):
        text = ask(page, "@" + handle)
        assert f"@{handle} is in our registry: the X\u00a0(Twitter) account of Office {handle}" in text, text
        assert page.locator(".jd-verify-answer a", has_text=f"Office {handle}").get_attribute("href") == \
            f"../departments/office-{n}/"
    assert "is in our registry: the X\u00a0(Twitter) account of Constructor Office" in ask(page, "ConstructorOffc")
    for unknown in ("valueOf", "__defineGetter__", "propertyIsEnumerable"):
        assert f"@{unknown} is not in our registry." in ask(page, unknown)
    assert "@CityPolice is in our registry" in ask(page, "citypolice")
    assert log["errors"] == [] and log["outside"] == []


# The search has answered: its note says something other than "loading" (the first search
# fetches the index; the note says "loading" until it has come).
SEARCH_ANSWERED = """() => {
  const note = document.querySelector('.jd-search-note').textContent;
  return note && note !== JSON.parse(document.getElementById('jd-search-words').textContent).loading;
}"""


def search(page, query: str) -> list[str]:
    page.locator("input[type=search]").fill(query)
    page.locator("input[type=search]").press("Enter")
    page.wait_for_function(SEARCH_ANSWERED)
    return page.locator(".jd-search-results a").evaluate_all("links => links.map(a => a.getAttribute('href'))")


def test_search_finds_departments_and_handles_named_like_builtins(browser, lookalike_site, serve):
    server = serve(lookalike_site)
    page, log = open_page(browser, server.url + "en/search/")
    assert search(page, "constructor") == ["../departments/constructor/", "../departments/office-1/"]
    assert search(page, "@__proto__") == ["../departments/office-0/"]
    assert search(page, "hasownproperty") == ["../departments/office-3/"]
    assert search(page, "kolkata") == ["../departments/kolkata-police/"]
    assert log["errors"] == [] and log["outside"] == []


def test_the_league_table_sorts_rows_named_like_builtins(browser, lookalike_site, serve):
    server = serve(lookalike_site)
    page, log = open_page(browser, server.url + "en/accounts/")
    page.locator("select[name=state]").select_option("in-up")
    page.wait_for_function("document.querySelector('.jd-league-note').textContent.includes('shown')")
    page.locator("select[name=sort]").select_option("followers:desc")
    names = page.locator("table.jd-league-table tbody tr th").all_inner_texts()
    assert names[:3] == ["Office hasOwnProperty", "Office toString", "Office constructor"], names
    categories = page.locator("table.jd-league-table tbody td[data-label=Category]").all_inner_texts()
    assert "constructor" in categories and not [c for c in categories if "function" in c or "native" in c]
    assert log["errors"] == [] and log["outside"] == []
