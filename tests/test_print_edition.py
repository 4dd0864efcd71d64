"""The print edition a briefer carries: a main body of at most 45 pages, then lettered annexes each
on a new page with "Annex X" in its running header; the briefer's tools are in the main body; the key
chronology fits two pages. Checked on the built PDF."""

from __future__ import annotations

import re
import shutil
import subprocess

import numpy as np
import pytest
from PIL import Image

from publish import toc

MAX_MAIN_BODY = 45


@pytest.fixture(scope="module")
def outline(report_pdf):
    reader = report_pdf
    top = [(o.title, reader.get_destination_page_number(o) + 1) for o in reader.outline if not isinstance(o, list)]
    return reader, top


def test_main_body_is_at_most_45_pages_and_annexes_follow_it(outline):
    _reader, top = outline
    annexes = [(t, p) for t, p in top if t.startswith("Annex ")]
    letters = toc.annex_letters()
    assert [t.split(":")[0] for t, _ in annexes] == [f"Annex {x}" for x in sorted(letters.values())]
    first_annex = annexes[0][1]
    assert first_annex - 1 <= MAX_MAIN_BODY, f"main body is {first_annex - 1} pages"
    assert all(p >= first_annex for t, p in top if t.startswith("Annex "))
    assert not any(p > first_annex for t, p in top if not t.startswith("Annex "))


def test_every_annex_page_says_annex_in_its_running_header(outline):
    reader, top = outline
    annexes = [(t, p) for t, p in top if t.startswith("Annex ")]
    ends = [p for _, p in annexes[1:]] + [len(reader.pages) + 1]
    for (title, start), end in zip(annexes, ends, strict=True):
        letter = title.split(":")[0]
        for n in (start, (start + end - 1) // 2, end - 1):
            lines = reader.pages[n - 1].extract_text().strip().splitlines()
            assert any(line.startswith(letter) for line in lines), (title, n, lines[:3])


@pytest.mark.parametrize(
    "title",
    [
        "Chronology of key events",
        "Who’s who",
        "Partner matrix",
        "The national counter-terrorism architecture",
        "Maps",
        "Key sources",
        "Executive summary",
    ],
)
def test_briefer_tools_are_in_the_main_body(outline, title):
    _, top = outline
    first_annex = next(p for t, p in top if t.startswith("Annex "))
    page = next((p for t, p in top if t.replace("'", "’") == title), None)
    assert page is not None and page < first_annex, title


def test_the_report_opens_with_the_executive_summary(outline):
    _, top = outline
    chapters = [t for t, _ in top]
    assert chapters[0] == "Executive summary"  # after the cover and the contents


def test_the_page_after_the_contents_spells_out_every_acronym_of_the_main_body(outline, built_book):
    """A briefer who opens the printed report at any chapter finds each acronym it uses spelled out
    on the contents' last page, before the executive summary."""
    from analysis import evidence, glossary
    from tests.pdftext import page_texts, unhyphenated

    _, top = outline
    summary = next(p for t, p in top if t == "Executive summary")
    first_annex = next(p for t, p in top if t.startswith("Annex "))
    texts = page_texts(built_book / "_build" / "pdf" / "report.pdf")
    front = " ".join(texts[summary - 2].split())
    assert "Abbreviations" in front and "SOSMA Security Offences (Special Measures) Act 2012" in front
    terms = glossary.terms(evidence.load(built_book / "data"))
    meanings = dict(zip(terms["term"], terms["meaning"]))
    # a name split over two lines ("AJCT Dia-" / "logue") is one name: found whole, not as its first word
    used = glossary.terms_in(unhyphenated(" ".join(texts[summary - 1 : first_annex - 1])), meanings)
    unlisted = [a for a in used if f"{a} {meanings[a].split()[0].rstrip(',')}" not in front]  # the term, its meaning
    assert len(used) > 40 and not unlisted, sorted(unlisted)


def test_key_chronology_fits_two_pages(outline):
    _, top = outline
    start = next(p for t, p in top if t == "Chronology of key events")
    following = min(p for t, p in top if p > start)
    assert following - start <= 2


def test_figures_in_the_tools_have_captions_and_alt_text(built_book):
    for page, figures in (("maps", 2), ("architecture", 1)):
        html = (built_book / "_build" / "html" / "book" / f"{page}.html").read_text(encoding="utf-8")
        alts = re.findall(r'<img [^>]*alt="([^"]+)"', html)
        assert len([a for a in alts if len(a) > 40]) >= figures, page
        assert len(re.findall(r"<figcaption", html)) >= figures, page


def test_executive_summary_is_at_most_two_pages(outline):
    _, top = outline
    start = next(p for t, p in top if t == "Executive summary")
    following = min(p for t, p in top if p > start)
    assert following - start <= 2


MAX_BLANK_INSIDE_A_CHAPTER = 0.5


def _blank_below(png) -> float:
    """The share of an A4 page's text block (22 mm margins) left blank below its last ink."""
    a = np.asarray(Image.open(png).convert("L"))
    top, bottom = round(a.shape[0] * 22 / 297), round(a.shape[0] * (297 - 22) / 297)
    rows = np.flatnonzero((a[top:bottom] < 200).any(axis=1))
    last = top + rows.max() if len(rows) else top
    return (bottom - last) / (bottom - top)


@pytest.mark.skipif(shutil.which("pdftoppm") is None, reason="pdftoppm missing: run `make tools` (poppler-utils)")
def test_no_page_inside_a_chapter_of_the_main_body_is_half_blank(outline, built_book, tmp_path):
    """A figure or table too tall for the room left on a page is pushed to the next, and the page
    before it stays blank below the text: the maps left half a page so, and the key judgments' table
    once stood alone on a page. Only a chapter's last page may end early."""
    _, top = outline
    starts = sorted({p for _, p in top})
    first_annex = next(p for t, p in top if t.startswith("Annex "))
    pdf = built_book / "_build" / "pdf" / "report.pdf"
    subprocess.run(
        [
            "pdftoppm",
            "-r",
            "20",
            "-gray",
            "-f",
            str(starts[0]),
            "-l",
            str(first_annex - 1),
            "-png",
            pdf,
            tmp_path / "p",
        ],
        check=True,
    )
    blank = {int(png.stem.split("-")[-1]): _blank_below(png) for png in tmp_path.glob("p-*.png")}
    inside = {p: round(b, 2) for p, b in blank.items() if p + 1 not in starts and b > MAX_BLANK_INSIDE_A_CHAPTER}
    assert inside == {}, f"pages (blank share) that end early inside a chapter: {inside}"


def test_the_fragment_check_finds_a_half_word_alone_on_a_line():
    """The check below on text set as WeasyPrint once set p. 29, and on the same lines set right."""
    from tests.pdftext import stray_fragments

    bad = "groups still try: Abu Sayyaf members Philippine com\u2010\nmanders\nsaid were setting up a cell in Sabah\n"
    good = "groups still try: Abu Sayyaf members Philippine com\u2010\nmanders said were setting up a cell in Sabah\n"
    end = "the assumption below al\u2010\nlows.\n\nKey assumptions\n"  # a paragraph's last line: no fault
    assert stray_fragments(bad) == ["bers Philippine com\u2010 | manders | said were setting up"]
    assert stray_fragments(good) == [] and stray_fragments(end) == []


def test_a_word_hyphenated_at_a_line_end_is_read_whole_and_a_typed_hyphen_is_kept():
    """The acronym check above reads 'AJCT Dia-' / 'logue' as 'AJCT Dialogue'; 'ASEAN-Japan' keeps its hyphen."""
    from tests.pdftext import unhyphenated

    assert unhyphenated("last in their group (AJCT Dia\u2010\nlogue, ASEAN-\nJapan)") == (
        "last in their group (AJCT Dialogue, ASEAN-\nJapan)"
    )


def test_no_line_of_the_main_body_holds_only_half_a_hyphenated_word(outline, built_book):
    """A briefer should not meet a word's second half alone on a line inside a paragraph."""
    from tests.pdftext import page_texts, stray_fragments

    _, top = outline
    first_annex = next(p for t, p in top if t.startswith("Annex "))
    texts = page_texts(built_book / "_build" / "pdf" / "report.pdf")[: first_annex - 1]
    found = [f"p. {n}: {f}" for n, text in enumerate(texts, 1) for f in stray_fragments(text)]
    assert not found, found


def test_the_print_changes_annex_leaves_the_record_lists_to_the_site(outline, built_book):
    """The lists of corrected, added and removed records (hundreds of ids, some 60 pages) are on the
    site only: the printed Annex G says so where each list would be; the site has the lists and hides
    the note."""
    from analysis import editions, evidence
    from tests.pdftext import page_texts

    ev = evidence.load(built_book / "data")
    changes = editions.since_latest(ev)
    assert changes.corrected, "the data have no corrected record since the last edition: nothing to test"
    _, top = outline
    start = next(p for t, p in top if t.endswith("Changes since the last edition"))
    annex = " ".join(page_texts(built_book / "_build" / "pdf" / "report.pdf")[start - 1 :])
    annex = re.sub(r"\s+", " ", annex)
    assert f"Not printed: {len(changes.corrected):,} corrected records, listed in this annex" in annex
    assert "Not printed:" in annex.split("Records added and removed", 1)[1]
    assert changes.corrected[0].id not in annex.split("Corrected records", 1)[1].split("Records added", 1)[0]
    site = (built_book / "_build" / "html" / "book" / "annex-changes.html").read_text(encoding="utf-8")
    assert f'<code class="docutils literal notranslate"><span class="pre">{changes.corrected[0].id}' in site
    css = (built_book / "book" / "_static" / "site" / "report.css").read_text(encoding="utf-8")
    assert re.search(r"\.print-only\s*\{\s*display:\s*none", css)


def test_every_figure_and_table_reference_names_the_page_it_is_on(built_book):
    """Review 56: "Figure 6 (p. 26)" pointed at the page before the figure, which a later pass of the
    layout had moved (publish.pdf._fresh_target_pages). A figure's caption is on the page named; a
    table's caption ends it, on that page or a later one."""
    from tests.pdftext import page_texts

    pages = page_texts(built_book / "_build" / "pdf" / "report.pdf")
    checked, wrong = 0, []
    for i, text in enumerate(pages, 1):
        for kind, n, p in re.findall(r"\b(Figure|Table) (\d+) \(p\. (\d+)\)", re.sub(r"\s+", " ", text)):
            caption = re.compile(rf"^{kind} {n}\s(?!\(p\.)", re.M)  # a caption, not a line of prose citing it
            at = [q for q in range(1, len(pages) + 1) if caption.search(pages[q - 1])]
            checked += 1
            # a figure on the page named; a table's caption on that page or after it (a long one runs on: the table of
            # checks, one row and note per reading, ran past 30 pages at the 142nd check)
            if not at or (at[0] != int(p) if kind == "Figure" else not int(p) <= at[0] <= int(p) + 45):
                wrong.append(f"p. {i}: {kind} {n} (p. {p}), caption on p. {at}")
    assert checked > 40
    assert not wrong, wrong
