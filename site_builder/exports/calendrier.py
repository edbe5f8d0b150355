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

from site_builder.catalogue import Catalogue, Place, Presence
from site_builder.model import Frequence, Horaire
from site_builder.schedule import HourRange, timezone_of

_BYDAY = ["MO", "TU", "WE", "TH", "FR", "SA", "SU"]
PRODID = "-//Carte des ISCG//site_builder//FR"


def _events(presence: Presence, place: Place, today: date) -> Iterable[Event]:
    if not presence.present:
        return
    poste = presence.poste
    zone = ZoneInfo(timezone_of(place.departement))
    for rule_index, regle in enumerate(presence.rules):
        rule, first = regle.horaire, regle.first_day
        if first is None:
            continue
        ranges: list[HourRange | None] = [*regle.ranges] or [None]
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
            event.add("rrule", _rrule(rule, regle.until, hours, zone))
            if hours is None:
                event.add("dtstart", first)
                event.add("dtend", first + timedelta(days=1))
                for day in regle.excluded:
                    event.add("exdate", day)
            else:
                event.add("dtstart", datetime.combine(first, hours.start, tzinfo=zone))
                event.add("dtend", datetime.combine(first, hours.end, tzinfo=zone))
                for day in regle.excluded:
                    event.add("exdate", datetime.combine(day, hours.start, tzinfo=zone))
            yield event


def _rrule(rule: Horaire, until: date | None, hours: HourRange | None, zone: ZoneInfo) -> dict[str, object]:
    recurrence: dict[str, object] = {
        "freq": "weekly",
        "interval": 2 if rule.frequence is Frequence.TOUTES_LES_2_SEMAINES else 1,
        "byday": [_BYDAY[jour.weekday] for jour in rule.jours],
        "wkst": "MO",
    }
    if until:
        if hours is None:
            recurrence["until"] = until
        else:
            local = datetime.combine(until, hours.start, tzinfo=zone)
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
    key = ("ics", presence.poste.id, presence.place_id)
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
    poste = catalogue.postes_by_id[poste_id]
    pairs = (_serialised(catalogue, presence, place) for presence, place in catalogue.presences_of(poste))
    return _calendar(poste.intitule, pairs, catalogue.today)
