"""The ways in: the home page (what needs attention, the latest changes) and search."""

from __future__ import annotations

import json

from markupsafe import Markup

from ..places import STATE_NAMES
from ..schema import Status
from . import feeds, formats, words
from .context import Context
from .downloads import rows_cited
from .formatter import site_newest
from .page import Page
from .rows import records

HOME_LIST = 30
# Statuses the home page lists as needing attention.
ATTENTION = (Status.DORMANT, Status.ABANDONED, Status.NO_ACCOUNT, Status.SUSPENDED, Status.NOT_FOUND)
# Statuses with a list of their own (league.account_lists): every one the home page counts, so
# that each card with a count opens its accounts ("131 Unknown" led nowhere). The lists hold
# each row once more, a page at a time: at 5,000 accounts as many pages as all India's list.
STATUS_LISTS = tuple(Status)


def week(ctx: Context) -> dict:
    """The home page's latest changes (the seven days up to the newest): its events in words and
    its first and last day."""
    chosen, first, last = feeds.this_week(ctx.model.events)
    # The newest day as exactly as its events know it: of reports dated to their month alone,
    # 'about Nov 2016'.
    last = formats.newest_day(formats.Dated(e["date"], e.get("date_precision")) for e in records(chosen)
                              if e["date"] == last) or last
    # A week that ends on such a day has no exact first day either: it is said up to its end alone.
    exact = getattr(last, "precision", "day") == "day"
    return {"events": feeds.described(chosen, ctx.model.departments, ctx.lang, ctx.fmt.event_day),
            "first": first and exact and ctx.fmt.day(first), "last": last and ctx.fmt.day(last)}


def home_page(ctx: Context) -> Page:
    m, t = ctx.model, ctx.t
    rows = records(m.league)
    states = sorted({r["state"] for r in rows}, key=lambda c: (c == "IN", ctx.fmt.state(c)))
    # A phone gets the largest audiences first (the league is in the lists' order,
    # in_list_order); the full list is the accounts table.
    attention = [r for r in rows if r["status"] in ATTENTION]
    latest = sorted((r for r in rows if r["observed_on"]), key=lambda r: r["observed_on"], reverse=True)[:10]
    # The counts are of each account's last known status: say how many rest on an old figure.
    stale = sum(bool(r["stale"]) for r in rows)
    # The site's newest observation, as exactly as its figures know it ('about Oct 2016').
    newest = site_newest(m)
    stale_note = stale and ctx.fmt.counted("stale_counted", stale).format(
        n=ctx.fmt.num(stale), days=ctx.fmt.num(m.cfg.status.stale_after_days), date=ctx.fmt.day(newest))
    return Page("", t["site_name"], ctx.render(
        # A card of a status with accounts opens its list (league.account_lists).
        "index.html.j2", "", counts=m.counts, stale_note=stale_note, listed=STATUS_LISTS,
        attention=attention[:HOME_LIST], more=len(attention) - HOME_LIST,
        # The rest, a status at a time: each status's own list, largest first (league.py).
        attention_statuses=[(s, n) for s in ATTENTION if (n := sum(r["status"] == s for r in attention))],
        latest=latest, newest=newest,
        # The latest table is cited as the list of all accounts is: every row is in handles.csv.
        cite=ctx.cite(t["latest"], "", newest, current="handles.csv", **rows_cited(latest, newest)),
        states=states, missing=sorted(ctx.fmt.state(c) for c in STATE_NAMES if c not in states),
        week=week(ctx)),
        description=t["tagline"], in_nav=True)


def search_page(ctx: Context) -> Page:
    t = ctx.t
    words_for_js = {"lang": ctx.lang, "found": t["search_found"], "foundOne": t["search_found_one"],
                    "loading": t["search_loading"],
                    "failed": t["search_failed"], "none": t["search_none"], "partial": t["search_partial"],
                    "district": t["search_go_district"], "state": t["search_go_state"],
                    "states": {code: ctx.fmt.state(code) for code in words.STATE},
                    "status": {code: ctx.fmt.status(code) for code in words.STATUS},
                    # Both languages' names: a reader may type either.
                    "categoryNames": {code: list(pair) for code, pair in words.CATEGORY.items()},
                    "statusNames": {code: list(pair) for code, pair in words.STATUS.items()}}
    helplines = [c for c in records(ctx.model.channels) if c["scope"] == "national"]
    return Page("search/", t["search"], ctx.render(
        "search.html.j2", "search/", search_words=Markup(json.dumps(words_for_js, ensure_ascii=False)
                                                          .replace("<", "\\u003c")), helplines=helplines),
        description=t["search_intro"], in_nav=True)
