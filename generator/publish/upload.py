"""Upload the pinned files a built site lists (data/pinned.json) to their permanent address:
one GitHub Release per month, with the `gh` command.

    python -m generator.publish.upload --site public --repo OWNER/REPO          # upload
    python -m generator.publish.upload --site public --list                     # what it uploads
    python -m generator.publish.upload --record uploaded.json --repo OWNER/REPO # what the releases hold

A file is written once: an asset already in its release with the same SHA-256 is left as it
is (a re-run uploads nothing), one with other bytes is never overwritten (no --clobber) and
fails the run. A failed upload exits non-zero; the site keeps the file's on-site copy and
the next night tries again. The record is what the next build reads (`jawabdehi build
--uploaded`) to know which files are confirmed.

Standard library only: the nightly upload job runs it from a checkout, without installing
the package, in the one job that may write to the repository.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import subprocess
import sys
import tempfile
from pathlib import Path

LIST = Path("data") / "pinned.json"


class UploadError(Exception):
    pass


def _gh(*args: str) -> subprocess.CompletedProcess:
    try:
        return subprocess.run(["gh", *args], capture_output=True, text=True)
    except OSError as error:  # no gh on PATH: a line, not a traceback
        raise UploadError(f"the gh command cannot be run ({error.strerror or error})") from None


def listed(site: Path) -> list[dict]:
    """The pinned list of a built site."""
    path = Path(site) / LIST
    try:
        return json.loads(path.read_text(encoding="utf-8"))["files"]
    except (OSError, ValueError, KeyError, TypeError, RecursionError) as exc:
        raise UploadError(f"{path}: no pinned list ({exc})") from None


def pending(site: Path) -> list[tuple[dict, Path]]:
    """The files awaiting upload (those the site carries an on-site copy of), with that copy."""
    return [(entry, Path(site) / entry["onsite"]) for entry in listed(site) if entry.get("onsite")]


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def _assets(repo: str, tag: str) -> list[dict] | None:
    """The assets of a release, or None when there is no such release."""
    seen = _gh("release", "view", tag, "--repo", repo, "--json", "assets")
    if seen.returncode != 0:
        if "not found" in seen.stderr.lower():
            return None
        raise UploadError(f"{tag}: the release cannot be read: {seen.stderr.strip()}")
    try:
        return json.loads(seen.stdout).get("assets") or []
    except (ValueError, AttributeError):
        raise UploadError(f"{tag}: gh answered something other than the release's assets") from None


def _held_sha256(repo: str, tag: str, asset: dict) -> str:
    """The SHA-256 of an asset: its digest where GitHub gives one, else of its downloaded bytes."""
    digest = asset.get("digest") or ""
    if digest.startswith("sha256:"):
        return digest.removeprefix("sha256:")
    with tempfile.TemporaryDirectory() as tmp:
        got = _gh("release", "download", tag, "--repo", repo, "--pattern", asset["name"], "--dir", tmp)
        if got.returncode != 0:
            raise UploadError(f"{asset['name']}: the asset cannot be downloaded to compare: {got.stderr.strip()}")
        return _sha256(Path(tmp) / asset["name"])


def upload_one(repo: str, entry: dict, copy: Path) -> str:
    """Put one file in its release, once. Returns what was done."""
    name, tag = entry["name"], entry["tag"]
    try:
        sha = _sha256(copy)
    except OSError as error:
        raise UploadError(f"{copy}: the on-site copy cannot be read ({error.strerror or error}); not uploaded") \
            from None
    if sha != entry["sha256"]:
        raise UploadError(f"{copy}: not the listed bytes (SHA-256 differs); not uploaded")
    assets = _assets(repo, tag)
    if assets is None:
        month = tag.removeprefix("nights-")
        made = _gh("release", "create", tag, "--repo", repo, "--title", f"Nights of {month}", "--latest=false",
                   "--notes", f"Jawabdehi's nightly figures of {month}, pinned: each file is written once and never "
                              "changes. Its SHA-256 is listed in data/pinned.json of the site.")
        if made.returncode != 0 and _assets(repo, tag) is None:
            raise UploadError(f"{tag}: the release cannot be created: {made.stderr.strip()}")
        assets = _assets(repo, tag) or []
    held = next((a for a in assets if a.get("name") == name), None)
    if held is not None and held.get("state") == "starter":
        # An upload cut off half way leaves an asset GitHub never serves: no bytes of it were
        # ever published, so it is removed and the file sent again, not refused every night.
        gone = _gh("release", "delete-asset", tag, name, "--repo", repo, "--yes")
        if gone.returncode != 0:
            raise UploadError(f"{name}: {tag} holds an unfinished upload of it that cannot be removed "
                              f"({gone.stderr.strip()}); remove it with gh release delete-asset {tag} {name}")
        held = None
    if held is not None:
        sha = _held_sha256(repo, tag, held)
        if sha != entry["sha256"]:
            raise UploadError(f"{name}: {tag} holds other bytes (SHA-256 {sha}); it is never overwritten")
        return f"{name}: already in {tag}"
    sent = _gh("release", "upload", tag, str(copy), "--repo", repo)
    if sent.returncode != 0:
        raise UploadError(f"{name}: upload to {tag} failed: {sent.stderr.strip()}")
    return f"{name}: uploaded to {tag}"


def upload(site: Path, repo: str) -> int:
    """Upload every file awaiting upload; go on past a failure, and say so in the exit code."""
    failed = 0
    for entry, copy in pending(site):
        try:
            print(upload_one(repo, entry, copy))
        except UploadError as error:
            failed += 1
            print(f"::error::{error}", file=sys.stderr)
    if failed:
        print(f"{failed} file(s) not uploaded; the site keeps their on-site copies and the next night tries again",
              file=sys.stderr)
    return 1 if failed else 0


# One line per asset of the nights' releases: what `jawabdehi build --uploaded` reads.
RECORD_JQ = ('.[] | select(.tag_name | startswith("nights-")) | .tag_name as $tag '
             '| .assets[] | {tag: $tag, name: .name, digest: .digest}')


def record(out: Path, repo: str) -> int:
    """Write the upload record: every asset the nights' releases hold, with its digest."""
    got = _gh("api", "--paginate", f"repos/{repo}/releases?per_page=100", "--jq", RECORD_JQ)
    if got.returncode != 0:
        print(f"::error::the releases of {repo} cannot be read: {got.stderr.strip()}", file=sys.stderr)
        return 1
    Path(out).write_text(got.stdout, encoding="utf-8")
    print(f"{out}: {len(got.stdout.splitlines())} asset(s) in the nights' releases")
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m generator.publish.upload", description=__doc__.split("\n")[0])
    parser.add_argument("--site", type=Path, help="The built site (its data/pinned.json and data/nights/).")
    parser.add_argument("--repo", help="OWNER/REPO of the releases.")
    parser.add_argument("--list", action="store_true",
                        help="Print every pinned file (permanent address, SHA-256, on-site copy or 'uploaded').")
    parser.add_argument("--record", type=Path, help="Write the upload record to this file instead of uploading.")
    args = parser.parse_args(argv)
    try:
        if args.record:
            if not args.repo:
                parser.error("--record needs --repo")
            return record(args.record, args.repo)
        if not args.site:
            parser.error("--site is needed to list or upload")
        if args.list:
            for entry in listed(args.site):
                print(f"{entry['url']}\t{entry['sha256']}\t{entry.get('onsite') or 'uploaded'}")
            return 0
        if not args.repo:
            parser.error("--repo is needed to upload")
        return upload(args.site, args.repo)
    except UploadError as error:
        print(f"::error::{error}", file=sys.stderr)
        return 1


if __name__ == "__main__":
    sys.exit(main())
