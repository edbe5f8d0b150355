"""Pydantic's validation errors translated into French: a report code, the field's path, what
was expected and what was found, and a hint. No English message of pydantic's goes through:
an error type this module does not know gets a French message of its own (a test walks every
error type pydantic_core defines)."""

from __future__ import annotations

import difflib
from typing import Any

from pydantic import BaseModel, ValidationError
from pydantic_core import ErrorDetails

from site_builder.annotations import enum_in, models_in
from site_builder.load import Document, Loc
from site_builder.model import Poste
from site_builder.report import Problem
from site_builder.types import BLANK, DUPLICATE, FORMAT, INVERTED, INVISIBLE, LINE_BREAK, RESERVED

_CUSTOM_CODES = {
    FORMAT: "E203",
    INVERTED: "E208",
    DUPLICATE: "E209",
    BLANK: "E201",
    INVISIBLE: "E210",
    LINE_BREAK: "E211",
    RESERVED: "E212",
}
_LIMITS = {
    "greater_than": "supérieur à {gt}",
    "greater_than_equal": "au moins {ge}",
    "less_than": "inférieur à {lt}",
    "less_than_equal": "au plus {le}",
}


_PARSING = {
    "bool_parsing": "oui ou non",
    "int_parsing": "un nombre entier",
    "int_from_float": "un nombre entier",
    "float_parsing": "un nombre",
    "decimal_parsing": "un nombre",
    "date_parsing": "une date (attendu AAAA-MM-JJ)",
    "date_from_datetime_parsing": "une date (attendu AAAA-MM-JJ)",
    "date_from_datetime_inexact": "une date sans heure (attendu AAAA-MM-JJ)",
    "datetime_parsing": "une date et une heure",
    "time_parsing": "une heure (attendu HH:MM)",
    "url_parsing": "une adresse web",
    "url_syntax_violation": "une adresse web",
    "url_scheme": "une adresse web commençant par https://",
    "uuid_parsing": "un identifiant UUID",
    "string_pattern_mismatch": "écrit au format attendu",
    "literal_error": "une valeur permise",
    "string_unicode": "un texte",
    "bytes_invalid_encoding": "un texte",
}


def dotted(loc: Loc) -> str:
    """``('permanences', 1, 'horaires', 0)`` → ``permanences[1].horaires[0]``."""
    text = ""
    for part in loc:
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else part)
    return text


def _describe(value: Any) -> str:
    if value is None:
        return "une valeur vide"
    if isinstance(value, dict):
        return "un dictionnaire de clés"
    if isinstance(value, list):
        return "une liste"
    return f"« {value} »"


def _model_at(loc: Loc) -> type[BaseModel] | None:
    model: type[BaseModel] = Poste
    for part in loc:
        if isinstance(part, int):
            continue
        field = model.model_fields.get(part)
        if field is None:
            return None
        candidates = models_in(field.annotation)
        if not candidates:
            return None
        model = candidates[0]
    return model


def _field_at(loc: Loc) -> Any:
    """The pydantic field that holds the value at ``loc`` (list indexes skipped)."""
    names = [index for index, part in enumerate(loc) if isinstance(part, str)]
    if not names:
        return None
    owner = _model_at(loc[: names[-1]])
    return owner.model_fields.get(str(loc[names[-1]])) if owner else None


def _hint(word: str, choices: list[str]) -> str:
    close = difflib.get_close_matches(word, choices, n=1, cutoff=0.6)
    return f" ; vouliez-vous dire « {close[0]} » ?" if close else ""


def translate(error: ErrorDetails) -> tuple[str, str, bool]:
    """(code, message, mark on the key rather than the value) for one pydantic error."""
    loc: Loc = tuple(error["loc"])
    kind, value = error["type"], error.get("input")
    where = dotted(loc)
    context = error.get("ctx") or {}
    if kind == "missing":
        if len(loc) > 1 and loc[-2] == "position":
            return "E206", f"{dotted(loc[:-1])} : attendu [latitude, longitude], il manque une valeur", False
        return "E201", f"{where} : champ obligatoire absent", False
    if kind == "extra_forbidden":
        model = _model_at(loc[:-1])
        known = sorted(model.model_fields) if model else []
        key = str(loc[-1])
        listed = ", ".join(known)
        return "E202", f"{where} : clé inconnue « {key} »{_hint(key, known)} (clés permises : {listed})", True
    if kind in _CUSTOM_CODES:
        return _CUSTOM_CODES[kind], f"{where} : {error['msg']}", False
    if kind == "enum":
        field = _field_at(loc)
        enum = enum_in(field.annotation) if field else None
        allowed = [str(member.value) for member in enum] if enum else []
        text = str(value)
        listed = ", ".join(allowed) if allowed else context.get("expected", "")
        return (
            "E204",
            f"{where} : « {text} » n'est pas une valeur permise (attendu : {listed}){_hint(text, allowed)}",
            False,
        )
    if value is None and kind.endswith("_type"):
        field = _field_at(loc)
        advice = "remplissez-la" if field is None or field.is_required() else "remplissez-la ou retirez la clé"
        return "E201", f"{where} : valeur vide ; {advice}", False
    if kind in {"list_type", "tuple_type"}:
        return "E205", f"{where} : liste attendue (ex. [a, b]), trouvé {_describe(value)}", False
    if kind in {"model_type", "dict_type", "model_attributes_type"}:
        return "E205", f"{where} : dictionnaire de clés attendu (clé: valeur), trouvé {_describe(value)}", False
    if kind in {"string_type", "float_type", "int_type", "date_type"}:
        return "E205", f"{where} : une simple valeur est attendue, trouvé {_describe(value)}", False
    if kind in {"string_too_short", "string_too_long"}:
        if kind == "string_too_short":
            field = _field_at(loc)
            advice = "remplissez-le" if field is None or field.is_required() else "remplissez-le ou retirez la clé"
            return "E201", f"{where} : texte vide ; {advice}", False
        limit = context.get("max_length")
        return "E206", f"{where} : texte trop long ({len(str(value))} caractères, au plus {limit})", False
    if kind in {"too_short", "too_long"}:
        count = len(value) if isinstance(value, list | tuple) else "?"
        if loc and loc[-1] == "position":
            return "E206", f"{where} : attendu [latitude, longitude], trouvé {count} valeur(s)", False
        bound = (
            f"au moins {context.get('min_length')}" if kind == "too_short" else f"au plus {context.get('max_length')}"
        )
        return "E206", f"{where} : {bound} élément(s) attendu(s), trouvé {count}", False
    if kind in _LIMITS:
        expected = _LIMITS[kind].format(**context)
        return "E207", f"{where} : « {value} » hors limites (attendu {expected})", False
    if kind in _PARSING:
        return "E205", f"{where} : {_describe(value)} n'est pas {_PARSING[kind]}", False
    if kind.endswith("_type") or kind in {"is_instance_of", "is_subclass_of", "dataclass_exact_type"}:
        return "E205", f"{where} : {_describe(value)} n'est pas du type attendu pour ce champ", False
    # Any other error type of pydantic's: a French message of our own, never pydantic's text.
    return "E205", f"{where} : valeur refusée ({_describe(value)})", False


def problems_from(document: Document, error: ValidationError) -> list[Problem]:
    problems = []
    for details in error.errors(include_url=False):
        code, message, on_key = translate(details)
        problems.append(document.problem(tuple(details["loc"]), code, message, key=on_key))
    return problems
