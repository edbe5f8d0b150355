"""GeoJSON (RFC 7946): one feature per place, with the posts that receive people there."""

from __future__ import annotations

import json
from typing import Any

from site_builder.catalogue import Catalogue, Place
from site_builder.schedule import describe

DECIMALS = 5  # about a metre


def feature(place: Place) -> dict[str, Any]:
    lat, lon = place.position
    return {
        "type": "Feature",
        "id": place.id,
        "geometry": {"type": "Point", "coordinates": [round(lon, DECIMALS), round(lat, DECIMALS)]},
        "properties": {
            "id": place.id,
            "nom": place.lieu.nom,
            "type": place.lieu.type.value,
            "commune": place.commune.nom,
            "code_commune": place.commune.code,
            "departement": place.departement,
            "adresse": place.lieu.adresse,
            "approximatif": place.approximate,
            "present": any(p.present for p in place.presences),
            "postes": [
                {
                    "id": p.poste.id,
                    "intitule": p.poste.intitule,
                    "type": p.poste.type.value,
                    "statut": p.poste.statut.value,
                    "structure": p.poste.structure.nom if p.poste.structure else None,
                    "telephone": p.poste.contact.telephone if p.poste.contact else None,
                    "horaires": [describe(rule) for rule in p.horaires] or None,
                    "verifie_le": p.poste.verifie_le.isoformat(),
                }
                for p in place.presences
            ],
        },
    }


def render(catalogue: Catalogue) -> bytes:
    collection = {"type": "FeatureCollection", "features": [feature(place) for place in catalogue.places]}
    text = json.dumps(collection, ensure_ascii=False, separators=(",", ":"), sort_keys=True)
    return (text + "\n").encode("utf-8")
