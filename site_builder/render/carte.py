"""Leaflet maps made with folium, with every asset self-hosted and stable element ids.

folium's defaults pull Leaflet, jQuery and Bootstrap from five CDN hosts and give random ids;
here each map lists its own self-hosted files, fixes its ids, and loads places and outlines
with ``fetch`` (no jQuery). The generated script is written to a file beside the page, so the
pages need no inline script for the map.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field

import folium
from branca.element import MacroElement
from folium.template import Template

IGN_PLAN = (
    "https://data.geopf.fr/wmts?SERVICE=WMTS&REQUEST=GetTile&VERSION=1.0.0"
    "&LAYER=GEOGRAPHICALGRIDSYSTEMS.PLANIGNV2&STYLE=normal&TILEMATRIXSET=PM&FORMAT=image/png"
    "&TILEMATRIX={z}&TILEROW={y}&TILECOL={x}"
)
OSM = "https://tile.openstreetmap.org/{z}/{x}/{y}.png"
TILE_HOSTS = ("https://data.geopf.fr", "https://tile.openstreetmap.org")
VENDOR_JS = [
    ("leaflet", "assets/vendor/leaflet/leaflet.js"),
    ("markercluster", "assets/vendor/leaflet-markercluster/leaflet.markercluster.js"),
    ("gesturehandling", "assets/vendor/leaflet-gesture-handling/leaflet-gesture-handling.min.js"),
    ("carte", "assets/iscg/carte.js"),
]
VENDOR_CSS = [
    ("leaflet", "assets/vendor/leaflet/leaflet.css"),
    ("markercluster", "assets/vendor/leaflet-markercluster/MarkerCluster.css"),
    ("markercluster-default", "assets/vendor/leaflet-markercluster/MarkerCluster.Default.css"),
    ("gesturehandling", "assets/vendor/leaflet-gesture-handling/leaflet-gesture-handling.min.css"),
]
GESTURE_TEXT = {
    "touch": "Utilisez deux doigts pour déplacer la carte",
    "scroll": "Ctrl + molette pour zoomer sur la carte",
    "scrollMac": "⌘ + molette pour zoomer sur la carte",
}


class _Carte(folium.Map):
    """A folium map whose template draws only the map: the page's layout is the site's."""

    _template = Template(
        """
        {% macro header(this, kwargs) %}{% endmacro %}
        {% macro html(this, kwargs) %}{% endmacro %}
        {% macro script(this, kwargs) %}
            var {{ this.get_name() }} = L.map({{ this.get_name()|tojson }}, {
                center: {{ this.location|tojson }},
                crs: L.CRS.{{ this.crs }},
                ...{{ this.options|tojavascript }}
            });
        {% endmacro %}
        """
    )


class _Couches(MacroElement):
    """Outlines and clustered places, fetched as GeoJSON and drawn by ``assets/iscg/carte.js``."""

    _template = Template(
        """
        {% macro script(this, kwargs) %}
            ISCGCarte.peupler({{ this._parent.get_name() }}, {{ this.config|tojson }});
        {% endmacro %}
        """
    )

    def __init__(self, config: dict[str, object]) -> None:
        super().__init__()  # type: ignore[no-untyped-call]
        self._name = "Couches"
        self._id = "iscg"
        self.config = config


@dataclass
class MapSpec:
    """What a page's map shows; ``root`` is the relative path from the page to the site root."""

    element_id: str
    root: str
    center: tuple[float, float] = (46.6, 2.4)
    zoom: int = 5
    bounds: tuple[tuple[float, float], tuple[float, float]] | None = None
    focus: str | None = None  # a place id to open
    choropleth: dict[str, int] = field(default_factory=dict)  # département code → posts
    markers: bool = True


def map_script(spec: MapSpec) -> str:
    """The JavaScript that draws one map, made with folium; deterministic for a given spec."""
    carte = _Carte(
        location=list(spec.center),
        zoom_start=spec.zoom,
        tiles=None,
        gestureHandling=True,
        gestureHandlingOptions={"text": GESTURE_TEXT},
        zoomSnap=0.5,
    )
    carte._id = spec.element_id
    carte._name = "carte"
    ign = folium.TileLayer(
        tiles=IGN_PLAN,
        attr='Fond <a href="https://www.ign.fr/">© IGN</a> – Plan IGN',
        name="Plan IGN",
        max_zoom=19,
        max_native_zoom=18,
    )
    osm = folium.TileLayer(
        tiles=OSM,
        attr='Fond © <a href="https://www.openstreetmap.org/copyright">les contributeurs d’OpenStreetMap</a>',
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
    config: dict[str, object] = {
        "contours": f"{spec.root}assets/iscg/departements.geojson",
        "lieux": f"{spec.root}donnees/postes.geojson" if spec.markers else None,
        "racine": spec.root,
        "limites": [list(corner) for corner in spec.bounds] if spec.bounds else None,
        "lieu": spec.focus,
        "effectifs": spec.choropleth or None,
    }
    _Couches(config).add_to(carte)
    figure = folium.Figure()
    carte.add_to(figure)
    figure.render()
    lines = [line.strip() for line in figure.script.render().splitlines()]
    return "\n".join(line for line in lines if line) + "\n"


def asset_tags(root: str) -> tuple[list[str], list[str]]:
    """The stylesheets and scripts a map page loads, relative to the page."""
    return [f"{root}{path}" for _, path in VENDOR_CSS], [f"{root}{path}" for _, path in VENDOR_JS]


def tile_hosts_json() -> str:
    return json.dumps(list(TILE_HOSTS))
