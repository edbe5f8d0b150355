"""The places as the maps need them, and nothing more: a compact GeoJSON fetched by every map.

The open-data export (``donnees/postes.geojson``) is rich; a phone should not download all of
it to draw markers. Keys are short: i (id), n (name), c (commune), d (its département), a (approximate position),
p (someone present), s (posts: [id, title, status]), v (the date the place's most recently
checked post was checked, for the old-information notice). Coordinates to 4 decimals (about 10 m).
"""

from __future__ import annotations

import json

from site_builder.catalogue import Catalogue

PATH = "assets/iscg/lieux.geojson"


def render(catalogue: Catalogue) -> bytes:
    features = []
    for place in catalogue.places:
        lat, lon = place.position
        properties: dict[str, object] = {
            "i": place.id,
            "n": place.lieu.nom,
            "c": place.commune.nom,
            "d": place.departement,
            "s": [[p.poste.id, p.poste.intitule, p.poste.statut.value] for p in place.presences],
            "v": max(p.poste.verifie_le for p in place.presences).isoformat(),
        }
        if place.approximate:
            properties["a"] = 1
        if any(p.present for p in place.presences):
            properties["p"] = 1
        features.append(
            {
                "type": "Feature",
                "geometry": {"type": "Point", "coordinates": [round(lon, 4), round(lat, 4)]},
                "properties": properties,
            }
        )
    collection = {"type": "FeatureCollection", "features": features}
    return (json.dumps(collection, ensure_ascii=False, separators=(",", ":"), sort_keys=True) + "\n").encode("utf-8")
