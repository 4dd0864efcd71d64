"""The glossary: every acronym the book uses, from the actors' abbreviations plus a short list of
terms that are not actors (data/glossary.yaml). The build refuses a page that uses an acronym the
glossary lacks, so the list cannot fall behind the text."""

from __future__ import annotations

import re
from pathlib import Path

import pandas as pd
from pydantic import ValidationError

from . import evidence, schema
from .errors import DataError, Problem
from .paths import DATA, rel
from .yamlio import load_yaml_records

# Two or more capitals (digits allowed after the first letter), standing alone: SOSMA, E8, ADMM.
ACRONYM = re.compile(r"(?<![\w-])[A-Z][A-Z0-9]*[A-Z0-9](?:-[A-Z][A-Z0-9]*)?(?![\w-])")
ROMAN = re.compile(r"^(?=[MDCLXVI])M*(C[MD]|D?C{0,3})(X[CL]|L?X{0,3})(I[XV]|V?I{0,3})$")


def acronyms_in(text: str) -> set[str]:
    """Acronyms in a text, leaving out Roman numerals (Part II), sums (RM200) and codes with one
    letter and more than two digits (Act numbers such as A1459); a letter and one or two digits is a
    unit's code (the police's E8) and counts."""
    found = {m.group(0) for m in ACRONYM.finditer(text)}
    return {
        a
        for a in found
        if not ROMAN.match(a)
        and (sum(c.isalpha() for c in a) >= 2 or re.fullmatch(r"[A-Z][0-9]{1,2}", a))
        and not re.fullmatch(r"RM\d+", a)
    }


def terms_in(text: str, terms) -> set[str]:
    """The glossary terms a text uses, as whole words in their own spelling: also those acronyms_in
    leaves out, mixed-case ones (ESSZone, MiDAS, Umno) and those joined by a hyphen ('ex-JI',
    'UN-only')."""
    ordered = sorted(terms, key=len, reverse=True)
    if not ordered:
        return set()
    pattern = re.compile(r"(?<![A-Za-z0-9])(" + "|".join(map(re.escape, ordered)) + r")(?![A-Za-z0-9])")
    return set(pattern.findall(text))


def _abbreviation(short: str) -> bool:
    """A short name a reader looks up as a whole: one that is or holds an abbreviation ('E8', 'EWG on
    CT', 'MiDAS'), not a plain word ('Cabinet') and not a list of alternatives ('FIED / FIU', whose
    parts are looked up one by one)."""
    return bool(re.search(r"[A-Z]{2}|[A-Z][0-9]", short)) and "/" not in short


def load_extra(data_dir: Path = DATA) -> pd.DataFrame:
    """data/glossary.yaml: terms that are not actors (laws, forces, concepts), validated."""
    path = Path(data_dir) / "glossary.yaml"
    evidence.ACCESSED.add(rel(path))
    problems, rows = [], []
    for rec in load_yaml_records(path):
        try:
            t = schema.GlossaryTerm.model_validate(rec.fields)
        except ValidationError as exc:
            for err in exc.errors():
                field = str(err["loc"][0]) if err["loc"] else None
                problems.append(Problem(rel(path), rec.line_of(field), rec.fields.get("term"), field, err["msg"]))
            continue
        rows.append({"term": t.term, "meaning": t.meaning, "line": rec.line})
    seen: dict[str, int] = {}
    for r in rows:
        if r["term"] in seen:
            problems.append(
                Problem(rel(path), r["line"], r["term"], "term", f"term already defined at line {seen[r['term']]}")
            )
        seen.setdefault(r["term"], r["line"])
    if problems:
        raise DataError(problems)
    return pd.DataFrame(rows, columns=["term", "meaning", "line"])


def terms(ev, data_dir: Path = DATA) -> pd.DataFrame:
    """Every glossary term with its meaning, sorted: actors' abbreviations first fill it, then the
    extra list adds terms that are not actors (and may override an actor's long name)."""
    rows = {}
    for a in ev.actors.itertuples():
        short = a.short if isinstance(a.short, str) else ""
        name = re.sub(r"\s*\(.*?\)\s*$", "", a.name)
        for token in acronyms_in(short):
            rows.setdefault(token, name if token == short else a.name)
    for a in ev.actors.itertuples():  # then the short names as printed: 'EWG on CT', 'VAT 69', 'DI'
        short = a.short if isinstance(a.short, str) else ""
        name = re.sub(r"\s*\(.*?\)\s*$", "", a.name)
        if short and _abbreviation(short) and name != short:
            rows.setdefault(short, name)
    extra = load_extra(data_dir)
    for t in extra.itertuples():
        rows[t.term] = t.meaning
    out = pd.DataFrame(sorted(rows.items(), key=lambda kv: kv[0].lower()), columns=["term", "meaning"])
    return out


def expansion(meaning: str) -> str:
    """A glossary meaning's name alone, for prose that spells a term out before its acronym:
    'Professional Head of Intelligence Analysis' from 'Professional Head of Intelligence Analysis
    (UK), whose probability yardstick this report uses'."""
    return re.split(r" \(|, ", meaning)[0]


def short_meaning(meaning: str) -> str:
    """A meaning for a list of abbreviations: what the letters stand for, without a last bracket
    ('(Act 747)') or an aside ('..., whose Refworld site holds ...', '..., as in the SEA Games'); the
    glossary keeps them."""
    return re.sub(r"\s*\([^()]*\)$", "", re.split(r", (?:whose|as in) ", meaning)[0])


def spelled_out(ev, term: str) -> str:
    """The name a glossary term stands for (expansion of its meaning), so the prose and the
    glossary cannot disagree."""
    return expansion(terms(ev).set_index("term").loc[term, "meaning"])


def misspelt_expansions(text: str, meanings: dict[str, str]) -> list[str]:
    """Places where a text spells out a glossary term before its acronym, 'Words Like These (WLT)',
    with other words than the glossary's: the words before '(WLT)' have the initials of the
    glossary's expansion but are not those words."""
    out = []
    for m in re.finditer(r"\(([A-Z][A-Za-z0-9-]+)\)", text):
        if m.group(1) not in meanings:
            continue
        want = expansion(meanings[m.group(1)]).split()
        have = re.findall(r"[\w'’-]+", text[: m.start()])[-len(want) :]
        initials = [w[0].lower() for w in have] == [w[0].lower() for w in want]
        if initials and [w.lower() for w in have] != [w.lower() for w in want]:
            out.append(f"{' '.join(have)} ({m.group(1)}): the glossary has {' '.join(want)}")
    return out


def undefined(texts: dict[str, str], known: set[str]) -> dict[str, list[str]]:
    """Page -> acronyms in its text that the glossary lacks (pages with none are left out)."""
    out = {}
    for page, text in sorted(texts.items()):
        missing = sorted(acronyms_in(text) - known)
        if missing:
            out[page] = missing
    return out


# --- defined terms --------------------------------------------------------------------------------

# Words the key judgments give a meaning of their own: (term, judgment, where its definition is, the
# words the definition's bracket opens with). The definition is quoted from the judgment itself, so the
# glossary says what the claim says; a reworded judgment that loses it stops the build.
# With a lead, the meaning is the judgment's words just before the bracket, then the bracket.
JUDGMENT_TERMS = (
    ("terrorist attack", "kj-attack-before-2029", "statement", "violence by", ""),
    ("small cell", "kj-small-cells-main-threat", "statement", "no more than", "small cell"),
    ("plot at an operational stage", "kj-attack-before-2029", "indicator", "police say it planned", ""),
    (
        "SOSMA's investigative detention",
        "kj-sosma-reform",
        "statement",
        "today up to",
        "detention for investigation without a court's remand",
    ),
    ("asset freeze", "kj-financing-dispute", "statement", "a freeze ordered", ""),
    ("formal NATO partner", "kj-no-nato-partnership", "statement", "listed by NATO", ""),
)


def bracket(text: str, opens: str) -> str:
    """The bracketed aside of `text` that opens with `opens`, without its brackets (nested ones kept)."""
    start = text.find("(" + opens)
    if start < 0:
        raise ValueError(f"no bracket opening with {opens!r}")
    depth = 0
    for i in range(start, len(text)):
        depth += {"(": 1, ")": -1}.get(text[i], 0)
        if depth == 0:
            return " ".join(text[start + 1 : i].split())
    raise ValueError(f"the bracket opening with {opens!r} is not closed")


def defined_terms(ev) -> pd.DataFrame:
    """The report's own meanings for the words its judgments turn on: a partner (analysis.partners),
    the judgments' defined terms, and the likelihood and confidence words."""
    from . import partners

    number = ev.judgment_numbers()
    j = ev.judgments.set_index("id")
    rows = [
        ("partner", " ".join(partners.__doc__.split("\n\n")[1].split()), "Partner matrix"),
        ("dialogue contact", "an actor Malaysia only consults or coordinates with; not a partner", "Partner matrix"),
    ]
    for term, jid, where, opens, lead in JUDGMENT_TERMS:
        texts = (
            [j.loc[jid, "statement"]] if where == "statement" else [i["text"] for i in j.loc[jid, "indicator_rules"]]
        )
        opening = f"{lead} ({opens}" if lead else f"({opens}"
        found = [" ".join(t.split()) for t in texts if opening in " ".join(t.split())]
        if not found:
            raise ValueError(f"key judgment {number[jid]} ({jid}) no longer defines '{term}' ('{opening}...')")
        inner = bracket(found[0], opens)
        rows.append((term, f"{lead} ({inner})" if lead else inner, f"key judgment {number[jid]}"))
    for term, (lo, hi) in schema.YARDSTICK.items():
        rows.append((term, f"a likelihood of {lo}–{hi} % (the PHIA yardstick)", "Methods and data"))
    rows += [
        (
            "confidence (high, moderate, low)",
            "how good the evidence and reasoning behind a judgment are, not how likely it is",
            "Methods and data",
        ),
        (
            "base rate",
            "how often events of a judgment's kind happened over a past period, turned into the chance of at "
            "least one in its time frame",
            "Methods and data",
        ),
        (
            "outcome (an indicator)",
            "an event that would settle its judgment rather than move it; it counts only inside the judgment's "
            "time frame and is marked = in the summary's and the brief's lists",
            "Key judgments",
        ),
        (
            "remand",
            "a magistrate's order letting the police hold a suspect for investigation; SOSMA's detention for up "
            "to 28 days needs none",
            "key judgment 3",
        ),
        (
            "regular and enhanced follow-up",
            "the FATF's lighter and heavier tracks after a mutual evaluation; the heavier asks for more frequent "
            "reports on progress",
            "key judgment 5",
        ),
        ("grey list", "the FATF's public list of jurisdictions under increased monitoring", "key judgment 5"),
        (
            "rule of succession",
            "Laplace's estimate of the chance that the next event is of a kind seen k times in n: (k + 1) / (n + 2)",
            "key judgment 1",
        ),
        (
            "movement control order",
            "a legal order restricting movement; in eastern Sabah, the order under which the night curfew at sea runs",
            "key judgment 6",
        ),
        (
            "Entity List",
            "a US Commerce Department list of foreign firms and persons whom US exports need a licence to reach",
            "key judgment 7",
        ),
        (
            "observed (an indicator)",
            "an event in our data, dated on or after the indicator's start, matches its rule (or, where the "
            "rule asks for a pace, as many such events as it names fall within its span); "
            "'not observed' means none does by the cut-off",
            "Key judgments",
        ),
    ]
    return pd.DataFrame(rows, columns=["term", "meaning", "defined in"])
