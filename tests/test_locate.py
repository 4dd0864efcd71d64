"""A maintainer is told about the files they edit: Sphinx's warnings name book/X.md:LINE (not the
staged notebook), a page missing from _toc.yml or a toc entry without a page stops the build by
name, and a broken _toc.yml says which line and why. The whole build is tested in test_rebuild.py
(a misspelt glue key) and test_book.py (the site's root page)."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import jupytext
import nbformat
import pytest

from publish import execute, toc
from publish.isolated import copy_project, run_build
from publish.locate import located
from publish.log import BuildError

ROOT = Path(__file__).resolve().parent.parent


@pytest.mark.parametrize("chapter", ["nato", "threat-landscape", "index"])
def test_source_map_points_at_the_first_line_of_each_cell(chapter):
    """MyST-NB numbers a staged notebook's lines from this map (plus two, see execute.source_map)."""
    path = ROOT / "book" / f"{chapter}.md"
    lines = path.read_text(encoding="utf-8").splitlines()
    nb = jupytext.read(path)
    smap = execute.source_map(path.read_text(encoding="utf-8"), nb)
    assert len(smap) == len(nb.cells) >= 2
    for start, cell in zip(smap, nb.cells, strict=True):
        assert lines[start + 1] == cell.source.splitlines()[0], (start, cell.source[:60])


@pytest.fixture()
def staged(tmp_path) -> tuple[Path, Path]:
    """A project with one chapter and, as the build stages it, its executed notebook gluing two keys."""
    root, src = tmp_path / "project", tmp_path / "project" / "_build" / ".work" / "src"
    (root / "book").mkdir(parents=True)
    (root / "book" / "ch.md").write_text(
        "# A chapter\n\nA first paragraph that quotes\n{glue:text}`n_evets` and more text.\n\n"
        "```{glue:figure} fig-timline\n:name: fig-timeline\n\nCaption.\n```\n",
        encoding="utf-8",
    )
    nb = nbformat.v4.new_notebook()
    cell = nbformat.v4.new_code_cell("glue(...)")
    cell.outputs = [
        nbformat.v4.new_output("display_data", {"text/plain": "3"}, metadata={"scrapbook": {"name": name}})
        for name in ("n_events", "fig-timeline")
    ]
    nb.cells.append(cell)
    (src / "book").mkdir(parents=True)
    nbformat.write(nb, src / "book" / "ch.ipynb")
    return root, src


def test_a_missing_glue_key_is_told_at_the_line_that_names_it(staged):
    root, src = staged
    sphinx_says = (
        f"{src}/book/ch.ipynb:3: WARNING: No key 'n_evets' found in glue data for this document. "
        "(use `path::key`, to glue from another document) [mystnb.glue]"
    )  # Sphinx gives the first line of the paragraph
    told = located(sphinx_says, src, root)
    assert told.startswith("book/ch.md:4: WARNING: No key 'n_evets' ")
    assert "Did you mean 'n_events'?" in told
    assert ".ipynb" not in told and "_build" not in told
    directive = located(
        f"{src}/book/ch.ipynb:6: WARNING: No key 'fig-timline' found in glue data for this document. [mystnb.glue]",
        src,
        root,
    )
    assert directive.startswith("book/ch.md:6: ") and "Did you mean 'fig-timeline'?" in directive


def test_other_staged_paths_become_the_files_the_maintainer_edits(staged):
    root, src = staged
    assert located(f"{src}/book/ch.ipynb:1: WARNING: undefined label: 'nowhere'", src, root) == (
        "book/ch.md:1: WARNING: undefined label: 'nowhere'"
    )
    assert located(f"{src}/data/references.bib: WARNING: x", src, root) == "data/references.bib: WARNING: x"
    assert located("WARNING: nothing staged here", src, root) == "WARNING: nothing staged here"


def _pages(tmp_path) -> Path:
    root = tmp_path / "project"
    (root / "book").mkdir(parents=True)
    shutil.copy(ROOT / "_toc.yml", root / "_toc.yml")
    for page in toc.chapter_files(ROOT):
        shutil.copy(page, root / "book" / page.name)
    return root


def test_every_page_is_in_the_toc_and_every_toc_entry_is_a_page(tmp_path):
    root = _pages(tmp_path)
    toc.check(root)  # the real book passes
    (root / "book" / "draft.md").write_text("# A draft\n", encoding="utf-8")
    (root / "book" / "_static").mkdir()
    (root / "book" / "_static" / "notes.md").write_text("not a page\n", encoding="utf-8")
    text = (root / "_toc.yml").read_text(encoding="utf-8")
    (root / "_toc.yml").write_text(text.replace("file: book/nato\n", "file: book/natto\n"), encoding="utf-8")
    line = next(i for i, t in enumerate(text.splitlines(), 1) if t.strip() == "- file: book/nato")
    with pytest.raises(BuildError) as info:
        toc.check(root)
    message = str(info.value)
    assert f"_toc.yml:{line}: lists book/natto, but there is no book/natto.md; did you mean book/nato?" in message
    assert "book/draft.md is not in _toc.yml" in message
    assert "book/nato.md is not in _toc.yml" in message
    assert "notes.md" not in message  # folders starting with _ hold no pages


def test_a_broken_toc_says_where_and_why(tmp_path):
    root = _pages(tmp_path)
    text = (root / "_toc.yml").read_text(encoding="utf-8")
    (root / "_toc.yml").write_text(text.replace("  - caption: Annexes", "  - caption: Annexes: A to F"))
    line = next(i for i, t in enumerate(text.splitlines(), 1) if "caption: Annexes" in t)
    with pytest.raises(BuildError, match=rf"^_toc.yml:{line}: YAML syntax error: the value holds ': '"):
        toc.parts(root)


def test_the_build_stops_on_a_page_left_out_of_the_toc(tmp_path):
    """Before anything runs: a page Sphinx would skip without a word fails the build by name."""
    project = copy_project(tmp_path / "project")
    (project / "book" / "new-chapter.md").write_text("# A new chapter\n", encoding="utf-8")
    result = run_build(project, timeout=300)
    assert result.returncode != 0
    last = result.stderr.strip().splitlines()[-1]
    assert re.search(r"FAILED: .*book/new-chapter\.md is not in _toc\.yml", last), last
    assert not (project / "_build" / "html").exists()
