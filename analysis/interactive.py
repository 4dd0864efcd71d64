"""Interactive HTML versions of T1 (timeline) and N1 (partnership network): inline SVG where
hovering a mark shows its record and clicking it opens its first source. Offline: no script,
only SVG <title> tooltips and links. The PDF keeps the static figure (this block is html-only)."""

from __future__ import annotations

import html
import re

from . import dates, network, style, timeline

HINT = "Explore interactively: hover a mark to see its record, click it to open its first source"


def _finish(fig, tips: dict[str, str], label: str) -> str:
    """SVG text with a <title> tooltip on every element whose gid is in tips."""
    svg = style.svg_bytes(fig).decode("utf-8")
    svg = re.sub(r"^.*?(<svg\b)", r"\1", svg, flags=re.S)  # inline: drop the XML prologue and doctype
    svg = svg.replace("<svg ", f'<svg role="img" aria-label="{html.escape(label)}" ', 1)
    for gid, tip in tips.items():  # the link itself is drawn by matplotlib (url=...)
        svg = svg.replace(f'<g id="{gid}">', f'<g id="{gid}"><title>{html.escape(tip)}</title>', 1)
    return svg


def _wrap(svg: str):
    from IPython.display import HTML

    return HTML(
        f'<details class="html-only interactive"><summary>{HINT}</summary>'
        f'<div class="interactive-figure">{svg}</div></details>'
    )


def _first_urls(ev) -> dict[str, str]:
    """Each source's URL by key, looked up once per figure (a figure links hundreds of records)."""
    return dict(zip(ev.references["key"], ev.references["url"]))


@style.styled
def timeline_html(ev):
    events = ev.events[ev.events["start"].dt.year >= timeline.T1_START]
    kinds = [k for k in style.EVENT_STYLE if k in set(events["kind"])]
    fig, ax = style.figure(0.5 + 0.3 * len(kinds))
    urls = _first_urls(ev)
    tips = {}
    for lane, kind in enumerate(reversed(kinds)):
        colour, marker = style.EVENT_STYLE[kind]
        for r in events[events["kind"] == kind].itertuples():
            gid = f"ev-{r.id}"
            ax.plot(
                [timeline.t1_x(dates.fractional_year(r.start.date()))],
                [lane],
                marker=marker,
                ls="",
                color=colour,
                markeredgecolor="black",
                markeredgewidth=0.3,
                markersize=6,
                gid=gid,
                url=urls[r.sources[0]],
            )
            when = dates.display(r.date) + (f" – {dates.display(r.end_date)}" if isinstance(r.end_date, str) else "")
            tips[gid] = f"{when}: {r.title}. {r.summary} [{len(r.sources)} source(s); confidence {r.confidence}]"
    ticks = [1950, 1960, 1970, 1980, 1990, 2000, 2005, 2010, 2015, 2020, 2025]
    ax.set_xticks([timeline.t1_x(t) for t in ticks], [str(t) for t in ticks])
    ax.set_yticks(range(len(kinds)), list(reversed(kinds)))
    ax.axvline(0, color="#999999", lw=0.6, ls="--")
    return _wrap(_finish(fig, tips, f"Interactive timeline of {len(events)} events"))


@style.styled
def network_html(ev):
    g = network.partnerships(ev)
    pos = network.layout(g, network.EGO)
    actors = ev.actors.set_index("id")
    rel = ev.relations.set_index("id")
    fig, ax = style.figure(5.6)
    urls = _first_urls(ev)
    for u, v, d in sorted(g.edges(data=True), key=lambda e: (e[0], e[1])):
        ax.plot(*zip(pos[u], pos[v]), **style.relation_line(d["kind"]), alpha=0.8, zorder=1)
    tips = {}
    for n in sorted(g.nodes):
        colour, marker = style.ACTOR_STYLE[g.nodes[n]["kind"]]
        gid = f"actor-{n}"
        ax.plot(
            [pos[n][0]],
            [pos[n][1]],
            marker=marker,
            ls="",
            color=colour,
            markeredgecolor="black",
            markeredgewidth=0.4,
            markersize=6 + g.degree(n) * 0.4,
            gid=gid,
            zorder=2,
            url=urls[actors.loc[n, "sources"][0]],
        )
        ax.text(pos[n][0], pos[n][1] + 0.04, g.nodes[n]["label"], fontsize=style.BASE_PT - 2.5, ha="center", zorder=3)
        links = [
            f"{rel.loc[rid, 'kind']} ({rel.loc[rid, 'start'] if isinstance(rel.loc[rid, 'start'], str) else 'undated'})"
            for _, _, d in g.edges(n, data=True)
            for rid in d["records"]
        ]
        tips[gid] = f"{actors.loc[n, 'name']} ({g.nodes[n]['kind']}): {g.degree(n)} link(s): " + "; ".join(links[:8])
    ax.set_axis_off()
    return _wrap(_finish(fig, tips, f"Interactive network of {g.number_of_nodes()} actors"))
