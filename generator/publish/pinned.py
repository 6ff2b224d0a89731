"""The list of pinned files (`data/pinned.json`) and the on-site copies the site keeps.

Each build adds the night's ZIP (and a month's observations once the month is complete)
to the list the previous site published. A file stays listed forever with its permanent
address and SHA-256. Until the upload record confirms that the release holds those exact
bytes, the site also carries its on-site copy under data/nights/: taken over from the
previous site only when its SHA-256 is the listed one, never trusted as it is.

The upload record is what `python -m generator.publish.upload --record FILE` writes (one
JSON object per release asset: tag, name, digest), read-only, before the build.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Set
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path

from ..problems import Problem, ProblemError
from ..render import nights
from ..render.downloads import ZIP_NAME
from ..within import open_plain, read_within, why_not
from .upload import DIGEST, malformed

LIST = "pinned.json"  # under data/


# What a build notices about a pinned file, as the operator reads it in the build's output.
# The health page says the same in its own language (words.py, pinned_note_<kind>; a file whose
# release differs, in its list of files kept on the site only), without the detail: a local
# path or a digest is for the operator.
_SAID = {"unreadable": "{detail}; files awaiting upload there are not kept",
         "differs": "{name}: tonight's bytes differ from the pinned ones; the pinned file stays, cited by no "
                    "page whose figures changed",
         "release_differs": "{name}: the release holds other bytes ({detail}); the on-site copy stays",
         "lost": "{name}: awaiting upload, but no on-site copy with its SHA-256 was found; unlisted"}


@dataclass(frozen=True)
class Note:
    kind: str  # a key of _SAID
    name: str  # the pinned file, or the list itself
    detail: str = ""

    def __str__(self) -> str:
        return _SAID[self.kind].format(name=self.name, detail=self.detail)


@dataclass
class Pinned:
    # One per file, by name: name, tag, url, sha256, bytes, night or month, uploaded, onsite, and
    # `differs` where the night was made again with other bytes (_differs).
    entries: list[dict]
    files: dict[str, bytes] = field(default_factory=dict)  # path under data/ -> bytes: the list and the copies
    notes: list[Note] = field(default_factory=list)


def read_record(path: Path) -> dict[tuple[str, str], str]:
    """(tag, name) -> digest ("sha256:...") of every asset the releases hold. The file is read
    through no link and only when plain: a link could lead to any file of the machine, whose
    lines would decide which pinned files the site keeps; a pipe would be waited on for ever."""
    label = str(path)
    try:
        text = read_within(Path(path).parent, Path(path).name).decode("utf-8")
    except OSError as exc:
        raise ProblemError([Problem(label, 0, "--uploaded", why_not(exc))], "nothing was written") from None
    except UnicodeDecodeError:
        raise ProblemError([Problem(label, 0, "--uploaded", "not UTF-8 text")], "nothing was written") from None
    out = {}
    for number, line in enumerate(text.splitlines(), 1):
        if not line.strip():
            continue
        try:
            asset = json.loads(line)
            digest = asset.get("digest") or ""
            # The digest is printed in the build's notes: one not as the record writes it (digest_of)
            # could carry a line of its own into the run's log.
            if not (digest == "" or isinstance(digest, str) and DIGEST.fullmatch(digest)):
                raise ValueError
            out[(str(asset["tag"]), str(asset["name"]))] = digest
        except (ValueError, KeyError, TypeError, AttributeError, RecursionError):
            raise ProblemError([Problem(label, number, "--uploaded", "not an asset of the upload record "
                                                                    '({"tag", "name", "digest"} on one line, the '
                                                                    'digest "sha256:" and 64 hex digits or null)')],
                               "nothing was written") from None
    return out


NOT_PUBLISHED = "the site was not published; the last one stays"


def _previous(root: Path | None, notes: list[Note], first_night: bool = True) -> list[dict]:
    """The pinned list a previous site published. One that is there but cannot be read fails
    closed: without it every file awaiting upload would be dropped for good, silently. On the
    first night (no site published yet) it is only a note."""
    if root is None:
        return []
    path = Path(root) / "data" / LIST
    try:
        listed = json.loads(read_within(root, f"data/{LIST}")).get("files")
        why = "" if isinstance(listed, list) else "not a pinned list"
    except (FileNotFoundError, NotADirectoryError):  # no list, or no folder there (NotPlain: a link)
        return []
    except OSError as error:
        listed, why = None, f"not a pinned list: {why_not(error)}"
    except (ValueError, AttributeError, RecursionError):
        listed, why = None, "not a pinned list"
    for number, entry in enumerate(listed if not why else [], 1):
        if (wrong := malformed(entry)) is not None:
            why = f"entry {number}: {wrong}"
            break
    if why:
        if not first_night:
            raise ProblemError([Problem(str(path), 0, "--pinned-from", f"{why}: the files it lists as awaiting "
                                        "upload would be lost; fetch data/pinned.json from the site online "
                                        "again, or build with --first-night if no site was published yet")],
                               NOT_PUBLISHED)
        notes.append(Note("unreadable", f"data/{LIST}", f"{path}: {why}"))
        return []
    return listed


def listed(site: Path) -> list[dict]:
    """The pinned list a built site publishes ([] where it has none or it cannot be read)."""
    return _previous(site, [])


def fingerprints(entries: list[dict]) -> frozenset[str]:
    """The SHA-256s a pinned list names, each file's, those of the hand-entered rows it holds
    and of the replies a night's was made with: values the program computed, which the
    personal-data audit passes over (a run of 12 digits in one is no Aadhaar number)."""
    named = {d for e in entries for d in e.get("hand_entered") or ()}
    return frozenset(e["sha256"] for e in entries) | named | {e["replies_sha256"] for e in entries
                                                              if e.get("replies_sha256")}


def digests(site: Path) -> frozenset[str]:
    """The SHA-256s a built site states: those its pinned list names (`fingerprints`), and the
    night's ZIP's the Downloads page gives, worked out from the file the site serves (through
    no link; none where it holds none). The program's values where it writes them: hex digits
    that may hold ten in a row, a mobile number's shape."""
    try:
        with open_plain(site, f"data/{ZIP_NAME}") as (handle, _):
            served = {hashlib.file_digest(handle, "sha256").hexdigest()}
    except OSError:
        served = set()
    return fingerprints(listed(site)) | served


def _kept(root: Path | None, entry: dict) -> tuple[bytes | None, str]:
    """The previous site's on-site copy of `entry` when its bytes are the listed ones, else
    None and why not. That site is a copy others wrote (fetched, or restored from a cache): a
    link there is never followed out of it."""
    if root is None:
        return None, "no previous site"
    try:
        data = read_within(root, f"data/{nights.onsite_path(entry['name'])}")
    except OSError as error:
        return None, why_not(error)
    return (data, "") if hashlib.sha256(data).hexdigest() == entry.get("sha256") else (None, "other bytes")


def _entry(pinned: nights.PinnedFile, repository_url: str, in_nights_from: str | None) -> dict:
    entry = {"name": pinned.name, "tag": pinned.tag, "url": nights.release_url(repository_url, pinned.tag, pinned.name),
             "sha256": pinned.sha256, "bytes": len(pinned.data), "night": pinned.night, "month": pinned.month,
             "uploaded": False, "hand_entered": list(pinned.hand_entered)}
    if pinned.month:
        return entry | {"in_nights_from": in_nights_from}
    # A night's ZIP holds the replies its scorecards count (nights.REPLIES_MEMBER): said, as
    # one pinned before it did not, with what the replies were when it was made, as an older
    # night run again later writes some it lacks (downloads.holds_replies).
    return entry | {"replies_window": True, "replies_sha256": pinned.replies_sha256}


def _in_nights_from(tonight: nights.PinnedFile | None, listed: dict[str, dict]) -> str | None:
    """The first night whose ZIP holds every hand-entered row a month's file made tonight lists
    (downloads.cited_pin): tonight's, where tonight's ZIP as pinned is the one made with it (same
    bytes, same rows), else the next (tonight's was pinned before, by a build that may have had
    fewer rows: a month's file unlisted as lost and made again, say)."""
    if tonight is None:
        return None
    pinned = listed.get(tonight.name, {}).get("sha256", tonight.sha256)
    if pinned == tonight.sha256:
        return tonight.night
    return (date.fromisoformat(tonight.night) + timedelta(days=1)).isoformat()


DIFFERS_LISTED = 100  # more departments changed than this: the file is cited for none


def _differs(kept: bytes | None, tonight: bytes) -> list[str] | bool:
    """What a night's pinned file, made again with other bytes, no longer holds as the pages
    show it: the departments whose rows changed (downloads.cited_pin cites it for none of
    them), or True, for every page, where its bytes are not here to compare (uploaded)."""
    changed = nights.departments_changed(kept, tonight) if kept is not None else None
    # The list is kept for good: a night whose ranks all moved names no thousands of ids.
    return True if changed is None or len(changed) > DIFFERS_LISTED else changed


def _confirmed(entry: dict, record: dict[tuple[str, str], str] | None) -> str | None:
    """What the upload record says the release holds under `entry`'s name: "yes" (its listed
    bytes), "other" (other bytes), None (the record does not name it)."""
    held = (record or {}).get((entry["tag"], entry["name"]))
    return None if not held else "yes" if held == f"sha256:{entry['sha256']}" else "other"


def _lost(name: str, why: str) -> Problem:
    return Problem(f"data/{nights.onsite_path(name)}", 0, "--pinned-from",
                   f"awaiting upload, but no on-site copy with its listed SHA-256 was found ({why}): fetch it "
                   "from the site online again, or build with --drop-lost-pinned to unlist it (its permanent "
                   "address will then never hold it)")


def check_carried(repository_url: str, previous: Path | None, record: dict[tuple[str, str], str] | None,
                  first_night: bool = False, drop_lost: bool = False,
                  withdrawn: Set[tuple[str, str]] = frozenset()) -> None:
    """Stop the night, as `pin` would, on a previous list that cannot be read or a file it
    lists as awaiting upload whose on-site copy is not found: these need nothing of tonight's,
    so a night that would stop does so before the data are read and the figures computed.
    `pin` checks again when it takes them over (the previous site may change in between)."""
    if not repository_url:
        return
    lost = []
    for entry in _previous(previous, [], first_night):
        confirmed = _confirmed(entry, record)
        if confirmed == "yes" or (confirmed is None and entry.get("uploaded")) \
                or (entry["name"], entry["sha256"]) in withdrawn:
            continue
        copy, why = _kept(previous, entry)
        if copy is None and not drop_lost:
            lost.append(_lost(entry["name"], why))
    if lost:
        raise ProblemError(lost, NOT_PUBLISHED)


def pin(model, repository_url: str, previous: Path | None, record: dict[tuple[str, str], str] | None,
        first_night: bool = False, drop_lost: bool = False,
        withdrawn: Set[tuple[str, str]] = frozenset()) -> Pinned:
    """The pinned list after tonight, and the on-site copies to publish with it. Without a
    repository there is no permanent address: nothing is pinned. A file awaiting upload whose
    on-site copy is not found stops the night (`drop_lost`: it is unlisted, with a note). A file
    a takedown withdrew (`withdrawn`, (name, sha256) pairs of the ledger) stays listed as
    withdrawn, with neither an on-site copy nor an upload."""
    if not repository_url:
        return Pinned([])
    notes: list[Note] = []
    listed = {e["name"]: dict(e) for e in _previous(previous, notes, first_night)}
    lost: list[Problem] = []
    fresh = [nights.night_file(model), *nights.month_files(model, {e.get("month") for e in listed.values()})]
    in_nights_from = _in_nights_from(fresh[0], listed)
    data: dict[str, bytes] = {}
    for pinned in filter(None, fresh):
        if pinned.name in listed:  # written once: a re-run of the night does not replace it
            entry = listed[pinned.name]
            entry.pop("differs", None)
            if entry.get("sha256") != pinned.sha256:
                notes.append(Note("differs", pinned.name))
                entry["differs"] = _differs(_kept(previous, entry)[0], pinned.data)
            continue
        listed[pinned.name] = _entry(pinned, repository_url, in_nights_from)
        data[pinned.name] = pinned.data
    entries, files = [], {}
    for name, entry in sorted(listed.items()):
        confirmed = _confirmed(entry, record)
        if confirmed == "yes":
            entry["uploaded"] = True
            entry.pop("release_differs", None)
        elif confirmed:
            notes.append(Note("release_differs", name, record[(entry["tag"], name)]))
            # Kept for the nights built without a record: its address holds other bytes for
            # good (never overwritten), so no page names it (downloads.night_pin).
            entry |= {"uploaded": False, "release_differs": True}
        entry = {"night": None, "month": None, "bytes": None} | entry | {"onsite": None}
        if (name, entry["sha256"]) in withdrawn:
            entries.append(entry | {"withdrawn": True, "uploaded": False})
            continue
        if not entry.get("uploaded"):
            copy, why = (data[name], "") if name in data else _kept(previous, entry)
            if copy is None:
                if not drop_lost:
                    lost.append(_lost(name, why))
                notes.append(Note("lost", name))
                continue
            entry["onsite"] = f"data/{nights.onsite_path(name)}"
            files[nights.onsite_path(name)] = copy
        entries.append(entry)
    if lost:
        raise ProblemError(lost, NOT_PUBLISHED)
    files[LIST] = (json.dumps({"files": entries}, indent=1, sort_keys=True) + "\n").encode("utf-8")
    return Pinned(entries, files, notes)
