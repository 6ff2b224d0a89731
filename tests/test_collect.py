"""The collector with the real tweepy client against the local X API emulator."""

import json
import os
import shutil
import socket
import subprocess
import sys
import threading
import time
from datetime import UTC, date, datetime, timedelta

import pandas as pd
import pytest

from generator import paths
from generator.collect import lookup, x_client
from generator.collect.night import run_night
from generator.config import CollectConfig
from generator.problems import ProblemError

from .helpers import REPO, build, copy_bundled, keep_districts_of, make_data, tree_bytes
from .x_emulator import Post, XEmulator, snowflake

TOKEN = "test-bearer-AAAA-not-a-real-token-123"
NIGHT = date(2026, 11, 20)
ON_THE_NIGHT = datetime(2026, 11, 20, 21, 30, tzinfo=UTC)  # when the nightly job collects NIGHT


def clock_at(moment: datetime):
    """A clock that reads `moment` now and runs on: X bills a read on the UTC day of its request."""
    offset = moment.timestamp() - time.time()
    return lambda: time.time() + offset


def tune(data, **settings):
    """Fast retries for tests; other collection settings as given."""
    config = data / paths.CONFIG_TOML
    text = config.read_text()
    values = {"retry_backoff_seconds": 0.01, "rate_limit_fallback_seconds": 0.05,
              "request_timeout_seconds": 2.0, "retry_failed_after_seconds": 0.01, **settings}
    for key, value in values.items():
        lines = [ln for ln in text.splitlines() if not ln.startswith(f"{key} =")]
        text = "\n".join(lines) + "\n"
        text = text.replace("[collect]\n", f"[collect]\n{key} = {value}\n")
    config.write_text(text)
    return data


def departments(n):
    return [{"id": f"dept-{i:05d}", "name_en": f"Dept {i}", "name_hi": f"विभाग {i}", "category": "police",
             "state": "IN-UP", "district": "Gorakhpur"} for i in range(n)]


def registry(tmp_path, n, **collect_settings):
    accounts = [{"department_id": f"dept-{i:05d}", "platform": "x", "handle": f"handle_{i}",
                 "official": "yes"} for i in range(n)]
    data = make_data(tmp_path / "data", departments(n), accounts)
    keep_districts_of(data, {"IN-UP"})  # the departments' state
    return tune(data, **{"reply_requests_per_night": 0, **collect_settings})


def populate(x, n, last_post=datetime(2026, 11, 19, 18, 5, tzinfo=UTC)):
    for i in range(n):
        x.add_user(id=str(1000 + i), username=f"handle_{i}", followers=100 + i, tweets=10 + i,
                   last_post=last_post)


def snapshot_of(data, day=NIGHT):
    return pd.read_csv(data / "snapshots" / "x" / f"{day.isoformat()}.csv", dtype=str,
                       keep_default_na=False).set_index("department_id")


def test_snowflake_decoding():
    assert x_client.post_time("1233161576649121792").isoformat(timespec="milliseconds") == \
        "2020-02-27T22:46:45.564+00:00"
    assert x_client.iso_utc(x_client.post_time("2123477655352246273")) == "2026-11-19T18:05:00Z"


def test_a_handle_x_refuses_stops_the_night_before_any_request_with_its_line(tmp_path):
    """X refuses a whole lookup naming one: the other accounts asked with it would be lost
    every night, not only the one written wrong."""
    data = registry(tmp_path, 3)
    accounts = data / paths.ACCOUNTS_CSV
    accounts.write_text(accounts.read_text().replace(",handle_1,", ",handle.1,"))
    with XEmulator(TOKEN) as x:
        populate(x, 3)
        with pytest.raises(ProblemError) as refused:
            run_night(data, NIGHT, TOKEN, x.url)
        assert x.served["all"] == 0
    assert [str(p) for p in refused.value.problems] == \
        [f"{accounts}:3: handle: 'handle.1' is not an X handle: X's are 1 to 15 letters, digits or '_'"]


def test_250_accounts_cost_three_lookups_and_resolve_ids(tmp_path):
    data = registry(tmp_path, 250)
    with XEmulator(TOKEN) as x:
        populate(x, 250)
        summary = run_night(data, NIGHT, TOKEN, x.url)
        assert x.served["lookup"] == 3 and x.served["all"] == 3
    assert lookup.request_floor(250) == 3
    assert summary.states["ok"] == 250
    snap = snapshot_of(data)
    row = snap.loc["dept-00007"]
    assert (row["account_id"], row["followers"], row["posts"]) == ("1007", "107", "17")
    assert row["last_post_at"] == "2026-11-19T18:05:00Z" and row["source"] == "x-api"
    registry_before = (data / paths.ACCOUNTS_CSV).read_bytes()
    ids = pd.read_csv(data / paths.ACCOUNT_IDS_CSV, dtype=str).set_index("department_id")
    assert ids.loc["dept-00007", "account_id"] == "1007"
    # The next night looks accounts up by their immutable id.
    with XEmulator(TOKEN) as x:
        populate(x, 250)
        x.users["1007"].username = "renamed_7"
        run_night(data, NIGHT + timedelta(days=1), TOKEN, x.url)
        assert x.served["lookup"] == 3
    ids = pd.read_csv(data / paths.ACCOUNT_IDS_CSV, dtype=str).set_index("department_id")
    assert ids.loc["dept-00007", "handle"] == "renamed_7"
    # The hand-edited registry is never rewritten by a program.
    assert (data / paths.ACCOUNTS_CSV).read_bytes() == registry_before
    assert snapshot_of(data, NIGHT + timedelta(days=1)).loc["dept-00007", "handle"] == "renamed_7"


def test_a_handle_the_operator_replaced_is_looked_up_as_the_new_account(tmp_path):
    """The department's account was suspended and it now posts from another; the operator
    puts the new handle in the registry. The id resolved for the old handle must not be
    looked up for ever under the new name (a suspended row captioned with the new handle),
    while a renamed account, whose registry handle it once had, keeps its id."""
    data = registry(tmp_path, 3)
    with XEmulator(TOKEN) as x:
        populate(x, 3)
        run_night(data, NIGHT, TOKEN, x.url)
    text = (data / paths.ACCOUNTS_CSV).read_text()
    (data / paths.ACCOUNTS_CSV).write_text(text.replace(",handle_1,", ",New_Handle_1,"))
    night = NIGHT + timedelta(days=1)
    with XEmulator(TOKEN) as x:
        populate(x, 3)
        x.users["1001"].suspended = True
        x.users["1002"].username = "renamed_2"
        x.add_user(id="2001", username="new_handle_1", last_post=datetime(2026, 11, 20, 9, tzinfo=UTC))
        run_night(data, night, TOKEN, x.url)
    snap = snapshot_of(data, night)
    assert (snap.loc["dept-00001", "account_id"], snap.loc["dept-00001", "state"]) == ("2001", "ok")
    assert (snap.loc["dept-00002", "account_id"], snap.loc["dept-00002", "handle"]) == ("1002", "renamed_2")
    ids = pd.read_csv(data / paths.ACCOUNT_IDS_CSV, dtype=str).set_index("department_id")
    assert ids.loc["dept-00001", "account_id"] == "2001" and ids.loc["dept-00002", "account_id"] == "1002"
    with XEmulator(TOKEN) as x:  # the night after, both by id
        populate(x, 3)
        x.users["1002"].username = "renamed_2"
        x.add_user(id="2001", username="new_handle_1")
        run_night(data, night + timedelta(days=1), TOKEN, x.url)
        assert x.served["lookup"] == 1
    assert snapshot_of(data, night + timedelta(days=1)).loc["dept-00001", "account_id"] == "2001"


def test_suspended_and_missing_accounts_are_data(tmp_path):
    data = registry(tmp_path, 4)
    with XEmulator(TOKEN) as x:
        populate(x, 4)
        x.users["1001"].suspended = True
        del x.users["1002"]
        x.users["1003"].protected = True
        summary = run_night(data, NIGHT, TOKEN, x.url)
    snap = snapshot_of(data)
    assert list(snap["state"]) == ["ok", "suspended", "not_found", "protected"]
    assert snap.loc["dept-00001", "followers"] == ""
    assert (summary.states["suspended"], summary.states["not_found"]) == (1, 1)


def test_a_working_account_found_gone_is_looked_up_once_more_before_it_counts(tmp_path):
    """One "not found" turned an A into an F, a "gone" event and a badge: a working account
    found suspended or gone is asked again after the pause (free the same UTC day); a passing
    fault reads ok, an account really gone says so twice, and one never seen working is not
    asked again."""
    data = registry(tmp_path, 4)
    with XEmulator(TOKEN) as x:
        populate(x, 4)
        del x.users["1003"]  # never seen working
        run_night(data, NIGHT, TOKEN, x.url)
        x.users["1001"].missing_lookups = 1  # a passing fault
        del x.users["1002"]  # gone for good
        served = x.served["lookup"]
        summary = run_night(data, NIGHT + timedelta(days=1), TOKEN, x.url)
        assert x.served["lookup"] > served + 1  # the second look went to X
    snap = snapshot_of(data, NIGHT + timedelta(days=1))
    assert list(snap["state"]) == ["ok", "ok", "not_found", "not_found"]
    assert summary.retried == 2  # 1001 and 1002, not 1003
    record = json.loads((data / "snapshots" / "x" / f"{NIGHT + timedelta(days=1)}.run.json").read_text())
    assert record["runs"][-1]["accounts_retried"] == 2


def test_429_mid_run_is_waited_out(tmp_path):
    data = registry(tmp_path, 300)
    waits = []
    with XEmulator(TOKEN) as x:
        populate(x, 300)
        x.faults.script = {2: "429"}
        x.faults.reset_after = 1.0
        summary = run_night(data, NIGHT, TOKEN, x.url, sleep=lambda s: waits.append(s))
        assert x.served["lookup"] == 4  # three lookups plus the one refused
    assert summary.states["ok"] == 300 and summary.stopped_early is None
    assert len(waits) == 1 and 0 < waits[0] <= 3


def test_429_without_reset_header_uses_fallback_and_wait_is_capped(tmp_path):
    data = registry(tmp_path, 150, max_rate_limit_wait_seconds=0.1)
    with XEmulator(TOKEN) as x:
        populate(x, 150)
        x.faults.omit_reset_header = True
        x.faults.script = {2: "429", 3: "429", 4: "429"}
        summary = run_night(data, NIGHT, TOKEN, x.url, sleep=lambda s: None)
    # The night ends cleanly with what it has: the first 100 accounts.
    assert summary.stopped_early and summary.states["ok"] == 100
    assert len(snapshot_of(data)) == 100


def test_429_whose_reset_has_passed_waits_the_fallback_not_nothing(tmp_path):
    """A reset time already past (the runner's clock ahead of X's, a stale header) was read as
    'ask again now': every 429 was asked again at once, without limit, until the deadline."""
    data = registry(tmp_path, 3, rate_limit_fallback_seconds=0.5, max_rate_limit_wait_seconds=2)
    waits = []
    with XEmulator(TOKEN) as x:
        populate(x, 3)
        x.faults.rate_limited, x.faults.reset_after = 1000, -100
        summary = run_night(data, NIGHT, TOKEN, x.url, sleep=waits.append)
        assert x.served["all"] <= 5
    assert waits == [0.5] * 4 and summary.stopped_early.startswith("rate limit")


def test_retries_5xx_and_dropped_connections(tmp_path):
    data = registry(tmp_path, 200)
    with XEmulator(TOKEN) as x:
        populate(x, 200)
        x.faults.script = {1: "503", 2: "drop", 4: "503"}
        summary = run_night(data, NIGHT, TOKEN, x.url)
    assert summary.states["ok"] == 200


def test_failed_lookups_keep_earlier_figures_and_the_site_shows_them(tmp_path):
    # Three accounts, so that the site is small: the one X did not find on the first night
    # has no id yet and is asked by username, in a request of its own beside the ids' one.
    data = registry(tmp_path, 3, max_retries=0, monthly_read_budget=10_000_000)
    with XEmulator(TOKEN) as x:
        populate(x, 3)
        del x.users["1002"]
        run_night(data, NIGHT, TOKEN, x.url)
    first_night = (data / "snapshots" / "x" / f"{NIGHT}.csv").read_bytes()
    second = NIGHT + timedelta(days=1)
    with XEmulator(TOKEN) as x:
        populate(x, 3)
        for user in x.users.values():
            user.followers += 5
        x.faults.script = {1: "503", 3: "503"}  # the ids' lookup, and its retry later in the night
        summary = run_night(data, second, TOKEN, x.url)
        assert x.served["lookup"] == 3
    assert (summary.states["error"], summary.states["ok"]) == (2, 1)
    assert (data / "snapshots" / "x" / f"{NIGHT}.csv").read_bytes() == first_night
    snap = snapshot_of(data, second)
    failed = snap[snap["state"] == "error"].index[0]
    fresh = snap[snap["state"] == "ok"].index[0]
    out = tmp_path / "public"
    build(data, out, second)
    handles = pd.read_csv(out / "data" / "handles.csv", encoding="utf-8-sig", dtype=str,
                          keep_default_na=False).set_index("department_id")
    i = int(failed.split("-")[1])
    assert handles.loc[failed, "followers"] == str(100 + i)
    assert handles.loc[failed, "observed_on"] == NIGHT.isoformat()
    assert handles.loc[failed, "last_error_on"] == second.isoformat()
    assert handles.loc[fresh, "followers"] == str(100 + int(fresh.split("-")[1]) + 5)
    page = (out / "en" / "departments" / failed / "index.html").read_text()
    assert "the check on 21 Nov 2026 failed; the last good figure is shown" in page
    assert f"{100 + i:,} <span class=\"jd-muted\">(20 Nov 2026)</span>" in page


def test_same_night_twice_changes_no_figure_and_records_both_runs(tmp_path):
    data = registry(tmp_path, 120)
    record = f"snapshots/x/{NIGHT.isoformat()}.run.json"
    with XEmulator(TOKEN) as x:
        populate(x, 120)
        run_night(data, NIGHT, TOKEN, x.url)
        before = tree_bytes(data)
        x.faults.error_ratio = 1.0  # even a failing re-run keeps the night's good figures
        run_night(data, NIGHT, TOKEN, x.url)
    after = tree_bytes(data)
    assert {k: v for k, v in after.items() if k != record} == {k: v for k, v in before.items() if k != record}
    runs = json.loads(after[record])["runs"]
    assert len(runs) == 2 and runs[0]["outcomes"]["ok"] == 120


def run_cli(args, env_extra, cwd):
    env = {k: v for k, v in os.environ.items() if not k.startswith("X_")}
    env.update(env_extra)
    return subprocess.run([sys.executable, "-m", "generator.cli", *args], capture_output=True, text=True,
                          env=env, cwd=cwd, timeout=300)


def test_401_stops_and_the_token_appears_nowhere(tmp_path):
    data = copy_bundled(tmp_path / "data")
    tune(data)
    before = tree_bytes(data)
    secret = "sEcReT-bearer-0123456789-should-never-leak"
    with XEmulator("another-token") as x:
        result = run_cli(["collect", "--data", str(data), "--date", "2026-11-20"],
                         {"X_BEARER_TOKEN": secret, "X_API_BASE_URL": x.url}, tmp_path)
        assert x.served["all"] >= 1
    assert result.returncode == 1
    assert "HTTP 401" in result.stderr and "X_BEARER_TOKEN" in result.stderr
    assert tree_bytes(data) == before
    nightly = run_cli(["nightly", "--data", str(data), "--out", str(tmp_path / "site"), "--date", "2026-11-20"],
                      {"X_BEARER_TOKEN": secret, "X_API_BASE_URL": "http://127.0.0.1:9"}, tmp_path)
    for text in (result.stdout, result.stderr, nightly.stdout, nightly.stderr):
        assert secret not in text
    for folder in (data, tmp_path):
        for path in folder.rglob("*"):
            if path.is_file():
                assert secret.encode() not in path.read_bytes(), path


@pytest.mark.parametrize(("url", "refused"), [
    ("https://api.twitter.com", False), ("https://x-proxy.example.org:8443/api/", False),
    ("http://127.0.0.1:5000", False), ("http://[::1]:5000", False), ("http://localhost:5000", False),
    ("http://api.twitter.com", True), ("http://127.0.0.2:5000", True), ("http://localhost.example.org", True),
    ("http://10.0.0.5:8080", True), ("ftp://127.0.0.1", True), ("https://", True), ("api.twitter.com", True),
    # requests reads the host before a backslash, Python's urlsplit after the last '@': the
    # address must say one host to both.
    ("http://api.example.org\\@127.0.0.1:5000", True), ("http://api.example.org\t@127.0.0.1:5000", True),
    ("HTTP://LOCALHOST:5000", False), ("https://user@x-proxy.example.org/", False)])
def test_the_api_address_is_https_or_plain_http_on_this_machine_only(url, refused):
    """The bearer token goes with every request: over plain http:// to another machine it
    would cross the network readable; the emulator on this machine is the one exception."""
    assert (x_client.base_url_problem(url) is not None) == refused


def test_a_plain_http_api_address_stops_collect_before_any_request_naming_it_not_the_token(tmp_path):
    data = registry(tmp_path, 3)
    before = tree_bytes(data)
    secret = "sEcReT-bearer-0123456789-should-never-leak"
    result = run_cli(["collect", "--data", str(data), "--date", "2026-11-20"],
                     {"X_BEARER_TOKEN": secret, "X_API_BASE_URL": "http://user:hunter2@api.example.org/2"}, tmp_path)
    assert result.returncode == 1
    assert "X_API_BASE_URL:0: -: http://api.example.org is plain http://, which would send the bearer token " \
           "unencrypted" in result.stderr, result.stderr
    assert "Traceback" not in result.stderr
    for text in (result.stdout, result.stderr):
        assert secret not in text and "hunter2" not in text
    assert tree_bytes(data) == before


class Listener:
    """A plain TCP listener on 127.0.0.2 (this machine, but not an address the collector may
    send the token to in the clear): stands for another machine and keeps what it is sent."""

    def __init__(self):
        self.sock = socket.create_server(("127.0.0.2", 0))
        self.sock.settimeout(0.05)
        self.port = self.sock.getsockname()[1]
        self.received = b""
        self.stop = threading.Event()

    def _serve(self):
        while not self.stop.is_set():
            try:
                conn, _ = self.sock.accept()
            except TimeoutError:
                continue
            with conn:
                conn.settimeout(0.5)
                try:
                    self.received += conn.recv(65536)
                except OSError:
                    pass

    def __enter__(self):
        self.thread = threading.Thread(target=self._serve, daemon=True)
        self.thread.start()
        return self

    def __exit__(self, *exc):
        self.stop.set()
        self.thread.join()
        self.sock.close()


@pytest.mark.parametrize("address", ["http://127.0.0.2:{port}", "http://127.0.0.2:{port}\\@127.0.0.1:9"])
def test_the_token_never_reaches_a_plain_http_address_off_this_machine_however_the_night_is_started(
        tmp_path, address):
    """The address is checked where it enters the client, not only by the CLI: run_night and
    XApi called directly refuse it before anything is read, asked or written."""
    data = registry(tmp_path, 3)
    before = tree_bytes(data)
    with Listener() as other:
        url = address.format(port=other.port)
        with pytest.raises(x_client.AddressRefused, match="plain http://|a backslash"):
            run_night(data, NIGHT, TOKEN, url)
        with pytest.raises(x_client.AddressRefused, match="plain http://|a backslash"):
            x_client.XApi(token=TOKEN, cfg=CollectConfig(), base_url=url)
    assert TOKEN.encode() not in other.received
    assert other.received == b""
    assert tree_bytes(data) == before


def test_the_api_address_check_lets_the_local_emulator_through_to_xapi():
    with XEmulator(TOKEN) as x:
        populate(x, 1)
        api = x_client.XApi(token=TOKEN, cfg=CollectConfig(), base_url=x.url + "/")
        assert api.lookup(usernames=["handle_0"])["data"][0]["id"] == "1000"


def conversation(x, account="1000"):
    """A scripted day: three citizens mention the account, it answers two of them."""
    day = datetime(2026, 11, 19, tzinfo=UTC)
    citizens = [("1580000000000000501", "ramesh_kumar_99", "बिजली नहीं है, फ़ोन 9876543210"),
                ("1580000000000000502", "sita_devi_x", "सड़क टूटी है"),
                ("1580000000000000503", "anil_citizen", "पानी नहीं आ रहा")]
    ids = []
    for n, (author, handle, text) in enumerate(citizens):
        at = day + timedelta(hours=9 + n)
        post_id = snowflake(at, n)
        ids.append(post_id)
        x.add_post(Post(post_id, author, at, f"@handle_0 {text} (@{handle})", in_reply_to_user_id=account))
    x.add_post(Post(snowflake(day + timedelta(hours=9, minutes=20), 9), account, day + timedelta(hours=9, minutes=20),
                    "reply one", in_reply_to_user_id="1580000000000000501", replied_to=ids[0]))
    x.add_post(Post(snowflake(day + timedelta(hours=12, minutes=30), 9), account,
                    day + timedelta(hours=12, minutes=30), "reply two", in_reply_to_user_id="1580000000000000502",
                    replied_to=ids[1]))
    x.add_post(Post(snowflake(day + timedelta(hours=13), 8), account, day + timedelta(hours=13),
                    "second reply to the first", replied_to=ids[0]))
    x.add_post(Post(snowflake(day + timedelta(hours=14), 7), account, day + timedelta(hours=14), "a notice"))
    return citizens, ids


def test_reply_aggregates_are_exact_and_anonymous(tmp_path):
    data = registry(tmp_path, 1, reply_requests_per_night=10)
    with XEmulator(TOKEN, page_size=2) as x:
        populate(x, 1)
        citizens, ids = conversation(x)
        summary = run_night(data, NIGHT, TOKEN, x.url)
        assert x.served["mentions"] == 2  # three mentions in pages of two
    assert summary.replies_measured == 1
    replies = pd.read_csv(data / "replies" / "x" / "2026-11-19.csv", dtype=str).iloc[0]
    assert (replies["mentions"], replies["answered"], replies["answered_within_hour"]) == ("3", "2", "1")
    assert float(replies["median_reply_minutes"]) == pytest.approx((20 + 150) / 2)
    out = tmp_path / "public"
    build(data, out, NIGHT)
    page = (out / "en" / "departments" / "dept-00000" / "index.html").read_text()
    assert "Replies to citizens" in page and "2 (66.7\u00a0%)" in page
    secrets = [c for citizen in citizens for c in citizen] + ids + ["9876543210", "reply one"]
    for path in list(data.rglob("*")) + list(out.rglob("*")):
        if path.is_file():
            content = path.read_bytes()
            for value in secrets:
                assert value.encode() not in content, (path, value)


def test_slow_answers_time_out_and_become_errors(tmp_path):
    data = registry(tmp_path, 3, request_timeout_seconds=0.3, max_retries=1)
    with XEmulator(TOKEN) as x:
        populate(x, 3)
        x.faults.slow_seconds = 1.0
        summary = run_night(data, NIGHT, TOKEN, x.url)
        assert x.served["lookup"] == 4  # the request and one retry, then both again later in the night
    assert summary.states["error"] == 3
    assert set(snapshot_of(data)["state"]) == {"error"}


def test_a_night_ahead_of_today_or_behind_the_newest_is_refused_before_any_read(tmp_path):
    """Reads are billed: a night validate would refuse (after today) or one the history cannot
    hold (before its newest night) is refused before X is asked anything."""
    data = registry(tmp_path, 2)
    with XEmulator(TOKEN) as x:
        populate(x, 2)
        env = {"X_BEARER_TOKEN": TOKEN, "X_API_BASE_URL": x.url}
        assert run_cli(["collect", "--data", str(data), "--date", NIGHT.isoformat()], env, tmp_path).returncode == 0
        served = dict(x.served)
        before = tree_bytes(data)
        for day, said in (("2999-01-01", "is after today"), ((NIGHT - timedelta(days=1)).isoformat(),
                                                             f"is before the newest night collected ({NIGHT})")):
            refused = run_cli(["collect", "--data", str(data), "--date", day], env, tmp_path)
            assert refused.returncode == 1 and f"--date:0: -: {day} {said}" in refused.stderr, refused.stderr
            assert "Traceback" not in refused.stderr
        assert dict(x.served) == served and tree_bytes(data) == before
        # The same night again merges into its file, as a re-run of the workflow does.
        assert run_cli(["collect", "--data", str(data), "--date", NIGHT.isoformat()], env, tmp_path).returncode == 0


def test_nightly_by_hand_validates_before_it_builds(tmp_path):
    """`nightly` is collect, validate, build: a folder validate refuses is not built."""
    data = copy_bundled(tmp_path / "data")
    ahead = data / "snapshots" / "x" / "2999-01-01.csv"
    ahead.parent.mkdir(parents=True, exist_ok=True)
    shutil.copy(next((REPO / "data" / "manual").glob("*.csv")), ahead)
    out = tmp_path / "site"
    result = run_cli(["--project", str(REPO), "nightly", "--data", str(data), "--out", str(out)], {}, tmp_path)
    assert result.returncode == 1 and "2999-01-01.csv" in result.stderr and "nothing was built" in result.stderr
    assert not out.exists() and "Traceback" not in result.stderr
