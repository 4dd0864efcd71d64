"""Networks: N1 Malaysia's partnerships, N2 domestic agencies, N3 threat groups, N4 snapshots.

Graphs are built from the relations table with every edge's record id kept, so a figure or a
table can always be traced back to the data. Layouts are seeded: same data, same picture."""

from __future__ import annotations

import datetime as dt
import math

import matplotlib.pyplot as plt
import networkx as nx
import numpy as np
import pandas as pd

from . import labels, partners, style
from .figures import Figure, finish, names_key, two_lines
from .words import plain_name

EGO = "malaysia"
PARTNER_KINDS = partners.PARTNER_KINDS  # one definition of a partnership (analysis/partners.py)
DOMESTIC_KINDS = ("oversight", "coordination")
THREAT_KINDS = ("affiliation", "split-from", "rivalry")
SEED = 20240517
LAYOUT_TRIES = 5  # seeds tried in turn when a name finds no clear spot (render)
LEAF_PULL = 0.15  # spring strength of a link to a one-link actor (others: 1)
SPREAD = 1.8  # the springs' rest length, times 1/sqrt(actors)
FAN_LEAVES = 4  # a hub with this many one-link actors or more has them fanned out round it
FAN_GAP_DEG = 16.0  # the least angle between two fanned links, and between one and the hub's other links
MIN_APART = 0.09  # the least distance between two actors, as a share of the drawing's span
SPLIT = 0.55  # the largest connected part takes the width left of this; the others stack right of it
EDGE = "_edge "  # label of a drawn link, then its kind (the leading '_' keeps it out of the legend)
WRAP = 22  # a name longer than this is set on two lines
LABEL_CLEAR_PX = 3.0  # labels keep this far from each other and from other actors' nodes
LABEL_GAP_PX = 4.0  # and this far from their own node, so no name seems to touch it
LABEL_DISTINCT_PX = 4.0  # a name beside its node is this much nearer it than any other node (else a leader)
# A name on a leader line aims this far from every other node: at 12 px a name under another marker still
# read as that marker's (review 42: Wan Mohd Aquil's name under Murad Halimmuddin's node).
LEADER_CLEAR_PX = 28.0
LEADER_CLEAR_MIN_PX = 20.0  # what the printed threat network must reach where room is short


def in_force(relations: pd.DataFrame, on: dt.date | None) -> pd.DataFrame:
    """Relations in force on a date (undated starts are left out of dated snapshots)."""
    if on is None:
        return relations[relations["end_ts"].isna()]
    ts = pd.Timestamp(on)
    return relations[(relations["start_ts"] <= ts) & ~(relations["end_ts"] < ts)]


def _graph(ev, rel: pd.DataFrame, nodes: set | None = None, ranked: bool = False) -> nx.Graph:
    """The actors and their relations, one edge per pair. The edge's kind is the pair's first relation by
    id, a partner tie drawn over a dialogue tie; `ranked`: the kind that comes first in the legend's
    order (style.RELATION_STYLE), so a member of a body or a party to an agreement is drawn as one, not as
    whichever of its ties has the first id (review 42: India drawn by a joint exercise only)."""
    actors = ev.actors.set_index("id")
    order = list(style.RELATION_STYLE)
    g = nx.Graph()
    for r in rel.sort_values("id").itertuples():
        if nodes is not None and not (r.source in nodes and r.target in nodes):
            continue
        for n in (r.source, r.target):
            if n not in g:
                a = actors.loc[n]
                g.add_node(n, label=a["label"], kind=a["kind"], name=a["name"], short=a["short"])
        if g.has_edge(r.source, r.target):
            edge = g.edges[r.source, r.target]
            edge["records"].append(r.id)
            # One line per pair: a tie that makes a partner is drawn over a dialogue tie, so a partner
            # with an agreement and a dialogue (China) does not look like a dialogue contact.
            if ranked:
                stronger = order.index(r.kind) < order.index(edge["kind"])
            else:
                stronger = edge["kind"] in partners.DIALOGUE_KINDS and r.kind not in partners.DIALOGUE_KINDS
            if stronger:
                edge["kind"] = r.kind
        else:
            g.add_edge(r.source, r.target, kind=r.kind, records=[r.id], source=r.source)
    return nx.relabel_nodes(g, {n: n for n in sorted(g.nodes)})


def tie_order() -> list[str]:
    """The partnership kinds in the order a pair's line is chosen by (the strongest first): the figure's
    caption states it."""
    return [k for k in style.RELATION_STYLE if k in partners.PARTNER_KINDS]


def partnerships(ev, as_of: dt.date | None = None) -> nx.Graph:
    """Malaysia, its partners (analysis/partners.py: one definition for every figure and count), and
    the cooperative ties among those partners in force on the same date."""
    on = pd.Timestamp(as_of or ev.as_of)
    ties = partners.partnerships(ev, on)
    nodes = {EGO} | set(ties["partner"])
    rel = ev.relations
    rel = rel[rel["kind"].isin(PARTNER_KINDS) & ~(rel["start_ts"] > on) & ~(rel["end_ts"] < on)]
    g = _graph(ev, rel, nodes, ranked=True)
    # As in the partner matrix: a partner resting only on records held with low confidence is marked.
    for partner, confidence in ties.groupby("partner")["confidence"]:
        g.nodes[partner]["low"] = partners.only_low(confidence)
    return g


def domestic(ev) -> nx.Graph:
    """Malaysian agencies: who oversees and who coordinates whom, plus the parent hierarchy."""
    actors = ev.actors
    my = set(actors[(actors["country"] == "MY") & actors["kind"].isin(["agency", "state"])]["id"])
    rel = in_force(ev.relations, None)
    g = _graph(ev, rel[rel["kind"].isin(DOMESTIC_KINDS)], my)
    lookup = actors.set_index("id")
    for a in actors[actors["parent"].notna() & actors["id"].isin(my)].itertuples():
        if a.parent in my:
            for n in (a.id, a.parent):
                if n not in g:
                    g.add_node(
                        n,
                        label=lookup.loc[n, "label"],
                        kind=lookup.loc[n, "kind"],
                        name=lookup.loc[n, "name"],
                        short=lookup.loc[n, "short"],
                    )
            if not g.has_edge(a.id, a.parent):
                g.add_edge(a.parent, a.id, kind="part-of", records=[f"actor:{a.id}"])
    return g


def threats(ev) -> nx.Graph:
    """Armed groups and the persons tied to them: affiliations, splits and rivalries."""
    actors = ev.actors
    people_and_groups = set(actors[actors["kind"].isin(["armed-group", "person"])]["id"])
    groups = set(actors[actors["kind"] == "armed-group"]["id"])
    rel = ev.relations
    rel = rel[rel["kind"].isin(THREAT_KINDS) & (rel["source"].isin(groups) | rel["target"].isin(groups))]
    return _graph(ev, rel, people_and_groups)


def _table_label(node: dict, n) -> str:
    """An actor's name in tables and prose: as the figures print it, on one line, never cut short."""
    return plain_name(node.get("short"), node.get("name") or node.get("label", n))


def centrality(g: nx.Graph) -> pd.DataFrame:
    """Degree, betweenness and eigenvector centrality of every node, most central first."""
    if g.number_of_nodes() == 0:
        return pd.DataFrame(columns=["actor", "label", "degree", "betweenness", "eigenvector"])
    deg = nx.degree_centrality(g)
    btw = nx.betweenness_centrality(g, normalized=True)
    eig = nx.eigenvector_centrality(g, max_iter=5000, tol=1e-10)
    df = pd.DataFrame(
        {
            "actor": list(g.nodes),
            "label": [_table_label(g.nodes[n], n) for n in g.nodes],
            "links": [g.degree(n) for n in g.nodes],
            "degree": [deg[n] for n in g.nodes],
            "betweenness": [btw[n] for n in g.nodes],
            "eigenvector": [eig[n] for n in g.nodes],
        }
    )
    return (
        df.sort_values(["degree", "betweenness", "actor"], ascending=[False, False, True])
        .round(3)
        .reset_index(drop=True)
    )


def summary(g: nx.Graph, ego: str = EGO, top: int = 5) -> dict:
    """Figures the prose can glue: partners, the most central partners, and the bridges."""
    c = centrality(g)
    others = c[c["actor"] != ego]
    bridges = others[others["betweenness"] > 0].sort_values(["betweenness", "actor"], ascending=[False, True])
    return {
        "n_nodes": g.number_of_nodes(),
        "n_edges": g.number_of_edges(),
        "n_partners": g.degree(ego) if ego in g else 0,
        "most_central": ", ".join(others.head(top)["label"]),
        "bridges": ", ".join(bridges.head(3)["label"]) or "none",
        # the parts that share no tie with the largest: the layout draws them apart, on the right
        "n_separate": max(nx.number_connected_components(g) - 1, 0) if g.number_of_nodes() else 0,
    }


def layout(g: nx.Graph, center: str | None = None, seed: int = SEED) -> dict:
    """Seeded spring layout. Disconnected parts are laid out one by one and packed: the largest
    on the left, the rest stacked on the right, so no part is squeezed into a blob."""
    if g.number_of_nodes() == 0:
        return {}
    h = _sorted_graph(g, g.nodes)
    parts = sorted((sorted(c) for c in nx.connected_components(h)), key=lambda c: (-len(c), c[0]))
    if len(parts) == 1:
        return _fit(_spring(h, center, seed), (-1.0, -1.0, 1.0, 1.0))
    pos = {}
    big = _spring(_sorted_graph(h, parts[0]), center, seed)
    pos.update(_fit(big, (-1.0, -1.0, SPLIT, 1.0)))
    rest = parts[1:]
    slot = 2.0 / len(rest)
    for i, part in enumerate(rest):
        sub = _spring(_sorted_graph(h, part), None, seed)
        top = 1.0 - i * slot
        pos.update(_fit(sub, (SPLIT + 0.15, top - slot * 0.7, 1.0, top)))  # a clear gap between parts
    return pos


def _sorted_graph(g: nx.Graph, nodes) -> nx.Graph:
    """The graph on `nodes`, its nodes and links in name order. The spring layout starts from the
    nodes' order, and a subgraph view lists them in the order of a Python set, which changes from one
    process to the next (PYTHONHASHSEED): the same data drew a different figure."""
    keep = set(nodes)
    h = nx.Graph()
    h.add_nodes_from(sorted(keep))
    h.add_edges_from(sorted(tuple(sorted(e)) for e in g.edges if e[0] in keep and e[1] in keep))
    return h


def _spring(h: nx.Graph, center: str | None, seed: int = SEED) -> dict:
    n = max(1, h.number_of_nodes())
    if center and center in h:
        init = nx.circular_layout(sorted(h.nodes))
        init[center] = (0.0, 0.0)
        return nx.spring_layout(h, pos=init, fixed=[center], seed=seed, iterations=300, k=2.2 / n**0.5)
    # A hub's one-link actors (JI's members, say) are held on weak springs, so they spread out
    # around the hub with room for their names instead of bunching against it.
    w = nx.Graph(h)
    for u, v in w.edges:
        w.edges[u, v]["pull"] = LEAF_PULL if min(w.degree(u), w.degree(v)) == 1 else 1.0
    return _fan(h, _apart(nx.spring_layout(w, seed=seed, iterations=300, k=SPREAD / n**0.5, weight="pull")))


def _apart(pos: dict) -> dict:
    """Push apart actors that the springs left closer than MIN_APART of the drawing's span: people tied
    to the same few groups (Hambali, Bashir and Sufaat to JI, the KMM and al-Qaeda) settle on one spot,
    where no label fits beside its marker."""
    pos = {n: np.array(p, dtype=float) for n, p in pos.items()}
    span = max(np.ptp([p[0] for p in pos.values()]), np.ptp([p[1] for p in pos.values()])) or 1.0
    least = MIN_APART * span
    names = sorted(pos)
    for _ in range(50):
        moved = False
        for i, a in enumerate(names):
            for b in names[i + 1 :]:
                d = pos[b] - pos[a]
                dist = float(np.hypot(*d))
                if dist < least:
                    push = (d / dist if dist else np.array([1.0, 0.0])) * (least - dist) / 2
                    pos[a] -= push
                    pos[b] += push
                    moved = True
        if not moved:
            break
    return {n: (float(p[0]), float(p[1])) for n, p in pos.items()}


def _turn(a: float, b: float) -> float:
    """The angle between two directions, in radians (0 to pi)."""
    return abs((a - b + math.pi) % (2 * math.pi) - math.pi)


def _fan(h: nx.Graph, pos: dict) -> dict:
    """Spread each hub's one-link actors round it: all at the distance of the farthest, each at the free
    whole degree nearest its spring position, FAN_GAP_DEG from the others and from the hub's links to
    better-connected actors. Springs leave them at odd distances, where a near one's name lies across a
    far one's link; at one distance the names sit outside the fan, clear of its links."""
    pos = dict(pos)
    gap = math.radians(FAN_GAP_DEG)
    for hub in sorted(h.nodes, key=lambda n: (-h.degree(n), n)):
        leaves = sorted(n for n in h.neighbors(hub) if h.degree(n) == 1)
        if len(leaves) < FAN_LEAVES:
            continue
        hx, hy = pos[hub]
        angle = {n: math.atan2(pos[n][1] - hy, pos[n][0] - hx) for n in h.neighbors(hub)}
        radius = max(math.hypot(pos[n][0] - hx, pos[n][1] - hy) for n in leaves)
        links = [angle[m] for m in h.neighbors(hub) if h.degree(m) > 1]
        free = [math.radians(d - 180) for d in range(360)]
        free = [a for a in free if all(_turn(a, b) >= gap for b in links)] or free
        taken: list[float] = []
        for n in sorted(leaves, key=lambda n: (angle[n], n)):
            spots = [a for a in free if all(_turn(a, t) >= gap for t in taken)] or free
            a = min(spots, key=lambda a: (_turn(a, angle[n]), a))
            taken.append(a)
            pos[n] = (hx + radius * math.cos(a), hy + radius * math.sin(a))
    return pos


def _fit(pos: dict, box: tuple) -> dict:
    """Scale positions into the box (x0, y0, x1, y1)."""
    xs = [p[0] for p in pos.values()]
    ys = [p[1] for p in pos.values()]
    x0, y0, x1, y1 = box
    sx = (x1 - x0) / ((max(xs) - min(xs)) or 1)
    sy = (y1 - y0) / ((max(ys) - min(ys)) or 1)
    cx = (x0 + x1) / 2 - ((max(xs) + min(xs)) / 2) * sx
    cy = (y0 + y1) / 2 - ((max(ys) + min(ys)) / 2) * sy
    return {n: (p[0] * sx + cx, p[1] * sy + cy) for n, p in pos.items()}


def figure_label(node: dict) -> str:
    """A node's name as the figure prints it (words.plain_name: never cut short), on two lines when
    it is long."""
    return two_lines(plain_name(node.get("short"), node.get("name") or node["label"]), WRAP)


def key(g: nx.Graph) -> str:
    """'Names in full: ASG: Abu Sayyaf Group; ...' for the labels a print reader cannot read as the
    actor's name (abbreviations, other names), in the as-of note under the figure."""
    shown = {n: figure_label(g.nodes[n]).replace("\n", " ") for n in g.nodes}
    pairs = names_key((shown[n], g.nodes[n].get("name", shown[n])) for n in g.nodes)
    return ("Names in full: " + "; ".join(f"{lab}: {name}" for lab, name in pairs) + ".") if pairs else ""


def edge_lines(ax) -> list:
    """The drawn links of a network (Line2D), each labelled EDGE + its relation kind."""
    return [line for line in ax.lines if line.get_label().startswith(EDGE)]


# Relations with a direction, drawn with an arrowhead halfway along the line: from the group that split
# off to the group it split from.
DIRECTED_KINDS = ("split-from",)


def _draw_on(ax, g: nx.Graph, pos: dict, label_size: float, node_size: float = 60, labels: bool = True):
    for u, v, d in sorted(g.edges(data=True), key=lambda e: (e[0], e[1])):
        # the commonest, lightest link goes underneath: a tie drawn along it stays visible (review 55)
        z = 0.9 if d["kind"] == "member-of" else 1
        ax.plot(*zip(pos[u], pos[v]), **style.relation_line(d["kind"]), alpha=0.8, zorder=z, label=EDGE + d["kind"])
        if d["kind"] in DIRECTED_KINDS:
            a, b = (u, v) if d.get("source", u) == u else (v, u)
            mid = ((pos[a][0] + pos[b][0]) / 2, (pos[a][1] + pos[b][1]) / 2)
            ahead = (mid[0] + 0.02 * (pos[b][0] - pos[a][0]), mid[1] + 0.02 * (pos[b][1] - pos[a][1]))
            colour = style.relation_line(d["kind"])["color"]
            ax.annotate("", xy=ahead, xytext=mid, arrowprops={"arrowstyle": "-|>", "color": colour, "lw": 0}, zorder=1)
    for kind, (colour, marker) in style.ACTOR_STYLE.items():
        nodes = [n for n in sorted(g.nodes) if g.nodes[n]["kind"] == kind]
        if nodes:
            sizes = [node_size * (1 + 0.25 * g.degree(n)) for n in nodes]
            ax.scatter(
                [pos[n][0] for n in nodes],
                [pos[n][1] for n in nodes],
                s=sizes,
                marker=marker,
                color=colour,
                edgecolor="black",
                linewidth=0.4,
                zorder=2,
            )
    texts = {}
    if labels:
        for n in sorted(g.nodes):
            texts[n] = ax.text(
                *pos[n],
                figure_label(g.nodes[n]) + (partners.LOW_MARK if g.nodes[n].get("low") else ""),
                fontsize=label_size,
                linespacing=1.0,
                zorder=3,
                bbox={"boxstyle": "round,pad=0.1", "fc": "white", "ec": "none", "alpha": 0.85},
            )
    ax.set_axis_off()
    return texts


def _away(g: nx.Graph, pos: dict, n) -> tuple[float, float]:
    """The direction from the middle of a node's neighbours to the node: its label goes that way,
    off its links."""
    nbrs = list(g.neighbors(n))
    if not nbrs:
        return (0.0, 0.0)
    mx = sum(pos[m][0] for m in nbrs) / len(nbrs)
    my = sum(pos[m][1] for m in nbrs) / len(nbrs)
    return (pos[n][0] - mx, pos[n][1] - my)


def _legend(ax, g: nx.Graph):
    kinds = sorted({g.nodes[n]["kind"] for n in g.nodes}, key=list(style.ACTOR_STYLE).index)
    order = list(style.RELATION_STYLE)  # the order in which a pair's strongest tie is chosen
    rels = sorted(
        {d["kind"] for *_, d in g.edges(data=True)},
        key=lambda k: (k not in order, order.index(k) if k in order else 0, k),
    )
    handles = [
        plt.Line2D(
            [],
            [],
            ls="",
            marker=style.ACTOR_STYLE[k][1],
            color=style.ACTOR_STYLE[k][0],
            markeredgecolor="black",
            label=k,
        )
        for k in kinds
    ]
    handles += [plt.Line2D([], [], **style.relation_line(k), label=k) for k in rels]
    # Above the network, so the network has the text block's full width.
    ax.legend(handles=handles, loc="lower center", bbox_to_anchor=(0.5, 1.0), ncol=min(5, len(handles)), frameon=False)


def render(g: nx.Graph, as_of: dt.date, center: str | None = None, height_in: float = 5.2, note: str = "", names=False):
    """Draw a network; return the matplotlib figure, its label texts and the point of the node each
    label names (for checks: labels.collisions). With `names`, the note under it spells out the labels
    that are not plainly names (`key`); where the glossary is enough, the page keeps the room.

    Review 85: a data edit can change the seeded layout so that one name finds no clear spot however far the placer
    looks; the next seeds are then tried in turn, so the same data still draw the same picture."""
    for seed in range(SEED, SEED + LAYOUT_TRIES - 1):
        drawn = _render(g, as_of, center, height_in, note, names, seed)
        if not labels.collisions(*drawn):
            return drawn
        plt.close(drawn[0])
    return _render(g, as_of, center, height_in, note, names, SEED + LAYOUT_TRIES - 1)


def _render(g: nx.Graph, as_of: dt.date, center, height_in: float, note: str, names, seed: int):
    fig, ax = style.figure(height_in, width_in=style.TEXT_WIDTH_IN)
    pos = layout(g, center, seed)
    texts = _draw_on(ax, g, pos, label_size=style.BASE_PT - 2.5)
    ax.set_xlim(-1.15, 1.15)  # room at the sides for the long names
    ax.set_ylim(-1.08, 1.08)
    fig.subplots_adjust(left=0.01, right=0.99, bottom=0.02, top=0.93)
    _legend(ax, g)
    hub = []
    if center in texts:
        # The centre's name sits on its own marker, in bold: every spot beside it crosses its links, so
        # the placer sent it off to a neighbour, where it read as that node's name (review 60: 'Malaysia'
        # beside Australia). The other labels keep clear of it.
        texts[center].set(position=pos[center], ha="center", va="center", weight="bold", zorder=4)
        texts[center].get_bbox_patch().set_alpha(1)  # opaque: the links converging there pass under it
        hub = [texts.pop(center)]
    # The best-connected actors choose their label spot first; ties in name order, so it is stable.
    order = sorted(texts, key=lambda n: (-g.degree(n), n))
    rings = labels.place(
        ax,
        [texts[n] for n in order],
        [pos[n] for n in order],
        [_away(g, pos, n) for n in order],
        avoid=hub,
        gap_px=LABEL_GAP_PX,
        # at 14, one name in the crowded IS cluster found no spot clear of other nodes; at 18, one in the domestic
        # network did not either, once ties counted only to their last report had changed its layout
        rings=24,
        step_px=5.0,
        lines=edge_lines(ax),
        clear_px=LABEL_CLEAR_PX,
        fine=True,
        distinct_px=LABEL_DISTINCT_PX,
        # in the printed threat network a name on a leader also keeps off other nodes (reviews 41, 42)
        moved_clear_px=LEADER_CLEAR_PX,
    )
    moved = [n for n, ring in zip(order, rings) if ring]
    for n in moved:  # a label that had to move out gets a leader line to its node, dotted so that
        # in greyscale it never reads as a link
        ax.plot(*zip(pos[n], texts[n].get_position()), **style.LEADER, zorder=1.5)
    leaders = "Dotted grey lines lead a label to its marker." if moved else ""
    low = (
        f"'{partners.LOW_MARK.strip()}' after a name: the partnership rests only on records held with low confidence."
        if any(g.nodes[n].get("low") for n in g)
        else ""
    )
    arrows = (
        "The arrow halfway along a split-from line points to the group split from."
        if any(d["kind"] in DIRECTED_KINDS for *_, d in g.edges(data=True))
        else ""
    )
    note = " ".join(x for x in (note, low, arrows, leaders, key(g) if names else "") if x)
    style.as_of_line(fig, as_of, f"{g.number_of_nodes()} actors, {g.number_of_edges()} links. {note}".strip())
    return fig, hub + [texts[n] for n in order], ([pos[center]] if hub else []) + [pos[n] for n in order]


@style.styled
def draw(
    g: nx.Graph,
    as_of: dt.date,
    what: str,
    center: str | None = None,
    height_in: float = 5.2,
    note: str = "",
    names: bool = False,
) -> Figure:
    """N1-N3: one network, labelled without collisions, with a legend and the as-of line (and `note`;
    with `names`, the labels' names in full)."""
    fig, _, _ = render(g, as_of, center, height_in, note, names)
    c = centrality(g)
    kinds = pd.Series([g.nodes[n]["kind"] for n in g.nodes]).value_counts()
    rels = pd.Series([d["kind"] for *_, d in g.edges(data=True)]).value_counts()
    alt = (
        f"Network of {what}: {g.number_of_nodes()} actors and {g.number_of_edges()} links. Actors by kind: "
        + ", ".join(f"{k} {n}" for k, n in kinds.items())
        + ". Links by kind: "
        + ", ".join(f"{k} {n}" for k, n in rels.items())
        + ". Most connected: "
        + ", ".join(f"{r.label} ({r.links})" for r in c.head(4).itertuples())
        + "."
    )
    return finish(fig, alt)


def snapshot_years(ev, years=(2001, 2007, 2015)) -> list[int]:
    return [y for y in years if y < ev.as_of.year] + [ev.as_of.year]


@style.styled
def snapshots(ev, years: list[int]) -> Figure:
    """N4: the partnership network on 31 December of each year (as-of date for the last),
    every actor kept at the position it has in the full network so panels compare."""
    full = partnerships(ev)
    pos = layout(full, EGO)
    fig, axes = plt.subplots(1, len(years), figsize=(style.TEXT_WIDTH_IN, 2.3))
    style.apply()
    counts = []
    for ax, y in zip(axes, years):
        on = min(dt.date(y, 12, 31), ev.as_of)
        g = partnerships(ev, as_of=on)
        g.remove_nodes_from([n for n in list(g.nodes) if n not in pos])
        _draw_on(ax, g, pos, label_size=0, node_size=10, labels=False)
        ax.set_xlim(-1.15, 1.15)
        ax.set_ylim(-1.15, 1.15)
        ax.set_title(f"{on:%b %Y}\n{g.degree(EGO) if EGO in g else 0} partners", fontsize=style.BASE_PT - 0.5)
        counts.append((on, g.degree(EGO) if EGO in g else 0, g.number_of_nodes()))
    style.as_of_line(fig, ev.as_of, "Same positions in every panel; labels in the full network figure.")
    alt = (
        "Four small network panels of Malaysia's partnerships over time: "
        + "; ".join(f"{on:%B %Y}: {p} direct partners among {n} actors" for on, p, n in counts)
        + "."
    )
    return finish(fig, alt)
