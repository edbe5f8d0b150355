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

# Error types of our own, mapped to report codes in ``errors.py``.
FORMAT, INVERTED, DUPLICATE, BLANK = "format", "plage_inversee", "doublon", "vide"


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
Identifiant = Annotated[
    str,
    Field(max_length=100),
    _text_check(_ID, "un identifiant en minuscules ASCII séparées par des tirets (ex. brigade-saint-vit)"),
    _schema(f"^{_ID}$", "Identifiant stable en minuscules ASCII et tirets", "brigade-saint-vit"),
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
Courriel = Annotated[
    str,
    _text_check(r"[^@\s<>\"']+@[^@\s<>\"']+\.[a-zA-Z]{2,}", "une adresse électronique (ex. contact@exemple.fr)"),
    WithJsonSchema({"type": "string", "format": "email", "description": "Adresse électronique"}),
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


def not_blank(value: str) -> str:
    if not value.strip():
        raise PydanticCustomError(BLANK, "texte fait seulement d'espaces ; remplissez-le ou retirez la clé")
    return value


def unique(values: list[Any]) -> list[Any]:
    seen: set[Any] = set()
    for value in values:
        if value in seen:
            shown = value.value if isinstance(value, Enum) else value
            raise _fail(DUPLICATE, "« {valeur} » figure deux fois dans la liste", valeur=str(shown))
        seen.add(value)
    return values


Unique = AfterValidator(unique)
