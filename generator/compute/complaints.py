"""Complaint rates from counts, flags where a source's own figures disagree, and rankings."""

from __future__ import annotations

import pandas as pd

from ..config import Config


def complaint_rates(complaints: pd.DataFrame, cfg: Config) -> pd.DataFrame:
    """Rates from counts, and flags where the source's own figures disagree with them."""
    df = complaints.drop(columns=["_file", "_line"], errors="ignore").copy()
    received = df["received"].astype("Float64")
    with_received = received.where(received > 0)
    for part in ("resolved", "rejected", "pending"):
        df[f"{part}_rate"] = (df[part].astype("Float64") / with_received * 100).round(1).astype("float64")
    reported = df["reported_resolution_rate"].astype("float64")
    gap = (reported - df["resolved_rate"]).abs()
    df["rate_mismatch"] = (gap > cfg.complaints.rate_tolerance_points).fillna(False).astype(bool)
    parts = df[["resolved", "rejected", "pending"]].astype("Float64")
    df["counts_exceed_received"] = (parts.sum(axis=1, min_count=1) > received).fillna(False).astype(bool)
    df["period_days"] = (pd.to_datetime(df["period_end"]) - pd.to_datetime(df["period_start"])).dt.days + 1
    # Day cells of an ingested export are for the downloads; pages show months and reports.
    df["shown"] = (df["period_days"] > 1) | (df["source"] != "ingest")
    return df.sort_values(["department_id", "channel", "period_start"], kind="stable").reset_index(drop=True)


def complaint_rankings(rates: pd.DataFrame, cfg: Config) -> pd.DataFrame:
    """Each department's latest period of a month or more with enough complaints for its
    rates to mean something; the page shows which period that is."""
    long = rates[(rates["period_days"] > 1) & rates["resolved_rate"].notna()]
    enough = long[long["received"] >= cfg.complaints.min_received_for_ranking]
    ranked = enough.sort_values(["period_end", "period_days"], kind="stable").groupby("department_id").tail(1)
    return ranked.reset_index(drop=True)
