"""The page type: what the render stage hands the publish stage, one page in one language."""

from __future__ import annotations

from dataclasses import dataclass, field, replace

# Where a page's body holds one of its moving figures (`Page.slots`), in order.
SLOT = "jdslot0x"


@dataclass(frozen=True)
class Page:
    """One page of the site in one language."""

    url: str                      # 'departments/x/', relative to the language's home
    title: str                    # plain text: the engine escapes it
    body: str                     # HTML (or markdown for hand-written pages)
    description: str = ""         # plain text, for previews and search engines
    in_nav: bool = False          # pages in the navigation are built one by one by the engine
    markdown: bool = False
    hide: tuple[str, ...] = ("navigation", "toc")
    meta: dict = field(default_factory=dict)
    # What the page is made of, as a digest (render/keys.py): the next build keeps the page
    # when its key is the same. Empty: the page is always rendered.
    key: str = ""
    # (name, text) of the figures that move with other pages' (a rank), each put where the
    # body holds SLOT, in order; a kept page has them put in place of the last build's.
    slots: tuple[tuple[str, str], ...] = ()
    # The last build's file of this page, checked against its digest, to be kept with the
    # night's `slots` put in: the body was not rendered.
    kept: bytes | None = None


def with_slots(page: Page) -> Page:
    """The page with its slots' texts in its body, as a reader sees it."""
    if not page.slots:
        return page
    pieces = page.body.split(SLOT)
    texts = ["", *(text for _, text in page.slots)]
    return replace(page, body="".join(text + piece for text, piece in zip(texts, pieces, strict=True)), slots=())
