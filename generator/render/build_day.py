"""What the pipeline-health page says that depends on the build and not on the data: how
many days the newest figure is older than the day of the build, and each everything-file's
rows and bytes beside those of the build it was compared with.

Both are written in marked elements so that a night with nothing new can take the last
site and write these two parts again (publish/build.py, reuse_night) instead of building
every page."""

from __future__ import annotations

import re
from datetime import date

import jinja2
from markupsafe import Markup, escape

from .. import paths
from . import formats, words

PAGES = ("health/",)  # the pages that carry them, by URL
_NOTE = re.compile(r'<span class="jd-muted jd-built">\([^<]*\)</span>')
_FILES = re.compile(r'<tbody class="jd-built-files">.*?</tbody>', re.S)
_ENV = jinja2.Environment(loader=jinja2.FileSystemLoader(paths.TEMPLATES), autoescape=True,
                          undefined=jinja2.StrictUndefined)


def note(lang: str, days: int, built_on: date, precision: str = "day") -> Markup:
    """'(3 days before 5 Dec 2026)', or '(the day the site was built, 5 Dec 2026)', in its marked span.
    Of a figure known to its month or year (`precision`), counted from its last day
    (health.staleness): '(at least 3 days before ...)', or built within that month or year."""
    t = words.texts(lang)
    if precision in ("month", "year"):
        said = t[f"built_in_{precision}"] if days == 0 else formats.counted(t, "days_before_build_least", days, lang)
    else:
        said = t["built_same_day"] if days == 0 else formats.counted(t, "days_before_build", days, lang)
    text = said.format(days=formats.number(days, lang), date=formats.day(built_on.isoformat(), lang))
    return Markup('<span class="jd-muted jd-built">({})</span>').format(escape(text))


def files_table(lang: str, files: dict[str, list[int]], previous: dict[str, list[int]]) -> Markup:
    """The rows of the files table: each file's [rows, bytes] tonight and in the build compared with."""
    return Markup(_ENV.get_template("health_files.html.j2").render(
        files=files, previous=previous, num=lambda value: formats.number(value, lang), t=words.texts(lang)))


def restamp(html: str, lang: str, days: int | None, built_on: date, files: dict[str, list[int]],
            previous: dict[str, list[int]], precision: str = "day") -> str | None:
    """`html` with both marked parts written for this build; None unless it holds each once
    (`days` None: no note), and then the page must be built again. `precision`: how exactly
    the newest figure's day is known, as the note says it."""
    notes, tables = _NOTE.findall(html), _FILES.findall(html)
    if len(notes) != (days is not None) or len(tables) != 1:
        return None
    if days is not None:
        html = html.replace(notes[0], str(note(lang, days, built_on, precision)))
    return html.replace(tables[0], str(files_table(lang, files, previous)))
