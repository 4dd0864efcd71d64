"""Read data files with line numbers. YAML goes through SafeLoader only: a `!!python/...` tag is
an error, never executed. Duplicate keys, which PyYAML silently overwrites, are errors here."""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass, field
from pathlib import Path

import yaml
from yaml.nodes import MappingNode, SequenceNode

from .errors import DataError, Problem
from .paths import rel


class _Loader(getattr(yaml, "CSafeLoader", yaml.SafeLoader)):
    """SafeLoader that keeps dates as the text the editor wrote ('2012-06', '2012-13-01' too),
    so the validator, not PyYAML, judges them. The C parser (libyaml, in PyYAML's wheels) gives the
    same nodes and lines eight times faster; every notebook and test loads the data."""


_Loader.add_constructor("tag:yaml.org,2002:timestamp", lambda loader, node: loader.construct_scalar(node))


@dataclass
class Record:
    """One list item of a data file: its fields, the line it starts on, and each field's line."""

    fields: dict
    line: int
    field_lines: dict = field(default_factory=dict)
    nodes: dict = field(default_factory=dict, repr=False)

    @property
    def id(self) -> str | None:
        value = self.fields.get("id")
        return value if isinstance(value, str) else None

    def line_of(self, name: str | None) -> int:
        return self.field_lines.get(name, self.line) if name else self.line

    def line_at(self, path) -> int:
        """The line of a nested value, e.g. ('indicators', 0, 'match', 'tags', 1); as deep as the path resolves."""
        path = tuple(path)
        if not path or path[0] not in self.nodes:
            return self.line_of(path[0] if path else None)
        node, line = self.nodes[path[0]], self.line_of(path[0])
        for step in path[1:]:
            if isinstance(node, SequenceNode) and isinstance(step, int) and step < len(node.value):
                node = node.value[step]
            elif isinstance(node, MappingNode):
                # str(step): a number key (a year) is text in the node, a number in the path
                hit = next(((k, v) for k, v in node.value if getattr(k, "value", None) in (step, str(step))), None)
                if hit is None:
                    break
                node = hit[1]
                line = hit[0].start_mark.line + 1
                continue
            else:
                break
            line = node.start_mark.line + 1
        return line


def read_text(path: Path) -> str:
    """UTF-8 text of a file, or a DataError naming the line of the first bad byte."""
    raw = Path(path).read_bytes()
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise DataError(
            [
                Problem(
                    rel(path), line, None, None, f"not UTF-8 text (byte 0x{raw[exc.start]:02x}); save the file as UTF-8"
                )
            ]
        ) from None


def same_text_same_records(parse):
    """Keep a parse for the same text, wherever the file lies. The tests load many edited copies of
    the data in which most files are unchanged; each parse of them cost a third of a second a load.
    Only a clean parse is kept (errors name the file, so they are never reused), and callers only
    read the Records: validation copies their fields into the models."""
    kept: dict[str, tuple] = {}

    def load(path: Path) -> list[Record]:
        text = read_text(path)
        if text not in kept:
            if len(kept) >= 32:
                kept.pop(next(iter(kept)))
            kept[text] = tuple(parse(rel(path), text))
        return list(kept[text])

    return load


@same_text_same_records
def load_yaml_records(name: str, text: str) -> list[Record]:
    """A YAML file that must be a list of mappings, as Records with line numbers."""
    loader = _Loader(text)
    try:
        root = loader.get_single_node()
        if root is None:
            raise DataError([Problem(name, 1, None, None, "the file is empty; expected a YAML list of records")])
        if not isinstance(root, SequenceNode):
            raise DataError(
                [
                    Problem(
                        name,
                        root.start_mark.line + 1,
                        None,
                        None,
                        f"the file must be a YAML list of records ('- id: ...'), not a {_node_kind(root)}",
                    )
                ]
            )
        records, problems = [], []
        for item in root.value:
            line = item.start_mark.line + 1
            if not isinstance(item, MappingNode):
                problems.append(
                    Problem(
                        name,
                        line,
                        None,
                        None,
                        f"each list item must be a record of 'field: value' lines, not a {_node_kind(item)}",
                    )
                )
                continue
            fields, lines, nodes = {}, {}, {}
            for key_node, value_node in item.value:
                key = loader.construct_object(key_node, deep=True)
                key_line = key_node.start_mark.line + 1
                if key in fields:
                    rid = fields.get("id") if isinstance(fields.get("id"), str) else None
                    problems.append(Problem(name, key_line, rid, str(key), "field given twice in the same record"))
                    continue
                fields[key] = loader.construct_object(value_node, deep=True)
                lines[key] = key_line
                nodes[key] = value_node
            records.append(Record(fields, line, lines, nodes))
        if problems:
            raise DataError(problems)
        return records
    except yaml.MarkedYAMLError as exc:
        raise DataError([syntax_problem(name, text, exc)]) from None
    finally:
        loader.dispose()


def syntax_problem(name: str, text: str, exc: yaml.MarkedYAMLError) -> Problem:
    """A YAML syntax error in plain words: the line that holds the mistake (not always where the
    parser gave up) and its usual cause, the parser's own words after it."""
    what = (exc.problem or str(exc)).strip()
    started = exc.context or ""
    lines = text.splitlines()
    mark = exc.problem_mark or exc.context_mark
    if any(k in started for k in ("quoted scalar", "flow sequence", "flow mapping", "simple key")):
        mark = exc.context_mark or mark  # where the unclosed quote or list, or the bad line, began
    line = lines[mark.line] if mark and mark.line < len(lines) else ""
    where = mark.line + 1 if mark else None
    if "constructor for the tag" in what:
        hint = f"{what}: only plain YAML is allowed (tags such as !!python/... are refused, never run)"
        return Problem(name, where, None, None, f"YAML syntax error: {hint}")
    hint = _hint(what, started, line)
    return Problem(
        name, where, None, None, f"YAML syntax error: {hint} (parser: {what})" if hint else f"YAML syntax error: {what}"
    )


def _hint(what: str, started: str, line: str) -> str | None:
    """The usual cause of a PyYAML error, said as a data editor would fix it."""
    key, colon, value = line.strip().removeprefix("- ").partition(": ")
    if "\t" in line:
        return "the line holds a tab character; YAML indents with spaces only"
    if "quoted scalar" in started:
        return "a quote opened on this line is never closed; end the value with the quote it starts with"
    if "flow sequence" in started or "flow mapping" in started:
        return (
            "a bracket ('[' or '{') opened on this line is never closed (or an item in it holds ': ' and needs quotes)"
        )
    if "could not find expected ':'" in what:
        return "this line is not 'field: value'; a long value stays on one line, or goes on in lines indented more than its field"
    if "undefined alias" in what or "cannot start any token" in what:
        return f"a value cannot start with {value.strip()[:1] or 'this character'!r} unless it is in quotes"
    if "mapping values are not allowed" in what and colon and (": " in value or value.endswith(":")):
        quote = '"' if "'" in value else "'"
        return f"the value holds ': ', which YAML reads as a new field; quote it: {key}: {quote}{value}{quote}"
    if "<scalar>" in what and value[:1] in ("'", '"') and value.rstrip()[-1:] != value[:1]:
        return "text follows the closing quote; quote the whole value"
    if "mapping values are not allowed" in what or "expected <block end>" in what:
        return "this line is indented differently from the fields above it; the fields of a record line up"
    return None


def load_yaml_mapping(path: Path) -> Record:
    """A YAML file that is one mapping of 'field: value' lines (e.g. data/edition.yaml), as a Record
    with each field's line and node, so that a problem deep inside a value is reported at its line."""
    name = rel(path)
    text = read_text(path)
    loader = _Loader(text)
    try:
        root = loader.get_single_node()
        if not isinstance(root, MappingNode):
            line = root.start_mark.line + 1 if root is not None else 1
            raise DataError(
                [Problem(name, line, None, None, "the file must be a YAML mapping of 'field: value' lines")]
            )
        fields, lines, nodes, problems = {}, {}, {}, []
        for key_node, value_node in root.value:
            key = loader.construct_object(key_node, deep=True)
            if key in fields:
                problems.append(Problem(name, key_node.start_mark.line + 1, None, str(key), "field given twice"))
                continue
            fields[key] = loader.construct_object(value_node, deep=True)
            lines[key], nodes[key] = key_node.start_mark.line + 1, value_node
        if problems:
            raise DataError(problems)
        return Record(fields, 1, lines, nodes)
    except yaml.MarkedYAMLError as exc:
        raise DataError([syntax_problem(name, text, exc)]) from None
    finally:
        loader.dispose()


def load_csv_rows(path: Path, header: list[str]) -> list[Record]:
    """A CSV file with exactly the given header, as Records (line = the row's line in the file)."""
    name = rel(path)
    reader = csv.reader(io.StringIO(read_text(path), newline=""))
    try:
        first = next(reader)
    except StopIteration:
        raise DataError(
            [Problem(name, 1, None, None, f"the file is empty; expected the header {','.join(header)}")]
        ) from None
    if [h.strip() for h in first] != header:
        raise DataError(
            [Problem(name, 1, None, None, f"header must be exactly '{','.join(header)}', found '{','.join(first)}'")]
        )
    rows, problems = [], []
    line = reader.line_num
    for values in reader:
        start, line = line + 1, reader.line_num
        if not any(v.strip() for v in values):
            continue
        if len(values) != len(header):
            problems.append(
                Problem(name, start, None, None, f"expected {len(header)} comma-separated values, found {len(values)}")
            )
            continue
        rows.append(Record(dict(zip(header, (v.strip() for v in values))), start))
    if problems:
        raise DataError(problems)
    return rows


def _node_kind(node) -> str:
    return {"MappingNode": "mapping", "SequenceNode": "list", "ScalarNode": "single value"}.get(
        type(node).__name__, type(node).__name__
    )
