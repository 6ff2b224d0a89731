"""One night's collection: plan -> users lookup -> the failed once more -> replies -> write
snapshot, ids and run record.

Whatever X answers, the night ends by writing what it got: a failed or unusable lookup is
an `error` row with its reason in the run record, and the planner treats it as not done.
"""

from __future__ import annotations

import time
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pandas as pd

from .. import __version__
from ..compute.status import GOOD_STATES
from ..config import Config, load_config
from ..schema import AccountState
from ..store import history
from ..store.journal import journal_reads, take_back
from ..store.load import load_dataset
from ..store.runs import OUTCOMES, append_run
from . import lookup, replies, x_client
from .budget import (
    Bill,
    Plan,
    account_states,
    accounts_billed_on,
    bills,
    nightly_allowance,
    plan_night,
    reads_in_month,
    run_days,
)

GONE = (AccountState.SUSPENDED, AccountState.NOT_FOUND)
DAY_END_MARGIN_SECONDS = 60.0  # how far X's clock may be from ours at midnight


@dataclass
class NightSummary:
    plan: Plan
    states: Counter = field(default_factory=Counter)
    requests: int = 0
    lookups: int = 0
    waited_seconds: float = 0.0
    replies_measured: int = 0
    retried: int = 0
    after_night: int = 0  # accounts that posted after the night: no row, not an error
    stopped_early: str | None = None
    day_ended: bool = False  # the lookups stopped as the plan's UTC day ended
    ids_recorded: bool = False
    record: dict = field(default_factory=dict)

    @property
    def all_failed(self) -> bool:
        """Every account looked up tonight ended in an error, or the night planned reads and
        stopped (a rate limit, the deadline; not the end of the plan's day) before X answered
        any: X or the token is down, not an account. The night is recorded all the same; a
        person has to look."""
        s = self.states
        answered = s["ok"] + s["protected"] + s["suspended"] + s["not_found"] + self.after_night
        return (s["error"] > 0 or (self.plan.reads > 0 and not self.day_ended)) and not answered

    def line(self) -> str:
        s = self.states
        text = (f"accounts ok {s['ok'] + s['protected']} / suspended {s['suspended']} / "
                f"not found {s['not_found']} / error {s['error']}; requests {self.requests} "
                f"({self.lookups} lookups); looked up again {self.retried}; replies measured for "
                f"{self.replies_measured} accounts; rate-limit waits {self.waited_seconds:.0f}s")
        if self.after_night:
            text += (f"; posted after the night {self.after_night} (looked up after the night, so their "
                     "figures are not its observation: no row; the next night reads them)")
        if self.stopped_early:
            text += f"; stopped early: {self.stopped_early}"
        return text


def _names(account_ids: pd.DataFrame, snapshots: pd.DataFrame) -> set[tuple[str, str]]:
    """(account id, handle in lower case) pairs the collector has seen belong together: the
    handle recorded beside a resolved id, and every handle X answered for an id."""
    pairs = {(r.account_id, str(r.handle).lower()) for r in account_ids.itertuples() if not pd.isna(r.handle)}
    if len(snapshots):
        seen = snapshots.loc[snapshots["state"].isin(GOOD_STATES) & snapshots["account_id"].notna()
                             & snapshots["handle"].notna(), ["account_id", "handle"]].drop_duplicates()
        pairs |= set(zip(seen["account_id"], seen["handle"].str.lower(), strict=True))
    return pairs


def candidates(accounts: pd.DataFrame, account_ids: pd.DataFrame,
               snapshots: pd.DataFrame | None = None) -> dict[tuple[str, str], lookup.Target]:
    """X accounts that can be looked up: a known id (the registry's, else one the collector
    resolved earlier) or a handle.

    A resolved id is used only while the registry's handle is one that account has had: a
    renamed account keeps its id, but a handle the operator replaced (the department moved
    to a new account) is looked up by its name, not as the old account for ever."""
    resolved = {(r.department_id, r.platform): r.account_id for r in account_ids.itertuples()}
    names = _names(account_ids, snapshots if snapshots is not None else pd.DataFrame())
    out = {}
    for row in accounts[accounts["platform"] == "x"].itertuples():
        handle = None if pd.isna(row.handle) else row.handle
        account_id = None if pd.isna(row.account_id) else row.account_id
        earlier = resolved.get((row.department_id, "x"))
        if earlier and handle and (earlier, handle.lower()) not in names:
            earlier = None
        account_id = account_id or earlier
        if handle or account_id:
            out[(row.department_id, "x")] = lookup.Target(row.department_id, handle, account_id)
    return out


def _reply_rotation(targets: list[lookup.Target], measured: pd.DataFrame) -> list[lookup.Target]:
    """Accounts measured longest ago first, so a small budget still reaches everyone in turn."""
    last = measured.groupby("department_id")["date"].max().to_dict() if len(measured) else {}
    return sorted(targets, key=lambda t: (last.get(t.department_id, ""), t.department_id))


def _utc(moment: float, precise: bool = False) -> str:
    """A time as records hold it; `precise` to the microsecond, as a run's start is its key in
    the reads journal (two runs of a night may start in one second)."""
    return datetime.fromtimestamp(moment, UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ" if precise else "%Y-%m-%dT%H:%M:%SZ")


@dataclass
class _Gathered:
    """The night's lookups so far, by department id; a later answer replaces an earlier one."""

    rows: dict[str, dict] = field(default_factory=dict)
    problems: dict[str, str] = field(default_factory=dict)  # why each error row is one
    returned: set[str] = field(default_factory=set)  # X returned a user: billed
    after_night: set[str] = field(default_factory=set)  # posted after the night: no row

    def take(self, answer: lookup.Answer) -> None:
        self.returned |= answer.returned
        for department in answer.after_night:
            self.rows.pop(department, None)  # an earlier error of it was a passing one
            self.problems.pop(department, None)
        self.after_night |= answer.after_night
        for row in answer.rows:
            self.rows[row["department_id"]] = row
            self.problems.pop(row["department_id"], None)
        self.problems.update(answer.problems)


def _midnight(day: date) -> float:
    """The clock time `day` ends at (UTC)."""
    return datetime.combine(day + timedelta(days=1), datetime.min.time(), UTC).timestamp()


def _lookups_until(free: bool, today: date, cfg: Config) -> float | None:
    """When the lookups must stop, if the plan holds only on `today`: X bills a user on the UTC
    day of the request, so past midnight the accounts the plan reads `free` (billed today) are
    billed afresh, and a new month's reads are paid from that month's budget, which the plan
    did not spend. Then no lookup is started so near midnight that X might answer it on the
    next day; otherwise a lookup after midnight costs what the plan counted."""
    if not free and (today + timedelta(days=1)).month == today.month:
        return None
    return _midnight(today) - DAY_END_MARGIN_SECONDS - cfg.collect.request_timeout_seconds


Journal = Callable[[list[str]], None]  # notes the departments a request is about to ask X for


def _ask(api: x_client.XApi, kind: str, group: list[lookup.Target], day: date, got: _Gathered,
         journal: Journal) -> None:
    # On disk before the request: X bills what it answers, whether or not this run lives on.
    journal([t.department_id for t in group])
    got.take(lookup.lookup_rows(api, kind, group, day))


def _look_up(api: x_client.XApi, targets: list[lookup.Target], day: date, got: _Gathered, was_ok: set[str],
             cfg: Config, summary: NightSummary, progress: Callable[[str], None], journal: Journal) -> None:
    """Look `targets` up, then the failed ones once more."""
    rows = got.rows
    batches = lookup.batches(targets)
    for n, (kind, group) in enumerate(batches, 1):
        _ask(api, kind, group, day, got, journal)
        progress(f"lookup {n}/{len(batches)}: {len(rows)} accounts, "
                 f"{api.stats.requests} requests, waited {api.stats.waited_seconds:.0f}s")
    # Most failures pass: the failed accounts are asked once more after a pause. X bills
    # an account once a UTC day, and a failure returned none, so this stays in the allowance.
    # So is an account found suspended or gone tonight that worked at its last look: one
    # answer alone would turn a working department's status, grade and feed at once, and a
    # second look the same UTC day costs nothing (an account really gone says so twice).
    failed = [t for t in targets if t.department_id in rows and (
              rows[t.department_id]["state"] == AccountState.ERROR
              or (rows[t.department_id]["state"] in GONE and t.department_id in was_ok))]
    if failed:
        progress(f"{len(failed)} accounts failed or were found gone; looking them up once more in "
                 f"{cfg.collect.retry_failed_after_seconds:g}s")
        api.pause(cfg.collect.retry_failed_after_seconds)
        summary.retried += len(failed)
        for kind, group in lookup.batches(failed):
            _ask(api, kind, group, day, got, journal)


def _past_midnight(ended: x_client.DayEnded, targets: list[lookup.Target], got: _Gathered, was_ok: set[str],
                   today: date, used: int, cfg: Config) -> list[lookup.Target]:
    """The lookups the plan still wants that go on past midnight, at most the new day's
    allowance of the month's budget (`used` of it spent): X bills each of them that day,
    those read free before midnight too. None past the end of the month, whose budget the
    plan did not spend (`ended` is raised again), nor when the month's budget leaves the
    new day no reads (said so)."""
    tomorrow = today + timedelta(days=1)
    if tomorrow.month != today.month:
        raise ended
    allowance = nightly_allowance(tomorrow, used, cfg.collect)
    if allowance == 0:
        raise x_client.DayEnded(f"{ended}; the month's budget of {cfg.collect.monthly_read_budget:,} reads "
                                f"leaves no reads for {tomorrow} ({used:,} used)") from None
    # Not yet answered, failed, or found gone once after working (`_look_up` looks again).
    left = [t for t in targets if t.department_id not in got.returned and (
            got.rows.get(t.department_id, {}).get("state") in (None, AccountState.ERROR)
            or (got.rows[t.department_id]["state"] in GONE and t.department_id in was_ok))]
    return left[:allowance]


def run_night(data_dir: Path, day: date, token: str | None, base_url: str, *, dry_run: bool = False,
              progress: Callable[[str], None] = lambda _: None, sleep=None,
              clock: Callable[[], float] = time.time) -> NightSummary:
    data_dir = Path(data_dir)
    started = clock()
    base_url = x_client.checked_base_url(base_url)  # before anything is read or asked
    if not dry_run:
        token = x_client.clean_token(token)  # before anything is read or asked
    cfg = load_config(data_dir)
    ds = load_dataset(data_dir)
    lookable = candidates(ds.accounts, ds.account_ids, ds.snapshots)
    earlier_runs = [run for record in ds.runs if record["platform"] == "x" and record["night"] == day.isoformat()
                    for run in record["runs"]]
    # An earlier run of this night found these posting after it: asked again, X says the same.
    known_later = {department for run in earlier_runs for department in run.get("posted_after_night", [])}
    lookable = {key: target for key, target in lookable.items() if key[0] not in known_later}
    # X bills a read on the UTC day of its request, not of the night it is for: a night
    # collected on a later day (a missed night, a re-run) spends that day's month.
    today = datetime.fromtimestamp(started, UTC).date()
    spent = [b for b in bills(ds.snapshots, ds.runs, today, ds.journal) if b.platform == "x"]
    used = reads_in_month(spent, today, besides=day.isoformat())
    # What tonight's earlier runs added to this month's bill: reads they made in another
    # month (a night of the 31st run again on the 1st) were that month's, and an account
    # another night read the same UTC day was that night's.
    read_tonight = reads_in_month(spent, today) - used
    # Users X billed today already are asked again free: X bills an account once a UTC day.
    # Those of another night (a missed night collected today), and those an earlier run of
    # tonight got without figures (tonight's good rows are not asked again). The plan reads
    # them besides the allowance.
    earlier = accounts_billed_on(spent, today) | {
        department for run in earlier_runs if run_days(run) == (today, today)
        for department in run.get("billed_without_figures", [])}
    states = account_states(ds.snapshots)
    was_ok = {dept for (dept, platform), state in states.get("account_state", pd.Series(dtype=object)).items()
              if platform == "x" and state == AccountState.OK}
    # A collective silence spans a state: the planner watches it as one event.
    state_of = dict(zip(ds.departments["id"], ds.departments["state"], strict=True))
    states["group"] = [state_of.get(key[0]) for key in states.index]
    plan = plan_night(sorted(lookable), states, day, used, cfg.collect, cfg.status, read_tonight=read_tonight,
                      billed_on=today, free={(department, "x") for department in earlier})
    summary = NightSummary(plan=plan)
    progress(plan.describe())
    if dry_run:
        return summary
    api = x_client.XApi(token=token, cfg=cfg.collect, base_url=base_url, clock=clock,
                        deadline=started + cfg.collect.night_deadline_seconds,
                        lookups_until=_lookups_until(bool(plan.free), today, cfg),
                        **({"sleep": sleep} if sleep else {}))
    targets = [lookable[key] for key in plan.keys]
    run_key = _utc(started, precise=True)

    def journal(departments: list[str]) -> None:
        journal_reads(data_dir, "x", day.isoformat(), run_key, _utc(clock(), precise=True), departments)

    got = _Gathered()
    rows = got.rows
    billed_before: set[str] | None = None  # users X billed before midnight, when the lookups went on past it
    try:
        try:
            _look_up(api, targets, day, got, was_ok, cfg, summary, progress, journal)
        except x_client.DayEnded as ended:
            # Within the month the night goes on under the new day's allowance: the month's
            # reads so far are tonight's others, and what this run paid of them before midnight.
            billed_before = set(got.returned)
            used_now = reads_in_month(spent, today) + len(billed_before - earlier)
            rest = _past_midnight(ended, targets, got, was_ok, today, used_now, cfg)
            api.pause(max(_midnight(today) + DAY_END_MARGIN_SECONDS - clock(), 0.0))
            api.lookups_until = _lookups_until(False, today + timedelta(days=1), cfg)
            progress(f"past midnight: {len(rest)} accounts more, in the new day's allowance")
            _look_up(api, rest, day, got, was_ok, cfg, summary, progress, journal)
    except x_client.StopNight as exc:
        summary.stopped_early = str(exc)
        summary.day_ended = isinstance(exc, x_client.DayEnded)
        progress(f"{exc}; keeping the {len(rows)} accounts looked up so far")
    except x_client.AuthError as exc:
        if not got.returned:
            take_back(data_dir, "x", day.isoformat(), run_key)
            raise  # refused before X answered any: nothing billed, nothing to keep
        # A token revoked mid-night: the users X answered before are billed, and their figures
        # are kept and counted like any stopped night's.
        summary.stopped_early = f"{exc}; X refused the token after answering {len(got.returned)} accounts"
        progress(f"{summary.stopped_early}; keeping the {len(rows)} accounts looked up so far")
    summary.states.update(r["state"] for r in rows.values())
    summary.after_night = len(got.after_night)

    reply_rows = []
    if not summary.stopped_early and cfg.collect.reply_requests_per_night > 0:
        ok = {r["department_id"]: r["account_id"] for r in rows.values() if r["state"] == AccountState.OK}
        rotation = _reply_rotation([lookable[(d, "x")] for d in ok], ds.replies)
        measured_day = day - timedelta(days=1)
        budget_end = api.stats.requests + cfg.collect.reply_requests_per_night
        try:
            for target in rotation:
                left = budget_end - api.stats.requests
                if left < 2:
                    break
                result = replies.measure_replies(api, target.department_id, ok[target.department_id],
                                                 measured_day, left)
                if result is not None:
                    reply_rows.append(result)
        except x_client.StopNight as exc:
            summary.stopped_early = str(exc)
        except x_client.AuthError as exc:
            # The lookups tonight were answered with this token: a refusal here is of the
            # reply endpoints (an access level without mentions), and must not cost the
            # night's figures, which X has already billed.
            summary.stopped_early = (f"replies not measured: {exc}; if lookups keep working, the app's access "
                                     "may not include mentions and timelines (set reply_requests_per_night = 0)")
        summary.replies_measured = len(reply_rows)

    history.write_snapshot(data_dir, "x", day.isoformat(), list(rows.values()))
    if reply_rows:
        history.write_replies(data_dir, "x", (day - timedelta(days=1)).isoformat(), reply_rows)
    found = {(r["department_id"], "x"): r for r in rows.values() if r["state"] in GOOD_STATES}
    # A handle looked up by name tonight although an id was resolved for it names another
    # account now (see `candidates`): the id X answered for it replaces the old one.
    moved = {key for key, row in found.items() if key in lookable and not lookable[key].account_id}
    keep = [(r.department_id, r.platform) not in moved for r in ds.account_ids.itertuples()]
    known = ds.account_ids[pd.Series(keep, index=ds.account_ids.index, dtype=bool)]
    summary.ids_recorded = history.record_account_ids(data_dir, known, found, day.isoformat())
    summary.requests = api.stats.requests
    summary.lookups = api.stats.lookups
    summary.waited_seconds = api.stats.waited_seconds
    # Users X returned whose values were refused, or who posted after the night, are billed
    # too, yet leave no good row that says so: the record lists them, and the month's budget
    # counts them (`budget.bills`).
    without_figures = sorted(got.returned - {department for department, _ in found})
    finished = clock()
    finished_on = datetime.fromtimestamp(finished, UTC).date()
    # The users X billed today already were free until midnight (`_lookups_until`); every
    # user X returned after it was billed on the new day.
    before = got.returned if billed_before is None else billed_before
    billed_now = len(before - earlier) + len(got.returned - before)
    this_run = (Bill(day.isoformat(), "x", today, today, len(got.returned), frozenset(got.returned), billed_now)
                if finished_on == today else Bill(day.isoformat(), "x", today, finished_on, billed_now))
    summary.record = {
        "platform": "x", "night": day.isoformat(), "started_at": run_key, "finished_at": _utc(finished),
        "package_version": __version__, "accounts_planned": plan.reads, "accounts_looked_up": len(rows),
        "outcomes": {state: summary.states.get(state, 0) for state in OUTCOMES},
        "requests": api.stats.requests, "rate_limit_waits": api.stats.waits,
        "rate_limit_wait_seconds": round(api.stats.waited_seconds, 1), "retries": api.stats.retries,
        "reads_billed": billed_now, "month_read_budget": cfg.collect.monthly_read_budget,
        "month_reads_used": reads_in_month([*spent, this_run], today), "billed_without_figures": without_figures,
        "posted_after_night": sorted(got.after_night), "replies_measured": len(reply_rows),
        "posts_read": api.stats.posts_read, "stopped_early": summary.stopped_early,
        "user_fields": list(api.fields_asked), "accounts_retried": summary.retried,
        "problems": [{"department_id": d, "reason": reason} for d, reason in sorted(got.problems.items())],
        "refresh_floor_configured": cfg.collect.max_days_between_refresh, **plan.record(),
    }
    append_run(data_dir, summary.record)
    return summary
