"""The organisation chart is a tree of Malaysian state bodies built from the actors' parents,
drawn without overlapping labels; oversight in force is listed beside it."""

from __future__ import annotations

import matplotlib.pyplot as plt

from analysis import evidence, labels, orgchart


def test_the_chart_is_a_tree_under_the_state():
    bodies, over = orgchart.architecture(evidence.load())
    for must in (
        "nsc-malaysia",
        "home-ministry",
        "rmp",
        "rmp-special-branch",
        "maf",
        "mmea",
        "esscom",
        "bnm-fied" if "bnm-fied" in bodies.index else "bank-negara",
        "searcct",
    ):
        assert must in bodies.index, must
    for body, parent in bodies["parent"].items():
        assert parent in ("", orgchart.ROOT) or parent in bodies.index, (body, parent)
    # Oversight lines join bodies in the chart and never repeat a parent line.
    assert set(over["source"]) | set(over["target"]) <= set(bodies.index)
    assert not any((bodies.loc[t, "parent"] == s) for s, t in zip(over["source"], over["target"], strict=True))


def test_a_body_moves_with_its_parent(tmp_path):
    """Re-parent a body in a copy of the data: the chart follows."""
    import shutil

    from analysis.paths import DATA

    data = tmp_path / "data"
    shutil.copytree(DATA, data)
    text = (data / "actors.yaml").read_text()
    start = text.index("- id: mmea\n")
    block_end = text.index("\n- id:", start + 1)
    block = text[start:block_end].replace("parent: home-ministry", "parent: mindef")
    assert "parent: mindef" in block
    (data / "actors.yaml").write_text(text[:start] + block + text[block_end:])
    bodies, _ = orgchart.architecture(evidence.load(data))
    assert bodies.loc["mmea", "parent"] == "mindef"


def test_no_label_overlaps_another():
    fig, texts, alt = orgchart.render(evidence.load())
    assert len(texts) > 20
    assert labels.collisions(fig, texts) == []  # boxes measured with their frames
    assert "Organisation chart of" in alt
    plt.close(fig)


def test_the_key_spells_out_every_abbreviated_label():
    """A reader of the print cannot hover: each label with an acronym or another name is in the key
    with the body's full name, e.g. the POTA Board apart from its secretariat."""
    ev = evidence.load()
    bodies, _ = orgchart.architecture(ev)
    key = orgchart.key_text(ev)
    for must in ("KDN", "PMD", "PGK", "UTK", "CMC", "MiDAS", "NFCC", "NSOF", "BNM", "YDPA", "E8", "Wisma Putra"):
        label = bodies[bodies["label"] == must]
        assert len(label) == 1, must
        assert f"**{must}**: {label['name'].iloc[0].removesuffix(f' ({must})')}" in key, must
    assert "**MITI**: Ministry of Investment, Trade and Industry;" in key  # its short form not repeated
    assert "(Wisma Putra)" not in key
    assert "**POTA Board**: Prevention of Terrorism Board;" in key
    assert "**Cabinet**" not in key  # a plain short name needs no key
    assert "**Special Branch**" not in key


def test_long_names_are_wrapped_whole_never_cut_short():
    """The boxes print whole names: a long one on two lines, none ending in '…'."""
    fig, texts, _ = orgchart.render(evidence.load())
    shown = [t.get_text() for t in texts]
    assert not [s for s in shown if "…" in s]
    for name in (
        "Prevention of Terrorism Board Secretariat",  # the POTA Board's secretariat, not the Board
        "Radical and High-Risk Detainees/Prisoners Division",
        "Special Task Force Department",
    ):
        assert name in [" ".join(s.split("\n")) for s in shown if "\n" in s], name
    plt.close(fig)


def test_vat69_sits_in_the_special_operations_command_as_the_table_had_it():
    """The 1997 merger put VAT 69 and UTK into the PGK: the chart draws both under it, so the
    oversight table no longer lists PGK over VAT 69 as if it were another line of command."""
    bodies, over = orgchart.architecture(evidence.load())
    assert bodies.loc["vat69", "parent"] == bodies.loc["rmp-utk", "parent"] == "rmp-pgk"
    assert not ((over["source"] == "rmp-pgk") & (over["target"] == "vat69")).any()
