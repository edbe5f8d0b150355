"""Weekly and fortnightly rules → dated occurrences, without holidays and closures.

A fortnightly rule counts 14-day steps from its anchor date (``a_partir_du``), never ISO week
parity: 2026 has 53 ISO weeks, so "odd weeks" would give two weeks in a row at new year.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import date, time, timedelta
from functools import cache

import holidays

from site_builder.model import Fermeture, Frequence, Horaire, Poste
from site_builder.types import split_range

# Départements with holidays of their own (Alsace-Moselle, overseas), as the package names them.
HOLIDAY_SUBDIVISIONS = {
    "57": "57",
    "67": "6AE",
    "68": "6AE",
    **{code: code for code in ("971", "972", "973", "974", "976")},
}
# The visitor reads hours in the place's own time: overseas départements have their own.
TIMEZONES = {
    "971": "America/Guadeloupe",
    "972": "America/Martinique",
    "973": "America/Cayenne",
    "974": "Indian/Reunion",
    "976": "Indian/Mayotte",
}
MONTHS = [
    "janvier", "février", "mars", "avril", "mai", "juin",
    "juillet", "août", "septembre", "octobre", "novembre", "décembre",
]  # fmt: skip
WEEKDAYS = ["lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche"]


@dataclass(frozen=True)
class HourRange:
    """``09:00-12:00`` parsed once: typed times, and the text forms the outputs write."""

    start: time
    end: time

    @classmethod
    def parse(cls, plage: str) -> HourRange:
        debut, fin = split_range(plage)
        return cls(time.fromisoformat(debut), time.fromisoformat(fin))

    @property
    def debut(self) -> str:
        return self.start.strftime("%H:%M")

    @property
    def fin(self) -> str:
        return self.end.strftime("%H:%M")


@dataclass(frozen=True)
class Occurrence:
    jour: date
    debut: str | None  # HH:MM, None when only the day is published
    fin: str | None

    def __lt__(self, other: Occurrence) -> bool:
        # A day without hours comes before the same day's ranges.
        return (self.jour, self.debut or "", self.fin or "") < (other.jour, other.debut or "", other.fin or "")

    def to_json(self) -> list[str | None]:
        return [self.jour.isoformat(), self.debut, self.fin]


@cache
def _holidays(subdivision: str | None, year: int) -> dict[date, str]:
    calendar = holidays.country_holidays("FR", subdiv=subdivision, years=year, language="fr")
    return dict(calendar.items())


def public_holidays(departement: str, year: int) -> dict[date, str]:
    """Public holidays observed in a département, with their French names."""
    return _holidays(HOLIDAY_SUBDIVISIONS.get(departement), year)


def timezone_of(departement: str) -> str:
    return TIMEZONES.get(departement, "Europe/Paris")


def is_holiday(departement: str, day: date) -> bool:
    return day in public_holidays(departement, day.year)


def _monday(day: date) -> date:
    return day - timedelta(days=day.weekday())


def rule_dates(rule: Horaire, start: date, end: date) -> Iterator[date]:
    """Every date from ``start`` to ``end`` (included) on which the rule applies."""
    first = max(start, rule.a_partir_du or start)
    last = min(end, rule.jusqu_au or end)
    weekdays = {jour.weekday for jour in rule.jours}
    fortnightly = rule.frequence is Frequence.TOUTES_LES_2_SEMAINES
    if fortnightly and rule.a_partir_du is None:
        return  # invalid data (E309): no anchor, no dates
    anchor = _monday(rule.a_partir_du) if rule.a_partir_du else None
    step = timedelta(days=14 if fortnightly else 7)
    found = []
    for weekday in weekdays:
        day = first + timedelta(days=(weekday - first.weekday()) % 7)
        if fortnightly and anchor is not None and ((_monday(day) - anchor).days // 7) % 2:
            day += timedelta(days=7)  # the first week of this weekday that is a week of presence
        while day <= last:
            found.append(day)
            day += step
    yield from sorted(found)


def end_of_partial_date(value: str) -> date:
    """The last day a partial date covers: ``2025`` → 31 December 2025, ``2025-02`` → 28 February."""
    if len(value) == 4:
        return date(int(value), 12, 31)
    if len(value) == 7:
        year, month = int(value[:4]), int(value[5:7])
        return date(year + month // 12, month % 12 + 1, 1) - timedelta(days=1)
    return date.fromisoformat(value)


def closed(fermetures: list[Fermeture], day: date) -> Fermeture | None:
    return next((f for f in fermetures if f.du <= day <= f.au), None)


def excluded(poste: Poste, departement: str, day: date) -> bool:
    """Whether a day of a rule is taken out: a public holiday there, or one of the post's closures."""
    return is_holiday(departement, day) or closed(poste.fermetures, day) is not None


def occurrences(poste: Poste, rules: list[Horaire], departement: str, start: date, end: date) -> list[Occurrence]:
    """Dated presences of some rules, sorted, without public holidays and the post's closures."""
    found: set[Occurrence] = set()
    for rule in rules:
        ranges = [HourRange.parse(plage) for plage in rule.plages]
        for day in rule_dates(rule, start, end):
            if excluded(poste, departement, day):
                continue
            if not ranges:
                found.add(Occurrence(day, None, None))
            for hours in ranges:
                found.add(Occurrence(day, hours.debut, hours.fin))
    return sorted(found)


# --- French wording ------------------------------------------------------------------------


def french_date(day: date, *, weekday: bool = True, year: bool = True) -> str:
    """``mercredi 3 décembre 2026``; ``1er`` for the first of the month."""
    number = "1er" if day.day == 1 else str(day.day)
    text = f"{number} {MONTHS[day.month - 1]}"
    if year:
        text += f" {day.year}"
    return f"{WEEKDAYS[day.weekday()]} {text}" if weekday else text


def by_day(dated: Iterable[Occurrence], days: int) -> list[tuple[date, list[Occurrence]]]:
    """The first ``days`` distinct days, each with its occurrences in time order."""
    grouped: dict[date, list[Occurrence]] = {}
    for occurrence in sorted(dated):
        if occurrence.jour not in grouped and len(grouped) == days:
            break
        grouped.setdefault(occurrence.jour, []).append(occurrence)
    return list(grouped.items())


def french_hour(hour: str) -> str:
    """``09:00`` → ``9 h`` ; ``13:30`` → ``13 h 30``."""
    hours, minutes = hour.split(":")
    return f"{int(hours)} h" + (f" {minutes}" if minutes != "00" else "")


def french_range(debut: str | None, fin: str | None) -> str:
    if debut is None or fin is None:
        return "heures à confirmer"
    return f"{french_hour(debut)} – {french_hour(fin)}"


def _join(words: list[str]) -> str:
    return words[0] if len(words) == 1 else ", ".join(words[:-1]) + " et " + words[-1]


def describe(rule: Horaire) -> str:
    """The rule said plainly: ``le mercredi et le vendredi, 9 h – 12 h, une semaine sur deux…``."""
    days = _join([f"le {jour.label}" for jour in rule.jours])
    hours = _join([french_range(*split_range(p)) for p in rule.plages]) if rule.plages else "heures à confirmer"
    text = f"{days}, {hours}"
    if rule.frequence is Frequence.TOUTES_LES_2_SEMAINES and rule.a_partir_du:
        text += f", une semaine sur deux à partir du {french_date(rule.a_partir_du, weekday=False)}"
    elif rule.a_partir_du:
        text += f", à partir du {french_date(rule.a_partir_du, weekday=False)}"
    if rule.jusqu_au:
        text += f", jusqu'au {french_date(rule.jusqu_au, weekday=False)}"
    return text[0].upper() + text[1:]
