"""The print PDF: the HTML site's chapter pages without the theme, laid out by WeasyPrint with
our print stylesheet (the theme's nested flex layout makes WeasyPrint take minutes).
cut.py turns each page into a part, paged.py lays the parts out and reuses unchanged ones,
stitch.py joins them into one document."""
from __future__ import annotations

import html as html_lib
import time
from pathlib import Path

import matplotlib
import yaml

from analysis.paths import BOOK, BUILD
from . import paged, toc
from .cut import Cut, cut
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


def font_faces() -> str:
    return "\n".join(
        f"@font-face {{ font-family: '{fam}'; font-weight: {w}; font-style: {s}; "
        f"src: url('{(FONT_DIR / f).as_uri()}'); }}" for (fam, w, s), f in FONTS.items())


def edition() -> dict:
    return yaml.safe_load((BOOK / "edition.yaml").read_text(encoding="utf-8"))


def front_matter(facts: dict, cuts: list[Cut]) -> str:
    """The title page and the contents, whose page numbers are filled in from the layout."""
    ed = edition()
    e = lambda s: html_lib.escape(str(s))  # noqa: E731
    entries = "".join(
        f'<li class="toc-h{level}"><a class="toc-entry page-far" href="{XREF}{target}" '
        f'data-page="@@page:{target}@@">{e(text)}</a></li>'
        for c in cuts for level, text, target in c.headings)
    return f"""
<section class="cover">
  <p class="kicker">{e(ed['kicker'])}</p>
  <h1 class="cover-title">{e(facts['title'])}</h1>
  <p class="subtitle">{e(ed['subtitle'])}</p>
  <p class="edition">{e(ed['edition'])} &middot; <span class="asof">data as of {e(facts['as_of'])}</span></p>
  <p class="cover-sources">Built from {e(facts['n_events'])} dated events, {e(facts['n_relations'])} relations and
  {e(facts['n_sources'])} graded public sources. Every fact cites its sources; every figure is generated from the data.</p>
  <p class="licence">{e(ed['licence'])}</p>
</section>
<nav class="toc"><h2 class="toc-title">Contents</h2><ol>{entries}</ol></nav>"""


def head(facts: dict) -> str:
    e = html_lib.escape
    return (f'<head><meta charset="utf-8"><title>{e(facts["title"])}</title>'
            f'<meta name="author" content="{e(edition()["author"])}"><style>{font_faces()}</style></head>')


def write_pdf(html_dir: Path, target: Path, facts: dict, pool, log, debug: Path) -> tuple[Path, dict]:
    """The report PDF from the HTML site's pages, and which parts were rendered or reused."""
    t0 = time.perf_counter()
    docs = [p.relative_to(BOOK.parent).with_suffix("") for p in toc.chapter_files()]
    names = {d.name for d in docs}
    used: set[str] = set()
    cuts = [cut(d.name, html_dir / f"{d.as_posix()}.html", names, CACHE / "cut", used) for d in docs]
    paged.prune(CACHE / "cut", used)
    parts = [Part("front", front_matter(facts, cuts))] + [Part(c.name, c.body) for c in cuts]
    debug.mkdir(exist_ok=True)  # the parts as laid out, kept for debugging (CT_KEEP_WORK=1)
    for p in parts:
        (debug / f"{p.name}.html").write_text(p.body, encoding="utf-8")
    log(f"  cut into {len(parts)} parts in {time.perf_counter() - t0:.1f} s")
    renderer = paged.Renderer(head(facts), PRINT_CSS, html_dir / docs[0].parent, facts["as_of"], CACHE, pool, log)
    pdfs = paged.render(parts, renderer, CACHE / "manifest.json")
    log(f"  {len(renderer.rendered)} of {len(parts)} parts rendered, the rest reused unchanged")
    t0 = time.perf_counter()
    stitch(pdfs, target, facts["title"], edition()["author"])
    log(f"  joined in {time.perf_counter() - t0:.1f} s")
    return target, {"parts": len(parts), "rendered": sorted(renderer.rendered)}
