"""Replies to citizens: per department, the last 30 measured days, from daily counts."""

from __future__ import annotations

import pandas as pd

REPLY_WINDOW_DAYS = 30
COLUMNS = ["department_id", "days", "mentions", "answered", "answered_within_hour", "answered_share",
           "median_reply_minutes", "since", "until", "platform"]


def reply_summary(replies: pd.DataFrame, per_platform: bool = False) -> pd.DataFrame:
    """Mentions, answered, within an hour, and the median of the daily median reply times, and
    the platform they were measured on: per department (what its grade counts), or with
    `per_platform` per department and platform, each over the department's same 30 days."""
    if not len(replies):
        return pd.DataFrame(columns=COLUMNS)
    df = replies.copy()
    df["day"] = pd.to_datetime(df["date"])
    latest = df.groupby("department_id")["day"].transform("max")
    recent = df[df["day"] > latest - pd.Timedelta(days=REPLY_WINDOW_DAYS)]
    out = recent.groupby(["department_id", "platform"] if per_platform else "department_id").agg(
        days=("date", "nunique"), mentions=("mentions", "sum"), answered=("answered", "sum"),
        answered_within_hour=("answered_within_hour", "sum"),
        median_reply_minutes=("median_reply_minutes", "median"),
        since=("date", "min"), until=("date", "max"), measured_on=("platform", "first"),
        platforms=("platform", "nunique")).reset_index()
    # The platform the figures were measured on, blank where they mix several: a badge of one
    # platform shows only that platform's reply time.
    out["platform"] = out["measured_on"].where(out["platforms"] == 1, None)
    share = out["answered"].astype("Float64") / out["mentions"].astype("Float64").where(out["mentions"] > 0) * 100
    out["answered_share"] = share.astype("float64")  # unrounded: pages round what they show
    return out[COLUMNS]
