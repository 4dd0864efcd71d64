"""The claims audit of the seed articles: verdicts per article as a figure."""

from __future__ import annotations

from . import report, style
from .figures import Figure, finish


@style.styled
def verdict_figure(ev) -> Figure:
    """Horizontal stacked bars: one bar per seed article, one segment per verdict."""
    t = report.verdict_counts(ev)
    fig, ax = style.figure(0.7 + 0.42 * len(t))
    left = [0] * len(t)
    for verdict in t.columns:
        colour, hatch = style.VERDICT_STYLE[verdict]
        vals = list(t[verdict])
        ax.barh(
            range(len(t)),
            vals,
            left=left,
            color=colour,
            hatch=hatch,
            edgecolor="black",
            linewidth=0.4,
            label=verdict,
            height=0.6,
        )
        for i, (v, l0) in enumerate(zip(vals, left)):
            if v:
                ax.text(
                    l0 + v / 2,
                    i,
                    str(v),
                    ha="center",
                    va="center",
                    fontsize=style.BASE_PT - 1.5,
                    bbox={"boxstyle": "round,pad=0.1", "fc": "white", "ec": "none", "alpha": 0.8},
                )
        left = [a + b for a, b in zip(left, vals)]
    ax.set_yticks(range(len(t)), list(t.index))
    ax.invert_yaxis()
    ax.set_xlabel("claims checked")
    ax.legend(loc="lower center", bbox_to_anchor=(0.5, 1.0), ncol=3, frameon=False)
    style.as_of_line(fig, ev.as_of)
    total = t.sum()
    alt = (
        f"Stacked bars of {int(total.sum())} checked claims across {len(t)} seed articles. Verdicts: "
        + ", ".join(f"{v} {int(n)}" for v, n in total.items())
        + ". Per article: "
        + "; ".join(f"{idx}: {int(row.sum())} claims" for idx, row in t.iterrows())
        + "."
    )
    return finish(fig, alt)
