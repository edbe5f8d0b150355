"""The validated, sorted whole that every renderer reads: posts, places, départements.

Sorting is written down once, here: posts by département then id; places by id; a place's
posts by id. Renderers never sort again, so a one-line data change gives a one-line diff.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from datetime import date, timedelta
from functools import cached_property

from site_builder.model import Lieu, Permanence, Poste, Statut
from site_builder.referentiels import Commune, Departement, Referentiels, distance_km
from site_builder.schedule import Occurrence, occurrences

HORIZON_DAYS = 365  # the coming dates computed at each build


def slug(text: str) -> str:
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-") or "lieu"


@dataclass(frozen=True)
class Presence:
    """One post at one place: the link between a post page and a place page."""

    poste: Poste
    permanence: Permanence
    occurrences: tuple[Occurrence, ...]  # every rule, over the coming year
    par_regle: tuple[tuple[Occurrence, ...], ...]  # the same, rule by rule

    @property
    def present(self) -> bool:
        """Whether someone actually receives people there (not a vacancy or a call)."""
        return self.poste.statut is Statut.EN_POSTE


@dataclass(frozen=True)
class Place:
    id: str
    lieu: Lieu
    commune: Commune
    departement: str
    presences: tuple[Presence, ...]

    @property
    def position(self) -> tuple[float, float]:
        if self.lieu.position:
            return self.lieu.position
        assert self.commune.point is not None
        return self.commune.point

    @property
    def approximate(self) -> bool:
        return self.lieu.position is None


@dataclass(frozen=True)
class Catalogue:
    today: date
    referentiels: Referentiels
    postes: tuple[Poste, ...]
    places: tuple[Place, ...]
    place_ids: dict[tuple[str, int], str] = field(default_factory=dict)  # (post id, permanence index) → place id
    site_url: str | None = None  # the public address, ending with "/", when known (QR codes, snippets)
    # What renderers compute once per build and share (e.g. a presence's calendar events).
    cache: dict[tuple[str, ...], object] = field(default_factory=dict, compare=False, repr=False)

    @classmethod
    def build(
        cls, postes: list[Poste], referentiels: Referentiels, today: date, site_url: str | None = None
    ) -> Catalogue:
        ordered = tuple(sorted(postes, key=lambda p: (p.departement, p.id)))
        end = today + timedelta(days=HORIZON_DAYS)
        grouped: dict[str, list[Presence]] = {}
        first: dict[str, Lieu] = {}
        place_ids: dict[tuple[str, int], str] = {}
        for poste in ordered:
            for index, permanence in enumerate(poste.permanences):
                lieu = permanence.lieu
                place_id = lieu.id or f"{poste.id}-{slug(lieu.nom)}"
                place_ids[(poste.id, index)] = place_id
                first.setdefault(place_id, lieu)
                commune = referentiels.communes[lieu.commune]
                rules = permanence.horaires or []
                departement = commune.departement
                per_rule = tuple(tuple(occurrences(poste, [rule], departement, today, end)) for rule in rules)
                every = tuple(sorted({o for dated in per_rule for o in dated}))
                grouped.setdefault(place_id, []).append(Presence(poste, permanence, every, per_rule))
        places = tuple(
            Place(
                id=place_id,
                lieu=first[place_id],
                commune=referentiels.communes[first[place_id].commune],
                departement=referentiels.communes[first[place_id].commune].departement,
                presences=tuple(sorted(grouped[place_id], key=lambda p: p.poste.id)),
            )
            for place_id in sorted(grouped)
        )
        return cls(today, referentiels, ordered, places, place_ids, site_url)

    # --- Look-ups used by the pages ---------------------------------------------------------

    @cached_property
    def _places_by_id(self) -> dict[str, Place]:
        return {p.id: p for p in self.places}

    def places_of(self, poste: Poste) -> list[tuple[Permanence, Place]]:
        by_id = self._places_by_id
        return [(perm, by_id[self.place_ids[(poste.id, i)]]) for i, perm in enumerate(poste.permanences)]

    def postes_in(self, departement: str) -> list[Poste]:
        return [p for p in self.postes if p.departement == departement]

    def places_in(self, departement: str) -> list[Place]:
        return [p for p in self.places if p.departement == departement]

    @property
    def departements(self) -> list[Departement]:
        return [self.referentiels.departements[code] for code in sorted(self.referentiels.departements)]

    def nearest_places(self, point: tuple[float, float], exclude: str, count: int = 3) -> list[tuple[float, Place]]:
        """The closest places outside département ``exclude``, nearest first."""
        ranked = sorted(
            ((distance_km(point, p.position), p) for p in self.places if p.departement != exclude),
            key=lambda pair: (pair[0], pair[1].id),
        )
        return ranked[:count]
