"""Small helpers for prose generated from the data."""

from __future__ import annotations


def listed(items: list[str]) -> str:
    """'a', 'a and b', 'a, b and c': a list as a sentence names it."""
    items = list(items)
    return items[0] if len(items) == 1 else f"{', '.join(items[:-1])} and {items[-1]}"
