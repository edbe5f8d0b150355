"""Self-hosted assets: Leaflet and its plugins from the xstatic packages, our own files, and
the département outlines simplified for display."""

from __future__ import annotations

import json
from importlib import resources
from pathlib import Path

import shapely

from site_builder import i18n
from site_builder.folders import NewFolder
from site_builder.referentiels import FILES, Referentiels
from site_builder.render import reglages
from site_builder.render.carte import site_map_script
from site_builder.render.carte_svg import INSETS

VENDOR = {
    "leaflet": ("xstatic.pkg.leaflet", ["leaflet.js", "leaflet.css", "images"]),
    "leaflet-markercluster": (
        "xstatic.pkg.leaflet_markercluster",
        ["leaflet.markercluster.js", "MarkerCluster.css", "MarkerCluster.Default.css"],
    ),
    "leaflet-gesture-handling": (
        "xstatic.pkg.leaflet_gesturehandling",
        ["leaflet-gesture-handling.min.js", "leaflet-gesture-handling.min.css"],
    ),
}
DISPLAY_TOLERANCE = 0.02  # degrees: outlines for a map of France, light enough for a phone
# The overseas départements are small, and their pages' maps show them alone: their outlines
# as committed (La Réunion became a dozen points at the tolerance above).
OVERSEAS_TOLERANCE = 0.002
STATIC = Path(__file__).resolve().parent / "static"


def display_outlines(referentiels: Referentiels) -> str:
    collection = json.loads((referentiels.directory / FILES["contours"]).read_text(encoding="utf-8"))
    for feature in collection["features"]:
        geometry = shapely.from_geojson(json.dumps(feature["geometry"]))
        tolerance = OVERSEAS_TOLERANCE if feature["properties"].get("code") in INSETS else DISPLAY_TOLERANCE
        simpler = shapely.set_precision(geometry.simplify(tolerance, preserve_topology=True), 0.001)
        feature["geometry"] = json.loads(shapely.to_geojson(simpler))
    return json.dumps(collection, ensure_ascii=False, separators=(",", ":"), sort_keys=True) + "\n"


def write_assets(out: NewFolder, referentiels: Referentiels) -> None:
    for name, (package, files) in VENDOR.items():
        data = Path(str(resources.files(package))) / "data"
        for file_name in files:
            out.copy(data / file_name, f"assets/vendor/{name}/{file_name}")
    for source in sorted(STATIC.iterdir()):
        out.copy(source, f"assets/iscg/{source.name}")
    out.put("assets/iscg/departements.geojson", display_outlines(referentiels))
    out.put("assets/iscg/carte-site.js", site_map_script())
    for langue in i18n.du_site():
        with i18n.langue(langue.code):
            out.put(reglages.path(), reglages.render())
