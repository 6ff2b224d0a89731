"""Simulated nights of accounts that post, fall silent and revive, for the budget scheduler.

Shared by the scheduler tests and `benchmarks/schedule.py`.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from datetime import date, timedelta

import numpy as np
import pandas as pd

from generator.collect.budget import nightly_allowance, plan_night
from generator.config import CollectConfig, StatusConfig

# (share of accounts, low and high posts per day)
KINDS = ((0.45, 0.5, 5.0), (0.20, 0.03, 0.3), (0.20, 0.002, 0.02), (0.15, 0.0, 0.0002))
SWITCH_PER_DAY = 0.002  # chance an account changes habit (revives, or falls silent)


@dataclass
class Result:
    nights: int
    reads: int
    reads_by_month: Counter = field(default_factory=Counter)
    wrong_account_nights: int = 0
    account_nights: int = 0
    max_gap: int = 0
    over_allowance_nights: int = 0

    @property
    def wrong_share(self) -> float:
        return self.wrong_account_nights / max(self.account_nights, 1)


def _bands(days: np.ndarray, cfg: StatusConfig) -> np.ndarray:
    return np.select([days <= cfg.active_max_days, days <= cfg.slow_max_days, days <= cfg.dormant_max_days],
                     [0, 1, 2], default=3)


def _rates(rng, n):
    kind = rng.choice(len(KINDS), size=n, p=[k[0] for k in KINDS])
    low = np.array([k[1] for k in KINDS])[kind]
    high = np.array([k[2] for k in KINDS])[kind]
    return rng.uniform(low, high)


def simulate(accounts: int, nights: int, monthly_budget: int | None, *, seed: int = 1,
             start: date = date(2026, 1, 1), max_days: int = 7) -> Result:
    """Run the scheduler (or, with no budget, refresh everyone) night after night."""
    rng = np.random.default_rng(seed)
    status_cfg = StatusConfig()
    cfg = CollectConfig(monthly_read_budget=monthly_budget or 10**12, max_days_between_refresh=max_days)
    keys = [(f"d{i}", "x") for i in range(accounts)]
    index = pd.MultiIndex.from_tuples(keys, names=["department_id", "platform"])
    rate = _rates(rng, accounts)
    origin = start.toordinal()
    true_last = origin - rng.integers(0, 400, accounts) * (rate < 0.01) - rng.integers(0, 3, accounts)
    # Warm start: every account was looked up once in the week before the simulation.
    refreshed = origin - rng.integers(1, max_days, accounts)
    seen_post = np.minimum(true_last, refreshed)
    followers = rng.lognormal(8, 2, accounts).astype(int)
    result = Result(nights=nights, reads=0)
    used_month, month = 0, start.month
    for night in range(nights):
        today = start + timedelta(days=night)
        t = today.toordinal()
        if today.month != month:
            used_month, month = 0, today.month
        switch = rng.random(accounts) < SWITCH_PER_DAY
        rate[switch] = _rates(rng, int(switch.sum()))
        posted = rng.random(accounts) < 1 - np.exp(-rate)
        true_last[posted] = t
        if monthly_budget is None:
            chosen = np.arange(accounts)
        else:
            iso = np.vectorize(lambda o: date.fromordinal(int(o)).isoformat())
            states = pd.DataFrame({"last_refresh": iso(refreshed), "observed_on": iso(refreshed),
                                   "last_post_at": iso(seen_post), "followers": followers}, index=index)
            plan = plan_night(keys, states, today, used_month, cfg, status_cfg)
            if plan.reads > nightly_allowance(today, used_month, cfg):
                result.over_allowance_nights += 1
            chosen = np.array([int(k[0][1:]) for k in plan.keys], dtype=int)
        gaps = t - refreshed[chosen]
        result.max_gap = max(result.max_gap, int(gaps.max()) if len(gaps) else 0)
        refreshed[chosen] = t
        seen_post[chosen] = true_last[chosen]
        used_month += len(chosen)
        result.reads += len(chosen)
        result.reads_by_month[today.strftime("%Y-%m")] += len(chosen)
        published = _bands((refreshed - seen_post).astype(float), status_cfg)
        truth = _bands((t - true_last).astype(float), status_cfg)
        result.wrong_account_nights += int((published != truth).sum())
        result.account_nights += accounts
    never_waited = t - refreshed
    result.max_gap = max(result.max_gap, int(never_waited.max()))
    return result
