"""The Sphinx extension's kept bibliography: a formatted source is reused across builds only while
the source's fields and the code that formats it are unchanged."""

from __future__ import annotations

import pickle

from pybtex.database import Entry
from pybtex.style.formatting.plain import Style

from publish import sphinx_ext


class _App:
    def __init__(self):
        self.handlers = []

    def connect(self, event, handler, priority=500):
        self.handlers.append((event, handler))


def _text(style, title: str) -> str:
    entry = Entry("misc", fields={"title": title, "year": "2020"})
    entry.key = "k"
    return style.format_entry("1", entry).text.render_as("text")


def _build():
    """One Sphinx build's use of the bibliography: load what was kept, format, save at the end."""
    app = _App()
    sphinx_ext._remember_entries(app)
    assert ("build-finished", sphinx_ext._save_entries) in app.handlers


def test_a_kept_entry_is_reused_and_an_edited_one_is_formatted_again(tmp_path, monkeypatch):
    cache = tmp_path / "bibliography.pickle"
    monkeypatch.setattr(sphinx_ext, "ENTRY_CACHE", cache)
    style = Style()
    _build()
    first = _text(style, "First title")
    sphinx_ext._save_entries(None, None)
    version, kept = pickle.loads(cache.read_bytes())
    assert version == sphinx_ext._formatting_version() and len(kept) == 1

    _build()  # the next build starts from the file
    from pybtex.style.formatting import BaseStyle

    assert len(BaseStyle.format_entry.made) == 1
    assert _text(style, "First title") == first
    assert "Second title" in _text(style, "Second title")  # an edited source is not served the old text
    sphinx_ext._save_entries(None, None)
    assert len(pickle.loads(cache.read_bytes())[1]) == 2


def test_entries_kept_by_other_code_are_not_used(tmp_path, monkeypatch):
    cache = tmp_path / "bibliography.pickle"
    monkeypatch.setattr(sphinx_ext, "ENTRY_CACHE", cache)
    cache.write_bytes(pickle.dumps(("formatted by an older extension", {("any",): "stale"})))
    _build()
    from pybtex.style.formatting import BaseStyle

    assert BaseStyle.format_entry.made == {}
    cache.write_bytes(b"not a pickle")
    _build()
    assert BaseStyle.format_entry.made == {}


def test_a_renumbered_entry_keeps_its_text_and_takes_its_new_label(tmp_path, monkeypatch):
    """A new source renumbers those cited after it: their text is reused, their label is the new one."""
    monkeypatch.setattr(sphinx_ext, "ENTRY_CACHE", tmp_path / "bibliography.pickle")
    style = Style()
    _build()
    entry = Entry("misc", fields={"title": "A title", "year": "2020"})
    entry.key = "k"
    first = style.format_entry("7", entry)
    again = style.format_entry("8", entry)
    assert (first.label, again.label) == ("7", "8")
    assert again.text.render_as("text") == first.text.render_as("text")
    from pybtex.style.formatting import BaseStyle

    assert len(BaseStyle.format_entry.made) == 1


def _domain(filter_: str):
    """A stand-in for sphinxcontrib-bibtex's domain: five sources, citations of some of them from
    several pages (one citation names two sources), one bibliography with the given filter."""
    import ast
    from types import SimpleNamespace as NS

    entries = []
    for key in ["a", "b", "c", "d", "e"]:
        entry = Entry("misc", fields={"title": key.upper(), "year": "2020"})
        entry.key = key
        entries.append(entry)
    refs = [
        NS(docname="ch1", targets=[NS(key="b")]),
        NS(docname="ch2", targets=[NS(key="b"), NS(key="d")]),
        NS(docname="ch1", targets=[NS(key="e")]),
    ]
    bibliography = NS(bibfiles=["refs.bib"], keyprefix="", filter_=ast.parse(filter_), keys=["a"], line=1)
    return NS(bibliographies={_key(): bibliography}, citation_refs=refs, get_entries=lambda bibfiles: iter(entries))


def _key():
    from sphinxcontrib.bibtex.directives import BibliographyKey

    return BibliographyKey("bibliography", "bib-id")


def test_the_indexed_citation_lookup_gives_the_entries_sphinxcontrib_bibtex_gives():
    from sphinxcontrib.bibtex.domain import BibtexDomain

    sphinx_ext._index_citations()
    indexed = BibtexDomain.get_filtered_entries
    original = indexed.original
    for filter_ in ["cited", "not cited", "docname in cited_docnames or key == 'c'", "True"]:
        domain = _domain(filter_)
        want = [key for key, _ in original(domain, _key())]
        assert [key for key, _ in indexed(domain, _key())] == want, filter_
    # the stand-in exercises both outcomes: some sources cited, some listed only by name
    assert [k for k, _ in indexed(_domain("cited"), _key())] == ["a", "b", "d", "e"]
