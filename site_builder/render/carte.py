"""Leaflet maps made with folium, with every asset self-hosted and stable element ids.

folium's defaults pull Leaflet, jQuery and Bootstrap from five CDN hosts and give random ids;
here the maps use self-hosted files, fixed ids, and load places and outlines with ``fetch``
(no jQuery). folium writes one script for every map of the site (``assets/iscg/carte-site.js``,
cached once by the visitor); each page only says what its map shows, as JSON in the
``data-carte`` attribute of the map's element. No page needs an inline script for its map.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field

import folium
from branca.element import MacroElement
from folium.template import Template
from folium.utilities import JsCode

from site_builder import settings
from site_builder.render import reglages

IGN_PLAN = (
    "https://data.geopf.fr/wmts?SERVICE=WMTS&REQUEST=GetTile&VERSION=1.0.0"
    "&LAYER=GEOGRAPHICALGRIDSYSTEMS.PLANIGNV2&STYLE=normal&TILEMATRIXSET=PM&FORMAT=image/png"
    "&TILEMATRIX={z}&TILEROW={y}&TILECOL={x}"
)
OSM = "https://tile.openstreetmap.org/{z}/{x}/{y}.png"
TILE_HOSTS = settings.TILE_HOSTS
VENDOR_JS = [
    ("leaflet", "assets/vendor/leaflet/leaflet.js"),
    ("markercluster", "assets/vendor/leaflet-markercluster/leaflet.markercluster.js"),
    ("gesturehandling", "assets/vendor/leaflet-gesture-handling/leaflet-gesture-handling.min.js"),
    *((name.rpartition("/")[2].removesuffix(".js"), name) for name in reglages.SCRIPTS),
    ("carte", "assets/iscg/carte.js"),
    ("carte-site", "assets/iscg/carte-site.js"),
]
VENDOR_CSS = [
    ("leaflet", "assets/vendor/leaflet/leaflet.css"),
    ("markercluster", "assets/vendor/leaflet-markercluster/MarkerCluster.css"),
    ("markercluster-default", "assets/vendor/leaflet-markercluster/MarkerCluster.Default.css"),
    ("gesturehandling", "assets/vendor/leaflet-gesture-handling/leaflet-gesture-handling.min.css"),
]
# The gesture handling's help (two fingers, Ctrl + wheel), in the page's language: the map reads
# it from the settings script (render/reglages.py), loaded before it.
GESTURE_TEXT = JsCode(
    '{touch: ISCG.texte("geste_doigts"), scroll: ISCG.texte("geste_molette"), '
    'scrollMac: ISCG.texte("geste_molette_mac")}'
)


class _Carte(folium.Map):
    """A folium map whose template draws only the map: the page's layout is the site's."""

    _template = Template(
        """
        {% macro header(this, kwargs) %}{% endmacro %}
        {% macro html(this, kwargs) %}{% endmacro %}
        {% macro script(this, kwargs) %}
            var {{ this.get_name() }} = L.map(element, {
                center: config.centre,
                crs: L.CRS.{{ this.crs }},
                ...{{ this.options|tojavascript }},
                zoom: config.zoom
            });
        {% endmacro %}
        """
    )


class _Couches(MacroElement):
    """Outlines and clustered places, fetched as GeoJSON and drawn by ``assets/iscg/carte.js``."""

    _template = Template(
        """
        {% macro script(this, kwargs) %}
            ISCGCarte.peupler({{ this._parent.get_name() }}, config);
        {% endmacro %}
        """
    )

    def __init__(self) -> None:
        super().__init__()  # type: ignore[no-untyped-call]
        self._name = "Couches"
        self._id = "iscg"


@dataclass
class MapSpec:
    """What one page's map shows; ``root`` is the relative path from the page to the site root."""

    root: str
    center: tuple[float, float] = (46.6, 2.4)
    zoom: float = 5
    bounds: tuple[tuple[float, float], tuple[float, float]] | None = None
    focus: str | None = None  # a place id whose popup opens
    choropleth: dict[str, int] = field(default_factory=dict)  # département code → posts
    markers: bool = True

    def config(self) -> str:
        """The JSON the page gives its map (in ``data-carte``); sorted keys, stable output."""
        return json.dumps(
            {
                "centre": list(self.center),
                "zoom": self.zoom,
                "contours": f"{self.root}assets/iscg/departements.geojson",
                "lieux": f"{self.root}assets/iscg/lieux.geojson" if self.markers else None,
                "racine": self.root,
                "limites": [list(corner) for corner in self.bounds] if self.bounds else None,
                "lieu": self.focus,
                "effectifs": self.choropleth or None,
            },
            ensure_ascii=False,
            sort_keys=True,
        )


def site_map_script() -> str:
    """The script that draws every map of the site, made once per build with folium."""
    carte = _Carte(
        location=[46.6, 2.4],
        tiles=None,
        gestureHandling=True,
        gestureHandlingOptions={"text": GESTURE_TEXT},
        zoomSnap=0.5,
    )
    carte._id = "iscg"
    carte._name = "carte"
    ign = folium.TileLayer(
        tiles=IGN_PLAN,
        # The credits in the page's language (render/reglages.py): folium writes JsCode as code,
        # though its stubs say str.
        attr=JsCode('ISCG.texte("fond_ign")'),  # type: ignore[arg-type]
        name="Plan IGN",
        max_zoom=19,
        max_native_zoom=18,
    )
    osm = folium.TileLayer(
        tiles=OSM,
        attr=JsCode('ISCG.texte("fond_osm")'),  # type: ignore[arg-type]
        name="OpenStreetMap",
        max_zoom=19,
        overlay=False,
        show=False,
    )
    for index, layer in enumerate((ign, osm)):
        layer._id = f"fond{index}"
        layer.add_to(carte)
    control = folium.LayerControl(position="topright", collapsed=True)
    control._id = "fonds"
    control.add_to(carte)
    _Couches().add_to(carte)
    figure = folium.Figure()
    carte.add_to(figure)
    figure.render()
    lines = [line.strip() for line in figure.script.render().splitlines()]
    body = "\n".join(line for line in lines if line)
    return (
        "/* Generated by folium at each build (site_builder/render/carte.py): every map of the site. */\n"
        "(function () {\n"
        '"use strict";\n'
        'document.querySelectorAll("[data-carte]").forEach(function (element) {\n'
        'var config = JSON.parse(element.getAttribute("data-carte"));\n'
        f"{body}\n"
        "});\n"
        "})();\n"
    )


def asset_tags(root: str) -> tuple[list[str], list[str]]:
    """The stylesheets and scripts a map page loads, relative to the page."""
    return [f"{root}{path}" for _, path in VENDOR_CSS], [f"{root}{path}" for _, path in VENDOR_JS]
