"""The PDF is laid out part by part (publish.paged) and joined (publish.stitch): page
numbers, contents numbers, cross-part links and reuse of unchanged parts, on small real parts
rendered by WeasyPrint."""
from __future__ import annotations

import re
from concurrent.futures import ProcessPoolExecutor
from multiprocessing import get_context

import pytest
from pypdf import PdfReader

from publish import paged
from publish.log import BuildError
from publish.paged import XREF, Part
from publish.pdf import PRINT_CSS
from publish.stitch import stitch

HEAD = "<head><meta charset='utf-8'><title>Test</title></head>"
PAGE = '<div style="break-before: page">{}</div>'


def front() -> Part:
    """A contents list pointing into the other parts, as pdf.front_matter writes it."""
    items = "".join(f'<li><a class="toc-entry page-far" href="{XREF}{t}" data-page="@@page:{t}@@">{t}</a></li>'
                    for t in ("b--", "b--fig", "c--"))
    return Part("a", f'<p><a class="page-far" href="{XREF}b--fig" data-page="@@page:b--fig@@">Figure 1</a> '
                     f'is in part b.</p><nav class="toc"><ol>{items}</ol></nav>')


def part_b(pages: int) -> Part:
    """A title page, the figure on the second page, then plain pages."""
    body = "".join(PAGE.format(f"<p>b page {i}</p>") for i in range(3, pages + 1))
    return Part("b", f'<main id="b--"><h1>Part B</h1><p>Start of b; <a class="xref-page" href="#b--fig">Figure 1</a>.</p>'
                     f'{PAGE.format("<figure id=b--fig><p>the figure</p></figure>")}{body}</main>')


def part_c(text: str = "the end") -> Part:
    return Part("c", f'<main id="c--"><h1>Part C</h1><p>{text}</p></main>')


@pytest.fixture(scope="module")
def pool():
    with ProcessPoolExecutor(2, mp_context=get_context("fork")) as p:
        yield p


def build(parts, tmp_path, pool) -> tuple[list[str], paged.Renderer, PdfReader]:
    cache = tmp_path / "cache"
    cache.mkdir(exist_ok=True)
    renderer = paged.Renderer(HEAD, PRINT_CSS, tmp_path, "1 January 2026", cache, pool, lambda msg: None)
    pdfs = paged.render(parts, renderer, cache / "manifest.json")
    reader = PdfReader(stitch(pdfs, tmp_path / "out.pdf", "Test", "Tester"))
    return [p.extract_text() for p in reader.pages], renderer, reader


def test_numbers_run_across_parts_and_links_reach_other_parts(tmp_path, pool):
    texts, _, reader = build([front(), part_b(3), part_c()], tmp_path, pool)
    assert len(texts) == 6  # a: text, then contents on a page of its own; b: 3 pages, figure on its 2nd; c: 1
    for i, text in enumerate(texts, start=1):
        assert f"Page {i} of 6" in text and "data as of 1 January 2026" in text
    contents = texts[1]
    assert re.search(r"b--\s*\.+\s*3\b", contents) and re.search(r"b--fig\s*\.+\s*4\b", contents)
    assert re.search(r"c--\s*\.+\s*6\b", contents)
    assert "Figure 1 (p. 4) is in part b" in texts[0]          # across parts: from the layout of b
    assert "Figure 1 (p. 4)." in texts[2]                      # inside b: WeasyPrint's own counter, offset
    dests = [a.get_object()["/Dest"] for page in reader.pages[:2] for a in page["/Annots"]]
    assert set(dests) == {"b--", "b--fig", "c--"}
    assert reader.get_destination_page_number(reader.named_destinations["b--fig"]) == 3


def test_a_rebuild_renders_only_the_part_that_changed(tmp_path, pool):
    build([front(), part_b(3), part_c()], tmp_path, pool)
    texts, renderer, _ = build([front(), part_b(3), part_c("a new ending")], tmp_path, pool)
    assert renderer.rendered == {"c"}
    assert "a new ending" in texts[5] and "Page 6 of 6" in texts[5]


def test_a_part_that_grows_moves_every_number_after_it(tmp_path, pool):
    build([front(), part_b(3), part_c()], tmp_path, pool)
    texts, renderer, _ = build([front(), part_b(4), part_c()], tmp_path, pool)
    assert renderer.rendered == {"a", "b", "c"}  # a and b: "of 7"; c: starts a page later
    assert len(texts) == 7 and "Page 7 of 7" in texts[6] and re.search(r"c--\s*\.+\s*7\b", texts[1])


def test_reused_parts_give_the_same_pages(tmp_path, pool):
    first, _, _ = build([front(), part_b(3), part_c()], tmp_path, pool)
    again, renderer, _ = build([front(), part_b(3), part_c()], tmp_path, pool)
    assert renderer.rendered == set() and again == first


def test_a_link_to_nowhere_stops_the_join(tmp_path, pool):
    lost = Part("c", f'<main id="c--"><p><a href="{XREF}nowhere--x">lost</a></p></main>')
    with pytest.raises(BuildError, match="nowhere--x"):
        build([front(), part_b(3), lost], tmp_path, pool)


def test_what_weasyprint_cannot_draw_stops_the_build_and_names_the_part(tmp_path, pool):
    broken = Part("c", '<main id="c--"><p>A figure: <img src="_images/missing.svg" alt="x"></p></main>')
    with pytest.raises(BuildError, match="part 'c'"):
        build([front(), part_b(3), broken], tmp_path, pool)
