"""schema.org JSON-LD for post and place pages: the organisation, the places, the hours.

Weekly rules become ``OpeningHoursSpecification`` by day of week; fortnightly ones cannot be
said that way, so each of their coming dates becomes one specification valid that day.
The JSON is made safe inside ``<script>``: ``<``, ``>`` and ``&`` are written as ``\\u00XX``.
"""

from __future__ import annotations

import json
from typing import Any

from markupsafe import Markup

from site_builder.catalogue import Catalogue, Place, Presence
from site_builder.model import Frequence, Poste, TypeLieu

FORTNIGHTLY_DATES = 6  # the coming dates of a fortnightly rule: a page stays light
DESCRIPTION = "Écoute, aide et orientation des victimes et des personnes en détresse, gratuite et confidentielle."
_DAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]


def _hours(presence: Presence) -> list[dict[str, Any]]:
    specifications: list[dict[str, Any]] = []
    if not presence.present:
        return specifications
    for rule in presence.rules:
        if not rule.ranges:
            continue
        horaire = rule.horaire
        if horaire.frequence is Frequence.TOUTES_LES_2_SEMAINES:
            for occurrence in rule.occurrences[:FORTNIGHTLY_DATES]:
                specifications.append(
                    {
                        "@type": "OpeningHoursSpecification",
                        "opens": occurrence.debut,
                        "closes": occurrence.fin,
                        "validFrom": occurrence.jour.isoformat(),
                        "validThrough": occurrence.jour.isoformat(),
                    }
                )
            continue
        for hours in rule.ranges:
            specification: dict[str, Any] = {
                "@type": "OpeningHoursSpecification",
                "dayOfWeek": [f"https://schema.org/{_DAYS[jour.weekday]}" for jour in horaire.jours],
                "opens": hours.debut,
                "closes": hours.fin,
            }
            if horaire.a_partir_du:
                specification["validFrom"] = horaire.a_partir_du.isoformat()
            if rule.until:
                specification["validThrough"] = rule.until.isoformat()
            specifications.append(specification)
    return specifications


def _place(place: Place, presences: list[Presence], site_url: str | None) -> dict[str, Any]:
    lat, lon = place.position
    node: dict[str, Any] = {
        "@type": "PoliceStation" if place.lieu.type in (TypeLieu.COMMISSARIAT, TypeLieu.BRIGADE) else "Place",
        "name": place.lieu.nom,
        "address": {
            "@type": "PostalAddress",
            "streetAddress": place.lieu.adresse,
            "addressLocality": place.commune.nom,
            "postalCode": place.commune.codes_postaux[0] if place.commune.codes_postaux else None,
            "addressCountry": "FR",
        },
        "geo": {"@type": "GeoCoordinates", "latitude": lat, "longitude": lon},
        "openingHoursSpecification": [spec for presence in presences for spec in _hours(presence)],
    }
    if site_url:
        node["url"] = f"{site_url}lieux/{place.id}/"
    return node


def _organisation(poste: Poste) -> dict[str, Any] | None:
    if poste.structure is None:
        return None
    s = poste.structure
    return {"@type": "Organization", "name": s.nom, "telephone": s.telephone, "email": s.courriel, "url": s.site_web}


def _clean(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: _clean(v) for k, v in value.items() if v not in (None, [], {})}
    if isinstance(value, list):
        return [_clean(v) for v in value]
    return value


def _script(document: dict[str, Any]) -> Markup:
    text = json.dumps(_clean(document), ensure_ascii=False, sort_keys=True, indent=1)
    text = text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
    return Markup(f'<script type="application/ld+json">\n{text}\n</script>')


def for_post(catalogue: Catalogue, poste: Poste, site_url: str | None) -> Markup:
    channels = []
    for presence, place in catalogue.presences_of(poste):
        channels.append({"@type": "ServiceChannel", "serviceLocation": _place(place, [presence], site_url)})
    phone = poste.contact.telephone if poste.contact else None
    document = {
        "@context": "https://schema.org",
        "@type": "Service",
        "name": poste.intitule,
        "serviceType": poste.type.label,
        "description": DESCRIPTION,
        "provider": _organisation(poste),
        "areaServed": poste.territoire,
        "availableChannel": [*channels, {"@type": "ServiceChannel", "servicePhone": phone}] if phone else channels,
        "url": f"{site_url}postes/{poste.id}/" if site_url else None,
    }
    return _script(document)


def for_place(place: Place, site_url: str | None) -> Markup:
    document = {"@context": "https://schema.org", **_place(place, list(place.presences), site_url)}
    return _script(document)
