"""The night's ZIP, written member by member, where a member unchanged since the last night
can be taken from that night's ZIP as it was compressed instead of compressed again.

Compressing a night's files is most of the cost of its ZIP, and on a night in which a tenth
of the accounts were looked up nine department files in ten are the last night's. Python's
zipfile cannot take a member already compressed, so the records are written here; they are
the ones zipfile writes (a test holds the two to the same bytes), so a member taken over and
a member compressed tonight make the same ZIP. The last night's ZIP is verified, never
trusted: it is read only when its digest is the one its build recorded, by the same code
(publish/build.py, last_zip), and a member is taken over only when it inflates to tonight's
file byte for byte.
"""

from __future__ import annotations

import io
import struct
import zipfile
import zlib
from typing import NamedTuple

# zlib's default, 6: a fifth smaller than the fastest level, at 2.7 times its cost; with the
# last night's members taken over, a night compresses only what it changed.
LEVEL = zlib.Z_DEFAULT_COMPRESSION
_LOCAL = struct.Struct("<4s2B4HL2L2H")
_CENTRAL = struct.Struct("<4s4B4HL2L5H2L")
_END = struct.Struct("<4s4H2LH")
_END64 = struct.Struct("<4sQ2H2L4Q")
_LOCATOR = struct.Struct("<4sLQL")
_VERSION = 20  # deflate, as zipfile writes it
_ZIP64_VERSION = 45
_UNIX = 3
_UTF8_NAME = 0x800
_MOST_MEMBERS = 0xFFFF  # beyond this the end record is a ZIP64 one
_LARGEST = 0x7FFFFFFF  # beyond this zipfile gives a member ZIP64 fields


class Member(NamedTuple):
    """A member of a ZIP as stored: its deflated bytes, their CRC and the size they inflate to."""

    deflated: bytes
    crc: int
    size: int


def deflated(data: bytes) -> bytes:
    """`data` compressed as a ZIP member is (raw deflate, no header)."""
    compressor = zlib.compressobj(LEVEL, zlib.DEFLATED, -15)
    return compressor.compress(data) + compressor.flush()


def inflates_to(member: Member, data: bytes) -> bool:
    """Whether `member` is `data` compressed, and nothing more."""
    if member.size != len(data) or member.crc != zlib.crc32(data):
        return False
    inflate = zlib.decompressobj(-15)
    try:
        return inflate.decompress(member.deflated, len(data) + 1) == data and inflate.eof \
            and not inflate.unused_data
    except zlib.error:
        return False


def members(data: bytes) -> dict[str, Member]:
    """The deflated members of a ZIP by name; {} when `data` is not a ZIP this module reads
    (a broken or foreign file costs the saving, never the night)."""
    found = {}
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as old:
            for info in old.infolist():
                start = info.header_offset
                head = data[start:start + _LOCAL.size]
                if len(head) < _LOCAL.size or head[:4] != zipfile.stringFileHeader \
                        or info.compress_type != zipfile.ZIP_DEFLATED or info.flag_bits & ~_UTF8_NAME:
                    continue
                name_length, extra_length = _LOCAL.unpack(head)[-2:]
                begin = start + _LOCAL.size + name_length + extra_length
                found[info.filename] = Member(data[begin:begin + info.compress_size], info.CRC, info.file_size)
    except Exception:  # noqa: BLE001 - a damaged file raises what zipfile meets (NotImplementedError, EOFError, ...)
        return {}
    return found


def _dos(when: tuple[int, ...]) -> tuple[int, int]:
    year, month, day, hour, minute, second = when
    return hour << 11 | minute << 5 | second // 2, (year - 1980) << 9 | month << 5 | day


class ZipWriter:
    """A ZIP in memory, every member deflated and dated `when` (a ZIP's local time), readable
    by owner and others (as zipfile is given 0o644)."""

    def __init__(self, when: tuple[int, ...]) -> None:
        self._time, self._date = _dos(when)
        self._out = io.BytesIO()
        self._central: list[bytes] = []

    def add(self, name: str, data: bytes, member: Member | None = None) -> None:
        """Add `data` as `name`, compressed now, or as `member` when it was compressed before."""
        if member is None:
            member = Member(deflated(data), zlib.crc32(data), len(data))
        if member.size * 1.05 > _LARGEST or len(member.deflated) > _LARGEST:
            raise ValueError(f"{name}: {member.size:,} bytes is more than a ZIP member holds without ZIP64")
        encoded, flags = (name.encode("ascii"), 0) if name.isascii() else (name.encode("utf-8"), _UTF8_NAME)
        offset = self._out.tell()
        if offset > _LARGEST:
            raise ValueError(f"{name}: the ZIP is larger than one without ZIP64 can hold")
        fields = (flags, zipfile.ZIP_DEFLATED, self._time, self._date, member.crc, len(member.deflated), member.size,
                  len(encoded))
        self._out.write(_LOCAL.pack(zipfile.stringFileHeader, _VERSION, 0, *fields, 0) + encoded)
        self._out.write(member.deflated)
        self._central.append(_CENTRAL.pack(zipfile.stringCentralDir, _VERSION, _UNIX, _VERSION, 0, *fields,
                                           0, 0, 0, 0, 0o644 << 16, offset) + encoded)

    def close(self) -> bytes:
        """The ZIP's bytes, with its central directory and end records."""
        start = self._out.tell()
        self._out.write(b"".join(self._central))
        count, size = len(self._central), self._out.tell() - start
        if count > _MOST_MEMBERS or start > _LARGEST or size > _LARGEST:
            end = self._out.tell()
            self._out.write(_END64.pack(zipfile.stringEndArchive64, 44, _ZIP64_VERSION, _ZIP64_VERSION, 0, 0,
                                        count, count, size, start))
            self._out.write(_LOCATOR.pack(zipfile.stringEndArchive64Locator, 0, end, 1))
            count, size, start = min(count, _MOST_MEMBERS), min(size, 0xFFFFFFFF), min(start, 0xFFFFFFFF)
        self._out.write(_END.pack(zipfile.stringEndArchive, 0, 0, count, count, size, start, 0))
        return self._out.getvalue()
