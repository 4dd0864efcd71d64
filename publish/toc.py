"""The chapters, in _toc.yml order and by part, and which of them are notebooks."""

from __future__ import annotations

import difflib
import string
from pathlib import Path

import yaml

from analysis.paths import ROOT
from analysis.yamlio import syntax_problem

from .log import BuildError

ANNEXES = "Annexes"  # the part whose chapters the print edition letters A, B, C...
BRIEF = "book/brief"  # the source of brief.pdf: on the site, not in report.pdf


def read(root: Path = ROOT) -> dict:
    """_toc.yml, or a build error that says where its YAML is broken and how such a line is fixed."""
    text = (root / "_toc.yml").read_text(encoding="utf-8")
    try:
        return yaml.safe_load(text)
    except yaml.MarkedYAMLError as exc:
        raise BuildError(str(syntax_problem("_toc.yml", text, exc))) from None


def parts(root: Path = ROOT) -> list[tuple[str | None, list[str]]]:
    """(caption, files) for each part; a toc without parts is one part with no caption."""
    toc = read(root)
    if "parts" in toc:
        return [(p.get("caption"), [c["file"] for c in p.get("chapters", [])]) for p in toc["parts"]]
    return [(None, [c["file"] for c in toc.get("chapters", [])])]


def chapter_files(root: Path = ROOT) -> list[Path]:
    toc = read(root)
    files = [toc["root"]] + [f for _, fs in parts(root) for f in fs]
    return [root / f"{f}.md" for f in files]


def check(root: Path = ROOT) -> None:
    """Every page in book/ is in _toc.yml and every entry of _toc.yml is a page: Sphinx would skip an
    unlisted page without a word (only_build_toc_files) and stop with a traceback on a missing one."""
    listed = chapter_files(root)
    pages = sorted(
        p
        for p in (root / "book").rglob("*.md")
        if not any(part.startswith(("_", ".")) for part in p.relative_to(root / "book").parts)
    )
    toc_lines = (root / "_toc.yml").read_text(encoding="utf-8").splitlines()
    problems = []
    for f in listed:
        if not f.exists():
            name = f.relative_to(root).with_suffix("").as_posix()
            line = next((i for i, t in enumerate(toc_lines, 1) if t.rstrip().endswith(name)), None)
            near = difflib.get_close_matches(f.name, [p.name for p in pages], n=1)
            hint = f"; did you mean book/{Path(near[0]).stem}?" if near else ""
            where = f"_toc.yml:{line}" if line else "_toc.yml"
            problems.append(f"{where}: lists {name}, but there is no {name}.md{hint}")
    for p in pages:
        if p not in listed:
            problems.append(
                f"{p.relative_to(root).as_posix()} is not in _toc.yml, so it would not be built: "
                "list it under a part's chapters in _toc.yml, or move it out of book/"
            )
    if problems:
        raise BuildError("; ".join(problems))


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
