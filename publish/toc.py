"""The chapters, in _toc.yml order, and which of them are notebooks."""
from __future__ import annotations

from pathlib import Path

import yaml

from analysis.paths import ROOT


def chapter_files(root: Path = ROOT) -> list[Path]:
    toc = yaml.safe_load((root / "_toc.yml").read_text(encoding="utf-8"))
    files = [toc["root"]] + [c["file"] for c in toc.get("chapters", [])]
    return [root / f"{f}.md" for f in files]


def is_notebook(path: Path) -> bool:
    """A MyST Markdown notebook carries a jupytext header naming a kernel."""
    head = path.read_text(encoding="utf-8")[:600]
    return head.startswith("---") and "jupytext:" in head and "kernelspec:" in head


def notebooks(root: Path = ROOT) -> list[Path]:
    return [p for p in chapter_files(root) if is_notebook(p)]
