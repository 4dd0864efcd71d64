"""The print PDF: one WeasyPrint pass over the HTML site's chapter pages, without the theme (its
nested flex layout makes WeasyPrint take minutes), with our print stylesheet.

cut.py turns each page into its article with ids prefixed by the chapter, so the pages join into
one HTML document in which links between chapters are #anchors. Page numbers, the contents'
numbers and "Figure 5 (p. 10)" come from print.css (counter(page), counter(pages),
target-counter()). The PDF is tagged (PDF/UA-1): headings, figures with their alt text, tables,
reading order and the document language are in its structure tree; bookmarks follow the headings."""

from __future__ import annotations

import html as html_lib
import logging
import os
import re
import time
from pathlib import Path

import matplotlib
import yaml
from bs4 import BeautifulSoup

from analysis import glossary
from analysis.paths import BOOK

from . import toc
from .cores import largest_first
from .cut import Cut, anchor, cut
from .log import BuildError

PRINT_CSS = BOOK / "_static" / "print.css"
GLOSSARY = "glossary"  # the chapter (book/glossary.md) the abbreviations page points to
FONT_DIR = Path(matplotlib.get_data_path()) / "fonts" / "ttf"
# Fonts from matplotlib's own package: present wherever the pinned requirements are installed.
FONTS = {
    ("Report Serif", "normal", "normal"): "DejaVuSerif.ttf",
    ("Report Serif", "bold", "normal"): "DejaVuSerif-Bold.ttf",
    ("Report Serif", "normal", "italic"): "DejaVuSerif-Italic.ttf",
    ("Report Serif", "bold", "italic"): "DejaVuSerif-BoldItalic.ttf",
    ("Report Sans", "normal", "normal"): "DejaVuSans.ttf",
    ("Report Sans", "bold", "normal"): "DejaVuSans-Bold.ttf",
    ("Report Sans", "normal", "italic"): "DejaVuSans-Oblique.ttf",
    ("Report Mono", "normal", "normal"): "DejaVuSansMono.ttf",
}
# Tagged PDF/UA-1; no dates in the metadata and a fixed identifier, so the same pages give the same bytes.
OPTIONS = {"pdf_variant": "pdf/ua-1", "custom_metadata": False}

# What WeasyPrint says that does not stop the build. Everything else does: a glyph no font has,
# an image it cannot load, a link or page reference to no anchor, an image without alt text.
NOTICES = (
    "Using fontTools instead of HarfBuzz-Subset",  # which library subsets the fonts (the PDF is as good)
    re.compile(r"^Ignored `[^`]*` at \d+:\d+, (?!unknown property)"),  # a CSS value it does not support
)


def _cache_page_references() -> None:
    """pydyf rebuilds the tuple of every page's reference each time it is read, and WeasyPrint reads
    it once per tagged element and link: quadratic in the pages (2.4 s of the report's 31 s).
    Keep the tuple until a page is added; the bytes written are the same."""
    import pydyf

    build = pydyf.PDF.page_references.fget
    if getattr(build, "cached", False):
        return

    def page_references(pdf):
        count = len(pdf.pages["Kids"])
        if getattr(pdf, "_page_references", (None,))[0] != count:
            pdf._page_references = (count, build(pdf))
        return pdf._page_references[1]

    page_references.cached = True
    pydyf.PDF.page_references = property(page_references)


def _fresh_target_pages() -> None:
    """WeasyPrint 70 fills in "target-counter()" when it builds a box and updates it later only if the
    target was not laid out yet: a figure that moved to the next page in a later pass of the layout left
    "Figure 6 (p. 26)" pointing at the page before it (review 56). After each pass, a reference whose
    target moved since the last pass is marked for another, and only its page is laid out again."""
    import weasyprint.layout as layout

    make = layout.make_all_pages
    if getattr(make, "fresh", False):
        return

    def make_all_pages(context, root_box, html, pages):
        pages = list(make(context, root_box, html, pages))
        now = {
            box.style["anchor"]: index
            for index, page in enumerate(pages)
            for box in page.descendants(placeholders=True)
            if box.style["anchor"]
        }
        before = getattr(context, "anchor_pages", now)
        moved = {a for a, index in now.items() if before.get(a, index) != index}
        context.anchor_pages = now
        for (box, token), lookup in context.target_collector.counter_lookup_items.items():
            element = getattr(box, "element", None)  # the link whose ::after holds the page
            href = element.get("href", "") if token == "content" and element is not None else ""
            index = lookup.page_maker_index
            if href[1:] in moved and index is not None and index < len(pages):
                lookup.pending = True  # make_page parses its content again, with the target's new page
                context.page_maker[index][-1]["content_changed"] = True
            # The page count is known only after the first pass. WeasyPrint re-parsed a reference's
            # content with it only after laying the reference's page out again, and then laid the page
            # out a third time, though the reference prints no page count: 37 pages, 2 s. Parsed now,
            # the next pass lays each such page out once, with the same result.
            cached = lookup.cached_page_counter_values
            if cached.get("pages", [len(pages)]) != [len(pages)] and "pages" not in lookup.missing_counters:
                cached["pages"] = [len(pages)]
                lookup.parse_again(cached)
        yield from pages

    make_all_pages.fresh = True
    layout.make_all_pages = make_all_pages


def _reuse_svg_paths() -> None:
    """matplotlib writes each figure's text as glyph outlines, one <path> per letter drawn through
    <use>, and WeasyPrint parses a path's numbers again at every use: about 10,000 parses for the
    report's figures. Parse each outline once and append the same PDF operators after that; the file
    is byte for byte the same, and the figures are drawn 2 s faster (of about 5)."""
    import weasyprint.svg as svg

    parse = svg.TAGS["path"]
    if getattr(parse, "reused", False):
        return
    drawn: dict = {}

    def path(image, node, font_size):
        ops = image.stream.stream
        key = (node.get("d", ""), font_size, image.inner_width, image.inner_height)  # what the numbers depend on
        if key not in drawn:
            start, vertices = len(ops), len(node.vertices)
            parse(image, node, font_size)
            drawn[key] = (ops[start:], list(node.vertices)[vertices:])
            return
        ops.extend(drawn[key][0])
        node.vertices.extend(drawn[key][1])

    path.reused, path.parse = True, parse
    svg.TAGS["path"] = path


def _default_compression() -> None:
    """pydyf deflates every stream at zlib's level 9; zlib's default level (6) writes the report
    2 s faster (of about 33) for a file 4 % larger, and the PDF is the same once inflated."""
    import types
    import zlib

    import pydyf

    if isinstance(pydyf.zlib, types.SimpleNamespace):
        return
    pydyf.zlib = types.SimpleNamespace(
        compress=zlib.compress, compressobj=lambda level=9, **kw: zlib.compressobj(zlib.Z_DEFAULT_COMPRESSION, **kw)
    )


def fatal(message: str) -> bool:
    """Whether a WeasyPrint log message must stop the build."""
    return not any(message.startswith(n) if isinstance(n, str) else n.search(message) for n in NOTICES)


class _Messages(logging.Handler):
    def __init__(self):
        super().__init__(logging.WARNING)
        self.fatal: list[str] = []
        self.notices: list[str] = []

    def emit(self, record):
        msg = record.getMessage()
        (self.fatal if fatal(msg) else self.notices).append(msg)


def render(
    doc: str, base_url: str, target: Path, identifier: bytes, stylesheets=(), where=None, on_layout=None
) -> tuple[int, list[str]]:
    """Lay out one HTML document and write it as a tagged PDF; return its page count and the
    notices WeasyPrint gave. Stops with the messages that must not pass, each with the place
    `where(message)` names (the chapter page it comes from). `on_layout(pages)` is called with
    `anchor_pages` of the laid-out document before it is written, so other work can use them."""
    from weasyprint import CSS, HTML
    from weasyprint.text.fonts import FontConfiguration

    _cache_page_references()
    _fresh_target_pages()
    _default_compression()
    _reuse_svg_paths()
    # Without HarfBuzz-Subset, fontTools subsets the fonts and stamps them with the current time
    # unless SOURCE_DATE_EPOCH is set (the build sets it to the data's as-of date).
    os.environ.setdefault("SOURCE_DATE_EPOCH", "0")
    messages = _Messages()
    logger = logging.getLogger("weasyprint")
    logger.addHandler(messages)
    # WeasyPrint copies the @font-face fonts to a temporary folder that it removes only when the
    # configuration is garbage-collected, which never happens in the brief's worker process (it
    # ends with os._exit): 3.7 MB left in the temporary folder per build. Remove it here.
    fonts = FontConfiguration()
    try:
        css = [
            CSS(filename=str(s), font_config=fonts) if isinstance(s, Path) else CSS(string=s, font_config=fonts)
            for s in stylesheets
        ]
        # A stylesheet WeasyPrint cannot read stops the build here, not after the whole layout.
        if not messages.fatal:
            pdf = HTML(string=doc, base_url=base_url).render(stylesheets=css, font_config=fonts, **OPTIONS)
        if not messages.fatal and on_layout is not None:
            on_layout(anchor_pages(pdf))
        if not messages.fatal:
            tmp = target.with_suffix(".tmp")
            pdf.write_pdf(tmp, pdf_identifier=identifier, **OPTIONS)
    finally:
        logger.removeHandler(messages)
        fonts.__del__()  # its documented clean-up; safe to run again when collected
    if messages.fatal:
        seen = list(dict.fromkeys(messages.fatal))
        named = [f"{where(m)}: {m}" if where and where(m) else m for m in seen]
        raise BuildError(
            f"PDF {target.name}: WeasyPrint could not render everything ({len(seen)} problem(s)): "
            + "; ".join(named[:5])
        )
    tmp.replace(target)
    return len(pdf.pages), list(dict.fromkeys(messages.notices))


def anchor_pages(document) -> dict[str, int]:
    """Every id in a laid-out document with the number of the page it falls on (the printed number:
    pages are counted from the cover)."""
    pages: dict[str, int] = {}
    for n, page in enumerate(document.pages, 1):
        for name in page.anchors:
            pages.setdefault(name, n)
    return pages


def font_faces() -> str:
    return "\n".join(
        f"@font-face {{ font-family: '{fam}'; font-weight: {w}; font-style: {s}; "
        f"src: url('{(FONT_DIR / f).as_uri()}'); }}"
        for (fam, w, s), f in FONTS.items()
    )


def edition() -> dict:
    return yaml.safe_load((BOOK / "edition.yaml").read_text(encoding="utf-8"))


def abbreviations(cuts: list[Cut], meanings: dict[str, str]) -> str:
    """The acronyms the main body uses (not the annexes), each with its expansion, for the page after
    the contents: a briefer who opens the printed report at any chapter finds them there, without
    the prose spelling each out at first use on pages that are full."""
    # The tags dropped by a pattern, not a parser: parsing the main body's pages again cost a second.
    text = " ".join(re.sub(r"<[^>]*>", " ", c.body) for c in cuts)
    alts = " ".join(a for c in cuts for a in re.findall(r'alt="([^"]*)"', c.body))  # the figures' words
    used = sorted(glossary.terms_in(html_lib.unescape(f"{text} {alts}"), meanings), key=str.lower)
    if not used:
        return ""
    e = html_lib.escape
    items = "".join(f"<li><b>{e(a)}</b> {e(glossary.short_meaning(meanings[a]))}</li>" for a in used)
    return (
        '<section class="abbreviations"><h2 class="abbreviations-title">Abbreviations</h2>'
        "<p>Those used before the annexes; every term is in the glossary, "
        f'<a class="xref-page" href="#{anchor(GLOSSARY)}">Annex {toc.annex_letters()[GLOSSARY]}</a>.</p>'
        f"<ul>{items}</ul></section>"
    )


def front_matter(facts: dict, cuts: list[Cut]) -> str:
    """The title page, the contents, with the parts' captions (print.css writes each entry's page
    number), and the main body's abbreviations."""
    ed = edition()
    e = lambda s: html_lib.escape(str(s))
    part_of, entries, part = toc.part_of(), [], None
    first = next((caption for caption, _ in toc.parts() if caption), None)
    for c in cuts:
        if part_of.get(c.name) and part_of[c.name] != part:
            part = part_of[c.name]
            entries.append(f'<li class="toc-part">{e(part)}</li>')
        # Sections are listed for the assessment; tools and annexes by title, to keep the contents short.
        deep = part_of.get(c.name, first) == first
        entries += [
            f'<li class="toc-h{level}{"" if deep else " toc-title-only"}"><a class="toc-entry" href="#{target}">{e(text)}</a></li>'
            for level, text, target in c.headings
            if level == 1 or deep
        ]
    entries = "".join(entries)
    return f"""
<section class="cover">
  <p class="kicker">{e(ed["kicker"])}</p>
  <h1 class="cover-title">{e(facts["title"])}</h1>
  <p class="subtitle">{e(ed["subtitle"])}</p>
  <p class="edition">{e(facts["edition"])} &middot; <span class="asof">data as of {e(facts["as_of"])}</span></p>
  <p class="cover-cutoff">{e(facts["cutoff_line"])}</p>
  <p class="cover-sources">Built from {e(facts["n_events"])} dated events, {e(facts["n_relations"])} relations and
  {e(facts["n_sources"])} graded public sources. Every fact cites its sources; every figure is generated from the data.</p>
  <p class="licence">{e(ed["licence"])}</p>
</section>
<nav class="toc"><h2 class="toc-title">Contents</h2><ol>{entries}</ol></nav>
{abbreviations([c for c in cuts if c.name not in toc.annex_letters()], facts.get("glossary", {}))}"""


def document(facts: dict, cuts: list[Cut]) -> str:
    """The whole print edition as one HTML document."""
    e = html_lib.escape
    as_of = facts["as_of"].replace('"', "'")
    return (
        f'<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>{e(facts["title"])}</title>'
        f'<meta name="author" content="{e(edition()["author"])}">'
        f'<style>{font_faces()}\n@page {{ @bottom-left {{ content: "data as of {as_of}"; }} }}</style></head>'
        f"<body>{front_matter(facts, cuts)}{''.join(c.body for c in cuts)}</body></html>"
    )


def chapter_of(cuts: list[Cut]):
    """For an error message: the chapter page whose HTML holds what a WeasyPrint message quotes."""

    def where(message: str) -> str | None:
        for quoted in re.findall(r"'([^']+)'|\"([^\"]+)\"|#(\S+)", message):
            token = next(q for q in quoted if q).rsplit("/", 1)[-1]
            hits = [c.name for c in cuts if token in c.body]
            if hits:
                return f"book/{hits[0]}.html"
        return None

    return where


def letter_annex(c: Cut, letter: str) -> Cut:
    """An annex in print: 'Annex A: ' before its title (so the running header and the contents say
    it too), a page of its own, and the class print.css gives annexes."""
    soup = BeautifulSoup(c.body, "html.parser")
    soup.main["class"] = ["annex"]
    h1 = soup.find("h1")
    if h1 is not None:
        h1.insert(0, soup.new_string(f"Annex {letter}: "))
    headings = [[lv, f"Annex {letter}: {text}" if lv == 1 else text, t] for lv, text, t in c.headings]
    return Cut(c.name, str(soup), headings)


def _cut_for_print(name: str, page: Path, chapters: set[str], letter: str | None) -> Cut:
    c = cut(name, page, chapters)
    return letter_annex(c, letter) if letter else c


def write_pdf(
    html_dir: Path, target: Path, facts: dict, log, debug: Path | None = None, on_layout=None, pool=None
) -> int:
    """The report PDF from the HTML site's chapter pages (not the brief's); returns its page count.
    `on_layout` gets the page of every id once the report is laid out (see `render`). With a process
    `pool`, the pages are cut on both cores: 2 s of the 4 s the cut takes on one."""
    t0 = time.perf_counter()
    # The site's landing page stays on the site: the print edition opens with its cover, the
    # contents and then the executive summary. The brief is a PDF of its own.
    docs = [p.relative_to(BOOK.parent).with_suffix("") for p in toc.chapter_files()[1:]]
    docs = [d for d in docs if d.as_posix() != toc.BRIEF]
    names = {d.name for d in docs}
    letters = toc.annex_letters()
    files = [html_dir / f"{d.as_posix()}.html" for d in docs]
    jobs = [(d.name, f, names, letters.get(d.name)) for d, f in zip(docs, files)]
    if pool is None:
        cuts = [_cut_for_print(*job) for job in jobs]
    else:
        cuts = largest_first(_cut_for_print, jobs, [f.stat().st_size for f in files], pool)
    doc = document(facts, cuts)
    if debug:  # the document as laid out, kept for debugging (CT_KEEP_WORK=1)
        debug.write_text(doc, encoding="utf-8")
    log(f"  {len(cuts)} chapter pages cut and joined in {time.perf_counter() - t0:.1f} s")
    pages, notices = render(
        doc,
        f"{(html_dir / docs[0].parent).as_uri()}/",
        target,
        b"ct-report",
        [PRINT_CSS],
        where=chapter_of(cuts),
        on_layout=on_layout,
    )
    for n in sorted(set(re.sub(r'".*?"', '"…"', n) for n in notices)):
        log(f"  WeasyPrint notice (not an error): {n}")
    return pages
