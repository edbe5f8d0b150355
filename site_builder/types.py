"""Typed codes and values of the data format, each with a French message when it is wrong.

Values arrive as text (see ``load.py``); these types read them without guessing. Every type
also accepts its Python value, so tests and importers can build models directly.
"""

from __future__ import annotations

import re
from datetime import date
from enum import Enum
from typing import Annotated, Any

from pydantic import AfterValidator, BeforeValidator, Field, WithJsonSchema
from pydantic_core import PydanticCustomError

# Error types of our own, mapped to report codes in ``french_errors.py``.
FORMAT, INVERTED, DUPLICATE, BLANK = "format", "plage_inversee", "doublon", "vide"
INVISIBLE, LINE_BREAK, RESERVED = "caractere_invisible", "retour_a_la_ligne", "nom_reserve"


def _fail(kind: str, message: str, **context: Any) -> PydanticCustomError:
    return PydanticCustomError(kind, message, context or None)


def _text_check(pattern: str, expected: str, *, flags: int = 0) -> AfterValidator:
    compiled = re.compile(pattern, flags)

    def check(value: str) -> str:
        if not compiled.fullmatch(value):
            raise _fail(FORMAT, "« {valeur} » n'est pas {attendu}", valeur=value, attendu=expected)
        return value

    return AfterValidator(check)


def _schema(pattern: str, description: str, example: str) -> WithJsonSchema:
    return WithJsonSchema({"type": "string", "pattern": pattern, "description": description, "examples": [example]})


# --- Codes ------------------------------------------------------------------------------

_DEP = r"(0[1-9]|1[0-9]|2[1-9AB]|[3-8][0-9]|9[0-5]|97[1-6])"
CodeDepartement = Annotated[
    str,
    _text_check(_DEP, "un code de département (01 à 95, 2A, 2B, 971 à 976)"),
    _schema(f"^{_DEP}$", "Code INSEE du département", "25"),
]
_COMMUNE = r"([013-9][0-9]|2[AB0-9])[0-9]{3}"
CodeCommune = Annotated[
    str,
    _text_check(_COMMUNE, "un code commune INSEE à 5 caractères (ex. 25056 ; ce n'est pas le code postal)"),
    _schema(f"^{_COMMUNE}$", "Code officiel géographique (INSEE) de la commune", "25056"),
]
CodePostal = Annotated[
    str, _text_check(r"[0-9]{5}", "un code postal à 5 chiffres"), _schema("^[0-9]{5}$", "Code postal", "25000")
]


def _luhn(digits: str) -> bool:
    total = 0
    for index, char in enumerate(reversed(digits)):
        value = int(char) * (2 if index % 2 else 1)
        total += value - 9 if value > 9 else value
    return total % 10 == 0


def _siren(value: str) -> str:
    if not re.fullmatch(r"[0-9]{9}", value):
        raise _fail(FORMAT, "« {valeur} » n'est pas un numéro SIREN (9 chiffres)", valeur=value)
    if not _luhn(value):
        raise _fail(FORMAT, "« {valeur} » n'est pas un numéro SIREN valide (clé de contrôle fausse)", valeur=value)
    return value


Siren = Annotated[str, AfterValidator(_siren), _schema("^[0-9]{9}$", "Numéro SIREN (EPCI)", "242500361")]

_ID = r"[a-z0-9]+(-[a-z0-9]+)*"
# Names the site itself uses where posts and places get their folders (``postes/<id>/``,
# ``lieux/<id>/``): ``index`` would publish a post at ``/postes/`` itself.
RESERVED_IDS = frozenset({"index"})


def _identifier(value: str) -> str:
    if value in RESERVED_IDS:
        raise _fail(
            RESERVED,
            "« {valeur} » est un nom réservé par le site (il publierait la page à la place de la liste) ; "
            "choisissez un identifiant qui nomme le lieu, ex. brigade-saint-vit",
            valeur=value,
        )
    return value


Identifiant = Annotated[
    str,
    Field(max_length=100),
    _text_check(_ID, "un identifiant en minuscules ASCII séparées par des tirets (ex. brigade-saint-vit)"),
    AfterValidator(_identifier),
    WithJsonSchema(
        {
            "type": "string",
            "pattern": f"^{_ID}$",
            "not": {"enum": sorted(RESERVED_IDS)},
            "maxLength": 100,
            "description": "Identifiant stable en minuscules ASCII et tirets",
            "examples": ["brigade-saint-vit"],
        }
    ),
]

# --- Contact ----------------------------------------------------------------------------

# National numbers of the overseas départements have their own country codes.
_OVERSEAS = {
    "590": "590", "690": "590", "691": "590",  # Guadeloupe, Saint-Martin, Saint-Barthélemy
    "594": "594", "694": "594",  # Guyane
    "596": "596", "696": "596", "697": "596",  # Martinique
    "262": "262", "263": "262", "692": "262", "693": "262",  # La Réunion
    "269": "262", "639": "262",  # Mayotte
}  # fmt: skip
_PHONE_SEPARATORS = re.compile(r"[ .\-\u00a0\u202f]")


def phone_e164(value: str) -> str:
    """``03 81 00 00 00`` → ``+33381000000``; ``0590 …`` → ``+590590…``; short numbers as is."""
    digits = _PHONE_SEPARATORS.sub("", value)
    if digits.startswith("+"):
        return digits
    if digits.startswith("00"):
        return "+" + digits[2:]
    if len(digits) == 10:
        national = digits[1:]
        return "+" + _OVERSEAS.get(national[:3], "33") + national
    return digits


def _phone(value: str) -> str:
    digits = _PHONE_SEPARATORS.sub("", value)
    national = re.fullmatch(r"0[1-9][0-9]{8}", digits)
    international = re.fullmatch(r"(\+|00)(33|262|269|590|594|596|508|681|687|689)[1-9][0-9]{5,9}", digits)
    short = re.fullmatch(r"(1[0-9]{1,2}|3[0-9]{3}|116[0-9]{3})", digits)
    if not (national or international or short):
        raise _fail(
            FORMAT,
            "« {valeur} » n'est pas un numéro de téléphone français (attendu 10 chiffres comme "
            "03 81 00 00 00, +33 3 81 00 00 00, un numéro d'outre-mer ou un numéro court)",
            valeur=value,
        )
    return value


Telephone = Annotated[
    str,
    AfterValidator(_phone),
    WithJsonSchema({"type": "string", "description": "Numéro de téléphone", "examples": ["03 81 00 00 00"]}),
]
# An address and nothing else: what follows ``mailto:`` must not add recipients, a subject or
# a body (``?bcc=…``, ``&``, ``%40``), so the local part is a dot-atom of plain characters
# and the domain plain labels.
_LOCAL = r"[A-Za-z0-9_+-]+(\.[A-Za-z0-9_+-]+)*"
_LABEL = r"[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?"
_EMAIL = re.compile(f"{_LOCAL}@({_LABEL}\\.)+[A-Za-z]{{2,63}}")
_MAIL_EXTRAS = re.compile(r"[?&%=,;:/<>\"'\\ ]")


def _email(value: str) -> str:
    extra = _MAIL_EXTRAS.search(value)
    if extra and "@" in value:
        raise _fail(
            FORMAT,
            "« {valeur} » n'est pas une simple adresse électronique : « {caractere} » (position {position}) "
            "ajouterait au lien d'envoi d'autres destinataires ou un texte ; écrivez l'adresse seule "
            "(ex. contact@exemple.fr)",
            valeur=value,
            caractere=extra.group(),
            position=extra.start() + 1,
        )
    if len(value) > 254 or not _EMAIL.fullmatch(value):
        raise _fail(FORMAT, "« {valeur} » n'est pas une adresse électronique (ex. contact@exemple.fr)", valeur=value)
    return value


Courriel = Annotated[
    str,
    AfterValidator(_email),
    WithJsonSchema(
        {
            "type": "string",
            "format": "email",
            "pattern": f"^{_EMAIL.pattern}$",
            "maxLength": 254,
            "description": "Adresse électronique",
        }
    ),
]
Url = Annotated[
    str,
    _text_check(r"https?://[^\s<>\"']+\.[^\s<>\"']+", "une adresse web commençant par https:// ou http://"),
    WithJsonSchema({"type": "string", "format": "uri", "description": "Adresse web"}),
]

# --- Dates, numbers, hours ----------------------------------------------------------------


def _date(value: Any) -> Any:
    if isinstance(value, date) or not isinstance(value, str):
        return value
    try:
        if re.fullmatch(r"[0-9]{4}-[0-9]{2}-[0-9]{2}", value):
            return date.fromisoformat(value)
    except ValueError:
        raise _fail(FORMAT, "« {valeur} » n'est pas une date qui existe", valeur=value) from None
    raise _fail(FORMAT, "« {valeur} » n'est pas une date (attendu AAAA-MM-JJ, ex. 2024-01-03)", valeur=value)


Date = Annotated[
    date,
    BeforeValidator(_date),
    WithJsonSchema({"type": "string", "format": "date", "description": "Date AAAA-MM-JJ"}),
]


def _partial_date(value: str) -> str:
    if re.fullmatch(r"[0-9]{4}(-[0-9]{2}(-[0-9]{2})?)?", value):
        try:
            date.fromisoformat((value + "-01-01")[:10])
            return value
        except ValueError:
            pass
    raise _fail(
        FORMAT,
        "« {valeur} » n'est pas une date (attendu AAAA-MM-JJ, ou AAAA-MM ou AAAA quand le jour n'est pas connu)",
        valeur=value,
    )


DatePartielle = Annotated[
    str,
    AfterValidator(_partial_date),
    WithJsonSchema(
        {
            "type": "string",
            "pattern": "^[0-9]{4}(-[0-9]{2}(-[0-9]{2})?)?$",
            "description": "Date AAAA-MM-JJ, ou AAAA-MM ou AAAA quand le jour n'est pas publié",
        }
    ),
]


def _decimal(value: Any) -> Any:
    if not isinstance(value, str):
        return value
    if re.fullmatch(r"-?[0-9]+([.,][0-9]+)?", value):
        return float(value.replace(",", "."))
    raise _fail(FORMAT, "« {valeur} » n'est pas un nombre (ex. 0.5 ou 35)", valeur=value)


def _integer(value: Any) -> Any:
    if not isinstance(value, str):
        return value
    compact = re.sub(r"[ \u00a0\u202f]", "", value)
    if re.fullmatch(r"[0-9]+", compact):
        return int(compact)
    raise _fail(FORMAT, "« {valeur} » n'est pas un nombre entier d'euros (ex. 20000)", valeur=value)


def plain_number(value: float) -> str:
    """A number as people write it and as ``_decimal`` reads it back: never ``6e-05``."""
    if value.is_integer():
        return str(int(value))
    text = repr(value)
    return f"{value:.15f}".rstrip("0") if "e" in text else text


Nombre = Annotated[float, BeforeValidator(_decimal)]
Euros = Annotated[int, BeforeValidator(_integer), Field(ge=0)]
Latitude = Annotated[float, BeforeValidator(_decimal), Field(ge=-90, le=90)]
Longitude = Annotated[float, BeforeValidator(_decimal), Field(ge=-180, le=180)]

_HOUR = r"([01][0-9]|2[0-3]):[0-5][0-9]"
_RANGE = re.compile(f"({_HOUR})-({_HOUR}|24:00)")


def minutes(hour: str) -> int:
    hours, mins = hour.split(":")
    return int(hours) * 60 + int(mins)


def split_range(value: str) -> tuple[str, str]:
    start, end = value.split("-")
    return start, end


def _range(value: str) -> str:
    if not _RANGE.fullmatch(value):
        raise _fail(
            FORMAT, "« {valeur} » n'est pas une plage horaire (attendu HH:MM-HH:MM, ex. 09:00-12:00)", valeur=value
        )
    start, end = split_range(value)
    if minutes(start) >= minutes(end):
        raise _fail(INVERTED, "« {valeur} » : l'heure de fin doit suivre l'heure de début", valeur=value)
    return value


Plage = Annotated[
    str,
    AfterValidator(_range),
    _schema(f"^{_RANGE.pattern}$", "Plage horaire HH:MM-HH:MM", "09:00-12:00"),
]


# --- Texts ------------------------------------------------------------------------------

# What no text may hold, wherever it lands (HTML, calendars, spreadsheets, terminals): control
# characters (C0, DEL, C1), the invisible controls that reorder what is displayed around them
# (embeddings, overrides, isolates), Unicode's own line separators, lone UTF-16 halves and the
# byte-order mark. A one-line text refuses line breaks too; a multi-line text allows "\n" only.
_FORBIDDEN = (  # as regex escapes, read by Python and by JSON Schema validators alike
    r"\x00-\x09\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\u2028\u2029\ud800-\udfff\ufdd0-\ufdef\ufeff\ufffe\uffff"
)
_FORBIDDEN_IN_PARAGRAPH = re.compile(f"[{_FORBIDDEN}]")
_FORBIDDEN_IN_LINE = re.compile(f"[{_FORBIDDEN}\\n]")
_LINE_BREAKS = "\n\r\x0b\x0c\x85\u2028\u2029"

_CHARACTER_NAMES = {
    "\x00": "caractère nul",
    "\t": "tabulation",
    "\n": "retour à la ligne",
    "\r": "retour chariot",
    "\x0b": "tabulation verticale",
    "\x0c": "saut de page",
    "\x1b": "échappement, début d'une commande de terminal",
    "\x7f": "caractère d'effacement",
    "\x85": "passage à la ligne",
    "\u2028": "séparateur de ligne",
    "\u2029": "séparateur de paragraphe",
    "\ufeff": "indicateur d'ordre des octets",
}


def character_name(char: str) -> str:
    """``U+202E (contrôle de direction du texte)``: the code point and what it is, in French."""
    code = ord(char)
    if char in _CHARACTER_NAMES:
        name = _CHARACTER_NAMES[char]
    elif 0x202A <= code <= 0x202E or 0x2066 <= code <= 0x2069:
        name = "contrôle de direction du texte, qui inverse l'affichage de ce qui l'entoure"
    elif 0xD800 <= code <= 0xDFFF:
        name = "moitié de caractère UTF-16 isolée"
    elif 0xFDD0 <= code <= 0xFDEF or code in (0xFFFE, 0xFFFF):
        name = "non-caractère Unicode, qu'aucun texte ne doit contenir"
    elif code < 0x80:
        name = "contrôle ASCII"
    else:
        name = "contrôle C1, souvent un reste d'encodage Windows-1252"
    return f"U+{code:04X} ({name})"


def _text_checker(pattern: re.Pattern[str], *, multiline: bool) -> AfterValidator:
    def check(value: str) -> str:
        if not value.strip():
            raise PydanticCustomError(BLANK, "texte fait seulement d'espaces ; remplissez-le ou retirez la clé")
        # Spaces (and line breaks) around a text are stripped: YAML does so for plain values,
        # and a quoted value or a spreadsheet cell means the same text.
        offset = len(value) - len(value.lstrip())
        text = value.strip()
        found = pattern.search(text)
        if found is None:
            return text
        char, position = found.group(), offset + found.start() + 1
        if char in _LINE_BREAKS and not multiline:
            raise _fail(
                LINE_BREAK,
                "caractère {caractere} à la position {position} : ce texte tient sur une ligne "
                "(les retours à la ligne sont permis seulement dans les notes et les modalités)",
                caractere=character_name(char),
                position=position,
            )
        visible = "de contrôle" if ord(char) < 0xA0 else "invisible"
        raise _fail(
            INVISIBLE,
            "caractère {genre} {caractere} à la position {position} : retirez-le "
            "(il vient souvent d'un copier-coller ou d'un échappement « \\ » entre guillemets)",
            genre=visible,
            caractere=character_name(char),
            position=position,
        )

    return AfterValidator(check)


_LINE_CHECK = _text_checker(_FORBIDDEN_IN_LINE, multiline=False)


def _line(max_length: int) -> Any:
    return Annotated[
        str,
        Field(min_length=1, max_length=max_length),
        _LINE_CHECK,
        WithJsonSchema(
            {"type": "string", "minLength": 1, "maxLength": max_length, "pattern": f"^[^{_FORBIDDEN}\\n]*$"}
        ),
    ]


Ligne = _line(500)
"""A one-line text (names, titles, addresses, motives): no line break, no control character."""

NomDeLieu = _line(150)
"""A place's name. Without an id, the place's address is the post's id and this name
(``lieux/<id>-<nom>/``): 150 characters keep it within the 255 bytes of a file name."""

Paragraphe = Annotated[
    str,
    Field(min_length=1, max_length=2000),
    _text_checker(_FORBIDDEN_IN_PARAGRAPH, multiline=True),
    WithJsonSchema({"type": "string", "minLength": 1, "maxLength": 2000, "pattern": f"^[^{_FORBIDDEN}]*$"}),
]
"""A text that may span lines (notes, modalities): line breaks allowed, nothing else invisible."""


# --- Booleans -----------------------------------------------------------------------------

_TRUE, _FALSE = frozenset({"oui", "true"}), frozenset({"non", "false"})


def _boolean(value: Any) -> Any:
    if isinstance(value, bool):
        return value
    if isinstance(value, str) and value.strip().lower() in _TRUE:
        return True
    if isinstance(value, str) and value.strip().lower() in _FALSE:
        return False
    raise _fail(FORMAT, "« {valeur} » n'est pas oui ou non (attendu : oui, non, true ou false)", valeur=str(value))


Booleen = Annotated[
    bool,
    BeforeValidator(_boolean),
    WithJsonSchema(
        {"anyOf": [{"type": "boolean"}, {"enum": ["oui", "non", "true", "false"]}], "description": "oui ou non"}
    ),
]
"""Yes or no, written ``oui``/``non`` (or ``true``/``false``): never ``yes``, ``1`` or ``on``."""


def unique(values: list[Any]) -> list[Any]:
    seen: set[Any] = set()
    for value in values:
        if value in seen:
            shown = value.value if isinstance(value, Enum) else value
            raise _fail(DUPLICATE, "« {valeur} » figure deux fois dans la liste", valeur=str(shown))
        seen.add(value)
    return values


Unique = AfterValidator(unique)
