"""Cut the HTML site's chapter pages for print: the page's article only (no theme, scripts or
interactive figures), with every id prefixed by the chapter's name so that ids stay unique once
the pages are joined into one document, and links to other chapters made #anchors in it. A link
that shows a number or a name ("Figure 5", a section title) gets the class xref-page, for which
print.css adds the page it points to ("Figure 5 (p. 10)"); one that names a chapter by its title gets
xref-doc ("Claims audit, p. 82"), since it mostly stands in brackets already."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from bs4 import BeautifulSoup, Comment, NavigableString

from .log import BuildError

DROP = ", ".join(
    [
        "script",
        "link",
        "style",
        "a.headerlink",
        "button",
        ".prev-next-area",
        ".html-only",
        ".toctree-wrapper",
        "div.cell_input",
    ]
)
LOCAL = re.compile(r"^(?:([\w.-]+)\.html)?(?:#(.*))?$")  # "page.html#id", "page.html", "#id"


@dataclass
class Cut:
    name: str
    body: str
    headings: list  # [level (1 or 2), text, anchor] for the contents page


def anchor(part: str, local_id: str = "") -> str:
    """The id an element of a chapter carries in the print edition; the chapter's own top is `name--`."""
    return f"{part}--{local_id}"


def cut(name: str, page: Path, chapters: set[str]) -> Cut:
    soup = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
    article = soup.select_one("article.bd-article")
    if article is None:
        raise BuildError(f"PDF: {page.name} has no article element; did the HTML theme change?")
    for el in article.select(DROP):
        if not el.decomposed:
            el.decompose()
    # A glued value's span carries no style in print: unwrapped, it is plain text.
    for el in article.find_all("span", class_="pasted-text"):
        el.unwrap()
    # A link's title is a tooltip; WeasyPrint writes nothing of it, and parsing thousands costs time.
    for a in article.find_all("a", title=True):
        del a["title"]
    _flat_citations(article)
    _spaces_into_inline_elements(article)
    sections = article.find_all("section", recursive=False)
    stray = [c for c in article.children if getattr(c, "name", None) != "section" and str(c).strip()]
    if len(sections) != 1 or stray:  # nothing may fall outside the chapter's section and be lost
        raise BuildError(
            f"PDF: {page.name} should hold exactly one top-level section; found {len(sections)} "
            f"and {len(stray)} other element(s)"
        )
    section = sections[0]
    for el in [section, *section.find_all(id=True)]:
        if el.get("id"):
            el["id"] = anchor(name, el["id"])
    for a in section.find_all("a", href=True):
        _relink(a, name, chapters)
    _short_tables_whole(section)
    headings = []
    for n, h in enumerate(section.find_all(["h1", "h2"])):
        sec = h.find_parent("section")
        if sec.find(["h1", "h2"]) is h and sec.get("id"):
            target = sec["id"]
        else:  # a heading inside a section (e.g. from a notebook's output): point at the heading itself
            target = h["id"] = h.get("id") or anchor(name, f"contents-{n}")
        headings.append([int(h.name[1]), h.get_text(" ", strip=True), target])
    return Cut(name, f'<main id="{anchor(name)}">{section}</main>', headings)


def _flat_citations(article) -> None:
    """The bibliography's entries as paragraphs that start with their number ("[12] Title. ..."),
    not the site's list of boxes holding a floated label and a paragraph: WeasyPrint lays the
    1,600-odd entries out in about half the time (a float and two boxes fewer per entry). The id
    that citations link to moves to the paragraph."""
    for entry in article.find_all("div", class_="citation"):
        label, para = entry.find("span", class_="label"), entry.find("p")
        if label is None or para is None:
            continue
        number = label.get_text("", strip=True)
        para.insert(0, NavigableString(f"{number} "))
        para["id"], para["class"] = entry["id"], ["citation"]
        entry.replace_with(para)


SHORT_TABLE_ROWS = 12  # a numbered table this short is kept on one page (print.css: figure.short-table)
# ...unless its rows hold this much text: a few long rows can be taller than a page, and keeping them
# whole only moves the table to the next page and leaves this one half blank (the checks table, 10 rows).
SHORT_TABLE_CHARS = 3000


def _short_tables_whole(section) -> None:
    """A numbered table may run on to the next page, but a short one split 3 + 3 reads as two tables
    (review 48): print.css keeps a figure of this class whole."""
    for fig in section.find_all("figure", id=re.compile(r"--tab-")):
        rows = fig.select("tbody tr")
        if rows and len(rows) <= SHORT_TABLE_ROWS and len(fig.get_text(" ", strip=True)) <= SHORT_TABLE_CHARS:
            fig["class"] = [*fig.get("class", []), "short-table"]


INLINE = ["strong", "em", "b", "i", "a", "span", "code"]


def _spaces_into_inline_elements(article) -> None:
    """WeasyPrint (70) mislays a line whose break falls on the space just before an inline element:
    it breaks at an earlier opportunity, often the line's first word ("1. Through / 2028, any attack
    ... group. <strong>Highly likely</strong>" left "Through" alone on a line). With the space moved
    inside the element the break is found where it belongs; the text reads the same."""
    for el in article.find_all(INLINE):
        before = el.previous_sibling
        if not isinstance(before, NavigableString) or isinstance(before, Comment):
            continue
        text = str(before)
        if not text.endswith((" ", "\n")) or not text.strip():
            continue  # a bare space between two elements stays as it is
        before.replace_with(NavigableString(text.rstrip(" \n")))
        el.insert(0, NavigableString(" "))


def _relink(a, name: str, chapters: set[str]) -> None:
    m = LOCAL.match(a["href"])
    if not m or (m[1] and m[1] not in chapters):
        return  # outside the book (web, downloads): WeasyPrint writes it as it is
    page, frag = m[1] or name, m[2] or ""
    a["href"] = f"#{anchor(page, frag)}"
    if a.find("span", class_="doc") is not None:  # a chapter by its title, mostly inside brackets already
        a["class"] = [*a.get("class", []), "xref-doc"]  # print.css adds ", p. N"
    elif a.find("span", class_=("std-numref", "std-ref")) is not None:  # "Figure 5", a section name
        a["class"] = [*a.get("class", []), "xref-page"]  # print.css adds "(p. N)"
        for num in a.find_all("span", class_="std-numref"):  # "Figure / 10" never splits over two lines
            num.string = num.get_text().replace(" ", "\u00a0")
