"""Seeded synthetic national data: posts over every département, places at real communes.

Realistic rather than uniform: communes drawn by population, one to six places per post,
weekly and fortnightly rules that never overlap, some places shared by two posts.
"""

from __future__ import annotations

import random
import shutil
from datetime import date, timedelta
from pathlib import Path

from site_builder.dump import dump_post
from site_builder.model import Poste
from site_builder.referentiels import Commune, Referentiels

DAYS = ["lundi", "mardi", "mercredi", "jeudi", "vendredi"]
SLOTS = ["09:00-12:00", "13:30-17:00"]


def _place(rng: random.Random, commune: Commune, kind: str) -> dict[str, object]:
    assert commune.point is not None
    lat, lon = commune.point
    label = {"commissariat": "Commissariat de police de", "brigade": "Brigade de gendarmerie de"}[kind]
    return {
        "id": f"{kind}-{commune.code.lower()}",
        "nom": f"{label} {commune.nom}",
        "type": kind,
        "commune": commune.code,
        "position": [round(lat + rng.uniform(-0.01, 0.01), 5), round(lon + rng.uniform(-0.01, 0.01), 5)],
    }


def generate(count: int, out_dir: Path, seed: int = 20261123) -> Path:
    """Write ``count`` posts under ``out_dir/postes``; return ``out_dir``."""
    rng = random.Random(seed)
    referentiels = Referentiels.load()
    communes = [c for c in referentiels.communes.values() if c.type == "COM" and c.point and c.population > 500]
    weights = [c.population for c in communes]
    by_departement: dict[str, list[dict[str, object]]] = {}
    known: dict[str, dict[str, object]] = {}  # one description per place, whoever uses it
    if out_dir.exists():
        shutil.rmtree(out_dir)
    anchor = date(2026, 1, 5)
    for number in range(count):
        home = rng.choices(communes, weights)[0]
        departement = home.departement
        nearby = [c for c in communes if c.departement == departement] or [home]
        places: list[dict[str, object]] = []
        shared = by_departement.get(departement, [])
        if shared and rng.random() < 0.1:
            places.append(rng.choice(shared))
        for _ in range(rng.randint(1, 6) - len(places)):
            commune = rng.choice(nearby)
            kind = "commissariat" if commune.population > 20000 and rng.random() < 0.6 else "brigade"
            place = _place(rng, commune, kind)
            place = known.setdefault(str(place["id"]), place)
            if all(p["id"] != place["id"] for p in places):
                places.append(place)
        by_departement.setdefault(departement, []).extend(places)
        # Each place gets its own (day, slot) pairs, so the post is never in two places at once.
        free = [(day, slot) for day in DAYS for slot in SLOTS]
        rng.shuffle(free)
        permanences = []
        for place in places:
            rules = []
            if free and rng.random() < 0.85:
                day, slot = free.pop()
                fortnightly = rng.random() < 0.3
                rule: dict[str, object] = {"jours": [day], "plages": [slot]}
                if fortnightly:
                    rule |= {
                        "frequence": "toutes_les_2_semaines",
                        "a_partir_du": anchor + timedelta(days=7 * rng.randint(0, 1)),
                    }
                rules.append(rule)
            permanences.append({"lieu": place, "horaires": rules or None, "acces": "sur_orientation"})
        identifier = f"poste-{number:05d}-{departement.lower()}"
        poste = Poste.model_validate(
            {
                "id": identifier,
                "intitule": f"ISCG n° {number} ({referentiels.departements[departement].nom})",
                "type": rng.choice(["isc", "isg", "iscg"]),
                "statut": rng.choices(["en_poste", "vacant", "recrutement"], [90, 5, 5])[0],
                "departement": departement,
                "temps_de_travail": {"etp": 1, "heures_hebdomadaires": 35},
                "structure": {"nom": f"Association d'aide aux victimes {number}", "type": "association"},
                "contact": {"telephone": f"03 81 {number % 100:02d} 00 00", "courriel": f"iscg{number}@example.org"},
                "permanences": permanences,
                "recrutement": {
                    "publication": "2026-09-01",
                    "date_limite": "2026-12-15",
                    "contact": "sp@example.gouv.fr",
                },
                "sources": ["Données synthétiques du banc d'essai"],
                "verifie_le": date(2026, 11, 1) - timedelta(days=rng.randint(0, 500)),
            }
        )
        target = out_dir / "postes" / departement / f"{identifier}.yml"
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(dump_post(poste), encoding="utf-8")
    return out_dir
