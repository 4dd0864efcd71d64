"""Timelines: T1 the whole record, T2 laws in force, T3 partnerships accumulating, T4 series."""
from __future__ import annotations

import datetime as dt

import matplotlib.pyplot as plt
import pandas as pd

from . import dates, style
from .figures import Figure, finish
from .labels import declutter

# Short names for acts in figures; an act with no entry is named from its tag.
ACT_LABELS = {
    "act-emergency-regulations": "Emergency Regulations 1948",
    "act-isa-1960": "ISA 1960",
    "act-poca-1959": "POCA 1959",
    "act-penal-code-via": "Penal Code ch. VIA",
    "act-amla-2001": "AMLA 2001 / AMLATFPUAA",
    "act-sosma-2012": "SOSMA 2012",
    "act-pota-2015": "POTA 2015",
    "act-smata-2015": "SMATA 2015",
    "act-nsc-2016": "NSC Act 2016",
}
IN_FORCE_TAGS = ("in-force", "royal-assent", "passed", "gazetted", "enacted")
PARTNERSHIP_KINDS = ("member-of", "party-to", "agreement", "joint-exercise", "intelligence-sharing",
                     "capacity-building")


def _year(ts) -> float:
    return dates.fractional_year(pd.Timestamp(ts).date())


def swimlanes(ev) -> Figure:
    """T1: every event as a mark in its kind's lane; spans as bars; key events labelled above."""
    events, as_of = ev.events, ev.as_of
    kinds = [k for k in style.EVENT_STYLE if k in set(events["kind"])]
    fig, (ax_lab, ax) = plt.subplots(
        2, 1, figsize=(style.TEXT_WIDTH_IN, 1.9 + 0.28 * len(kinds)), sharex=True,
        gridspec_kw={"height_ratios": [1.5, 0.28 * len(kinds)], "hspace": 0.02})
    style.apply()
    x0 = _year(events["start"].min()) - 1
    x1 = dates.fractional_year(as_of) + 1
    for lane, kind in enumerate(reversed(kinds)):
        colour, marker = style.EVENT_STYLE[kind]
        sub = events[events["kind"] == kind]
        spans = sub[sub["end"].notna()]
        for _, row in spans.iterrows():
            ax.plot([_year(row["start"]), _year(row["end"])], [lane, lane], color=colour, lw=3,
                    alpha=0.45, solid_capstyle="butt")
        ax.scatter([_year(s) for s in sub["start"]], [lane] * len(sub), s=22, marker=marker,
                   color=colour, edgecolor="black", linewidth=0.3, zorder=3)
        ax.axhline(lane, color="#dddddd", lw=0.5, zorder=0)
    ax.set_yticks(range(len(kinds)), [f"{k} ({(events['kind'] == k).sum()})" for k in reversed(kinds)])
    ax.set_ylim(-0.7, len(kinds) - 0.3)
    ax.set_xlim(x0, x1)
    ax.tick_params(axis="y", length=0)

    key = events[events["tags"].map(lambda t: "key" in t)]
    ax_lab.set_ylim(0, 1)
    ax_lab.axis("off")
    texts = []
    for i, (_, row) in enumerate(key.iterrows()):
        x = _year(row["start"])
        texts.append(ax_lab.text(x, 0.08 + 0.3 * (i % 3), f"{row['title']} ({row['start'].year})",
                                 fontsize=style.BASE_PT - 2, ha="center", va="bottom", rotation=0,
                                 color="#222222"))
    fig.canvas.draw()
    declutter(ax_lab, texts)
    for (_, row), t in zip(key.iterrows(), texts):
        x = _year(row["start"])
        tx, ty = t.get_position()
        ax_lab.annotate("", xy=(x, 0), xytext=(tx, ty), xycoords="data",
                        arrowprops={"arrowstyle": "-", "color": "#999999", "lw": 0.5,
                                    "shrinkA": 0, "shrinkB": 0})
    style.as_of_line(fig, as_of, f"{len(events)} events; bars show spans; labelled: events tagged 'key'.")
    top = events["kind"].value_counts()
    alt = (f"Swimlane timeline of {len(events)} events in {len(kinds)} kinds from "
           f"{events['start'].min().year} to {as_of.year}. Most common kinds: "
           + ", ".join(f"{k} ({n})" for k, n in top.head(3).items())
           + f". Busiest decade: {_busiest_decade(events)}. Labelled key events: "
           + "; ".join(f"{r.title} ({r.start.year})" for r in key.itertuples()) + ".")
    return finish(fig, alt)


def _busiest_decade(events) -> str:
    decades = (events["start"].dt.year // 10 * 10).value_counts().sort_index()
    d = decades.idxmax()
    return f"the {d}s with {decades.max()} events"


def law_spans(ev) -> pd.DataFrame:
    """One row per act: when it came into force, when it ended (NaT: still in force at as-of)."""
    events, as_of = ev.events, pd.Timestamp(ev.as_of)
    rows = []
    acts = sorted({t for tags in events["tags"] for t in tags if t.startswith("act-")})
    for act in acts:
        sub = events[events["tags"].map(lambda t, a=act: a in t)]
        starts = sub[sub["tags"].map(lambda t: any(x in t for x in IN_FORCE_TAGS))]
        start_row = starts.iloc[0] if len(starts) else sub.iloc[0]
        in_force = sub[sub["tags"].map(lambda t: "in-force" in t)]
        repealed = sub[sub["tags"].map(lambda t: "repealed" in t)]
        end = pd.NaT
        if len(in_force) and pd.notna(in_force.iloc[0]["end"]):
            end = in_force.iloc[0]["end"]
        elif len(repealed):
            end = repealed.iloc[0]["start"]
        amend = sub[sub["tags"].map(lambda t: "amended" in t)]
        rows.append({
            "act": act, "label": ACT_LABELS.get(act, act.removeprefix("act-").replace("-", " ").upper()),
            "start": start_row["start"], "end": end, "in_force": pd.isna(end),
            "drawn_to": as_of if pd.isna(end) else end,
            "amendments": list(amend["start"]), "milestones": len(sub),
        })
    return pd.DataFrame(rows).sort_values(["start", "act"]).reset_index(drop=True)


def legal_framework(ev) -> Figure:
    """T2: acts as spans in force, amendments as diamonds, repeal as a bar end."""
    spans, as_of = law_spans(ev), ev.as_of
    fig, ax = style.figure(0.6 + 0.32 * len(spans))
    for i, row in enumerate(spans.itertuples()):
        y = len(spans) - 1 - i
        colour = style.C["blue"] if row.in_force else style.C["grey"]
        ax.barh(y, _year(row.drawn_to) - _year(row.start), left=_year(row.start), height=0.55,
                color=colour, alpha=0.85, edgecolor="black", linewidth=0.4,
                hatch="" if row.in_force else "///")
        for a in row.amendments:
            ax.plot(_year(a), y, marker="D", color=style.C["orange"], markeredgecolor="black",
                    markersize=5, markeredgewidth=0.4, zorder=3)
        end_txt = "in force" if row.in_force else f"ended {row.end.year}"
        ax.text(_year(row.drawn_to) + 0.6, y, f"{row.start.year}–{'' if row.in_force else row.end.year} {end_txt}"
                if not row.in_force else f"since {row.start.year}", va="center", fontsize=style.BASE_PT - 1.5)
    ax.set_yticks(range(len(spans)), list(reversed(spans["label"])))
    ax.set_xlim(_year(spans["start"].min()) - 2, dates.fractional_year(as_of) + 9)
    ax.tick_params(axis="y", length=0)
    handles = [plt.Rectangle((0, 0), 1, 1, color=style.C["blue"], label="in force at as-of date"),
               plt.Rectangle((0, 0), 1, 1, facecolor=style.C["grey"], hatch="///", label="repealed / ended"),
               plt.Line2D([], [], marker="D", ls="", color=style.C["orange"], markeredgecolor="black", label="amendment")]
    ax.legend(handles=handles, loc="lower left", frameon=False, ncol=3, bbox_to_anchor=(0, 1.0))
    style.as_of_line(fig, as_of)
    live = spans[spans["in_force"]]
    dead = spans[~spans["in_force"]]
    alt = (f"Spans in force of {len(spans)} laws from {spans['start'].min().year} to {as_of.year}. "
           f"In force at the as-of date: {', '.join(live['label'])}. "
           + (f"Ended: {', '.join(f'{r.label} ({r.start.year}–{r.end.year})' for r in dead.itertuples())}. " if len(dead) else "")
           + f"{sum(len(a) for a in spans['amendments'])} amendments are marked.")
    return finish(fig, alt)


def partnership_counts(ev, ego: str = "malaysia") -> pd.DataFrame:
    """Partnerships of `ego` in force at the end of each year, by relation kind."""
    rel = ev.relations
    rel = rel[((rel["source"] == ego) | (rel["target"] == ego)) & rel["kind"].isin(PARTNERSHIP_KINDS)]
    dated = rel[rel["start_ts"].notna()]
    years = range(int(dated["start_ts"].dt.year.min()), ev.as_of.year + 1)
    rows = []
    for y in years:
        end_of_year = pd.Timestamp(dt.date(y, 12, 31))
        live = dated[(dated["start_ts"] <= end_of_year) & ~(dated["end_ts"] < end_of_year)]
        rows.append({"year": y, **{k: int((live["kind"] == k).sum()) for k in PARTNERSHIP_KINDS}})
    out = pd.DataFrame(rows).set_index("year")
    out.attrs["undated"] = len(rel) - len(dated)
    return out


def partnership_growth(ev) -> Figure:
    """T3: stacked areas of Malaysia's partnerships in force, by kind."""
    counts = partnership_counts(ev)
    kinds = [k for k in PARTNERSHIP_KINDS if counts[k].sum()]
    fig, ax = style.figure(2.6)
    hatches = ["", "///", "...", "xx", "\\\\", "++"]
    polys = ax.stackplot(counts.index, [counts[k] for k in kinds], labels=kinds,
                         colors=[style.RELATION_STYLE[k][0] for k in kinds], alpha=0.85,
                         edgecolor="black", linewidth=0.3)
    for p, h in zip(polys, hatches):
        p.set_hatch(h)
    ax.set_ylabel("partnerships in force")
    ax.legend(loc="upper left", frameon=False, ncol=2)
    ax.set_xlim(counts.index.min(), counts.index.max())
    undated = counts.attrs["undated"]
    style.as_of_line(fig, ev.as_of, f"{undated} undated relation(s) not drawn." if undated else "")
    total = counts.sum(axis=1)
    alt = (f"Stacked area chart of Malaysia's counter-terrorism partnerships in force from {counts.index.min()} "
           f"to {counts.index.max()}, rising from {total.iloc[0]} to {total.iloc[-1]}. Largest kind at the end: "
           f"{counts.iloc[-1][kinds].idxmax()} ({counts.iloc[-1][kinds].max()}).")
    return finish(fig, alt)


def series(ev) -> Figure:
    """T4: each numeric series in its own panel; each source its own marker, so disagreements show."""
    ind, refs = ev.indicators, ev.references.set_index("key")
    names = list(dict.fromkeys(ind["indicator"]))
    fig, axes = plt.subplots(len(names), 1, figsize=(style.TEXT_WIDTH_IN, 1.7 * len(names)), squeeze=False)
    style.apply()
    markers = "osD^vPX"
    notes = []
    for ax, name in zip(axes[:, 0], names):
        sub = ind[ind["indicator"] == name]
        for i, (src, grp) in enumerate(sub.groupby("source", sort=True)):
            grp = grp.sort_values("year")
            ax.plot(grp["year"], grp["value"], marker=markers[i % len(markers)], lw=1,
                    ls=["-", "--", ":"][i % 3], color=list(style.OKABE_ITO.values())[(i + 5) % 8],
                    markersize=4, label=f"[{i + 1}] {refs.loc[src, 'publisher']}")
            notes.append(f"[{i + 1}] {refs.loc[src, 'publisher']}: {refs.loc[src, 'title']}")
        ax.set_title(f"{name} ({sub['unit'].iloc[0]})", loc="left")
        if "rank" in name:
            ax.invert_yaxis()
        ax.legend(frameon=False, loc="best")
        ax.xaxis.get_major_locator().set_params(integer=True)
    fig.tight_layout()
    style.as_of_line(fig, ev.as_of, "Sources: " + "; ".join(dict.fromkeys(notes)))
    alt = "Line charts of " + "; ".join(
        f"{n}: {len(ind[ind.indicator == n])} values from {ind[ind.indicator == n].year.min()} to "
        f"{ind[ind.indicator == n].year.max()} from {ind[ind.indicator == n].source.nunique()} source(s)"
        for n in names) + "."
    return finish(fig, alt)
