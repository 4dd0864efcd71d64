"""Key judgments as ICD 203 asks: each indicator's status and each base rate are computed from the
records, never typed, so a judgment cannot ignore an indicator the data already shows.

- `status(ev)`: one row per warning indicator, observed (with the ids of the events that show it) or not;
  its `label` (text and window) is what every printed list shows.
- `BASE_RATES`: the base-rate computations a judgment may name in its `base_rate` field."""

from __future__ import annotations

import datetime as dt
import itertools
import math
from dataclasses import dataclass, field

import pandas as pd

from . import dates, schema
from .words import listed, per_cent, per_cent_range, small_number

# --- indicators ---------------------------------------------------------------------------------

# Tags an indicator may watch for before any event carries them: each names an event type the data
# editors will tag when it happens. Any other tag in a matching rule must be one some event carries,
# so a typo fails validation instead of reading as "not observed" for ever.
WATCH_TAGS = {
    "art-sanctions-measure": "Malaysia takes a measure under the 2025 US trade agreement against a person or firm "
    "on a US sanctions list",
    "malaysian-escapee": "Malaysians are named among those who left al-Hol unrecorded or escaped Syrian prisons "
    "in 2026",
    "nato-partnership": "NATO and Malaysia agree a partnership programme or Malaysia joins NATO's partners",
    "enhanced-follow-up": "FATF places Malaysia in enhanced follow-up or under increased monitoring (grey list)",
    "domestic-designation": "Malaysia lists, or freezes the assets of, a person designated only by another state",
    "organised-attack": "an attack carried out in Malaysia outside eastern Sabah by more than five people acting "
    "together or by an organised group acting under its own command",
    "preventive-power-lapsed": "SOSMA's 28-day detention power lapses (its renewal not passed) or an act in force "
    "ends detention without a court's remand, or POTA is repealed",
    "fatf-no-progress": "a FATF or APG follow-up report finds no progress on Malaysia's money-laundering "
    "convictions, or lowers one of its ratings",
    "ml-convictions-flat": "official figures show Malaysia's money-laundering convictions no higher than in the "
    "years its 2025 evaluation covered",
    "declined-foreign-designation": "the government says it will not act on another state's terrorism designation "
    "of a Malaysia-linked person or firm",
    "controls-eased": "the eastern Sabah sea curfew order is lifted or cut in waters where raids were (not "
    "Tawau's exemption alone), or ESSCOM is scaled down",
    "reform-keeps-detention": "the government states that its SOSMA amendment keeps detention for investigation "
    "without a court's remand (a split period still counts)",
    "terror-prisoner-freed": "a person convicted or detained for terrorism is reported freed, or his detention "
    "order ended, in Malaysia, or is handed back to Malaysia from custody abroad (the pool key judgment 4 draws on "
    "grows)",
    "unannounced-return": "the authorities report a Malaysian back from Syria or Iraq outside any managed repatriation",
    "sosma-amending-bill": "a bill amending SOSMA is tabled in or passed by Parliament (a renewal vote on the 28-day "
    "power is not one)",
    "escapee": "a terrorism detainee recaptured after escaping custody (key judgment 4's claim does not count a "
    "recapture as a re-arrest over new acts)",
    "sosma-remand-power-ended": "a SOSMA bill or act that ends detention for investigation without a court's remand "
    "(key judgment 3's amending-bill indicator then does not count it)",
}


# A plot's later arrest rounds, counted with its first: the 2019 "wolf pack" was held in two.
LATER_ROUNDS = {"wolf-pack-follow-up-arrests-2019": "ramadan-wolf-pack-arrests-2019"}


def matching(events: pd.DataFrame, match: dict) -> pd.DataFrame:
    """The events a matching rule selects: kind among `kinds` (if given), at least one of `tags` (if given),
    starting on or after `since` (if given), none of the tags in `unless`."""
    mask = pd.Series(True, index=events.index)
    if match.get("kinds"):
        mask &= events["kind"].isin(match["kinds"])
    if match.get("tags"):
        mask &= ~events["tags"].map(set(match["tags"]).isdisjoint)
    if match.get("since"):
        mask &= events["start"] >= pd.Timestamp(dates.first_day(match["since"]))
    if match.get("unless"):
        mask &= events["tags"].map(set(match["unless"]).isdisjoint)
    # A later round of arrests of one cell is not another cell: it goes with its first round when
    # both match (review 52: the pace of foiled plots counted the wolf pack of May 2019 twice).
    chosen = set(events.loc[mask, "id"])
    mask &= ~events["id"].isin([later for later, first in LATER_ROUNDS.items() if first in chosen])
    return events[mask]


def _threshold(match: dict) -> tuple[int, int | None]:
    """A rule's (at_least, within_months); rules written by hand in tests may leave out the defaults."""
    return match.get("at_least") or 1, match.get("within_months")


def _most_within(hits: pd.DataFrame, months: int) -> int:
    """The most matching events that start within `months` of the first of them."""
    starts = sorted(hits["start"])
    return max((sum(s < a + pd.DateOffset(months=months) for s in starts[i:]) for i, a in enumerate(starts)), default=0)


def threshold_met(hits: pd.DataFrame, match: dict) -> bool:
    """Whether the matching events set the indicator off: at least `at_least` of them, and with
    `within_months`, that many starting within that many months of each other."""
    n, months = _threshold(match)
    return (len(hits) if months is None else _most_within(hits, months)) >= n


def pace_so_far(hits: pd.DataFrame, match: dict) -> str:
    """For a rule with `within_months`, the most matching events that fell within one such span:
    'never 2 within 12 months' or 'at most 2 within 12 months'. Beside '3 or more within 12
    months', a bare '2 so far' reads as one short of it when the two are years apart (review 48)."""
    n, months = _threshold(match)
    if months is None or n == 1:
        return ""
    most = _most_within(hits, months)
    return f"never 2 within {months} months" if most <= 1 else f"at most {most} within {months} months"


def threshold_text(match: dict) -> str:
    """'2 or more within 12 months', or '' for the default of one event."""
    n, months = _threshold(match)
    if n == 1:
        return ""
    return f"{n} or more" + (f" within {months} months" if months else "")


def rule_text(match: dict) -> str:
    parts = []
    if match.get("kinds"):
        parts.append("kind " + " or ".join(match["kinds"]))
    if match.get("tags"):
        parts.append("tagged " + " or ".join(match["tags"]))
    if match.get("since"):
        parts.append("from " + dates.display(match["since"]))
    if match.get("unless"):
        parts.append("not tagged " + " or ".join(match["unless"]))
    if match.get("contested"):
        parts.append("contested if tagged " + " or ".join(match["contested"]))
    if threshold_text(match):
        parts.append("set off by " + threshold_text(match))
    return "; ".join(parts)


def window_text(match: dict) -> str:
    """The window an indicator watches, as printed beside it: 'since 1 January 2025' (empty if it has none),
    so a reader never takes 'not observed' to cover events before the window the rule looks at."""
    parts = [f"since {dates.display(match['since'])}" if match.get("since") else "", threshold_text(match)]
    return ", ".join(p for p in parts if p)


def printed_label(ind: dict) -> str:
    """How an indicator is printed wherever its status is: its text and its window,
    'A plot or attack directed remotely from abroad, since 1 January 2025'."""
    window = window_text(ind["match"])
    return f"{ind['text']}, {window}" if window else ind["text"]


def indicator_label(ind: dict) -> str:
    """One readable line for a warning indicator: text, matching rule, direction."""
    return f"{ind['text']} [{rule_text(ind['match'])}; {ind['direction']} the likelihood]"


def contested(events: pd.DataFrame, match: dict) -> list[str]:
    """The records in a rule's window tagged as contested for it (officials describe what the indicator
    names, the case record does not), of any kind, so that a statement is named with the arrests it
    speaks of: they do not set it off, and its status names them."""
    if not match.get("contested"):
        return []
    # any kind in the window: the official's own statement is named beside the arrests it speaks of
    rule = {"tags": match["contested"], "since": match.get("since")}
    return list(matching(events, rule)["id"])


def indicator_counts(ev) -> dict[str, str]:
    """How many indicators there are, how many are a judgment's own outcome (review 63) and how many of
    each are observed, for the methods chapter's prose."""
    st = status(ev)
    outcome = st["outcome"]
    return {
        "n_ind": str(len(st)),
        "n_ind_outcome": str(int(outcome.sum())),
        "n_ind_signs": str(int((~outcome).sum())),
        "n_ind_signs_seen": str(int(st[~outcome]["observed"].sum())),
        "n_ind_outcome_seen": str(int(st[outcome]["observed"].sum())),
    }


def status(ev) -> pd.DataFrame:
    """Every warning indicator of every judgment with its computed status."""
    rows = []
    for j in ev.judgments.itertuples():
        for n, ind in enumerate(j.indicator_rules, 1):
            hits = matching(ev.events, ind["match"])
            ids = list(hits["id"])
            met = bool(ids) and threshold_met(hits, ind["match"])
            counted = f"{len(ids)} record{'s' * (len(ids) != 1)}"
            disputed = [i for i in contested(ev.events, ind["match"]) if i not in ids]
            # would the contested records set it off, counted as cases? (review 56: three records, two
            # of them one case, beside a rule that asks for five within twelve months, are no half-lit sign)
            if disputed:
                both = pd.concat([hits, ev.events[ev.events["id"].isin(disputed)]]).sort_values("start", kind="stable")
                contested_sets_off = threshold_met(both, ind["match"])
            else:
                contested_sets_off = False
            rows.append(
                {
                    "judgment": j.id,
                    "n": n,
                    "indicator": ind["text"],
                    "label": printed_label(ind),
                    "since": f"since {dates.display(ind['match']['since'])}" if ind["match"].get("since") else "",
                    "threshold": threshold_text(ind["match"]),
                    "pace": pace_so_far(hits, ind["match"]),
                    "direction": ind["direction"],
                    "outcome": bool(ind.get("outcome", False)),
                    "rule": rule_text(ind["match"]),
                    # records: every matching event, also below a threshold, so that a new one counts as
                    # bearing on the judgment; observed: the threshold is met
                    "observed": met,
                    "records": ids,
                    "last": dates.display(hits["date"].iloc[-1]) if ids else "",
                    "status": f"observed ({counted})"
                    if met
                    else "not observed"
                    + (f" (contested: {len(disputed)})" if disputed else "")
                    + (f" ({counted} below its threshold)" if ids else ""),
                    "contested": disputed,
                    "contested_sets_off": contested_sets_off,
                }
            )
    return pd.DataFrame(
        rows,
        columns=[
            *(
                "judgment",
                "n",
                "indicator",
                "label",
                "since",
                "threshold",
                "pace",
                "direction",
                "outcome",
                "rule",
                "observed",
            ),
            "records",
            "last",
            "status",
            "contested",
            "contested_sets_off",
        ],
    )


# --- base rates ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class BaseRate:
    id: str
    title: str
    rate_per_year: float  # events a year over the window the rate is drawn from
    window: str  # the years it is drawn from, in words
    values: dict = field(default_factory=dict)  # numbers for prose (glued as text)
    table: pd.DataFrame = field(default_factory=pd.DataFrame)
    records: tuple = ()  # the ids of the events counted
    recent_rate: float | None = None  # the rate over the latest quiet spell, where the record shows one
    # the rate if cases the prose names but the rate leaves out were counted: {name: (rate, what is
    # counted, in words for the base-rate table)}, glued as '<prefix>_p_<name>' (e.g. 'sensitivity')
    sensitivities: dict = field(default_factory=dict)
    # (events counted, years) where the rate is a plain count over a window: the prose can then give the
    # rate with half an event added, the allowance we make for a count of none (review 63: the two
    # estimators put key judgment 2 on either side of a band's edge, and the reader should see both)
    count: tuple[int, int] | None = None

    def probability(self, start: dt.date, horizon: dt.date, rate: float | None = None) -> float:
        """P(at least one event between start and horizon) if events keep the base rate (Poisson)."""
        years = max((horizon - start).days, 0) / 365.25
        return 1 - math.exp(-(self.rate_per_year if rate is None else rate) * years)

    def half_event_rate(self) -> float | None:
        """The rate with half an event added to a plain count (see `count`), or None without one."""
        return (self.count[0] + 0.5) / self.count[1] if self.count else None


FIXED_WINDOW_YEARS = 5


def fixed_window(ev, b: BaseRate) -> tuple[int, float] | None:
    """(events, rate a year) over the FIXED_WINDOW_YEARS to the cut-off, half an event for none, for a base
    rate that has a quiet-spell rate. Review 96: the quiet spell starts the day after the last event, so
    the absence it measures defines it and it gives the lowest rate any window can; a window of fixed
    length that no event defines sits beside it."""
    if b.recent_rate is None:
        return None
    start = pd.Timestamp(ev.as_of) - pd.DateOffset(years=FIXED_WINDOW_YEARS)
    n = int(ev.events[ev.events["id"].isin(b.records) & (ev.events["start"] >= start)].shape[0])
    return n, (n or 0.5) / FIXED_WINDOW_YEARS


def fixed_window_chance(ev, b: BaseRate, horizon: dt.date) -> tuple[int, str]:
    """(events in the fixed window, the chance of at least one by the horizon at its rate, as printed): one
    computation for the prose and the base-rate table."""
    n, rate = fixed_window(ev, b)
    return n, probability_text(b.probability(ev.as_of, horizon, rate))


def _years(a: dt.date, b: dt.date) -> float:
    return max((b - a).days, 1) / 365.25


def _tagged(ev, tag: str | tuple[str, ...], kinds=()) -> pd.DataFrame:
    """The events carrying the tag (or any of the tags), of one of `kinds` if given."""
    tags = (tag,) if isinstance(tag, str) else tag
    e = ev.events
    mask = e["tags"].map(lambda t: any(x in t for x in tags))
    if kinds:
        mask &= e["kind"].isin(kinds)
    return e[mask]


def _series(ev, name: str) -> pd.DataFrame:
    return ev.indicators[ev.indicators["indicator"] == name].sort_values("year")


# The police tally of foiled plots counts from 2012 (the note on the 'terror-plots-foiled-cumulative'
# rows), so the attack count is drawn from the same years.
PLOT_TALLY_FIRST_YEAR = 2012


def attacks_vs_foiled_plots(ev) -> BaseRate:
    """Completed terrorist attacks in Malaysia (incidents tagged terrorist-attack) against plots the police
    say they foiled, over the years the police tally covers; and a year-by-year table."""
    from .timeline import preferred_values

    # one count a year, the one the series figure draws: a later, lower-graded count of the same year
    # (25 in October 2019 beside the 24 of February) does not become the "previous" total
    pv = preferred_values(ev)
    tally = pv[(pv["indicator"] == "terror-plots-foiled-cumulative") & (pv["role"] == "line")].sort_values("year")
    last = tally.iloc[-1]
    first_year, last_year = PLOT_TALLY_FIRST_YEAR, int(last["year"])
    attacks = _tagged(ev, "terrorist-attack", kinds=["incident"])
    in_window = attacks[attacks["start"].dt.year.between(first_year, last_year)]
    years = last_year - first_year + 1
    foiled = int(last["value"])
    n = len(in_window)
    # Incidents some sources call an attack but the police count does not (tagged borderline-attack):
    # left out of the rate, and its sensitivity to them glued for the prose.
    borderline = _tagged(ev, "borderline-attack", kinds=["incident"])
    borderline = borderline[borderline["start"].dt.year.between(first_year, last_year)]
    # Armed intrusions pressing the Sulu claim to Sabah (incidents tagged armed-intrusion): outside this
    # judgment and the kidnapping one; the rate with them counted is glued so the prose can say so.
    intrusions = _tagged(ev, "armed-intrusion", kinds=["incident"])
    intrusions = intrusions[intrusions["start"].dt.year.between(first_year, last_year)]
    # Attacks that meet the judgment's test but for the police's label, which treated them as ordinary crime
    # (tagged ordinary-crime-attack: the KK Mart firebombings that did damage, review 64)
    ordinary = _tagged(ev, "ordinary-crime-attack", kinds=["incident"])
    ordinary = ordinary[ordinary["start"].dt.year.between(first_year, last_year)]
    prev = tally.iloc[-2] if len(tally) > 1 else last
    # The police's yearly counts as the series figure (fig-t4) draws them: the best-graded value a year, and beside it any
    # other account that disagrees (2016: the counter-terrorism chief's 6, an unnamed official's 14).
    pv = pv[pv["indicator"] == "terror-plots-foiled"]
    per_year = pv[pv["shown"]].set_index("year")["value"]
    other = {
        y: " (" + ", ".join(f"{v:g}" for v in g["value"]) + " in another account)"
        for y, g in pv[pv["role"] == "disagrees"].groupby("year")
    }
    plots = _tagged(ev, "foiled-plot")
    plots = plots[~plots["id"].isin(LATER_ROUNDS)]  # a plot held in two rounds is one plot
    rows = []
    for y in range(first_year, ev.as_of.year + 1):
        rows.append(
            {
                "year": y,
                "attacks carried out": ", ".join(attacks[attacks["start"].dt.year == y]["title"]) or "–",
                "plots foiled (police)": f"{per_year[y]:g}{other.get(y, '')}" if y in per_year.index else "",
                "foiled plots in our records": int((plots["start"].dt.year == y).sum()),
            }
        )
    return BaseRate(
        "attacks-vs-foiled-plots",
        "Terrorist attacks carried out",
        n / years,
        f"{first_year}–{last_year}",
        values={
            "attacks": str(n),
            "foiled": str(foiled),
            "plots": str(n + foiled),
            "years": str(years),
            "share_carried_out": per_cent(round(100 * n / (n + foiled))),
            "first_year": str(first_year),
            "last_year": str(last_year),
            "foiled_per_year": f"{foiled / years:.1f}",
            "attacks_per_year": f"{n / years:.2f}",
            "tally_source": str(last["source"]),
            # the police's previous running total: how many plots they report foiled since then
            "tally_prev": f"{prev['value']:g}",
            "tally_prev_year": str(int(prev["year"])),
            "tally_last": f"{last['value']:g}",
            "foiled_since_prev": f"{last['value'] - prev['value']:g}",
            "intrusions": str(len(intrusions)),
            "intrusion_when": "; ".join(dates.when(d) for d in intrusions["date"]) or "never",
        },
        table=pd.DataFrame(rows),
        records=tuple(in_window["id"]),
        count=(n, years),
        sensitivities={
            name: ((n + len(cases)) / years, words)
            for name, cases, words in (
                ("sensitivity", borderline, "with the knife threat"),
                ("intrusion", intrusions, "with Lahad Datu"),
                ("ordinary", ordinary, "with KK Mart"),
            )
            if len(cases)
        },
    )


def chance_left_at_publication(ev, horizon: dt.date) -> dict[str, str]:
    """Key judgment 2 read on the day the edition comes out: the attack base rate over the window left
    then, shorter than from the cut-off (review 45). Reads the edition's publication date, so only the
    page that prints it re-runs when the edition file changes."""
    published = ev.edition.published
    if not published:
        return {"a_published": "", "a_p_from_published": ""}
    left = base_rate(ev, "attacks-vs-foiled-plots").probability(dt.date.fromisoformat(str(published)), horizon)
    return {"a_published": dates.display(str(published)), "a_p_from_published": probability_text(left)}


def busiest_plotting(ev, horizon: dt.date, span: int = 3) -> dict[str, str]:
    """Key judgment 2 assumes plotting runs no faster than its average (review 97 asked what the busiest
    years would give): the `span` consecutive years with the most foiled plots in our records (a plot
    held in two rounds once; the earliest span on a tie), and the chance of an attack by the horizon at
    the attack rate of those years; and (review 98: that reads the span's attacks, not its pace of plotting) at
    that pace of plotting with the base rate's window's attacks per foiled plot in our records. Glued as
    a_busy_from, a_busy_to, a_busy_plots, a_busy_attacks, a_p_busy and a_p_busy_pace (with the window's counts,
    a_busy_window_attacks and a_busy_window_plots)."""
    plots = _tagged(ev, "foiled-plot")
    per_year = plots[~plots["id"].isin(LATER_ROUNDS)]["start"].dt.year.value_counts()
    starts = range(int(per_year.index.min()), ev.as_of.year - span + 2)
    count = {y: int(sum(per_year.get(y + i, 0) for i in range(span))) for y in starts}
    first = max(starts, key=lambda y: (count[y], -y))
    attacks = _tagged(ev, "terrorist-attack", kinds=["incident"])
    n = int(attacks["start"].dt.year.between(first, first + span - 1).sum())
    base = base_rate(ev, "attacks-vs-foiled-plots")
    p = base.probability(ev.as_of, horizon, n / span)
    window = range(int(base.values["first_year"]), int(base.values["last_year"]) + 1)
    window_plots = int(sum(per_year.get(y, 0) for y in window))
    per_plot = int(base.values["attacks"]) / window_plots
    p_pace = base.probability(ev.as_of, horizon, count[first] / span * per_plot)
    return {
        "a_busy_span": small_number(span),
        "a_busy_from": str(first),
        "a_busy_to": str(first + span - 1),
        "a_busy_plots": str(count[first]),
        "a_busy_attacks": f"{small_number(n)} attack{'' if n == 1 else 's'}",
        "a_p_busy": probability_text(p),
        "a_p_busy_pace": probability_text(p_pace),
        "a_busy_window_attacks": base.values["attacks"],
        "a_busy_window_plots": str(window_plots),
    }


def attack_windows(ev, horizon: dt.date, min_years: int = 5) -> dict[str, str]:
    """How much the attack base rate depends on where its window starts: the chance of at least one
    attack by the horizon at the rate of windows that start on 1 January of each year from the police
    tally's first year and run to the cut-off (at least `min_years` long), lowest and highest; and at
    the rate since plotting fell (from the year after the police's previous running total of foiled
    plots). Glued as text for the prose as a_p_quiet, a_quiet_from, a_p_window_low/high, a_window_low/high_from."""
    attacks = _tagged(ev, "terrorist-attack", kinds=["incident"])
    base = base_rate(ev, "attacks-vs-foiled-plots")

    def chance(year: int) -> float:
        start = dt.date(year, 1, 1)
        n = int(((attacks["start"] >= pd.Timestamp(start)) & (attacks["start"] <= pd.Timestamp(ev.as_of))).sum())
        return base.probability(ev.as_of, horizon, n / _years(start, ev.as_of))

    starts = range(PLOT_TALLY_FIRST_YEAR, ev.as_of.year - min_years + 1)
    by_start = {y: chance(y) for y in starts}
    low, high = min(by_start, key=by_start.get), max(by_start, key=by_start.get)
    quiet = int(base.values["tally_prev_year"]) + 1
    long_from, long_rate = _long_window(ev)
    return {
        # the whole window run on to the cut-off: the quiet months since the tally's last year included
        "a_p_to_cutoff": probability_text(by_start[starts[0]]),
        "a_p_quiet": probability_text(chance(quiet)),
        "a_quiet_from": str(quiet),
        "a_p_window_low": probability_text(by_start[low]),
        "a_window_low_from": str(low),
        "a_p_window_high": probability_text(by_start[high]),
        "a_window_high_from": str(high),
        "a_window_first": str(starts[0]),
        "a_window_last": str(starts[-1]),
        # key judgment 1's longer window, with the organised groups' attacks before the tally (review 57:
        # used there, so shown here too)
        "a_long_from": str(long_from),
        "a_p_long": probability_text(base.probability(ev.as_of, horizon, long_rate)),
        # review 95: with the bombings the police also named, which no record can hold
        "a_p_long_bombings": probability_text(
            base.probability(ev.as_of, horizon, _long_window(ev, UNRECORDED_BOMBINGS)[1])
        ),
    }


def _long_window(ev, more: int = 0) -> tuple[int, float]:
    """From the first organised attack before the police tally to the tally's last year: its first year
    and its rate of attacks (those attacks and every attack the base rate counts), with `more` attacks
    in the same years that our records do not hold."""
    base = base_rate(ev, "attacks-vs-foiled-plots")
    starts = ev.events.set_index("id").loc[list(ORGANISED_BEFORE_TALLY), "start"]
    first = int(starts.min().year)
    attacks = int(base.values["attacks"]) + len(ORGANISED_BEFORE_TALLY) + more
    return first, attacks / (int(base.values["last_year"]) - first + 1)


def _one_per_raid(e: pd.DataFrame) -> pd.DataFrame:
    """Two records of one raid (same month, same place) count once: the first record stands for both."""
    key = [f"{d:%Y-%m}|{p}" for d, p in zip(e["start"], e["place"])]
    return e[~pd.Series(key, index=e.index).duplicated()]


def kidnap_raids(ev) -> pd.DataFrame:
    """Kidnap-for-ransom raids: incidents tagged kidnap-for-ransom, not the later killing of a hostage,
    two records of one raid counted once. The one rule every count of kidnappings uses (the base rate
    and its table, the brief's figure, the maps and their table), so no two products count differently;
    statements and statistics tagged kidnap-for-ransom are not raids."""
    e = _tagged(ev, "kidnap-for-ransom", kinds=["incident"])
    return _one_per_raid(e[~e["tags"].map(lambda t: "hostage-killed" in t)])


def sabah_kidnappings(ev) -> BaseRate:
    """Kidnap-for-ransom raids from eastern Sabah's coast and waters (`kidnap_raids`), before and after
    the trilateral Sulu Sea patrols began; the rate is the one since the patrols began."""
    e = kidnap_raids(ev)
    esz = ev.events.set_index("id")
    start = dates.first_day(esz.loc["esszone-declared", "date"])
    patrols = dates.first_day(esz.loc["trilateral-maritime-patrol-launch-tarakan-2017", "date"])
    cut = ev.as_of
    before = e[(e["start"] >= pd.Timestamp(start)) & (e["start"] < pd.Timestamp(patrols))]
    after = e[e["start"] >= pd.Timestamp(patrols)]
    yb, ya = _years(start, patrols), _years(patrols, cut)
    rows = [
        {
            "date": dates.display(r.date),
            "kidnapping": r.title,
            "after the patrols began": "yes" if r.start >= pd.Timestamp(patrols) else "no",
        }
        for r in e[e["start"] >= pd.Timestamp(start)].itertuples()
    ]
    last = e.iloc[-1] if len(e) else None
    quiet = _years(dates.first_day(last["date"]), cut) if last is not None else 0.0
    # The years the raids went on after the patrols began (to the last raid): the "after" rate averages
    # those with the quiet years that followed, which hides whether the patrols changed anything.
    active = _years(patrols, dates.first_day(last["date"])) if len(after) else 0.0
    last_before = before.iloc[-1]["date"] if len(before) else None
    first_after = after.iloc[0]["date"] if len(after) else None
    lull = (
        round((dates.first_day(first_after) - dates.first_day(last_before)).days / 30.44)
        if last_before and first_after
        else None
    )
    rate_before, rate_active = len(before) / yb, (len(after) / active if active else None)
    return BaseRate(
        "sabah-kidnappings",
        "Kidnappings for ransom off eastern Sabah",
        len(after) / ya,
        f"{dates.display(patrols.isoformat())} to {cut:%B %Y}",
        values={
            "before": str(len(before)),
            "after": str(len(after)),
            "years_before": f"{yb:.1f}",
            "years_after": f"{ya:.1f}",
            "rate_before": f"{len(before) / yb:.1f}",
            "rate_after": f"{len(after) / ya:.2f}",
            "start": f"{start:%B %Y}",
            "patrols": f"{patrols:%B %Y}",
            "last": dates.display(last["date"]) if last is not None else "none",
            "last_when": dates.when(last["date"]) if last is not None else "never",
            "quiet_years": f"{quiet:.1f}",
            "years_active": f"{active:.1f}",
            "rate_active": f"{len(after) / active:.1f}" if active else "–",
            "last_before_when": dates.when(last_before) if last_before else "never",
            "first_after_when": dates.when(first_after) if first_after else "never",
            "lull_months": str(lull) if lull is not None else "–",
            "active_compare": compare_rates(rate_active, rate_before) if rate_active is not None else "–",
            "records": str(int(_tagged(ev, "kidnap-for-ransom", kinds=["incident"]).shape[0])),
        },
        table=pd.DataFrame(rows, columns=["date", "kidnapping", "after the patrols began"]),
        records=tuple(e["id"]),
        # No raid since the last one: half an event over the quiet years, the usual allowance for a zero count.
        recent_rate=0.5 / quiet if quiet else None,
    )


def compare_rates(rate: float, earlier: float) -> str:
    """A rate against an earlier one, in words for the prose: 'above', 'about the same as', 'below' or
    'well below' (under half). Within 15 % is the same: with a handful of events a year, less is noise."""
    ratio = rate / earlier if earlier else float("inf")
    if ratio > 1.15:
        return "above"
    if ratio >= 0.85:
        return "about the same as"
    return "below" if ratio >= 0.5 else "well below"


def sabah_easing_test(ev) -> dict[str, str]:
    """Eastern Sabah since controls last changed (the latest record tagged controls-changed or
    controls-eased): the years from then to the cut-off and the raids in them. A change that keeps the
    controls as tight (the 2023 curfew order renamed) is tagged controls-changed, so that it does not
    set off the indicator that watches for an easing."""
    eased = _tagged(ev, ("controls-changed", "controls-eased")).sort_values("start", kind="stable")
    if eased.empty:
        raise ValueError("no record of a change to eastern Sabah's controls (tag controls-changed or controls-eased)")
    when = dates.first_day(eased.iloc[-1]["date"])
    b = sabah_kidnappings(ev)
    raids = ev.events[ev.events["id"].isin(b.records) & (ev.events["start"] >= pd.Timestamp(when))]
    years = _years(when, ev.as_of)
    # Where the change lifted controls (the 2023 order exempted Tawau): raids off that place, ever.
    all_raids = kidnap_raids(ev)
    off = int(all_raids["place"].fillna("").str.contains("Tawau").sum())
    return {
        "eased_years": f"{years:.1f}",
        "eased_raids": f"{len(raids)} raid{'s' if len(raids) != 1 else ''}" if len(raids) else "no raid",
        "raids_total": str(len(all_raids)),
        "raids_since": str(int(all_raids["start"].dt.year.min())),  # the figures start later: say from when
        "raids_off_tawau": str(off) if off else "none",
    }


def _case_years(cases: pd.DataFrame) -> str:
    """'the 2017 case' or 'the 2017 and 2024 cases': which records a sensitivity adds or removes, so
    that a reader of the base-rate table can find them in the chronology."""
    years = listed([str(y) for y in sorted(set(cases["start"].dt.year))])
    return f"the {years} case{'s' * (len(cases) != 1)}"


def former_detainee_rearrests(ev) -> BaseRate:
    """Public re-arrests or new charges of former terrorism detainees in a terrorism case (events tagged
    rearrest), since the first ISA terrorism detentions of the post-2000 era."""
    e = _tagged(ev, "rearrest")
    # A case whose earlier detention or conviction no source calls a terrorism case (tagged
    # prior-case-unstated, e.g. jailed before "in SOSMA cases", a law used mostly against organised
    # crime): left out, as the judgment's indicator leaves it out (review 30), its weight shown beside.
    unstated = e[e["tags"].map(lambda t: "prior-case-unstated" in t)]
    e = e[~e["id"].isin(unstated["id"])]
    # A re-detention of someone still serving a sentence (tagged in-custody) is a relapse but not a
    # released detainee back in a case: counted, with the rate without it glued for the prose.
    in_custody = e[e["tags"].map(lambda t: "in-custody" in t)]
    first = dates.first_day(ev.events.set_index("id").loc["kmm-isa-arrests-2001", "date"])
    years = _years(first, ev.as_of)
    released = e[~e["id"].isin(in_custody["id"])]
    # The last ten years, when the IS-era cohort of detainees was being released, counted by the
    # judgment's own rule (a case against someone still held counts); and how many of them fell in
    # one month, since a cluster inflates a rate drawn from so few cases.
    quiet = _years(dates.first_day(e["date"].max()), ev.as_of) if len(e) else 0.0
    decade_start = pd.Timestamp(ev.as_of) - pd.DateOffset(years=10)
    decade = e[e["start"] >= decade_start]
    months = decade["start"].dt.to_period("M").value_counts()
    sensitivities = {"decade": (len(decade) / 10, "over the last ten years")}
    if len(in_custody):
        sensitivities = {
            "sensitivity": (len(released) / years, f"without {_case_years(in_custody)} in prison"),
            **sensitivities,
        }
    # A case the rule cannot count because no source says the person was detained before, though the
    # record suggests it (tagged possible-rearrest): not in the rate, its weight shown beside it.
    possible = _tagged(ev, "possible-rearrest")
    if len(possible):
        sensitivities["possible"] = (
            (len(e) + len(possible)) / years,
            f"with {_case_years(possible)} not known to be a re-arrest",
        )
    if len(unstated):
        sensitivities["unstated"] = (
            (len(e) + len(unstated)) / years,
            f"with {_case_years(unstated)} of unknown past offence",
        )
    if len(possible) and len(unstated):  # each is tested alone above; a reader must also see them together
        both = sorted({str(y) for y in pd.concat([possible, unstated])["start"].dt.year})
        sensitivities["both"] = ((len(e) + len(possible) + len(unstated)) / years, f"with both {listed(both)} cases")
    # Former detainees an official statement names as relapsed, with no re-arrest report of their own
    # (review 38): the claim needs a public re-arrest, so they are not cases, but their weight is shown;
    # after "both", which must follow the two cases it joins (review 39).
    named = _tagged(ev, "named-relapse")["persons"].fillna(0).sum()
    if named:
        sensitivities["named"] = ((len(e) + float(named)) / years, "with the relapses named in reports")
    return BaseRate(
        "former-detainee-rearrests",
        "Former detainees publicly back in terrorism cases",
        len(e) / years,
        f"{first.year}–{ev.as_of.year}",
        values={
            "n": str(len(e)),
            "years": f"{years:.0f}",
            "first_year": str(first.year),
            "titles": "; ".join(f"{t} ({dates.display(d)})" for t, d in zip(e["title"], e["date"])),
            "n_released": str(len(released)),
            "in_custody_when": "; ".join(dates.when(d) for d in in_custody["date"]) or "never",
            "rate_released": f"{len(released) / years:.2f}",
            "decade_n": str(len(decade)),
            "decade_rate": f"{len(decade) / 10:.2f}",
            "decade_cluster_n": str(int(months.max())) if len(months) else "0",
            "decade_cluster_month": f"{months.idxmax():%B %Y}" if len(months) else "",
            "quiet_years": f"{quiet:.1f}",
            "decade_cluster_words": _cluster_words(
                len(decade), int(months.max()) if len(months) else 0, f"{months.idxmax():%B %Y}" if len(months) else ""
            ),
        },
        table=e[["date", "title"]].reset_index(drop=True),
        records=tuple(e["id"]),
        # No public case since the last one: half an event over the quiet years, as for the Sabah raids
        # and the returnee plots (review 30: the decade's rate rests on two cases in one month).
        recent_rate=0.5 / quiet if quiet else None,
        sensitivities=sensitivities,
    )


def _cluster_words(n: int, in_month: int, month: str) -> str:
    """'both in December 2017', 'all 3 in ...' or '2 of them in ...': how many of n cases fell in one month."""
    if n and in_month == n:
        return f"{'both' if n == 2 else f'all {n}'} in {month}"
    return f"{in_month} of them in {month}"


def returnee_plots(ev) -> BaseRate:
    """Plots or attacks in Malaysia in which the record names a returnee from Syria or Iraq (events tagged
    returnee-plot), beside the latest counts of Malaysians returned and of those the government
    repatriated (two series: the second is part of the first, not its continuation)."""
    e = _tagged(ev, "returnee-plot")
    s = _series(ev, "my-returnees-syria-iraq-cumulative")
    first = dates.first_day(str(int(s["year"].min())))
    years = _years(first, ev.as_of)
    # A running total only grows: of two counts in the latest year, the higher is the later statement.
    latest = s[s["year"] == s["year"].max()].sort_values("value", kind="stable").iloc[-1]
    repatriated = _series(ev, "my-repatriated-syria-iraq-cumulative").iloc[-1]
    quiet = _years(dates.first_day(e["date"].max()), ev.as_of) if len(e) else 0.0
    # A police account of a returnee plot that may be one already counted (tagged possible-returnee-plot):
    # not in the rate, but its weight is glued for the prose and shown in the base-rate table.
    possible = _tagged(ev, "possible-returnee-plot")
    return BaseRate(
        "returnee-plots",
        "Plots involving returnees from Syria and Iraq",
        len(e) / years,
        f"{first.year}–{ev.as_of.year}",
        values={
            "n": str(len(e)),
            "returnees": f"{latest['value']:g}",
            "returnees_year": str(int(latest["year"])),
            "repatriated": f"{repatriated['value']:g}",
            "repatriated_year": str(int(repatriated["year"])),
            "years": f"{years:.0f}",
            "first_year": str(first.year),
            "plot_years": ", ".join(sorted({str(d.year) for d in e["start"]})),
            "quiet_years": f"{quiet:.0f}",
        },
        table=e[["date", "title"]].reset_index(drop=True),
        records=tuple(e["id"]),
        # No returnee plot since the last one: half an event over the quiet years, as for the Sabah raids.
        recent_rate=0.5 / quiet if quiet else None,
        sensitivities={
            "possible": (
                (len(e) + len(possible)) / years,
                "with the lodge plot of the 2016 police account",
            )
        }
        if len(possible)
        else {},
    )


def sosma_renewals(ev) -> BaseRate:
    """Parliament's five-yearly votes on SOSMA's 28-day detention power (events tagged section-4-5 and
    renewal or vote-defeated): how many votes, how many lost, how many cycles ended in renewal."""
    e = ev.events[ev.events["tags"].map(lambda t: "section-4-5" in t and ("renewal" in t or "vote-defeated" in t))]
    lost = e[e["tags"].map(lambda t: "vote-defeated" in t)]
    won = e[~e["id"].isin(lost["id"])]
    cycles = sorted({d.year for d in e["start"]})
    renewed = sorted({d.year for d in won["start"]})
    return BaseRate(
        "sosma-renewals",
        "SOSMA renewal votes",
        len(renewed) / max(len(cycles), 1),
        f"{cycles[0]}–{cycles[-1]}" if cycles else "",
        values={
            "votes": str(len(e)),
            "lost": str(len(lost)),
            "cycles": str(len(cycles)),
            "cycles_renewed": str(len(renewed)),
            "years": ", ".join(map(str, cycles)),
        },
        table=e[["date", "title"]].reset_index(drop=True),
        records=tuple(e["id"]),
    )


RUN_OF_DESIGNATIONS = 2  # the run of new US-only designations the chapter asks about


def us_only_designations(ev) -> dict[str, str]:
    """Key judgment 7's nearest thing to a base rate, for its chapter: the US terrorism designations of
    Malaysians in our data (events tagged us-designation) that no UN listing in our data matches (not tagged unsc),
    and the Malaysian freezes on a foreign designation alone reported since the first (the tag its
    indicator watches). The judgment holds if no such freeze is reported by its horizon (review 66): at half
    a freeze more than reported since the first designation (the allowance for a count of none), and at one
    more (were the 2024 freeze of an organisation the US raised on a US-only designee), the chance of none."""
    us = _tagged(ev, "us-designation")
    us = us[~us["tags"].map(lambda t: "unsc" in t)]
    freezes = _tagged(ev, "domestic-designation")
    freezes = freezes[freezes["start"] >= us["start"].min()]
    seen = _years(us["start"].min().date(), ev.as_of)
    ahead = _years(ev.as_of, horizon_of(ev, "kj-financing-dispute"))
    hold = {extra: math.exp(-(len(freezes) + extra) / seen * ahead) for extra in (0.5, 1)}
    # review 91: the unit at risk is a designation, not a year; at half a freeze for the unreported, the chance that
    # one new designation brings a freeze, and the chance of none after a run of them
    per = (len(freezes) + 0.5) / len(us)
    return {
        "us_only_p_per": probability_text(per),
        "us_only_p_none_one": probability_text(1 - per),
        "us_only_one_place": yardstick_place(1 - per),
        "us_only_run": small_number(RUN_OF_DESIGNATIONS),
        "us_only_p_none_run": probability_text((1 - per) ** RUN_OF_DESIGNATIONS),
        "us_only_n": str(len(us)),
        "us_only_first": str(us["start"].min().year),
        "us_only_freezes": str(len(freezes)),
        "us_only_p_hold": probability_text(hold[0.5]),
        "us_only_p_hold_one": probability_text(hold[1]),
    }


BASE_RATES = {
    "attacks-vs-foiled-plots": attacks_vs_foiled_plots,
    "sabah-kidnappings": sabah_kidnappings,
    "former-detainee-rearrests": former_detainee_rearrests,
    "returnee-plots": returnee_plots,
    "sosma-renewals": sosma_renewals,
}


# Base rates computed in this notebook's run: a chapter asks for the same one a dozen times. The cache
# lives in this module, which the build imports afresh for each notebook, so every notebook still reads
# (and is recorded as reading) the data its base rates come from.
_computed: dict[tuple[int, str], tuple[object, BaseRate]] = {}


def base_rate(ev, name: str) -> BaseRate:
    key = (id(ev), name)
    if key not in _computed:  # the entry holds ev, so its id is not reused while cached
        _computed[key] = (ev, BASE_RATES[name](ev))
    return _computed[key][1]


# --- one line per judgment ----------------------------------------------------------------------


def horizon_text(horizon) -> str:
    return f"{horizon:%d %B %Y}".lstrip("0")


def table(ev) -> pd.DataFrame:
    """One row per judgment: the claim, likelihood with its range, confidence, horizon, and how many of
    its indicators are observed."""
    st = status(ev)
    rows = []
    for j in ev.judgments.itertuples():
        s = st[st["judgment"] == j.id]
        lo, hi = schema.YARDSTICK[j.likelihood]
        rows.append(
            {
                "id": j.id,
                "judgment": j.statement,
                "likelihood": f"{j.likelihood} ({per_cent_range(lo, hi)})",
                "confidence": j.confidence,
                "horizon": horizon_text(j.horizon),
                "indicators observed": f"{int(s['observed'].sum())} of {len(s)}",
            }
        )
    return pd.DataFrame(rows)


# --- facts the judgments' prose needs -------------------------------------------------------------

SOSMA_RENEWAL_YEARS = 5  # subsection 4(5): the 28-day power lapses unless Parliament renews it every five years


PARLIAMENT_TERM_YEARS = 5  # Federal Constitution, Article 55(3)


def parliament_term(ev) -> dict:
    """The sitting Parliament's first meeting and the day it dissolves of itself if not dissolved
    earlier (five years on, Article 55(3)); the latest record tagged `parliament-term` of kind meeting."""
    terms = ev.events[(ev.events["kind"] == "meeting") & ev.events["tags"].map(lambda t: "parliament-term" in t)]
    if terms.empty:
        raise ValueError("no record of a Parliament's first meeting (kind meeting, tag parliament-term)")
    first = max(dates.first_day(d) for d in terms["date"])
    return {"first": first, "dissolves": first.replace(year=first.year + PARLIAMENT_TERM_YEARS)}


# Federal Constitution, Article 55(4): a new House must be summoned within this many days of a dissolution, so a
# dissolution closer than this to SOSMA's deadline can leave no House sitting to renew the power (review 74: the
# half-year used before counted a precedent whose new House would have sat in time).
NEW_HOUSE_MEETS_WITHIN_DAYS = 120


def parliament_lengths(ev) -> dict[str, str]:
    """How long the Parliaments before the sitting one ran, first meeting to dissolution (meetings and
    statements tagged parliament-term, the dissolutions also parliament-dissolved), set against how far
    into its term the sitting one is at SOSMA's renewal deadline: key judgment 3's base rate for an early
    dissolution (review 52: the chapter called it the likeliest way for the power to lapse but gave no
    rate). Each dissolution is paired with the latest first meeting before it."""
    tagged = ev.events[ev.events["tags"].map(lambda t: "parliament-term" in t)]
    firsts = sorted(dates.first_day(d) for d in tagged.loc[tagged["kind"] == "meeting", "date"])
    ends = sorted(dates.first_day(d) for d, t in zip(tagged["date"], tagged["tags"]) if "parliament-dissolved" in t)
    runs = []
    for end in ends:
        before = [f for f in firsts if f < end]
        if before:
            runs.append((end - before[-1]).days / 365.25)
    lapse = sosma_lapse(ev)
    at_deadline = (lapse - parliament_term(ev)["first"]).days / 365.25
    full = sum(r >= PARLIAMENT_TERM_YEARS - 0.05 for r in runs)  # within about three weeks of five years
    window = NEW_HOUSE_MEETS_WITHIN_DAYS / 365.25
    late = sum(at_deadline - window <= r < at_deadline for r in runs)
    earlier = [r for r in runs if r < at_deadline - window]
    short = round((at_deadline - window - max(earlier)) * 365.25) if earlier else None
    after = sum(r >= at_deadline for r in runs)  # ran past the deadline's point: their House would have voted
    return {
        "parl_n": str(len(runs)),
        # 'None of the 4 Parliaments before it on our record ran' or '1 of the 4 ... ran'
        "parl_full": f"{full if full else 'None'} of the {len(runs)} Parliaments before it on our record",
        "parl_min": f"{min(runs):.1f}" if runs else "",
        "parl_max": f"{max(runs):.1f}" if runs else "",
        "parl_at_deadline": f"{at_deadline:.1f}",
        # 'None of the 4 was dissolved' or '1 of the 4 was dissolved' between the window's start and the deadline
        "parl_in_window": f"{late if late else 'None'} of the {len(runs)} {'was' if late <= 1 else 'were'} dissolved",
        "parl_window_age": f"{at_deadline - window:.1f}",
        "parl_after": f"{after} ran past it" if after else "none ran past it",
        "parl_summon_days": str(NEW_HOUSE_MEETS_WITHIN_DAYS),
        "parl_window_from": dates.display((lapse - dt.timedelta(days=NEW_HOUSE_MEETS_WITHIN_DAYS)).isoformat()),
        # how far before that window the latest-dissolved earlier Parliament stopped, at the same age
        "parl_nearest_short": f"{short} days" if short is not None else "",
    }


def sosma_lapse(ev) -> dt.date:
    """When SOSMA's 28-day detention power lapses unless renewed: five years after the last renewal took
    effect, on the anniversary of SOSMA's entry into force."""
    e = ev.events.set_index("id")
    in_force = dates.first_day(e.loc["sosma-in-force-isa-repealed", "date"])
    renewals = sosma_renewals(ev)
    last = max(dates.first_day(e.loc[i, "date"]) for i in renewals.records if "vote-defeated" not in e.loc[i, "tags"])
    start = in_force.replace(
        year=last.year if (last.month, last.day) <= (in_force.month, in_force.day) else last.year + 1
    )
    return start.replace(year=start.year + SOSMA_RENEWAL_YEARS)


def probability_text(p: float) -> str:
    return per_cent(round(100 * p))


def yardstick_place(p: float) -> str:
    """Where a computed chance falls on the PHIA yardstick, in words for the prose (glued as plain text):
    'at the top of unlikely', 'within likely', or 'between unlikely and realistic possibility' (the
    yardstick leaves gaps between its bands, and a rate that falls in one must not be called a band's)."""
    pct = round(100 * p)
    terms = list(schema.YARDSTICK.items())
    for term, (lo, hi) in terms:
        if lo <= pct <= hi:
            where = (
                "at the top of"
                if pct >= hi - 1 and hi < 100
                else "at the bottom of"
                if pct <= lo + 1 and lo > 0
                else "within"
            )
            return f"{where} {term}"
    (under, _), (over, _) = _gap(pct)
    return f"between {under} and {over}"


def _gap(pct: int) -> tuple[tuple[str, tuple[int, int]], tuple[str, tuple[int, int]]]:
    """The yardstick's bands either side of a percentage that falls in none of them."""
    terms = list(schema.YARDSTICK.items())
    above = next(i for i, (_, (lo, _)) in enumerate(terms) if lo > pct)
    return terms[above - 1], terms[above]


def yardstick_nearer(p: float) -> str:
    """', nearer unlikely' for a chance in a gap between two bands, '' within a band: rounding it to a term turns
    on which band it is nearer, so a judgment that rounds it says so (review 88). The gaps are five points wide,
    so a whole percentage is never as near one band as the other."""
    pct = round(100 * p)
    if any(lo <= pct <= hi for lo, hi in schema.YARDSTICK.values()):
        return ""
    (under, (_, top)), (over, (floor, _)) = _gap(pct)
    return f", nearer {under if pct - top < floor - pct else over}"


def glue_base_rate(ev, name: str, prefix: str, horizon: dt.date | None = None) -> BaseRate:
    """Glue a base rate's values as text under '<prefix>_<value>' (and '<prefix>_p', the chance of at least
    one event by the horizon at that rate), for the prose; return it."""
    from .figures import glue_text

    b = base_rate(ev, name)
    out = {f"{prefix}_{k}": v for k, v in b.values.items()}
    out[f"{prefix}_rate"] = f"{b.rate_per_year:.2f}"
    if horizon is not None:
        out[f"{prefix}_p"] = probability_text(b.probability(ev.as_of, horizon))
        out[f"{prefix}_p_place"] = yardstick_place(b.probability(ev.as_of, horizon))
        out[f"{prefix}_p_where"] = out[f"{prefix}_p_place"] + yardstick_nearer(b.probability(ev.as_of, horizon))
        out[f"{prefix}_horizon"] = horizon_text(horizon)
        if b.recent_rate is not None:
            out[f"{prefix}_p_recent"] = probability_text(b.probability(ev.as_of, horizon, b.recent_rate))
            n, p_fixed = fixed_window_chance(ev, b, horizon)
            out[f"{prefix}_p_fixed"] = p_fixed
            # review 97: with none in the window, the figure is the half-event allowance's, not the record's
            held = f"with {small_number(n)}" if n else "with none"
            floor = "" if n else ", a floor set by half an event"
            out[f"{prefix}_fixed_clause"] = (
                f"the {small_number(FIXED_WINDOW_YEARS)} years to the cut-off, {held}, give {p_fixed}{floor}"
            )
        for name, (rate, _) in b.sensitivities.items():
            p_alt = b.probability(ev.as_of, horizon, rate)
            out[f"{prefix}_p_{name}"] = probability_text(p_alt)
            out[f"{prefix}_p_{name}_place"] = yardstick_place(p_alt)
        if b.count and b.count[0]:
            p_half = b.probability(ev.as_of, horizon, b.half_event_rate())
            out[f"{prefix}_p_half"] = probability_text(p_half)
            out[f"{prefix}_p_half_place"] = yardstick_place(p_half)
    glue_text(**out)
    return b


SMALL_CELLS = "kj-small-cells-main-threat"


SMALL_CELL_LIMIT = 5  # key judgment 1's line: no more than five people acting together
# Attacks outside eastern Sabah by organised groups before the police tally's first year, which key
# judgment 1's window leaves out (review 28): the Al-Ma'unah sect's arms raid, and the police station raid
# and the killing the police put on the KMM, each attribution treated alike (review 54). An attack by an
# organised group under its own command fails the judgment whatever its size (review 53).
ORGANISED_BEFORE_TALLY = (
    "al-maunah-arms-heist",
    "guar-chempedak-police-station-attack",
    "fernandez-lunas-assemblyman-killing-2000",
)
# Review 95: in June 2001 the police chief put the bombing of a church, an Indian temple and a video centre
# (review 96: three, as the AFP copy lists them), undated and unnamed, among the crimes of the gang he also blamed
# for a police-station attack and a politician's murder (the Guar Chempedak raid and the Lunas killing above).
# Only low-grade copies carry it (AFP on jawawa.id, Hinduism Today's digest, both grade D), so no record may rest
# on it; the windows that start in 2000 show what counting the bombings would do, as organised attacks then.
UNRECORDED_BOMBINGS = 3


def _all_small_given_one(ev, judgment: str, q: float, rate: float | None = None) -> float:
    """The chance that every attack to the judgment's horizon is small, given at least one, with attacks
    at the attack base rate, or at `rate` a year (Poisson, mean m), each small with probability q."""
    rate = base_rate(ev, "attacks-vs-foiled-plots").rate_per_year if rate is None else rate
    m = rate * max((horizon_of(ev, judgment) - ev.as_of).days, 0) / 365.25
    return (math.exp(-m * (1 - q)) - math.exp(-m)) / (1 - math.exp(-m))


@dataclass(frozen=True)
class SmallCellChances:
    attacks: int  # the attacks so far, all small
    next_small: float  # the chance the next attack is small (rule of succession on the attacks)
    all_small: float  # the chance every attack to the horizon is small, given at least one
    plots: int  # the plots the police say they foiled over the attacks' years
    plotters: int  # the people the police say planned them
    police_small_min: int  # the fewest of those plots that can have had no more than five plotters
    all_small_police: float  # the chance every attack is small, counting those plots (at its lowest)
    small_groups: int  # the attacks and the foiled plots on our record (group_sizes) that were small
    groups: int
    all_small_with_cells: float  # the same chance counting our plots, sized by their plotters (group_sizes)


def succession(small: int, of: int) -> float:
    """The rule of succession: the chance the next case is like `small` of the `of` seen so far."""
    return (small + 1) / (of + 2)


def _all_small_with_police_plots(ev, judgment: str, attacks: int, plots: int, plotters: int) -> float:
    """The chance every attack to the horizon is small, with the police's plots counted beside the
    attacks at the fewest small plots their totals allow."""
    small = _police_small_plots(plots, plotters)
    return _all_small_given_one(ev, judgment, succession(attacks + small, attacks + plots))


def _police_small_plots(plots: int, plotters: int) -> int:
    """The fewest plots with no more than five plotters that the police's totals allow: every plot had
    one plotter at least, a larger one six at least, so (plotters - plots) / 5 plots can be larger."""
    return plots - min(plots, (plotters - plots) // SMALL_CELL_LIMIT)


def _small_cell_chances(ev, judgment: str = SMALL_CELLS) -> SmallCellChances:
    """Key judgment 1 as scored: it is conditional (untested if no attack comes) and right if every attack
    to its horizon is small. Each attack is small with probability q by the rule of succession: on the
    attacks alone (all small); beside the police's foiled plots, sized as an attack is, by the people who
    planned them (at the fewest small plots their totals allow); or beside the foiled plots on our record,
    sized by their plotters (group_sizes: everyone held where the sources do not single them out)."""
    b = base_rate(ev, "attacks-vs-foiled-plots")
    n, plots = int(b.values["attacks"]), int(b.values["foiled"])
    plotters = int(_series(ev, "terror-plotters-detained-cumulative").iloc[-1]["value"])
    sizes = group_sizes(ev).values()
    small, groups = n + sum(size <= SMALL_CELL_LIMIT for size in sizes), n + len(sizes)
    q = succession(n, n)
    return SmallCellChances(
        n,
        q,
        _all_small_given_one(ev, judgment, q),
        plots,
        plotters,
        _police_small_plots(plots, plotters),
        _all_small_with_police_plots(ev, judgment, n, plots, plotters),
        small,
        groups,
        _all_small_given_one(ev, judgment, succession(small, groups)),
    )


MOVIDA_FOLLOW_UP = "movida-follow-up-arrests"  # the people held after the Movida attack
MOVIDA_THROWERS = 2  # the two men the police say threw the grenade, held among them
# and the two more the police sought as involved, who scouted targets with the throwers (review 57: the
# cell is four, not two; movida-grenade-attack's sources)
MOVIDA_SOUGHT = 2


def small_cell_scoring(ev, judgment: str = SMALL_CELLS) -> dict[str, str]:
    c = _small_cell_chances(ev, judgment)
    e = ev.events.set_index("id")
    missing = [i for i in ORGANISED_BEFORE_TALLY if i not in e.index]
    if missing:  # the longer window would silently shrink
        raise ValueError(
            f"data/events.yaml: no record {', '.join(missing)} (analysis.judgments.ORGANISED_BEFORE_TALLY)"
        )
    # Every attack since the tally's first year is small; every organised group's attack before it is not.
    small, n_all = c.attacks, c.attacks + len(ORGANISED_BEFORE_TALLY)
    long_q = succession(small, n_all)
    # The longer window's own rate of attacks (review 38: its share of small attacks had been set against
    # the shorter window's rate).
    long_first, long_rate = _long_window(ev)
    long_all = _all_small_given_one(ev, judgment, long_q, long_rate)  # the judgment's own measure: every attack small
    with_bombings = _all_small_given_one(
        ev, judgment, succession(small, n_all + UNRECORDED_BOMBINGS), _long_window(ev, UNRECORDED_BOMBINGS)[1]
    )
    # Counted from the year after the last organised attack on record: the break the window argument
    # rests on (review 54), at that window's own rate.
    last_organised = int(max(e.loc[list(ORGANISED_BEFORE_TALLY), "start"]).year)
    after_years = int(base_rate(ev, "attacks-vs-foiled-plots").values["last_year"]) - last_organised
    after_break = _all_small_given_one(ev, judgment, succession(small, small), small / after_years)
    named = len(plots_sized_by_planners(ev))
    movida_unsized = _all_small_given_one(ev, judgment, succession(c.attacks - 1, c.attacks - 1))
    movida_large = _all_small_given_one(ev, judgment, succession(c.attacks - 1, c.attacks))
    with_kidnap_plan = _all_small_given_one(ev, judgment, succession(c.small_groups, c.groups + 1))
    # Review 71: key judgment 3 gives the 28-day power a chance of lapsing inside this time frame, which would
    # leave the longer window's chance; weighted by that chance (the band of key judgment 3's term), as if a
    # lapse came at once, so the blend is a floor.
    kept_lo, kept_hi = schema.YARDSTICK[ev.judgments.set_index("id").loc["kj-sosma-reform", "likelihood"]]
    blend = {k: k / 100 * c.all_small + (1 - k / 100) * long_all for k in (kept_lo, kept_hi)}
    return {
        "kj1_lapse_chance": per_cent_range(100 - kept_hi, 100 - kept_lo),
        "kj1_p_with_lapse": probability_text(blend[kept_lo]),
        "kj1_p_with_lapse_high": probability_text(blend[kept_hi]),
        "kj1_with_lapse_place": yardstick_place(blend[kept_lo]),
        "kj1_long_from": str(long_first),
        "kj1_long_rate": f"{long_rate:.2f}",
        "kj1_long_attacks": str(n_all),
        "kj1_long_small": str(small),
        "kj1_p_long": probability_text(long_q),
        "kj1_p_long_all": probability_text(long_all),
        "kj1_long_place": yardstick_place(long_all),
        "kj1_p_long_bombings": probability_text(with_bombings),
        "kj1_long_bombings_place": yardstick_place(with_bombings),
        "kj1_last_organised": str(last_organised),
        "kj1_after_from": str(last_organised + 1),
        "kj1_p_after": probability_text(after_break),
        "kj1_after_place": yardstick_place(after_break),
        # Movida is sized by the cell its sources describe, the throwers and the two sought (review 57); those
        # held after it, and the Black Crow cell the police linked to it, are not said to have prepared it
        # (review 40): its size left open, and counted larger
        "kj1_movida_others": str(int(e.loc[MOVIDA_FOLLOW_UP, "persons"]) - MOVIDA_THROWERS),
        "kj1_movida_cell": str(MOVIDA_THROWERS + MOVIDA_SOUGHT),
        "kj1_p_movida_unsized": probability_text(movida_unsized),
        "kj1_movida_unsized_place": yardstick_place(movida_unsized),
        "kj1_p_movida_large": probability_text(movida_large),
        "kj1_movida_large_place": yardstick_place(movida_large),
        "kj1_plotters": str(c.plotters),
        "kj1_per_plot": f"{c.plotters / c.plots:.0f}",
        "kj1_police_large_max": str(c.plots - c.police_small_min),
        "kj1_police_small": str(c.attacks + c.police_small_min),
        "kj1_police_groups": str(c.attacks + c.plots),
        "kj1_p_police": probability_text(c.all_small_police),
        "kj1_missed_below": str(_plotters_missed_below_band(ev, judgment, c)),
        "kj1_police_place": yardstick_place(c.all_small_police),
        "kj1_caught": str(c.groups - c.attacks),
        # how many of our plots are sized by the planners their sources single out, how many by everyone held
        "kj1_named": str(named),
        "kj1_unnamed": str(c.groups - c.attacks - named),
        "kj1_large_caught": str(c.groups - c.small_groups),
        "kj1_p_with_cells": probability_text(c.all_small_with_cells),
        "kj1_cells_place": yardstick_place(c.all_small_with_cells),
        # the Home Minister's 2016 account sizes one earlier plot, the kidnap plan, above five (review 52):
        # a statement, not an arrest record, so only a sensitivity, counted as one more larger group caught
        "kj1_p_with_kidnap_plan": probability_text(with_kidnap_plan),
        "kj1_kidnap_plan_place": yardstick_place(with_kidnap_plan),
        "kj1_p_next": probability_text(c.next_small),
        "kj1_p_given_attack": probability_text(c.all_small),
        "kj1_given_place": yardstick_place(c.all_small),
        "kj1_judged": judged(ev, judgment),
    }


def small_cell_table(ev, judgment: str = SMALL_CELLS) -> pd.DataFrame:
    """Key judgment 1 counted other ways, one row each, for Annex D (review 53: eleven chances in one
    paragraph hid an error): what is counted, how many of the groups passed the judgment's test, the
    chance that every attack to the horizon passes, where that falls on the yardstick, and why it is not
    the judgment's own count. Every number comes from small_cell_scoring."""
    s = small_cell_scoring(ev, judgment)
    c = _small_cell_chances(ev, judgment)
    first = base_rate(ev, "attacks-vs-foiled-plots").values["first_year"]
    a, long_n = c.attacks, int(s["kj1_long_attacks"])
    movida_why = (
        f"the police name two throwers and sought two more who scouted with them, {s['kj1_movida_cell']} in all; "
        f"the {s['kj1_movida_others']} others held are not said to have prepared it"
    )
    rows = [
        (
            f"the attacks since {first} (the judgment's count)",
            f"{a} of {a}",
            "kj1_p_given_attack",
            "–",
        ),
        ("Movida left unsized", f"{a - 1} of {a - 1}", "kj1_p_movida_unsized", movida_why),
        # the same count as a line drawn below Movida's cell (review 63 asked for a line of three)
        (
            f"Movida as a larger group, as with a line below its {s['kj1_movida_cell']}",
            f"{a - 1} of {a}",
            "kj1_p_movida_large",
            movida_why,
        ),
        (
            f"from {s['kj1_long_from']}, with Al-Ma'unah's raid and the raid and killing the police put on the KMM "
            "(organised, so failing the test)",
            f"{s['kj1_long_small']} of {long_n}",
            "kj1_p_long_all",
            f"both groups were broken up; no organised group has attacked outside eastern Sabah since "
            f"{s['kj1_last_organised']}; the bank raid, a robbery, is not counted",
        ),
        (
            "the same, with the bombings of a church, an Indian temple and a video centre the police also blamed on the gang "
            "behind the raid and killing",
            f"{s['kj1_long_small']} of {long_n + UNRECORDED_BOMBINGS}",
            "kj1_p_long_bombings",
            "only low-grade copies report them, undated and with no damage described, so no record holds them",
        ),
        (
            f"from {s['kj1_after_from']}, after the last organised attack on record",
            f"{a} of {a}",
            "kj1_p_after",
            "it starts after the last organised attack, so it cannot hold one",
        ),
        (
            "with the police's foiled plots, as few small as their totals allow",
            f"{s['kj1_police_small']} of {s['kj1_police_groups']}",
            "kj1_p_police",
            f"the count is unaudited and sizes no plot; {s['kj1_missed_below']} plotters it missed would take it "
            "below likely",
        ),
        (
            "with our foiled plots, sized by named planners or everyone held",
            f"{c.small_groups} of {c.groups}",
            "kj1_p_with_cells",
            "everyone held overstates a plot; our plots are those the press reported",
        ),
        (
            "the same, with the Home Minister's kidnap plan as one more larger group",
            f"{c.small_groups} of {c.groups + 1}",
            "kj1_p_with_kidnap_plan",
            "a statement, not an arrest record; it may be among the cells held in April 2015",
        ),
    ]
    places = {  # each chance's place on the yardstick, as small_cell_scoring glues it
        "kj1_p_given_attack": "kj1_given_place",
        "kj1_p_movida_unsized": "kj1_movida_unsized_place",
        "kj1_p_movida_large": "kj1_movida_large_place",
        "kj1_p_long_all": "kj1_long_place",
        "kj1_p_long_bombings": "kj1_long_bombings_place",
        "kj1_p_after": "kj1_after_place",
        "kj1_p_police": "kj1_police_place",
        "kj1_p_with_cells": "kj1_cells_place",
        "kj1_p_with_kidnap_plan": "kj1_kidnap_plan_place",
    }
    return pd.DataFrame(
        [
            {
                "counted": what,
                "passed the test": passed,
                "every attack passes": s[key],
                "on the yardstick": s[places[key]],
                "why not the judgment's count": why,
            }
            for what, passed, key, why in rows
        ]
    )


def small_cell_range(ev, judgment: str = SMALL_CELLS) -> dict[str, str]:
    """The lowest and highest chance key judgment 1 takes when counted other ways (small_cell_table's
    rows after the first, the judgment's own), for the chapter's one sentence on them."""
    shares = [int(p.split("\xa0")[0]) for p in small_cell_table(ev, judgment)["every attack passes"].iloc[1:]]
    return {"kj1_ways_low": per_cent(min(shares)), "kj1_ways_high": per_cent(max(shares))}


def _plotters_missed_below_band(ev, judgment: str, c: SmallCellChances) -> int:
    """How many plotters the police's count could have missed before its floor falls below the
    judgment's band: the floor rests on the count holding every plotter."""
    lo = schema.YARDSTICK[ev.judgments.set_index("id").loc[judgment, "likelihood"]][0]
    for missed in range(1, SMALL_CELL_LIMIT * c.plots + 1):  # past this every plot can be large
        # the whole per cent the reader sees, as yardstick_place reads it: 54.9 % prints as 55 %, the
        # bottom of likely, in this sentence as in the longer window's (review 37)
        if round(100 * _all_small_with_police_plots(ev, judgment, c.attacks, c.plots, c.plotters + missed)) < lo:
            return missed
    raise ValueError(f"{judgment}: no count of missed plotters takes the police floor below its band")


def nato_reference_class(ev, region: str = "asean") -> dict[str, str]:
    """Key judgment 8's reference class: the region's states in our data (none a NATO partner). A count
    of states at one time, not a rate: the chapter draws no chance from it."""
    from .report import member_count

    return {"asean_n": str(member_count(ev, region))}


def _foiled_plots(ev) -> tuple[pd.DataFrame, pd.Series]:
    """The foiled plots on our record (tag `foiled-plot`) and the plot each belongs to: a plot's later
    rounds (LATER_ROUNDS) go with its first."""
    e = ev.events[ev.events["tags"].apply(lambda t: "foiled-plot" in t)]
    return e, e["id"].map(lambda i: LATER_ROUNDS.get(i, i))


def group_sizes(ev) -> dict[str, int]:
    """Every foiled plot on our record, sized as key judgment 1 sizes an attack, by the people who
    planned it: its `plotters` where the sources single them out, else everyone held over it
    (`persons`), a plot's later rounds added to its first. A sweep's total also counts helpers and people
    held over other cases (four Yemenis beside two car-bomb plotters), so a plot sized by it leans
    against key judgment 1, never for it (review 44)."""
    e, groups = _foiled_plots(ev)
    missing = e[e["persons"].isna()]["id"].tolist()
    if missing:  # a plot with no count would be dropped from the chance without a word
        raise ValueError(f"data/events.yaml: {', '.join(missing)}: a foiled plot needs `persons` to size it")
    return {k: int(v) for k, v in e["plotters"].fillna(e["persons"]).groupby(groups).sum().items()}


def plots_sized_by_planners(ev) -> set[str]:
    """The plots (group_sizes' keys) sized by the planners their sources single out (`plotters`), not by
    everyone held: a plot with a later round counts only if every round names its planners."""
    e, groups = _foiled_plots(ev)
    return {g for g, named in e["plotters"].notna().groupby(groups).all().items() if named}


def cell_sizes(ev) -> dict[str, str]:
    """The groups the prose names against key judgment 1's line at five, sized as group_sizes sizes them."""
    g = group_sizes(ev)
    return {
        "cs_kl": str(g["kl-plot-arrests-july-2015"]),
        "cs_merdeka": str(g["merdeka-eve-batu-caves-plot-arrests-2016"]),
        "cs_wolf_pack": str(g["ramadan-wolf-pack-arrests-2019"]),
        "cs_fisabilillah": str(g["fisabilillah-cell-arrests-2015"]),
    }


def _small_cell_row(ev, judgment) -> dict:
    """Key judgment 1's line in the calibration table: its chance is conditional on an attack coming."""
    c = _small_cell_chances(ev, judgment.id)
    b = base_rate(ev, "attacks-vs-foiled-plots")
    long = small_cell_scoring(ev, judgment.id)
    ways = small_cell_range(ev, judgment.id)
    return {
        "base rate": "Attacks by a lone actor or small cell",
        "years": b.window,
        "events a year": f"{b.rate_per_year:.2f} ({c.attacks} of {c.attacks} small)",
        # the police's plots are left out: their count of plotters cannot size them (review 30)
        "chance by the horizon at that rate": f"{probability_text(c.all_small)} that all are, if any come "
        # the two choices the chapter says decide it, then the range of every other count (Annex D's table)
        f"({long['kj1_p_movida_large']} with Movida larger, {long['kj1_p_long_all']} counted from "
        f"{long['kj1_long_from']}; {ways['kj1_ways_low']} to {ways['kj1_ways_high']} counted other ways; "
        f"{probability_text(c.next_small)} the next one)",
    }


def horizon_of(ev, judgment: str) -> dt.date:
    return ev.judgments.set_index("id").loc[judgment, "horizon"]


def judged(ev, judgment: str) -> str:
    """The judgment's likelihood as a predicate for prose ('unlikely', 'a realistic possibility'), so no
    summary restates a term the data may have moved."""
    term = ev.judgments.set_index("id").loc[judgment, "likelihood"]
    return f"a {term}" if term in ("realistic possibility", "remote chance") else term


def indicator_names(ev, judgment: str, prefix: str) -> dict[str, str]:
    """A judgment's warning indicators as printed (text and window), numbered in their order in the
    data, for prose that names them: {'<prefix>1': '...', ...}; and each one's state as a verb phrase
    ('<prefix>1_state': 'is observed', 'is not yet set off' for matching records below its threshold,
    'is not observed'), so the prose never calls an indicator observed that the data does not."""
    rules = ev.judgments.set_index("id").loc[judgment, "indicator_rules"]
    st = status(ev)
    st = st[st["judgment"] == judgment].set_index("n")
    out = {}
    for n, ind in enumerate(rules, 1):
        out[f"{prefix}{n}"] = printed_label(ind)
        row = st.loc[n]
        out[f"{prefix}{n}_state"] = (
            "is observed" if row["observed"] else "is not yet set off" if row["records"] else "is not observed"
        )
    return out


def sosma_use(ev, year: int | None = None) -> dict[str, str]:
    """How much of SOSMA's use is terrorism: SOSMA detentions (all offences, official) against
    terrorism arrests in the latest year both series cover."""
    from .timeline import preferred_values

    v = preferred_values(ev)
    v = v[v["shown"]]
    sosma = v[v["indicator"] == "sosma-detainees-official"].set_index("year")["value"]
    terror = v[v["indicator"] == "terror-arrests"].set_index("year")["value"]
    both = sorted(set(sosma.index) & set(terror.index))
    y = year or both[-1]
    return {
        "su_year": str(y),
        "su_sosma": f"{sosma[y]:g}",
        "su_terror": f"{terror[y]:g}",
        "su_share": per_cent(f"{100 * terror[y] / sosma[y]:.1f}"),
    }


def nearer_the_recent_rate(ev) -> str:
    """'6 and 9': the judgments whose likelihood lies nearer the chance at their recent rate (after
    years without an event) than at the whole period's, which the base-rate table gives first: a
    briefer must not read the first figure as the one the judgment rests on."""
    number = ev.judgment_numbers()
    out = []
    for j in ev.judgments.itertuples():
        if not isinstance(j.base_rate, str) or j.base_rate == "sosma-renewals":
            continue
        b = base_rate(ev, j.base_rate)
        if not b.recent_rate:
            continue
        lo, hi = (x / 100 for x in schema.YARDSTICK[j.likelihood])
        mid = (lo + hi) / 2
        whole, recent = b.probability(ev.as_of, j.horizon), b.probability(ev.as_of, j.horizon, b.recent_rate)
        if abs(recent - mid) < abs(whole - mid):
            out.append(str(number[j.id]))
    return listed(out)


def recent_rate_clause(ev) -> str:
    """' (for key judgment 6, the chance at the recent rate is nearer)', or '' if no judgment is."""
    recent = nearer_the_recent_rate(ev)
    if not recent:
        return ""
    return f" (for key judgment{'s' if ' ' in recent else ''} {recent}, the chance at the recent rate is nearer)"


def base_rate_table(ev) -> pd.DataFrame:
    """Calibration at a glance: for each judgment with a base rate, the rate, the chance of at least one
    event by the horizon at that rate, and the likelihood we give (which may differ, for reasons the
    chapter states)."""
    number = ev.judgment_numbers()
    rows = []
    for j in ev.judgments.itertuples():
        lo, hi = schema.YARDSTICK[j.likelihood]
        judged_as = f"{j.likelihood} ({per_cent_range(lo, hi)})"
        if j.id == SMALL_CELLS:
            rows.append({"KJ": number[j.id], **_small_cell_row(ev, j), "our judgment": judged_as})
            continue
        if not isinstance(j.base_rate, str):
            continue
        b = base_rate(ev, j.base_rate)
        at_rate = probability_text(b.probability(ev.as_of, j.horizon)) if j.base_rate != "sosma-renewals" else "–"
        recent = probability_text(b.probability(ev.as_of, j.horizon, b.recent_rate)) if b.recent_rate else ""
        if recent:
            n, p_fixed = fixed_window_chance(ev, b, j.horizon)
            recent += f" at the recent rate, {p_fixed} over the last {small_number(FIXED_WINDOW_YEARS)} years{'' if n else '*'}"
        windows = ""
        if j.base_rate == "attacks-vs-foiled-plots":
            # reviews 98 and 99: each case the chapter weighs (Lahad Datu, the knife threat, KK Mart) falls outside
            # key judgment 2's claim, so the row gives what one more case would do, and the chance at the busiest
            # plotting pace, the case the key assumption sets aside; the chapter keeps the cases
            n, years = b.count
            others = f"{probability_text(b.probability(ev.as_of, j.horizon, (n + 1) / years))} with one more case"
            # The attack rate depends on where its window starts and ends: the table gives the range the
            # chapter argues from, not only the tally's whole years.
            w, busy = attack_windows(ev, j.horizon), busiest_plotting(ev, j.horizon)
            windows = (
                f"{w['a_p_to_cutoff']} to the cut-off; {w['a_p_window_low']} to {w['a_p_window_high']} by window; "
                f"{busy['a_p_busy']} to {busy['a_p_busy_pace']} at peak plotting"
            )
        else:
            others = "; ".join(
                f"{probability_text(b.probability(ev.as_of, j.horizon, rate))} {words}"
                for rate, words in b.sensitivities.values()
            )
        # the recent rate and the alternative counts in one bracket, not one bracket each
        alternatives = "; ".join(x for x in (windows, recent, others) if x)
        rows.append(
            {
                "KJ": number[j.id],
                "base rate": b.title,
                "years": b.window,
                "events a year": f"{b.rate_per_year:.2f}"
                if j.base_rate != "sosma-renewals"
                else f"{b.values['cycles_renewed']} of {b.values['cycles']} cycles renewed; "
                f"{b.values['lost']} of {b.values['votes']} votes lost",
                "chance by the horizon at that rate": at_rate + (f" ({alternatives})" if alternatives else ""),
                "our judgment": judged_as,
            }
        )
    t = pd.DataFrame(rows)
    # The window read with its rate, in one column: a column of its own wrapped the longest window
    # onto four lines and pushed the table off the page it is printed with.
    t["base rate"] = t["base rate"] + ", " + t.pop("years").str.replace("–", "\u2060–\u2060")
    return t


PACE_RUNS = 200_000  # simulated futures: enough that the chance moves by under half a point between seeds


def pace_chance(rate: float, span: float, window: float, k: int, recent=(), runs: int = PACE_RUNS) -> float:
    """The chance that, with events arriving at random at `rate` a year for `span` years after the
    events at `recent` (years before now, as negative times), some k of them fall within `window` years
    of each other, the last a new one. Simulated with a fixed seed, all runs at once."""
    import numpy as np

    rng = np.random.default_rng(0)
    counts = rng.poisson(rate * span, runs)
    width = int(counts.max()) if runs else 0
    new = rng.uniform(0, span, (runs, width))
    new[np.arange(width)[None, :] >= counts[:, None]] = np.inf  # runs with fewer events: padding
    times = np.concatenate([np.tile(np.sort(np.asarray(recent, float)), (runs, 1)), np.sort(new, axis=1)], axis=1)
    # any k consecutive events within one window, the last of them a new one
    first, last = times[:, : times.shape[1] - k + 1], times[:, k - 1 :]
    with np.errstate(invalid="ignore"):  # padding minus padding: no event, no hit
        hit = (last - first < window) & (last >= 0) & np.isfinite(last)
    return float(hit.any(axis=1).mean())


def pace_false_alarm(ev, judgment: str, n: int) -> dict[str, str]:
    """How often a pace indicator (at_least events within within_months) would go off by the judgment's
    horizon if such events kept the pace our records show, from the first one to the cut-off: its false
    alarm rate, so a reader can see what setting it off would mean (review 46). Events arrive at random
    at that pace (a Poisson process), after the ones already in the window before the cut-off; fixed
    seed, so the figure is the same in every build."""
    ind = ev.judgments.set_index("id").loc[judgment, "indicator_rules"][n - 1]
    rule = {k: v for k, v in ind["match"].items() if k != "since"}
    # Indicators are numbered by their place in the data: one added above moves the rest, and the prose
    # would print another indicator's pace. Stop, naming it, rather than print a wrong rate.
    if "at_least" not in rule:
        raise ValueError(
            f"{judgment}: indicator {n} ({ind['text']!r}) is not a pace (no at_least); renumber the caller"
        )
    past = matching(ev.events, rule)
    k, months = _threshold(rule)
    first = dates.first_day(past["date"].iloc[0])
    rate = len(past) / _years(first, ev.as_of)
    horizon = horizon_of(ev, judgment)
    span = _years(ev.as_of, horizon)
    window = (months or 0) / 12
    # the events already within one window of the cut-off count towards the first future ones
    recent = [-_years(dates.first_day(d), ev.as_of) for d in past["date"]]
    recent = [t for t in recent if t > -window]
    chance = pace_chance(rate, span, window, k, recent)
    # its power: how often it would go off if the pace really doubled, so silence can be weighed
    doubled = pace_chance(2 * rate, span, window, k, recent)
    gaps = [(b.year - a.year) * 12 + b.month - a.month for a, b in itertools.pairwise(past["start"])]
    return {
        "pace_closest": f"{min(gaps)} months" if gaps else "",
        "pace_n": str(len(past)),
        "pace_first": dates.display(past["date"].iloc[0]),
        "pace_rate": f"{rate:.1f}",
        "pace_threshold": threshold_text(rule),
        "pace_false_alarm": per_cent(round(100 * chance)),
        "pace_doubled": per_cent(round(100 * doubled)),
        "pace_most": pace_so_far(past, rule),  # the fastest the record ever went: 'at most 6 within 12 months'
    }


def last_set_off(ev, judgment: str, n: int) -> str:
    """When an event last matched indicator n's rule at any date, contested records left out: 'on 14 May
    2019', how long the public record has been silent."""
    match = ev.judgments.set_index("id").loc[judgment, "indicator_rules"][n - 1]["match"]
    rule = {
        **{k: v for k, v in match.items() if k != "since"},
        "unless": [*match.get("unless", []), *match.get("contested", [])],
    }
    hits = matching(ev.events, rule)
    return dates.when(hits["date"].iloc[-1]) if len(hits) else ""


def last_group_report(ev) -> str:
    """The date of the newest record on the Sulu kidnap groups from the Philippine side (tagged abu-sayyaf
    or sulu, and philippines): how far key judgment 6's group-side watch can see (review 48)."""
    e = ev.events[ev.events["tags"].map(lambda t: ("abu-sayyaf" in t or "sulu" in t) and "philippines" in t)]
    return dates.display(e.sort_values("start", kind="stable")["date"].iloc[-1]) if len(e) else ""


def sabah_long_record(ev, horizon: dt.date) -> dict[str, str]:
    """Key judgment 6 against the whole kidnapping record, not only the years since the security zone
    (review 46): the raids before the zone and their rate, the chance that rate gives over the time
    frame, the longest lull before the present one and how the present one compares, with and without
    the raids officials placed outside Malaysian waters (tagged outside-malaysian-waters; review 47)."""
    raids = kidnap_raids(ev)
    zone = pd.Timestamp(dates.first_day(ev.events.set_index("id").loc["esszone-declared", "date"]))
    before = raids[raids["start"] < zone]
    first = dates.first_day(raids["date"].iloc[0])
    rate = len(before) / _years(first, zone.date())
    quiet = (pd.Timestamp(ev.as_of) - raids["start"].iloc[-1]).days / 365.25

    def longest(starts) -> tuple[float, pd.Timestamp]:
        gap, _, end = max((b - a, a, b) for a, b in itertools.pairwise(starts))
        return gap.days / 365.25, end

    gap, end = longest(list(raids["start"]))
    outside = raids["tags"].map(lambda t: "outside-malaysian-waters" in t)
    gap_in, end_in = longest(list(raids.loc[~outside, "start"]))
    if quiet > max(gap, gap_in):
        rank = "the longest on record"
    elif quiet > gap:
        rank = (
            f"the longest on record if the {int(outside.sum())} raids officials placed outside Malaysian "
            f"waters count (without them, a {gap_in:.1f}-year lull ended in {end_in:%B %Y})"
        )
    else:
        rank = f"shorter than the lull to {end:%B %Y} ({gap:.1f} years)"
    # Review 70: a lull as long as today's that ended in a raid says the quiet's length does not show the
    # groups gone, a reason not to go lower (review 71: it does not undo the lower reading the spell argues);
    # only a quiet longer than every earlier lull leans further that way.
    if quiet > max(gap, gap_in):
        reading = "support for the low reading, not proof"
    else:
        before_zone = " before the zone" if (end_in if quiet > gap else end) < zone else ""
        reading = (
            f"a lull as long ended in a raid{before_zone}, so length alone does not show the groups gone, "
            "another reason not to go lower"
        )
    return {
        "kl_first": dates.display(raids["date"].iloc[0]),
        "kl_n": str(len(before)),
        "kl_rate": f"{rate:.2f}",
        "kl_p": probability_text(1 - math.exp(-rate * _years(ev.as_of, horizon))),
        "kl_gap_to": f"{end:%B %Y}",
        "kl_gap_years": f"{gap:.1f}",
        "kl_quiet_years": f"{quiet:.1f}",
        "kl_quiet_rank": rank,
        "kl_quiet_reading": reading,
    }
