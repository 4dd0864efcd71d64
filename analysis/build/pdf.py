"""The print PDF: WeasyPrint over the singlehtml page, with the theme's CSS and scripts
stripped (its nested flex layout makes WeasyPrint take minutes) and our print stylesheet.
The page is cut into parts (title and contents, then each chapter) that paged.py lays out
separately and reuses when unchanged; stitch.py joins them."""
from __future__ import annotations

import html as html_lib
import re
import time
from pathlib import Path

import matplotlib
import yaml
from bs4 import BeautifulSoup

from ..paths import BOOK, BUILD
from . import paged
from .log import BuildError
from .paged import XREF, Part
from .stitch import stitch

PRINT_CSS = BOOK / "_static" / "print.css"
CACHE = BUILD / ".cache" / "pdf"
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


def print_parts(single_html: Path, facts: dict) -> tuple[str, list[Part]]:
    """The singlehtml page reduced to its content: a head, then a title-and-contents part and one
    part per chapter, each of which starts on a new page."""
    soup = BeautifulSoup(single_html.read_text(encoding="utf-8"), "html.parser")
    article = soup.select_one("article.bd-article") or soup.select_one("main") or soup.body
    for wrapper in article.select(".toctree-wrapper"):
        for el in wrapper.select(":scope > ul, :scope > p.caption"):
            el.decompose()
        wrapper.unwrap()  # singlehtml inlines every chapter inside the root's toctree wrapper
    for el in article.select(", ".join(DROP)):  # one pass over the tree
        if not el.decomposed:
            el.decompose()
    _chapters_to_top_level(article)
    _unique_ids(article)
    for a in article.find_all("a", class_="internal", href=re.compile("^#")):
        if a.find("span", class_=("std-numref", "std-ref")):  # "Figure 5", "Table 2", a section name
            a["class"] = a.get("class", []) + ["xref-page"]
    stray = [c for c in article.children if getattr(c, "name", None) != "section" and str(c).strip()]
    if stray:  # nothing may fall between parts and be lost
        raise BuildError(f"PDF: content outside any chapter section: {str(stray[0])[:120]!r}")
    chapters = article.find_all("section", recursive=False)
    toc = []
    for n, h in enumerate(h for ch in chapters for h in ch.find_all(["h1", "h2"])):
        sec = h.find_parent("section")
        if sec.find(["h1", "h2"]) is h and sec.get("id"):
            target = sec["id"]
        else:  # a heading inside a section (e.g. from a notebook's output): point at the heading itself
            target = h["id"] = h.get("id") or f"contents-{n}"
        text = html_lib.escape(h.get_text(" ", strip=True))
        toc.append(f'<li class="toc-{h.name}"><a class="toc-entry" href="#{target}">{text}</a></li>')
    ed = edition()
    e = lambda s: html_lib.escape(str(s))  # noqa: E731
    front = BeautifulSoup(f"""
<section class="cover">
  <p class="kicker">{e(ed['kicker'])}</p>
  <h1 class="cover-title">{e(facts['title'])}</h1>
  <p class="subtitle">{e(ed['subtitle'])}</p>
  <p class="edition">{e(ed['edition'])} &middot; <span class="asof">data as of {e(facts['as_of'])}</span></p>
  <p class="cover-sources">Built from {e(facts['n_events'])} dated events, {e(facts['n_relations'])} relations and
  {e(facts['n_sources'])} graded public sources. Every fact cites its sources; every figure is generated from the data.</p>
  <p class="licence">{e(ed['licence'])}</p>
</section>
<nav class="toc"><h2 class="toc-title">Contents</h2><ol>{''.join(toc)}</ol></nav>""", "html.parser")
    head = f"""<head><meta charset="utf-8"><title>{e(facts['title'])}</title>
<meta name="author" content="{e(ed['author'])}"><style>{font_faces()}</style></head>"""
    roots = [("front", front)] + [(sec.get("id") or f"part-{i}", sec) for i, sec in enumerate(chapters, start=1)]
    link_parts(roots)
    return head, [Part("front", str(front))] + [Part(name, f"<main>{sec}</main>") for name, sec in roots[1:]]


def link_parts(roots: list[tuple[str, object]]) -> None:
    """Each part is laid out alone, so a link to another part becomes an XREF address (joined up
    again in the PDF), and a page number it shows becomes a placeholder filled in from the layout."""
    home = {}
    for name, root in roots:
        for el in [root, *root.find_all(id=True)]:
            if el.get("id"):
                home.setdefault(el["id"], name)
    for name, root in roots:
        for a in root.find_all("a", href=re.compile("^#")):
            target = a["href"][1:]
            if home.get(target, name) == name:
                continue  # same part (or nowhere: WeasyPrint reports it)
            a["href"] = XREF + target
            if "xref-page" in a.get("class", []) or "toc-entry" in a.get("class", []):
                a["class"] = [c for c in a["class"] if c != "xref-page"] + ["page-far"]
                a["data-page"] = f"@@page:{target}@@"


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


def write_pdf(single_dir: Path, target: Path, facts: dict, pool, log, debug: Path) -> tuple[Path, dict]:
    """The report PDF, and which parts were rendered or reused."""
    t0 = time.perf_counter()
    head, parts = print_parts(content_page(single_dir), facts)
    debug.mkdir(exist_ok=True)  # the parts as laid out, kept for debugging (CT_KEEP_WORK=1)
    for p in parts:
        (debug / f"{p.name}.html").write_text(p.body, encoding="utf-8")
    log(f"  cut into {len(parts)} parts in {time.perf_counter() - t0:.1f} s")
    CACHE.mkdir(parents=True, exist_ok=True)
    renderer = paged.Renderer(head, PRINT_CSS, single_dir, facts["as_of"], CACHE, pool, log)
    pdfs = paged.render(parts, renderer, CACHE / "manifest.json")
    log(f"  {len(renderer.rendered)} of {len(parts)} parts rendered, the rest reused unchanged")
    t0 = time.perf_counter()
    stitch(pdfs, target, facts["title"], edition()["author"])
    log(f"  joined in {time.perf_counter() - t0:.1f} s")
    return target, {"parts": len(parts), "rendered": sorted(renderer.rendered)}
