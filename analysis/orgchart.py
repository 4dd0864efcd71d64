"""The national counter-terrorism architecture as a hierarchy: who sits under whom (actors'
`parent`), and which bodies oversee or direct others (oversight relations in force)."""

from __future__ import annotations

import pandas as pd

from . import style
from .figures import Figure, finish, names_key, two_lines
from .words import plain_name

ROOT = "malaysia"
LABEL_WRAP = 26  # a longer name is set on two lines (figures.two_lines), never cut short
SECOND_LINE_ROWS = 0.7  # the extra height, in rows, of a box with a second line


def _in_force(rel: pd.DataFrame, as_of) -> pd.DataFrame:
    ts = pd.Timestamp(as_of)
    started = rel["start_ts"].isna() | (rel["start_ts"] <= ts)
    not_ended = rel["end_ts"].isna() | (rel["end_ts"] >= ts)
    return rel[started & not_ended]


def architecture(ev) -> tuple[pd.DataFrame, pd.DataFrame]:
    """(bodies, oversight): Malaysian state bodies placed under their parents, and the oversight
    relations in force between them that the parent tree does not already show.

    A body is in the chart when its parent chain reaches the state, or when it has no parent but
    oversees or is overseen by a body in force (e.g. the Agong over the POTA board). Bodies with
    no parent hang under a group of their own rather than under a parent the data does not give."""
    act = ev.actors.set_index("id")
    my = act[(act["country"] == "MY") & (act["kind"] == "agency")]
    oversight = _in_force(ev.relations[ev.relations["kind"] == "oversight"], ev.as_of)

    def chain_reaches_root(i: str) -> bool:
        seen = set()
        while isinstance(i, str) and i not in seen:
            if i == ROOT:
                return True
            seen.add(i)
            i = act.loc[i, "parent"] if i in act.index else None
        return False

    active = set(oversight["source"]) | set(oversight["target"])
    keep = [i for i in my.index if chain_reaches_root(i) or (i in active and not isinstance(my.loc[i, "parent"], str))]
    bodies = my.loc[keep, ["name", "short", "parent"]].copy()
    bodies["label"] = [plain_name(short, name) for short, name in zip(bodies["short"], bodies["name"])]
    bodies = bodies.drop(columns="short")
    bodies["parent"] = [p if isinstance(p, str) and (p in bodies.index or p == ROOT) else "" for p in bodies["parent"]]
    bodies = bodies.sort_values(["parent", "label"])
    tree_edges = {(p, c) for c, p in bodies["parent"].items() if p}
    over = oversight[oversight["source"].isin(bodies.index) & oversight["target"].isin(bodies.index)]
    over = over[[(s, t) not in tree_edges for s, t in zip(over["source"], over["target"], strict=True)]]
    # one row per pair, with every relation of it: the first alone hid the AGC's hold on SOSMA's last
    # days behind its POTA referrals (review 55)
    over = over.groupby(["source", "target"], sort=False, as_index=False).agg(
        summary=("summary", lambda xs: " ".join(x.rstrip(".") + "." for x in xs)),
        sources=("sources", lambda ks: list(dict.fromkeys(k for x in ks for k in x))),
    )
    return bodies, over


# The column the bodies with no recorded parent stand in, apart from the tree's first branches.
ORPHAN_COLUMN = 2


def _layout(bodies: pd.DataFrame) -> tuple[dict[str, tuple[float, float]], float]:
    """(positions, rows used): a left-to-right tree. Depth gives the column, leaves take rows in
    order (a two-line name takes SECOND_LINE_ROWS more), a parent sits level with the middle of its
    children. Parentless bodies form a last group under the root column."""
    children: dict[str, list[str]] = {}
    for c, p in bodies["parent"].items():
        children.setdefault(p or "", []).append(c)
    pos: dict[str, tuple[float, float]] = {}
    row = [0.0]

    def place(node: str, depth: int) -> float:
        kids = sorted(children.get(node, []), key=lambda k: bodies.loc[k, "label"])
        if not kids:
            extra = SECOND_LINE_ROWS * two_lines(bodies.loc[node, "label"], LABEL_WRAP).count("\n")
            y = row[0] + extra / 2
            row[0] += 1 + extra
        else:
            ys = [place(k, depth + 1) for k in kids]
            y = (ys[0] + ys[-1]) / 2
        pos[node] = (depth, y)
        return y

    place(ROOT, 0)
    if children.get(""):
        row[0] += 0.7  # a gap, and a rule, before the group of bodies with no recorded parent
        for k in sorted(children[""], key=lambda k: bodies.loc[k, "label"]):
            place(k, ORPHAN_COLUMN)
    return pos, row[0]


def draw(ev) -> Figure:
    """O1: the architecture as a left-to-right tree; the oversight lines are in oversight_table."""
    fig, _, alt = render(ev)
    return finish(fig, alt)


def render(ev):
    """(figure, label texts, alt text): the drawn tree before it is serialised."""
    bodies, _ = architecture(ev)
    pos, n_rows = _layout(bodies)
    depth = int(max(x for x, _ in pos.values())) + 1
    fig, ax = style.figure(0.19 * n_rows + 0.3)
    fig.subplots_adjust(left=0.01, right=0.99, bottom=0.01, top=0.99)
    ax.set_xlim(0, depth)
    ax.set_ylim(n_rows - 0.5, -0.6)
    ax.axis("off")
    labels = {ROOT: "Malaysia", **bodies["label"].to_dict()}
    texts = {
        node: ax.text(
            x,
            y,
            two_lines(labels[node], LABEL_WRAP),
            ha="left",
            va="center",
            linespacing=1.0,
            fontsize=style.BASE_PT - 1.5,
            zorder=3,
            bbox={"boxstyle": "round,pad=0.2", "fc": "white", "ec": "#333333", "lw": 0.5},
        )
        for node, (x, y) in pos.items()
    }
    # Connectors start where the parent's box ends, so no line runs through a label.
    renderer = fig.canvas.get_renderer()
    inv = ax.transData.inverted()
    right = {n: inv.transform((t.get_window_extent(renderer).x1, 0))[0] for n, t in texts.items()}
    for c, p in bodies["parent"].items():
        if not p:
            continue
        (_, y0), (x1, y1) = pos[p], pos[c]
        xm = (right[p] + x1) / 2
        ax.plot([right[p] + 0.02, xm, xm, x1 - 0.03], [y0, y0, y1, y1], color="#444444", lw=0.7, zorder=1)
    if any(not p for p in bodies["parent"]):
        # Set apart by a rule and a column of their own, so they do not read as the last branch's children.
        first = min(pos[k][1] for k, p in bodies["parent"].items() if not p)
        ax.plot([0, depth], [first - 1.3, first - 1.3], color="#888888", lw=0.6, ls=(0, (4, 3)), zorder=1)
        ax.text(
            ORPHAN_COLUMN,
            first - 0.75,
            "Outside the tree: bodies our data place under none of these (their oversight and direction: the table)",
            fontsize=style.BASE_PT - 1.5,
            style="italic",
            va="center",
        )
    style.as_of_line(
        fig,
        ev.as_of,
        "Lines join a body to the body it sits under. Oversight and direction "
        "between bodies are listed in the table that goes with this chart.",
    )
    tops = [labels[c] for c, p in bodies["parent"].items() if p == "cabinet-malaysia"]
    alt = (
        f"Organisation chart of {len(bodies)} Malaysian state bodies in counter-terrorism, drawn as a tree from "
        f"Malaysia through the Cabinet and Parliament. Under the Cabinet: {', '.join(sorted(tops))}. "
        f"Under the Royal Malaysia Police: {', '.join(sorted(labels[c] for c, p in bodies['parent'].items() if p == 'rmp'))}. "
        f"{sum(1 for p in bodies['parent'] if not p)} bodies have no parent body recorded."
    )
    return fig, list(texts.values()), alt


def key_text(ev) -> str:
    """The chart's key, one paragraph: every label a reader cannot read as the body's name, with the
    full name from the data (figures.names_key: abbreviations such as KDN and E8, other names such as
    Wisma Putra)."""
    bodies, _ = architecture(ev)
    pairs = names_key(zip(bodies["label"], bodies["name"]))
    # 'MITI: Ministry of Investment, Trade and Industry', not '... (MITI)' again (review 55)
    return "; ".join(f"**{lab}**: {name.removesuffix(f' ({lab})')}" for lab, name in pairs) + "."


def oversight_table(ev) -> pd.DataFrame:
    """Who oversees or directs whom, in force at the as-of date, beside the tree."""
    bodies, over = architecture(ev)
    labels = {ROOT: "Malaysia", **bodies["label"].to_dict()}
    return pd.DataFrame(
        {
            "Body": [labels[s] for s in over["source"]],
            "Over": [labels[t] for t in over["target"]],
            "How": over["summary"],
        }
    )
