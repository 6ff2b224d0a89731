"""The night's ZIP: written as zipfile writes it, and a member the last night's ZIP holds is
taken over only where it inflates to tonight's file."""

import io
import json
import os
import shutil
import zipfile
from datetime import timedelta

from generator.publish.build import MARKER, last_zip, read_manifest
from generator.render import zipped
from generator.render.downloads import _Bundle

from .helpers import FIRST_NIGHT, add_night, build
from .test_reuse import same_as_a_full_build

WHEN = (2026, 11, 25, 0, 0, 0)
FILES = [("handles.csv", b"department_id,followers\nup-police,1000\n"),
         ("departments/उ-प्र.csv", ("नमस्ते,१२३\n" * 4000).encode()),
         ("empty.txt", b""),
         ("departments/up-police.csv", bytes(range(256)) * 800)]


def by_zipfile(files, when=WHEN) -> bytes:
    """The ZIP as Python's zipfile writes it, with the night's settings."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as out:
        for name, data in files:
            info = zipfile.ZipInfo(name, date_time=when)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            out.writestr(info, data)
    return buffer.getvalue()


def by_writer(files, last=None) -> tuple[bytes, int]:
    bundle = _Bundle("2026-11-25", last)
    for name, data in files:
        bundle.add(name, data)
    return bundle.close(), bundle.taken


def test_the_zip_is_the_one_zipfile_writes_byte_for_byte():
    assert by_writer(FILES) == (by_zipfile(FILES), 0)
    # More members than a plain end record counts: the ZIP64 end records, as zipfile writes them.
    many = [(f"d/{i}.csv", f"{i}\n".encode()) for i in range(0x10000 + 5)]
    written, _ = by_writer(many)
    assert written == by_zipfile(many)
    with zipfile.ZipFile(io.BytesIO(written)) as read:
        assert len(read.infolist()) == len(many) and read.read("d/65539.csv") == b"65539\n"


def test_a_member_is_taken_from_the_last_zip_only_where_it_inflates_to_tonights_file():
    last = zipped.members(by_zipfile(FILES))
    assert set(last) == {name for name, _ in FILES}
    tonight = [FILES[0], (FILES[1][0], FILES[1][1] + b"x"), *FILES[2:]]  # one file changed
    # A member altered in the last ZIP, its recorded CRC and size left as they were.
    bent = bytearray(last["departments/up-police.csv"].deflated)
    bent[len(bent) // 2] ^= 0x55
    last["departments/up-police.csv"] = last["departments/up-police.csv"]._replace(deflated=bytes(bent))
    written, taken = by_writer(tonight, last)
    assert taken == 2  # handles.csv and the empty file; not the changed one, not the altered one
    assert written == by_zipfile(tonight)
    with zipfile.ZipFile(io.BytesIO(written)) as read:
        assert read.testzip() is None


def test_what_is_not_a_zip_costs_the_saving_never_the_night():
    assert zipped.members(b"") == {} and zipped.members(b"PK\x03\x04 not a zip") == {}
    # A central record asking for a version of the format zipfile does not read.
    damaged = bytearray(by_zipfile(FILES))
    central = damaged.index(zipfile.stringCentralDir)
    damaged[central + 6:central + 8] = (64).to_bytes(2, "little")
    assert zipped.members(bytes(damaged)) == {}
    stored = io.BytesIO()
    with zipfile.ZipFile(stored, "w", zipfile.ZIP_STORED) as out:
        out.writestr("handles.csv", "a\n")
    assert zipped.members(stored.getvalue()) == {}  # not compressed as the night's are
    assert by_writer(FILES, zipped.members(by_zipfile(FILES)[:-30])) == (by_zipfile(FILES), 0)


def test_a_night_takes_the_unchanged_members_of_the_last_and_makes_the_zip_a_full_build_makes(
        tmp_path, first_night, monkeypatch):
    data, out = first_night  # built whole on FIRST_NIGHT
    assert last_zip(out) == next((out / "data").glob("jawabdehi-*.zip")).read_bytes()
    taken = []
    close = _Bundle.close
    monkeypatch.setattr(_Bundle, "close", lambda self: taken.append(self.taken) or close(self))
    night = FIRST_NIGHT + timedelta(days=1)
    add_night(data, night, 2000)
    build(data, out, night)
    with zipfile.ZipFile(out / "data" / "jawabdehi-latest.zip") as made:
        members = len(made.infolist())
    assert 0 < taken[0] < members  # UP Police's files and the everything-files were compressed again
    same_as_a_full_build(tmp_path, data, out, night)
    # Made by other code, the last ZIP is not taken from: its members may be compressed otherwise.
    manifest = read_manifest(out)
    manifest["audit"]["code"] = "0" * 32
    (out / MARKER).write_text(json.dumps(manifest), encoding="utf-8")
    assert last_zip(out) is None


def test_the_last_zip_is_read_only_as_its_build_wrote_it(first_night, tmp_path):
    """The same files compressed otherwise inflate to tonight's files, yet are not what this
    build writes: only the ZIP whose digest the last build recorded is read, and only a file
    of the site (its folder a link to a copy elsewhere, with the same bytes: not read)."""
    _, out = first_night
    path = next((out / "data").glob("jawabdehi-*.zip"))
    shutil.move(out / "data", tmp_path / "elsewhere")
    (out / "data").symlink_to(tmp_path / "elsewhere", target_is_directory=True)
    assert last_zip(out) is None
    (out / "data").unlink()
    shutil.move(tmp_path / "elsewhere", out / "data")
    assert last_zip(out) == path.read_bytes()
    with zipfile.ZipFile(path) as old:
        files = [(info.filename, old.read(info)) for info in old.infolist()]
    again = io.BytesIO()
    with zipfile.ZipFile(again, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as out_zip:
        for name, data in files:
            out_zip.writestr(name, data)
    path.write_bytes(again.getvalue())
    assert last_zip(out) is None
    path.unlink()
    os.mkfifo(path)  # read, it would never end
    assert last_zip(out) is None
