"""Complaint rates from counts, flags where a source's own figures disagree, and rankings."""

from __future__ import annotations

from datetime import date

import numpy as np
import pandas as pd

from ..config import Config
from ..schema import RATE_DIGITS, rounded
from .rankings import rank_of, volume_band, wilson


def with_withdrawn(complaints: pd.DataFrame, withdrawn: pd.DataFrame | None) -> pd.DataFrame:
    """Complaint rows, and a row with no figures for each withdrawn month, dated by its
    withdrawal: a reader who saw the month before finds it gone, and why."""
    complaints = complaints.assign(withdrawn_on=None, withdrawn_reason=None)
    if withdrawn is None or not len(withdrawn):
        return complaints
    start = pd.to_datetime(withdrawn["period_start"])
    gone = pd.DataFrame({"department_id": withdrawn["department_id"], "channel": withdrawn["channel"],
                         "period_start": withdrawn["period_start"],
                         "period_end": (start + pd.offsets.MonthEnd(0)).dt.strftime("%Y-%m-%d"),
                         "source": "ingest", "withdrawn_on": withdrawn["withdrawn_on"],
                         "withdrawn_reason": withdrawn["reason"]})
    return pd.concat([complaints, gone.reindex(columns=complaints.columns)], ignore_index=True)


PARTS = ("resolved", "rejected", "pending", "duplicates")


def hide_small_reported_cells(df: pd.DataFrame, k: int) -> pd.DataFrame:
    """Figures copied from a report (source `manual`) under the small-cell rule ingest keeps:
    a count of 1 to k-1 is hidden; where the received count and the parts still shown (a part
    not reported is as unknown to a reader as a hidden one) would pin a hidden count as
    small, every part of the row is hidden, and a row of fewer than k complaints, or one
    whose parts cannot be hidden safely, shows no count at all. With a hidden resolved count
    go the reported rate and the median resolution time, which would give it back; with a
    hidden received count, the median response time. The hidden columns are named in
    `hidden_cells` (';'-separated), so a page can say "hidden" rather than "not reported".

    Hidden parts are chosen by this rule alone, never by which cell is smallest: a rule that
    picks "the largest other cell" would tell a reader which hidden cell is the small one."""
    df = df.copy()
    manual = (df["source"] == "manual").to_numpy()
    parts = df[list(PARTS)].astype("float64").to_numpy()
    received = df["received"].astype("float64").to_numpy()
    hidden = manual[:, None] & (parts > 0) & (parts < k)

    def pins(hidden: np.ndarray) -> np.ndarray:
        """Rows whose unknown parts (hidden or not reported) could be worked out to be small."""
        unknown = hidden | np.isnan(parts)
        together = received - np.where(unknown, 0, parts).sum(axis=1)
        many = unknown.sum(axis=1)
        with np.errstate(invalid="ignore"):
            return hidden.any(axis=1) & ~((many > 1) & (together - (many - 1) >= k))

    reported = manual[:, None] & ~np.isnan(parts)
    again = pins(hidden)
    hidden[again] = reported[again] & (parts[again] > 0)  # zeros stay shown, as ingest shows them
    whole = manual & (((received > 0) & (received < k)) | pins(hidden))
    hidden[whole] = reported[whole]
    hidden_received = whole & ~np.isnan(received)
    for n, part in enumerate(PARTS):
        df[part] = df[part].mask(hidden[:, n])
    df["received"] = df["received"].mask(hidden_received)
    resolved_hidden = hidden[:, PARTS.index("resolved")]
    for column in ("reported_resolution_rate", "median_resolution_hours"):
        df[column] = df[column].mask(resolved_hidden)
    df["median_response_minutes"] = df["median_response_minutes"].mask(hidden_received)
    names = np.array(PARTS, dtype=object)
    df["hidden_cells"] = [";".join((["received"] if r else []) + list(names[h])) or None
                          for r, h in zip(hidden_received, hidden, strict=True)]
    return df


def complaint_rates(complaints: pd.DataFrame, cfg: Config, cutoff: str) -> pd.DataFrame:
    """Rates from counts, and flags where the source's own figures disagree with them, for
    periods ended by `cutoff`. Reported figures are first held to the small-cell rule, so no
    rate is computed from a hidden count."""
    df = complaints[complaints["period_end"] <= cutoff].drop(columns=["_file", "_line"], errors="ignore")
    df = hide_small_reported_cells(df, cfg.complaints.small_cell_k)
    # Counts a source gives as "over 1,000" or "nearly 1,000" make no rate, no flag and no
    # sum to check: any of them would read as exact.
    received = df["received"].astype("Float64").mask(df["bound"].notna())
    with_received = received.where(received > 0)
    # Unrounded: grades and the mismatch flag use them as they are; pages and files round
    # what they show (render/formats.py, schema's stated precision), and so does the
    # ranking (complaint_rankings), so that its places agree with the figures shown.
    for part in ("resolved", "rejected", "pending"):
        df[f"{part}_rate"] = (df[part].astype("Float64") / with_received * 100).astype("float64")
    reported = df["reported_resolution_rate"].astype("float64")
    tolerance = cfg.complaints.rate_tolerance_points
    # A source may give the share of the complaints it disposed of (received less pending):
    # "84 %" of 89,001 received, 3,878 pending, 71,391 resolved is 71,391 of 85,123.
    disposed = (received - df["pending"].astype("Float64")).where(lambda n: n > 0)
    of_disposed = (df["resolved"].astype("Float64") / disposed * 100).astype("float64")
    near = (reported - df["resolved_rate"]).abs() <= tolerance
    df["reported_of_disposed"] = (~near & ((reported - of_disposed).abs() <= tolerance)).astype(bool)
    df["rate_mismatch"] = (reported.notna() & df["resolved_rate"].notna() & ~near
                           & ~df["reported_of_disposed"]).astype(bool)
    parts = df[["resolved", "rejected", "pending"]].astype("Float64")
    df["counts_exceed_received"] = (parts.sum(axis=1, min_count=1) > received).fillna(False).astype(bool)
    df["period_days"] = (pd.to_datetime(df["period_end"]) - pd.to_datetime(df["period_start"])).dt.days + 1
    # Day cells of an ingested export are for the downloads; pages show months and reports.
    df["shown"] = (df["period_days"] > 1) | (df["source"] != "ingest")
    return df.sort_values(["department_id", "channel", "period_start"], kind="stable").reset_index(drop=True)


MONTH_DAYS = 28  # "a month or more": the shortest month
# Why a period counts in no rank and no grade, in the order they are said.
NOT_COUNTED = ("too_short", "too_old", "too_few")


def _since(periods: pd.DataFrame, as_of: date | None, column: str = "period_end") -> tuple[pd.Series, pd.Timestamp]:
    end = pd.to_datetime(periods[column])
    return end, pd.Timestamp(as_of) if as_of is not None else end.max()


def recent(periods: pd.DataFrame, cfg: Config, as_of: date | None, column: str = "period_end") -> pd.Series:
    """Periods that ended (`column`) at most `ranking_window_days` before the site's as-of date
    (the newest period's end when the site has none). A later one counts: a complaint month
    carries its own dates, and the accounts' newest observation may lag it (a night not
    collected). Measured replies are dated by their last measured day (`until`)."""
    end, since = _since(periods, as_of, column)
    return end >= since - pd.Timedelta(days=cfg.complaints.ranking_window_days)


def not_counted(periods: pd.DataFrame, cfg: Config, as_of: date | None) -> np.ndarray:
    """Why each period counts in no rank and no grade (NOT_COUNTED), or None where it counts:
    shorter than a month, ended more than `ranking_window_days` before the as-of date, or
    fewer than `min_received_for_ranking` complaints (a rate of a few says little)."""
    few = periods["received"].astype("Float64").fillna(0) < cfg.complaints.min_received_for_ranking
    return np.select([(periods["period_days"] < MONTH_DAYS).to_numpy(dtype=bool),
                      ~recent(periods, cfg, as_of).to_numpy(dtype=bool), few.to_numpy(dtype=bool)],
                     list(NOT_COUNTED), default=None)


def latest_periods(rates: pd.DataFrame, cfg: Config, as_of: date | None) -> pd.DataFrame:
    """The period the complaints ranking and the grade count for each department: its latest
    counted one (a month or more, recent, enough complaints), so that a small or late month
    never hides one; a department with none keeps its latest period with a rate, and the
    reason it is not counted in `not_counted`."""
    shown = rates[rates["shown"] & rates["resolved_rate"].notna()].copy()
    shown["not_counted"] = not_counted(shown, cfg, as_of)
    ordered = shown.sort_values(["period_end", "period_days"], kind="stable")
    best = ordered[ordered["not_counted"].isna()].groupby("department_id").tail(1)
    rest = ordered[~ordered["department_id"].isin(best["department_id"])].groupby("department_id").tail(1)
    return pd.concat([best, rest]).sort_values(["period_end", "period_days"], kind="stable")


def _without_rate(rates: pd.DataFrame, listed: pd.DataFrame) -> pd.DataFrame:
    """The latest period shown of each department whose figures make no rate (counts a source
    gives as bounds, no counts of complaints received and resolved, or counts hidden as small),
    with why: its figures are published, so the ranking says why it is not in it."""
    kept = rates["withdrawn_on"].isna() if "withdrawn_on" in rates else True  # a withdrawn month has no figures
    rows = rates[rates["shown"] & kept & ~rates["department_id"].isin(listed["department_id"])]
    rows = rows.sort_values(["period_end", "period_days"], kind="stable").groupby("department_id").tail(1)
    bounded = rows["bound"].notna() & rows["received"].notna()
    return rows.assign(unranked=np.where(bounded, "bound", "no_rate"))


def complaint_rankings(rates: pd.DataFrame, cfg: Config, as_of: date | None = None) -> pd.DataFrame:
    """Each department's counted period (latest_periods) and its place among the others of its
    volume band: "3 of 12". A department with no counted period keeps a row, unranked, with
    the reason; so does one alone in its band, and one whose figures make no rate. The 95 %
    interval of each rate is beside it."""
    latest = latest_periods(rates, cfg, as_of)
    if len(latest):
        counted = latest["not_counted"].isna()
        latest["band"] = volume_band(latest["received"])
        # Ranked as shown: two rates both shown as 81.1 % share a place, whatever lies below.
        shown = pd.Series(rounded(latest["resolved_rate"], RATE_DIGITS), index=latest.index)
        latest["rank"], latest["of"] = rank_of(shown, [latest["band"]], counted)
        latest["low"], latest["high"] = wilson(latest["resolved"], latest["received"])
        latest["unranked"] = np.where(counted, np.where(latest["rank"].isna(), "alone", None), latest["not_counted"])
    else:
        latest = latest.assign(band=None, rank=pd.array([], dtype="Int64"), of=pd.array([], dtype="Int64"),
                               low=[], high=[], unranked=None)
    latest = latest.drop(columns="not_counted")
    rest = _without_rate(rates, latest)
    if not len(rest):
        return latest.reset_index(drop=True)
    rest = rest.reindex(columns=latest.columns).assign(unranked=rest["unranked"])
    rest[["rank", "of"]] = rest[["rank", "of"]].astype(latest["rank"].dtype)
    return pd.concat([latest, rest], ignore_index=True)
