"""The two-page brief (_build/pdf/brief.pdf): the site's brief page (book/brief.md) without the
theme, laid out with the print stylesheet and the brief's own page rules. Tagged (PDF/UA-1) like
the report, and drawn from the same build, so it never disagrees with the site."""

from __future__ import annotations

import html
from pathlib import Path

from . import toc
from .cut import cut
from .log import BuildError
from .pdf import PRINT_CSS, edition, font_faces, render

MAX_PAGES = 2
BRIEF_CSS = """
@page { margin: 14mm 16mm 15mm 16mm;
  @top-left { content: "%(title)s: brief"; }
  @top-right { content: "data as of %(as_of)s"; }
  @bottom-left { content: "%(edition)s"; } }
html { font-size: 8.6pt; line-height: 1.32; }
h1 { font-size: 15pt; margin: 0 0 2mm; break-before: avoid; }
h2 { font-size: 11pt; margin: 3mm 0 1.5mm; }
p { margin: 0 0 1.6mm; }
ul, ol { margin: 0 0 1.6mm; }
li { margin: 0 0 0.8mm; }
table { font-size: 7.8pt; margin: 1.5mm 0; }
figure { margin: 1mm 0 2mm; }
"""


def write_brief(html_dir: Path, target: Path, facts: dict) -> int:
    """Lay out the brief page; stop the build if it does not fit two pages. Returns its page count."""
    page = html_dir / f"{toc.BRIEF}.html"
    name = Path(toc.BRIEF).name
    c = cut(name, page, {name})
    e = html.escape
    doc = (
        f'<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>{e(facts["title"])}: brief</title>'
        f'<meta name="author" content="{e(edition()["author"])}"><style>{font_faces()}</style></head>'
        f"<body>{c.body}</body></html>"
    )
    css = BRIEF_CSS % {
        k: v.replace('"', "'")
        for k, v in {"title": facts["title"], "as_of": facts["as_of"], "edition": facts["edition"]}.items()
    }
    pages, _ = render(doc, f"{page.parent.as_uri()}/", target, b"ct-brief", [PRINT_CSS, css])
    if pages > MAX_PAGES:
        raise BuildError(f"brief.pdf has {pages} pages, more than {MAX_PAGES}: shorten book/brief.md")
    return pages
