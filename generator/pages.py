"""Markdown pages from jinja2 templates, in Hindi and English. No analysis, no network.

Everything a page says was computed in `metrics`; this module only words and formats it.
Templates autoescape, so a department called <script> prints as text.
"""

from __future__ import annotations

import calendar
import json
import shutil
from collections import Counter
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import jinja2
import pandas as pd
from markupsafe import Markup, escape

from . import charts, i18n, paths, schema
from .config import Config
from .downloads import department_complaints_file, department_file, published_files
from .registry import Dataset


@dataclass(frozen=True)
class SiteModel:
    """What the pages show: computed once, rendered in every language."""

    as_of: date
    cfg: Config
    ds: Dataset
    handles: pd.DataFrame
    rates: pd.DataFrame
    grades: pd.DataFrame
    replies: pd.DataFrame
    rankings: pd.DataFrame
    counts: dict[str, int]


def records(df: pd.DataFrame) -> list[dict]:
    """Rows as dicts with every missing value as None, which templates test simply."""
    return [{k: (None if _missing(v) else v) for k, v in row.items()} for row in df.to_dict("records")]


def _missing(value) -> bool:
    return value is None or value is pd.NA or (isinstance(value, float) and value != value)


class Formatter:
    """Formatting helpers bound to one language, passed to templates as `fmt`."""

    def __init__(self, lang: str, sources: dict[str, dict]):
        self.lang = lang
        self.t = i18n.texts(lang)
        self.sources = sources

    def num(self, value) -> str:
        return i18n.number(value, self.lang)

    def signed(self, value) -> str:
        return ("+" if value and value > 0 else "") + self.num(value)

    def pct(self, value) -> str:
        return "–" if _missing(value) else f"{value:.1f} %"

    def score(self, value) -> str:
        return self.t["not_available"] if _missing(value) else f"{value:.0f}"

    def day(self, value) -> str:
        return i18n.day(value, self.lang)

    def period(self, start: str, end: str) -> str:
        """A whole calendar month as 'Aug 2026', a single day as one date, else a range."""
        first, last = date.fromisoformat(start), date.fromisoformat(end)
        months = i18n.MONTHS_HI if self.lang == "hi" else i18n.MONTHS_EN
        whole_month = last.day == calendar.monthrange(last.year, last.month)[1]
        if first.day == 1 and (first.year, first.month) == (last.year, last.month) and whole_month:
            return f"{months[first.month - 1]} {first.year}"
        if first == last:
            return self.day(start)
        return f"{self.day(start)} – {self.day(end)}"

    def status(self, value) -> str:
        return i18n.label(i18n.STATUS, value, self.lang)

    def category(self, value) -> str:
        return i18n.label(i18n.CATEGORY, value, self.lang)

    def state(self, value) -> str:
        return i18n.label(i18n.STATE, value, self.lang)

    def account_state(self, value) -> str:
        return i18n.label(i18n.ACCOUNT_STATE, value, self.lang)

    def platform(self, value) -> str:
        return i18n.label(i18n.PLATFORM, value, self.lang)

    def name(self, row: dict) -> str:
        return row[f"department_name_{self.lang}"]

    def other_name(self, row: dict) -> str:
        return row["department_name_en" if self.lang == "hi" else "department_name_hi"]

    def title(self, text: str) -> Markup:
        """A YAML front-matter string, HTML-escaped so the page title shows as text."""
        return Markup(json.dumps(str(escape(text)), ensure_ascii=False))

    def reason(self, row: dict) -> str:
        """Why an account has its status, in words."""
        obs = self.day(row["observed_on"])
        status = row["status"]
        if status == "no_account":
            return self.t["reason_no_account"]
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
        return self.t["stale_note"].format(age=self.num(row["observation_age_days"]),
                                           obs=self.day(row["observed_on"]))

    def error_note(self, row: dict) -> str:
        return self.t["error_note"].format(date=self.day(row["last_error_on"]))

    def growth(self, row: dict) -> str:
        return self.t["growth"].format(first=self.num(row["first_followers"]),
                                       first_on=self.day(row["first_followers_on"]),
                                       last=self.num(row["followers"]),
                                       last_on=self.day(row["followers_on"]))

    def mismatch(self, row: dict) -> str:
        return self.t["mismatch"].format(reported=f"{row['reported_resolution_rate']:.1f}",
                                         computed=f"{row['resolved_rate']:.1f}")

    def source(self, ref: str | None) -> dict:
        if not ref:
            return {"label": "–", "short": "–", "url": None}
        if ref.startswith("source:"):
            s = self.sources.get(ref.removeprefix("source:"))
            if s is None:
                return {"label": ref, "short": ref, "url": None}
            short = f"{s['publication']}, {self.day(s['published_on'])}"
            return {"label": f"{s['title']} — {short}", "short": short, "url": s["url"]}
        if ref.startswith("export:"):
            label = self.t["export_source"].format(fingerprint=ref.removeprefix("export:"))
            return {"label": label, "short": self.t["export_short"], "url": None}
        return {"label": ref, "short": ref.split("/")[2], "url": ref}


def _environment() -> jinja2.Environment:
    return jinja2.Environment(
        loader=jinja2.FileSystemLoader([str(paths.TEMPLATES), str(paths.SITE_DOCS)]),
        autoescape=True, undefined=jinja2.StrictUndefined, keep_trailing_newline=True,
    )


def _write(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


def _department_pages(model: SiteModel, env: jinja2.Environment, base: dict, docs: Path) -> None:
    template = env.get_template("department.md.j2")
    handles = model.handles
    depts = records(handles.drop_duplicates("department_id"))
    by_id = {d["department_id"]: d for d in depts}
    grades = {g["department_id"]: g for g in records(model.grades)}
    replies = {r["department_id"]: r for r in records(model.replies)}
    snaps = model.ds.snapshots.sort_values(["date", "platform"], kind="stable")
    rates = model.rates
    for dept in depts:
        dept_id = dept["department_id"]
        accounts = records(handles[handles["department_id"] == dept_id])
        history = records(snaps[snaps["department_id"] == dept_id])
        complaints = records(rates[(rates["department_id"] == dept_id) & rates["shown"]])
        root = "../../"
        data_root = root + ("../" if base["lang"] == "en" else "")
        counted = Counter(h["platform"] for h in history if h["followers"] is not None)
        chart = None
        if counted and max(counted.values()) >= 2:
            spec = charts.followers_chart(data_root + "data/" + department_file(dept_id), base["t"])
            chart = charts.spec_json(spec)
        months = [c for c in complaints if c["period_days"] > 1 and c["source"] == "ingest"]
        complaint_chart = None
        if len(months) >= 2:
            url = data_root + "data/" + department_complaints_file(dept_id)
            complaint_chart = charts.spec_json(charts.complaints_chart(url, base["t"]))
        cited = [a["source_url"] for a in accounts] + [h["source_url"] for h in history] + \
                [c["source_url"] for c in complaints]
        _write(docs / "departments" / dept_id / "index.md", template.render(
            **base, root=root, data_root=data_root, asset_root=data_root, dept=dept,
            accounts=accounts, history=history, complaints=complaints, chart=chart,
            complaint_chart=complaint_chart,
            grade=grades[dept_id], replies=replies.get(dept_id), sources=list(dict.fromkeys(s for s in cited if s)),
            parent=by_id.get(dept["parent_id"]),
            children=[d for d in depts if d["parent_id"] == dept_id],
        ))


def render_language(model: SiteModel, lang: str, docs: Path) -> None:
    """Write every page of one language as markdown under `docs`."""
    env = _environment()
    sources = {s["id"]: s for s in records(model.ds.sources)}
    fmt = Formatter(lang, sources)
    base = {"lang": lang, "t": fmt.t, "fmt": fmt, "cfg": model.cfg, "as_of": model.as_of.isoformat()}
    lang_root = "" if lang == "hi" else "../"
    rows = records(model.handles)
    attention_states = ("dormant", "abandoned", "no_account", "suspended", "not_found")
    attention = [r for r in rows if r["status"] in attention_states]
    latest = sorted((r for r in rows if r["observed_on"]), key=lambda r: r["observed_on"],
                    reverse=True)[:10]
    _write(docs / "index.md", env.get_template("index.md.j2").render(
        **base, root="", counts=model.counts, attention=attention, latest=latest))
    _write(docs / "accounts" / "index.md", env.get_template("accounts.md.j2").render(
        **base, root="../", rows=rows))
    ranked = model.rankings
    by_resolution = records(ranked.sort_values(["resolved_rate", "received"], ascending=False, kind="stable"))
    by_pending = records(ranked.assign(p=pd.to_numeric(ranked["pending"])).sort_values(
        ["p", "received"], ascending=False, kind="stable").drop(columns="p"))
    _write(docs / "complaints" / "index.md", env.get_template("complaints.md.j2").render(
        **base, root="../", by_resolution=by_resolution, by_pending=by_pending))
    files = [{"path": p, "title": title, "columns": table.columns}
             for p, table, _, title in published_files(model.ds, model.handles, model.rates)
             if "/" not in p]
    _write(docs / "downloads" / "index.md", env.get_template("downloads.md.j2").render(
        **base, root="../", data_root="../" + lang_root, files=files, schema=schema))
    _department_pages(model, env, base, docs)
    for page in sorted((paths.SITE_DOCS / lang).glob("*.md")):
        text = env.get_template(f"{lang}/{page.name}").render(**base, root="../")
        _write(docs / page.name, text)
    shutil.copytree(paths.SITE_ASSETS, docs / "assets", dirs_exist_ok=True,
                    ignore=shutil.ignore_patterns("vendor") if lang != "hi" else None)
