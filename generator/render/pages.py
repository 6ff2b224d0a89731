"""Every page of one language, from the SiteModel. No analysis, no files, no network.

Pages are HTML bodies with a plain-text title and description; the publish stage hands
them to the site engine. Templates autoescape, so a department called <script> prints as
text. Each family of pages has a module of its own (home, league, trust, downloads_page,
directory, scorecards); this one puts them in order and adds the hand-written pages and
what every page's frame shows (footer, banner).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

from jinja2 import TemplateError

from ..compute.health import YEAR_STEP, banner_days
from ..problems import Problem, ProblemError
from . import words
from .context import Context
from .directory import directory_pages
from .downloads_page import downloads_page
from .formatter import site_newest
from .home import home_page, search_page
from .indexes import index_pages
from .league import account_lists, complaints_page, long_lists
from .page import Page
from .scorecards import Keep, scorecards
from .trust import trust_pages

NAV = ("home", "search", "verify", "league", "complaints", "methodology", "caveats", "corrections", "downloads",
       "health", "about")


def nav(lang: str) -> list[tuple[str, str]]:
    """(title, url) of the pages in the navigation, in order."""
    t = words.texts(lang)
    where = {key: f"{key}/" for key in NAV} | {"home": "", "league": "accounts/"}
    return [(t[key], where[key]) for key in NAV]


class SitePages:
    """Renders the pages of one language; built once per language and build."""

    # Folders of pages outside the navigation, whose pages share one shell each.
    FOLDERS = ("accounts/", "departments/", "states/", "districts/")
    LAYOUT = ("navigation", "toc")

    def __init__(self, model, lang: str, docs: Path, previous_files: dict | None = None, site_url: str = "",
                 department_rows: dict[str, str] | None = None):
        self.ctx = Context(model, lang, docs, previous_files, site_url, department_rows)
        self.model = model
        self.lang = lang
        self.t = self.ctx.t

    def __iter__(self) -> Iterator[Page]:
        yield from self.engine_pages()
        yield from self.shell_pages()

    def shells(self) -> list[tuple[str, tuple[str, ...]]]:
        """(folder, layout) of every folder of shell pages. A state's list of accounts past
        its first page lives in the state's own folder, one level deeper: its own shell,
        since the theme's links are relative to a page's depth (and only where there is such
        a page: each shell is a page mkdocs builds)."""
        return [(folder, self.LAYOUT) for folder in (*self.FOLDERS, *long_lists(self.model))]

    def engine_pages(self) -> list[Page]:
        """The few pages the engine builds one by one: the navigation and hand-written pages."""
        lists = account_lists(self.ctx)
        return [*self.core(), next(lists), *index_pages(self.ctx), *self.handwritten()]

    def shell_pages(self, keep: Keep | None = None) -> Iterator[Page]:
        """The many pages outside the navigation, one at a time: none is held in memory.
        `keep` tells which scorecards the last build's files can stand for (scorecards.Keep)."""
        lists = account_lists(self.ctx)
        next(lists)
        yield from lists
        yield from directory_pages(self.ctx)
        yield from scorecards(self.ctx, keep)

    def core(self) -> Iterator[Page]:
        yield home_page(self.ctx)
        yield complaints_page(self.ctx)
        yield search_page(self.ctx)
        yield from trust_pages(self.ctx)
        yield downloads_page(self.ctx)

    def footer(self) -> dict:
        """The footer's words and outside links, in this language."""
        t = self.t
        return {"licence": t["footer_licence"], "methodology": t["methodology"], "caveats": t["caveats"],
                "corrections": t["corrections"], "official": t["official_page"], "dispute": t["footer_dispute"],
                "dispute_url": self.ctx.dispute_url() or "", "contact": t["contact"],
                "contact_mail": f"mailto:{self.model.cfg.site.contact_email}",
                "repository": t["repository"], "repository_url": self.model.cfg.site.repository_url,
                "feed": t["feed_title"],  # the title of the feed every page's head announces
                # The not-found page's words: it is the theme's page, not one of ours.
                "not_found": t["not_found"], "not_found_hint": t["not_found_hint"], "search": t["search"],
                "search_label": t["search_open"], "search_placeholder": t["search_placeholder"],
                "go_home": t["go_home"], "description": t["tagline"],
                # The host serves the Hindi not-found page for every missing address, English
                # ones too: it says so in English as well, with the way to the English site.
                "english_hint": words.texts("en")["not_found_english"] if self.lang == "hi" else "",
                "english_home": words.texts("en")["english_home"] if self.lang == "hi" else ""}

    def banner(self) -> str | None:
        """A warning for every page when the newest figure is more than two nights older than
        the day of the build: the one part of a page that depends on that day."""
        health = self.model.health
        if not health.banner:
            return None
        if health.newest_observation is None:
            return self.t["banner_none"]
        days = banner_days(health.days_since_newest)
        key, n = ("banner_old_years", days // YEAR_STEP) if days >= YEAR_STEP else ("banner_old", days)
        return self.t[key].format(date=self.ctx.fmt.day(site_newest(self.model)), n=self.ctx.fmt.num(n))

    def handwritten(self) -> Iterator[Page]:
        """Methodology, about and other pages written by hand, with the config's values filled in."""
        ctx = self.ctx
        folder = ctx.docs / self.lang
        titles = {url: title for title, url in nav(self.lang)}
        for source in sorted(folder.glob("*.md")) if folder.exists() else []:
            url = f"{source.stem}/"
            try:
                text = ctx.env.get_template(f"{self.lang}/{source.name}").render(**ctx.base, root="../")
            except TemplateError as error:  # a page edited by hand: its line, not a traceback
                line = getattr(error, "lineno", None) or 0
                raise ProblemError([Problem(str(source), line, "-", f"not a page this site can fill in: "
                                            f"{error.message or type(error).__name__}")],
                                   "the site was not published; the last one stays") from None
            # A page out of the navigation is named by its front matter's title or its heading.
            heading = re.search(r"\A---\n(?:.*\n)*?title: *(.+)\n", text) or re.search(r"(?m)^# (.+)$", text)
            title = titles.get(url) or (heading.group(1).strip() if heading else source.stem)
            yield Page(url, title, text, markdown=True, in_nav=url in titles,
                       hide=("navigation",))
