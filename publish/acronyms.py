"""The glossary gate: every acronym a built page shows must be in the glossary (the actors'
abbreviations plus data/glossary.yaml), or the build stops and names the pages and acronyms."""

from __future__ import annotations

from pathlib import Path

from bs4 import BeautifulSoup

from analysis import glossary

from .log import BuildError

# Pages whose text is other people's: source titles in the bibliography keep their own capitals.
EXEMPT = {"bibliography"}


def page_texts(site: Path, chapters: list[Path]) -> dict[str, str]:
    """book/<name>.md -> the visible text of its built page's article."""
    out = {}
    for md in chapters:
        if md.stem in EXEMPT:
            continue
        page = site / "book" / f"{md.stem}.html"
        if not page.exists():
            continue
        article = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser").select_one("article.bd-article")
        if article is not None:
            # interactive figures repeat the records' text in hover titles; the figures' alt text is checked
            for el in article.select("script, style, .headerlink, div.cell_input, .interactive, svg"):
                el.decompose()
            # a figure's words (its labels, in the alt text) are read in print too
            alts = [img.get("alt", "") for img in article.select("img")]
            out[f"book/{md.name}"] = " ".join([article.get_text(" "), *alts])
    return out


def check(ev, site: Path, chapters: list[Path]) -> None:
    known = set(glossary.terms(ev)["term"])
    missing = glossary.undefined(page_texts(site, chapters), known)
    if missing:
        where = "; ".join(f"{page}: {', '.join(terms)}" for page, terms in missing.items())
        raise BuildError(
            f"acronyms not in the glossary (add them to data/glossary.yaml, or give the actor a `short`): {where}"
        )
