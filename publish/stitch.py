"""Join the parts' PDFs into one report: pages in order, each part's bookmarks, and links between
parts (written as ct-xref: addresses by paged.py) turned into internal links to named destinations."""
from __future__ import annotations

from pathlib import Path

from pypdf import PdfReader, PdfWriter
from pypdf.generic import NameObject, TextStringObject

from .log import BuildError
from .paged import XREF


def stitch(parts: list[Path], target: Path, title: str, author: str, lang: str = "en") -> Path:
    writer = PdfWriter()
    for pdf in parts:
        writer.append(PdfReader(pdf))
    names = set(writer.named_destinations)
    missing = []
    for page in writer.pages:
        for ref in page.get("/Annots", []) or []:
            annot = ref.get_object()
            action = annot.get("/A")
            uri = str(action.get("/URI", "")) if action else ""
            if uri.startswith(XREF):
                anchor = uri[len(XREF):]
                if anchor not in names:
                    missing.append(anchor)
                del annot[NameObject("/A")]
                annot[NameObject("/Dest")] = TextStringObject(anchor)
    if missing:
        raise BuildError(f"PDF: {len(missing)} link(s) point to no destination, e.g. #{missing[0]}")
    writer.add_metadata({"/Title": title, "/Author": author, "/Creator": "publish (WeasyPrint, pypdf)"})
    writer._root_object[NameObject("/Lang")] = TextStringObject(lang)
    writer.page_mode = "/UseOutlines"  # open with the bookmarks showing
    tmp = target.with_suffix(".tmp")
    with open(tmp, "wb") as fh:
        writer.write(fh)
    tmp.replace(target)
    return target
