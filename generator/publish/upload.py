"""Upload the pinned files a built site lists (data/pinned.json) to their permanent address:
a GitHub Release of each file's own (`nights-YYYY-MM-DD` for a night, `nights-YYYY-MM` for a
month's observations), with the `gh` command.

    python -m generator.publish.upload --site public --repo OWNER/REPO          # upload
    python -m generator.publish.upload --site public --list                     # what it uploads
    python -m generator.publish.upload --record uploaded.json --repo OWNER/REPO # what the releases hold

A file is written once: its release is made as a draft, the file uploaded and checked, and
only then published, so repositories with immutable releases turned on take it (nothing can be
added to a published immutable release). An asset already in its release with the same
SHA-256 is left as it is (a re-run uploads nothing), one with other bytes is never overwritten
(no --clobber) and fails the run; a draft left by a run cut off is removed and made again.
A failed upload exits non-zero; the site keeps the file's on-site copy and the next night tries
again. The record is what the next build reads (`jawabdehi build --uploaded`) to know which
files are confirmed: assets of published releases only.

Standard library only: the nightly upload job runs it from a checkout, without installing
the package, in the one job that may write to the repository.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import re
import subprocess
import sys
import tempfile
from pathlib import Path

LIST = Path("data") / "pinned.json"


# What the build writes into a pinned list. The list is read back from the site online, and
# its fields become file paths and gh arguments in the one job that may write: an entry not
# of these shapes (a tag like "--repo", a name like "../x", a "javascript:" address) is refused.
NAME = re.compile(r"jawabdehi-(?:night-\d{4}-\d\d-\d\d|observations-\d{4}-\d\d)\.zip")
TAG = re.compile(r"nights-\d{4}-\d\d(?:-\d\d)?")
SHA256 = re.compile(r"[0-9a-f]{64}")
RELEASES = r"https://github\.com/[A-Za-z0-9_.-]+/[A-Za-z0-9_.-]+/releases/download/"


class UploadError(Exception):
    pass


def malformed(entry: object) -> str | None:
    """Why `entry` is not a pinned-list entry as the build writes one, or None."""
    if not isinstance(entry, dict):
        return "not an entry"
    for field, shape in (("name", NAME), ("tag", TAG), ("sha256", SHA256)):
        if not isinstance(entry.get(field), str) or not shape.fullmatch(entry[field]):
            return f"its {field} {str(entry.get(field))[:80]!r} is not a pinned file's"
    url = entry.get("url")
    if not isinstance(url, str) or not re.fullmatch(RELEASES + re.escape(f"{entry['tag']}/{entry['name']}"), url):
        return f"its url {str(url)[:120]!r} is not the release address of {entry['name']}"
    if entry.get("onsite") not in (None, f"data/nights/{entry['name']}"):
        return f"its on-site copy {str(entry.get('onsite'))[:120]!r} is not data/nights/{entry['name']}"
    return None


def _gh(*args: str) -> subprocess.CompletedProcess:
    try:
        return subprocess.run(["gh", *args], capture_output=True, text=True)
    except OSError as error:  # no gh on PATH: a line, not a traceback
        raise UploadError(f"the gh command cannot be run ({error.strerror or error})") from None


def listed(site: Path) -> list[dict]:
    """The pinned list of a built site, every entry checked."""
    path = Path(site) / LIST
    try:
        files = json.loads(path.read_text(encoding="utf-8"))["files"]
    except (OSError, ValueError, KeyError, TypeError, RecursionError) as exc:
        raise UploadError(f"{path}: no pinned list ({exc})") from None
    if not isinstance(files, list):
        raise UploadError(f"{path}: no pinned list (its files are not a list)")
    for number, entry in enumerate(files, 1):
        if (why := malformed(entry)) is not None:
            raise UploadError(f"{path}: entry {number}: {why}; nothing uploaded")
    return files


def pending(site: Path) -> list[tuple[dict, Path]]:
    """The files awaiting upload (those the site carries an on-site copy of), with that copy."""
    return [(entry, Path(site) / entry["onsite"]) for entry in listed(site) if entry.get("onsite")]


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def _release(repo: str, tag: str) -> dict | None:
    """The release `tag` (its assets, and whether it is a draft), or None when there is none."""
    seen = _gh("release", "view", tag, "--repo", repo, "--json", "assets,isDraft")
    if seen.returncode != 0:
        if "not found" in seen.stderr.lower():
            return None
        raise UploadError(f"{tag}: the release cannot be read: {seen.stderr.strip()}")
    try:
        found = json.loads(seen.stdout)
        return {"assets": list(found.get("assets") or []), "draft": found.get("isDraft") is True}
    except (ValueError, AttributeError, TypeError):
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


def _run(failure: str, *args: str) -> None:
    done = _gh(*args)
    if done.returncode != 0:
        raise UploadError(f"{failure}: {done.stderr.strip()}")


def _held(release: dict, name: str) -> dict | None:
    return next((a for a in release["assets"] if a.get("name") == name), None)


def _publish_new(repo: str, entry: dict, copy: Path) -> str:
    """Make the file's own release: a draft, filled, checked, then published. Once published a
    release may be immutable (a repository or organisation setting), and nothing can be added to
    it or taken from it again; that is the promise of a pinned file, so the draft is published
    only when it holds exactly the listed bytes."""
    name, tag = entry["name"], entry["tag"]
    what = f"the night of {entry['night']}" if entry.get("night") else f"the observations of {entry.get('month')}"
    _run(f"{tag}: the release cannot be created", "release", "create", tag, "--repo", repo, "--draft",
         "--latest=false", "--title", f"Jawabdehi: {what}",
         "--notes", f"Jawabdehi's figures of {what}, pinned: written once, never changed. Its SHA-256 is "
                    f"{entry['sha256']}, listed in data/pinned.json of the site.")
    _run(f"{name}: upload to the draft {tag} failed", "release", "upload", tag, str(copy), "--repo", repo)
    draft = _release(repo, tag)
    held = _held(draft, name) if draft else None
    if held is None or _held_sha256(repo, tag, held) != entry["sha256"]:
        raise UploadError(f"{name}: the draft {tag} does not hold the listed bytes; not published")
    _run(f"{tag}: the draft holding {name} cannot be published", "release", "edit", tag, "--repo", repo,
         "--draft=false", "--latest=false")
    return f"{name}: published in {tag}"


def upload_one(repo: str, entry: dict, copy: Path) -> str:
    """Put one file in its own release, once. Returns what was done."""
    name, tag = entry["name"], entry["tag"]
    try:
        sha = _sha256(copy)
    except OSError as error:
        raise UploadError(f"{copy}: the on-site copy cannot be read ({error.strerror or error}); not uploaded") \
            from None
    if sha != entry["sha256"]:
        raise UploadError(f"{copy}: not the listed bytes (SHA-256 differs); not uploaded")
    release = _release(repo, tag)
    if release is not None and release["draft"]:
        # A draft is never served: one left by a run cut off before it published holds nothing
        # anyone could have fetched or cited, so it is removed and the release made again.
        _run(f"{tag}: a draft left by an earlier run cannot be removed (gh release delete {tag})",
             "release", "delete", tag, "--repo", repo, "--yes")
        release = None
    if release is None:
        return _publish_new(repo, entry, copy)
    held = _held(release, name)
    if held is not None and held.get("state", "uploaded") != "uploaded":
        # An upload cut off half way leaves an asset GitHub never serves ("starter"): no bytes
        # of it were ever published, so it is removed and the file sent again, not refused
        # every night.
        _run(f"{name}: {tag} holds an unfinished upload of it that cannot be removed (gh release delete-asset "
             f"{tag} {name})", "release", "delete-asset", tag, name, "--repo", repo, "--yes")
        held = None
    if held is not None:
        sha = _held_sha256(repo, tag, held)
        if sha != entry["sha256"]:
            raise UploadError(f"{name}: {tag} holds other bytes (SHA-256 {sha}); it is never overwritten")
        return f"{name}: already in {tag}"
    # A published release without the file: one a month's files shared before each file had a
    # release of its own. GitHub refuses this if the release is immutable, and says so.
    _run(f"{name}: upload to {tag} failed", "release", "upload", tag, str(copy), "--repo", repo)
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


def _pages(text: str) -> list:
    """The releases `gh api --paginate` printed: one JSON array per page, one after another."""
    decoder, at, out = json.JSONDecoder(), 0, []
    while text[at:].strip():
        at += len(text[at:]) - len(text[at:].lstrip())
        page, at = decoder.raw_decode(text, at)
        out.extend(page)
    return out


def confirmed(releases: list) -> list[dict]:
    """Every asset a reader can fetch from the nights' releases: published (a draft is served to
    no one) and whole (an upload cut off half way is never served)."""
    return [{"tag": release["tag_name"], "name": asset["name"], "digest": asset.get("digest")}
            for release in releases
            if release.get("draft") is False and str(release.get("tag_name")).startswith("nights-")
            for asset in release.get("assets") or [] if asset.get("state", "uploaded") == "uploaded"]


def record(out: Path, repo: str) -> int:
    """Write the upload record: every asset the nights' published releases hold, with its digest,
    one JSON object a line (what `jawabdehi build --uploaded` reads)."""
    got = _gh("api", "--paginate", f"repos/{repo}/releases?per_page=100")
    if got.returncode != 0:
        print(f"::error::the releases of {repo} cannot be read: {got.stderr.strip()}", file=sys.stderr)
        return 1
    try:
        assets = confirmed(_pages(got.stdout))
    except (ValueError, AttributeError, TypeError, KeyError):
        print(f"::error::gh answered something other than the releases of {repo}", file=sys.stderr)
        return 1
    Path(out).write_text("".join(json.dumps(a) + "\n" for a in assets), encoding="utf-8")
    print(f"{out}: {len(assets)} asset(s) in the nights' published releases")
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
