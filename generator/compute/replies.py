"""Replies to citizens: per department, the last 30 measured days, from daily counts."""

from __future__ import annotations

import pandas as pd

REPLY_WINDOW_DAYS = 30
COLUMNS = ["department_id", "days", "mentions", "answered", "answered_within_hour", "answered_share",
           "median_reply_minutes", "since", "until", "platform"]


def daily_medians(replies: pd.DataFrame, by: list[str]) -> pd.DataFrame:
    """Each day's median reply time, once per `by` (a department, ...) and date: a day measured
    on several platforms counts once in a median of days, at the mean of its platforms' medians
    weighted by the replies each rests on (answered). Only the counts of a day are stored, not
    its replies, so their pooled median cannot be known; this is nearest to it."""
    keys = [*by, "date"]
    columns = [*keys, "median_reply_minutes"]
    twice = replies.duplicated(keys, keep=False).to_numpy()
    if not twice.any():  # most departments are measured on one platform: no grouping of every row
        return replies[columns]
    shared = replies[twice]
    minutes = shared["median_reply_minutes"].astype("float64")
    weight = shared["answered"].astype("float64").where(minutes.notna(), 0.0)
    sums = shared[keys].assign(_minutes=(minutes * weight).fillna(0.0), _weight=weight).groupby(
        keys, as_index=False, sort=False)[["_minutes", "_weight"]].sum()
    sums["median_reply_minutes"] = sums["_minutes"] / sums["_weight"].where(sums["_weight"] > 0)
    return pd.concat([replies.loc[~twice, columns], sums[columns]], ignore_index=True)


def counted(replies: pd.DataFrame) -> pd.DataFrame:
    """The daily rows a department's reply figures count: its last REPLY_WINDOW_DAYS days, up to
    its newest measured day (not tonight's: a department measured last month keeps its figures).
    What the pages show of replies, and so what a night's pinned ZIP holds of them."""
    day = pd.to_datetime(replies["date"])
    latest = day.groupby(replies["department_id"]).transform("max")
    return replies[(day > latest - pd.Timedelta(days=REPLY_WINDOW_DAYS)).to_numpy(dtype=bool)]


def reply_summary(replies: pd.DataFrame, per_platform: bool = False) -> pd.DataFrame:
    """Mentions, answered, within an hour, and the median of the daily median reply times (a day
    measured on two platforms once: daily_medians), and the platform they were measured on: per
    department (what its grade counts), or with `per_platform` per department and platform, each
    over the department's same 30 days."""
    if not len(replies):
        return pd.DataFrame(columns=COLUMNS)
    recent = counted(replies)
    by = ["department_id", "platform"] if per_platform else ["department_id"]
    out = recent.groupby(by).agg(
        days=("date", "nunique"), mentions=("mentions", "sum"), answered=("answered", "sum"),
        answered_within_hour=("answered_within_hour", "sum"),
        since=("date", "min"), until=("date", "max"), measured_on=("platform", "first"),
        platforms=("platform", "nunique")).reset_index()
    out = out.merge(daily_medians(recent, by).groupby(by, as_index=False)["median_reply_minutes"].median(),
                    on=by, how="left")
    # The platform the figures were measured on, blank where they mix several: a badge of one
    # platform shows only that platform's reply time.
    out["platform"] = out["measured_on"].where(out["platforms"] == 1, None)
    share = out["answered"].astype("Float64") / out["mentions"].astype("Float64").where(out["mentions"] > 0) * 100
    out["answered_share"] = share.astype("float64")  # unrounded: pages round what they show
    return out[COLUMNS]
