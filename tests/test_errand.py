"""The citizen's errand on a department's page: where else to complain, writing to a
handle in one tap, disputing a figure without an account anywhere, findings that carry
their age, and a grade whose parts add up on the page."""

import re
from datetime import date
from html.parser import HTMLParser
from types import SimpleNamespace
from urllib.parse import parse_qs, unquote, urlsplit

import pandas as pd
import pytest

from generator import paths, schema
from generator.compute.grades import largest_remainder
from generator.config import load_config, placeholders
from generator.problems import ConfigError
from generator.publish.audit import audit_site
from generator.render.elsewhere import Elsewhere, unwritable
from generator.render.formatter import Formatter

from . import helpers
from .helpers import AS_OF, DEPT, build, goto, make_data, snapshot, write_csv

SITE_URL = "https://jawabdehi.github.io/jawabdehi/"
OPERATOR = "Lok Data Trust"
CONTACT = "corrections@lokdata.example.net"
PHONE = {"width": 390, "height": 800}


def dept(ident: str, name: str, **extra) -> dict:
    return {**DEPT, "id": ident, "name_en": name, "name_hi": f"{name} (हिंदी)", **extra}


def account(ident: str, handle: str, official: str = "yes") -> dict:
    return {"department_id": ident, "platform": "x", "handle": handle, "official": official,
            "source_url": "https://example.org/registry"}


def operator_settings(data) -> None:
    path = data / paths.CONFIG_TOML
    body = re.sub(r'(?m)^operator = .*$', f'operator = "{OPERATOR}"', path.read_text(encoding="utf-8"))
    body = re.sub(r'(?m)^contact_email = .*$', f'contact_email = "{CONTACT}"', body)
    path.write_text(body, encoding="utf-8")


@pytest.fixture(scope="module")
def errand_site(tmp_path_factory):
    """Gorakhpur offices in every state a citizen meets: active and confirmed, slow with a
    part of the grade missing, dormant, active but unconfirmed, missing since 2017 and
    missing since this year; channels of the nation, the state, the district and of
    another state; a district office's portal with its source and one without."""
    root = tmp_path_factory.mktemp("errand")
    data = make_data(
        root / "data",
        [dept("active-office", "Active Office"), dept("slow-office", "Slow Office"),
         dept("dormant-office", "Dormant Office"), dept("shady-office", "Shady Office"),
         dept("old-absence", "Old Absence Office"), dept("new-absence", "New Absence Office"),
         dept("district-admin", "District Administration", grievance_portal="https://gorakhpur.example.gov.in",
              contact_source_url="https://example.org/district-portal", contact_checked_on="2026-11-02"),
         dept("unsourced-office", "Unsourced Office", helpline="0551-2333444"),
         dept("unlisted-office", "Unlisted Office")],
        [account("active-office", "ActiveOffice"), account("slow-office", "SlowOffice"),
         account("dormant-office", "DormantOffice"), account("shady-office", "ShadyOffice", "unverified"),
         account("district-admin", "DistrictAdmin", "unverified"),
         account("unsourced-office", "UnsourcedOffice", "unverified")],
        [snapshot("active-office", "2026-11-20", handle="ActiveOffice", followers=5000, last_post_at="2026-11-19"),
         snapshot("slow-office", "2026-11-20", handle="SlowOffice", followers=900, last_post_at="2026-11-05"),
         snapshot("dormant-office", "2026-11-20", handle="DormantOffice", followers=300,
                  last_post_at="2026-09-01"),
         snapshot("shady-office", "2026-11-20", handle="ShadyOffice", followers=70, last_post_at="2026-11-19")],
        [{"department_id": "active-office", "channel": "x", "period_start": "2026-01-01",
          "period_end": "2026-10-31", "received": 200, "resolved": 150, "median_response_minutes": 100,
          "source": "manual", "source_url": "https://example.org/complaints"},
         {"department_id": "slow-office", "channel": "x", "period_start": "2026-01-01",
          "period_end": "2026-10-31", "received": 300, "resolved": 100, "source": "manual",
          "source_url": "https://example.org/complaints"}])
    write_csv(data / paths.ABSENCES_CSV, schema.ABSENCES, [
        {"department_id": "old-absence", "platform": "x", "checked_on": "2017-07-01",
         "source_url": "https://example.org/old-report", "note": "No account, says the report."},
        {"department_id": "new-absence", "platform": "x", "checked_on": "2026-06-01",
         "source_url": "https://example.org/new-report"}])
    write_csv(data / paths.CHANNELS_CSV, schema.CHANNELS, [
        {"id": "emergency-112", "scope": "national", "kind": "emergency", "name_en": "Emergency: dial 112",
         "name_hi": "आपातकाल: 112 डायल करें", "contact": "112", "source_url": "https://example.org/112",
         "checked_on": "2026-11-01"},
        {"id": "cyber-1930", "scope": "national", "kind": "cyber-fraud", "name_en": "Cyber crime helpline 1930",
         "name_hi": "साइबर अपराध हेल्पलाइन 1930", "contact": "1930", "source_url": "https://example.org/1930",
         "checked_on": "2026-11-01"},
        {"id": "up-cm-1076", "scope": "state", "state": "IN-UP", "kind": "cm-helpline",
         "name_en": "CM Helpline 1076", "name_hi": "मुख्यमंत्री हेल्पलाइन 1076", "contact": "1076",
         "source_url": "https://example.org/1076", "checked_on": "2026-11-01"},
        {"id": "bihar-portal", "scope": "state", "state": "IN-BR", "kind": "grievance-portal",
         "name_en": "Bihar portal", "name_hi": "बिहार पोर्टल", "contact": "https://bihar.example.gov.in",
         "source_url": "https://example.org/bihar", "checked_on": "2026-11-01"},
        {"id": "gorakhpur-control-room", "scope": "district", "state": "IN-UP", "district": "Gorakhpur",
         "kind": "helpline", "name_en": "Gorakhpur control room", "name_hi": "गोरखपुर कंट्रोल रूम",
         "contact": "0551-2201000", "source_url": "https://example.org/control-room", "checked_on": "2026-11-01"}])
    operator_settings(data)
    build(data, root / "public", AS_OF)
    return root


@pytest.fixture(scope="module")
def bundled_now(tmp_path_factory):
    """The seed articles' part of the bundled data (Gorakhpur's DM among it) built on the day
    the bundled channels were last checked (the session's bundled site is built a day
    before, when none had been)."""
    root = tmp_path_factory.mktemp("bundled-now")
    build(helpers.copy_bundled_seed(root / "data"), root / "public", date(2026, 11, 25))
    out = root / "public"
    return out


def page_of(site, ident: str, lang: str = "hi") -> str:
    prefix = "en/" if lang == "en" else ""
    return (site / "public" / f"{prefix}departments/{ident}/index.html").read_text(encoding="utf-8")


def article(html: str) -> str:
    return html[html.index("<article"):html.index("</article>")]


def text_of(html: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))


class Links(HTMLParser):
    def __init__(self):
        super().__init__()
        self.hrefs = []

    def handle_starttag(self, tag, attrs):
        if tag == "a":
            self.hrefs.append(dict(attrs).get("href") or "")


def hrefs(html: str) -> list[str]:
    parser = Links()
    parser.feed(html)
    return parser.hrefs


# --- 2. no dead ends ----------------------------------------------------------------------


@pytest.mark.parametrize("ident", ["dormant-office", "shady-office", "old-absence", "new-absence"])
def test_a_department_whose_handle_does_not_work_shows_where_else_first(errand_site, ident):
    body = article(page_of(errand_site, ident))
    assert 'class="jd-channels' in body
    assert body.index('class="jd-channels') < body.index('id="accounts"')
    links = hrefs(body[body.index('class="jd-channels'):])
    for number in ("tel:112", "tel:1930", "tel:1076", "tel:05512201000"):
        assert number in links, number
    assert "https://gorakhpur.example.gov.in" in links  # a district office's portal, with its source
    assert "https://bihar.example.gov.in" not in links  # another state's
    assert "tel:05512333444" not in links  # listed without a source: not shown
    box = text_of(body[body.index('class="jd-channels'):body.index('id="accounts"')])
    assert "example.org" in box  # each channel names its source


def test_a_departments_own_contact_says_when_it_was_found_at_its_source(errand_site):
    for ident in ("district-admin", "dormant-office"):  # its own page, and its district's offices'
        box = text_of(article(page_of(errand_site, ident, "en")))
        assert "checked 2 Nov 2026" in box, ident
        line = box[box.index("gorakhpur.example.gov.in"):][:200]
        assert "example.org" in line and "checked 2 Nov 2026" in line, line


@pytest.mark.parametrize("ident", ["active-office", "slow-office"])
def test_a_working_confirmed_handle_comes_first_and_the_channels_lower(errand_site, ident):
    body = article(page_of(errand_site, ident))
    assert body.index('id="accounts"') < body.index('class="jd-channels')
    assert "tel:112" in hrefs(body)


def test_the_bundled_dm_without_an_account_leads_to_a_working_channel(bundled_now):
    body = article((bundled_now / "departments/gorakhpur-dm/index.html").read_text(encoding="utf-8"))
    assert body.index('class="jd-channels') < body.index('id="accounts"')
    links = hrefs(body)
    assert "tel:112" in links and "tel:1930" in links and "tel:1076" in links  # the UP CM helpline


def test_a_dormant_page_on_a_phone_shows_a_working_channel_above_the_fold(browser, errand_site, serve):
    server = serve(errand_site / "public")
    context = browser.new_context(viewport=PHONE)
    page = context.new_page()
    goto(page, server.url + "departments/dormant-office/")
    phone = page.locator(".jd-channels a[href^='tel:']").first
    box = phone.bounding_box()
    assert box is not None and box["y"] + box["height"] <= PHONE["height"]
    context.close()


# --- 3. write to them in one tap ----------------------------------------------------------


def test_a_confirmed_working_handle_has_a_compose_button_with_a_privacy_line(errand_site):
    for ident, handle in (("active-office", "ActiveOffice"), ("slow-office", "SlowOffice")):
        body = article(page_of(errand_site, ident, "en"))
        assert f'href="https://x.com/intent/post?text=%40{handle}"' in body
        write = body[body.index("x.com/intent/post"):]
        write = text_of(write[:write.index("</p>")])
        assert "public" in write and "phone number" in write and "Aadhaar" in write and "address" in write
    assert "platform.twitter.com" not in page_of(errand_site, "active-office") \
        and "widgets.js" not in page_of(errand_site, "active-office")


@pytest.mark.parametrize("ident", ["dormant-office", "shady-office", "old-absence"])
def test_no_compose_button_for_an_unconfirmed_dormant_or_missing_handle(errand_site, ident):
    assert "intent/post" not in page_of(errand_site, ident)
    assert "intent/post" not in page_of(errand_site, ident, "en")


def test_a_protected_handle_says_its_posts_are_seen_only_by_approved_followers_and_offers_no_button(tmp_path):
    """A protected account may post every day, but a citizen who writes to it does not see its
    reply: its scorecard says so instead of offering the compose button."""
    data = make_data(tmp_path / "data", [dept("private-office", "Private Office")],
                     [account("private-office", "PrivateOffice")],
                     [snapshot("private-office", "2026-11-20", handle="PrivateOffice", followers=500,
                               last_post_at="2026-11-19", state="protected")], [])
    operator_settings(data)
    build(data, tmp_path / "public", AS_OF)
    english, hindi = (text_of(article(page_of(tmp_path, "private-office", lang))) for lang in ("en", "hi"))
    assert "only the followers it approves see its posts and replies" in english
    assert "सुरक्षित (निजी)" in hindi
    for lang in ("en", "hi"):
        assert "intent/post" not in page_of(tmp_path, "private-office", lang)


# --- 4. dispute and contact without GitHub ------------------------------------------------


def test_the_dispute_link_offers_a_prefilled_email_and_the_same_fields_on_github(errand_site):
    body = article(page_of(errand_site, "active-office", "en"))
    mail = [h for h in hrefs(body) if h.startswith("mailto:")]
    assert mail, "no e-mail to dispute with"
    address, _, query = mail[0].removeprefix("mailto:").partition("?")
    assert unquote(address) == CONTACT
    fields = parse_qs(query)
    text = fields["body"][0]
    assert "Followers" in text and "5,000" in text and "20 Nov 2026" in text
    assert f"{SITE_URL}en/departments/active-office/" in text
    github = [h for h in hrefs(body) if "/issues/new?" in h]
    assert github
    asked = parse_qs(urlsplit(github[0]).query)
    assert asked["department"] == ["active-office"]
    assert "5,000" in asked["value"][0] and asked["figure"] and asked["date"] and asked["page_url"]


def test_a_scorecard_links_the_file_that_holds_its_own_grade(errand_site):
    """The department's history file has observations only; its status, grade and ranks are
    one row of its state's list, which its page links."""
    for lang in ("en", "hi"):
        html = page_of(errand_site, "slow-office", lang)
        grade = re.search(r"Score: ([\d.]+) / 100|अंक: ([\d.]+) / 100", text_of(html))
        state_file = [h for h in hrefs(article(html)) if "/data/states/" in h]
        assert len(state_file) == 1, state_file
        rows = pd.read_csv(errand_site / "public" / "data" / "states" / state_file[0].rsplit("/", 1)[1],
                           dtype=str, encoding="utf-8-sig").set_index("department_id")
        # The page's score is the file's, to the same tenth of a point.
        assert rows.loc["slow-office", "grade"] == "D"
        assert rows.loc["slow-office", "score"].removesuffix(".0") == (grade.group(1) or grade.group(2))


def test_a_silent_account_is_disputed_by_its_status_and_last_post_not_its_followers(errand_site):
    for lang, figure, value in (("en", "X\u00a0(Twitter) · Status", "Slow (last post 5 Nov 2026)"),
                                ("hi", "X\u00a0(ट्विटर) · स्थिति", "धीमा (आख़िरी पोस्ट 5 नवंबर 2026)")):
        mail = next(h for h in hrefs(article(page_of(errand_site, "slow-office", lang))) if h.startswith("mailto:"))
        body = parse_qs(mail.partition("?")[2])["body"][0]
        assert figure in body and value in body and "900" not in body, body


def test_a_department_without_a_grade_disputes_it_in_words_not_a_dash(errand_site):
    quoted = {}
    for lang, figure, value in (("en", "Figure: Grade\n", "Value shown: "), ("hi", "आँकड़ा: ग्रेड\n", "साइट पर मान: ")):
        for ident in ("active-office", "old-absence"):
            for link in hrefs(article(page_of(errand_site, ident, lang))):
                body = parse_qs(link.partition("?")[2]).get("body", [""])[0] if link.startswith("mailto:") else ""
                if body.startswith(figure):
                    quoted[lang, ident] = next(x for x in body.splitlines() if x.startswith(value)).removeprefix(value)
    assert quoted["en", "old-absence"] == "no grade" and quoted["hi", "old-absence"] == "कोई ग्रेड नहीं"
    assert re.fullmatch(r"[A-F] \(.+\)", quoted["en", "active-office"])


def test_the_about_page_names_the_operator_and_the_contact(errand_site):
    for path in ("about/index.html", "en/about/index.html"):
        about = (errand_site / "public" / path).read_text(encoding="utf-8")
        assert OPERATOR in about and f"mailto:{CONTACT}" in about


def test_the_bundled_operator_and_contact_are_placeholders(tmp_path):
    cfg = load_config(helpers.DATA)
    assert set(placeholders(cfg)) == {"operator", "contact_email"}
    data = helpers.copy_bundled(tmp_path / "data")
    operator_settings(data)
    assert placeholders(load_config(data)) == []


@pytest.mark.parametrize("value", ['"not an address"', '"a@b"', '"mailto:x@example.net"', "12"])
def test_a_contact_email_that_is_no_address_is_refused_with_its_line(tmp_path, value):
    data = helpers.copy_bundled(tmp_path / "data")
    path = data / paths.CONFIG_TOML
    path.write_text(re.sub(r"(?m)^contact_email = .*$", f"contact_email = {value}",
                           path.read_text(encoding="utf-8")), encoding="utf-8")
    with pytest.raises(ConfigError) as caught:
        load_config(data)
    line = next(n for n, text in enumerate(path.read_text().splitlines(), 1) if text.startswith("contact_email"))
    assert [p.line for p in caught.value.problems] == [line]


@pytest.mark.parametrize("value", ['"https://github.com/a/b/x)[evil](javascript:alert(1))"',
                                   '"https://github.com/a/b\\"onmouseover=x"', '"https://github.com/a b"',
                                   '"https://github.com/<b>"'])
def test_a_repository_address_that_would_end_a_link_early_is_refused_with_its_line(tmp_path, value):
    data = helpers.copy_bundled(tmp_path / "data")
    path = data / paths.CONFIG_TOML
    path.write_text(re.sub(r"(?m)^repository_url = .*$", lambda _: f"repository_url = {value}",
                           path.read_text(encoding="utf-8")), encoding="utf-8")
    with pytest.raises(ConfigError) as caught:
        load_config(data)
    assert [p.column for p in caught.value.problems] == ["repository_url"]


def test_the_operators_name_is_text_on_the_about_page_never_markdown(tmp_path):
    # The about page reads the operator from the config alone: one department is site enough.
    data = make_data(tmp_path / "data", [DEPT], [])
    path = data / paths.CONFIG_TOML
    name = "Lok [Data](javascript:alert(1)) *Trust* #1 _x_ <b>"
    path.write_text(re.sub(r"(?m)^operator = .*$", f"operator = '{name}'", path.read_text(encoding="utf-8")),
                    encoding="utf-8")
    build(data, tmp_path / "public")
    for page in ("about/index.html", "en/about/index.html"):
        about = (tmp_path / "public" / page).read_text(encoding="utf-8")
        assert "<strong>Lok [Data](javascript:alert(1)) *Trust* #1 _x_ &lt;b&gt;</strong>" in about
        assert 'href="javascript' not in about


def test_build_warns_while_the_placeholders_are_set(tmp_path):
    from click.testing import CliRunner

    from generator.cli import main

    data = helpers.copy_bundled(tmp_path / "data")
    runner = CliRunner()
    args = ["build", "--data", str(data), "--out", str(tmp_path / "public"), "--as-of", "2026-11-24",
            "--first-night", "--stop-after", "load"]
    result = runner.invoke(main, args)
    assert "placeholder" in result.output.lower(), result.output
    operator_settings(data)
    result = runner.invoke(main, args)
    assert "placeholder" not in result.output.lower(), result.output


def test_validate_for_deploy_refuses_the_placeholders(tmp_path):
    from click.testing import CliRunner

    from generator.cli import main

    data = helpers.copy_bundled(tmp_path / "data")
    runner = CliRunner(env={"GITHUB_REPOSITORY": None})  # a fork's CI names its own: checked elsewhere
    refused = runner.invoke(main, ["validate", "--no-audit", "--deploy", "--data", str(data)])
    assert refused.exit_code != 0 and "contact_email" in refused.output
    operator_settings(data)
    passed = runner.invoke(main, ["validate", "--no-audit", "--deploy", "--data", str(data)])
    assert passed.exit_code == 0, passed.output


def test_the_audit_passes_the_configured_address_and_catches_any_other(errand_site):
    public = errand_site / "public"
    from generator.publish.audit import allowed_names
    from generator.store.dataset import registered_handles
    from generator.store.load import load_dataset

    data = errand_site / "data"
    allowed = allowed_names(load_dataset(data), load_config(data))
    assert audit_site(public, allowed) == []
    assert not any(CONTACT in str(p) for p in audit_site(public, registered_handles(load_dataset(data))))
    page = public / "departments/active-office/index.html"
    original = page.read_text(encoding="utf-8")
    try:
        for planted in ('<a href="mailto:someone.else@example.net">write</a>', "write to ram.kumar@gmail.com"):
            page.write_text(original.replace("</article>", planted + "</article>"), encoding="utf-8")
            assert [p for p in audit_site(public, allowed) if "e-mail" in p.message], planted
    finally:
        page.write_text(original, encoding="utf-8")


# --- 5. findings carry their age ----------------------------------------------------------


def test_an_old_absence_says_when_and_that_it_was_not_checked_since(bundled_now):
    body = article((bundled_now / "departments/gorakhpur-dm/index.html").read_text(encoding="utf-8"))
    # The article gives the year only (sources.csv date_precision), and so does the page; the
    # registry's notes, opened on request, say which day stands in for it.
    text = text_of(re.sub(r'<details class="jd-source-note.*?</details>', "", body, flags=re.S))
    assert "— 2017 की रिपोर्ट के अनुसार; तब से दोबारा नहीं जाँची गई" in text and "जुलाई 2017" not in text
    assert "स्रोत: –" not in text and "हिंदी समाचार रिपोर्ट, गोरखपुर" in text
    assert "jd-grade__letter" not in body  # no grade as if the finding were current
    assert "हर हफ़्ते पोस्ट" not in text  # nor advice
    english = text_of(article((bundled_now / "en/departments/gorakhpur-dm/index.html").read_text(encoding="utf-8")))
    assert "per a report of 2017; not checked again since" in english and "Source: –" not in english
    # Still listed and counted as missing.
    district = (bundled_now / "districts/in-up-gorakhpur/index.html").read_text(encoding="utf-8")
    assert "jd-dept--no_account" in district and "gorakhpur-dm" in district


def test_a_recent_absence_reads_as_current_and_is_graded(errand_site):
    text = text_of(article(page_of(errand_site, "new-absence", "en")))
    assert "not checked again since" not in text and "jd-grade__letter" in page_of(errand_site, "new-absence")
    old = text_of(article(page_of(errand_site, "old-absence", "en")))
    assert "per a report of Jul 2017; not checked again since" in old and "example.org" in old


def test_a_department_our_registry_lists_no_account_of_is_not_graded_on_that_gap(errand_site):
    """No report says the Unlisted Office has no account: our registry only lists none. An F on
    that would be a grade on our gap; a report's finding (New Absence Office) is graded."""
    page = page_of(errand_site, "unlisted-office", "en")
    text = text_of(article(page))
    assert "jd-grade__letter" not in page
    assert "No grade: our registry lists no account of this department, but no report says it has none." in text
    assert "How to send it" in text  # and it is asked for the handle
    hindi = text_of(article(page_of(errand_site, "unlisted-office")))
    assert "कोई ग्रेड नहीं: हमारी सूची में इस विभाग का कोई खाता नहीं" in hindi
    grades = pd.read_csv(errand_site / "public" / "data" / "handles.csv", dtype=str, keep_default_na=False).set_index(
        "department_id")
    assert grades.loc["unlisted-office", "grade"] == "" and grades.loc["unlisted-office", "status"] == "no_account"
    assert grades.loc["new-absence", "grade"] == "F"


def test_the_age_of_an_absence_counts_from_the_nights_date_not_the_build_day(tmp_path):
    from datetime import timedelta

    data = make_data(tmp_path / "data", [dept("a", "Office A"), dept("b", "Office B")],
                     [account("a", "OfficeA")],
                     [snapshot("a", "2026-11-20", handle="OfficeA", followers=10, last_post_at="2026-11-19")])
    write_csv(data / paths.ABSENCES_CSV, schema.ABSENCES, [
        {"department_id": "b", "platform": "x", "checked_on": "2026-01-01", "source_url": "https://example.org/r"}])
    build(data, tmp_path / "public", AS_OF + timedelta(days=400))
    text = text_of(article((tmp_path / "public/en/departments/b/index.html").read_text(encoding="utf-8")))
    assert "not checked again since" not in text


def test_the_recheck_setting_is_read_and_checked(tmp_path):
    data = helpers.copy_bundled(tmp_path / "data")
    assert load_config(data).status.absence_recheck_days == 365
    path = data / paths.CONFIG_TOML
    path.write_text(re.sub(r"(?m)^absence_recheck_days = .*$", "absence_recheck_days = -1",
                           path.read_text(encoding="utf-8")), encoding="utf-8")
    with pytest.raises(ConfigError):
        load_config(data)


# --- 6. the grade adds up on the page -----------------------------------------------------


@pytest.mark.parametrize(("values", "total", "expected"), [
    ([187.5, 187.5, 500.0], 875, [188, 187, 500]),
    ([33.333, 33.333, 33.334], 100, [33, 33, 34]),
    ([66.6667, 33.3333], 100, [67, 33]),
    ([28.999999999999996, 71.0], 100, [29, 71]),
])
def test_largest_remainder_adds_up(values, total, expected):
    assert largest_remainder(values, total) == expected
    assert sum(largest_remainder(values, total)) == total


def grade_table(html: str) -> list[list[str]]:
    table = html[html.index('class="jd-table jd-stack jd-grade-sum"'):]
    table = table[:table.index("</table>")]
    return [[text_of(c).strip() for c in re.findall(r"<t[dh][^>]*>(.*?)</t[dh]>", row, re.S)]
            for row in re.findall(r"<tr>(.*?)</tr>", table, re.S)]


@pytest.mark.parametrize(("ident", "score", "rows"), [
    # activity 100, responsiveness 75 (100 minutes), resolution 75 %: every part, weights as set
    # (18.75 twice: the tenth left over goes to the first of equal remainders)
    ("active-office", "87.5", [("100", "50 %", "50"), ("75", "25 %", "18.8"), ("75", "25 %", "18.7")]),
    # slow 60, no reply time, 33.3 % resolved: responsiveness left out, the others rescaled
    ("slow-office", "51.1", [("60", "66.7 %", "40"), ("–", None, None), ("33.3", "33.3 %", "11.1")]),
])
def test_the_grade_table_shows_each_part_its_weight_as_used_and_a_sum_equal_to_the_score(errand_site, ident,
                                                                                          score, rows):
    html = page_of(errand_site, ident, "en")
    assert f"Score: {score} / 100" in text_of(html)
    table = grade_table(html)
    head, parts, total = table[0], table[1:4], table[4]
    assert head[:4] == ["Part", "Score", "Weight as used", "Contribution"]
    contributions = 0.0
    for row, (part_score, share, contribution) in zip(parts, rows, strict=True):
        assert row[1] == part_score or (part_score == "–" and row[1] == "not available")
        if share is None:
            assert "left out" in row[2]
            continue
        assert row[2] == share and row[3] == contribution
        contributions += float(contribution)
    assert f"{contributions:.1f}".removesuffix(".0") == score
    assert total[0] == "Total = score" and total[2] == "100 %" and total[3] == score
    # What each part's score means, in place.
    assert "up to 7 days 100" in parts[0][0] and "resolved ÷ received" in parts[2][0]
    assert ("slower, or no answer to any of the mentions measured (on the measured days of 30, which may be one "
            "day), is 0") in parts[1][0]
    assert "Measured replies count from 5 mentions on" in parts[1][0]
    if ident == "active-office":  # each state median says how many departments it is of
        assert [row[4] for row in parts] == ["60 (of 5 departments)", "75 (this department alone)",
                                             "54.2 (of 2 departments)"]  # of 75 and 33.3, to a tenth as the parts


def test_a_config_with_a_byte_order_mark_is_read_and_a_bad_byte_is_placed_on_its_line(tmp_path):
    data = helpers.copy_bundled(tmp_path / "data")
    path = data / paths.CONFIG_TOML
    text = path.read_text(encoding="utf-8")
    path.write_bytes(b"\xef\xbb\xbf" + text.encode("utf-8"))
    assert load_config(data).site.operator  # read as without the mark
    lines = text.splitlines(keepends=True)
    path.write_bytes("".join(lines[:68]).encode("utf-8") + b"# caf\xe9\n" + "".join(lines[68:]).encode("utf-8"))
    with pytest.raises(ConfigError) as caught:
        load_config(data)
    assert [(p.line, p.message.startswith("not UTF-8 text")) for p in caught.value.problems] == [(69, True)]


def test_a_union_bodys_complaint_channels_are_headed_as_the_unions():
    # CPGRAMS is the Union government's portal: under "State" a reader looks for their state's.
    channels = pd.DataFrame([
        {"id": "union-cpgrams", "scope": "union", "state": None, "district": None, "name_en": "CPGRAMS",
         "name_hi": "सीपीग्राम्स", "contact": "https://pgportal.gov.in", "source_url": "https://example.org/pg",
         "checked_on": "2026-11-25"},
        {"id": "up-cm-1076", "scope": "state", "state": "IN-UP", "district": None, "name_en": "CM Helpline 1076",
         "name_hi": "मुख्यमंत्री हेल्पलाइन 1076", "contact": "1076", "source_url": "https://example.org/1076",
         "checked_on": "2026-11-25"}])
    for lang, union, state in (("en", "Union government", "State"), ("hi", "केंद्र सरकार", "राज्य")):
        fmt = Formatter(lang, {})
        ctx = SimpleNamespace(fmt=fmt, t=fmt.t, model=SimpleNamespace(channels=channels,
                                                                     departments=pd.DataFrame(columns=["department_id"])))
        where = Elsewhere(ctx)
        headings = dict(where.of({"department_id": "pmo", "state": "IN", "district": None}))
        assert [c["number"] for c in headings[union]] == ["https://pgportal.gov.in"] and state not in headings
        headings = dict(where.of({"department_id": "up-x", "state": "IN-UP", "district": None}))
        assert [c["number"] for c in headings[state]] == ["1076"] and union not in headings


@pytest.mark.parametrize(("dept", "english", "hindi"), [
    # Gorakhpur's DM has no handle at all: no sentence about "this handle".
    ("gorakhpur-dm", "We know of no handle of this department. Complain here:",
     "इस विभाग का कोई हैंडल हमें नहीं मिला। शिकायत यहाँ करें:"),
    # UP Police's handle is not confirmed by UP Police itself: said first, before its unknown status.
    ("up-police", "Its handle is not confirmed as official, so it is no reliable way to complain. Complain here:",
     "इस विभाग का हैंडल आधिकारिक पुष्ट नहीं, इसलिए वह शिकायत का भरोसेमंद रास्ता नहीं।"),
])
def test_where_else_to_complain_says_why_the_handle_is_not_the_way(bundled_now, dept, english, hindi):
    for lang, words in (("en/", english), ("", hindi)):
        page = (bundled_now / f"{lang}departments" / dept / "index.html").read_text(encoding="utf-8")
        said = re.search(r'<h2 id="elsewhere">.*?<p>(.*?)</p>', page, re.S).group(1)
        assert said.startswith(words.replace("'", "&#39;")), said


def test_an_english_sentence_names_a_status_in_lower_case_and_the_badge_keeps_its_capital(errand_site):
    page = page_of(errand_site, "dormant-office", "en")
    answer = re.search(r'<p class="jd-answer">(.*?)</p>', page).group(1)
    assert "@DormantOffice on X\u00a0(Twitter), dormant (" in answer, answer
    said = re.search(r'<h2 id="elsewhere">.*?<p>(.*?)</p>', page, re.S).group(1)
    assert said.startswith("Its handle is not posting now (dormant), so"), said
    assert re.search(r'jd-status--dormant"><span aria-hidden="true">○</span> Dormant</span>', page)


@pytest.mark.parametrize(("account", "reason"), [
    ({"official": "unverified"}, "elsewhere_unconfirmed"),
    # A report after our last observation found no account: which holds, the next one says.
    ({"absence_newer": True, "absent_on": "2026-11-18"}, "elsewhere_contradicted"),
    ({"status": "dormant"}, "elsewhere_silent"),
    ({"status": "abandoned"}, "elsewhere_silent"),
    ({"status": "suspended"}, "elsewhere_gone"),
    ({"status": "not_found"}, "elsewhere_gone"),
    ({"account_state": "protected"}, "elsewhere_protected"),
    ({"status": "unknown"}, "elsewhere_unknown"),
    ({"platform": "facebook"}, "elsewhere_not_x"),
    ({"handle": None}, "elsewhere_handle_unknown"),
    ({"handle": None, "status": "no_account"}, "elsewhere_no_handle"),
])
def test_a_handle_not_offered_to_write_to_is_given_its_own_reason(account, reason):
    row = {"platform": "x", "handle": "SomeDept", "official": "yes", "status": "active", "account_state": "ok",
           **account}
    assert unwritable([row])[0] == reason
    # An X account is the one spoken of, whatever the order of the department's accounts.
    other = {**row, "platform": "facebook", "handle": "SomeDeptFB", "status": "active", "official": "yes"}
    if row["handle"] and row["platform"] == "x":
        assert unwritable([other, row]) == (reason, row)
