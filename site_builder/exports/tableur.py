"""CSV for spreadsheets: UTF-8 with BOM, ``;`` separator, one row per post and place."""

from __future__ import annotations

import csv
import io

from site_builder.catalogue import Catalogue
from site_builder.schedule import describe

COLUMNS = [
    "poste_id", "intitule", "type", "statut", "departement", "structure", "telephone", "courriel",
    "lieu_id", "lieu_nom", "lieu_type", "code_commune", "commune", "adresse", "latitude", "longitude",
    "position_approximative", "horaires", "verifie_le",
]  # fmt: skip


def render(catalogue: Catalogue) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";", lineterminator="\r\n")
    writer.writerow(COLUMNS)
    for poste in catalogue.postes:
        for permanence, place in catalogue.places_of(poste):
            lat, lon = place.position
            rules = " ; ".join(describe(rule) for rule in permanence.horaires or []) or "à confirmer"
            writer.writerow(
                [
                    poste.id, poste.intitule, poste.type.value, poste.statut.value, poste.departement,
                    poste.structure.nom if poste.structure else "",
                    poste.contact.telephone if poste.contact and poste.contact.telephone else "",
                    poste.contact.courriel if poste.contact and poste.contact.courriel else "",
                    place.id, place.lieu.nom, place.lieu.type.value, place.commune.code, place.commune.nom,
                    place.lieu.adresse or "", f"{lat:.5f}", f"{lon:.5f}", "oui" if place.approximate else "non",
                    rules, poste.verifie_le.isoformat(),
                ]
            )  # fmt: skip
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")
