"""The page type: what the render stage hands the publish stage, one page in one language."""

from __future__ import annotations

from dataclasses import dataclass, field


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
