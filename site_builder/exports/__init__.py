"""Open-data formats, one module each, in a registry keyed by name (``iscg export NAME``)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from site_builder.catalogue import Catalogue
from site_builder.exports import data_inclusion, geojson, postes_csv, postes_json, postes_xlsx


@dataclass(frozen=True)
class Export:
    name: str
    filename: str
    render: Callable[[Catalogue], bytes]
    description: str

    @property
    def path(self) -> str:
        """Where ``iscg build`` publishes it in the site."""
        return f"donnees/{self.filename}"


REGISTRY: dict[str, Export] = {  # the name is the command's: iscg export NAME
    export.name: export
    for export in (
        Export("geojson", "postes.geojson", geojson.render, "un point par lieu de permanence (RFC 7946)"),
        Export("csv", "postes.csv", postes_csv.render, "une ligne par poste et par lieu, pour un tableur"),
        Export(
            "xlsx", "postes.xlsx", postes_xlsx.render, "les mêmes colonnes dans un classeur à remplir (listes, aide)"
        ),
        Export("json", "postes.json", postes_json.render, "toutes les fiches"),
        Export(
            "data-inclusion", "data-inclusion.json", data_inclusion.render, "structures et services (data·inclusion)"
        ),
    )
}


def published_files() -> list[str]:
    """Where the exports are published in the site, as ``iscg build`` writes them."""
    return [export.path for export in REGISTRY.values()]
