"""Change events: what changed between an account's observation and the one before it.

One row per change. The id is made of the department, platform, kind and date only, so the
same history gives the same ids on every rebuild: feed readers and permalinks rely on it.
Pure pandas and numpy, every account at once.
"""

from __future__ import annotations

from collections.abc import Iterator

import numpy as np
import pandas as pd

from ..config import Config
from ..schema import AccountState, EventKind, Status
from .reach import jumps, reported_rows
from .status import BANDS, band_index, day_numbers, previous_where

# In the order events of one day are listed.
KINDS = tuple(EventKind)
CHUNK_ROWS = 250_000
COLUMNS = ["event_id", "date", "department_id", "platform", "kind", "before", "after"]
# Of the observation each change is dated by, for how exactly its day is known (model.dated_events).
OWN_ROW = ["source", "source_url"]
# Statuses as small numbers, in an order the rules below compare by.
NAMES = (Status.UNKNOWN, Status.ACTIVE, Status.SLOW, Status.DORMANT, Status.ABANDONED, Status.SUSPENDED,
         Status.NOT_FOUND)
STATUSES = np.array([s.value for s in NAMES], dtype=object)
UNKNOWN, ACTIVE, SLOW, DORMANT, ABANDONED, SUSPENDED, NOT_FOUND = range(len(NAMES))
assert NAMES[:len(BANDS)] == BANDS  # a band's position is its status's


def _post_days(values: np.ndarray) -> np.ndarray:
    """`status.day_numbers` at numpy speed for the validated ISO dates and date-times of
    snapshots (a year of a large registry has a million distinct last-post times)."""
    present = pd.notna(values)
    out = np.full(len(values), np.nan)
    try:
        # As ASCII bytes: parsed three times as fast as the same ten letters as text. A letter
        # outside ASCII (UnicodeEncodeError is a ValueError) is left to day_numbers.
        out[present] = np.asarray(values[present], dtype="S10").astype("datetime64[D]").astype(np.int64)
    except ValueError:
        return day_numbers(values)
    return out


def _status(day: np.ndarray, last_post_at: np.ndarray, posts: np.ndarray, state: np.ndarray,
            cfg: Config) -> np.ndarray:
    """Each observation's status (a position in NAMES), by the rules
    `status.account_status` applies to an account's newest observation."""
    # The last post changes less often than nightly: each run of one value is parsed once.
    starts = np.flatnonzero(np.r_[True, last_post_at[1:] != last_post_at[:-1]])
    runs = np.diff(np.r_[starts, len(last_post_at)])
    code = band_index(day - np.repeat(_post_days(last_post_at[starts]), runs), cfg.status)  # NAMES begins as BANDS
    code[(code == UNKNOWN) & (posts == 0)] = ABANDONED
    code[state == AccountState.SUSPENDED] = SUSPENDED
    code[state == AccountState.NOT_FOUND] = NOT_FOUND
    return code


def _chunks(acct: np.ndarray, size: int) -> Iterator[tuple[int, int]]:
    """(start, stop) of runs of about `size` rows that never split an account's rows."""
    start = 0
    while start < len(acct):
        stop = min(start + size, len(acct))
        stop = int(np.searchsorted(acct, acct[stop - 1], side="right"))
        yield start, stop
        start = stop


def events(snapshots: pd.DataFrame, cfg: Config) -> pd.DataFrame:
    """Every change in `ordered` snapshots, oldest first; rows with state `error` are not
    observations and are skipped."""
    acct, day = snapshots["_acct"].to_numpy(), snapshots["_day"].to_numpy()
    found: list[tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]] = []
    # A few hundred thousand rows at a time: arrays of every row of years of nights, a dozen
    # of them at once, would be gigabytes. Every change is within one account's rows.
    for start, stop in _chunks(acct, CHUNK_ROWS):
        found += _changes(snapshots.iloc[start:stop], start, cfg)
    if not found:
        return pd.DataFrame(columns=COLUMNS + OWN_ROW)
    rows, kind, before, after = (np.concatenate(parts) for parts in zip(*found, strict=True))
    order = np.lexsort((rows, kind, acct[rows], day[rows]))  # accounts are numbered in id order
    rows, kind, before, after = rows[order], kind[order], before[order], after[order]
    # Two observations of one day (a manual figure beside the night's) make one event per
    # kind and day, from the first value to the last, so an id is never used twice.
    first = np.r_[True, (np.diff(day[rows]) != 0) | (np.diff(acct[rows]) != 0) | (np.diff(kind) != 0)]
    starts = np.flatnonzero(first)
    ends = np.r_[starts[1:], len(rows)] - 1
    at = rows[starts]
    day_of, dept, platform, source, cited = (snapshots[c].to_numpy(dtype=object)[at]
                                             for c in ("date", "department_id", "platform", *OWN_ROW))
    names = np.array([k.value for k in KINDS], dtype=object)[kind[starts]]
    # Object arrays add element by element in C: quicker than pandas' string columns.
    return pd.DataFrame({"event_id": dept + "/" + platform + "/" + names + "/" + day_of, "date": day_of,
                         "department_id": dept, "platform": platform, "kind": names, "before": before[starts],
                         "after": after[ends], "source": source, "source_url": cited}, columns=COLUMNS + OWN_ROW)


def _changes(snapshots: pd.DataFrame, offset: int, cfg: Config
             ) -> list[tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]]:
    """(rows, kind codes, before, after) of the changes in whole accounts' rows, the rows
    numbered from `offset`."""
    state = snapshots["state"].to_numpy(dtype=object)
    good = np.flatnonzero(state != AccountState.ERROR)
    if not len(good):
        return []
    state = state[good]
    acct = snapshots["_acct"].to_numpy()[good]
    handle = snapshots["handle"].to_numpy(dtype=object)[good]
    account_id = snapshots["account_id"].to_numpy(dtype=object)[good]
    followers = snapshots["followers"].to_numpy(dtype="float64", na_value=np.nan)[good]
    posts = snapshots["posts"].to_numpy(dtype="float64", na_value=np.nan)[good]
    found: list[tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]] = []

    def add(rows: np.ndarray, kind: EventKind | np.ndarray, before, after) -> None:
        code = np.full(len(rows), KINDS.index(kind)) if isinstance(kind, str) else kind
        found.append((offset + good[rows], code, np.asarray(before, dtype=object), np.asarray(after, dtype=object)))

    rows = np.flatnonzero(np.r_[True, acct[1:] != acct[:-1]])
    add(rows, EventKind.NEW_ACCOUNT, np.full(len(rows), None), handle[rows])

    # Renamed: the handle differs from the one last seen, and the platform's account id
    # says it is the same account (a new id is a different account, not a rename).
    has = pd.notna(handle)
    prev = previous_where(acct, has)
    rows = np.flatnonzero(has & (prev >= 0))
    rows = rows[handle[rows] != handle[prev[rows]]]
    was = prev[rows]
    same_id = pd.notna(account_id[rows]) & (account_id[rows] == account_id[was])
    # X handles are case-insensitive: a change of case is no rename.
    moved = np.char.lower(handle[rows].astype(str)) != np.char.lower(handle[was].astype(str))
    keep = same_id & moved
    add(rows[keep], EventKind.RENAMED, handle[was[keep]], handle[rows[keep]])

    day = snapshots["_day"].to_numpy()[good]
    status = _status(day, snapshots["last_post_at"].to_numpy(dtype=object)[good], posts, state, cfg)
    gone = status >= SUSPENDED
    # Gone: against the observation just before, whatever its band.
    rows = np.flatnonzero(np.r_[False, acct[1:] == acct[:-1]] & gone)
    rows = rows[~gone[rows - 1]]
    add(rows, EventKind.GONE, STATUSES[status[rows - 1]], STATUSES[status[rows]])
    # Bands: against the last observation whose band is known, so a figure copied from an
    # article without a post date does not break the chain.
    known = status != UNKNOWN
    prev = previous_where(acct, known)
    rows = np.flatnonzero(known & (prev >= 0))
    before, after = status[prev[rows]], status[rows]
    went = (before <= SLOW) & ((after == DORMANT) | (after == ABANDONED))
    add(rows[went], EventKind.DORMANT, STATUSES[before[went]], STATUSES[after[went]])
    # Back to active from a quiet band, or from suspended or not found.
    back = (before >= DORMANT) & (after == ACTIVE)
    add(rows[back], EventKind.REVIVED, STATUSES[before[back]], STATUSES[after[back]])

    counted = np.flatnonzero(~np.isnan(followers))
    count = followers[counted].astype(np.int64)
    step, jump = jumps(acct[counted], count, day[counted], cfg.reach.jump_share,
                       reported_rows(snapshots)[good][counted])
    rows = np.flatnonzero(jump)
    kinds = np.where(step[rows] > 0, KINDS.index(EventKind.FOLLOWER_JUMP), KINDS.index(EventKind.FOLLOWER_DROP))
    add(counted[rows], kinds, count[rows - 1].astype(str), count[rows].astype(str))

    has = ~np.isnan(posts)
    prev = previous_where(acct, has)
    rows = np.flatnonzero(has & (prev >= 0))
    rows = rows[posts[rows] < posts[prev[rows]]]
    add(rows, EventKind.POSTS_DELETED, posts[prev[rows]].astype(np.int64).astype(str),
        posts[rows].astype(np.int64).astype(str))

    return found

