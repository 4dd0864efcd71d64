"""The brief as a document of its own (publish.brief.for_print): its figures numbered from 1, no
links to the report's pages, a dateline under its title, and its acronyms spelled out."""

from __future__ import annotations

from bs4 import BeautifulSoup

from analysis import evidence, glossary
from publish import brief

BODY = (
    '<main id="brief--"><section id="brief--brief"><h1>Two-page brief</h1>'
    '<p>SOSMA lapses; <a class="reference internal xref-page" href="#brief--fig-brief">'
    '<span class="std std-numref">Figure 15</span></a> shows it.</p>'
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
    assert out.select_one("span.std-numref").get_text(strip=True) == "Figure 1"
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
