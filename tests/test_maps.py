"""Maps: events get a point from their coordinates or from the gazetteer, nothing is silently
left off, and no two town labels overlap."""

from __future__ import annotations

from types import SimpleNamespace

import matplotlib

from analysis import evidence, labels, maps


def event(**kw):
    base = {"id": "x", "kind": "incident", "tags": [], "place": None, "coords": None}
    return SimpleNamespace(**{**base, **kw})


def test_a_town_is_found_in_the_gazetteer_and_its_region_only():
    lat, lon, town, how = maps.locate(event(place="off Lahad Datu, Sabah"))
    assert town == "Lahad Datu" and how.startswith("GeoNames")
    assert maps.EAST_SABAH.contains(lat, lon)
    # 'Jolo' also names towns outside the region: the Sulu one is taken.
    lat, lon, _, _ = maps.locate(event(place="Jolo, Sulu, Philippines"))
    assert maps.EAST_SABAH.contains(lat, lon)


def test_coordinates_in_the_data_win_and_unknown_places_get_no_point():
    assert maps.locate(event(place="Pom Pom Island, Sabah", coords=(4.6, 118.9)))[:2] == (4.6, 118.9)
    assert maps.locate(event(place="Federation of Malaya")) is None
    assert maps.locate(event(place=None)) is None


def test_every_mapped_event_is_either_on_the_map_or_listed():
    ev = evidence.load()
    m = maps.mapped_events(ev)
    kinds = {"incident", "arrests", "operation"}
    expected = {
        e.id
        for e in ev.events.itertuples()
        if e.kind in kinds or "kidnap-for-ransom" in e.tags or "foiled-plot" in e.tags
    }
    assert set(m["id"]) == expected
    listed = maps.unplaced(ev)
    assert len(listed) == m["lat"].isna().sum() > 0
    assert m["lat"].notna().sum() > 0


def test_town_labels_do_not_overlap():
    ev = evidence.load()
    for bounds, limit in ((maps.REGION, 8), (maps.EAST_SABAH, 12)):
        fig, ax = maps._map_figure(bounds)
        names = maps._base(ax, bounds)
        m = maps.mapped_events(ev)
        maps._points(ax, m, bounds)
        texts, owners = maps._town_labels(ax, m, bounds, limit, avoid=names)
        assert texts, "no labels drawn"
        # no town label covers another label, a name of land or sea, or another place's markers
        assert labels.collisions(fig, texts + names, owners + [None] * len(names)) == []
        matplotlib.pyplot.close(fig)


def test_the_maps_say_what_they_show():
    ev = evidence.load()
    region, east = maps.region_map(ev), maps.east_sabah_map(ev)
    assert "Map of Malaysia and the Sulu Sea with" in region.alt and "kidnapping" in region.alt
    assert "eastern Sabah" in east.alt
    assert "security zone is not outlined" in east.alt  # no sourced boundary: not drawn, and said
    table = maps.east_sabah_table(ev)
    assert table.values.sum() == len(maps._inside(maps.mapped_events(ev), maps.EAST_SABAH))


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
    assert "Security Zone (ESSZONE) is not drawn" in seen[1][1] and "no source" in seen[1][1]
