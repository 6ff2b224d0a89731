"""The change feed: events computed from the snapshots, as Atom feeds, a CSV and page lists."""

import xml.etree.ElementTree as ET
from datetime import date
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from generator.compute import events as events_module
from generator.compute.events import events
from generator.compute.model import build_model
from generator.compute.status import ordered
from generator.config import Config
from generator.store.load import load_dataset

from .helpers import DEPT, build, make_data, snapshot

A = "{http://www.w3.org/2005/Atom}"
TAG = "tag:jawabdehi,2026:"
NIGHT1, NIGHT2, NIGHT3 = "2026-11-20", "2026-11-21", "2026-11-22"
AS_OF = date(2026, 11, 22)  # the newest figure a night old: no banner changes every page
HOSTILE = "<script>alert(1)</script>"

# department id -> (handle, account id); "back" is in Bihar, the rest in Uttar Pradesh.
ACCOUNTS = {"dorm": ("DormDept", "1001"), "back": ("BackDept", "1002"), "newbie": ("NewbieDept", "1003"),
            "gone": ("GoneDept", "1004"), "renamed": ("OldName", "1005"), "jump": ("JumpDept", "1006"),
            "drop": ("DropDept", "1007"), "deleter": ("DeleterDept", "1008"), "steady": ("SteadyDept", "1009"),
            "small": ("SmallDept", "1010"), "case": ("CaseName", "1011"), "erratic": ("ErraticDept", "1012"),
            "hostile": ("HostileDept", "1013")}


def obs(dept: str, day: str, followers=1000, posts=100, last=None, handle=None, state="ok") -> dict:
    """One of the collector's observations; by default an active account (it posted the day
    before)."""
    collected = {"source": "x-api", "source_url": f"https://x.com/{ACCOUNTS[dept][0]}"}
    if state == "error":
        return snapshot(dept, day, state="error", account_id=ACCOUNTS[dept][1], **collected)
    last = last or (date.fromisoformat(day).toordinal() - 1)
    last = date.fromordinal(last).isoformat() if isinstance(last, int) else last
    values = {"handle": handle or ACCOUNTS[dept][0], "account_id": ACCOUNTS[dept][1], "state": state, **collected}
    if state == "ok":
        values |= {"followers": followers, "posts": posts, "last_post_at": last}
    return snapshot(dept, day, **values)


ROWS = [
    # Each kind of change, on the second night.
    obs("dorm", NIGHT1, last="2026-10-21"), obs("dorm", NIGHT2, last="2026-10-21"),  # 30 days: slow; 31: dormant
    obs("back", NIGHT1, last="2026-09-01"), obs("back", NIGHT2, last="2026-11-21"),  # dormant, then active
    obs("newbie", NIGHT2),
    obs("gone", NIGHT1), obs("gone", NIGHT2, state="suspended"),
    obs("renamed", NIGHT1), obs("renamed", NIGHT2, handle="NewName"),
    obs("jump", NIGHT1, followers=1000), obs("jump", NIGHT2, followers=5000),
    obs("drop", NIGHT1, followers=10_000), obs("drop", NIGHT2, followers=2000),
    obs("deleter", NIGHT1, posts=500), obs("deleter", NIGHT2, posts=450),
    # And what is no change.
    obs("steady", NIGHT1, followers=1000, posts=100), obs("steady", NIGHT2, followers=1010, posts=101),
    obs("small", NIGHT1, followers=50), obs("small", NIGHT2, followers=120),  # +140 %, but only 70
    obs("case", NIGHT1), obs("case", NIGHT2, handle="casename"),  # a handle's case is no rename
    obs("erratic", NIGHT1), obs("erratic", NIGHT2, state="error"),  # a failed check is no observation
    obs("hostile", NIGHT1), obs("hostile", NIGHT2),
]
EXPECTED = {f"{dept}/x/new_account/{NIGHT1}" for dept in ACCOUNTS if dept != "newbie"} | {
    f"dorm/x/dormant/{NIGHT2}", f"back/x/revived/{NIGHT2}", f"newbie/x/new_account/{NIGHT2}",
    f"gone/x/gone/{NIGHT2}", f"renamed/x/renamed/{NIGHT2}", f"jump/x/follower_jump/{NIGHT2}",
    f"drop/x/follower_drop/{NIGHT2}", f"deleter/x/posts_deleted/{NIGHT2}"}
KINDS = {"new_account", "dormant", "revived", "gone", "renamed", "follower_jump", "follower_drop", "posts_deleted"}


def departments() -> list[dict]:
    out = []
    for dept in ACCOUNTS:
        row = {**DEPT, "id": dept, "name_en": f"{dept.title()} Dept", "name_hi": f"{dept} विभाग"}
        if dept == "back":
            row |= {"state": "IN-BR", "district": "Muzaffarpur"}
        if dept == "hostile":
            row |= {"name_en": HOSTILE, "name_hi": HOSTILE}
        out.append(row)
    return out


def accounts() -> list[dict]:
    return [{"department_id": d, "platform": "x", "handle": h, "account_id": i, "official": "yes"}
            for d, (h, i) in ACCOUNTS.items()]


def scripted(root: Path, extra: list[dict] = ()) -> Path:
    return make_data(root, departments(), accounts(), ROWS + list(extra))


def entries(feed: Path) -> list[dict]:
    """The entries of an Atom feed, read as Atom."""
    root = ET.parse(feed).getroot()
    assert root.tag == f"{A}feed"
    return [{"id": e.findtext(f"{A}id"), "title": e.findtext(f"{A}title"), "updated": e.findtext(f"{A}updated"),
             "link": e.find(f"{A}link").get("href"), "content": e.findtext(f"{A}content")}
            for e in root.findall(f"{A}entry")]


def ids(feed: Path) -> set[str]:
    return {e["id"].removeprefix(TAG) for e in entries(feed)}


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("events") / "public"
    build(scripted(tmp_path_factory.mktemp("data")), out, AS_OF)
    return out


def test_events_hold_each_change_with_its_values_and_nothing_else(tmp_path):
    model = build_model(load_dataset(scripted(tmp_path)), Config(), AS_OF)
    table = model.events.set_index("event_id")
    assert set(table.index) == EXPECTED and set(table["kind"]) == KINDS
    values = {(r.department_id, r.kind): (r.before, r.after) for r in model.events.itertuples()}
    assert values[("renamed", "renamed")] == ("OldName", "NewName")
    assert values[("dorm", "dormant")] == ("slow", "dormant")
    assert values[("back", "revived")] == ("dormant", "active")
    assert values[("gone", "gone")] == ("active", "suspended")
    assert values[("jump", "follower_jump")] == ("1000", "5000")
    assert values[("drop", "follower_drop")] == ("10000", "2000")
    assert values[("deleter", "posts_deleted")] == ("500", "450")
    assert pd.isna(values[("newbie", "new_account")][0]) and values[("newbie", "new_account")][1] == "NewbieDept"
    # Rows dated after the build date are left out, like everything else.
    earlier = build_model(load_dataset(scripted(tmp_path)), Config(), date(2026, 11, 20))
    assert set(earlier.events["date"]) == {NIGHT1}


def test_the_feed_holds_exactly_the_changes_in_both_languages(site):
    for feed, words in ((site / "en" / "feed.xml", "Dorm Dept: X\u00a0(Twitter) account went dormant"),
                        (site / "feed.xml", "dorm विभाग का X\u00a0(ट्विटर) खाता सुप्त हुआ")):
        found = entries(feed)
        assert {e["id"].removeprefix(TAG) for e in found} == EXPECTED, feed
        assert [e["updated"] for e in found] == sorted((e["updated"] for e in found), reverse=True)
        dormant = next(e for e in found if e["id"].endswith(f"dorm/x/dormant/{NIGHT2}"))
        assert dormant["title"] == words and dormant["updated"] == f"{NIGHT2}T00:00:00Z"
        assert dormant["link"].endswith("en/departments/dorm/" if "en" in feed.parts else "/departments/dorm/")
    root = ET.parse(site / "en" / "feed.xml").getroot()
    assert root.findtext(f"{A}updated") == f"{NIGHT2}T00:00:00Z" and "200" in root.findtext(f"{A}subtitle")
    renamed = next(e for e in entries(site / "en" / "feed.xml") if "renamed/x/renamed" in e["id"])
    assert "from @OldName to @NewName" in renamed["content"]


def test_ids_and_bytes_are_stable_across_rebuilds_and_a_new_event_changes_only_its_pages(site, tmp_path):
    again = tmp_path / "again"
    later = date(2026, 11, 23)  # a night later, with no new figure: the feeds must not change
    build(scripted(tmp_path / "data"), again, later)
    for feed in ("feed.xml", "en/feed.xml", "states/in-up/feed.xml", "states/in-br/feed.xml"):
        assert ids(site / feed) == ids(again / feed)
        assert (site / feed).read_bytes() == (again / feed).read_bytes(), feed
    steady = [again / "departments" / "steady" / "index.html", again / "en" / "departments" / "steady" / "index.html"]
    jump = again / "en" / "departments" / "jump" / "index.html"
    before = [p.read_bytes() for p in steady], jump.read_bytes()
    # A third night: only the jumping account changes again.
    build(scripted(tmp_path / "data3", [obs("jump", NIGHT3, followers=20_000)]), again, later)
    assert ids(again / "en" / "feed.xml") == EXPECTED | {f"jump/x/follower_jump/{NIGHT3}"}
    assert [p.read_bytes() for p in steady] == before[0]
    assert jump.read_bytes() != before[1] and "from 5,000 to 20,000" in jump.read_text(encoding="utf-8")


def test_a_state_feed_holds_only_that_state(site):
    assert ids(site / "states" / "in-br" / "feed.xml") == {f"back/x/new_account/{NIGHT1}", f"back/x/revived/{NIGHT2}"}
    assert ids(site / "en" / "states" / "in-up" / "feed.xml") == {i for i in EXPECTED if not i.startswith("back/")}
    title = ET.parse(site / "en" / "states" / "in-br" / "feed.xml").getroot().findtext(f"{A}title")
    assert "Bihar" in title
    page = (site / "states" / "in-br" / "index.html").read_text()
    assert 'states/in-br/feed.xml" type="application/atom+xml"' in page


def test_every_page_announces_its_language_feed(site):
    pages = sorted(site.rglob("index.html"))
    assert len(pages) > 30
    for page in pages:
        html = page.read_text(encoding="utf-8")
        start = html.find('<link rel="alternate feed" type="application/atom+xml"')
        assert start >= 0, page
        href = html[start:html.index(">", start)].split('href="')[1].split('"')[0]
        lang_root = site / "en" if "en" in page.relative_to(site).parts[:1] else site
        assert (page.parent / href).resolve() == (lang_root / "feed.xml").resolve(), page


def test_events_csv_has_the_same_events(site):
    table = pd.read_csv(site / "data" / "events.csv", dtype=str, keep_default_na=False, encoding="utf-8-sig")
    assert list(table.columns) == ["event_id", "date", "department_id", "platform", "kind", "before", "after"]
    assert set(table["event_id"]) == EXPECTED == ids(site / "feed.xml")
    assert table.set_index("event_id").loc[f"drop/x/follower_drop/{NIGHT2}", "after"] == "2000"
    downloads = (site / "en" / "downloads" / "index.html").read_text(encoding="utf-8")
    assert "events.csv" in downloads


def test_home_lists_this_week_and_scorecards_their_history(site):
    home = (site / "en" / "index.html").read_text(encoding="utf-8")
    week = home[home.index('id="week"'):home.index('id="latest"')]
    assert "The latest changes" in week
    # The platform's name is kept on one line of a phone (its two parts joined by a no-break space).
    assert '<a href="departments/back/">Back Dept: X\u00a0(Twitter) account is active again</a>' in week
    assert "from 10,000 to 2,000" in week and 'href="feed.xml"' in week and "data/events.csv" in week
    hindi = (site / "index.html").read_text(encoding="utf-8")
    assert "सबसे नए बदलाव" in hindi and "dorm विभाग का X\u00a0(ट्विटर) खाता सुप्त हुआ" in hindi
    card = (site / "en" / "departments" / "renamed" / "index.html").read_text(encoding="utf-8")
    history = card[card.index('id="events"'):]
    assert "History of events" in history and "from @OldName to @NewName" in history
    assert history.index("changed its handle") < history.index("recorded for the first time")  # newest first
    assert "data/events.csv" in history
    quiet = (site / "departments" / "steady" / "index.html").read_text(encoding="utf-8")
    assert "घटनाओं का इतिहास" in quiet and "सुप्त" not in quiet[quiet.index('id="events"'):]


def test_a_hostile_name_is_escaped_in_the_feed(site):
    raw = (site / "en" / "feed.xml").read_text(encoding="utf-8")
    assert HOSTILE not in raw and "&lt;script&gt;alert(1)&lt;/script&gt;" in raw
    hostile = next(e for e in entries(site / "en" / "feed.xml") if e["id"].startswith(f"{TAG}hostile/"))
    assert hostile["title"].startswith(HOSTILE)


def _registry(accounts: int, days: int) -> pd.DataFrame:
    """`accounts` observed every night for `days`, as a collector writes them, in order."""
    rng = np.random.default_rng(1)
    n = accounts * days
    acct = np.repeat(np.arange(accounts), days)
    day = np.tile(np.arange(days), accounts) + 20_000
    # Each account posts on a share of its days, the last post time carried forward.
    posted = (rng.random(n) < rng.random(accounts)[acct]) | (day == 20_000)
    seconds = np.where(day == 20_000, day - rng.integers(0, 400, n), day) * 86_400 + rng.integers(0, 86_400, n)
    last = np.maximum.accumulate(np.where(posted, seconds + acct * 10**11, 0)) - acct * 10**11
    followers = 1000 * (1 + acct % 50) + (day - 20_000) * rng.integers(0, 5, accounts)[acct]
    followers[rng.random(n) < 0.0005] *= 3  # a purchase, now and then
    # Each text made once per distinct value and picked for every row by index (formatting
    # 1.8 million rows one by one took seconds): ids, days, and a post's day and time of day.
    names = np.array([f"d{a:05d}" for a in range(accounts)], dtype=object)
    ids = np.array([str(a + 10_000) for a in range(accounts)], dtype=object)
    first = 20_000 - 400  # the earliest day a first post can fall on
    dates = np.datetime_as_string(np.arange(first, 20_000 + days).astype("datetime64[D]")).astype(object)
    clock = np.array([f"T{s // 3600:02d}:{s // 60 % 60:02d}:{s % 60:02d}Z" for s in range(86_400)], dtype=object)
    frame = pd.DataFrame({
        "department_id": names[acct], "platform": "x", "date": dates[day - first],
        "account_id": ids[acct], "handle": names[acct],
        "followers": pd.array(followers, dtype="Int64"), "posts": pd.array(np.full(n, 100), dtype="Int64"),
        "last_post_at": dates[last // 86_400 - first] + clock[last % 86_400],
        "state": np.where(rng.random(n) < 0.01, "error", "ok").astype(object), "source": "x-api",
        "source_url": None, "_file": "f", "_line": np.arange(n)})
    return ordered(frame)


def test_events_of_a_large_registry_are_found_whole():
    """5,000 accounts observed every night for a year. (How long it takes is measured by
    benchmarks/build.py, never asserted here: machines are noisy.)"""
    accounts = 5000
    found = events(_registry(accounts, 365), Config())
    assert found["event_id"].is_unique and (found["kind"] == "new_account").sum() == accounts
    assert {"dormant", "revived", "follower_jump", "follower_drop"} <= set(found["kind"])


def test_events_found_a_few_accounts_at_a_time_are_the_events_found_at_once(monkeypatch):
    snapshots = _registry(60, 200)
    whole = events(snapshots, Config())
    monkeypatch.setattr(events_module, "CHUNK_ROWS", 333)  # every chunk ends inside an account's rows
    pd.testing.assert_frame_equal(events(snapshots, Config()), whole)
    assert len(whole) > 60


def test_a_lists_growth_says_the_jumps_it_leaves_out(site):
    # 1,000 -> 5,000 in a night is a jump: the growth is 0, which alone would read as no change.
    found = {}
    for path in (site / "en").rglob("*.html"):
        text = path.read_text(encoding="utf-8")
        if "Jump Dept" in text and "30-day growth" in text:
            found[path.relative_to(site).as_posix()] = text
    assert "1 jump left out" in found.pop("en/departments/jump/index.html")
    note = '<span class="jd-muted jd-note">(1 jump left out)</span>'  # under the figure, as a note
    assert len(found) >= 2 and all(f"0 {note}" in text for text in found.values()), list(found)
    slices = [p for p in site.rglob("*.json") if "Jump Dept" in p.read_text(encoding="utf-8")
              and "/en/" in f"/{p.relative_to(site).as_posix()}"]
    assert slices and all("0 (1 jump left out)" in p.read_text(encoding="utf-8") for p in slices), slices


def test_a_scorecards_sentences_end_as_their_language_ends_them(site):
    hindi = (site / "departments" / "gone" / "index.html").read_text(encoding="utf-8")
    english = (site / "en" / "departments" / "gone" / "index.html").read_text(encoding="utf-8")
    assert "21 नवंबर 2026 को खाता निलंबित पाया गया।</p>" in hindi
    assert "on 21 Nov 2026 the account was found suspended.</p>" in english


def test_post_days_read_as_ascii_equal_the_general_reading():
    """A last post's day is parsed from its ASCII letters; dates, date-times and blanks give
    what status.day_numbers gives, and a value with a letter outside ASCII (Devanagari
    digits) or not a date is left to it rather than stopping the night."""
    from generator.compute.status import day_numbers

    for values in (["2026-01-02", "2025-12-31T23:59:59Z", np.nan, None, "2024-02-29T00:00:00+05:30"],
                   ["२०२६-०१-०२", "2026-01-02"], ["not a date", "2026-01-02"]):
        array = np.asarray(values, dtype=object)
        np.testing.assert_array_equal(events_module._post_days(array), day_numbers(array))
