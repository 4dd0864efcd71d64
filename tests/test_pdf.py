"""The print edition is one WeasyPrint pass (publish.pdf) over the cut chapter pages: page numbers,
contents numbers and cross-chapter links from print.css, a tagged PDF, and a deliberate line
between what WeasyPrint says that stops the build and what does not."""

from __future__ import annotations

import re
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from pypdf import PdfReader

from publish import pdf
from publish.cut import Cut
from publish.log import BuildError

ROOT = Path(__file__).resolve().parent.parent
FACTS = {
    "title": "Test report",
    "edition": "Edition 2026-1",
    "as_of": "1 January 2026",
    "n_events": 3,
    "n_relations": 2,
    "n_sources": 1,
    "cutoff_line": "Sources searched May 2026. Data as of 1 January 2026; events after 1 January 2026 are not assessed.",
}
PAGE = '<div style="break-before: page">{}</div>'


def chapter_b(pages: int = 3) -> Cut:
    """A chapter whose figure is on its second page; it refers to chapter c, and c to it."""
    rest = "".join(PAGE.format(f"<p>b page {i}</p>") for i in range(3, pages + 1))
    body = (
        f'<main id="b--"><section id="b--b"><h1>Part B</h1>'
        f'<p>Start of b; <a class="xref-page" href="#b--fig"><span>Figure 1</span></a> and '
        f'<a class="xref-page" href="#c--c"><span>Part C</span></a>.</p>'
        f"{PAGE.format('<figure id=b--fig><p>the figure</p><figcaption>Figure 1: a figure</figcaption></figure>')}"
        f"{rest}</section></main>"
    )
    return Cut("b", body, [[1, "Part B", "b--b"], [2, "The figure", "b--fig"]])


def chapter_c(text: str = "the end") -> Cut:
    body = (
        f'<main id="c--"><section id="c--c"><h1>Part C</h1><p>{text}; '
        f'<a class="xref-page" href="#b--fig"><span>Figure 1</span></a>.</p></section></main>'
    )
    return Cut("c", body, [[1, "Part C", "c--c"]])


def render(cuts, target: Path) -> tuple[int, list[str]]:
    return pdf.render(
        pdf.document(FACTS, cuts),
        f"{target.parent.as_uri()}/",
        target,
        b"test",
        [pdf.PRINT_CSS],
        where=pdf.chapter_of(cuts),
    )


@pytest.fixture(scope="module")
def report(tmp_path_factory) -> PdfReader:
    target = tmp_path_factory.mktemp("pdf") / "report.pdf"
    pages, _ = render([chapter_b(), chapter_c()], target)
    assert pages == 6  # cover, contents, b: 3 pages (figure on its 2nd), c: 1
    return PdfReader(target)


def test_pages_are_numbered_x_of_y_with_the_as_of_date(report):
    texts = [p.extract_text() for p in report.pages]
    assert "Page 1 of" not in texts[0]  # the title page has no footer
    for i, text in enumerate(texts[1:], start=2):
        assert f"Page {i} of 6" in text and "data as of 1 January 2026" in text, text


def test_the_cover_says_what_is_not_assessed(report):
    cover = " ".join(report.pages[0].extract_text().split())
    assert "events after 1 January 2026 are not assessed" in cover and "Sources searched May 2026" in cover


def test_contents_give_the_page_of_each_heading(report):
    contents = report.pages[1].extract_text()
    assert re.search(r"Part B\s*\.+\s*3\b", contents) and re.search(r"The figure\s*\.+\s*4\b", contents)
    assert re.search(r"Part C\s*\.+\s*6\b", contents)


def test_references_give_the_page_and_links_go_there(report):
    texts = [p.extract_text() for p in report.pages]
    assert "Figure 1 (p. 4) and Part C (p. 6)." in " ".join(texts[2].split())  # forward, into another chapter
    assert "Figure 1\xa0(p.\xa04)." in texts[5]  # back, from the other chapter; bound, never split over lines
    links = {}
    for n, page in enumerate(report.pages):
        for a in page.get("/Annots") or []:
            a = a.get_object()
            if "/Dest" in a:
                links.setdefault(n + 1, []).append(_page_of(report, a["/Dest"]))
    assert set(links[2]) == {3, 4, 6}  # the contents
    assert set(links[3]) == {4, 6} and set(links[6]) == {4}


def test_the_abbreviations_spell_out_the_main_bodys_acronyms_not_the_annexes():
    """After the contents, the acronyms of the chapters before the annexes, each with what it stands
    for (without the glossary's last bracket or aside), and a link to the glossary annex."""
    from bs4 import BeautifulSoup

    meanings = {
        "SOSMA": "Security Offences (Special Measures) Act 2012 (Act 747)",
        "JI": "Jemaah Islamiyah",
        "UNHCR": "Office of the United Nations High Commissioner for Refugees, whose Refworld site holds copies",
        "FATF": "Financial Action Task Force",
    }
    body = Cut("b", "<main><p>SOSMA, JI and UNHCR, but not XYZ.</p></main>", [[1, "Part B", "b--b"]])
    annex = Cut("glossary", "<main><p>FATF</p></main>", [[1, "Glossary", "glossary--g"]])
    front = BeautifulSoup(pdf.front_matter({**FACTS, "glossary": meanings}, [body, annex]), "html.parser")
    section = front.select_one("section.abbreviations")
    assert [" ".join(li.get_text(" ").split()) for li in section.select("li")] == [
        "JI Jemaah Islamiyah",
        "SOSMA Security Offences (Special Measures) Act 2012",
        "UNHCR Office of the United Nations High Commissioner for Refugees",
    ]
    assert section.select_one('a[href="#glossary--"]').get_text() == "Annex E"
    none = BeautifulSoup(pdf.front_matter({**FACTS, "glossary": meanings}, [annex]), "html.parser")
    assert none.select_one("section.abbreviations") is None  # no acronym before the annexes: no list


def _page_of(reader: PdfReader, dest) -> int:
    if isinstance(dest, list):  # an explicit destination: [page, /XYZ, ...]
        return reader.get_page_number(dest[0].get_object()) + 1
    return reader.get_destination_page_number(reader.named_destinations[str(dest)]) + 1


def test_bookmarks_follow_the_headings(report):
    titles = [o.title for o in report.outline if not isinstance(o, list)]
    assert titles == ["Contents", "Part B", "Part C"] or titles == ["Part B", "Part C"], titles


def test_the_pdf_is_tagged_with_language_and_alt_text(tmp_path):
    cuts = [
        chapter_b(),
        Cut(
            "c",
            '<main id="c--"><section id="c--c"><h1>Part C</h1>'
            '<figure><img src="dot.svg" alt="A dot in a square"></figure>'
            "<table><tr><th>a</th></tr><tr><td>1</td></tr></table></section></main>",
            [],
        ),
    ]
    (tmp_path / "dot.svg").write_text(
        '<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><circle cx="5" cy="5" r="4"/></svg>'
    )
    render(cuts, tmp_path / "t.pdf")
    reader = PdfReader(tmp_path / "t.pdf")
    root = reader.trailer["/Root"]
    assert root["/MarkInfo"]["/Marked"] and root["/Lang"] == "en" and "/StructTreeRoot" in root
    raw = (tmp_path / "t.pdf").read_bytes()
    tags = _structure(root["/StructTreeRoot"])
    assert {"/H1", "/Figure", "/Table", "/TH", "/TD", "/P"} <= {t for t, _ in tags}
    assert ("/Figure", "A dot in a square") in tags
    render(cuts, tmp_path / "again.pdf")
    assert (tmp_path / "again.pdf").read_bytes() == raw  # same pages, same bytes: no dates in the file


def _structure(node, out=None):
    out = [] if out is None else out
    node = node.get_object()
    if hasattr(node, "get"):
        if "/S" in node:
            out.append((str(node["/S"]), str(node.get("/Alt", ""))))
        kids = node.get("/K")
        for kid in kids if isinstance(kids, list) else [kids] if kids is not None else []:
            if hasattr(kid, "get_object") and hasattr(kid.get_object(), "get"):
                _structure(kid, out)
    return out


def test_a_link_to_nowhere_stops_the_build(tmp_path):
    lost = Cut(
        "c", '<main id="c--"><section id="c--c"><h1>C</h1><p><a href="#nowhere--x">lost</a></p></section></main>', []
    )
    with pytest.raises(BuildError, match="nowhere--x") as err:
        render([chapter_b(), lost], tmp_path / "out.pdf")
    assert "book/c.html" in str(err.value) and not (tmp_path / "out.pdf").exists()


def test_an_image_weasyprint_cannot_load_stops_the_build_naming_the_page(tmp_path):
    broken = Cut(
        "c",
        '<main id="c--"><section id="c--c"><h1>C</h1>'
        '<p>A figure: <img src="../_images/missing.svg" alt="x"></p></section></main>',
        [],
    )
    with pytest.raises(BuildError, match=r"book/c\.html: Failed to load image"):
        render([chapter_b(), broken], tmp_path / "out.pdf")


@pytest.mark.parametrize(
    "message, stops",
    [
        ('.notdef glyph rendered for Unicode string unsupported by fonts: "の" (U+306E)', True),
        ("Failed to load image at 'file:///x/_images/t1.svg': [Errno 2] No such file", True),
        ("No anchor #threat--fig-t9 for internal URI reference", True),
        ("Content discarded: target points to undefined anchor 'threat--x'", True),
        ('Image "t1.svg" has no required alt description', True),
        ("Ignored `colour: red` at 3:1, unknown property.", True),  # a typo in our stylesheet
        ("Something WeasyPrint has never said before", True),  # unknown: stop, and decide
        (
            'Using fontTools instead of HarfBuzz-Subset for font "Report Sans". This will be unsupported '
            "in future versions of WeasyPrint. Please install HarfBuzz-Subset >= 4.1.0 with your package manager.",
            False,
        ),
        ("Ignored `display: flex` at 12:3, invalid value.", False),  # CSS of theme leftovers
    ],
)
def test_which_weasyprint_messages_stop_the_build(message, stops):
    assert pdf.fatal(message) is stops


CHILD = textwrap.dedent("""
    import cffi, sys
    from pathlib import Path
    real = cffi.FFI.dlopen
    def dlopen(self, name, *args, **kw):  # as on a machine without libharfbuzz-subset0
        if "harfbuzz-subset" in str(name):
            raise OSError(f"cannot load {name}")
        return real(self, name, *args, **kw)
    cffi.FFI.dlopen = dlopen
    from weasyprint.text import ffi
    assert ffi.harfbuzz_subset is None
    sys.path.insert(0, sys.argv[2])
    from tests.test_pdf import chapter_b, chapter_c, render
    pages, notices = render([chapter_b(), chapter_c()], Path(sys.argv[1]))
    print("pages", pages)
    print("\\n".join(notices))
""")


def test_the_pdf_is_made_when_harfbuzz_subset_cannot_be_loaded(tmp_path):
    """A fresh machine may lack libharfbuzz-subset0: WeasyPrint then subsets with fontTools and
    says so, which is a notice, not a failure."""
    target = tmp_path / "no-hb-subset.pdf"
    result = subprocess.run(
        [sys.executable, "-W", "ignore::DeprecationWarning", "-c", CHILD, str(target), str(ROOT)],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=300,
    )
    assert result.returncode == 0, result.stderr[-3000:]
    assert "pages 6" in result.stdout
    assert "Using fontTools instead of HarfBuzz-Subset" in result.stdout
    assert len(PdfReader(target).pages) == 6


def test_the_cached_page_references_follow_pages_added_after_a_read():
    """The speed-up keeps pydyf's page list until a page is added; a stale list would send links and
    tags to the wrong pages."""
    import pydyf

    pdf._cache_page_references()
    doc = pydyf.PDF()
    for _ in range(2):
        doc.add_page(pydyf.Dictionary({"Type": "/Page"}))
    first = doc.page_references
    doc.add_page(pydyf.Dictionary({"Type": "/Page"}))
    assert len(first) == 2 and len(doc.page_references) == 3
    assert doc.page_references[:2] == first and doc.page_references is doc.page_references


def test_reused_svg_outlines_write_the_same_bytes_as_parsing_each_use(tmp_path, monkeypatch):
    """The speed-up parses each glyph outline of a figure once; the PDF must be byte for byte the one
    WeasyPrint writes when it parses the outline at every use."""
    import weasyprint.svg

    from analysis import figures, style

    fig, ax = style.plt.subplots(figsize=(4, 2))
    ax.plot([2000, 2010, 2020], [1, 3, 2], label="Arrests, arrests and more arrests")
    ax.set_title("A title whose letters repeat: aaa bbb")
    ax.legend()
    (tmp_path / "fig.svg").write_bytes(figures.finish(fig, "A test figure.").svg)
    doc = f'<html lang="en"><head><title>t</title><style>{pdf.font_faces()}</style></head><body><img src="fig.svg" alt="a figure"></body></html>'
    pdf.render(doc, f"{tmp_path.as_uri()}/", tmp_path / "reused.pdf", b"t")
    reused = weasyprint.svg.TAGS["path"]
    assert reused.reused
    monkeypatch.setitem(weasyprint.svg.TAGS, "path", reused.parse)
    monkeypatch.setattr(pdf, "_reuse_svg_paths", lambda: None)
    pdf.render(doc, f"{tmp_path.as_uri()}/", tmp_path / "parsed.pdf", b"t")
    assert (tmp_path / "reused.pdf").read_bytes() == (tmp_path / "parsed.pdf").read_bytes()


def test_a_line_before_a_bold_phrase_breaks_at_its_last_space_not_its_first(tmp_path):
    """WeasyPrint alone sent everything after "Through" to the next line here (the brief, KJ 1); cut
    moves the space before an inline element inside it, and the line then breaks where it should."""
    from publish import brief
    from publish.cut import cut

    page = tmp_path / "brief.html"
    page.write_text(
        '<html><body><article class="bd-article"><section id="b"><ol><li><p>Through 2028, any attack outside '
        "eastern Sabah comes from a lone actor or small cell, not an organised group. <strong>Highly "
        "likely</strong> (80–90 %); moderate confidence (two attacks, a small sample; police say).</p></li></ol>"
        "</section></article></body></html>",
        encoding="utf-8",
    )
    body = cut("brief", page, {"brief"}).body
    doc = f"<html lang='en'><head><title>t</title><style>{pdf.font_faces()}</style></head><body>{body}</body></html>"
    css = brief.BRIEF_CSS % {"title": "T", "as_of": "x", "edition": "e"}
    target = tmp_path / "line.pdf"
    pdf.render(doc, tmp_path.as_uri() + "/", target, b"t", [pdf.PRINT_CSS, css])
    lines = PdfReader(target).pages[0].extract_text().splitlines()
    first = next(line for line in lines if "Through" in line)
    assert "Through 2028, any attack outside eastern Sabah" in first, lines


def test_a_render_in_a_worker_process_leaves_no_font_folder_behind(tmp_path, monkeypatch):
    """The brief is written in a forked worker that ends without garbage collection, where
    WeasyPrint alone would leave its copy of the fonts (3.7 MB a build) in the temporary folder."""
    import tempfile
    from concurrent.futures import ProcessPoolExecutor
    from multiprocessing import get_context

    temp = tmp_path / "temp"
    temp.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(temp))
    with ProcessPoolExecutor(1, mp_context=get_context("fork")) as pool:
        pages, _ = pool.submit(render, [chapter_b(), chapter_c()], tmp_path / "out.pdf").result()
    assert pages >= 2 and (tmp_path / "out.pdf").exists()
    assert not list(temp.glob("weasyprint-*"))


def test_a_stylesheet_error_stops_the_build_before_the_layout(tmp_path, monkeypatch):
    """A typo in print.css is reported at once: laying out the report first would cost the
    maintainer most of a minute for nothing."""
    import weasyprint

    def no_layout(*args, **kwargs):
        raise AssertionError("the document was laid out despite the stylesheet error")

    monkeypatch.setattr(weasyprint.HTML, "render", no_layout)
    with pytest.raises(BuildError, match="colour"):
        pdf.render(
            pdf.document(FACTS, [chapter_c()]),
            f"{tmp_path.as_uri()}/",
            tmp_path / "out.pdf",
            b"test",
            [pdf.PRINT_CSS, "h1 { colour: red; }"],
        )
    assert not (tmp_path / "out.pdf").exists()


def test_the_parallel_map_returns_results_in_the_jobs_order_whatever_their_sizes():
    from publish.cores import largest_first

    jobs = [(7, 2), (9, 4), (1, 1), (20, 6)]
    assert largest_first(divmod, jobs, [1, 50, 3, 10]) == [divmod(*j) for j in jobs]
    assert largest_first(divmod, [], []) == []
