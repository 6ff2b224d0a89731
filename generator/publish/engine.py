"""The one module that knows the static-site engine (mkdocs with mkdocs-material).

Everything else hands it `Page`s: a URL, a plain-text title and description, and a body.
Titles and descriptions reach the theme as data through a small plugin, escaped here
because the theme prints them without escaping; nothing is written as YAML by hand.

Pages in the navigation are built by mkdocs one by one. The thousands of pages outside it
(scorecards, list pages) all share one shell per folder: mkdocs builds one prototype page
per folder with markers where the title, description, URL and body go, and every page of
that folder is that shell with its own values put in. The shell is the theme's own output,
so the pages are the ones mkdocs would build (a test compares both ways byte for byte);
a prototype whose markers are not where expected makes the language build every page
through mkdocs instead. Moving to another engine that reads mkdocs.yml means changing
this file only.
"""

from __future__ import annotations

import copy
import functools
import hashlib
import json
import logging
import os
import posixpath
import re
import shutil
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field, replace
from pathlib import Path
from urllib.parse import urlsplit

import yaml
from markupsafe import escape

from .. import paths
from ..problems import ConfigError, Problem
from ..render import urls, words
from ..render.compiled import bytecode_cache
from ..render.page import SLOT, Page, with_slots
from ..within import read_plain, same_file

PROTOTYPE = "jd-prototype"
TITLE_MARK = "jdprototitle0x"
DESCRIPTION_MARK = "jdprotodescription0x"
BODY_MARK = '<div class="jd-prototype"><h1>jdprotobody0x</h1></div>'
CSS = ["assets/stylesheets/jawabdehi.css"]
# Scripts come with the pages that use them; on every page only the menu button for a keyboard.
JS: list[str] = ["assets/javascripts/drawer.js"]

ALTERNATE = {
    "hi": [{"name": "हिन्दी", "link": "./", "lang": "hi"}, {"name": "English", "link": "./en/", "lang": "en"}],
    "en": [{"name": "हिन्दी", "link": "../", "lang": "hi"}, {"name": "English", "link": "./", "lang": "en"}],
}


class EngineError(RuntimeError):
    pass


class KeptPageError(RuntimeError):
    """A page kept from the last build is not the page rendered (found when CHECK_KEPT is set)."""


# Set, every page is rendered, and each one that would have been kept is checked to equal it:
# the test suite sets it, so that every night it builds checks what a page's key covers.
CHECK_KEPT = "JAWABDEHI_CHECK_KEPT"


@dataclass(frozen=True)
class Last:
    """One language's pages of the last build, where they may be linked or kept."""

    folder: Path                                          # that language's folder of the site
    digests: dict[str, str] = field(default_factory=dict)  # url -> the page's digest (_digest)
    keys: dict[str, list] = field(default_factory=dict)    # url -> [key, shell digest, slots' spans]
    files: dict[str, str] = field(default_factory=dict)    # 'url/index.html' -> its bytes' digest
    audited: bool = False  # its audit let through nothing tonight's does not: a page it wrote stands


@dataclass
class LanguageResult:
    built: int = 0                  # pages mkdocs rendered itself
    stamped: int = 0                # pages made from a prototype shell
    written: int = 0                # page files written (new or changed)
    reused: int = 0                 # page files unchanged since the previous build, linked
    fallback: str | None = None     # why stamping was not used, if it was not
    digests: dict[str, str] = field(default_factory=dict)
    files: dict[str, str] = field(default_factory=dict)  # the bytes' digest of each stamped page file
    keys: dict[str, list] = field(default_factory=dict)  # url -> [key, shell digest, spans], for Last.keys
    kept: int = 0                   # pages kept from the last build, not rendered, their slots put in


def _src(url: str) -> str:
    return f"{url}index.md"


def html_body(page: Page) -> str:
    """An HTML body in the form Markdown gives it back: blank lines at its ends dropped and
    runs of blank lines made one. Both build paths use it, so they agree."""
    return re.sub(r"\n[ \t]*\n(?:[ \t]*\n)*", "\n\n", page.body.strip())


def _text(value: str) -> str:
    """Plain text as it must reach the theme, which prints titles and descriptions raw."""
    return str(escape(value))


class _MetaPlugin:
    """Gives each page its title, description and layout as data, after mkdocs read it, and
    the theme its compiled templates (render.compiled)."""

    def __init__(self, meta: dict[str, dict]):
        self.meta = meta

    def on_page_markdown(self, markdown, page, config, files):
        extra = self.meta.get(page.file.src_uri)
        if extra:
            page.meta.update(extra)
        return markdown

    def on_page_content(self, html, page, config, files):
        # A heading's own link ("#") was read as part of the heading's name and was a Tab stop
        # of its own before every section: the table of contents links each section already.
        return _HEADERLINK.sub(r'\1 aria-hidden="true" tabindex="-1"', html)

    def on_env(self, env, config, files):
        env.bytecode_cache = bytecode_cache()
        return env


_HEADERLINK = re.compile(r'(<a class="headerlink" href="#[^"]*")')


def read_settings(project: Path) -> dict:
    """The project's mkdocs.yml as a mapping; a file that is not one (unreadable, not UTF-8,
    broken YAML, a list) is a problem with its line, not a traceback."""
    path = project / paths.MKDOCS_YML
    try:
        settings = copy.deepcopy(_parsed(path.read_text(encoding="utf-8")))
    except OSError as error:
        raise ConfigError([Problem(str(path), 0, "-", f"cannot be read: {error.strerror or error}")]) from None
    except UnicodeDecodeError as error:
        line = path.read_bytes()[:error.start].count(b"\n") + 1
        raise ConfigError([Problem(str(path), line, "-", "is not UTF-8 text")]) from None
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        said = getattr(error, "problem", None) or "not valid YAML"
        raise ConfigError([Problem(str(path), mark.line + 1 if mark else 0, "-", f"not valid YAML: {said}")]) from None
    if settings is None:
        return {}
    if not isinstance(settings, dict):
        raise ConfigError([Problem(str(path), 1, "-", "must be a mapping of settings (site_name: ..., theme: ...)")])
    return settings


@functools.lru_cache(maxsize=16)
def _parsed(text: str) -> object:
    """A settings file's text parsed, once per text: a build reads mkdocs.yml five times.
    Callers get their own copy (a build's settings are changed in place)."""
    return yaml.safe_load(text)


def site_url(project: Path) -> str:
    """Where the project's mkdocs.yml says the site is served ('' when it does not say)."""
    return str(read_settings(project).get("site_url") or "")


def _theme_dir(project: Path, work: Path, lang: str) -> Path:
    """The package's theme overrides, with the project's own (site/overrides) on top: a copy
    per language, as the languages are built side by side. A project without its own uses the
    package's where they are, so their compiled templates are found again on the next build
    (render/compiled.py keys them by the file's path)."""
    own = project / "site" / "overrides"
    if not own.is_dir():
        return paths.THEME_OVERRIDES
    target = work / f"overrides-{lang}"
    if not target.exists():
        shutil.copytree(paths.THEME_OVERRIDES, target)
        shutil.copytree(own, target, dirs_exist_ok=True)
    return target


def _settings(project: Path, work: Path, docs: Path, site: Path, lang: str, nav: list[tuple[str, str]],
              hidden: list[str], banner: str | None = None, footer: dict | None = None) -> dict:
    settings = read_settings(project)
    settings.update(docs_dir=str(docs), site_dir=str(site),
                    nav=[{title: _src(url)} for title, url in nav], not_in_nav="\n".join(hidden))
    theme = dict(settings.get("theme") or {"name": "material"})
    theme.update(language=lang, custom_dir=str(_theme_dir(project, work, lang)))
    settings["theme"] = theme
    settings["extra_css"] = CSS + [c for c in settings.get("extra_css") or [] if c not in CSS]
    settings["extra_javascript"] = JS + [j for j in settings.get("extra_javascript") or [] if j not in JS]
    settings.setdefault("extra", {})["alternate"] = ALTERNATE[lang]
    settings["extra"]["jd_banner"] = _text(banner) if banner else ""
    settings["extra"]["jd_footer"] = {key: _text(value) for key, value in (footer or {}).items()}
    settings["extra"]["jd_name"] = name_parts(str(settings.get("site_name") or ""), lang)
    if settings.get("site_url") and lang != "hi":
        settings["site_url"] = settings["site_url"].rstrip("/") + "/" + urls.LANG_ROOT[lang]
    settings["markdown_extensions"] = [_permalink_titled(e, lang) for e in settings.get("markdown_extensions") or []]
    return settings


def _permalink_titled(extension: object, lang: str) -> object:
    """A heading's own link is titled in the page's language (the toc extension's default is
    English on every page), unless the project titled it itself."""
    if not isinstance(extension, dict) or not isinstance(extension.get("toc"), dict) \
            or not extension["toc"].get("permalink") or "permalink_title" in extension["toc"]:
        return extension
    return {"toc": {**extension["toc"], "permalink_title": words.texts(lang)["permalink_title"]}}


def name_parts(name: str, lang: str) -> list[list[str]]:
    """The site's name in its parts ("जवाबदेही · Jawabdehi"), each with the language of its
    script where that is not the page's, so a screen reader on an English page says the
    Hindi part in Hindi (and the reverse)."""
    parts = []
    for part in name.split(" · "):
        script = "hi" if any("\u0900" <= c <= "\u097f" for c in part) else "en"
        parts.append([part, "" if script == lang else script])
    return parts


def _theme_files(dirs: list[str]) -> list[str]:
    """Every file of the theme's folders, as jinja lists templates, but never looking inside a
    folder whose name starts with a dot: mkdocs copies nothing from one, and the theme's
    .icons folder alone holds some 14,000 files that mkdocs would otherwise list and match
    against its patterns one by one, twice a build."""
    found = set()
    for top in dirs:
        for folder, subfolders, files in os.walk(top):
            subfolders[:] = [d for d in subfolders if not d.startswith(".")]
            relative = os.path.relpath(folder, top)
            for name in files:
                found.add(name if relative == "." else f"{relative}/{name}".replace(os.sep, "/"))
    return sorted(found)


def warm(project: Path) -> None:
    """Import the engine, its theme and the Markdown extensions mkdocs.yml names, and look up
    the installed themes and plugins, in this process: the language processes forked after
    it inherit them, where each would otherwise import and look up all of it again (about a
    tenth of a second each, on every build a long-lived caller makes)."""
    import importlib

    from mkdocs.commands import build  # noqa: F401
    from mkdocs.config import defaults  # noqa: F401 (looks up the installed plugins once)
    from mkdocs.utils import get_themes

    get_themes()
    try:
        listed = read_settings(project).get("markdown_extensions") or []
    except ConfigError:
        listed = []  # said by the build, with its line
    names = [next(iter(e), "") if isinstance(e, dict) else str(e) for e in listed if isinstance(e, (dict, str))]
    # The theme's templates, the extensions mkdocs always adds and the theme's code highlighting.
    always = ["material.templates", "markdown.extensions.fenced_code", "markdown.extensions.codehilite"]
    for name in [*always, *(f"markdown.extensions.{n}" if "." not in n else n for n in names if n)]:
        try:
            importlib.import_module(name)
        except Exception:  # mkdocs names a missing or broken extension itself, where it builds
            pass


# Settings mkdocs takes only from the file (INHERIT), or that would clash with load_config's own names.
_READ_FROM_FILE = {"INHERIT", "config_file", "config_file_path"}


def _run_mkdocs(settings: dict, config_file: Path, meta: dict[str, dict]) -> None:
    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    logging.getLogger("mkdocs").setLevel(logging.WARNING)
    if any(value is None for value in settings.values()) or _READ_FROM_FILE & settings.keys():
        config_file.write_text(yaml.safe_dump(settings, allow_unicode=True), encoding="utf-8")
        config = load_config(config_file=str(config_file))
    else:
        # Given as keywords, the settings are taken as they are: written as YAML they were
        # read back by mkdocs' pure-Python loader, twice a build. (A keyword set to None
        # would be dropped, and the rest mean something only in a file.)
        config_file.write_text("{}\n", encoding="utf-8")
        config = load_config(config_file=str(config_file), **settings)
    config.plugins["jawabdehi-meta"] = _MetaPlugin(meta)
    theme, get_env = config.theme, config.theme.get_env

    def env():
        made = get_env()
        made.loader.list_templates = functools.partial(_theme_files, list(theme.dirs))
        return made

    theme.get_env = env
    build(config)


def _write_docs(docs: Path, lang: str, pages: list[Page]) -> dict[str, dict]:
    """Write the pages mkdocs builds itself; return their metadata by source path."""
    meta = {}
    for page in pages:
        target = docs / _src(page.url)
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(page.body if page.markdown else html_body(page), encoding="utf-8")
        # The home page's title is the site's name alone: the theme prints it once.
        info = {"hide": list(page.hide), **page.meta} | ({"title": _text(page.title)} if page.url else {})
        if page.description:
            info["description"] = _text(page.description)
        meta[_src(page.url)] = info
    shutil.copytree(paths.THEME_ASSETS, docs / "assets", dirs_exist_ok=True,
                    ignore=shutil.ignore_patterns("vendor") if lang != "hi" else None)
    return meta


def _folder(url: str) -> str:
    return url.rstrip("/").rpartition("/")[0] + "/" if "/" in url.rstrip("/") else ""


def _group_key(page: Page) -> tuple[str, tuple[str, ...]]:
    return _folder(page.url), page.hide


def _stampable(page: Page) -> bool:
    # A body without its own h1 would get one from the theme, a page without a description
    # the site's, and a top-level page has no folder to share a shell with.
    return (not page.in_nav and not page.markdown and "<h1" in page.body and bool(page.description)
            and _folder(page.url) != "")


class _Shell:
    """A prototype page cut at its markers, ready to take any page of its folder."""

    def __init__(self, html: str, proto_url: str):
        for mark in (BODY_MARK, TITLE_MARK, proto_url):
            if mark not in html:
                raise EngineError(f"the theme's page for {proto_url} lacks the marker {mark!r}")
        if html.count(BODY_MARK) != 1 or DESCRIPTION_MARK not in html:
            raise EngineError(f"the theme's page for {proto_url} does not show body and description once")
        self.parts = re.split(f"({re.escape(BODY_MARK)}|{TITLE_MARK}|{DESCRIPTION_MARK}|{re.escape(proto_url)})",
                              html)
        self.proto_url = proto_url
        self.body_at = self.parts.index(BODY_MARK)
        self.digest = hashlib.blake2b(html.encode("utf-8"), digest_size=16).hexdigest()

    def fill(self, page: Page) -> tuple[str, str, str]:
        """The page's file as (what comes before its body, its body, what comes after)."""
        values = {TITLE_MARK: _text(page.title), DESCRIPTION_MARK: _text(page.description), self.proto_url: page.url}
        out = [values.get(part, part) if i % 2 else part for i, part in enumerate(self.parts)]
        return "".join(out[:self.body_at]), html_body(page), "".join(out[self.body_at + 1:])


def _digest(shell: _Shell, page: Page) -> str:
    h = hashlib.blake2b(digest_size=16)
    for part in (shell.digest, page.url, page.title, page.description, page.body, repr(page.slots)):
        h.update(part.encode("utf-8"))
        h.update(b"\0")
    return h.hexdigest()


def _slotted(before: str, body: str, after: str, slots: tuple[tuple[str, str], ...]) -> tuple[bytes, list[list]]:
    """A page's bytes with its slots filled, and [name, offset, length] of each in them.
    Only a page with slots is cut at the marker (a page has it once per slot, or none)."""
    pieces = body.split(SLOT) if slots else [body]
    out, spans = bytearray(before.encode("utf-8")), []
    for (name, text), piece in zip(((None, ""), *slots), pieces, strict=True):
        if name is not None:
            value = text.encode("utf-8")
            spans.append([name, len(out), len(value)])
            out += value
        out += piece.encode("utf-8")
    out += after.encode("utf-8")
    return bytes(out), spans


def _respliced(old: bytes, spans: list[list], slots: dict[str, str]) -> tuple[bytes, list[list]]:
    """The last build's file with tonight's slot texts in place of its own."""
    out, new_spans, at = bytearray(), [], 0
    for name, offset, length in spans:
        out += old[at:offset]
        value = slots[name].encode("utf-8")
        new_spans.append([name, len(out), len(value)])
        out += value
        at = offset + length
    out += old[at:]
    return bytes(out), new_spans


def _spans_fit(spans: object, data: bytes) -> bool:
    """A record of slots' spans that can cut `data`: in order, inside it, each on whole
    characters."""
    if not isinstance(spans, list):
        return False
    at = 0
    for span in spans:
        if not (isinstance(span, list) and len(span) == 3 and isinstance(span[0], str)
                and all(type(v) is int for v in span[1:]) and at <= span[1] and span[2] >= 0):
            return False
        at = span[1] + span[2]
        if at > len(data) or any(0x80 <= data[i] < 0xC0 for i in (span[1], at) if i < len(data)):
            return False  # past the end, or inside a character's bytes
    return True


def _slot_lines(data: bytes, spans: list[list]) -> str:
    """The lines of a page that hold its slots: what changed in a kept page, for the audit."""
    lines = []
    for _, offset, length in spans:
        start = data.rfind(b"\n", 0, offset) + 1
        end = data.find(b"\n", offset + length)
        lines.append(data[start:len(data) if end < 0 else end].decode("utf-8"))
    return "\n".join(lines)


class _Keeper:
    """Which pages of the last build can be kept: the same key, the same shell, and a file
    on disk whose bytes are the ones that build recorded (a manifest says what a build
    wrote, not what the folder holds now), reached through no link (the last site may be
    one restored from a cache others could write)."""

    def __init__(self, last: Last | None, shells: dict[str, _Shell], check: bool):
        self.last, self.shells, self.check = last, shells, check
        self.candidates: dict[str, bytes] = {}  # under CHECK_KEPT: what would have been kept
        self.seen: dict[str, os.stat_result] = {}  # each kept page's file as read: linked only if still it

    def __call__(self, url: str, key: str) -> bytes | None:
        last = self.last
        record = last.keys.get(url) if last is not None else None
        shell = self.shells.get(_folder(url))
        if not (isinstance(record, list) and len(record) == 3 and record[0] == key and shell is not None
                and record[1] == shell.digest):
            return None
        try:
            data, seen = read_plain(last.folder, f"{url}index.html")
        except OSError:
            return None
        if file_digest(data) != last.files.get(f"{url}index.html") or not _spans_fit(record[2], data):
            return None
        if self.check:
            self.candidates[url] = data
            return None
        self.seen[url] = seen
        return data


def _place(site: Path, page: Page, shell: _Shell, last: Last | None, keeper: _Keeper, result: LanguageResult,
           check: Callable[[Page], None]) -> None:
    """Write one stamped page, link the last build's identical file, or keep it with the
    night's slots put in."""
    target = site / page.url / "index.html"
    target.parent.mkdir(parents=True, exist_ok=True)
    old = last.folder / page.url / "index.html" if last is not None else None
    if page.kept is not None:
        try:
            data, spans = _respliced(page.kept, last.keys[page.url][2], dict(page.slots))
        except KeyError as exc:  # a recorded slot the page no longer has: its key should have changed
            raise EngineError(f"{page.url}: the last build's slot {exc} is not among the page's") from None
        check(replace(page, body=_slot_lines(data, spans)))
        same = data == page.kept
        result.digests[page.url] = last.digests.get(page.url, "") if same else ""
        result.kept += 1
        reused = same and _link(old, target, keeper.seen.pop(page.url))
    else:
        data, spans = _slotted(*shell.fill(page), page.slots)
        result.digests[page.url] = digest = _digest(shell, page)
        if page.url in keeper.candidates and \
                _respliced(keeper.candidates[page.url], last.keys[page.url][2], dict(page.slots))[0] != data:
            raise KeptPageError(f"{page.url}: the page kept from the last build differs from the page rendered; "
                                "its key leaves out something the page shows")
        reused = old is not None and last.digests.get(page.url) == digest and \
            link_if_same(last.folder, f"{page.url}index.html", target, data)
        if not (reused and last.audited):  # the same bytes as the last build's, audited then
            check(with_slots(page))
    if page.key:
        result.keys[page.url] = [page.key, shell.digest, spans]
    result.files[f"{page.url}index.html"] = file_digest(data)
    if reused:
        result.reused += 1
        return
    target.write_bytes(data)
    result.written += 1


def _link(old: Path, target: Path, seen: os.stat_result) -> bool:
    """Hard-link `old`, a file just read through no link (`seen`: its fstat then), to
    `target`, when what the path links is still that file. Were it swapped since (for a
    link, for another file, or written over), the link made is taken back and False
    returned: the caller writes the bytes it checked. The check after the link, not before
    it, is what closes the gap: the linked inode is the one compared."""
    try:
        os.link(old, target, follow_symlinks=False)
    except OSError:
        return False
    if same_file(target, seen):
        return True
    os.unlink(target)
    return False


def file_hasher() -> hashlib.blake2b:
    """The hash the build record keeps of a published file's bytes (see `file_digest`)."""
    return hashlib.blake2b(digest_size=16)


def file_digest(data: bytes) -> str:
    """The digest the build record keeps of a published file's bytes."""
    hasher = file_hasher()
    hasher.update(data)
    return hasher.hexdigest()


def link_if_same(root: Path, relative: str, target: Path, data: bytes) -> bool:
    """Link the previous build's file `relative` (under `root`) to `target` when its bytes
    on disk are `data`.

    A manifest says what a build wrote, not what the folder holds now: a file edited by
    hand, or left there by another night's build, must be written again, never kept. Nor
    is one reached through a link: the previous site may be one restored from a cache
    others could write, and the link could lead out of it."""
    try:
        read, seen = read_plain(root, relative, limit=len(data))
    except OSError:  # a link, not a plain file, larger, or gone
        return False
    return read == data and _link(Path(root) / relative, target, seen)


_SITEMAP_ENTRY = re.compile(r"\s*<url>\s*<loc>([^<]*)</loc>.*?</url>", re.S)


def _finish_sitemap(site: Path, shells: dict[str, list[Page]]) -> None:
    """Put every stamped page in the sitemap in place of its prototype; compress it without
    a timestamp, so the same site gives the same bytes."""
    sitemap = site / "sitemap.xml"
    if not sitemap.exists():
        return
    # mkdocs dates every entry by the day of the build, which says nothing of the page:
    # left out, so the same data gives the same sitemap whatever day it is built on.
    text = re.sub(r"\s*<lastmod>[^<]*</lastmod>", "", sitemap.read_text(encoding="utf-8"))
    found = list(_SITEMAP_ENTRY.finditer(text))
    if found:
        entries: list[tuple[str, str]] = []
        for block in found:
            loc = block.group(1)
            proto = next((url for url in shells if loc == url or loc.endswith(f"/{url}")), None)
            if proto is None:
                entries.append((loc, block.group()))
            else:
                entries += [(loc.replace(proto, p.url), block.group().replace(proto, p.url)) for p in shells[proto]]
        # Shells of nested folders (a state's list inside accounts/) interleave: all entries
        # are put in the order mkdocs lists its files in, a folder's index before its folders.
        entries.sort(key=lambda entry: entry[0].split("/"))
        text = text[:found[0].start()] + "".join(block for _, block in entries) + text[found[-1].end():]
    sitemap.write_text(text, encoding="utf-8")
    gz = site / "sitemap.xml.gz"
    if gz.exists():
        import gzip

        gz.write_bytes(gzip.compress(text.encode("utf-8"), mtime=0))


_ADDRESS = re.compile(r'\b(href|src|action)="([^"]*)"')


def _finish_not_found(site: Path, project: Path) -> None:
    """Make the not-found page work wherever it is served from.

    A host serves 404.html in place of any missing address, at any depth, so mkdocs writes
    its addresses from the site's path (/jawabdehi/assets/...). Served from elsewhere (the
    preview at the root, another domain) every style, icon and link of it would miss. Its
    addresses become relative to one <base>: the site's path, which a line of script moves to
    the root when the page is not served under that path. Its styles and scripts are written
    by script after that line: the browser fetches tags it sees in the markup ahead of any
    script, from the unmoved base. Without script the styles are in <noscript>, from the
    site's path: where the host serves the site, the page keeps its look."""
    page = site / "404.html"
    if not page.exists():
        return
    prefix = urlsplit(site_url(project)).path.rstrip("/") + "/"
    html = _ADDRESS.sub(_relative_to(prefix), page.read_text(encoding="utf-8"))
    html = _FETCHED.sub(lambda m: f"<script>document.write({_script_text(m.group())})</script>"
                        + (f"<noscript>{m.group()}</noscript>" if m.group().startswith("<link") else ""), html)
    base = (f'<base href="{prefix}"><script>if(location.pathname.indexOf("{prefix}")!==0)'
            'document.currentScript.previousElementSibling.href="/"</script>')
    page.write_text(html.replace('<meta charset="utf-8">', '<meta charset="utf-8">' + base, 1), encoding="utf-8")


# Tags whose address the browser fetches as soon as it sees them.
_FETCHED = re.compile(r'<link rel="(?:stylesheet|icon)"[^>]*>|<script src="[^"]*"></script>')


def _script_text(value: str) -> str:
    """A string literal for a script inside HTML: no '</' to end the script early."""
    return json.dumps(value).replace("</", "<\\/")


def _relative_to(prefix: str) -> Callable[[re.Match], str]:
    """An href or src under `prefix`, written relative to it (the not-found page's base)."""
    def rewrite(match: re.Match) -> str:
        attribute, value = match.groups()
        if not value.startswith(prefix):
            return match.group()
        path, mark = re.match(r"([^?#]*)(.*)", value[len(prefix):]).groups()
        clean = posixpath.normpath(path.lstrip("/") or ".")
        clean = "./" if clean == "." else clean + ("/" if path.endswith("/") else "")
        return f'{attribute}="{clean}{mark}"'
    return rewrite


def build_language(pages, *, project: Path, work: Path, site: Path, lang: str, nav: list[tuple[str, str]],
                   stamp: bool = True, last: Last | None = None,
                   check: Callable[[Page], None] = lambda _: None, banner: str | None = None,
                   footer: dict | None = None) -> LanguageResult:
    """Build one language's pages into `site`.

    `pages` offers `engine_pages()` (built by mkdocs one by one), `shell_pages()` (the many
    pages of the folders `shells()` lists, made from one shell each, taken one at a time) and
    iteration over all of them. `check` sees every page before it is written. `banner`, plain
    text, is shown at the top of every page.
    `last` is the same language's pages of the last build: a stamped page whose digest did
    not change is linked, not rewritten; one whose key did not change is not even rendered
    (`pages.shell_pages(keep)`), its slots are put into the last build's file.
    """
    result = LanguageResult()
    if stamp:
        try:
            return _build(pages, project, work, site, lang, nav, last, result, check, banner, footer)
        except EngineError as exc:
            result = LanguageResult(fallback=str(exc))
            logging.getLogger(__name__).warning("building every page through mkdocs: %s", exc)
            shutil.rmtree(site, ignore_errors=True)
    return _build_all(list(pages), project, work, site, lang, nav, result, check, banner, footer)


def _build_all(pages: list[Page], project: Path, work: Path, site: Path, lang: str, nav: list[tuple[str, str]],
               result: LanguageResult, check: Callable[[Page], None], banner: str | None,
               footer: dict | None) -> LanguageResult:
    """Every page through mkdocs: the slow way, and the measure the fast one is held to."""
    pages = [with_slots(p) for p in pages]
    for page in pages:
        check(page)
    docs = work / f"docs-{lang}"
    shutil.rmtree(docs, ignore_errors=True)
    meta = _write_docs(docs, lang, pages)
    _run_mkdocs(_settings(project, work, docs, site, lang, nav, _hidden(pages), banner, footer),
                work / f"mkdocs.{lang}.yml", meta)
    result.built = len(pages)
    _finish_sitemap(site, {})
    _finish_not_found(site, project)
    return result


def _hidden(pages: Iterable[Page]) -> list[str]:
    """not_in_nav patterns: every folder of pages outside the navigation."""
    return sorted({f"{_folder(p.url)}*" if _folder(p.url) else _src(p.url) for p in pages if not p.in_nav})


def _build(pages, project: Path, work: Path, site: Path, lang: str, nav: list[tuple[str, str]],
           last: Last | None, result: LanguageResult, check: Callable[[Page], None], banner: str | None,
           footer: dict | None) -> LanguageResult:
    docs = work / f"docs-{lang}"
    shutil.rmtree(docs, ignore_errors=True)
    direct = pages.engine_pages()
    for page in direct:
        check(page)
    # HTML bodies of pages mkdocs builds itself are put in after it built them: Markdown
    # would pass them through unchanged, only slowly.
    filled = [p for p in direct if not p.markdown and "<h1" in p.body]
    filled_ids = {id(p) for p in filled}
    written = [replace(p, body=BODY_MARK) if id(p) in filled_ids else p for p in direct]
    prototypes = {folder: Page(f"{folder}{PROTOTYPE}/", TITLE_MARK, BODY_MARK, description=DESCRIPTION_MARK,
                               hide=hide) for folder, hide in pages.shells()}
    meta = _write_docs(docs, lang, written + list(prototypes.values()))
    hidden = _hidden(direct) + [f"{folder}*" for folder in prototypes]
    _run_mkdocs(_settings(project, work, docs, site, lang, nav, sorted(set(hidden)), banner, footer),
                work / f"mkdocs.{lang}.yml", meta)
    result.built = len(direct)
    for page in filled:
        target = site / page.url / "index.html"
        html = target.read_text(encoding="utf-8")
        if html.count(BODY_MARK) != 1:
            raise EngineError(f"the theme's page for {page.url or '/'} does not show its body once")
        target.write_text(html.replace(BODY_MARK, html_body(page)), encoding="utf-8")
    shells = {folder: _Shell((site / proto.url / "index.html").read_text(encoding="utf-8"), proto.url)
              for folder, proto in prototypes.items()}
    members: dict[str, list[Page]] = defaultdict(list)
    keeper = _Keeper(last, shells, bool(os.environ.get(CHECK_KEPT)))
    for page in pages.shell_pages(keeper):
        shell = shells.get(_folder(page.url))
        fits = page.kept is not None or _stampable(page)
        if shell is None or not fits or _group_key(page) != (_folder(page.url), prototypes[_folder(page.url)].hide):
            raise EngineError(f"{page.url} cannot be made from its folder's shell")
        _place(site, page, shell, last, keeper, result, check)
        # Only what the sitemap needs is kept: never the page.
        members[shell.proto_url].append(Page(page.url, page.title, ""))
        result.stamped += 1
    for proto in prototypes.values():
        members.setdefault(proto.url, [])  # a shell with no page of its own leaves the sitemap too
        shutil.rmtree(site / proto.url)
    _finish_sitemap(site, members)
    _finish_not_found(site, project)
    return result
