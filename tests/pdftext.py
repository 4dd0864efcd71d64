"""The text of a built PDF, page by page, for tests that read the whole report."""

from __future__ import annotations

import re
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


def stray_fragments(text: str) -> list[str]:
    """Lines that hold only the second half of a word hyphenated on the line before, inside a paragraph
    (the next line goes on in lower case): WeasyPrint once set 'com-' / 'manders' / 'said were ...' when
    a date kept whole would not fit at the end of the line. Returned as 'before | fragment | after'."""
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    return [
        f"{before[-20:]} | {line} | {after[:20]}"
        for before, line, after in zip(lines, lines[1:], lines[2:])
        if before.endswith(("-", "\u2010")) and re.fullmatch(r"[a-z]{1,14}", line) and after[:1].islower()
    ]


def unhyphenated(text: str) -> str:
    """The text with the words WeasyPrint split at a line end joined again: it hyphenates with U+2010, which no
    source text uses (a typed hyphen is U+002D), so 'Dia\u2010' + newline + 'logue' is one word, 'Dialogue'."""
    return re.sub("\u2010\\s*\\n\\s*", "", text)
