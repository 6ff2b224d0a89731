"""The only module that talks to X: users lookup at the request floor, and replies.

The real tweepy `Client` builds and signs every request. tweepy hard-codes its host, so
a session that rebases URLs onto `X_API_BASE_URL` is handed to it (its `session`
attribute is the public seam). Rate limits, retries and back-off are ours: tweepy's own
waiting trusts a header that may be missing and retries nothing on 5xx.
"""

from __future__ import annotations

import logging
import math
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta

import requests
import tweepy

from .config import CollectConfig
from .responsiveness import reply_counts

OFFICIAL_HOST = "https://api.twitter.com"
SNOWFLAKE_EPOCH_MS = 1288834974657
LOOKUP_MAX = 100
USER_FIELDS = ["public_metrics", "most_recent_tweet_id", "protected"]
TWEET_FIELDS = ["created_at", "author_id", "in_reply_to_user_id", "referenced_tweets"]


class AuthError(RuntimeError):
    """X refused the credentials: nothing more can be done tonight."""


class RateLimitExhausted(RuntimeError):
    """Waiting for the rate limit would exceed tonight's maximum total wait."""


class RequestFailed(RuntimeError):
    """A request still failed after every retry."""


def post_time(post_id: str) -> datetime:
    """When a post was made, from the time bits of its snowflake id."""
    ms = (int(post_id) >> 22) + SNOWFLAKE_EPOCH_MS
    return datetime.fromtimestamp(ms / 1000, tz=UTC)


def iso_utc(moment: datetime) -> str:
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


class _RebasedSession(requests.Session):
    """Sends tweepy's requests to another base URL, with a timeout on every request."""

    def __init__(self, base_url: str, timeout: float):
        super().__init__()
        self.base_url = base_url.rstrip("/")
        self.timeout = timeout

    def request(self, method, url, *args, **kwargs):
        if url.startswith(OFFICIAL_HOST):
            url = self.base_url + url[len(OFFICIAL_HOST):]
        kwargs.setdefault("timeout", self.timeout)
        return super().request(method, url, *args, **kwargs)


@dataclass
class Stats:
    requests: int = 0
    lookups: int = 0
    posts_read: int = 0
    waited_seconds: float = 0.0
    retries: int = 0


@dataclass
class XApi:
    """tweepy's Client with our rate-limit and retry rules around every call."""

    token: str
    cfg: CollectConfig
    base_url: str = OFFICIAL_HOST
    sleep: Callable[[float], None] = time.sleep
    clock: Callable[[], float] = time.time
    stats: Stats = field(default_factory=Stats)

    def __post_init__(self) -> None:
        # tweepy logs request headers, bearer token included, at DEBUG: keep it quieter.
        logging.getLogger("tweepy").setLevel(logging.WARNING)
        self.client = tweepy.Client(bearer_token=self.token, return_type=requests.Response,
                                    wait_on_rate_limit=False)
        self.client.session = _RebasedSession(self.base_url, self.cfg.request_timeout_seconds)
        self._reset_at = 0.0
        self._remaining: int | None = None

    def _wait(self, seconds: float) -> None:
        seconds = max(seconds, 0.0)
        if self.stats.waited_seconds + seconds > self.cfg.max_rate_limit_wait_seconds:
            raise RateLimitExhausted(
                f"rate limit: waiting {seconds:.0f}s more would pass the night's maximum of "
                f"{self.cfg.max_rate_limit_wait_seconds:.0f}s")
        self.stats.waited_seconds += seconds
        self.sleep(seconds)

    def _note_limits(self, headers) -> None:
        if "x-rate-limit-remaining" in headers:
            self._remaining = int(headers["x-rate-limit-remaining"])
        if "x-rate-limit-reset" in headers:
            self._reset_at = float(headers["x-rate-limit-reset"])

    def call(self, method: Callable, **params) -> dict:
        """One API call: waits out rate limits, retries 5xx and dropped connections."""
        if self._remaining == 0 and self._reset_at > self.clock():
            self._wait(self._reset_at - self.clock() + 1)
        failures = 0
        while True:
            self.stats.requests += 1
            try:
                response = method(**params)
            except (tweepy.Unauthorized, tweepy.Forbidden) as exc:
                code = exc.response.status_code
                raise AuthError(f"X refused the request (HTTP {code}): check that X_BEARER_TOKEN "
                                "holds a valid bearer token for this app") from None
            except tweepy.TooManyRequests as exc:
                self._note_limits(exc.response.headers)
                reset = exc.response.headers.get("x-rate-limit-reset")
                pause = (float(reset) - self.clock() + 1) if reset else self.cfg.rate_limit_fallback_seconds
                self._wait(pause)
                continue
            except (tweepy.TwitterServerError, requests.ConnectionError, requests.Timeout) as exc:
                failures += 1
                if failures > self.cfg.max_retries:
                    raise RequestFailed(_describe(exc)) from None
                self.stats.retries += 1
                self.sleep(self.cfg.retry_backoff_seconds * 2 ** (failures - 1))
                continue
            self._note_limits(response.headers)
            return response.json()

    def lookup(self, *, ids: list[str] | None = None, usernames: list[str] | None = None) -> dict:
        self.stats.lookups += 1
        if ids:
            return self.call(self.client.get_users, ids=ids, user_fields=USER_FIELDS)
        return self.call(self.client.get_users, usernames=usernames, user_fields=USER_FIELDS)

    def posts(self, kind: str, user_id: str, start: datetime, end: datetime | None,
              budget: int) -> Iterator[dict]:
        """Pages of mentions or own posts in a time window, while the request budget lasts."""
        method = self.client.get_users_mentions if kind == "mentions" else self.client.get_users_tweets
        token = None
        for _ in range(budget):
            params = {"id": user_id, "start_time": iso_utc(start), "max_results": 100,
                      "tweet_fields": TWEET_FIELDS}
            if end is not None:
                params["end_time"] = iso_utc(end)
            if token:
                params["pagination_token"] = token
            body = self.call(method, **params)
            page = body.get("data") or []
            self.stats.posts_read += len(page)
            yield from page
            token = (body.get("meta") or {}).get("next_token")
            if not token:
                return
        raise RequestFailed("reply budget ran out before the last page")


def _describe(exc: Exception) -> str:
    if isinstance(exc, tweepy.TwitterServerError):
        return f"X answered HTTP {exc.response.status_code}"
    return f"connection failed ({type(exc).__name__})"


# --- users lookup ------------------------------------------------------------------------

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


# --- replies -------------------------------------------------------------------------------

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
    counts = reply_counts(account_id, mentions, own)
    return {"department_id": department_id, "platform": "x", "date": day.isoformat(),
            "account_id": account_id, **counts, "posts_read": api.stats.posts_read - read_before}
