"""Complaint rates from counts, flags where a source's own figures disagree, and rankings."""

from __future__ import annotations

from datetime import date

import numpy as np
import pandas as pd

from ..config import Config
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
    # Unrounded: rankings, grades and the mismatch flag use them as they are; pages and
    # files round what they show (render/formats.py, schema's stated precision).
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


def recent(periods: pd.DataFrame, cfg: Config, as_of: date | None) -> pd.Series:
    """Periods that ended within `ranking_window_days` of the site's as-of date (of the newest
    period when the site has none): older ones are listed, never ranked or graded."""
    end = pd.to_datetime(periods["period_end"])
    since = pd.Timestamp(as_of) if as_of is not None else end.max()
    return end >= since - pd.Timedelta(days=cfg.complaints.ranking_window_days)


def latest_periods(rates: pd.DataFrame) -> pd.DataFrame:
    """Each department's latest period of a month or more with a resolution rate."""
    long = rates[(rates["period_days"] >= MONTH_DAYS) & rates["resolved_rate"].notna()]
    return long.sort_values(["period_end", "period_days"], kind="stable").groupby("department_id").tail(1).copy()


def counted(periods: pd.DataFrame, cfg: Config, as_of: date | None) -> pd.Series:
    """Periods a rank and the grade count: recent, and with at least `min_received_for_ranking`
    complaints (a rate of a few complaints says little of a department)."""
    return recent(periods, cfg, as_of) & (periods["received"] >= cfg.complaints.min_received_for_ranking)


def complaint_rankings(rates: pd.DataFrame, cfg: Config, as_of: date | None = None) -> pd.DataFrame:
    """Each department's latest period of a month or more with a resolution rate, and its
    place among the others of its volume band: "3 of 12".

    Ranked only when the period had at least `min_received_for_ranking` complaints and
    ended within `ranking_window_days` of the site's as-of date; the rest keep a row,
    unranked, with the reason. The 95 % interval of each rate is kept beside it.
    """
    latest = latest_periods(rates)
    if not len(latest):
        return latest.assign(band=None, rank=pd.array([], dtype="Int64"), of=pd.array([], dtype="Int64"),
                             low=[], high=[], unranked=None)
    enough = latest["received"] >= cfg.complaints.min_received_for_ranking
    recent_ = recent(latest, cfg, as_of)
    latest["band"] = volume_band(latest["received"])
    latest["rank"], latest["of"] = rank_of(latest["resolved_rate"], [latest["band"]], recent_ & enough)
    latest["low"], latest["high"] = wilson(latest["resolved"], latest["received"])
    latest["unranked"] = np.select([~enough, ~recent_, latest["rank"].isna()], ["too_few", "too_old", "alone"],
                                   default=None)
    return latest.reset_index(drop=True)
