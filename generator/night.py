"""One night's collection: plan -> users lookup -> replies -> write snapshot and registry."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path

import pandas as pd

from . import collect, snapshots
from .config import load_config
from .registry import load_dataset
from .schedule import Plan, account_states, plan_night, reads_this_month


@dataclass
class NightSummary:
    plan: Plan
    states: Counter = field(default_factory=Counter)
    requests: int = 0
    lookups: int = 0
    waited_seconds: float = 0.0
    replies_measured: int = 0
    stopped_early: str | None = None
    registry_updated: bool = False

    def line(self) -> str:
        s = self.states
        text = (f"accounts ok {s['ok'] + s['protected']} / suspended {s['suspended']} / "
                f"not found {s['not_found']} / error {s['error']}; requests {self.requests} "
                f"({self.lookups} lookups); replies measured for {self.replies_measured} accounts; "
                f"rate-limit waits {self.waited_seconds:.0f}s")
        if self.stopped_early:
            text += f"; stopped early: {self.stopped_early}"
        return text


def candidates(accounts: pd.DataFrame) -> dict[tuple[str, str], collect.Target]:
    """X accounts that can be looked up: a known id or a handle."""
    out = {}
    for row in accounts[accounts["platform"] == "x"].itertuples():
        handle = None if pd.isna(row.handle) else row.handle
        account_id = None if pd.isna(row.account_id) else row.account_id
        if handle or account_id:
            out[(row.department_id, "x")] = collect.Target(row.department_id, handle, account_id)
    return out


def _reply_rotation(targets: list[collect.Target], replies: pd.DataFrame) -> list[collect.Target]:
    """Accounts measured longest ago first, so a small budget still reaches everyone in turn."""
    last = replies.groupby("department_id")["date"].max().to_dict() if len(replies) else {}
    return sorted(targets, key=lambda t: (last.get(t.department_id, ""), t.department_id))


def run_night(data_dir: Path, day: date, token: str | None, base_url: str, *, dry_run: bool = False,
              progress: Callable[[str], None] = lambda _: None, sleep=None) -> NightSummary:
    data_dir = Path(data_dir)
    cfg = load_config(data_dir)
    ds = load_dataset(data_dir)
    lookable = candidates(ds.accounts)
    plan = plan_night(sorted(lookable), account_states(ds.snapshots), day,
                      reads_this_month(ds.snapshots, day), cfg.collect, cfg.status)
    summary = NightSummary(plan=plan)
    progress(plan.describe())
    if dry_run:
        return summary
    if not token:
        raise collect.AuthError("X_BEARER_TOKEN is not set")
    api = collect.XApi(token=token, cfg=cfg.collect, base_url=base_url,
                       **({"sleep": sleep} if sleep else {}))
    targets = [lookable[key] for key in plan.keys]
    rows: list[dict] = []
    requests = collect.batches(targets)
    try:
        for n, (kind, group) in enumerate(requests, 1):
            rows.extend(collect.lookup_rows(api, kind, group, day))
            progress(f"lookup {n}/{len(requests)}: {len(rows)}/{len(targets)} accounts, "
                     f"{api.stats.requests} requests, waited {api.stats.waited_seconds:.0f}s")
    except collect.RateLimitExhausted as exc:
        summary.stopped_early = str(exc)
        progress(f"{exc}; keeping the {len(rows)} accounts looked up so far")
    summary.states.update(r["state"] for r in rows)

    reply_rows = []
    if not summary.stopped_early and cfg.collect.reply_requests_per_night > 0:
        ok = {r["department_id"]: r["account_id"] for r in rows if r["state"] == "ok"}
        rotation = _reply_rotation([lookable[(d, "x")] for d in ok], ds.replies)
        measured_day = day - timedelta(days=1)
        budget_end = api.stats.requests + cfg.collect.reply_requests_per_night
        try:
            for target in rotation:
                left = budget_end - api.stats.requests
                if left < 2:
                    break
                result = collect.measure_replies(api, target.department_id, ok[target.department_id],
                                                 measured_day, left)
                if result is not None:
                    reply_rows.append(result)
        except collect.RateLimitExhausted as exc:
            summary.stopped_early = str(exc)
        summary.replies_measured = len(reply_rows)

    snapshots.write_snapshot(data_dir, "x", day.isoformat(), rows)
    if reply_rows:
        snapshots.write_replies(data_dir, "x", (day - timedelta(days=1)).isoformat(), reply_rows)
    found = {(r["department_id"], "x"): r for r in rows if r["state"] in ("ok", "protected")}
    summary.registry_updated = snapshots.update_accounts(data_dir, ds.accounts, found)
    summary.requests = api.stats.requests
    summary.lookups = api.stats.lookups
    summary.waited_seconds = api.stats.waited_seconds
    return summary
