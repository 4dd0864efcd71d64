"""Dates as precise as the sources allow: YYYY, YYYY-MM or YYYY-MM-DD."""

from __future__ import annotations

import calendar
import datetime as dt
import re

_PATTERN = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")


def today() -> dt.date:
    return dt.date.today()


def normalise(value) -> str:
    """The text form of a date given in YAML (PyYAML turns 2012-06-18 into a date, 2012 into an int)."""
    if isinstance(value, dt.datetime):
        value = value.date()
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, bool) or not isinstance(value, (int, str)):
        raise ValueError(f"'{value}' is not YYYY, YYYY-MM or YYYY-MM-DD")
    text = str(value).strip()
    m = _PATTERN.match(text)
    if not m:
        raise ValueError(f"'{text}' is not YYYY, YYYY-MM or YYYY-MM-DD")
    year, month, day = int(m[1]), m[2], m[3]
    if month is not None and not 1 <= int(month) <= 12:
        raise ValueError(f"'{text}' is not YYYY, YYYY-MM or YYYY-MM-DD (month {month})")
    if day is not None and not 1 <= int(day) <= calendar.monthrange(year, int(month))[1]:
        raise ValueError(f"'{text}' is not a calendar date (day {day})")
    if first_day(text) > today():
        raise ValueError(f"'{text}' is in the future")
    return text


def precision(text: str) -> str:
    return {4: "year", 7: "month", 10: "day"}[len(text)]


def first_day(text: str) -> dt.date:
    parts = [int(p) for p in text.split("-")] + [1, 1]
    return dt.date(parts[0], parts[1], parts[2])


def last_day(text: str) -> dt.date:
    parts = [int(p) for p in text.split("-")]
    if len(parts) == 1:
        return dt.date(parts[0], 12, 31)
    if len(parts) == 2:
        return dt.date(parts[0], parts[1], calendar.monthrange(parts[0], parts[1])[1])
    return dt.date(*parts)


def display(text: str) -> str:
    """'2012-06-18' -> '18 June 2012', '2012-06' -> 'June 2012', '2012' -> '2012'."""
    d = first_day(text)
    return {"year": f"{d.year}", "month": f"{d:%B %Y}", "day": f"{d.day} {d:%B %Y}"}[precision(text)]


def when(text: str) -> str:
    """The date with the preposition its precision takes, for prose: '2024-09-30' -> 'on 30 September 2024',
    '2024-09' -> 'in September 2024', '2024' -> 'in 2024'. Write 'launched {when}', never 'launched in {display}'."""
    return ("on " if precision(text) == "day" else "in ") + display(text)


def fractional_year(d: dt.date) -> float:
    start = dt.date(d.year, 1, 1)
    return d.year + (d - start).days / (366 if calendar.isleap(d.year) else 365)
