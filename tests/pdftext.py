"""The text of a built PDF, page by page, for tests that read the whole report."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

from pypdf import PdfReader


def page_texts(path: Path) -> list[str]:
    """Each page's text, in reading order. poppler's pdftotext reads the 250-odd-page report in about a
    second where pypdf takes over twenty; pypdf is the fallback where poppler is not installed
    (`make test` installs it)."""
    if not shutil.which("pdftotext"):
        return [p.extract_text() for p in PdfReader(path).pages]
    out = subprocess.run(["pdftotext", "-enc", "UTF-8", str(path), "-"], capture_output=True, text=True, check=True)
    pages = out.stdout.split("\f")  # pdftotext ends every page, the last too, with a form feed
    assert pages[-1] == "", "pdftotext output does not end with a page break"
    return pages[:-1]
