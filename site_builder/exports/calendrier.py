"""iCalendar files, per post and per place, that a calendar application can subscribe to.

One event per rule and time range: ``RRULE`` weekly (``INTERVAL=2`` for fortnightly rules,
``WKST=MO`` so weeks count as the schedule module counts them), ``DTSTART`` on the rule's first
day, ``TZID`` of the place, and ``EXDATE`` for each public holiday and closure of the coming
year. Expanded, the file gives exactly the occurrences of ``schedule.occurrences``.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, datetime, time, timedelta
from functools import cache
from typing import cast
from zoneinfo import ZoneInfo

from icalendar import Calendar, Event, Timezone

from site_builder.catalogue import HORIZON_DAYS, Catalogue, Place, Presence
from site_builder.model import Frequence, Horaire
from site_builder.schedule import closed, is_holiday, rule_dates, timezone_of
from site_builder.types import split_range

_BYDAY = ["MO", "TU", "WE", "TH", "FR", "SA", "SU"]
PRODID = "-//Carte des ISCG//site_builder//FR"


def _time(hour: str) -> time:
    hours, minutes = hour.split(":")
    return time(int(hours), int(minutes))


def _events(presence: Presence, place: Place, today: date) -> Iterable[Event]:
    if not presence.present:
        return
    poste, permanence = presence.poste, presence.permanence
    zone = ZoneInfo(timezone_of(place.departement))
    horizon = today + timedelta(days=HORIZON_DAYS)
    for rule_index, rule in enumerate(permanence.horaires or []):
        days = list(rule_dates(rule, rule.a_partir_du or today, horizon))
        if not days:
            continue
        first = days[0]
        excluded = [d for d in days if is_holiday(place.departement, d) or closed(poste.fermetures, d)]
        ranges: list[tuple[str, str] | None] = [split_range(p) for p in rule.plages] or [None]
        for range_index, hours in enumerate(ranges):
            event = Event()
            event.add("uid", f"{poste.id}.{place.id}.{rule_index}.{range_index}@iscg")
            event.add("dtstamp", datetime.combine(today, time(0, 0), tzinfo=ZoneInfo("UTC")))
            event.add("summary", f"Permanence de l'intervenant social – {place.lieu.nom}")
            event.add("location", place.lieu.adresse or f"{place.lieu.nom}, {place.commune.nom}")
            description = [poste.intitule]
            if poste.contact and poste.contact.telephone:
                description.append(f"Téléphone : {poste.contact.telephone}")
            if not rule.plages:
                description.append("Heures à confirmer.")
            event.add("description", "\n".join(description))
            event.add("rrule", _rrule(rule, hours, zone))
            if hours is None:
                event.add("dtstart", first)
                event.add("dtend", first + timedelta(days=1))
                for day in excluded:
                    event.add("exdate", day)
            else:
                start, end = _time(hours[0]), _time(hours[1])
                event.add("dtstart", datetime.combine(first, start, tzinfo=zone))
                event.add("dtend", datetime.combine(first, end, tzinfo=zone))
                for day in excluded:
                    event.add("exdate", datetime.combine(day, start, tzinfo=zone))
            yield event


def _rrule(rule: Horaire, hours: tuple[str, str] | None, zone: ZoneInfo) -> dict[str, object]:
    recurrence: dict[str, object] = {
        "freq": "weekly",
        "interval": 2 if rule.frequence is Frequence.TOUTES_LES_2_SEMAINES else 1,
        "byday": [_BYDAY[jour.weekday] for jour in rule.jours],
        "wkst": "MO",
    }
    if rule.jusqu_au:
        if hours is None:
            recurrence["until"] = rule.jusqu_au
        else:
            local = datetime.combine(rule.jusqu_au, _time(hours[0]), tzinfo=zone)
            recurrence["until"] = local.astimezone(ZoneInfo("UTC"))
    return recurrence


@cache
def _vtimezone(zone: str, year: int) -> bytes:
    """Time-zone rules for the years the events cover (not the 68 years icalendar writes by
    default), serialised once per zone and build: every file of the same zone shares them."""
    timezone = Timezone.from_tzid(zone, first_date=date(year - 1, 1, 1), last_date=date(year + 3, 1, 1))
    return bytes(timezone.to_ical())


def _serialised(catalogue: Catalogue, presence: Presence, place: Place) -> tuple[bytes, frozenset[str]]:
    """A presence's events as iCalendar text, and their time zones: made once per build, since
    each appears both in its place's calendar and in its post's."""
    key = ("ics", presence.poste.id, place.id)
    if key not in catalogue.cache:
        text, zones = b"", set[str]()
        for event in _events(presence, place, catalogue.today):
            start = event.get("dtstart")
            if start is not None and getattr(start.dt, "tzinfo", None) is not None:
                zones.add(str(start.dt.tzinfo))
            text += bytes(event.to_ical())
        catalogue.cache[key] = (text, frozenset(zones))
    return cast(tuple[bytes, frozenset[str]], catalogue.cache[key])


def _calendar(name: str, pairs: Iterable[tuple[bytes, frozenset[str]]], today: date) -> bytes:
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("x-wr-calname", name)
    events, zones = b"", set[str]()
    for text, event_zones in pairs:
        events += text
        zones |= event_zones
    timezones = b"".join(_vtimezone(zone, today.year) for zone in sorted(zones))
    head, end = bytes(calendar.to_ical()).rsplit(b"END:VCALENDAR", 1)
    return head + timezones + events + b"END:VCALENDAR" + end


def for_place(catalogue: Catalogue, place: Place) -> bytes:
    pairs = (_serialised(catalogue, presence, place) for presence in place.presences)
    return _calendar(f"Intervenant social – {place.lieu.nom}", pairs, catalogue.today)


def for_post(catalogue: Catalogue, poste_id: str) -> bytes:
    poste = next(p for p in catalogue.postes if p.id == poste_id)
    pairs = []
    for _, place in catalogue.places_of(poste):
        presence = next(p for p in place.presences if p.poste.id == poste.id)
        pairs.append(_serialised(catalogue, presence, place))
    return _calendar(poste.intitule, pairs, catalogue.today)
