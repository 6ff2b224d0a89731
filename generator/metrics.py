"""Status, reach, complaint rates and grades. Pure pandas: no files, no network, no clock.

Every function takes the build date (`as_of`) and the config as arguments, so the same
data and date always give the same scorecard.
"""

from __future__ import annotations

from datetime import date

import pandas as pd

from .config import Config, GradeConfig, StatusConfig
from .registry import Dataset

STATUSES = ("active", "slow", "dormant", "abandoned", "no_account", "suspended", "not_found",
            "unknown")
# Scores feeding the activity part of the grade; unknown has none (left out, not zero).
ACTIVITY_SCORE = {"active": 100, "slow": 60, "dormant": 25, "abandoned": 0, "no_account": 0,
                  "suspended": 0, "not_found": 0}
# Median minutes to first response -> responsiveness score (first bound that holds).
RESPONSE_SCORE = ((60, 100), (240, 75), (1440, 50), (4320, 25))
CHANGE_WINDOWS = (7, 30, 365)
GOOD_STATES = ("ok", "protected")


def status_for_days(days: int, cfg: StatusConfig) -> str:
    """Band of an account by days between its last post and the observation."""
    if days <= cfg.active_max_days:
        return "active"
    if days <= cfg.slow_max_days:
        return "slow"
    if days <= cfg.dormant_max_days:
        return "dormant"
    return "abandoned"


def _day(value) -> date | None:
    if value is None or (isinstance(value, float) and pd.isna(value)) or value is pd.NA:
        return None
    return date.fromisoformat(str(value)[:10])


def _account_status(history: pd.DataFrame, cfg: StatusConfig) -> dict:
    """Status of one account from its observations, oldest first."""
    known = history[history["state"] != "error"]
    errors = history[history["state"] == "error"]
    out: dict = {"status": "unknown", "days_since_post": pd.NA, "observed_on": None,
                 "last_post_at": None, "account_state": None, "last_error_on": None}
    if len(errors) and (not len(known) or errors["date"].iloc[-1] > known["date"].iloc[-1]):
        out["last_error_on"] = errors["date"].iloc[-1]
    if not len(known):
        return out
    last = known.iloc[-1]
    out.update(observed_on=last["date"], account_state=last["state"],
                last_post_at=last["last_post_at"])
    if last["state"] in ("suspended", "not_found"):
        out["status"] = last["state"]
        return out
    posted = _day(last["last_post_at"])
    if posted is not None:
        days = (_day(last["date"]) - posted).days
        out.update(status=status_for_days(days, cfg), days_since_post=days)
    elif last["posts"] == 0:
        out["status"] = "abandoned"  # looked up and has never posted
    return out


def _reach(history: pd.DataFrame) -> dict:
    counted = history.dropna(subset=["followers"])
    out: dict = {"followers": pd.NA, "followers_on": None, "first_followers": pd.NA,
                 "first_followers_on": None, "observations": len(counted)}
    for window in CHANGE_WINDOWS:
        out[f"change_{window}d"] = pd.NA
    if not len(counted):
        return out
    latest, first = counted.iloc[-1], counted.iloc[0]
    out.update(followers=int(latest["followers"]), followers_on=latest["date"],
               first_followers=int(first["followers"]), first_followers_on=first["date"])
    latest_day = _day(latest["date"])
    ages = counted["date"].map(lambda d: (latest_day - _day(d)).days)
    for window in CHANGE_WINDOWS:
        # Compare with an observation between N and 2N days older, so a 7-day change is
        # never computed from a figure three years old.
        base = counted[(ages >= window) & (ages <= 2 * window)]
        if len(base):
            out[f"change_{window}d"] = int(latest["followers"]) - int(base.iloc[-1]["followers"])
    return out


def handles(ds: Dataset, as_of: date, cfg: Config) -> pd.DataFrame:
    """One row per department and platform, including departments with no account."""
    depts = ds.departments.drop(columns=["_file", "_line"]).rename(
        columns={"id": "department_id", "name_en": "department_name_en",
                 "name_hi": "department_name_hi"})
    accounts = ds.accounts.drop(columns=["_file", "_line"]).rename(
        columns={"source_url": "account_source_url"})
    expected = pd.DataFrame(
        [(d, p) for d in depts["department_id"] for p in cfg.status.expected_platforms],
        columns=["department_id", "platform"])
    pairs = pd.concat([expected, accounts[["department_id", "platform"]]]).drop_duplicates()
    table = pairs.merge(depts, on="department_id").merge(
        accounts, on=["department_id", "platform"], how="left", indicator=True)
    table["has_account"] = table.pop("_merge") == "both"

    snaps = ds.snapshots.sort_values(["date", "_file", "_line"], kind="stable")
    groups = {key: g for key, g in snaps.groupby(["department_id", "platform"], sort=False)}
    rows = []
    for _, row in table.iterrows():
        history = groups.get((row["department_id"], row["platform"]), snaps.iloc[0:0])
        info = {**_account_status(history, cfg.status), **_reach(history)}
        if not row["has_account"]:
            info["status"] = "no_account"
        latest_known = history[history["state"] != "error"]
        info["source_url"] = (latest_known["source_url"].iloc[-1] if len(latest_known)
                              else row["account_source_url"])
        handle_seen = history["handle"].dropna()
        if pd.isna(row["handle"]) and len(handle_seen):
            info["handle"] = handle_seen.iloc[-1]
        rows.append(info)
    result = pd.concat([table.reset_index(drop=True), pd.DataFrame(rows)], axis=1)
    result = result.loc[:, ~result.columns.duplicated(keep="last")]
    observed = result["observed_on"].map(_day)
    result["observation_age_days"] = observed.map(lambda d: (as_of - d).days if d else pd.NA)
    result["stale"] = result["observation_age_days"].map(
        lambda a: bool(a is not pd.NA and a > cfg.status.stale_after_days))
    result["rank_in_state"] = _rank(result, "state")
    result["rank_in_category"] = _rank(result, "category")
    return result.sort_values(["state", "district", "department_id", "platform"],
                              na_position="first", kind="stable").reset_index(drop=True)


def _rank(table: pd.DataFrame, within: str) -> pd.Series:
    followers = pd.to_numeric(table["followers"], errors="coerce")
    return followers.groupby([table["platform"], table[within]]).rank(
        ascending=False, method="min").astype("Int64")


def complaint_rates(complaints: pd.DataFrame, cfg: Config) -> pd.DataFrame:
    """Rates from counts, and flags where the source's own figures disagree with them."""
    df = complaints.drop(columns=["_file", "_line"], errors="ignore").copy()
    received = pd.to_numeric(df["received"], errors="coerce")
    with_received = received.where(received > 0)
    for part in ("resolved", "rejected", "pending"):
        df[f"{part}_rate"] = (pd.to_numeric(df[part], errors="coerce") / with_received * 100).round(1)
    reported = pd.to_numeric(df["reported_resolution_rate"], errors="coerce")
    gap = (reported - df["resolved_rate"]).abs()
    df["rate_mismatch"] = (gap > cfg.complaints.rate_tolerance_points).fillna(False).astype(bool)
    parts = df[["resolved", "rejected", "pending"]].apply(pd.to_numeric, errors="coerce")
    df["counts_exceed_received"] = (parts.sum(axis=1, min_count=1) > received).fillna(False)
    df["period_days"] = (pd.to_datetime(df["period_end"]) - pd.to_datetime(df["period_start"])).dt.days + 1
    # Day cells of an ingested export are for the downloads; pages show months and reports.
    df["shown"] = (df["period_days"] > 1) | (df["source"] != "ingest")
    return df.sort_values(["department_id", "channel", "period_start"], kind="stable").reset_index(drop=True)


def _response_score(minutes) -> float | None:
    if minutes is None or pd.isna(minutes):
        return None
    for bound, score in RESPONSE_SCORE:
        if minutes <= bound:
            return float(score)
    return 0.0


def letter(score: float, cfg: GradeConfig) -> str:
    for name, bound in (("A", cfg.a), ("B", cfg.b), ("C", cfg.c), ("D", cfg.d)):
        if score >= bound:
            return name
    return "F"


REPLY_WINDOW_DAYS = 30


def reply_summary(replies: pd.DataFrame) -> pd.DataFrame:
    """Per department, the last 30 measured days: mentions, answered, within an hour, and
    the median of the daily median reply times."""
    if not len(replies):
        return pd.DataFrame(columns=["department_id", "days", "mentions", "answered", "answered_within_hour",
                                     "answered_share", "median_reply_minutes", "since", "until"])
    df = replies.copy()
    df["day"] = pd.to_datetime(df["date"])
    latest = df.groupby("department_id")["day"].transform("max")
    recent = df[df["day"] > latest - pd.Timedelta(days=REPLY_WINDOW_DAYS)]
    out = recent.groupby("department_id").agg(
        days=("date", "count"), mentions=("mentions", "sum"), answered=("answered", "sum"),
        answered_within_hour=("answered_within_hour", "sum"),
        median_reply_minutes=("median_reply_minutes", lambda s: pd.to_numeric(s).median()),
        since=("date", "min"), until=("date", "max")).reset_index()
    out["answered_share"] = (out["answered"] / out["mentions"].where(out["mentions"] > 0) * 100).round(1)
    return out


def grades(handle_rows: pd.DataFrame, rates: pd.DataFrame, cfg: Config,
           replies: pd.DataFrame | None = None) -> pd.DataFrame:
    """A composite 0-100 score and letter per department, with every input kept beside it.

    Responsiveness comes from measured replies where there are any, else from the median
    response time a complaint source reports.
    """
    g = cfg.grade
    measured = {} if replies is None else replies.set_index("department_id")["median_reply_minutes"].to_dict()
    rows = []
    for dept, accounts in handle_rows.groupby("department_id", sort=False):
        scores = [ACTIVITY_SCORE[s] for s in accounts["status"] if s in ACTIVITY_SCORE]
        activity = float(max(scores)) if scores else None
        mine = rates[rates["department_id"] == dept]
        timed = mine.dropna(subset=["median_response_minutes"])
        if dept in measured and not pd.isna(measured[dept]):
            responsiveness = _response_score(measured[dept])
        else:
            responsiveness = _response_score(timed["median_response_minutes"].iloc[-1]) if len(timed) else None
        resolved = mine[mine["shown"]].dropna(subset=["resolved_rate"]).sort_values("period_end", kind="stable")
        resolution = float(resolved["resolved_rate"].iloc[-1]) if len(resolved) else None
        parts = [(activity, g.weight_activity), (responsiveness, g.weight_responsiveness),
                 (resolution, g.weight_resolution)]
        used = [(v, w) for v, w in parts if v is not None]
        # Without a known status there is no grade: a grade from a claimed reply time
        # alone would flatter a handle nobody has looked at.
        known = activity is not None
        score = round(sum(v * w for v, w in used) / sum(w for _, w in used), 1) if known else None
        rows.append({"department_id": dept, "activity_score": activity,
                     "responsiveness_score": responsiveness, "resolution_score": resolution,
                     "score": score, "grade": letter(score, g) if score is not None else None})
    return pd.DataFrame(rows)


def complaint_rankings(rates: pd.DataFrame, handle_rows: pd.DataFrame, cfg: Config) -> pd.DataFrame:
    """Each department's latest period of a month or more with enough complaints for its
    rates to mean something; the page shows which period that is."""
    long = rates[(rates["period_days"] > 1) & rates["resolved_rate"].notna()]
    enough = long[pd.to_numeric(long["received"]) >= cfg.complaints.min_received_for_ranking]
    ranked = enough.sort_values(["period_end", "period_days"], kind="stable").groupby("department_id").tail(1)
    names = handle_rows.drop_duplicates("department_id")[["department_id", "department_name_en",
                                                          "department_name_hi", "state"]]
    return ranked.merge(names, on="department_id").reset_index(drop=True)


def status_counts(handle_rows: pd.DataFrame) -> dict[str, int]:
    counts = handle_rows["status"].value_counts()
    return {s: int(counts.get(s, 0)) for s in STATUSES}
