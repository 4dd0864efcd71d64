"""The glossary gate: every acronym a built page shows must be in the glossary (the actors'
abbreviations plus data/glossary.yaml), or the build stops and names the pages and acronyms."""

from __future__ import annotations

from pathlib import Path

from bs4 import BeautifulSoup

from analysis import glossary

from .cores import largest_first
from .log import BuildError

# Pages whose text is other people's: source titles in the bibliography keep their own capitals.
EXEMPT = {"bibliography"}


def _page_text(page: Path) -> str | None:
    """The visible text of a built page's article, with its figures' alt text."""
    article = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser").select_one("article.bd-article")
    if article is None:
        return None
    # interactive figures repeat the records' text in hover titles; the figures' alt text is checked
    for el in article.select("script, style, .headerlink, div.cell_input, .interactive, svg"):
        el.decompose()
    # a figure's words (its labels, in the alt text) are read in print too
    alts = [img.get("alt", "") for img in article.select("img")]
    return " ".join([article.get_text(" "), *alts])


def page_texts(site: Path, chapters: list[Path]) -> dict[str, str]:
    """book/<name>.md -> the visible text of its built page's article, in the toc's order. The pages are
    parsed on both cores, largest first: 1.0 s instead of 1.9 s on the way to publishing the site."""
    pages = [(f"book/{md.name}", site / "book" / f"{md.stem}.html") for md in chapters if md.stem not in EXEMPT]
    pages = [(name, page) for name, page in pages if page.exists()]
    texts = largest_first(_page_text, [(page,) for _, page in pages], [page.stat().st_size for _, page in pages])
    return {name: text for (name, _), text in zip(pages, texts) if text is not None}


def check(ev, site: Path, chapters: list[Path]) -> None:
    known = set(glossary.terms(ev)["term"])
    missing = glossary.undefined(page_texts(site, chapters), known)
    if missing:
        where = "; ".join(f"{page}: {', '.join(terms)}" for page, terms in missing.items())
        raise BuildError(
            f"acronyms not in the glossary (add them to data/glossary.yaml, or give the actor a `short`): {where}"
        )
