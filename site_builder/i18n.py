"""The site's languages: gettext catalogs managed with Babel, one current language at a time.

French is the source language: every text the site writes is French in the code, marked with
``_()`` (or ``N_()`` where it is translated later), and ``site_builder/locale/<code>/LC_MESSAGES/
messages.po`` holds each other language's translations (``make traductions``: extract, update,
compile). The build reads the ``.po`` files themselves, compiled in memory, so a catalog edited
on a translation platform is used as it is, with no compiled file to forget.

What language a text is written in is the one ``langue()`` set around the work: templates,
sentences of ``schedule`` and ``pages`` and the scripts' settings all ask ``gettext`` here.
"""

from __future__ import annotations

import io
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from datetime import date, time
from functools import cache
from gettext import NullTranslations
from pathlib import Path

from babel import Locale
from babel.dates import format_date, format_skeleton, format_time, get_day_names
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from babel.numbers import format_decimal
from babel.support import Translations

LOCALE_DIR = Path(__file__).resolve().parent / "locale"
DOMAIN = "messages"


@dataclass(frozen=True)
class Langue:
    code: str  # ISO 639-1, the first segment of the language's addresses
    nom: str  # the language named in itself, as its menu shows it
    sens: str = "ltr"  # the writing direction, for <html dir>

    @property
    def prefixe(self) -> str:
        """The folder of its pages: French at the site's root, every other language below it."""
        return "" if self.code == SOURCE else f"{self.code}/"


SOURCE = "fr"
LANGUES: tuple[Langue, ...] = (
    Langue("fr", "Français"),
    Langue("en", "English"),
    Langue("ar", "العربية", "rtl"),
    Langue("es", "Español"),
    Langue("pt", "Português"),
    Langue("tr", "Türkçe"),
    Langue("uk", "Українська"),
)
PAR_CODE = {langue.code: langue for langue in LANGUES}
TRADUITES = tuple(langue for langue in LANGUES if langue.code != SOURCE)

_courante: ContextVar[str] = ContextVar("langue", default=SOURCE)


def du_site() -> tuple[Langue, ...]:
    """The languages a build makes: all of them, unless ``ISCG_LANGUES`` names some (``fr,en``),
    for a quicker preview while editing, or tests about something else than the languages.
    French is always made: the other languages' menus lead to its maintainers' pages."""
    import os

    asked = [code.strip() for code in os.environ.get("ISCG_LANGUES", "").split(",") if code.strip()]
    unknown = [code for code in asked if code not in PAR_CODE]
    if unknown:
        known = ", ".join(PAR_CODE)
        raise ValueError(
            f"ISCG_LANGUES : langue « {unknown[0]} » inconnue (attendu, séparées par des virgules : {known})"
        )
    return tuple(langue for langue in LANGUES if not asked or langue.code in asked or langue.code == SOURCE)


def po_path(code: str) -> Path:
    return LOCALE_DIR / code / "LC_MESSAGES" / f"{DOMAIN}.po"


@cache
def translations(code: str) -> NullTranslations:
    """A language's catalog, compiled from its ``.po`` file in memory; French needs none.
    Fuzzy entries are left out, as ``pybabel compile`` leaves them out."""
    if code == SOURCE:
        return NullTranslations()
    with po_path(code).open("rb") as po:
        catalog = read_po(po, locale=code)
    buffer = io.BytesIO()
    write_mo(buffer, catalog, use_fuzzy=False)
    buffer.seek(0)
    return Translations(buffer, domain=DOMAIN)


@contextmanager
def langue(code: str) -> Iterator[Langue]:
    """Write in this language within the block."""
    token = _courante.set(PAR_CODE[code].code)
    try:
        yield PAR_CODE[code]
    finally:
        _courante.reset(token)


def courante() -> Langue:
    return PAR_CODE[_courante.get()]


def gettext(message: str) -> str:
    return translations(_courante.get()).gettext(message)


def ngettext(singular: str, plural: str, n: int) -> str:
    return translations(_courante.get()).ngettext(singular, plural, n)


def pgettext(context: str, message: str) -> str:
    return translations(_courante.get()).pgettext(context, message)


def npgettext(context: str, singular: str, plural: str, n: int) -> str:
    return translations(_courante.get()).npgettext(context, singular, plural, n)


def N_(message: str) -> str:
    """Marks a text for the catalogs where it is defined; ``gettext`` translates it where used."""
    return message


# --- Dates and numbers, by CLDR ---------------------------------------------------------------


# Thousands of pages write the same few dates and hours: each is formatted once a language.


@cache
def _parsed(code: str) -> Locale:
    return Locale.parse(code)


def _locale() -> Locale:
    return _parsed(_courante.get())


def jour(day: date, *, weekday: bool = True) -> str:
    """A date in the current language (CLDR's full form: ``Tuesday, December 1, 2026``); French
    keeps its own forms (``mercredi 3 décembre 2026``, ``1er``), which CLDR does not write."""
    return _jour(_courante.get(), day, weekday)


@cache
def _jour(code: str, day: date, weekday: bool) -> str:
    from site_builder.schedule import french_date

    if code == SOURCE:
        return french_date(day, weekday=weekday)
    return format_date(day, format="full" if weekday else "long", locale=_parsed(code))


def mois(year: int, month: int) -> str:
    """``September 2020``: a month of a year, as partial dates of the data give them."""
    from site_builder.schedule import MONTHS

    if _courante.get() == SOURCE:
        return f"{MONTHS[month - 1]} {year}"
    return format_skeleton("yMMMM", date(year, month, 1), locale=_locale())


def heure(hour: str) -> str:
    """``13:30`` as the current language writes a time (CLDR's short form: ``1:30 PM``,
    ``13:30``); French keeps ``13 h 30``."""
    return _heure(_courante.get(), hour)


@cache
def _heure(code: str, hour: str) -> str:
    from site_builder.schedule import french_hour

    if code == SOURCE:
        return french_hour(hour)
    return format_time(time.fromisoformat(hour), format="short", locale=_parsed(code))


def liste(words: list[str]) -> str:
    """Words joined as the current language joins a list (CLDR's patterns: ``a, b et c``)."""
    if len(words) < 2:
        return words[0] if words else ""
    patterns: dict[str, str] = _parsed(_courante.get()).list_patterns["standard"]
    if len(words) == 2:
        return patterns["2"].format(*words)
    text = patterns["end"].format(words[-2], words[-1])
    for word in reversed(words[1:-2]):
        text = patterns["middle"].format(word, text)
    return patterns["start"].format(words[0], text)


def nom_du_jour(weekday: int) -> str:
    """A weekday's name (0 for Monday) in the current language, from CLDR, as in a sentence."""
    return str(get_day_names("wide", context="format", locale=_locale())[weekday])


def nombre(value: float) -> str:
    """A number with the current language's separators (``12 000``, ``12,000``, ``12.000``)."""
    return format_decimal(value, locale=_locale())
