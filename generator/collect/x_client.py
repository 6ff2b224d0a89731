"""The X API client: tweepy's Client with our rate-limit, retry and timeout rules.

The real tweepy `Client` builds and signs every request. tweepy hard-codes its host, so
a session that rebases URLs onto `X_API_BASE_URL` is handed to it (its `session`
attribute is the public seam). Rate limits, retries and back-off are ours: tweepy's own
waiting trusts a header that may be missing and retries nothing on 5xx.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime

import requests
import tweepy

from ..config import CollectConfig

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
    waits: int = 0
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
        self.stats.waits += 1
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
