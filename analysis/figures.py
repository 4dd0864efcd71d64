"""A drawn figure travels as SVG plus the alt text that describes it, both made from the data."""

from __future__ import annotations

from dataclasses import dataclass

from . import style


@dataclass(frozen=True)
class Figure:
    svg: bytes
    alt: str

    def _repr_svg_(self) -> str:
        return self.svg.decode("utf-8")


def finish(fig, alt: str) -> Figure:
    return Figure(style.svg_bytes(fig), " ".join(alt.split()))


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
