"""Sphinx extension: `{glue:figure}` takes its alt text from the notebook when none is written, and a
glued table (key `tab-...`) is numbered as a table ("Table 3"), not as a figure.

The notebook glues `<key>-alt` next to every figure (analysis.figures.glue_figure), so alt text
is generated from the data and refreshes with it, like the figure itself."""

from __future__ import annotations

import hashlib
import os
import pickle
from pathlib import Path

from docutils import nodes
from myst_nb.ext.glue.directives import PasteFigureDirective
from myst_nb.ext.glue.utils import RetrievalError, retrieve_glue_data

from analysis.paths import BUILD

TABLE_PREFIX = "tab-"  # a glued key naming a table (analysis.figures.glue_table)


class data_table(nodes.figure):  # lower case, as docutils names its node classes
    """A glued table: written like a figure, but numbered with the tables ("Table 3")."""


class DataFigureDirective(PasteFigureDirective):
    def run(self):
        if "alt" not in self.options:
            try:
                data = retrieve_glue_data(self.document, f"{self.arguments[0]}-alt")
                self.options["alt"] = str(data.data.get("text/plain", "")).strip("'\"")
            except RetrievalError:
                pass
        found = super().run()
        if not self.arguments[0].startswith(TABLE_PREFIX):
            return found
        # glue:figure is MyST-NB's only captioned paste; a table pasted with it is still a table. The node
        # changes class in place: the document's id map already points at it, and numref looks it up there.
        for n in found:
            if type(n) is nodes.figure:
                n.__class__ = data_table
        return found


def _accessible_citations(app, pagename, templatename, context, doctree):
    """Docutils writes the bibliography as role="list" holding role="doc-biblioentry" items; that role
    is deprecated and leaves the list without list items (an axe 'critical' finding)."""
    if "body" in context:
        context["body"] = context["body"].replace('role="doc-biblioentry"', 'role="listitem"')


def _root_page(app, exception):
    """The site's root index.html. sphinx-external-toc writes a bare meta refresh there when the root
    page is elsewhere (book/index); this page also has a title and a visible link, so a reader or a
    tool that does not follow meta refresh still reaches the book. It runs first, so the bare one is
    not written."""
    if exception is not None or app.builder.format != "html" or app.config.root_doc == "index":
        return
    import html

    target = html.escape(app.builder.get_target_uri(app.config.root_doc), quote=True)
    title = html.escape(app.config.html_title or app.config.project, quote=False)
    lang = html.escape(app.config.language or "en", quote=True)
    Path(app.outdir, "index.html").write_text(
        f"""<!DOCTYPE html>
<html lang="{lang}">
<head>
<meta charset="utf-8">
<title>{title}</title>
<meta http-equiv="refresh" content="0; url={target}">
<link rel="canonical" href="{target}">
</head>
<body>
<p><a href="{target}">{title}</a></p>
</body>
</html>
""",
        encoding="utf-8",
    )


def _bibliography_style():
    """pybtex's plain style, but titles keep their case (plain lowercases 'Malaysia' to 'malaysia')
    and every entry ends with the source's kind and reliability grade."""
    from pybtex.style.formatting import toplevel
    from pybtex.style.formatting.plain import Style as Plain
    from pybtex.style.template import field, join, sentence, words

    class ReportStyle(Plain):
        def format_title(self, e, which_field, as_sentence=True):
            title = field(which_field)
            return sentence[title] if as_sentence else title

        def get_misc_template(self, e):
            return toplevel[
                super().get_misc_template(e),
                sentence[
                    join(sep=", ")[
                        words["Kind:", field("kind", raw=True)], words["grade", field("reliability", raw=True)]
                    ]
                ],
            ]

    return ReportStyle


def _remember_plugins():
    """sphinxcontrib-bibtex looks up a pybtex plugin for every citation, and each lookup scans
    every installed package's entry points (about 2 s per build here). Installed plugins cannot
    change while Sphinx runs, so each lookup is made once."""
    import functools

    import pybtex.plugin

    if not hasattr(pybtex.plugin._load_entry_point, "cache_info"):
        pybtex.plugin._load_entry_point = functools.lru_cache(maxsize=None)(pybtex.plugin._load_entry_point)


# Formatted sources kept between builds: formatting all of them costs about 2 s of every build,
# and a data edit changes few. The file is valid only for the code that formatted it.
ENTRY_CACHE = BUILD / ".cache" / "bibliography.pickle"


def _formatting_version() -> str:
    from importlib.metadata import version

    made_by = Path(__file__).read_bytes() + version("pybtex").encode() + version("sphinxcontrib-bibtex").encode()
    return hashlib.sha256(made_by).hexdigest()


def _remember_entries(app):
    """sphinxcontrib-bibtex formats every source twice per build (the entry and its hover tooltip,
    in the same style), in every build and every rebuild of `make serve`. An entry's formatted text
    depends only on the style and the entry's fields and names, so it is made once for each of
    those and kept on disk (ENTRY_CACHE) for the next build (sphinxcontrib-bibtex makes its styles
    with their default options)."""
    from pybtex.style import FormattedEntry
    from pybtex.style.formatting import BaseStyle

    made, used = _load_entries(), set()
    if not hasattr(BaseStyle.format_entry, "remembered"):
        format_entry = BaseStyle.format_entry

        def remembered(self, label, entry, bib_data=None):
            if bib_data is not None:  # cross-referenced entries: formatted as pybtex does
                return format_entry(self, label, entry, bib_data)
            # not the label: an entry's text never shows it, and a new source renumbers those after it
            key = (
                f"{type(self).__module__}.{type(self).__qualname__}",
                entry.key,
                entry.type,
                tuple(entry.fields.items()),
                tuple((role, tuple(map(str, people))) for role, people in entry.persons.items()),
            )
            remembered.used.add(key)
            if key not in remembered.made:
                remembered.made[key] = format_entry(self, label, entry).text
            return FormattedEntry(entry.key, remembered.made[key], label)

        BaseStyle.format_entry = remembered
    BaseStyle.format_entry.made, BaseStyle.format_entry.used = made, used
    BaseStyle.format_entry.remembered = True
    app.connect("build-finished", _save_entries)


def _load_entries() -> dict:
    try:
        with open(ENTRY_CACHE, "rb") as f:
            version, made = pickle.load(f)
    except (OSError, EOFError, pickle.UnpicklingError, ValueError, TypeError, AttributeError):
        return {}
    return made if version == _formatting_version() else {}


def _save_entries(app, exception):
    """Keeps the entries this build used, so the file never holds more than one book's sources."""
    from pybtex.style.formatting import BaseStyle

    remembered = BaseStyle.format_entry
    if exception is not None or not remembered.used:
        return
    kept = {k: v for k, v in remembered.made.items() if k in remembered.used}
    ENTRY_CACHE.parent.mkdir(parents=True, exist_ok=True)
    tmp = ENTRY_CACHE.with_suffix(f".{os.getpid()}.tmp")
    with open(tmp, "wb") as f:
        pickle.dump((_formatting_version(), kept), f, protocol=pickle.HIGHEST_PROTOCOL)
    tmp.replace(ENTRY_CACHE)  # a reader sees the old file or the new one, never half of one


def _index_citations() -> None:
    """sphinxcontrib-bibtex 2.7 finds the pages citing each source by scanning every citation for
    every source: quadratic, about 1 s of each build with this book's sources. The same answer
    from one pass over the citations; the entries yielded and their order are unchanged
    (tests/test_sphinx_ext.py compares the two). A filter that does not parse raises here instead
    of warning, and stops the build as the warning would (warnings are errors)."""
    from sphinxcontrib.bibtex.domain import BibtexDomain, _FilterVisitor

    if getattr(BibtexDomain.get_filtered_entries, "indexed", False):
        return

    def get_filtered_entries(self, bibliography_key):
        bibliography = self.bibliographies[bibliography_key]
        citing: dict[str, set[str]] = {}
        for citation_ref in self.citation_refs:
            for key in {target.key for target in citation_ref.targets}:
                citing.setdefault(key, set()).add(citation_ref.docname)
        for entry in self.get_entries(bibliography.bibfiles):
            key = bibliography.keyprefix + entry.key
            visitor = _FilterVisitor(
                entry=entry, docname=bibliography_key.docname, cited_docnames=citing.get(key, set())
            )
            if visitor.visit(bibliography.filter_) or entry.key in bibliography.keys:
                yield key, entry

    get_filtered_entries.indexed = True
    get_filtered_entries.original = BibtexDomain.get_filtered_entries
    BibtexDomain.get_filtered_entries = get_filtered_entries


# Extensions Jupyter Book loads that do not say whether Sphinx may read pages in parallel (so
# Sphinx reads them one by one), and why parallel reading leaves them correct.
PARALLEL_READ_SAFE = {
    "sphinx_multitoc_numbering": "it renumbers sections and figures once every page is read, after the merge",
    "sphinx_jupyterbook_latex": "its transforms act only for the LaTeX builder; this build writes HTML",
}


def _parallel_read_safe(app) -> None:
    for name in PARALLEL_READ_SAFE:
        ext = app.extensions.get(name)
        if ext is not None and ext.parallel_read_safe is None:
            ext.parallel_read_safe = True


def setup(app):
    from pybtex.plugin import register_plugin

    register_plugin("pybtex.style.formatting", "report", _bibliography_style())
    _remember_plugins()
    _remember_entries(app)
    _index_citations()
    app.setup_extension("myst_nb")
    app.add_directive_to_domain("glue", "figure", DataFigureDirective, override=True)
    app.add_enumerable_node(
        data_table, "table", html=(lambda self, n: self.visit_figure(n), lambda self, n: self.depart_figure(n))
    )
    app.connect("html-page-context", _accessible_citations)
    app.connect("builder-inited", _parallel_read_safe)
    app.connect("build-finished", _root_page, priority=400)  # before sphinx-external-toc's bare redirect
    return {"parallel_read_safe": True, "parallel_write_safe": True}
