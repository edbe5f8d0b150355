"""Dated presences of the coming year, per place and per post, as compact JSON for the pages'
"today" and "next" lines and for the finder; and the coverage of every post for the finder.

Document: ``fuseau`` (the place's time zone), ``du``/``au`` (the period computed), ``presences``
(one per post at a place, or per place of a post: who, where, whether someone is there,
whether hours are published, a phone) and ``dates``: ``[day, start, end, presence index]``,
sorted, with ``null`` hours when only the day is known.
"""

from __future__ import annotations

import json
from datetime import timedelta
from typing import Any

from site_builder.catalogue import HORIZON_DAYS, Catalogue, Place, Presence, presence_ends
from site_builder.model import Poste
from site_builder.schedule import timezone_of
from site_builder.types import phone_e164

COVERAGE_PATH = "assets/iscg/couverture.json"


def _dump(document: dict[str, Any]) -> str:
    return json.dumps(document, ensure_ascii=False, separators=(",", ":"), sort_keys=True) + "\n"


def _presence(presence: Presence, place: Place) -> dict[str, Any]:
    poste = presence.poste
    phone = poste.contact.telephone if poste.contact and poste.contact.telephone else None
    return {
        "poste": poste.id,
        "intitule": poste.intitule,
        "statut": poste.statut.value,
        "present": presence.present,
        "confirmer": not presence.rules,
        "telephone": phone_e164(phone) if phone else None,
        "telephone_affiche": phone,
        "lieu": place.id,
        "nom": place.lieu.nom,
        "verifie_le": poste.verifie_le.isoformat(),
        "fin_convention": end.isoformat() if (end := presence_ends(poste)) else None,
    }


def _document(catalogue: Catalogue, pairs: list[tuple[Presence, Place]], departement: str) -> str:
    dates = sorted(
        (
            [o.jour.isoformat(), o.debut, o.fin, index]
            for index, (presence, _) in enumerate(pairs)
            if presence.present
            for o in presence.occurrences
        ),
        key=lambda d: (d[0], d[1] or "", d[2] or "", d[3]),
    )
    return _dump(
        {
            "fuseau": timezone_of(departement),
            "du": catalogue.today.isoformat(),
            "au": (catalogue.today + timedelta(days=HORIZON_DAYS)).isoformat(),
            "presences": [_presence(presence, place) for presence, place in pairs],
            "dates": dates,
        }
    )


def for_place(catalogue: Catalogue, place: Place) -> str:
    return _document(catalogue, [(presence, place) for presence in place.presences], place.departement)


def for_post(catalogue: Catalogue, poste: Poste) -> str:
    return _document(catalogue, catalogue.presences_of(poste), poste.departement)


def coverage(catalogue: Catalogue) -> str:
    """Which post covers which territory: ``[id, title, status, départements, EPCI, communes]``."""
    rows = []
    for poste in catalogue.postes:
        if poste.couverture is None:
            continue
        c = poste.couverture
        rows.append([poste.id, poste.intitule, poste.statut.value, c.departements, c.epci, c.communes])
    return _dump({"postes": rows})
