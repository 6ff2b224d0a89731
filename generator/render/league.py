"""The tables a journalist sorts: all accounts (the league), a page at a time, and the
complaints ranking by size band."""

from __future__ import annotations

import json
import math
from collections.abc import Iterator

from markupsafe import Markup

from ..places import place_key
from . import formats, urls, words
from .context import Context
from .page import Page
from .rows import records

RANKED = 100  # rows of each complaints ranking on the page; the CSV has them all
# The orders a phone reader can choose (the column headers are hidden there): column, direction.
SORTS = (("followers", "desc"), ("growth", "desc"), ("reply", "asc"), ("grade", "asc"), ("observed", "desc"),
         ("name", "asc"))


def state_choices(ctx: Context) -> list[tuple[str, str]]:
    """(slice key, name) of every state with departments, in this language's order."""
    codes = sorted(set(ctx.model.handles["state"]), key=lambda c: (c == "IN", ctx.fmt.state(c)))
    return [(place_key(code), ctx.fmt.state(code)) for code in codes]


def league_words(ctx: Context) -> Markup:
    t = ctx.t
    heads = {k: t[k] for k in ("state", "district", "category", "handle", "followers", "status", "grade",
                               "observed_on")} | {"growth": t["growth_30d"], "rank": t["rank_state"],
                                                  "reply": t["reply_minutes"]}
    data = {"lang": ctx.lang, "locale": "hi-IN" if ctx.lang == "hi" else "en-IN", "head": heads,
            "status": {c: ctx.fmt.status(c) for c in words.STATUS},
            "category": {c: ctx.fmt.category(c) for c in words.CATEGORY},
            "states": {place_key(c): ctx.fmt.state(c) for c in words.STATE},
            "rankOf": t["rank_of"], "all": t["all"], "choose": t["league_choose"], "loading": t["search_loading"],
            "failed": t["search_failed"], "shown": t["league_shown"], "sharedWith": t["shared_with"],
            "months": formats.month_names(ctx.lang)}
    return Markup(json.dumps(data, ensure_ascii=False).replace("<", "\\u003c"))


def account_lists(ctx: Context) -> Iterator[Page]:
    """All accounts, a page at a time: a phone never receives thousands of rows."""
    rows = records(ctx.model.league)
    size = ctx.model.cfg.site.rows_per_page
    count = max(1, math.ceil(len(rows) / size))
    for n in range(1, count + 1):
        url = urls.list_page("accounts/", n)
        title = ctx.t["league"] if n == 1 else f"{ctx.t['league']} ({n}/{count})"
        body = ctx.render("accounts.html.j2", url, rows=rows[(n - 1) * size:n * size], number=n, pages=count,
                          first=(n - 1) * size + 1, total=len(rows), states=state_choices(ctx),
                          categories=[(c, ctx.fmt.category(c)) for c in sorted({r["category"] for r in rows})],
                          statuses=[(c, ctx.fmt.status(c)) for c in words.STATUS],
                          sorts=[(f"{key}:{order}", ctx.t[f"sort_{key}"]) for key, order in SORTS],
                          league_words=league_words(ctx),
                          cite=ctx.cite(title, url, ctx.model.newest_observation))
        yield Page(url, title, body, description=ctx.t["accounts_intro"], in_nav=n == 1)


def complaints_page(ctx: Context) -> Page:
    """Departments ranked by complaints resolved, within bands of complaints received."""
    m, t = ctx.model, ctx.t
    ranked = m.rankings.sort_values(["rank", "received"], ascending=[True, False], kind="stable")
    bands = [(band, records(group)) for band, group in ranked[ranked["rank"].notna()].groupby("band", sort=False)]
    bands.sort(key=lambda pair: -int(pair[0].split("-")[0].rstrip("+")))
    return Page("complaints/", t["complaints"], ctx.render(
        "complaints.html.j2", "complaints/", bands=bands, unranked=records(ranked[ranked["rank"].isna()]),
        shown=RANKED, cite=ctx.cite(t["complaints"], "complaints/", m.newest_observation)),
        in_nav=True, hide=("toc",))
