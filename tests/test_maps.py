"""Maps: events get a point from their coordinates or from the gazetteer, nothing is silently
left off, and no two town labels overlap."""

from __future__ import annotations

from types import SimpleNamespace

import matplotlib
import numpy as np
import pytest

from analysis import evidence, labels, maps


def event(**kw):
    base = {"id": "x", "kind": "incident", "tags": [], "place": None, "coords": None}
    return SimpleNamespace(**{**base, **kw})


def test_a_town_is_found_in_the_gazetteer_and_its_region_only():
    p = maps.locate(event(place="off Lahad Datu, Sabah"))
    assert p.town == "Lahad Datu" and p.located_by.startswith("GeoNames") and p.country == "MY"
    assert maps.EAST_SABAH.contains(p.lat, p.lon)
    # 'Jolo' also names towns outside the region: the Sulu one is taken, and it is abroad.
    e = event(place="Jolo, Sulu, Philippines")
    p = maps.locate(e)
    assert maps.EAST_SABAH.contains(p.lat, p.lon) and maps.abroad(e, p) == "PH"


def test_the_country_a_place_names_beats_a_same_named_town_elsewhere():
    e = event(place="Solo, Central Java, Indonesia")  # the gazetteer's 'Solo' is a town in the Philippines
    assert maps.abroad(e, maps.locate(e)) == "ID"
    assert maps.abroad(event(place="Raqqa, Syria"), None) == "SY"
    assert maps.abroad(event(place="Sabah"), None) == ""


def test_coordinates_in_the_data_win_and_unknown_places_get_no_point():
    assert (maps.locate(event(place="Pom Pom Island, Sabah", coords=(4.6, 118.9))).lat, 118.9) == (4.6, 118.9)
    assert maps.locate(event(place="Federation of Malaya")) is None
    assert maps.locate(event(place="Sipadan, Sabah")) is None  # an island no table places
    assert maps.locate(event(place=None)) is None
    # a state's name is not a town, though GeoNames has a 'Kampung Perak'
    assert maps.locate(event(place="Bukit Jenalik, Sauk, Perak")) is None


def test_an_unlisted_island_is_shown_at_its_town_and_says_so():
    p = maps.locate(event(place="Pom Pom Island, Sabah"))
    semporna = maps.locate(event(place="Semporna, Sabah"))
    assert (p.lat, p.lon, p.town) == (semporna.lat, semporna.lon, "Semporna")
    assert "Pom Pom island, which the gazetteer does not list, lies off it" in p.located_by
    p = maps.locate(event(place="Pulau Gaya, Semporna, Sabah"))
    assert p.town == "Semporna" and "Pulau Gaya is not in the gazetteer" in p.located_by


def test_the_island_and_alias_tables_agree_with_the_records_and_the_gazetteer():
    """ISLAND_TOWNS quotes the records: each island's record must still name the town it is put at;
    TOWN_ALIASES must name a town whose GeoNames entry lists the alias."""
    ev = evidence.load()
    for island, town in maps.ISLAND_TOWNS.items():
        recs = ev.events[ev.events["place"].fillna("").str.lower().str.startswith(island)]
        assert len(recs), island
        for r in recs.itertuples():
            assert f"off {town}" in r.summary or f"near {town}" in r.summary, (r.id, town)
    for alias, name in maps.TOWN_ALIASES.items():
        entry = next(c for c in maps.cities().values() if c["name"].lower() == name and c["countrycode"] == "MY")
        assert alias in {a.lower() for a in entry["alternatenames"]}, alias


def test_the_maps_cover_raids_incidents_arrests_and_operations_only():
    ev = evidence.load()
    m = maps.mapped_events(ev)
    shown = dict(zip(m["id"], m["category"]))
    # statements and statistics tagged kidnap-for-ransom are not kidnappings, and not on the maps
    for statement in ("esscom-40-attempts-foiled-2020", "no-kfr-esszone-since-2020-statement"):
        assert statement not in shown
    assert shown["terror-arrests-2021-sabah-only"] == "plot foiled or arrests"
    # a hostage killed in Jolo is not a kidnapping in eastern Sabah, and it happened abroad
    assert shown["bernard-then-beheaded"] != "kidnapping"
    row = m.set_index("id").loc["bernard-then-beheaded"]
    assert row["not shown because"] == "outside Malaysia (Philippines)" and row[["lat", "lon"]].isna().all()
    for named in ("pom-pom-island-attack-2013", "kunak-fish-farm-kidnapping-2014", "mabul-island-attack-2014"):
        assert shown[named] == "kidnapping" and m.set_index("id").loc[named, "lat"] > 0, named
    covered = ev.events[ev.events["kind"].isin(["incident", "arrests", "operation"])]
    assert set(m["id"]) == set(covered["id"])  # no two records of one raid in the data today
    # an exercise is no threat materialising: listed among the events not shown, with the reason
    row = m.set_index("id").loc["fpda-bersama-lima-2019"]
    assert row[["lat", "lon"]].isna().all() and row["not shown because"].startswith("a joint exercise")
    assert set(ev.events.set_index("id").loc[list(m["id"]), "kind"]) <= {"incident", "arrests", "operation"}


def test_every_mapped_event_is_either_on_the_map_or_listed_with_a_reason():
    ev = evidence.load()
    m = maps.mapped_events(ev)
    listed = maps.unplaced(ev)
    assert len(listed) == m["lat"].isna().sum() > 0
    assert listed["not shown because"].str.len().gt(0).all()
    assert m["lat"].notna().sum() > 0
    assert (m["lat"].notna() == (m["not shown because"] == "")).all()


def test_the_map_table_counts_kidnappings_as_the_kidnapping_table_does():
    """One count a year everywhere: the map table's kidnappings are the base-rate table's raids."""
    from analysis import judgments

    ev = evidence.load()
    table = maps.east_sabah_table(ev)
    assert list(table.columns) == ["Year", *maps.MARKERS]  # no empty column
    assert table["Year"].is_unique and (table.drop(columns="Year").sum(axis=1) > 0).all()
    base = judgments.sabah_kidnappings(ev).table
    per_year = base["date"].str[-4:].astype(int).value_counts()
    mapped = table.set_index("Year")["kidnapping"]
    for year, n in per_year.items():
        assert mapped.get(year, 0) == n, year
    assert table.drop(columns="Year").values.sum() == len(maps._inside(maps.mapped_events(ev), maps.EAST_SABAH))


def test_a_label_naming_several_places_has_a_line_to_them():
    """A shared label's tall box can sit well off its markers (review 59: the Kedah and Penang names
    stood a degree north-east of their markers with nothing joining them): each gets a leader line
    from its places' middle to the label."""
    ev = evidence.load()
    fig, ax, shown, owners = maps.draw_region(maps.mapped_events(ev))
    leaders = [tuple(map(tuple, line.get_xydata())) for line in ax.lines if line.get_gid() == maps.LEADER]
    shared = [(t, own) for t, own in zip(shown, owners, strict=True) if t.get_gid() == maps.SHARED]
    assert any("Guar Chempedak" in t.get_text() for t, _ in shared)
    for text, own in shared:
        ends = (tuple(own[0]), tuple(text.get_position()))
        assert any(line[0] == pytest.approx(ends[0]) and line[-1] == pytest.approx(ends[1]) for line in leaders), (
            text.get_text()
        )
    matplotlib.pyplot.close(fig)


def test_town_labels_do_not_overlap():
    """No town label covers another label, a name of land or sea, or another place's markers: on the
    detail map of eastern Sabah, and on the region map as drawn, its Klang Valley inset included."""
    ev = evidence.load()
    m = maps.mapped_events(ev)
    bounds = maps.EAST_SABAH
    fig, ax = maps._map_figure(bounds)
    names = maps._base(ax, bounds)
    maps._points(ax, m, bounds)
    texts, owners = maps._town_labels(ax, m, bounds, 12, avoid=names)
    assert any(t.get_text() == "Tawau (no raid)" for t in texts)  # the reference town, placed like the others
    assert labels.collisions(fig, texts + names, owners + [None] * len(names)) == []
    matplotlib.pyplot.close(fig)
    fig, ax, shown, owners = maps.draw_region(m)
    assert len(labels.node_boxes(fig)) > len(ax.collections[0].get_offsets())  # the inset's markers count
    assert labels.collisions(fig, shown, owners) == []
    # nor is a name of the region map hidden under the inset (review 48: 'Ulu Tiram' was cut off)
    renderer = fig.canvas.get_renderer()
    inset = ax.child_axes[0].get_window_extent(renderer)
    under = [
        t.get_text()
        for t, own in zip(shown, owners, strict=True)
        if own and t.axes is ax and t.get_window_extent(renderer).overlaps(inset)
    ]
    assert under == []
    matplotlib.pyplot.close(fig)


def test_the_markers_of_an_inset_are_nodes_a_label_must_avoid():
    """An inset's markers (the Klang Valley's) are markers like the map's: a label over one of them is
    an overlap. fig.axes leaves insets out, so a check that read only it passed labels over them."""
    fig, ax = matplotlib.pyplot.subplots()
    inset = ax.inset_axes([0.5, 0.5, 0.4, 0.4])
    inset.set_xlim(0, 1)
    inset.set_ylim(0, 1)
    inset.scatter([0.5], [0.5], s=60)
    label = inset.text(0.5, 0.5, "over the marker", ha="center", va="center")
    assert len(labels.node_boxes(fig)) == 1
    assert labels.collisions(fig, [label], [None]) != []
    matplotlib.pyplot.close(fig)


def test_the_region_map_names_every_place_it_marks_outside_the_detail_maps():
    """A marker with no name beside a named one reads as the same town: the region map names every
    place outside the Klang Valley inset and the eastern Sabah box (which name their own), and places
    whose markers nearly touch share one label, their names listed north to south."""
    ev = evidence.load()
    m = maps.mapped_events(ev)
    fig, _, shown, _ = maps.draw_region(m)
    named = {line for t in shown for line in t.get_text().split("\n")}
    outside = maps._inside(m, maps.REGION)
    outside = outside[
        [
            not (maps.KLANG_VALLEY.contains(a, o) or maps.EAST_SABAH.contains(a, o))
            for a, o in zip(outside["lat"], outside["lon"])
        ]
    ]
    assert len(set(outside["town"])) >= 5 and set(outside["town"]) <= named
    shared = [t.get_text() for t in shown if t.get_text().startswith("Guar Chempedak\n")]
    assert shared and "Sungai Petani" in shared[0].split("\n")  # about 25 km apart: touching at this scale
    assert "share one label, named north to south" in maps.label_note(fig.axes[0])  # the note says why
    # review 42: Beaufort's second marker, nudged east, touched Keningau's, and Keningau's name sat by it
    assert "Beaufort\nKeningau" in {t.get_text() for t in shown}
    matplotlib.pyplot.close(fig)


def test_the_klang_valley_inset_shows_and_names_the_events_round_kuala_lumpur(monkeypatch):
    """The peninsula's plots and the Movida attack lie within a few kilometres of Kuala Lumpur: the inset
    draws each place apart, names its towns clear of each other and of the inset's title, and the
    region map leaves those names to it."""
    ev = evidence.load()
    m = maps.mapped_events(ev)
    kv = maps._inside(m, maps.KLANG_VALLEY)
    assert {"movida-grenade-attack", "ampang-suicide-plot-arrest-2016"} <= set(kv["id"])
    fig, ax = maps._map_figure(maps.REGION)
    maps._base(ax, maps.REGION)
    inset, texts, owners = maps.klang_valley_inset(ax, m)
    shown = {(round(y, 5), round(x, 5)) for c in inset.collections for x, y in c.get_offsets()}
    for r in kv.itertuples():  # every event's place has a marker (categories are nudged in longitude)
        assert any(abs(y - r.lat) < 1e-6 and abs(x - r.lon) < 0.01 for y, x in shown), r.id
    assert {"Kuala Lumpur", "Puchong", "Ampang"} <= {t.get_text() for t in texts}
    title = [t for t in inset.texts if t.get_text() == "Klang Valley"]
    assert labels.collisions(fig, texts + title, [*owners, None]) == []
    matplotlib.pyplot.close(fig)
    named = []
    real = maps._town_labels
    monkeypatch.setattr(
        maps, "_town_labels", lambda ax, m, b, *a, **k: (named.append((b, set(m["id"]))), real(ax, m, b, *a, **k))[1]
    )
    maps.region_map(ev)
    (region_ids,) = [ids for b, ids in named if b == maps.REGION]
    assert not region_ids & set(kv["id"]) and {"ulu-tiram-police-station-attack"} <= region_ids


def test_events_naming_sabah_but_no_town_are_listed_under_the_map():
    ev = evidence.load()
    text = maps.sabah_without_town(ev)
    u = maps.unplaced(ev)
    named = u[u["place"].str.contains("Sabah", na=False)]
    assert len(named) and all(title in text for title in named["title"])
    # the others left off the map (abroad, no place) are not listed here
    assert not any(title in text for title in u[~u.index.isin(named.index)]["title"])


def test_the_maps_say_what_they_show():
    ev = evidence.load()
    region, east = maps.region_map(ev), maps.east_sabah_map(ev)
    assert "Map of Malaysia and the Sulu Sea with" in region.alt and "kidnapping" in region.alt
    assert "eastern Sabah" in east.alt
    assert "security zone is not outlined" in east.alt  # no sourced boundary: not drawn, and said


def test_the_legend_keys_the_marker_sizes_as_drawn():
    """Marker size grows with the events at a place: the legend shows what sizes mean, drawn with the
    areas the markers use, in a column of its own."""
    import matplotlib.pyplot as plt

    fig, ax = plt.subplots()
    ax.scatter([0], [0], label="kidnapping (1)")
    maps._legend(ax, ax.collections[:])
    entries = ax.get_legend().legend_handles
    keyed = {h.get_label(): h.get_markersize() ** 2 for h in entries if h.get_label().endswith("at a place")}
    assert keyed == pytest.approx({f"{n} event{'s' * (n != 1)} at a place": maps._area(n) for n in maps.SIZE_KEY})
    assert [h.get_label() for h in entries][-len(maps.SIZE_KEY) :] == list(keyed)
    plt.close(fig)


def test_the_tools_figures_say_data_as_of(monkeypatch):
    """Every briefer's-tool figure writes the 'data as of' line (drawn into the SVG as paths)."""
    from analysis import orgchart, partners, style

    seen = []
    real = style.as_of_line
    monkeypatch.setattr(
        style, "as_of_line", lambda fig, as_of, extra="": (seen.append((as_of, extra)), real(fig, as_of, extra))
    )
    ev = evidence.load()
    for draw in (maps.region_map, maps.east_sabah_map, orgchart.draw, partners.added_figure):
        before = len(seen)
        draw(ev)
        assert [as_of for as_of, _ in seen[before:]] == [ev.as_of], draw.__name__
    # the detail map's note says why the security zone is not drawn
    assert "Security Zone (ESSZone) is not drawn" in seen[1][1] and "no source" in seen[1][1]


def test_the_shipped_gazetteer_is_the_one_geonames_gives_and_its_reading_is_recorded(monkeypatch):
    """data/geo/ ships the place-name table; it must equal a fresh reading of GeoNames, and a notebook
    that reads it must record the file, so that a remade table re-runs the notebook."""
    maps._gazetteer.cache_clear()
    monkeypatch.setattr(evidence, "ACCESSED", set())
    try:
        assert maps._gazetteer_file().exists(), "run `python -m analysis.maps` to make data/geo/ again"
        assert maps._gazetteer() == maps._read_gazetteer()
        assert {f"data/geo/{maps._gazetteer_file().name}"} == evidence.ACCESSED
    finally:
        maps._gazetteer.cache_clear()


def test_without_a_shipped_file_the_maps_make_their_inputs_afresh(tmp_path, monkeypatch):
    """After an upgrade no shipped file matches: the gazetteer and grids are made from the packages."""
    monkeypatch.setattr(maps, "GEO", tmp_path)
    monkeypatch.setattr(maps, "land_grid", lambda b: np.ones((2, 2), np.uint8))
    maps._gazetteer.cache_clear()
    try:
        assert maps._gazetteer() == maps._read_gazetteer()
        assert maps._land_mask(maps.REGION)[2].tolist() == [[1, 1], [1, 1]]
    finally:
        maps._gazetteer.cache_clear()


@pytest.mark.book  # loads the shoreline data (7 s)
def test_the_shipped_land_grids_are_the_ones_the_shoreline_gives():
    assert maps.KLANG_VALLEY in maps.DRAWN
    for b in maps.DRAWN:
        assert maps._grid_file(b).exists(), "run `python -m analysis.maps` to make data/geo/ again"
        lons, lats, mask = maps._land_mask(b)
        assert mask.shape == (lats.size, lons.size) and mask.any()  # the Klang Valley is all land
        assert (mask == maps.land_grid(b)).all(), b.title


def test_a_malaysian_place_is_never_put_at_a_namesake_abroad():
    """Review 45: 'Penang' is also a village in Indonesia, which the gazetteer's first match had been,
    so a Malaysian arrest operation was listed as abroad. Every record naming Penang lies in Malaysia,
    and a place joined by 'and' is split for its country as for its towns."""
    ev = evidence.load()
    penang = ev.events[ev.events["place"].fillna("").str.contains("Penang")]
    assert len(penang) >= 3
    for r in penang.itertuples():
        point = maps.locate(r)
        assert point is not None and point.country == "MY" and not maps.abroad(r, point), r.id
    syria = ev.events.set_index("id").loc["us-transfers-is-detainees-to-iraq-2026"]
    assert maps.abroad(SimpleNamespace(place=syria["place"]), None) in {"SY", "IQ"}  # abroad, not "no town"


def test_a_place_that_names_a_malaysian_state_is_never_placed_abroad():
    """Review 46: 'Subang, Selangor' had been placed at Subang in West Java and the Misuari handover
    'near Kuala Lumpur' likewise, because the gazetteer's most populous Subang is Indonesian. A place
    that names a Malaysian state or territory takes only a Malaysian town, and a bracketed aside is not
    read as a place."""
    loc = maps.locate
    misuari = loc(SimpleNamespace(place="Royal Malaysian Air Force base, Subang, near Kuala Lumpur", coords=None))
    assert (misuari.town, misuari.country) == ("Kuala Lumpur", "MY")
    assert loc(SimpleNamespace(place="Subang, Selangor", coords=None)) is None  # no Malaysian Subang listed
    assert loc(SimpleNamespace(place="Subang", coords=None)).country == "ID"  # nothing says Malaysia
    kl = loc(SimpleNamespace(place="Kuala Lumpur (immigration detention); later elsewhere", coords=None))
    assert kl.town == "Kuala Lumpur"
    ev = evidence.load()
    for r in ev.events.itertuples():
        names = [n.lower() for n in maps._place_names(r.place if isinstance(r.place, str) else "")]
        if any(n in maps.HOME_REGIONS for n in names) and not isinstance(r.coords, (list, tuple)):
            point = loc(r)
            assert point is None or point.country == "MY", r.id


def test_markers_of_different_kinds_at_one_place_stand_apart_on_the_sabah_map():
    """Review 65: at Lahad Datu and Semporna a large kidnapping cross hid the attack and arrest markers
    beside it. Markers of different kinds at one place are set at least half their radii apart."""
    import math

    import matplotlib.pyplot as plt

    ev = evidence.load()
    b = maps.EAST_SABAH
    fig, ax = maps._map_figure(b)
    maps._base(ax, b)
    handles = maps._points(ax, maps.mapped_events(ev), b)
    fig.canvas.draw()
    marks = []  # (kind, place latitude, x and y in points, radius in points)
    for h in handles:
        xy = ax.transData.transform(h.get_offsets())
        for (x, y), (_, lat), s in zip(xy, h.get_offsets(), h.get_sizes(), strict=True):
            marks.append((h.get_label(), round(float(lat), 4), x * 72 / fig.dpi, y * 72 / fig.dpi, math.sqrt(s) / 2))
    pairs = 0
    for i, a in enumerate(marks):
        for c in marks[i + 1 :]:
            if a[0] != c[0] and a[1] == c[1] and abs(a[2] - c[2]) < 20:  # two kinds at one place
                pairs += 1
                assert math.hypot(a[2] - c[2], a[3] - c[3]) >= 0.5 * (a[4] + c[4]), (a, c)
    assert pairs >= 2  # Lahad Datu and Semporna hold several kinds
    plt.close(fig)
