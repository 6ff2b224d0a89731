"""Users lookup at the request floor: 100 accounts a request, by id where known.

Every account asked for comes back as one snapshot row: its figures, or the state the API
reported (suspended, not found), or `error` when the request failed or the answer for it
is unusable; or as no row when it posted after the night (a night looked up after it, as
a missed night collected the next day is): X tells only its latest post, so its figures
are not that night's observation. Values from the API pass the same checks as hand-made
input before they become a row: one bad answer must not make the history unreadable for
every later night.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta

from ..schema import LARGEST_COUNT, AccountState, CellError, _count, _digits, _handle, _timestamp
from .x_client import LOOKUP_MAX, RECENT_POST_FIELDS, RequestFailed, XApi, iso_utc, post_time


@dataclass(frozen=True)
class Target:
    department_id: str
    handle: str | None
    account_id: str | None


def _error_state(error: dict) -> str:
    text = f"{error.get('title', '')} {error.get('detail', '')}".lower()
    if "suspended" in text:
        return AccountState.SUSPENDED
    if "not found" in text or "could not find" in text:
        return AccountState.NOT_FOUND
    return AccountState.ERROR


@dataclass
class Answer:
    """One lookup request's accounts as rows, why each `error` row is one, and the accounts
    X returned a user for: X bills each of them, whether its values were kept or refused."""

    rows: list[dict]
    problems: dict[str, str] = field(default_factory=dict)  # department_id -> reason
    returned: set[str] = field(default_factory=set)  # department ids
    after_night: set[str] = field(default_factory=set)  # returned, latest post after the night: no row


class Unusable(ValueError):
    """A value that would not pass as hand-made input. The message names the field and the
    rule, never the value: it goes into the run record."""


class AfterNight(Exception):
    """A user whose latest post was made after the night and before the lookup: true, but
    the night's latest post is not known from it (X tells the latest post only)."""


# X's clock and the collector's may differ: a post this much after the lookup is not one
# from the future.
CLOCK_SKEW = timedelta(minutes=5)


def _string(name: str, value, parse, rule: str) -> str:
    if not isinstance(value, str):
        raise Unusable(f"{name} {rule}")
    try:
        return parse(value)
    except CellError:
        raise Unusable(f"{name} {rule}") from None


def _number(name: str, value) -> int | None:
    if value is None:
        return None
    rule = f"is not a whole number from 0 to below {LARGEST_COUNT:,}"
    if not isinstance(value, int) or isinstance(value, bool):
        raise Unusable(f"{name} {rule}")
    try:
        return _count(str(value))
    except (CellError, ValueError):
        raise Unusable(f"{name} {rule}") from None


def _last_post(user: dict, day: date, now: datetime) -> str | None:
    """The latest post's time, by either name of the field (each one present is checked),
    looked up at `now`."""
    moments = []
    for name in RECENT_POST_FIELDS:
        if user.get(name) is None:
            continue
        post_id = _string(name, user[name], _digits, "is not a numeric post id")
        try:
            when = post_time(post_id)
            moment = _timestamp(iso_utc(when))
        except (ValueError, OverflowError, OSError):
            raise Unusable(f"{name} does not decode to a date") from None
        if when > now + CLOCK_SKEW:
            raise Unusable(f"{name} decodes to a time after the lookup")
        moments.append(moment)
    latest = max(moments, default=None)
    if latest is not None and latest[:10] > day.isoformat():
        raise AfterNight
    return latest


def _user_row(target: Target, user: dict, day: date, now: datetime) -> dict:
    """The row of a user X returned at `now`; Unusable when a value would not pass `validate`,
    AfterNight when its latest post is after the night."""
    account_id = _string("id", user.get("id"), _digits, "is not a numeric id")
    handle = _string("username", user.get("username"), _handle, "is not a valid handle")
    metrics = user.get("public_metrics", {})
    if not isinstance(metrics, dict):
        raise Unusable("public_metrics is not an object")
    protected = user.get("protected", False)
    if not isinstance(protected, bool):
        raise Unusable("protected is not true or false")
    return {
        "department_id": target.department_id, "platform": "x", "date": day.isoformat(),
        "account_id": account_id, "handle": handle,
        "followers": _number("public_metrics.followers_count", metrics.get("followers_count")),
        "following": _number("public_metrics.following_count", metrics.get("following_count")),
        "posts": _number("public_metrics.tweet_count", metrics.get("tweet_count")),
        "last_post_at": _last_post(user, day, now),
        "state": AccountState.PROTECTED if protected else AccountState.OK,
        "source": "x-api", "source_url": f"https://x.com/{handle}",
    }


def _bare_row(target: Target, day: date, state: str) -> dict:
    return {"department_id": target.department_id, "platform": "x", "date": day.isoformat(),
            "account_id": target.account_id, "handle": target.handle, "followers": None,
            "following": None, "posts": None, "last_post_at": None, "state": state,
            "source": "x-api", "source_url": f"https://x.com/{target.handle}" if target.handle else None}


def batches(targets: list[Target]) -> list[tuple[str, list[Target]]]:
    """Lookup requests: by id where the id is known, by username otherwise; 100 a request."""
    by_id = [t for t in targets if t.account_id]
    by_name = [t for t in targets if not t.account_id and t.handle]
    out = []
    for kind, group in (("ids", by_id), ("usernames", by_name)):
        for start in range(0, len(group), LOOKUP_MAX):
            out.append((kind, group[start:start + LOOKUP_MAX]))
    return out


def _objects(value) -> list[dict]:
    return [v for v in value if isinstance(v, dict)] if isinstance(value, list) else []


def lookup_rows(api: XApi, kind: str, group: list[Target], day: date) -> Answer:
    """One lookup request's accounts as snapshot rows; a failed request marks them error."""
    values = [t.account_id if kind == "ids" else t.handle for t in group]
    try:
        body = api.lookup(**{kind: values})
    except RequestFailed as exc:
        reason = f"lookup failed: {exc}"
        return Answer([_bare_row(t, day, AccountState.ERROR) for t in group], {t.department_id: reason for t in group})
    now = datetime.fromtimestamp(api.clock(), UTC)
    field_name = "id" if kind == "ids" else "username"
    found = {u[field_name].lower(): u for u in _objects(body.get("data")) if isinstance(u.get(field_name), str)}
    errors = {str(e.get("value", "")).lower(): e for e in _objects(body.get("errors"))}
    answer = Answer([])
    for target, value in zip(group, values, strict=True):
        k = value.lower()
        state, reason = AccountState.ERROR, "X's answer has neither a user nor an error for this account"
        if k in found:
            answer.returned.add(target.department_id)
            try:
                answer.rows.append(_user_row(target, found[k], day, now))
                continue
            except AfterNight:
                answer.after_night.add(target.department_id)
                continue
            except Unusable as exc:
                reason = str(exc)
        elif k in errors:
            state, reason = _error_state(errors[k]), "X reported an error of another kind for this account"
        if state == AccountState.ERROR:
            answer.problems[target.department_id] = reason
        answer.rows.append(_bare_row(target, day, state))
    return answer


def request_floor(accounts: int) -> int:
    return math.ceil(accounts / LOOKUP_MAX)
