"""Data errors a data editor can act on: file, line, record, field, what is wrong."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Problem:
    file: str
    line: int | None
    record: str | None
    field: str | None
    message: str

    def __str__(self) -> str:
        where = f"{self.file}:{self.line}" if self.line else self.file
        parts = [where]
        if self.record:
            parts.append(f"record '{self.record}'")
        if self.field:
            parts.append(self.field)
        return ": ".join(parts) + f": {self.message}"


class DataError(Exception):
    """Raised when the evidence base is invalid. Holds every problem found, not just the first."""

    def __init__(self, problems: list[Problem]):
        self.problems = sorted(problems, key=lambda p: (p.file, p.line or 0, p.field or ""))
        n = len(self.problems)
        head = f"{n} problem{'s' if n != 1 else ''} in the evidence base:"
        super().__init__("\n".join([head, *map(str, self.problems)]))
