"""Vega-Lite specs built with altair. Pure: specs in, nothing read or written.

Each chart loads its figures by URL from the published CSV instead of inlining them, so a
page carries ~0.3 KB of spec rather than ~20 KB of data. A spec is built once per chart
kind and language; pages get it with their own data URL swapped in.
"""

from __future__ import annotations

import json

import altair as alt


def line_chart(data_url: str, *, y: str, y_title: str, series: str, series_title: str,
               date_title: str, x: str = "date", keep: str | None = None,
               fold: dict[str, str] | None = None) -> dict:
    """Lines over time from a CSV at `data_url`: one line per value of `series`.

    With `fold` ({column: label}), those columns become the series, one line each.
    """
    parse = {column: "number" for column in fold or {}}
    # An explicit parse switches off type inference for every other column: only when folding.
    csv_format = alt.CsvDataFormat(type="csv", parse=parse) if parse else alt.CsvDataFormat(type="csv")
    data = alt.UrlData(url=data_url, format=csv_format)
    chart = alt.Chart(data)
    if keep:
        chart = chart.transform_filter(keep)
    if fold:
        chart = chart.transform_fold(list(fold), as_=["measure", y]).transform_calculate(
            **{series: " + ".join(f"(datum.measure === {json.dumps(k)} ? {json.dumps(v)} : '')"
                                  for k, v in fold.items())})
    chart = chart.mark_line(point=True).encode(
        x=alt.X(f"{x}:T", title=date_title),
        y=alt.Y(f"{y}:Q", title=y_title),
        color=alt.Color(f"{series}:N", title=series_title),
        tooltip=[alt.Tooltip(f"{x}:T", title=date_title),
                 alt.Tooltip(f"{y}:Q", title=y_title, format=","),
                 alt.Tooltip(f"{series}:N", title=series_title)],
    )
    chart = chart.transform_filter(f"isValid(datum.{y}) && datum.{y} !== ''")
    spec = chart.properties(width="container", height=260).to_dict()
    spec.pop("$schema", None)  # vega-embed would otherwise show it; the bundle knows its version
    return spec


def followers_chart(data_url: str, t: dict[str, str]) -> dict:
    return line_chart(data_url, y="followers", y_title=t["followers"], series="platform",
                      series_title=t["platform"], date_title=t["date"])


def complaints_chart(data_url: str, t: dict[str, str]) -> dict:
    """Received, resolved and pending per month (rows that span more than one day)."""
    return line_chart(data_url, y="count", y_title=t["complaints_heading"], series="series",
                      series_title=t["series"], date_title=t["period"], x="period_start",
                      keep="datum.source === 'ingest' && +datum.period_days > 1",
                      fold={"received": t["received"], "resolved": t["resolved"], "pending": t["pending"]})


def spec_json(spec: dict) -> str:
    """Spec as JSON safe to place inside an HTML attribute or script block."""
    return json.dumps(spec, ensure_ascii=False, sort_keys=True).replace("<", "\\u003c")


URL_SLOT = "JD-DATA-URL"
KINDS = {"followers": followers_chart, "complaints": complaints_chart}


class Specs:
    """The specs of one language, built once; `for_url` swaps in a page's data URL."""

    def __init__(self, t: dict[str, str]):
        self._json = {kind: spec_json(build(URL_SLOT, t)) for kind, build in KINDS.items()}

    def for_url(self, kind: str, url: str) -> str:
        # URLs are built from slugs by urls.py: nothing in them needs JSON escaping.
        return self._json[kind].replace(URL_SLOT, url)
