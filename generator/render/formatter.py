"""The formatter: numbers, dates, statuses and the small pieces of text every page and
badge shows, bound to one language and passed to templates as `fmt`."""

from __future__ import annotations

import re
from datetime import date
from urllib.parse import urlsplit

from markupsafe import Markup, escape

from ..compute.directory import UNANSWERED
from ..compute.model import REPORTED_SOURCE, cited_stand_ins, reported_known
from ..compute.reach import GROWTH_WINDOW
from ..places import place_key
from ..schema import BOUNDS, Platform, Status
from . import formats, urls, words
from .rows import records


def _day_of(value) -> date:
    return date.fromisoformat(str(value)[:10])


SILENT = (Status.SLOW, Status.DORMANT, Status.ABANDONED)
# A run of Devanagari words, with the spaces, joiners and digits between them.
HINDI_RUN = re.compile(r"[\u0900-\u097f](?:[\u0900-\u097f\u200c\u200d0-9 ]*[\u0900-\u097f])?")


def site_newest(model) -> formats.Dated | None:
    """The site's newest observation, as exactly as its figures know it (SiteModel.newest_precision)."""
    newest = model.newest_observation
    return formats.Dated(str(newest), model.newest_precision) if newest else None


def rows_reported(rows: list[dict], day) -> tuple[tuple[str, str], ...] | None:
    """The reports the observations of `day` among `rows` (a list's, each an account's newest)
    rest on, as the site's newest day's are found (model.newest_known): none where a look-up
    of ours is of that day; None where no row is observed on it."""
    day = str(day)[:10] if day else ""
    of_day = [r for r in rows if day and str(r.get("observed_on") or "")[:10] == day]
    if not of_day:
        return None
    return reported_known(all(r["observed_source"] == REPORTED_SOURCE for r in of_day),
                          [str(r["department_id"]) for r in of_day], [r["source_url"] for r in of_day], day, {})[1]


class Formatter:
    """Formatting helpers bound to one language, passed to templates as `fmt`."""

    def __init__(self, lang: str, sources: dict[str, dict], stale_after_days: int = 30, newest: str | None = None,
                 refresh_floor: int = 7, complaints_counted: tuple[int, int] = (365, 100), status_counted: int = 365,
                 newest_reported: tuple[tuple[str, str], ...] = ()):
        self.lang = lang
        # The complaint periods the grade counts: ended within this many days, of this many complaints.
        self.counted_days, self.counted_least = complaints_counted
        # A status the grade counts: observed at most this many days before the as-of date.
        self.status_counted = status_counted
        self.stale_after_days = stale_after_days
        self.refresh_floor = refresh_floor
        # The site's newest observation (a formats.Dated where its figures know it to its month or
        # year only), and the reports it rests on (SiteModel.newest_reported).
        self.newest = newest
        self.newest_reported = newest_reported
        self.t = words.texts(lang)
        self.sources = sources
        # Days that stand in for a source's month or year (sources.csv date_precision), by the
        # source that dates them so: a figure is shown as exactly as its own source knows it,
        # whatever another source of that day says (cited_stand_ins).
        self.stand_ins = cited_stand_ins(sources.values())
        # A source cited by its address rather than its id reads as that source.
        self.by_url = {s["url"]: key for key, s in sources.items() if isinstance(s.get("url"), str) and s["url"]}

    @classmethod
    def of(cls, model, lang: str) -> Formatter:
        """The formatter of a night's pages and files in `lang`: its sources, stale limit and
        refresh floor, so that every place prints a figure and its date the same way."""
        complaints = model.cfg.complaints
        return cls(lang, {s["id"]: s for s in records(model.sources)}, model.cfg.status.stale_after_days,
                   site_newest(model), model.refresh_floor,
                   (complaints.ranking_window_days, complaints.min_received_for_ranking),
                   model.cfg.status.absence_recheck_days, model.newest_reported)

    def not_counted(self, reason: str, part: str) -> str:
        """Why a part (an INPUTS name) whose figures were published is left out of the grade, in
        words: a status too old to count is not a complaint period, and has its own limit."""
        if part == "activity_score" and reason == "too_old":
            return self.t["grade_not_counted_status_too_old"].format(days=self.num(self.status_counted))
        return self.t[f"grade_not_counted_{reason}"].format(days=self.num(self.counted_days),
                                                             n=self.num(self.counted_least))

    def precision(self, value, source: str | None = None, said: str | None = None) -> str | None:
        """'month' or 'year' where `value` is the day standing in for what its own source gives:
        as its row says (`said`, a {column}_precision of handles.csv), or as that source
        (`source`: source:<id> or its address) dates that day. None without either: the
        collector's day, a night's or a post's is of its day, whatever source stands in on it."""
        said = said or getattr(value, "precision", None)  # a page's as-of day, formats.Dated
        if said in ("month", "year"):
            return said
        return self.stand_ins.get((source, value[:10])) if source and isinstance(value, str) else None

    def day_of(self, row: dict, column: str, source: str | None = None) -> str:
        """A row's date in `column`, as exactly as its own source knows it: by the row's
        {column}_precision where it has one, else by `source`, the row's citation."""
        return self.day(row[column], source, row.get(f"{column}_precision"))

    def event_day(self, event: dict) -> str:
        """An event's day, as exactly as the observation it is dated by knows it (its
        date_precision, model.dated_events): not as another row of its account and day."""
        return self.day(event["date"], said=event.get("date_precision"))

    def stand_in_texts(self) -> tuple[tuple[str, str, str], ...]:
        """(day, 'month' or 'year', the day as the pages show a date of that precision), of every
        day a source stands in on: for the charts, which read each row's own precision."""
        return tuple(sorted({(day, said, self.day(day, said=said)) for (_, day), said in self.stand_ins.items()}))

    def num(self, value) -> str:
        return formats.number(value, self.lang)

    def recent_caption(self, accounts: list[dict], days: int) -> str:
        """The caption of a scorecard's table of recent observations: 'of the 30 days up to the
        latest one', or 'of about' them where a latest one is dated to its month or year only."""
        approx = any(self.precision(a["observed_on"], said=a.get("observed_on_precision")) for a in accounts)
        return self.t["recent_caption_approx" if approx else "recent_caption"].format(days=self.num(days))

    @staticmethod
    def hidden(row: dict, column: str) -> bool:
        """Whether a complaint count is blank because it was hidden as small: every blank of an
        ingested month, and those of a report that `hidden_cells` names; any other blank was
        not reported."""
        return formats.missing(row[column]) and (row.get("source") == "ingest"
                                                 or column in (row.get("hidden_cells") or "").split(";"))

    def count(self, row: dict, column: str) -> str:
        """A complaint count; a blank of an ingested month was hidden, one of a report was not reported."""
        if self.hidden(row, column):
            return self.t["hidden_cell"]
        return self.stated(row, column)

    def no_rate(self, row: dict) -> str:
        """Why a complaint row makes no resolution rate, as it applies to this row: no complaint
        received, or which of the received and resolved counts the source did not report and
        which were hidden as small."""
        if not formats.missing(row["received"]) and row["received"] == 0:
            return self.t["no_rate_none_received"]
        blank = [c for c in ("received", "resolved") if formats.missing(row[c])]
        said = []
        for why, columns in (("unreported", [c for c in blank if not self.hidden(row, c)]),
                             ("hidden", [c for c in blank if self.hidden(row, c)])):
            if columns:
                said.append(self.t[f"no_rate_{why}"].format(counts=self.t["no_rate_" + "_".join(columns)]))
        return self.t["no_rate"].format(why="; ".join(said))

    def stated(self, row: dict, column: str) -> str:
        """A complaint row's figure as its source states it: '1,000', or 'more than 1,000'."""
        return self.bounded(self.num(row[column]), row.get("bound"))

    def bounded(self, text: str, bound) -> str:
        """A figure with how its source bounds it ('more than', 'at most', 'about'), if it does."""
        if bound not in BOUNDS or text == formats.DASH:
            return text
        return self.t[f"bound_{bound}"].format(n=text)

    def withdrawn(self, row: dict) -> str:
        return self.t["withdrawn_month"].format(date=self.day(row["withdrawn_on"]), reason=row["withdrawn_reason"])

    def signed(self, value) -> str:
        return ("+" if value and value > 0 else "") + self.num(value)

    def jumps(self, row: dict) -> str:
        """'2 jumps left out' of a row's 30-day growth, or '': a growth of 0 beside a count that
        jumped by thousands would otherwise read as an account that did not move."""
        count = row.get("jumps_30d")
        return self.counted("jumps_left_out", count).format(n=self.num(count)) if count else ""

    def growth_30d(self, row: dict) -> str:
        """A row's 30-day growth as a list shows it: signed, with the jumps it leaves out."""
        if row.get("growth_30d") is None:
            return formats.DASH
        jumps = self.jumps(row)
        return self.signed(row["growth_30d"]) + (f" ({jumps})" if jumps else "")

    def pct(self, value) -> str:
        return formats.pct(value, self.lang)

    def reported_pct(self, value) -> str:
        return formats.reported_pct(value, self.lang)

    def grade_meaning(self, grade: str, scale) -> str:
        """What a letter means in words: its scores, and where it stands among the five."""
        bounds = {"A": (scale.a, None), "B": (scale.b, scale.a), "C": (scale.c, scale.b), "D": (scale.d, scale.c),
                  "F": (None, scale.d)}
        low, high = bounds[grade]
        key = "grade_means_top" if high is None else "grade_means_bottom" if low is None else "grade_means_mid"
        return self.t[key].format(grade=grade, low=self.score(low), high=self.score(high))

    def score(self, value) -> str:
        """A grade's score or one of its inputs to a tenth of a point, as handles.csv and the
        complaint table write them (80.2, not 80 beside a rate of 80.2 %); a whole one without
        its '.0'."""
        if formats.missing(value):
            return self.t["not_available"]
        return formats.number(value, self.lang, 1).removesuffix(".0")

    def median_of(self, median, n, own) -> str:
        """A state's median of a part with how many departments it is of: a median of one
        department's figure is that figure, and says so."""
        if formats.missing(median):
            return self.t["not_available"]
        key = "median_alone" if n == 1 and not formats.missing(own) else "median_of"
        return self.counted(key, n).format(median=self.score(median), n=self.num(n))

    def counted(self, key: str, count) -> str:
        """The text `key` in the form its count asks for: '1 day', '2 days'."""
        return formats.counted(self.t, key, count, self.lang)

    def counted_on(self, row: dict) -> str:
        """The date of a follower count older than its row's observation (a suspended account
        keeps its last count), or '' when the count is the row's own."""
        if row.get("followers") is None or row.get("followers_on") == row.get("observed_on"):
            return ""
        return self.day_of(row, "followers_on")

    def post_note(self, row: dict) -> str:
        """Since when a slow, dormant or abandoned account has been silent ('last post 6 Jul
        2020'), for the lists: their status alone does not say since when. '' otherwise."""
        if row.get("status") not in SILENT or not row.get("last_post_at"):
            return ""
        return self.t["last_post_note"].format(date=self.day(row["last_post_at"]))

    def reply_on(self, row: dict) -> str:
        """What a list's reply time rests on, when it is not the row's own day: the report it was
        copied from, dated by the end of the period it is of, as the scorecard dates it ('as
        reported for the period to 31 Oct 2026'), or the last day it was measured on ('measured
        to 25 Oct 2026'); '' otherwise."""
        if not row.get("reply_basis"):
            return ""
        if row.get("reply_basis") == "reported":
            return self.t["reply_reported_on"].format(date=self.day_of(row, "reply_on", row.get("reply_source_url")))
        if row.get("reply_on") == self.checked_on(row):
            return ""
        return self.t["reply_measured_on"].format(date=self.day(row["reply_on"]))

    def cited(self, ref: str | None) -> dict | None:
        """A reported figure's source as a list's cell names it, compactly: its publication (a
        link's site), its address, and its full label; None without one. Where it has no
        address, `cited_href` sends the reader to the scorecard's list of sources."""
        if not ref:
            return None
        s = self.source(ref)
        return {"name": self.publication(ref) or s["short"], "url": s["url"], "label": s["label"]}

    def cited_link(self, ref: str, department_id: str, link: urls.Links) -> Markup:
        """A reported figure's source as a link named by its publication: to its address, or
        where it has none to the list of sources of the scorecard of `department_id`."""
        s = self.cited(ref)
        if s["url"]:
            return Markup('<a href="{}" rel="nofollow noopener">{}</a>').format(s["url"], s["name"])
        return Markup('<a href="{}">{}</a>').format(cited_href(link.page(urls.department(department_id))), s["name"])

    def cited_note(self, ref: str | None, department_id: str, link: urls.Links) -> Markup:
        """'; source: <a>Prabhat Khabar</a>', to end a list's note on a reported figure; '' without a source."""
        if not ref:
            return Markup("")
        return Markup(escape(self.t["cited_source"]).replace("{source}", self.cited_link(ref, department_id, link)))

    def newest_from(self, day, link: urls.Links, rows: list[dict] | None = None) -> Markup:
        """What the newest observation is from, beside the date of a page as of it (`day`): a
        look-up by Jawabdehi, or the reports it rests on, each linked as a list names a
        reported figure's source. Of the site's newest observation; with `rows` (a state's or
        a status's list), of their own observations of `day`. '' beside any other date."""
        if rows is not None:
            reported = rows_reported(rows, day)
        elif day and self.newest and str(day)[:10] == str(self.newest)[:10]:
            reported = self.newest_reported
        else:
            reported = None
        if reported is None:
            return Markup("")
        if not reported:
            return Markup(escape(self.t["newest_lookup"]))
        named = Markup(", ").join(self.cited_link(ref, dept, link) for ref, dept in reported)
        return Markup(escape(self.counted("newest_reported", len(reported)))).replace("{sources}", named)

    def as_of_from(self, day, link: urls.Links, rows: list[dict] | None = None) -> Markup:
        """'Figures as of <day>.' and what its newest figure is from (newest_from, of `rows`
        where given): what a page's lead says of its date."""
        said = self.newest_from(day, link, rows)
        return Markup(" ").join([self.as_of(day), said]) if said else Markup(escape(self.as_of(day)))

    def window_end(self, row: dict) -> str:
        """The day a change or growth window ends on: that of the latest count, which may be
        years before the site's date ("30 days" are not always the last 30 days). Said on
        every row, so that a page depends on its own rows and not on the night's date."""
        if row.get("followers_on") is None:
            return ""
        return self.t["until_day"].format(date=self.day_of(row, "followers_on"))

    def growth_window(self, row: dict) -> str:
        """The days a 30-day growth covers: from the account's first count where that is less
        than 30 days before the latest (a growth over 4 days is not called 30 days' alone)."""
        first, last = row.get("first_followers_on"), row.get("followers_on")
        if first and last and (_day_of(last) - _day_of(first)).days < GROWTH_WINDOW:
            return self.t["growth_from_first"].format(first=self.day_of(row, "first_followers_on"),
                                                      last=self.day_of(row, "followers_on"))
        return self.window_end(row)

    def day(self, value, source: str | None = None, said: str | None = None) -> str:
        """A date as the pages write it; a day standing in for its own source's month or year
        (see `precision`) as what that source gives: 'about Oct 2016', '2017'."""
        precision = self.precision(value, source, said)
        if precision == "year":
            return str(value)[:4]
        if precision == "month":
            return self.t["about_month"].format(month=formats.month(str(value), self.lang))
        return formats.day(value, self.lang)

    def on(self, value, source: str | None = None, said: str | None = None) -> str:
        """A date as a sentence says when something happened: 'on 12 Oct 2016' and '12 अक्टूबर
        2016 को' for a day, 'in 2017' and '2017 में' for what its source dates to a month or year."""
        key = "in_period" if self.precision(value, source, said) else "on_day"
        return self.t[key].format(date=self.day(value, source, said))

    def as_of(self, date: str | None, key: str = "as_of_newest") -> str:
        """'Figures as of <date>', or that nothing is observed yet: never a bare dash."""
        return self.t[key].format(date=self.day(date)) if date else self.t["as_of_none"]

    def state_intro(self, count: int, districts: int, none: int = 0) -> str:
        """'12 department accounts, in 3 districts.'"""
        accounts = self.accounts_count(count, none)
        if not districts:
            return self.t["state_intro_none"].format(accounts=accounts)
        return self.counted("state_intro", districts).format(accounts=accounts, districts=self.num(districts))

    def accounts_count(self, count: int, none: int = 0) -> str:
        """'12 department accounts', and after it how many departments have none, where any."""
        text = self.counted("accounts_count", count).format(n=self.num(count))
        return text + self.counted("no_account_count", none).format(n=self.num(none)) if none else text

    def departments_count(self, count: int) -> str:
        return self.counted("departments_count", count).format(n=self.num(count))

    def month(self, value, source: str | None = None) -> str:
        if self.precision(value, source) == "year":
            return value[:4]
        return formats.month(value, self.lang)

    def period(self, start: str, end: str, source: str | None = None) -> str:
        """A period a row of `source` (its citation) is of: one stand-in day of that source reads
        as a day of its month or year."""
        if start == end and self.precision(start, source):  # a figure of a report's one (stand-in) day
            return self.t["one_day_about"].format(date=self.day(start, source))
        return formats.period(start, end, self.lang)

    def status(self, value) -> str:
        return words.label(words.STATUS, value, self.lang)

    def status_in_sentence(self, value) -> str:
        """A status inside a sentence: "…, abandoned (…)", not the badge's capital
        (Devanagari has no case, so Hindi reads the same)."""
        return self.status(value).lower()

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

    def followers(self, value, bound=None) -> str:
        """19,00,000 (19 लाख): the exact count, and how it is said when it is large; as its
        source bounds it, if it does ('more than 7,00,000 (7 lakh)')."""
        exact, said = self.num(value), formats.compact(value, self.lang)
        return self.bounded(exact if said == exact else f"{exact} ({said})", bound)

    def follower_count(self, row: dict) -> str:
        """An account's follower count in a list: '7,00,000', or 'more than 7,00,000'."""
        return self.bounded(self.num(row["followers"]), row.get("followers_bound"))

    def reason(self, row: dict) -> str:
        """Why an account has its status, in words."""
        obs, when = self.day_of(row, "observed_on"), self.on(row["observed_on"], said=row.get("observed_on_precision"))
        status = row["status"]
        if status == Status.NO_ACCOUNT:
            return self.no_account(row)
        if row["observed_on"] is None:
            return self.t["reason_never"]
        if status in (Status.SUSPENDED, Status.NOT_FOUND):
            return self.t[f"reason_{status}"].format(when=when)
        if row["days_since_post"] == 0:  # "0 days before this observation (1 Dec 2026)" reads oddly
            return self.t["reason_days_zero"].format(post=self.day(row["last_post_at"]))
        if row["days_since_post"] is not None:
            return self.counted("reason_days", row["days_since_post"]).format(post=self.day(row["last_post_at"]),
                                                days=self.num(row["days_since_post"]), obs=obs)
        if status == Status.ABANDONED:
            return self.t["reason_never_posted"].format(obs=obs)
        return self.t["reason_no_post_date"].format(when=when)

    def _older(self, key: str, day, **values) -> str:
        """`key`'s text of a figure from `day`, more than the stale limit old: past a year, in
        whole years before the site's newest figures ("more than 30 days" would say the same of
        a figure ten years old). Said without a count of days since, nor the site's date, so the
        page changes only when the figure ages a year (scorecard_keys), not every night."""
        years = formats.years_before(day, self.newest)
        if years:
            return self.t[f"{key}_years"].format(n=self.num(years), **values)
        return self.t[key].format(limit=self.num(self.stale_after_days), **values)

    def stale_note(self, row: dict) -> str:
        return self._older("stale_note", row["observed_on"], obs=self.day_of(row, "observed_on"))

    def error_note(self, row: dict) -> str:
        return self.t["error_note"].format(date=self.day(row["last_error_on"]))

    def growth(self, row: dict) -> str:
        return self.t["growth"].format(first=self.bounded(self.num(row["first_followers"]),
                                                          row.get("first_followers_bound")),
                                       first_on=self.day_of(row, "first_followers_on"),
                                       last=self.follower_count(row), last_on=self.day_of(row, "followers_on"))

    def mismatch(self, row: dict) -> str:
        return self.t["mismatch"].format(reported=formats.reported(row["reported_resolution_rate"], self.lang),
                                         computed=formats.number(row["resolved_rate"], self.lang, 1))

    def of_disposed(self, row: dict) -> str:
        """Where the source's rate is of the complaints disposed of: both rates, each named."""
        disposed = float(row["resolved"]) / (float(row["received"]) - float(row["pending"])) * 100
        return self.t["of_disposed"].format(reported=formats.reported(row["reported_resolution_rate"], self.lang),
                                            disposed=formats.number(disposed, self.lang, 1),
                                            computed=formats.number(row["resolved_rate"], self.lang, 1))

    def listed(self, ref: str | None) -> dict | None:
        """The registry's row of a `source:` reference, or of a listed source's address."""
        ref = f"source:{self.by_url[ref]}" if ref and ref in self.by_url else ref
        return self.sources.get(ref.removeprefix("source:")) if ref and ref.startswith("source:") else None

    def publication(self, ref: str | None) -> str | None:
        """The publication a listed source names, in this language; None for any other
        reference (the collector's own look-up)."""
        s = self.listed(ref)
        return ((s.get("publication_hi") if self.lang == "hi" else None) or s["publication"]) if s else None

    def note(self, english: object, hindi: object) -> tuple[str, str] | None:
        """A registry note as (text, its language): on a Hindi page the Hindi one where the
        registry gives it, else the English one; None when there is none."""
        versions = ((hindi, "hi"), (english, "en")) if self.lang == "hi" else ((english, "en"),)
        return next(((text, lang) for text, lang in versions if isinstance(text, str) and text.strip()), None)

    def in_its_language(self, note: tuple[str, str]) -> Markup:
        """A note as `note` gives it, marked with its language where that is not the page's:
        a screen reader reads an English reason on a Hindi page in an English voice, and a
        reader sees it said after it, as a source's note says it in its summary."""
        text, lang = note
        if lang == self.lang:
            return escape(text)
        return Markup('<span lang="{}">{}</span>{}').format(lang, self.hindi_marked(text) if lang == "en" else text,
                                                           self.t["in_english"] if lang == "en" else "")

    def correction_line(self, c: dict) -> Markup:
        """A correction on its department's scorecard: the day, the figure, from what to what,
        and why (in Hindi on a Hindi page where the corrections file gives it)."""
        return Markup(self.t["correction_line"]).format(
            date=self.day(c["date"], c.get("source_url")), figure=self.figure(c["figure"]), old=c["old_value"] or "–",
            new=c["new_value"], reason=self.in_its_language(self.note(c["reason"], c.get("reason_hi"))))

    def source_note(self, ref: str | None) -> tuple[str, str] | None:
        """What the registry notes of a listed source (how its figures were read, the day that
        stands in where it gives none), as `note` gives it; None for any other reference."""
        listed = self.listed(ref) or {}
        return self.note(listed.get("note"), listed.get("note_hi"))

    def reporter(self, row: dict) -> str | None:
        """Who reported an account's newest figure where it was entered by hand: the listed
        source's publication, or the host its address names, or "a report" (an address held
        back by the audit reads as its note); None for the collector's own look-up."""
        if row.get("observed_source") != "manual":
            return None
        ref = row.get("source_url")
        publication = self.publication(ref)
        if publication:
            return publication
        try:
            host = urlsplit(ref).hostname if isinstance(ref, str) and "://" in ref else None
        except ValueError:  # not an address a browser could open: named as a report
            host = None
        return host.removeprefix("www.") if host else self.t["a_report"]

    def source(self, ref: str | None) -> dict:
        if not ref:
            return {"label": formats.DASH, "short": formats.DASH, "url": None}
        if ref in self.by_url:
            ref = f"source:{self.by_url[ref]}"
        if ref.startswith("source:"):
            s = self.sources.get(ref.removeprefix("source:"))
            if s is None:
                return {"label": ref, "short": ref, "url": None}
            short = f"{self.publication(ref)}, {self.day(s['published_on'], ref)}"
            # A link withheld pending review reads as its note, not as an address.
            url = s["url"] if s["url"] and "://" in s["url"] else None
            return {"label": f"{s['title']} — {short}", "short": short, "url": url, "title": s["title"]}
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
        if row.get("absence_newer"):
            return self.t["not_ranked_contradicted"]
        if row.get("status") in (Status.SUSPENDED, Status.NOT_FOUND):
            return self.t[f"not_ranked_{row['status']}"]
        age = row["followers_age_days"]  # the count's own age, not the latest check's
        if age is not None and age > self.stale_after_days:
            return self._older("not_ranked_stale", row.get("followers_on"))
        if not row.get("counted", True):  # a shared account, ranked where its other department is
            return self.t["not_ranked_shared"]
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
        first = next((a for a in accounts if a["platform"] == Platform.X), accounts[0] if accounts else None)
        if first is None:
            return ""
        name = self.name(dept)
        if first["status"] == Status.NO_ACCOUNT:
            return self.t["answer_none"].format(name=name, platform=self.platform(first["platform"]),
                                                 statement=self.no_account(first))
        handle = f"@{first['handle']}" if first["handle"] else self.t["no_handle"]
        if self.unverified(first):
            handle += f" ({self.t['unverified']})"
        status = self.status_in_sentence(first["status"])
        when = self.status_when(first)
        text = self.t["answer"].format(name=name, platform=self.platform(first["platform"]), handle=handle,
                                       status=status, when=when)
        if first["last_post_at"]:
            text += " " + self.t["answer_post"].format(date=self.day(first["last_post_at"]))
        if first["reply_basis"]:
            text += " " + self.reply(first) + self.t["full_stop"]
        if first.get("absence_newer"):
            text += " " + self.newer_report(first, html=False) + self.t["full_stop"]
        return text

    def raises(self, grade: dict, accounts: list[dict] = ()) -> list[str]:
        """What would raise the grade, one input at a time, in words. A department none of
        whose `accounts` can post is told to restore one, or to open one, before posting."""
        statuses = {a["status"] for a in accounts}
        activity, responsiveness = "raise_activity", "raise_responsiveness"
        if statuses and statuses <= {Status.SUSPENDED, Status.NOT_FOUND, Status.NO_ACCOUNT}:
            activity = "raise_activity_open" if statuses == {Status.NO_ACCOUNT} else "raise_activity_restore"
            responsiveness = "raise_responsiveness_after"  # there is no account to answer from yet
        resolution = "raise_resolution" if not formats.missing(grade.get("resolution_score")) else \
            "raise_resolution_recent" if grade.get("resolution_not_counted") else "raise_resolution_publish"
        out = []
        for key, label, way in (("activity_score", "activity", activity),
                                ("responsiveness_score", "responsiveness", responsiveness),
                                ("resolution_score", "resolution", resolution)):
            best = grade.get(f"{key}_at_best")
            if best is None or grade.get("score") is None or best <= grade["score"] or \
                    self.score(best) == self.score(grade["score"]):
                continue  # only what would actually raise it, as shown
            now = grade.get(key)
            template = "raise_moves" if not formats.missing(now) else \
                "raise_counts" if grade.get(f"{label}_not_counted") else "raise_adds"
            out.append(self.t[template].format(
                way=self.t[way].format(days=self.num(self.counted_days), n=self.num(self.counted_least)),
                part=self.t[label], now=self.score(now), score=self.score(best),
                grade=grade.get(f"{key}_at_best_grade") or "–", before=self.score(grade["score"])))
        return out

    def status_date(self, row: dict) -> str:
        """The date a status stands on: 'last known' when it is older than the stale limit;
        a figure from a report is the report's ('per <publication> on <day>'), not one the
        collector saw."""
        if row["status"] == Status.NO_ACCOUNT or row["observed_on"] is None:
            return ""
        if row["stale"] or row.get("absence_newer"):  # a newer report found no account since
            return self.t["last_known"].format(date=self.day_of(row, "observed_on"))
        when = self.on(row["observed_on"], said=row.get("observed_on_precision"))
        reporter = self.reporter(row)
        if reporter:
            said = self.t["reported_on"].format(source=reporter, when=when)
            # "Unknown, per <paper>" would read as the paper's finding, when the paper only gave
            # no last post (the bundled one's headline calls the police it counts active).
            return said + self.t["reported_no_post"] if row["status"] == Status.UNKNOWN else said
        if row.get("refresh_overdue"):
            return self.t["seen_overdue"].format(when=when, floor=self.num(self.refresh_floor))
        return self.t["seen_on"].format(when=when)

    def status_when(self, row: dict) -> str:
        """status_date, or 'not checked yet' for an account never observed: a status shown
        with no date beside it would read as one we had looked up. 'No account' is dated by
        its own statement (no_account)."""
        if row["status"] == Status.NO_ACCOUNT:
            return ""
        return self.status_date(row) or self.t["not_checked_yet"]

    def checked_on(self, row: dict) -> str | None:
        """The day a row's status stands on: its observation, or for 'no account' the finding's
        own day (a report's, or the last check's), so that a list dates every row."""
        if row["status"] == Status.NO_ACCOUNT and not row.get("observed_on"):
            return row.get("absent_on") or None
        return row.get("observed_on")

    def checked_day(self, row: dict) -> str:
        """The day of `checked_on`, as exactly as the figure it is of knows it."""
        if row["status"] == Status.NO_ACCOUNT and not row.get("observed_on"):
            return self.day(row.get("absent_on"), row.get("absent_source_url"))
        return self.day_of(row, "observed_on")

    def old(self, row: dict) -> bool:
        """Whether a row's status stands on a figure past the stale limit, on one a newer report
        of no account contradicts (`newer_report`), or on a 'no account' finding not checked
        again since (see `no_account`)."""
        return bool(row.get("stale") or row.get("absence_newer")
                    or (row["status"] == Status.NO_ACCOUNT and row.get("absence_unchecked")))

    def newer_report(self, row: dict, html: bool = True) -> str:
        """'A report of <date> (<source>) found no official account after our last observation,
        of <date>': said beside a registered account whose newest 'no account' report is newer
        than what we saw of it (compute/directory.absence_newer); '' otherwise. As HTML, the
        source is a link; as text (the league's script), its short name."""
        if not row.get("absence_newer"):
            return ""
        ref = row["absent_source_url"]
        seen = row.get("observed_on")
        key = "newer_report" if seen else "newer_report_unseen"
        values = {"date": self.day(row["absent_on"], ref), "obs": self.day_of(row, "observed_on") if seen else ""}
        if not html:
            return self.t[key].format(source=self.source(ref)["short"], **values)
        return Markup(escape(self.t[key])).format(source=self.source_html(ref, short=True), **values)

    def status_note(self, row: dict) -> str:
        """What a list says beside a status, as text: since when a silent account has been
        silent, and a newer report of no account."""
        return "; ".join(note for note in (self.post_note(row), self.newer_report(row, html=False)) if note)

    def no_account(self, row: dict) -> str:
        """'No account', with who found it so and when; or that our registry knows none."""
        if row.get("absent_on") and row.get("absence_unchecked"):
            return self.t["no_account_old"].format(month=self.month(row["absent_on"], row["absent_source_url"]),
                                                   source=self.source(row["absent_source_url"])["short"])
        if row.get("absent_on"):
            return self.t["no_account_per"].format(source=self.source(row["absent_source_url"])["short"],
                                                   date=self.day(row["absent_on"], row["absent_source_url"]))
        return self.t["no_account_registry"].format(date=self.day(row.get("place_newest") or self.newest))

    def minutes(self, value) -> str:
        """A duration in the units that read best: minutes under 90, then hours and minutes,
        from two days on days and hours; rounded up (formats.minutes_up), to the hour from two
        days on, so that no band's edge is crossed in the reading."""
        whole = formats.minutes_up(value)
        if whole < 90:
            return self._units(("in_minutes", whole))
        if whole < 48 * 60:
            return self._units(("in_hours", whole // 60), ("in_minutes", whole % 60))
        hours = -(-whole // 60)
        return self._units(("in_days", hours // 24), ("in_hours", hours % 24))

    def _units(self, first: tuple[str, int], *rest: tuple[str, int]) -> str:
        """'4 hours 1 minute': each unit with its count, a later unit only when it is not 0."""
        shown = [first, *((key, n) for key, n in rest if n)]
        return " ".join(self.counted(key, n).format(n=self.num(n)) for key, n in shown)

    def reply_minutes(self, value) -> str:
        """A reply time in whole minutes, as `minutes` rounds it; a dash when there is none."""
        return self.num(value if formats.missing(value) else formats.minutes_up(value))

    def reply_cell(self, row: dict) -> str:
        """A list's reply time in minutes, as its source bounds it ('at most 60'); 'none
        answered' where the mentions measured had no reply."""
        if row.get("reply_basis") == UNANSWERED:
            return self.t["reply_unanswered_short"]
        return self.bounded(self.reply_minutes(row["reply_minutes"]), row.get("reply_bound"))

    def reply_when(self, row: dict) -> str:
        """'60 minutes', or as a report bounds it: 'at most 60 minutes'."""
        return self.bounded(self.minutes(row["reply_minutes"]), row.get("reply_bound"))

    def reply(self, row: dict) -> str:
        """How fast the department answers, and on what that rests."""
        if row["reply_basis"] == UNANSWERED:
            return self.t["reply_unanswered"].format(date=self.day_of(row, "reply_on"))
        if row["reply_basis"] == "measured":
            when = self.minutes(row["reply_minutes"])
            return self.t["reply_measured"].format(when=when, date=self.day_of(row, "reply_on"))
        # A report's median is an approximation ("about") unless it says how it bounds it.
        when = self.bounded(self.minutes(row["reply_minutes"]), row.get("reply_bound") or "about")
        # The period's end, as the lists date it, and apart from it the day the report came out.
        return self.t["reply_reported"].format(when=when, date=self.day_of(row, "reply_on", row["reply_source_url"]),
                                               source=self.published_by(row["reply_source_url"]))

    def published_by(self, ref: str | None) -> str:
        """'per <publication>, published <day>' of a listed source, named as its day's: a
        figure's own date (a period's end) is said apart; 'per <source>' of any other."""
        listed = self.listed(ref)
        if listed:
            return self.t["per_published"].format(publication=self.publication(ref),
                                                  date=self.day(listed["published_on"], ref))
        return self.t["per_source"].format(source=self.source(ref)["short"])

    def contact(self, value: str) -> Markup:
        if value.startswith("https://"):
            shown = value.removeprefix("https://").rstrip("/")
            return Markup(f'<a href="{escape(value)}" rel="nofollow noopener">{escape(shown)}</a>')
        if "@" in value:  # an e-mail address the registry lists with its source
            return Markup(f'<a href="mailto:{escape(value)}">{escape(value)}</a>')
        number = "".join(ch for ch in value if ch.isdigit() or ch == "+")
        if not number.strip("+"):  # withheld pending review: its note, nothing to dial
            return Markup(escape(value))
        return Markup(f'<a class="jd-dial" href="tel:{escape(number)}">{escape(value)}</a>')

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

    @staticmethod
    def state_csv(state: str) -> str:
        """The state's rows of handles.csv: where a department's status, grade and ranks are."""
        return urls.state_csv(place_key(state))

    def dept_link(self, row: dict, link: urls.Links) -> Markup:
        href = link.page(urls.department(row["department_id"]))
        return Markup(f'<a href="{escape(href)}">{escape(self.name(row))}</a>')

    def handle(self, row: dict) -> Markup:
        if row["handle"] and row["platform"] == Platform.X:
            # Latin-script identifiers: read out as such, never translated.
            return Markup(f'<a href="https://x.com/{escape(row["handle"])}" rel="nofollow noopener" lang="en" '
                          f'translate="no">@{escape(row["handle"])}</a>')
        if row["handle"]:
            return Markup(escape(row["handle"]))
        if row["status"] == Status.NO_ACCOUNT:
            return Markup(formats.DASH)
        return Markup(f'<span class="jd-muted">{escape(self.t["no_handle"])}</span>')

    def unverified(self, row: dict) -> bool:
        """A handle a public source lists for the body, which the body has not confirmed."""
        return bool(row.get("handle")) and row.get("official") == "unverified"

    def handle_with_label(self, row: dict) -> Markup:
        """The handle, and after it that it is unverified where it is: wherever a handle is
        shown, a reader can tell an official account from one only a list says is."""
        if not self.unverified(row):
            return self.handle(row)
        return self.handle(row) + Markup(f' <span class="jd-muted">({escape(self.t["unverified"])})</span>')

    def hindi_marked(self, text: str) -> Markup:
        """English text (a registry note) with its Hindi quotations marked Hindi, so a screen
        reader reads a report's own words in a Hindi voice."""
        out, at = Markup(""), 0
        for run in HINDI_RUN.finditer(text):
            out += escape(text[at:run.start()]) + Markup('<span lang="hi">') + escape(run.group()) + Markup("</span>")
            at = run.end()
        return out + escape(text[at:])

    def source_html(self, ref: str | None, short: bool = False) -> Markup:
        """A cited source as HTML: a link where it has one, its full title on hover otherwise.
        A Hindi article's title on an English page is marked Hindi, so a screen reader reads
        it in Hindi rather than spelling it out as English."""
        s = self.source(ref)
        text = escape(s["short"] if short else s["label"])
        title = s.get("title") or ""
        if not short and self.lang != "hi" and any("\u0900" <= ch <= "\u097f" for ch in title):
            text = Markup(f'<span lang="hi">{escape(title)}</span>') + escape(s["label"].removeprefix(title))
        if s["url"]:
            return Markup(f'<a href="{escape(s["url"])}" rel="nofollow noopener">{text}</a>')
        return Markup(f'<span title="{escape(s["label"])}">{text}</span>')


def cited_href(scorecard: str) -> str:
    """Where a list sends a reader for a source with no address of its own: the scorecard's list
    of its sources (title, publication, day). league.js builds the same address."""
    return scorecard + "#sources"
