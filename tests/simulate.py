"""Simulated nights of accounts that post, fall silent, revive, get suspended and renamed,
and go quiet together, for the budget scheduler.

Shared by the scheduler tests and `benchmarks/schedule.py`. The world is written apart from
the planner: its habits are not the planner's model. Gaps between posts are Pareto (heavy
tailed); accounts switch between very active, regular, sporadic and dormant; an officer's
transfer silences an account at once; dormant accounts revive; accounts are suspended and
reinstated; a rename makes the next lookup fail; lookups fail and nights are skipped; and a
state's accounts fall silent together for weeks (an election's code of conduct).

Right and wrong are decided by the project's own status rule (`compute.status.status_from`)
applied to the truth and to what the collector last saw.
"""

from __future__ import annotations

import time
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, timedelta

import numpy as np
import pandas as pd

from generator.collect.budget import fade, nightly_allowance, plan_night
from generator.compute.status import status_from
from generator.config import CollectConfig, StatusConfig

VERY_ACTIVE, REGULAR, SPORADIC, DORMANT = range(4)
MEDIAN_GAP = np.array([0.15, 1.5, 12.0, np.inf])  # days between posts, by habit
STATES = 36
WARM_UP = 60  # nights of history (everyone read weekly) before the measured nights
AFTER = 14  # nights after a collective silence ends that are counted apart (Result.after_silence)
SILENT = ("slow", "dormant", "abandoned")


@dataclass(frozen=True)
class Population:
    name: str
    shares: tuple[float, float, float, float]  # very active, regular, sporadic, dormant
    tail: float  # Pareto shape of the gaps: lower is heavier
    edge_share: float  # accounts whose habit is a post about every week or every month
    switch: float  # chance a day that an account changes habit
    transfer: float  # chance a day that a posting account falls silent at once
    revive: float  # chance a day that a dormant account starts posting
    suspend: float
    reinstate: float
    rename: float
    elections: float  # state-wide silences a state a year
    election_days: tuple[int, int]
    silenced: float  # share of a state's accounts an election silences
    fail: float  # lookups that fail
    skip: float  # nights the collector does not run


POPULATIONS = {
    "typical": Population("typical", (0.30, 0.35, 0.20, 0.15), tail=1.6, edge_share=0.05, switch=0.003,
                          transfer=0.001, revive=0.002, suspend=0.0002, reinstate=0.02, rename=0.0005,
                          elections=0.5, election_days=(20, 45), silenced=0.7, fail=0.005, skip=0.01),
    "band edges": Population("band edges", (0.20, 0.25, 0.40, 0.15), tail=2.5, edge_share=0.6, switch=0.003,
                             transfer=0.001, revive=0.002, suspend=0.0002, reinstate=0.02, rename=0.0005,
                             elections=0.5, election_days=(20, 45), silenced=0.7, fail=0.005, skip=0.01),
    "adversarial": Population("adversarial", (0.25, 0.25, 0.25, 0.25), tail=1.2, edge_share=0.2, switch=0.01,
                              transfer=0.004, revive=0.006, suspend=0.001, reinstate=0.03, rename=0.002,
                              elections=1.5, election_days=(15, 60), silenced=0.9, fail=0.02, skip=0.03),
}


class World:
    """The truth: who posted when. Evolves the same whatever the collector reads."""

    def __init__(self, accounts: int, pop: Population, rng: np.random.Generator, first_day: int):
        self.pop, self.rng, self.n = pop, rng, accounts
        self.habit = rng.choice(4, size=accounts, p=pop.shares)
        self.scale = rng.lognormal(0.0, 0.5, accounts)  # each account's own pace
        edge = rng.random(accounts) < pop.edge_share
        self.edge_gap = np.where(edge, rng.choice([6.0, 8.0, 25.0, 33.0], size=accounts), np.nan)
        self.state_of = np.minimum(rng.zipf(1.6, accounts) - 1, STATES - 1)
        self.quiet_until = np.full(STATES, -1)  # last day of a state's collective silence
        self.muted = np.zeros(accounts, dtype=bool)
        self.suspended = np.zeros(accounts, dtype=bool)
        self.renamed_on = np.full(accounts, -np.inf)
        self.posts = rng.integers(50, 5000, accounts).astype(float)
        self.last_post = first_day - rng.integers(0, 400, accounts).astype(float)
        self.last_post[self.habit != DORMANT] = first_day - rng.integers(0, 3, accounts)[self.habit != DORMANT]
        self.next_post = np.full(accounts, np.inf)
        self._new_gaps(np.arange(accounts), float(first_day))

    def _gaps(self, idx: np.ndarray) -> np.ndarray:
        edge = self.edge_gap[idx]
        median = np.where(np.isnan(edge), MEDIAN_GAP[self.habit[idx]] * self.scale[idx], edge)
        tail = np.where(np.isnan(edge), self.pop.tail, 6.0)  # edge posters keep to their rhythm
        u = self.rng.random(len(idx))
        return median * ((1 - u) ** (-1 / tail) - 1) / (2 ** (1 / tail) - 1)

    def _new_gaps(self, idx: np.ndarray, start: float) -> None:
        self.next_post[idx] = start + self._gaps(idx)

    def step(self, day: int) -> None:
        pop, rng, n = self.pop, self.rng, self.n
        posting = self.habit != DORMANT
        switch = rng.random(n) < pop.switch
        self.habit[switch] = rng.choice(4, size=int(switch.sum()), p=pop.shares)
        self.edge_gap[switch] = np.nan
        self.habit[posting & (rng.random(n) < pop.transfer)] = DORMANT
        revived = (self.habit == DORMANT) & (rng.random(n) < pop.revive)
        self.habit[revived] = rng.choice([VERY_ACTIVE, REGULAR, SPORADIC], size=int(revived.sum()))
        changed = np.flatnonzero(switch | revived)
        self._new_gaps(changed, day - 1 + rng.random(len(changed)))
        self.next_post[self.habit == DORMANT] = np.inf
        # Collective silences: a state's accounts stop together, and resume within days.
        start = (self.quiet_until < day) & (rng.random(STATES) < pop.elections / 365)
        ended = self.quiet_until == day - 1
        self.quiet_until[start] = day + rng.integers(*pop.election_days, size=int(start.sum()))
        hit = start[self.state_of] & (rng.random(n) < pop.silenced)
        self.muted |= hit
        back = ended[self.state_of] & self.muted
        self.muted &= ~back
        resume = np.flatnonzero(back & (self.habit != DORMANT))
        self.next_post[resume] = day - 1 + rng.uniform(0, 3, len(resume))
        self.suspended ^= np.where(self.suspended, rng.random(n) < pop.reinstate, rng.random(n) < pop.suspend)
        self.renamed_on[rng.random(n) < pop.rename] = day
        # Posts of the day: every due post of an account that can post.
        can = ~self.muted & ~self.suspended
        idx = np.flatnonzero(can & (self.next_post <= day))
        while len(idx):
            self.posts[idx] += 1
            self.last_post[idx] = day
            self._new_gaps(idx, self.next_post[idx])
            idx = idx[self.next_post[idx] <= day]
        stalled = ~can & (self.next_post <= day)
        self.next_post[stalled] = day + 0.5  # they post on the day they can

    def status(self, day: int, cfg: StatusConfig) -> np.ndarray:
        return status_from(day - self.last_post, np.where(self.suspended, "suspended", "ok"), cfg)


@dataclass
class Seen:
    """What the collector knows: its observations, as `account_states` would give them."""

    n: int
    refreshed: np.ndarray = None
    observed: np.ndarray = None
    last_post: np.ndarray = None
    posts: np.ndarray = None
    gone: np.ndarray = None
    rate_posts: np.ndarray = None
    rate_days: np.ndarray = None
    resolved: np.ndarray = None  # the night the account's id was last resolved
    post_before: np.ndarray = None  # the post before the newest one, as seen
    post_before_seen_on: np.ndarray = None  # the night the post before was last seen

    def __post_init__(self):
        for name in ("refreshed", "observed", "last_post", "posts", "post_before", "post_before_seen_on"):
            setattr(self, name, np.full(self.n, np.nan))
        self.gone = np.zeros(self.n, dtype=bool)
        self.rate_posts, self.rate_days = np.zeros(self.n), np.zeros(self.n)
        self.resolved = np.full(self.n, -np.inf)

    def read(self, idx: np.ndarray, day: int, world: World, failed: np.ndarray) -> None:
        """Look up `idx`: a renamed account fails once (its id is then resolved), like any
        failed lookup it refreshes nothing."""
        renamed = world.renamed_on[idx] > self.resolved[idx]
        self.resolved[idx[renamed]] = day
        ok = idx[~renamed & ~failed]
        self.refreshed[ok] = day
        gone = world.suspended[ok]
        self.gone[ok] = gone
        seen = ok[~gone]
        had = ~np.isnan(self.observed[seen])
        made = np.where(had, np.clip(world.posts[seen] - self.posts[seen], 0, None), 0.0)
        watched = np.where(had, day - self.observed[seen], 0.0)
        keep = fade(watched)
        self.rate_posts[seen] = self.rate_posts[seen] * keep + made
        self.rate_days[seen] = self.rate_days[seen] * keep + watched
        moved = seen[had & (world.last_post[seen] != self.last_post[seen])]
        self.post_before[moved] = self.last_post[moved]
        self.post_before_seen_on[moved] = self.observed[moved]
        self.observed[seen] = day
        self.last_post[seen] = world.last_post[seen]
        self.posts[seen] = world.posts[seen]

    def published(self, cfg: StatusConfig) -> np.ndarray:
        status = status_from(self.observed - self.last_post, np.where(self.gone, "suspended", "ok"), cfg)
        return np.where(np.isnan(self.refreshed), "unknown", status)

    def table(self, index: pd.MultiIndex, groups: np.ndarray) -> pd.DataFrame:
        return pd.DataFrame({
            "last_refresh": _iso(self.refreshed), "observed_on": _iso(self.observed),
            "last_post_at": _iso(self.last_post), "followers": 1000, "posts": self.posts,
            "account_state": np.where(self.gone, "suspended", "ok"), "rate_posts": self.rate_posts,
            "rate_days": self.rate_days, "group": groups, "post_before": _iso(self.post_before),
            "post_before_seen_on": _iso(self.post_before_seen_on)}, index=index)


def _iso(days: np.ndarray) -> np.ndarray:
    out = (np.datetime64("1970-01-01") + np.nan_to_num(days, nan=0).astype("timedelta64[D]")).astype(str)
    return np.where(np.isnan(days), None, out)


@dataclass
class Result:
    planner: str
    nights: int = 0
    reads: int = 0
    reads_by_month: Counter = field(default_factory=Counter)
    wrong_account_nights: int = 0
    accusing_account_nights: int = 0  # active accounts shown slow, dormant or abandoned
    account_nights: int = 0
    max_gap: int = 0
    over_allowance_nights: int = 0
    over_budget_months: int = 0
    to_silent: list[int] = field(default_factory=list)  # nights to notice active -> slow/dormant
    to_active: list[int] = field(default_factory=list)  # nights to notice dormant/abandoned -> active
    planner_seconds: float = 0.0
    floor_days: Counter = field(default_factory=Counter)  # the floor the plans said they kept
    event_nights: int = 0  # nights a plan reported a collective silence
    # Account-nights (all, wrong) in a state under a collective silence, and in the AFTER
    # nights after one ended: where the issue saw wrong statuses triple.
    silence: list[int] = field(default_factory=lambda: [0, 0])
    after_silence: list[int] = field(default_factory=lambda: [0, 0])
    mistakes: Counter = field(default_factory=Counter)  # (shown, truth) -> account-nights

    @property
    def wrong_share(self) -> float:
        return self.wrong_account_nights / max(self.account_nights, 1)

    @property
    def accusing_share(self) -> float:
        return self.accusing_account_nights / max(self.wrong_account_nights, 1)

    @staticmethod
    def share(counts: list[int]) -> float:
        return counts[1] / counts[0] if counts[0] else float("nan")

    def p95(self, delays: list[int]) -> float:
        return float(np.percentile(delays, 95)) if delays else float("nan")


Chooser = Callable[[int, np.ndarray, int, "Seen", World], np.ndarray]


def simulate(accounts: int, nights: int, monthly_budget: int | None, *, seed: int = 1,
             population: str | Population = "typical", planner: str = "planner",
             start: date = date(2026, 1, 1), max_days: int = 7) -> Result:
    """Run one planner night after night: "planner" (the project's), "round-robin",
    "random", "oracle" (knows the truth; the bound), or with no budget everyone nightly."""
    pop = POPULATIONS[population] if isinstance(population, str) else population
    status_cfg = StatusConfig()
    cfg = CollectConfig(monthly_read_budget=monthly_budget or 10**12, max_days_between_refresh=max_days)
    world_rng, luck = np.random.default_rng(seed), np.random.default_rng(seed + 10_000)
    origin = start.toordinal() - date(1970, 1, 1).toordinal()
    world = World(accounts, pop, world_rng, origin - WARM_UP)
    seen = Seen(accounts)
    keys = [(f"d{i}", "x") for i in range(accounts)]
    index = pd.MultiIndex.from_tuples(keys, names=["department_id", "platform"])
    position = {key: i for i, key in enumerate(keys)}
    groups = np.array([f"IN-{s:02d}" for s in world.state_of], dtype=object)
    everyone = np.arange(accounts)
    for day in range(origin - WARM_UP, origin):
        world.step(day)
        weekly = everyone[(everyone + day) % 7 == 0]
        seen.resolved[weekly] = world.renamed_on[weekly]  # the history before starts clean
        seen.read(weekly, day, world, np.zeros(len(weekly), dtype=bool))
    result = Result(planner=planner if monthly_budget else "everyone nightly", nights=nights)
    used_month, month = 0, start.month
    previous = world.status(origin - 1, status_cfg)
    shown_before = seen.published(status_cfg)
    waiting_silent = np.full(accounts, -1)
    waiting_active = np.full(accounts, -1)
    for night in range(nights):
        today = start + timedelta(days=night)
        day = origin + night
        if today.month != month:
            result.over_budget_months += used_month > cfg.monthly_read_budget
            used_month, month = 0, today.month
        world.step(day)
        truth = world.status(day, status_cfg)
        allowance = nightly_allowance(today, used_month, cfg)
        chosen = np.zeros(0, dtype=int)
        if luck.random() >= pop.skip:
            if monthly_budget is None:
                chosen = everyone
            elif planner == "planner":
                started = time.perf_counter()
                plan = plan_night(keys, seen.table(index, groups), today, used_month, cfg, status_cfg)
                result.planner_seconds += time.perf_counter() - started
                result.floor_days[getattr(plan, "floor_days", None)] += 1
                result.event_nights += bool(getattr(plan, "events", ()))
                chosen = np.array([position[k] for k in plan.keys], dtype=int)
            else:
                chosen = _baseline(planner, allowance, seen, shown_before, truth, luck)
        result.over_allowance_nights += len(chosen) > allowance
        gaps = day - seen.refreshed[chosen]
        result.max_gap = max(result.max_gap, int(np.nanmax(gaps)) if len(gaps) and not np.isnan(gaps).all() else 0)
        seen.read(chosen, day, world, luck.random(len(chosen)) < pop.fail)
        used_month += len(chosen)
        result.reads += len(chosen)
        result.reads_by_month[today.strftime("%Y-%m")] += len(chosen)
        shown = seen.published(status_cfg)
        wrong = shown != truth
        result.wrong_account_nights += int(wrong.sum())
        pairs, counts = np.unique(shown[wrong].astype(str) + ">" + truth[wrong].astype(str), return_counts=True)
        result.mistakes.update(dict(zip(pairs.tolist(), counts.tolist(), strict=True)))
        result.accusing_account_nights += int((wrong & (truth == "active") & np.isin(shown, SILENT)).sum())
        result.account_nights += accounts
        last_quiet = world.quiet_until[world.state_of]
        after = (last_quiet >= 0) & (last_quiet < day) & (day - last_quiet <= AFTER)
        for counts, where in ((result.silence, last_quiet >= day), (result.after_silence, after)):
            counts[0] += int(where.sum())
            counts[1] += int((wrong & where).sum())
        _notice(previous, truth, shown, night, waiting_silent, waiting_active, result)
        previous, shown_before = truth, shown
    result.over_budget_months += used_month > cfg.monthly_read_budget
    result.max_gap = max(result.max_gap, int(np.nanmax(origin + nights - 1 - seen.refreshed)))
    return result


def _notice(previous, truth, shown, night, waiting_silent, waiting_active, result) -> None:
    """Nights from a change of the truth to the site showing it; a change undone before it
    was shown is not counted."""
    for waiting, before, after, delays in (
            (waiting_silent, previous == "active", np.isin(truth, SILENT), result.to_silent),
            (waiting_active, np.isin(previous, ("dormant", "abandoned")), truth == "active", result.to_active)):
        waiting[before & after] = night
        waiting[(waiting >= 0) & ~after] = -1  # undone
        shown_now = (waiting >= 0) & (np.isin(shown, SILENT) if delays is result.to_silent else shown == "active")
        delays.extend((night - waiting[shown_now]).tolist())
        waiting[shown_now] = -1


def _baseline(name: str, allowance: int, seen: Seen, shown: np.ndarray, truth: np.ndarray,
              rng: np.random.Generator) -> np.ndarray:
    oldest = np.argsort(np.nan_to_num(seen.refreshed, nan=-np.inf), kind="stable")
    if name == "round-robin":
        return oldest[:allowance]
    if name == "random":
        return rng.choice(len(shown), size=min(allowance, len(shown)), replace=False)
    if name == "oracle":
        # Knows tonight's truth: the accusing errors first, then any error, then the oldest.
        rank = np.where(shown == truth, 2, np.where((truth == "active") & np.isin(shown, SILENT), 0, 1))
        place = np.empty(len(oldest), dtype=int)
        place[oldest] = np.arange(len(oldest))
        return np.lexsort((place, rank))[:allowance]
    raise ValueError(f"unknown planner {name!r}")
