"""Which accounts to look up tonight, so the month's read budget lasts the month.

X bills every account looked up (de-duplicated per UTC day), so refreshing everyone every
night is not affordable at scale. Accounts never looked up come first, then those not
refreshed for the configured number of days, then those whose published status has
probably changed by now (their last post is crossing a band threshold), then the rest by
how long they have waited, weighted by how often such accounts change. Pure: a table of
account states in, a plan out.
"""

from __future__ import annotations

import calendar
from dataclasses import dataclass
from datetime import date

import numpy as np
import pandas as pd

from ..compute.status import GOOD_STATES, band
from ..config import CollectConfig, StatusConfig
from ..schema import AccountState, Status

# Chance per day of waiting that an account's band changed, relative to a slow poster:
# irregular posters start or stop, active ones rarely fall silent overnight.
DRIFT = {Status.SLOW: 1.0, Status.UNKNOWN: 1.0, Status.ACTIVE: 0.4, Status.DORMANT: 0.5, Status.ABANDONED: 0.15}
ORDER = ("new", "due", "changing", "rotation")


@dataclass(frozen=True)
class Plan:
    keys: list[tuple[str, str]]  # (department_id, platform), in priority order
    reasons: dict[str, int]
    allowance: int
    used_this_month: int
    eligible: int
    cost_per_read_usd: float

    @property
    def reads(self) -> int:
        return len(self.keys)

    @property
    def cost_usd(self) -> float:
        return round(self.reads * self.cost_per_read_usd, 2)

    def describe(self) -> str:
        parts = ", ".join(f"{k} {v}" for k, v in self.reasons.items() if v) or "none"
        return (f"plan: {self.reads} of {self.eligible} accounts ({parts}); {self.reads} reads, "
                f"about ${self.cost_usd:.2f}; tonight's allowance {self.allowance}, "
                f"used this month {self.used_this_month}")


def nightly_allowance(as_of: date, used_this_month: int, cfg: CollectConfig) -> int:
    """Reads left this month, spread evenly over the nights left (tonight included)."""
    nights_left = calendar.monthrange(as_of.year, as_of.month)[1] - as_of.day + 1
    return max(cfg.monthly_read_budget - used_this_month, 0) // nights_left


def reads_this_month(snapshots: pd.DataFrame, as_of: date) -> int:
    """Accounts X returned this month before tonight: what it billed (a failed lookup or a
    missing account returns no user and costs nothing)."""
    api = snapshots[(snapshots["source"] == "x-api") & snapshots["state"].isin(GOOD_STATES)]
    return int(((api["date"] >= as_of.replace(day=1).isoformat()) & (api["date"] < as_of.isoformat())).sum())


def reads_tonight(snapshots: pd.DataFrame, as_of: date) -> int:
    """Accounts X returned in an earlier run of tonight: they count against tonight's allowance."""
    api = snapshots[(snapshots["source"] == "x-api") & snapshots["state"].isin(GOOD_STATES)]
    return int((api["date"] == as_of.isoformat()).sum())


def account_states(snapshots: pd.DataFrame) -> pd.DataFrame:
    """Per account: last API refresh, and the last good observation's date, post and followers.

    A lookup that failed refreshed nothing: the account stays due, tonight and after."""
    snaps = snapshots.sort_values("date", kind="stable")
    answered = snaps[(snaps["source"] == "x-api") & (snaps["state"] != AccountState.ERROR)]
    api = answered.groupby(["department_id", "platform"])["date"].last()
    good = snaps[snaps["state"] != AccountState.ERROR].groupby(["department_id", "platform"]).last()
    states = pd.DataFrame({
        "last_refresh": api,
        "observed_on": good["date"] if len(good) else None,
        "last_post_at": good["last_post_at"] if len(good) else None,
        "followers": good["followers"] if len(good) else None,
    })
    return states


def _days(values: pd.Series, since: pd.Series | date) -> np.ndarray:
    moments = pd.to_datetime(values.astype("string").str[:10], errors="coerce")
    base = pd.Timestamp(since) if isinstance(since, date) else pd.to_datetime(since, errors="coerce")
    return (base - moments).dt.days.to_numpy(dtype=float)


def plan_night(candidates: list[tuple[str, str]], states: pd.DataFrame, as_of: date, used_this_month: int,
               collect_cfg: CollectConfig, status_cfg: StatusConfig, read_tonight: int = 0) -> Plan:
    """Choose tonight's lookups among `candidates`, within what is left of tonight's share of
    the budget after `read_tonight` accounts an earlier run of the night got."""
    allowance = max(nightly_allowance(as_of, used_this_month, collect_cfg) - read_tonight, 0)
    index = pd.MultiIndex.from_tuples(candidates, names=["department_id", "platform"])
    table = states.reindex(index)
    waited = _days(table["last_refresh"], as_of)
    published = band(_days(table["last_post_at"], table["observed_on"]), status_cfg)
    predicted = band(_days(table["last_post_at"], as_of), status_cfg)
    followers = pd.to_numeric(table["followers"], errors="coerce").fillna(0).to_numpy(dtype=float)
    audience = np.log10(followers + 10)
    group = np.select(
        [np.isnan(waited), waited <= 0, waited >= collect_cfg.max_days_between_refresh, published != predicted],
        [0, -1, 1, 2], default=3)
    drift = np.vectorize(DRIFT.get)(published, 1.0)
    # Within a group: the new and the changing by audience, the due by how overdue,
    # the rest by waiting time weighted by how changeable they are.
    urgency = np.select([group == 1, group == 3], [waited, np.nan_to_num(waited) * drift + 0.1 * audience],
                        default=audience)
    order = np.lexsort((-urgency, group))
    chosen = [int(i) for i in order if group[i] >= 0][:allowance]
    reasons = {name: int(sum(1 for i in chosen if group[i] == n)) for n, name in enumerate(ORDER)}
    return Plan([candidates[i] for i in chosen], reasons, allowance, used_this_month, len(candidates),
                collect_cfg.cost_per_read_usd)
