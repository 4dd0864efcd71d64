"""The edition notice, made from analysis.editions.diff: 'What changed since edition X' on one
printed page (capped lists that point to the annex), the full list for the annex, and a short
line for the site's landing page. Every count is counted from the diff."""

from __future__ import annotations

import pandas as pd

from . import briefing, dates, judgments, schema, topics
from .editions import LABELS, Changes, frozen
from .report import weightiest
from .words import listed

# Caps that keep the notice to one printed page (a test lays out the longest notice they allow).
MAX_MOVED = 2  # key judgments that moved, each with its change_note
MAX_MOVED_NAMED = 2  # further ones named with their moves only
MAX_JUDGMENTS = 1  # new or withdrawn key judgments named
MAX_LISTED = 2  # kinds of corrected record named with their fields; new or retired sources
MAX_VALUES = 2  # series values
MAX_PER_JUDGMENT = 1  # new events named under a key judgment they bear on
MAX_JUDGMENT_LINES = 5  # key judgments with a line of their own for new events
MAX_CHARS_NAMED = 60  # an event title on such a line is cut at a word after this many characters
MAX_TOPICS = 3  # topics counted for new events, those with the most first
MAX_FIELDS = 3  # fields named per kind of corrected record
MAX_CHARS = 150  # a title or headline in the notice is cut at a word after this many characters
NO_TOPIC = "In no topic of the topic map"


DANGLING = {
    *("a", "an", "the", "of", "to", "for", "from", "in", "on", "at", "by", "with"),
    *("and", "or", "but", "that", "which", "who", "since", "before", "after", "as"),
}


def short(text: str, limit: int = MAX_CHARS) -> str:
    """The text, or its first words up to `limit` characters and an ellipsis (the annex has it whole)."""
    if len(text) <= limit:
        return text
    cut = text[:limit].rsplit(" ", 1)[0]
    if cut.count("(") > cut.count(")"):  # never leave a bracket open: cut before it
        cut = cut[: cut.rindex("(")].rstrip()
    # nor a word that leads into what was cut ("preparing acts of …", review 47)
    words = cut.rstrip(",;:.").split(" ")
    while len(words) > 1 and words[-1].lower() in DANGLING:
        words.pop()
    return " ".join(words).rstrip(",;:.") + " …"


def plural(n: int, one: str, many: str | None = None) -> str:
    return f"{n} {one if n == 1 else (many or one + 's')}"


def _day(d) -> str:
    return f"{d.day} {d:%B %Y}"


def since_text(changes: Changes) -> str:
    m = changes.since
    return f"edition {m.edition} (frozen on {_day(m.date)}, data as of {_day(m.cutoff)})"


def moved_brief(ev, changes: Changes | None, terse: bool = False) -> str:
    """For the brief: which key judgments moved since the last edition, in one clause ('Moved since
    edition 2026-1: KJ 1 highly likely → likely, confidence moderate → low; KJ 4 ...'), so a briefer
    holding the old brief does not repeat its terms (review 44); says so when none moved. When the
    cut-off has not moved, the clause calls the moves a re-assessment, not news. `terse` names only
    the judgments ('KJ 1, 2 and 4 re-assessed since edition 2026-1 (same cut-off).'): the summary
    prints their terms in its list and sends the reader to the notice for the moves (review 70). Claims
    reworded follow, moved or not."""
    if changes is None:
        return ""
    return _moved(ev, changes, terse) + _reworded(ev, changes, terse)


def _moved(ev, changes: Changes, terse: bool) -> str:
    if not changes.moved:
        return f"No key judgment moved since edition {changes.since.edition}."
    number = ev.judgment_numbers()
    same = str(changes.since.cutoff) == str(ev.as_of)
    if terse:
        which = listed([str(n) for n in sorted(number[m.id] for m in changes.moved)])
        verb = "re-assessed" if same else "moved"
        return f"KJ {which} {verb} since edition {changes.since.edition}{' (same cut-off)' if same else ''}."
    parts = []
    for m in sorted(changes.moved, key=lambda m: number[m.id]):
        (l0, l1), (c0, c1) = m.likelihood, m.confidence
        moves = ([f"{l0} → {l1}"] if l0 != l1 else []) + ([f"confidence {c0} → {c1}"] if c0 != c1 else [])
        parts.append(f"KJ {number[m.id]} {', '.join(moves)}")
    if same:
        # a briefer reads a move under 'what changed' as news; with the cut-off unchanged it is a
        # re-assessment of the same evidence (review 60)
        return f"Re-assessed since edition {changes.since.edition} (same cut-off): {'; '.join(parts)}."
    return f"Moved since edition {changes.since.edition}: {'; '.join(parts)}."


def _reworded(ev, changes: Changes, terse: bool = False) -> str:
    """' Claims reworded: KJ 1–7; KJ 5 now to 31 December 2029.': review 92, a briefer holding the last brief would
    repeat an old claim or time frame; review 93, a judgment that moved may have been reworded too."""
    mine = [c for c in getattr(changes, "corrected", []) if c.table == "judgments"]
    number = ev.judgment_numbers()
    claim = [c.id for c in mine if set(CLAIM_FIELDS) & set(c.fields)]
    if not claim:
        return ""
    text = f" Claims reworded: KJ {_numbers(number[i] for i in claim)}"
    if not terse:
        horizon = ev.judgments.set_index("id")["horizon"]
        text += "".join(f"; KJ {number[c.id]} now to {_day(horizon[c.id])}" for c in mine if "horizon" in c.fields)
    return text + "."


def _same_cutoff(ev, changes: Changes) -> str:
    """A briefer reads 'changes' as news: when the cut-off has not moved, say that they are not."""
    if str(changes.since.cutoff) != str(ev.as_of):
        return ":"
    return ". It had the same cut-off: the changes correct and add to the evidence up to then, not later events."


OTHER = [t for t in schema.TABLES if t not in ("judgments", "events", "references", "indicators")]


def _value_id(v) -> str:
    """A series value's record id, as analysis.editions.record_ids makes it: 'series year source'."""
    return f"{v.series} {v.year} {v.source}"


def _note_only_ids(changes: Changes) -> set[str]:
    """Series rows corrected in their note or unit only: revised, but with no Was/Now to list."""
    return {c.id for c in changes.corrected if c.table == "indicators"} - {_value_id(v) for v in changes.values}


def counts(changes: Changes) -> dict[str, int]:
    """The numbers of the notice, each counted from the diff. A series value is revised when its
    number, unit or note changed; a key judgment is revised when a field other than its likelihood and
    confidence changed; 'other' records are actors, relations, claims, offices, publishers, series
    definitions and topics."""
    fixed = lambda tables: sum(c.table in tables for c in changes.corrected)
    v = changes.values
    return {
        "judgments_moved": len(changes.moved),
        "judgments_new": len(changes.new("judgments")),
        "judgments_removed": len(changes.gone("judgments")),
        "events_new": len(changes.new("events")),
        "events_corrected": fixed(["events"]),
        "events_removed": len(changes.gone("events")),
        "sources_new": len(changes.new("references")),
        "sources_corrected": fixed(["references"]),
        "sources_retired": len(changes.gone("references")),
        "values_added": sum(x.old is None for x in v),
        "values_revised": sum(x.old is not None and x.new is not None for x in v) + len(_note_only_ids(changes)),
        "values_removed": sum(x.new is None for x in v),
        "other_new": sum(len(changes.new(t)) for t in OTHER),
        # a judgment that moved is counted once, as moved (its rewording is said on its line)
        "judgments_revised": sum(
            c.table == "judgments" and c.id not in {m.id for m in changes.moved} for c in changes.corrected
        ),
        "other_corrected": fixed(OTHER),
        "other_removed": sum(len(changes.gone(t)) for t in OTHER),
    }


def summary_sentence(changes: Changes) -> str:
    """'1 key judgment moved, 3 new events and 1 source retired': the counts that are not zero."""
    c = counts(changes)
    words = [
        plural(c["judgments_moved"], "key judgment") + " moved",
        plural(c["judgments_new"], "new key judgment"),
        plural(c["judgments_removed"], "key judgment") + " withdrawn",
        plural(c["judgments_revised"], "key judgment") + " revised",
        plural(c["events_new"], "new event"),
        plural(c["events_corrected"], "event") + " corrected",
        plural(c["events_removed"], "event") + " removed",
        plural(c["sources_new"], "new source"),
        plural(c["sources_corrected"], "source") + " corrected",
        plural(c["sources_retired"], "source") + " retired",
        plural(c["values_added"], "series value") + " added",
        plural(c["values_revised"], "series value") + " revised",
        plural(c["values_removed"], "series value") + " removed",
        plural(c["other_new"], "other record") + " added",
        plural(c["other_corrected"], "other record") + " corrected",
        plural(c["other_removed"], "other record") + " removed",
    ]
    words = [w for w in words if not w.startswith("0 ")]
    if not words:
        return "no changes"
    return listed(words)


def landing_markdown(changes: Changes | None) -> str:
    """One line for the site's landing page, with a link to the notice."""
    if changes is None:
        return "This is the first edition; later editions will say here what changed since it."
    what = summary_sentence(changes) if not changes.empty else "nothing"
    return f"**What changed since edition {changes.since.edition}:** {what}; see {{doc}}`whats-changed`."


def _table(c: dict) -> str:
    rows = [
        (
            "Key judgments",
            c["judgments_new"],
            f"{c['judgments_moved']} moved, {c['judgments_revised']} revised",
            c["judgments_removed"],
        ),
        ("Events", c["events_new"], f"{c['events_corrected']} corrected", c["events_removed"]),
        ("Sources", c["sources_new"], f"{c['sources_corrected']} corrected", f"{c['sources_retired']} retired"),
        ("Series values", c["values_added"], f"{c['values_revised']} revised", c["values_removed"]),
        (
            "Other records",
            c["other_new"],
            f"{c['other_corrected']} corrected",
            c["other_removed"],
        ),
    ]
    lines = ["| Kind | New | Changed | Removed |", "|---|---|---|---|"]
    return "\n".join([*lines, *(f"| {a} | {b} | {m} | {r} |" for a, b, m, r in rows)])


def _term_move(term: str, pair: tuple[str, str]) -> str:
    a, b = pair
    return f"{term} {a} → **{b}**" if a != b else f"{term} {a} (unchanged)"


def _moved_line(m, changes: Changes, number: int | None, horizon) -> str:
    moves = f"{_term_move('Likelihood', m.likelihood)}; {_term_move('confidence', m.confidence)}."
    # the headline printed is the new one: a reader of the old edition must be told it was reworded,
    # and a new time frame said as such (a later horizon at the same likelihood is a weaker claim)
    fields = set().union(*(c.fields for c in changes.corrected if c.table == "judgments" and c.id == m.id))
    claim, moved = bool(set(CLAIM_TEXT) & fields), "horizon" in fields
    reworded = ""
    if claim and moved:
        reworded = " Claim and time frame reworded."
    elif claim:
        reworded = " Claim reworded."
    elif moved:
        reworded = f" Time frame now to {_day(horizon)}."
    why = f" *Why:* {m.note}" if m.note else ""
    # numbered like the lines on new evidence below, so a briefer finds the judgment in the summary
    lead = f"*Key judgment {number}*: " if number else ""
    # whole: a headline ends with its time frame, which a cut would drop (review 70)
    return f"- {lead}{m.headline} {moves}{reworded}{why}"


def _more(shown: int, total: int) -> str:
    return f"; {total - shown} more in the annex" if total > shown else ""


def new_events_by_topic(ev, changes: Changes) -> list[tuple[str, pd.DataFrame]]:
    """The new events under each topic of the topic map (data/topics.yaml) they belong to, then those
    in none; the topics with the most new events first (ties in the map's order), events newest first:
    the notice names only the first few topics and events, and a briefer who used the last edition
    wants where most changed, and the latest."""
    new = set(changes.new("events"))
    events = ev.events[ev.events["id"].isin(new)]
    # ISO dates of any precision sort as text; the sort is stable, so a day ties in file order
    events = events.sort_values("date", key=lambda d: d.astype(str), ascending=False, kind="stable")
    out, placed = [], set()
    for t in ev.topics.itertuples():
        mine = events[events["id"].isin(set(topics.members(ev, t.tags)["id"]))]
        if len(mine):
            out.append((t.title, mine))
            placed |= set(mine["id"])
    out.sort(key=lambda group: -len(group[1]))  # stable: ties keep the map's order
    rest = events[~events["id"].isin(placed)]
    if len(rest):
        out.append((NO_TOPIC, rest))
    return out


def judgments_touched(ev, changes: Changes) -> list[tuple[int, set[str], set[str]]]:
    """Each key judgment the new events reach: (its number, the new events its base rate counts, the
    new events it rests on or sees in an indicator)."""
    new = set(changes.new("events"))
    status = judgments.status(ev)
    # Records weighed beside a base rate's own (review 44): key judgment 1's chance sizes every foiled plot;
    # the attack rate's year-by-year table counts them too, and its argument our arrest operations against
    # the police's, a comparison new ones had turned round unannounced.
    plots = set(judgments.group_sizes(ev)) & new
    arrests = set(briefing.recorded_arrests(ev, 1900)["id"]) & new
    touched = []
    for n, j in enumerate(ev.judgments.itertuples(), 1):
        rate = set(judgments.base_rate(ev, j.base_rate).records) & new if isinstance(j.base_rate, str) else set()
        if j.id == judgments.SMALL_CELLS:
            rate |= plots
        if j.base_rate == "attacks-vs-foiled-plots":
            rate |= plots | arrests
        seen = {r for rs in status.loc[status["judgment"] == j.id, "records"] for r in rs}
        cited = ((set(j.basis) | seen) & new) - rate
        if rate or cited:
            touched.append((n, rate, cited))
    return touched


def new_events_by_judgment(ev, changes: Changes) -> tuple[set[str], list[str]]:
    """The new events each key judgment counts in its base rate, rests on or sees in an indicator, one
    line per judgment they touch (the first few; the rest on one line by number), and the ids of all
    such events: a briefer who used the last edition wants to know which judgments the new evidence
    reaches, not a sample of titles."""
    events = ev.events.set_index("id")
    touched = judgments_touched(ev, changes)
    own = touched
    if len(touched) > MAX_JUDGMENT_LINES:
        # Lines of their own for the judgments that moved, then those with the most new evidence, the
        # newest first: what a returning briefer most needs; the rest share a line.
        moved = {m.id for m in changes.moved}
        ids = list(ev.judgments["id"])

        def rank(x):
            n, rate, cited = x
            newest = max(dates.first_day(events.loc[i, "date"]) for i in rate | cited)
            return ids[n - 1] not in moved, -len(rate | cited), -newest.toordinal()

        own = sorted(sorted(touched, key=rank)[: MAX_JUDGMENT_LINES - 1])
    lines = []
    for n, rate, cited in own:
        parts = []
        if rate:
            years = sorted({dates.first_day(events.loc[i, "date"]).year for i in rate})
            span = str(years[0]) if len(years) == 1 else f"{years[0]}–{years[-1]}"
            parts.append(f"{plural(len(rate), 'new record')} of {span} in its base rate")
        if cited:
            # named in the order of the judgment's basis, the analyst's own order of weight (its first records
            # are those the chapter names as carrying it), then as the summary names events: key events, then
            # acts, newest first (review 51: a meeting the chapter discounts was named before the declaration
            # that carries the reading)
            order = {i: k for k, i in enumerate(ev.judgments["basis"].iloc[n - 1])}
            ranked = weightiest(events.loc[sorted(cited)].reset_index())
            in_basis = ranked["id"].map(order).fillna(len(order))
            first = ranked.iloc[in_basis.argsort(kind="stable")].head(MAX_PER_JUDGMENT)
            named = [_event(r, MAX_CHARS_NAMED) for r in first.itertuples()]
            more = f"; {len(cited) - len(named)} more in the annex" if len(cited) > len(named) else ""
            parts.append(f"new evidence: {'; '.join(named)}{more}")
        lines.append(f"- *Key judgment {n}*: {'; '.join(parts)}.")
    rest = [x for x in touched if x not in own]  # so the notice stays one page
    if rest:
        # each judgment's own count: a total over several reads as evidence shared between them
        counts = listed([str(len(r | c)) for _, r, c in rest])
        lines.append(
            f"- *Key judgments {listed([str(n) for n, _, _ in rest])}*: {counts} new events respectively (the annex lists them)."
            if len(rest) > 1
            else f"- *Key judgment {rest[0][0]}*: {plural(len(rest[0][1] | rest[0][2]), 'new event')} (the annex lists them)."
        )
    return set().union(*(r | c for _, r, c in touched)), lines


# What a changed field of a key judgment is called in the notice, weightiest first. A change to what
# is claimed or by when is reported first; the others after it, each with the judgments it touched.
CLAIM_TEXT = ("headline", "statement")
CLAIM_FIELDS = (*CLAIM_TEXT, "horizon")
JUDGMENT_FIELDS = {
    "base_rate": "base rate",
    "indicators": "indicators",
    "basis": "evidence cited",
    "assumptions": "assumptions",
    "confidence_reason": "confidence reason",
    "confidence_short": "the brief's one-line reason",
    "year_reading": "reading of the last twelve months",
}


def _revised_judgments(ev, changes: Changes) -> list[str]:
    """'claim reworded in key judgment 2 (At least one …); time frame of key judgment 5 now to …; confidence
    reason changed in 1–4 and 9; …': every kind of revision with the numbers of the judgments it
    touched, kinds that touched the same judgments in one clause, so a briefer can turn to them."""
    moved = {m.id for m in changes.moved}  # listed above with their reasons
    mine = [c for c in changes.corrected if c.table == "judgments" and c.id not in moved]
    number = ev.judgment_numbers()
    j = ev.judgments.set_index("id")
    out = []
    claim = [c.id for c in mine if set(CLAIM_TEXT) & set(c.fields)]
    # a new time frame said as such (with its date when one moved): a later horizon at the same
    # likelihood is a weaker claim
    moved_on = [c.id for c in mine if "horizon" in c.fields]
    what = "claim and time frame" if claim and claim == moved_on else "claim"
    if claim:
        word = "key judgment" if len(claim) == 1 else "key judgments"
        named = f" ({short(j.loc[claim[0], 'headline'], 50)})" if len(claim) == 1 else ""
        out.append(f"{what} reworded in {word} {_numbers(number[i] for i in claim)}{named}")
    if len(moved_on) == 1 and what == "claim":
        out.append(f"time frame of key judgment {number[moved_on[0]]} now to {_day(j.loc[moved_on[0], 'horizon'])}")
    elif moved_on and what == "claim":
        out.append(f"time frames moved in key judgments {_numbers(number[i] for i in moved_on)}")
    changed = dict.fromkeys(f for c in mine for f in c.fields if f not in CLAIM_FIELDS)
    fields = [f for f in JUDGMENT_FIELDS if f in changed] + [f for f in changed if f not in JUDGMENT_FIELDS]
    # A field the frozen edition did not have yet (added to the schema since) was added, not revised.
    frozen = changes.since.records.get("judgments")
    had = set(frozen.fields) if frozen is not None else set()
    groups: dict[tuple[str, str], list[str]] = {}
    for f in fields:
        touched = _numbers(number[c.id] for c in mine if f in c.fields)
        verb = "changed in" if f in had else "added for"
        groups.setdefault((verb, touched), []).append(JUDGMENT_FIELDS.get(f, f.replace("_", " ")))
    out += [f"{listed(names)} {verb} {touched}" for (verb, touched), names in groups.items()]
    return out


def _numbers(ns) -> str:
    """'1–4, 6 and 9': judgment numbers in order, runs of three or more as ranges."""
    ns, runs = sorted(set(ns)), []
    for n in ns:
        if runs and n == runs[-1][1] + 1:
            runs[-1][1] = n
        else:
            runs.append([n, n])
    parts = []
    for a, b in runs:
        parts += [f"{a}–{b}"] if b - a >= 2 else [str(k) for k in range(a, b + 1)]
    return listed(parts)


def _event(r, limit: int = MAX_CHARS) -> str:
    return f"{short(r.title, limit)} ({dates.display(r.date)})"


def _corrected_fields(changes: Changes, table: str) -> str:
    """'3 (title 2, date 1)': how many records of a table were corrected, and the fields changed most."""
    mine = [c for c in changes.corrected if c.table == table]
    fields = pd.Series([f for c in mine for f in c.fields]).value_counts()
    shown = [f"{f} {n}" for f, n in list(fields.items())[:MAX_FIELDS]]
    return f"{len(mine)} ({', '.join(shown)}{', …' if len(fields) > MAX_FIELDS else ''})".replace("_", " ")


def notice_markdown(ev, changes: Changes | None) -> str:
    """The one-page notice: a table of counts, then each kind of change with its first few items."""
    if changes is None:
        return "This is the first edition of the report: there is no earlier edition to compare it with."
    if changes.empty:
        return (
            f"**No changes since {since_text(changes)}.** Every record, key judgment and series value is as "
            "it was when that edition was frozen."
        )
    c = counts(changes)
    out = [f"Changes since {since_text(changes)}{_same_cutoff(ev, changes)}", "", _table(c), ""]

    def para(label: str, items: list[str], total: int, shown: int | None = None) -> None:
        more = _more(len(items) if shown is None else shown, total)
        out.extend([f"**{label}** {'; '.join(items)}{more}.", ""])

    j = ev.judgments.set_index("id")
    if changes.moved:
        out += ["**Key judgments that moved.**", ""]
        number = ev.judgment_numbers()
        # a moved likelihood before a moved confidence: the page may hold only the first few
        moved = sorted(changes.moved, key=lambda m: (m.likelihood[0] == m.likelihood[1], number.get(m.id, 0)))
        out += [_moved_line(m, changes, number.get(m.id), j.loc[m.id, "horizon"]) for m in moved[:MAX_MOVED]]

        # the rest named with their moves, the reasons left to the annex: no moved band goes unseen
        def moved_terms(m) -> str:
            terms = ", ".join(t for t, (a, b) in (("likelihood", m.likelihood), ("confidence", m.confidence)) if a != b)
            fields = set().union(*(c.fields for c in changes.corrected if c.table == "judgments" and c.id == m.id))
            # a changed indicator can turn an observed sign into none on the same records (review 47)
            revised = ["claim"] * bool(set(CLAIM_TEXT) & fields) + ["indicators"] * ("indicators" in fields)
            return terms + (f"; {', '.join(revised)} revised" if revised else "")

        rest = [f"key judgment {number[m.id]} ({moved_terms(m)})" for m in moved[MAX_MOVED:] if m.id in number]
        named = rest[:MAX_MOVED_NAMED] + (
            [f"{len(rest) - MAX_MOVED_NAMED} more"] if len(rest) > MAX_MOVED_NAMED else []
        )
        out += [f"- Also moved: {listed(named)}; the annex says why." if rest else "", ""]
    # New, withdrawn and revised judgments in one paragraph: a briefer reads them together.
    news, gone = changes.new("judgments"), changes.gone("judgments")
    parts = []
    if news:
        named = [f"{short(j.loc[i, 'headline']).rstrip('.')} ({j.loc[i, 'likelihood']})" for i in news[:MAX_JUDGMENTS]]
        parts.append(f"New: {'; '.join(named)}{_more(len(named), len(news))}.")
    if gone:
        named = [short(changes.since.judgments[i].headline).rstrip(".") for i in gone[:MAX_JUDGMENTS]]
        parts.append(f"Withdrawn: {'; '.join(named)}{_more(len(named), len(gone))}.")
    revised = _revised_judgments(ev, changes)
    if revised:
        parts.append(f"Revised, likelihood and confidence kept: {'; '.join(revised)}.")
    if parts:
        out.extend([f"**Key judgments.** {' '.join(parts)}", ""])
    groups = new_events_by_topic(ev, changes)
    if groups:
        bearing, lines = new_events_by_judgment(ev, changes)
        if lines:
            out += ["**New events that bear on a key judgment:**", "", *lines, ""]
        others = len(set(changes.new("events")) - bearing)
        by_topic = "; ".join(f"{title} {len(frame)}" for title, frame in groups[:MAX_TOPICS])
        # the events in no topic are a group of the list but not a topic (review 39: "7 other topics" for 6)
        rest = groups[MAX_TOPICS:]
        hidden_topics = sum(title != NO_TOPIC for title, _ in rest)
        unplaced = sum(len(frame) for title, frame in rest if title == NO_TOPIC)
        if hidden_topics:
            by_topic += f"; {plural(hidden_topics, 'other topic')}"
        if unplaced:
            by_topic += f"; {plural(unplaced, 'event')} in no topic"
        verb = "is" if others == 1 else "are"
        lead = f"The other {plural(others, 'new event')} {verb}" if bearing else f"The new events {verb}"
        # 'in none' would be wrong where a chapter argues an event outside any judgment's records (review 42)
        out += [
            f"{lead} in no judgment's basis, base rate or indicator. New events by topic (some are in several): "
            f"{by_topic}.",
            "",
        ]
    # Key judgments and series values have paragraphs of their own; left out here, the other records
    # counted agree with the table's (review 47: "371 records of 9 other kinds" beside its 359).
    records = [c.table for c in changes.corrected if c.table not in ("judgments", "indicators")]
    if records:
        # Every kind is counted; the fields changed are named for the kinds with the most corrections.
        per = pd.Series(records).value_counts(sort=True)
        items = [f"{LABELS[t]} {_corrected_fields(changes, t)}" for t in per.index[:MAX_LISTED]]
        rest = per.iloc[MAX_LISTED:]
        if len(rest):
            items.append(f"and {plural(int(rest.sum()), 'record')} of {plural(len(rest), 'other kind')}")
        para("Corrected records, by field changed:", items, 0)
    # New sources are cited, not named: their titles are other people's words, whose capitals the
    # glossary may lack. A retired source is no longer in the bibliography: it is named by its key.
    # A few are listed in full; more are left to the table's count (part of a list reads as the whole;
    # the annex lists every one), and a line that would only repeat the table is left out.
    src_new, src_gone = changes.new("references"), changes.gone("references")
    sources = [
        f"{len(src_new)} new {_cite(src_new)}" if src_new and len(src_new) <= MAX_LISTED else "",
        f"{len(src_gone)} retired ({', '.join(f'`{k}`' for k in src_gone)})"
        if src_gone and len(src_gone) <= MAX_LISTED
        else "",
    ]
    if any(sources):
        para("Sources:", [x for x in sources if x], 0)
    if changes.values:
        rows = _value_rows(ev, changes.values)[:MAX_VALUES]
        # "N more in the annex" counts the annex's rows, where a move is a removal and an addition (review 38)
        para("Series values:", [line for line, _ in rows], len(changes.values), sum(n for _, n in rows))
    return "\n".join(out).replace("\n\n\n", "\n\n")


def _value_lines(ev, values) -> list[str]:
    """One line per change; a value removed from one series and added, same year, source and number, to
    another is one move (a series split in two), not a removal and an addition."""
    return [line for line, _ in _value_rows(ev, values)]


def _value_rows(ev, values) -> list[tuple[str, int]]:
    """Each line of `_value_lines` with how many values it stands for (a move, two)."""
    added = {(v.year, v.source, v.new): v for v in values if v.old is None}
    moved = {}
    for v in values:
        twin = added.get((v.year, v.source, v.old)) if v.new is None else None
        if twin is not None and twin.series != v.series:
            moved[v] = twin
    skip = set(moved.values())
    return [
        (
            f"{short(_series_title(ev, v.series), 60)}, {v.year}: {_number(v.old)} "
            f"(moved to {short(_series_title(ev, moved[v].series), 60)})",
            2,
        )
        if v in moved
        else (_value(ev, v), 1)
        for v in values
        if v not in skip
    ]


def _cite(keys) -> str:
    return f"{{cite:p}}`{','.join(keys)}`"


def _series_title(ev, series: str) -> str:
    s = ev.series.set_index("id")
    return s.loc[series, "title"] if series in s.index else series


def _number(x: float | None) -> str:
    return "none" if x is None else f"{x:g}"


def _value(ev, v) -> str:
    what = f"{short(_series_title(ev, v.series), 60)}, {v.year}"
    if v.old is None:
        return f"{what}: {_number(v.new)} (added)"
    if v.new is None:
        return f"{what}: {_number(v.old)} (removed)"
    return f"{what}: {_number(v.old)} → {_number(v.new)}"


# ---- the annex: every change ------------------------------------------------------------------


def _md_table(header: list[str], rows: list[list]) -> str:
    cell = lambda x: str(x).replace("|", "/").replace("\n", " ")
    lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    return "\n".join([*lines, *("| " + " | ".join(cell(x) for x in r) + " |" for r in rows)])


def revised_with_reasons(ev, changes: Changes) -> list[list[str]]:
    """The key judgments revised with likelihood and confidence kept whose change_note is new since the
    frozen edition, as [headline, why] rows: a revision can matter as much as a move, as a longer time
    frame at the same likelihood does (review 66: key judgment 5's reason was in the data only)."""
    moved = {m.id for m in changes.moved}
    j = ev.judgments.set_index("id")
    rows = []
    for jid, old in changes.since.judgments.items():
        if jid in moved or jid not in j.index:
            continue
        note = j.loc[jid, "change_note"]
        if isinstance(note, str) and note and note != old.change_note:
            rows.append([j.loc[jid, "headline"], note])
    return rows


def annex_markdown(ev, changes: Changes | None) -> str:
    """Every change since the last frozen edition, record by record, under one heading per kind."""
    if changes is None or changes.empty:
        return notice_markdown(ev, changes)
    out = [f"Changes since {since_text(changes)}: {summary_sentence(changes)}."]

    def section(title: str, body: str) -> None:
        out.extend(["", f"## {title}", "", body])

    def site_only(title: str, what: str, n: int, body: str) -> None:
        # Record-by-record lists for maintainers: hundreds of rows of ids that took some 60 printed
        # pages and 12 s of the PDF's layout; the print edition says where they are instead.
        section(
            title,
            f"```{{container}} html-only\n{body}\n```\n\n"
            f"```{{container}} print-only\nNot printed: {n:,} {what}{'s' * (n != 1)}, listed in this annex in the HTML edition "
            "and in the data downloads.\n```",
        )

    if changes.moved:
        section(
            "Key judgments that moved",
            _md_table(
                ["Key judgment", "Likelihood", "Confidence", "Why"],
                [
                    [
                        m.headline,
                        " → ".join(dict.fromkeys(m.likelihood)),
                        " → ".join(dict.fromkeys(m.confidence)),
                        m.note or "",
                    ]
                    for m in changes.moved
                ],
            ),
        )
    reasons = revised_with_reasons(ev, changes)
    if reasons:
        section("Key judgments revised, likelihood and confidence kept", _md_table(["Key judgment", "Why"], reasons))
    j = ev.judgments.set_index("id")
    if changes.new("judgments") or changes.gone("judgments"):
        rows = [
            ["new", j.loc[i, "headline"], j.loc[i, "likelihood"], j.loc[i, "confidence"]]
            for i in changes.new("judgments")
        ]
        old = changes.since.judgments
        rows += [
            ["withdrawn", old[i].headline, old[i].likelihood, old[i].confidence] for i in changes.gone("judgments")
        ]
        section(
            "New and withdrawn key judgments", _md_table(["Change", "Key judgment", "Likelihood", "Confidence"], rows)
        )
    groups = new_events_by_topic(ev, changes)
    if groups:
        tops: dict[str, list[str]] = {}
        for title, frame in groups:
            for i in frame["id"]:
                tops.setdefault(i, []).append(title)
        e = ev.events[ev.events["id"].isin(changes.new("events"))]
        # the key judgments each new event bears on, so the notice's "N more in the annex" can be found
        # (review 39)
        kjs: dict[str, list[str]] = {}
        for n, rate, cited in judgments_touched(ev, changes):
            for i in rate | cited:
                kjs.setdefault(i, []).append(str(n))
        section(
            "New events",
            _md_table(
                ["Date", "Event", "KJ", "Topics"],
                [
                    [dates.display(r.date), r.title, ", ".join(kjs.get(r.id, [])) or "–", "; ".join(tops[r.id])]
                    for r in e.itertuples()
                ],
            ),
        )
    if changes.corrected:
        site_only(
            "Corrected records",
            "corrected record",
            len(changes.corrected),
            _md_table(
                ["Kind", "Record", "Fields changed"],
                [[LABELS[c.table], f"`{c.id}`", ", ".join(c.fields)] for c in changes.corrected],
            ),
        )
    rows = [
        [f"new {LABELS[t]}", f"`{i}` {_cite([i])}" if t == "references" else f"`{i}`"]
        for t, ids in changes.added.items()
        if t not in ("judgments", "events")
        for i in ids
    ]
    rows += [
        ["retired sources" if t == "references" else f"removed {LABELS[t]}", f"`{i}`"]
        for t, ids in changes.removed.items()
        if t != "judgments"
        for i in ids
    ]
    if rows:
        site_only("Records added and removed", "record", len(rows), _md_table(["Change", "Record"], rows))
    if changes.values:
        # a row whose value stayed but whose note or unit was corrected counts as revised in the totals, but
        # has no Was/Now to show (review 58: the totals and the table seemed to disagree)
        note_only = len(_note_only_ids(changes))
        extra = (
            f"\n\nNot listed: {plural(note_only, 'revised row')} whose value stayed the same and whose note or "
            "unit was corrected."
            if note_only
            else ""
        )
        section(
            "Series values",
            _md_table(
                ["Series", "Year", "Source", "Was", "Now"],
                [
                    [_series_title(ev, v.series), v.year, f"`{v.source}`", _number(v.old), _number(v.new)]
                    for v in changes.values
                ],
            )
            + extra,
        )
    return "\n".join(out)


def editions_markdown(ev) -> str:
    """The editions so far, oldest first, each with its cut-off and size; then this one if it is not
    frozen yet."""

    def size(events: int, relations: int, sources: int) -> str:
        return f"{plural(events, 'event')}, {plural(relations, 'relation')}, {plural(sources, 'source')}"

    out = []
    for m in frozen(ev.data_dir):
        n = {t: len(m.records[t].hashes) if t in m.records else 0 for t in ("events", "relations", "references")}
        out.append(
            f"- Edition {m.edition}, frozen on {_day(m.date)}: data as of {_day(m.cutoff)}; "
            + size(n["events"], n["relations"], n["references"])
            + "."
        )
    if ev.edition.edition not in {m.edition for m in frozen(ev.data_dir)}:
        out.append(
            f"- Edition {ev.edition.edition}, this one (not frozen yet): data as of {_day(ev.as_of)}; "
            + size(len(ev.events), len(ev.relations), len(ev.references))
            + "."
        )
    return "\n".join(out)
