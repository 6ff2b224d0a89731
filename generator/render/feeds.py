"""Change events in words: Atom feeds (RFC 4287) and the lists on the home page and scorecards.

A feed per language for the whole site (`feed.xml` at the language's root) and one per
state (`states/<key>/feed.xml`), newest first, the last FEED_SIZE events each. The XML is
built with xml.etree, so a department called <script> is text. Everything in a feed comes
from its events, so a feed whose events did not change is the same bytes on every rebuild.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections import defaultdict
from collections.abc import Callable, Iterator
from datetime import date, timedelta

import pandas as pd

from ..places import place_key
from ..schema import EventKind, Status
from . import formats, urls, words
from .formatter import Formatter

FEED_SIZE = 200
WEEK_DAYS = 7
LISTED = 20  # events on the home page and on a scorecard; the CSV has them all
TAG = "tag:jawabdehi,2026:"
UNDATED = "1970-01-01"  # an Atom feed must carry a date: that of a data folder with no dated row at all
ATOM = "http://www.w3.org/2005/Atom"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
STATUS_KINDS = (EventKind.GONE, EventKind.DORMANT, EventKind.REVIVED)
COUNT_KINDS = (EventKind.FOLLOWER_JUMP, EventKind.FOLLOWER_DROP, EventKind.POSTS_DELETED)


def newest_first(events: pd.DataFrame) -> pd.DataFrame:
    """Events by date, newest first; events of one day keep their order."""
    return events.sort_values("date", ascending=False, kind="stable")


def _value(kind: str, value, lang: str) -> str:
    if formats.missing(value):
        return formats.DASH
    if kind in STATUS_KINDS:
        label = words.label(words.STATUS, value, lang)
        return label.lower() if lang == "en" else label
    if kind in COUNT_KINDS:
        return formats.number(value, lang)
    return f"@{value}"


def sentence(event: dict, name: str, lang: str) -> tuple[str, str]:
    """(title, detail) of one event: 'Gorakhpur Police's X account went dormant', 'was active, now dormant'."""
    kind = event["kind"]
    key = Status.ABANDONED if kind == EventKind.DORMANT and event["after"] == Status.ABANDONED else kind
    title = words.pick(words.EVENT[key], lang).format(
        name=name, platform=words.label(words.PLATFORM, event["platform"], lang))
    if kind == EventKind.NEW_ACCOUNT and formats.missing(event["after"]):
        return title, ""
    detail = words.pick(words.EVENT_DETAIL[kind], lang).format(
        before=_value(kind, event["before"], lang), after=_value(kind, event["after"], lang))
    return title, detail


def described(events: pd.DataFrame, departments: pd.DataFrame, lang: str, day: Callable[[dict], str]) -> list[dict]:
    """Events as the pages list them: the row, its sentence and its date in words (`day`: a
    page's Formatter.event_day, which shows a day a report's own source gives only to the
    month or year so)."""
    names = dict(zip(departments["department_id"], departments[f"department_name_{lang}"], strict=True))
    out = []
    for event in events.to_dict("records"):
        title, detail = sentence(event, names.get(event["department_id"], event["department_id"]), lang)
        out.append({**event, "title": title, "detail": detail, "day": day(event)})
    return out


def this_week(events: pd.DataFrame, limit: int = LISTED) -> tuple[pd.DataFrame, str | None, str | None]:
    """The events of the WEEK_DAYS days up to the newest one, newest first, at most `limit`;
    with the first and last day of that week (None when there are no events)."""
    if not len(events):
        return events, None, None
    last = events["date"].max()
    first = (date.fromisoformat(last) - timedelta(days=WEEK_DAYS - 1)).isoformat()
    return newest_first(events[events["date"] >= first]).head(limit), first, last


def histories(events: pd.DataFrame, departments: pd.DataFrame, lang: str, day: Callable[[dict], str],
              limit: int = LISTED) -> dict[str, list[dict]]:
    """Each department's last `limit` events, newest first."""
    latest = newest_first(events).groupby("department_id", sort=False).head(limit)
    out: dict[str, list[dict]] = defaultdict(list)
    for event in described(latest, departments, lang, day):
        out[event["department_id"]].append(event)
    return out


def _stamp(day: str) -> str:
    return f"{day}T00:00:00Z"


def _sub(parent: ET.Element, tag: str, text: str | None = None, **attrs: str) -> ET.Element:
    element = ET.SubElement(parent, tag, attrs)
    element.text = text
    return element


def atom(events: list[dict], lang: str, *, feed_id: str, title: str, subtitle: str, updated: str, self_href: str,
         home_href: str, page_href) -> str:
    """One Atom feed of already described events. `page_href(event)` is the link of an entry."""
    # The default namespace as a plain attribute: every element is Atom without a prefix,
    # and nothing is registered globally.
    feed = ET.Element("feed", {"xmlns": ATOM, XML_LANG: lang})
    _sub(feed, "id", feed_id)
    _sub(feed, "title", title)
    _sub(feed, "subtitle", subtitle)
    _sub(feed, "updated", _stamp(updated))
    _sub(feed, "link", rel="self", type="application/atom+xml", href=self_href)
    _sub(feed, "link", rel="alternate", type="text/html", href=home_href)
    _sub(_sub(feed, "author"), "name", words.pick(words.TEXT["site_name"], lang))
    for event in events:
        entry = _sub(feed, "entry")
        _sub(entry, "id", TAG + event["event_id"])
        _sub(entry, "title", event["title"])
        _sub(entry, "link", rel="alternate", type="text/html", href=page_href(event))
        _sub(entry, "updated", _stamp(event["date"]))
        text = f"{event['title']} ({event['detail']})" if event["detail"] else event["title"]
        _sub(entry, "content", f"{event['day']}: {text}", type="text")
    ET.indent(feed)
    return '<?xml version="1.0" encoding="utf-8"?>\n' + ET.tostring(feed, encoding="unicode") + "\n"


def _href(base: str, lang: str, folder: str, url: str) -> str:
    """A page's address seen from a feed in `folder`: absolute under `base`, else relative."""
    return base + urls.site_path(lang, url) if base else (urls.up(folder) + url or "./")


def feed_files(model, site_url: str = "") -> Iterator[tuple[str, str]]:
    """(path from the site root, text) of every feed: each language's, then each state's.

    Links are absolute under `site_url` when the build knows it, relative to the feed otherwise."""
    base = site_url.rstrip("/") + "/" if site_url else ""
    events = newest_first(model.events)
    event_state = events["department_id"].map(model.departments.set_index("department_id")["state"])
    fallback = events["date"].max() if len(events) else (model.as_of.isoformat() if model.as_of else UNDATED)
    places = [(None, events)] + [(state, events[event_state == state])
                                 for state in sorted(model.departments["state"].dropna().unique())]
    for lang in words.LANGS:
        t = words.texts(lang)
        day = Formatter.of(model, lang).event_day  # a day a report gives only to the month or year, shown so
        for state, chosen in places:
            folder = urls.state(place_key(state)) if state else ""
            chosen = chosen.head(FEED_SIZE)
            title = t["feed_title_state"].format(state=words.label(words.STATE, state, lang)) if state \
                else t["feed_title"]
            yield urls.site_path(lang, folder + "feed.xml"), atom(
                described(chosen, model.departments, lang, day), lang, feed_id=f"{TAG}feed/{lang}/{folder}".rstrip("/"),
                title=title, subtitle=t["feed_subtitle"].format(n=FEED_SIZE),
                updated=chosen["date"].max() if len(chosen) else fallback,
                self_href=_href(base, lang, folder, folder + "feed.xml"), home_href=_href(base, lang, folder, folder),
                page_href=lambda e, lang=lang, folder=folder: _href(base, lang, folder,
                                                                    urls.department(e["department_id"])))
