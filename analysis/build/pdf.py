"""The print PDF: WeasyPrint over the singlehtml page, with the theme's CSS and scripts
stripped (its nested flex layout makes WeasyPrint take minutes) and our print stylesheet."""
from __future__ import annotations

import html as html_lib
import logging
import re
from pathlib import Path

import matplotlib
import yaml
from bs4 import BeautifulSoup

from ..paths import BOOK, ROOT
from .log import BuildError

PRINT_CSS = BOOK / "_static" / "print.css"
FONT_DIR = Path(matplotlib.get_data_path()) / "fonts" / "ttf"
# Fonts from matplotlib's own package: present wherever the pinned requirements are installed.
FONTS = {("Report Serif", "normal", "normal"): "DejaVuSerif.ttf",
         ("Report Serif", "bold", "normal"): "DejaVuSerif-Bold.ttf",
         ("Report Serif", "normal", "italic"): "DejaVuSerif-Italic.ttf",
         ("Report Serif", "bold", "italic"): "DejaVuSerif-BoldItalic.ttf",
         ("Report Sans", "normal", "normal"): "DejaVuSans.ttf",
         ("Report Sans", "bold", "normal"): "DejaVuSans-Bold.ttf",
         ("Report Sans", "normal", "italic"): "DejaVuSans-Oblique.ttf",
         ("Report Mono", "normal", "normal"): "DejaVuSansMono.ttf"}

DROP = ["script", "link", "style", "a.headerlink", "button", ".prev-next-area",
        ".html-only", "nav.bd-links", "nav.bd-docs-nav", ".bd-sidebar-primary", ".bd-sidebar-secondary", ".bd-header",
        ".bd-footer", ".header-article", "footer", "div.cell_input"]


def font_faces() -> str:
    return "\n".join(
        f"@font-face {{ font-family: '{fam}'; font-weight: {w}; font-style: {s}; "
        f"src: url('{(FONT_DIR / f).as_uri()}'); }}" for (fam, w, s), f in FONTS.items())


def edition() -> dict:
    return yaml.safe_load((BOOK / "edition.yaml").read_text(encoding="utf-8"))


def print_document(single_html: Path, facts: dict) -> str:
    """The singlehtml page reduced to its content, with a title page and a contents list."""
    soup = BeautifulSoup(single_html.read_text(encoding="utf-8"), "html.parser")
    article = soup.select_one("article.bd-article") or soup.select_one("main") or soup.body
    for wrapper in article.select(".toctree-wrapper"):
        for el in wrapper.select(":scope > ul, :scope > p.caption"):
            el.decompose()
        wrapper.unwrap()  # singlehtml inlines every chapter inside the root's toctree wrapper
    for sel in DROP:
        for el in article.select(sel):
            el.decompose()
    _chapters_to_top_level(article)
    _unique_ids(article)
    for a in article.select("a.reference.internal"):
        if a.select_one("span.std-numref, span.std-ref") and a.get("href", "").startswith("#"):
            a["class"] = a.get("class", []) + ["xref-page"]
    headings = [h for h in article.find_all(["h1", "h2"]) if h.find_parent("section")]
    toc = []
    for h in headings:
        sec = h.find_parent("section")
        if sec.get("id"):
            text = html_lib.escape(h.get_text(" ", strip=True))
            toc.append(f'<li class="toc-{h.name}"><a href="#{sec["id"]}">{text}</a></li>')
    ed = edition()
    e = lambda s: html_lib.escape(str(s))  # noqa: E731
    cover = f"""
<section class="cover">
  <p class="kicker">{e(ed['kicker'])}</p>
  <h1 class="cover-title">{e(facts['title'])}</h1>
  <p class="subtitle">{e(ed['subtitle'])}</p>
  <p class="edition">{e(ed['edition'])} &middot; <span class="asof">data as of {e(facts['as_of'])}</span></p>
  <p class="cover-sources">Built from {e(facts['n_events'])} dated events, {e(facts['n_relations'])} relations and
  {e(facts['n_sources'])} graded public sources. Every fact cites its sources; every figure is generated from the data.</p>
  <p class="licence">{e(ed['licence'])}</p>
</section>
<nav class="toc"><h2 class="toc-title">Contents</h2><ol>{''.join(toc)}</ol></nav>"""
    return f"""<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">
<title>{e(facts['title'])}</title><meta name="author" content="{e(ed['author'])}">
<style>{font_faces()}</style></head>
<body>{cover}<main>{article.decode_contents()}</main></body></html>"""


def content_page(single_dir: Path) -> Path:
    """The singlehtml page itself (Jupyter Book writes a redirect at the top when root is in book/)."""
    index = single_dir / "index.html"
    m = re.search(r'url=([^"]+)"', index.read_text(encoding="utf-8"))
    return single_dir / m[1] if m and len(index.read_text(encoding="utf-8")) < 500 else index


def _unique_ids(article) -> None:
    """singlehtml joins pages whose generated ids (id1, id2...) repeat; keep the first of each."""
    seen: dict[str, int] = {}
    for el in article.find_all(id=True):
        n = seen.get(el["id"], 0)
        seen[el["id"]] = n + 1
        if n:
            el["id"] = f"{el['id']}-dup{n}"


def _chapters_to_top_level(article) -> None:
    """singlehtml nests every chapter inside the landing page's section, one heading level down.
    Lift chapters out and restore their levels, so each chapter is an h1: a new page, a
    top-level bookmark and a running header."""
    docs = article.select("section.tex2jax_ignore")  # one per source document
    if not docs:
        return
    root = docs[0]
    chapters = [s for s in docs[1:] if s.find_parent("section") is root]
    for ch in chapters:
        for h in ch.find_all(re.compile(r"^h[2-6]$")):
            h.name = f"h{int(h.name[1]) - 1}"
    for ch in reversed(chapters):
        root.insert_after(ch.extract())


def write_pdf(single_dir: Path, target: Path, facts: dict) -> Path:
    from weasyprint import CSS, HTML

    page = content_page(single_dir)
    doc = print_document(page, facts)
    (single_dir / "print.html").write_text(doc, encoding="utf-8")  # kept beside, for debugging
    problems = _capture_weasyprint_warnings()
    try:
        HTML(string=doc, base_url=str(single_dir) + "/").write_pdf(  # singlehtml links are relative to its root
            target, stylesheets=[CSS(filename=str(PRINT_CSS))], uncompressed_pdf=False,
            pdf_identifier=b"ct-report", custom_metadata=False)
    finally:
        logging.getLogger("weasyprint").removeHandler(problems)
    if problems.messages:
        raise BuildError("PDF: WeasyPrint could not render everything: " + "; ".join(problems.messages[:5]))
    return target


class _Collect(logging.Handler):
    def __init__(self):
        super().__init__(logging.WARNING)
        self.messages: list[str] = []

    def emit(self, record):
        msg = record.getMessage()
        if "Ignored" in msg and "unknown property" not in msg:
            return  # CSS the print stylesheet does not need, e.g. theme leftovers
        self.messages.append(msg)


def _capture_weasyprint_warnings() -> _Collect:
    handler = _Collect()
    logging.getLogger("weasyprint").addHandler(handler)
    return handler
