"""The SiteModel: everything the site shows, computed once per build from the dataset.

Pure pandas: the dataset, the config and the build's --as-of in; frames out. Rendering
reads only this model, in every language, so nothing is computed twice.

Every window (age and staleness of a figure, which follower counts are ranked) counts from
one date, the site's as-of date: the newest observation at or before --as-of (`data_as_of`).
The build's own day reaches only the pipeline's health (`built_on`): so the same data gives
the same figures, pages and files whatever day it is built on.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta

import numpy as np
import pandas as pd

from ..config import Config
from ..places import STATE_NAMES
from ..schema import SOURCES, AccountState, EventKind, Platform, Status
from ..store.dataset import REF as REF  # the snapshots' column of line numbers, for the downloads
from ..store.dataset import Dataset, Lines, published_names
from .columns import equal
from .complaints import complaint_rankings, complaint_rates, with_withdrawn
from .complaints import recent as recent_period
from .directory import (
    GONE,
    REPLY_FIGURE,
    absence_newer,
    account_replies,
    districts,
    latest_absences,
    own_platform_replies,
    reply_times,
)
from .events import COLUMNS as EVENT_COLUMNS
from .events import OWN_ROW
from .events import events as change_events
from .grades import explained, grade_history
from .grades import grades as compute_grades
from .health import Health, last_day, pipeline_health, refresh_floor_kept
from .rankings import rank_of
from .reach import CHANGE_WINDOWS, reach
from .replies import reply_summary
from .shared import (
    account_of,
    as_listed,
    filers,
    from_counted,
    mark_shared,
    one_history,
    outside_ranking,
    twice_a_night,
)
from .status import EPOCH, KEY, account_status, days_between, factorize_runs, last_of_runs, ordered, status_counts
from .thinning import kept_rows


@dataclass(frozen=True)
class SiteModel:
    as_of: date | None  # the site's as-of date (`data_as_of`); None only when no input row has a date
    cfg: Config
    handles: pd.DataFrame        # one row per department and platform, no-account rows included
    departments: pd.DataFrame    # one row per department, with its grade
    grades: pd.DataFrame
    rates: pd.DataFrame          # complaint rows with computed rates and flags
    rankings: pd.DataFrame
    reply_summary: pd.DataFrame
    reply_platforms: pd.DataFrame  # each platform's own reply_summary, of departments measured on several
    replies: pd.DataFrame        # daily reply counts, for the downloads
    sources: pd.DataFrame
    snapshots: pd.DataFrame      # every observation, ordered by department, platform, date
    lines: Lines                 # each observation's line as read, numbered by `snapshots[REF]`
    recent: pd.DataFrame         # the days a scorecard lists one by one
    monthly: pd.DataFrame        # the last observation of each earlier month
    chart_months: pd.DataFrame   # the first and last count of each earlier month, for the chart
    counts: dict[str, int]
    newest_observation: str | None
    charted: frozenset[str]          # departments with a follower series to draw
    complaint_months: dict[str, int]  # months of ingested complaint figures per department
    corrections: pd.DataFrame        # corrections made on or before the build date
    health: Health
    runs: list[dict]                 # run records of the nights up to the build date
    grade_history: pd.DataFrame      # each department's grade at the end of recent months
    districts: pd.DataFrame          # one row per state and district, with Hindi names
    state_newest: dict[str, str]     # the newest observation of each state
    channels: pd.DataFrame           # where else to complain: national and state channels
    # The whole district registry (page keys and former names) and what people call offices:
    # the search recognises places and titles that have no department yet.
    district_registry: pd.DataFrame = field(default_factory=pd.DataFrame)
    titles: pd.DataFrame = field(default_factory=pd.DataFrame)
    # Handles and e-mail addresses the personal-data audit lets through (store.dataset.published_names).
    allowed_handles: frozenset[str] = field(default_factory=frozenset)
    # `account_rows` with each shared account once, in the lists' order (`listed`): the tables,
    # counts and downloads of all accounts.
    league: pd.DataFrame = field(default_factory=pd.DataFrame)
    # `handles` in the lists' order (`in_list_order`): handles.csv and its states' files, whose
    # rows a list of accounts shows in the same order.
    listed: pd.DataFrame = field(default_factory=pd.DataFrame)
    # `handles`, in its order, with each row's reply figure its account's own (directory.
    # own_platform_replies, worked out here once): what a district's card, a badge and a
    # scorecard's first sentence show. A department's figure mixing several platforms is no one
    # account's: each row has its account's own (directory.account_replies), blank without one.
    account_rows: pd.DataFrame = field(default_factory=pd.DataFrame)
    # One row per change of an account (became dormant, renamed, ...), oldest first.
    events: pd.DataFrame = field(default_factory=lambda: pd.DataFrame(columns=EVENT_COLUMNS))
    # `events` as scorecards list them: a shared account's under every department that lists it
    # (shared.as_listed); the feeds and events.csv hold each once.
    scorecard_events: pd.DataFrame = field(default_factory=lambda: pd.DataFrame(columns=EVENT_COLUMNS))
    # The day the build ran (its --as-of): only the health page and the stale banner read it.
    built_on: date | None = None
    # The longest wait between looks at an account the budget kept (health.refresh_floor_kept).
    refresh_floor: int = 0
    # Hand-entered follower counts stated as a bound (department_id, platform, date, bound).
    bounded: pd.DataFrame = field(default_factory=lambda: pd.DataFrame(columns=[*KEY, "date", "bound"]))
    # Positions in `snapshots` of the rows a department's history file keeps (compute/thinning.py):
    # worked out here, so its scratch arrays are let go before the pages' processes fork.
    history_rows: np.ndarray = field(default_factory=lambda: np.zeros(0, dtype=np.int64))
    # Of each row showing a shared account, the departments whose observations of it it shows
    # (shared.filers): its department's history file holds their rows of it too.
    filers: pd.DataFrame = field(default_factory=lambda: pd.DataFrame(columns=[*KEY, "filed_by", "rank"]))
    # Each nightly observation file's digest as read, by `_file`: what a night's archive was made from.
    digests: dict[str, str] = field(default_factory=dict)
    # How exactly `newest_observation` is known ('day', or 'month' or 'year' where every figure of
    # that day is a report's own stand-in day), and the reports it rests on where no look-up of
    # ours is of that day (newest_known): what the home page and lists say beside their date.
    newest_precision: str = "day"
    newest_reported: tuple[tuple[str, str], ...] = ()

    def as_of_precision(self) -> dict[str, str]:
        """{"as_of_precision": "month" or "year"} where only reports give the newest observation's
        day, standing in for their month or year; {} of a day. What a file giving that day
        writes beside it (a night's ZIP, build.json), as the pages say it; not written of a day:
        a file made again is the same."""
        return precision_field(self.newest_precision)


def precision_field(precision: str) -> dict[str, str]:
    """{"as_of_precision": precision} beside a file's as-of day known to its month or year
    only; {} of a day: a file made again is the same."""
    return {"as_of_precision": precision} if precision != "day" else {}


def data_as_of(ds: Dataset, cutoff: str, snapshots: pd.DataFrame | None = None) -> date | None:
    """The site's as-of date: its newest observation (collected or hand-entered, not in error)
    dated at or before `cutoff`. A data folder with no such observation is dated by its
    newest dated row of any input at or before `cutoff`, and by nothing (None) without one:
    never by the day of the build. `snapshots`: those of `ds` already cut at `cutoff`."""
    if snapshots is None:
        snapshots = ds.snapshots[ds.snapshots["date"] <= cutoff]
    observed = snapshots.loc[~equal(snapshots["state"], AccountState.ERROR), "date"]
    if len(observed):
        return date.fromisoformat(str(observed.max())[:10])
    days = [str(d)[:10] for column in _dated(ds, snapshots) for d in column.dropna() if str(d)[:10] <= cutoff]
    return date.fromisoformat(max(days)) if days else None


def _dated(ds: Dataset, snapshots: pd.DataFrame) -> list[pd.Series]:
    """Every column of the inputs that dates a row: what a cutoff is applied to."""
    return [snapshots["date"], ds.complaints["period_end"], ds.replies["date"], ds.corrections["date"],
            ds.sources["published_on"], ds.absences["checked_on"], ds.channels["checked_on"],
            pd.Series([r["night"] for r in ds.runs], dtype=object)]


def newest_dated(ds: Dataset) -> str | None:
    """The newest date of any row of the inputs, whatever the cutoff: a build at any as-of
    on or after it sees every row, so its site is the same (see data_as_of)."""
    newest = [str(column.dropna().max())[:10] for column in _dated(ds, ds.snapshots) if column.notna().any()]
    return max(newest) if newest else None


def stand_in_days(sources) -> dict[str, str]:
    """Days that stand in for a source's month or year (sources.csv date_precision), and so
    for the figures dated on them: {day: "month" or "year"}. `sources`: its rows as dicts."""
    return {str(s["published_on"])[:10]: s["date_precision"] for s in sources
            if s.get("date_precision") in ("month", "year") and isinstance(s.get("published_on"), str)}


def cited_stand_ins(sources) -> dict[tuple[str, str], str]:
    """stand_in_days by source, as a row cites it (source:<id>, or its address): {(citation,
    day): "month" or "year"}. Two sources of one day may date it differently: a row's date is
    as exact as its own source says."""
    return {(citation, day): precision for s in sources for day, precision in stand_in_days([s]).items()
            for citation in (f"source:{s['id']}", s.get("url")) if isinstance(citation, str) and citation}


def precision_of(days: pd.Series, cited: pd.Series, stand_in: dict[tuple[str, str], str]) -> pd.Series:
    """How exactly each date is known, for a file's reader who has no sources.csv at hand:
    day, or month or year where it is the day standing in for them in its own source (`cited`,
    the row's, see cited_stand_ins); None without a date."""
    said = [stand_in.get((ref, str(day)[:10]), "day") for day, ref in zip(days, cited, strict=True)]
    return pd.Series(said, index=days.index, dtype=object).where(days.notna(), None)


def newest_known(snapshots: pd.DataFrame, newest: str | None,
                 stand_in: dict[tuple[str, str], str]) -> tuple[str, tuple[tuple[str, str], ...]]:
    """How exactly the site's newest observation day (`newest`) is known, and the reports
    (their citations) its figures come from: of a day the collector looked an account up, the
    day itself and no report; of a day only reports give, as exactly as the most exact of them
    (a report of that very day makes it a day; every one standing in for its month, that month).
    Each report as (citation, the first department by id it gives a figure of): where the report
    has no address of its own, that department's scorecard lists it."""
    if newest is None:
        return "day", ()
    rows = snapshots[equal(snapshots["date"], newest) & ~equal(snapshots["state"], AccountState.ERROR)]
    return reported_known(bool(rows["source"].eq(REPORTED_SOURCE).all()), list(rows["department_id"].astype(str)),
                          list(rows["source_url"]), newest, stand_in)


def reported_known(reported: bool, departments: list[str], refs: list, newest: str,
                   stand_in: dict[tuple[str, str], str]) -> tuple[str, tuple[tuple[str, str], ...]]:
    """`newest_known` of the observations of the day `newest`, given as whether every one is
    from a report, and each one's department and citation: also of a list's few rows, which
    are not put in a frame for it."""
    if not reported:
        return "day", ()
    cited: dict[str, str] = {}
    for dept, ref in sorted(zip(departments, refs, strict=True)):
        if isinstance(ref, str) and ref:
            cited.setdefault(ref, dept)
    said = {stand_in.get((ref, str(newest)[:10]), "day") for ref in refs}
    return next(p for p in ("day", "month", "year") if p in said), tuple(sorted(cited.items()))


# Each reply date handles.csv gives, by the columns of the basis it is dated under and of its source.
REPLY_DAYS = {"account_reply_on": ("account_reply_basis", "account_reply_source_url"),
              "account_reply_from": ("account_reply_basis", "account_reply_source_url"),
              "reply_on": ("reply_basis", "reply_source_url"), "reply_from": ("reply_basis", "reply_source_url")}


def reply_precisions(handles: pd.DataFrame, stand_in: dict[tuple[str, str], str]) -> pd.DataFrame:
    """How exactly each reply date is known ({column}_precision, as precision_of): only a
    reported period's start or end may stand in for its source's month or year; a measured
    day that happens to be such a day (the 1st of a month) is a day."""
    out = {}
    for column, (basis, source) in REPLY_DAYS.items():
        said = precision_of(handles[column], handles[source], stand_in)
        out[f"{column}_precision"] = said.where(handles[basis].eq("reported").to_numpy(dtype=bool) | said.isna(),
                                                "day")
    return pd.DataFrame(out, index=handles.index)


def _age(as_of: date | None, days: pd.Series) -> np.ndarray:
    """Whole days from each date to the site's as-of date, never to the build's (see data_as_of)."""
    return days_between(as_of, days) if as_of else np.full(len(days), np.nan)


def _known_age(as_of: date | None, days: pd.Series, precision: pd.Series) -> np.ndarray:
    """Whole days from the last day each figure may be of (health.last_day: its month's or
    year's, where its day stands in for them by `precision`) to the site's as-of date: the
    least its age may be."""
    ends = [last_day(day, said).isoformat() if said in ("month", "year") else day
            for day, said in zip(days, precision, strict=True)]
    return _age(as_of, pd.Series(ends, index=days.index, dtype=object))


def _bounds(ds: Dataset) -> pd.DataFrame:
    """(department_id, platform, date, bound) of each hand-entered follower count its source
    states as a bound."""
    columns = [*KEY, "date", "bound"]
    return pd.DataFrame(columns=columns) if ds.bounded is None else ds.bounded[columns]


def _figures(snapshots: pd.DataFrame, cfg: Config, stand_in: dict[tuple[str, str], str],
             bounds: pd.DataFrame) -> pd.DataFrame:
    """Each account's status and reach (status.account_status, reach.reach) by KEY, its first
    and latest count each as its source states it (`bounds`)."""
    status = account_status(snapshots, cfg.status)
    grown = reach(snapshots, cfg.reach.jump_share, stand_in,
                  set(zip(*(bounds[c] for c in (*KEY, "date")), strict=True)))
    for end in ("followers", "first_followers"):
        grown = grown.merge(bounds.rename(columns={"date": f"{end}_on", "bound": f"{end}_bound"}),
                            on=[*KEY, f"{end}_on"], how="left")
    return status.merge(grown, on=KEY, how="outer")


def _handles(ds: Dataset, snapshots: pd.DataFrame, as_of: date | None, cfg: Config,
             stand_in: dict[tuple[str, str], str],
             bounds: pd.DataFrame) -> pd.DataFrame:
    depts = ds.departments.drop(columns=["_file", "_line"]).rename(
        columns={"id": "department_id", "name_en": "department_name_en", "name_hi": "department_name_hi"})
    # A reader of a file sees the state's name beside its code, in both languages.
    depts["state_name_en"] = depts["state"].map(lambda code: STATE_NAMES[code][0])
    depts["state_name_hi"] = depts["state"].map(lambda code: STATE_NAMES[code][1])
    accounts = ds.accounts.drop(columns=["_file", "_line"]).rename(columns={"source_url": "account_source_url"})
    collected = ds.account_ids.set_index(KEY)["account_id"]
    accounts["account_id"] = accounts["account_id"].fillna(
        pd.Series(collected.reindex(pd.MultiIndex.from_frame(accounts[KEY])).to_numpy(), index=accounts.index))
    expected = pd.MultiIndex.from_product([depts["department_id"], list(cfg.status.expected_platforms)],
                                          names=KEY).to_frame(index=False)
    pairs = pd.concat([expected, accounts[KEY]]).drop_duplicates()
    table = pairs.merge(depts, on="department_id").merge(accounts, on=KEY, how="left", indicator=True)
    table["has_account"] = table.pop("_merge") == "both"
    figures = _figures(snapshots, cfg, stand_in, bounds)
    observed = [c for c in figures.columns if c not in KEY]
    table = mark_shared(table.merge(figures[[*KEY, "observed_on"]], on=KEY, how="left"))
    shared = filers(table)
    if len(shared):
        # A shared account's figures are those of the history its scorecards list, from every
        # observation of it whoever filed it: not its counting department's rows alone.
        history = one_history(snapshots, shared)
        own_bounds = history[[*KEY, "date", "filed_by"]].merge(
            bounds.rename(columns={"department_id": "filed_by"}), on=["filed_by", "platform", "date"])
        whole = _figures(history, cfg, stand_in, own_bounds.drop(columns="filed_by"))
        replaced = pd.MultiIndex.from_frame(figures[KEY]).isin(pd.MultiIndex.from_frame(whole[KEY]))
        figures = pd.concat([figures[~replaced], whole], ignore_index=True)
    # Every department of a shared account shows its figures, wherever they were filed.
    table = from_counted(table.drop(columns="observed_on").merge(figures, on=KEY, how="left"), observed)
    table["registry_handle"] = table["handle"]  # kept: a handle renamed before it was first seen is still known
    table["handle"] = table["seen_handle"].where(table["seen_handle"].notna(), table["handle"])
    table["account_id"] = table["account_id"].where(table["account_id"].notna(), table["seen_account_id"])
    table["source_url"] = table["observed_source_url"].where(table["observed_source_url"].notna(),
                                                             table["account_source_url"])
    table["status"] = np.where(table["has_account"], table["status"].fillna(Status.UNKNOWN), Status.NO_ACCOUNT)
    age = _age(as_of, table["observed_on"])
    table["observation_age_days"] = pd.array(age, dtype="Float64").astype("Int64")
    # Only follower counts observed within the stale window are ranked, against each other.
    # A count's age is its own: a suspended account checked today may hold a count weeks old.
    count_age = _age(as_of, table["followers_on"])
    table["followers_age_days"] = pd.array(count_age, dtype="Float64").astype("Int64")
    # A suspended or vanished account's last count is out of citizens' reach: not ranked, and
    # no change or growth is shown for it, as if it still grew from its last count.
    reachable = ~table["status"].isin(GONE)
    moving = [f"change_{w}d" for w in CHANGE_WINDOWS] + ["growth_30d", "jumps_30d"]
    for column in moving:
        table[column] = table[column].astype("Int64").where(reachable)
    table = table.drop(columns=["seen_handle", "seen_account_id", "observed_source_url"])
    # The platforms every department is expected on come first, in the configured order.
    expected_order = {p: n for n, p in enumerate(cfg.status.expected_platforms)}
    table["_platform_order"] = table["platform"].map(expected_order).fillna(len(expected_order))
    return table.sort_values(["state", "district", "department_id", "_platform_order", "platform"],
                             na_position="first", kind="stable").drop(columns="_platform_order").reset_index(drop=True)


def _follower_ranks(table: pd.DataFrame, cfg: Config) -> pd.DataFrame:
    """`table` with each account's rank by followers in its state and its category: only counts
    at most stale_after_days old are ranked, against each other. Not a suspended or vanished
    account's (out of citizens' reach), nor one a newer "no account" report contradicts (which
    holds, the next observation says); a shared account once, where it is counted."""
    fresh = (table["followers_age_days"].astype("Float64") <= cfg.status.stale_after_days).fillna(False)
    eligible = fresh.to_numpy(dtype=bool) & ~table["status"].isin(GONE) & table["counted"] & ~table["absence_newer"]
    for within in ("state", "category"):
        table[f"rank_in_{within}"], table[f"of_in_{within}"] = rank_of(
            table["followers"], [table["platform"], table[within]], eligible)
    table = from_counted(table, ["rank_in_state", "of_in_state", "rank_in_category", "of_in_category"])
    for within in ("state", "category"):
        elsewhere = outside_ranking(table, within)
        table.loc[elsewhere, [f"rank_in_{within}", f"of_in_{within}"]] = pd.NA
    return table


def in_list_order(handles: pd.DataFrame) -> pd.DataFrame:
    """Rows as every list of accounts shows them, and as its file and the script's 'as listed'
    have them: the largest audiences first (the table's first sort, most followers first),
    then the rows without a count in the registry's order, the states' before the Government of
    India's, as the state picker names it last. A citizen's first screen shows figures, not
    a page of dashes. Sorted stably: equal counts keep the registry's order, night after night."""
    followers = handles["followers"].astype("Float64").to_numpy(dtype=float, na_value=np.nan)
    key = pd.DataFrame({"none": np.isnan(followers), "most": -np.nan_to_num(followers),
                        "union": (handles["state"] == "IN").to_numpy(dtype=bool)}, index=handles.index)
    return handles.loc[key.sort_values(["none", "most", "union"], kind="stable").index].reset_index(drop=True)


def _league(account_rows: pd.DataFrame) -> pd.DataFrame:
    """The rows the lists of accounts show: each account once (`counted`), with its own reply
    figure, in the lists' order."""
    listed = in_list_order(account_rows)
    return listed[listed["counted"]].reset_index(drop=True)


def _recent_and_monthly(snapshots: pd.DataFrame, cfg: Config, shared: pd.DataFrame | None = None
                        ) -> tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame, pd.DataFrame]:
    """Each account's last `history_days` of observations one by one (counted back from its
    own newest observation, so a page changes only when its account does; a shared account's
    (`shared`: filers()) whoever filed it); before them,
    the last good observation of each month. A failed lookup (`error`) is listed among the
    recent days as what happened that night, but it is not an observation of the account: a
    month that ended with one is summed up by its last good night, as in the history files.

    Third, what the follower chart draws before the recent days: the first and last count of
    each of the account's last `history_months` months with a count, with its source (a
    report's count on its stand-in day is said as its month or year). Not the months listed:
    a month's last observation may have no count (the account was found suspended), and an
    account suspended for long has listed months with none, yet its history file and so its
    interactive chart still draw the counts before.

    Fourth, what the grade over time reads before the recent days: the last good observation
    of every month, however old. An account not observed in a month counts by its last
    observation until it grows too old, a year on: one older than the months the scorecard
    lists still counts, and stops counting, in a month of the grade's history."""
    acct = snapshots["_acct"].to_numpy()
    day = snapshots["_day"].to_numpy()
    ends = last_of_runs(acct)
    newest = day[ends]
    account = None  # of each filed account (an `_acct` number), the account's: a shared one's once
    if shared is not None and len(shared):
        filed_as = (snapshots[c].to_numpy(dtype=object)[ends] for c in ("department_id", "platform"))
        account = account_of(*filed_as, shared)
        newest = pd.Series(newest, dtype=float).groupby(account).transform("max").to_numpy(dtype=float)
    newest = np.repeat(newest, np.diff(np.r_[-1, ends]))
    recent = (day > newest - cfg.site.history_days) | np.isnan(day)

    def months(rows: np.ndarray, limit: float = cfg.site.history_months) -> tuple[np.ndarray, np.ndarray]:
        """The first and last of `rows` in each account's month, of its last `limit`."""
        month = day[rows].astype("datetime64[D]").astype("datetime64[M]").astype(np.int64)
        last = last_of_runs(acct[rows].astype(np.int64) * 100_000 + month)
        first = np.r_[0, last + 1][:len(last)]
        # How many months each is before its account's last.
        runs = last_of_runs(acct[rows[last]])
        before = np.repeat(runs, np.diff(np.r_[-1, runs])) - np.arange(len(last))
        if account is not None:  # a shared account's months are all its departments' months
            before = pd.Series(month[last]).groupby(account[acct[rows[last]]]).rank(
                method="dense", ascending=False).to_numpy() - 1
        shown = before < limit
        return rows[first[shown]], rows[last[shown]]

    good = np.flatnonzero(~recent & ~equal(snapshots["state"], AccountState.ERROR))
    _, monthly = months(good)
    _, graded = months(good, np.inf)
    drawn = np.unique(np.concatenate(months(np.flatnonzero(~recent & snapshots["followers"].notna().to_numpy()))))
    internal = [c for c in snapshots.columns if c.startswith("_")]
    return (snapshots[recent].drop(columns=internal), snapshots.iloc[monthly].drop(columns=internal),
            snapshots.iloc[drawn][["department_id", "platform", "date", "followers", "source", "source_url"]],
            snapshots.iloc[graded].drop(columns=internal))


def _events(snapshots: pd.DataFrame, shared: pd.DataFrame, cfg: Config) -> pd.DataFrame:
    """The change events of `snapshots`, a shared account's once, on the department that counts
    it, from every observation of it whichever department it is filed under (`shared`, filers()):
    looked up for each of its departments, every change was listed once per department."""
    events = change_events(snapshots, cfg)
    if not len(shared):
        return events
    once = change_events(one_history(snapshots, shared).drop(columns="filed_by"), cfg)
    listed = pd.MultiIndex.from_frame(events[KEY].astype(object)).isin(pd.MultiIndex.from_frame(shared[KEY]))
    out = pd.concat([events[~listed], once], ignore_index=True)
    kind = out["kind"].map({k.value: n for n, k in enumerate(EventKind)})
    return out.loc[out.assign(_k=kind).sort_values(["date", "department_id", "platform", "_k"],
                                                   kind="stable").index].reset_index(drop=True)


def dated_events(events: pd.DataFrame, stand_in: dict[tuple[str, str], str]) -> pd.DataFrame:
    """`events` with how exactly each one's day is known (date_precision, as precision_of), by the
    observation it is dated by, and no more of that observation: of a shared account's day, a
    report filed by one department and a look-up by another are not one figure."""
    return events.drop(columns=OWN_ROW).assign(date_precision=own_precision(events, stand_in).to_numpy())


def own_precision(rows: pd.DataFrame, stand_in: dict[tuple[str, str], str]) -> pd.Series:
    """How exactly each row's `date` is known by its own source (`source`, `source_url`): a
    report's stand-in day as its month or year, a look-up's as its day, whatever report
    stands in on that day (as precision_of)."""
    said = precision_of(rows["date"], rows["source_url"], stand_in)
    return said.where(rows["source"].eq(REPORTED_SOURCE).to_numpy(dtype=bool) | said.isna(), "day")


# Text columns of few distinct values, held as categories once computing is done: the steps
# after it only select, compare and print them, and a code takes two bytes where a reference
# to a shared string takes eight (about 230 MB at three years of 5,000 accounts).
CATEGORIES = ("department_id", "platform", "account_id", "handle", "state", "source", "source_url", "_file")


def categorical(values: np.ndarray) -> pd.Categorical:
    """`pd.Categorical(values)`, each run of equal neighbours looked up once (factorize_runs)."""
    values = np.asarray(values, dtype=object)
    if not len(values):
        return pd.Categorical(values)
    codes, uniques = factorize_runs(values, sort=True)
    return pd.Categorical.from_codes(codes, categories=uniques)


def _compact(snapshots: pd.DataFrame) -> pd.DataFrame:
    """The observations as the render step reads them: texts that repeat as categories, and
    without the account and day numbers only the compute step reads (at three years a tenth
    of a gigabyte held while the pages are made)."""
    kept = snapshots.drop(columns=["_acct", "_day"], errors="ignore")
    return kept.assign(**{c: categorical(kept[c].to_numpy(dtype=object)) for c in CATEGORIES if c in kept})


NIGHTLY_SOURCE = SOURCES[0]  # what the collector writes in a night's rows
REPORTED_SOURCE = SOURCES[1]  # a figure typed in from a report


def _night_states(snapshots: pd.DataFrame, day: np.ndarray, twice: np.ndarray) -> dict[str, dict[str, int]]:
    """Accounts by state in each night the collector wrote, from the compact frame's category
    codes (`_compact`) and the day numbers (`day`, status.ordered's): grouping the text of
    every nightly row held a quarter of a gigabyte at three years of 5,000 accounts, at the
    compute step's peak. `twice`: positions of rows another row of the night stands for (a
    shared account looked up for two departments, shared.twice_a_night), left out."""
    source, state = snapshots["source"].array, snapshots["state"].array
    if NIGHTLY_SOURCE not in source.categories:
        return {}
    rows = np.flatnonzero(source.codes == source.categories.get_loc(NIGHTLY_SOURCE))
    rows = np.setdiff1d(rows, twice, assume_unique=True)
    codes, days = state.codes[rows], day[rows]
    known = (codes >= 0) & ~np.isnan(days)
    width = max(len(state.categories), 1)
    keys, counts = np.unique(days[known].astype(np.int64) * width + codes[known], return_counts=True)
    out: dict[str, dict[str, int]] = {}
    for key, n in zip(keys.tolist(), counts.tolist(), strict=True):
        night, code = divmod(key, width)
        out.setdefault((EPOCH + timedelta(days=night)).isoformat(), {})[state.categories[code]] = n
    return out


def _corrections(ds: Dataset, departments: pd.DataFrame, cutoff: str) -> pd.DataFrame:
    """Corrections made by the build date, newest first, with the department's names."""
    made = ds.corrections[ds.corrections["date"] <= cutoff].drop(columns=["_file", "_line"], errors="ignore")
    names = departments[["department_id", "department_name_en", "department_name_hi"]]
    return made.merge(names, on="department_id", how="left").sort_values(
        ["date", "department_id"], ascending=[False, True], kind="stable").reset_index(drop=True)


def build_model(ds: Dataset, cfg: Config, as_of: date) -> SiteModel:
    """Everything the site shows, built on `as_of` (the build's --as-of): rows dated later are
    left out, and every window counts from the site's own as-of date (`data_as_of`)."""
    cutoff = as_of.isoformat()
    dated = ds.snapshots["date"] <= cutoff
    # Most builds are of every row: no copy of them just to leave nothing out.
    snapshots = ordered(ds.snapshots if dated.all() else ds.snapshots[dated])
    site_as_of = data_as_of(ds, cutoff, snapshots)
    # Days standing in for a source's month or year, and the counts a source bounds: read once.
    stand_in, bounds = cited_stand_ins(ds.sources.to_dict("records")), _bounds(ds)
    handles = _handles(ds, snapshots, site_as_of, cfg, stand_in, bounds)
    # A past build cites only what had been published by its date.
    unpublished = {f"source:{i}" for i in ds.sources.loc[ds.sources["published_on"] > cutoff, "id"]}
    for column in ("source_url", "followers_source_url", "first_followers_source_url"):
        handles[column] = handles[column].where(~handles[column].isin(unpublished), None)
    rates = complaint_rates(with_withdrawn(ds.complaints, ds.withdrawn), cfg, cutoff)
    replies = ds.replies[ds.replies["date"] <= cutoff].sort_values(["date", "department_id"], kind="stable")
    summary = reply_summary(replies)
    # Beside the figures the grade counts, mixed, each platform's own: on the scorecard each is
    # named with its account, as the lists name a reply time's platform.
    # Only the few departments measured on several platforms: not a second pass over every row.
    mixed = summary.loc[summary["platform"].isna(), "department_id"]
    platforms = reply_summary(replies[replies["department_id"].isin(mixed)], per_platform=True)
    handles = handles.merge(latest_absences(ds.absences, cutoff), on=["department_id", "platform"], how="left")
    # An old "no account" is a finding of its day, not of tonight: kept and counted as missing,
    # shown with its date, and left out of the grade (compute/grades.py). Only where it is the
    # status: a report that found no account in 2023 says nothing of the one observed since.
    absence_age = _age(site_as_of, handles["absent_on"])
    handles["absence_unchecked"] = (np.nan_to_num(absence_age, nan=-1.0) > cfg.status.absence_recheck_days) & \
        handles["status"].eq(Status.NO_ACCOUNT).to_numpy(dtype=bool)
    # Symmetrically, a report dated after the account's newest observation is the newer finding:
    # said beside the account, whose old status no page shows as current nor any grade counts.
    handles["absence_newer"] = absence_newer(handles)
    handles = _follower_ranks(handles, cfg)
    # A file's reader sees that "2017-07-01" stands for 2017, as the pages say, without a join;
    # only of a report's figure: what the collector saw on the 1st of a month is of that day.
    reported = {"followers_on": ("followers_source_url", handles["followers_source_url"].notna()),
                "first_followers_on": ("first_followers_source_url", handles["first_followers_source_url"].notna()),
                "observed_on": ("source_url", handles["observed_source"].eq(REPORTED_SOURCE)),
                "absent_on": ("absent_source_url", handles["absent_source_url"].notna())}
    for column, (source, by_report) in reported.items():
        said = precision_of(handles[column], handles[source], stand_in)
        handles[f"{column}_precision"] = said.where(by_report.to_numpy(dtype=bool) | said.isna(), "day")
    # Older than the stale limit, and than the refresh floor: as the banner, of a figure known
    # only to its month or year, counted from that month's or year's last day, so that "older
    # than N days" is true of it. A row never observed is neither stale nor fresh.
    age = _known_age(site_as_of, handles["observed_on"], handles["observed_on_precision"])
    handles["stale"] = pd.array(np.where(np.isnan(age), None, age > cfg.status.stale_after_days), dtype="boolean")
    # An account the nightly job looks up (on X) whose status is older than the refresh floor
    # the budget kept is marked so, until the stale limit takes over: its status may have moved.
    floor = refresh_floor_kept(ds.runs, site_as_of, cfg.collect.max_days_between_refresh)
    overdue = (handles["platform"] == Platform.X).to_numpy() & (age > floor) & ~(age > cfg.status.stale_after_days)
    handles["refresh_overdue"] = pd.array(np.where(np.isnan(age), None, overdue), dtype="boolean")
    grades = compute_grades(handles, rates, summary, cfg, site_as_of)
    handles = handles.merge(grades[["department_id", "grade", "score"]], on="department_id", how="left")
    # The reply figure the grade counts: measured or reported, only from a recent period, as there.
    reply = reply_times(summary[recent_period(summary, cfg, site_as_of, "until").to_numpy(dtype=bool)],
                        rates[recent_period(rates, cfg, site_as_of)], cfg.grade.min_mentions)
    handles = handles.merge(reply, on="department_id", how="left")
    own_replies = account_replies(platforms[recent_period(platforms, cfg, site_as_of, "until").to_numpy(dtype=bool)],
                                  cfg.grade.min_mentions)
    extra = [c for c in ("district_hi", "helpline", "website", "grievance_portal", "contact_source_url",
                         "contact_checked_on")
             if c in handles]
    grades = explained(grades, handles.drop_duplicates("department_id").set_index("department_id")["state"], cfg)
    departments = handles.drop_duplicates("department_id")[
        ["department_id", "department_name_en", "department_name_hi", "category", "state", "district",
         "parent_id", *extra]].merge(grades, on="department_id", how="left").reset_index(drop=True)
    if "contact_checked_on" in departments:
        # A past build shows no contact found after its day, as it shows no channel checked later.
        later = (departments["contact_checked_on"] > cutoff).fillna(False).to_numpy(dtype=bool)
        contact = [c for c in ("helpline", "website", "grievance_portal", "contact_source_url", "contact_checked_on")
                   if c in departments]
        departments.loc[later, contact] = None
    place_names = districts(departments, ds.districts)
    # The registry's Hindi name and page key, never a department's own spelling.
    place_columns = place_names[["state", "district", "district_hi", "former_names", "key"]].rename(
        columns={"key": "district_key", "former_names": "district_former_names"})
    departments = departments.drop(columns=["district_hi"], errors="ignore").merge(
        place_columns, on=["state", "district"], how="left")
    handles = handles.drop(columns=["district_hi"], errors="ignore").merge(
        place_columns, on=["state", "district"], how="left")
    # "As of" a place means its own newest observation: a page changes when its place does.
    place = handles["district_key"].fillna(handles["state"])
    handles["place_newest"] = handles["observed_on"].groupby(place).transform("max")
    state_newest = handles.groupby("state")["observed_on"].max()
    place_names["newest"] = place_names["key"].map(handles.groupby("district_key")["observed_on"].max())
    names = departments[["department_id", "department_name_en", "department_name_hi", "state"]]
    shared = filers(handles)
    recent, monthly, chart_months, graded = _recent_and_monthly(snapshots, cfg, shared)
    # A shared account's history, whichever of its departments files it, on every scorecard that
    # lists it: in what pages show only, never in `snapshots`, whose rows totals count once.
    recent, chart_months = as_listed(recent, shared), as_listed(chart_months, shared)
    monthly, graded = as_listed(monthly, shared, monthly=True), as_listed(graded, shared, monthly=True)
    # The reports a registered account's grade over time reads as the grade does (absence_newer).
    reports = ds.absences[ds.absences["checked_on"] <= cutoff].merge(ds.accounts[KEY].drop_duplicates(), on=KEY)
    # Each observation dated by its own source: a grade's month names the one that stopped counting
    # in it, whichever department filed it (a shared account's rows are under each that lists it).
    graded = pd.concat([graded, recent])
    graded = graded.assign(date_precision=own_precision(graded, stand_in).to_numpy())
    history_of_grades = grade_history(graded, rates, replies, cfg, site_as_of, reports)
    observed = snapshots.loc[~equal(snapshots["state"], AccountState.ERROR), "date"]
    newest = observed.max() if len(observed) else None
    newest_precision, newest_reported = newest_known(snapshots, newest, stand_in)
    newest_reported = tuple(r for r in newest_reported if r[0] not in unpublished)  # as handles' sources are
    # The history files thin out from the day the data ends, not from the build's day.
    history_rows = np.flatnonzero(kept_rows(snapshots, date.fromisoformat(newest) if newest else site_as_of))
    counted = snapshots.loc[snapshots["followers"].notna(), ["department_id", "platform", "date"]]
    series = counted.groupby(["department_id", "platform"], observed=True).size()
    charted = set(series[series >= 2].index.get_level_values(0))
    if len(shared):  # a shared account's counts, whoever filed them, on each of its departments' pages
        filed = as_listed(counted[counted["department_id"].isin(shared["filed_by"])].astype(object), shared)
        drawn = filed[filed["filed_by"].notna()].groupby(["department_id", "platform"]).size()
        charted |= set(drawn[drawn >= 2].index.get_level_values(0))
    monthly_complaints = rates[(rates["source"] == "ingest") & (rates["period_days"] > 1)]
    compact = _compact(snapshots)
    account_rows = own_platform_replies(handles, own_replies)
    # handles.csv gives each account's own figure beside its department's, as its row shows it.
    handles = handles.assign(**{f"account_{c}": account_rows[c] for c in REPLY_FIGURE})
    # A reported period's start and end may stand in for its source's month or year, as a count's day may.
    handles = handles.assign(**reply_precisions(handles, stand_in))
    listed = in_list_order(handles)
    events = dated_events(_events(snapshots, shared, cfg), stand_in)
    return SiteModel(
        as_of=site_as_of, built_on=as_of, cfg=cfg, handles=handles, departments=departments, grades=grades, rates=rates,
        rankings=complaint_rankings(rates, cfg, site_as_of).merge(names.merge(
            departments[["department_id", "category"]], on="department_id"), on="department_id"),
        reply_summary=summary, reply_platforms=platforms.reset_index(drop=True),
        replies=replies, sources=ds.sources[ds.sources["published_on"] <= cutoff],
        snapshots=compact, lines=ds.lines, digests=ds.digests,
        recent=recent, monthly=monthly, chart_months=chart_months,
        counts=status_counts(handles.loc[handles["counted"], "status"]),
        newest_observation=newest, history_rows=history_rows,
        newest_precision=newest_precision, newest_reported=newest_reported,
        charted=frozenset(charted),
        complaint_months=monthly_complaints.groupby("department_id").size().to_dict(),
        corrections=_corrections(ds, departments, cutoff),
        runs=[r for r in ds.runs if r["night"] <= cutoff], grade_history=history_of_grades, filers=shared,
        health=pipeline_health(ds.runs, as_of, newest, _night_states(
            compact, snapshots["_day"].to_numpy(), twice_a_night(snapshots, shared, NIGHTLY_SOURCE)), newest_precision),
        districts=place_names, state_newest=state_newest.dropna().to_dict(),
        channels=ds.channels[ds.channels["checked_on"] <= cutoff].drop(
            columns=["_file", "_line"], errors="ignore").reset_index(drop=True),
        allowed_handles=published_names(ds, cfg.site.contact_email),
        events=events, scorecard_events=as_listed(events, shared, one=("date", "kind")),
        league=_league(account_rows), listed=listed, account_rows=account_rows, refresh_floor=floor,
        district_registry=ds.districts.drop(columns=["_file", "_line"], errors="ignore"),
        titles=(ds.titles if ds.titles is not None else pd.DataFrame()).drop(columns=["_file", "_line"],
                                                                               errors="ignore"),
        bounded=bounds[bounds["date"] <= cutoff].reset_index(drop=True),
    )
