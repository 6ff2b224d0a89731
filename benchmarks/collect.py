"""Collection cost: the batched collector against the naive one-account-at-a-time path.

Both run the real tweepy client against the local X API emulator on 127.0.0.1.
Run: python -m benchmarks.collect
"""

from __future__ import annotations

import tempfile
import time
import tracemalloc
from datetime import UTC, date, datetime
from pathlib import Path

import tweepy

from generator import paths
from generator.collect.night import run_night
from tests.helpers import make_data
from tests.x_emulator import XEmulator

TOKEN = "benchmark-token"
NIGHT = date(2026, 11, 20)


def _emulator(n: int) -> XEmulator:
    x = XEmulator(TOKEN)
    for i in range(n):
        x.add_user(id=str(10_000 + i), username=f"h{i}", followers=i,
                   last_post=datetime(2026, 11, 19, tzinfo=UTC))
    return x


def _data(root: Path, n: int) -> Path:
    depts = [{"id": f"d{i}", "name_en": f"D{i}", "name_hi": f"D{i}", "category": "police",
              "state": "IN-UP"} for i in range(n)]
    accounts = [{"department_id": f"d{i}", "platform": "x", "handle": f"h{i}", "official": "yes"}
                for i in range(n)]
    data = make_data(root, depts, accounts)
    config = data / paths.CONFIG_TOML
    config.write_text(config.read_text().replace("monthly_read_budget = 100000", "monthly_read_budget = 10000000")
                      .replace("reply_requests_per_night = 50", "reply_requests_per_night = 0"))
    return data


def measure(label: str, n: int, work) -> tuple:
    tracemalloc.start()
    started = time.perf_counter()
    requests = work()
    seconds = time.perf_counter() - started
    peak = tracemalloc.get_traced_memory()[1] / 2**20
    tracemalloc.stop()
    return label, n, requests, requests / n * 100, seconds, peak


def batched(n: int) -> tuple:
    with tempfile.TemporaryDirectory() as tmp, _emulator(n) as x:
        data = _data(Path(tmp) / "data", n)
        return measure("collector (batched lookup)", n, lambda: (run_night(data, NIGHT, TOKEN, x.url),
                                                                   x.served["all"])[1])


def naive(n: int) -> tuple:
    with _emulator(n) as x:
        client = tweepy.Client(bearer_token=TOKEN)
        client.session.request = _rebase(client.session.request, x.url)

        def work():
            for i in range(n):
                user = client.get_user(username=f"h{i}", user_fields=["public_metrics"])
                client.get_users_tweets(user.data.id, max_results=5)
            return x.served["all"]

        return measure("naive (get_user + get_users_tweets)", n, work)


def _rebase(request, base):
    def send(method, url, *args, **kwargs):
        return request(method, url.replace("https://api.twitter.com", base), *args, **kwargs)
    return send


def main() -> None:
    rows = [batched(10_000), batched(500), naive(500)]
    print(f"{'path':<38} {'accounts':>9} {'requests':>9} {'req/100':>8} {'seconds':>8} {'peak MiB':>9}")
    for label, n, requests, per100, seconds, peak in rows:
        print(f"{label:<38} {n:>9,} {requests:>9,} {per100:>8.1f} {seconds:>8.2f} {peak:>9.1f}")


if __name__ == "__main__":
    main()
