"""The data·inclusion format: structures (the employers) and services (one post at one place).

Hours are written in OpenStreetMap ``opening_hours`` syntax, as the schema asks. A fortnightly
rule cannot be said with ``week 01-53/2`` (2026 has 53 weeks: two weeks in a row at new year),
so it becomes, year by year, the ISO weeks it actually falls in over the coming twelve months.
"""

from __future__ import annotations

import json
from collections import defaultdict
from datetime import date, timedelta
from itertools import pairwise
from typing import Any

from site_builder.catalogue import HORIZON_DAYS, Catalogue, Place, Presence, slug
from site_builder.model import Acces, Frequence, Horaire, Poste, Statut
from site_builder.schedule import rule_dates

SOURCE = "carte-iscg"
_DAYS = ["Mo", "Tu", "We", "Th", "Fr", "Sa", "Su"]
_MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
DESCRIPTION = (
    "Un intervenant social (travailleur social) présent au commissariat ou à la brigade de gendarmerie "
    "reçoit les victimes de violences conjugales et intrafamiliales, les personnes en détresse et leurs "
    "proches : écoute, évaluation de la situation et orientation vers les services sociaux, de santé et "
    "de justice. Gratuit et confidentiel, sans obligation de porter plainte."
)


def _osm_date(day: date) -> str:
    return f"{day.year} {_MONTHS[day.month - 1]} {day.day:02d}"


def _weeks(numbers: list[int]) -> str:
    """``[2, 4, 6, 8]`` → ``02-08/2``; otherwise a list."""
    if len(numbers) > 2 and all(b - a == 2 for a, b in pairwise(numbers)):
        return f"{numbers[0]:02d}-{numbers[-1]:02d}/2"
    return ",".join(f"{n:02d}" for n in numbers)


def opening_hours(rules: list[Horaire], today: date, closures: list[tuple[date, date]]) -> str | None:
    parts: list[str] = []
    horizon = today + timedelta(days=HORIZON_DAYS)
    for rule in rules:
        days = ",".join(_DAYS[jour.weekday] for jour in rule.jours)
        hours = ",".join(rule.plages) if rule.plages else 'unknown "heures à confirmer"'
        if rule.frequence is Frequence.TOUTES_LES_2_SEMAINES:
            by_year: dict[int, list[int]] = defaultdict(list)
            for day in rule_dates(rule, today, horizon):
                year, week, _ = day.isocalendar()
                if week not in by_year[year]:
                    by_year[year].append(week)
            parts.extend(f"{year} week {_weeks(weeks)} {days} {hours}" for year, weeks in sorted(by_year.items()))
            continue
        period = ""
        if (rule.a_partir_du and rule.a_partir_du > today) or rule.jusqu_au:
            start = max(rule.a_partir_du or today, today)
            end = rule.jusqu_au or horizon
            if end < start:
                continue
            period = f"{_osm_date(start)}-{_osm_date(end)} "
        parts.append(f"{period}{days} {hours}")
    if not parts:
        return None
    parts.append("PH off")
    parts.extend(f"{_osm_date(du)}-{_osm_date(au)} off" for du, au in closures if au >= today)
    return "; ".join(parts)


def _structure_id(poste: Poste) -> str:
    assert poste.structure is not None
    return f"{SOURCE}--{slug(poste.structure.nom)}"


def structure(poste: Poste, today: date) -> dict[str, Any]:
    assert poste.structure is not None
    s = poste.structure
    return {
        "source": SOURCE,
        "id": _structure_id(poste),
        "nom": s.nom.rstrip("."),
        "date_maj": poste.verifie_le.isoformat(),
        "adresse": s.adresse,
        "telephone": s.telephone,
        "courriel": s.courriel,
        "site_web": s.site_web,
    }


def service(presence: Presence, place: Place, today: date) -> dict[str, Any]:
    poste = presence.poste
    zone: list[str] = []
    if poste.couverture:
        zone = [*poste.couverture.departements, *poste.couverture.epci, *poste.couverture.communes]
    modes = ["se-presenter"] if Acces.LIBRE in presence.acces else []
    if poste.contact and poste.contact.telephone:
        modes.append("telephoner")
    if poste.contact and poste.contact.courriel:
        modes.append("envoyer-un-courriel")
    lat, lon = place.position
    closures = [(f.du, f.au) for f in poste.fermetures]
    return {
        "source": SOURCE,
        "structure_id": _structure_id(poste),
        "id": f"{SOURCE}--{poste.id}--{place.id}",
        "nom": f"Intervenant social en commissariat et gendarmerie – {place.lieu.nom}"[:150],
        "description": DESCRIPTION,
        "date_maj": poste.verifie_le.isoformat(),
        "type": "accompagnement",
        "thematiques": ["famille--surmonter-conflits-separation-violence"],
        "frais": "gratuit",
        "publics": ["tous-publics"],
        "conditions_acces": " ou ".join(a.label for a in presence.acces) or None,
        "commune": place.commune.nom,
        "code_postal": place.commune.codes_postaux[0] if place.commune.codes_postaux else None,
        "code_insee": place.commune.code,
        "adresse": place.lieu.adresse,
        "latitude": lat,
        "longitude": lon,
        "telephone": poste.contact.telephone if poste.contact else None,
        "courriel": poste.contact.courriel if poste.contact else None,
        "modes_accueil": ["en-presentiel"],
        "zone_eligibilite": zone or [poste.departement],
        "modes_mobilisation": modes or None,
        "mobilisable_par": ["usagers", "professionnels"],
        "mobilisation_precisions": poste.contact.modalites if poste.contact else None,
        "horaires_accueil": opening_hours(presence.horaires, today, closures),
    }


def render(catalogue: Catalogue) -> bytes:
    structures: dict[str, dict[str, Any]] = {}
    services = []
    for place in catalogue.places:
        for presence in place.presences:
            poste = presence.poste
            if poste.statut is not Statut.EN_POSTE or poste.structure is None:
                continue
            structures.setdefault(_structure_id(poste), structure(poste, catalogue.today))
            services.append(service(presence, place, catalogue.today))
    document = {
        "structures": [structures[key] for key in sorted(structures)],
        "services": sorted(services, key=lambda s: s["id"]),
    }
    return (json.dumps(document, ensure_ascii=False, indent=1, sort_keys=True) + "\n").encode("utf-8")
