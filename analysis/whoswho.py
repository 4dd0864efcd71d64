"""Who's who: the holders of the offices a briefer meets, from data/offices.yaml."""

from __future__ import annotations

import pandas as pd

from . import dates

# The order a briefer reads them in: government, then security services, then specialist bodies.
ORDER = [
    "Prime Minister",
    "Minister of Home Affairs",
    "Minister of Defence",
    "Minister of Foreign Affairs",
    "Director-General, National Security Council (MKN)",
    "Attorney General",
    "Governor of Bank Negara Malaysia",
    "Inspector-General of Police",
    "Deputy Inspector-General of Police",
    "Director of Special Branch (Pengarah Cawangan Khas)",
    "Principal Assistant Director, Special Branch Counter Terrorism Division (E8)",
    "Chief of Defence Force",
    "Commander, Eastern Sabah Security Command (ESSCOM)",
    "Director-General, Malaysian Maritime Enforcement Agency (MMEA/APMM)",
    "Director-General, SEARCCT",
]


LAST_SOURCED = "last sourced holder; unconfirmed"  # the column's head says "at cut-off"


def _term(start, end, end_unknown, attested) -> str:
    s = dates.display(start) if isinstance(start, str) else ""
    if isinstance(end, str):
        return f"{s} – {dates.display(end)}" if s else f"until {dates.display(end)}"
    if end_unknown:
        seen = ", ".join(dates.display(a) for a in attested) if attested else ""
        # the latest source naming the holder after the start says how long the term is known to have run
        later = [str(a) for a in attested or [] if str(a) > str(start)] if s else []
        if later:
            return f"from {s}; last named {dates.display(max(later))}; end not sourced"
        return f"from {s}; end not sourced" if s else f"in office on {seen}; term not sourced"
    # in office with no end: the latest source naming the holder, so the reader sees how recent it is
    later = [str(a) for a in attested or [] if str(a) > str(start)] if s else []
    if later:
        return f"since {s}; last named {dates.display(max(later))}"
    return f"since {s}" if s else "in office at the newest source"


def _rank(office: str) -> tuple:
    return (ORDER.index(office) if office in ORDER else len(ORDER), office)


def _latest(ev) -> list:
    """Each office's latest sourced term, in the order a briefer reads them."""
    o = ev.offices.copy()
    o["sort"] = [
        dates.first_day(s if isinstance(s, str) else (a[-1] if a else "1900"))
        for s, a in zip(o["start"], o["attested"], strict=True)
    ]
    o["base"] = o["office"].str.replace(" (acting)", "", regex=False)  # an acting term belongs to the office
    latest = o.sort_values("sort").groupby("base", sort=False).tail(1)
    return sorted(latest.itertuples(), key=lambda r: _rank(r.base))


def current(ev) -> pd.DataFrame:
    """One row per office: the latest holder, and whether the data shows them in office at the cut-off."""
    rows = []
    for r in _latest(ev):
        holder = r.holder + (" (acting)" if r.base != r.office else "")
        left = isinstance(r.end, str)  # the latest sourced holder left: who followed is not known
        if left:
            status, holder = "holder not established", f"not established (last known: {holder})"
        else:
            status = LAST_SOURCED if r.end_unknown else "in office"
        rows.append(
            {
                "Office": r.base,
                "Holder": holder,
                "Term": _term(r.start, r.end, r.end_unknown, r.attested),
                "Status at cut-off": status,
                "sources": r.sources,
            }
        )
    return pd.DataFrame(rows)


def gaps(ev) -> list[str]:
    """The offices whose holder at the cut-off no source confirms (the last holder named may have left,
    or their term's end is not sourced), in the order a briefer reads them: a collection gap."""
    return [r.base for r in _latest(ev) if isinstance(r.end, str) or r.end_unknown]


def all_terms(ev) -> pd.DataFrame:
    """Every term, grouped by office, newest first within an office."""
    o = ev.offices.copy()
    o["sort"] = [
        dates.first_day(s if isinstance(s, str) else (a[-1] if a else "1900"))
        for s, a in zip(o["start"], o["attested"], strict=True)
    ]
    o["rank"] = [_rank(x.replace(" (acting)", "")) for x in o["office"]]
    o = o.sort_values(["rank", "sort"], ascending=[True, False])
    return pd.DataFrame(
        {
            "Office": o["office"],
            "Holder": o["holder"],
            "Term": [_term(*x) for x in zip(o["start"], o["end"], o["end_unknown"], o["attested"], strict=True)],
            "sources": o["sources"],
        }
    ).reset_index(drop=True)
