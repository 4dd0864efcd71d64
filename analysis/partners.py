"""Malaysia's partners: one definition and one count for every chapter, figure and the brief.

A partner is a foreign state or an international organisation or forum joined to Malaysia, in
either direction, by at least one partnership relation in force at the data cut-off: membership,
an agreement, legal assistance, intelligence sharing, a joint exercise or capacity building.
Coordination or dialogue alone makes no partner: an actor Malaysia only consults or coordinates
with is a dialogue contact, listed apart. With a partner, coordination counts as one more
partnership. Being party to a convention makes no partner either: a treaty is not a counterpart.
A relation whose start is not sourced counts as in force unless it has ended or its sources do not say whether
it still holds (such a tie counts only up to the last report of it and, with no start, from its earliest cited page). A partnership is
one such relation record, so one partner can have several partnerships (a treaty, an exercise)."""

from __future__ import annotations

import pandas as pd

from . import dates, style
from .figures import Figure, finish
from .words import listed

EGO = "malaysia"
# Relations that make an actor a partner.
MAKES_PARTNER = (
    "member-of",
    "agreement",
    "legal-assistance",
    "intelligence-sharing",
    "joint-exercise",
    "capacity-building",
)
# Coordination or dialogue: a partnership with a partner, but alone it makes a dialogue contact.
DIALOGUE_KINDS = ("coordination",)
PARTNER_KINDS = MAKES_PARTNER + DIALOGUE_KINDS  # every kind that counts as a partnership with a partner
PARTNER_ACTOR_KINDS = ("state", "organisation", "forum")
# The matrix's columns: each mechanism and the relation kinds that make it.
MECHANISMS = {
    "membership": ("member-of",),
    "agreement (or dialogue, with a partner)": ("agreement", "coordination"),
    "intelligence sharing": ("intelligence-sharing",),
    "exercises": ("joint-exercise",),
    "capacity building": ("capacity-building",),
    "extradition or legal assistance": ("legal-assistance",),
}


def ties(ev, on=None) -> pd.DataFrame:
    """Malaysia's cooperative relations (PARTNER_KINDS) with foreign states, organisations and forums
    in force on a date (default: the cut-off), one row each, with the other actor's id, label and
    kind, and whether that actor is a partner on that date."""
    on = pd.Timestamp(on or ev.as_of)
    rel = ev.relations
    mine = rel[((rel["source"] == EGO) | (rel["target"] == EGO)) & rel["kind"].isin(PARTNER_KINDS)]
    live = mine[~(mine["start_ts"] > on) & ~(mine["end_ts"] < on)].copy()
    live["partner"] = [t if s == EGO else s for s, t in zip(live["source"], live["target"], strict=True)]
    actors = ev.actors.set_index("id")
    foreign = [
        (actors.loc[p, "kind"] in PARTNER_ACTOR_KINDS) and actors.loc[p, "country"] != "MY" for p in live["partner"]
    ]
    live = live[foreign]
    live["label"] = [actors.loc[p, "label"] for p in live["partner"]]
    live["partner_kind"] = [actors.loc[p, "kind"] for p in live["partner"]]
    makers = set(live[live["kind"].isin(MAKES_PARTNER)]["partner"])
    live["is_partner"] = live["partner"].isin(makers)
    return live.sort_values(["label", "start_ts", "id"]).reset_index(drop=True)


def agency_ties(ev, on=None) -> pd.DataFrame:
    """Cooperative relations (PARTNER_KINDS) in force on a date between a Malaysian agency (an actor of
    Malaysia's other than the state itself) and a foreign state, organisation or forum, such as US
    training of the police. The definition above counts ties with Malaysia only, so these are not in
    the matrix or the counts; they are listed apart so that the matrix is not read as all there is."""
    on = pd.Timestamp(on or ev.as_of)
    actors = ev.actors.set_index("id")

    def malaysian(a: str) -> bool:
        return a != EGO and actors.loc[a, "country"] == "MY" and actors.loc[a, "kind"] == "agency"

    def foreign(a: str) -> bool:
        return actors.loc[a, "kind"] in PARTNER_ACTOR_KINDS and actors.loc[a, "country"] != "MY"

    rel = ev.relations
    live = rel[rel["kind"].isin(PARTNER_KINDS) & ~(rel["start_ts"] > on) & ~(rel["end_ts"] < on)]
    rows = []
    for r in live.itertuples():
        pair = (r.source, r.target) if malaysian(r.source) else (r.target, r.source)
        if malaysian(pair[0]) and foreign(pair[1]):
            rows.append(
                {
                    "Malaysian agency": actors.loc[pair[0], "label"],
                    "Foreign partner": actors.loc[pair[1], "label"],
                    "Relation": r.kind,
                    "sources": list(r.sources),
                }
            )
    out = pd.DataFrame(rows, columns=["Malaysian agency", "Foreign partner", "Relation", "sources"])
    return out.sort_values(["Foreign partner", "Malaysian agency", "Relation"]).reset_index(drop=True)


def partnerships(ev, on=None) -> pd.DataFrame:
    """Malaysia's partnership records in force on a date (default: the cut-off), one row each,
    with the partner's id, label and kind: the ties with actors that are partners on that date."""
    t = ties(ev, on)
    return t[t["is_partner"]].drop(columns="is_partner").reset_index(drop=True)


def lately_lapsed(ev, kinds=("joint-exercise",), months: int = 12) -> list[tuple[str, str]]:
    """(partner, last report) for Malaysia's ties of these kinds that count no longer at the cut-off but were last
    reported within `months` before it: an exercise series not shown to be yearly lapses at its last report, so the
    matrix can show no exercises at all while two were held months before the cut-off (review 92)."""
    on = pd.Timestamp(ev.as_of)
    rel, label = ev.relations, ev.actors.set_index("id")["label"]
    mine = rel[((rel["source"] == EGO) | (rel["target"] == EGO)) & rel["kind"].isin(kinds)]
    gone = mine[(mine["end_ts"] < on) & (mine["end_ts"] >= on - pd.DateOffset(months=months))]
    gone = gone.sort_values(["end_ts", "id"])
    return [
        (label[t if s == EGO else s], dates.display(r if isinstance(r, str) else e))
        for s, t, r, e in zip(gone["source"], gone["target"], gone["reported"], gone["end"], strict=True)
    ]


def dialogue_contacts(ev, on=None) -> pd.DataFrame:
    """The actors Malaysia only coordinates or holds dialogue with (no partnership relation), one
    row per relation: who, the relation's id and summary, and its sources."""
    t = ties(ev, on)
    return t[~t["is_partner"]].drop(columns="is_partner").reset_index(drop=True)


def dialogue_labels(ev) -> str:
    """The dialogue contacts at the cut-off, by label, for prose and figure notes."""
    return ", ".join(sorted(set(dialogue_contacts(ev)["label"]))) or "none"


def standing(ev, actor: str) -> str:
    """What an actor is to Malaysia at the cut-off under this module's definition, in words."""
    t = ties(ev)
    mine = t[t["partner"] == actor]
    if mine.empty:
        return "neither a partner nor a dialogue contact"
    return "a partner" if mine["is_partner"].any() else "a dialogue contact, not a partner"


def last_reported(ev, actor: str) -> str:
    """'25 March 2019': the latest report of a cooperative tie between `actor` and Malaysia whose end its pages do
    not give, when no such tie is in force at the cut-off; '' when a tie is in force or none was ever reported."""
    if (ties(ev)["partner"] == actor).any():
        return ""
    rel = ev.relations
    pair = ((rel["source"] == EGO) & (rel["target"] == actor)) | ((rel["source"] == actor) & (rel["target"] == EGO))
    shown = rel[pair & rel["kind"].isin(PARTNER_KINDS) & rel["end_unknown"]]["reported"].dropna()
    return dates.display(max(shown, key=dates.first_day)) if len(shown) else ""


def last_reported_clause(ev, actor: str) -> str:
    """': a tie whose end ... is of 25 March 2019' after the standing of an actor no tie of which is in force at the
    cut-off, saying why (review 85); '' otherwise."""
    when = last_reported(ev, actor)
    label = ev.actors.set_index("id").loc[actor, "label"]
    return (
        f": a tie whose end its pages do not give counts only up to the last page that shows it, which for "
        f"{label}'s ties with Malaysia is of {when}"
        if when
        else ""
    )


def partners(ev, on=None) -> pd.DataFrame:
    """One row per partner: label, kind, how many partnerships, and the year the first began."""
    p = partnerships(ev, on)
    g = p.groupby("partner", sort=True)
    # A partner dates from the first record that makes it one: coordination, which counts only beside a
    # partnership, does not (Brunei's 2022 plan to explore training dated it to 2022; review 30).
    making = p[p["kind"] != "coordination"].groupby("partner")["start_ts"].min().dt.year.astype("Int64")
    return pd.DataFrame(
        {
            "label": g["label"].first(),
            "kind": g["partner_kind"].first(),
            "partnerships": g.size(),
            "since": making.reindex(g.size().index),
            # a partner only on records we hold with low confidence (their sources disagree or are thin)
            "low_confidence": g["confidence"].agg(only_low),
        }
    ).sort_values(["partnerships", "label"], ascending=[False, True])


def counts(ev) -> dict[str, int]:
    """The numbers every chapter glues: partners, partnerships, how many partners are states, and
    the dialogue contacts that are not partners."""
    p = partners(ev)
    return {
        "n_partners": len(p),
        "n_partnerships": int(p["partnerships"].sum()),
        "n_partner_states": int((p["kind"] == "state").sum()),
        "n_dialogue_contacts": int(dialogue_contacts(ev)["partner"].nunique()),
        "n_partners_low": int(p["low_confidence"].sum()),
    }


def only_low(confidence: pd.Series) -> bool:
    """Whether every record is held with low confidence (its sources disagree or are thin)."""
    return bool((confidence == "low").all())


def low_confidence_labels(ev) -> str:
    """The partners resting only on low-confidence records, by label, for prose."""
    return listed(sorted(partners(ev).query("low_confidence")["label"])) or "none"


LOW_MARK = " ?"
# After a year that dates coordination (a dialogue) held before or without an agreement with that partner: the
# partner counts from its first partnership (`partners` and the figures drawn from it), so the two must not read as one date.
DIALOGUE_MARK = " †"
# A mechanism in force whose start no source dates: 'n.d.' (no date), not a tick a briefer reads as 'yes'.
UNDATED = "n.d."


# The latest record of Malaysia and a partner dealing with each other: a partnership beginning, or an event
# naming both the partner and Malaysia or a Malaysian agency, other than an attack or arrests, where a
# partner is named as the victims' or suspects' country rather than as a counterpart (review 63: ties that
# count as in force may be dormant). Any security matter counts, a summit or a mediation included (review
# 66): the matrix text says so, rather than a narrower rule guessing which meetings were counter-terrorism.
NOT_ACTIVITY = ("incident", "arrests")
QUIET_YEARS = 5  # nothing on record for this long before the cut-off: the tie may be dormant
LAST = "last on record"  # the matrix's column of that year


def last_on_record(ev) -> pd.Series:
    """Partner id -> the date of the latest record of the partnership at work (see NOT_ACTIVITY), up to
    the cut-off."""
    p = partnerships(ev)
    actors = ev.actors.set_index("id")
    ours = set(actors[(actors["country"] == "MY") & actors["kind"].isin(["state", "agency"])].index)
    e = ev.events[~ev.events["kind"].isin(NOT_ACTIVITY) & ~(ev.events["start"] > pd.Timestamp(ev.as_of))]
    e = e[[bool(ours.intersection(a)) for a in e["actors"]]]
    latest = {}
    for partner, g in p.groupby("partner"):
        named = e[[partner in a for a in e["actors"]]]["start"]
        latest[partner] = max([*named.dropna(), *g["start_ts"].dropna()], default=pd.NaT)
    return pd.Series(latest, dtype="datetime64[ns]")


def quiet(ev, last: pd.Series | None = None) -> list[str]:
    """The partners, by label, with nothing on record in the QUIET_YEARS before the cut-off (`last`: the
    dates of last_on_record, if the caller has them)."""
    last = last_on_record(ev) if last is None else last
    since = pd.Timestamp(ev.as_of) - pd.DateOffset(years=QUIET_YEARS)
    labels = partners(ev)["label"]
    return sorted(labels[[not (last[p] >= since) for p in labels.index]])


def matrix(ev) -> pd.DataFrame:
    """Partners down the side, mechanisms across; each cell the year the mechanism began, UNDATED
    where the start is not sourced, '' where there is none; DIALOGUE_MARK after a year that dates a
    dialogue rather than an agreement, and LOW_MARK where every record behind the cell is held with
    low confidence (its sources disagree or are thin). A last column (LAST) gives the year of the
    latest record of the partnership at work."""
    p = partnerships(ev)
    rows = {}
    for partner, g in p.groupby("label", sort=True):
        row = {}
        for mech, kinds in MECHANISMS.items():
            m = g[g["kind"].isin(kinds)]
            if m.empty:
                row[mech] = ""
            elif m["start_ts"].notna().any():
                # the earliest record, an agreement before a dialogue of the same day
                first = m.assign(dialogue=m["kind"].isin(DIALOGUE_KINDS)).sort_values(["start_ts", "dialogue"]).iloc[0]
                row[mech] = str(int(first["start_ts"].year)) + (DIALOGUE_MARK if first["dialogue"] else "")
                # a dialogue first and an agreement after: the agreement's year too, so the cell does not
                # read like a partner with no agreement at all (review 37)
                agreed = m[~m["kind"].isin(DIALOGUE_KINDS) & m["start_ts"].notna()]
                if first["dialogue"] and len(agreed):
                    row[mech] += f", {int(agreed['start_ts'].min().year)}"
            else:
                row[mech] = UNDATED
            if not m.empty and only_low(m["confidence"]):
                row[mech] += LOW_MARK
        rows[partner] = row
    out = pd.DataFrame.from_dict(rows, orient="index", columns=list(MECHANISMS))
    out.index.name = "partner"
    # States first, then organisations and forums (a briefer looks for a country among countries; review
    # 56); in each, the partners with a recent record before the quiet ones, then by how many mechanisms,
    # then by name.
    by_id = last_on_record(ev)
    last = by_id.rename(index=p.groupby("partner")["label"].first()).reindex(out.index)
    state = p.groupby("label")["partner_kind"].first().reindex(out.index) == "state"
    active = ~out.index.isin(quiet(ev, by_id))
    breadth = (out != "").sum(axis=1)
    out[LAST] = [str(d.year) if pd.notna(d) else UNDATED for d in last]
    order = out.assign(_s=state, _a=active, _b=breadth).sort_values(["_s", "_a", "_b"], ascending=False, kind="stable")
    return order.drop(columns=["_s", "_a", "_b"])


def matrix_sources(ev) -> dict[tuple[str, str], list[str]]:
    """(partner label, mechanism) -> the source keys behind that cell, for citations in the HTML."""
    p = partnerships(ev)
    out: dict[tuple[str, str], list[str]] = {}
    for r in p.itertuples():
        mech = next(m for m, kinds in MECHANISMS.items() if r.kind in kinds)
        out.setdefault((r.label, mech), [])
        out[(r.label, mech)] += [s for s in r.sources if s not in out[(r.label, mech)]]
    return out


PERIODS = [
    (None, 1989),
    (1990, 1999),
    (2000, 2004),
    (2005, 2009),
    (2010, 2014),
    (2015, 2019),
    (2020, 2024),
    (2025, None),
]


def _period_label(lo, hi) -> str:
    return f"before {hi + 1}" if lo is None else (f"{lo} on" if hi is None else f"{lo}–{hi}")


def added_per_period(ev) -> pd.DataFrame:
    """Partners in force at the cut-off by the period their first partnership began."""
    p = partners(ev)
    rows = []
    for lo, hi in PERIODS:
        years = p["since"].dropna()
        n = int(((years >= (lo or 0)) & (years <= (hi or 9999))).sum())
        rows.append({"period": _period_label(lo, hi), "partners": n})
    out = pd.DataFrame(rows)
    out.attrs["undated"] = int(p["since"].isna().sum())
    return out


def added_figure(ev) -> Figure:
    """N4: how many of today's partners Malaysia gained in each period (replaces the snapshots)."""
    per = added_per_period(ev)
    fig, ax = style.figure(2.2)
    bars = ax.bar(per["period"], per["partners"], color=style.C["green"], edgecolor="black", linewidth=0.4)
    ax.bar_label(bars, fontsize=style.BASE_PT - 1.5, padding=1)
    ax.set_ylabel("partners gained")
    ax.set_title("Partners in force today, by the period the first partnership began", loc="left")
    ax.tick_params(axis="x", labelsize=style.BASE_PT - 1.5)
    undated = per.attrs["undated"]
    style.as_of_line(
        fig,
        ev.as_of,
        f"{undated} partners whose first partnership has no sourced start are not shown." if undated else "",
    )
    busiest = per.sort_values(["partners", "period"], ascending=[False, True]).iloc[0]
    alt = (
        f"Bar chart of the {int(per['partners'].sum()) + undated} partners Malaysia has at the cut-off, by the "
        "period in which the first partnership with each began: "
        + "; ".join(f"{r.period}: {r.partners}" for r in per.itertuples())
        + f". Most were gained in {busiest.period}."
        + (f" {undated} have no dated start." if undated else "")
    )
    return finish(fig, alt)
