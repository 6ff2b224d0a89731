"""The pages that say how far to trust the rest: is this handle official (verify), what was
corrected, and how healthy the night's collection and files are."""

from __future__ import annotations

from collections.abc import Iterator

from ..schema import AccountState
from . import verify
from .context import Context
from .downloads import rows_and_bytes, top_level_files
from .page import Page
from .rows import records


def file_sizes(ctx: Context) -> list[dict]:
    out = []
    for path, _, _, text in top_level_files(ctx.model):
        rows, size = rows_and_bytes(text)
        before = ctx.previous_files.get(path, [None, None])
        out.append({"path": path, "rows": rows, "bytes": size, "rows_before": before[0],
                    "bytes_before": before[1]})
    return out


def trust_pages(ctx: Context) -> Iterator[Page]:
    m, t = ctx.model, ctx.t
    yield Page("verify/", t["verify"], ctx.render("verify.html.j2", "verify/", **verify.page_values(m, ctx.fmt)),
               description=t["verify_intro"], in_nav=True, hide=("toc",))
    yield Page("corrections/", t["corrections"], ctx.render(
        "corrections.html.j2", "corrections/", corrections=records(m.corrections),
        dispute_url=ctx.dispute_url()), in_nav=True, hide=("toc",))
    yield Page("health/", t["health"], ctx.render(
        "health.html.j2", "health/", health=m.health, states=tuple(AccountState), files=file_sizes(ctx)),
        in_nav=True, hide=("toc",))
