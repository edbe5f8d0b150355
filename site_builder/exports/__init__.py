"""Open-data formats, one module each, in a registry keyed by name (``iscg export NAME``)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from site_builder.catalogue import Catalogue
from site_builder.exports import catalogue_json, data_inclusion, geojson, tableur


@dataclass(frozen=True)
class Export:
    name: str
    filename: str
    render: Callable[[Catalogue], bytes]
    description: str


REGISTRY: dict[str, Export] = {  # the name is the command's: iscg export NAME
    export.name: export
    for export in (
        Export("geojson", "postes.geojson", geojson.render, "un point par lieu de permanence (RFC 7946)"),
        Export("csv", "postes.csv", tableur.render, "une ligne par poste et par lieu, pour un tableur"),
        Export("json", "postes.json", catalogue_json.render, "toutes les fiches"),
        Export(
            "data-inclusion", "data-inclusion.json", data_inclusion.render, "structures et services (data·inclusion)"
        ),
    )
}
