"""Small helpers for prose generated from the data."""

from __future__ import annotations

import re


def per_cent(number) -> str:
    """'36 %': a number and its sign joined by a no-break space, so that no line ends between them."""
    return f"{number}\u00a0%"


def per_cent_range(lo, hi) -> str:
    """'25–35 %' that no line breaks inside: word joiners hold the dash to both numbers (a line may
    otherwise end after an en dash)."""
    return per_cent(f"{lo}\u2060–\u2060{hi}")


def listed(items: list[str]) -> str:
    """'a', 'a and b', 'a, b and c': a list as a sentence names it."""
    items = list(items)
    if not items:
        return ""
    return items[0] if len(items) == 1 else f"{', '.join(items[:-1])} and {items[-1]}"


def without_asides(name: str) -> str:
    """A name less its bracketed asides: 'Ministry of Foreign Affairs (Wisma Putra)' -> 'Ministry of
    Foreign Affairs'."""
    return re.sub(r"\s*\([^)]*\)", "", name)


def plain_name(short, name: str) -> str:
    """What a figure calls an actor: its short name if it has one, else its name in full, never cut
    short, less bracketed asides and what follows a comma ('Prevention of Terrorism Board Secretariat'
    for 'Prevention of Terrorism Board (POTA) Secretariat, Ministry of Home Affairs')."""
    if isinstance(short, str) and short:
        return short
    return without_asides(name).split(", ")[0].strip()


def a_or_an(word: str) -> str:
    """'an eighth', 'a seventh', 'a one': the indefinite article a word takes, by its sound as far as the report's
    ordinals and numbers in words need ('one' opens with a consonant's sound)."""
    vowel = word[:1].lower() in "aeio" and not word.lower().startswith("one")
    return f"{'an' if vowel else 'a'} {word}"


def lower_first(text: str) -> str:
    """Lower-case the first letter to continue a sentence, unless it opens an acronym (NATO, FATF)."""
    return text if text[1:2].isupper() else text[0].lower() + text[1:]


SMALL = ("no", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten")


def small_number(n: int) -> str:
    """'six' for 6: counts of ten or fewer in words, as prose sets them; larger ones in figures."""
    return SMALL[n] if 0 <= n < len(SMALL) else f"{n:,}"
