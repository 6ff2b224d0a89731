"""Which accounts to look up tonight, so the month's read budget lasts the month.

X bills every account looked up (de-duplicated per UTC day), so refreshing everyone every
night is not affordable at scale. Accounts whose published status may already be wrong
come first; quiet ones wait, but never longer than the configured number of days.
Pure: observations in, plan out.
"""

from __future__ import annotations

import calendar
import math
from dataclasses import dataclass
from datetime import date

import pandas as pd

from .config import CollectConfig, StatusConfig
from .metrics import status_for_days

# How likely an unrefreshed account's status is to have changed, per day of waiting:
# slow posters start or stop posting, active ones rarely fall silent overnight.
DRIFT = {"slow": 1.0, "unknown": 1.0, "active": 0.4, "dormant": 0.5, "abandoned": 0.15}


@dataclass(frozen=True)
class Planned:
    key: tuple[str, str]  # (department_id, platform)
    reason: str           # new, due, changing, rotation


@dataclass(frozen=True)
class Plan:
    accounts: list[Planned]
    allowance: int
    used_this_month: int
    eligible: int
    cost_per_read_usd: float

    @property
    def reads(self) -> int:
        return len(self.accounts)

    @property
    def cost_usd(self) -> float:
        return round(self.reads * self.cost_per_read_usd, 2)

    def describe(self) -> str:
        reasons = pd.Series([p.reason for p in self.accounts], dtype=object).value_counts()
        parts = ", ".join(f"{k} {v}" for k, v in reasons.items()) or "none"
        return (f"plan: {self.reads} of {self.eligible} accounts ({parts}); "
                f"{self.reads} reads, about ${self.cost_usd:.2f}; tonight's allowance {self.allowance}, "
                f"used this month {self.used_this_month}")


def nightly_allowance(as_of: date, used_this_month: int, cfg: CollectConfig) -> int:
    """Reads left this month, spread evenly over the nights left (tonight included)."""
    days_in_month = calendar.monthrange(as_of.year, as_of.month)[1]
    nights_left = days_in_month - as_of.day + 1
    left = max(cfg.monthly_read_budget - used_this_month, 0)
    return left // nights_left


def _state(history: pd.DataFrame, as_of: date, status_cfg: StatusConfig) -> dict:
    api = history[history["source"] == "x-api"]
    good = history[history["state"] != "error"]
    last_refresh = date.fromisoformat(api["date"].iloc[-1]) if len(api) else None
    published, predicted, followers = "unknown", "unknown", 0
    if len(good):
        last = good.iloc[-1]
        followers = 0 if pd.isna(last["followers"]) else int(last["followers"])
        if last["last_post_at"] and not pd.isna(last["last_post_at"]):
            posted = date.fromisoformat(str(last["last_post_at"])[:10])
            published = status_for_days((date.fromisoformat(last["date"]) - posted).days, status_cfg)
            predicted = status_for_days((as_of - posted).days, status_cfg)
    return {"last_refresh": last_refresh, "published": published, "predicted": predicted,
            "followers": followers}


def plan_night(candidates: list[tuple[str, str]], snapshots: pd.DataFrame, as_of: date,
               collect_cfg: CollectConfig, status_cfg: StatusConfig) -> Plan:
    """Choose tonight's lookups among `candidates` ((department_id, platform) keys)."""
    month_start = as_of.replace(day=1).isoformat()
    api = snapshots[snapshots["source"] == "x-api"]
    used = int(((api["date"] >= month_start) & (api["date"] < as_of.isoformat())).sum())
    allowance = nightly_allowance(as_of, used, collect_cfg)
    ordered = snapshots.sort_values("date", kind="stable")
    groups = {k: g for k, g in ordered.groupby(["department_id", "platform"], sort=False)}
    empty = ordered.iloc[0:0]
    ranked = []
    for key in candidates:
        s = _state(groups.get(key, empty), as_of, status_cfg)
        audience = math.log10(s["followers"] + 10)
        if s["last_refresh"] is None:
            ranked.append((0, -audience, key, "new"))
            continue
        waited = (as_of - s["last_refresh"]).days
        if waited == 0:
            continue  # already looked up today: a second read would cost without telling more
        if waited >= collect_cfg.max_days_between_refresh:
            ranked.append((1, -waited, key, "due"))
        elif s["predicted"] != s["published"]:
            ranked.append((2, -audience, key, "changing"))
        else:
            ranked.append((3, -(waited * DRIFT.get(s["published"], 1.0) + 0.1 * audience), key, "rotation"))
    ranked.sort()
    chosen = [Planned(key, reason) for _, _, key, reason in ranked[:allowance]]
    return Plan(chosen, allowance, used, len(candidates), collect_cfg.cost_per_read_usd)
