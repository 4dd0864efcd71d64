"""The two-page brief (_build/pdf/brief.pdf): the site's brief page (book/brief.md) without the
theme, laid out with the print stylesheet and the brief's own page rules. Tagged (PDF/UA-1) like
the report, and drawn from the same build, so it never disagrees with the site."""

from __future__ import annotations

import html
from pathlib import Path

from bs4 import BeautifulSoup

from analysis.glossary import short_meaning, terms_in

from . import toc
from .cut import LOCAL, anchor, cut
from .log import BuildError
from .pdf import PRINT_CSS, edition, font_faces, render

MAX_PAGES = 2
BRIEF_CSS = """
@page { margin: 14mm 16mm 15mm 16mm;
  @top-left { content: "%(title)s: brief"; }
  @top-right { content: "data as of %(as_of)s"; }
  @bottom-left { content: "%(edition)s"; } }
html { font-size: 8.4pt; line-height: 1.28; }
h1 { font-size: 15pt; margin: 0 0 2mm; break-before: avoid; }
h2 { font-size: 11pt; margin: 3mm 0 1.5mm; }
p { margin: 0 0 1.6mm; }
ul, ol { margin: 0 0 1.6mm; }
li { margin: 0 0 0.5mm; }
table { font-size: 7.8pt; margin: 1.5mm 0; }
figure { margin: 1mm 0 2mm; }
p.brief-dateline { font-family: "Report Sans"; font-size: 7.8pt; color: #333; margin: 0 0 1.5mm; }
p.brief-glossary { font-size: 7.6pt; margin-top: 2mm; }
span.report-ref { hyphens: manual; }
"""


def for_print(body: str, dateline: str, meanings: dict[str, str], report_pages: dict[str, int] | None = None) -> str:
    """The brief as a document of its own: its figures numbered from 1 (the site numbers them across
    the book), links to the report's pages turned into plain names with the report's page number
    (a PDF of its own cannot follow them; `report_pages` maps the report's ids to pages, see
    publish.pdf.anchor_pages) while links to its own figure get no page number, so that every page number
    in it is the report's, a dateline under the title, and every acronym it uses spelled out in
    one line at the end."""
    soup = BeautifulSoup(body, "html.parser")
    renumbered: dict[str, str] = {}
    for span in soup.select("span.caption-number"):
        label, _ = span.get_text(strip=True).rsplit(" ", 1)  # 'Figure 15'
        n = sum(1 for v in renumbered.values() if v.startswith(label + " ")) + 1
        renumbered[span.get_text(strip=True)] = f"{label} {n}"
        span.string = f"{label} {n} "
    for span in soup.select("span.std-numref"):  # the cut binds 'Figure' to its number with a no-break space
        ref = renumbered.get(span.get_text(strip=True).replace("\u00a0", " "))
        if ref:
            span.string = ref.replace(" ", "\u00a0")
    for a in soup.find_all("a", href=True):
        if a["href"].startswith("#"):
            # its own figure on its own two pages needs no page number; every "(p. N)" left is the report's
            a["class"] = [c for c in a.get("class", []) if c != "xref-page"]
        elif not a["href"].startswith(("http://", "https://", "mailto:")):
            page = _report_page(a["href"], report_pages or {})
            if page:
                a.insert_after(f"\u00a0(p.\u00a0{page})")  # kept on one line with the word it follows
            # a plain span that is never hyphenated: 'Ar-gued (p. 14)' left a fragment alone (review 52)
            a.name, a.attrs = "span", {"class": "report-ref"}
    used = sorted(terms_in(soup.get_text(" "), meanings), key=str.lower)
    h1 = soup.find("h1")
    line = soup.new_tag("p", attrs={"class": "brief-dateline"})
    line.string = dateline
    h1.insert_after(line)
    if used:
        gloss = soup.new_tag("p", attrs={"class": "brief-glossary"})
        gloss.string = "Abbreviations: " + "; ".join(f"{a}, {short_meaning(meanings[a])}" for a in used) + "."
        soup.find("section").append(gloss)
    return str(soup)


def _report_page(href: str, report_pages: dict[str, int]) -> int | None:
    """The report's page a link from the brief points to: 'methods.html' (the chapter's first page) or
    'methods.html#x' (the page of x); None if the report has no such id."""
    m = LOCAL.match(href)
    return report_pages.get(anchor(m[1], m[2] or "")) if m and m[1] else None


def write_brief(html_dir: Path, target: Path, facts: dict, report_pages: dict[str, int] | None = None) -> int:
    """Lay out the brief page, naming the report's pages where `report_pages` gives them; stop the
    build if it does not fit two pages. Returns its page count."""
    page = html_dir / f"{toc.BRIEF}.html"
    name = Path(toc.BRIEF).name
    c = cut(name, page, {name})
    body = for_print(c.body, f"{facts['edition']}. {facts['cutoff_line']}", facts["glossary"], report_pages)
    e = html.escape
    doc = (
        f'<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>{e(facts["title"])}: brief</title>'
        f'<meta name="author" content="{e(edition()["author"])}"><style>{font_faces()}</style></head>'
        f"<body>{body}</body></html>"
    )
    css = BRIEF_CSS % {
        k: v.replace('"', "'")
        for k, v in {"title": facts["title"], "as_of": facts["as_of"], "edition": facts["edition"]}.items()
    }
    pages, _ = render(doc, f"{page.parent.as_uri()}/", target, b"ct-brief", [PRINT_CSS, css])
    if pages > MAX_PAGES:
        raise BuildError(f"brief.pdf has {pages} pages, more than {MAX_PAGES}: shorten book/brief.md")
    return pages
