"""Expanding the ICS files with recurring-ical-events gives exactly the schedule's occurrences."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from functools import cache

import icalendar
import recurring_ical_events
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from site_builder.catalogue import HORIZON_DAYS, Catalogue
from site_builder.exports import calendrier
from site_builder.model import Fermeture, Horaire, Poste
from site_builder.referentiels import Referentiels
from tests.conftest import TODAY
from tests.factories import poste
from tests.strategies import plages

# A commune of each kind of holiday calendar: the common one, Moselle, Alsace, two overseas.
PLACES = [("25056", "25"), ("57463", "57"), ("67482", "67"), ("97411", "974"), ("97105", "971")]
near = st.dates(min_value=TODAY - timedelta(days=60), max_value=TODAY + timedelta(days=200))
rules = st.builds(
    Horaire,
    jours=st.lists(st.sampled_from(["lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche"]),
                   min_size=1, max_size=3, unique=True),
    plages=st.lists(plages(), max_size=2, unique=True),
    frequence=st.sampled_from(["hebdomadaire", "toutes_les_2_semaines"]),
    a_partir_du=near,
    jusqu_au=st.none() | near.map(lambda d: d + timedelta(days=120)),
)  # fmt: skip
closures = st.lists(
    st.tuples(near, st.integers(0, 20)).map(lambda t: Fermeture(du=t[0], au=t[0] + timedelta(days=t[1]))), max_size=2
)


@cache
def _referentiels() -> Referentiels:
    return Referentiels.load()


def _expanded(ics: bytes) -> set[tuple[date, str | None, str | None]]:
    calendar = icalendar.Calendar.from_ical(ics)
    found = set()
    for event in recurring_ical_events.of(calendar).between(TODAY, TODAY + timedelta(days=HORIZON_DAYS + 1)):
        start, end = event["DTSTART"].dt, event["DTEND"].dt
        if isinstance(start, datetime):
            found.add((start.date(), start.strftime("%H:%M"), end.strftime("%H:%M")))
        else:
            found.add((start, None, None))
    return found


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(rules=st.lists(rules, min_size=1, max_size=3), place=st.sampled_from(PLACES), fermetures=closures)
def test_ics_expands_to_the_schedule(rules: list[Horaire], place: tuple[str, str], fermetures: list[Fermeture]) -> None:
    referentiels = _referentiels()
    commune, departement = place
    post: Poste = poste(rules, commune=commune, departement=departement).model_copy(update={"fermetures": fermetures})
    catalogue = Catalogue.build([post], referentiels, TODAY)
    (only,) = catalogue.places
    expected = {(o.jour, o.debut, o.fin) for o in only.presences[0].occurrences}
    assert _expanded(calendrier.for_place(catalogue, only)) == expected
    assert _expanded(calendrier.for_post(catalogue, post.id)) == expected
