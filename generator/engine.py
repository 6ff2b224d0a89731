"""The one module that knows the static-site engine (mkdocs with mkdocs-material).

Everything else hands it plain markdown and asset folders. Moving to another engine
that reads mkdocs.yml (Zensical, say) means changing this file only.
"""

from __future__ import annotations

import logging
from pathlib import Path

import yaml

from . import paths

ALTERNATE = {
    "hi": [{"name": "हिन्दी", "link": "./", "lang": "hi"}, {"name": "English", "link": "./en/", "lang": "en"}],
    "en": [{"name": "हिन्दी", "link": "../", "lang": "hi"}, {"name": "English", "link": "./", "lang": "en"}],
}


def build_language(docs: Path, site: Path, lang: str, nav: list[dict[str, str]],
                   hidden: list[str]) -> None:
    """Build one language's pages from `docs` into `site`.

    `nav` lists the pages of the sidebar and tabs; `hidden` are glob patterns of pages kept
    out of it (per-department pages: the engine renders the whole nav into every page).
    """
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    settings = yaml.safe_load(paths.MKDOCS_YML.read_text(encoding="utf-8"))
    settings.update(docs_dir=str(docs), site_dir=str(site), nav=nav,
                    not_in_nav="\n".join(hidden))
    settings["theme"] = {**settings["theme"], "language": lang,
                         "custom_dir": str(paths.REPO / settings["theme"]["custom_dir"])}
    settings.setdefault("extra", {})["alternate"] = ALTERNATE[lang]
    config_file = docs.parent / f"mkdocs.{lang}.yml"
    config_file.write_text(yaml.safe_dump(settings, allow_unicode=True), encoding="utf-8")
    logging.getLogger("mkdocs").setLevel(logging.WARNING)
    config = load_config(config_file=str(config_file))
    build(config)
