"""Which accounts to look up tonight, so the month's read budget lasts the month and is
spent where published statuses have most likely changed.

X bills every account looked up (de-duplicated per UTC day), so refreshing everyone every
night is not affordable at scale. Pure: a table of what was observed of each account in,
a plan out.

The interface (kept stable: other populations than this repository's are planned with it)

    plan_night(candidates, states, as_of, used_this_month, collect_cfg, status_cfg,
               read_tonight=0, billed_on=None, free=()) -> Plan

- `candidates`: the (department_id, platform) keys that can be looked up tonight.
- `states`: a table indexed by (department_id, platform), as `account_states` makes it from
  the snapshots. Columns, every one but `last_refresh` optional and any cell may be missing:
  `last_refresh` (ISO date of the last lookup X answered), `observed_on` (date of the last
  good observation), `last_post_at` (the latest post at it), `followers`, `posts` (post
  count at it), `account_state` (ok, protected, suspended, not_found), `rate_posts` and
  `rate_days` (posts made and days watched between good observations, older evidence
  faded by `fade`), `group` (what a collective silence spans: the department's state),
  `post_before` (the latest post an earlier observation saw before the newest post) and
  `post_before_seen_on` (the day of that observation).
  Accounts absent from `states` were never observed and are read first.
- `used_this_month`: reads billed this month by other nights; `read_tonight`: reads earlier
  runs of tonight already got that were billed this month (and by no other night the same
  UTC day); `billed_on`: the UTC day of tonight's requests, whose month the reads are billed
  in (X bills by the day of the request: a night collected on a later day spends that day's
  month); the night's own day when not given.
- `free`: keys X billed on that UTC day already (read by another night, or an earlier run of
  tonight): X bills an account once a UTC day, so each is read at no cost, whatever its
  priority, and takes none of the allowance.
- The `Plan` lists the keys in the order they should be read (never more than tonight's
  allowance besides the `free` ones, counted in `Plan.free`), why each was chosen, the
  refresh floor the budget keeps (`floor_days`, beside the configured
  `max_days_between_refresh`), the collective silences under way (`events`)
  and, when it plans nothing, why (`note`).

How the night's reads are chosen
1. Accounts never observed.
2. Accounts not refreshed for the floor's number of days. The floor is the configured
   `max_days_between_refresh` when the budget can keep it with at most `FLOOR_SHARE` of the
   month's reads; otherwise the shortest wait it can keep, and the plan says so.
3. A few accounts of each collective silence (many accounts of one state silent at once,
   an election code of conduct): one event, watched for its end; once some of them post
   again, every silent account of the event is worth a read. A silence is still known to
   be ending after most of its members were found posting, by those that ended it: several
   accounts of the group posting again after silences that began within days of each other
   (`post_before`); the group's accounts still shown silent since then are read first.
4. The rest by what a read is worth: the expected cost of the status shown being wrong
   tonight, times the square root of the nights since the account was last observed (see
   `_worth`). Each account's chance of posting comes from its own post counts, with
   heavy-tailed gaps between posts (Lomax): its rate is uncertain, and the heavy tail
   stands for the chance that it has fallen silent (a habit changed, an officer
   transferred) or, silent, starts again. Showing an active department as slow, dormant
   or abandoned costs `ACCUSING` times more than the reverse.
Besides these, every account of `free` not refreshed for tonight: it costs nothing.
"""

from __future__ import annotations

import calendar
import math
from collections.abc import Collection, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta

import numpy as np
import pandas as pd

from ..compute.status import band, day_numbers, status_from
from ..config import CollectConfig, StatusConfig
from ..schema import AccountState, Status
from ..store.journal import Journalled

ORDER = ("new", "due", "collective", "changing", "rotation")
# Prior on posts a day: weak, a tenth of a post a day, worth five days of watching.
PRIOR_POSTS, PRIOR_DAYS = 0.5, 5.0
HALF_LIFE_DAYS = 30.0  # habits change: a month-old count weighs half as much as tonight's
# Gaps between an account's posts are Lomax (Pareto II) with this shape, their mean the
# account's own: a shape near 1 is a heavy tail (long silences are common, and so are
# revivals after them); 2 or more is nearly regular.
TAIL = 1.3
RETURN_PER_DAY = 0.003  # a suspended or missing account that is back
ACCUSING = 1.5  # what showing an active department as silent costs, against 1 for any other error
CHANGING = 0.05  # expected cost above which a read is for a likely change, not rotation
FLOOR_SHARE = 0.5  # the most of the month's reads the refresh floor may take
# A collective silence: at least this many accounts of one group that usually post, with at
# least this share of them silent far longer than their habit.
EVENT_MIN_ACCOUNTS, EVENT_SHARE = 5, 0.5
SENTINELS = 3  # reads a night per collective silence, to notice its end
# A collective silence that ended: accounts read in the last nights posting again after at
# least this many days, the silences' first days within this many days of one another.
# An account seen silent for at least SEEN_SILENT days before it posted again: a gap between
# two reads far apart may be posts the collector never saw.
REVIVED_WITHIN, ENDED_AFTER, TOGETHER_DAYS, SEEN_SILENT = 3, 14, 4, 7


@dataclass(frozen=True)
class Plan:
    keys: list[tuple[str, str]]  # (department_id, platform), in priority order
    reasons: dict[str, int]
    allowance: int
    used_this_month: int
    eligible: int
    cost_per_read_usd: float
    floor_days: int | None = None  # the longest wait between refreshes the plan keeps
    floor_configured: int | None = None  # max_days_between_refresh
    events: list[dict] = field(default_factory=list)  # collective silences under way
    note: str = ""  # why nothing is read tonight
    free: int = 0  # keys X billed today already: read again at no cost

    @property
    def reads(self) -> int:
        return len(self.keys)

    @property
    def cost_usd(self) -> float:
        return round((self.reads - self.free) * self.cost_per_read_usd, 2)

    @property
    def floor_kept(self) -> bool:
        return self.floor_days is not None and self.floor_days <= (self.floor_configured or 0)

    def describe(self) -> str:
        parts = ", ".join(f"{k} {v}" for k, v in self.reasons.items() if v) or "none"
        free = f" ({self.free} free: read today already)" if self.free else ""
        text = (f"plan: {self.reads} of {self.eligible} accounts ({parts}); {self.reads} reads{free}, "
                f"about ${self.cost_usd:.2f}; tonight's allowance {self.allowance}, "
                f"used this month {self.used_this_month}")
        if self.note:
            text += f"; {self.note}"
        if self.floor_configured is not None and not self.floor_kept:
            kept = f"every {self.floor_days} days" if self.floor_days else "no floor"
            text += (f"; refresh floor: max_days_between_refresh {self.floor_configured} cannot be kept "
                     f"by this budget, kept {kept}")
        for event in self.events:
            text += (f"; collective silence in {event['group']} since {event['since']}: "
                     f"{event['silent']} of {event['accounts']} accounts"
                     + (", ending" if event["ending"] else ""))
        return text

    def record(self) -> dict:
        """What the run record keeps of the plan."""
        return {"refresh_floor_days": self.floor_days or 0,
                "collective_silences": [dict(e) for e in self.events]}


def nightly_allowance(as_of: date, used_this_month: int, cfg: CollectConfig) -> int:
    """Reads left this month, spread evenly over the nights left (tonight included)."""
    nights_left = calendar.monthrange(as_of.year, as_of.month)[1] - as_of.day + 1
    return max(cfg.monthly_read_budget - used_this_month, 0) // nights_left


def refresh_floor(accounts: int, as_of: date, cfg: CollectConfig) -> int | None:
    """The longest wait between refreshes the month's budget keeps for `accounts` accounts:
    the configured one if `FLOOR_SHARE` of the reads suffice, else the shortest that does
    (None when the budget keeps none at all)."""
    days = calendar.monthrange(as_of.year, as_of.month)[1]
    reads = cfg.monthly_read_budget * FLOOR_SHARE
    if accounts == 0:
        return cfg.max_days_between_refresh
    if reads < 1:
        return None
    return max(cfg.max_days_between_refresh, math.ceil(accounts * days / reads))


def fade(days):
    """Weight of evidence `days` older than the newest observation."""
    return 0.5 ** (np.asarray(days, dtype=float) / HALF_LIFE_DAYS)


@dataclass(frozen=True)
class Bill:
    """Reads X billed for one run of a night (or for a night without a run record), made on
    the UTC days from `first` to `last`: X bills a read on the day of its request. When every
    read fell on one known day, `accounts` are the departments whose users X returned
    (`reads` of them), which another night may have read the same day, and `paid` the reads
    its runs recorded as billed: those leave out every user X had billed that day already
    (None: not known, as of an older collector's runs, which left none out)."""

    night: str
    platform: str
    first: date
    last: date
    reads: int
    accounts: frozenset[str] | None = None
    paid: int | None = None
    # Whether X is known to have billed `accounts` that day; not so of a journal's requests
    # (`_journalled`), which X may not have answered: they count, but are not read again free.
    sure: bool = True

    def in_month(self, day: date) -> bool:
        """Whether any of its days fell in `day`'s month: a run past midnight counts in both."""
        return (self.first.year, self.first.month) <= (day.year, day.month) <= (self.last.year, self.last.month)


def _utc_day(moment: str) -> date:
    """The UTC day of a time as a run record holds it (validated; one without an offset is UTC)."""
    parsed = datetime.fromisoformat(moment)
    return (parsed.astimezone(UTC) if parsed.tzinfo else parsed).date()


def run_days(run: dict) -> tuple[date, date]:
    """The UTC days a run's requests fell on: from the day it started to the day it finished."""
    first = _utc_day(run["started_at"])
    return first, max(_utc_day(run["finished_at"]), first)


def _read_today(night: str, today: date | None) -> bool:
    """Whether every read of `night` fell on `today`: a night is collected on its day or later,
    so one of today's was read today, whatever its record tells; an older one's may have been
    read on any day since."""
    return today is not None and night == today.isoformat()


def _read_by(night: str, platform: str, records: Sequence[dict], today: date | None) -> date:
    """The last UTC day a read of `night` can have been made on, as far as the records tell: a
    night is collected only while it is the newest (`cli._check_night`: the history only
    grows), so every read of it came before the first run of any later night; else by
    `today`, the day of the bills' reader (when not known, the night's own day)."""
    later = [run_days(run)[0] for record in records if record["platform"] == platform and record["night"] > night
             for run in record["runs"]]
    return max(min(later, default=today or date.fromisoformat(night)), date.fromisoformat(night))


def _journalled(journal: Iterable[Journalled], runs: Sequence[dict],
                unbilled: dict[tuple[str, str], set[str]]) -> dict[tuple[str, str], list[Bill]]:
    """Per (night, platform), the reads of its runs that left no record, as their journal
    tells (each request's departments, written before it went out): one bill a UTC day of
    the departments asked that day, but those of the night's rows X answered without a user
    (`unbilled`: suspended, not found), which cost nothing. X may not have answered a request
    the run was killed in, nor returned each user asked: the count keeps to the safe side,
    but for a department another bill of that day holds, which X billed once."""
    recorded = {(record["night"], record["platform"], run["started_at"]) for record in runs for run in record["runs"]}
    asked: dict[tuple[str, str, date], set[str]] = {}
    for line in journal:
        if (line.night, line.platform, line.run) not in recorded:
            asked.setdefault((line.night, line.platform, _utc_day(line.at)), set()).update(line.departments)
    out: dict[tuple[str, str], list[Bill]] = {}
    for (night, platform, day), departments in sorted(asked.items()):
        billed = departments - unbilled.get((night, platform), set())
        if billed:
            out.setdefault((night, platform), []).append(
                Bill(night, platform, day, day, len(billed), frozenset(billed), sure=False))
    return out


def bills(snapshots: pd.DataFrame, runs: Sequence[dict], today: date | None = None,
          journal: Iterable[Journalled] = ()) -> list[Bill]:
    """What X billed, run by run: each run's `reads_billed` (accounts X returned a user for,
    once a UTC day) on the days it ran. A user whose values the collector refused is billed
    all the same (its run record lists it, as its row is an error); a failed lookup or a
    missing account returns no user and costs nothing.

    A night's billed accounts (its good rows and the users its runs list as billed without
    figures) are the least it cost, unless its runs recorded what they left out of their
    bill as billed that day already (runs that list the users billed without figures do, when
    every run that wrote a row is recorded). A run that wrote its rows and stopped before its
    record (the night has no record, or rows its runs do not account for) leaves its refused
    users as error rows no record lists: each of the night's error rows then counts, as a
    failed lookup cannot be told from a refused user. Its reads were made on the night's
    day or any day after it until the first run of a later night (or `today`, the day of
    the bills' reader): they count in every month of those days, and are of known accounts
    only when the night is today's. What an older collector's runs counted short counts on
    every day its runs ran. A night whose runs all fell on one UTC day, every one recorded,
    is one bill of those accounts, on that day.

    A run that left no record, killed during its lookups or after, is counted by its
    `journal` (`_journalled`), on the days it asked; the rows it wrote count only where they
    are more than its journal says it asked. A night's rows cannot tell a run that asked
    again for what a recorded run looked up and failed (a user refused again, or posting
    after the night): its rows are the same; its journal tells."""
    api = snapshots[snapshots["source"] == "x-api"]
    gone = api[api["state"].isin([AccountState.SUSPENDED, AccountState.NOT_FOUND])]
    journalled = _journalled(journal, runs, {key: set(group) for key, group in
                                             gone.groupby(["date", "platform"])["department_id"]})
    kept = api[api["state"].isin([AccountState.OK, AccountState.PROTECTED])]
    good = kept.groupby(["date", "platform"])["department_id"]
    counted = good.nunique().to_dict()  # (night, platform) -> accounts with a good row
    failed = {key: set(group) for key, group in
              api[api["state"] == AccountState.ERROR].groupby(["date", "platform"])["department_id"]}
    out = []
    for record in runs:
        key = (record["night"], record["platform"])
        spans = [run_days(run) for run in record["runs"]]
        first, last = min(s[0] for s in spans), max(s[1] for s in spans)
        listed = set().union(*(run.get("billed_without_figures", []) for run in record["runs"]))
        with_rows = set(good.get_group(key)) if counted.pop(key, 0) else set()
        errors = failed.pop(key, set())
        paid = sum(run["reads_billed"] for run in record["runs"])
        unrecorded = journalled.pop(key, [])
        out += unrecorded
        asked = sum(b.reads for b in unrecorded)
        # A later collector's runs leave out of their bill just the users X billed that day
        # already, as a bill should; an older one's count fewer, and so does a record short of
        # a run that wrote its rows and stopped before its record: more good rows than its
        # runs found, or an error row no run that lists its problems names.
        found = sum(run.get("outcomes", {}).get(state, 0) for run in record["runs"]
                    for state in (AccountState.OK, AccountState.PROTECTED))
        named = {p["department_id"] for run in record["runs"] for p in run.get("problems", [])}
        unnamed = errors - named if all("problems" in run for run in record["runs"]) else set()
        complete = len(with_rows) <= found and not unnamed
        returned = with_rows | listed | (set() if complete else errors)
        exact = complete and all("billed_without_figures" in run for run in record["runs"])
        # The day of such a run's reads is not known, unless the night is today's (`_read_today`).
        # A night of today whose rows its records do not account for is taken as read today,
        # unless its journal tells of the run that wrote them.
        if first == last and paid <= len(returned) and (complete or (_read_today(record["night"], today)
                                                                     and not unrecorded)):
            out.append(Bill(*key, first, last, len(returned), frozenset(returned), paid if exact else None))
            continue
        out += [Bill(*key, *span, run["reads_billed"]) for run, span in zip(record["runs"], spans, strict=True)]
        if len(returned) > paid + asked and not exact:
            # An unrecorded run's reads fell on any day up to the last it can have run on.
            until = last if complete else max(last, _read_by(*key, runs, today))
            out.append(Bill(*key, first, until, len(returned) - paid - asked))
    for night, platform in sorted(set(counted) | set(failed) | set(journalled)):
        returned = (set(good.get_group((night, platform))) if (night, platform) in counted else set()) \
            | failed.get((night, platform), set())
        unrecorded = journalled.get((night, platform), [])
        out += unrecorded
        rest = len(returned) - sum(b.reads for b in unrecorded)
        if rest > 0:
            accounts = frozenset(returned) if _read_today(night, today) and not unrecorded else None
            until = _read_by(night, platform, runs, today)
            out.append(Bill(night, platform, date.fromisoformat(night), until, rest, accounts))
    return out


def reads_in_month(spent: Iterable[Bill], day: date, besides: str | None = None) -> int:
    """Reads X billed in `day`'s UTC month, by the runs of every night but `besides` (tonight,
    whose earlier runs the planner takes as `read_tonight`).

    X de-duplicates a resource read again within one UTC day (its pricing page, "Deduplication";
    DESIGN.md): a department read by two nights on one day, as a missed night collected the
    day of the next, is counted once. X calls that a soft guarantee, and the count keeps to
    the safe side where it cannot tell the day of each read: a bill without its accounts (a
    run past midnight, a night run on several days, a night without a record) counts whole.
    The bills of one day with their accounts cost no more than their accounts, nor than
    what their runs recorded as paid: a run left out of its bill only users X had billed
    that day already, as read by a bill with its accounts when it ran. That bill may have
    counted whole since (its night run again on another day), and the users read free
    must not count a second time. Every user of a known day was billed that day, whatever
    a record says it paid: those count at the least."""
    month = [b for b in spent if b.night != besides and b.in_month(day)]
    by_day: dict[tuple[str, date], tuple[set[str], list[int]]] = {}
    for b in month:
        if b.accounts is not None:
            accounts, paid = by_day.setdefault((b.platform, b.first), (set(), []))
            accounts.update(b.accounts)
            paid.append(len(b.accounts) if b.paid is None else b.paid)
    known = sum(len(accounts) for accounts, _ in by_day.values())
    return max(known, sum(b.reads for b in month if b.accounts is None)
               + sum(min(len(accounts), sum(paid)) for accounts, paid in by_day.values()))


def accounts_billed_on(spent: Iterable[Bill], day: date) -> set[str]:
    """Departments of one platform's bills whose users X is known to have billed on `day`:
    asked again that day, they cost nothing."""
    return {a for b in spent if b.accounts is not None and b.sure and b.first == day for a in b.accounts}


def account_states(snapshots: pd.DataFrame) -> pd.DataFrame:
    """Per account: last API refresh, the last good observation (date, post, followers, post
    count, state) and the faded evidence of how often it posts.

    A lookup that failed refreshed nothing: the account stays due, tonight and after. A post
    count that went down (posts deleted, a renamed account's count) adds no posts."""
    key = ["department_id", "platform"]
    snaps = snapshots.sort_values("date", kind="stable")
    answered = snaps[(snaps["source"] == "x-api") & (snaps["state"] != AccountState.ERROR)]
    api = answered.groupby(key)["date"].last()
    good_rows = snaps[snaps["state"] != AccountState.ERROR]
    good = good_rows.groupby(key).last()
    states = pd.DataFrame({"last_refresh": api})
    if not len(good):
        return states.assign(observed_on=None, last_post_at=None, followers=None)
    states = states.join(pd.DataFrame({
        "observed_on": good["date"], "last_post_at": good["last_post_at"], "followers": good["followers"],
        "posts": good["posts"] if "posts" in good else np.nan, "account_state": good["state"]}),
        how="outer").join(_post_before(good_rows, key), how="left")
    # Posts made between consecutive counted observations of an account, faded by age. The
    # rows are in date order, the accounts' rows among one another's: each account's rows
    # are taken apart by its key, never by the row before.
    counted = good_rows[["department_id", "platform", "date"]].copy()
    counted["posts"] = pd.to_numeric(good_rows["posts"], errors="coerce") if "posts" in good_rows else np.nan
    counted["day"] = day_numbers(counted["date"])
    counted = counted.dropna(subset=["posts", "day"])
    by_account = counted.groupby(key)
    made = np.clip(by_account["posts"].diff().to_numpy(), 0, None)
    watched = np.clip(by_account["day"].diff().to_numpy(), 0, None)
    newest = by_account["day"].transform("max").to_numpy()
    weight = np.where(np.isnan(watched), 0.0, fade(newest - counted["day"].to_numpy()))
    counted["rate_posts"] = np.nan_to_num(made * weight)
    counted["rate_days"] = np.nan_to_num(watched * weight)
    evidence = counted.groupby(key)[["rate_posts", "rate_days"]].sum()
    return states.join(evidence, how="left")


def _post_before(good_rows: pd.DataFrame, key: list[str]) -> pd.DataFrame:
    """Per account, the latest post an earlier observation saw before the newest post, and
    the day of that observation: how long the account was seen silent before it last
    posted (a silence that ended). `good_rows` are in date order."""
    seen = good_rows.loc[good_rows["last_post_at"].notna(), [*key, "date", "last_post_at"]]
    by_account = seen.groupby(key)
    earlier, earlier_on = by_account["last_post_at"].shift(), by_account["date"].shift()
    moved = earlier.notna() & seen["last_post_at"].ne(earlier)
    at = [seen[k] for k in key]
    return pd.DataFrame({"post_before": earlier.where(moved).groupby(at).last(),
                         "post_before_seen_on": earlier_on.where(moved).groupby(at).last()})


def _column(table: pd.DataFrame, name: str, default=np.nan) -> np.ndarray:
    if name not in table:
        return np.full(len(table), default, dtype=object if isinstance(default, str) else float)
    if isinstance(default, str):
        return table[name].astype(object).where(table[name].notna(), default).to_numpy(dtype=object)
    return pd.to_numeric(table[name], errors="coerce").to_numpy(dtype=float)


def _survival(days: np.ndarray, scale: np.ndarray) -> np.ndarray:
    """Chance a gap between posts is longer than `days`: Lomax, heavy-tailed."""
    return (1 + np.clip(days, 0, None) / scale) ** -TAIL


def _no_post(silence: np.ndarray, wait: np.ndarray, scale: np.ndarray) -> np.ndarray:
    """Chance of no post in the `wait` days after a silence of `silence` days: the longer
    an account has been silent, the likelier it stays so (and the less likely it revives)."""
    return _survival(silence + wait, scale) / _survival(silence, scale)


@dataclass(frozen=True)
class _Estimate:
    cost: np.ndarray  # expected cost of the published status being wrong tonight
    group: np.ndarray
    usual: np.ndarray  # accounts that usually post (a day's rate of a fifth of a post or more)
    rate: np.ndarray  # posts a day
    overdue: np.ndarray  # silent far longer than their habit at the last observation
    last_post: np.ndarray  # day numbers
    observed: np.ndarray
    published: np.ndarray
    post_before: np.ndarray  # the post before the newest, as earlier observations saw it
    seen_silent: np.ndarray  # days without a post at the observation that saw it


def _estimate(table: pd.DataFrame, today: float, status_cfg: StatusConfig) -> _Estimate:
    observed = day_numbers(_column(table, "observed_on", ""))
    observed[np.isnan(observed)] = day_numbers(_column(table, "last_refresh", ""))[np.isnan(observed)]
    last_post = day_numbers(_column(table, "last_post_at", ""))
    state = _column(table, "account_state", AccountState.OK)
    published = status_from(observed - last_post, state, status_cfg)
    silence = np.nan_to_num(observed - last_post, nan=0.0)  # at the last observation
    since = np.clip(today - observed, 0, None)
    now = today - last_post
    made = np.nan_to_num(_column(table, "rate_posts"))
    watched = np.nan_to_num(_column(table, "rate_days"))
    rate = (PRIOR_POSTS + made) / (PRIOR_DAYS + watched)
    scale = (TAIL - 1) / rate
    week = float(status_cfg.active_max_days)
    none_since = _no_post(silence, since, scale)
    # Posted since: active if the newest post is within the week (certain when the last
    # known post still is).
    active_now = np.where(np.nan_to_num(now, nan=1e9) <= week, 1 - none_since,
                          1 - _no_post(silence + np.clip(since - week, 0, None), np.minimum(since, week), scale))
    later = np.clip(1 - none_since - active_now, 0, None)  # posted, but not this week
    unchanged_band = band(now, status_cfg)
    silent_shown = np.isin(published, (Status.SLOW, Status.DORMANT, Status.ABANDONED))

    def wrong(truth) -> np.ndarray:
        return np.where(published == truth, 0.0, np.where(silent_shown & (truth == Status.ACTIVE), ACCUSING, 1.0))

    cost = (none_since * wrong(unchanged_band) + active_now * wrong(np.full(len(now), Status.ACTIVE))
            + later * wrong(np.full(len(now), Status.SLOW)))
    gone = np.isin(published, (AccountState.SUSPENDED, AccountState.NOT_FOUND))
    cost = np.where(gone, 1 - np.exp(-RETURN_PER_DAY * since), cost)
    usual = (watched >= 3) & (rate >= 0.2)
    overdue = usual & (silence >= 3) & (rate * silence >= 3)
    group = _column(table, "group", "")
    post_before = day_numbers(_column(table, "post_before", ""))
    return _Estimate(cost, group, usual, rate, overdue, last_post, observed, published, post_before,
                     day_numbers(_column(table, "post_before_seen_on", "")) - post_before)


def _worth(cost: np.ndarray, since: np.ndarray) -> np.ndarray:
    """What reading an account tonight is worth: the expected cost of its status being
    wrong tonight (`cost`), times the square root of the nights since it was observed.

    Ordering by tonight's chance alone reads an account about as often as it changes. A
    sporadic poster shown slow is likely wrong two or three nights after each read, and
    again soon after the next, so it took a read every few nights, while a dormant account
    that posted again, or an active one whose week ran out, waited longer for a chance that
    built up more slowly. When changes come at a steady rate, the fewest wrong nights for
    a number of reads come from reading each account about as often as the square root of
    its rate of change: by tonight's chance times the nights since the read (the Whittle
    index of the problem). That full weight leaves a status that turns on a known night
    soon after a read (a slow account becoming dormant) wrong for days, as the weight of a
    recent read stays low; the square root of the nights is halfway between."""
    return cost * np.sqrt(np.clip(np.nan_to_num(since, nan=1.0), 1, None))


def _events(est: _Estimate, today: float) -> tuple[list[dict], np.ndarray, np.ndarray]:
    """Collective silences: per event a record, the sentinel candidates, and the accounts
    whose reads the event's end makes urgent."""
    events: list[dict] = []
    members = np.zeros(len(est.cost), dtype=bool)
    ending = np.zeros(len(est.cost), dtype=bool)
    named = est.group != ""
    if not named.any():
        return events, members, ending
    codes, names = pd.factorize(pd.Series(est.group))
    usual = np.bincount(codes[named], weights=est.usual[named], minlength=len(names))
    overdue = np.bincount(codes[named], weights=est.overdue[named], minlength=len(names))
    # Far more of a group silent than across all groups: the silence is the group's, not
    # each account's own.
    usual_share = est.overdue[named].sum() / max(est.usual[named].sum(), 1)
    share = overdue / np.maximum(usual, 1)
    recent = est.usual & (est.observed >= today - 3)
    posting = recent & (est.observed - est.last_post <= 2)
    seen_recently = np.bincount(codes[named], weights=recent[named], minlength=len(names))
    seen_posting = np.bincount(codes[named], weights=posting[named], minlength=len(names))
    ongoing = (overdue >= EVENT_MIN_ACCOUNTS) & (share >= np.maximum(EVENT_SHARE, 2 * usual_share))
    for g in np.flatnonzero(ongoing):
        mine = (codes == g) & est.overdue
        since = float(np.nanmedian(est.last_post[mine]))
        # The end: most of the group's usual posters read lately have posted again.
        is_ending = seen_recently[g] >= 2 and seen_posting[g] >= EVENT_SHARE * seen_recently[g]
        members |= mine
        if is_ending:
            ending |= mine
        events.append(_event(names[g], since, usual[g], overdue[g], is_ending))
    for g, since, mine in _ended(est, today, codes, np.flatnonzero(~ongoing & (names != ""))):
        members |= mine
        ending |= mine
        events.append(_event(names[g], since, usual[g], mine.sum(), True))
    return events, members, ending


def _event(group: str, since: float, accounts: int, silent: int, is_ending: bool) -> dict:
    return {"group": str(group), "since": (date(1970, 1, 1) + timedelta(days=int(since))).isoformat(),
            "accounts": int(accounts), "silent": int(silent), "ending": bool(is_ending)}


def _ended(est: _Estimate, today: float, codes: np.ndarray,
           groups: np.ndarray) -> Iterator[tuple[int, float, np.ndarray]]:
    """Collective silences that have ended, found by the accounts that ended them: once the
    first members are read and found posting, the share of the group still silent falls
    and the silence is no longer recognised as one, while the members not yet read are
    still shown silent. A silence that ended is several accounts of one group, read lately,
    posting again after a silence that began within days of each other's; its members are
    the group's accounts still shown silent since about then. Yields (group, since, members)."""
    gap = est.last_post - est.post_before
    revived = ((est.observed >= today - REVIVED_WITHIN) & (est.observed - est.last_post <= 2)
               & (gap >= ENDED_AFTER) & (est.seen_silent >= SEEN_SILENT) & (est.rate * gap >= 3))
    silent = np.isin(est.published, (Status.SLOW, Status.DORMANT, Status.ABANDONED))
    for g in groups:
        began = est.post_before[revived & (codes == g)]
        if len(began) < EVENT_MIN_ACCOUNTS:
            continue
        since = float(np.median(began))
        together = np.abs(began - since) <= TOGETHER_DAYS
        if together.sum() < max(EVENT_MIN_ACCOUNTS, EVENT_SHARE * len(began)):
            continue
        mine = ((codes == g) & silent & (est.last_post >= since - TOGETHER_DAYS)
                & (est.last_post <= since + TOGETHER_DAYS) & (est.observed > since) & (est.observed < today - 1))
        if mine.sum() >= EVENT_MIN_ACCOUNTS:
            yield g, since, mine


def plan_night(candidates: list[tuple[str, str]], states: pd.DataFrame, as_of: date, used_this_month: int,
               collect_cfg: CollectConfig, status_cfg: StatusConfig, read_tonight: int = 0,
               billed_on: date | None = None, free: Collection[tuple[str, str]] = ()) -> Plan:
    """Choose tonight's lookups among `candidates`, within what is left of tonight's share of
    the budget after `read_tonight` accounts an earlier run of the night got, and every one
    of them X billed today already (`free`). The share and the refresh floor are of the
    month of `billed_on`, the UTC day the reads are made (the night's by default), whose
    budget pays for them: `used_this_month` counts that month's reads."""
    paying = billed_on or as_of  # the month whose budget pays for tonight's reads
    share = nightly_allowance(paying, used_this_month, collect_cfg)
    allowance = max(share - read_tonight, 0)
    floor = refresh_floor(len(candidates), paying, collect_cfg)
    index = pd.MultiIndex.from_tuples(candidates, names=["department_id", "platform"])
    table = states.reindex(index) if len(states) else pd.DataFrame(index=index)
    today = float((as_of - date(1970, 1, 1)).days)
    waited = today - day_numbers(_column(table, "last_refresh", ""))
    est = _estimate(table, today, status_cfg)
    events, members, ending = _events(est, today)
    cost = np.where(ending, ACCUSING, est.cost)
    group = np.select([np.isnan(waited), waited <= 0, waited >= (floor or np.inf), ending | (cost >= CHANGING)],
                      [0, -1, 1, 3], default=4)
    # A few reads per collective silence, of the silent accounts refreshed longest ago.
    for event in events:
        mine = np.flatnonzero(members & (est.group == event["group"]) & (group > 1))
        group[mine[np.argsort(-waited[mine], kind="stable")][:SENTINELS]] = 2
    followers = np.nan_to_num(_column(table, "followers"))
    audience = np.log10(np.clip(followers, 0, None) + 10)
    # Within a group: the new by audience, the due by how overdue, the rest by what a read
    # is worth, ties to the longest wait.
    worth = _worth(cost, today - est.observed)
    urgency = np.select([group == 1, group >= 2], [waited, worth + 1e-3 * np.nan_to_num(waited) + 1e-6 * audience],
                        default=audience)
    order = np.lexsort((-urgency, group))
    wanted = order[group[order] >= 0]
    free = set(free)
    paid = np.array([candidates[i] not in free for i in wanted], dtype=bool)
    chosen = wanted[~paid | (np.cumsum(paid) <= allowance)]
    reasons = dict(zip(ORDER, np.bincount(group[chosen], minlength=len(ORDER)).tolist(), strict=True))
    note = ""
    if allowance == 0:
        spent = (f"the month's budget of {collect_cfg.monthly_read_budget:,} reads is spent ({used_this_month:,} used)"
                 if share == 0 else f"tonight's share of {share:,} reads was used by an earlier run")
        note = f"{'only accounts read today already, free' if len(chosen) else 'nothing to read'}: {spent}"
    return Plan([candidates[i] for i in chosen], reasons, allowance, used_this_month, len(candidates),
                collect_cfg.cost_per_read_usd, floor, collect_cfg.max_days_between_refresh, events, note,
                int((~paid).sum()))  # every free one wanted is chosen
