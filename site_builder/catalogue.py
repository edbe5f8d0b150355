"""The validated, sorted whole that every renderer reads: posts, places, who is where and when.

Decided here, once: which permanences are the same place (a place's id, or the post's id and
the place's name), each post's presences in the post's order, each rule's hour ranges parsed
and its dates over the coming year with the days taken out (holidays, closures). Renderers read
these and never search or recompute them.

Sorting is written down once, here: posts by département then id; places by id; a place's
presences by post id; a post's presences in the order its file lists them.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from datetime import date, timedelta
from functools import cached_property

from site_builder.model import Acces, Horaire, Lieu, Permanence, Poste, Statut
from site_builder.referentiels import Commune, Departement, Referentiels, distance_km
from site_builder.schedule import HourRange, Occurrence, end_of_partial_date, excluded, rule_dates
from site_builder.settings import NEARBY_KM, STALE_DAYS, zone

HORIZON_DAYS = 365  # the coming dates computed at each build


def slug(text: str) -> str:
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-") or "lieu"


def place_key(poste: Poste, lieu: Lieu) -> str:
    """The id of the place a permanence is held at: its own id, else the post's id and its name."""
    return lieu.id or f"{poste.id}-{slug(lieu.nom)}"


def presence_ends(poste: Poste) -> date | None:
    """The last day the post's data promises anything: the end of its funding agreement."""
    convention = poste.financement.convention if poste.financement else None
    return end_of_partial_date(convention.fin) if convention and convention.fin else None


@dataclass(frozen=True)
class Rule:
    """One rule of presence: its hour ranges parsed once, its days from its first one to the
    horizon, the days of those taken out (holidays, closures), and its coming occurrences."""

    horaire: Horaire
    ranges: tuple[HourRange, ...]  # empty when only the days are published
    first_day: date | None  # the rule's first day (past ones included), None when it has none left
    until: date | None  # its last day: the rule's own end or the convention's, whichever comes first
    excluded: tuple[date, ...]  # days of the rule, up to the horizon, that are holidays or closures
    occurrences: tuple[Occurrence, ...]  # from today to the horizon


def _rule(poste: Poste, horaire: Horaire, departement: str, today: date, horizon: date, ends: date | None) -> Rule:
    ranges = tuple(HourRange.parse(plage) for plage in horaire.plages)
    until = min((d for d in (horaire.jusqu_au, ends) if d is not None), default=None)
    last = min(horizon, until) if until else horizon
    days = list(rule_dates(horaire, horaire.a_partir_du or today, last))
    out = {day for day in days if excluded(poste, departement, day)}
    coming = [day for day in days if day >= today and day not in out]
    found = (
        [Occurrence(day, r.debut, r.fin) for day in coming for r in ranges]
        if ranges
        else [Occurrence(day, None, None) for day in coming]
    )
    return Rule(horaire, ranges, days[0] if days else None, until, tuple(sorted(out)), tuple(sorted(found)))


@dataclass(frozen=True)
class Presence:
    """One post at one place: what links a post page and a place page. A post that lists the
    same place twice (Monday here, Tuesday here) has one presence there, with both rules."""

    poste: Poste
    place_id: str
    permanences: tuple[Permanence, ...]  # the post's permanences at this place, in its order
    rules: tuple[Rule, ...]  # their rules, in the same order
    occurrences: tuple[Occurrence, ...]  # every rule's, sorted

    @property
    def present(self) -> bool:
        """Whether someone actually receives people there (not a vacancy or a call)."""
        return self.poste.statut is Statut.EN_POSTE

    @property
    def horaires(self) -> list[Horaire]:
        return [rule.horaire for rule in self.rules]

    @property
    def confirmer(self) -> bool:
        """Someone receives here, but no rule is published: "à confirmer"."""
        return self.present and not self.rules

    @property
    def acces(self) -> list[Acces]:
        return list(dict.fromkeys(p.acces for p in self.permanences if p.acces is not None))

    @property
    def notes(self) -> list[str]:
        return list(dict.fromkeys(p.note for p in self.permanences if p.note))


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
    # Each post's presences, in the order its file lists its places.
    presences: dict[str, tuple[Presence, ...]] = field(default_factory=dict)
    site_url: str | None = None  # the public address, ending with "/", when known (QR codes, snippets)
    # What renderers compute once per build and share (e.g. a presence's calendar events).
    cache: dict[tuple[str, ...], object] = field(default_factory=dict, compare=False, repr=False)

    @classmethod
    def build(
        cls, postes: list[Poste], referentiels: Referentiels, today: date, site_url: str | None = None
    ) -> Catalogue:
        ordered = tuple(sorted(postes, key=lambda p: (p.departement, p.id)))
        horizon = today + timedelta(days=HORIZON_DAYS)
        by_place: dict[str, list[Presence]] = {}
        first: dict[str, Lieu] = {}
        by_post: dict[str, tuple[Presence, ...]] = {}
        for poste in ordered:
            grouped: dict[str, list[Permanence]] = {}
            for permanence in poste.permanences:
                key = place_key(poste, permanence.lieu)
                grouped.setdefault(key, []).append(permanence)
                first.setdefault(key, permanence.lieu)
            ends = presence_ends(poste)
            own = []
            for key, held in grouped.items():
                departement = referentiels.communes[first[key].commune].departement
                rules = tuple(
                    _rule(poste, horaire, departement, today, horizon, ends)
                    for permanence in held
                    for horaire in permanence.horaires or []
                )
                every = tuple(sorted({o for rule in rules for o in rule.occurrences}))
                presence = Presence(poste, key, tuple(held), rules, every)
                own.append(presence)
                by_place.setdefault(key, []).append(presence)
            by_post[poste.id] = tuple(own)
        places = tuple(
            Place(
                id=key,
                lieu=first[key],
                commune=referentiels.communes[first[key].commune],
                departement=referentiels.communes[first[key].commune].departement,
                presences=tuple(sorted(by_place[key], key=lambda p: p.poste.id)),
            )
            for key in sorted(by_place)
        )
        return cls(today, referentiels, ordered, places, by_post, site_url)

    # --- Look-ups used by the pages ---------------------------------------------------------

    @cached_property
    def places_by_id(self) -> dict[str, Place]:
        return {p.id: p for p in self.places}

    @cached_property
    def postes_by_id(self) -> dict[str, Poste]:
        return {p.id: p for p in self.postes}

    def presences_of(self, poste: Poste) -> list[tuple[Presence, Place]]:
        """The post's presences with their places, in the order its file lists them."""
        return [(presence, self.places_by_id[presence.place_id]) for presence in self.presences[poste.id]]

    def postes_in(self, departement: str) -> list[Poste]:
        return [p for p in self.postes if p.departement == departement]

    def places_in(self, departement: str) -> list[Place]:
        return [p for p in self.places if p.departement == departement]

    def is_old(self, poste: Poste) -> bool:
        """Whether the post's information is older than the freshness threshold."""
        return (self.today - poste.verifie_le).days > STALE_DAYS

    @property
    def departements(self) -> list[Departement]:
        return [self.referentiels.departements[code] for code in sorted(self.referentiels.departements)]

    def nearest_places(self, point: tuple[float, float], exclude: str, count: int = 3) -> list[tuple[float, Place]]:
        """The closest places where someone receives, outside département ``exclude`` but on its
        side of the sea and within reach (``NEARBY_KM``), nearest first."""
        near = ((distance_km(point, p.position), p) for p in self.places if p.departement != exclude)
        ranked = sorted(
            (
                (km, p)
                for km, p in near
                if km <= NEARBY_KM and zone(p.departement) == zone(exclude) and any(x.present for x in p.presences)
            ),
            key=lambda pair: (pair[0], pair[1].id),
        )
        return ranked[:count]
