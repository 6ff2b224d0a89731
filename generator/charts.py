"""Vega-Lite specs built with altair. Pure: specs in, nothing read or written.

Each chart loads its figures by URL from the published CSV instead of inlining them,
so a page carries ~0.3 KB of spec rather than ~20 KB of data.
"""

from __future__ import annotations

import json

import altair as alt


def line_chart(data_url: str, *, y: str, y_title: str, series: str, series_title: str,
               date_title: str, keep: str | None = None) -> dict:
    """Lines over time from a CSV at `data_url`: one line per value of `series`."""
    data = alt.UrlData(url=data_url, format=alt.CsvDataFormat(type="csv"))
    chart = alt.Chart(data).mark_line(point=True).encode(
        x=alt.X("date:T", title=date_title),
        y=alt.Y(f"{y}:Q", title=y_title),
        color=alt.Color(f"{series}:N", title=series_title),
        tooltip=[alt.Tooltip("date:T", title=date_title),
                 alt.Tooltip(f"{y}:Q", title=y_title, format=","),
                 alt.Tooltip(f"{series}:N", title=series_title)],
    )
    chart = chart.transform_filter(f"isValid(datum.{y}) && datum.{y} !== ''")
    if keep:
        chart = chart.transform_filter(keep)
    spec = chart.properties(width="container", height=260).to_dict()
    spec.pop("$schema", None)  # vega-embed would otherwise show it; the bundle knows its version
    return spec


def followers_chart(data_url: str, t: dict[str, str]) -> dict:
    return line_chart(data_url, y="followers", y_title=t["followers"], series="platform",
                      series_title=t["platform"], date_title=t["date"])


def spec_json(spec: dict) -> str:
    """Spec as JSON safe to place inside an HTML attribute or script block."""
    return json.dumps(spec, ensure_ascii=False, sort_keys=True).replace("<", "\\u003c")
