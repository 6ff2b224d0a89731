"""Every night pinned at a permanent address: the night's ZIP and each month's observations
are listed with their release address and SHA-256, cited from the pages, kept on the site
until the upload is confirmed, and uploaded once by the repository's upload script, here
driven through a stand-in `gh` that keeps its releases in a folder."""

import hashlib
import json
import os
import re
import shutil
import subprocess
import sys
import zipfile
from datetime import date, timedelta
from pathlib import Path

import pytest

from generator import paths
from generator.problems import ProblemError
from generator.synth import synthesize

from .helpers import REPO, add_next_night, build

END = date(2026, 12, 2)
REPOSITORY = "https://github.com/jawabdehi/jawabdehi"
SITE_URL = "https://jawabdehi.github.io/jawabdehi/"
RELEASE_LINK = re.compile(r"https://github\.com/[\w.-]+/[\w.-]+/releases/download/[^\s\"'<>)&;,]+")
ONSITE_LINK = re.compile(re.escape(SITE_URL) + r"data/nights/[^\s\"'<>)&;,]+")

# The stand-in: releases are folders under $FAKE_RELEASES, one file per asset, a draft marked
# by a file `.draft` in it. It answers the few commands the script uses as gh does, and logs
# every call; with FAKE_IMMUTABLE set, a published release takes no change, as GitHub's
# immutable releases.
FAKE_GH = r'''#!PYTHON
import hashlib, json, os, shutil, sys
from pathlib import Path
args = sys.argv[1:]
root = Path(os.environ["FAKE_RELEASES"])
with open(root.parent / "gh.log", "a") as log:
    log.write(json.dumps(args) + "\n")
def release(tag):
    return root / tag
def draft(tag):
    return (release(tag) / ".draft").exists()
def fail(message, code=1):
    sys.exit(print(message, file=sys.stderr) or code)
def locked(tag):
    if os.environ.get("FAKE_IMMUTABLE") and not draft(tag):
        fail("HTTP 422: Cannot upload assets to an immutable release")
def assets(folder):
    digest = lambda p: None if os.environ.get("FAKE_NO_DIGEST") else \
        "sha256:" + hashlib.sha256(p.read_bytes()).hexdigest()
    # A file beside an asset named <asset>.starter marks it as an upload cut off half way.
    return [{"name": p.name, "size": p.stat().st_size, "digest": digest(p),
             "state": "starter" if p.with_name(p.name + ".starter").exists() else "uploaded"}
            for p in sorted(folder.iterdir()) if p.suffix != ".starter" and not p.name.startswith(".")]
if args[:2] == ["release", "view"]:
    if not release(args[2]).is_dir():
        fail("release not found")
    print(json.dumps({"assets": assets(release(args[2])), "isDraft": draft(args[2])}))
elif args[:2] == ["release", "create"]:
    if release(args[2]).exists():
        fail("HTTP 422: Validation Failed: tag_name already exists")
    release(args[2]).mkdir(parents=True)
    if "--draft" in args:
        (release(args[2]) / ".draft").touch()
elif args[:2] == ["release", "edit"]:
    if "--draft=false" in args:
        (release(args[2]) / ".draft").unlink(missing_ok=True)
elif args[:2] == ["release", "delete"]:
    locked(args[2])
    shutil.rmtree(release(args[2]))
elif args[:2] == ["release", "delete-asset"]:
    locked(args[2])
    (release(args[2]) / args[3]).unlink()
    (release(args[2]) / (args[3] + ".starter")).unlink(missing_ok=True)
elif args[:2] == ["release", "upload"]:
    if os.environ.get("FAKE_FAIL_UPLOAD"):
        fail("HTTP 502: Bad Gateway")
    if "--clobber" in args:
        fail("the stand-in refuses --clobber", 2)
    locked(args[2])
    source = Path(args[3])
    target = release(args[2]) / source.name
    if target.exists():
        fail("asset under the same name already exists")
    shutil.copy(source, target)
elif args[:2] == ["release", "download"]:
    name = args[args.index("--pattern") + 1]
    shutil.copy(release(args[2]) / name, Path(args[args.index("--dir") + 1]) / name)
elif args[0] == "api":
    found = [{"tag_name": f.name, "draft": draft(f.name), "assets": assets(f)} for f in sorted(root.iterdir())]
    # --paginate prints each page's array after the one before
    print("".join(json.dumps(found[at:at + 2]) for at in range(0, len(found), 2)) or "[]")
else:
    fail(f"unknown command {args}", 2)
'''


@pytest.fixture
def gh(tmp_path):
    """Runs the upload script with the stand-in `gh` first on PATH; returns the log of calls."""
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    fake = bin_dir / "gh"
    fake.write_text(FAKE_GH.replace("PYTHON", sys.executable))
    fake.chmod(0o755)
    releases = tmp_path / "gh" / "releases"
    releases.mkdir(parents=True)

    def run(*args, **env):
        result = subprocess.run([sys.executable, "-m", "generator.publish.upload", *map(str, args)],
                                capture_output=True, text=True, timeout=120, cwd=REPO,
                                env={**os.environ, "PATH": f"{bin_dir}:{os.environ['PATH']}",
                                     "FAKE_RELEASES": str(releases), "PYTHONPATH": str(REPO), **env})
        return result

    def calls():
        log = tmp_path / "gh" / "gh.log"
        return [json.loads(line) for line in log.read_text().splitlines()] if log.exists() else []

    run.calls = calls
    run.releases = releases
    return run


def synthetic(root: Path, days: int = 40) -> Path:
    data = root / "data"
    synthesize(data, accounts=30, days=days, seed=7, end=END)
    config = data / paths.CONFIG_TOML
    config.write_text(re.sub(r'repository_url = ".*"', f'repository_url = "{REPOSITORY}"', config.read_text()))
    return data



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


def test_a_night_is_pinned_cited_kept_until_confirmed_and_uploaded_once(tmp_path, gh):
    data = synthetic(tmp_path)
    first = tmp_path / "first"
    build(data, first, END)
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
    with zipfile.ZipFile(first / "data" / f"jawabdehi-{END}.zip") as everything:
        assert {info.date_time[:3] for info in everything.infolist()} == {(END.year, END.month, END.day)}
    # The pages, CITATION.cff and the Downloads page name the address and the SHA-256, and
    # the on-site copy while the upload is not confirmed.
    cite = (first / "en" / "accounts" / "index.html").read_text(encoding="utf-8")
    assert pins[night]["url"] in cite and pins[night]["sha256"] in cite and f"{SITE_URL}data/nights/{night}" in cite
    with zipfile.ZipFile(first / "data" / f"jawabdehi-{END}.zip") as bundle:
        cff = bundle.read("CITATION.cff").decode()
    assert pins[night]["url"] in cff and pins[night]["sha256"] in cff and "data/archive" not in cff
    downloads = (first / "en" / "downloads" / "index.html").read_text(encoding="utf-8")
    assert pins[night]["sha256"] in downloads and f'href="../../data/nights/{night}"' in downloads
    check_links(gh, first)

    # The same night built again gives the same bytes.
    again = tmp_path / "again"
    build(data, again, END)
    assert listed(again) == pins

    # A failed upload exits non-zero and publishes nothing (the drafts it made are served to no
    # one); the record then confirms nothing.
    failed = gh("--site", first, "--repo", "jawabdehi/jawabdehi", FAKE_FAIL_UPLOAD="1")
    assert failed.returncode != 0 and "tries again" in failed.stderr
    assert gh("--record", tmp_path / "record-1.jsonl", "--repo", "jawabdehi/jawabdehi").returncode == 0
    assert (tmp_path / "record-1.jsonl").read_text() == ""

    # The next night, on a fresh machine: the previous site's files awaiting upload are kept
    # (their bytes checked), the new night joins them, and the health page says so.
    add_next_night(data, tmp_path, 40, END, accounts=30)
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
    tried = len([c for c in gh.calls() if c[:2] == ["release", "upload"]])
    done = gh("--site", second, "--repo", "jawabdehi/jawabdehi")
    assert done.returncode == 0, done.stderr
    uploads = [c for c in gh.calls() if c[:2] == ["release", "upload"]][tried:]
    assert len(uploads) == 4 and not any("--clobber" in c for c in gh.calls())
    # Each file in a release of its own, published only once it held the file (the three drafts
    # of the failed run removed first).
    assert sorted(p.name for p in gh.releases.iterdir()) == sorted(e["tag"] for e in pins2.values())
    assert not list(gh.releases.glob("*/.draft"))
    assert len([c for c in gh.calls() if c[:2] == ["release", "delete"]]) == 3
    for entry in pins2.values():
        held = gh.releases / entry["tag"] / entry["name"]
        assert hashlib.sha256(held.read_bytes()).hexdigest() == entry["sha256"]
    rerun = gh("--site", second, "--repo", "jawabdehi/jawabdehi")
    assert rerun.returncode == 0 and "already in" in rerun.stdout
    assert len([c for c in gh.calls() if c[:2] == ["release", "upload"]]) == tried + 4

    # Once the record confirms them, the site no longer carries them; the cite names the
    # permanent address alone.
    assert gh("--record", tmp_path / "record-2.jsonl", "--repo", "jawabdehi/jawabdehi").returncode == 0
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


def test_a_copy_with_other_bytes_is_not_kept_and_an_asset_is_never_overwritten(tmp_path, gh):
    data = synthetic(tmp_path, days=3)
    first = tmp_path / "first"
    build(data, first, END)
    night = f"jawabdehi-night-{END}.zip"
    copy = first / "data" / "nights" / night
    tampered = bytearray(copy.read_bytes())
    tampered[-30] ^= 1
    # The release already holds other bytes under that name: the upload refuses to replace them.
    held = gh.releases / f"nights-{END}" / night
    held.parent.mkdir()
    held.write_bytes(bytes(tampered))
    for env in ({}, {"FAKE_NO_DIGEST": "1"}):  # compared by digest, or by downloading it
        refused = gh("--site", first, "--repo", "jawabdehi/jawabdehi", **env)
        assert refused.returncode != 0 and "never overwritten" in refused.stderr
        assert held.read_bytes() == bytes(tampered)
    # A previous site whose on-site copy was altered: not trusted, not kept; the night stops
    # until the loss is said, and is then said on the health page.
    copy.write_bytes(bytes(tampered))
    add_next_night(data, tmp_path, 3, END, accounts=30)
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


def test_an_upload_cut_off_half_way_is_sent_again_and_a_missing_copy_does_not_stop_the_rest(tmp_path, gh):
    data = synthetic(tmp_path, days=3)
    first = tmp_path / "first"
    build(data, first, END)
    pending = [e for e in listed(first).values() if e.get("onsite")]
    assert len(pending) >= 2
    cut, lost = pending[0], pending[1]
    # GitHub keeps an unfinished upload as an asset in the "starter" state, never served.
    release = gh.releases / cut["tag"]
    release.mkdir(parents=True, exist_ok=True)
    (release / cut["name"]).write_bytes(b"half")
    (release / (cut["name"] + ".starter")).write_bytes(b"")
    # And one on-site copy is gone: the others are still sent, and the run says which failed.
    (first / lost["onsite"]).unlink()
    result = gh("--site", first, "--repo", "jawabdehi/jawabdehi")
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert f"{lost['onsite']}: the on-site copy cannot be read" in result.stderr
    assert hashlib.sha256((release / cut["name"]).read_bytes()).hexdigest() == cut["sha256"]
    for entry in pending[2:]:
        assert (gh.releases / entry["tag"] / entry["name"]).exists()
    # No gh at all: a line, not a traceback.
    alone = subprocess.run([sys.executable, "-m", "generator.publish.upload", "--site", str(first), "--repo", "a/b"],
                           capture_output=True, text=True, cwd=REPO, env={**os.environ, "PATH": str(tmp_path / "none"),
                                                                          "PYTHONPATH": str(REPO)})
    assert alone.returncode == 1 and "the gh command cannot be run" in alone.stderr and "Traceback" not in alone.stderr


def test_immutable_releases_take_each_file_whole_and_the_record_confirms_only_what_is_served(tmp_path, gh):
    """With immutable releases on (a repository or organisation setting) nothing can be added to
    a published release: each file is published in a release of its own once it holds it. A
    draft, or an upload cut off half way, is served to no one, so the record does not confirm it."""
    data = synthetic(tmp_path, days=40)
    first = tmp_path / "first"
    build(data, first, END)
    pending = sorted((e for e in listed(first).values() if e.get("onsite")), key=lambda e: e["name"])
    assert len(pending) == 3
    cut, stale, fresh = pending
    # A run cut off after it made a draft and sent part of the file: the draft is made again.
    (gh.releases / cut["tag"]).mkdir()
    (gh.releases / cut["tag"] / ".draft").touch()
    (gh.releases / cut["tag"] / cut["name"]).write_bytes(b"half")
    # A release published before each file had its own, without the file: GitHub refuses the
    # upload, the run says so and goes on with the rest.
    (gh.releases / stale["tag"]).mkdir()
    (gh.releases / stale["tag"] / "other.zip").write_bytes(b"another file")
    result = gh("--site", first, "--repo", "jawabdehi/jawabdehi", FAKE_IMMUTABLE="1")
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert f"{stale['name']}: upload to {stale['tag']} failed: HTTP 422: Cannot upload assets to an immutable " \
           "release" in result.stderr
    for entry in (cut, fresh):
        held = gh.releases / entry["tag"] / entry["name"]
        assert hashlib.sha256(held.read_bytes()).hexdigest() == entry["sha256"]
        assert not (gh.releases / entry["tag"] / ".draft").exists()
    assert f"{fresh['name']}: published in {fresh['tag']}" in result.stdout
    again = gh("--site", first, "--repo", "jawabdehi/jawabdehi", FAKE_IMMUTABLE="1")
    assert f"{fresh['name']}: already in {fresh['tag']}" in again.stdout
    # The record: published releases' whole assets, across pages, and nothing else.
    (gh.releases / "nights-2026-12-09").mkdir()
    (gh.releases / "nights-2026-12-09" / ".draft").touch()
    (gh.releases / "nights-2026-12-09" / "jawabdehi-night-2026-12-09.zip").write_bytes(b"not yet served")
    (gh.releases / fresh["tag"] / "late.zip").write_bytes(b"half")
    (gh.releases / fresh["tag"] / "late.zip.starter").write_bytes(b"")
    (gh.releases / "v1.0").mkdir()
    (gh.releases / "v1.0" / "jawabdehi.tar.gz").write_bytes(b"a release of the package")
    assert gh("--record", tmp_path / "record.jsonl", "--repo", "jawabdehi/jawabdehi").returncode == 0
    record = [json.loads(line) for line in (tmp_path / "record.jsonl").read_text().splitlines()]
    assert sorted((r["tag"], r["name"]) for r in record) == sorted(
        [(cut["tag"], cut["name"]), (fresh["tag"], fresh["name"]), (stale["tag"], "other.zip")])
    assert all(r["digest"].startswith("sha256:") for r in record)
    # An answer that is not the releases: a line, no record written.
    (tmp_path / "bin" / "gh").write_text("#!/bin/sh\necho '<html>'\n")
    refused = gh("--record", tmp_path / "record-2.jsonl", "--repo", "jawabdehi/jawabdehi")
    assert refused.returncode == 1 and "something other than the releases" in refused.stderr
    assert not (tmp_path / "record-2.jsonl").exists()


def test_a_lost_pinned_list_or_copy_stops_the_night_unless_the_loss_is_said(tmp_path):
    """Files awaiting upload live only in the previous site's list and copies: a list that
    cannot be read, or a copy not found, would drop them for good while the night passed."""
    data = synthetic(tmp_path, days=3)
    first = tmp_path / "first"
    build(data, first, END, first_night=True)
    night = f"jawabdehi-night-{END}.zip"
    assert listed(first)[night]["onsite"]
    add_next_night(data, tmp_path, 3, END, accounts=30)
    kept = tmp_path / "kept"
    shutil.copytree(first / "data", kept / "data")
    (kept / "data" / "nights" / night).unlink()
    with pytest.raises(ProblemError) as stopped:
        build(data, tmp_path / "second", END + timedelta(days=1), pinned_from=kept)
    assert f"data/nights/{night}:0: --pinned-from: awaiting upload, but no on-site copy" in str(stopped.value)
    assert not (tmp_path / "second").exists()
    said = build(data, tmp_path / "second", END + timedelta(days=1), pinned_from=kept, drop_lost_pinned=True)
    assert night not in listed(tmp_path / "second") and any(night in n for n in said.notes)
    # A list that is not one (an error page saved in its place): stops, but on the first night.
    (kept / "data" / "pinned.json").write_text("<html>", encoding="utf-8")
    with pytest.raises(ProblemError) as stopped:
        build(data, tmp_path / "third", END + timedelta(days=1), pinned_from=kept)
    assert "pinned.json:0: --pinned-from: not a pinned list" in str(stopped.value)
    assert build(data, tmp_path / "third", END + timedelta(days=1), pinned_from=kept, first_night=True)


def test_a_takedown_withdraws_the_pinned_files_that_hold_the_value_for_every_later_night(tmp_path):
    """A pinned night's file is written once and never rebuilt: one made before a takedown
    still holds the value. The takedown withdraws it through the ledger committed with data/,
    so the site drops its copy tonight and every later build keeps it withdrawn."""
    from click.testing import CliRunner

    from generator.cli import main

    data = synthetic(tmp_path, days=3)
    leaked = "https://example.org/complaint-of-ramesh-kumar-ward-12"  # no pattern catches a name in a link
    complaints = data / "complaints" / "synthetic.csv"
    header = complaints.read_text(encoding="utf-8").splitlines()[0]
    row = {"department_id": "up-police-hq", "channel": "x", "period_start": "2026-10-01",
           "period_end": "2026-10-31", "received": "200", "resolved": "150", "source": "manual", "source_url": leaked}
    complaints.write_text(header + "\n" + ",".join(row.get(c, "") for c in header.split(",")) + "\n",
                          encoding="utf-8")
    site = tmp_path / "site"
    build(data, site, END, first_night=True)
    night = f"jawabdehi-night-{END}.zip"
    assert leaked in zipfile.ZipFile(site / "data" / "nights" / night).read("complaints.csv").decode()
    result = CliRunner().invoke(main, ["--project", str(REPO), "takedown", f"{complaints}:2:source_url",
                                       "--data", str(data), "--out", str(site), "--date", "2026-12-03"])
    assert result.exit_code == 0, result.output
    assert f"{night}: a pinned file that held the value, withdrawn" in result.output
    sha = listed(site)[night]["sha256"]
    assert f"pinned/{night} {sha}" in (data / paths.TAKEDOWN_LEDGER).read_text(encoding="utf-8").splitlines()
    assert listed(site)[night]["withdrawn"] is True and not (site / "data" / "nights" / night).exists()
    downloads = (site / "en" / "downloads" / "index.html").read_text(encoding="utf-8")
    assert f"<code>{night}</code> —" in downloads and "withdrawn: it held a citizen&#39;s personal data" in downloads
    # The next night, from the site online as the nightly job takes it over: still withdrawn.
    add_next_night(data, tmp_path, 3, END, accounts=30)
    later = tmp_path / "later"
    build(data, later, END + timedelta(days=1), pinned_from=site)
    assert listed(later)[night]["withdrawn"] is True and not (later / "data" / "nights" / night).exists()
    assert listed(later)[f"jawabdehi-night-{END + timedelta(days=1)}.zip"]["onsite"]


@pytest.mark.parametrize("field, value", [
    ("tag", "--repo=attacker/repo"), ("tag", "nights-2026-12-02 --clobber"), ("name", "../../.git/config"),
    ("name", "jawabdehi-night-2026-12-02.zip\n"), ("url", "javascript:alert(1)//releases/download/"),
    ("url", "https://example.org/x/y/releases/download/nights-2026-12-02/jawabdehi-night-2026-12-02.zip"),
    ("sha256", "0" * 63), ("onsite", "../../../etc/passwd")])
def test_a_pinned_list_entry_not_as_the_build_writes_it_is_refused(tmp_path, gh, field, value):
    """The pinned list comes back from the site online; its fields become file paths, links on
    pages, and gh arguments in the one job that may write to the repository."""
    data = synthetic(tmp_path, days=3)
    first = tmp_path / "first"
    build(data, first, END, first_night=True)
    assert gh("--site", first, "--list").returncode == 0  # the build's own list passes
    path = first / "data" / "pinned.json"
    pinned = json.loads(path.read_text(encoding="utf-8"))
    pinned["files"][0][field] = value
    path.write_text(json.dumps(pinned), encoding="utf-8")
    for args in (("--list",), ("--repo", "jawabdehi/jawabdehi")):
        refused = gh("--site", first, *args)
        assert refused.returncode == 1 and "entry 1: its " in refused.stderr and "Traceback" not in refused.stderr
    assert gh.calls() == []
    add_next_night(data, tmp_path, 3, END, accounts=30)
    with pytest.raises(ProblemError) as stopped:
        build(data, tmp_path / "second", END + timedelta(days=1), pinned_from=first)
    assert "pinned.json:0: --pinned-from: entry 1: its " in str(stopped.value)


def test_a_bad_upload_record_is_a_clear_error(tmp_path):
    from generator.problems import ProblemError
    from generator.publish.pinned import read_record

    record = tmp_path / "uploaded.json"
    record.write_text('{"tag": "nights-2026-12", "name": "a.zip", "digest": "sha256:00"}\n<html>\n')
    with pytest.raises(ProblemError) as error:
        read_record(record)
    assert f"{record}:2: --uploaded:" in str(error.value)


def test_a_mistyped_copy_of_the_pinned_files_stops_the_build(tmp_path):
    """A --pinned-from folder that is not there would build as if nothing awaited upload."""
    from click.testing import CliRunner

    from generator.cli import main

    result = CliRunner().invoke(main, ["--project", str(REPO), "build", "--out", str(tmp_path / "site"),
                                       "--pinned-from", str(tmp_path / "kpet")])
    assert result.exit_code == 1 and "--pinned-from: is not a folder" in result.output
    assert not (tmp_path / "site").exists()
