"""Weekly and fortnightly rules, holidays by département, closures, end dates."""

from __future__ import annotations

import itertools
from datetime import date

from site_builder.model import Fermeture
from site_builder.schedule import describe, occurrences, public_holidays, rule_dates
from tests.factories import horaire, poste


def _days(rule_kwargs: dict[str, object], start: date, end: date, departement: str = "25") -> list[date]:
    rule = horaire(**rule_kwargs)
    p = poste([rule], departement=departement)
    return [o.jour for o in occurrences(p, [rule], departement, start, end)]


def test_fortnightly_steps_14_days_across_the_53_week_year() -> None:
    # 2026 has 53 ISO weeks: "odd weeks" would give week 53 and week 1 of 2027 in a row.
    days = _days(
        {"jours": ["mercredi"], "frequence": "toutes_les_2_semaines", "a_partir_du": "2026-12-16"},
        date(2026, 12, 1), date(2027, 1, 31),
    )  # fmt: skip
    assert days == [date(2026, 12, 16), date(2026, 12, 30), date(2027, 1, 13), date(2027, 1, 27)]
    assert date(2026, 12, 30).isocalendar().week == 53 and date(2027, 1, 6).isocalendar().week == 1
    assert all((b - a).days == 14 for a, b in itertools.pairwise(days))


def test_fortnightly_anchor_on_another_weekday_counts_its_week() -> None:
    rule = horaire(jours=["lundi", "vendredi"], frequence="toutes_les_2_semaines", a_partir_du="2026-11-25")
    got = list(rule_dates(rule, date(2026, 11, 23), date(2026, 12, 13)))
    # The anchor's week (Monday 23 is before the anchor), then two weeks later.
    assert got == [date(2026, 11, 27), date(2026, 12, 7), date(2026, 12, 11)]


def test_alsace_moselle_holidays() -> None:
    assert date(2026, 12, 26) in public_holidays("57", 2026)
    assert date(2026, 4, 3) in public_holidays("67", 2026)  # Good Friday
    assert date(2026, 4, 3) in public_holidays("68", 2026)
    assert date(2026, 12, 26) not in public_holidays("25", 2026)
    rule = {"jours": ["samedi"]}
    assert date(2026, 12, 26) not in _days(rule, date(2026, 12, 20), date(2026, 12, 31), departement="67")
    assert date(2026, 12, 26) in _days(rule, date(2026, 12, 20), date(2026, 12, 31), departement="25")


def test_overseas_holidays() -> None:
    # Abolition of slavery: 20 December in La Réunion, 22 May in Martinique, 27 May in
    # Guadeloupe, 10 June in Guyane, 27 April in Mayotte.
    assert date(2026, 12, 20) in public_holidays("974", 2026)
    assert date(2026, 5, 22) in public_holidays("972", 2026)
    assert date(2026, 5, 27) in public_holidays("971", 2026)
    assert date(2026, 4, 27) in public_holidays("976", 2026)
    assert date(2026, 6, 10) in public_holidays("973", 2026)
    assert date(2026, 12, 20) not in public_holidays("25", 2026)
    days = _days({"jours": ["dimanche"]}, date(2026, 12, 14), date(2026, 12, 27), departement="974")
    assert days == [date(2026, 12, 27)]


def test_closure_spanning_a_holiday_removes_each_day_once() -> None:
    rule = horaire(jours=["jeudi", "vendredi"])
    p = poste([rule]).model_copy(update={"fermetures": [Fermeture(du=date(2026, 12, 24), au=date(2027, 1, 2))]})
    found = [o.jour for o in occurrences(p, [rule], "25", date(2026, 12, 17), date(2027, 1, 9))]
    assert found == [date(2026, 12, 17), date(2026, 12, 18), date(2027, 1, 7), date(2027, 1, 8)]


def test_rule_with_an_end_date() -> None:
    days = _days(
        {"jours": ["lundi"], "a_partir_du": "2026-11-01", "jusqu_au": "2026-12-07"},
        date(2026, 11, 23),
        date(2027, 1, 31),
    )
    assert days == [date(2026, 11, 23), date(2026, 11, 30), date(2026, 12, 7)]


def test_days_without_hours_give_dated_occurrences_without_hours() -> None:
    rule = horaire(jours=["mercredi"], plages=[])
    found = occurrences(poste([rule]), [rule], "25", date(2026, 11, 23), date(2026, 11, 29))
    assert [(o.jour, o.debut, o.fin) for o in found] == [(date(2026, 11, 25), None, None)]


def test_described_in_plain_french() -> None:
    rule = horaire(jours=["mercredi", "vendredi"], plages=["09:00-12:00", "13:30-17:00"])
    assert describe(rule) == "Le mercredi et le vendredi, 9 h – 12 h et 13 h 30 – 17 h"
    fortnightly = horaire(frequence="toutes_les_2_semaines", a_partir_du="2026-12-01", jusqu_au="2027-06-30")
    assert describe(fortnightly) == (
        "Le mardi, 14 h – 17 h, une semaine sur deux à partir du 1er décembre 2026, jusqu'au 30 juin 2027"
    )
