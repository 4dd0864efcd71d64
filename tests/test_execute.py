"""Notebooks share long-lived kernels (publish.execute.Kernel): each notebook must still run as in a
fresh kernel (no variables, no changed tables from the one before) and record exactly what it read."""

from __future__ import annotations

import json
import shutil

import nbformat
import pytest

from analysis.paths import ROOT
from publish.execute import Kernel


def notebook(*cells: str) -> str:
    nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(c) for c in cells])
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    return nbformat.writes(nb)


def printed(text: str) -> list[str]:
    nb = nbformat.reads(text, as_version=4)
    return "".join(o.get("text", "") for c in nb.cells for o in c.outputs if o.output_type == "stream").split()


@pytest.fixture(scope="module")
def runs(tmp_path_factory):
    kernel = Kernel(str(tmp_path_factory.mktemp("nb")))
    try:
        return [
            kernel.run(notebook(*cells))
            for cells in (
                [
                    "from analysis import evidence, timeline\nev = evidence.load()\nleft_behind = 1",
                    "ev.events.loc[:, 'title'] = 'changed by the first notebook'\nprint(ev.as_of)",
                ],
                [
                    "from analysis import evidence\nev = evidence.load()\nprint('left_behind' in dir() or '_ev' in dir(), ev.events['title'].iloc[0] == "
                    "'changed by the first notebook')",
                    "print(len(ev.judgments))",
                ],
            )
        ]
    finally:
        kernel.close()


def test_the_next_notebook_sees_no_variable_or_change_of_the_last(runs):
    (_, _, _), (text, _, _) = runs
    assert printed(text)[:2] == ["False", "False"]


def test_each_notebook_records_what_it_read(runs):
    (_, _, first), (_text, _, second) = runs
    assert any(m.endswith("analysis/timeline.py") for m in first["modules"])
    assert not any(m.endswith("analysis/timeline.py") for m in second["modules"])  # imported again only if used
    assert any(m.endswith("analysis/evidence.py") for m in second["modules"])
    # events carry columns computed from the sources and their publishers (independent publishers)
    events = ["data/events.yaml", "data/publishers.yaml", "data/references.bib"]
    assert first["data"] == events and len(first["as_of"]) == 1  # the date is recorded as its value
    assert second["data"] == sorted([*events, "data/judgments.yaml"]) and second["as_of"] == []


def test_cells_are_numbered_as_in_a_fresh_kernel(runs):
    for text, _, _ in runs:
        nb = nbformat.reads(text, as_version=4)
        assert [c.execution_count for c in nb.cells] == [1, 2]
        assert "@@deps@@" not in json.dumps(nb) and "%reset" not in json.dumps(nb)


def test_a_kernel_readied_before_a_data_edit_runs_on_the_edited_data(tmp_path, monkeypatch):
    """`make serve` keeps kernels ready (Kernel.preload) between rebuilds: they must hold no data."""
    shutil.copytree(ROOT / "data", tmp_path / "data")
    monkeypatch.setenv("CT_REPORT_ROOT", str(tmp_path))  # the kernel reads the copy
    kernel = Kernel(str(tmp_path)).preload()
    try:
        events = tmp_path / "data" / "events.yaml"
        events.write_text(events.read_text().replace("title: ", "title: Readied ", 1))
        text, _, deps = kernel.run(
            notebook(
                "from analysis import evidence\nprint(evidence.load().events['title'].str.startswith('Readied ').sum())"
            )
        )
    finally:
        kernel.close()
    assert printed(text) == ["1"]
    assert "data/events.yaml" in deps["data"]
    assert [c.execution_count for c in nbformat.reads(text, as_version=4).cells] == [1]
