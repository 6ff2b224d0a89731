"""The directory: states, their districts, and where each department sits in them.

Also the few facts a citizen looks for beside a department: how fast it answers (measured,
or as a source reported it, with the date and source) and, for a department with no
account, who found it had none and when.
"""

from __future__ import annotations

import re

import pandas as pd

from ..places import DISTRICTS_HI


def place_key(state: str, district: str | None = None) -> str:
    """A URL-safe key: 'in-br' for a state, 'in-br-muzaffarpur' for a district."""
    key = state.lower()
    if district:
        key += "-" + re.sub(r"[^a-z0-9]+", "-", district.lower()).strip("-")
    return key


def districts(departments: pd.DataFrame) -> pd.DataFrame:
    """One row per (state, district) with its Hindi name and how many departments it has."""
    with_district = departments[departments["district"].notna()].copy()
    if "district_hi" not in with_district:
        with_district["district_hi"] = None
    given = with_district["district_hi"]
    known = pd.Series([DISTRICTS_HI.get((s, d)) for s, d in zip(with_district["state"], with_district["district"],
                                                               strict=True)], index=with_district.index)
    with_district["district_hi"] = given.where(given.notna(), known)
    out = with_district.groupby(["state", "district"], sort=True).agg(
        district_hi=("district_hi", "first"), departments=("department_id", "size")).reset_index()
    out["key"] = [place_key(s, d) for s, d in zip(out["state"], out["district"], strict=True)]
    return out


def reply_times(reply_summary: pd.DataFrame, rates: pd.DataFrame) -> pd.DataFrame:
    """Per department: median minutes to reply, measured where measured, else as the newest
    complaint source reported it; with the date and where it comes from."""
    columns = ["department_id", "reply_minutes", "reply_basis", "reply_on", "reply_source_url"]
    measured = reply_summary.dropna(subset=["median_reply_minutes"]).rename(columns={
        "median_reply_minutes": "reply_minutes", "until": "reply_on"}).assign(
        reply_basis="measured", reply_source_url=None)
    reported = rates.dropna(subset=["median_response_minutes"]).sort_values("period_end", kind="stable") \
        .groupby("department_id").tail(1).rename(columns={
            "median_response_minutes": "reply_minutes", "period_end": "reply_on", "source_url": "reply_source_url"}) \
        .assign(reply_basis="reported")
    reported = reported[~reported["department_id"].isin(measured["department_id"])]
    return pd.concat([measured[columns], reported[columns]], ignore_index=True)


def latest_absences(absences: pd.DataFrame, cutoff: str) -> pd.DataFrame:
    """The newest dated 'no account' statement per department and platform."""
    made = absences[absences["checked_on"] <= cutoff].sort_values("checked_on", kind="stable")
    return made.groupby(["department_id", "platform"]).tail(1)[
        ["department_id", "platform", "checked_on", "source_url"]].rename(
        columns={"checked_on": "absent_on", "source_url": "absent_source_url"})
