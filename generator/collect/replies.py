"""Replies to citizens: one UTC day of mentions and own posts read, counts returned.

Only the counts leave this module: the citizen ids, texts and post ids it reads are
never returned, so they cannot reach a file.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from statistics import median

from .x_client import RequestFailed, XApi


def _time(post: dict) -> datetime:
    return datetime.fromisoformat(post["created_at"].replace("Z", "+00:00"))


def _replied_to(post: dict) -> str | None:
    for ref in post.get("referenced_tweets") or ():
        if ref.get("type") == "replied_to":
            return ref.get("id")
    return None


def _usable(post) -> bool:
    """A post with what the counting needs; one without makes the day unmeasured, not a crash."""
    if not isinstance(post, dict) or not isinstance(post.get("id"), str) \
            or not isinstance(post.get("created_at"), str):
        return False
    refs = post.get("referenced_tweets") or []
    if not isinstance(refs, list) or not all(isinstance(ref, dict) and isinstance(ref.get("id"), str)
                                             for ref in refs):
        return False
    try:
        return _time(post).tzinfo is not None
    except ValueError:
        return False


def reply_counts(account_id: str, mentions: list[dict], own_posts: list[dict]) -> dict:
    """Citizen mentions, how many the account answered, within an hour, and the median delay."""
    first_reply: dict[str, datetime] = {}
    for post in own_posts:
        target = _replied_to(post)
        if target is None:
            continue
        when = _time(post)
        if target not in first_reply or when < first_reply[target]:
            first_reply[target] = when
    delays = []
    citizen = [m for m in mentions if m.get("author_id") != account_id]
    for mention in citizen:
        answered_at = first_reply.get(mention["id"])
        if answered_at is not None and answered_at >= _time(mention):
            delays.append((answered_at - _time(mention)).total_seconds() / 60)
    return {
        "mentions": len(citizen),
        "answered": len(delays),
        "answered_within_hour": sum(1 for d in delays if d <= 60),
        "median_reply_minutes": round(median(delays), 1) if delays else None,
    }


def measure_replies(api: XApi, department_id: str, account_id: str, day: date, budget: int) -> dict | None:
    """Reply counts for the citizen mentions of one UTC day, or None if the budget ran out."""
    start = datetime(day.year, day.month, day.day, tzinfo=UTC)
    end = start + timedelta(days=1)
    before = api.stats.requests
    read_before = api.stats.posts_read
    try:
        mentions = list(api.posts("mentions", account_id, start, end, budget))
        left = budget - (api.stats.requests - before)
        if mentions and left <= 0:
            return None
        own = list(api.posts("tweets", account_id, start, None, left)) if mentions else []
    except RequestFailed:
        return None
    if not all(_usable(post) for post in mentions + own):
        return None
    counts = reply_counts(account_id, mentions, own)
    return {"department_id": department_id, "platform": "x", "date": day.isoformat(),
            "account_id": account_id, **counts, "posts_read": api.stats.posts_read - read_before}
