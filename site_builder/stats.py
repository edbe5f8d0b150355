"""Counts for maintainers: posts by département, type and status, and what to check again."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import date
from typing import Any

from site_builder.catalogue import place_key
from site_builder.model import Poste, Statut, TypePoste
from site_builder.referentiels import Referentiels
from site_builder.settings import NATIONAL_COUNT
from site_builder.settings import SIX_MONTHS_DAYS as SIX_MONTHS
from site_builder.settings import STALE_DAYS as TWELVE_MONTHS


@dataclass(frozen=True)
class Freshness:
    id: str
    departement: str
    verifie_le: date
    jours: int


def age_in_days(poste: Poste, today: date) -> int:
    return (today - poste.verifie_le).days


def compute(postes: list[Poste], referentiels: Referentiels, today: date) -> dict[str, Any]:
    """Every count, as plain data sorted for stable output (text, JSON, the statistics page)."""
    by_departement: dict[str, dict[str, int]] = {}
    for code in sorted(referentiels.departements):
        by_departement[code] = {"postes": 0, "plus_de_6_mois": 0, "plus_de_12_mois": 0}
    for poste in postes:
        row = by_departement.setdefault(poste.departement, {"postes": 0, "plus_de_6_mois": 0, "plus_de_12_mois": 0})
        row["postes"] += 1
        age = age_in_days(poste, today)
        row["plus_de_6_mois"] += age > SIX_MONTHS
        row["plus_de_12_mois"] += age > TWELVE_MONTHS
    stale = sorted(
        (
            Freshness(p.id, p.departement, p.verifie_le, age_in_days(p, today))
            for p in postes
            if age_in_days(p, today) > SIX_MONTHS
        ),
        key=lambda f: (f.verifie_le, f.id),  # oldest first: what to chase first
    )
    types = Counter(p.type for p in postes)
    statuts = Counter(p.statut for p in postes)
    national = NATIONAL_COUNT
    return {
        "date": today.isoformat(),
        "postes": len(postes),
        "national": {
            "nombre": national.nombre,
            "au": national.au,
            "source": national.source,
            "part_sur_la_carte": round(len(postes) / national.nombre, 3),
        },
        "lieux": len({place_key(poste, p.lieu) for poste in postes for p in poste.permanences}),
        "par_type": {t.value: types.get(t, 0) for t in TypePoste},
        "par_statut": {s.value: statuts.get(s, 0) for s in Statut},
        "par_departement": {code: row for code, row in by_departement.items() if row["postes"]},
        "departements_sans_poste": [
            {"code": code, "nom": referentiels.departements[code].nom}
            for code, row in by_departement.items()
            if not row["postes"] and code in referentiels.departements
        ],
        "a_reverifier": [
            {
                "id": f.id,
                "departement": f.departement,
                "verifie_le": f.verifie_le.isoformat(),
                "jours": f.jours,
                "plus_de_12_mois": f.jours > TWELVE_MONTHS,
            }
            for f in stale
        ],
    }


def format_text(stats: dict[str, Any], referentiels: Referentiels) -> str:
    national = stats["national"]
    lines = [
        f"Postes : {stats['postes']} ; lieux de permanence : {stats['lieux']} (au {stats['date']})",
        f"Sur la carte : {stats['postes']} postes sur {national['nombre']} en France "
        f"({national['part_sur_la_carte']:.0%} ; chiffre national au {national['au']} : {national['source']})",
        "",
    ]
    lines.append("Par type :")
    lines += [f"  {TypePoste.parse(k).label} ({k}) : {v}" for k, v in stats["par_type"].items()]
    lines.append("Par statut :")
    lines += [f"  {Statut.parse(k).label} ({k}) : {v}" for k, v in stats["par_statut"].items()]
    lines.append("Par département (postes ; non vérifiés depuis plus de 6 mois ; plus de 12 mois) :")
    for code, row in stats["par_departement"].items():
        name = referentiels.departements[code].nom if code in referentiels.departements else "?"
        lines.append(f"  {code} {name} : {row['postes']} ; {row['plus_de_6_mois']} ; {row['plus_de_12_mois']}")
    missing = stats["departements_sans_poste"]
    lines.append(f"Départements sans poste connu : {len(missing)}")
    if missing:
        lines.append("  " + ", ".join(f"{d['code']} {d['nom']}" for d in missing))
    lines.append(f"Fiches à revérifier (plus de 6 mois) : {len(stats['a_reverifier'])}")
    for row in stats["a_reverifier"]:
        flag = " (plus de 12 mois)" if row["plus_de_12_mois"] else ""
        lines.append(f"  {row['id']} ({row['departement']}) : vérifiée le {row['verifie_le']}{flag}")
    return "\n".join(lines) + "\n"
