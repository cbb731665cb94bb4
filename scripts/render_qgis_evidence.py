"""Picture of the exported GeoPackage as QGIS opens it: every table with its default style.

Run by hand (not in CI: it needs Debian's QGIS, `apt-get install python3-qgis qgis-providers`),
with Debian's Python, which is the one that has QGIS's bindings:

    python -m geo export --format gpkg -o /tmp/geo.gpkg
    QT_QPA_PLATFORM=offscreen /usr/bin/python3 scripts/render_qgis_evidence.py /tmp/geo.gpkg \
        docs/qgis-gpkg.png

Nothing here styles a layer: each table is opened as QGIS opens it (QgsVectorLayer, which loads
the default style that `layer_styles` holds for that table), and the script fails if a layer
came up without that style (QGIS's own single-symbol renderer in a random colour). The picture
is a QGIS print layout (map and legend) exported by QgsLayoutExporter. Only the basemap below
(the project's Natural Earth land and borders, geo/data/basemap.geojson) is styled here.
"""

from __future__ import annotations

import argparse
import os
import sqlite3
import sys
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from qgis.core import (  # after QT_QPA_PLATFORM is set
    QgsApplication,
    QgsCoordinateReferenceSystem,
    QgsFillSymbol,
    QgsLayoutExporter,
    QgsLayoutItemLegend,
    QgsLayoutItemMap,
    QgsLayoutPoint,
    QgsLayoutSize,
    QgsLegendStyle,
    QgsLineSymbol,
    QgsPrintLayout,
    QgsProject,
    QgsRectangle,
    QgsSingleSymbolRenderer,
    QgsUnitTypes,
    QgsVectorLayer,
)
from qgis.PyQt.QtGui import QColor, QFont

# drawing order: areas below lines below points, as on the map
ORDER = ["footprints", "zones", "scenarios", "tracks", "events", "sites"]
BASEMAP = Path(__file__).resolve().parent.parent / "geo" / "data" / "basemap.geojson"


def tables(path: str) -> list[str]:
    with sqlite3.connect(path) as db:
        rows = db.execute("SELECT table_name FROM gpkg_contents WHERE data_type='features'").fetchall()
    names = [r[0] for r in rows]
    return sorted(names, key=lambda n: ORDER.index(n) if n in ORDER else -1)


def basemap_layers() -> list[QgsVectorLayer]:
    """The project's offline Natural Earth land and borders, styled here (not part of the export)."""
    land = QgsVectorLayer(str(BASEMAP), "land (basemap)", "ogr")
    land.setSubsetString("\"kind\" IN ('land', 'world-land')")
    land.setRenderer(QgsSingleSymbolRenderer(QgsFillSymbol.createSimple(
        {"color": "239,233,220", "outline_color": "239,233,220", "outline_width": "0.2"})))
    borders = QgsVectorLayer(str(BASEMAP), "borders (basemap)", "ogr")
    borders.setSubsetString("\"kind\" IN ('border', 'world-border')")
    borders.setRenderer(QgsSingleSymbolRenderer(QgsLineSymbol.createSimple(
        {"line_color": "140,140,140", "line_width": "0.25", "line_style": "dash"})))
    return [land, borders]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("gpkg")
    parser.add_argument("png")
    parser.add_argument("--extent", default="114,24,140,53",
                        help="west,south,east,north in degrees (default: the peninsula, Vostochny and "
                             "the fall areas)")
    args = parser.parse_args()

    qgs = QgsApplication([], False)
    qgs.initQgis()
    try:
        project = QgsProject.instance()
        project.setCrs(QgsCoordinateReferenceSystem("EPSG:4326"))
        layers = []
        for name in tables(args.gpkg):
            layer = QgsVectorLayer(f"{args.gpkg}|layername={name}", name, "ogr")
            if not layer.isValid():
                print(f"error: {args.gpkg}: QGIS cannot open table {name}", file=sys.stderr)
                return 1
            renderer = layer.renderer()
            kind = renderer.type() if renderer else "none"
            if kind != "RuleRenderer":
                print(f"error: {args.gpkg}: table {name} opened with renderer {kind}, not the "
                      "rule-based style of layer_styles", file=sys.stderr)
                return 1
            rules = renderer.rootRule().children()
            fields = layer.fields()
            typed = {f.name(): f.typeName() for f in fields
                     if f.name() in ("time_start", "time_end", "valid_from", "valid_to", "decay_date")}
            untyped = [n for n, t in typed.items() if t.lower() not in ("date", "datetime")]
            if untyped:
                print(f"error: {args.gpkg}: table {name}: QGIS reads {', '.join(untyped)} as text",
                      file=sys.stderr)
                return 1
            print(f"{name}: {layer.featureCount()} features, {len(rules)} style rules from layer_styles, "
                  f"typed {typed or 'no time fields'}")
            layers.append(layer)
        base = basemap_layers()
        for layer in [*base, *layers]:
            project.addMapLayer(layer)

        layout = QgsPrintLayout(project)
        layout.initializeDefaults()
        page = layout.pageCollection().page(0)
        page.setPageSize(QgsLayoutSize(300, 250, QgsUnitTypes.LayoutMillimeters))
        item = QgsLayoutItemMap(layout)
        layout.addLayoutItem(item)
        item.attemptMove(QgsLayoutPoint(2, 2, QgsUnitTypes.LayoutMillimeters))
        item.attemptResize(QgsLayoutSize(170, 246, QgsUnitTypes.LayoutMillimeters))
        item.setCrs(QgsCoordinateReferenceSystem("EPSG:4326"))
        item.setLayers(list(reversed([*base, *layers])))  # the first of the list is drawn on top
        west, south, east, north = (float(v) for v in args.extent.split(","))
        item.setExtent(QgsRectangle(west, south, east, north))
        item.setBackgroundColor(QColor(207, 227, 239))
        item.setFrameEnabled(True)

        legend = QgsLayoutItemLegend(layout)
        legend.setTitle("GeoPackage styles (layer_styles)")
        legend.setLinkedMap(item)
        legend.setAutoUpdateModel(False)
        tree = legend.model().rootGroup()
        for layer in base:
            tree.removeLayer(layer)
        for style in (QgsLegendStyle.Title, QgsLegendStyle.Group, QgsLegendStyle.Subgroup,
                      QgsLegendStyle.SymbolLabel):
            font = QFont("DejaVu Sans", 7 if style == QgsLegendStyle.SymbolLabel else 8)
            font.setBold(style != QgsLegendStyle.SymbolLabel)
            legend.setStyleFont(style, font)
        legend.setSymbolHeight(3.5)
        legend.setSymbolWidth(6)
        legend.attemptMove(QgsLayoutPoint(174, 2, QgsUnitTypes.LayoutMillimeters))
        layout.addLayoutItem(legend)

        settings = QgsLayoutExporter.ImageExportSettings()
        settings.dpi = 110
        settings.generateWorldFile = False
        settings.exportMetadata = False
        result = QgsLayoutExporter(layout).exportToImage(args.png, settings)
        if result != QgsLayoutExporter.Success:
            print(f"error: {args.png}: QGIS could not write the picture (code {result})", file=sys.stderr)
            return 1
        print(f"wrote {args.png}")
        return 0
    finally:
        QgsProject.instance().clear()
        qgs.exitQgis()


if __name__ == "__main__":
    sys.exit(main())
