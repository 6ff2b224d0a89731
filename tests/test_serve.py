"""`jawabdehi serve`: a local preview that rebuilds when the data changes."""

import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request

from .helpers import copy_bundled_seed


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def fetch(url: str, timeout: float = 90) -> str:
    deadline = time.monotonic() + timeout
    while True:
        try:
            with urllib.request.urlopen(url, timeout=5) as response:
                return response.read().decode("utf-8")
        except OSError:
            if time.monotonic() > deadline:
                raise
            time.sleep(0.1)


def test_serve_rebuilds_when_data_changes(tmp_path):
    data = copy_bundled_seed(tmp_path / "data")
    port = free_port()
    server = subprocess.Popen([sys.executable, "-m", "generator.cli", "serve", "--data", str(data), "--out",
                               str(tmp_path / "public"), "--as-of", "2026-11-24", "--port", str(port)],
                              stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    try:
        url = f"http://127.0.0.1:{port}/en/departments/nbpdcl/"
        assert "North Bihar Power Distribution Company Ltd (NBPDCL)" in fetch(url)
        departments = data / "registry" / "departments.csv"
        departments.write_text(departments.read_text(encoding="utf-8").replace(
            "North Bihar Power Distribution Company Ltd (NBPDCL)", "NBPDCL renamed"), encoding="utf-8")
        deadline = time.monotonic() + 90
        while "NBPDCL renamed" not in fetch(url):
            assert time.monotonic() < deadline, "no rebuild seen"
            time.sleep(0.1)
    finally:
        server.terminate()
        server.wait(timeout=30)


def test_serve_survives_a_bad_rebuild_and_serves_its_own_404(tmp_path):
    data = copy_bundled_seed(tmp_path / "data")
    port = free_port()
    log = tmp_path / "serve.log"
    with log.open("w") as out:
        server = subprocess.Popen([sys.executable, "-m", "generator.cli", "serve", "--data", str(data), "--out",
                                   str(tmp_path / "public"), "--as-of", "2026-11-24", "--port", str(port)],
                                  stdout=out, stderr=subprocess.STDOUT, text=True)
        try:
            url = f"http://127.0.0.1:{port}/en/departments/nbpdcl/"
            assert "North Bihar Power Distribution" in fetch(url)
            departments = data / "registry" / "departments.csv"
            good = departments.read_text(encoding="utf-8")
            # A row a clerk broke (a state that is no code): the rebuild is refused.
            departments.write_text(good.replace("North Bihar Power Distribution Company Ltd (NBPDCL),",
                                                "NBPDCL helpline 98765 43210,").replace(",IN-BR,", ",Bihar,", 1),
                                   encoding="utf-8")
            deadline = time.monotonic() + 90
            while "not rebuilt" not in log.read_text():
                assert time.monotonic() < deadline, log.read_text()
                time.sleep(0.1)
            assert server.poll() is None  # still serving the last good site
            assert "North Bihar Power Distribution" in fetch(url)
            assert "98765" not in log.read_text()
            try:
                urllib.request.urlopen(f"http://127.0.0.1:{port}/no/such/page/", timeout=5)
                raise AssertionError("a missing page answered 200")
            except urllib.error.HTTPError as error:
                assert error.code == 404 and "md-content" in error.read().decode("utf-8")
        finally:
            server.terminate()
            server.wait(timeout=30)


def test_a_port_in_use_or_out_of_range_is_one_line_before_anything_is_built(tmp_path):
    data = copy_bundled_seed(tmp_path / "data")
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        for given, said in ((port, f"127.0.0.1:{port}:0: --port: cannot be listened on"), (99999, "99999")):
            done = subprocess.run([sys.executable, "-m", "generator.cli", "serve", "--data", str(data), "--out",
                                   str(tmp_path / "site"), "--port", str(given)], capture_output=True, text=True,
                                  timeout=120)
            assert done.returncode != 0 and said in done.stdout + done.stderr
            assert "Traceback" not in done.stdout + done.stderr and not (tmp_path / "site").exists()
