"""Drawing on a cartopy map: the bundled basemap, and each layer's features in the map's own
style (geo.layers.registry's Leaflet options, turned into matplotlib's: px to pt, dashes, opacity),
each layer one group of the SVG (id `layer-NAME`) holding one element per feature (id = its id)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

import cartopy.crs as ccrs
from cartopy.mpl.path import shapely_to_path
from matplotlib.artist import Artist
from matplotlib.axes import Axes
from matplotlib.backend_bases import RendererBase
from matplotlib.colors import to_rgba
from matplotlib.lines import Line2D
from matplotlib.patches import PathPatch
from shapely.geometry import box, shape

from ..layers import registry
from ..map.basemap import BORDER_COLOUR, LAND_COLOUR, SEA_COLOUR
from ..physics.land import load_basemap

PX = 0.75  # one CSS pixel (1/96 in) in points (1/72 in)
GEODETIC = ccrs.PlateCarree()
COAST_COLOUR = "#b5ab96"  # the land's edge, a shade darker than the land, for print
LEAFLET_DEFAULTS = {"color": "#3388ff", "weight": 3, "opacity": 1.0, "fillOpacity": 0.2, "radius": 10}


class LayerGroup(Artist):
    """A layer's features drawn as one group: in an SVG, <g id="layer-NAME"> around them."""

    def __init__(self, name: str, children: Sequence[Artist]) -> None:
        super().__init__()
        self.name = name
        self.children = list(children)
        self.set_gid(f"layer-{name}")

    def get_children(self) -> list[Artist]:
        return list(self.children)

    def draw(self, renderer: RendererBase) -> None:
        if not self.get_visible():
            return
        renderer.open_group("layer", gid=self.get_gid())
        for child in self.children:
            child.draw(renderer)
        renderer.close_group("layer")
        self.stale = False


def _dashes(style: Mapping[str, Any]) -> Any:
    dash = style.get("dashArray")
    if not dash:
        return "solid"
    return (0, tuple(float(v) * PX for v in str(dash).replace(",", " ").split()))


def add_group(ax: Axes, name: str, artists: Sequence[Artist], zorder: float) -> LayerGroup:
    """Put artists on the map as one group (clipped to the map, in its coordinates)."""
    for artist in artists:
        artist.set_figure(ax.figure)
        artist.axes = ax
        artist.set_transform(ax.transData)
        artist.set_clip_path(ax.patch)
    group = LayerGroup(name, artists)
    group.set_zorder(zorder)
    ax.add_artist(group)
    return group


def feature_artists(ax: Axes, crs: ccrs.Projection, name: str, features: list[dict[str, Any]],
                    scale: float = 1.0) -> list[Artist]:
    """One artist per feature, styled as the map styles it (its sizes times scale: smaller in a
    column, larger on a slide), its gid the feature's id."""
    spec = registry.spec_of(name)
    artists: list[Artist] = []
    for feature in features:
        style = {**LEAFLET_DEFAULTS, **spec.style.resolve(feature.get("properties") or {})}
        geom = shape(feature["geometry"])
        stroke = to_rgba(style["color"], float(style.get("opacity", 1.0)))
        width = float(style["weight"]) * PX * scale
        artist: Artist
        if geom.geom_type == "Point":
            x, y = crs.transform_point(geom.x, geom.y, GEODETIC)
            fill = to_rgba(style.get("fillColor") or style["color"], float(style["fillOpacity"]))
            artist = Line2D([x], [y], marker="o", markersize=2 * float(style["radius"]) * PX * scale,
                            markerfacecolor=fill, markeredgecolor=stroke, markeredgewidth=width,
                            linestyle="none")
        else:
            projected = crs.project_geometry(geom, GEODETIC)
            if projected.is_empty:
                continue
            filled = geom.geom_type in ("Polygon", "MultiPolygon") and style.get("fill", True) is not False
            face = to_rgba(style.get("fillColor") or style["color"], float(style["fillOpacity"])) \
                if filled else "none"
            artist = PathPatch(shapely_to_path(projected), facecolor=face, edgecolor=stroke,
                               linewidth=width, linestyle=_dashes(style), joinstyle="round",
                               capstyle="round")
        artist.set_gid(str(feature.get("id")))
        artists.append(artist)
    return artists


def draw_basemap(ax: Axes, crs: ccrs.Projection, bbox: tuple[float, float, float, float]) -> None:
    """The sea as background, then land and borders from the bundled Natural Earth data (no
    download: cartopy's own feature readers are never called)."""
    ax.set_facecolor(SEA_COLOUR)
    west, south, east, north = bbox
    reach = box(west - 15, max(south - 15, -89), east + 15, min(north + 15, 89))
    land, borders = [], []
    for feature in load_basemap()["features"]:
        kind = feature["properties"]["kind"]
        geom = shape(feature["geometry"])
        if not geom.intersects(reach):
            continue
        geom = geom.intersection(reach)
        projected = crs.project_geometry(geom, GEODETIC)
        if projected.is_empty:
            continue
        path = shapely_to_path(projected)
        if kind.endswith("land"):
            land.append(PathPatch(path, facecolor=LAND_COLOUR, edgecolor=COAST_COLOUR, linewidth=0.4))
        else:
            borders.append(PathPatch(path, facecolor="none", edgecolor=BORDER_COLOUR, linewidth=0.5,
                                     linestyle=(0, (3.0, 2.2))))
    add_group(ax, "basemap-land", land, 0.1)
    add_group(ax, "basemap-borders", borders, 0.2)
