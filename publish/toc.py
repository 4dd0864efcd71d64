"""The chapters, in _toc.yml order and by part, and which of them are notebooks."""

from __future__ import annotations

import string
from pathlib import Path

import yaml

from analysis.paths import ROOT

ANNEXES = "Annexes"  # the part whose chapters the print edition letters A, B, C...
BRIEF = "book/brief"  # the source of brief.pdf: on the site, not in report.pdf


def parts(root: Path = ROOT) -> list[tuple[str | None, list[str]]]:
    """(caption, files) for each part; a toc without parts is one part with no caption."""
    toc = yaml.safe_load((root / "_toc.yml").read_text(encoding="utf-8"))
    if "parts" in toc:
        return [(p.get("caption"), [c["file"] for c in p.get("chapters", [])]) for p in toc["parts"]]
    return [(None, [c["file"] for c in toc.get("chapters", [])])]


def chapter_files(root: Path = ROOT) -> list[Path]:
    toc = yaml.safe_load((root / "_toc.yml").read_text(encoding="utf-8"))
    files = [toc["root"]] + [f for _, fs in parts(root) for f in fs]
    return [root / f"{f}.md" for f in files]


def annex_letters(root: Path = ROOT) -> dict[str, str]:
    """Chapter name -> its annex letter in the print edition."""
    annexes = next((fs for caption, fs in parts(root) if caption == ANNEXES), [])
    return {Path(f).name: string.ascii_uppercase[i] for i, f in enumerate(annexes)}


def part_of(root: Path = ROOT) -> dict[str, str]:
    """Chapter name -> the caption of its part (for the contents page)."""
    return {Path(f).name: caption for caption, fs in parts(root) for f in fs if caption}


def is_notebook(path: Path) -> bool:
    """A MyST Markdown notebook carries a jupytext header naming a kernel."""
    head = path.read_text(encoding="utf-8")[:600]
    return head.startswith("---") and "jupytext:" in head and "kernelspec:" in head


def notebooks(root: Path = ROOT) -> list[Path]:
    return [p for p in chapter_files(root) if is_notebook(p)]
