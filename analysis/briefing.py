"""The executive summary and the two-page brief: what changed in the last year before the cut-off, the
five key numbers, and the one figure the brief carries. Every number is computed from the records."""

from __future__ import annotations

import datetime as dt

import pandas as pd

from . import dates, style
from .editions import since_latest
from .figures import Figure, finish
from .judgments import attack_windows, base_rate, horizon_of, judged, probability_text, status
from .words import listed, lower_first, per_cent

WINDOW_DAYS = 365


def shown_values(ev, name: str) -> pd.DataFrame:
    from .timeline import preferred_values

    v = preferred_values(ev)
    return v[(v["indicator"] == name) & v["shown"]].sort_values("year")


def window_start(ev) -> dt.date:
    return ev.as_of - dt.timedelta(days=WINDOW_DAYS)


def last_year(ev) -> pd.DataFrame:
    """Events that started in the twelve months up to the cut-off."""
    e = ev.events
    return e[(e["start"] > pd.Timestamp(window_start(ev))) & (e["start"] <= pd.Timestamp(ev.as_of))]


def last_year_table(ev) -> pd.DataFrame:
    e = last_year(ev)
    return pd.DataFrame({"date": [dates.display(d) for d in e["date"]], "kind": e["kind"], "what": e["title"]})


def last_year_counts(ev) -> dict[str, str]:
    from .yearreview import bearing as bearing_on  # the events the summary's readings stand on

    e = last_year(ev)
    bearing = {i for b in bearing_on(ev).values() for i in b.ids()}
    k = e["kind"].value_counts()
    threat = e[e["kind"].isin(["incident", "arrests", "operation"])]
    return {
        "ly_from": f"{window_start(ev) + dt.timedelta(days=1):%d %B %Y}".lstrip("0"),
        "ly_n": str(len(e)),
        "ly_bearing": str(int(e["id"].isin(bearing).sum())),
        "ly_meetings": str(int(k.get("meeting", 0))),
        "ly_laws": str(int(k.get("law", 0) + k.get("policy", 0))),
        "ly_threat": str(len(threat)),
        "ly_incidents": str(int(k.get("incident", 0))),
        "ly_arrests": str(int(k.get("arrests", 0))),
    }


def police_arrests(ev) -> pd.DataFrame:
    """Terrorism arrests a year as the series 'terror-arrests' defines them: the police's figure or the
    State Department quoting the police, from the best-graded source for each year. Counts by others
    (RSIS: 'terror-arrests-rsis') are other series, so a year with none of these has no figure."""
    return shown_values(ev, "terror-arrests")


def non_police_arrests(ev) -> pd.DataFrame:
    """Arrest counts that are not police figures (RSIS's assessment), for the years they cover."""
    return shown_values(ev, "terror-arrests-rsis")


def recorded_arrests(ev, since_year: int, after_attack: bool = False) -> pd.DataFrame:
    """The arrest operations the event record holds from the start of `since_year` to the cut-off (events
    of kind arrests). A count of records, not a police yearly figure. Detentions made in the wake of an
    attack (tagged after-attack) are not evidence of new plotting: they are counted apart, and returned
    instead of the others when `after_attack` is true. A yearly tally (tagged statistics) is not an
    operation."""
    e = ev.events
    follow_up = e["tags"].map(lambda t: "after-attack" in t)
    return e[
        (e["kind"] == "arrests")
        & ~e["tags"].map(lambda t: "statistics" in t)
        & (e["start"] >= pd.Timestamp(dt.date(since_year, 1, 1)))
        & (e["start"] <= pd.Timestamp(ev.as_of))
        & (follow_up if after_attack else ~follow_up)
    ]


def arrest_record_counts(ev) -> dict[str, str]:
    """How many arrest records are operations and how many are yearly totals (tagged statistics)."""
    arrests = ev.events[ev.events["kind"] == "arrests"]
    tallies = arrests["tags"].map(lambda t: "statistics" in t)
    return {"n_arrest_ops": str(int((~tallies).sum())), "n_arrest_tallies": str(int(tallies.sum()))}


def arrest_path(ev, first_year: int, last_year: int) -> str:
    """The police yearly figures from `first_year` to `last_year` in words, a year without one named as
    such: '119 in 2016, 105 in 2017, no reliable figure for 2018, 72 in 2019'."""
    by_year = police_arrests(ev).set_index("year")["value"]
    parts = [
        f"{by_year[y]:g} in {y}" if y in by_year.index else f"no reliable figure for {y}"
        for y in range(first_year, last_year + 1)
    ]
    return listed(parts)


PANDEMIC_SOURCE = "benarnews-arrests-drop-2021"  # the police's account of the 2020 drop in arrests


def attack_judgment(ev) -> dict[str, str]:
    """Key judgment 2 as the bottom lines of the summary and the brief put it: its likelihood term, its
    confidence, and the range of the base rate as its window's start year varies (judgments.attack_windows)."""
    kj = "kj-attack-before-2029"
    horizon = horizon_of(ev, kj)
    windows = attack_windows(ev, horizon)
    # The risk in the call is upward (review 65): the bottom lines give the chance with one more case in the
    # window, whichever it is (review 72). Half an event is an allowance for a count of none, not a case, and
    # naming one case "the borderline one" was contestable (reviews 71, 72); the chapter weighs each.
    b = base_rate(ev, "attacks-vs-foiled-plots")
    n, years = b.count
    return {
        "a_p_one_more": probability_text(b.probability(ev.as_of, horizon, (n + 1) / years)),
        "a_judged": judged(ev, kj),
        "a_confidence": ev.judgments.set_index("id").loc[kj, "confidence"],
        "a_p_window_low": windows["a_p_window_low"],
        "a_p_window_high": windows["a_p_window_high"],
        # the whole window run on to the cut-off, as the range is (review 53: the point stopped in 2024)
        "a_p_to_cutoff": windows["a_p_to_cutoff"],
    }


def arrest_facts(ev) -> dict[str, str]:
    """Terrorism arrests: the peak year and the latest year with a police figure; the first year after it
    with none; and the arrest operations the event record holds from that year to the cut-off."""
    arrests = police_arrests(ev)
    peak = arrests.loc[arrests["value"].idxmax()]
    latest = arrests.iloc[-1]
    after = int(latest["year"]) + 1
    rec = recorded_arrests(ev, after + 1)
    follow = recorded_arrests(ev, after + 1, after_attack=True)
    follow_up = len(follow)
    latest_op = rec.sort_values("start").iloc[-1] if len(rec) else None
    return {
        # the newest arrest operation on record, so a briefer can say arrests go on (review 70)
        "arrests_latest_op": f"{lower_first(latest_op['title'])} ({dates.display(latest_op['date'])})"
        if latest_op is not None
        else "none on record",
        "arrests_rec_people": people_held(rec),
        "arrests_peak": f"{peak['value']:g}",
        "arrests_peak_year": str(int(peak["year"])),
        "arrests_latest": f"{latest['value']:g}",
        "arrests_latest_year": str(int(latest["year"])),
        "arrests_no_figure_year": str(after),
        "arrests_rec_n": str(len(rec)),
        "arrests_rec_plus": f", besides {follow_up} round{'s' if follow_up > 1 else ''} of detentions after an attack "
        f"({_count(people_held(follow), 'person')})"
        if follow_up
        else "",
        "arrests_rec_from": str(after + 1),
        "arrests_rec_to": str(ev.as_of.year),
        # the year whose drop the counter-terrorism chief explained (the pandemic, not a smaller threat)
        "arrests_pandemic_year": str(int(arrests[arrests["source"] == PANDEMIC_SOURCE]["year"].max())),
        **_arrest_disputes(ev),
    }


def _arrest_disputes(ev) -> dict[str, str]:
    """The years for which another source gives another police count, and those the series figure marks
    (more than 25 % off the line): 'sources disagree' must say which."""
    from .timeline import preferred_values

    v = preferred_values(ev)
    other = v[(v["indicator"] == "terror-arrests") & (v["role"] != "line")]
    years = lambda rows: listed([str(y) for y in sorted(set(rows["year"]))]) or "none"
    off = other[other["role"] == "disagrees"]
    return {
        "arrests_other_years": years(other),
        "arrests_off_years": years(off),
        # the clause after the years: the figure marks those off, or none is that far off
        "arrests_off_clause": f"and the figure marks those more than a quarter off: {years(off)}"
        if len(off)
        else "none more than a quarter off the line",
    }


def people_held(ops: pd.DataFrame) -> str:
    """The people the arrest operations held (their `persons`): a count of people in the operations we
    hold, not a police yearly total; 'at least' when an operation's sources give no number."""
    n = int(ops["persons"].fillna(0).sum())
    return f"at least {n}" if ops["persons"].isna().any() else str(n)


def people_by_year(ev) -> pd.Series:
    """People held a year in the arrest operations our records hold (their `persons`; operations with
    no count add nothing, and detentions after an attack are left out as in `recorded_arrests`): a
    floor, defined alike every year, unlike the police's yearly totals, but only as full in a year as the press
    we found (review 44: one search added 30 people to 2016)."""
    rec = recorded_arrests(ev, 1900)
    return rec.groupby(rec["start"].dt.year)["persons"].sum().astype(int)


def records_against_police(ev) -> dict[str, str]:
    """Like with like: the people our records hold in the police's peak year, in the busiest year of
    our records, and in the busiest year since the last police figure; and the share of the police's
    yearly total our records caught where both exist."""
    ours = people_by_year(ev)
    police = police_arrests(ev).set_index("year")["value"]
    peak_year = int(police.idxmax())
    window = ours[ours.index <= int(police.index.max())]
    # every year since the police's last figure, a year with no operation on record at zero (review 39)
    since = ours.reindex(range(int(police.index.max()) + 1, ev.as_of.year + 1), fill_value=0)
    # Shares from years with at least ten police arrests, so that one case does not swing them.
    both = [y for y in police.index if y in ours.index and police[y] >= 10 and ours[y] > 0]
    shares = [100 * ours[y] / police[y] for y in both]
    recent, at_peak = (int(since.max()) if len(since) else 0), int(ours.get(peak_year, 0))
    side = "above" if recent > at_peak else "below" if recent < at_peak else "back at"
    # How the busiest recent year is made up: one large operation reads differently from many small ones.
    rec = recorded_arrests(ev, 1900)
    ops = rec[rec["start"].dt.year == int(since.idxmax())] if len(since) else rec.iloc[:0]
    made_up = "all in one operation" if len(ops) == 1 else ""
    if len(ops) > 1:
        made_up = f"in {len(ops)} operations, the largest holding {int(ops['persons'].max())}"
    counted = ops.dropna(subset=["persons"])
    largest = counted.loc[counted["persons"].idxmax(), "id"] if len(counted) else ""
    return {
        "rec_recent_ops": made_up,
        "rec_recent_n_ops": str(len(ops)),
        "rec_recent_who": RECENT_OPERATION.get(largest, "") or _undescribed(largest),
        "rec_since_years": listed(
            [f"{int(n)} in {y}{f' to {ev.as_of:%B}' if y == ev.as_of.year else ''}" for y, n in since.items()]
        ),
        "rec_vs_peak": side,
        "rec_implied": f"{round(100 * recent / max(shares))}" if shares and recent else "",
        "rec_peak_year": str(peak_year),
        "rec_at_peak": str(at_peak),
        "rec_max_year": str(int(window.idxmax())),
        "rec_max": str(int(window.max())),
        "rec_recent_year": str(int(since.idxmax())) if len(since) else "",
        "rec_recent": str(recent) if len(since) else "",
        "rec_share_low": per_cent(round(min(shares))),
        "rec_share_high": per_cent(round(max(shares))),
    }


# Who the largest arrest operation of the busiest year since the last police figure held, in words the
# brief and summary print beside its count (review 30: 36 foreign workers accused of funding IS abroad
# read, without this, as a return to the 2016 peak). A record not described here stops the build.
RECENT_OPERATION = {
    "bangladeshi-is-network-arrests-2025": "foreign workers accused of funding and recruiting for IS abroad",
}


def _undescribed(event_id: str) -> str:
    if not event_id:
        return ""
    raise ValueError(
        f"the busiest year's largest arrest operation is now '{event_id}': say who it held in "
        "analysis.briefing.RECENT_OPERATION (the brief prints it beside the count)"
    )


def _count(n: str, thing: str) -> str:
    plural = "people" if thing == "person" else f"{thing}s"
    return f"{n} {thing if n == '1' else plural}"


def _contested(st: pd.DataFrame) -> int:
    """How many indicators not observed the records contesting them would set off, counted with the
    rest (analysis.judgments.contested): a contested record below the rule's pace is no half-lit sign."""
    return int((~st["observed"] & st["contested_sets_off"]).sum())


def _contested_whose(ev, st: pd.DataFrame) -> str:
    """'KJ 2': the judgments whose signs contested records would set off (review 93: '1 more' named no sign)."""
    number = ev.judgment_numbers()
    whose = sorted({number[j] for j in st[~st["observed"] & st["contested_sets_off"]]["judgment"]})
    return "KJ " + listed([str(n) for n in whose])


def key_numbers(ev) -> list[tuple[str, str]]:
    """Five numbers a briefer needs, each (value, what it counts), all from the data."""
    a = base_rate(ev, "attacks-vs-foiled-plots").values
    k = base_rate(ev, "sabah-kidnappings").values
    f = arrest_facts(ev)
    r = records_against_police(ev)
    syria = shown_values(ev, "my-nationals-in-syria-iraq").iloc[-1]
    at_large = shown_values(ev, "my-nationals-in-syria-at-large").iloc[-1]
    st = status(ev)
    signs = st[~st["outcome"]]
    # The foiled-plot total is the police's own, unaudited: the brief says whose and when it was given.
    tally = dates.display(ev.events.set_index("id").loc["e8-foiled-plots-tally", "date"])
    changed = dates.first_day(ev.events.set_index("id").loc["syria-army-takes-al-hol-camp-2026", "date"])
    return [
        (
            f"{_count(a['attacks'], 'attack')} against {_count(a['foiled'], 'foiled plot')}",
            f"terrorist attacks carried out in {a['first_year']}–{a['last_year']}, against the plots the police "
            f"say they foiled in those years (the police's own, disputed count, given {tally})",
        ),
        # A year against a year: the busiest year of our records since the last police figure against the
        # police's peak year, counted the same way (review 28: a total over years read as one year's).
        # Review 30: not set against 2016, since one sweep of foreign workers funding IS abroad says
        # nothing of the level of the threat; the years since the police stopped counting, and who.
        (
            f"{r['rec_recent']} people",
            f"held in {r['rec_recent_year']} in our arrest records, "
            + (
                f"one sweep of {r['rec_recent_who']}"
                if r["rec_recent_n_ops"] == "1"
                else f"{r['rec_recent_ops']}, the largest of {r['rec_recent_who']}"
            )
            + f" (the police's last figure is for {f['arrests_latest_year']}; ours since, a floor: {r['rec_since_years']}; "
            + "detentions after an attack left out)",
        ),
        (
            f"{syria['value']:g}",
            f"Malaysians in Syria at the last police count ({int(syria['year'])}; mostly women and children; "
            f"{at_large['value']:g} then at large); no source places them since the al-Hol camp changed hands in "
            f"{changed:%B %Y}",
        ),
        (
            f"{k['quiet_years']} years",
            f"without a kidnapping off eastern Sabah to the cut-off (last: {k['last']})",
        ),
        # Observed by the cut-off means already weighed: the likelihoods are set on the data to the cut-off,
        # so the number says how many signs are in, not that a judgment is moving.
        # "2 of 26 indicators", not a bare "2 of 26": the first key number is 2 attacks against 26 plots.
        # Warning signs only (reviews 65, 67): an outcome settles its judgment rather than moving it, and its
        # window opens after the cut-off, so no outcome can be seen in an edition's own data.
        (
            f"{int(signs['observed'].sum())} of {len(signs)} warning signs",
            "observed and weighed in the likelihoods"
            + _signs_seen(ev, signs)
            + (
                f"; {_contested(st)} more ({_contested_whose(ev, st)}) if contested records count"
                if _contested(st)
                else ""
            )
            + _signs_redrawn(ev),
        ),
    ]


def _signs_seen(ev, signs: pd.DataFrame) -> str:
    """Review 70: a minister asks which sign was seen. Each observed one, when there are at most two,
    as printed, with its latest record's date and the judgment it moves; more are counted only."""
    seen = signs[signs["observed"]]
    if not 0 < len(seen) <= 2:
        return ""
    number, title = ev.judgment_numbers(), ev.events.set_index("id")["title"]
    # what set it off, by the newest record's title: the rule's wording says what was watched, not what came
    return (
        " ("
        + "; ".join(
            f"{lower_first(title[r['records'][-1]])}, {r['last']}: {r['direction']} KJ {number[r['judgment']]}"
            for _, r in seen.iterrows()
        )
        + ")"
    )


def _signs_redrawn(ev) -> str:
    """Review 68: a count of signs set off under rules redrawn since the last edition does not compare
    with that edition's (a sign it had seen set off may be gone by a new rule, not by new evidence), so
    the key number says whose signs were redrawn."""
    changes = since_latest(ev)
    if changes is None:
        return ""
    redrawn = {c.id for c in changes.corrected if c.table == "judgments" and "indicators" in c.fields}
    if not redrawn:
        return ""
    whose = "" if len(redrawn) == len(ev.judgments) else f"{len(redrawn)} of {len(ev.judgments)} judgments' "
    # said whole, not as a bare parenthesis a briefer cannot read out (review 71)
    return f"; {whose}rules redrawn since edition {changes.since.edition}, so its count does not compare"


# Where the report argues each key number (a label): the brief and the summary name its page.
KEY_NUMBER_PLACES = (
    "{ref}`More <threat-base-rate>`",
    "{ref}`More <threat-own-arrests>`",
    "{ref}`More <argued-kj-syria-returnees>`",
    "{ref}`More <kidnapping-quiet-years>`",  # where the quiet years are counted, not the section's start
    "{ref}`More <summary-watch>`",  # the indicators with their status: the summary lists them all
)


def key_numbers_markdown(ev, places: bool = True) -> str:
    """The key numbers as a list; with `places`, each names the page that argues it (the brief is
    printed apart from the report; the summary, inside it, leaves them out for room)."""
    return "\n".join(
        f"- **{v}**: {what}." + (f" {where}." if places else "")
        for (v, what), where in zip(key_numbers(ev), KEY_NUMBER_PLACES, strict=True)
    )


def check_before_briefing_markdown(ev) -> str:
    """What a briefer should look up since the cut-off before using each judgment (its `check_next`),
    and how many offices have a holder no source confirms, as one paragraph: the brief is as old as
    its cut-off, and has room for no more."""
    from .whoswho import gaps

    items = [
        f"**KJ {n}**: {j.check_next}"
        for n, j in enumerate(ev.judgments.itertuples(), 1)
        if isinstance(j.check_next, str)
    ]
    missing = gaps(ev)
    if missing:
        items.append(f"**who's who**: {len(missing)} office{'s' * (len(missing) != 1)} with no confirmed holder")
    return "; ".join(items) + "."


def glue_key_numbers(ev) -> None:
    from .figures import glue_text

    out = {}
    for i, (v, what) in enumerate(key_numbers(ev), 1):
        out[f"kn{i}"], out[f"kn{i}_what"] = v, what
    glue_text(**out)


def _label_above(ax, text: str, xy, points: float, size: float, colour: str, **extra) -> None:
    """A small label centred `points` above a point of the chart."""
    ax.annotate(
        text,
        xy,
        xytext=(0, points),
        textcoords="offset points",
        ha="center",
        va="bottom",
        fontsize=size,
        color=colour,
        **extra,
    )


def threat_figure(ev) -> Figure:
    """The brief's figure: terrorism arrests a year with the attacks that got through, and kidnappings for
    ransom off eastern Sabah a year with the start of the trilateral patrols."""
    arrests = police_arrests(ev)
    attacks = base_rate(ev, "attacks-vs-foiled-plots")
    kid = base_rate(ev, "sabah-kidnappings")
    e = ev.events.set_index("id")
    first = int(arrests["year"].min())
    years = list(range(first, ev.as_of.year + 1))
    fig, (ax1, ax2) = style.figure(3.3, sharex=True, nrows=2, gridspec_kw={"height_ratios": [1.6, 1]})
    ax1.bar(
        arrests["year"],
        arrests["value"],
        color=style.C["sky"],
        edgecolor=style.C["blue"],
        width=0.7,
        label="terrorism arrests (best-graded source)",
    )
    top = arrests["value"].max()
    known = dict(zip(arrests["year"], arrests["value"]))
    # the two police figures the bottom line quotes, printed on their bars: the last one (2 in 2022) is
    # too short a bar to see (review 70)
    for y in (int(arrests.loc[arrests["value"].idxmax(), "year"]), int(arrests["year"].iloc[-1])):
        white = {"facecolor": "white", "edgecolor": "none", "pad": 0.3}  # over an attack's dashed line
        _label_above(ax1, f"{known[y]:g}", (y, known[y]), 2, style.BASE_PT - 2, "black", bbox=white, zorder=7)
    # Our records beside the police's: the people held in the arrest operations we hold, counted the
    # same way in every year (detentions after an attack left out, as key number 2 counts them), so
    # the years after the police stopped counting are drawn against the same measure in earlier years.
    # A year with no operation on record is drawn at zero, not left blank (review 38): blank reads as
    # "no data", and our records are a count in every year.
    ours = people_by_year(ev).reindex(years, fill_value=0)
    ax1.scatter(
        ours.index,
        ours.values,
        s=22,
        marker="o",
        facecolor="white",
        edgecolor="black",
        linewidth=1.0,
        zorder=6,
    )
    if ev.as_of.year in ours.index and (ev.as_of.month, ev.as_of.day) != (12, 31):  # a part-year: say so
        _label_above(ax1, f"to {ev.as_of:%b}", (ev.as_of.year, ours[ev.as_of.year]), 5, style.BASE_PT - 2.5, "#333333")
    rec = recorded_arrests(ev, first)
    uncounted = rec[rec["persons"].isna()]["start"].dt.year.value_counts()

    def no_figure(y: int) -> str:
        """'n/a', and the operations on record that year whose sources give no count of people."""
        n = int(uncounted.get(y, 0))
        return f"n/a:\n+{n} op{'s' if n > 1 else ''}" if n else "n/a"

    # the key explains '+N ops' only where a label shows one (review 36)
    ops_shown = any(uncounted.get(y, 0) for y in range(first, ev.as_of.year + 1) if y not in known)
    for y in range(first, ev.as_of.year + 1):  # say which years are zero and which have no figure
        if y not in known or known[y] == 0:
            ax1.annotate(  # under the year labels, where no bar or circle is
                "0" if y in known else no_figure(y),
                (y, 0),
                xycoords=("data", "axes fraction"),
                xytext=(0, -style.BASE_PT - 7),
                textcoords="offset points",
                ha="center",
                va="top",
                fontsize=style.BASE_PT - 2,
                color="#333333" if y in known else "#555555",  # dark enough for a greyscale print
                annotation_clip=False,
            )
    att = e.loc[[i for i in e.index if "terrorist-attack" in e.loc[i, "tags"] and e.loc[i, "kind"] == "incident"]]
    att = att[att["start"].dt.year >= first]
    for n, (_, r) in enumerate(att.iterrows()):
        x = r["start"].year + (r["start"].day_of_year - 1) / 366 - 0.5
        ax1.axvline(  # the "n/a" labels sit under the axis, so the line runs its full height
            x, color=style.C["vermillion"], lw=1.2, ls="--"
        )
        right = x > (first + ev.as_of.year) / 2
        ax1.text(
            x - 0.1 if right else x + 0.1,
            top * (1.36 - 0.16 * n),  # above the tallest bar, so no label covers one
            r["title"].split(",")[0],
            color=style.C["vermillion"],
            fontsize=style.BASE_PT - 1,
            va="top",
            ha="right" if right else "left",
            bbox={"facecolor": "white", "edgecolor": "none", "pad": 1.0, "alpha": 0.9},
        )
    ax1.set_ylim(0, top * 1.42)
    ax1.set_ylabel("people arrested")
    ax1.set_title(
        "Terrorism arrests a year: police (bars), our records (circles); attacks that got through (dashed)", loc="left"
    )
    recs = e.loc[list(kid.records)]
    recs = recs[recs["start"].dt.year >= first]
    counts = recs["start"].dt.year.value_counts().reindex(years, fill_value=0)
    ax2.bar(
        counts.index, counts.values, color=style.C["orange"], edgecolor=style.C["vermillion"], width=0.7, hatch="//"
    )
    patrol = e.loc["trilateral-maritime-patrol-launch-tarakan-2017", "start"]
    px = patrol.year + (patrol.day_of_year - 1) / 366 - 0.5
    for y in counts.index[counts.values == 0]:  # review 92: a year with none must not read as a year with no data
        beside = abs(px - y) < 0.2  # clear of the patrols' line where it crosses the year
        ax2.text(
            y + 0.12 * beside,
            0,
            "0",
            ha="left" if beside else "center",
            va="bottom",
            fontsize=style.BASE_PT - 2,
            color="#333333",
        )
    ax2.axvline(px, color=style.C["green"], lw=1.4)
    ax2.text(
        px + 0.1,
        max(counts.max(), 1) * 0.95,
        "trilateral Sulu Sea patrols begin",
        color=style.C["green"],
        fontsize=style.BASE_PT - 1,
        va="top",
    )
    ax2.set_ylabel("kidnappings")
    ax2.set_title("Kidnappings for ransom off eastern Sabah a year", loc="left")
    ax2.set_xticks(years)
    ax2.set_xticklabels([str(y) if (y - first) % 2 == 0 else "" for y in years])
    ax2.yaxis.get_major_locator().set_params(integer=True)
    ax1.tick_params(labelbottom=True)  # the years under the arrests too, so the reader need not look down
    fig.tight_layout()
    others = non_police_arrests(ev)
    others = others[~others["year"].isin(known)]
    counts = [
        f"{'none' if r.value == 0 else ('about ' if str(r.note).startswith('about') else '') + f'{r.value:g}'} "
        f"in {int(r.year)}"
        for r in others.itertuples()
    ]
    # a year RSIS counts none in and our records hold arrests: the circle is not an error (review 71)
    apart = [str(int(r.year)) for r in others.itertuples() if r.value == 0 and ours.get(int(r.year), 0) > 0]
    not_police = (
        f" Not police figures: RSIS, a Singapore research school, counts {listed(counts)} in its annual assessment"
        + (f"; our records hold arrests it does not count in {listed(apart)}." if apart else ".")
        if counts
        else ""
    )
    style.as_of_line(
        fig,
        ev.as_of,
        "Bars: the best-graded yearly arrest figure, the police's or the State Department quoting them "
        f"(n/a: none published, or none reliable{'; +N ops: operations on record with no count of people' if ops_shown else ''}). "
        "Circles: people held in "
        "the arrest operations our event records hold, detentions after an attack left out: a floor, as full "
        f"in each year as the reports we collected.{not_police} Attacks and kidnappings: event records.",
    )
    a = attacks.values
    missing = [f"{y}: {no_figure(y).replace(chr(10), ' ')}" for y in years if y not in known]
    alt = (
        f"Two bar charts sharing a time axis from {first} to {ev.as_of.year}. Top: terrorism arrests a year, peaking at "
        f"{top:g} in {int(arrests.loc[arrests['value'].idxmax(), 'year'])} and {arrests.iloc[-1]['value']:g} in "
        f"{int(arrests.iloc[-1]['year'])}, with dashed lines at the {a['attacks']} attacks carried out: "
        f"{'; '.join(att['title'])}. Circles mark the people held in the arrest operations our records hold, "
        f"by year ({', '.join(f'{y} {v}' for y, v in ours.items())}). Years with no such figure are marked "
        f"({', '.join(missing)}). Bottom: kidnappings for ransom off eastern Sabah a year: "
        f"{kid.values['before']} before the trilateral patrols began in {kid.values['patrols']}, {kid.values['after']} since."
    )
    return finish(fig, alt)


def syria_accounting(ev) -> dict[str, str]:
    """The police's last full account of the Malaysians who went to Syria: the latest statement that
    gives all four counts (gone, killed, still there, home) for one year, so that they can be set
    against one another; counts from different statements and dates do not add up."""
    parts = {
        "went": "my-joined-is-cumulative",
        "died": "my-is-killed-cumulative",
        "there": "my-nationals-in-syria-iraq",
        "home": "my-returnees-syria-iraq-cumulative",
    }
    ind = ev.indicators
    rows = ind[ind["indicator"].isin(parts.values())]
    complete = [
        (year, source, g)
        for (year, source), g in rows.groupby(["year", "source"])
        if set(g["indicator"]) == set(parts.values())
    ]
    if not complete:
        raise ValueError("no statement gives all four counts of Malaysians who went to Syria")
    year, source, g = max(complete, key=lambda c: c[0])
    value = dict(zip(g["indicator"], g["value"], strict=True))
    out = {f"sa_{k}": f"{value[series]:g}" for k, series in parts.items()}
    rest = value[parts["went"]] - sum(value[parts[k]] for k in ("died", "there", "home"))
    # the prose says whether the account closes, so a later statement that does not is not called whole
    verdict = "adds up" if rest == 0 else f"leaves {rest:g} in no count"
    # The latest count of those gone, when a later statement gives one: the prose sets it against the
    # account, since a higher later count with no account of its own is a gap, not an update.
    went = ind[(ind["indicator"] == parts["went"]) & (ind["year"] > year)].sort_values(["year", "value"])
    later = {}
    if len(went):
        last = went.iloc[-1]
        later = {
            "sa_went_later": f"{last['value']:g}",
            "sa_went_later_year": str(int(last["year"])),
            "sa_went_gap": f"{last['value'] - value[parts['went']]:g}",
        }
    return {
        **out,
        **later,
        "sa_year": str(int(year)),
        "sa_source": source,
        "sa_rest": f"{rest:g}",
        "sa_verdict": verdict,
    }
