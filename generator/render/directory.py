"""The directory: a page per state (its districts and state-level bodies) and per district."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator

from markupsafe import Markup

from ..places import place_key
from ..schema import Status
from . import charts, urls
from .context import Context
from .downloads import newest_figure, rows_cited
from .formatter import site_newest
from .home import ATTENTION, HOME_LIST
from .page import Page
from .rows import largest_first, records


def channels_for(channels: list[dict], state: str) -> list[dict]:
    """National channels, then the state's own (union channels for union bodies), from the
    model's channels as records (made once a language, not once a page)."""
    scope = "union" if state == "IN" else "state"
    return [c for c in channels if c["scope"] == "national"] + \
        [c for c in channels if c["scope"] == scope and (scope == "union" or c["state"] == state)]


def count_source(ctx: Context, row: dict) -> str:
    """Where a row's follower count comes from: the report it was entered from (its
    publication), or the collector's look-up; a count older than the row's observation was
    not that observation's, and its scorecard names it."""
    if row["followers_on"] != row["observed_on"]:
        return ctx.t["race_earlier"]
    return ctx.fmt.reporter(row) or ctx.t["race_lookup"]


def race(ctx: Context, rows: list[dict]) -> tuple[str, str]:
    """The district's handles side by side by followers (the Gorakhpur article's comparison),
    and its caption, which names each count's source as the bars name its date: a
    newspaper's count of 2017 is not one Jawabdehi made. A suspended or missing account is
    left out, as from the ranks: no citizen can reach it, and its last count would lead the
    race it cannot run."""
    counted = sorted((r for r in rows if r["followers"] is not None
                      and r["status"] not in (Status.SUSPENDED, Status.NOT_FOUND)), key=lambda r: -r["followers"])
    if len(counted) < 2:
        return "", ""
    bars = [(ctx.fmt.name(r), float(r["followers"]), ctx.fmt.day_of(r, "followers_on")) for r in counted]
    sources = [count_source(ctx, r) for r in counted]
    summary = "; ".join(f"{name}: {ctx.num(value)} ({day}, {source})"
                        for (name, value, day), source in zip(bars, sources, strict=True))
    # One source is named once; several, each with the handles it counted.
    named = dict.fromkeys(sources)
    said = next(iter(named)) if len(named) == 1 else "; ".join(
        f"{source} ({', '.join(name for (name, _, _), s in zip(bars, sources, strict=True) if s == source)})"
        for source in named)
    return charts.svg_bars(bars, ctx.num, ctx.t["race"], summary), ctx.t["race_caption"].format(sources=said)


def accounts_and_none(rows: list[dict]) -> tuple[int, int]:
    """How many accounts a place's rows hold (a shared one once), and how many of its rows
    are findings of no account: a row is not always an account."""
    counted = [r for r in rows if r["counted"]]
    none = sum(1 for r in counted if r["status"] == Status.NO_ACCOUNT)
    return len(counted) - none, none


def _as_of(ctx: Context, observed: str | None, rows: list[dict]) -> str | None:
    """A place's page is as of the newest day of any figure it shows: its newest observation, a
    report of no account or a reply time dated later (as a list of accounts is). The place's
    newest observation (`observed`) is one of its rows': they give it as exactly as its figure
    knows it (a report's stand-in day, 'about Oct 2016'), the bare day only where they give none."""
    return newest_figure(rows, site_newest(ctx.model)) or (observed if isinstance(observed, str) else None)


def _cite(ctx: Context, title: str, url: str, rows: list[dict], newest: str | None, state: str) -> str:
    """A place's page cited as its state's list of accounts is: the state's file holds every
    row it shows tonight."""
    return ctx.cite(title, url, newest, current=ctx.fmt.state_csv(state).removeprefix("data/"),
                    **rows_cited(rows, newest))


def directory_pages(ctx: Context) -> Iterator[Page]:
    """A page per state (its districts and state-level bodies) and per district."""
    m, t = ctx.model, ctx.t
    # A card is an account's: its department's reply time only on the card of its platform.
    rows = records(m.account_rows)
    channels = records(m.channels)
    by_place: dict[tuple, list[dict]] = defaultdict(list)
    by_state: dict[str, list[dict]] = defaultdict(list)
    for row in rows:
        # A district's rows go by its registry key, never by how a department spelled it.
        by_place[row["district_key"] if row["district"] else (row["state"], None)].append(row)
        by_state[row["state"]].append(row)
    places = records(m.districts)
    for state in sorted(by_state):
        url = urls.state(place_key(state))
        mine = [p for p in places if p["state"] == state]
        mine.sort(key=lambda p: ctx.fmt.district(p))
        count, none = accounts_and_none(by_state[state])
        # Its dormant, abandoned and missing ones by name, wherever in the state they are.
        attention = largest_first([r for r in by_state[state] if r["status"] in ATTENTION])
        newest = _as_of(ctx, m.state_newest.get(state), by_state[state])
        # The lead names what the state's newest figure is from, of all its rows, as its list does.
        body = ctx.render("state.html.j2", url, state=state, districts=mine, rows=by_place[(state, None)],
                          all_rows=by_state[state],
                          attention=attention, shown=HOME_LIST,
                          count=count, without=none, channels=channels_for(channels, state), newest=newest,
                          cite=_cite(ctx, ctx.fmt.state(state), url, by_state[state], newest, state),
                          feed=url + "feed.xml", silences=[e for e in m.health.latest.get("collective_silences") or []
                                                           if e.get("group") == state])
        yield Page(url, ctx.fmt.state(state), body, description=t["state_description"].format(
            state=ctx.fmt.state(state), n=ctx.num(count)))
    for place in places:
        url = urls.district(place["key"])
        found = by_place[place["key"]]
        name = f"{ctx.fmt.district(place)}, {ctx.fmt.state(place['state'])}"
        counts = accounts_and_none(found)
        drawn, caption = race(ctx, found)
        newest = _as_of(ctx, place["newest"], found)
        body = ctx.render("district.html.j2", url, place=place, rows=found, counts=counts,
                          race=Markup(drawn), race_caption=caption,
                          channels=channels_for(channels, place["state"]), newest=newest,
                          cite=_cite(ctx, name, url, found, newest, place["state"]))
        yield Page(url, name, body, description=t["district_description"].format(
            place=name, n=ctx.num(counts[0])))
