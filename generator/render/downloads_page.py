"""The Downloads page: every published file with its columns, the nights pinned at
permanent addresses, and the accounts files of the verify API."""

from __future__ import annotations

from ..compute.thinning import DAILY_DAYS
from . import verify, words
from .context import Context
from .downloads import ZIP_NAME, published_tables, tonight_pin
from .page import Page

PINNED_NIGHTS = 31  # the Downloads page lists a month of nights; data/pinned.json lists them all


def pinned_shown(ctx: Context) -> list[dict]:
    """The pinned files the Downloads page lists, newest first: those awaiting upload,
    the last month of nights and every month's observations."""
    entries = sorted(ctx.model.health.pinned, key=lambda e: e.get("night") or e.get("month") or "", reverse=True)
    recent = {e["name"] for e in [e for e in entries if e.get("night")][:PINNED_NIGHTS]}
    return [e for e in entries if e.get("onsite") or e.get("month") or e["name"] in recent]


def downloads_page(ctx: Context) -> Page:
    m, t = ctx.model, ctx.t
    hindi = ctx.lang == "hi"
    files = [{"path": path, "title": words.FILES_HI.get(path, title) if hindi else title,
              "columns": [{"name": c.name, "kind": words.TYPES_HI.get(c.kind, c.kind) if hindi else c.kind,
                           "description": words.column_hi(table.name, c.name, c.description) if hindi
                           else c.description}
                          for c in table.columns]}
             for path, table, title in published_tables()]
    nights = sorted({r["night"] for r in m.runs}, reverse=True)
    # The accounts files of the verify API, with their fields.
    api_files = [verify.api_path(p) for p in verify.platforms(m)]
    api_fields = [(name, words.pick(words.API_FIELDS[name], ctx.lang)) for name in verify.FIELDS]
    return Page("downloads/", t["downloads"], ctx.render("downloads.html.j2", "downloads/", files=files,
                                                         zip_name=ZIP_NAME, tonight=tonight_pin(m), nights=nights,
                                                         states=sorted(set(m.handles["state"]),
                                                                       key=lambda c: (c == "IN", ctx.fmt.state(c))),
                                                         pinned=pinned_shown(ctx), archived=ctx.archived,
                                                         daily_days=DAILY_DAYS, api_files=api_files,
                                                         api_fields=api_fields,
                                                         # Without a repository nothing is pinned, nor listed.
                                                         listed=bool(m.cfg.site.repository_url)),
                in_nav=True, hide=("toc",))
