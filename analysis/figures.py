"""A drawn figure travels as SVG plus the alt text that describes it, both made from the data."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from . import style
from .words import without_asides


@dataclass(frozen=True)
class Figure:
    svg: bytes
    alt: str

    def _repr_svg_(self) -> str:
        return self.svg.decode("utf-8")


def finish(fig, alt: str) -> Figure:
    return Figure(style.svg_bytes(fig), " ".join(alt.split()))


def two_lines(text: str, limit: int) -> str:
    """A name longer than `limit` characters set on two lines of near-equal length (split at the space
    nearest its middle), so a figure can print it whole in a narrow space."""
    if len(text) <= limit or " " not in text:
        return text
    cut = min((i for i, ch in enumerate(text) if ch == " "), key=lambda i: (abs(i - len(text) / 2), i))
    return text[:cut] + "\n" + text[cut + 1 :]


def names_key(pairs: Iterable[tuple[str, str]]) -> list[tuple[str, str]]:
    """The (label, name) pairs a figure's key must spell out, sorted by label: a reader of the print
    cannot hover, so every label that is not plainly the name is keyed. A label is plain when the name,
    leaving out its bracketed asides, holds it as whole words ('Cabinet' in 'Cabinet of Malaysia') and it
    has no number; abbreviations (KDN, E8), code names (VAT 69), other names (Wisma Putra), labels cut
    short ('…') and one word from inside a name ('Wanndy' of Muhammad Wanndy Mohamed Jedi: no one can
    look him up by it) are not."""
    unclear = {
        (lab, name)
        for lab, name in pairs
        # a label with a number is a code name even when the name repeats it ('VAT 69')
        if lab.endswith("…") or not _plainly_named(lab, without_asides(name)) or any(ch.isdigit() for ch in lab)
    }
    return sorted(unclear, key=lambda p: (p[0].lower(), p[1]))


def _plainly_named(label: str, name: str) -> bool:
    words, named = _words(label), _words(name)
    if len(words) == 1:  # a lone word names the whole only as its head ('Cabinet', 'Hambali')
        return named[:1] == words
    return any(named[i : i + len(words)] == words for i in range(len(named)))


def _words(text: str) -> list[str]:
    return re.findall(r"[\w'/-]+", text)  # a comma after a word does not make it another word


def glue_figure(key: str, figure: Figure) -> None:
    """Glue the image under `key` and its alt text under `key-alt` (read by publish.sphinx_ext)."""
    from IPython.display import SVG
    from myst_nb import glue

    glue(key, SVG(data=figure.svg.decode("utf-8")), display=False)
    glue(f"{key}-alt", figure.alt, display=False)


def glue_text(**values) -> None:
    """Glue several values as text for {glue:text} roles in the prose."""
    from myst_nb import glue

    for key, value in values.items():
        glue(key, value, display=False)
