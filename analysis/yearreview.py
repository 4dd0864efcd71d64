"""The twelve months to the cut-off, judgment by judgment: which events of that window bear on each key
judgment (an indicator matches them, or the judgment weighs them), the analyst's reading of which way
they moved its chance (`year_reading` in judgments.yaml), and the check that every judgment the window
touches has a reading that does not contradict its own indicators."""

from __future__ import annotations

from dataclasses import dataclass, field

from . import schema
from .errors import DataError, Problem
from .paths import rel
from .words import listed
from .yamlio import load_yaml_records

# A reading may weigh an indicator down ("no change": the arrests came before any plot), but it may not
# point against every indicator the window set off: that is the defect of a judgment ignoring its own
# warning. Each indicator direction with the shifts that contradict it when it is the only one seen.
CONTRADICTS = {"raises": "down", "lowers": "up"}
SIGNS = {"raises": "A +", "lowers": "A −"}  # the watch list's marks: + would raise, − would lower
SHIFT_WORDS = {"up": "chance up", "down": "chance down", "no change": "chance unchanged", "mixed": "mixed"}


@dataclass
class Bearing:
    """The window's events that bear on one judgment."""

    signs: dict = field(default_factory=lambda: {"raises": [], "lowers": []})  # direction -> [(indicator, ids)]
    weighed: list = field(default_factory=list)  # ids of its evidence in the window, no indicator matched

    def ids(self) -> list[str]:
        seen = [i for found in self.signs.values() for _, ids in found for i in ids]
        return list(dict.fromkeys(seen + self.weighed))


def bearing(ev) -> dict[str, Bearing]:
    """Judgment id -> the events of the last twelve months that bear on it (judgments with none left out)."""
    from .briefing import last_year
    from .judgments import status

    window = set(last_year(ev)["id"])
    st = status(ev)
    out = {}
    for j in ev.judgments.itertuples():
        b = Bearing()
        below: list[str] = []  # matching records that do not set a pace indicator off: weighed, not a sign
        for w in st[st["judgment"] == j.id].itertuples():
            ids = [i for i in w.records if i in window]
            if ids and w.observed:
                b.signs[w.direction].append((w.indicator, ids))
            else:
                below += ids
        matched = set(b.ids())
        b.weighed = list(dict.fromkeys(i for i in [*j.basis, *below] if i in window and i not in matched))
        if b.ids():
            out[j.id] = b
    return out


def problems(ev) -> list[Problem]:
    """A judgment the window touches needs a reading; one it does not touch must not keep a stale one; a
    reading may not point against the only direction its own indicators show."""
    path = ev.data_dir / schema.TABLES["judgments"][0]
    records = {r.id: r for r in load_yaml_records(path)}  # for the line of each judgment's reading
    touched, found = bearing(ev), []
    for j in ev.judgments.itertuples():
        reading, b = j.year_reading, touched.get(j.id)
        where = (rel(path), records[j.id].line_of("year_reading"), j.id, "year_reading")
        if b is None:
            if isinstance(reading, dict):
                found.append(Problem(*where, "no event of the last twelve months bears on it: remove the reading"))
            continue
        if not isinstance(reading, dict):
            found.append(
                Problem(
                    *where,
                    f"{len(b.ids())} event(s) of the last twelve months bear on it ({', '.join(b.ids()[:3])}"
                    f"{', ...' if len(b.ids()) > 3 else ''}): say which way they moved its chance and why",
                )
            )
            continue
        seen = [d for d, hits in b.signs.items() if hits]
        if len(seen) == 1 and reading["shift"] == CONTRADICTS[seen[0]]:
            hits = "; ".join(f"{text} ({', '.join(ids)})" for text, ids in b.signs[seen[0]])
            found.append(
                Problem(
                    *where,
                    f"shift '{reading['shift']}' points against its own indicator, which {seen[0]} its chance: {hits}",
                )
            )
    return found


def check(ev) -> None:
    found = problems(ev)
    if found:
        raise DataError(found)


def untouched(ev) -> list[str]:
    """The numbers of the key judgments no event of the twelve months bears on."""
    touched = bearing(ev)
    return [str(n) for jid, n in ev.judgment_numbers().items() if jid not in touched]


def untouched_note(ev) -> str:
    """' (none on key judgments 4 and 8)', for the sentence that counts the events bearing on the judgments: the
    summary names them there rather than on a line of the list (the page is full)."""
    n = untouched(ev)
    return f" (none on key judgment{'s' if len(n) > 1 else ''} {listed(n)})" if n else ""


def markdown(ev, cite, name_untouched: bool = True) -> str:
    """The executive summary's list: for each judgment the window touches, the shift and the analyst's
    reading, whether one of its indicators was observed, and a citation of each event that bears on it; the
    judgments it leaves untouched on a line of their own, unless the caller names them (`untouched_note`)."""
    from .briefing import last_year

    events = last_year(ev).set_index("id")
    number = ev.judgment_numbers()
    lines = []
    touched = bearing(ev)
    for jid, b in touched.items():
        j = ev.judgments.set_index("id").loc[jid]
        r = j["year_reading"]
        # named in full in the watch list below; here its sign, as the watch list marks it
        seen = [SIGNS[d] for d, hits in b.signs.items() if hits]
        # both signs read "A + and a − indicator observed": one of each, as the watch list shows them
        seen = seen[:1] + [mark.replace("A ", "a ", 1) for mark in seen[1:]]
        indicator = f" *{' and '.join(seen)} indicator observed.*" if seen else ""
        newest = sorted(b.ids(), key=lambda i: events.loc[i, "start"], reverse=True)
        # each event by its best-graded source that does not dissent from it, as the other short lists cite
        refs = cite([ev.short_sources(events.loc[i, "sources"], events.loc[i, "dissent"], n=1)[0] for i in newest])
        lines.append(
            f"- **Key judgment {number[jid]}** ({j['likelihood']}), *{SHIFT_WORDS[r['shift']]}*: {r['text']}{indicator} {refs}"
        )
    left = untouched(ev)
    if left and name_untouched:  # named, so that a judgment left out does not look forgotten
        word = "Key judgment" if len(left) == 1 else "Key judgments"
        lines.append(
            f"- **{word} {listed(left)}**: no event of the twelve months bears on {'it' if len(left) == 1 else 'them'} directly."
        )
    return "\n".join(lines) or "*No event of the last twelve months bears on a key judgment.*"
