"""Reply measures from one day of posts. Pure: posts in, counts out.

Only the counts leave this module: the citizen ids, texts and post ids it reads are
never returned, so they cannot reach a file.
"""

from __future__ import annotations

from datetime import datetime
from statistics import median


def _time(post: dict) -> datetime:
    return datetime.fromisoformat(post["created_at"].replace("Z", "+00:00"))


def _replied_to(post: dict) -> str | None:
    for ref in post.get("referenced_tweets") or ():
        if ref.get("type") == "replied_to":
            return ref.get("id")
    return None


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
