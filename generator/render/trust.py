"""The pages that say how far to trust the rest: is this handle official (verify), what was
corrected, and how healthy the night's collection and files are."""

from __future__ import annotations

from collections.abc import Iterator

from markupsafe import Markup

from ..schema import AccountState
from . import build_day, verify
from .context import Context
from .downloads import top_level_sizes
from .formatter import site_newest
from .page import Page
from .rows import records


def file_sizes(ctx: Context) -> Markup:
    return build_day.files_table(ctx.lang, top_level_sizes(ctx.model), ctx.previous_files)


def pinned_on_site(entries: list[dict], notes: list) -> dict:
    """The pinned files the health page lists as on this site: those awaiting upload (tried
    again every night), and those kept on the site only, whose release holds other bytes (never
    overwritten: no night uploads them, a person must look). The build's note on each of the
    latter says the same, and is not said twice."""
    onsite = [e for e in entries if e.get("onsite")]
    return {"awaiting": [e for e in onsite if not e.get("release_differs")],
            "kept_only": [e for e in onsite if e.get("release_differs")],
            "notes": [n for n in notes if n.kind != "release_differs"]}


def trust_pages(ctx: Context) -> Iterator[Page]:
    m, t = ctx.model, ctx.t
    yield Page("verify/", t["verify"], ctx.render("verify.html.j2", "verify/", **verify.page_values(m, ctx.fmt)),
               description=t["verify_intro"], in_nav=True)
    yield Page("corrections/", t["corrections"], ctx.render(
        "corrections.html.j2", "corrections/", corrections=records(m.corrections),
        dispute_url=ctx.dispute_url()), in_nav=True)
    yield Page("health/", t["health"], ctx.render(
        "health.html.j2", "health/", health=m.health, states=tuple(AccountState), files=file_sizes(ctx),
        pinned=pinned_on_site(m.health.pinned, m.health.pinned_notes),
        # The newest figure's day as exactly as the figure knows it ('about Nov 2016').
        newest=site_newest(m)),
        in_nav=True)
