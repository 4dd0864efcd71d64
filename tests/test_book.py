"""The built book (built once per session in a temporary copy): pages, PDF, offline HTML,
glued numbers equal to the data, figures and citations wired up."""

from __future__ import annotations

import html as html_lib
import json
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from pdftext import page_texts
from pypdf import PdfReader

from analysis import evidence, report, schema

ROOT = Path(__file__).resolve().parent.parent
BOOK = ROOT / "book"


def toc_docs():
    from publish import toc

    return [p.relative_to(ROOT).with_suffix("").as_posix() for p in toc.chapter_files(ROOT)]


def report_docs():
    """The chapters of report.pdf: every toc entry but the brief, which is its own PDF."""
    from publish import toc

    return [d for d in toc_docs()[1:] if d != toc.BRIEF]  # not the site's landing page


def chapter_titles():
    out = {}
    for doc in report_docs():
        text = (ROOT / f"{doc}.md").read_text(encoding="utf-8")
        out[doc] = re.search(r"^# (.+)$", text, re.M)[1].strip()
    return out


def html_pages(built: Path):
    """The site's pages (not the theme's template fragments under _static)."""
    root = built / "_build" / "html"
    return sorted(p for p in root.rglob("*.html") if "_static" not in p.relative_to(root).parts)


def test_every_toc_entry_has_an_html_page(built_book):
    for doc in toc_docs():
        assert (built_book / "_build" / "html" / f"{doc}.html").exists(), doc


def test_the_site_root_reaches_the_book_without_meta_refresh(built_book):
    """_build/html/index.html forwards to the landing page and, for a reader or tool that does not
    follow meta refresh, has the report's title and a visible link to it."""
    import yaml

    site = built_book / "_build" / "html"
    page = (site / "index.html").read_text(encoding="utf-8")
    title = yaml.safe_load((ROOT / "_config.yml").read_text(encoding="utf-8"))["title"]
    assert re.search(r'<meta http-equiv="refresh" content="0; url=book/index\.html">', page, re.I)
    assert html_lib.unescape(re.search(r"<title>(.*?)</title>", page)[1]) == title
    links = re.findall(r'<a href="([^"]+)">(.*?)</a>', page)
    assert [(href, html_lib.unescape(text)) for href, text in links] == [("book/index.html", title)]
    assert (site / "book" / "index.html").exists()


def test_pdf_has_a_bookmark_per_chapter(report_pdf):
    reader = report_pdf
    top = [o.title for o in reader.outline if not isinstance(o, list)]
    for title in chapter_titles().values():
        assert any(title.replace("'", "’") in t.replace("'", "’") for t in top), (title, top)


def test_pdf_contents_page_lists_chapters_with_page_numbers(report_pdf):
    reader = report_pdf
    contents = "\n".join(reader.pages[i].extract_text() for i in (1, 2))
    assert "Contents" in contents
    for title in chapter_titles().values():
        line = next((x for x in contents.splitlines() if title.replace("’", "'")[:30] in x.replace("’", "'")), None)
        assert line and re.search(r"\d+\s*$", line), (title, line)


def _outline(reader: PdfReader):
    for item in reader.outline:
        yield from (_outline_items(item) if isinstance(item, list) else [item])


def _outline_items(items):
    for item in items:
        yield from (_outline_items(item) if isinstance(item, list) else [item])


def test_contents_page_numbers_are_where_the_headings_are(report_pdf):
    """Every contents entry, in order, names the page its bookmark (the heading itself) lands on."""
    reader = report_pdf
    contents = "\n".join(reader.pages[i].extract_text() for i in (1, 2))
    entries = [
        (m[1].strip(), int(m[2]))
        for m in (re.match(r"(.+?)\s*\.{3,}\s*(\d+)$", line) for line in contents.splitlines())
        if m
    ]
    marks = [(o.title.strip(), reader.get_destination_page_number(o) + 1) for o in _outline(reader)]
    # the contents lists sections for the assessment only; the tools and annexes by title
    titles = {t[:25] for t, _ in entries}
    marks = [m for m in marks if m[0][:25] in titles]
    assert len(entries) == len(marks) >= 40
    for (title, page), (mark, mark_page) in zip(entries, marks):
        assert title[:25] == mark[:25] and page == mark_page, (title, page, mark, mark_page)


def test_every_pdf_link_inside_the_report_resolves(report_pdf):
    reader = report_pdf
    names = reader.named_destinations
    links = [a.get_object() for page in reader.pages for a in (page.get("/Annots") or [])]
    internal = [a["/Dest"] for a in links if "/Dest" in a]
    assert len(internal) > 500  # citations, figure references, contents
    assert [d for d in internal if isinstance(d, str) and d not in names] == []
    assert [a for a in links if "/A" in a and str(a["/A"].get("/URI", "")).startswith("ct-xref:")] == []


def test_figure_references_give_the_page_the_figure_starts_on(built_book):
    texts = page_texts(built_book / "_build" / "pdf" / "report.pdf")
    refs = [
        (i, f"{m[1]} {m[2]}", int(m[3]))
        for i, t in enumerate(texts)
        for m in re.finditer(r"(Figure|Table) (\d+) \(p\. (\d+)\)", t)
    ]
    assert len(refs) >= 10 and {r[1].split()[0] for r in refs} == {"Figure", "Table"}
    caption = re.compile(r"^(?:Figure|Table) \d+\b(?! \(p)", re.M)
    for i, number, page in refs:
        captions = [n + 1 for n, t in enumerate(texts) if re.search(rf"^{number}\b(?! \(p)", t, re.M)]
        assert len(captions) == 1 and page <= captions[0], (i + 1, number, page, captions)
        # the caption is on that page or, for a table several pages long, at its end: every page between
        # starts as the caption's page does (the running head, or the table's repeated header row), and
        # those after the first hold no other figure's caption (the first may: a table may start under
        # another figure, since a numbered table runs on rather than leave half a page blank)
        between = texts[page - 1 : captions[0] - 1]
        head = texts[captions[0] - 1].split("\n", 1)[0]
        assert all(t.split("\n", 1)[0] == head for t in between), (i + 1, number, page)
        assert not any(caption.search(t) for t in between[1:]), (i + 1, number, page)


@pytest.mark.parametrize("name", ["report.pdf", "brief.pdf"])
def test_pdfs_are_tagged_with_language_headings_figures_and_tables(built_book, name):
    path = built_book / "_build" / "pdf" / name
    if shutil.which("pdfinfo"):
        assert re.search(
            r"^Tagged:\s+yes$",
            subprocess.run(["pdfinfo", str(path)], capture_output=True, text=True, check=True).stdout,
            re.M,
        )
    reader = PdfReader(path)
    root = reader.trailer["/Root"]
    assert root["/MarkInfo"]["/Marked"] and root["/Lang"] == "en"
    tags = _structure(root["/StructTreeRoot"])
    kinds = {t for t, _ in tags}
    assert {"/H1", "/H2", "/Figure", "/P"} <= kinds, kinds
    figures = [alt for t, alt in tags if t == "/Figure"]
    assert figures and all(len(alt) > 40 for alt in figures)  # each figure carries its alt text
    if name == "report.pdf":
        assert {"/Table", "/TR", "/TH", "/TD", "/L", "/LI"} <= kinds and len(figures) >= 8


def _structure(node, out=None):
    """(structure type, alt text) of every element in a tagged PDF's structure tree, in reading order."""
    out = [] if out is None else out
    node = node.get_object()
    if "/S" in node:
        out.append((str(node["/S"]), str(node.get("/Alt", ""))))
    kids = node.get("/K")
    for kid in kids if isinstance(kids, list) else [] if kids is None else [kids]:
        if hasattr(kid, "get_object") and hasattr(kid.get_object(), "get"):
            _structure(kid, out)
    return out


def test_pdf_is_a4_with_page_x_of_y(report_pdf):
    reader = report_pdf
    box = reader.pages[0].mediabox
    assert (round(float(box.width)), round(float(box.height))) == (595, 842)
    n = len(reader.pages)
    assert f"Page 3 of {n}" in reader.pages[2].extract_text()


@pytest.mark.skipif(shutil.which("pdffonts") is None, reason="pdffonts missing: run `make tools` (poppler-utils)")
def test_pdf_fonts_are_all_embedded(built_book):
    out = subprocess.run(
        ["pdffonts", str(built_book / "_build" / "pdf" / "report.pdf")], capture_output=True, text=True, check=True
    ).stdout.splitlines()[2:]
    assert out, "no fonts listed"
    for line in out:
        assert line.split()[-5] == "yes", line  # the 'emb' column


def test_no_page_loads_anything_from_outside(built_book):
    pattern = re.compile(r'<(script|link|img|iframe|source)\b[^>]*\b(src|href)="(https?:)?//', re.I)
    for page in html_pages(built_book):
        hits = pattern.findall(page.read_text(encoding="utf-8"))
        assert not hits, f"{page.name}: {hits[:3]}"
    css = list((built_book / "_build" / "html" / "_static").rglob("*.css"))
    for f in css:
        text = f.read_text(encoding="utf-8", errors="replace")
        assert not re.search(r"@import\s+url\(['\"]?https?:", text), f.name
        assert "fonts.googleapis" not in text, f.name


def test_landing_page_links_the_pdf_and_the_data(built_book):
    html = built_book / "_build" / "html"
    index = (html / "book" / "index.html").read_text(encoding="utf-8")
    assert 'href="../report.pdf"' in index and (html / "report.pdf").exists()
    assert 'href="../data/datapackage.json"' in index


def test_briefing_pdf_is_short_and_carries_the_judgments(built_book):
    ev = evidence.load(built_book / "data")
    reader = PdfReader(built_book / "_build" / "pdf" / "brief.pdf")
    assert len(reader.pages) == 2
    text = " ".join(" ".join(p.extract_text() for p in reader.pages).split())
    text = text.replace("\u2019", "'")  # the typesetter curls apostrophes; the data's are straight
    assert f"data as of {ev.as_of:%d %B %Y}" in text
    for j in ev.judgments.itertuples():  # each judgment's headline and its likelihood term
        assert " ".join(j.headline.split()[:5]) in text, j.id
        lo, hi = schema.YARDSTICK[j.likelihood]
        assert f"{j.likelihood.capitalize()} ({lo}–{hi} %)" in text, j.id
    # review 68: the whole yardstick is on the brief, terms no judgment uses included ("realistic
    # possibility" is named when a judgment moved from it)
    for term, (lo, hi) in schema.YARDSTICK.items():
        assert f"{term} {lo}–{hi} %" in text, term
    assert (built_book / "_build" / "html" / "brief.pdf").exists()


def test_interactive_figures_carry_every_record(built_book):
    """T1 and N1 come with an inline SVG whose marks show their record on hover and link to a source."""
    from analysis import network, timeline

    ev = evidence.load(built_book / "data")
    pages = built_book / "_build" / "html" / "book"
    t1 = (pages / "threat-landscape.html").read_text(encoding="utf-8")
    shown = ev.events[ev.events["start"].dt.year >= timeline.T1_START]
    assert len(re.findall(r'<g id="ev-[a-z0-9-]+"><title>', t1)) == len(shown)
    n1 = (pages / "partnerships.html").read_text(encoding="utf-8")
    assert len(re.findall(r'<g id="actor-[a-z0-9-]+"><title>', n1)) == network.partnerships(ev).number_of_nodes()
    assert re.search(r'<a xlink:href="https?://[^"]+" target="_blank">', n1)
    assert 'class="html-only interactive"' in n1


def test_glued_counts_equal_the_data(built_book):
    ev = evidence.load(built_book / "data")
    text = re.sub(r"<[^>]+>", "", (built_book / "_build" / "html" / "book" / "index.html").read_text(encoding="utf-8"))
    text = " ".join(html_lib.unescape(text).split())
    assert f"holds {len(ev.events)} dated events" in text
    assert f"{len(ev.actors)} actors" in text and f"{len(ev.references)} sources" in text
    assert f"{ev.as_of:%d %B %Y}" in text


def test_every_judgment_is_shown_with_a_yardstick_term(built_book):
    ev = evidence.load(built_book / "data")
    text = (built_book / "_build" / "html" / "book" / "key-judgments.html").read_text(encoding="utf-8")
    text = " ".join(html_lib.unescape(re.sub(r"<[^>]+>", "", text)).replace("’", "'").split())
    for j in ev.judgments.itertuples():
        assert " ".join(j.statement.split())[:80] in text, j.id
        # the page text is read with its spaces folded, a no-break space among them
        assert " ".join(report.likelihood_sentence(j.likelihood).replace("**", "").split()) in text, j.id
        assert f"Our confidence is {j.confidence}" in text, j.id


def test_data_downloads_match_the_tables(built_book):
    ev = evidence.load(built_book / "data")
    data = built_book / "_build" / "html" / "data"
    package = json.loads((data / "datapackage.json").read_text())
    assert {r["name"] for r in package["resources"]} == set(schema.TABLES)
    import pandas as pd

    for r in package["resources"]:
        assert len(pd.read_csv(data / r["path"])) == len(getattr(ev, r["name"])), r["name"]


def test_every_figure_is_referenced_in_the_text():
    for page in BOOK.glob("*.md"):
        text = page.read_text(encoding="utf-8")
        names = re.findall(r"```\{glue:figure\}[^\n]*\n:name: ([\w-]+)", text)
        for name in names:
            assert re.search(r"\{numref\}`" + re.escape(name) + "`", text), f"{page.name}: {name} never referenced"


def test_every_cite_resolves():
    keys = set(evidence.load().references["key"])
    for page in BOOK.glob("*.md"):
        for group in re.findall(r"\{cite:p\}`([^`]+)`", page.read_text(encoding="utf-8")):
            for key in group.split(","):
                assert key.strip() in keys, f"{page.name}: {key}"


def test_chapter_set_matches_the_toc():
    pages = {p.stem for p in BOOK.glob("*.md")}
    assert pages == {d.split("/")[-1] for d in toc_docs()}


def test_glued_tables_are_numbered_as_tables_and_figures_as_figures(built_book):
    """A table pasted with glue:figure (key tab-...) was called "Figure 15" in captions and references;
    tables and figures now have their own sequences, each counted from 1 without a gap."""
    numbers = {"Figure": [], "Table": []}
    for page in html_pages(built_book):
        if page.name == "brief.html":  # the brief numbers its own (publish.brief)
            continue
        for key, label in re.findall(
            r'<figure[^>]* id="((?:fig|tab)-[^"]+)".*?caption-number">(\w+ \d+)', page.read_text(encoding="utf-8"), re.S
        ):
            kind, n = label.split()
            assert kind == {"fig": "Figure", "tab": "Table"}[key[:3]], (page.name, key, label)
            numbers[kind].append(int(n))
    for kind, ns in numbers.items():
        assert sorted(ns) == list(range(1, len(ns) + 1)) and len(ns) >= 10, (kind, sorted(ns))


def test_figures_carry_alt_text_in_html(built_book):
    for page in html_pages(built_book):
        for img in re.findall(r"<img [^>]*>", page.read_text(encoding="utf-8")):
            if "_images/" in img:
                alt = re.search(r'alt="([^"]*)"', img)
                assert alt and len(alt[1]) > 40, f"{page.name}: {img[:120]}"


def test_no_page_says_in_before_a_day(built_book):
    """A glued day after 'in' ('in 18 July 2016') is the phrasing slip of a value written without its
    preposition: every page of the built site is read, glued values and typed text alike."""
    months = "January|February|March|April|May|June|July|August|September|October|November|December"
    slip = re.compile(rf"\b[Ii]n \d{{1,2}} (?:{months}) \d{{4}}")
    found = []
    for page in sorted((built_book / "_build" / "html" / "book").glob("*.html")):
        text = " ".join(html_lib.unescape(re.sub(r"<[^>]+>", " ", page.read_text(encoding="utf-8"))).split())
        found += [f"{page.name}: {m.group(0)}" for m in slip.finditer(text)]
    assert not found, found
