"""A local X API v2 server for tests and benchmarks: the documented wire format, on 127.0.0.1.

It serves users lookup by ids and by usernames (at most 100, `data` plus partial `errors`),
user timelines and mentions with `meta.next_token` pagination, the `x-rate-limit-*` headers,
and faults a test can inject: 429 with a reset time, 5xx, slow answers, dropped
connections and 401. It counts what it serves so tests can check the request floor.
"""

from __future__ import annotations

import json
import random
import threading
import time
from collections import Counter
from dataclasses import dataclass, field
from datetime import UTC, datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlparse

EPOCH_MS = 1288834974657
PROBLEM = "https://api.twitter.com/2/problems/resource-not-found"


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

    def wire(self) -> dict:
        body = {"id": self.id, "name": self.name, "username": self.username,
                "protected": self.protected,
                "public_metrics": {"followers_count": self.followers, "following_count": self.following,
                                   "tweet_count": self.tweets, "listed_count": 0, "like_count": 0,
                                   "media_count": 0}}
        if self.last_post is not None:
            body["most_recent_tweet_id"] = snowflake(self.last_post)
        return body


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
    script: dict[int, str] = field(default_factory=dict)  # request number -> "429", "503", "drop"
    seed: int = 7
    rng: random.Random = field(default_factory=lambda: random.Random(7))


class XEmulator:
    def __init__(self, token: str = "test-token", page_size: int = 100):
        self.token = token
        self.page_size = page_size
        self.users: dict[str, User] = {}
        self.posts: list[Post] = []
        self.faults = Faults()
        self.served: Counter[str] = Counter()
        self.lock = threading.Lock()
        self.remaining = 300
        self.server = ThreadingHTTPServer(("127.0.0.1", 0), self._handler())
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    def __enter__(self) -> XEmulator:
        self.thread.start()
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
        if f.slow_seconds:
            time.sleep(f.slow_seconds)
        if drop:
            handler.close_connection = True
            handler.connection.shutdown(2)
            return
        reset = int(time.time() + f.reset_after)
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
        if kind == "lookup":
            body = self._lookup(url.path, query)
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
        self._send(handler, 200, body, reset, remaining)

    def _send(self, handler, status: int, body: dict, reset: int, remaining: int) -> None:
        raw = json.dumps(body).encode()
        handler.send_response(status)
        handler.send_header("content-type", "application/json; charset=utf-8")
        handler.send_header("content-length", str(len(raw)))
        handler.send_header("x-rate-limit-limit", "300")
        handler.send_header("x-rate-limit-remaining", str(remaining))
        if not self.faults.omit_reset_header:
            handler.send_header("x-rate-limit-reset", str(reset))
        handler.end_headers()
        handler.wfile.write(raw)

    def _lookup(self, path: str, query: dict):
        by_name = path.endswith("/by")
        parameter = "usernames" if by_name else "ids"
        values = [v for v in query.get(parameter, "").split(",") if v]
        if not values or len(values) > 100:
            return 400, {"title": "Invalid Request", "detail": f"{parameter}: 1 to 100 values",
                         "type": "https://api.twitter.com/2/problems/invalid-request"}
        names = {u.username.lower(): u for u in self.users.values()}
        data, errors = [], []
        for value in values:
            user = names.get(value.lower()) if by_name else self.users.get(value)
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
                data.append(user.wire())
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
