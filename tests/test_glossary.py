"""The glossary a print reader turns to: every short name the book prints is in it as printed, the
gate reads the words in figures too, and prose that spells a term out uses the glossary's words."""

from __future__ import annotations

from pathlib import Path

import pytest

from analysis import evidence, glossary, schema
from publish import acronyms
from publish.log import BuildError

BOOK = Path(__file__).resolve().parent.parent / "book"


@pytest.fixture(scope="module")
def meanings():
    return glossary.terms(evidence.load()).set_index("term")["meaning"].to_dict()


def test_short_names_are_in_the_glossary_as_printed(meanings):
    """'E8' and 'EWG on CT' in the partnerships prose, 'DI' and 'VAT 69' in the figures: a reader
    looks each up whole; and a part of a short name keeps its own meaning ('CT' is not the EWG)."""
    assert meanings["E8"] == "Special Branch Counter Terrorism Division"
    assert meanings["EWG on CT"] == "ADMM-Plus Experts' Working Group on Counter-Terrorism"
    assert meanings["DI"] == "Darul Islam"
    assert meanings["VAT 69"].startswith("VAT 69 Commando, a police commando unit")  # not circular (review 36)
    assert meanings["CT"].startswith("counter-terrorism")
    assert meanings["ONSA"].startswith("Online Safety Act 2025")
    assert "ADMM-Plus" not in meanings  # its name is its short name: nothing to spell out
    assert "Cabinet" not in meanings and "FIED / FIU" not in meanings  # a plain word; a list of two


def test_a_units_code_counts_as_an_acronym_but_act_numbers_and_sums_do_not():
    assert glossary.acronyms_in("E8 and G20 met; Act A1459 costs RM200 in Part II") == {"E8", "G20"}


def test_the_gate_reads_the_words_in_figures(tmp_path):
    """A figure's labels reach the page only in its alt text (the image is drawn): an acronym there
    that the glossary lacks stops the build like one in the prose."""
    ev = evidence.load()
    site = tmp_path / "html" / "book"
    site.mkdir(parents=True)
    page = '<html><body><article class="bd-article"><p>Laws.</p><img alt="{}" src="f.svg"></article></body></html>'
    (site / "laws.html").write_text(page.format("Spans of SOSMA 2012 and QXZA 2025."))
    with pytest.raises(BuildError, match=r"book/laws.md: QXZA"):
        acronyms.check(ev, tmp_path / "html", [tmp_path / "laws.md"])
    (site / "laws.html").write_text(page.format("Spans of SOSMA 2012 and ONSA 2025."))
    acronyms.check(ev, tmp_path / "html", [tmp_path / "laws.md"])


def test_prose_spells_terms_out_as_the_glossary_does(meanings):
    """'Professional Head of Intelligence Assessment (PHIA)' in the methods once contradicted the
    glossary's 'Analysis': no chapter may spell a term out with other words."""
    found = {
        md.name: glossary.misspelt_expansions(md.read_text(encoding="utf-8"), meanings) for md in BOOK.glob("*.md")
    }
    assert {k: v for k, v in found.items() if v} == {}
    assert glossary.misspelt_expansions(
        "the UK Professional Head of Intelligence Assessment (PHIA) yardstick", meanings
    )
    assert not glossary.misspelt_expansions(
        "the UK Professional Head of Intelligence Analysis (PHIA) yardstick", meanings
    )
    assert glossary.spelled_out(evidence.load(), "PHIA") == "Professional Head of Intelligence Analysis"


def test_defined_terms_are_read_from_the_judgments_that_use_them():
    """Each defined term's meaning is the judgment's own bracket; a judgment reworded without it stops
    the build instead of leaving the glossary to say something else."""
    ev = evidence.load()
    d = glossary.defined_terms(ev).set_index("term")
    kj2 = ev.judgments.set_index("id").loc["kj-attack-before-2029", "statement"]
    assert d.loc["terrorist attack", "meaning"] in " ".join(kj2.split())
    assert d.loc["terrorist attack", "defined in"] == "key judgment 2"
    small = d.loc["small cell", "meaning"]
    assert small.startswith("small cell (no more than five people") and "a handler abroad" in small  # review 34
    assert d.loc["likely", "meaning"] == "a likelihood of 55–75 % (the PHIA yardstick)"
    assert glossary.bracket("a (b (c) d) e", "b") == "b (c) d"
    j = ev.judgments.copy()
    i = j.index[j["id"] == "kj-small-cells-main-threat"][0]
    j.at[i, "statement"] = "Attacks will come from small cells."
    reworded = evidence.Evidence(
        {**{t: getattr(ev, t) for t in schema.TABLES}, "judgments": j}, ev.data_dir, ev.edition
    )
    with pytest.raises(ValueError, match=r"key judgment 1 .* no longer defines 'small cell'"):
        glossary.defined_terms(reworded)


def test_terms_are_found_in_their_own_spelling_and_joined_by_a_hyphen():
    """The lists of abbreviations take every glossary term a text uses, including those the acronym
    pattern leaves out (review 40: ESSZone, MiDAS and Umno went unlisted, and the brief's 'ex-JI' and
    'UN-only' too), and nothing inside a longer word."""
    known = {"ESSZone", "MiDAS", "Umno", "JI", "UN", "IS", "VAT 69", "VAT"}
    text = "The ESSZone, MiDAS, Umno, an ex-JI father, a UN-only line, VAT 69; UNHCR, ISIS, Islamic, JIs."
    assert glossary.terms_in(text, known) == {"ESSZone", "MiDAS", "Umno", "JI", "UN", "VAT 69"}


def test_a_short_meaning_drops_the_last_bracket_and_an_aside():
    assert glossary.short_meaning("Security Offences (Special Measures) Act 2012 (Act 747)") == (
        "Security Offences (Special Measures) Act 2012"
    )
    assert glossary.short_meaning("Professional Head of Intelligence Analysis (UK), whose yardstick we use") == (
        "Professional Head of Intelligence Analysis"
    )
    assert glossary.short_meaning("Southeast Asian, as in the SEA Games") == "Southeast Asian"
