"""The sentences the pages build from the data's rules and dates, in the current language.

``schedule`` keeps the French forms the open-data files use (the calendar, the CSV); the pages
ask here, so that a rule reads ``le mercredi, 9 h – 12 h`` on a French page and ``on Wednesday,
9:00 AM – 12:00 PM`` on an English one. Lists are joined by CLDR (``a, b et c``, ``a, b, and c``).
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from site_builder import i18n
from site_builder.i18n import gettext as _
from site_builder.i18n import pgettext
from site_builder.model import Frequence, Horaire
from site_builder.schedule import Occurrence
from site_builder.types import split_range


def minuscule(text: str) -> str:
    """A label put inside a sentence: its first letter in lower case (``Le mardi`` → ``le mardi``),
    the rest as written, so that names (``Wednesday``) keep their capitals."""
    return text[:1].lower() + text[1:]


def liste(words: Iterable[str]) -> str:
    return i18n.liste(list(words))


def plage(debut: str | None, fin: str | None) -> str:
    if debut is None or fin is None:
        return _("heures à confirmer")
    return _("%(debut)s – %(fin)s") % {"debut": i18n.heure(debut), "fin": i18n.heure(fin)}


def plages(dated: Iterable[Occurrence]) -> str:
    return liste(plage(o.debut, o.fin) for o in dated)


def date_partielle(value: str) -> str:
    """``2020-09`` → ``septembre 2020``; ``2023`` → ``2023``; a full date without its weekday."""
    if len(value) == 4:
        return value
    if len(value) == 7:
        return i18n.mois(int(value[:4]), int(value[5:7]))
    return i18n.jour(date.fromisoformat(value), weekday=False)


def regle(rule: Horaire) -> str:
    """The rule said plainly: ``Le mercredi et le vendredi, 9 h – 12 h, une semaine sur deux…``."""
    days = liste(pgettext("jour d'une règle", "le %(jour)s") % {"jour": jour.label} for jour in rule.jours)
    hours = liste(plage(*split_range(p)) for p in rule.plages) if rule.plages else _("heures à confirmer")
    text = _("%(jours)s, %(heures)s") % {"jours": days, "heures": hours}
    if rule.frequence is Frequence.TOUTES_LES_2_SEMAINES and rule.a_partir_du:
        debut = i18n.jour(rule.a_partir_du, weekday=False)
        text += _(", une semaine sur deux à partir du %(date)s") % {"date": debut}
    elif rule.a_partir_du:
        text += _(", à partir du %(date)s") % {"date": i18n.jour(rule.a_partir_du, weekday=False)}
    if rule.jusqu_au:
        text += _(", jusqu'au %(date)s") % {"date": i18n.jour(rule.jusqu_au, weekday=False)}
    return text[0].upper() + text[1:]
