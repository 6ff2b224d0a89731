"""Is @this_handle the department's own account? A static answer for browsers and bots.

`api/accounts/<platform>.json` lists every registered handle of a platform with its
department, status, whether it is official, the evidence, and the handles the same account
had before: a renamed account is still recognised, and a fraudster who takes up an old
handle is not mistaken for the department. The verify page (assets/javascripts/verify.js)
answers from these files in the reader's browser; nothing is sent anywhere.
"""

from __future__ import annotations

import json
from collections.abc import Iterator

import numpy as np
import pandas as pd
from markupsafe import Markup

from ..compute.columns import equal
from ..compute.model import SiteModel, cited_stand_ins, newest_known, precision_field
from ..schema import AccountState, fold
from . import formats, urls, words
from .formatter import Formatter

FIELDS = ("handle", "account_id", "department_id", "department_name_en", "department_name_hi", "state", "district",
          "status", "official", "source", "source_url", "source_title", "since", "earlier_handles", "scorecard",
          "shared_with")


def api_path(platform: str) -> str:
    """Where a platform's accounts are published, from the site root (shared by both languages)."""
    return f"api/accounts/{platform}.json"


def platforms(model: SiteModel) -> list[str]:
    """Every platform with a file: the expected ones always, others where an account is registered."""
    registered = model.handles.loc[model.handles["has_account"], "platform"]
    return list(dict.fromkeys([*model.cfg.status.expected_platforms, *sorted(set(registered))]))


def _value(value):
    return None if formats.missing(value) else value


def _changes(columns: list[pd.Series]) -> np.ndarray:
    """Rows that differ from the row before in any of `columns` (a missing value equals a
    missing value), and the first row."""
    keep = np.ones(len(columns[0]), dtype=bool)
    for column in columns:
        # Compared as codes (missing is -1): the model holds its texts as categories.
        codes = (column.cat.codes if isinstance(column.dtype, pd.CategoricalDtype) else pd.factorize(column)[0])
        codes = np.asarray(codes)
        keep[1:] &= codes[1:] == codes[:-1]
    keep[1:] = ~keep[1:]
    return keep


def _same_account(model: SiteModel, platform: str, rows: pd.DataFrame) -> pd.DataFrame:
    """Observations of each listed account: those naming its account id, or no id at all (a
    manual figure read from a report); an observation of another id is another account."""
    snaps = model.snapshots
    observed = ((snaps["platform"] == platform) & (snaps["state"] != AccountState.ERROR)).to_numpy()
    # Observations are ordered by department, platform and day: of each run of nights with
    # one id and one handle only the first is needed, so a year of nights costs a few rows.
    columns = ["department_id", "platform", "account_id", "handle"]
    first = _changes([snaps[c] for c in columns] + [pd.Series(observed)])
    seen = snaps.loc[observed & first, ["department_id", "date", "account_id", "handle"]]
    current = rows[["department_id", "account_id"]].rename(columns={"account_id": "current_id"})
    seen = seen.merge(current, on="department_id")
    return seen[seen["account_id"].isna() | (seen["account_id"] == seen["current_id"])]


def _source(ref, sources: dict[str, dict]) -> tuple[str | None, str | None]:
    """(link, title) of the evidence for a handle: a cited source:<id> by its title and address."""
    if not isinstance(ref, str) or not ref:
        return None, None
    if ref.startswith("source:"):
        s = sources.get(ref.removeprefix("source:"))
        if s is None:
            return None, None
        return _value(s.get("url")), f"{s['title']} ({s['publication']}, {s['published_on']})"
    return (ref, None) if ref.startswith(("https://", "http://")) else (None, None)


def platform_as_of(model: SiteModel, platform: str) -> dict[str, str | None]:
    """{"as_of": the newest observation of `platform`} (a failed check is none): the platforms
    are collected on nights of their own, so one platform's file never carries another's date.
    With as_of_precision where only reports give that day, as build.json's (newest_known)."""
    snaps = model.snapshots
    mine = ((snaps["platform"] == platform) & (snaps["state"] != "error")).to_numpy(dtype=bool)
    if not mine.any():
        return {"as_of": None}
    newest = snaps.loc[mine, "date"].max()
    # Only that day's rows: a platform's whole history is millions of rows at a few years.
    rows = snaps[mine & equal(snaps["date"], newest)]
    precision, _ = newest_known(rows, newest, cited_stand_ins(model.sources.to_dict("records")))
    return {"as_of": str(newest)[:10], **precision_field(precision)}


def accounts_api(model: SiteModel, platform: str) -> str:
    """JSON of every registered handle of `platform`, sorted by handle (case aside)."""
    h = model.handles
    # A shared account is one entry, on the department that counts it, naming the others:
    # a handle gets one answer, not one per department.
    listed = h[(h["platform"] == platform) & h["has_account"] & h["handle"].notna()]
    rows = listed[listed["counted"]]
    # The handles the other departments' rows register for it are recognised too.
    also = listed[~listed["counted"]].groupby("shared_first")["registry_handle"].agg(list).to_dict()
    names = model.departments.set_index("department_id")[["department_name_en", "department_name_hi"]]
    seen = _same_account(model, platform, rows)
    since = seen.groupby("department_id")["date"].min().to_dict()
    handles_seen = seen.dropna(subset=["handle"]).sort_values(["department_id", "date"], kind="stable")
    earlier: dict[str, list[str]] = {}
    for dept, handle in zip(handles_seen["department_id"], handles_seen["handle"], strict=True):
        earlier.setdefault(dept, []).append(handle)
    sources = {s["id"]: s for s in model.sources.to_dict("records")}
    accounts = []
    for row in rows.to_dict("records"):
        dept, handle = row["department_id"], row["handle"]
        before = {}
        for old in [row["registry_handle"], *also.get(dept, []), *earlier.get(dept, [])]:
            if formats.missing(old):
                continue
            if fold(old) != fold(handle):
                before.setdefault(fold(old), old)
        link, title = _source(row["account_source_url"], sources)
        accounts.append({
            "handle": handle, "account_id": _value(row["account_id"]), "department_id": dept,
            "department_name_en": row["department_name_en"], "department_name_hi": row["department_name_hi"],
            "state": row["state"], "district": _value(row["district"]), "status": row["status"],
            "official": row["official"], "source": _value(row["account_source_url"]), "source_url": link,
            "source_title": title, "since": since.get(dept), "earlier_handles": list(before.values()),
            "scorecard": urls.department(dept),
            "shared_with": [{"department_id": other, "department_name_en": names.at[other, "department_name_en"],
                             "department_name_hi": names.at[other, "department_name_hi"],
                             "scorecard": urls.department(other)}
                            for other in (row["shared_with"] if isinstance(row["shared_with"], str) else "").split(";")
                            if other]})
    accounts.sort(key=lambda a: (fold(a["handle"]), a["department_id"]))
    return json.dumps({"platform": platform, **platform_as_of(model, platform), "accounts": accounts},
                      ensure_ascii=False, indent=1) + "\n"


def api_files(model: SiteModel) -> Iterator[tuple[str, str]]:
    """(path from the site root, text) of every platform's accounts file."""
    for platform in platforms(model):
        yield api_path(platform), accounts_api(model, platform)


def page_values(model: SiteModel, fmt: Formatter) -> dict:
    """What verify.html.j2 needs: the words verify.js answers with, and where to complain."""
    lang, t = fmt.lang, fmt.t
    said = {key.removeprefix("verify_"): t[key] for key in t if key.startswith("verify_")}
    data = {"lang": lang, "words": said, "status": {c: fmt.status(c) for c in words.STATUS},
            "platforms": {p: fmt.platform(p) for p in platforms(model)},
            # Names of the platforms a pasted link may be on, with or without a file of accounts.
            "platform_names": {p: fmt.platform(p) for p in dict.fromkeys([*words.PLATFORM, *platforms(model)])},
            "months": formats.month_names(lang)}
    channels = model.channels
    # 1930 and the cyber crime portal are named on the page whatever the channels file holds.
    national = channels[(channels["scope"] == "national") & (channels["kind"] != "cyber-fraud")]
    return {"verify_words": Markup(json.dumps(data, ensure_ascii=False).replace("<", "\\u003c")),
            "national": national.to_dict("records")}

