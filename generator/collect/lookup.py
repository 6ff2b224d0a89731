"""Users lookup at the request floor: 100 accounts a request, by id where known.

Every account asked for comes back as one snapshot row: its figures, or the state the API
reported (suspended, not found), or `error` when the request failed.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import date

from .x_client import LOOKUP_MAX, RequestFailed, XApi, iso_utc, post_time


@dataclass(frozen=True)
class Target:
    department_id: str
    handle: str | None
    account_id: str | None


def _error_state(error: dict) -> str:
    text = f"{error.get('title', '')} {error.get('detail', '')}".lower()
    if "suspended" in text:
        return "suspended"
    if "not found" in text or "could not find" in text:
        return "not_found"
    return "error"


def _user_row(target: Target, user: dict, day: date) -> dict:
    metrics = user.get("public_metrics") or {}
    recent = user.get("most_recent_tweet_id")
    return {
        "department_id": target.department_id, "platform": "x", "date": day.isoformat(),
        "account_id": user["id"], "handle": user["username"],
        "followers": metrics.get("followers_count"), "following": metrics.get("following_count"),
        "posts": metrics.get("tweet_count"),
        "last_post_at": iso_utc(post_time(recent)) if recent else None,
        "state": "protected" if user.get("protected") else "ok",
        "source": "x-api", "source_url": f"https://x.com/{user['username']}",
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


def lookup_rows(api: XApi, kind: str, group: list[Target], day: date) -> list[dict]:
    """One lookup request's accounts as snapshot rows; a failed request marks them error."""
    key = (lambda t: t.account_id) if kind == "ids" else (lambda t: t.handle.lower())
    try:
        body = api.lookup(**{kind: [key(t) if kind == "ids" else t.handle for t in group]})
    except RequestFailed:
        return [_bare_row(t, day, "error") for t in group]
    found = {(u["id"] if kind == "ids" else u["username"].lower()): u for u in body.get("data") or []}
    errors = {str(e.get("value", "")).lower() if kind == "usernames" else str(e.get("value", "")): e
              for e in body.get("errors") or []}
    rows = []
    for target in group:
        k = key(target)
        if k in found:
            rows.append(_user_row(target, found[k], day))
        elif k in errors:
            rows.append(_bare_row(target, day, _error_state(errors[k])))
        else:
            rows.append(_bare_row(target, day, "error"))
    return rows


def request_floor(accounts: int) -> int:
    return math.ceil(accounts / LOOKUP_MAX)
