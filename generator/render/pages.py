"""Every page of one language, from the SiteModel. No analysis, no files, no network.

Pages are HTML bodies with a plain-text title and description; the publish
stage hands them to the site engine. Templates autoescape, so a department called
<script> prints as text.
"""

from __future__ import annotations

import json
import math
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlencode

import jinja2
import pandas as pd
from markupsafe import Markup, escape

from .. import paths
from ..compute.health import STALE_AFTER_NIGHTS
from ..compute.thinning import DAILY_DAYS
from ..places import place_key
from ..schema import ACCOUNT_STATES
from . import badges, build_day, charts, feeds, formats, tables, urls, verify, words
from .charts import Specs
from .downloads import archived_nights, night_pin, published_tables, top_level_sizes, zip_name


@dataclass(frozen=True)
class Page:
    """One page of the site in one language."""

    url: str                      # 'departments/x/', relative to the language's home
    title: str                    # plain text: the engine escapes it
    body: str                     # HTML (or markdown for hand-written pages)
    description: str = ""         # plain text, for previews and search engines
    in_nav: bool = False          # pages in the navigation are built one by one by the engine
    markdown: bool = False
    hide: tuple[str, ...] = ("navigation", "toc")
    meta: dict = field(default_factory=dict)


# Departments whose history tables are formatted at a time: all 5,000 at once hold
# hundreds of MB of table rows in each language's process.
HISTORY_CHUNK = 500


def records(df: pd.DataFrame) -> list[dict]:
    """Rows as dicts with every missing value as None, which templates test simply."""
    return [{k: (None if formats.missing(v) else v) for k, v in row.items()} for row in df.to_dict("records")]


def _sources_by_department(*frames: pd.DataFrame) -> dict[str, list[str]]:
    """The distinct sources each department's history cites, in order of appearance."""
    both = pd.concat([f[["department_id", "source_url"]] for f in frames]).dropna().drop_duplicates()
    out: dict[str, list[str]] = defaultdict(list)
    for dept, ref in zip(both["department_id"], both["source_url"], strict=True):
        out[dept].append(ref)
    return out


def by_department(df: pd.DataFrame) -> dict[str, list[dict]]:
    """Rows grouped by department, in their order: one pass, not one filter per page."""
    grouped: dict[str, list[dict]] = defaultdict(list)
    for row in records(df):
        grouped[row["department_id"]].append(row)
    return grouped


class Formatter:
    """Formatting helpers bound to one language, passed to templates as `fmt`."""

    def __init__(self, lang: str, sources: dict[str, dict], stale_after_days: int = 30, newest: str | None = None):
        self.lang = lang
        self.stale_after_days = stale_after_days
        self.newest = newest
        self.t = words.texts(lang)
        self.sources = sources

    def num(self, value) -> str:
        return formats.number(value, self.lang)

    def count(self, row: dict, column: str) -> str:
        """A complaint count; a blank of an ingested month was hidden, one of a report was not reported."""
        value = row[column]
        if formats.missing(value) and row.get("source") == "ingest":
            return self.t["hidden_cell"]
        return self.num(value)

    def withdrawn(self, row: dict) -> str:
        return self.t["withdrawn_month"].format(date=self.day(row["withdrawn_on"]), reason=row["withdrawn_reason"])

    def signed(self, value) -> str:
        return ("+" if value and value > 0 else "") + self.num(value)

    def pct(self, value) -> str:
        return formats.pct(value)

    def score(self, value) -> str:
        return self.t["not_available"] if formats.missing(value) else f"{value:.0f}"

    def day(self, value) -> str:
        return formats.day(value, self.lang)

    def as_of(self, date: str | None, key: str = "as_of_newest") -> str:
        """'Figures as of <date>', or that nothing is observed yet: never a bare dash."""
        return self.t[key].format(date=self.day(date)) if date else self.t["as_of_none"]

    def state_intro(self, count: int, districts: int) -> str:
        key = "state_intro_none" if not districts else "state_intro_one" if districts == 1 else "state_intro"
        return self.t[key].format(n=self.num(count), districts=self.num(districts))

    def month(self, value) -> str:
        return formats.month(value, self.lang)

    def period(self, start: str, end: str) -> str:
        return formats.period(start, end, self.lang)

    def status(self, value) -> str:
        return words.label(words.STATUS, value, self.lang)

    def category(self, value) -> str:
        return words.label(words.CATEGORY, value, self.lang)

    def state(self, value) -> str:
        return words.label(words.STATE, value, self.lang)

    def account_state(self, value) -> str:
        return words.label(words.ACCOUNT_STATE, value, self.lang)

    def platform(self, value) -> str:
        return words.label(words.PLATFORM, value, self.lang)

    def name(self, row: dict) -> str:
        return row[f"department_name_{self.lang}"]

    def other_name(self, row: dict) -> Markup:
        """The name in the other language, marked as such for screen readers and search engines."""
        other = "en" if self.lang == "hi" else "hi"
        return Markup(f'<span lang="{other}">{escape(row[f"department_name_{other}"])}</span>')

    def followers(self, value) -> str:
        """19,00,000 (19 लाख): the exact count, and how it is said when it is large."""
        exact, said = self.num(value), formats.compact(value, self.lang)
        return exact if said == exact else f"{exact} ({said})"

    def reason(self, row: dict) -> str:
        """Why an account has its status, in words."""
        obs = self.day(row["observed_on"])
        status = row["status"]
        if status == "no_account":
            return self.no_account(row)
        if row["observed_on"] is None:
            return self.t["reason_never"]
        if status in ("suspended", "not_found"):
            return self.t["reason_state"].format(obs=obs, state=self.status(status))
        if row["days_since_post"] is not None:
            return self.t["reason_days"].format(post=self.day(row["last_post_at"]),
                                                days=self.num(row["days_since_post"]), obs=obs)
        if status == "abandoned":
            return self.t["reason_never_posted"].format(obs=obs)
        return self.t["reason_no_post_date"].format(obs=obs)

    def stale_note(self, row: dict) -> str:
        # Said without a count of days since, so the page does not change every night.
        return self.t["stale_note"].format(obs=self.day(row["observed_on"]),
                                           limit=self.num(self.stale_after_days))

    def error_note(self, row: dict) -> str:
        return self.t["error_note"].format(date=self.day(row["last_error_on"]))

    def growth(self, row: dict) -> str:
        return self.t["growth"].format(first=self.num(row["first_followers"]),
                                       first_on=self.day(row["first_followers_on"]),
                                       last=self.num(row["followers"]), last_on=self.day(row["followers_on"]))

    def mismatch(self, row: dict) -> str:
        return self.t["mismatch"].format(reported=f"{row['reported_resolution_rate']:.1f}",
                                         computed=f"{row['resolved_rate']:.1f}")

    def source(self, ref: str | None) -> dict:
        if not ref:
            return {"label": formats.DASH, "short": formats.DASH, "url": None}
        if ref.startswith("source:"):
            s = self.sources.get(ref.removeprefix("source:"))
            if s is None:
                return {"label": ref, "short": ref, "url": None}
            publication = (s.get("publication_hi") if self.lang == "hi" else None) or s["publication"]
            short = f"{publication}, {self.day(s['published_on'])}"
            return {"label": f"{s['title']} — {short}", "short": short, "url": s["url"]}
        if ref.startswith("export:"):
            label = self.t["export_source"].format(fingerprint=ref.removeprefix("export:"))
            return {"label": label, "short": self.t["export_short"], "url": None}
        if "://" not in ref:  # a reference withheld pending review reads as its note
            return {"label": ref, "short": ref, "url": None}
        return {"label": ref, "short": ref.split("/")[2], "url": ref}

    # Pieces of HTML used on every row: Python here, since a template macro per cell costs
    # more than the rest of the page. Every value that reaches them is escaped.

    def rank(self, rank, of) -> str:
        """'3 of 41'; a dash where there is no rank."""
        if formats.missing(rank):
            return formats.DASH
        return self.t["rank_of"].format(rank=self.num(rank), n=self.num(of))

    def band(self, band: str) -> str:
        low, _, high = band.partition("-")
        if not high:
            return self.t["band_open"].format(low=self.num(int(low.rstrip("+"))))
        return self.t["band_range"].format(low=self.num(int(low)), high=self.num(int(high)))

    def follower_rank(self, row: dict, within: str) -> str:
        """A follower rank in words, or why there is none."""
        if row[f"rank_in_{within}"] is not None:
            return self.rank(row[f"rank_in_{within}"], row[f"of_in_{within}"])
        if row["followers"] is None:
            return formats.DASH
        age = row["observation_age_days"]
        if age is not None and age > self.stale_after_days:
            return self.t["not_ranked_stale"].format(limit=self.num(self.stale_after_days))
        return self.t["not_ranked_alone"]

    def figure(self, name: str) -> str:
        return words.label(words.FIGURE, name, self.lang)

    def badge(self, status: str) -> Markup:
        """Status in words with an icon beside: never colour alone."""
        icon = words.STATUS_ICON.get(status, "")
        return Markup(f'<span class="jd-status jd-status--{escape(status)}"><span aria-hidden="true">{icon}</span> '
                      f'{escape(self.status(status))}</span>')

    def answer(self, dept: dict, accounts: list[dict]) -> str:
        """The one sentence a citizen came for: which handle to write to, whether it is alive
        (since when), and how fast it answers."""
        first = next((a for a in accounts if a["platform"] == "x"), accounts[0] if accounts else None)
        if first is None:
            return ""
        name = self.name(dept)
        if first["status"] == "no_account":
            return self.t["answer_none"].format(name=name, platform=self.platform(first["platform"]),
                                                 statement=self.no_account(first))
        handle = f"@{first['handle']}" if first["handle"] else self.t["no_handle"]
        status = self.status(first["status"])
        when = self.status_date(first) or self.t["not_checked_yet"]
        text = self.t["answer"].format(name=name, platform=self.platform(first["platform"]), handle=handle,
                                       status=status, when=when)
        if first["last_post_at"]:
            text += " " + self.t["answer_post"].format(date=self.day(first["last_post_at"]))
        if first["reply_minutes"] is not None:
            text += " " + self.reply(first) + ("।" if self.lang == "hi" else ".")
        return text

    def raises(self, grade: dict) -> list[str]:
        """What would raise the grade, one input at a time, in words."""
        out = []
        for key, label, way in (("activity_score", "activity", "raise_activity"),
                                ("responsiveness_score", "responsiveness", "raise_responsiveness"),
                                ("resolution_score", "resolution", "raise_resolution")):
            best = grade.get(f"{key}_at_best")
            if best is None or grade.get("score") is None or best <= grade["score"]:
                continue  # only what would actually raise it
            out.append(self.t[way].format(part=self.t[label], now=self.score(grade[key]), score=self.score(best),
                                          grade=grade.get(f"{key}_at_best_grade") or "–",
                                          before=self.score(grade["score"])))
        return out

    def status_date(self, row: dict) -> str:
        """The date a status stands on: 'last known' when it is older than the stale limit."""
        if row["status"] == "no_account" or row["observed_on"] is None:
            return ""
        if row["stale"]:
            return self.t["last_known"].format(date=self.day(row["observed_on"]))
        return self.t["seen_on"].format(date=self.day(row["observed_on"]))

    def no_account(self, row: dict) -> str:
        """'No account', with who found it so and when; or that our registry knows none."""
        if row.get("absent_on"):
            return self.t["no_account_per"].format(source=self.source(row["absent_source_url"])["short"],
                                                   date=self.day(row["absent_on"]))
        return self.t["no_account_registry"].format(date=self.day(row.get("place_newest") or self.newest))

    def minutes(self, value) -> str:
        value = float(value)
        if value < 90:
            return self.t["in_minutes"].format(n=self.num(round(value)))
        if value < 48 * 60:
            return self.t["in_hours"].format(n=self.num(round(value / 60)))
        return self.t["in_days"].format(n=self.num(round(value / 1440)))

    def reply(self, row: dict) -> str:
        """How fast the department answers, and on what that rests."""
        when = self.minutes(row["reply_minutes"])
        if row["reply_basis"] == "measured":
            return self.t["reply_measured"].format(when=when, date=self.day(row["reply_on"]))
        source = self.source(row["reply_source_url"])["short"]
        return self.t["reply_reported"].format(when=when, source=source)

    def contact(self, value: str) -> Markup:
        if value.startswith("https://"):
            shown = value.removeprefix("https://").rstrip("/")
            return Markup(f'<a href="{escape(value)}" rel="nofollow noopener">{escape(shown)}</a>')
        number = "".join(ch for ch in value if ch.isdigit() or ch == "+")
        return Markup(f'<a href="tel:{escape(number)}">{escape(value)}</a>')

    def channel_name(self, row: dict) -> str:
        return row["name_hi"] if self.lang == "hi" else row["name_en"]

    def district(self, place: dict) -> str:
        """A district's name in this language (its English name where no Hindi one is known)."""
        if self.lang == "hi" and place.get("district_hi"):
            return place["district_hi"]
        return place["district"]

    def state_link(self, state: str, link: urls.Links) -> Markup:
        href = link.page(urls.state(place_key(state)))
        return Markup(f'<a href="{escape(href)}">{escape(self.state(state))}</a>')

    def dept_link(self, row: dict, link: urls.Links) -> Markup:
        href = link.page(urls.department(row["department_id"]))
        return Markup(f'<a href="{escape(href)}">{escape(self.name(row))}</a>')

    def handle(self, row: dict) -> Markup:
        if row["handle"] and row["platform"] == "x":
            # Latin-script identifiers: read out as such, never translated.
            return Markup(f'<a href="https://x.com/{escape(row["handle"])}" rel="nofollow noopener" lang="en" '
                          f'translate="no">@{escape(row["handle"])}</a>')
        if row["handle"]:
            return Markup(escape(row["handle"]))
        if row["status"] == "no_account":
            return Markup(formats.DASH)
        return Markup(f'<span class="jd-muted">{escape(self.t["no_handle"])}</span>')

    def source_html(self, ref: str | None, short: bool = False) -> Markup:
        """A cited source as HTML: a link where it has one, its full title on hover otherwise."""
        s = self.source(ref)
        text = escape(s["short"] if short else s["label"])
        if s["url"]:
            return Markup(f'<a href="{escape(s["url"])}" rel="nofollow noopener">{text}</a>')
        return Markup(f'<span title="{escape(s["label"])}">{text}</span>')

    def history_rows(self, df: pd.DataFrame, monthly: bool = False) -> dict[str, str]:
        """Rows of the history tables of every department, formatted in one pass."""
        t = self.t
        first = (tables.cells(df["date"], self.month) if monthly else tables.cells(df["date"], self.day), "", "")
        last = (tables.cells(df["date"], self.day), "", t["date"]) if monthly else \
            (tables.cells(df["source_url"], lambda r: self.source_html(r, short=True), html=True), "", t["source"])
        return tables.rows_by_department(df, [
            first, (tables.cells(df["platform"], self.platform), "", t["platform"]),
            (tables.cells(df["followers"], self.num), "jd-num", t["followers"]),
            (tables.cells(df["last_post_at"], self.day), "", t["last_post"]),
            (tables.cells(df["state"], self.account_state), "", t["status"]), last])


def environment(*extra: Path) -> jinja2.Environment:
    return jinja2.Environment(
        loader=jinja2.FileSystemLoader([str(paths.TEMPLATES), *map(str, extra)]),
        autoescape=True, undefined=jinja2.StrictUndefined, keep_trailing_newline=True,
    )


HOME_LIST = 30
RANKED = 100  # rows of each complaints ranking on the page; the CSV has them all
NAV = ("home", "search", "verify", "league", "complaints", "methodology", "caveats", "corrections", "downloads",
       "health", "about")


def nav(lang: str) -> list[tuple[str, str]]:
    """(title, url) of the pages in the navigation, in order."""
    t = words.texts(lang)
    where = {key: f"{key}/" for key in NAV} | {"home": "", "league": "accounts/"}
    return [(t[key], where[key]) for key in NAV]


# The orders a phone reader can choose (the column headers are hidden there): column, direction.
SORTS = (("followers", "desc"), ("growth", "desc"), ("reply", "asc"), ("grade", "asc"), ("observed", "desc"),
         ("name", "asc"))


class SitePages:
    """Renders the pages of one language; built once per language and build."""

    def __init__(self, model, lang: str, docs: Path, previous_files: dict | None = None, site_url: str = ""):
        self.model = model
        self.site_url = site_url.rstrip("/") + "/" if site_url else ""
        self.previous_files = previous_files or {}
        self.archived = archived_nights(model)
        self.lang = lang
        self.docs = Path(docs)
        self.env = environment(self.docs)
        self.fmt = Formatter(lang, {s["id"]: s for s in records(model.sources)}, model.cfg.status.stale_after_days,
                             model.newest_observation)
        self.t = self.fmt.t
        self.specs = Specs(self.t)
        self.base = {"lang": lang, "t": self.t, "fmt": self.fmt, "cfg": model.cfg, "place_key": place_key,
                     # The build's day: only the health page shows it (see compute.model).
                     "built_on": model.built_on and model.built_on.isoformat(), "urls": urls,
                     "built_note": lambda days: build_day.note(lang, days, model.built_on)}
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

    # Pages outside the navigation that share one shell per folder: (folder, layout).
    SHELLS = (("accounts/", ("navigation", "toc")), ("departments/", ("navigation", "toc")),
              ("states/", ("navigation", "toc")), ("districts/", ("navigation", "toc")))

    def __iter__(self) -> Iterator[Page]:
        yield from self.engine_pages()
        yield from self.shell_pages()

    def engine_pages(self) -> list[Page]:
        """The few pages the engine builds one by one: the navigation and hand-written pages."""
        lists = self.account_lists()
        return [*self.core(), next(lists), *self.handwritten()]

    def shell_pages(self) -> Iterator[Page]:
        """The many pages outside the navigation, one at a time: none is held in memory."""
        lists = self.account_lists()
        next(lists)
        yield from lists
        yield from self.directory()
        yield from self.scorecards()

    def core(self) -> Iterator[Page]:
        m, t = self.model, self.t
        rows = records(m.league)
        attention = [r for r in rows if r["status"] in ("dormant", "abandoned", "no_account", "suspended",
                                                         "not_found")]
        # A phone gets the largest audiences first; the full list is the accounts table.
        attention = sorted(attention, key=lambda r: -(r["followers"] or 0))
        latest = sorted((r for r in rows if r["observed_on"]), key=lambda r: r["observed_on"], reverse=True)[:10]
        yield Page("", t["site_name"], self.render(
            "index.html.j2", "", counts=m.counts, attention=attention[:HOME_LIST], more=len(attention) - HOME_LIST,
            latest=latest, newest=m.newest_observation,
            states=sorted({r["state"] for r in rows}, key=lambda c: (c == "IN", self.fmt.state(c))),
            week=self.week()),
            description=t["tagline"], in_nav=True)
        ranked = m.rankings.sort_values(["rank", "received"], ascending=[True, False], kind="stable")
        bands = [(band, records(group)) for band, group in ranked[ranked["rank"].notna()].groupby("band", sort=False)]
        bands.sort(key=lambda pair: -int(pair[0].split("-")[0].rstrip("+")))
        yield Page("complaints/", t["complaints"], self.render(
            "complaints.html.j2", "complaints/", bands=bands, unranked=records(ranked[ranked["rank"].isna()]),
            shown=RANKED, cite=self.cite(t["complaints"], "complaints/", m.newest_observation)),
            in_nav=True, hide=("toc",))
        words_for_js = {"lang": self.lang, "found": t["search_found"], "loading": t["search_loading"],
                        "failed": t["search_failed"],
                        "states": {code: self.fmt.state(code) for code in words.STATE},
                        "status": {code: self.fmt.status(code) for code in words.STATUS},
                        # Both languages' names: a reader may type either.
                        "stateNames": {code: list(pair) for code, pair in words.STATE.items()},
                        "categoryNames": {code: list(pair) for code, pair in words.CATEGORY.items()},
                        "statusNames": {code: list(pair) for code, pair in words.STATUS.items()},
                        "synonyms": [group[2] for group in words.SEARCH_SYNONYMS]}
        yield Page("search/", t["search"], self.render(
            "search.html.j2", "search/", search_words=Markup(json.dumps(words_for_js, ensure_ascii=False)
                                                              .replace("<", "\\u003c"))),
            description=t["search_intro"], in_nav=True, hide=("toc",))
        yield Page("verify/", t["verify"], self.render("verify.html.j2", "verify/", **verify.page_values(m, self.fmt)),
                   description=t["verify_intro"], in_nav=True, hide=("toc",))
        yield Page("corrections/", t["corrections"], self.render(
            "corrections.html.j2", "corrections/", corrections=records(m.corrections),
            dispute_url=self.dispute_url()), in_nav=True, hide=("toc",))
        yield Page("health/", t["health"], self.render(
            "health.html.j2", "health/", health=m.health, states=ACCOUNT_STATES, files=self.file_sizes()),
            in_nav=True, hide=("toc",))
        hindi = self.lang == "hi"
        files = [{"path": path, "title": words.FILES_HI.get(path, title) if hindi else title,
                  "columns": [{"name": c.name, "kind": words.TYPES_HI.get(c.kind, c.kind) if hindi else c.kind,
                               "description": words.COLUMNS_HI.get(c.name, c.description) if hindi else c.description}
                              for c in table.columns]}
                 for path, table, title in published_tables()]
        nights = sorted({r["night"] for r in m.runs}, reverse=True)
        yield Page("downloads/", t["downloads"], self.render("downloads.html.j2", "downloads/", files=files,
                                                             zip_name=zip_name(m), nights=nights,
                                                             pinned=self.pinned_shown(), archived=self.archived,
                                                             daily_days=DAILY_DAYS)
                   # str: Markup's + would escape the rendered page in front of it.
                   + str(verify.api_docs(self.lang, m)),
                   in_nav=True, hide=("toc",))

    PINNED_NIGHTS = 31  # the Downloads page lists a month of nights; data/pinned.json lists them all

    def pinned_shown(self) -> list[dict]:
        """The pinned files the Downloads page lists, newest first: those awaiting upload,
        the last month of nights and every month's observations."""
        entries = sorted(self.model.health.pinned, key=lambda e: e.get("night") or e.get("month") or "", reverse=True)
        recent = {e["name"] for e in [e for e in entries if e.get("night")][:self.PINNED_NIGHTS]}
        return [e for e in entries if e.get("onsite") or e.get("month") or e["name"] in recent]

    def file_sizes(self) -> Markup:
        return build_day.files_table(self.lang, top_level_sizes(self.model), self.previous_files)

    def dispute_url(self, department: str | None = None, figure: str | None = None) -> str | None:
        """A prefilled "dispute this figure" issue form, where the repository is known."""
        base = self.model.cfg.site.repository_url.rstrip("/")
        if not base:
            return None
        query = {"template": "dispute.yml"}
        if department:
            query["department"] = department
        if figure:
            query["figure"] = figure
        return f"{base}/issues/new?{urlencode(query)}"

    def footer(self) -> dict:
        """The footer's words and outside links, in this language."""
        t = self.t
        return {"licence": t["footer_licence"], "methodology": t["methodology"], "caveats": t["caveats"],
                "corrections": t["corrections"], "official": t["official_page"], "dispute": t["dispute"],
                "dispute_url": self.dispute_url() or "",
                "repository": t["repository"], "repository_url": self.model.cfg.site.repository_url,
                "feed": t["feed_title"]}  # the title of the feed every page's head announces

    def week(self) -> dict:
        """The home page's 'what changed this week': its events in words and its first and last day."""
        chosen, first, last = feeds.this_week(self.model.events)
        return {"events": feeds.described(chosen, self.model.departments, self.lang),
                "first": first and self.fmt.day(first), "last": last and self.fmt.day(last)}

    def banner(self) -> str | None:
        """A warning for every page when the newest figure is more than two nights older than
        the day of the build: the one part of a page that depends on that day."""
        health = self.model.health
        if not health.banner:
            return None
        if health.newest_observation is None:
            return self.t["banner_none"]
        return self.t["banner_old"].format(date=self.fmt.day(health.newest_observation),
                                           n=self.fmt.num(STALE_AFTER_NIGHTS))

    def channels_for(self, state: str) -> list[dict]:
        """National channels, then the state's own (union channels for union bodies)."""
        channels = records(self.model.channels)
        scope = "union" if state == "IN" else "state"
        return [c for c in channels if c["scope"] == "national"] + \
            [c for c in channels if c["scope"] == scope and (scope == "union" or c["state"] == state)]

    def directory(self) -> Iterator[Page]:
        """A page per state (its districts and state-level bodies) and per district."""
        m, t = self.model, self.t
        rows = records(m.handles)
        by_place: dict[tuple, list[dict]] = defaultdict(list)
        for row in rows:
            # A district's rows go by its registry key, never by how a department spelled it.
            by_place[row["district_key"] if row["district"] else (row["state"], None)].append(row)
        places = records(m.districts)
        for state in sorted({r["state"] for r in rows}):
            url = urls.state(place_key(state))
            mine = [p for p in places if p["state"] == state]
            mine.sort(key=lambda p: self.fmt.district(p))
            count = sum(1 for r in rows if r["state"] == state and r["counted"])
            body = self.render("state.html.j2", url, state=state, districts=mine, rows=by_place[(state, None)],
                               count=count, channels=self.channels_for(state), newest=m.state_newest.get(state),
                               feed=url + "feed.xml", silences=[
                                   e for e in m.health.latest.get("collective_silences") or []
                                   if e.get("group") == state])
            yield Page(url, self.fmt.state(state), body, description=t["state_description"].format(
                state=self.fmt.state(state), n=self.num(count)))
        for place in places:
            url = urls.district(place["key"])
            found = by_place[place["key"]]
            name = f"{self.fmt.district(place)}, {self.fmt.state(place['state'])}"
            body = self.render("district.html.j2", url, place=place, rows=found, race=Markup(self.race(found)),
                               channels=self.channels_for(place["state"]), newest=place["newest"])
            yield Page(url, name, body, description=t["district_description"].format(
                place=name, n=self.num(len(found))))

    def num(self, value) -> str:
        return self.fmt.num(value)

    def race(self, rows: list[dict]) -> str:
        """The district's handles side by side by followers (the Gorakhpur article's comparison)."""
        counted = sorted((r for r in rows if r["followers"] is not None), key=lambda r: -r["followers"])
        if len(counted) < 2:
            return ""
        bars = [(self.fmt.name(r), float(r["followers"]), self.fmt.day(r["followers_on"])) for r in counted]
        summary = "; ".join(f"{name}: {self.num(value)} ({day})" for name, value, day in bars)
        return charts.svg_bars(bars, self.num, self.t["race"], summary)

    def state_choices(self) -> list[tuple[str, str]]:
        """(slice key, name) of every state with departments, in this language's order."""
        codes = sorted(set(self.model.handles["state"]), key=lambda c: (c == "IN", self.fmt.state(c)))
        return [(place_key(code), self.fmt.state(code)) for code in codes]

    def league_words(self) -> Markup:
        t = self.t
        heads = {k: t[k] for k in ("state", "district", "category", "handle", "followers", "status", "grade",
                                   "observed_on")} | {"growth": t["growth_30d"], "rank": t["rank_state"],
                                                      "reply": t["reply_minutes"]}
        data = {"lang": self.lang, "locale": "hi-IN" if self.lang == "hi" else "en-IN", "head": heads,
                "status": {c: self.fmt.status(c) for c in words.STATUS},
                "category": {c: self.fmt.category(c) for c in words.CATEGORY},
                "states": {place_key(c): self.fmt.state(c) for c in words.STATE},
                "rankOf": t["rank_of"], "all": t["all"], "choose": t["league_choose"], "loading": t["search_loading"],
                "failed": t["search_failed"], "shown": t["league_shown"], "sharedWith": t["shared_with"],
                "months": words.MONTHS_HI if self.lang == "hi" else words.MONTHS_EN}
        return Markup(json.dumps(data, ensure_ascii=False).replace("<", "\\u003c"))

    def cite(self, title: str, url: str, date: str | None) -> str:
        """How to cite a page: its title, the date of its data, its permanent address, and
        that night's files: pinned at their permanent address with their SHA-256 (and the
        on-site copy until the upload is confirmed), else the night's archived file."""
        address = f"{self.site_url}{urls.site_path(self.lang, url)}" if self.site_url else \
            urls.site_path(self.lang, url)
        if not date:
            return self.t["cite_none"].format(title=title, url=address)
        day = self.fmt.day(date)
        pinned = night_pin(self.model, date)
        if pinned and pinned.get("onsite") and self.site_url:
            return self.t["cite_pending"].format(title=title, date=day, url=address, archive=pinned["url"],
                                                 sha=pinned["sha256"], local=f"{self.site_url}{pinned['onsite']}")
        if pinned and pinned.get("uploaded"):
            return self.t["cite_pinned"].format(title=title, date=day, url=address, archive=pinned["url"],
                                                sha=pinned["sha256"])
        if self.site_url and date in self.archived:
            return self.t["cite"].format(title=title, date=day, url=address,
                                         archive=f"{self.site_url}data/{self.archived[date]}")
        return self.t["cite_no_archive"].format(title=title, date=day, url=address)

    def account_lists(self) -> Iterator[Page]:
        """All accounts, a page at a time: a phone never receives thousands of rows."""
        rows = records(self.model.league)
        size = self.model.cfg.site.rows_per_page
        count = max(1, math.ceil(len(rows) / size))
        for n in range(1, count + 1):
            url = urls.list_page("accounts/", n)
            title = self.t["league"] if n == 1 else f"{self.t['league']} ({n}/{count})"
            body = self.render("accounts.html.j2", url, rows=rows[(n - 1) * size:n * size], number=n, pages=count,
                               first=(n - 1) * size + 1, total=len(rows), states=self.state_choices(),
                               categories=[(c, self.fmt.category(c)) for c in sorted({r["category"] for r in rows})],
                               statuses=[(c, self.fmt.status(c)) for c in words.STATUS],
                               sorts=[(f"{key}:{order}", self.t[f"sort_{key}"]) for key, order in SORTS],
                               league_words=self.league_words(),
                               cite=self.cite(title, url, self.model.newest_observation))
            yield Page(url, title, body, description=self.t["accounts_intro"], in_nav=n == 1)

    def scorecards(self) -> Iterator[Page]:
        m = self.model
        accounts = by_department(m.handles)
        followers = self.follower_series()
        complaint_series = self.complaint_series()
        cited_in_history = _sources_by_department(m.recent, m.monthly)
        complaints = by_department(m.rates[m.rates["shown"]])
        grades = {g["department_id"]: g for g in records(m.grades)}
        grade_history = by_department(m.grade_history)
        corrected = by_department(m.corrections)
        events = feeds.histories(m.events, m.departments, self.lang)
        replies = {r["department_id"]: r for r in records(m.reply_summary)}
        depts = records(m.departments)
        by_id = {d["department_id"]: d for d in depts}
        children: dict[str, list[dict]] = defaultdict(list)
        for d in depts:
            if d["parent_id"]:
                children[d["parent_id"]].append(d)
        for first in range(0, len(depts), HISTORY_CHUNK):
            chunk = depts[first:first + HISTORY_CHUNK]
            ids = [d["department_id"] for d in chunk]
            recent = self.fmt.history_rows(m.recent[m.recent["department_id"].isin(ids)])
            monthly = self.fmt.history_rows(m.monthly[m.monthly["department_id"].isin(ids)], monthly=True)
            for dept in chunk:
                dept_id = dept["department_id"]
                url = urls.department(dept_id)
                link = urls.Links(self.lang, url)
                mine = accounts[dept_id]
                chart = self.specs.for_url("followers", link.data(urls.department_csv(dept_id))) \
                    if dept_id in m.charted else None
                complaint_chart = self.specs.for_url("complaints", link.data(urls.department_complaints_csv(dept_id))) \
                    if m.complaint_months.get(dept_id, 0) >= 2 else None
                shown = complaints.get(dept_id, [])
                svg, svg_summary = self.follower_chart(dept, mine, followers.get(dept_id, {}))
                complaint_svg, complaint_summary = self.complaint_chart(complaint_series.get(dept_id, {}))
                cited = [a["source_url"] for a in mine] + cited_in_history.get(dept_id, []) + \
                    [c["source_url"] for c in shown]
                body = self.render(
                    "department.html.j2", url, dept=dept, accounts=mine, history=Markup(recent.get(dept_id, "")),
                    months=Markup(monthly.get(dept_id, "")), complaints=shown, chart=chart,
                    complaint_chart=complaint_chart,
                    grade=grades[dept_id], replies=replies.get(dept_id), grade_history=grade_history.get(dept_id, []),
                    sources=list(dict.fromkeys(s for s in cited if s)), parent=by_id.get(dept["parent_id"]),
                    corrections=corrected.get(dept_id, []), dispute_url=self.dispute_url(dept_id),
                    svg=Markup(svg), svg_summary=svg_summary, complaint_svg=Markup(complaint_svg),
                    complaint_summary=complaint_summary,
                    newest=max((a["observed_on"] for a in mine if a["observed_on"]), default=None),
                    cite=self.cite(self.fmt.name(dept), url,
                                   max((a["observed_on"] for a in mine if a["observed_on"]), default=None)),
                    children=children.get(dept_id, []), events=events.get(dept_id, []), events_shown=feeds.LISTED)
                yield Page(url, self.fmt.name(dept), body, description=self.describe(dept, mine))

    def follower_series(self) -> dict[str, dict[str, list[tuple[float, float]]]]:
        """Per department and platform, (day number, followers): the monthly summary, then
        the recent days, so a chart spans the history a scorecard lists."""
        points = pd.concat([self.model.monthly, self.model.recent])
        points = points[points["followers"].notna()]
        days = (pd.to_datetime(points["date"]) - pd.Timestamp("1970-01-01")).dt.days.to_numpy()
        out: dict[str, dict[str, list]] = defaultdict(lambda: defaultdict(list))
        for dept, platform, day, value in zip(points["department_id"], points["platform"], days,
                                              points["followers"].to_numpy(dtype=float), strict=True):
            out[dept][self.fmt.platform(platform)].append((float(day), value))
        return out

    def complaint_series(self) -> dict[str, dict[str, dict[str, list[tuple[float, float]]]]]:
        """Per department and channel, (day number, count) of each month by measure. A month
        without a figure (hidden, withdrawn, or missing from the export) is a NaN point where
        the line breaks: a line drawn across it would show a figure nobody published."""
        rates = self.model.rates
        months = rates[(rates["source"] == "ingest") & (rates["period_days"] > 1)].sort_values(
            ["department_id", "channel", "period_start"], kind="stable")
        start = pd.to_datetime(months["period_start"])
        days = (start - pd.Timestamp("1970-01-01")).dt.days.to_numpy()
        number = start.dt.year * 12 + start.dt.month
        skipped = (number - number.groupby([months["department_id"], months["channel"]]).shift()).gt(1).to_numpy()
        out: dict[str, dict[str, dict[str, list]]] = defaultdict(lambda: defaultdict(dict))
        for column in ("received", "resolved", "pending"):
            label = self.t[column]
            for dept, channel, day, gap, value in zip(months["department_id"], months["channel"], days, skipped,
                                                      months[column].astype("float64"), strict=True):
                line = out[dept][channel].setdefault(label, [])
                if gap:
                    line.append((float(day) - 1, math.nan))
                line.append((float(day), value))
        return out

    def _day_label(self, day: float) -> str:
        return self.fmt.day((pd.Timestamp("1970-01-01") + pd.Timedelta(days=day)).date().isoformat())

    def follower_chart(self, dept: dict, accounts: list[dict], series: dict) -> tuple[str, str]:
        if sum(len(v) for v in series.values()) < 2:
            return "", ""
        with_counts = [a for a in accounts if a["followers"] is not None and a["observations"]]
        summary = "; ".join(f"{self.fmt.platform(a['platform'])}: {self.fmt.growth(a)}" for a in with_counts)
        title = f"{self.t['history']}: {self.fmt.name(dept)}"
        return charts.svg_lines(series, self.fmt.num, self._day_label, title, summary), summary

    def complaint_chart(self, channels: dict[str, dict[str, list]]) -> tuple[str, str]:
        """The small chart draws one channel, the one with the most months: three lines per
        channel would crowd a phone. The caption names it; the table lists every channel."""
        def months(channel: str) -> int:
            return sum(value == value for _, value in channels[channel][self.t["received"]])

        if not channels or max(months(c) for c in channels) < 2:
            return "", ""
        shown = max(sorted(channels), key=months)
        series = channels[shown]
        kept = [p[0] for v in series.values() for p in v if p[1] == p[1]]
        summary = self.t["complaints_chart_summary"].format(first=self._day_label(min(kept)),
                                                            last=self._day_label(max(kept)))
        if len(channels) > 1:
            others = ", ".join(self.fmt.platform(c) for c in sorted(channels) if c != shown)
            summary += " " + self.t["complaints_chart_channel"].format(channel=self.fmt.platform(shown), others=others)
        return charts.svg_lines(series, self.fmt.num, self._day_label, self.t["complaints_heading"], summary), summary

    def describe(self, dept: dict, accounts: list[dict]) -> str:
        parts = [f"{self.fmt.platform(a['platform'])}: {self.fmt.status(a['status'])} — {self.fmt.reason(a)}"
                 for a in accounts]
        return f"{self.fmt.name(dept)}. " + "; ".join(parts)

    def handwritten(self) -> Iterator[Page]:
        """Methodology, about and other pages written by hand, with the config's values filled in."""
        folder = self.docs / self.lang
        titles = {url: title for title, url in nav(self.lang)}
        for source in sorted(folder.glob("*.md")) if folder.exists() else []:
            url = f"{source.stem}/"
            text = self.env.get_template(f"{self.lang}/{source.name}").render(**self.base, root="../")
            yield Page(url, titles.get(url, source.stem), text, markdown=True, in_nav=url in titles,
                       hide=("navigation",))
