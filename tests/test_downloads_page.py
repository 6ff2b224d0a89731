"""The Downloads page, and the health page's part on pinned files, as rendered from a model of a
few synthetic nights (no whole build)."""

import dataclasses
import html
import re
from datetime import date

import pytest

from generator import paths, schema
from generator.compute.model import build_model
from generator.config import Config
from generator.publish.pinned import Note
from generator.render import downloads_page, trust, words
from generator.render.context import Context
from generator.store.load import load_dataset
from generator.synth import synthesize

from .helpers import REPO

END = date(2026, 11, 20)


@pytest.fixture(scope="module")
def model(tmp_path_factory):
    data = tmp_path_factory.mktemp("downloads") / "data"
    synthesize(data, accounts=20, days=3, seed=7, end=END)
    return build_model(load_dataset(data), Config(), END)


def render(model, lang: str) -> str:
    return downloads_page.downloads_page(Context(model, lang, REPO / paths.SITE_DOCS / lang)).body


def pinned_night(night: str) -> dict:
    return {"name": f"jawabdehi-{night}.zip", "night": night, "url": f"https://example.org/{night}.zip",
            "sha256": "0" * 64, "bytes": 7032, "onsite": None}


@pytest.mark.parametrize("lang, said", [("en", "The last 2 nights"), ("hi", "पिछली 2 रातें")])
def test_the_number_of_pinned_nights_said_is_the_number_listed(model, monkeypatch, lang, said):
    # The page said "the last 31 nights" whatever PINNED_NIGHTS listed.
    monkeypatch.setattr(downloads_page, "PINNED_NIGHTS", 2)
    nights = [pinned_night(f"2026-11-{day}") for day in (17, 18, 19, 20)]
    body = render(dataclasses.replace(model, health=dataclasses.replace(model.health, pinned=nights)), lang)
    shown = body[body.index('<ul class="jd-pinned">'):].split("</ul>", 1)[0]
    assert said in body and len(re.findall("<li>", shown)) == 2


@pytest.mark.parametrize("lang", ["en", "hi"])
def test_the_main_buttons_file_and_size_are_in_one_bracket(model, lang):
    # It read "(handles.csv: opens in Excel, ...) (49 kB)": two brackets in a row.
    button = re.search(r'md-button--primary"[^>]*>([^<]*)</a>', render(model, lang))[1]
    assert button.count("(") == button.count(")") == 1
    assert "(handles.csv, jdsize:data/handles.csv;: " in button, button


@pytest.mark.parametrize("lang, said", [("en", "(7,032\u00a0bytes)"), ("hi", "(7,032\u00a0बाइट)")])
def test_a_pinned_files_exact_size_stays_on_one_line(model, lang, said):
    # "(7,032 bytes)" broke between the figure and its unit at 390 px.
    body = render(dataclasses.replace(model, health=dataclasses.replace(model.health, pinned=[
        pinned_night("2026-11-20")])), lang)
    assert said in body


@pytest.mark.parametrize("text, marked", [
    ("followers_on_precision", "followers_<wbr>on_<wbr>precision"),
    ("sources.csv का date_precision", "sources.<wbr>csv का date_<wbr>precision"),
    ("department_id/platform", "department_<wbr>id/<wbr>platform"),
    # A reference is one word: a phone broke it after its colon ('source:' / '<id>').
    ("in other files as source:<id>; source_url", 'in other files as <span class="jd-whole">source:&lt;id&gt;</span>; '
     "source_<wbr>url"),
    # Innocent: a decimal, "e.g.", a sentence's full stop and a name in angle brackets stay as they are.
    ("95.0 %, e.g. x. Then departments/<id>", "95.0 %, e.g. x. Then departments/&lt;id&gt;"),
    # A value quoted in a Hindi sentence is set as code, as the methodology sets it; a lone
    # backtick is text.
    ("`day`; या `month`, sources.csv का", "<code>day</code>; या <code>month</code>, sources.<wbr>csv का"),
    ("a ` b", "a ` b"),
    # A value with a hyphen is one value, set as code whole.
    ("जैसे `x`, `cm-window`", "जैसे <code>x</code>, <code>cm-window</code>")])
def test_a_descriptions_names_may_end_a_line_only_after_an_underscore_slash_or_dot(text, marked):
    assert str(downloads_page.breakable(text)) == marked


@pytest.mark.parametrize("lang, said, inside, mentions", [
    ("en", "that the night's scorecards count", "inside jawabdehi-night-YYYY-MM-DD.zip",
     "Posts by others mentioning the account that day"),
    ("hi", "उस रात के स्कोरकार्ड गिनते हैं", "jawabdehi-night-YYYY-MM-DD.zip के भीतर", "उस दिन खाते का उल्लेख")])
def test_the_reply_counts_a_nights_zip_holds_are_described_with_their_columns(model, lang, said, inside, mentions):
    # The night's ZIP holds the replies its scorecards count: named where the pinned files are,
    # with a link to its columns in the data dictionary, in the page's language.
    body = html.unescape(render(model, lang))
    pinned = body[body.index('id="pinned"'):body.index('id="archive"')]
    assert 'href="#replies-window-csv"><code>replies-window.csv</code></a>' in pinned and said in pinned
    dictionary = body[body.index('<h2 id="replies-window-csv">'):].split("</table>")[0]
    assert inside in dictionary and mentions in dictionary and "answered_within_hour" in dictionary.replace(
        "<wbr>", "")


def pinned_lines(model, lang: str, *entries: dict) -> list[str]:
    """The lines of the Downloads page's list of pinned files, listing `entries`."""
    body = render(dataclasses.replace(model, health=dataclasses.replace(model.health, pinned=list(entries))), lang)
    return re.findall(r"<li>.*?</li>", body[body.index('<ul class="jd-pinned">'):].split("</ul>", 1)[0])


@pytest.mark.parametrize("lang", ["en", "hi"])
def test_a_pinned_file_whose_release_holds_other_bytes_is_offered_from_this_site_for_good(model, lang):
    # Its line said its copy was here "until it is uploaded": its release holds other bytes, and
    # a release asset is never overwritten, so it never will be.
    t = words.texts(lang)
    awaiting, differs = (pinned_night(night) | {"onsite": f"data/nights/jawabdehi-{night}.zip", "uploaded": False}
                         for night in ("2026-11-20", "2026-11-19"))
    differs["release_differs"] = True
    line_awaiting, line_differs = pinned_lines(model, lang, awaiting, differs)
    assert differs["url"] not in line_differs and t["pinned_release_differs"] in line_differs
    assert t["pinned_onsite_cite"] in line_differs and t["pinned_pending"] not in line_differs
    assert "nights/jawabdehi-2026-11-19.zip" in line_differs
    assert awaiting["url"] in line_awaiting and t["pinned_pending"] in line_awaiting
    assert t["pinned_onsite_cite"] not in line_awaiting


@pytest.mark.parametrize("lang", ["en", "hi"])
def test_a_pinned_files_line_is_of_parts_with_no_dot_to_end_a_line(model, lang):
    # A " · " after the long SHA-256 was left at a line's end on a 360 px phone.
    entries = [pinned_night("2026-11-20") | {"onsite": "data/nights/jawabdehi-2026-11-20.zip"},
               pinned_night("2026-11-19") | {"withdrawn": True}, pinned_night("2026-11-18") | {"differs": True},
               pinned_night("2026-11-17")]
    lines = pinned_lines(model, lang, *entries)
    assert len(lines) == 4
    for line in lines:
        assert " · " not in line and line.startswith('<li><span class="jd-parts"><span>'), line
    assert [line.count("</span> <span>") for line in lines] == [1, 1, 1, 0]


def test_the_hindi_dictionary_sets_the_date_precisions_values_as_code(model):
    # "day; या month या year" read as English words in a Hindi sentence.
    body = render(model, "hi")
    precision = re.search(r"<td><code>followers_<wbr>on_<wbr>precision</code></td><td>[^<]*</td><td>(.*?)</td>",
                          body)[1]
    assert precision.startswith("<code>day</code>; या <code>month</code> या <code>year</code>, "), precision
    for english in (" day", " month", " year"):
        assert english not in re.sub(r"<code>\w+</code>", "", precision), english


def health_pinned(model, lang: str, entries: list[dict], notes: list) -> str:
    """The health page's part on pinned files, listing `entries` with the build's `notes`."""
    health = dataclasses.replace(model.health, pinned=entries, pinned_notes=notes)
    ctx = Context(dataclasses.replace(model, health=health), lang, REPO / paths.SITE_DOCS / lang)
    body = next(p for p in trust.trust_pages(ctx) if p.url == "health/").body
    return html.unescape(body[body.index('id="pinned"'):body.index('id="files"')])


@pytest.mark.parametrize("lang", ["en", "hi"])
def test_the_health_page_lists_a_file_whose_release_holds_other_bytes_apart_from_those_awaiting_upload(model,
                                                                                                        lang):
    # It was counted and listed as "awaiting upload (tried again every night)": it never can be.
    t = words.texts(lang)
    awaiting, differs = (pinned_night(night) | {"onsite": f"data/nights/jawabdehi-{night}.zip", "uploaded": False}
                         for night in ("2026-11-20", "2026-11-19"))
    differs["release_differs"] = True
    uploaded = pinned_night("2026-11-18") | {"uploaded": True}
    part = health_pinned(model, lang, [awaiting, differs, uploaded],
                         [Note("release_differs", differs["name"], "sha256:" + "1" * 64)])
    counts = t["pinned_counts"].format(listed=3, pending=1)
    assert counts in part, part
    waiting, kept = part.split('id="pinned-kept"')
    assert awaiting["name"] in waiting and differs["name"] not in waiting
    assert t["pinned_kept_heading"] in kept and t["pinned_kept_intro"] in kept
    assert differs["name"] in kept and awaiting["name"] not in kept and uploaded["name"] not in kept
    assert "1" * 64 not in part  # the release's digest is for the operator, in the upload's line
    # Innocent: with nothing kept on the site only, no such part, and the count as it was.
    alone = health_pinned(model, lang, [awaiting, uploaded], [])
    assert 'id="pinned-kept"' not in alone and t["pinned_counts"].format(listed=2, pending=1) in alone
    assert awaiting["name"] in alone


# Every value a published column holds that is an English word or name.
VALUES = {str(v) for v in (*schema.Platform, *schema.AccountState, *schema.EventKind, *schema.Status, *schema.SOURCES,
                           *schema.BOUNDS, *schema.OFFICIAL)} | {"cm-window", "measured", "reported", "unanswered",
                                                                 "true", "false", "null", "day", "month", "year"}


def test_the_hindi_dictionary_holds_no_value_as_an_english_word_in_its_sentences(model):
    """`measured`, `more_than`, `cm-window` name what a cell holds: in a Hindi sentence they
    are set as code, or a Hindi reader meets English words in prose."""
    body = render(model, "hi")
    said = re.findall(r"<tr><td><code>.*?</code></td>(?:<td>[^<]*</td>)?<td>(.*?)</td></tr>", body)
    assert len(said) > 100 and any("<code>more_<wbr>than</code>" in s or "<code>more_than</code>" in s for s in said)
    word = re.compile(r"(?<![\w./:<`-])(" + "|".join(map(re.escape, sorted(VALUES, key=len, reverse=True))) +
                      r")(?![\w./>`-])")
    plain = [(found, s) for s in said for found in word.findall(re.sub(r"<code>.*?</code>|<[^>]+>", "", s))]
    assert not plain, plain


def test_the_hindi_dictionarys_type_column_sets_a_flags_values_as_code(model):
    """A flag's type read "true/false", English words in the Hindi column: its values are set as
    code, joined by a Hindi word; every other type is a Hindi word."""
    body = render(model, "hi")
    kinds = set(re.findall(r"<tr><td><code>[^/]*?</code></td><td>((?:(?!</td>).)*)</td><td>", body))
    assert "<code>true</code> या <code>false</code>" in kinds, kinds
    assert not [k for k in kinds if re.search(r"[a-z]", re.sub(r"<code>\w+</code>", "", k))], kinds
