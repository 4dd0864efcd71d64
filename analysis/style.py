"""One look for every figure: palette, markers, type sizes, and deterministic SVG output.

Colours are Okabe-Ito (colour-blind safe). Every category also has its own marker or line
style, so figures still read in greyscale print. Figures have an opaque white panel so they
read the same in the theme's light and dark modes."""

from __future__ import annotations

import functools
import io
import textwrap

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt

OKABE_ITO = {
    "black": "#000000",
    "orange": "#E69F00",
    "sky": "#56B4E9",
    "green": "#009E73",
    "yellow": "#F0E442",
    "blue": "#0072B2",
    "vermillion": "#D55E00",
    "purple": "#CC79A7",
    "grey": "#7F7F7F",
}
C = OKABE_ITO

# Event kinds: (colour, marker). Legal and institutional in blues, threat in reds/oranges,
# partnerships in greens/purples; markers separate kinds that share a colour family.
EVENT_STYLE = {
    "law": (C["blue"], "s"),
    "institution": (C["sky"], "D"),
    "policy": (C["sky"], "p"),
    "incident": (C["vermillion"], "X"),
    "arrests": (C["orange"], "v"),
    "operation": (C["orange"], "^"),
    "agreement": (C["green"], "o"),
    "membership": (C["green"], "P"),
    "meeting": (C["purple"], "h"),
    "statement": (C["grey"], "."),
}

ACTOR_STYLE = {  # colour, node marker
    "state": (C["blue"], "o"),
    "agency": (C["sky"], "s"),
    "organisation": (C["green"], "D"),
    "forum": (C["purple"], "h"),
    "armed-group": (C["vermillion"], "X"),
    "person": (C["orange"], "^"),
}

# Relation kinds: (colour, dash pattern, line width in points). Colours go grey in print, so the kinds
# drawn together in one figure differ in their dashes and widths, and the two together never repeat:
# the partnerships (member-of ... coordination), the domestic network (oversight, coordination,
# part-of) and the threat network (affiliation, split-from, rivalry). Dashes are (offset, (on, off,
# ...)) in multiples of the line width, as matplotlib scales them.
SOLID = (0, ())
RELATION_STYLE = {
    "member-of": (C["green"], SOLID, 0.6),  # the commonest link: the lightest line
    "party-to": (C["blue"], (0, (3, 1)), 2.0),  # thick dashes
    "agreement": (C["blue"], SOLID, 1.8),
    "legal-assistance": (C["blue"], (0, (4, 1.5, 1, 1.5, 1, 1.5)), 1.0),
    "joint-exercise": (C["orange"], (0, (6, 2, 1, 2)), 1.4),
    # a darker shade of the palette's purple: the light one went to a faint grey dash in print (review 55)
    "intelligence-sharing": ("#8E3B77", (0, (6, 2.5)), 1.3),
    "capacity-building": (C["black"], (0, (1, 1.5)), 1.3),  # sky-blue dots vanished in print (review 44)
    "coordination": (C["sky"], (0, (3, 2)), 0.8),
    "oversight": (C["black"], SOLID, 1.0),
    "part-of": (C["grey"], (0, (1, 1.5)), 0.7),  # a body inside its parent (actors' `parent`), not a relation
    "affiliation": (C["vermillion"], SOLID, 0.8),
    "split-from": (C["vermillion"], (0, (4, 2)), 1.3),
    "rivalry": (C["orange"], (0, (1, 1.5)), 1.3),
    "succeeded-by": (C["grey"], (0, (2, 1, 2, 3)), 1.0),  # drawn in no network today: bodies renamed or absorbed
}
OTHER_RELATION = (C["grey"], SOLID, 0.8)
# A dotted line from a label that had to move to the marker it names (networks, maps): dark enough to
# follow in print (review 42: #888 at 0.5 pt was lost), dotted so that in greyscale it never reads as a link.
LEADER = {"color": "#555555", "lw": 0.6, "ls": (0, (1, 1.5))}


def relation_line(kind: str) -> dict:
    """Line2D keywords (colour, dashes, width) for a relation kind, one look in every figure and legend."""
    colour, dashes, width = RELATION_STYLE.get(kind, OTHER_RELATION)
    return {"color": colour, "ls": "-" if dashes == SOLID else dashes, "lw": width}


VERDICT_STYLE = {
    "supported": (C["green"], ""),
    "partly-supported": (C["sky"], "//"),
    "outdated": (C["yellow"], ".."),
    "misleading": (C["orange"], "xx"),
    "contradicted": (C["vermillion"], "\\\\"),
    "unverified": (C["grey"], "--"),
}

TEXT_WIDTH_IN = 6.5  # A4 text block at our print margins
BASE_PT = 8.5

RC = {
    "font.family": "DejaVu Sans",
    "font.size": BASE_PT,
    "axes.titlesize": BASE_PT + 1,
    "axes.labelsize": BASE_PT,
    "xtick.labelsize": BASE_PT - 0.5,
    "ytick.labelsize": BASE_PT - 0.5,
    "legend.fontsize": BASE_PT - 1,
    "figure.facecolor": "white",
    "axes.facecolor": "white",
    "savefig.facecolor": "white",
    "axes.spines.top": False,
    "axes.spines.right": False,
    "axes.edgecolor": "#444444",
    "axes.grid": False,
    "svg.hashsalt": "ct-report",  # stable element ids: same data, same bytes
    "svg.fonttype": "path",  # no font needed to view; identical everywhere
    "path.simplify": True,
}


def apply() -> None:
    matplotlib.rcParams.update(RC)


def styled(draw):
    """Draw a figure, from creating it to its SVG bytes, in this style, then restore the settings
    before: no setting leaks from one figure into the next, so the order of drawing does not matter."""

    @functools.wraps(draw)
    def wrapper(*args, **kwargs):
        with matplotlib.rc_context(RC):
            return draw(*args, **kwargs)

    return wrapper


def figure(height_in: float, width_in: float = TEXT_WIDTH_IN, **kw):
    apply()
    return plt.subplots(figsize=(width_in, height_in), **kw)


def svg_bytes(fig) -> bytes:
    """Serialise a figure to SVG with no timestamp, then close it."""
    buf = io.BytesIO()
    fig.savefig(buf, format="svg", metadata={"Date": None}, bbox_inches="tight", pad_inches=0.05)
    plt.close(fig)
    return buf.getvalue()


def as_of_line(fig, as_of, extra: str = "") -> None:
    """The 'data as of' note under a figure, wrapped to the figure's width."""
    text = f"Data as of {as_of:%d %B %Y}" + (f". {extra}" if extra else "")
    chars = int(fig.get_figwidth() * 72 / (0.52 * (BASE_PT - 1.5)))
    fig.text(0.0, -0.01, textwrap.fill(text, chars), ha="left", va="top", fontsize=BASE_PT - 1.5, color="#555555")
