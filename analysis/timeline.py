"""Timelines: T1 the whole record, T2 laws in force, T3 partnerships accumulating, T4 series."""

from __future__ import annotations

import datetime as dt
import textwrap

import matplotlib.pyplot as plt
import pandas as pd
from matplotlib.ticker import MaxNLocator

from . import dates, partners, style
from .figures import Figure, finish

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
    "act-onsa-2025": "Online Safety Act 2025",  # ONSA: spelt out, as the figure has the room
}
IN_FORCE_TAGS = ("in-force", "royal-assent", "passed", "gazetted", "enacted")
# A provision that Parliament must renew, and the act whose bar its renewal votes are marked on: SOSMA's
# 28-day detention for investigation (subsection 4(5)), which key judgment 3 turns on.
RENEWED_PROVISIONS = {"section-4-5": "act-sosma-2012"}
MIN_SERIES_YEARS = 5
PARTNERSHIP_KINDS = partners.PARTNER_KINDS  # one definition of a partnership (analysis/partners.py)
# One fill pattern per kind, so no two kinds share a fill in greyscale (review 42: the seventh had none).
PARTNERSHIP_HATCHES = ("", "///", "...", "xx", "\\\\", "++", "--")


def _year(ts) -> float:
    return dates.fractional_year(pd.Timestamp(ts).date())


T1_START = 1945  # earlier records (e.g. the police's 1807 origin) are counted in the figure's note
T1_BREAK = 2000  # the scale widens here: most records are after 2000
# The key under the timeline: characters a line holds in half the text width, and the inches a
# wrapped line and the gap between entries take (at the key's type size).
KEY_WRAP = 58
KEY_LINE_IN = 0.125
KEY_ROW_GAP_IN = 0.04
T1_SQUEEZE = 0.3  # one year before the break takes this share of a year after it


def t1_x(year: float) -> float:
    """Piecewise-linear time axis: years before T1_BREAK are squeezed."""
    if year < T1_BREAK:
        return (year - T1_BREAK) * T1_SQUEEZE
    return year - T1_BREAK


@style.styled
def swimlanes(ev) -> Figure:
    """T1: every event as a mark in its kind's lane; spans as bars; key events numbered and listed."""
    fig, _, alt = render_swimlanes(ev)
    return finish(fig, alt)


BADGE_PT = style.BASE_PT - 2.5  # type size of the key-event numbers
BADGE_GAP_PT = 1.5  # clear space between two badges in a row
BADGE = {  # a white number in a dark circle
    "ha": "center",
    "va": "center",
    "fontsize": BADGE_PT,
    "color": "white",
    "fontweight": "bold",
    "bbox": {"boxstyle": "circle,pad=0.15", "fc": "#333333", "ec": "none"},
}


def badge_diameter_pt(numbers: list[str]) -> float:
    """The widest badge among these numbers, in points, measured on a scratch figure."""
    from .labels import label_box

    fig = plt.figure(figsize=(1, 1))
    renderer = fig.canvas.get_renderer()
    texts = [fig.text(0.5, 0.5, n, **BADGE) for n in numbers]
    widest = max((label_box(t, renderer) for t in texts), key=lambda b: b[2] - b[0])
    plt.close(fig)
    return max(widest[2] - widest[0], widest[3] - widest[1]) * 72 / fig.dpi


def badge_rows(xs_pt: list[float], diameter_pt: float, gap_pt: float = BADGE_GAP_PT) -> list[int]:
    """Stagger the key-event badges: taken in date order, each goes to the lowest row in which it
    clears the last badge by gap_pt, so badges stay over their dates and never overlap."""
    ends: list[float] = []  # right edge of the last badge in each row
    rows = []
    for x in xs_pt:
        row = next((r for r, end in enumerate(ends) if x - diameter_pt / 2 >= end + gap_pt), len(ends))
        if row == len(ends):
            ends.append(0.0)
        ends[row] = x + diameter_pt / 2
        rows.append(row)
    return rows


def _attacks_and_plots(events: pd.DataFrame) -> pd.DataFrame:
    """Incidents tagged terrorist-attack and arrests tagged foiled-plot, by the indicators' matching rule
    (a plot's later rounds go with its first)."""
    from .judgments import matching

    return pd.concat(
        [
            matching(events, {"kinds": ["incident"], "tags": ["terrorist-attack"]}),
            matching(events, {"kinds": ["arrests"], "tags": ["foiled-plot"]}),
        ]
    )


def render_swimlanes(ev):
    """Draw T1; return the figure, its labels (the key-event badges, the axis note, then the key's entries; for checks)
    and the alt text."""
    events, as_of = ev.events, ev.as_of
    early = events[events["start"].dt.year < T1_START]
    shown = events[events["start"].dt.year >= T1_START]
    kinds = [k for k in style.EVENT_STYLE if k in set(shown["kind"])]
    key = shown[shown["tags"].map(lambda t: "key" in t)].reset_index(drop=True)
    # What the threat chapter weighs, drawn black over the inventory (review 52: the 2 attacks and the
    # foiled plots were lost among meetings and statements): attacks, and each foiled plot's first round.
    weighed = set(_attacks_and_plots(shown)["id"])
    x = lambda ts: t1_x(_year(ts))
    xlim = (t1_x(T1_START), t1_x(dates.fractional_year(as_of)) + 0.8)
    # Badges in staggered rows above the lanes: rows from the badges' places on the axis, in points.
    ax_left, ax_width = 0.17, 0.8
    width_pt = ax_width * style.TEXT_WIDTH_IN * 72
    diameter = badge_diameter_pt([str(i + 1) for i in range(len(key))])
    rows = badge_rows([(x(s) - xlim[0]) / (xlim[1] - xlim[0]) * width_pt for s in key["start"]], diameter)
    badges_in = (3 + (max(rows, default=-1) + 1) * (diameter + BADGE_GAP_PT)) / 72
    listed = (len(key) + 1) // 2
    # The key lists every key event's whole title, wrapped, in two columns; a row is as tall as its
    # longer entry, so nothing is cut short and no entry runs into the next.
    entries = [
        textwrap.wrap(f"{i + 1}  {row['title']} ({row['start'].year})", KEY_WRAP, subsequent_indent="     ")
        for i, row in key.iterrows()
    ]
    row_lines = [
        max(len(entries[r]), len(entries[r + listed]) if r + listed < len(entries) else 0) for r in range(listed)
    ]
    lane_h = 0.24 * len(kinds)
    top_in = 0.1 + badges_in
    fig = plt.figure(
        figsize=(style.TEXT_WIDTH_IN, top_in + lane_h + KEY_LINE_IN * sum(row_lines) + KEY_ROW_GAP_IN * listed + 0.5)
    )
    style.apply()
    h = fig.get_figheight()
    ax = fig.add_axes([ax_left, 1 - (top_in + lane_h) / h, ax_width, lane_h / h])
    for lane, kind in enumerate(reversed(kinds)):
        colour, marker = style.EVENT_STYLE[kind]
        sub = shown[shown["kind"] == kind]
        for _, row in sub[sub["end"].notna()].iterrows():
            ax.plot(
                [x(row["start"]), x(row["end"])], [lane, lane], color=colour, lw=3, alpha=0.45, solid_capstyle="butt"
            )
        ax.scatter(
            [x(s) for s in sub["start"]],
            [lane] * len(sub),
            s=18,
            marker=marker,
            color=colour,
            edgecolor="black",
            linewidth=0.3,
            zorder=3,
        )
        strong = sub[sub["id"].isin(weighed)]
        if len(strong):
            # an attack is a large star: in greyscale a black cross was lost among the grey ones (review 60)
            attack = kind == "incident"
            ax.scatter(
                [x(s) for s in strong["start"]],
                [lane] * len(strong),
                s=110 if attack else 30,
                marker="*" if attack else marker,
                color="black",
                edgecolor="white",
                linewidth=0.4,
                zorder=3.5,
            )
        ax.axhline(lane, color="#dddddd", lw=0.5, zorder=0)
    ax.set_yticks(range(len(kinds)), [f"{k} ({(shown['kind'] == k).sum()})" for k in reversed(kinds)])
    ax.set_ylim(-1.0, len(kinds) - 0.4)
    ticks = [1950, 1960, 1970, 1980, 1990, 2000, 2005, 2010, 2015, 2020, 2025]
    ax.set_xticks([t1_x(t) for t in ticks], [str(t) for t in ticks])
    ax.set_xlim(*xlim)
    ax.axvline(0, color="#999999", lw=0.6, ls="--", zorder=0)
    note = ax.text(0.3, -0.62, "scale widens from 2000", fontsize=style.BASE_PT - 2.5, color="#555555", va="center")
    ax.tick_params(axis="y", length=0)
    badges = []
    for i, row in key.iterrows():
        at = {
            "xy": (x(row["start"]), 1.0),
            "xycoords": ax.get_xaxis_transform(),  # x: the event's date; y: the top of the lanes
            "xytext": (0, 3 + diameter / 2 + rows[i] * (diameter + BADGE_GAP_PT)),
            "textcoords": "offset points",
            "annotation_clip": False,
        }
        # The leader line is drawn on its own, under every badge, so it never crosses a number.
        ax.annotate("", **at, arrowprops={"arrowstyle": "-", "color": "#999999", "lw": 0.4, "shrinkA": 0, "shrinkB": 0})
        badges.append(ax.annotate(str(i + 1), **at, zorder=4, **BADGE))
    legend_top = ax.get_position().y0 - 0.32 / fig.get_figheight()
    row_top = [sum(row_lines[:r]) * KEY_LINE_IN + r * KEY_ROW_GAP_IN for r in range(listed)]
    key_texts = []
    for i, lines in enumerate(entries):
        col, r = divmod(i, listed)
        key_text = fig.text(
            0.02 + 0.5 * col,
            legend_top - row_top[r] / fig.get_figheight(),
            "\n".join(lines),
            fontsize=style.BASE_PT - 2,
            va="top",
            linespacing=1.15,
        )
        key_texts.append(key_text)
    n_attacks = int((shown["id"].isin(weighed) & (shown["kind"] == "incident")).sum())
    n_plots = int((shown["id"].isin(weighed) & (shown["kind"] == "arrests")).sum())
    note_text = (
        f"{len(shown)} events; bars show spans; numbers mark the key events listed; "
        f"black: the {n_attacks} terrorist attacks (stars) and {n_plots} foiled plots."
    )
    if len(early):
        n = len(early)
        note_text += (
            f" {n} earlier record{'s' * (n != 1)} ({', '.join(str(y) for y in early['start'].dt.year)}) not drawn."
        )
    style.as_of_line(fig, as_of, note_text)
    top = shown["kind"].value_counts()
    alt = (
        f"Swimlane timeline of {len(shown)} events in {len(kinds)} kinds from {T1_START} to {as_of.year}, "
        f"with the years from {T1_BREAK} drawn wider. Most common kinds: "
        + ", ".join(f"{k} ({n})" for k, n in top.head(3).items())
        + f". Busiest decade: {_busiest_decade(shown)}. Drawn black: {n_attacks} terrorist attacks "
        f"(incident lane) and {n_plots} foiled plots (arrests lane). Numbered key events: "
        + "; ".join(f"{i + 1} {r.title} ({r.start.year})" for i, r in enumerate(key.itertuples()))
        + "."
    )
    return fig, [*badges, note, *key_texts], alt


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
        start_row = sub.iloc[0]
        for tag in IN_FORCE_TAGS:  # the in-force date if known, else assent, else passage
            hits = sub[sub["tags"].map(lambda t, tag=tag: tag in t)]
            if len(hits):
                start_row = hits.iloc[0]
                break
        in_force = sub[sub["tags"].map(lambda t: "in-force" in t)]
        repealed = sub[sub["tags"].map(lambda t: "repealed" in t)]
        end = pd.NaT
        if len(in_force) and pd.notna(in_force.iloc[0]["end"]):
            end = in_force.iloc[0]["end"]
        elif len(repealed):
            end = repealed.iloc[0]["start"]
        amend = sub[sub["tags"].map(lambda t: "amended" in t)]
        provisions = [p for p, a in RENEWED_PROVISIONS.items() if a == act]
        votes = events[
            (events["kind"] == "law")
            & events["tags"].map(lambda t, ps=tuple(provisions): "renewal" in t and any(p in t for p in ps))
        ]
        rows.append(
            {
                "act": act,
                "label": ACT_LABELS.get(act, act.removeprefix("act-").replace("-", " ").upper()),
                "start": start_row["start"],
                "end": end,
                "in_force": pd.isna(end),
                "drawn_to": as_of if pd.isna(end) else end,
                "amendments": list(amend["start"]),
                # renewal votes: (date, the date as the record gives it, whether the vote was lost)
                "votes": [(v.start, str(v.date), "vote-defeated" in v.tags) for v in votes.itertuples()],
                "milestones": len(sub),
            }
        )
    return pd.DataFrame(rows).sort_values(["start", "act"]).reset_index(drop=True)


@style.styled
def legal_framework(ev) -> Figure:
    """T2: acts as spans in force, amendments as diamonds, repeal as a bar end."""
    spans, as_of = law_spans(ev), ev.as_of
    fig, ax = style.figure(0.6 + 0.32 * len(spans))
    for i, row in enumerate(spans.itertuples()):
        y = len(spans) - 1 - i
        colour = style.C["blue"] if row.in_force else style.C["grey"]
        ax.barh(
            y,
            _year(row.drawn_to) - _year(row.start),
            left=_year(row.start),
            height=0.55,
            color=colour,
            alpha=0.85,
            edgecolor="black",
            linewidth=0.4,
            hatch="" if row.in_force else "///",
        )
        for a in row.amendments:
            ax.plot(
                _year(a),
                y,
                marker="D",
                color=style.C["orange"],
                markeredgecolor="black",
                markersize=5,
                markeredgewidth=0.4,
                zorder=3,
            )
        for when, _, lost in row.votes:
            ax.plot(  # above the bar if won, below if lost: votes months apart stay apart
                _year(when),
                y - 0.36 if lost else y + 0.36,
                marker="v" if lost else "^",
                color="white" if lost else style.C["green"],
                markeredgecolor="black",
                markersize=6,
                markeredgewidth=0.6,
                zorder=4,
            )
        ax.text(
            _year(row.drawn_to) + 0.6,
            y,
            f"since {row.start.year}" if row.in_force else f"{row.start.year}–{row.end.year}",
            va="center",
            fontsize=style.BASE_PT - 1.5,
        )
    ax.set_yticks(range(len(spans)), list(reversed(spans["label"])))
    ax.set_xlim(_year(spans["start"].min()) - 2, dates.fractional_year(as_of) + 9)
    ax.tick_params(axis="y", length=0)
    handles = [
        plt.Rectangle((0, 0), 1, 1, color=style.C["blue"], label="in force at as-of date"),
        plt.Rectangle((0, 0), 1, 1, facecolor=style.C["grey"], hatch="///", label="repealed / ended"),
        plt.Line2D([], [], marker="D", ls="", color=style.C["orange"], markeredgecolor="black", label="amendment"),
    ]
    if any(len(v) for v in spans["votes"]):
        handles += [
            plt.Line2D(
                [], [], marker="^", ls="", color=style.C["green"], markeredgecolor="black", label="renewal vote won"
            ),
            plt.Line2D([], [], marker="v", ls="", color="white", markeredgecolor="black", label="renewal vote lost"),
        ]
    ax.legend(handles=handles, loc="lower left", frameon=False, ncol=3, bbox_to_anchor=(0, 1.0))
    style.as_of_line(fig, as_of)
    live = spans[spans["in_force"]]
    dead = spans[~spans["in_force"]]
    alt = (
        f"Spans in force of {len(spans)} laws from {spans['start'].min().year} to {as_of.year}. "
        f"In force at the as-of date: {', '.join(live['label'])}. "
        + (
            f"Ended: {', '.join(f'{r.label} ({r.start.year}–{r.end.year})' for r in dead.itertuples())}. "
            if len(dead)
            else ""
        )
        + f"{sum(len(a) for a in spans['amendments'])} amendments are marked"
        + "".join(
            f"; {r.label}'s renewal votes: "
            + ", ".join(f"{'lost' if lost else 'won'} {dates.display(text)}" for _, text, lost in r.votes)
            for r in spans.itertuples()
            if r.votes
        )
        + "."
    )
    return finish(fig, alt)


def partnership_counts(ev) -> pd.DataFrame:
    """Malaysia's partnerships (analysis/partners.py) in force at the end of each year, by relation
    kind; only those with a sourced start can be placed in time (attrs['undated'] counts the rest)."""
    now = partners.partnerships(ev)
    dated = now[now["start_ts"].notna()]
    years = range(int(dated["start_ts"].dt.year.min()), ev.as_of.year + 1)
    rows = []
    for y in years:
        live = partners.partnerships(ev, on=min(pd.Timestamp(dt.date(y, 12, 31)), pd.Timestamp(ev.as_of)))
        live = live[live["start_ts"].notna()]
        rows.append({"year": y, **{k: int((live["kind"] == k).sum()) for k in PARTNERSHIP_KINDS}})
    out = pd.DataFrame(rows).set_index("year")
    out.attrs["undated"] = len(now) - len(dated)
    return out


@style.styled
def partnership_growth(ev) -> Figure:
    """T3: stacked areas of Malaysia's partnerships in force, by kind."""
    counts = partnership_counts(ev)
    kinds = [k for k in PARTNERSHIP_KINDS if counts[k].sum()]
    fig, ax = style.figure(2.6)

    polys = ax.stackplot(
        counts.index,
        [counts[k] for k in kinds],
        labels=kinds,
        colors=[style.RELATION_STYLE[k][0] for k in kinds],
        alpha=0.85,
        edgecolor="black",
        linewidth=0.3,
    )
    for p, k in zip(polys, kinds, strict=True):
        p.set_hatch(PARTNERSHIP_HATCHES[PARTNERSHIP_KINDS.index(k)])
    ax.set_ylabel("partnerships in force")
    ax.legend(loc="upper left", frameon=False, ncol=2)
    ax.set_xlim(counts.index.min(), counts.index.max())
    undated = counts.attrs["undated"]
    style.as_of_line(
        fig, ev.as_of, f"{undated} undated {'relation' if undated == 1 else 'relations'} not drawn." if undated else ""
    )
    total = counts.sum(axis=1)
    alt = (
        f"Stacked area chart of Malaysia's counter-terrorism partnerships in force from {counts.index.min()} "
        f"to {counts.index.max()}, rising from {total.iloc[0]} to {total.iloc[-1]}. Largest kind at the end: "
        f"{counts.iloc[-1][kinds].idxmax()} ({counts.iloc[-1][kinds].max()})."
    )
    return finish(fig, alt)


GRADE_ORDER = "ABCDEF"
DISAGREEMENT = 0.25  # a value further than this (relative) from the line's value is a disagreement


def preferred_values(ev) -> pd.DataFrame:
    """Every indicator value, one row each, with its part in the figure. For each series and year the
    value from the best-graded source is the line's ('shown'). Every other value is kept: 'role' says
    whether it agrees with the line's value (within 25 %) or disagrees (more than 25 % away), so the
    figure can draw it as a disagreement marker. Between equally graded sources the latest statement
    is the line's: a running total (a cumulative series) only grows, so its highest count, and a lower
    one is an earlier count ('earlier'), not a disagreement; any other series, the value with the
    latest `stated` date (a count of people present is updated, not contradicted, by a later count,
    review 63); then the lower key, so the choice is stable."""
    ind = ev.indicators.merge(ev.references[["key", "reliability", "publisher"]], left_on="source", right_on="key")
    cumulative = set(ev.series.loc[ev.series["cumulative"], "id"])
    ind = ind.assign(
        grade=ind["reliability"].map(GRADE_ORDER.index),
        rank=[-v if i in cumulative else 0 for i, v in zip(ind["indicator"], ind["value"])],
        when=ind["stated"].fillna("").astype(str),
    )
    ind = ind.sort_values(
        ["indicator", "year", "grade", "rank", "when", "source"],
        ascending=[True, True, True, True, False, True],
        kind="stable",
    )
    ind["shown"] = ~ind.duplicated(["indicator", "year"], keep="first")
    best = ind[ind["shown"]].set_index(["indicator", "year"])["value"]
    ref = [best[(i, y)] for i, y in zip(ind["indicator"], ind["year"])]
    ind["role"] = [
        "line" if shown else "earlier" if i in cumulative and v < b else ("disagrees" if _disagrees(v, b) else "agrees")
        for shown, i, v, b in zip(ind["shown"], ind["indicator"], ind["value"], ref)
    ]
    return ind.drop(columns=["key", "grade", "rank", "when"]).reset_index(drop=True)


def _disagrees(value: float, best: float) -> bool:
    if best == 0:
        return value != 0
    return abs(value - best) / abs(best) > DISAGREEMENT


def line_segments(points: pd.DataFrame, out_of: pd.Series | None = None) -> list[list[tuple[int, float]]]:
    """The plotted line of one series: the line's values (role 'line') as runs of consecutive years.
    A missing year ends a run, so the line is never drawn across a gap; other sources' values are
    never part of it. For a rank, `out_of` gives each year's number ranked (series.yaml: out_of): a run
    also ends where that number changes or is not reported, since 60th of 106 and 70th of 138 are not
    on one scale (review 57)."""
    line = points[points["role"] == "line"].sort_values("year")

    def same_scale(year: int) -> bool:
        return out_of is None or ({year - 1, year} <= set(out_of.index) and out_of[year - 1] == out_of[year])

    runs: list[list[tuple[int, float]]] = []
    for year, value in zip(line["year"], line["value"]):
        if runs and year == runs[-1][-1][0] + 1 and same_scale(year):
            runs[-1].append((int(year), float(value)))
        else:
            runs.append([(int(year), float(value))])
    return runs


def _series_info(ev) -> dict:
    return {r.id: r for r in ev.series.itertuples()}


@style.styled
def series(ev) -> Figure:
    """T4: the longer numeric series as small multiples. The line joins the best-graded source's values
    in consecutive years only (a gap breaks it); a value from another source that differs from the
    line's value by more than 25 % is a hollow diamond, never part of the line."""
    vals = preferred_values(ev)
    info = _series_info(ev)
    years = vals.groupby("indicator")["year"].nunique()
    drawn = [n for n in years.index if info[n].drawn]
    names = sorted((n for n in drawn if years[n] >= MIN_SERIES_YEARS), key=lambda n: info[n].title)
    others = sorted(info[n].title for n in set(drawn) - set(names))
    ncol = 2
    nrow = (len(names) + 1) // ncol
    fig, axes = plt.subplots(nrow, ncol, figsize=(style.TEXT_WIDTH_IN, 1.7 * nrow), squeeze=False)
    style.apply()
    for ax, name in zip(axes.flat, names):
        sub = vals[vals["indicator"] == name]
        for run in line_segments(sub, _totals(vals, info[name].out_of)):
            xs, ys = zip(*run)
            ax.plot(xs, ys, marker="o", markersize=3.5, lw=1.2, color=style.C["blue"])
        differs = sub[sub["role"] == "disagrees"]
        ax.scatter(
            differs["year"],
            differs["value"],
            s=26,
            marker="D",
            facecolor="none",
            edgecolor=style.C["vermillion"],
            linewidth=0.9,
            zorder=3,
        )
        s = info[name]
        ax.set_title(s.title, loc="left", fontsize=style.BASE_PT - 0.5)
        ax.set_ylabel(s.unit, fontsize=style.BASE_PT - 1.5)
        if not s.unit.startswith("score"):
            ax.yaxis.set_major_locator(MaxNLocator(nbins=5, integer=True))
        if s.unit.startswith("rank"):
            ax.invert_yaxis()
        else:  # counts and scores from zero, so a change is drawn at its size (review 44)
            ax.set_ylim(bottom=0)
        ax.xaxis.get_major_locator().set_params(integer=True)
        ax.tick_params(labelsize=style.BASE_PT - 1.5)
    for ax in list(axes.flat)[len(names) :]:
        ax.set_axis_off()
    handles = [
        plt.Line2D(
            [],
            [],
            color=style.C["blue"],
            marker="o",
            markersize=3.5,
            # review 95: a rank's line also breaks where the number ranked changes (line_segments)
            label="best-graded source (a break: no value, or ranked out of another number)",
        ),
        plt.Line2D(
            [],
            [],
            ls="",
            marker="D",
            markerfacecolor="none",
            markeredgecolor=style.C["vermillion"],
            label=f"another source differs by more than {DISAGREEMENT:.0%}".replace("%", " %"),
        ),
    ]
    fig.legend(handles=handles, loc="upper center", ncol=2, frameon=False, bbox_to_anchor=(0.5, 1.03))
    fig.tight_layout()
    n_diff = int((vals["role"] == "disagrees").sum())
    extra = (
        f" Series with fewer than {MIN_SERIES_YEARS} years are in the table only: {'; '.join(others)}."
        if others
        else ""
    )
    totals = "".join(_out_of_sentence(vals, info, n) for n in names if info[n].out_of)
    style.as_of_line(
        fig, ev.as_of, f"Every value and its source are in the table that goes with this figure.{totals}{extra}"
    )
    alt = (
        "Small-multiple line charts of "
        + "; ".join(
            f"{info[n].title} ({info[n].unit}): {years[n]} years from {vals[vals.indicator == n].year.min()} "
            f"to {vals[vals.indicator == n].year.max()}"
            for n in names
        )
        + f". Lines break at years without a value. {n_diff} values from other sources differ from the line "
        "by more than 25 % and are drawn as hollow diamonds."
    )
    return finish(fig, alt)


def _totals(vals: pd.DataFrame, total: str | None) -> pd.Series | None:
    """Each year's value of a rank's `out_of` series (the number ranked), or None for other series."""
    if not isinstance(total, str) or not total:  # no out_of: pandas gives NaN, not None
        return None
    return vals[(vals["indicator"] == total) & (vals["role"] == "line")].set_index("year")["value"]


def _out_of_sentence(vals: pd.DataFrame, info: dict, name: str) -> str:
    """' Global Terrorism Index rank, out of: 162 countries (2013, 2014), 106 (2016); none reported for 2011;
    joined only where the total is the same.' A rank means little without the number of countries it is
    among, and that number changes by edition."""
    total = info[name].out_of
    line = vals[(vals["indicator"] == name) & (vals["role"] == "line")]
    of = _totals(vals, total)
    if of is None:
        return ""
    groups: dict[float, list[str]] = {}
    for year in sorted(line["year"]):
        if year in of.index:
            groups.setdefault(of[year], []).append(str(year))
    if not groups:
        return ""
    unit = info[total].unit
    parts = [f"{v:g}{' ' + unit if i == 0 else ''} ({', '.join(ys)})" for i, (v, ys) in enumerate(groups.items())]
    missing = [str(y) for y in sorted(line["year"]) if y not in of.index]
    none = f"; none reported for {', '.join(missing)}" if missing else ""
    return f" {info[name].title}, out of: {', '.join(parts)}{none}; joined only where the total is the same."


ROLE_LABELS = {
    "line": "yes",
    "agrees": "no (within 25 %)",
    "disagrees": "no (differs by more than 25 %)",
    "earlier": "no (an earlier count of a running total that year)",
}


def series_table(ev) -> pd.DataFrame:
    """Every indicator value with its source and whether the figure's line uses it."""
    v = preferred_values(ev)
    titles = {r.id: r.title for r in ev.series.itertuples()}
    return pd.DataFrame(
        {
            "series": v["indicator"].map(titles),
            "year": v["year"],
            "value": v["value"].map(lambda x: f"{x:g}"),
            "unit": v["unit"],
            "source": v["publisher"] + " (" + v["reliability"] + ")",
            "in line": v["role"].map(ROLE_LABELS),
            "note": v["note"],
        }
    )
