"""The X API client: tweepy's Client with our rate-limit, retry and timeout rules.

The real tweepy `Client` builds and signs every request. tweepy hard-codes its host, so
a session that rebases URLs onto `X_API_BASE_URL` is handed to it (its `session`
attribute is the public seam). Rate limits, retries, back-off and deadlines are ours:
tweepy's own waiting trusts a header that may be missing and retries nothing on 5xx, and
requests' timeout bounds each read, not the answer.

The bearer token must never reach a message: it is checked before any request (requests
quotes a header value it refuses, token included), and errors are described by their type
and status, never by their text.
"""

from __future__ import annotations

import logging
import math
import re
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime

import requests
import tweepy
from urllib3.exceptions import HTTPError as UrllibError
from urllib3.exceptions import LocationParseError, ReadTimeoutError
from urllib3.util import parse_url

from ..config import CollectConfig

OFFICIAL_HOST = "https://api.twitter.com"
# Hosts a plain http:// address may name: this machine, where the test emulator listens. The
# bearer token goes with every request; anywhere else it would cross the network unencrypted.
LOOPBACK = ("127.0.0.1", "::1", "localhost")
SNOWFLAKE_EPOCH_MS = 1288834974657
LOOKUP_MAX = 100
# The recent-post field by its spec 2.167 (August 2026) name, then by its earlier one; the
# API refuses a request naming a field it does not know, so the other is tried on refusal.
RECENT_POST_FIELDS = ("most_recent_post_id", "most_recent_tweet_id")
USER_FIELDS = ["public_metrics", RECENT_POST_FIELDS[0], "protected"]
TWEET_FIELDS = ["created_at", "author_id", "in_reply_to_user_id", "referenced_tweets"]
MAX_BODY_BYTES = 16 * 1024 * 1024  # a page of 100 users or posts is well under 1 MB


class AuthError(RuntimeError):
    """X refused the credentials, or the token cannot be sent: nothing more can be done tonight."""


class AddressRefused(ValueError):
    """The API address would send the bearer token where it could be read on the way."""


class StopNight(RuntimeError):
    """The night must end now and keep what it has."""


class RateLimitExhausted(StopNight):
    """Waiting for the rate limit would exceed tonight's maximum total wait."""


class DeadlineReached(StopNight):
    """The night's deadline passed: no new request is started."""


class DayEnded(StopNight):
    """The UTC day the night's plan is billed on is ending: no new users lookup is started, as
    X would bill it on the next day, whose budget the plan did not spend (within the month the
    night goes on past midnight under the new day's allowance, `night._past_midnight`)."""


class RequestFailed(RuntimeError):
    """A request still failed after every retry, or was refused; `refused_fields` are the
    user fields a 400 answer named as unknown."""

    def __init__(self, reason: str, refused_fields: tuple[str, ...] = ()):
        super().__init__(reason)
        self.refused_fields = refused_fields


class _Malformed(Exception):
    """An answer that is not a JSON object."""


def clean_token(token: str | None) -> str:
    """The bearer token without surrounding whitespace (a pasted secret often ends in a
    newline); refused when empty or when anything but printable ASCII is left inside."""
    token = (token or "").strip()
    if not token:
        raise AuthError("X_BEARER_TOKEN is not set or is empty")
    if not all("!" <= ch <= "~" for ch in token):
        raise AuthError("X_BEARER_TOKEN holds whitespace, a control character or a non-ASCII character "
                        "inside: set it again to the bearer token alone, on one line")
    return token


def redact(text: str, secret: str | None) -> str:
    """`text` with the token replaced: whole, stripped, as repr() writes it, and each of its
    pieces of 6 characters or more, for a catch-all that prints an unexpected error."""
    if not secret:
        return text
    pieces = {secret, secret.strip(), repr(secret)[1:-1], ascii(secret)[1:-1],
              *re.split(r"[\s\x00-\x1f\x7f]+", secret)}
    for piece in sorted((p for p in pieces if len(p) >= 6), key=len, reverse=True):
        text = text.replace(piece, "[redacted]")
    return text


def post_time(post_id: str) -> datetime:
    """When a post was made, from the time bits of its snowflake id."""
    ms = (int(post_id) >> 22) + SNOWFLAKE_EPOCH_MS
    return datetime.fromtimestamp(ms / 1000, tz=UTC)


def iso_utc(moment: datetime) -> str:
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def base_url_problem(url: str) -> str | None:
    """Why the API may not be reached at `url`, or None: https:// anywhere, or http:// on this
    machine. The host is read by urllib3, the parser requests sends by, from an address of
    printable ASCII without a backslash: Python's urlsplit reads 'http://a\\@127.0.0.1' as this
    machine where requests goes to 'a'. The caller names the variable (X_API_BASE_URL); the
    address is said by its scheme and host alone, so a user name or password written into it
    is never repeated."""
    if not all("!" <= ch <= "~" and ch != "\\" for ch in url):
        return (f"holds a space, a backslash, a control or a non-ASCII character: give an https:// address such as "
                f"{OFFICIAL_HOST}")
    try:
        parts = parse_url(url)
    except LocationParseError:
        parts = None
    host = (parts.host or "").strip("[]").lower() if parts else ""
    scheme = parts.scheme if parts else None
    if not host or scheme not in ("https", "http"):
        return f"is not an https:// address with a host: give one such as {OFFICIAL_HOST}"
    if scheme == "http" and host not in LOOPBACK:
        return (f"http://{host} is plain http://, which would send the bearer token unencrypted: give an https:// "
                f"address (http:// only for this machine: {', '.join(LOOPBACK)})")
    return None


def checked_base_url(url: str) -> str:
    """`url` when the bearer token may be sent there; AddressRefused otherwise. Every way into
    the client passes here: the CLI, run_night and XApi called directly."""
    problem = base_url_problem(url)
    if problem:
        raise AddressRefused(problem)
    return url


class _RebasedSession(requests.Session):
    """Sends tweepy's requests to another base URL; every answer must arrive whole within the timeout."""

    def __init__(self, base_url: str, timeout: float):
        super().__init__()
        self.base_url = checked_base_url(base_url).rstrip("/")
        self.timeout = timeout

    def request(self, method, url, *args, **kwargs):
        if url.startswith(OFFICIAL_HOST):
            url = self.base_url + url[len(OFFICIAL_HOST):]
        kwargs.setdefault("timeout", self.timeout)
        kwargs["stream"] = True
        deadline = time.monotonic() + self.timeout
        response = super().request(method, url, *args, **kwargs)
        # A body trickled a byte at a time passes every per-read timeout: read what has
        # arrived (read1) and give up at the deadline.
        read = getattr(response.raw, "read1", response.raw.read)
        body = bytearray()
        try:
            while chunk := read(65536, decode_content=True):
                body += chunk
                if time.monotonic() > deadline:
                    raise requests.Timeout("the answer did not arrive whole in time")
                if len(body) > MAX_BODY_BYTES:
                    raise requests.ConnectionError("the answer is too large")
        except UrllibError as exc:
            response.close()
            kind = requests.Timeout if isinstance(exc, ReadTimeoutError) else requests.ConnectionError
            raise kind(f"the answer broke off ({type(exc).__name__})") from None
        except requests.RequestException:
            response.close()
            raise
        response._content = bytes(body)
        response._content_consumed = True
        return response


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
    """tweepy's Client with our rate-limit, retry and deadline rules around every call."""

    token: str = field(repr=False)
    cfg: CollectConfig
    base_url: str = OFFICIAL_HOST
    sleep: Callable[[float], None] = time.sleep
    clock: Callable[[], float] = time.time
    deadline: float | None = None  # clock time after which no request is started
    # Clock time after which no users lookup is started: X bills a user on the UTC day of the
    # request, and the plan's allowance and free reads are of one day.
    lookups_until: float | None = None
    stats: Stats = field(default_factory=Stats)

    def __post_init__(self) -> None:
        self.token = clean_token(self.token)
        # tweepy logs request headers, bearer token included, at DEBUG: keep it quieter.
        logging.getLogger("tweepy").setLevel(logging.WARNING)
        self.client = tweepy.Client(bearer_token=self.token, return_type=requests.Response,
                                    wait_on_rate_limit=False)
        self.client.session = _RebasedSession(self.base_url, self.cfg.request_timeout_seconds)
        self._reset_at = 0.0
        self._remaining: int | None = None
        self.refused_fields: set[str] = set()
        self.fields_asked: list[str] = []  # every user field named tonight, in the order first asked

    def _before_deadline(self, seconds: float = 0.0) -> None:
        if self.deadline is not None and self.clock() + seconds >= self.deadline:
            when = f"would pass during a {seconds:g}s pause" if seconds else "passed"
            raise DeadlineReached(f"the night's deadline of {self.cfg.night_deadline_seconds:g}s {when}; "
                                  "no new request was started")

    def _before_day_end(self) -> None:
        if self.lookups_until is not None and self.clock() >= self.lookups_until:
            until = iso_utc(datetime.fromtimestamp(self.lookups_until, UTC))
            raise DayEnded(f"the UTC day of the night's plan ends at midnight: no lookup is started after {until}, "
                           "as X would bill it on the next day; a run after midnight plans the rest")

    def pause(self, seconds: float) -> None:
        """Sleep, unless that would pass the night's deadline."""
        self._before_deadline(seconds)
        self.sleep(seconds)

    def _wait(self, seconds: float) -> None:
        seconds = max(seconds, 0.0)
        if self.stats.waited_seconds + seconds > self.cfg.max_rate_limit_wait_seconds:
            raise RateLimitExhausted(
                f"rate limit: waiting {seconds:.0f}s more would pass the night's maximum of "
                f"{self.cfg.max_rate_limit_wait_seconds:.0f}s")
        self._before_deadline(seconds)
        self.stats.waited_seconds += seconds
        self.stats.waits += 1
        self.sleep(seconds)

    def _note_limits(self, headers) -> None:
        remaining = _header_number(headers, "x-rate-limit-remaining")
        reset = _header_number(headers, "x-rate-limit-reset")
        if remaining is not None:
            self._remaining = int(remaining)
        if reset is not None:
            self._reset_at = reset

    def call(self, method: Callable, *, billed_by_day: bool = False, **params) -> dict:
        """One API call: waits out rate limits, retries 5xx, dropped connections and malformed
        answers; raises RequestFailed when it gives up, StopNight when the night must end (for
        a call X bills by the day, `billed_by_day`, also when the plan's day ends)."""
        if self._remaining == 0 and self._reset_at > self.clock():
            self._wait(self._reset_at - self.clock() + 1)
        failures = 0
        while True:
            self._before_deadline()
            if billed_by_day:
                self._before_day_end()
            self.stats.requests += 1
            try:
                response = method(**params)
                self._note_limits(response.headers)
                return _json_object(response)
            except (tweepy.Unauthorized, tweepy.Forbidden) as exc:
                code = exc.response.status_code
                raise AuthError(f"X refused the request (HTTP {code}): check that X_BEARER_TOKEN "
                                "holds a valid bearer token for this app") from None
            except tweepy.TooManyRequests as exc:
                self._note_limits(exc.response.headers)
                reset = _header_number(exc.response.headers, "x-rate-limit-reset")
                pause = (reset - self.clock() + 1) if reset is not None else 0.0
                # A reset already past (a clock apart from X's, a stale header) says nothing of
                # when X answers again: without the fallback pause every 429 was asked again at
                # once, hundreds of requests a second until the night's deadline.
                self._wait(pause if pause > 0 else self.cfg.rate_limit_fallback_seconds)
                continue
            except (tweepy.TwitterServerError, requests.RequestException, _Malformed, *_MALFORMED) as exc:
                failures += 1
                if failures > self.cfg.max_retries:
                    raise RequestFailed(_describe(exc)) from None
                self.stats.retries += 1
                self.pause(self.cfg.retry_backoff_seconds * 2 ** (failures - 1))
                continue
            except tweepy.HTTPException as exc:
                # 400 and other refusals: the same request would be refused again.
                raise RequestFailed(_describe(exc), _refused_user_fields(exc.response)) from None

    def user_fields(self) -> list[str]:
        """USER_FIELDS, the recent-post field named as X has not refused it tonight (left out
        if X refused both names: the other figures still come)."""
        recent = [name for name in RECENT_POST_FIELDS if name not in self.refused_fields][:1]
        return [name for name in USER_FIELDS if name not in RECENT_POST_FIELDS] + recent

    def lookup(self, *, ids: list[str] | None = None, usernames: list[str] | None = None) -> dict:
        """One users lookup. When X refuses the recent-post field by one name, the request is
        made again with the other, and the night keeps asking by the name that works."""
        self.stats.lookups += 1
        values = {"ids": ids} if ids else {"usernames": usernames}
        while True:
            fields = self.user_fields()
            self.fields_asked += [name for name in fields if name not in self.fields_asked]
            try:
                return self.call(self.client.get_users, billed_by_day=True, **values, user_fields=fields)
            except RequestFailed as exc:
                refused = set(exc.refused_fields) & set(fields) & set(RECENT_POST_FIELDS)
                if not refused:
                    raise
                self.refused_fields |= refused

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
            meta = body.get("meta") or {}
            if not isinstance(page, list) or not isinstance(meta, dict):
                raise RequestFailed("X answered a page of posts in another shape")
            self.stats.posts_read += len(page)
            yield from page
            token = meta.get("next_token")
            if not token:
                return
            if not isinstance(token, str):
                raise RequestFailed("X answered a page of posts in another shape")
        raise RequestFailed("reply budget ran out before the last page")


# tweepy builds its exceptions from the error body: a malformed one (a list, a string where
# an object belongs) makes it raise these instead; requests' JSON error is a ValueError too.
_MALFORMED = (ValueError, TypeError, AttributeError, RecursionError)


def _json_object(response: requests.Response) -> dict:
    try:
        body = response.json()
    except (ValueError, RecursionError):
        raise _Malformed("X answered with a body that is not JSON") from None
    if not isinstance(body, dict):
        raise _Malformed("X answered with JSON that is not an object")
    return body


def _header_number(headers, name: str) -> float | None:
    try:
        value = float(headers[name]) if name in headers else None
    except ValueError:
        return None
    return value if value is not None and math.isfinite(value) else None


def _refused_user_fields(response: requests.Response) -> tuple[str, ...]:
    """The user fields a 400 answer names as unknown: X lists them under
    `errors[].parameters["user.fields"]`."""
    try:
        errors = response.json().get("errors") or []
        return tuple(str(name) for error in errors for name in error.get("parameters", {}).get("user.fields", []))
    except (ValueError, TypeError, AttributeError, RecursionError):
        return ()


def _describe(exc: Exception) -> str:
    """What went wrong, by status and type only: an exception's own text may quote a request."""
    if isinstance(exc, tweepy.HTTPException):
        page = "" if "json" in exc.response.headers.get("content-type", "") else " with a page that is not JSON"
        return f"X answered HTTP {exc.response.status_code}{page}"
    if isinstance(exc, _Malformed):
        return str(exc)
    if isinstance(exc, requests.Timeout):
        return "no complete answer within the request timeout"
    if isinstance(exc, requests.RequestException):
        return f"connection failed ({type(exc).__name__})"
    return f"X answered something unreadable ({type(exc).__name__})"
