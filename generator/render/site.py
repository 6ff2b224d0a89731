"""The render step: from the model, what the site consists of, before anything is written.

Pages are rendered lazily, one language at a time, by whoever walks them (the engine, or a
person dumping them to read); downloads likewise. Nothing here writes a file.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

from .badges import badge_files
from .charts import spec_files
from .downloads import published_files
from .feeds import feed_files
from .league import league_slices
from .nights import newest_night
from .pages import SitePages, nav
from .scorecards import department_rows
from .verify import api_files
from .words import LANGS

Files = Iterator[tuple[str, str | bytes]]


@dataclass(frozen=True)
class Rendered:
    """The site of one night: each language's pages, and the files beside them."""

    model: object  # the SiteModel the pages and files were made from
    pages: dict[str, SitePages]
    nav: dict[str, list[tuple[str, str]]]
    site_url: str
    data_files: Callable[[], Files]  # under data/: the downloads
    root_files: Callable[[], Files]  # at the site root, shared by both languages: api, badges, feeds, charts


def _documents(model, docs: Path) -> dict[str, str]:
    """The methodology and caveats, in both languages, for the night's ZIP."""
    out = {}
    for lang in LANGS:
        for page in SitePages(model, lang, docs).handwritten():
            if page.url in ("methodology/", "caveats/"):
                out[f"{page.url.strip('/')}.{lang}.md"] = page.body
    return out


def render_site(model, docs: Path, site_url: str, baseline: dict[str, list[int]],
                kept: dict[str, bytes], made=None, last_zip: bytes | None = None) -> Rendered:
    """The pages and files of `model`, with the hand-written pages of `docs`. `baseline` is
    the rows and bytes per file of the build the night is compared with, which the health
    page shows beside the night's; `kept` are files under data/ made before rendering;
    `made` keeps files made from one nightly file between builds (store.archive.Made), or None;
    `last_zip`, the last night's ZIP, whose unchanged members the night's takes over."""
    rows = department_rows(model)  # here, once: each language's process would make its own
    pages = {lang: SitePages(model, lang, docs, baseline, site_url, rows) for lang in LANGS}

    def data_files() -> Files:
        slices = (league_slices(pages[lang].ctx) for lang in LANGS)
        return itertools.chain(published_files(model, _documents(model, docs), site_url, made, last_zip,
                                               newest_night(model)), *slices,
                               sorted(kept.items()))

    def root_files() -> Files:
        return itertools.chain(api_files(model), badge_files(model), feed_files(model, site_url),
                               spec_files(pages[lang].ctx.specs for lang in LANGS))

    return Rendered(model, pages, {lang: nav(lang) for lang in LANGS}, site_url, data_files, root_files)
