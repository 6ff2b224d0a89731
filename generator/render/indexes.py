"""The folders' own pages: states/, districts/ and departments/, each a list that links on.

A reader who trims an address by hand (departments/x/ to departments/) would otherwise meet
the host's "not found"; each folder instead lists where its pages are.
"""

from __future__ import annotations

from collections import Counter

from ..places import place_key
from .context import Context
from .league import state_choices
from .page import Page
from .rows import records


def index_pages(ctx: Context) -> list[Page]:
    """The three folders' pages, in this language."""
    t = ctx.t
    states = state_choices(ctx)
    counts = Counter(ctx.model.departments["state"])
    # A state's count by its key, as state_choices names it.
    departments = {place_key(code): ctx.fmt.departments_count(n) for code, n in counts.items()}
    places = records(ctx.model.districts)
    by_state = [(key, name, sorted((p for p in places if place_key(p["state"]) == key), key=ctx.fmt.district))
                for key, name in states]
    pages = (("states/", t["index_states"], t["index_states_intro"]),
             ("districts/", t["districts"], t["index_districts_intro"]),
             ("departments/", t["index_departments"], t["index_departments_intro"]))
    return [Page(url, title, ctx.render("places_index.html.j2", url, kind=url, title=title, intro=intro,
                                        states=states, departments=departments,
                                        districts=[entry for entry in by_state if entry[2]],
                                        others=[(u, name) for u, name, _ in pages if u != url]),
                 description=intro)
            for url, title, intro in pages]
