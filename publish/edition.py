"""`make edition`: freeze the evidence base as the edition named in data/edition.yaml.

Writes data/editions/<id>.yaml (analysis.editions.manifest) and refuses to overwrite an edition
that exists: a frozen edition is what readers were given, so it never changes. After freezing,
give data/edition.yaml the next id before editing on; each build then says what changed since."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import yaml

from analysis import dates, editions
from analysis.errors import DataError
from analysis.evidence import load
from analysis.paths import DATA, rel

HEADER = """\
# Edition {edition}, frozen on {date} by `make edition`; information cut-off {cutoff}.
# Do not edit: the build compares the data with the latest edition to say what changed since.
# records: per table, the fields hashed and, per record id, a {n}-digit hash of each field in
# that order ('-' for an empty field); judgments and series keep their words and numbers.
"""


class _Dumper(yaml.SafeDumper):
    """Block style, but a list of plain words (a table's fields) on one line."""


_Dumper.add_representer(
    list,
    lambda d, items: d.represent_sequence(
        "tag:yaml.org,2002:seq", items, flow_style=all(isinstance(i, str) and " " not in i for i in items)
    ),
)


def write(manifest: dict, target: Path) -> None:
    text = yaml.dump(
        manifest, Dumper=_Dumper, sort_keys=False, default_flow_style=False, width=100_000, allow_unicode=True
    )
    header = HEADER.format(n=editions.HASH_LENGTH, **{k: manifest[k] for k in ("edition", "date", "cutoff")})
    tmp = target.with_suffix(".tmp")
    tmp.write_text(header + text, encoding="utf-8")
    tmp.replace(target)


def main(argv: list[str] | None = None, data_dir: Path = DATA) -> int:
    argparse.ArgumentParser(prog="python -m publish.edition", description=__doc__.splitlines()[0]).parse_args(argv)
    try:
        ev = load(data_dir)
        editions.check(ev, data_dir)  # the manifests already frozen are valid, judgments that moved say why
    except DataError as exc:
        print(exc, file=sys.stderr)
        print("edition not frozen: fix the data first (`make check`)", file=sys.stderr)
        return 1
    edition = ev.edition.edition
    target = Path(data_dir) / editions.FOLDER / f"{edition}.yaml"
    if target.exists():
        print(
            f"edition {edition} is frozen already ({rel(target)}); it is never overwritten. "
            "Give data/edition.yaml the next edition id, then run `make edition` again.",
            file=sys.stderr,
        )
        return 1
    target.parent.mkdir(exist_ok=True)
    manifest = editions.manifest(ev, dates.today())
    write(manifest, target)
    counts = ", ".join(f"{len(t['hashes'])} {editions.LABELS[name]}" for name, t in manifest["records"].items())
    print(
        f"froze edition {edition} (cut-off {manifest['cutoff']}, frozen on {manifest['date']}) in {rel(target)}: "
        f"{counts}; {len(manifest['judgments'])} key judgments with their likelihood and confidence"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
