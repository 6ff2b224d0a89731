"""Every night pinned at a permanent address: the night's ZIP and each month's observations
are listed with their release address and SHA-256, cited from the pages, kept on the site
until the upload is confirmed, and uploaded once by the repository's upload script, here
driven through a stand-in `gh` that keeps its releases in a folder."""

import contextlib
import hashlib
import html
import io
import json
import os
import re
import shutil
import subprocess
import sys
import zipfile
from datetime import date, timedelta
from pathlib import Path
from unittest import mock

import pytest

from generator import paths
from generator.problems import ProblemError
from generator.render import downloads_page, formats
from generator.synth import synthesize

from .helpers import REPO, add_next_night, build

END = date(2026, 12, 2)
REPOSITORY = "https://github.com/jawabdehi/jawabdehi"
SITE_URL = "https://jawabdehi.github.io/jawabdehi/"
# Synthetic departments: a build's cost grows with their pages. The first 8 have 6 accounts on
# X; the first 16, 12: more than the ten a month's file is checked to hold. A test of a
# department after them (Tripura's the 23rd) makes more.
ACCOUNTS = 8
OVER_TEN = 16
TO_TRIPURA = 23
HELD = "sha256:" + "0" * 64  # a digest as an upload record holds one
RELEASE_LINK = re.compile(r"https://github\.com/[\w.-]+/[\w.-]+/releases/download/[^\s\"'<>)&;,]+")
ONSITE_LINK = re.compile(re.escape(SITE_URL) + r"data/nights/[^\s\"'<>)&;,]+")

# The stand-in: GitHub's REST API for releases, as `gh api` reaches it. A release is a folder
# under $FAKE_RELEASES named by its id, with meta.json ({tag, draft}) and one file per asset
# (a file <asset>.starter beside one marks an upload cut off half way). It logs every call;
# with FAKE_IMMUTABLE set a published release takes no change, as GitHub's immutable releases;
# as GitHub, it lets drafts share a tag with each other and with a published release. It needs
# the standard library alone: -S skips site-packages, half of each call's start-up.
FAKE_GH = r"""#!PYTHON -S
import hashlib, json, os, re, shutil, sys
from pathlib import Path
args = sys.argv[1:]
root = Path(os.environ["FAKE_RELEASES"])
with open(root.parent / "gh.log", "a") as log:
    log.write(json.dumps(args) + "\n")
def fail(message, code=1):
    sys.exit(print(message, file=sys.stderr) or code)
if args[0] != "api":
    fail(f"unknown command {args}", 2)
method = args[args.index("--method") + 1] if "--method" in args else "GET"
fields = {args[i + 1].split("=", 1)[0]: args[i + 1].split("=", 1)[1] for i, a in enumerate(args) if a in ("-f", "-F")}
rest, at = [], 1
while at < len(args):
    at, rest = (at + 2, rest) if args[at] in ("--method", "-H", "-f", "-F", "--input") else (at + 1, rest + [args[at]])
path = rest[0]
def meta(folder):
    return json.loads((folder / "meta.json").read_text())
def asset_id(folder, name):
    return int(folder.name) * 1000 + sorted(p.name for p in folder.iterdir() if p.suffix != ".starter").index(name)
def assets(folder):
    def digest(p):
        if os.environ.get("FAKE_DIGEST"):  # what GitHub says instead, whatever it is
            return os.environ["FAKE_DIGEST"]
        return None if os.environ.get("FAKE_NO_DIGEST") else "sha256:" + hashlib.sha256(p.read_bytes()).hexdigest()
    return [{"id": asset_id(folder, p.name), "name": p.name, "size": p.stat().st_size, "digest": digest(p),
             "state": "starter" if p.with_name(p.name + ".starter").exists() else "uploaded"}
            for p in sorted(folder.iterdir()) if p.suffix != ".starter" and p.name != "meta.json"]
def release(folder):
    m = meta(folder)
    return {"id": int(folder.name), "tag_name": m["tag"], "draft": m["draft"], "assets": assets(folder),
            "upload_url": f"https://uploads.github.com/repos/o/r/releases/{folder.name}/assets{{?name,label}}"}
def folders():
    return sorted((f for f in root.iterdir() if f.is_dir()), key=lambda f: int(f.name))
def by_id(number):
    folder = root / str(number)
    return folder if folder.is_dir() else fail("gh: Not Found (HTTP 404)")
def locked(folder):
    if os.environ.get("FAKE_IMMUTABLE") and not meta(folder)["draft"]:
        fail("gh: Cannot upload assets to an immutable release. (HTTP 422)")
if os.environ.get("FAKE_API_DOWN"):
    fail(os.environ.get("FAKE_API_SAYS") or "gh: Bad Gateway (HTTP 502)")
if m := re.fullmatch(r"repos/[^/]+/[^/]+/releases/tags/(.+)", path):
    found = [f for f in folders() if meta(f)["tag"] == m[1] and not meta(f)["draft"]]
    print(json.dumps(release(found[0]))) if found else fail("gh: Not Found (HTTP 404)")
elif re.fullmatch(r"repos/[^/]+/[^/]+/releases", path) and method == "POST":
    folder = root / str(max([int(f.name) for f in folders()], default=0) + 1)
    folder.mkdir()
    (folder / "meta.json").write_text(json.dumps({"tag": fields["tag_name"], "draft": fields.get("draft") == "true"}))
    print(json.dumps(release(folder)))
elif m := re.fullmatch(r"https://uploads\.github\.com/repos/[^/]+/[^/]+/releases/(\d+)/assets\?name=(.+)", path):
    folder, name = by_id(m[1]), m[2]
    if os.environ.get("FAKE_FAIL_UPLOAD"):
        fail("gh: Bad Gateway (HTTP 502)")
    locked(folder)
    if (folder / name).exists():
        fail("gh: Validation Failed: already_exists (HTTP 422)")
    shutil.copy(args[args.index("--input") + 1], folder / name)
    print(json.dumps({"name": name, "state": "uploaded"}))
elif m := re.fullmatch(r"repos/[^/]+/[^/]+/releases/(\d+)", path):
    folder = by_id(m[1])
    if method == "PATCH" and fields.get("draft") == "false":
        if any(meta(f)["tag"] == meta(folder)["tag"] and not meta(f)["draft"] for f in folders()):
            fail("gh: Validation Failed: tag_name already_exists (HTTP 422)")
        (folder / "meta.json").write_text(json.dumps({**meta(folder), "draft": False}))
    print(json.dumps(release(folder)))
elif m := re.fullmatch(r"repos/[^/]+/[^/]+/releases/assets/(\d+)", path):
    folder = by_id(int(m[1]) // 1000)
    name = next((a["name"] for a in assets(folder) if a["id"] == int(m[1])), None) or fail("gh: Not Found (HTTP 404)")
    if method == "DELETE":
        locked(folder)
        (folder / name).unlink()
        (folder / (name + ".starter")).unlink(missing_ok=True)
    else:
        sys.stdout.buffer.write((folder / name).read_bytes())
else:
    fail(f"the stand-in does not know {method} {path}", 2)
"""


class Releases:
    """The stand-in's releases, for a test to set up and read."""

    def __init__(self, root: Path):
        self.root = root

    def make(self, tag: str, assets: dict[str, bytes] | None = None, draft: bool = False,
             starter: tuple[str, ...] = ()) -> Path:
        folder = self.root / str(max([int(f.name) for f in self.root.iterdir()], default=0) + 1)
        folder.mkdir()
        (folder / "meta.json").write_text(json.dumps({"tag": tag, "draft": draft}))
        for name, data in (assets or {}).items():
            (folder / name).write_bytes(data)
        for name in starter:
            (folder / (name + ".starter")).write_bytes(b"")
        return folder

    def all(self) -> list[dict]:
        out = []
        for folder in sorted(self.root.iterdir(), key=lambda f: int(f.name)):
            meta = json.loads((folder / "meta.json").read_text())
            out.append({**meta, "assets": {p.name: p.read_bytes() for p in folder.iterdir()
                                           if p.name != "meta.json" and p.suffix != ".starter"}})
        return out

    def published(self, tag: str) -> dict[str, bytes] | None:
        return next((r["assets"] for r in self.all() if r["tag"] == tag and not r["draft"]), None)


@pytest.fixture
def gh(tmp_path, monkeypatch):
    """Runs the upload script with the stand-in `gh` first on PATH; returns the log of calls.
    The script's `main` is called in this process, as `python -m generator.publish.upload`
    calls it (a process started for each run would cost more than the run; the test of a
    machine without gh starts the script as the workflow does): its exit status and what it
    printed come back as a finished process's would, and any exception it lets out fails the test."""
    from generator.publish import upload

    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    fake = bin_dir / "gh"
    fake.write_text(FAKE_GH.replace("PYTHON", sys.executable))
    fake.chmod(0o755)
    releases = tmp_path / "gh" / "releases"
    releases.mkdir(parents=True)
    monkeypatch.chdir(REPO)

    def run(*args, **env):
        argv, out, err = list(map(str, args)), io.StringIO(), io.StringIO()
        with mock.patch.dict(os.environ, {"PATH": f"{bin_dir}:{os.environ['PATH']}", "FAKE_RELEASES": str(releases),
                                          **env}), contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            try:
                code = upload.main(argv)
            except SystemExit as stop:  # a usage error, as argparse reports it
                code = stop.code
        return subprocess.CompletedProcess(argv, code, out.getvalue(), err.getvalue())

    def calls():
        log = tmp_path / "gh" / "gh.log"
        return [json.loads(line) for line in log.read_text().splitlines()] if log.exists() else []

    run.calls = calls
    run.releases = Releases(releases)
    return run


def synthetic(root: Path, days: int = 40, accounts: int = ACCOUNTS) -> Path:
    data = root / "data"
    synthesize(data, accounts=accounts, days=days, seed=7, end=END)
    config = data / paths.CONFIG_TOML
    config.write_text(re.sub(r'repository_url = ".*"', f'repository_url = "{REPOSITORY}"', config.read_text()))
    return data


# A build takes a second or two; a copy of its site a tenth of one. Tests that start from the
# same synthetic data built as of END share one build per module and copy it (`own_copy`)
# before they change it.
@pytest.fixture(scope="module")
def small_site(tmp_path_factory) -> Path:
    """Three synthetic nights built as of END; the data folder is beside the site. Built as a
    first night: on a new output folder with no --pinned-from that is the build without it too
    (first_night only decides what an unreadable previous list or baseline does)."""
    root = tmp_path_factory.mktemp("small")
    build(synthetic(root, days=3), root / "site", END, first_night=True)
    return root / "site"


@pytest.fixture(scope="module")
def forty_nights_site(tmp_path_factory) -> Path:
    """Forty synthetic nights (two complete months) built as of END; the data folder is beside it."""
    root = tmp_path_factory.mktemp("forty")
    build(synthetic(root, accounts=OVER_TEN), root / "site", END)
    return root / "site"


@pytest.fixture(scope="module")
def next_site(small_site, tmp_path_factory) -> Path:
    """The night after small_site's, its data added to a copy of small_site's and built on it
    (--pinned-from), as the nightly job builds it; the data folder is beside the site."""
    root = tmp_path_factory.mktemp("next")
    data = own_data(small_site, root)
    add_next_night(data, root, 3, END, ACCOUNTS)
    build(data, root / "site", END + timedelta(days=1), pinned_from=small_site)
    return root / "site"


def own_data(site: Path, tmp_path: Path) -> Path:
    """A shared site's data folder copied into the test's own folder as `data`, for the test
    to add nights to. A test that only reads the site (the previous site of its next night)
    takes the shared one as it is."""
    return Path(shutil.copytree(site.parent / "data", tmp_path / "data"))


def own_copy(site: Path, tmp_path: Path) -> tuple[Path, Path]:
    """A shared site and its data folder copied into the test's own folder as `data` and
    `first`, for the test to change: the shared ones stay as built for the tests after it."""
    return own_data(site, tmp_path), Path(shutil.copytree(site, tmp_path / "first"))


def listed(site: Path) -> dict[str, dict]:
    return {e["name"]: e for e in json.loads((site / "data" / "pinned.json").read_text())["files"]}


def script_list(gh, site: Path) -> dict[str, tuple[str, str]]:
    result = gh("--site", site, "--list")
    assert result.returncode == 0, result.stderr
    return {url: (sha, where) for url, sha, where in (line.split("\t") for line in result.stdout.splitlines())}


def texts(site: Path):
    for path in site.rglob("*"):
        if path.suffix in (".html", ".json", ".cff", ".xml"):
            yield path, path.read_text(encoding="utf-8")
        elif path.suffix == ".zip" and path.parent.name != "nights":
            with zipfile.ZipFile(path) as bundle:
                yield path, bundle.read("CITATION.cff").decode("utf-8")


def cite_of(site: Path, url: str) -> str:
    """The "cite as" line of a page of the site, in English."""
    page = (site / "en" / url / "index.html").read_text(encoding="utf-8")
    return page[page.index("jd-cite"):].split("</p>")[0]


def check_links(gh, site: Path) -> None:
    """Every release address the site names is on the upload script's list, with the SHA-256
    the site gives it; every on-site citation link reaches a file with the listed bytes."""
    listing = script_list(gh, site)
    entries = {e["url"]: e for e in listed(site).values()}
    seen_off = seen_on = 0
    for path, text in texts(site):
        for url in set(RELEASE_LINK.findall(text)):
            assert url in listing, (str(path), url)
            seen_off += 1
        for url in set(ONSITE_LINK.findall(text)):
            copy = site / url.removeprefix(SITE_URL)
            assert copy.is_file(), (str(path), url)
            entry = next(e for e in entries.values() if e["onsite"] == url.removeprefix(SITE_URL))
            assert hashlib.sha256(copy.read_bytes()).hexdigest() == entry["sha256"]
            seen_on += 1
    assert seen_off, "the site names no permanent address"
    for url, (sha, where) in listing.items():
        assert entries[url]["sha256"] == sha
        if where != "uploaded":
            assert hashlib.sha256((site / where).read_bytes()).hexdigest() == sha


def test_a_night_is_pinned_cited_kept_until_confirmed_and_uploaded_once(tmp_path, gh, forty_nights_site):
    data, first = own_data(forty_nights_site, tmp_path), forty_nights_site
    night = f"jawabdehi-night-{END}.zip"
    pins = listed(first)
    # Tonight's ZIP and one file per complete month, each at the address of a release of its own.
    assert set(pins) == {night, "jawabdehi-observations-2026-10.zip", "jawabdehi-observations-2026-11.zip"}
    assert pins[night]["url"] == f"{REPOSITORY}/releases/download/nights-{END}/{night}"
    assert pins["jawabdehi-observations-2026-11.zip"]["tag"] == "nights-2026-11"
    assert not pins[night]["uploaded"] and pins[night]["onsite"] == f"data/nights/{night}"
    with zipfile.ZipFile(first / pins[night]["onsite"]) as bundle:
        assert {"handles.csv", "events.csv", "complaints.csv", "bounded-followers.csv", "observations-x.csv",
                "run-x.json", "manifest.json"} <= set(bundle.namelist())
        # A bounded count's number alone is in the observations: the list of bounds says which.
        assert bundle.read("bounded-followers.csv") == (first / "data" / "bounded-followers.csv").read_bytes()
        manifest = json.loads(bundle.read("manifest.json"))
        assert manifest["night"] == END.isoformat() and manifest["methodology_version"]
        for name, member in manifest["members"].items():
            assert hashlib.sha256(bundle.read(name)).hexdigest() == member["sha256"]
        assert bundle.read("handles.csv") == (first / "data" / "handles.csv").read_bytes()
        # Unpacked, every file carries the day of its data (not 1980, not the day of the build).
        assert {info.date_time[:3] for info in bundle.infolist()} == {(END.year, END.month, END.day)}
    with zipfile.ZipFile(first / "data" / "nights" / "jawabdehi-observations-2026-11.zip") as month:
        assert len([n for n in month.namelist() if n.startswith("departments/")]) > 10
        assert {info.date_time[:3] for info in month.infolist()} == {(2026, 11, 1)}
    with zipfile.ZipFile(first / "data" / "jawabdehi-latest.zip") as everything:
        assert {info.date_time[:3] for info in everything.infolist()} == {(END.year, END.month, END.day)}
    # The pages, CITATION.cff and the Downloads page name the address and the SHA-256, and
    # the on-site copy while the upload is not confirmed.
    cite = (first / "en" / "accounts" / "index.html").read_text(encoding="utf-8")
    assert pins[night]["url"] in cite and pins[night]["sha256"] in cite and f"{SITE_URL}data/nights/{night}" in cite
    with zipfile.ZipFile(first / "data" / "jawabdehi-latest.zip") as bundle:
        cff = bundle.read("CITATION.cff").decode()
    assert pins[night]["url"] in cff and pins[night]["sha256"] in cff and "data/archive" not in cff
    downloads = (first / "en" / "downloads" / "index.html").read_text(encoding="utf-8")
    assert pins[night]["sha256"] in downloads and f'href="../../data/nights/{night}"' in downloads
    # Its size as a reader weighs it, and exact, in each language's words (Hindi said "bytes").
    size = pins[night]["bytes"]
    assert f"{downloads_page.file_size(size, 'en')} ({formats.number(size, 'en')}\u00a0bytes)" in downloads
    hindi = (first / "downloads" / "index.html").read_text(encoding="utf-8")
    assert f"{downloads_page.file_size(size, 'hi')} ({formats.number(size, 'hi')}\u00a0बाइट)" in hindi
    # A dated night's file too, though the page was built before the night's files were written.
    night_file = sorted((first / "data" / "archive").glob("*/snapshots-x.csv.gz"))[-1]
    said = downloads_page.file_size(night_file.stat().st_size, "en")
    assert re.search(rf'data/archive/{night_file.parent.name}/snapshots-x\.csv\.gz" download[^>]*>'
                     rf'<code>snapshots-x\.csv\.gz</code></a> <span class="jd-muted">{re.escape(said)}</span>',
                     downloads)
    check_links(gh, first)

    # A failed upload exits non-zero and publishes nothing (the drafts it made are served to no
    # one); the record then confirms nothing.
    failed = gh("--site", first, "--repo", "jawabdehi/jawabdehi", FAKE_FAIL_UPLOAD="1")
    assert failed.returncode != 0 and "tries again" in failed.stderr
    assert gh("--record", tmp_path / "record-1.jsonl", "--repo", "jawabdehi/jawabdehi", "--site", first).returncode == 0
    assert (tmp_path / "record-1.jsonl").read_text() == ""
    assert [r["draft"] for r in gh.releases.all()] == [True, True, True]

    # The next night, on a fresh machine: the previous site's files awaiting upload are kept
    # (their bytes checked), the new night joins them, and the health page says so.
    add_next_night(data, tmp_path, 40, END, OVER_TEN)
    second = tmp_path / "second"
    build(data, second, END + timedelta(days=1), pinned_from=first, uploaded=tmp_path / "record-1.jsonl")
    pins2 = listed(second)
    assert pins2[night] == pins[night]
    assert (second / "data" / "nights" / night).read_bytes() == (first / "data" / "nights" / night).read_bytes()
    assert len([e for e in pins2.values() if e["onsite"]]) == 4
    health = (second / "en" / "health" / "index.html").read_text(encoding="utf-8")
    assert "4 files listed; 4 awaiting upload" in health and night in health
    check_links(gh, second)

    # The retry uploads everything; a re-run uploads nothing again.
    tried = len([c for c in gh.calls() if any(a.startswith("https://uploads.github.com/") for a in c)])
    done = gh("--site", second, "--repo", "jawabdehi/jawabdehi")
    assert done.returncode == 0, done.stderr
    assert len([c for c in gh.calls() if any(a.startswith("https://uploads.github.com/") for a in c)]) == tried + 4
    # Each file in a release of its own, published only once it held the file; the failed
    # run's drafts stay drafts (served to no one, never deleted by the script).
    published = [r for r in gh.releases.all() if not r["draft"]]
    assert sorted(r["tag"] for r in published) == sorted(e["tag"] for e in pins2.values())
    assert not any(c for c in gh.calls() if "DELETE" in c)
    for entry in pins2.values():
        assert hashlib.sha256(gh.releases.published(entry["tag"])[entry["name"]]).hexdigest() == entry["sha256"]
    rerun = gh("--site", second, "--repo", "jawabdehi/jawabdehi")
    assert rerun.returncode == 0 and "already in" in rerun.stdout
    assert len([c for c in gh.calls() if any(a.startswith("https://uploads.github.com/") for a in c)]) == tried + 4

    # Once the record confirms them, the site no longer carries them; the cite names the
    # permanent address alone.
    recorded = gh("--record", tmp_path / "record-2.jsonl", "--repo", "jawabdehi/jawabdehi", "--site", second)
    assert recorded.returncode == 0, recorded.stderr
    third = tmp_path / "third"
    build(data, third, END + timedelta(days=1), pinned_from=second, uploaded=tmp_path / "record-2.jsonl")
    pins3 = listed(third)
    assert all(e["uploaded"] and e["onsite"] is None for e in pins3.values())
    assert not (third / "data" / "nights").exists()
    tonight = pins3[f"jawabdehi-night-{END + timedelta(days=1)}.zip"]
    cite = (third / "en" / "accounts" / "index.html").read_text(encoding="utf-8")
    assert tonight["url"] in cite and tonight["sha256"] in cite and "data/nights/" not in cite
    assert "0 awaiting upload" in (third / "en" / "health" / "index.html").read_text(encoding="utf-8")
    check_links(gh, third)


def test_a_copy_with_other_bytes_is_not_kept_and_an_asset_is_never_overwritten(tmp_path, gh, small_site):
    data, first = own_copy(small_site, tmp_path)
    night = f"jawabdehi-night-{END}.zip"
    copy = first / "data" / "nights" / night
    tampered = bytearray(copy.read_bytes())
    tampered[-30] ^= 1
    # The release already holds other bytes under that name: the upload refuses to replace them.
    held = gh.releases.make(f"nights-{END}", {night: bytes(tampered)}) / night
    for env in ({}, {"FAKE_NO_DIGEST": "1"}):  # compared by digest, or by downloading it
        refused = gh("--site", first, "--repo", "jawabdehi/jawabdehi", **env)
        assert refused.returncode != 0 and "never overwritten" in refused.stderr
        assert held.read_bytes() == bytes(tampered)
    # A previous site whose on-site copy was altered: not trusted, not kept; the night stops
    # until the loss is said, and is then said on the health page.
    copy.write_bytes(bytes(tampered))
    add_next_night(data, tmp_path, 3, END, ACCOUNTS)
    second = tmp_path / "second"
    with pytest.raises(ProblemError):
        build(data, second, END + timedelta(days=1), pinned_from=first)
    summary = build(data, second, END + timedelta(days=1), pinned_from=first, drop_lost_pinned=True)
    assert night not in listed(second) and not (second / "data" / "nights" / night).exists()
    assert any(night in note for note in summary.notes)
    assert night in (second / "en" / "health" / "index.html").read_text(encoding="utf-8")
    # Altered bytes on the site are refused by the script as well.
    held.unlink()
    assert gh("--site", first, "--repo", "jawabdehi/jawabdehi").returncode != 0
    assert not held.exists()


def test_a_file_whose_release_holds_other_bytes_is_said_each_night_and_fails_no_night_after_it_is_found(
        tmp_path, gh, small_site):
    """A release asset is never overwritten: a file whose release holds other bytes can never be
    uploaded. The night that finds it fails (a person is told); the build after it reads so in
    the upload record and keeps the file on the site only, and from then on the upload says so
    in one line a night without failing, while an upload of another file that fails still does."""
    data, first = own_copy(small_site, tmp_path)
    night, repo = f"jawabdehi-night-{END}.zip", "jawabdehi/jawabdehi"
    listed_sha = listed(first)[night]["sha256"]
    other = b"another build's bytes of the night"
    held = gh.releases.make(f"nights-{END}", {night: other}) / night
    found = gh("--site", first, "--repo", repo)
    assert found.returncode == 1 and "never overwritten" in found.stderr
    assert gh("--record", tmp_path / "record.jsonl", "--repo", repo, "--site", first).returncode == 0
    add_next_night(data, tmp_path, 3, END, ACCOUNTS)
    second = tmp_path / "second"
    build(data, second, END + timedelta(days=1), pinned_from=first, uploaded=tmp_path / "record.jsonl")
    pins = listed(second)
    assert pins[night]["release_differs"] is True and pins[night]["onsite"] == f"data/nights/{night}"
    fresh = pins[f"jawabdehi-night-{END + timedelta(days=1)}.zip"]
    assert fresh["onsite"] and not fresh.get("release_differs")
    # The health page lists it apart, as kept on the site only, not as awaiting upload.
    for lang in ("", "en/"):
        health = (second / lang / "health" / "index.html").read_text(encoding="utf-8")
        awaiting, kept_only = health[health.index('id="pinned"'):].split('id="pinned-kept"')
        assert night not in awaiting and fresh["name"] in awaiting and night in kept_only.split("</ul>")[0], lang
    # No page, citation or CITATION.cff names its release address (which holds other bytes).
    def naming(site):
        return [path for path, text in texts(site) if pins[night]["url"] in text and path.name != "pinned.json"]
    assert naming(first) and naming(second) == []  # the night before, its pages cited it there
    # Tonight's own file cannot be sent (its copy gone): the job fails for it, and for it alone.
    copy = second / fresh["onsite"]
    kept = copy.read_bytes()
    copy.unlink()
    failed = gh("--site", second, "--repo", repo)
    assert failed.returncode == 1 and "Traceback" not in failed.stderr
    assert f"{fresh['onsite']}: the on-site copy cannot be read" in failed.stderr
    assert "1 file(s) not uploaded" in failed.stderr and night not in failed.stderr
    copy.write_bytes(kept)
    passed = gh("--site", second, "--repo", repo)
    assert passed.returncode == 0, passed.stderr
    assert f"{fresh['name']}: published in {fresh['tag']}" in passed.stdout
    for run in (failed, passed):
        said = [line for line in (run.stdout + run.stderr).splitlines() if night in line]
        assert len(said) == 1, said
        assert said[0].startswith("::warning::") and "kept on the site only" in said[0]
        assert hashlib.sha256(other).hexdigest() in said[0] and listed_sha in said[0]
    assert held.read_bytes() == other and len([r for r in gh.releases.all() if r["tag"] == f"nights-{END}"]) == 1
    assert not any("--input" in call and f"?name={night}" in " ".join(call) for call in gh.calls()[2:])
    # A person cleared the release (took the other asset away): the next night sends the file.
    held.unlink()
    cleared = gh("--site", second, "--repo", repo)
    assert cleared.returncode == 0 and f"{night}: uploaded to nights-{END}" in cleared.stdout
    assert hashlib.sha256(held.read_bytes()).hexdigest() == listed_sha


FORGED = "\n::error file=x.py::forged%0A::add-mask::x\r::warning::also"  # a line of its own, each way


def commands(run) -> list[str]:
    """The workflow command lines a run printed (GitHub reads a line that begins with ::)."""
    return [line.strip() for line in (run.stdout + run.stderr).splitlines() if line.strip().startswith("::")]


def test_a_digest_or_an_error_github_answers_never_writes_a_workflow_command_of_its_own(tmp_path, gh, small_site):
    """GitHub's answers reach the run's log: an asset's digest (beside the listed SHA-256), and
    gh's error message. One with a newline would start a command of its own (an error, a mask
    hiding what the log says): a digest not of its shape is not taken (the asset's bytes are
    compared instead) nor recorded, and every line the script prints is one command alone."""
    data, first = own_copy(small_site, tmp_path)
    night, repo = f"jawabdehi-night-{END}.zip", "jawabdehi/jawabdehi"
    other = b"another build's bytes of the night"
    gh.releases.make(f"nights-{END}", {night: other})
    crafted = "sha256:" + "0" * 64 + FORGED
    refused = gh("--site", first, "--repo", repo, FAKE_DIGEST=crafted)
    assert refused.returncode == 1 and "never overwritten" in refused.stderr
    said = commands(refused)
    assert said and all(line.startswith(f"::error::{night}: ") for line in said), said
    assert hashlib.sha256(other).hexdigest() in said[0] and "forged" not in refused.stdout + refused.stderr
    # The record writes no such digest, and the build reads none.
    assert gh("--record", tmp_path / "record.jsonl", "--repo", repo, "--site", first,
              FAKE_DIGEST=crafted).returncode == 0
    record = [json.loads(line) for line in (tmp_path / "record.jsonl").read_text().splitlines()]
    assert [r["digest"] for r in record if r["name"] == night] == [None]
    from generator.publish.pinned import read_record
    (tmp_path / "altered.jsonl").write_text(json.dumps({"tag": f"nights-{END}", "name": night, "digest": crafted}))
    with pytest.raises(ProblemError) as error:
        read_record(tmp_path / "altered.jsonl")
    assert "forged" not in str(error.value)
    # gh's error, whatever it holds, is said on the line of the file it stopped.
    down = gh("--site", first, "--repo", repo, FAKE_API_DOWN="1", FAKE_API_SAYS="gh: Bad Gateway (HTTP 502)" + FORGED)
    said = commands(down)
    assert down.returncode == 1 and said and all(line.startswith("::error::nights-") for line in said), said
    assert all("%0A::error file=x.py::forged%250A::add-mask::x%0D::warning::also" in line for line in said)


def test_an_upload_cut_off_half_way_is_sent_again_and_a_missing_copy_does_not_stop_the_rest(tmp_path, gh,
                                                                                             small_site):
    _, first = own_copy(small_site, tmp_path)
    pending = [e for e in listed(first).values() if e.get("onsite")]
    assert len(pending) >= 2
    cut, lost = pending[0], pending[1]
    # GitHub keeps an unfinished upload as an asset in the "starter" state, never served.
    release = gh.releases.make(cut["tag"], {cut["name"]: b"half"}, starter=(cut["name"],))
    # And one on-site copy is gone: the others are still sent, and the run says which failed.
    (first / lost["onsite"]).unlink()
    result = gh("--site", first, "--repo", "jawabdehi/jawabdehi")
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert f"{lost['onsite']}: the on-site copy cannot be read" in result.stderr
    assert hashlib.sha256((release / cut["name"]).read_bytes()).hexdigest() == cut["sha256"]
    for entry in pending[2:]:
        assert entry["name"] in gh.releases.published(entry["tag"])
    # No gh at all: a line, not a traceback.
    alone = subprocess.run([sys.executable, "-m", "generator.publish.upload", "--site", str(first), "--repo",
                            "jawabdehi/jawabdehi"],
                           capture_output=True, text=True, cwd=REPO, env={**os.environ, "PATH": str(tmp_path / "none"),
                                                                          "PYTHONPATH": str(REPO)})
    assert alone.returncode == 1 and "the gh command cannot be run" in alone.stderr and "Traceback" not in alone.stderr


def test_immutable_releases_take_each_file_whole_and_the_record_confirms_only_what_is_served(tmp_path, gh,
                                                                                             forty_nights_site):
    """With immutable releases on (a repository or organisation setting) nothing can be added to
    a published release: each file is published in a release of its own once it holds it. A
    draft, or an upload cut off half way, is served to no one, so the record does not confirm it."""
    first = forty_nights_site
    pending = sorted((e for e in listed(first).values() if e.get("onsite")), key=lambda e: e["name"])
    assert len(pending) == 3
    cut, stale, fresh = pending
    # A run cut off after it made a draft and sent part of the file: a draft is served to no one
    # and is never deleted by the script; another is made, checked and published.
    gh.releases.make(cut["tag"], {cut["name"]: b"half"}, draft=True)
    # A release published before each file had its own, without the file: GitHub refuses the
    # upload, the run says so and goes on with the rest.
    gh.releases.make(stale["tag"], {"other.zip": b"another file"})
    result = gh("--site", first, "--repo", "jawabdehi/jawabdehi", FAKE_IMMUTABLE="1")
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert f"{stale['name']}: upload to {stale['tag']} (release 2) failed: gh: Cannot upload assets to an " \
           "immutable release" in result.stderr
    for entry in (cut, fresh):
        assert hashlib.sha256(gh.releases.published(entry["tag"])[entry["name"]]).hexdigest() == entry["sha256"]
    assert [r["assets"] for r in gh.releases.all() if r["draft"]] == [{cut["name"]: b"half"}]
    assert f"{fresh['name']}: published in {fresh['tag']}" in result.stdout
    again = gh("--site", first, "--repo", "jawabdehi/jawabdehi", FAKE_IMMUTABLE="1")
    assert f"{fresh['name']}: already in {fresh['tag']}" in again.stdout
    # A draft that shares a published release's tag (GitHub allows it): never taken for it.
    gh.releases.make(fresh["tag"], {fresh["name"]: b"not the published bytes"}, draft=True)
    assert f"{fresh['name']}: already in {fresh['tag']}" in gh("--site", first, "--repo", "jawabdehi/jawabdehi",
                                                               FAKE_IMMUTABLE="1").stdout
    # The record: for each file awaiting upload, the whole assets of its tag's published
    # release, and nothing else (no draft, no upload cut off half way, no other tag).
    gh.releases.make("nights-2026-12-09", {"jawabdehi-night-2026-12-09.zip": b"not yet served"}, draft=True)
    gh.releases.make("v1.0", {"jawabdehi.tar.gz": b"a release of the package"})
    folder = next(f for f in gh.releases.root.iterdir() if json.loads((f / "meta.json").read_text())
                  == {"tag": fresh["tag"], "draft": False})
    (folder / "late.zip").write_bytes(b"half")
    (folder / "late.zip.starter").write_bytes(b"")
    assert gh("--record", tmp_path / "record.jsonl", "--repo", "jawabdehi/jawabdehi", "--site", first).returncode == 0
    record = [json.loads(line) for line in (tmp_path / "record.jsonl").read_text().splitlines()]
    assert sorted((r["tag"], r["name"]) for r in record) == sorted(
        [(cut["tag"], cut["name"]), (fresh["tag"], fresh["name"]), (stale["tag"], "other.zip")])
    assert all(r["digest"].startswith("sha256:") for r in record)
    # GitHub not answering is no "not there": a line, no record written.
    refused = gh("--record", tmp_path / "record-2.jsonl", "--repo", "jawabdehi/jawabdehi", "--site", first,
                 FAKE_API_DOWN="1")
    assert refused.returncode == 1 and "the release cannot be read: gh: Bad Gateway" in refused.stderr
    assert not (tmp_path / "record-2.jsonl").exists()
    assert "Traceback" not in refused.stderr
    # A file a takedown withdrew since is never uploaded, even by a re-run of an older night.
    gone = tmp_path / "takedowns.txt"
    gone.write_text(f"pinned/{stale['name']} {stale['sha256']}\n", encoding="utf-8")
    skipped = gh("--site", first, "--repo", "jawabdehi/jawabdehi", "--withdrawn", gone)
    assert f"{stale['name']}: withdrawn by a takedown; not uploaded" in skipped.stdout


def test_a_lost_pinned_list_or_copy_stops_the_night_unless_the_loss_is_said(tmp_path, small_site):
    """Files awaiting upload live only in the previous site's list and copies: a list that
    cannot be read, or a copy not found, would drop them for good while the night passed."""
    data, first = own_data(small_site, tmp_path), small_site
    night = f"jawabdehi-night-{END}.zip"
    assert listed(first)[night]["onsite"]
    add_next_night(data, tmp_path, 3, END, ACCOUNTS)
    kept = tmp_path / "kept"
    shutil.copytree(first / "data", kept / "data")
    (kept / "data" / "nights" / night).unlink()
    with pytest.raises(ProblemError) as stopped:
        build(data, tmp_path / "second", END + timedelta(days=1), pinned_from=kept)
    assert f"data/nights/{night}:0: --pinned-from: awaiting upload, but no on-site copy" in str(stopped.value)
    assert not (tmp_path / "second").exists()
    said = build(data, tmp_path / "second", END + timedelta(days=1), pinned_from=kept, drop_lost_pinned=True)
    assert night not in listed(tmp_path / "second") and any(night in str(n) for n in said.notes)
    # The health page says it in its own language, not in the build's English words.
    lost = {"": f"{night}: अपलोड की प्रतीक्षा में थी, पर इस साइट पर उसकी सही प्रति नहीं मिली; अब सूची में नहीं।",
            "en/": f"{night}: it awaited upload, but its copy on this site was not found with its bytes"}
    for lang, words in lost.items():
        health = (tmp_path / "second" / lang / "health" / "index.html").read_text(encoding="utf-8")
        assert words in health and "no on-site copy" not in health, lang
    # A list that is not one (an error page saved in its place): stops, but on the first night.
    (kept / "data" / "pinned.json").write_text("<html>", encoding="utf-8")
    with pytest.raises(ProblemError) as stopped:
        build(data, tmp_path / "third", END + timedelta(days=1), pinned_from=kept)
    assert "pinned.json:0: --pinned-from: not a pinned list" in str(stopped.value)
    said = build(data, tmp_path / "third", END + timedelta(days=1), pinned_from=kept, first_night=True)
    assert any(f"{kept}" in str(n) for n in said.notes)  # the operator is told which file
    health = (tmp_path / "third" / "health" / "index.html").read_text(encoding="utf-8")
    assert "पिछली साइट की स्थायी फ़ाइलों की सूची (data/pinned.json) पढ़ी नहीं जा सकी" in health
    assert str(tmp_path) not in health  # the build machine's folders are not the public's


@pytest.mark.parametrize("spoiled, when", [("list", "first"), ("copy", "first"), ("copy", "taken over")])
def test_a_night_that_would_lose_a_pinned_file_stops_before_its_data_are_read(tmp_path, small_site, monkeypatch,
                                                                             spoiled, when):
    """The previous site's list and copies need nothing of tonight's: a night that would stop on
    them stops at once, not after years of nights were read and their figures computed. They are
    checked again as they are taken over (`taken over`: the first check found them whole, and
    the copy went in between)."""
    from generator import pipeline

    kept = tmp_path / "kept"
    shutil.copytree(small_site / "data", kept / "data")
    if spoiled == "list":
        (kept / "data" / "pinned.json").write_text("<html>", encoding="utf-8")
    else:
        (kept / "data" / "nights" / f"jawabdehi-night-{END}.zip").unlink()
    if when == "first":
        monkeypatch.setattr(pipeline, "load", mock.Mock(side_effect=AssertionError("the data were read")))
    else:
        monkeypatch.setattr(pipeline, "check_carried", lambda *args: None)
    with pytest.raises(ProblemError, match="--pinned-from: (not a pinned list|awaiting upload)"):
        build(small_site.parent / "data", tmp_path / "second", END + timedelta(days=1), pinned_from=kept)
    assert not (tmp_path / "second").exists()


# The values the takedown tests withdraw, planted in one build they share (`planted_site`): a
# link naming a citizen (no pattern catches a name in a link) and a name too short to search
# for, in one complaint row; a link with quotes, written otherwise in each file, in a report
# typed in by hand.
LEAKED_LINK = "https://example.org/complaint-of-ramesh-kumar-ward-12"
SHORT_NAME = "Ramesh"
QUOTED_LINK = "https://example.com/report?complainant=\"Ramesh_Kumar\"&by=O'Brien,<b>"


@pytest.fixture(scope="module")
def planted_site(tmp_path_factory) -> Path:
    """Three synthetic nights holding the planted values, built as of END as a first night: its
    night's ZIP is pinned with them. The data folder is beside the site; each test takes its
    own copy (`own_copy`), as its takedown rewrites both."""
    from generator import schema

    from .helpers import write_csv

    root = tmp_path_factory.mktemp("planted")
    data = synthetic(root, days=3)
    complaints = data / "complaints" / "synthetic.csv"
    header = complaints.read_text(encoding="utf-8").splitlines()[0]
    row = {"department_id": "up-police-hq", "channel": "x", "period_start": "2026-10-01",
           "period_end": "2026-10-31", "received": "200", "resolved": "150", "source": SHORT_NAME,
           "source_url": LEAKED_LINK}
    complaints.write_text(header + "\n" + ",".join(row.get(c, "") for c in header.split(",")) + "\n",
                          encoding="utf-8")
    write_csv(data / "manual" / "reports.csv", schema.SNAPSHOT, [
        {"department_id": "up-police-hq", "platform": "x", "date": "2026-10-01", "followers": 1000, "state": "ok",
         "source": "manual", "source_url": QUOTED_LINK}])
    build(data, root / "site", END, first_night=True)
    return root / "site"


def takedown(cell: Path, column: str, data: Path, site: Path, day: str):
    """The takedown command, run as an operator runs it."""
    from click.testing import CliRunner

    from generator.cli import main

    return CliRunner().invoke(main, ["--project", str(REPO), "takedown", f"{cell}:2:{column}",
                                     "--data", str(data), "--out", str(site), "--date", day])


def test_a_takedown_withdraws_the_pinned_files_that_hold_the_value_for_every_later_night(tmp_path, planted_site):
    """A pinned night's file is written once and never rebuilt: one made before a takedown
    still holds the value. The takedown withdraws it through the ledger committed with data/,
    so the site drops its copy tonight and every later build keeps it withdrawn."""
    data, site = own_copy(planted_site, tmp_path)
    complaints = data / "complaints" / "synthetic.csv"
    night = f"jawabdehi-night-{END}.zip"
    assert LEAKED_LINK in zipfile.ZipFile(site / "data" / "nights" / night).read("complaints.csv").decode()
    result = takedown(complaints, "source_url", data, site, "2026-12-03")
    assert result.exit_code == 0, result.output
    assert f"{night}: a pinned file that held the value, withdrawn" in result.output
    sha = listed(site)[night]["sha256"]
    assert f"pinned/{night} {sha}" in (data / paths.TAKEDOWN_LEDGER).read_text(encoding="utf-8").splitlines()
    assert listed(site)[night]["withdrawn"] is True and not (site / "data" / "nights" / night).exists()
    downloads = (site / "en" / "downloads" / "index.html").read_text(encoding="utf-8")
    assert f"<code>{night}</code> —" in downloads and "withdrawn: it held a citizen&#39;s personal data" in downloads
    # The next night, from the site online as the nightly job takes it over: still withdrawn.
    add_next_night(data, tmp_path, 3, END, ACCOUNTS)
    later = tmp_path / "later"
    build(data, later, END + timedelta(days=1), pinned_from=site)
    assert listed(later)[night]["withdrawn"] is True and not (later / "data" / "nights" / night).exists()
    assert listed(later)[f"jawabdehi-night-{END + timedelta(days=1)}.zip"]["onsite"]


def test_a_takedown_finds_a_value_in_every_form_the_site_writes_it_pinned_files_included(tmp_path, planted_site):
    """A value with quotes is written otherwise in each file: a " doubled in a CSV cell, &#34;
    in a page, \\" in JSON. The nights pinned while it was in data/ hold it in their CSVs, and
    are withdrawn, rather than the value reported gone and the files uploaded for good."""
    from generator.publish.takedown import still_served

    data, site = own_copy(planted_site, tmp_path)
    manual = data / "manual" / "reports.csv"
    add_next_night(data, tmp_path, 3, END, ACCOUNTS)
    build(data, site, END + timedelta(days=1))
    nights = [f"jawabdehi-night-{END + timedelta(days=n)}.zip" for n in (0, 1)]
    for night in nights:
        held = zipfile.ZipFile(site / "data" / "nights" / night).read("observations-manual.csv").decode()
        assert QUOTED_LINK not in held and QUOTED_LINK.replace('"', '""') in held
    found = [name for name, _ in still_served(site, QUOTED_LINK)]
    assert {f"{site}/data/nights/{night}!observations-manual.csv" for night in nights} <= set(found)
    assert any(name.endswith(".html") for name in found)
    page = next(Path(name) for name in found if name.endswith(".html"))
    assert QUOTED_LINK not in page.read_text(encoding="utf-8")  # a page holds it only as entities
    result = takedown(manual, "source_url", data, site, "2026-12-04")
    assert result.exit_code == 0, result.output
    ledger = (data / paths.TAKEDOWN_LEDGER).read_text(encoding="utf-8").splitlines()
    for night in nights:
        assert f"{night}: a pinned file that held the value, withdrawn" in result.output
        assert f"pinned/{night} {listed(site)[night]['sha256']}" in ledger
        assert listed(site)[night]["withdrawn"] is True and not (site / "data" / "nights" / night).exists()
    assert still_served(site, QUOTED_LINK) == []


def test_a_takedown_of_a_short_value_looks_for_it_as_a_whole_cell_of_its_column(tmp_path, planted_site):
    """A name shorter than a search can trust is looked for where it was published as a cell:
    the column it came from, in every CSV the site serves (the pinned nights' too)."""
    from generator.publish.takedown import HOLDS, still_served

    data, site = own_copy(planted_site, tmp_path)
    complaints = data / "complaints" / "synthetic.csv"
    night = f"jawabdehi-night-{END}.zip"
    assert (f"{site}/data/nights/{night}!complaints.csv", HOLDS) in still_served(site, SHORT_NAME, "source")
    assert still_served(site, SHORT_NAME[:-1], "source") == []  # a whole cell, not a part of one
    assert still_served(site, SHORT_NAME, "department_id") == []  # of its own column
    result = takedown(complaints, "source", data, site, "2026-12-03")
    assert result.exit_code == 0, result.output
    assert "the value is short: looked for as a whole cell of source" in result.output
    assert f"{night}: a pinned file that held the value, withdrawn" in result.output
    assert listed(site)[night]["withdrawn"] is True and not (site / "data" / "nights" / night).exists()
    assert still_served(site, SHORT_NAME, "source") == []


@pytest.mark.parametrize("field, value", [
    ("tag", "--repo=attacker/repo"), ("tag", "nights-2026-12-02 --clobber"), ("name", "../../.git/config"),
    ("name", "jawabdehi-night-2026-12-02.zip\n"), ("url", "javascript:alert(1)//releases/download/"),
    ("url", "https://example.org/x/y/releases/download/nights-2026-12-02/jawabdehi-night-2026-12-02.zip"),
    ("sha256", "0" * 63), ("onsite", "../../../etc/passwd"),
    ("tag", "nights-2026-12-03"),  # another night's release: that night's own file could never be published
    ("night", "2026-12-02 CORRECTION: see https://evil.example/"),  # becomes a release's title
    ("hand_entered", ["1234 5678 9012"]), ("hand_entered", "0" * 64),  # passed over by the audit as digests
    ("differs", "up-police-hq"), ("differs", ["--repo=attacker/repo"]), ("differs", 1),  # true, or department ids
    ("name", "jawabdehi-night-\u0662\u0660\u0662\u0666-12-02.zip"),  # digits, but not 0-9
    ("month", "2026-11"),  # a night's file would be cited for November's figures
    ("bytes", "<b>6192</b>"), ("bytes", None), ("bytes", -1), ("bytes", True),  # said in words on a page
    ("uploaded", "no"),  # taken as yes, its on-site copy would be dropped before any upload
    ("withdrawn", "yes"), ("replies_window", "yes"),  # taken as yes: its replies cited as held
    ("replies_sha256", "1234 5678 9012"),  # passed over by the audit as a digest
    ("note", "<script>x</script>"),  # a field no build writes, republished unread
    ("in_nights_from", "2026-12-03")])  # a month's file's alone: a night's ZIP holds the rows of its making
def test_a_pinned_list_entry_not_as_the_build_writes_it_is_refused(tmp_path, gh, small_site, field, value):
    """The pinned list comes back from the site online; its fields become file paths, links on
    pages, and gh arguments in the one job that may write to the repository."""
    from generator.publish.pinned import _previous

    first = tmp_path / "first"
    shutil.copytree(small_site / "data" / "nights", first / "data" / "nights")
    assert gh("--site", small_site, "--list").returncode == 0  # the build's own list passes
    pinned = json.loads((small_site / "data" / "pinned.json").read_text(encoding="utf-8"))
    pinned["files"][0][field] = value
    (first / "data" / "pinned.json").write_text(json.dumps(pinned), encoding="utf-8")
    for args in (("--list",), ("--repo", "jawabdehi/jawabdehi")):
        refused = gh("--site", first, *args)
        assert refused.returncode == 1 and "entry 1: its " in refused.stderr and "Traceback" not in refused.stderr
    assert gh.calls() == []
    # The next build, which takes the list over (--pinned-from), stops as for a list it cannot read.
    with pytest.raises(ProblemError) as stopped:
        _previous(first, [], first_night=False)
    assert "pinned.json:0: --pinned-from: entry 1: its " in str(stopped.value)


def test_a_pinned_list_entry_as_builds_wrote_it_then_and_now_is_taken(small_site):
    """What a build writes passes, as do the forms older builds wrote and a withdrawn file's."""
    from generator.publish.upload import malformed

    night, month = json.loads((small_site / "data" / "pinned.json").read_text(encoding="utf-8"))["files"]
    older = {k: v for k, v in night.items() if k != "hand_entered"}  # listed before files named their rows
    # Listed before a night's ZIP held its replies: not cited for them (downloads.holds_replies).
    unsaid = {k: v for k, v in night.items() if k not in ("replies_window", "replies_sha256")}
    assert night["replies_window"] is True and "replies_window" not in month
    assert len(night["replies_sha256"]) == 64 and "replies_sha256" not in month
    for entry in (night, month, older, unsaid, night | {"withdrawn": True, "uploaded": False, "onsite": None},
                  night | {"uploaded": True, "onsite": None, "bytes": 0}):
        assert malformed(entry) is None, entry
    assert "its night '2026-12-02'" in malformed(month | {"night": "2026-12-02"})
    # A month's file records the first night whose ZIP holds its rows: tonight's, made with it.
    assert month["in_nights_from"] == "2026-12-02" and "in_nights_from" not in night
    assert malformed({k: v for k, v in month.items() if k != "in_nights_from"}) is None  # listed before it was


def test_a_file_the_site_cites_in_another_repository_is_not_uploaded_here(gh, small_site):
    first = small_site
    refused = gh("--site", first, "--repo", "someone/mirror")
    assert refused.returncode == 1 and "not in someone/mirror; not uploaded" in refused.stderr
    assert gh.calls() == [] and gh.releases.all() == []
    assert "is not OWNER/REPO" in gh("--site", first, "--repo=a/b/c").stderr


def test_a_bad_upload_record_is_a_clear_error(tmp_path):
    from generator.problems import ProblemError
    from generator.publish.pinned import read_record

    record = tmp_path / "uploaded.json"
    record.write_text(json.dumps({"tag": "nights-2026-12", "name": "a.zip", "digest": HELD}) + "\n<html>\n")
    with pytest.raises(ProblemError) as error:
        read_record(record)
    assert f"{record}:2: --uploaded:" in str(error.value)


@pytest.mark.parametrize("shape", ["a link to a file", "a link in the folder named", "a pipe"])
def test_an_upload_record_is_read_through_no_link(tmp_path, shape):
    """The record decides which pinned files the site keeps a copy of: one that is a link (to
    a record written elsewhere, or any file of the machine) is refused, not followed, and a
    pipe is not waited on. A plain record is read."""
    from generator.problems import ProblemError
    from generator.publish.pinned import read_record

    line = json.dumps({"tag": "nights-2026-12", "name": "a.zip", "digest": HELD}) + "\n"
    (tmp_path / "elsewhere").mkdir()
    (tmp_path / "elsewhere" / "uploaded.json").write_text(line)
    assert read_record(tmp_path / "elsewhere" / "uploaded.json") == {("nights-2026-12", "a.zip"): HELD}
    record = tmp_path / "uploaded.json"
    if shape == "a link to a file":
        record.symlink_to(tmp_path / "elsewhere" / "uploaded.json")
    elif shape == "a link in the folder named":
        (tmp_path / "linked").symlink_to(tmp_path / "elsewhere", target_is_directory=True)
        record = tmp_path / "linked" / "uploaded.json"  # the folder named is followed, as the operator named it
        assert read_record(record) == {("nights-2026-12", "a.zip"): HELD}
        (tmp_path / "plain").mkdir()
        record = tmp_path / "plain" / "uploaded.json"
        record.symlink_to(tmp_path / "linked" / "uploaded.json")
    else:
        os.mkfifo(record)
    with pytest.raises(ProblemError) as error:
        read_record(record)
    assert f"{record}:0: --uploaded: " + ("not a plain file" if shape == "a pipe" else "a link") in str(error.value)


def test_a_mistyped_copy_of_the_pinned_files_stops_the_build(tmp_path):
    """A --pinned-from folder that is not there would build as if nothing awaited upload."""
    from click.testing import CliRunner

    from generator.cli import main

    result = CliRunner().invoke(main, ["--project", str(REPO), "build", "--out", str(tmp_path / "site"),
                                       "--pinned-from", str(tmp_path / "kpet")])
    assert result.exit_code == 1 and "--pinned-from: is not a folder" in result.output
    assert not (tmp_path / "site").exists()


def failed_night(data: Path, root: Path) -> date:
    """The night after END, as the collector writes a night whose every lookup failed: each
    row says error, with no figure, and its run record is kept. The as-of date stays END."""
    night = END + timedelta(days=1)
    add_next_night(data, root, 3, END, ACCOUNTS)
    path = data / paths.SNAPSHOTS / "x" / f"{night}.csv"
    header, *rows = path.read_text(encoding="utf-8").splitlines()
    names = header.split(",")
    blank = {names.index(c) for c in ("followers", "following", "posts", "last_post_at")}
    failed = [",".join("" if i in blank else "error" if names[i] == "state" else cell
                       for i, cell in enumerate(row.split(","))) for row in rows]
    path.write_text("\n".join([header, *failed]) + "\n", encoding="utf-8")
    return night


def test_a_name_the_site_publishes_a_zip_under_never_holds_other_bytes_after_a_night_of_failed_lookups(
        tmp_path, small_site):
    """Two builds of the same as-of date (a night whose lookups all failed adds its run record
    and its errors): a ZIP a journalist downloaded under a dated name is, under that name, the
    same bytes ever after. The everything-ZIP, remade every night, carries no date to cite it
    by, and the Downloads page cites the night's pinned ZIP beside it."""
    data, first = own_data(small_site, tmp_path), small_site
    night = failed_night(data, tmp_path)
    second = tmp_path / "second"
    build(data, second, night, pinned_from=first)
    pinned = f"jawabdehi-night-{night}.zip"
    with zipfile.ZipFile(second / "data" / "nights" / pinned) as bundle:
        assert json.loads(bundle.read("manifest.json"))["as_of"] == END.isoformat()  # the same as-of date
    dated = re.compile(r"jawabdehi-.*\d{4}-\d{2}.*\.zip")
    for site in (first, second):
        assert any(dated.fullmatch(p.name) for p in (site / "data").rglob("*.zip"))
    for path in (first / "data").rglob("*.zip"):
        again = second / path.relative_to(first)
        if dated.fullmatch(path.name) and again.exists():
            assert again.read_bytes() == path.read_bytes(), path.name
    entry, earlier = listed(second)[pinned], listed(second)[f"jawabdehi-night-{END}.zip"]
    downloads = (second / "en" / "downloads" / "index.html").read_text(encoding="utf-8")
    everything = downloads[downloads.index('id="zip"'):downloads.index('id="pinned"')]
    assert entry["url"] in everything and entry["sha256"] in everything
    # Until the upload, the release answers 404: the copy on the site is named beside it.
    assert entry["onsite"] and f'href="../../{entry["onsite"]}" download>on this site</a>' in everything
    # The complaints are tonight's, as of the same date: tonight's ZIP holds them, the last night's
    # may lack a row added since.
    cited = cite_of(second, "complaints")
    assert "data as of 2 Dec 2026" in cited and "the files of the night of 3 Dec 2026" in cited
    assert entry["url"] in cited and earlier["url"] not in cited and earlier["sha256"] not in cited

    # Tonight's copy lost and unlisted: no earlier night's ZIP is offered as tonight's.
    (second / entry["onsite"]).unlink()
    third = tmp_path / "third"
    build(data, third, night, pinned_from=second, drop_lost_pinned=True)
    assert pinned not in listed(third) and listed(third)[earlier["name"]]["sha256"] == earlier["sha256"]
    downloads = (third / "en" / "downloads" / "index.html").read_text(encoding="utf-8")
    everything = downloads[downloads.index('id="zip"'):downloads.index('id="pinned"')]
    assert "To cite, take this night's pinned ZIP" not in everything and earlier["url"] not in everything
    with zipfile.ZipFile(third / "data" / "jawabdehi-latest.zip") as bundle:
        cff = bundle.read("CITATION.cff").decode()
    assert f'url: "{earlier["url"]}"' not in cff and f'url: "{SITE_URL}"' in cff
    assert earlier["url"] in cff and f"night of {END}" in cff and "withdrawn" not in cff
    cited = cite_of(third, "complaints")
    assert earlier["url"] not in cited and f"{SITE_URL}data/complaints.csv, which is made anew" in cited


def test_a_figure_of_a_night_not_pinned_is_cited_by_its_pinned_month_before_the_archive(tmp_path):
    """A department last observed on a night whose own ZIP was never pinned (pinning began
    later) cites the month's pinned observations, with their SHA-256, not the archive the site
    drops after 400 days; a figure no pinned file holds still cites the archive."""
    data = synthetic(tmp_path)
    last_seen = {"up-police-hq": "2026-11-20", "br-police-hq": "2026-12-01"}  # not looked up after
    for night in (data / paths.SNAPSHOTS / "x").glob("*.csv"):
        lines = night.read_text(encoding="utf-8").splitlines(keepends=True)
        night.write_text("".join(line for line in lines if night.stem <= last_seen.get(line.split(",")[0], "9")),
                         encoding="utf-8")
    site = tmp_path / "site"
    build(data, site, END, first_night=True)
    pins = listed(site)
    month = pins["jawabdehi-observations-2026-11.zip"]
    assert not {f"jawabdehi-night-{day}.zip" for day in last_seen.values()} & set(pins)
    with zipfile.ZipFile(site / month["onsite"]) as bundle:  # it holds the figure cited
        assert "up-police-hq,x,2026-11-20," in bundle.read("departments/up-police-hq.csv").decode()

    def cite(lang: str, dept: str) -> str:
        page = (site / lang / "departments" / dept / "index.html").read_text(encoding="utf-8")
        return page[page.index("jd-cite"):].split("</p>")[0]

    for lang in ("en", ""):
        cited = cite(lang, "up-police-hq")
        assert month["url"] in cited and month["sha256"] in cited and f"{SITE_URL}{month['onsite']}" in cited
        assert "data/archive/" not in cited
    # December is not complete, so not pinned: the night's archived file is all there is.
    assert "jawabdehi-observations-2026-12.zip" not in pins
    cited = cite("en", "br-police-hq")
    assert f"{SITE_URL}data/archive/2026-12-01/" in cited and "releases/download" not in cited


def test_a_figure_entered_by_hand_after_its_file_was_pinned_is_not_cited_by_that_file(tmp_path):
    """A pinned file holds the rows that existed when it was made. A figure typed in later,
    dated in a pinned month or on a pinned night, or older than the day the page is as of
    (another account's figure of the same department), is not cited by a pinned file that does
    not hold it, nor by the night's archive (its nightly observations alone): the citation
    names the file that holds it tonight; one entered before the file was made is cited by it."""
    from generator import schema
    from generator.publish.pinned import digests

    from .helpers import snapshot, write_csv

    data = synthetic(tmp_path, accounts=TO_TRIPURA)
    # Each department is last looked up before the day of its hand-entered figure; the others
    # on a day after their Facebook account's, entered by hand, which the page shows beside it.
    last_seen = {"up-police-hq": "2026-11-19", "mp-police-hq": "2026-11-19",
                 "br-police-hq": "2026-12-01", "wb-police-hq": "2026-12-01",
                 "pb-police-hq": "2026-11-20", "rj-police-hq": "2026-11-20",
                 "tr-police-hq": str(END), "od-police-hq": str(END)}

    def last_looked_up() -> None:
        for night in (data / paths.SNAPSHOTS / "x").glob("*.csv"):
            lines = night.read_text(encoding="utf-8").splitlines(keepends=True)
            night.write_text("".join(line for line in lines if night.stem <= last_seen.get(line.split(",")[0], "9")),
                             encoding="utf-8")

    last_looked_up()
    with (data / paths.ACCOUNTS_CSV).open("a", encoding="utf-8") as registry:
        for dept in ("pb-police-hq", "rj-police-hq", "tr-police-hq", "od-police-hq"):
            registry.write(f"{dept},facebook,{dept.split('-')[0]}police,,yes,source:synthetic,\n")
    facebook = {dept: snapshot(dept, day, platform="facebook", followers=followers) for dept, day, followers in (
        ("pb-police-hq", "2026-11-12", 3141592), ("rj-police-hq", "2026-11-12", 2718281),
        ("tr-police-hq", "2026-11-25", 1414213), ("od-police-hq", "2026-11-25", 1732050))}
    before = [snapshot("up-police-hq", "2026-11-20", followers=71391),
              snapshot("br-police-hq", str(END), followers=6029), facebook["pb-police-hq"], facebook["tr-police-hq"]]
    write_csv(data / "manual" / "reports.csv", schema.SNAPSHOT, before)
    first = tmp_path / "first"
    build(data, first, END, first_night=True)
    later = [snapshot("mp-police-hq", "2026-11-20", followers=89001),
             snapshot("wb-police-hq", str(END), followers=6304), facebook["rj-police-hq"], facebook["od-police-hq"]]
    write_csv(data / "manual" / "reports.csv", schema.SNAPSHOT, before + later)
    # A night more: END's is pinned and is no longer tonight's, so it is not made again.
    add_next_night(data, tmp_path, 40, END, TO_TRIPURA)
    last_looked_up()
    site = tmp_path / "second"
    build(data, site, END + timedelta(days=1), pinned_from=first)
    pins = listed(site)
    month, night = pins["jawabdehi-observations-2026-11.zip"], pins[f"jawabdehi-night-{END}.zip"]
    # Each lists the hand-entered rows of its month or night it was made with; the audit takes
    # the digests for the program's.
    assert len(month["hand_entered"]) == 3 and len(night["hand_entered"]) == 1
    assert {*month["hand_entered"], *night["hand_entered"]} <= digests(site)
    with zipfile.ZipFile(site / month["onsite"]) as bundle:  # the pinned file as first made
        assert "2026-11-20" in bundle.read("departments/up-police-hq.csv").decode()
        assert "2026-11-20" not in bundle.read("departments/mp-police-hq.csv").decode()
        assert "3141592" in bundle.read("departments/pb-police-hq.csv").decode()
        assert "2718281" not in bundle.read("departments/rj-police-hq.csv").decode()
    with zipfile.ZipFile(site / night["onsite"]) as bundle:
        held = bundle.read("observations-manual.csv").decode()
        assert "6029" in held and "6304" not in held and "1414213" in held and "1732050" not in held
        shown = bundle.read("handles.csv").decode()  # each account's newest figure, as that night showed it
        assert "1414213" in shown and "1732050" not in shown

    def cite(dept: str) -> str:
        page = (site / "en" / "departments" / dept / "index.html").read_text(encoding="utf-8")
        return page[page.index("jd-cite"):].split("</p>")[0]

    for dept, pinned in (("up-police-hq", month), ("pb-police-hq", month), ("br-police-hq", night),
                         ("tr-police-hq", night)):
        assert pinned["url"] in cite(dept) and pinned["sha256"] in cite(dept), dept
    for dept, day in (("mp-police-hq", "20 Nov 2026"), ("wb-police-hq", "2 Dec 2026"), ("rj-police-hq", "20 Nov 2026"),
                      ("od-police-hq", "2 Dec 2026")):
        cited = cite(dept)
        assert f"data as of {day}" in cited and "data/archive/" not in cited and "releases/download" not in cited, dept
        assert "data/nights/" not in cited and f"{SITE_URL}data/jawabdehi-latest.zip" in cited, dept


def test_a_day_known_by_a_reply_time_or_a_registry_absence_cites_no_file_that_lacks_it(tmp_path):
    """A month's pinned file holds observations alone, and a reply time or a registry's dated 'no
    account' finding is entered when its report comes, after the files of its day may have been
    made: a scorecard whose newest figure is one of them cites neither a pinned file nor the
    night's archived observations for it. One whose newest figure is an observation still cites
    its month's pinned file."""
    import csv

    from generator import schema

    from .helpers import write_csv

    data = synthetic(tmp_path, accounts=TO_TRIPURA)
    last_seen = {"up-police-hq": "2026-11-19", "mp-police-hq": "2026-11-20", "rj-police-hq": "2026-11-20",
                 "pb-police-hq": "2026-11-20"}
    for night in (data / paths.SNAPSHOTS / "x").glob("*.csv"):
        lines = night.read_text(encoding="utf-8").splitlines(keepends=True)
        night.write_text("".join(line for line in lines if night.stem <= last_seen.get(line.split(",")[0], "9")),
                         encoding="utf-8")
    with (data / paths.COMPLAINTS / "synthetic.csv").open("a", encoding="utf-8") as complaints:
        complaints.write("up-police-hq,x,2026-11-01,2026-11-25,100,90,5,5,,45,,,manual,source:synthetic,\n")
        # A complaint figure newer than the department's newest observation, with no reply time.
        complaints.write("rj-police-hq,x,2026-11-01,2026-11-22,100,90,5,5,,,,,manual,source:synthetic,\n")
    registry = {r["department_id"]: r for r in csv.DictReader((data / paths.ACCOUNTS_CSV).open(encoding="utf-8"))}

    def replies(dept: str, day: str, mentions: int) -> None:
        write_csv(data / paths.REPLIES / "x" / f"{day}.csv", schema.REPLIES, [
            {"department_id": dept, "platform": "x", "date": day, "account_id": registry[dept]["account_id"],
             "mentions": mentions, "answered": 3, "answered_within_hour": 1, "median_reply_minutes": 30,
             "posts_read": 20}])

    # A reply time measured before the department's newest observation.
    replies("mp-police-hq", "2026-11-15", 10)
    # Replies counted, too few for a reply time, and replies counted the night before tonight's,
    # beside days before the 30 its scorecard counts (not in the night's ZIP) and within them.
    replies("pb-police-hq", "2026-11-16", 3)
    replies("tr-police-hq", "2026-12-01", 10)
    replies("tr-police-hq", "2026-11-01", 7)
    replies("tr-police-hq", "2026-11-02", 4)
    write_csv(data / paths.ABSENCES_CSV, schema.ABSENCES, [
        {"department_id": "hr-police-hq", "platform": "x", "checked_on": "2026-11-24",
         "source_url": "source:synthetic", "note": "No handle made public"}])
    site = tmp_path / "site"
    build(data, site, END, first_night=True)
    month, night = listed(site)["jawabdehi-observations-2026-11.zip"], listed(site)[f"jawabdehi-night-{END}.zip"]
    with (site / "data" / "handles.csv").open(encoding="utf-8-sig") as handles:
        rows = {(r["department_id"], r["platform"]): r for r in csv.DictReader(handles)}
    # Each scorecard is as of its report's day, in the month the pinned file holds.
    assert rows["up-police-hq", "x"]["reply_on"] == "2026-11-25" and rows["up-police-hq", "x"]["observed_on"] < \
        "2026-11-25"
    assert rows["hr-police-hq", "x"]["absent_on"] == "2026-11-24"  # it has no account

    def cite(url: str) -> str:
        page = (site / "en" / url / "index.html").read_text(encoding="utf-8")
        return page[page.index("jd-cite"):].split("</p>")[0]

    def cites_none(cited: str) -> bool:
        return "releases/download" not in cited and "data/nights/" not in cited and "data/archive/" not in cited

    assert rows["mp-police-hq", "x"]["reply_on"] == "2026-11-15" and rows["mp-police-hq", "x"]["observed_on"] == \
        "2026-11-20"

    def cites_partly(cited: str, holder: str) -> bool:
        """Names the file holding every figure, and the month's file for the observations alone."""
        return f"{SITE_URL}data/{holder}, which is made anew every night: keep a copy; of these, the " \
            f"observations are also in that month's observations, at their permanent address: {month['url']}, " \
            f"SHA-256 {month['sha256']}" in html.unescape(cited)

    cited = cite("departments/hr-police-hq")
    assert "data as of 24 Nov" in cited and cites_none(cited), cited
    # A page showing a figure no dated file holds for certain (a reply time, a complaint figure)
    # beside observations names the file holding them all, and what the month's file holds.
    for dept, day in (("up-police-hq", "25"), ("mp-police-hq", "20"), ("rj-police-hq", "22"), ("pb-police-hq", "20")):
        cited = cite(f"departments/{dept}")
        assert f"data as of {day} Nov" in cited and cites_partly(cited, "jawabdehi-latest.zip"), cited
    # Tonight's pinned ZIP holds the reply counts tonight's scorecards show, beside tonight's
    # observations: a page showing them cites it for every figure, as one showing none does.
    for dept in ("tr-police-hq", "od-police-hq"):
        cited = html.unescape(cite(f"departments/{dept}"))
        assert "data as of 2 Dec" in cited and night["url"] in cited and "made anew" not in cited, cited
    assert "Replies to citizens" in (site / "en" / "departments" / "tr-police-hq" / "index.html").read_text(
        encoding="utf-8")
    # Each department's 30 days counted, up to its newest day measured (worked out here from
    # replies.csv), no other row: 1 Nov is one day too early for Tripura's of 1 Dec.
    with (site / "data" / "replies.csv").open(encoding="utf-8-sig") as every:
        all_rows = list(csv.DictReader(every))
    newest = {}
    for r in all_rows:
        newest[r["department_id"]] = max(newest.get(r["department_id"], ""), r["date"])
    counted = [r for r in all_rows
               if date.fromisoformat(r["date"]) > date.fromisoformat(newest[r["department_id"]]) - timedelta(days=30)]
    with zipfile.ZipFile(site / night["onsite"]) as bundle:
        held = list(csv.DictReader(io.StringIO(bundle.read("replies-window.csv").decode("utf-8-sig"))))
    key = ("department_id", "platform", "date")
    assert sorted(held, key=lambda r: [r[k] for k in key]) == sorted(counted, key=lambda r: [r[k] for k in key])
    tripura = {r["date"] for r in held if r["department_id"] == "tr-police-hq"}
    assert {"2026-11-02", "2026-12-01"} <= tripura and "2026-11-01" not in tripura
    assert any(r["department_id"] == "tr-police-hq" and r["date"] == "2026-11-01" for r in all_rows)
    # A state's list is as of its newest figure, a registry's finding too (Haryana's one row).
    cited = cite("accounts/in-hr")
    assert "data as of 24 Nov" in cited and "no figure observed yet" not in cited and cites_none(cited), cited
    # The lists that show them name the file that holds them tonight, and the month's file for
    # their observations; one showing a finding dated by tonight's night cites tonight's ZIP,
    # which holds every figure as the site shows it.
    cited = cite("accounts/no-account")
    assert "data as of 2 Dec" in cited and night["url"] in cited and "made anew" not in cited, cited
    for state, day in (("up", "25"), ("mp", "20")):
        cited = cite(f"accounts/in-{state}")
        assert f"data as of {day} Nov" in cited and cites_partly(cited, f"states/in-{state}.csv"), cited


def test_a_night_made_again_with_other_figures_is_not_cited_by_its_pinned_file(tmp_path, small_site):
    """A complaint row typed in after the night's ZIP was pinned, dated before that night, and
    another department's replies measured since: the night is built again and its pinned file
    keeps its first bytes, which lack them. The pages whose figures changed (those departments'
    scorecards, the complaints page) cite neither the
    pinned file nor the night's archive, which holds no complaint figure: they name the file that
    holds them tonight; the others still cite it. Neither the Downloads page nor CITATION.cff
    presents it as tonight's files. Where the pinned bytes are not at hand to compare (uploaded),
    no page cites it."""
    from generator import schema

    from .helpers import write_csv

    data, first = own_data(small_site, tmp_path), small_site
    night = f"jawabdehi-night-{END}.zip"
    pinned = listed(first)[night]
    dept = "up-police-hq"

    def cite(site: Path, url: str) -> str:
        page = (site / "en" / url / "index.html").read_text(encoding="utf-8")
        return page[page.index("jd-cite"):].split("</p>")[0]

    def cites_pin(site: Path, url: str) -> bool:
        cited = cite(site, url)
        return pinned["url"] in cited or pinned["sha256"] in cited or "data/nights/" in cited

    scorecards = [f"departments/{d.name}" for d in (first / "en" / "departments").iterdir() if d.is_dir()]
    assert cites_pin(first, f"departments/{dept}") and cites_pin(first, "complaints")
    complaints_file = data / paths.COMPLAINTS / "synthetic.csv"
    with complaints_file.open("a", encoding="utf-8") as complaints:
        complaints.write(f"{dept},x,2026-10-01,2026-10-31,1000,900,50,50,,30,,,manual,source:synthetic,\n")
    # Replies of another department measured after the ZIP was made (a re-run of the night).
    replier = "mp-police-hq"
    account = next(line.split(",")[3] for line in (data / paths.ACCOUNTS_CSV).read_text().splitlines()
                   if line.startswith(f"{replier},x,"))  # department_id,platform,handle,account_id,...
    write_csv(data / paths.REPLIES / "x" / "2026-12-01.csv", schema.REPLIES, [
        {"department_id": replier, "platform": "x", "date": "2026-12-01", "account_id": account, "mentions": 40,
         "answered": 30, "answered_within_hour": 20, "median_reply_minutes": 25, "posts_read": 60}])
    assert cites_pin(first, f"departments/{replier}")
    second = tmp_path / "second"
    build(data, second, END, pinned_from=first)
    entry = listed(second)[night]
    assert entry["sha256"] == pinned["sha256"] and {dept, replier} <= set(entry["differs"])
    with zipfile.ZipFile(second / entry["onsite"]) as bundle:  # the pinned file lacks the rows
        assert "2026-10-31" not in bundle.read("complaints.csv").decode()
        assert replier not in bundle.read("replies-window.csv").decode()
    assert "Replies to citizens" in (second / "en" / "departments" / replier / "index.html").read_text(
        encoding="utf-8")
    for url, holder in ((f"departments/{dept}", "jawabdehi-latest.zip"), ("complaints", "complaints.csv"),
                        (f"departments/{replier}", "jawabdehi-latest.zip")):
        assert not cites_pin(second, url), url
        assert "data/archive/" not in cite(second, url) and f"{SITE_URL}data/{holder}" in cite(second, url), url
    # Tonight's files are not the pinned ones: said so, and the dataset is cited by a file that stands.
    downloads = (second / "en" / "downloads" / "index.html").read_text(encoding="utf-8")
    zip_note = downloads[downloads.index('id="zip"'):downloads.index('id="pinned"')]
    assert "To cite, take this night's pinned ZIP" not in zip_note and "made again" in zip_note
    assert "Figures as of 2 Dec 2026" in zip_note
    pinned_list = downloads[downloads.index('id="pinned"'):downloads.index('id="archive"')]
    assert "this file holds it as first made" in pinned_list.split(night)[2].split("</li>")[0]
    with zipfile.ZipFile(second / "data" / "jawabdehi-latest.zip") as bundle:
        cff = bundle.read("CITATION.cff").decode()
    month = listed(second)["jawabdehi-observations-2026-11.zip"]
    assert pinned["url"] not in cff and pinned["sha256"] not in cff and f'url: "{SITE_URL}"' in cff
    assert month["url"] in cff and month["sha256"] in cff and "made again" in cff
    unchanged = [url for url in scorecards if cites_pin(first, url) and url.split("/")[1] not in entry["differs"]]
    assert unchanged and all(cites_pin(second, url) for url in unchanged)

    # Uploaded: the site keeps no copy of the pinned bytes to compare tonight's with. Built over
    # the last site, whose scorecards of unchanged rows are kept only where their citation is.
    record = tmp_path / "uploaded.jsonl"
    record.write_text(json.dumps({"tag": entry["tag"], "name": night, "digest": f"sha256:{entry['sha256']}"}) + "\n")
    (second / entry["onsite"]).unlink()
    build(data, second, END, uploaded=record)
    assert listed(second)[night]["differs"] is True
    assert not any(cites_pin(second, url) for url in [*scorecards, "complaints"])
    # The rows taken out again: the night's bytes are the pinned ones, cited by every page again.
    rows = complaints_file.read_text(encoding="utf-8").splitlines(keepends=True)
    complaints_file.write_text("".join(rows[:-1]), encoding="utf-8")
    (data / paths.REPLIES / "x" / "2026-12-01.csv").unlink()
    build(data, second, END, uploaded=record, allow_drop=True)  # the file's one row
    assert "differs" not in listed(second)[night]
    assert all(cites_pin(second, url) for url in [f"departments/{dept}", f"departments/{replier}", "complaints",
                                                  *unchanged])


def test_the_citation_of_a_night_whose_pinned_file_was_withdrawn_names_the_newest_file_still_pinned(
        tmp_path, next_site):
    """A journalist citing the dataset cites the site's figures as of their date, and wants a
    file at a permanent address to check them against: when the night's pinned file was
    withdrawn, CITATION.cff names the newest pinned file that stands, as what it is (an earlier
    night's ZIP, else a month's observations), never the withdrawn one."""
    from generator.store.archive import record_pinned_withdrawal

    data, site = own_data(next_site, tmp_path), next_site

    def citation(withdraw: str) -> tuple[str, dict]:
        nonlocal site
        record_pinned_withdrawal(data, withdraw, listed(site)[withdraw]["sha256"])
        again = tmp_path / f"{site.name}-again"
        build(data, again, END + timedelta(days=1), pinned_from=site)
        site = again
        with zipfile.ZipFile(site / "data" / "jawabdehi-latest.zip") as bundle:
            return bundle.read("CITATION.cff").decode(), listed(site)

    tonight, earlier = (f"jawabdehi-night-{END + timedelta(days=n)}.zip" for n in (1, 0))
    cff, pins = citation(tonight)
    assert f"date-released: {END + timedelta(days=1)}" in cff and f'url: "{SITE_URL}"' in cff
    assert pins[earlier]["url"] in cff and pins[earlier]["sha256"] in cff and f"night of {END}" in cff
    assert pins[tonight]["url"] not in cff and pins[tonight]["sha256"] not in cff
    cff, pins = citation(earlier)  # every night withdrawn: the month's observations stand
    month = pins["jawabdehi-observations-2026-11.zip"]
    assert month["url"] in cff and month["sha256"] in cff and "observations of 2026-11" in cff
    assert not {pins[tonight]["sha256"], pins[earlier]["sha256"]} & set(re.findall(r"[0-9a-f]{64}", cff))


def test_a_pinned_file_made_again_names_a_few_changed_departments_and_cites_none_past_the_limit(monkeypatch):
    """The changed departments are kept in the pinned list for good: a rebuilt night whose
    ranks all moved is marked as differing for every page, not with thousands of ids."""
    from generator.publish import pinned

    few = [f"d{n}" for n in range(pinned.DIFFERS_LISTED)]
    monkeypatch.setattr(pinned.nights, "departments_changed", lambda kept, tonight: list(changed))
    changed = few
    assert pinned._differs(b"kept", b"tonight") == few
    changed = [*few, "one-more"]
    assert pinned._differs(b"kept", b"tonight") is True
    assert pinned._differs(None, b"tonight") is True  # nothing here to compare: every page


@pytest.mark.parametrize("linked", ["the copy", "the folder of copies", "the data folder", "the list",
                                    "nothing (the folder named is a link)"])
def test_a_link_in_the_previous_site_is_never_followed_out_of_it(tmp_path, small_site, linked):
    """The previous site is a copy others wrote (fetched from the site online, or restored from
    a cache): a link in it could lead to any file of the build machine (a secret,
    /etc/passwd), which the build would read, hash and publish as a file awaiting upload.
    Nothing is read through one: a copy reached through a link is not found (the night stops,
    saying why), a list that is a link is not read. The folder named itself may be a link."""
    data, first = own_data(small_site, tmp_path), small_site
    night = f"jawabdehi-night-{END}.zip"
    add_next_night(data, tmp_path, 3, END, ACCOUNTS)
    kept, outside = tmp_path / "kept", tmp_path / "outside"
    shutil.copytree(first / "data", kept / "data")
    shutil.copytree(first / "data", outside / "data")  # the very bytes the list names, elsewhere
    given = kept
    if linked.startswith("nothing"):
        given = tmp_path / "named"
        given.symlink_to(kept, target_is_directory=True)
    else:
        link = kept / {"the copy": f"data/nights/{night}", "the folder of copies": "data/nights",
                       "the data folder": "data", "the list": "data/pinned.json"}[linked]
        shutil.rmtree(link) if link.is_dir() else link.unlink()
        link.symlink_to(outside / link.relative_to(kept))
    second = tmp_path / "second"
    if given != kept:
        build(data, second, END + timedelta(days=1), pinned_from=given)
        assert listed(second)[night]["onsite"] and (second / "data" / "nights" / night).is_file()
        return
    with pytest.raises(ProblemError) as stopped:
        build(data, second, END + timedelta(days=1), pinned_from=given)
    assert "links are never followed" in str(stopped.value) and not second.exists()
    if linked in ("the copy", "the folder of copies"):
        assert f"data/nights/{night}:0: --pinned-from: awaiting upload, but no on-site copy" in str(stopped.value)
        build(data, second, END + timedelta(days=1), pinned_from=given, drop_lost_pinned=True)
        assert night not in listed(second) and not (second / "data" / "nights" / night).exists()
    else:
        assert "pinned.json:0: --pinned-from: not a pinned list: a link" in str(stopped.value)


def test_an_on_site_copy_that_is_a_link_or_not_a_plain_file_is_not_uploaded_and_the_rest_are(tmp_path, gh,
                                                                                            forty_nights_site):
    """The upload job reads each on-site copy and hands its bytes to gh, in the one job that may
    write: a copy that is a link (to the listed bytes, even) is never followed, and a pipe is
    never waited on. Each is refused, saying why, and the others are still uploaded."""
    _, first = own_copy(forty_nights_site, tmp_path)
    pending = sorted((e for e in listed(first).values() if e.get("onsite")), key=lambda e: e["name"])
    assert len(pending) >= 3
    linked, piped, *rest = pending
    outside = tmp_path / "outside"
    outside.mkdir()
    shutil.move(first / linked["onsite"], outside / linked["name"])  # the very bytes listed, elsewhere
    (first / linked["onsite"]).symlink_to(outside / linked["name"])
    (first / piped["onsite"]).unlink()
    os.mkfifo(first / piped["onsite"])
    result = gh("--site", first, "--repo", "jawabdehi/jawabdehi")
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert f"{linked['onsite']}: the on-site copy cannot be read (a link, or leads through one: links are never " \
           "followed); not uploaded" in result.stderr
    assert f"{piped['onsite']}: the on-site copy cannot be read (not a plain file" in result.stderr
    assert all(gh.releases.published(e["tag"]) is None for e in (linked, piped))
    for entry in rest:
        assert hashlib.sha256(gh.releases.published(entry["tag"])[entry["name"]]).hexdigest() == entry["sha256"]
    # The folder of the copies a link: nothing is read through it, nothing more is sent.
    nights = first / "data" / "nights"
    shutil.move(nights, outside / "nights")
    nights.symlink_to(outside / "nights", target_is_directory=True)
    sent = len(gh.releases.all())
    again = gh("--site", first, "--repo", "jawabdehi/jawabdehi")
    assert again.returncode == 1 and again.stderr.count("links are never followed") == len(pending)
    assert len(gh.releases.all()) == sent


@pytest.mark.parametrize("made", ["a link", "a pipe"])
def test_a_pinned_list_that_is_a_link_or_a_pipe_is_not_read_by_the_upload_job(tmp_path, gh, small_site, made):
    """The list the upload job reads names what the one job that may write sends: one that is
    a link (to the very list, elsewhere) is not read through it, and a pipe is not waited on."""
    first = tmp_path / "first"
    shutil.copytree(small_site / "data", first / "data")
    listing = first / "data" / "pinned.json"
    shutil.move(listing, tmp_path / "pinned.json")
    listing.symlink_to(tmp_path / "pinned.json") if made == "a link" else os.mkfifo(listing)
    for args in (("--list",), ("--repo", "jawabdehi/jawabdehi"),
                 ("--record", tmp_path / "record.jsonl", "--repo", "jawabdehi/jawabdehi")):
        refused = gh("--site", first, *args)
        assert refused.returncode == 1 and "Traceback" not in refused.stderr
        assert "pinned.json: no pinned list (" + ("a link" if made == "a link" else "not a plain file") \
               in refused.stderr
    assert gh.calls() == []


def test_a_night_s_zip_holds_its_tables_and_reply_window_as_the_site_publishes_them(tmp_path, small_site):
    """The night's tables and the replies its scorecards count are the everything-files' own
    bytes, each row formatted once for both: the same rows as formatted on their own."""
    import csv

    from generator import schema
    from generator.compute.model import build_model
    from generator.compute.replies import counted
    from generator.config import load_config
    from generator.render import nights
    from generator.render.downloads import BOM, top_level_files
    from generator.store.load import load_dataset

    from .helpers import write_csv

    data = Path(shutil.copytree(small_site.parent / "data", tmp_path / "data"))
    registry = list(csv.DictReader((data / paths.ACCOUNTS_CSV).open(encoding="utf-8")))[:3]
    for n, day in enumerate(("2026-10-20", "2026-11-10", "2026-11-30", "2026-12-01")):  # the first out of the 30
        write_csv(data / paths.REPLIES / "x" / f"{day}.csv", schema.REPLIES, [
            {"department_id": r["department_id"], "platform": "x", "date": day, "account_id": r["account_id"],
             "mentions": 10 + n, "answered": 3, "answered_within_hour": 1, "median_reply_minutes": 30.25 + n,
             "posts_read": 20} for r in registry])
    model = build_model(load_dataset(data), load_config(data), END)
    top_level_files(model)  # as the build makes them, before the night's ZIP
    with zipfile.ZipFile(io.BytesIO(nights.night_file(model).data)) as bundle:
        members = {name: bundle.read(name) for name in bundle.namelist()}
    window = counted(model.replies).sort_values(list(schema.REPLIES.key))
    assert len(window) == 9 and len(model.replies) == 12
    assert members[nights.REPLIES_MEMBER] == (BOM + schema.REPLIES.to_csv(window, published=True)).encode("utf-8")
    published = {path: text for path, _, _, text in top_level_files(model)}
    for path in nights.NIGHT_TABLES:
        assert members[path] == (BOM + published[path]).encode("utf-8"), path


def test_a_scorecard_as_of_an_earlier_night_cites_its_zip_for_the_replies_it_holds(tmp_path, small_site):
    """A department measured on the 30th and observed last on the 2nd, a night whose ZIP was
    made after its replies were written (a day's replies come the night after it): the next
    night its scorecard named the file made anew every night for its replies, where the 2nd's
    pinned ZIP holds them (replies-window.csv). Replies of the 2nd itself come on the 3rd, after
    that ZIP: a department measured on the 2nd still names the file holding them tonight."""
    import csv

    from generator import schema

    from .helpers import write_csv

    data = Path(shutil.copytree(small_site.parent / "data", tmp_path / "data"))
    registry = {r["department_id"]: r for r in csv.DictReader((data / paths.ACCOUNTS_CSV).open(encoding="utf-8"))
                if r["platform"] == "x" and r["account_id"]}
    early, late = sorted(registry)[:2]
    for dept, day in ((early, "2026-11-30"), (late, END.isoformat())):
        write_csv(data / paths.REPLIES / "x" / f"{day}.csv", schema.REPLIES, [
            {"department_id": dept, "platform": "x", "date": day, "account_id": registry[dept]["account_id"],
             "mentions": 40, "answered": 30, "answered_within_hour": 20, "median_reply_minutes": 25,
             "posts_read": 60}])
    first = tmp_path / "first"
    build(data, first, END, first_night=True)
    add_next_night(data, tmp_path, 3, END, ACCOUNTS)
    tonight = END + timedelta(days=1)
    night = data / paths.SNAPSHOTS / "x" / f"{tonight}.csv"  # neither is looked up tonight
    night.write_text("".join(line for line in night.read_text(encoding="utf-8").splitlines(keepends=True)
                             if line.split(",")[0] not in (early, late)), encoding="utf-8")
    second = tmp_path / "second"
    build(data, second, tonight, pinned_from=first)
    pinned = listed(second)[f"jawabdehi-night-{END}.zip"]
    with zipfile.ZipFile(second / pinned["onsite"]) as bundle:
        assert early in bundle.read("replies-window.csv").decode()
    # A rank shown is tonight's, which that night's ZIP does not hold: such a page names the file
    # made anew for it whatever its replies (test_cited_pins).
    handles = list(csv.DictReader((second / "data" / "handles.csv").open(encoding="utf-8-sig")))
    ranked = {r["department_id"] for r in handles if r["rank_in_state"] or r["rank_in_category"]}
    for dept, partly in ((early, False), (late, True)):
        page = (second / "en" / "departments" / dept / "index.html").read_text(encoding="utf-8")
        cited = html.unescape(page[page.index("jd-cite"):].split("</p>")[0])
        assert "Replies to citizens" in page and "data as of 2 Dec" in cited and pinned["sha256"] in cited, dept
        assert ("made anew" in cited) is (partly or dept in ranked), (dept, cited)
    # Cited for them as the replies it was made with, which the next build finds unchanged: the
    # digest it records is the program's, which the audit passes over (test_cited_pins).
    from generator.publish.pinned import digests

    assert pinned["replies_sha256"] in digests(second) and pinned["replies_sha256"] != pinned["sha256"]
