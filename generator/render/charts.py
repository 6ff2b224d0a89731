"""Vega-Lite specs built with altair. Pure: specs in, nothing read or written.

Each chart loads its figures by URL from the published CSV instead of inlining them, so a
page carries ~0.3 KB of spec rather than ~20 KB of data. A spec is built once per chart
kind and language; pages get it with their own data URL swapped in.
"""

from __future__ import annotations

import functools
import hashlib
import json
import re
import unicodedata
from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING

from markupsafe import escape

from . import formats, words

if TYPE_CHECKING:
    import altair as alt

# (day, "month" or "year", text as the pages show a row of that day and precision) of each day
# that stands in for a source's month or year: a row is read so where its own source dates it so.
Approximate = tuple[tuple[str, str, str], ...]
# (department_id, platform, day, words as the pages say it with COUNT for the count) of each
# follower count its source states only as a bound: ('haryana-cm', 'facebook', '2021-03-09',
# 'more than {n}').
Bounded = tuple[tuple[str, str, str, str], ...]
COUNT = "{n}"


def line_chart(data_url: str, *, y: str, y_title: str, series: str, series_title: str,
               date_title: str, x: str = "date", keep: str | None = None,
               fold: dict[str, str] | None = None, by: str | None = None, monthly: bool = False,
               named: dict[str, str] | None = None, when: str | None = None,
               figure: str | None = None) -> dict:
    """Lines over time from a CSV at `data_url`: one line per value of `series`.

    With `fold` ({column: label}), those columns become the series, one line each, and with
    `by` one line each per value of that column too, named "value: label". With
    `monthly`, a line breaks at a month without a value (hidden, withdrawn, or not in the
    file) instead of joining the months either side of it. `named` ({column: expression})
    puts a reader's words in place of a column's codes (a platform's name for its slug).
    `when` is a Vega expression for the date a tooltip shows (`_when`), as the page writes it;
    `figure` one for its figure (`_figure`) of the file's own columns, before `named` renames.
    """
    import altair as alt  # here, not at the top: a night that keeps the last site draws no chart

    parse = {column: "number" for column in fold or {}}
    # An explicit parse switches off type inference for every other column: only when folding.
    csv_format = alt.CsvDataFormat(type="csv", parse=parse) if parse else alt.CsvDataFormat(type="csv")
    data = alt.UrlData(url=data_url, format=csv_format)
    chart = alt.Chart(data)
    if keep:
        chart = chart.transform_filter(keep)
    if figure:
        chart = chart.transform_calculate(_figure=figure)
    if named:
        chart = chart.transform_calculate(**named)
    if when:
        chart = chart.transform_calculate(_when=when)
    if fold:
        label = " + ".join(f"(datum.measure === {json.dumps(k)} ? {json.dumps(v)} : '')" for k, v in fold.items())
        if by:
            label = f"datum.{by} + ': ' + ({label})"
        chart = chart.transform_fold(list(fold), as_=["measure", y]).transform_calculate(**{series: label})
    chart = chart.transform_filter(f"isValid(datum.{y}) && datum.{y} !== ''")
    encoding = {}
    if monthly:
        chart = _runs_of_months(chart, x, series)
        # Each run of consecutive months is its own path: colour still names the series.
        encoding["detail"] = alt.Detail("_run:O")
    legend = alt.Legend(orient="bottom", direction="vertical") if by else alt.Undefined
    chart = chart.mark_line(point=True).encode(
        x=alt.X(f"{x}:T", title=date_title, axis=alt.Axis(format=AXIS_DATES)),
        y=alt.Y(f"{y}:Q", title=y_title),
        color=alt.Color(f"{series}:N", title=series_title, legend=legend),
        tooltip=[alt.Tooltip("_when:N", title=date_title) if when else alt.Tooltip(f"{x}:T", title=date_title),
                 alt.Tooltip("_figure:N", title=y_title) if figure
                 else alt.Tooltip(f"{y}:Q", title=y_title, format=","),
                 alt.Tooltip(f"{series}:N", title=series_title)],
        **encoding,
    )
    spec = chart.properties(width="container", height=260).to_dict()
    spec.pop("$schema", None)  # vega-embed would otherwise show it; the bundle knows its version
    return spec


# The date axis's labels, by how far apart its ticks are: every label carries its year (the
# default names it only at a year's first tick, so eight weeks of 2016 read as any year).
_DAY_LABEL = "%-d %b %Y"
AXIS_DATES = {"year": "%Y", "quarter": "%b %Y", "month": "%b %Y", "week": _DAY_LABEL, "date": _DAY_LABEL,
              "hours": _DAY_LABEL, "minutes": _DAY_LABEL, "seconds": _DAY_LABEL, "milliseconds": _DAY_LABEL}


def _runs_of_months(chart: alt.Chart, x: str, series: str) -> alt.Chart:
    """`_run` numbers the stretches of consecutive months of each series: it goes up by one
    after every month with no row left (a hidden or withdrawn figure is filtered out before)."""
    import altair as alt

    month = f"utcyear(toDate(datum.{x})) * 12 + utcmonth(toDate(datum.{x}))"
    by_month = {"groupby": [series], "sort": [alt.SortField("_month")]}
    return (chart.transform_calculate(_month=month)
            .transform_window(_before="lag(_month)", **by_month)
            .transform_calculate(_gap="datum._before != null && datum._month - datum._before > 1 ? 1 : 0")
            .transform_window(_run="sum(_gap)", **by_month))


def _platform_names(column: str, lang: str) -> str:
    """A Vega expression: a platform's name in `lang` for its slug in `column`; any other
    value (a complaint channel such as cm-window) as it is."""
    cases = "".join(f"datum.{column} === {json.dumps(slug)} ? "
                    f"{json.dumps(words.label(words.PLATFORM, slug, lang), ensure_ascii=False)} : "
                    for slug in words.PLATFORM)
    return f"{cases}datum.{column}"


def vega_locale(lang: str) -> dict:
    """Numbers and dates as the site writes them, for Vega's own labels and tooltips: digits
    grouped in lakhs and crores, and the language's month and day names."""
    names = formats.DATE_LOCALES[lang]
    months = [names.months["format"][width][m] for width in ("wide", "abbreviated") for m in range(1, 13)]
    sunday_first = [6, 0, 1, 2, 3, 4, 5]  # CLDR counts from Monday, d3 from Sunday
    days = [names.days["format"][width][d] for width in ("wide", "abbreviated") for d in sunday_first]
    return {"number": {"decimal": ".", "thousands": ",", "grouping": [3, 2], "currency": ["₹", ""]},
            "time": {"dateTime": "%e %B %Y, %X", "date": "%d-%m-%Y", "time": "%H:%M:%S",
                     "periods": [names.day_periods["format"]["abbreviated"][p] for p in ("am", "pm")],
                     "days": days[:7], "shortDays": days[7:], "months": months[:12], "shortMonths": months[12:]}}


def _written(column: str, lang: str, monthly: bool = False, approximate: Approximate = ()) -> str:
    """A Vega expression: the date in `column` as the page writes it ('8 Sep 2016', 'Sep 2016'
    with `monthly`), and a row's day its own source stands in on for its month or year as that
    page shows it (`approximate`: (day, precision, text); the row's date_precision, as its
    history file says it, names its precision), never as an exact day: another source's or the
    collector's row of that day is of its day."""
    wide = "MMMM" in (formats.MONTH if monthly else formats.DAY)[lang]
    pattern = ("" if monthly else "%-d ") + ("%B" if wide else "%b") + " %Y"
    value = f"toDate(datum.{column})"
    cases = "".join(f"datum.date_precision === {json.dumps(said)} && utcFormat({value}, '%Y-%m-%d') === "
                    f"{json.dumps(day)} ? {json.dumps(text, ensure_ascii=False)} : " for day, said, text in approximate)
    return f"{cases}utcFormat({value}, {json.dumps(pattern)})"


def _followers_said(bounded: Bounded) -> str:
    """A Vega expression: a row's follower count of a department's history file grouped as the
    page writes it (the locale's lakhs and crores), and one its source states only as a bound
    in the page's words for it (`bounded`), never as an exact count."""
    count = "format(datum.followers, ',')"
    day = "utcFormat(toDate(datum.date), '%Y-%m-%d')"
    cases = []
    for dept, platform, date, said in bounded:
        text = f" + {count} + ".join(json.dumps(part, ensure_ascii=False) for part in said.split(COUNT))
        cases.append(f"datum.department_id === {json.dumps(dept)} && datum.platform === {json.dumps(platform)} "
                     f"&& {day} === {json.dumps(date)} ? {text} : ")
    return "".join(cases) + count


def followers_chart(data_url: str, t: dict[str, str], lang: str, approximate: Approximate = (),
                    bounded: Bounded = ()) -> dict:
    return line_chart(data_url, y="followers", y_title=t["followers"], series="platform",
                      series_title=t["platform"], date_title=t["date"],
                      named={"platform": _platform_names("platform", lang)},
                      when=_written("date", lang, approximate=approximate), figure=_followers_said(bounded))


def complaints_chart(data_url: str, t: dict[str, str], lang: str, approximate: Approximate = (),
                     bounded: Bounded = ()) -> dict:
    """Received, resolved and pending per month (rows that span more than one day), of each
    channel apart; a hidden or withdrawn month is a gap in its lines."""
    return line_chart(data_url, y="count", y_title=t["complaints_heading"], series="series",
                      series_title=t["series"], date_title=t["period"], x="period_start",
                      keep="datum.source === 'ingest' && +datum.period_days > 1",
                      fold={"received": t["received"], "resolved": t["resolved"], "pending": t["pending"]},
                      by="channel", monthly=True, named={"channel": _platform_names("channel", lang)},
                      when=_written("period_start", lang, monthly=True))


def _localised(spec: dict, lang: str) -> dict:
    spec.setdefault("config", {})["locale"] = vega_locale(lang)
    return spec


def spec_json(spec: dict) -> str:
    """Spec as JSON safe to place inside an HTML attribute or script block."""
    return json.dumps(spec, ensure_ascii=False, sort_keys=True).replace("<", "\\u003c")


URL_SLOT = "JD-DATA-URL"
KINDS = {"followers": followers_chart, "complaints": complaints_chart}


class Specs:
    """The specs of one language, built once, each a file at the site root (`path`). A page
    names that file and its own data URL, which the script puts in the spec's URL_SLOT: the
    same spec in every scorecard cost about 2 KB a page, 40 MB at 10,000 accounts."""

    def __init__(self, lang: str, t: dict[str, str], approximate: Approximate = (), bounded: Bounded = ()):
        self._json = {kind: spec_json(_localised(build(URL_SLOT, t, lang, approximate, bounded), lang))
                      for kind, build in KINDS.items()}
        # Named by their contents: a browser that kept last week's spec never pairs it with
        # tonight's data. Worked out once, not for each page that names them.
        self._paths = {kind: f"charts/{kind}-{lang}.{hashlib.sha256(text.encode('utf-8')).hexdigest()[:12]}.json"
                       for kind, text in self._json.items()}

    @classmethod
    @functools.cache
    def of(cls, lang: str, approximate: Approximate = (), bounded: Bounded = ()) -> Specs:
        """A language's specs, built once per process: altair takes a while over each, and
        they depend on the language's words, the days that stand in for a source's month
        or year ((day, precision, text as the pages show it), see Formatter.stand_in_texts)
        and the follower counts stated as a bound (`Bounded`) alone."""
        return cls(lang, words.texts(lang), approximate, bounded)

    def path(self, kind: str) -> str:
        """The spec's file, from the site root."""
        return self._paths[kind]

    def files(self) -> Iterator[tuple[str, str]]:
        """(path from the site root, spec JSON with URL_SLOT) of each kind of chart."""
        for kind, text in self._json.items():
            yield self.path(kind), text


def spec_files(specs: Iterable[Specs]) -> Iterator[tuple[str, str]]:
    """Every language's chart specs, for the site root."""
    for one in specs:
        yield from one.files()


# --- charts drawn at build time ---------------------------------------------------------
# Every scorecard carries its chart as a small SVG in the page: it shows with JavaScript off,
# costs a few KB instead of Vega's 800, and its text is set in the page's own font. The
# interactive Vega chart is loaded only when a reader asks for it.

# A chart fills a phone's column (328 px for 320 units on a 360 px screen), so a label of FONT
# units is set at 12 px or more there; the margins are sized from the labels themselves.
WIDTH, HEIGHT, RIGHT, TOP, BOTTOM = 320, 160, 8, 12, 30
FONT = 12
DASHES = ("", "6 3", "2 3", "8 3 2 3")  # lines differ by shape as well as colour


def axis_range(series: dict[str, list[tuple[float, float]]]) -> tuple[float, float, float, float]:
    """The first and last day and the lowest and highest value the axes of `svg_lines` show
    (and label): a caption that states the range reads it here, so the two cannot differ."""
    points = [p for line in series.values() for p in line if p[1] == p[1]]
    x0, x1 = min(p[0] for p in points), max(p[0] for p in points)
    y0, y1 = min(p[1] for p in points), max(p[1] for p in points)
    if y0 == y1:  # a flat line is drawn across the middle of a range around it
        y0, y1 = y0 * 0.9, (y1 * 1.1) or 1
    return x0, x1, y0, y1


def svg_lines(series: dict[str, list[tuple[float, float]]], y_label, x_label, title: str, summary: str,
              marks: list[tuple[float, float, str]] = (), key: str = "c") -> str:
    """An SVG line chart of one or more series of (day number, value) points.

    `y_label(value)` and `x_label(day)` format axis labels in the page's language;
    `title` names the chart and `summary` states in a sentence what it shows. A NaN value
    breaks its line there: a lone point between gaps is drawn as a dot. `marks` ring the
    points (day, value) named by their text, such as a sudden change, each within the
    axes' range (`axis_range`); the summary says what the rings are. `key` makes the ids
    of its title and description, unique on its page.
    """
    if not any(p[1] == p[1] for line in series.values() for p in line):
        return ""
    x0, x1, y0, y1 = axis_range(series)
    span_x, span_y = (x1 - x0) or 1, (y1 - y0) or 1
    top_label, low_label = y_label(y1), y_label(y0)
    left = round(max(text_width(top_label), text_width(low_label))) + 8

    def at(x: float, y: float) -> str:
        px = left + (x - x0) / span_x * (WIDTH - left - RIGHT)
        py = TOP + (1 - (y - y0) / span_y) * (HEIGHT - TOP - BOTTOM)
        return f"{px:.1f},{py:.1f}"

    parts = [_open("jd-svg-chart", HEIGHT, key, title, summary),
             f'<line class="jd-axis" x1="{left}" y1="{TOP}" x2="{left}" y2="{HEIGHT - BOTTOM}"/>',
             f'<line class="jd-axis" x1="{left}" y1="{HEIGHT - BOTTOM}" x2="{WIDTH - RIGHT}" y2="{HEIGHT - BOTTOM}"/>',
             f'<text x="{left - 4}" y="{TOP + FONT - 2}" text-anchor="end">{escape(top_label)}</text>',
             f'<text x="{left - 4}" y="{HEIGHT - BOTTOM}" text-anchor="end">{escape(low_label)}</text>',
             f'<text x="{left}" y="{HEIGHT - 8}">{escape(x_label(x0))}</text>',
             f'<text x="{WIDTH - RIGHT}" y="{HEIGHT - 8}" text-anchor="end">{escape(x_label(x1))}</text>']
    for n, (name, line) in enumerate(series.items()):
        line = sorted(line)
        dash = f' stroke-dasharray="{DASHES[n % len(DASHES)]}"' if DASHES[n % len(DASHES)] else ""
        for run in _runs(line):
            if len(run) == 1:
                cx, cy = at(*run[0]).split(",")
                parts.append(f'<circle class="jd-dot jd-line--{n}" cx="{cx}" cy="{cy}" r="2.5"><title>'
                             f"{escape(name)}</title></circle>")
                continue
            coords = " ".join(at(x, y) for x, y in run)
            parts.append(f'<polyline class="jd-line jd-line--{n}" points="{coords}"{dash}><title>{escape(name)}'
                         f"</title></polyline>")
        if len(series) > 1:
            ly = TOP + FONT + (FONT + 4) * n
            parts.append(f'<line class="jd-line jd-line--{n}" x1="{left + 8}" y1="{ly - 4}" x2="{left + 26}" '
                         f'y2="{ly - 4}"{dash}/><text x="{left + 30}" y="{ly}">{escape(name)}</text>')
    for x, y, text in marks:
        cx, cy = at(x, y).split(",")
        parts.append(f'<circle class="jd-mark" cx="{cx}" cy="{cy}" r="6"><title>{escape(text)}</title></circle>')
    parts.append("</svg>")
    return "".join(parts)


def _runs(line: list[tuple[float, float]]) -> list[list[tuple[float, float]]]:
    """The stretches of a line between its NaN points."""
    runs: list[list[tuple[float, float]]] = [[]]
    for point in line:
        if point[1] == point[1]:
            runs[-1].append(point)
        elif runs[-1]:
            runs.append([])
    return [run for run in runs if run]


def svg_bars(bars: list[tuple[str, float, str]], value_label, title: str, summary: str) -> str:
    """Horizontal bars of (name, value, date) from the largest down: each bar carries its own
    figure and the date of that figure, as figures of different days are shown together.
    A line of text (the name, and the figure at the right) stands above each bar, which has
    the chart's width to itself: beside the names, a phone's bars were too short to compare.
    A name too long for its line goes on under the figure, broken between words."""
    row, bar, line = round(2.5 * FONT), round(0.8 * FONT), FONT + 2
    top = max(value for _, value, _ in bars) or 1
    parts, y = [], FONT
    for name, value, day in bars:
        label = f"{value_label(value)} · {day}"
        lines = _wrapped(name, WIDTH - text_width(label) - FONT, WIDTH)
        parts += [f'<text x="0" y="{y + n * line}">{escape(text)}</text>' for n, text in enumerate(lines) if text]
        parts.append(f'<text x="{WIDTH}" y="{y}" text-anchor="end">{escape(label)}</text>')
        y += (len(lines) - 1) * line
        parts.append(f'<rect class="jd-bar" x="0" y="{y + 6}" width="{max(1.0, value / top * WIDTH):.1f}" '
                     f'height="{bar}"/>')
        y += row
    return _open("jd-svg-chart jd-race", y - FONT + 4, "r", title, summary) + "".join(parts) + "</svg>"


def _open(kind: str, height: int, key: str, title: str, summary: str) -> str:
    return (f'<svg class="{kind}" viewBox="0 0 {WIDTH} {height}" font-size="{FONT}" role="img" '
            f'aria-labelledby="{key}-t {key}-d"><title id="{key}-t">{escape(title)}</title>'
            f'<desc id="{key}-d">{escape(summary)}</desc>')


_SPACES = re.compile(r"[ \t\r\n]+")


def _wrapped(text: str, first: float, rest: float) -> list[str]:
    """`text` in lines broken at its spaces, the first within `first` units and the others
    within `rest`: a name cut inside a word reads as another name, or as none. The first line
    is empty where even the first word is too wide for it."""
    lines = [""]
    # Split at spaces only: a no-break space (X (ट्विटर), 95 %) holds its words on one line.
    for word in _SPACES.split(text.strip()):
        joined = f"{lines[-1]} {word}".lstrip()
        if text_width(joined) > (first if len(lines) == 1 else rest):
            lines.append(word)
        else:
            lines[-1] = joined
    return lines


@functools.cache
def _letter_width(ch: str) -> float:
    kind = unicodedata.category(ch)
    if kind in ("Mn", "Cf"):
        return 0.0  # vowel marks above or below, joiners: no width of their own
    # A no-break space (X's name, "95 %") is a space that holds its neighbours together.
    if kind == "Mc" or ch in " \u00a0\u202f.,:;·'|!il()[]":
        return 0.32
    if "\u0900" <= ch <= "\u097f":
        return 0.6
    if ch.isupper() or ch in "mwMW@%":
        return 0.78
    return 0.6


def text_width(text: str, size: float = FONT) -> float:
    """Roughly how wide a line is set in the site's fonts, erring wide: enough to keep labels
    from running into each other or off the edge."""
    # Each letter's width is looked up once: every badge and chart label measures the same few.
    width = 0.0
    for ch in text:
        width += _letter_width(ch)
    return width * size
