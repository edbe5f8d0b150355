"""Small builders for tests: ``defaults | kwargs``, as in data·inclusion's tests."""

from __future__ import annotations

from typing import Any

from site_builder.model import Horaire, Permanence, Poste


def horaire(**kwargs: Any) -> Horaire:
    return Horaire.model_validate({"jours": ["mardi"], "plages": ["14:00-17:00"]} | kwargs)


def poste(rules: list[Horaire], commune: str = "25056", departement: str = "25", **kwargs: Any) -> Poste:
    permanence = Permanence.model_validate(
        {"lieu": {"id": "lieu-test", "nom": "Lieu de test", "type": "brigade", "commune": commune}, "horaires": []}
    ).model_copy(update={"horaires": rules})
    defaults = {
        "id": "poste-test",
        "intitule": "Poste de test",
        "type": "isg",
        "statut": "en_poste",
        "departement": departement,
        "structure": {"nom": "Structure", "type": "association"},
        "verifie_le": "2026-11-01",
    }
    return Poste.model_validate(defaults | kwargs).model_copy(update={"permanences": [permanence]})
