"""Which pinned file a page's "cite as" line names: one that holds every figure the page
shows, by the file's own record of the hand-entered rows it holds and of when it was made.
One model of synthetic nights and hand-entered rows is computed for the file; each test gives
it a pinned list of its own (entries as builds write them), so no site is built."""

from dataclasses import replace
from datetime import date
from pathlib import Path
from unittest import mock

import pandas as pd
import pytest

from generator import paths, schema
from generator.config import load_config
from generator.pipeline import compute, load
from generator.publish.pinned import _in_nights_from
from generator.publish.upload import malformed
from generator.render import nights
from generator.render.context import Context
from generator.render.downloads import (
    FILE_KINDS,
    PINNED_KINDS,
    TABLES_ONLY,
    archive_holds,
    cited_pin,
    hand_entered,
    held_by,
    holds_replies,
    ranked,
    replies_before,
)
from generator.render.rows import records
from generator.synth import synthesize

from .helpers import snapshot, write_csv

END = date(2026, 12, 2)
TONIGHT = str(END)
REPOSITORY = "https://github.com/jawabdehi/jawabdehi"
SITE_URL = "https://jawabdehi.github.io/jawabdehi/"
# Each department's last night looked up on X; on Facebook each is known by a figure entered by
# hand alone. Uttar Pradesh has a figure entered by hand on X, on a day its history lists.
LAST_SEEN = {"pb-police-hq": "2026-12-01", "rj-police-hq": "2026-11-28", "up-police-hq": "2026-11-20",
             "ka-police-hq": "2026-11-26", "gj-police-hq": "2026-11-24"}
FACEBOOK = {"pb-police-hq": "2026-11-12", "rj-police-hq": "2026-11-25", "hr-police-hq": "2026-12-01"}
BY_HAND_ON_X = ("up-police-hq", "2026-11-12")
# Karnataka's X account is shared with Telangana and Haryana. Telangana alone files figures of
# it entered by hand: one its history lists, and its newest (so Telangana's row counts it).
SHARED = ("ka-police-hq", "ts-police-hq", "hr-police-hq")
SHARED_BY_HAND = ("2026-11-20", "2026-11-27")
# Gujarat's Facebook figures entered by hand: one of the day its X account was last looked up,
# and its newest, two days later.
ON_FACEBOOK_TOO = ("gj-police-hq", ("2026-11-24", "2026-11-26"))


@pytest.fixture(scope="module")
def model(tmp_path_factory):
    data = tmp_path_factory.mktemp("cited") / "data"
    synthesize(data, accounts=30, days=40, seed=7, end=END)
    for night in (data / paths.SNAPSHOTS / "x").glob("*.csv"):
        lines = night.read_text(encoding="utf-8").splitlines(keepends=True)
        night.write_text("".join(line for line in lines if night.stem <= LAST_SEEN.get(line.split(",")[0], "9")
                                 and (line.split(",")[0], night.stem) != BY_HAND_ON_X), encoding="utf-8")
    registry = data / paths.ACCOUNTS_CSV
    lines = registry.read_text(encoding="utf-8").splitlines(keepends=True)
    account = next(line for line in lines if line.startswith(f"{SHARED[0]},x,"))
    lines.remove(account)
    lines += [f"{dept},x,{account.split(',', 2)[2].rstrip().removesuffix(',')},yes\n" for dept in SHARED]
    lines += [f"{dept},facebook,{dept.split('-')[0]}police,,yes,source:synthetic,\n"
              for dept in (*FACEBOOK, ON_FACEBOOK_TOO[0])]
    registry.write_text("".join(lines), encoding="utf-8")
    write_csv(data / "manual" / "reports.csv", schema.SNAPSHOT,
              [snapshot(dept, day, platform="facebook", followers=3141592) for dept, day in FACEBOOK.items()]
              + [snapshot(*BY_HAND_ON_X, followers=71391)]
              + [snapshot(SHARED[1], day, followers=27182) for day in SHARED_BY_HAND]
              + [snapshot(ON_FACEBOOK_TOO[0], day, platform="facebook", followers=16180) for day in ON_FACEBOOK_TOO[1]])
    return compute(load(data, None, END, cfg=load_config(data)), END)


def typed(model, dept: str, day: str) -> list[str]:
    """The digests of `dept`'s rows of `day` entered by hand, as a pinned file lists them."""
    rows = sorted(set().union(*hand_entered(model)[day][dept].values()))
    assert rows
    return rows


def night_pin(day: str, rows=()) -> dict:
    name = nights.night_name(day)
    return {"name": name, "tag": nights.release_tag(day), "url": nights.release_url(REPOSITORY, f"nights-{day}", name),
            "sha256": "a" * 64, "bytes": 1, "night": day, "month": None, "uploaded": True, "onsite": None,
            "hand_entered": list(rows)}


def month_pin(month: str, rows=(), since: str | None = None) -> dict:
    name = f"jawabdehi-observations-{month}.zip"
    entry = night_pin(month, rows) | {"name": name, "url": nights.release_url(REPOSITORY, f"nights-{month}", name),
                                      "night": None, "month": month}
    return entry | {"in_nights_from": since} if since else entry


def pinned(model, *entries: dict):
    assert all(malformed(e) is None for e in entries), [malformed(e) for e in entries]
    return replace(model, health=replace(model.health, pinned=list(entries)))


def accounts(model, dept: str) -> list[dict]:
    return records(model.handles[model.handles["department_id"] == dept])


def cited(model, dept: str, day: str, *entries: dict) -> str | None:
    """The name of the pinned file a scorecard of `dept`, as of `day`, cites among `entries`."""
    assert held_by(accounts(model, dept), day)  # the page's newest figure is of `day`
    entry = cited_pin(pinned(model, *entries), day, dept, held_by(accounts(model, dept), day), TONIGHT)
    return entry and entry["name"]


def test_an_older_figure_entered_by_hand_is_cited_by_a_night_made_after_a_file_listing_it(model):
    """Punjab's page, as of 1 Dec, shows a Facebook figure of 12 Nov entered by hand. The ZIP
    of 1 Dec holds it where a file made no later lists it: November's, made with the ZIP of 1
    Dec, or the night of 12 Nov's; not where November's was made again later (unlisted as lost,
    with rows typed in since) or was listed before files said when they were made."""
    dept, day = "pb-police-hq", LAST_SEEN["pb-police-hq"]
    assert held_by(accounts(model, dept), day) == TABLES_ONLY
    row = typed(model, dept, FACEBOOK[dept])
    ours = night_pin(day)
    assert cited(model, dept, day, ours, month_pin("2026-11", row, since=day)) == ours["name"]
    assert cited(model, dept, day, ours, night_pin(FACEBOOK[dept], row)) == ours["name"]  # no month's file
    for remade in (month_pin("2026-11", row, since=TONIGHT), month_pin("2026-11", row)):
        assert cited(model, dept, day, ours, remade) is None, remade
    # A file of a later night or month, or one not listing the row, proves nothing.
    assert cited(model, dept, day, ours, night_pin(TONIGHT, row), night_pin(FACEBOOK[dept])) is None
    # Tonight's ZIP is made of every row there is.
    assert cited_pin(pinned(model, night_pin(TONIGHT)), TONIGHT, dept, TABLES_ONLY, TONIGHT)["night"] == TONIGHT


def test_a_figure_entered_by_hand_earlier_in_the_month_is_cited_by_a_night_made_after_its_own(model):
    """Rajasthan's page, as of 28 Nov, shows a Facebook figure of 25 Nov entered by hand: the ZIP
    of 28 Nov holds it where the ZIP of 25 Nov lists it, not where no file made before 28 Nov does."""
    dept, day = "rj-police-hq", LAST_SEEN["rj-police-hq"]
    assert held_by(accounts(model, dept), day) == PINNED_KINDS
    row = typed(model, dept, FACEBOOK[dept])
    ours = night_pin(day)
    assert cited(model, dept, day, ours, night_pin(FACEBOOK[dept], row)) == ours["name"]
    assert cited(model, dept, day, ours, night_pin(FACEBOOK[dept])) is None
    # November's file lists it, made after 28 Nov: it is cited itself, never as proof for the night's.
    month = month_pin("2026-11", row, since="2026-12-01")
    assert cited(model, dept, day, month) == month["name"]
    assert cited(model, dept, day, ours, month) == month["name"]


def test_a_figure_another_platform_typed_in_on_the_day_an_account_was_last_seen_is_not_asked_of_its_file(model):
    """Gujarat's page, as of 26 Nov, shows its Facebook figure of that day and its X account's
    of 24 Nov, looked up that night. A Facebook figure of 24 Nov typed in is not the X account's
    figure, nor Facebook's newest: the ZIP of 26 Nov holding the page's figure of its own day is
    cited whether or not a file lists that row. Its own day's is still asked of it."""
    dept, (older, day) = ON_FACEBOOK_TOO
    assert {a["observed_on"] for a in accounts(model, dept)} == {older, day}
    row = typed(model, dept, day)
    assert typed(model, dept, older)  # typed in, on the X account's day, and listed by no file
    assert cited(model, dept, day, night_pin(day, row)) == nights.night_name(day)
    assert cited(model, dept, day, night_pin(day)) is None


def test_a_month_file_is_not_cited_for_a_history_row_of_its_month_it_lacks(model):
    """Uttar Pradesh's page, as of 20 Nov, lists in its history a figure of 12 Nov entered by
    hand: November's observations are cited where they hold it, not where it was typed in after."""
    dept, day = "up-police-hq", LAST_SEEN["up-police-hq"]
    assert held_by(accounts(model, dept), day) == FILE_KINDS
    assert not {"2026-11-12"} & {a["observed_on"] for a in accounts(model, dept)}  # a history row, not the newest
    row = typed(model, *BY_HAND_ON_X)
    listed = month_pin("2026-11", row, since="2026-12-01")
    assert cited(model, dept, day, listed) == listed["name"]
    assert cited(model, dept, day, month_pin("2026-11", since="2026-12-01")) is None


def test_a_rank_on_a_page_of_an_earlier_night_is_said_to_be_in_tonights_file_alone(model, tmp_path):
    """An account's rank is tonight's: an earlier night's ZIP holds that night's ranks. A page of
    an earlier night showing one and citing that night's ZIP names the file made anew for its
    figures and the night's ZIP for its observations; a page of tonight names tonight's ZIP
    alone, and one citing a month's observations (no rank in them) names that file alone."""
    day = LAST_SEEN["rj-police-hq"]
    ours, tonight = night_pin(day, typed(model, "rj-police-hq", FACEBOOK["rj-police-hq"])), night_pin(TONIGHT)
    ctx = Context(pinned(model, night_pin(FACEBOOK["rj-police-hq"], ours["hand_entered"]), ours, tonight), "en",
                  tmp_path, site_url=SITE_URL)
    assert ranked(accounts(model, "rj-police-hq")) and ranked(accounts(model, "ap-police-hq"))
    assert not ranked([{"rank_in_state": None, "rank_in_category": None}])
    assert ctx.citing(day, "rj-police-hq", PINNED_KINDS, ranked=True)[0] == ours
    assert ctx.citing(day, "rj-police-hq", PINNED_KINDS, ranked=True)[2]  # partly
    assert not ctx.citing(day, "rj-police-hq", PINNED_KINDS, ranked=False)[2]
    assert ctx.citing(TONIGHT, "ap-police-hq", FILE_KINDS, ranked=True)[::2] == (tonight, False)
    line = ctx.cite("Rajasthan Police", "departments/rj-police-hq/", day, "rj-police-hq", PINNED_KINDS, ranked=True)
    assert f"{SITE_URL}data/jawabdehi-latest.zip, which is made anew every night" in line
    assert "the observations are also in that night's files" in line and ours["url"] in line
    # Replies measured before that night are in its ZIP (replies-window.csv); that night's own
    # come the night after it, in tonight's alone.
    held = ours | {"replies_window": True, "replies_sha256": replies_before(model, day)}
    ctx.model = pinned(model, night_pin(FACEBOOK["rj-police-hq"], ours["hand_entered"]), held, tonight)
    assert not ctx.citing(day, "rj-police-hq", PINNED_KINDS, replied="2026-11-27")[2]
    assert ctx.citing(day, "rj-police-hq", PINNED_KINDS, replied=day)[2]
    assert ctx.citing(day, "rj-police-hq", PINNED_KINDS, replied="2026-11-27", ranked=True)[2]
    ctx.model = pinned(model, night_pin(FACEBOOK["rj-police-hq"], ours["hand_entered"]), ours, tonight)
    assert ctx.citing(day, "rj-police-hq", PINNED_KINDS, replied="2026-11-27")[2]  # listed before it held them
    # A month's observations show no rank to contradict the page's.
    month = month_pin("2026-11", ours["hand_entered"], since="2026-12-01")
    ctx.model = pinned(model, month)
    assert ctx.citing(day, "rj-police-hq", PINNED_KINDS, ranked=True)[::2] == (month, False)


def test_a_night_zip_is_cited_for_replies_only_as_they_were_when_it_was_made(model):
    """A night's ZIP holds the replies dated before its night as they were when it was made (its
    entry records their SHA-256). An older night run again after it writes replies it lacks,
    into a day it holds (another department's) or one it has none of: it is then not cited for
    them. The replies later nights write, of its night or after, change nothing it holds."""
    night, row = "2026-11-28", {"department_id": "rj-police-hq", "platform": "x", "account_id": "1", "mentions": 9,
                                 "answered": 3, "answered_within_hour": 1, "median_reply_minutes": 40.0,
                                 "posts_read": 12}

    def written(made, *rows: dict):
        return replace(made, replies=pd.concat([made.replies, pd.DataFrame(list(rows))], ignore_index=True))
    made = written(model, row | {"date": "2026-11-20"})  # the replies the ZIP was made with
    entry = night_pin(night) | {"replies_window": True, "replies_sha256": replies_before(made, night)}
    assert malformed(entry) is None and holds_replies(made, entry, "2026-11-20")
    assert not holds_replies(made, entry, night)  # that night's replies come the night after it
    assert holds_replies(written(made, row | {"date": night}, row | {"date": "2026-12-01"}), entry, "2026-11-20")
    for later in (row | {"date": "2026-11-20", "department_id": "pb-police-hq"}, row | {"date": "2026-11-01"},
                  row | {"date": "2026-11-20", "answered": 4}):
        assert not holds_replies(written(made, later), entry, "2026-11-20"), later
    for unsaid in ("replies_sha256", "replies_window"):  # listed before it held them, or said what they were
        assert not holds_replies(made, {k: v for k, v in entry.items() if k != unsaid}, "2026-11-20")
    for wrong in ("b" * 63, 12, "B" * 64):
        assert "its replies' SHA-256" in malformed(entry | {"replies_sha256": wrong})
    assert "its replies' SHA-256" in malformed(month_pin("2026-11") | {"replies_sha256": "b" * 64})


def test_a_pinned_file_whose_release_holds_other_bytes_is_named_by_no_page(model):
    """A release asset is never overwritten: where the upload record says a pinned file's release
    holds other bytes, its permanent address never will hold it. The build says so in its entry,
    kept by the nights built without a record and dropped once the release holds it; no
    citation, nor CITATION.cff, names that address for the page's figures."""
    from generator.publish.pinned import pin
    from generator.render.downloads import citation

    made = pin(model, REPOSITORY, None, None)
    tonight = next(e for e in made.entries if e["night"] == TONIGHT)
    other = {(tonight["tag"], tonight["name"]): "sha256:" + "b" * 64}

    def after(listed: dict, record) -> dict:  # the next build, its copy of the file kept on the site
        with mock.patch("generator.publish.pinned._previous", return_value=[listed]), \
                mock.patch("generator.publish.pinned._kept", return_value=(b"kept", "")):
            return next(e for e in pin(model, REPOSITORY, Path("site"), record).entries if e["name"] == listed["name"])
    differs = after(tonight, other)
    assert differs["release_differs"] is True and not differs["uploaded"] and malformed(differs) is None
    for record, flag in ((None, True), ({(tonight["tag"], tonight["name"]): f"sha256:{tonight['sha256']}"}, None)):
        assert after(differs, record).get("release_differs") is flag, record
    assert "its release_differs 'yes'" in malformed(tonight | {"release_differs": "yes"})
    dept = "pb-police-hq"
    assert cited_pin(pinned(model, tonight), TONIGHT, dept, FILE_KINDS, TONIGHT) == tonight
    assert cited_pin(pinned(model, differs), TONIGHT, dept, FILE_KINDS, TONIGHT) is None
    assert tonight["url"] in citation(pinned(model, tonight), SITE_URL, TONIGHT)
    assert tonight["url"] not in citation(pinned(model, differs), SITE_URL, TONIGHT)
    # The newest file that stands is cited instead, for what is true of tonight's: its release
    # holds other bytes (it said "the newest night's is not pinned").
    cff = citation(pinned(model, differs, night_pin("2026-12-01")), SITE_URL, TONIGHT)
    assert night_pin("2026-12-01")["url"] in cff and "holds other bytes" in cff and "not pinned" not in cff
    assert "not pinned" in citation(pinned(model, night_pin("2026-12-01")), SITE_URL, TONIGHT)


def test_a_month_file_records_the_first_night_whose_zip_holds_its_rows():
    """A month's file made with tonight's ZIP as pinned: its rows are in tonight's. Made after
    tonight's ZIP was pinned with other bytes (a month's file unlisted as lost and made again):
    in the next night's only. The list's check takes the first and refuses a night before it."""
    tonight = nights.PinnedFile(nights.night_name(TONIGHT), nights.release_tag(TONIGHT), b"tonight", night=TONIGHT)
    assert _in_nights_from(tonight, {}) == TONIGHT
    assert _in_nights_from(tonight, {tonight.name: {"sha256": tonight.sha256}}) == TONIGHT
    assert _in_nights_from(tonight, {tonight.name: {"sha256": "b" * 64}}) == "2026-12-03"
    assert _in_nights_from(None, {}) is None
    assert malformed(month_pin("2026-11", since="2026-12-01")) is None
    for wrong in ("2026-11-30", "2026-12", "1 Dec", 20261201):
        assert "its first night holding its rows" in malformed(month_pin("2026-11") | {"in_nights_from": wrong})
    assert "its first night holding its rows" in malformed(night_pin(TONIGHT) | {"in_nights_from": "2026-12-03"})


def test_a_page_listing_a_shared_account_cites_a_file_holding_the_rows_another_department_typed_in(model):
    """Karnataka's page, as of 27 Nov, shows its shared account's newest figure, typed in under
    Telangana that day, and in its history another of 20 Nov: a file is cited for it where it
    lists them, not where they were typed in after it was made; nor is the night's archive (it
    holds no row entered by hand), nor a night made again since with other figures of Telangana's."""
    dept, (history, day) = SHARED[0], SHARED_BY_HAND
    assert held_by(accounts(model, dept), day) == FILE_KINDS
    newest, older = typed(model, SHARED[1], day), typed(model, SHARED[1], history)
    assert not any(hand_entered(model)[seen].get(dept) for seen in SHARED_BY_HAND)  # none filed by Karnataka
    assert cited(model, dept, day, night_pin(day)) is None
    assert cited(model, dept, day, night_pin(day, newest)) == night_pin(day)["name"]
    assert cited(model, dept, day, night_pin(day, newest) | {"differs": [SHARED[1]]}) is None
    assert not archive_holds(model, day, dept)
    assert archive_holds(model, LAST_SEEN[dept], dept)  # a night of its own nightly rows alone
    for lacking in (newest, older):
        assert cited(model, dept, day, month_pin("2026-11", lacking, since="2026-12-01")) is None, lacking
    month = month_pin("2026-11", sorted({*newest, *older}), since="2026-12-01")
    assert cited(model, dept, day, month) == month["name"]


def test_a_page_listing_a_shared_account_cites_a_later_night_where_a_file_lists_its_older_typed_row(model):
    """Haryana's page, as of 1 Dec (a Facebook figure), shows its shared account's newest figure,
    of 27 Nov, typed in under Telangana: the ZIP of 1 Dec holds it where a file made no later
    lists it (the ZIP of 27 Nov), not where none does."""
    dept, day = SHARED[2], FACEBOOK[SHARED[2]]
    assert held_by(accounts(model, dept), day) == TABLES_ONLY
    ours = night_pin(day, typed(model, dept, day))
    assert cited(model, dept, day, ours) is None
    assert cited(model, dept, day, ours, night_pin(SHARED_BY_HAND[1])) is None
    assert cited(model, dept, day, ours, night_pin(SHARED_BY_HAND[1], typed(model, SHARED[1], SHARED_BY_HAND[1]))) \
        == ours["name"]
