"""The README and CONTRIBUTING.md point only at what exists: files in the repository, make
targets in the Makefile (each documented), and the analysis functions the recipes name."""

from __future__ import annotations

import importlib
import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
DOCS = ["README.md", "CONTRIBUTING.md"]
TOP = ("data/", "analysis/", "publish/", "book/", "tests/", "scripts/", ".ci/")


def _text(name: str) -> str:
    return (ROOT / name).read_text(encoding="utf-8")


@pytest.mark.parametrize("doc", DOCS)
def test_every_path_and_link_exists(doc):
    text = _text(doc)
    named = set(re.findall(r"\]\(([^)#:]+)\)", text))  # relative Markdown links
    for token in re.findall(r"`([^`\s]+)`", text):
        path = token.rstrip(".,:;")
        if path.startswith(TOP) or re.fullmatch(r"[\w.-]+\.(md|yml|in|txt|toml)", path):
            named.add(path)
    # placeholders (book/<name>.md, book/X.md:LINE) and pages of the built site are not repository files
    named = {p for p in named if not re.search(r"[<*]|\bX\b|\.html$", p)}
    assert named, doc
    missing = sorted(p for p in named if not (ROOT / p).exists())
    assert not missing, f"{doc} names files that are not in the repository: {missing}"


def test_every_make_command_exists_and_every_target_is_in_the_readme():
    makefile = _text("Makefile")
    targets = set(re.search(r"^\.PHONY: (.+)$", makefile, re.M)[1].split())
    for doc in DOCS:
        used = _make_commands(_text(doc))
        assert used <= targets, (doc, used - targets)
    readme = _make_commands(_text("README.md"))
    assert targets <= readme, f"make targets the README does not mention: {targets - readme}"


def _make_commands(text: str) -> set[str]:
    """`make x` in inline code, and lines of code blocks that start with make."""
    return set(re.findall(r"`make ([a-z][\w-]*)", text)) | set(re.findall(r"^make ([a-z][\w-]*)", text, re.M))


def test_the_functions_and_names_the_recipes_cite_exist():
    text = _text("CONTRIBUTING.md")
    modules = {p.stem for p in (ROOT / "analysis").glob("*.py")} - {"__init__"}
    cited = set(re.findall(r"\b(?:analysis\.)?(" + "|".join(sorted(modules)) + r")\.([A-Za-z_]\w*)\b", text))
    cited = {(m, n) for m, n in cited if n not in ("py", "yaml", "pdf")}  # file names: style.py, report.pdf
    assert len(cited) >= 8
    for module, name in sorted(cited):
        assert hasattr(importlib.import_module(f"analysis.{module}"), name), f"analysis.{module}.{name}"
    for module, names in {
        "style": ["EVENT_STYLE", "ACTOR_STYLE", "RELATION_STYLE", "VERDICT_STYLE", "RC", "C"]
    }.items():
        for name in names:
            assert f"`{name}" in text and hasattr(importlib.import_module(f"analysis.{module}"), name), name
