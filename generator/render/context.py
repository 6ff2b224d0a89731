"""What every family of pages shares in one language: the model, the formatter, the
templates, and the helpers a page of any family calls (render, cite, the dispute link).

Built once per language and build; the page families (directory, scorecards, league,
downloads page, trust pages) are functions of it.
"""

from __future__ import annotations

import re
from pathlib import Path

import jinja2
from markupsafe import Markup, escape

from .. import paths
from ..compute.methodology import METHODOLOGY_VERSION
from ..compute.reach import REPORT_JUMP_DAYS
from ..places import place_key
from ..schema import Status
from . import badges, build_day, tables, urls
from .charts import COUNT, Specs
from .compiled import bytecode_cache
from .downloads import FILE_KINDS, ZIP_NAME, archive_holds, archived_nights, cited_pin, holds_replies, tonight_pin
from .formatter import Formatter
from .nights import newest_night
from .rows import records

# What Python-Markdown reads as syntax after a value is HTML-escaped: a backslash before each
# makes a link, emphasis or heading in a configured name plain text.
_MARKDOWN = re.compile(r"([\\`*_{}\[\]()#+\-.!|])")


def markdown_text(value) -> str:
    """A value placed in a hand-written markdown page as text, never as syntax ('| md')."""
    return _MARKDOWN.sub(r"\\\1", str(value))


def environment(*extra: Path) -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader([str(paths.TEMPLATES), *map(str, extra)]),
        autoescape=True, undefined=jinja2.StrictUndefined, keep_trailing_newline=True,
        bytecode_cache=bytecode_cache(),
    )
    env.filters["md"] = markdown_text
    return env


class Context:
    """One language's formatter, templates and shared page helpers."""

    def __init__(self, model, lang: str, docs: Path, previous_files: dict | None = None, site_url: str = "",
                 department_rows: dict[str, str] | None = None):
        self.model = model
        self.department_rows = department_rows  # scorecards.department_rows, made once for both languages
        self.site_url = site_url.rstrip("/") + "/" if site_url else ""
        self.previous_files = previous_files or {}
        self.archived = archived_nights(model)
        self.night = newest_night(model)  # tonight: the night whose ZIP the build pins
        self.lang = lang
        self.docs = Path(docs)
        self.env = environment(self.docs)
        self.fmt = Formatter.of(model, lang)
        self.t = self.fmt.t
        # The chart's tooltips say a stand-in day (of a row its own source dates so) and a
        # bounded count as the pages do.
        approximate = self.fmt.stand_in_texts()
        bounded = tuple(sorted((r["department_id"], r["platform"], r["date"], self.fmt.bounded(COUNT, r["bound"]))
                               for r in records(model.bounded)))
        self.specs = Specs.of(lang, approximate, bounded)
        self.base = {"lang": lang, "t": self.t, "fmt": self.fmt, "cfg": model.cfg, "place_key": place_key,
                     # The build's day: only the health page shows it (see compute.model).
                     "built_note": lambda days: build_day.note(lang, days, model.built_on, model.newest_precision),
                     "methodology_version": METHODOLOGY_VERSION, "refresh_floor": model.refresh_floor,
                     "report_jump_days": REPORT_JUMP_DAYS,
                     "urls": urls, "Status": Status, "stack": tables.stack_labels}
        self.base["badge"] = badges.Embed(lang, self.site_url).of
        self.base["shared_note"] = self.shared_note
        self.names = {d["department_id"]: d for d in records(
            model.departments[["department_id", "department_name_en", "department_name_hi"]])}

    def shared_note(self, key: str, row: dict, link: urls.Links) -> Markup:
        """The words `key` naming, as links, the other departments that run `row`'s account."""
        others = [self.names[d] for d in (row.get("shared_with") or "").split(";") if d in self.names]
        return escape(self.t[key]).format(departments=Markup(", ").join(self.fmt.dept_link(d, link) for d in others))

    def render(self, template: str, url: str, **values) -> str:
        return self.env.get_template(template).render(**self.base, link=urls.Links(self.lang, url), **values)

    def num(self, value) -> str:
        return self.fmt.num(value)

    def cite(self, title: str, url: str, date: str | None, department: str | None = None,
             held_by: tuple[str, ...] = FILE_KINDS, current: str = ZIP_NAME, reported: bool = False,
             tonight: bool = False, replied: str | None = None, ranked: bool = False) -> str:
        """How to cite a page: its title, the date of its data, its permanent address, and
        what holds its figures (`citing`): a pinned file at its permanent address with its
        SHA-256 (and the on-site copy until the upload is confirmed), else the night's archived
        file, which the site keeps only so long. Where no dated file holds them, or holds the
        observations alone of a page showing figures that come with a report (`reported`), the
        file that holds them all tonight (`current`, under data/), named as made again every
        night: a journalist keeps a copy, never a file that lacks a figure without being told."""
        address = self.address(url)
        if not date:
            return self.t["cite_none"].format(title=title, url=address)
        pinned, archived, partly = self.citing(date, department, held_by, reported, tonight, replied, ranked)
        whole = self.t["cite_current"].format(file=f"{self.site_url}data/{current}")
        dated = self._dated(pinned, archived, date)
        where = whole if dated is None else self.t["cite_partly"].format(current=whole, dated=dated) if partly \
            else dated
        return self.t["cite"].format(title=title, date=self.fmt.day(date), url=address, where=where)

    def _dated(self, pinned: dict | None, archived: str | None, date: str) -> str | None:
        """The words naming the dated file a citation names, where there is one to name."""
        if pinned and (pinned.get("uploaded") or pinned.get("onsite") and self.site_url):
            night = pinned.get("night")
            files = self.t["cite_month_files"] if not night else self.t["cite_night_files"] if night == date \
                else self.t["cite_night_of_files"].format(night=self.fmt.day(night))
            if pinned.get("onsite") and self.site_url:
                return self.t["cite_pending"].format(archive=pinned["url"], files=files, sha=pinned["sha256"],
                                                     local=f"{self.site_url}{pinned['onsite']}")
            return self.t["cite_pinned"].format(archive=pinned["url"], files=files, sha=pinned["sha256"])
        if self.site_url and archived:
            return self.t["cite_archive"].format(archive=f"{self.site_url}data/{archived}")
        return None

    def citing(self, date: str, department: str | None = None, held_by: tuple[str, ...] = FILE_KINDS,
               reported: bool = False, tonight: bool = False, replied: str | None = None,
               ranked: bool = False) -> tuple[dict | None, str | None, bool]:
        """What a page's citation names for its figures of `date`: the most precise pinned file
        of the kinds `held_by` holding them (`department`'s, on a page of one department;
        downloads.cited_pin), the night's archived file, a night's observations, where the
        figures are observations it holds (downloads.held_by, archive_holds), and whether that
        file holds the page's observations alone: where it shows figures that come with a report
        too (`reported`: a complaint figure, a reported reply time, a registry's absence), which
        only tonight's ZIP holds for certain, or replies measured (the newest of `replied`'s day)
        the file does not hold (downloads.holds_replies); and an account's rank (`ranked`) where
        an earlier night's ZIP is cited: the rank is tonight's, that night's tables show that
        night's (the observations alone, a month's or the archive's, show none to contradict it).
        A page of tonight's figures alone (`tonight`: the complaints ranking) is cited by
        tonight's ZIP, never by an earlier night's that may lack a row added since. A
        scorecard's key holds all three: a page whose citation changes is rendered again."""
        if tonight:
            return tonight_pin(self.model, self.night), None, False
        held = "archive" in held_by and archive_holds(self.model, date, department)
        archived = self.archived.get(date) if held else None
        pinned = cited_pin(self.model, date, department, held_by, self.night)
        night = (pinned or {}).get("night")
        partly = reported or not holds_replies(self.model, pinned, replied)
        return pinned, archived, (partly and night != self.night
                                  or ranked and night not in (None, self.night))

    def address(self, url: str) -> str:
        """A page's full address, where the site's is known (else from the site's root)."""
        return f"{self.site_url}{urls.site_path(self.lang, url)}" if self.site_url else urls.site_path(self.lang, url)

    def dispute_url(self, department: str | None = None, figure: str | None = None, value: str | None = None,
                    date: str | None = None, page: str | None = None) -> str | None:
        """A prefilled "dispute this figure" issue form, where the repository is known."""
        base = self.model.cfg.site.repository_url.rstrip("/")
        if not base:
            return None
        query = {"template": "dispute.yml"}
        given = {"department": department, "figure": figure, "value": value, "date": date, "page_url": page}
        query.update({k: v for k, v in given.items() if v})
        return f"{base}/issues/new?{urls.query(query)}"

    def dispute(self, url: str, department: str, figure: str, value: str, date: str | None) -> dict:
        """The two ways to dispute a figure of the page at `url`: an e-mail to the operator,
        its body holding the figure, its value, its date and the page's address (no account
        needed anywhere), and the issue form with the same fields."""
        t, page = self.t, self.address(url)
        day = self.fmt.day(date) if date else "–"
        body = t["dispute_mail_body"].format(figure=figure, value=value, date=day, page=page)
        subject = t["dispute_mail_subject"].format(figure=figure, page=page)
        mail = f"mailto:{self.model.cfg.site.contact_email}?{urls.query({'subject': subject, 'body': body})}"
        return {"mail": mail, "github": self.dispute_url(department, figure, value, day, page)}
