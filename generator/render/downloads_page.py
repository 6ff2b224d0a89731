"""The Downloads page: every published file with its columns and size, the nights pinned at
permanent addresses, and the accounts files of the verify API."""

from __future__ import annotations

import functools
import re
from collections.abc import Callable

from markupsafe import Markup, escape

from .. import schema
from ..compute.thinning import DAILY_DAYS
from . import formats, nights, verify, words
from .context import Context
from .downloads import ZIP_NAME, archived_files, published_tables, remade_pin, tonight_pin
from .formatter import site_newest
from .page import Page

PINNED_NIGHTS = 31  # the Downloads page lists a month of nights; data/pinned.json lists them all
URL = "downloads/"

# Where a file's size, or its SHA-256, goes on the page. They are known only once the files
# are written (the night's ZIP is made last, while the pages are built), so the page carries a
# mark with the file's path and the publish step writes them in (with_sizes). A path is made
# of the characters below alone, so the mark reads the same in text and in an attribute.
_PATH = r"[a-z0-9][a-z0-9._/-]*"
_SIZE = re.compile(rf"jdsize:({_PATH});")
_SHA256 = re.compile(rf"jdsha256:({_PATH});")
# Units of a file's size (1 kB is 1,000 bytes), largest first, by their words' keys.
_UNITS = ((10**9, "size_gigabytes"), (10**6, "size_megabytes"), (10**3, "size_kilobytes"))


def size_mark(path: str) -> Markup:
    """The mark of the size of the file at `path` (from the site's root: 'data/handles.csv')."""
    if not _inside(path):
        raise ValueError(f"{path!r} cannot be marked for its size")
    return Markup(f"jdsize:{path};")


def sha256_mark(path: str) -> Markup:
    """The mark of the SHA-256 of the file at `path`, as size_mark."""
    if not _inside(path):
        raise ValueError(f"{path!r} cannot be marked for its SHA-256")
    return Markup(f"jdsha256:{path};")


def _inside(path: str) -> bool:
    """Whether `path` is one a mark may name: within the site, whatever text the page holds."""
    return bool(re.fullmatch(_PATH, path)) and ".." not in path.split("/")


def file_size(n: int, lang: str) -> str:
    """A file's size as a reader weighs it before tapping: 940 bytes, 5.2 kB, 312 MB (940 बाइट,
    5.2 केबी, 312 एमबी), one decimal below 10, the figure and its unit never on two lines.
    The larger unit is taken once its figure shows as 1.0, so no size reads as 1,000 kB."""
    scale, unit = next(((s, u) for s, u in _UNITS if formats.rounded(n / s, 1) >= 1), (1, None))
    if unit is None:
        return byte_count(n, lang)
    digits = 1 if formats.rounded(n / scale, 1) < 10 else 0
    said = words.texts(lang)[unit].format(n=formats.number(n / scale, lang, digits))
    # A size beside a state's name in a narrow column broke between "843" and "बाइट" on a phone.
    return said.replace(" ", formats.NBSP)


def byte_count(n: int, lang: str) -> str:
    """A file's exact size in the site's words, the figure and its unit on one line: 7,032 bytes."""
    said = formats.counted(words.texts(lang), "size_bytes", n, lang).format(n=formats.number(n, lang))
    return said.replace(" ", formats.NBSP)


def with_sizes(html: str, lang: str, size_of: Callable[[str], int | None],
               sha256_of: Callable[[str], str | None] = lambda _: None) -> str:
    """The Downloads page with each mark replaced by its file's size (`size_of` gives it) or
    SHA-256 (`sha256_of`: its hex digits); either None for a file the site does not hold: a
    dash, never a guess."""
    def size(match: re.Match) -> str:
        n = size_of(match[1]) if _inside(match[1]) else None
        return formats.DASH if n is None else str(escape(file_size(n, lang)))

    def sha256(match: re.Match) -> str:
        digest = sha256_of(match[1]) if _inside(match[1]) else None
        return digest if digest is not None and re.fullmatch(r"[0-9a-f]{64}", digest) else formats.DASH
    return _SHA256.sub(sha256, _SIZE.sub(size, html))


# After an underscore, a slash or a file's dot, where a word follows: the places a name of a
# column, a file or a path may end a line (a dot before a digit is a decimal's, kept whole).
_NAME_BREAK = re.compile(r"(?<=\S[_/])(?=\w)|(?<=\S\.)(?=[^\W\d_]{2})")


# A reference written as a cell holds it (source:<id>): one word, which a phone would break
# after its colon, leaving "source:" to read as the end of a sentence. Or a cell's value quoted
# in a sentence (`day`): set as code, as the methodology sets it, so that an English word in a
# Hindi sentence reads as the value it is.
_REFERENCE = re.compile(r"(\b[a-z]+:<[a-z_]+>|`[a-z][a-z_-]*`)")


# The same names and descriptions come back on every build, in both languages: the data
# dictionary is the package's schema. By type too: Markup is not escaped again, a str is.
@functools.lru_cache(maxsize=4096, typed=True)
def breakable(text: str) -> Markup:
    """Text that a phone wraps between its words or inside a name only after an underscore, a
    slash or a dot (followers_on_|precision, complaints.|csv), never inside a word:
    'followers_on_preci' or 'complain' ending a line read as another column or file, nor
    inside a reference (source:<id>) or a value quoted as `day` (set as code)."""
    def whole(piece: str) -> Markup:
        if piece.startswith("`"):
            return Markup("<code>{}</code>").format(piece.strip("`"))
        return Markup('<span class="jd-whole">{}</span>').format(piece)
    return Markup("").join(whole(piece) if i % 2 else Markup("<wbr>").join(escape(name) for name in
                                                                             _NAME_BREAK.split(piece))
                           for i, piece in enumerate(_REFERENCE.split(text)))


def pinned_shown(ctx: Context) -> list[dict]:
    """The pinned files the Downloads page lists, newest first: those awaiting upload,
    the last month of nights and every month's observations."""
    entries = sorted(ctx.model.health.pinned, key=lambda e: e.get("night") or e.get("month") or "", reverse=True)
    recent = {e["name"] for e in [e for e in entries if e.get("night")][:PINNED_NIGHTS]}
    return [e for e in entries if e.get("onsite") or e.get("month") or e["name"] in recent]


def described(path: str, table: schema.Table, title: str, lang: str) -> dict:
    """A file (or a pinned ZIP's member) as the data dictionary gives it: its title, its columns
    and the anchor of its table on the page, in `lang`."""
    hindi = lang == "hi"
    return {"path": path, "title": words.FILES_HI.get(path, title) if hindi else title,
            "anchor": re.sub(r"[<>]", "", path).replace("/", "-").replace(".", "-").lower(),
            "columns": [{"name": breakable(c.name),
                         "kind": breakable(words.TYPES_HI.get(c.kind, c.kind) if hindi else c.kind),
                         "description": breakable(words.column_hi(table.name, c.name, c.description) if hindi
                                                  else c.description)}
                        for c in table.columns]}


def downloads_page(ctx: Context) -> Page:
    m, t = ctx.model, ctx.t
    files = [described(path, table, title, ctx.lang) for path, table, title in published_tables()]
    # A night's ZIP holds a member of its own beside the files: its columns are described too.
    members = [described(path, table, title, ctx.lang) for path, table, title in nights.MEMBER_TABLES]
    # The accounts files of the verify API, with their fields.
    api_files = [verify.api_path(p) for p in verify.platforms(m)]
    api_fields = [(breakable(name), breakable(words.pick(words.API_FIELDS[name], ctx.lang))) for name in verify.FIELDS]
    states = sorted(set(m.handles["state"]), key=lambda c: (c == "IN", ctx.fmt.state(c)))
    body = ctx.render("downloads.html.j2", URL, files=files, members=members,
                      night_zip=nights.night_name("YYYY-MM-DD"), zip_name=ZIP_NAME, tonight=tonight_pin(m, ctx.night),
                      remade=remade_pin(m, ctx.night),
                      # The ZIP's day as exactly as its newest figure knows it ('about Nov 2016').
                      as_of=site_newest(m),
                      archive=archived_files(m), states=states, pinned=pinned_shown(ctx), pinned_nights=PINNED_NIGHTS,
                      daily_days=DAILY_DAYS, api_files=api_files, api_fields=api_fields, size=size_mark,
                      sha256=sha256_mark,
                      file_size=lambda n: file_size(n, ctx.lang), byte_count=lambda n: byte_count(n, ctx.lang),
                      # Without a repository nothing is pinned, nor listed.
                      listed=bool(m.cfg.site.repository_url))
    return Page(URL, t["downloads"], body, in_nav=True)
