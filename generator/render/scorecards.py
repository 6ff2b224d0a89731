"""A scorecard per department: its accounts, grade, history, complaints and charts."""

from __future__ import annotations

import functools
import math
from collections import defaultdict
from collections.abc import Callable, Iterator

import numpy as np
import pandas as pd
from markupsafe import Markup, escape

from ..compute.grades import ACTIVITY_SCORE, INPUTS, RESPONSE_SCORE, largest_remainder, stops
from ..compute.model import REPORTED_SOURCE
from ..schema import EventKind, Status
from . import charts, feeds, formats, keys, tables, urls
from .context import Context
from .downloads import held_by, measured_replies, newest_figure, ranked, reported
from .elsewhere import Elsewhere, compose_url, unwritable, writable
from .formatter import Formatter
from .page import SLOT, Page
from .rows import by_department, records

# Departments whose history tables are formatted, and whose rows are made records, at a
# time: all 5,000 at once hold hundreds of MB of table rows in each language's process.
HISTORY_CHUNK = 500
# Sudden changes a chart's caption names (the newest); every one is ringed on the chart.
SUDDEN_NAMED = 5
SUDDEN_KINDS = [EventKind.FOLLOWER_JUMP.value, EventKind.FOLLOWER_DROP.value]
EPOCH = pd.Timestamp("1970-01-01")  # charts count days from it
# An account's columns that move when other departments' followers do, or with the as-of
# date alone: they only make its ranks' words, a scorecard's slots (Page.slots), and are
# left out of the page's key so that a page is kept, with its ranks put in, when they move.
MOVING = ("rank_in_state", "of_in_state", "rank_in_category", "of_in_category", "followers_age_days")
# An account's columns that change with the as-of date and that a scorecard does not show
# (the newest observation of its place only dates a "no account" finding: in the key there).
UNSHOWN = ("observation_age_days", "place_newest")

Keep = Callable[[str, str], "bytes | None"]  # (url, key) -> the last build's file, where it can be kept


def _of(departments: list[str], frame: pd.DataFrame) -> pd.DataFrame:
    """The rows of `frame` of `departments`, in their order."""
    return frame[frame["department_id"].isin(departments)]


def _sources_by_department(*frames: pd.DataFrame) -> dict[str, list[str]]:
    """The distinct sources each department's history cites, in order of appearance."""
    both = pd.concat([f[["department_id", "source_url"]] for f in frames]).dropna().drop_duplicates()
    out: dict[str, list[str]] = defaultdict(list)
    for dept, ref in zip(both["department_id"], both["source_url"], strict=True):
        out[dept].append(ref)
    return out


def _followers_cells(fmt: Formatter, part: pd.DataFrame, bounded: pd.DataFrame | None) -> np.ndarray:
    """The follower counts of history rows, each a report states as a bound said so."""
    out = tables.cells(part["followers"], fmt.num)
    if bounded is None or not len(bounded) or not len(part):
        return out
    key = ["department_id", "platform", "date"]
    # A shared account's rows shown on another department's page are its filer's (`filed_by`).
    rows = part[key].assign(department_id=part["filed_by"].fillna(part["department_id"])) \
        if "filed_by" in part else part[key]
    bound = pd.Series(bounded["bound"].to_numpy(), index=pd.MultiIndex.from_frame(bounded[key])).reindex(
        pd.MultiIndex.from_frame(rows.astype(object))).to_numpy(dtype=object)
    for at in np.flatnonzero(pd.notna(bound)):
        out[at] = str(escape(fmt.bounded(fmt.num(part["followers"].iloc[at]), bound[at])))
    return out


def _dated_cells(part: pd.DataFrame, written: Callable[[str, str | None], str]) -> np.ndarray:
    """History rows' dates as `written` (Formatter.day or .month) shows each: a report's as its
    own source dates it, the collector's as of its day."""
    cited = part["source_url"].where((part["source"] == REPORTED_SOURCE).to_numpy(dtype=bool), None)
    dated = pd.Series(list(zip(part["date"], cited, strict=True)), index=part.index, dtype=object)
    return tables.cells(dated, lambda key: written(*key))


def history_rows(fmt: Formatter, df: pd.DataFrame, monthly: bool = False,
                 bounded: pd.DataFrame | None = None) -> tuple[dict[str, str], dict[str, Markup]]:
    """Rows of the history tables of every department, formatted in one pass, and for the
    departments whose rows all name one platform (and, in the daily table, one source) the
    caption's note of it: their rows leave those cells out, as they would repeat the same
    words on every row of most scorecards."""
    repeated = ["platform"] if monthly else ["platform", "source_url"]
    kinds = df.groupby("department_id", observed=True)[repeated].nunique(dropna=False)
    plain = kinds.index[(kinds == 1).all(axis=1)]
    is_plain = df["department_id"].isin(plain)
    rows: dict[str, str] = {}
    for part, compact in ((df[is_plain], True), (df[~is_plain], False)):
        columns = [(_dated_cells(part, fmt.month if monthly else fmt.day), "")]
        if not compact:
            columns.append((tables.cells(part["platform"], fmt.platform), ""))
        columns += [(_followers_cells(fmt, part, bounded), "jd-num"),
                    (tables.cells(part["last_post_at"], fmt.day), ""),
                    (tables.cells(part["state"], fmt.account_state), "")]
        if monthly:
            columns.append((_dated_cells(part, fmt.day), ""))
        elif not compact:
            columns.append((tables.cells(part["source_url"], lambda r: fmt.source_html(r, short=True), html=True), ""))
        rows.update(tables.rows_by_department(part, columns))
    firsts = df[is_plain].drop_duplicates("department_id")
    notes = {d: _caption_note(fmt, p, None if monthly else r)
             for d, p, r in zip(firsts["department_id"], firsts["platform"], firsts["source_url"], strict=True)}
    return rows, notes


def _caption_note(fmt: Formatter, platform: str, source_url: str | None) -> Markup:
    """What every row of a table shares, said once in its caption, a line under its title: the
    platform and the source side by side, spaced (.jd-parts), with no dot between them to be
    left at a line's end."""
    parts = [escape(fmt.platform(platform))]
    if not formats.missing(source_url):
        parts.append(escape(fmt.t["source"]) + Markup(": ") + fmt.source_html(source_url, short=True))
    return Markup('<span class="jd-parts">{}</span>').format(Markup(" ").join(Markup("<span>{}</span>").format(p)
                                                                             for p in parts))


def moving(fmt: Formatter, accounts: list[dict]) -> dict[str, Markup]:
    """A scorecard's slots: each account's rank in its state ('<n>s') and category ('<n>c'),
    escaped, as a template would print them."""
    return {f"{i}{within[0]}": escape(fmt.follower_rank(row, within))
            for i, row in enumerate(accounts) for within in ("state", "category")}


def department_rows(m) -> dict[str, str]:
    """Each department's rows of every table its scorecard reads, as one digest, in either
    language: its accounts' (but for MOVING and UNSHOWN), its own, its parent's and its
    children's. Made once per build, before the languages' processes start."""
    rows = [keys.by_department(m.handles, MOVING + UNSHOWN)] + [keys.by_department(frame) for frame in (
        m.grades, m.grade_history, m.corrections, m.rates, m.reply_summary, m.reply_platforms, m.recent, m.monthly,
        m.chart_months, m.scorecard_events, m.bounded)]
    own = keys.by_department(m.departments)
    family: dict[str, list[str]] = defaultdict(list)
    for dept, parent in zip(m.departments["department_id"], m.departments["parent_id"], strict=True):
        if not formats.missing(parent):
            family[dept].append(own.get(parent, ""))
            family[parent].append(own.get(dept, ""))
    return {dept: keys.digest([r.get(dept) for r in rows], own.get(dept), family.get(dept))
            for dept in m.departments["department_id"]}


def _cited(ctx: Context, accounts: list[dict], complaints: list[dict], replies: dict | None) -> tuple[str | None, dict]:
    """The day a scorecard is as of, its newest figure of any kind (a complaint figure's by its
    period's end, or its withdrawal; the replies counted, by their last day), and what its
    citation is told of the files holding them. The replies counted are measured the night
    after their day: a night's ZIP made since holds them (nights.REPLIES_MEMBER, downloads.
    holds_replies), as only tonight's holds a complaint figure for certain."""
    # A report's period end as exactly as its source dates it; a withdrawal is of its day.
    days = [formats.Dated(c["period_end"], ctx.fmt.precision(c["period_end"], c.get("source_url")))
            for c in complaints if isinstance(c["period_end"], str) and c["period_end"]]
    days += [c["withdrawn_on"] for c in complaints if isinstance(c.get("withdrawn_on"), str) and c["withdrawn_on"]]
    days += [replies["until"]] if replies and isinstance(replies["until"], str) else []
    newest = newest_figure(accounts, ctx.model.newest_observation, days)
    return newest, {"held_by": held_by(accounts, newest), "reported": reported(accounts, complaints),
                    "replied": measured_replies(accounts, replies), "ranked": ranked(accounts)}


def common_key(ctx: Context) -> str:
    """What every scorecard of the language reads, as one digest."""
    m = ctx.model
    # Other departments' registry rows: a page names its parent, children and sharers, and
    # lists its district's other offices' contacts. A change to any renders every scorecard.
    registry = [c for c in m.departments.columns if c == "department_id" or c not in m.grades.columns]
    # The chart specs' files too: one department's bounded count names a new one for every page.
    return keys.digest(keys.code_digest(), ctx.lang, ctx.site_url, repr(m.cfg), m.refresh_floor,
                       keys.frame_digest(m.sources), keys.frame_digest(m.channels),
                       keys.frame_digest(m.departments[registry]),
                       [ctx.specs.path(kind) for kind in charts.KINDS])


def scorecard_keys(ctx: Context, accounts: dict[str, list[dict]], complaints: dict[str, list[dict]],
                   replies: dict[str, dict], departments: list[str] | None = None,
                   common: str | None = None) -> dict[str, str]:
    """Each department's scorecard (of `departments`, else every one) as a digest of what it
    shows: its rows (department_rows), the night its figures are cited from, and what every
    scorecard of the language reads (`common`, else common_key)."""
    m = ctx.model
    common = common_key(ctx) if common is None else common
    if ctx.department_rows is None:  # made here once, not once per chunk of departments
        ctx.department_rows = department_rows(m)
    rows = ctx.department_rows
    out = {}
    for dept in m.departments["department_id"] if departments is None else departments:
        mine = accounts.get(dept, [])
        newest, held = _cited(ctx, mine, complaints.get(dept, []), replies.get(dept))
        # "No account (as of ...)" is dated by its place's newest observation, else the site's.
        undated = [(a["place_newest"], m.newest_observation) for a in mine if a["status"] == Status.NO_ACCOUNT]
        pin, archived, partly = ctx.citing(newest, dept, **held) if newest else (None, None, False)
        cited = [(pin or {}).get(k) for k in ("url", "sha256", "onsite", "uploaded")], archived, partly, newest
        # An old figure's age in years, which the as-of date moves once a year (Formatter._older).
        aged = [formats.years_before(a["observed_on"], m.newest_observation) for a in mine if a.get("stale")]
        out[dept] = keys.digest(common, rows[dept], cited, undated, dept in m.charted,
                                m.complaint_months.get(dept, 0), aged)
    return out


def _in_page_order(rows: list[dict], accounts: list[dict]) -> list[dict]:
    """Rows of a department's platforms in the order its page lists its accounts (X first); a
    platform it lists no account on, last."""
    order = [a["platform"] for a in accounts]
    return sorted(rows, key=lambda r: order.index(r["platform"]) if r["platform"] in order else len(order))


def _marked(used: list[str], name: str) -> Markup:
    """Where the slot `name` goes: the marker, and the name noted in order."""
    used.append(name)
    return Markup(SLOT)


def scorecards(ctx: Context, keep: Keep | None = None) -> Iterator[Page]:
    """Every scorecard. With `keep`, a page whose key the last build had, and whose file it
    gives back, is not rendered: it comes with that file, for the night's ranks to be put in."""
    m = ctx.model
    fmt = ctx.fmt
    common = common_key(ctx) if keep is not None else ""
    complaints_by_month = complaint_series(ctx)
    grades = {g["department_id"]: g for g in records(m.grades)}
    corrected = by_department(m.corrections)
    sudden = by_department(m.scorecard_events[m.scorecard_events["kind"].isin(SUDDEN_KINDS)].sort_values(
        ["date", "platform"]))
    reply_parts = by_department(m.reply_platforms)
    depts = records(m.departments)
    meanings = grade_meanings(ctx)
    channels = Elsewhere(ctx)
    by_id = {d["department_id"]: d for d in depts}
    children: dict[str, list[dict]] = defaultdict(list)
    for d in depts:
        if d["parent_id"]:
            children[d["parent_id"]].append(d)
    for first in range(0, len(depts), HISTORY_CHUNK):
        chunk = depts[first:first + HISTORY_CHUNK]
        # The chunk's departments' rows as records: of every department they held about 75 MB
        # in each language's process before its first page (the accounts alone 44 MB at 10,000).
        in_chunk = [d["department_id"] for d in chunk]
        accounts = by_department(_of(in_chunk, m.handles))
        # The page's first sentence names one account: the reply time it gives is that account's own.
        answering = by_department(_of(in_chunk, m.account_rows))
        rates = _of(in_chunk, m.rates)
        complaints = by_department(rates[rates["shown"]])
        replies = {r["department_id"]: r for r in records(_of(in_chunk, m.reply_summary))}
        events = feeds.histories(_of(in_chunk, m.scorecard_events), m.departments, ctx.lang, day=ctx.fmt.event_day)
        page_keys = scorecard_keys(ctx, accounts, complaints, replies, in_chunk, common) if keep is not None else {}
        kept = {}
        for dept in chunk if keep is not None else ():
            data = keep(urls.department(dept["department_id"]), page_keys[dept["department_id"]])
            if data is not None:
                kept[dept["department_id"]] = data
        ids = [d["department_id"] for d in chunk if d["department_id"] not in kept]
        followers, known = follower_series(ctx, ids)
        recent_rows, monthly_rows = _of(ids, m.recent), _of(ids, m.monthly)
        recent, recent_note = history_rows(fmt, recent_rows, bounded=m.bounded)
        monthly, monthly_note = history_rows(fmt, monthly_rows, monthly=True, bounded=m.bounded)
        # Of the chunk's departments alone, as their tables: of all, they held tens of MB in each language.
        cited_in_history = _sources_by_department(recent_rows, monthly_rows)
        grade_history = by_department(_of(ids, m.grade_history))
        for dept in chunk:
            dept_id = dept["department_id"]
            url = urls.department(dept_id)
            mine = accounts[dept_id]
            ranks = moving(fmt, mine)
            if dept_id in kept:
                yield Page(url, fmt.name(dept), "", key=page_keys[dept_id],
                           slots=tuple((name, str(text)) for name, text in ranks.items()), kept=kept[dept_id])
                continue
            link = urls.Links(ctx.lang, url)
            chart = (link.data(ctx.specs.path("followers")), link.data(urls.department_csv(dept_id))) \
                if dept_id in m.charted else None
            complaint_chart_spec = (link.data(ctx.specs.path("complaints")),
                                    link.data(urls.department_complaints_csv(dept_id))) \
                if m.complaint_months.get(dept_id, 0) >= 2 else None
            shown = complaints.get(dept_id, [])
            svg, svg_summary = follower_chart(ctx, dept, mine, followers.get(dept_id, {}), sudden.get(dept_id, []),
                                              known.get(dept_id))
            complaint_svg, complaint_summary = complaint_chart(ctx, complaints_by_month.get(dept_id, {}))
            # What the page cites: each account's figures, the finding that there is none, a
            # reported reply time, the history's and the complaints' sources.
            cited = [a.get(c) for a in mine for c in ("source_url", "absent_source_url", "reply_source_url")] \
                + cited_in_history.get(dept_id, []) + [c["source_url"] for c in shown]
            values = dict(
                dept=dept, accounts=mine, answering=answering[dept_id], history=Markup(recent.get(dept_id, "")),
                months=Markup(monthly.get(dept_id, "")), recent_note=recent_note.get(dept_id),
                monthly_note=monthly_note.get(dept_id), complaints=shown,
                complaint_note=one_channel_and_source(fmt, shown), chart=chart,
                complaint_chart=complaint_chart_spec,
                grade=grades[dept_id], grade_parts=grade_parts(ctx, grades[dept_id], meanings, replies.get(dept_id),
                                                                     mine),
                grade_note=meanings["note"], replies=replies.get(dept_id),
                reply_parts=_in_page_order(reply_parts.get(dept_id, []), mine),
                grade_history=grade_moves(ctx, grade_history.get(dept_id, [])),
                sources=list(dict.fromkeys(s for s in cited if s)), parent=by_id.get(dept["parent_id"]),
                corrections=corrected.get(dept_id, []),
                dispute=lambda figure, value, date, url=url, dept_id=dept_id: ctx.dispute(url, dept_id, figure, value,
                                                                                         date),
                svg=Markup(svg), svg_summary=svg_summary, complaint_svg=Markup(complaint_svg),
                complaint_summary=complaint_summary,
                newest=(newest := (dated := _cited(ctx, mine, shown, replies.get(dept_id)))[0]),
                cite=ctx.cite(fmt.name(dept), url, newest, dept_id, **dated[1]),
                # Why an account's status counts in no grade: too old, or a newer report contradicts it.
                not_graded={"too_old": "old", "contradicted": "contradicted"}.get(
                    grades[dept_id].get("activity_not_counted")),
                unreported=any(a["status"] == Status.NO_ACCOUNT and not a.get("absent_on") for a in mine),
                elsewhere=channels.of(dept),
                works=any(writable(a) for a in mine), writable=writable, unwritable=unwritable, compose_url=compose_url,
                children=children.get(dept_id, []), events=events.get(dept_id, []), events_shown=feeds.LISTED)
            used: list[str] = []
            body = ctx.render("department.html.j2", url, slot=functools.partial(_marked, used), **values)
            key = page_keys.get(dept_id, "")
            if body.count(SLOT) != len(used):
                # The marker in the department's own words: its ranks are written in, and the
                # page has no key, since a kept page would keep its old ranks.
                used, key = [], ""
                body = ctx.render("department.html.j2", url, slot=ranks.__getitem__, **values)
            yield Page(url, fmt.name(dept), body, description=describe(fmt, dept, mine), key=key,
                       slots=tuple((name, str(ranks[name])) for name in used))


def one_channel_and_source(fmt: Formatter, shown: list[dict]) -> Markup | None:
    """The complaint table's one channel and source, where every row shares them, for its
    caption; its rows then leave those cells out."""
    # A withdrawn month has no figures and no source of its own: its row names its channel only.
    sources = {c["source_url"] for c in shown if not c["withdrawn_on"]}
    if len({c["channel"] for c in shown}) != 1 or len(sources) != 1:
        return None
    return _caption_note(fmt, shown[0]["channel"], sources.pop())


# How exactly a chart's day is known, per line and day: {(line, day number): {'day', 'month', 'year'}}.
Known = dict[tuple[str, float], set[str]]


def follower_series(ctx: Context, departments: list[str]
                    ) -> tuple[dict[str, dict[str, list[tuple[float, float]]]], dict[str, Known]]:
    """Per department of `departments` and platform, (day number, followers): each earlier
    month's first and last count, then the recent days. Beside them, per department, how
    exactly each drawn count's day is known, by the count's own source: a report's count on
    its stand-in day is of its month or year, a look-up's of its day."""
    points = pd.concat([frame[frame["department_id"].isin(departments)] for frame in (ctx.model.chart_months,
                                                                                     ctx.model.recent)])
    points = points[points["followers"].notna()]
    days = (pd.to_datetime(points["date"]) - EPOCH).dt.days.to_numpy()
    out: dict[str, dict[str, list]] = defaultdict(lambda: defaultdict(list))
    known: dict[str, Known] = defaultdict(lambda: defaultdict(set))
    for dept, platform, on, day, value, source, cited in zip(
            points["department_id"], points["platform"], points["date"], days,
            points["followers"].to_numpy(dtype=float), points["source"], points["source_url"], strict=True):
        name = ctx.fmt.platform(platform)
        out[dept][name].append((float(day), value))
        said = ctx.fmt.precision(str(on)[:10], cited if isinstance(cited, str) else None) \
            if source == REPORTED_SOURCE else None
        known[dept][(name, float(day))].add(said or "day")
    return out, known


def complaint_series(ctx: Context) -> dict[str, dict[str, dict[str, list[tuple[float, float]]]]]:
    """Per department and channel, (day number, count) of each month by measure. A month
    without a figure (hidden, withdrawn, or missing from the export) is a NaN point where
    the line breaks: a line drawn across it would show a figure nobody published."""
    rates = ctx.model.rates
    months = rates[(rates["source"] == "ingest") & (rates["period_days"] > 1)].sort_values(
        ["department_id", "channel", "period_start"], kind="stable")
    start = pd.to_datetime(months["period_start"])
    days = (start - EPOCH).dt.days.to_numpy()
    number = start.dt.year * 12 + start.dt.month
    skipped = (number - number.groupby([months["department_id"], months["channel"]]).shift()).gt(1).to_numpy()
    out: dict[str, dict[str, dict[str, list]]] = defaultdict(lambda: defaultdict(dict))
    for column in ("received", "resolved", "pending"):
        label = ctx.t[column]
        for dept, channel, day, gap, value in zip(months["department_id"], months["channel"], days, skipped,
                                                  months[column].astype("float64"), strict=True):
            line = out[dept][channel].setdefault(label, [])
            if gap:
                line.append((float(day) - 1, math.nan))
            line.append((float(day), value))
    return out


def _day_label(fmt: Formatter, day: float, said: str | None = None) -> str:
    return fmt.day((EPOCH + pd.Timedelta(days=day)).date().isoformat(), said=said)


def follower_chart(ctx: Context, dept: dict, accounts: list[dict], series: dict,
                   sudden: list[dict] = (), known: Known | None = None) -> tuple[str, str]:
    """The follower lines, with each sudden change (a follower jump or drop event) ringed on
    its line and named in the caption: a reader sees which steps the growth figures leave out.
    `known`: how exactly each drawn count's day is known (follower_series)."""
    if len({day for points in series.values() for day, _ in points}) < 2:
        return "", ""  # one day's counts are a table's row, not a line: the table below has them
    fmt, t = ctx.fmt, ctx.t
    known = known or {}

    def label(day: float, name: str | None = None) -> str:
        """A day of a line (`name`), or an axis end, as exactly as the counts drawn on it know it:
        a report's count on its stand-in day is of its month or year; any count of that very
        day (a look-up's) makes it a day, as the site's newest day is (model.newest_known)."""
        said = set().union(*(known.get((line, day), ()) for line in ([name] if name else series)))
        return _day_label(fmt, day, next((p for p in ("day", "month", "year") if p in said), None))

    marks = []
    for event in sudden:
        day = float((pd.Timestamp(event["date"]) - EPOCH).days)
        text = t["sudden_change"].format(date=fmt.event_day(event), platform=fmt.platform(event["platform"]),
                                         change=fmt.signed(float(event["after"]) - float(event["before"])))
        marks.append((day, float(event["after"]), text))

    # The caption states what the axes show, and each line's first and last drawn count, as
    # its source states it ('more than 7,00,000').
    bounded = ctx.model.bounded[ctx.model.bounded["department_id"] == dept["department_id"]]
    bounds = {(fmt.platform(p), float((pd.Timestamp(d) - EPOCH).days)): b
              for p, d, b in zip(bounded["platform"], bounded["date"], bounded["bound"], strict=True)}

    def count(name: str, point: tuple[float, float]) -> str:
        return fmt.bounded(fmt.num(point[1]), bounds.get((name, point[0])))

    x0, x1, y0, y1 = charts.axis_range(series)
    lines = [f"{name}: " + t["growth"].format(first=count(name, first), first_on=label(first[0], name),
                                              last=count(name, last), last_on=label(last[0], name))
             for name, points in series.items()
             for first, last in [(min(points), max(points))]]
    summary = t["follower_chart_axes"].format(first=label(x0), last=label(x1), low=fmt.num(y0), high=fmt.num(y1)) \
        + " " + "; ".join(lines)
    shown = [m for m in marks if x0 <= m[0] <= x1 and y0 <= m[1] <= y1]
    if shown:
        summary += t["sudden_rings"].format(changes="; ".join(m[2] for m in shown[-SUDDEN_NAMED:]))
    title = f"{t['history']}: {fmt.name(dept)}"
    return charts.svg_lines(series, fmt.num, label, title, summary, shown), summary


def complaint_chart(ctx: Context, channels: dict[str, dict[str, list]]) -> tuple[str, str]:
    """The small chart draws one channel, the one with the most months: three lines per
    channel would crowd a phone. The caption names it; the table lists every channel."""
    fmt, t = ctx.fmt, ctx.t

    def months(channel: str) -> int:
        return sum(value == value for _, value in channels[channel][t["received"]])

    def label(day: float) -> str:
        return _day_label(fmt, day)

    if not channels or max(months(c) for c in channels) < 2:
        return "", ""
    shown = max(sorted(channels), key=months)
    series = channels[shown]
    kept = [p[0] for v in series.values() for p in v if p[1] == p[1]]
    summary = t["complaints_chart_summary"].format(first=label(min(kept)), last=label(max(kept)))
    if len(channels) > 1:
        others = ", ".join(fmt.platform(c) for c in sorted(channels) if c != shown)
        summary += " " + t["complaints_chart_channel"].format(channel=fmt.platform(shown), others=others)
    # Its own ids: with the follower chart's, a screen reader named it after that chart.
    return charts.svg_lines(series, fmt.num, label, t["complaints_heading"], summary, key="cc"), summary


def grade_meanings(ctx: Context) -> dict[str, str]:
    """What each part's score means, in words, from the scales the grade uses; and the
    weights as set, in per cent (`note`)."""
    t, fmt, status, g = ctx.t, ctx.fmt, ctx.model.cfg.status, ctx.model.cfg.grade
    weights = {"activity": g.weight_activity, "responsiveness": g.weight_responsiveness,
               "resolution": g.weight_resolution}
    shares = largest_remainder([w * 100 / sum(weights.values()) for w in weights.values()], 100)
    bands = [(status.active_max_days, Status.ACTIVE), (status.slow_max_days, Status.SLOW),
             (status.dormant_max_days, Status.DORMANT)]
    activity = [t["means_activity_band"].format(days=fmt.num(days), score=ACTIVITY_SCORE[s]) for days, s in bands]
    activity.append(t["means_activity_rest"].format(score=ACTIVITY_SCORE[Status.ABANDONED]))
    replies = [t["means_responsiveness_band"].format(time=fmt.minutes(bound), score=score)
               for bound, score in RESPONSE_SCORE]
    complaints = ctx.model.cfg.complaints
    window, least = fmt.num(complaints.ranking_window_days), complaints.min_received_for_ranking
    return {"activity_score": t["means_activity"].format(bands="; ".join(activity)),
            "responsiveness_score": t["means_responsiveness"].format(bands="; ".join(replies), days=window,
                                                                     min=fmt.num(g.min_mentions)),
            "resolution_score": t["means_resolution"].format(days=window, n=fmt.num(least)),
            "note": t["grade_sum_note"].format(**dict(zip(weights, map(fmt.num, shares), strict=True)))}


PART_NAMES = {"activity_score": "activity", "responsiveness_score": "responsiveness",
              "resolution_score": "resolution"}


def grade_moves(ctx: Context, history: list[dict]) -> list[dict]:
    """Each month of a grade's history with the parts whose score, as shown, moved since the
    month listed before it: a department that sees its grade fall learns which part took it
    down, or came to count or stopped counting, and which observation stopped counting in it."""
    def move(part: str, was: str | None, now: str | None, rose: bool) -> str:
        key = "grade_part_left" if now is None else "grade_part_came" if was is None else \
            "grade_rose" if rose else "grade_fell"
        return ctx.t[key].format(part=ctx.t[PART_NAMES[part]], before=was, now=now)

    out, before, last = [], None, None
    for row in history:
        shown = {part: None if formats.missing(row.get(part)) else ctx.fmt.score(row[part]) for part in INPUTS}
        moved = [] if before is None else [
            move(part, before[part], shown[part], None not in (before[part], shown[part]) and row[part] > last[part])
            for part in INPUTS if shown[part] != before[part]]
        ended = [ctx.t[f"grade_stopped_{s['why']}"].format(
            platform=ctx.fmt.platform(s["platform"]), day=ctx.fmt.day(s["observed_on"], said=s["precision"]),
            days=ctx.fmt.num(ctx.model.cfg.status.absence_recheck_days)) for s in stops(row.get("stopped"))]
        out.append({**row, "moved": moved + ended})
        before, last = shown, row
    return out


def grade_parts(ctx: Context, grade: dict, meanings: dict[str, str], replies: dict | None = None,
                accounts: list[dict] = ()) -> list[dict]:
    """The rows of the grade's sum: each part's score, weight as used, contribution (which
    add up to the score shown) and the state's median, with what its score means; a part
    left out says why where it is not for want of figures (too few mentions to count). Of a
    department with more than one account (`accounts`), the activity part names the one it
    is from: an unverified page's "active" can lift a grade the official account would not."""
    fmt, least = ctx.fmt, ctx.model.cfg.grade.min_mentions

    def share(value) -> str | None:
        return None if formats.missing(value) else f"{fmt.score(value)}{formats.NBSP}%"

    def left_out(part: str) -> str:
        mentions = (replies or {}).get("mentions") or 0
        reason = grade.get(part.replace("_score", "_not_counted"))
        if reason:  # figures were published, of a period the grade does not count
            return fmt.not_counted(reason, part)
        if part == "responsiveness_score" and 0 < mentions < least:
            return fmt.counted("grade_too_few", mentions).format(n=fmt.num(mentions), least=fmt.num(least))
        return ctx.t["grade_left_out"]

    means = dict(meanings)
    source = next((a for a in accounts if a["platform"] == grade.get("activity_platform")), None)
    if source is not None and len(accounts) > 1:
        named = Markup(escape(fmt.platform(source["platform"]))) + " " + fmt.handle_with_label(source)
        means["activity_score"] = Markup(escape(ctx.t["activity_from"])).format(account=named) + " " + \
            means["activity_score"]
    if source is not None and source.get("stale") and not formats.missing(grade.get("activity_until")):
        means["activity_score"] = escape(means["activity_score"]) + " " + escape(ctx.t["activity_until"].format(
            day=fmt.day_of(source, "observed_on"), until=fmt.day(grade["activity_until"])))
    return [{"name": ctx.t[PART_NAMES[part]], "score": fmt.score(grade[part]),
             "share": share(grade[f"{part}_weight_used"]),
             "contribution": fmt.score(grade[f"{part}_contribution"]),
             "median": fmt.median_of(grade[f"{part}_state_median"], grade[f"{part}_state_n"], grade[part]),
             "means": means[part], "left_out": left_out(part),
             # A part whose figures exist but do not count says why, even where no score is made.
             "not_counted": bool(grade.get(part.replace("_score", "_not_counted")))} for part in INPUTS]


def describe(fmt: Formatter, dept: dict, accounts: list[dict]) -> str:
    """The page's description: each account's status and why ("no account" says itself once)."""
    parts = [f"{fmt.platform(a['platform'])}: " + (fmt.reason(a) if a["status"] == Status.NO_ACCOUNT
                                                   else f"{fmt.status(a['status'])} — {fmt.reason(a)}")
             + (fmt.t["full_stop"] + " " + fmt.newer_report(a, html=False) if a.get("absence_newer") else "")
             for a in accounts]
    return f"{fmt.name(dept)}. " + "; ".join(parts)
