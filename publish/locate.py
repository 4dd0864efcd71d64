"""Sphinx's warnings told in terms of the files a maintainer edits: `book/X.md:LINE`, never the
staged copy in _build/.work (where a chapter is the executed notebook `X.ipynb`).

Line numbers in a staged notebook already follow the MyST file (publish.execute.source_map). A
warning about a name (a glue key, a label, a citation key) is moved to the line that names it, as
Sphinx gives the first line of its paragraph; a missing glue key also gets the nearest key the
chapter does glue."""

from __future__ import annotations

import difflib
import re
from pathlib import Path

import nbformat

from analysis.paths import ROOT

MISSING_GLUE = re.compile(r"No key '([^']+)' found in glue data for this document\.")
NAMED = re.compile(r"WARNING: [^'\"]*['\"]([^'\"]+)['\"]")  # the first quoted name in a warning


def located(message: str, src: Path, root: Path = ROOT) -> str:
    """One line of Sphinx's output with every staged path replaced by its source file."""
    staged = re.compile(re.escape(str(src).rstrip("/") + "/") + r"([^\s:'\"(),]+)(?::(\d+))?")

    def source(m: re.Match) -> str:
        rel, line = re.sub(r"\.ipynb$", ".md", m[1]), m[2]
        name = NAMED.search(message)
        if name and line and rel.endswith(".md") and (root / rel).exists():
            line = str(line_naming(root / rel, name[1], int(line)))
        return f"{rel}:{line}" if line else rel

    text = staged.sub(source, message)
    key = MISSING_GLUE.search(text)
    if key:
        page = re.match(r"(book/\S+?)\.md:", text)
        near = difflib.get_close_matches(key[1], glued_keys(src / f"{page[1]}.ipynb"), n=1) if page else []
        hint = f" Did you mean '{near[0]}'?" if near else ""
        text = MISSING_GLUE.sub(lambda m: f"No key '{m[1]}' is glued by this chapter's code.{hint}", text)
    return text


def line_naming(md: Path, name: str, reported: int) -> int:
    """The first line from the reported one to the end of its paragraph that names `name`."""
    lines = md.read_text(encoding="utf-8").splitlines()
    names = re.compile(rf"(?<![\w-]){re.escape(name)}(?![\w-])")
    for i in range(reported - 1, len(lines)):
        if i >= reported and not lines[i].strip():
            break
        if names.search(lines[i]):
            return i + 1
    return reported


def glued_keys(notebook: Path) -> list[str]:
    """The keys an executed notebook glues (MyST-NB marks each glued output with its name)."""
    if not notebook.exists():
        return []
    nb = nbformat.read(notebook, as_version=4)
    return [
        o["metadata"]["scrapbook"]["name"]
        for c in nb.cells
        for o in c.get("outputs", [])
        if "scrapbook" in o.get("metadata", {})
    ]
