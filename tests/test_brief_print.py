"""The brief as a document of its own (publish.brief.for_print): its figures numbered from 1, no
links to the report's pages, a dateline under its title, and its acronyms spelled out."""

from __future__ import annotations

from bs4 import BeautifulSoup

from analysis import evidence, glossary
from publish import brief

BODY = (
    '<main id="brief--"><section id="brief--brief"><h1>Two-page brief</h1>'
    '<p>SOSMA lapses; <a class="reference internal xref-page" href="#brief--fig-brief">'
    '<span class="std std-numref">Figure\u00a015</span></a> shows it.</p>'  # as the cut writes it
    '<figure id="brief--fig-brief"><img alt="x" src="x.svg"><figcaption><p>'
    '<span class="caption-number">Figure 15 </span><span class="caption-text">Arrests.</span></p></figcaption></figure>'
    '<p>In the report (<a class="reference internal" href="executive-summary.html"><span class="doc">Executive '
    'summary</span></a>, <a href="https://example.org/">a site</a>).</p></section></main>'
)
MEANINGS = {"SOSMA": "Security Offences (Special Measures) Act 2012", "FATF": "Financial Action Task Force"}


def test_the_brief_numbers_its_own_figure_and_keeps_no_dead_link():
    out = BeautifulSoup(brief.for_print(BODY, "Edition 9. Data as of 1 May 2026.", MEANINGS), "html.parser")
    text = " ".join(out.get_text(" ").split())
    assert "Figure 15" not in text
    assert out.select_one("span.caption-number").get_text(strip=True) == "Figure 1"
    # review 49: the brief's text called its figure 'Figure 12' when the cut had bound the number
    assert out.select_one("span.std-numref").get_text(strip=True) == "Figure\u00a01"
    assert "Executive summary" in text and not out.find("a", href="executive-summary.html")
    assert out.find("a", href="https://example.org/") and out.find("a", href="#brief--fig-brief")
    assert out.find("h1").find_next_sibling("p")["class"] == ["brief-dateline"]


def test_the_brief_spells_out_the_acronyms_it_uses_and_only_those():
    out = BeautifulSoup(brief.for_print(BODY, "Edition 9.", MEANINGS), "html.parser")
    line = out.select_one("p.brief-glossary").get_text()
    assert line == "Abbreviations: SOSMA, Security Offences (Special Measures) Act 2012."


def test_the_real_glossary_spells_out_what_the_reviewers_missed():
    ev = evidence.load()
    terms = glossary.terms(ev).set_index("term")["meaning"]
    for acronym in ("SOSMA", "FATF", "ESSCOM", "JI", "IS", "PHIA"):
        assert isinstance(terms.get(acronym), str) and terms[acronym], acronym


def test_the_brief_names_the_report_page_of_each_chapter_it_refers_to():
    pages = {"executive-summary--": 4, "executive-summary--key-judgments": 5, "brief--": 1}
    body = BODY.replace(
        "</section></main>",
        '<p><a class="reference internal" href="executive-summary.html#key-judgments">the list</a> and '
        '<a class="reference internal" href="methods.html">Methods</a>.</p></section></main>',
    )
    text = " ".join(
        BeautifulSoup(brief.for_print(body, "Edition 9.", MEANINGS, pages), "html.parser").get_text(" ").split()
    )
    assert "Executive summary (p. 4)" in text and "the list (p. 5)" in text
    # bound to the word before it and within itself: a line never ends on "(p." or starts with "(p. 5)"
    assert "\xa0(p.\xa05)" in brief.for_print(body, "Edition 9.", MEANINGS, pages)
    assert "Methods (p." not in text and "Methods" in text  # a chapter the report does not hold gets no number
    assert "(p. 1)" not in text  # the brief's own figure keeps its link, not a report page
    out = BeautifulSoup(brief.for_print(body, "Edition 9.", MEANINGS, pages), "html.parser")
    own = [a for a in out.find_all("a", href=True) if a["href"].startswith("#")]
    assert own and not any("xref-page" in a.get("class", []) for a in own)  # print.css adds no "(p. N)" to them
    plain = " ".join(BeautifulSoup(brief.for_print(body, "Edition 9.", MEANINGS), "html.parser").get_text(" ").split())
    assert "(p. " not in plain  # laid out on its own, the brief names no page it cannot know


def test_a_laid_out_document_gives_the_page_of_every_id():
    from weasyprint import HTML

    from publish.pdf import anchor_pages

    doc = HTML(string='<p id="a">one</p><p id="b" style="break-before: page">two</p><p id="c">three</p>').render()
    assert anchor_pages(doc) == {"a": 1, "b": 2, "c": 2}
