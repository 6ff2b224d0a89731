"""All relative-link arithmetic in one place.

The site is served from any folder (GitHub Pages puts it under /<repo>/), so every link is
relative. Hindi pages live at the root, English ones under en/; assets and downloads are
shared by both languages at the root.
"""

from __future__ import annotations

from urllib.parse import quote

LANG_ROOT = {"hi": "", "en": "en/"}


# Every ASCII character as `quote(c, safe="")` writes it; other characters are not in the table.
_QUERY = {code: quote(chr(code), safe="") for code in range(128)}


def query_value(text: str) -> str:
    """A value for a link's query: ASCII percent-encoded as usual, other letters as they are.
    The browser encodes those itself as UTF-8 when the link is followed, so the address is
    the same, written in a third of the bytes (a Devanagari letter is 3 bytes, not 9)."""
    return text.translate(_QUERY)


def query(fields: dict[str, str]) -> str:
    return "&".join(f"{query_value(k)}={query_value(v)}" for k, v in fields.items())


def site_path(lang: str, url: str) -> str:
    """Where a page of one language sits in the built site ('en/departments/x/')."""
    return LANG_ROOT[lang] + url


def up(from_site_path: str) -> str:
    """The relative path from a page back to the site root ('../../')."""
    return "../" * from_site_path.count("/")


def department(department_id: str) -> str:
    return f"departments/{department_id}/"


def state(key: str) -> str:
    return f"states/{key}/"


def district(key: str) -> str:
    return f"districts/{key}/"


def department_csv(department_id: str) -> str:
    return f"data/departments/{department_id}.csv"


def department_complaints_csv(department_id: str) -> str:
    return f"data/departments/{department_id}-complaints.csv"


def state_csv(key: str) -> str:
    """One state's rows of handles.csv: what its list of accounts shows, every column."""
    return f"data/states/{key}.csv"


def status_list(status: str) -> str:
    """Every account of one status, most followers first: the list the home page sends a
    reader to, filtered without JavaScript. Beside the states' lists (`accounts/in-br/`),
    whose keys all start with a country code, so no status can take a state's address."""
    return f"accounts/{status.replace('_', '-')}/"


def list_page(base: str, number: int) -> str:
    """Page N of a paginated list: the first is the list's own URL."""
    return base if number == 1 else f"{base}page-{number}/"


class Links:
    """Links from one page: to pages of its language, and to the shared data and assets."""

    def __init__(self, lang: str, url: str):
        self.lang = lang
        self.url = url
        self.root = up(site_path(lang, url))          # to the site root
        self.home = up(url)                            # to this language's home

    def page(self, url: str) -> str:
        return self.home + url

    def data(self, path: str) -> str:
        return self.root + path

    def asset(self, path: str) -> str:
        return self.root + "assets/" + path
