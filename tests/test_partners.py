"""One definition of a partner and one count: the matrix, the counts and the per-period figure
agree with each other and follow the relations in force."""

from __future__ import annotations

import shutil

from analysis import evidence, partners
from analysis.paths import DATA


def test_counts_matrix_and_periods_agree_on_the_real_data():
    ev = evidence.load()
    c = partners.counts(ev)
    m = partners.matrix(ev)
    assert c["n_partners"] == len(m) == len(partners.partners(ev)) > 10
    assert c["n_partnerships"] == len(partners.partnerships(ev)) >= c["n_partners"]
    per = partners.added_per_period(ev)
    assert int(per["partners"].sum()) + per.attrs["undated"] == c["n_partners"]
    # Every filled cell is backed by sources, and no Malaysian body is its own partner.
    src = partners.matrix_sources(ev)
    for partner, row in m.iterrows():
        for mech, cell in row.items():
            assert bool(cell) == bool(src.get((partner, mech))), (partner, mech)
    labels = set(ev.actors[ev.actors["country"] == "MY"]["label"])
    assert not labels & set(m.index)


def test_an_ended_relation_or_a_treaty_makes_no_partner(tmp_path):
    data = tmp_path / "data"
    shutil.copytree(DATA, data)
    ev = evidence.load(data)
    before = partners.partnerships(ev)
    one = before[before["end"].isna()].iloc[0]
    partner_rows = before[before["partner"] == one["partner"]]
    text = (data / "relations.yaml").read_text()
    start = text.index(f"- id: {one['id']}\n")
    block_end = text.find("\n- id:", start + 1)
    block_end = len(text) if block_end < 0 else block_end
    block = text[start:block_end].rstrip("\n") + f"\n  end: '{ev.as_of.year - 1}'\n"
    if "\n  end:" in text[start:block_end]:
        block = text[start:block_end].replace("\n  end: null", f"\n  end: '{ev.as_of.year - 1}'")
    (data / "relations.yaml").write_text(text[:start] + block + text[block_end:])
    after = partners.partnerships(evidence.load(data))
    assert one["id"] not in set(after["id"])
    assert len(after) == len(before) - 1
    if len(partner_rows) == 1:
        assert one["partner"] not in set(after["partner"])
    assert "party-to" not in partners.PARTNER_KINDS
