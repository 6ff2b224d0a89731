"""Build the whole static site from a data folder: validate -> metrics -> pages -> engine.

The site is built in a temporary folder next to the output and swapped in at the end, so a
failed build leaves the previous site as it was and invalid data writes nothing at all.
"""

from __future__ import annotations

import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from . import engine, i18n, metrics
from .audit import Finding, audit_site
from .config import load_config
from .downloads import write_downloads
from .pages import SiteModel, render_language
from .registry import load_dataset, registered_handles

MARKER = ".jawabdehi-site"
HIDDEN = ["departments/*"]


class OutputError(RuntimeError):
    pass


class AuditError(RuntimeError):
    """The built site contains what looks like personal data; it was not published."""

    def __init__(self, findings: list[Finding]):
        self.findings = findings
        super().__init__("\n".join(str(f) for f in findings))


@dataclass(frozen=True)
class BuildSummary:
    pages: int
    accounts: int
    departments: int
    counts: dict[str, int]

    def line(self) -> str:
        statuses = ", ".join(f"{k} {v}" for k, v in self.counts.items() if v)
        return (f"built {self.pages} pages: {self.departments} departments, "
                f"{self.accounts} department-platform rows ({statuses})")


def nav(lang: str) -> list[dict[str, str]]:
    t = i18n.texts(lang)
    return [{t["home"]: "index.md"}, {t["league"]: "accounts/index.md"},
            {t["complaints"]: "complaints/index.md"},
            {t["methodology"]: "methodology.md"}, {t["downloads"]: "downloads/index.md"},
            {t["about"]: "about.md"}]


def compute(data_dir: Path, as_of: date) -> SiteModel:
    """Load, validate and compute everything the site shows."""
    cfg = load_config(data_dir)
    ds = load_dataset(data_dir)
    handles = metrics.handles(ds, as_of, cfg)
    rates = metrics.complaint_rates(ds.complaints, cfg)
    replies = metrics.reply_summary(ds.replies)
    grades = metrics.grades(handles, rates, cfg, replies)
    handles = handles.merge(grades[["department_id", "grade", "score"]], on="department_id", how="left")
    return SiteModel(as_of=as_of, cfg=cfg, ds=ds, handles=handles, rates=rates, grades=grades,
                     replies=replies, rankings=metrics.complaint_rankings(rates, handles, cfg),
                     counts=metrics.status_counts(handles))


def _check_output(out_dir: Path) -> None:
    if out_dir.exists() and any(out_dir.iterdir()) and not (out_dir / MARKER).exists():
        raise OutputError(f"{out_dir} is not empty and was not built by jawabdehi; "
                          "choose an empty or new folder")


def build_site(data_dir: Path, out_dir: Path, as_of: date,
               progress: Callable[[str], None] = lambda _: None) -> BuildSummary:
    data_dir, out_dir = Path(data_dir), Path(out_dir).resolve()
    progress(f"reading {data_dir}")
    model = compute(data_dir, as_of)
    _check_output(out_dir)
    out_dir.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix=".jawabdehi-build-", dir=out_dir.parent) as tmp:
        work = Path(tmp)
        site = work / "site"
        for lang in i18n.LANGS:
            progress(f"rendering pages ({lang})")
            docs = work / "pages" / lang
            render_language(model, lang, docs)
            progress(f"building site ({lang})")
            engine.build_language(docs, site if lang == "hi" else site / "en", lang, nav(lang), HIDDEN)
        progress("writing downloads")
        write_downloads(site / "data", model.ds, model.handles, model.rates)
        (site / MARKER).write_text(f"built for {as_of.isoformat()}\n", encoding="utf-8")
        pages = sum(1 for _ in site.rglob("index.html"))
        progress("auditing for personal data")
        findings = audit_site(site, registered_handles(model.ds))
        if findings:
            raise AuditError(findings)
        if out_dir.exists():
            out_dir.rename(work / "previous")
        site.rename(out_dir)
    return BuildSummary(pages=pages, accounts=len(model.handles),
                        departments=len(model.ds.departments), counts=model.counts)
