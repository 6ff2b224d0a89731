"""A local X API v2 server for tests and benchmarks: the documented wire format, on 127.0.0.1.

It serves users lookup by ids and by usernames (at most 100, `data` plus partial `errors`),
user timelines and mentions with `meta.next_token` pagination, the `x-rate-limit-*` headers,
and faults a test can inject: 429 with a reset time, 5xx, slow answers, dropped
connections and 401, and per request malformed answers (invalid JSON, an HTML page, an
empty body, 400, a body trickled byte by byte, absurd figures). `fields_mode` says which
name of the recent-post field it knows: "old" (`most_recent_tweet_id`, spec 2.166), "new"
(`most_recent_post_id`, spec 2.167) or "both"; an unknown `user.fields` value gets the
documented 400, and so does a username or id of a shape X refuses (a dot, 16 characters).
It counts what it serves so tests can check the request floor.
"""

from __future__ import annotations

import json
import random
import re
import threading
import time
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlparse

from .helpers import serve_in_background

EPOCH_MS = 1288834974657
PROBLEM = "https://api.twitter.com/2/problems/resource-not-found"
INVALID = "https://api.twitter.com/2/problems/invalid-request"
OLD_FIELD, NEW_FIELD = "most_recent_tweet_id", "most_recent_post_id"
USER_FIELDS = ("affiliation", "connection_status", "created_at", "description", "entities", "id",
               "is_identity_verified", "location", "name", "parody", "pinned_tweet_id", "profile_banner_url",
               "profile_image_url", "protected", "public_metrics", "receives_your_dm", "subscription",
               "subscription_type", "url", "username", "verified", "verified_followers_count", "verified_type",
               "withheld")
KNOWN_FIELDS = {"old": USER_FIELDS + (OLD_FIELD,), "new": USER_FIELDS + (NEW_FIELD,),
                "both": USER_FIELDS + (OLD_FIELD, NEW_FIELD)}
VALUE_PATTERNS = {"usernames": "^[A-Za-z0-9_]{1,15}$", "ids": "^[0-9]{1,19}$"}
HTML_PAGE = b"<html><head><title>502 Bad Gateway</title></head><body><h1>502 Bad Gateway</h1></body></html>"


def snowflake(when: datetime, sequence: int = 0) -> str:
    """A post id whose time bits say `when` (the inverse of the collector's decoding)."""
    ms = int(when.timestamp() * 1000) - EPOCH_MS
    return str((ms << 22) + sequence)


@dataclass
class User:
    id: str
    username: str
    followers: int = 100
    following: int = 10
    tweets: int = 50
    last_post: datetime | None = None
    suspended: bool = False
    protected: bool = False
    name: str = "Account"
    wire_override: dict = field(default_factory=dict)  # values sent as they are, however wrong
    missing_lookups: int = 0  # the next N lookups of it answer "not found" (a passing fault of X's)

    def wire(self, recent_fields: tuple[str, ...] = (OLD_FIELD,)) -> dict:
        body = {"id": self.id, "name": self.name, "username": self.username,
                "protected": self.protected,
                "public_metrics": {"followers_count": self.followers, "following_count": self.following,
                                   "tweet_count": self.tweets, "listed_count": 0, "like_count": 0,
                                   "media_count": 0}}
        if self.last_post is not None:
            for name in recent_fields:
                body[name] = snowflake(self.last_post)
        return {**body, **self.wire_override}


@dataclass
class Post:
    id: str
    author_id: str
    created_at: datetime
    text: str
    in_reply_to_user_id: str | None = None
    replied_to: str | None = None

    def wire(self) -> dict:
        body = {"id": self.id, "text": self.text, "author_id": self.author_id,
                "created_at": self.created_at.strftime("%Y-%m-%dT%H:%M:%S.000Z"),
                "conversation_id": self.replied_to or self.id}
        if self.in_reply_to_user_id:
            body["in_reply_to_user_id"] = self.in_reply_to_user_id
        if self.replied_to:
            body["referenced_tweets"] = [{"type": "replied_to", "id": self.replied_to}]
        return body


@dataclass
class Faults:
    """Faults to inject. Each counter is used up as requests arrive."""

    rate_limited: int = 0          # next N requests get 429
    reset_after: float = 1.0       # seconds until the rate-limit window resets
    server_errors: int = 0         # next N requests get 503
    error_ratio: float = 0.0       # share of lookups answered 503 (seeded, repeatable)
    dropped: int = 0               # next N connections closed without an answer
    slow_seconds: float = 0.0      # delay before every answer
    unauthorized: bool = False     # every request gets 401
    omit_reset_header: bool = False
    # request number (1 = the first request served) -> "429", "503", "drop", or a malformed
    # answer: "json" (200, not JSON), "html" (200, an HTML page), "html502", "empty" (200, no
    # body), "400", "trickle" (the body one byte every `trickle_seconds`), "absurd" (10^30 followers),
    # "401" (the token refused from that request on: revoked mid-night)
    script: dict[int, str] = field(default_factory=dict)
    trickle_seconds: float = 0.05
    seed: int = 7
    rng: random.Random = field(default_factory=lambda: random.Random(7))


class XEmulator:
    def __init__(self, token: str = "test-token", page_size: int = 100, fields_mode: str = "both"):
        self.token = token
        self.page_size = page_size
        self.fields_mode = fields_mode
        self.asked_fields: list[str] = []  # the user.fields of every lookup, in order
        self.users: dict[str, User] = {}
        self.posts: list[Post] = []
        self.faults = Faults()
        self.served: Counter[str] = Counter()
        # Users returned by a lookup, by the UTC day of the request: X bills each once a day.
        self.billed: dict[date, set[str]] = {}
        self.clock: Callable[[], float] = time.time  # the moment a request arrives
        self.lock = threading.Lock()
        self.remaining = 300
        self.server = ThreadingHTTPServer(("127.0.0.1", 0), self._handler())
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}"

    def __enter__(self) -> XEmulator:
        serve_in_background(self.server)
        return self

    def __exit__(self, *exc) -> None:
        self.server.shutdown()
        self.server.server_close()

    def add_user(self, **kwargs) -> User:
        user = User(**kwargs)
        self.users[user.id] = user
        return user

    def add_post(self, post: Post) -> None:
        self.posts.append(post)

    # --- answering -----------------------------------------------------------------------

    def _handler(self):
        emulator = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, format, *args):  # noqa: A002
                pass

            def do_GET(self):  # noqa: N802
                try:
                    emulator.answer(self)
                except (BrokenPipeError, ConnectionResetError):
                    pass  # the client gave up waiting (a timeout test): nothing to answer

        return Handler

    def _kind(self, path: str) -> str:
        if path in ("/2/users", "/2/users/by"):
            return "lookup"
        if path.endswith("/mentions"):
            return "mentions"
        if path.endswith("/tweets"):
            return "tweets"
        if path.startswith("/2/users/"):
            return "user"
        return "other"

    def answer(self, handler: BaseHTTPRequestHandler) -> None:
        url = urlparse(handler.path)
        query = {k: v[0] for k, v in parse_qs(url.query).items()}
        kind = self._kind(url.path)
        f = self.faults
        with self.lock:
            self.served["all"] += 1
            self.served[kind] += 1
            scripted = f.script.get(self.served["all"])
            drop = f.dropped > 0 or scripted == "drop"
            f.dropped -= f.dropped > 0 and drop
            limited = (f.rate_limited > 0 or scripted == "429") and not drop
            f.rate_limited -= f.rate_limited > 0 and limited
            failing = not drop and not limited and (
                scripted == "503" or f.server_errors > 0
                or (kind == "lookup" and f.error_ratio and f.rng.random() < f.error_ratio))
            if f.server_errors > 0 and failing and scripted != "503":
                f.server_errors -= 1
            self.remaining = max(self.remaining - 1, 0)
            remaining = self.remaining
            if kind == "lookup":
                self.asked_fields.append(query.get("user.fields", ""))
        if f.slow_seconds:
            time.sleep(f.slow_seconds)
        if drop:
            handler.close_connection = True
            handler.connection.shutdown(2)
            return
        reset = int(time.time() + f.reset_after)
        if scripted == "401":
            f.unauthorized = True
        if f.unauthorized or handler.headers.get("Authorization") != f"Bearer {self.token}":
            return self._send(handler, 401, {"title": "Unauthorized", "type": "about:blank",
                                             "status": 401, "detail": "Unauthorized"}, reset, remaining)
        if limited:
            return self._send(handler, 429, {"title": "Too Many Requests", "detail": "Too Many Requests",
                                             "type": "about:blank", "status": 429}, reset, 0)
        if failing:
            return self._send(handler, 503, {"title": "Service Unavailable", "status": 503,
                                             "detail": "Service Unavailable", "type": "about:blank"},
                              reset, remaining)
        if scripted in ("json", "html", "html502", "empty"):
            status = 502 if scripted == "html502" else 200
            raw = {"json": b'{"data": [{"id": "1", "username"', "empty": b""}.get(scripted, HTML_PAGE)
            kind_of = "text/html" if scripted.startswith("html") else "application/json"
            return self._send(handler, status, raw, reset, remaining, content_type=kind_of)
        if scripted == "400":
            return self._send(handler, 400, {"title": "Invalid Request", "type": INVALID,
                                             "detail": "One or more parameters to your request was invalid.",
                                             "errors": [{"message": "Something in this request is wrong."}]},
                              reset, remaining)
        if kind == "lookup":
            body = self._lookup(url.path, query)
            if scripted == "absurd" and "data" in body:
                for user in body["data"]:
                    user["public_metrics"]["followers_count"] = 10**30
        elif url.path.startswith("/2/users/by/username/"):
            body = self._lookup("/2/users/by", {"usernames": url.path.rsplit("/", 1)[1]})
            body = {"data": body["data"][0]} if "data" in body else (404, body)
        elif kind in ("mentions", "tweets"):
            body = self._timeline(url.path.split("/")[3], kind, query)
        else:
            body = {"errors": [{"title": "Not Found Error", "detail": "no such endpoint"}]}
            return self._send(handler, 404, body, reset, remaining)
        if isinstance(body, tuple):
            return self._send(handler, body[0], body[1], reset, remaining)
        self._send(handler, 200, body, reset, remaining, trickle=scripted == "trickle")

    def _send(self, handler, status: int, body: dict | bytes, reset: int, remaining: int, *,
              content_type: str = "application/json", trickle: bool = False) -> None:
        raw = body if isinstance(body, bytes) else json.dumps(body).encode()
        handler.send_response(status)
        handler.send_header("content-type", f"{content_type}; charset=utf-8")
        handler.send_header("content-length", str(len(raw)))
        handler.send_header("x-rate-limit-limit", "300")
        handler.send_header("x-rate-limit-remaining", str(remaining))
        if not self.faults.omit_reset_header:
            handler.send_header("x-rate-limit-reset", str(reset))
        handler.end_headers()
        if not trickle:
            handler.wfile.write(raw)
            return
        for n in range(len(raw)):
            handler.wfile.write(raw[n:n + 1])
            handler.wfile.flush()
            time.sleep(self.faults.trickle_seconds)

    def _lookup(self, path: str, query: dict):
        by_name = path.endswith("/by")
        parameter = "usernames" if by_name else "ids"
        values = [v for v in query.get(parameter, "").split(",") if v]
        if not values or len(values) > 100:
            return 400, {"title": "Invalid Request", "detail": f"{parameter}: 1 to 100 values", "type": INVALID}
        # As X checks each value: one it refuses fails the whole request, the other users too.
        pattern = VALUE_PATTERNS[parameter]
        refused = [v for v in values if not re.fullmatch(pattern, v)]
        if refused:
            return 400, {"errors": [{"parameters": {parameter: [v]},
                                     "message": f"The `{parameter}` query parameter value [{v}] does not match "
                                                f"{pattern}"} for v in refused],
                         "title": "Invalid Request", "detail": "One or more parameters to your request was invalid.",
                         "type": INVALID}
        known = KNOWN_FIELDS[self.fields_mode]
        asked = [v for v in query.get("user.fields", "").split(",") if v]
        unknown = [v for v in asked if v not in known]
        if unknown:
            return 400, {"errors": [{"parameters": {"user.fields": [name]},
                                     "message": f"The `user.fields` query parameter value [{name}] is not one "
                                                f"of [{','.join(sorted(known))}]"} for name in unknown],
                         "title": "Invalid Request", "detail": "One or more parameters to your request was invalid.",
                         "type": INVALID}
        recent = tuple(name for name in (OLD_FIELD, NEW_FIELD) if name in asked)
        names = {u.username.lower(): u for u in self.users.values()}
        data, errors = [], []
        for value in values:
            user = names.get(value.lower()) if by_name else self.users.get(value)
            if user is not None and user.missing_lookups > 0:
                user.missing_lookups -= 1
                user = None
            if user is None:
                label = "usernames" if by_name else "ids"
                errors.append({"value": value, "detail": f"Could not find user with {label}: [{value}].",
                               "title": "Not Found Error", "resource_type": "user", "parameter": parameter,
                               "resource_id": value, "type": PROBLEM})
            elif user.suspended:
                errors.append({"value": value, "detail": f"User has been suspended: [{value}].",
                               "title": "Forbidden", "resource_type": "user", "parameter": parameter,
                               "resource_id": value, "type": PROBLEM})
            else:
                data.append(user.wire(recent))
                self.billed.setdefault(datetime.fromtimestamp(self.clock(), UTC).date(), set()).add(user.id)
        body: dict = {}
        if data:
            body["data"] = data
        if errors:
            body["errors"] = errors
        return body

    def _timeline(self, user_id: str, kind: str, query: dict) -> dict:
        if kind == "mentions":
            posts = [p for p in self.posts if p.in_reply_to_user_id == user_id and p.author_id != user_id]
        else:
            posts = [p for p in self.posts if p.author_id == user_id]
        start = query.get("start_time")
        end = query.get("end_time")
        if start:
            posts = [p for p in posts if p.created_at >= _parse(start)]
        if end:
            posts = [p for p in posts if p.created_at < _parse(end)]
        posts.sort(key=lambda p: int(p.id), reverse=True)
        size = min(int(query.get("max_results", 10)), self.page_size)
        offset = int(query.get("pagination_token", "0") or 0)
        page = posts[offset:offset + size]
        meta: dict = {"result_count": len(page)}
        if page:
            meta.update(newest_id=page[0].id, oldest_id=page[-1].id)
        if offset + size < len(posts):
            meta["next_token"] = str(offset + size)
        body: dict = {"meta": meta}
        if page:
            body["data"] = [p.wire() for p in page]
        return body


def _parse(value: str) -> datetime:
    return datetime.fromisoformat(value.replace("Z", "+00:00")).astimezone(UTC)
