"""A dated report of no account about a department whose account is registered and observed.

Older than the account's newest observation, it is history: the page reads as without it.
Newer, it is the newer finding: the scorecard, the lists and the badge say that a report of
that day found no official account after our last observation, the old status is shown as
last known rather than current, and no grade rests on it until the account is observed again."""

from __future__ import annotations

import html
import json
import re
from datetime import date

import pandas as pd
import pytest

from generator import paths, schema
from generator.compute.model import build_model
from generator.config import Config
from generator.store.load import load_dataset

from . import figure_checker
from .helpers import DEPT, build, make_data, snapshot, write_csv

AS_OF = date(2026, 11, 24)
NOTE = "<script>alert(1)</script> The page was deleted"


def _dept(ident: str) -> dict:
    return {**DEPT, "id": ident, "name_en": f"Office {ident}", "name_hi": f"कार्यालय {ident}"}


def seen(ident: str, day: str) -> dict:
    """The account found active on `day`, its last post the day before."""
    before = f"{day[:8]}{int(day[8:]) - 1:02d}"
    return snapshot(ident, day, handle=f"Office{ident}", followers=500, last_post_at=before)


def _data(root, accounts=(), snapshots=(), departments=(), reports=()):
    """newer: observed active on 10 Nov, a report of 18 Nov found no account. qolder: observed
    active on 20 Nov, a report of 15 Nov found none. qplain: as qolder, without a report. unseen:
    registered, never observed, a report of 18 Nov. gone: found missing on 10 Nov, a report of
    18 Nov agrees."""
    ids = ("newer", "qolder", "qplain", "unseen", "gone")
    data = make_data(root, [_dept(d) for d in (*ids, *departments)],
                     [{"department_id": d, "platform": "x", "handle": f"Office{d}", "official": "yes",
                       "source_url": "https://example.org/registry"} for d in ids] + list(accounts),
                     [*snapshots, seen("newer", "2026-11-10"), seen("qolder", "2026-11-20"),
                      seen("qplain", "2026-11-20"), snapshot("gone", "2026-11-10", state="not_found")])
    write_csv(data / paths.ABSENCES_CSV, schema.ABSENCES, [
        {"department_id": "newer", "platform": "x", "checked_on": "2026-11-18", "source_url": "https://example.org/gone",
         "note": NOTE},
        {"department_id": "qolder", "platform": "x", "checked_on": "2026-11-15", "source_url": "https://example.org/old",
         "note": "An older page"},
        {"department_id": "unseen", "platform": "x", "checked_on": "2026-11-18",
         "source_url": "https://example.org/gone"},
        {"department_id": "gone", "platform": "x", "checked_on": "2026-11-18", "source_url": "https://example.org/gone"},
        *reports])
    write_csv(data / paths.CHANNELS_CSV, schema.CHANNELS, [
        {"id": "cyber-1930", "scope": "national", "kind": "cyber-fraud", "name_en": "Cyber crime helpline 1930",
         "name_hi": "साइबर अपराध हेल्पलाइन 1930", "contact": "1930", "source_url": "https://example.org/1930",
         "checked_on": "2026-11-01"}])
    return data


def test_a_newer_report_takes_the_status_out_of_the_grade_and_an_older_one_does_not(tmp_path):
    model = build_model(load_dataset(_data(tmp_path / "data")), Config(), AS_OF)
    newer = model.handles.set_index("department_id")["absence_newer"]
    assert newer.to_dict() == {"newer": True, "qolder": False, "qplain": False, "unseen": True, "gone": False}
    table = model.grades.set_index("department_id")
    assert pd.isna(table.loc["newer", "grade"]) and table.loc["newer", "activity_not_counted"] == "contradicted"
    # Older: history, graded on the account observed since, as without the report.
    assert table.loc["qolder", "grade"] == table.loc["qplain", "grade"] == "A"
    assert pd.isna(table.loc["qolder", "activity_not_counted"])
    # Never observed: no grade, as any unknown status; a report agreeing the account is gone: its F.
    assert pd.isna(table.loc["unseen", "grade"]) and pd.isna(table.loc["unseen", "activity_not_counted"])
    assert table.loc["gone", "grade"] == "F"


def test_a_department_with_another_account_keeps_the_grade_of_that_one(tmp_path):
    data = _data(tmp_path / "data", [{"department_id": "newer", "platform": "facebook", "handle": "officenewer",
                                      "official": "yes", "source_url": "https://example.org/registry"}],
                 [snapshot("newer", "2026-11-20", platform="facebook", followers=10, last_post_at="2026-11-19")])
    model = build_model(load_dataset(data), Config(), AS_OF)
    row = model.grades.set_index("department_id").loc["newer"]
    assert row["grade"] == "A" and row["activity_platform"] == "facebook"


def test_a_contradicted_account_is_ranked_among_no_others(tmp_path):
    """newer's count of 10 Nov is recent, but a report of 18 Nov found no account: which holds,
    the next observation says. Its count is not ranked, nor counted in the others' "of"."""
    table = build_model(load_dataset(_data(tmp_path / "data")), Config(), AS_OF).handles.set_index("department_id")
    for within in ("state", "category"):
        assert pd.isna(table.loc["newer", f"rank_in_{within}"]) and pd.isna(table.loc["newer", f"of_in_{within}"])
        assert table.loc["qolder", f"of_in_{within}"] == table.loc["qplain", f"of_in_{within}"] == 2


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    root = tmp_path_factory.mktemp("newer-absence")
    build(_data(root / "data"), root / "public", AS_OF)
    return root / "data", root / "public"


@pytest.fixture
def site(built):
    return built[1]


def test_every_figure_shown_is_the_checkers_recomputation(built):
    """The checker that shares no code with the package (tests/figure_checker.py) reads the
    same rule: no grade, an old mark and the report's day on the league's rows."""
    data, site = built
    assert figure_checker.check(site, data, AS_OF).mismatches == []


def _page(site, path: str, lang: str) -> str:
    return (site / ("en/" if lang == "en" else "") / path).read_text(encoding="utf-8")


def _text(page: str) -> str:
    return html.unescape(re.sub(r"\s+", " ", re.sub(r"<[^>]+>", "", page)))


def _account(page: str) -> str:
    return page[page.index('<div class="jd-account">'):page.index('<div class="jd-account">') + 6000].split(
        "</div>")[0]


SAID = {"en": ("A report of 18 Nov 2026 (example.org) found no official account after our last observation, of "
               "10 Nov 2026", "last known: 10 Nov 2026", "No grade: a report after our last observation"),
        "hi": ("18 नवंबर 2026 की एक रिपोर्ट (example.org) को हमारे आख़िरी अवलोकन (10 नवंबर 2026) के बाद कोई आधिकारिक "
               "खाता नहीं मिला", "अंतिम ज्ञात: 10 नवंबर 2026", "कोई ग्रेड नहीं: खाते के हमारे आख़िरी अवलोकन के बाद")}


@pytest.mark.parametrize("lang", ["en", "hi"])
def test_a_newer_report_is_said_on_the_scorecard_with_its_source(site, lang):
    page = _page(site, "departments/newer/index.html", lang)
    text = _text(page)
    report, last_known, no_grade = SAID[lang]
    assert report in text and last_known in text and no_grade in text
    assert text.count(report) == 2  # the one-line answer, and the account's own
    assert report in html.unescape(re.search(r'<meta name="description" content="([^"]*)"', page).group(1))
    assert 'href="https://example.org/gone"' in _account(page)
    assert "jd-grade__letter" not in page
    assert ("not ranked: a later report found no official account" if lang == "en"
            else "क्रम में नहीं: बाद की एक रिपोर्ट को कोई आधिकारिक खाता नहीं मिला") in text
    # The registry's note on the report is shown, as text.
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page and "<script>alert(1)" not in page
    # Never observed: said without a last observation.
    unseen = _text(_page(site, "departments/unseen/index.html", lang))
    assert ("we have not observed this account yet" if lang == "en" else "हमने यह खाता अभी तक नहीं देखा") in unseen


def _grade_cells(page: str) -> dict[str, list[str]]:
    """The grade table's cells after each part's name, as text, by the part's name."""
    table = page[page.index('class="jd-table jd-stack jd-grade-sum"'):].split("</table>")[0]
    return {_text(row.split("</th>")[0]).split(" ")[0]: [_text(c) for c in re.findall(r"<td[^>]*>(.*?)</td>", row)]
            for row in re.findall(r"<tr><th scope=\"row\">(.*?)</tr>", table, re.S)}


@pytest.mark.parametrize("lang", ["en", "hi"])
def test_the_grade_table_says_why_a_contradicted_status_is_left_out(site, lang):
    """A status a newer report of no account contradicts counts in no grade: the grade table's
    activity row gave a dash for its weight and contribution, as for a part with no figure at
    all. It says why, in a few words that fit a phone's line; the parts with nothing to count
    keep their dashes, and a department graded as usual has no such words."""
    words = ("a later report found no account: left out" if lang == "en"
             else "बाद की रिपोर्ट: कोई खाता नहीं; छोड़ा गया")
    cells = _grade_cells(_page(site, "departments/newer/index.html", lang))
    activity, *others = cells.values()
    assert activity[1] == words and len(activity) == 3, cells
    assert all(row[1:3] == ["–", "–"] for row in others), cells
    assert words not in _text(_page(site, "departments/qplain/index.html", lang))


ELSEWHERE = {"en": "A report of 18 Nov 2026 found no official X account of this department after our last "
                   "observation of its handle, so there is no button to write to it here. Complain here:",
             "hi": "18 नवंबर 2026 की एक रिपोर्ट को हमारे आख़िरी अवलोकन के बाद इस विभाग का कोई आधिकारिक X खाता नहीं "
                   "मिला, इसलिए यहाँ उसके हैंडल को लिखने का बटन नहीं। शिकायत यहाँ करें:"}


@pytest.mark.parametrize("lang", ["en", "hi"])
def test_a_citizen_is_not_sent_to_write_to_a_handle_a_newer_report_found_gone(site, lang):
    """The button to write to @Officenewer sent a citizen to a handle a later report found no
    account behind (deleted, or renamed and free to anyone): the page says so and where else to
    complain instead. The same handle observed since keeps its button."""
    page = _page(site, "departments/newer/index.html", lang)
    assert "jd-write" not in page and "x.com/intent" not in page
    assert _text(re.search(r'<h2 id="elsewhere">.*?<p>(.*?)</p>', page, re.S).group(1)) == ELSEWHERE[lang]
    for innocent in ("qolder", "qplain"):
        assert "x.com/intent/post?text=%40Office" + innocent in _page(site, f"departments/{innocent}/index.html", lang)


@pytest.mark.parametrize("lang", ["en", "hi"])
def test_an_older_report_leaves_the_scorecard_as_it_reads_without_one(site, lang):
    older, plain = (_page(site, f"departments/{d}/index.html", lang) for d in ("qolder", "qplain"))
    assert _account(older).replace("qolder", "qplain") == _account(plain)
    assert "jd-newer-report" not in older and "jd-grade__letter" in older
    assert SAID[lang][0][:12] not in _text(older)


@pytest.mark.parametrize("lang", ["en", "hi"])
def test_the_lists_and_the_badge_say_a_newer_report(site, lang):
    listing = _page(site, "accounts/in-up/index.html", lang)
    rows = {re.search(r'data-id="([^"/]+)/', row).group(1): row for row in listing.split("<tr")[1:]
            if 'data-id="' in row}
    assert 'href="https://example.org/gone"' in rows["newer"] and SAID[lang][0] in _text(rows["newer"])
    old = ">old figure<" if lang == "en" else ">पुराना आँकड़ा<"
    assert old in rows["newer"]  # its status is not shown as current
    for innocent in ("qolder", "qplain", "gone"):
        assert "jd-newer-report" not in rows[innocent] and old not in rows[innocent], innocent
    league = (site / "data" / "league" / lang / "in-up.json").read_text(encoding="utf-8")
    assert json.dumps(SAID[lang][0], ensure_ascii=False) in league
    badge = (site / "badges" / ("en/" if lang == "en" else "") / "newer-x.svg").read_text(encoding="utf-8")
    assert ("later report: no account" if lang == "en" else "बाद की रिपोर्ट: कोई खाता नहीं") in html.unescape(badge)
    handles = pd.read_csv(site / "data" / "handles.csv", dtype=str, keep_default_na=False).set_index("department_id")
    assert handles.loc["newer", "grade"] == "" and handles.loc["qolder", "grade"] == "A"


def test_the_grade_history_ends_on_the_grade_shown(tmp_path):
    """The scorecard's grade over time counts a newer report as the grade does: from its day, the
    month's grade rests on no status of that account. newer: observed in October and on 10 Nov,
    a report of 18 Nov; November read A beside no grade. later: observed in September and October,
    a report of 18 Nov: the history ended on October's A. qolder, a report older than the
    observation of its month, and a report after a look-up that found the account missing change
    nothing. aged: a status older than absence_recheck_days counts in no grade from the day it is,
    in the history as in the grade (it ended on its last observation's A)."""
    months = {"newer": "2026-10-10", "later": "2026-09-10", "qolder": "2026-10-20", "qplain": "2026-10-20",
              "aged": "2025-08-10"}
    extra = ("later", "aged")
    data = _data(tmp_path / "data",
                 [{"department_id": d, "platform": "x", "handle": f"Office{d}", "official": "yes",
                   "source_url": "https://example.org/registry"} for d in extra],
                 [*(seen(d, day) for d, day in months.items()), seen("later", "2026-10-10"),
                  seen("aged", "2025-09-10"), snapshot("gone", "2026-10-10", state="not_found")], extra,
                 [{"department_id": d, "platform": "x", "checked_on": "2026-11-18",
                   "source_url": "https://example.org/gone"} for d in extra])
    model = build_model(load_dataset(data), Config(), AS_OF)
    # The month each status stopped counting names it, once: aged's report came after its status
    # had grown too old, and stopped nothing.
    stopped = model.grade_history.set_index(["department_id", "month"])["stopped"].dropna()
    assert stopped.loc["aged"].to_dict() == {"2026-09": "x 2025-09-10 too_old day"}
    assert stopped.loc["later"].to_dict() == {"2026-11": "x 2026-10-10 contradicted day"}
    history = model.grade_history.set_index(["department_id", "month"])["grade"]
    shown = model.grades.set_index("department_id")["grade"]
    for dept in ("newer", "later", "qolder", "qplain", "gone", "aged"):
        last = history.loc[dept].iloc[-1]
        assert (pd.isna(last) and pd.isna(shown[dept])) or last == shown[dept], dept
    assert history.loc[("newer", "2026-10")] == "A" and pd.isna(history.loc[("newer", "2026-11")])
    assert history.loc[("later", "2026-10")] == "A" and pd.isna(history.loc[("later", "2026-11")])
    assert history.loc["qolder"].tolist() == history.loc["qplain"].tolist() == ["A", "A"]
    assert history.loc["aged"].index.tolist() == ["2025-08", "2025-09", "2026-09", "2026-11"]  # the report's month
    assert history.loc[("aged", "2025-09")] == "A" and pd.isna(history.loc[("aged", "2026-09")])


def test_a_place_is_as_of_its_newest_figure_a_report_of_no_account_included(tmp_path):
    """A report of 22 Nov after every observation of the state (20 Nov) is a figure its pages show:
    the state's and the district's pages are as of it, as the state's list of accounts is."""
    later = {"department_id": "qplain", "platform": "x", "checked_on": "2026-11-22",
             "source_url": "https://example.org/gone"}
    build(_data(tmp_path / "data", reports=(later,)), tmp_path / "public", AS_OF)
    for path in ("states/in-up/index.html", "districts/in-up-gorakhpur/index.html"):
        for lang, day, observed in (("en", "22 Nov 2026", "20 Nov 2026"), ("hi", "22 नवंबर 2026", "20 नवंबर 2026")):
            page = _page(tmp_path / "public", path, lang)
            lead = _text(re.search(r'<p class="jd-lead[^"]*">.*?</p>', page, re.S).group())
            assert day in lead and observed not in lead, (path, lang, lead)
