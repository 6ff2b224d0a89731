"""Upload the pinned files a built site lists (data/pinned.json) to their permanent address:
a GitHub Release of each file's own (`nights-YYYY-MM-DD` for a night, `nights-YYYY-MM` for a
month's observations), through GitHub's REST API with the `gh` command.

    python -m generator.publish.upload --site public --repo OWNER/REPO          # upload
    python -m generator.publish.upload --site public --list                     # what it uploads
    python -m generator.publish.upload --record uploaded.json --repo OWNER/REPO --site kept
                                                                     # which of kept's files are held

A file is written once. Its release is made as a draft, the file uploaded and checked, and
only then published, so repositories with immutable releases turned on take it (nothing can be
added to a published immutable release). Every step after the first names the release by its
id, never by its tag: a tag can name a published release and drafts at once, and a step that
looked the tag up again could act on another release than the one checked. Nothing is ever
deleted but an unfinished upload's asset; a draft left by a run cut off stays a draft (served
to no one) and is named. An asset already published with the same SHA-256 is left as it is (a
re-run uploads nothing); one with other bytes is never overwritten and fails the run the first
time. The build after it reads so in the upload record and lists the file as `release_differs`,
kept on the site only: from then on the run says so in one line a night (a warning, its release's
SHA-256 beside the listed one) and does not fail for it, as no night could ever upload it; should
a person take the other asset away, the next night uploads the file. A file a takedown withdrew
(`--withdrawn data/takedowns.txt`) is never uploaded. Any other failed upload exits non-zero; the
site keeps the file's on-site copy and the next night tries again.

The record is what the next build reads (`jawabdehi build --uploaded`) to know which of the
files awaiting upload are held: for each, its tag's published release and its finished assets.

Standard library only (and generator/within.py, which is too): the nightly upload job runs it
from a checkout, without installing the package, in the one job that may write to the repository.
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

from ..within import read_within, why_not

LIST = Path("data") / "pinned.json"


# What the build writes into a pinned list. The list is read back from the site online, and
# its fields become file paths, titles and gh arguments in the one job that may write: an entry
# not of these shapes (a tag like "--repo", a name like "../x", a "javascript:" address, a
# night that is not its file's) is refused.
NAME = re.compile(r"jawabdehi-(?:night-(?P<night>[0-9]{4}-[0-9]{2}-[0-9]{2})|observations-(?P<month>[0-9]{4}-[0-9]{2}))"
                  r"\.zip")
SHA256 = re.compile(r"[0-9a-f]{64}")
# An asset's digest as GitHub gives it. Anything else in its place is not taken: it would be
# printed in the run's log (a newline there starts a workflow command) and read by the build.
DIGEST = re.compile(r"sha256:[0-9a-f]{64}")
SLUG = re.compile(r"[a-z0-9][a-z0-9-]*")  # a department id, as schema.SLUG (standard library only here)
REPO = r"[A-Za-z0-9_.-]+/[A-Za-z0-9_.-]+"
# The fields of an entry. One no build writes would be published again in the next list unread.
FIELDS = {"name", "tag", "url", "sha256", "bytes", "night", "month", "uploaded", "hand_entered", "onsite", "withdrawn",
          "differs", "replies_window", "replies_sha256", "in_nights_from", "release_differs"}
DAY = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")


class UploadError(Exception):
    pass


class ReleaseDiffers(UploadError):
    """The file's release holds other bytes under its name, which are never overwritten."""


def command(kind: str, text: str) -> str:
    """A workflow command line (`::error::text`) saying `text` on that line alone: a newline in
    it (from gh's error, a value GitHub answered) would start a command of its own, and a
    "%0A" would read as a line break; both escaped as GitHub's own toolkit escapes them."""
    return f"::{kind}::" + text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def digest_of(asset: dict) -> str | None:
    """The asset's "sha256:..." digest where GitHub gives one of that shape, else None."""
    digest = asset.get("digest")
    return digest if isinstance(digest, str) and DIGEST.fullmatch(digest) else None


def _day(entry: dict) -> str:
    """The night (YYYY-MM-DD) or month (YYYY-MM) of a pinned file, from its name."""
    found = NAME.fullmatch(entry["name"])
    return found["night"] or found["month"]


def malformed(entry: object) -> str | None:
    """Why `entry` is not a pinned-list entry as the build writes one, or None."""
    if not isinstance(entry, dict):
        return "not an entry"
    for field, shape in (("name", NAME), ("sha256", SHA256)):
        if not isinstance(entry.get(field), str) or not shape.fullmatch(entry[field]):
            return f"its {field} {str(entry.get(field))[:80]!r} is not a pinned file's"
    day = _day(entry)
    # Its own release; a night of a month whose files shared one release keeps that one.
    if entry.get("tag") not in {f"nights-{day}", f"nights-{day[:7]}"}:
        return f"its tag {str(entry.get('tag'))[:80]!r} is not the release of {entry['name']}"
    if entry.get("night" if len(day) == 10 else "month") != day:
        return f"its night or month is not {day}, the day of {entry['name']}"
    # A night's file named with a month would be cited for that month's figures, and the
    # month's own file never pinned (and a month's with a night, the other way round).
    other = "month" if len(day) == 10 else "night"
    if entry.get(other) is not None:
        return f"its {other} {str(entry[other])[:40]!r} is not of {entry['name']}, a file of {day} only"
    size = entry.get("bytes")
    if type(size) is not int or not 0 <= size < 2**63:  # the Downloads page says it in words
        return f"its size {str(size)[:40]!r} is not a number of bytes"
    for flag in ("uploaded", "withdrawn", "replies_window", "release_differs"):
        # "no" would be taken as yes: an upload thought done drops the file's on-site copy.
        if type(entry.get(flag, False)) is not bool:
            return f"its {flag} {str(entry[flag])[:40]!r} is not true or false"
    if unknown := sorted(set(entry) - FIELDS, key=str):
        return f"its field {str(unknown[0])[:40]!r} is not one the build writes"
    url = entry.get("url")
    if not isinstance(url, str) or not re.fullmatch(rf"https://github\.com/{REPO}/releases/download/"
                                                    + re.escape(f"{entry['tag']}/{entry['name']}"), url):
        return f"its url {str(url)[:120]!r} is not the release address of {entry['name']}"
    replies = entry.get("replies_sha256")  # a night's alone (publish.pinned._entry); absent from one listed before
    if replies is not None and not (isinstance(replies, str) and SHA256.fullmatch(replies) and len(day) == 10):
        return f"its replies' SHA-256 {str(replies)[:80]!r} is not a night's"
    rows = entry.get("hand_entered", [])  # absent from an entry listed before files named their rows
    if not isinstance(rows, list) or not all(isinstance(r, str) and SHA256.fullmatch(r) for r in rows):
        return f"its hand-entered rows {str(rows)[:80]!r} are not a list of SHA-256s"
    # publish.pinned._in_nights_from: a month's alone, a night after it (an earlier one would have
    # a night's ZIP cited for rows typed in after it was made).
    since = entry.get("in_nights_from")
    if since is not None and not (isinstance(since, str) and DAY.fullmatch(since) and len(day) == 7
                                  and since[:7] > day):
        return f"its first night holding its rows {str(since)[:40]!r} is not a night after {day}"
    differs = entry.get("differs")  # publish.pinned._differs: True, or the departments changed
    if differs is not None and differs is not True and not (
            isinstance(differs, list) and all(isinstance(d, str) and SLUG.fullmatch(d) for d in differs)):
        return f"its changed departments {str(differs)[:80]!r} are not true or a list of department ids"
    if entry.get("onsite") not in (None, f"data/nights/{entry['name']}"):
        return f"its on-site copy {str(entry.get('onsite'))[:120]!r} is not data/nights/{entry['name']}"
    return None


def _gh(*args: str, data: bool = False) -> subprocess.CompletedProcess:
    try:
        done = subprocess.run(["gh", *args], capture_output=True)
    except (OSError, ValueError) as error:  # no gh on PATH: a line, not a traceback
        raise UploadError(f"the gh command cannot be run ({getattr(error, 'strerror', None) or error})") from None
    if not data:
        done.stdout = done.stdout.decode("utf-8", "replace")
    done.stderr = done.stderr.decode("utf-8", "replace").strip()
    return done


def _call(failure: str, *args: str) -> str:
    """One call of GitHub's REST API; its answer, or UploadError saying `failure`."""
    done = _gh("api", *args)
    if done.returncode != 0:
        raise UploadError(f"{failure}: {done.stderr[:500]}")
    return done.stdout


def listed(site: Path) -> list[dict]:
    """The pinned list of a built site, every entry checked."""
    path = Path(site) / LIST
    try:  # through no link: what it names is sent by the one job that may write
        files = json.loads(read_within(site, LIST.as_posix()).decode("utf-8"))["files"]
    except OSError as exc:
        raise UploadError(f"{path}: no pinned list ({why_not(exc)})") from None
    except (ValueError, KeyError, TypeError, RecursionError) as exc:
        raise UploadError(f"{path}: no pinned list ({exc})") from None
    if not isinstance(files, list):
        raise UploadError(f"{path}: no pinned list (its files are not a list)")
    for number, entry in enumerate(files, 1):
        if (why := malformed(entry)) is not None:
            raise UploadError(f"{path}: entry {number}: {why}; nothing uploaded")
    return files


def pending(site: Path) -> list[dict]:
    """The files awaiting upload: those the site carries an on-site copy of. One whose release
    holds other bytes (`release_differs`) is among them: each night looks at its release again
    (and says what it holds), and the record reads it, for the day a person has cleared it."""
    return [entry for entry in listed(site) if entry.get("onsite")]


def _onsite(site: Path, entry: dict) -> bytes:
    """The bytes of the on-site copy of `entry`, the listed ones. The site was written by a build
    elsewhere: a copy reached through a link (which could lead to any file of this machine, the
    write token's included) is never followed, nor a pipe waited on."""
    try:
        data = read_within(site, entry["onsite"])
    except OSError as error:
        raise UploadError(f"{Path(site) / entry['onsite']}: the on-site copy cannot be read ({why_not(error)}); "
                          "not uploaded") from None
    if hashlib.sha256(data).hexdigest() != entry["sha256"]:
        raise UploadError(f"{Path(site) / entry['onsite']}: not the listed bytes (SHA-256 differs); not uploaded")
    return data


def _published(repo: str, tag: str) -> dict | None:
    """The published release of `tag` (GitHub's tag endpoint shows no draft), or None when
    GitHub says there is none. Any other failure is an error, never taken for "none"."""
    done = _gh("api", f"repos/{repo}/releases/tags/{tag}")
    if done.returncode != 0:
        if "HTTP 404" in done.stderr:
            return None
        raise UploadError(f"{tag}: the release cannot be read: {done.stderr[:500]}")
    return _answer(tag, done.stdout)


def _answer(tag: str, text: str) -> dict:
    try:
        answer = json.loads(text)
    except (ValueError, RecursionError):
        answer = None
    if not isinstance(answer, dict) or not isinstance(answer.get("id"), int) \
            or not isinstance(answer.get("assets"), list):
        raise UploadError(f"{tag}: gh answered something other than a release")
    return answer


def _held(release: dict, name: str) -> dict | None:
    return next((a for a in release["assets"] if isinstance(a, dict) and a.get("name") == name), None)


def _held_sha256(repo: str, asset: dict) -> str:
    """The SHA-256 of an asset: its digest where GitHub gives one (digest_of), else of its bytes."""
    if digest := digest_of(asset):
        return digest.removeprefix("sha256:")
    got = _gh("api", "-H", "Accept: application/octet-stream", f"repos/{repo}/releases/assets/{asset.get('id')}",
              data=True)
    if got.returncode != 0:
        raise UploadError(f"{asset.get('name')}: the asset cannot be downloaded to compare: {got.stderr[:500]}")
    return hashlib.sha256(got.stdout).hexdigest()


def _send(repo: str, release: dict, copy: Path, name: str) -> None:
    """Upload `copy` as `name` to the release of that id."""
    upload_url = str(release.get("upload_url") or "").split("{")[0] or \
        f"https://uploads.github.com/repos/{repo}/releases/{release['id']}/assets"
    _call(f"{name}: upload to {release.get('tag_name')} (release {release['id']}) failed", "--method", "POST",
          "-H", "Content-Type: application/zip", f"{upload_url}?name={name}", "--input", str(copy))


def _publish_new(repo: str, entry: dict, copy: Path) -> str:
    """Make the file's own release: a draft, filled, checked, then published. Once published a
    release may be immutable (a repository or organisation setting), and nothing can be added to
    it or taken from it again; that is the promise of a pinned file, so the draft is published
    only when it holds exactly the listed bytes."""
    name, tag, day = entry["name"], entry["tag"], _day(entry)
    what = f"the night of {day}" if len(day) == 10 else f"the observations of {day}"
    draft = _answer(tag, _call(f"{tag}: the release cannot be created", "--method", "POST", f"repos/{repo}/releases",
                               "-f", f"tag_name={tag}", "-F", "draft=true", "-f", "make_latest=false",
                               "-f", f"name=Jawabdehi: {what}",
                               "-f", f"body=Jawabdehi's figures of {what}, pinned: written once, never changed. "
                                     f"Its SHA-256 is {entry['sha256']}, listed in data/pinned.json of the site."))
    _send(repo, draft, copy, name)
    filled = _answer(tag, _call(f"{tag}: the draft cannot be read", f"repos/{repo}/releases/{draft['id']}"))
    held = _held(filled, name)
    if held is None or held.get("state", "uploaded") != "uploaded" or _held_sha256(repo, held) != entry["sha256"]:
        raise UploadError(f"{name}: the draft {tag} (release {draft['id']}) does not hold the listed bytes; not "
                          "published (the draft is served to no one; the next night makes another)")
    _call(f"{tag}: the draft holding {name} (release {draft['id']}) cannot be published", "--method", "PATCH",
          f"repos/{repo}/releases/{draft['id']}", "-F", "draft=false", "-f", "make_latest=false")
    return f"{name}: published in {tag}"


def upload_one(repo: str, entry: dict, site: Path) -> str:
    """Put one file of `site` in its release, once. Returns what was done."""
    name = entry["name"]
    if not re.fullmatch(rf"https://github\.com/{re.escape(repo)}/releases/download/.*", entry["url"], re.I):
        raise UploadError(f"{name}: the site cites it at {entry['url']}, not in {repo}; not uploaded")
    data = _onsite(site, entry)
    # gh is handed the bytes just checked, in a file of this run's own: never the site's path,
    # which gh would open again, following a link put there since. (Through its standard input
    # gh sends no length, and GitHub refuses an upload without one.)
    try:
        with tempfile.TemporaryDirectory(prefix="jawabdehi-upload-") as folder:
            copy = Path(folder) / name
            copy.write_bytes(data)
            return _put(repo, entry, copy)
    except OSError as error:  # _put touches no file: this is the copy set aside
        raise UploadError(f"{name}: cannot be set aside to be sent ({error.strerror or error}); not uploaded") \
            from None


def _put(repo: str, entry: dict, copy: Path) -> str:
    name, tag = entry["name"], entry["tag"]
    release = _published(repo, tag)
    if release is None:
        return _publish_new(repo, entry, copy)
    held = _held(release, name)
    if held is not None and held.get("state", "uploaded") != "uploaded":
        # An upload cut off half way leaves an asset GitHub never serves ("starter"): no bytes
        # of it were ever published, so it is removed (by its id) and the file sent again.
        _call(f"{name}: {tag} holds an unfinished upload of it that cannot be removed", "--method", "DELETE",
              f"repos/{repo}/releases/assets/{held.get('id')}")
        held = None
    if held is not None:
        sha = _held_sha256(repo, held)
        if sha != entry["sha256"]:
            raise ReleaseDiffers(f"{name}: its release {tag} holds other bytes (SHA-256 {sha}) than the listed "
                                 f"SHA-256 {entry['sha256']}; they are never overwritten")
        return f"{name}: already in {tag}"
    # A published release without the file: one a month's files shared before each file had a
    # release of its own. GitHub refuses this if the release is immutable, and says so.
    _send(repo, release, copy, name)
    return f"{name}: uploaded to {tag}"


def withdrawn(ledger: Path | None) -> set[tuple[str, str]]:
    """(name, SHA-256) of the pinned files a takedown withdrew: `pinned/NAME SHA256` lines of
    data/takedowns.txt (as the default branch has it now: a re-run of an older night must not
    publish what was withdrawn since)."""
    if ledger is None:
        return set()
    try:
        lines = Path(ledger).read_text(encoding="utf-8").splitlines()
    except OSError as error:
        raise UploadError(f"{ledger}: the takedown ledger cannot be read ({error.strerror or error}); nothing "
                          "uploaded") from None
    return {(name.removeprefix("pinned/"), sha) for name, _, sha in (line.strip().partition(" ") for line in lines)
            if name.startswith("pinned/")}


def upload(site: Path, repo: str, ledger: Path | None = None) -> int:
    """Upload every file awaiting upload; go on past a failure, and say so in the exit code."""
    failed = 0
    gone = withdrawn(ledger)
    for entry in pending(site):
        try:
            if (entry["name"], entry["sha256"]) in gone:
                print(f"{entry['name']}: withdrawn by a takedown; not uploaded")
                continue
            print(upload_one(repo, entry, site))
        except ReleaseDiffers as error:
            if entry.get("release_differs"):  # found on an earlier night: said again, no failure
                print(command("warning", f"{error}; kept on the site only, not uploaded: a person must compare "
                                         "the two and say which the site cites"))
                continue
            failed += 1
            print(command("error", f"{error}. This will not pass by itself: from the next night the file is kept "
                                   "on the site only; compare the two and say which the site cites"), file=sys.stderr)
        except UploadError as error:
            failed += 1
            print(command("error", str(error)), file=sys.stderr)
    if failed:
        print(f"{failed} file(s) not uploaded; the site keeps their on-site copies and the next night tries again",
              file=sys.stderr)
    return 1 if failed else 0


def record(out: Path, repo: str, site: Path | None) -> int:
    """Write the upload record: for each file `site`'s pinned list has awaiting upload, the
    finished assets of its tag's published release with their digests, one JSON object a line.
    (Listing every release would stop at GitHub's first 1,000.)"""
    lines = []
    entries = [] if site is None or not (Path(site) / LIST).exists() else pending(site)
    for tag in sorted({e["tag"] for e in entries}):
        release = _published(repo, tag)
        for asset in (release or {}).get("assets") or []:
            if isinstance(asset, dict) and asset.get("state", "uploaded") == "uploaded" \
                    and isinstance(asset.get("name"), str):
                lines.append(json.dumps({"tag": tag, "name": asset["name"], "digest": digest_of(asset)}))
    try:
        Path(out).write_text("".join(line + "\n" for line in lines), encoding="utf-8")
    except OSError as error:
        raise UploadError(f"{out}: the record cannot be written ({error.strerror or error})") from None
    print(f"{out}: {len(lines)} asset(s) in the releases of {len(entries)} file(s) awaiting upload")
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m generator.publish.upload", description=__doc__.split("\n")[0])
    parser.add_argument("--site", type=Path, help="The built site (its data/pinned.json and data/nights/); with "
                                                  "--record, the previous site's copy of its pinned list.")
    parser.add_argument("--repo", help="OWNER/REPO of the releases.")
    parser.add_argument("--list", action="store_true",
                        help="Print every pinned file (permanent address, SHA-256, on-site copy or 'uploaded').")
    parser.add_argument("--record", type=Path, help="Write the upload record to this file instead of uploading.")
    parser.add_argument("--withdrawn", type=Path, help="The takedown ledger (data/takedowns.txt): its pinned "
                                                       "files are never uploaded.")
    args = parser.parse_args(argv)
    if args.repo is not None and not re.fullmatch(REPO, args.repo):
        parser.error(f"--repo {args.repo!r} is not OWNER/REPO")
    try:
        if args.record:
            if not args.repo:
                parser.error("--record needs --repo")
            return record(args.record, args.repo, args.site)
        if not args.site:
            parser.error("--site is needed to list or upload")
        if args.list:
            for entry in listed(args.site):
                print(f"{entry['url']}\t{entry['sha256']}\t{entry.get('onsite') or 'uploaded'}")
            return 0
        if not args.repo:
            parser.error("--repo is needed to upload")
        return upload(args.site, args.repo, args.withdrawn)
    except UploadError as error:
        print(command("error", str(error)), file=sys.stderr)
        return 1


if __name__ == "__main__":
    sys.exit(main())
