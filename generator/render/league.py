"""The tables a journalist sorts: all accounts (the league), a page at a time, and the
complaints ranking by size band."""

from __future__ import annotations

import json
import math
from collections.abc import Iterator

from markupsafe import Markup

from ..places import place_key
from ..schema import Status
from . import formats, urls, words
from .context import Context
from .downloads import list_file_sizes, newest_figure, rows_cited
from .downloads_page import file_size
from .formatter import site_newest
from .home import STATUS_LISTS
from .page import Page
from .rows import records

RANKED = 100  # rows of each complaints ranking on the page; the CSV has them all
# The orders a phone reader can choose (the column headers are hidden there): column, direction,
# its words. A column's first entry is the way its header sorts first (league.js); the second,
# the other way round, is how a reader finds the worst: fewest followers, least growth, slowest
# reply, lowest grade, longest unseen.
SORTS = (("followers", "desc", "sort_followers"), ("followers", "asc", "sort_followers_asc"),
         ("growth", "desc", "sort_growth"), ("growth", "asc", "sort_growth_asc"),
         ("reply", "asc", "sort_reply"), ("reply", "desc", "sort_reply_desc"),
         ("grade", "asc", "sort_grade"), ("grade", "desc", "sort_grade_desc"),
         ("status", "asc", "sort_status"), ("status", "desc", "sort_status_desc"),
         ("observed", "desc", "sort_observed"), ("observed", "asc", "sort_observed_asc"), ("name", "asc", "sort_name"))
# How the Status column sorts: from active to gone, by how far each is from answering (an
# unknown status has no place and goes last, as a blank does).
STATUS_ORDER = (Status.ACTIVE, Status.SLOW, Status.DORMANT, Status.ABANDONED, Status.SUSPENDED, Status.NOT_FOUND,
                Status.NO_ACCOUNT)


def state_choices(ctx: Context) -> list[tuple[str, str]]:
    """(slice key, name) of every state with departments, in this language's order."""
    codes = sorted(set(ctx.model.handles["state"]), key=lambda c: (c == "IN", ctx.fmt.state(c)))
    return [(place_key(code), ctx.fmt.state(code)) for code in codes]


# "No post for more than ..." days: the filter by days since the last post, at the status
# bands' edges (compute/status.py) and a year.
IDLE_DAYS = (7, 30, 180, 365)
# The fields of a slice's row, in order: raw values to sort and filter by, each beside the
# text the plain table shows for it; names of states, districts, categories, statuses,
# platforms and days are indexes into the slice's lists of [value, text].
FIELDS = ("id", "name", "state", "district", "category", "platform", "handle", "handle_text", "followers",
          "followers_text", "growth", "growth_text", "status", "rank", "rank_text", "reply", "reply_text", "grade",
          "observed", "stale", "idle", "shared", "overdue", "unverified", "post_text", "reply_source",
          "followers_source")
COUNTS_WRITTEN_FROM = 1000  # the first count whose text is not its plain digits (19,00,000 groups from 1,000)
NATIONAL = "all"  # the slice of all India: not a state's key (those are in, in-xx)
# The most the all-India slice may weigh, gzip-compressed, in each language: what a phone
# fetches on its first sort. benchmarks/league_slice.py measures it and fails above this.
NATIONAL_CAP_GZIP_BYTES = 500_000


def league_words(ctx: Context) -> Markup:
    """What league.js needs besides the slices: the column labels, a few sentences, and
    where each state's slice is. It formats nothing: every figure comes written."""
    t = ctx.t
    heads = {k: t[k] for k in ("state", "district", "category", "platform", "handle", "followers", "status",
                               "grade", "observed_on")} | {"growth": t["growth_30d"], "rank": t["rank_state"],
                                                           "reply": t["reply_minutes"]}
    data = {"lang": ctx.lang, "locale": "hi-IN" if ctx.lang == "hi" else "en-IN", "head": heads,
            "fields": FIELDS, "national": NATIONAL, "stale": t["stale"], "overdue": t["overdue"],
            "codes": {place_key(c): c for c in words.STATE},
            "all": t["all"], "choose": t["league_choose"], "chooseState": t["league_choose_state"],
            "loading": t["search_loading"], "failed": t["search_failed"], "shown": t["league_shown"],
            "sorted": t["league_sorted"], "sharedWith": t["shared_with"], "more": t["league_more"],
            "none": t["league_none"],
            "unverified": t["unverified"], "go": t["league_go"], "allIndia": t["league_all_india"],
            "stateCaption": t["league_state"], "cited": t["cited_source"]}
    return Markup(json.dumps(data, ensure_ascii=False).replace("<", "\\u003c"))


# The fields written as an index into one of the slice's lists of [value, text].
_LISTED = {"state": "state", "district": "district", "category": "category", "platform": "platform",
           "status": "status", "observed": "day"}


def _cells(ctx: Context, r: dict, names: dict[str, dict]) -> list:
    """One row's fields as FIELDS orders them, a listed name as its (value, text)."""
    fmt = ctx.fmt

    def pair(value, text):
        return None if value is None else (value, text)

    shared = [[d, fmt.name(names[d])] for d in (r["shared_with"] or "").split(";") if d in names] or None
    return [r["department_id"], fmt.name(r), pair(r["state"], fmt.state(r["state"])),
            pair(r["district"], fmt.district(r)), pair(r["category"], fmt.category(r["category"])),
            pair(r["platform"], fmt.platform(r["platform"])), r["handle"], fmt.handle(r).striptags(),
            _plain(r["followers"]), fmt.follower_count(r) + (f" ({on})" if (on := fmt.counted_on(r)) else ""),
            _plain(r["growth_30d"]),
            fmt.growth_30d(r),
            pair(r["status"], fmt.status(r["status"])), _plain(r["rank_in_state"]),
            fmt.rank(r["rank_in_state"], r["of_in_state"]), _plain(r["reply_minutes"]),
            fmt.reply_cell(r) + (f" ({on})" if (on := fmt.reply_on(r)) else ""),
            r["grade"], pair(fmt.checked_on(r), fmt.checked_day(r)), 1 if fmt.old(r) else 0,
            _plain(r["days_since_post"]), shared, 1 if r["refresh_overdue"] else 0, 1 if fmt.unverified(r) else 0,
            fmt.status_note(r) or None, _reply_source(ctx, r),
            _cited(ctx, r["followers_source_url"] if r["followers"] is not None else None)]


def _reply_source(ctx: Context, r: dict) -> list | None:
    """A reported reply figure's source, as handles.csv gives it (a link, or source:<id> of
    sources.csv), its link, its name as a scorecard writes it and the short name its list cell
    shows: a figure read from a slice carries its source as a page's does. None for a measured
    figure (replies.csv holds it)."""
    return _cited(ctx, r["reply_source_url"] if r["reply_basis"] == "reported" else None)


def _cited(ctx: Context, ref: str | None) -> list | None:
    """[ref, link, label, name] of a reported figure's source (Formatter.cited); None without one."""
    s = ctx.fmt.cited(ref)
    return None if s is None else [ref, s["url"], s["label"], s["name"]]


def _slice(ctx: Context, rows: list[list]) -> str:
    """One slice of the league table as league.js reads it: every text as the plain table
    writes it (the same Formatter), beside the raw value it sorts and filters by. Each
    name is listed once and the rows point to it."""
    lists: dict[str, list] = {name: [] for name in _LISTED.values()}
    at: dict[str, dict] = {name: {} for name in _LISTED.values()}
    positions = [(FIELDS.index(field), name) for field, name in _LISTED.items()]
    body = []
    for cells in rows:
        row = list(cells)
        for n, name in positions:
            if row[n] is not None:
                value, text = row[n]
                if value not in at[name]:
                    at[name][value] = len(lists[name])
                    lists[name].append([value, text])
                row[n] = at[name][value]
        body.append(row)
    out = lists | {"rows": body}
    for pair in out["status"]:
        pair += [words.STATUS_ICON.get(pair[0], ""), STATUS_ORDER.index(pair[0]) if pair[0] in STATUS_ORDER else None]
    out["districts"] = sorted(range(len(out["district"])), key=lambda i: out["district"][i][1])
    # Counts of rows a filter can leave, written: below 1,000 a count is its own digits.
    out["numbers_from"] = COUNTS_WRITTEN_FROM
    out["numbers"] = [ctx.fmt.num(n) for n in range(COUNTS_WRITTEN_FROM, len(rows) + 1)]
    return json.dumps(out, ensure_ascii=False, separators=(",", ":"))


def _plain(value):
    """A raw figure as JSON holds it: whole numbers as integers."""
    if value is None:
        return None
    value = value.item() if hasattr(value, "item") else value
    return int(value) if isinstance(value, float) and value.is_integer() else value


def league_slices(ctx: Context) -> Iterator[tuple[str, str]]:
    """`league/<lang>/<state>.json` (one state's rows: a phone fetches only its state) and
    `league/<lang>/all.json` (all India: fetched when the whole country is sorted or filtered)."""
    names = {d["department_id"]: d for d in records(ctx.model.departments)}
    rows = [_cells(ctx, r, names) for r in records(ctx.model.league)]  # written once, sliced twice
    by_state: dict[str, list[list]] = {}
    for cells in rows:
        by_state.setdefault(cells[FIELDS.index("state")][0], []).append(cells)
    for state in sorted(by_state):
        yield f"league/{ctx.lang}/{place_key(state)}.json", _slice(ctx, by_state[state])
    yield f"league/{ctx.lang}/{NATIONAL}.json", _slice(ctx, rows)


def long_lists(model) -> list[str]:
    """Folders of the states' and the statuses' lists that run past one page: their later
    pages are a level deeper than every other list page (`accounts/<state>/page-2/`)."""
    league, size = model.league, model.cfg.site.rows_per_page
    states = league["state"].map(place_key).value_counts()
    statuses = league["status"].value_counts()
    return sorted([f"accounts/{key}/" for key in states[states > size].index] +
                  [urls.status_list(s) for s in STATUS_LISTS if statuses.get(s, 0) > size])


def account_lists(ctx: Context) -> Iterator[Page]:
    """All accounts, a page at a time (a phone never receives thousands of rows): all India's
    list first, then each state's own list at `accounts/<state>/`, where a phone starts, then
    each status, largest audiences first (urls.status_list): a list a reader reaches from the
    home page's cards and its list of accounts needing attention, with or without JavaScript."""
    rows = records(ctx.model.league)
    by_state: dict[str, list[dict]] = {}
    for row in rows:
        by_state.setdefault(place_key(row["state"]), []).append(row)
    states = state_choices(ctx)
    chooser = [(key, name, ctx.fmt.num(len(by_state[key]))) for key, name in states if key in by_state]
    shared = {"states": states, "chooser": chooser, "national": ctx.fmt.num(len(rows)),
              "league_words": league_words(ctx),
              "categories": [(c, ctx.fmt.category(c)) for c in sorted({r["category"] for r in rows})],
              "statuses": [(c, ctx.fmt.status(c)) for c in words.STATUS],
              "platforms": [(c, ctx.fmt.platform(c)) for c in sorted({r["platform"] for r in rows})],
              "idle": [(days, ctx.t["idle_more_than"].format(days=ctx.fmt.num(days))) for days in IDLE_DAYS],
              "sorts": [(f"{key}:{order}", ctx.t[name]) for key, order, name in SORTS], "by_status": None,
              "sizes": list_file_sizes(ctx.model)}
    yield from _list_pages(ctx, "accounts/", ctx.t["league"], rows, None, site_newest(ctx.model),
                           {**shared, "place": ctx.t["league_all_india_of"]})
    for key, name in states:
        if key in by_state:
            # A state's list is as of its own newest observation (_list_pages adds its other
            # figures), as its state page is: a night that changed nothing in a state leaves its
            # list as it was.
            newest = ctx.model.state_newest.get(by_state[key][0]["state"])
            yield from _list_pages(ctx, f"accounts/{key}/", ctx.t["league_state"].format(state=name),
                                   by_state[key], key, newest, {**shared, "place": name})
    for status in STATUS_LISTS:
        chosen = [r for r in rows if r["status"] == status]
        if chosen:
            # As of the newest day its rows show (a 'no account' finding's own day included), as
            # a state's list is: a night that changed none of them leaves the list as it was.
            newest = max(filter(None, map(ctx.fmt.checked_on, chosen)), default=None)
            yield from _list_pages(ctx, urls.status_list(status),
                                   ctx.t["league_status"].format(status=ctx.fmt.status(status)),
                                   chosen, None, newest,
                                   {**shared, "place": ctx.t["league_all_india_of"], "by_status": status})


def _status_intro(ctx: Context, status: str) -> str:
    """What a status's own list holds: 'no account' rows have no count to order by."""
    return ctx.t["status_list_intro_no_account" if status == Status.NO_ACCOUNT else "status_list_intro"]


def _list_pages(ctx: Context, base: str, heading: str, rows: list[dict], state: str | None, newest: str | None,
                shared: dict) -> Iterator[Page]:
    """One list of accounts (all India's, a state's or a status's), cut into pages of rows_per_page."""
    size = ctx.model.cfg.site.rows_per_page
    count = max(1, math.ceil(len(rows) / size))
    # A state's list offers its districts as its JSON slice lists them: raw name, text shown.
    districts = sorted({r["district"]: ctx.fmt.district(r) for r in rows if state and r["district"]}.items(),
                       key=lambda pair: pair[1])
    intro = _status_intro(ctx, shared["by_status"]) if shared["by_status"] else ctx.t["accounts_intro"]
    everything = state is None and not shared["by_status"]
    # As a scorecard's: as of its newest figure of any kind (a state whose one row is a registry's
    # finding is as of that finding), cited by what holds its figures (held_by, reported); the
    # list's own file holds them all tonight.
    figure = newest_figure(rows, site_newest(ctx.model))
    newest = formats.newest_day((newest, figure))
    # `newest` comes as a bare day: where the rows' figure is of that day, they say how exactly
    # it is known ('about Nov 2016' of a report's stand-in day).
    newest = figure if figure and newest and figure[:10] == newest[:10] else newest
    held = rows_cited(rows, newest)
    csv = urls.state_csv(state) if state else "data/handles.csv"
    current = csv.removeprefix("data/")
    # The list's file with its size, as the Downloads page gives it: a phone's reader weighs a tap.
    csv_size = file_size(shared["sizes"][csv], ctx.lang)

    def cite(title: str, url: str) -> str:
        return ctx.cite(title, url, newest, current=current, **held)

    for n in range(1, count + 1):
        url = urls.list_page(base, n)
        title = heading if n == 1 else f"{heading} ({n}/{count})"
        body = ctx.render("accounts.html.j2", url, heading=heading, intro=intro, base=base, state=state,
                          districts=districts, rows=rows[(n - 1) * size:n * size], number=n, pages=count,
                          first=(n - 1) * size + 1, total=len(rows), newest=newest, cite=cite(title, url),
                          # All India's list is as of the site's newest observation; a state's or a
                          # status's, of its own rows' newest, from what they are from.
                          from_rows=None if everything else rows,
                          csv=csv, csv_size=csv_size, **shared)
        yield Page(url, title, body, description=intro, in_nav=base == "accounts/" and n == 1)


def complaints_page(ctx: Context) -> Page:
    """Departments ranked by complaints resolved, within bands of complaints received."""
    m, t = ctx.model, ctx.t
    ranked = m.rankings.sort_values(["rank", "received"], ascending=[True, False], kind="stable")
    bands = [(band, records(group)) for band, group in ranked[ranked["rank"].notna()].groupby("band", sort=False)]
    bands.sort(key=lambda pair: -int(pair[0].split("-")[0].rstrip("+")))
    return Page("complaints/", t["complaints"], ctx.render(
        "complaints.html.j2", "complaints/", bands=bands, unranked=records(ranked[ranked["rank"].isna()]),
        shown=RANKED, window=m.cfg.complaints.ranking_window_days, minimum=m.cfg.complaints.min_received_for_ranking,
        # Tonight's complaint figures: in tonight's ZIP, not the ZIP of the night of the newest
        # observation (tonight may have none), which can lack a row added since.
        cite=ctx.cite(t["complaints"], "complaints/", m.newest_observation, current="complaints.csv",
                      tonight=True)),
        in_nav=True)
