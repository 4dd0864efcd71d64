"""`make check`: validate the evidence base and say so, for data editors."""

from __future__ import annotations

import sys

from analysis import editions, whatschanged
from analysis.errors import DataError
from analysis.evidence import load


def main() -> int:
    try:
        ev = load()
        changes = editions.check(ev)
    except DataError as exc:
        print(exc, file=sys.stderr)
        print(f"check failed: {len(exc.problems)} problem(s); fix them and run `make check` again", file=sys.stderr)
        return 1
    counts = ", ".join(f"{n} {name}" for name, n in ev.counts().items())
    print(f"data OK: {counts}; data as of {ev.as_of:%d %B %Y} (information cut-off, data/edition.yaml)")
    shares = ", ".join(f"{g} {share:.0%}" for g, share in ev.grade_shares().items())
    if changes:
        print(f"since edition {changes.since.edition} (data/editions/): {whatschanged.summary_sentence(changes)}")
    print(f"cited sources graded A or B: {ev.share_ab():.0%} ({shares})")
    print(f"events and relations citing a source graded A or B: {ev.share_resting_on_ab():.0%}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
