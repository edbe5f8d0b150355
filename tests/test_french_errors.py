"""No English message of pydantic's reaches a user, and booleans say oui or non.

Two walks: every error type pydantic_core defines, translated with a typical context; and every
field of the model fed wrong values, each error it raises translated. Both fail on a word of
pydantic's English messages.
"""

from __future__ import annotations

import re
import typing
from typing import Any

import pytest
from pydantic import BaseModel, ValidationError
from pydantic_core import PydanticKnownError, core_schema

from site_builder.annotations import models_in
from site_builder.french_errors import problems_from, translate
from site_builder.load import loads
from site_builder.model import Modele, Poste
from site_builder.types import BLANK, DUPLICATE, FORMAT, INVERTED, INVISIBLE, LINE_BREAK, RESERVED, Booleen

OWN = {BLANK, DUPLICATE, FORMAT, INVERTED, INVISIBLE, LINE_BREAK, RESERVED}

ERROR_TYPES: tuple[str, ...] = typing.get_args(core_schema.ErrorType)
CONTEXT: dict[str, Any] = {
    "gt": 0, "ge": 0, "lt": 1, "le": 1, "max_length": 3, "min_length": 1, "expected": "'a'", "error": "x",
    "pattern": "x", "multiple_of": 2, "class_name": "X", "max_digits": 2, "decimal_places": 2, "whole_digits": 2,
    "tag": "t", "discriminator": "d", "expected_tags": "a", "actual_length": 3, "expected_schemes": "https",
    "unit": "us", "reason": "r", "attribute": "a", "class_type": "X", "type_name": "x", "field_type": "x",
}  # fmt: skip


def _template(kind: str) -> str:
    try:
        return PydanticKnownError(kind, CONTEXT).message()  # type: ignore[arg-type]
    except (KeyError, TypeError, ValueError):
        return kind.replace("_", " ")


# Words of pydantic's English messages that French does not also use.
_SHARED = {
    "date", "dates", "type", "format", "instance", "place", "places", "point", "part", "total", "version",
    "tag", "tags", "max", "min", "info", "html", "https", "org", "json", "url", "uuid", "ascii", "python",
    "none", "unicode", "syntax", "minimum", "maximum", "exact", "multiple", "default", "future", "validation",
    "discriminator", "fraction", "decimal", "contexte", "docs", "sentinel", "object", "objects", "iterable",
}  # fmt: skip
ENGLISH = {word.lower() for kind in ERROR_TYPES for word in re.findall(r"[A-Za-z]{3,}", _template(kind))} - _SHARED


def _english_in(message: str) -> set[str]:
    """English words of ``message``, leaving out the value it quotes (« … ») and field paths."""
    prose = re.sub(r"«[^»]*»", "", message)
    prose = prose.split(" : ", 1)[-1] if " : " in prose else prose
    return {w for w in re.findall(r"\b[A-Za-z]{3,}\b", prose) if w.lower() in ENGLISH}


def test_the_english_vocabulary_is_caught() -> None:
    assert {"should", "valid", "input"} <= ENGLISH
    assert _english_in("intitule : Input should be a valid string") == {"Input", "should", "valid", "string"}


@pytest.mark.parametrize("kind", ERROR_TYPES)
def test_every_pydantic_error_type_is_said_in_french(kind: str) -> None:
    details: Any = {"type": kind, "loc": ("intitule",), "msg": _template(kind), "input": "abc", "ctx": CONTEXT}
    code, message, _ = translate(details)
    assert code.startswith("E2")
    assert _template(kind) not in message
    assert not _english_in(message), message


# --- Every field of the model, fed wrong values ---------------------------------------------

WRONG: list[Any] = [
    None, "", "   ", [], {}, "x" * 3000, "zz\x1b[2J", ["x"] * 40, {"k": "v"}, "-5", "1" * 30, "oui", "1,5", 3, 1.5,
    True, ["a", "a"], [[1]], "2024-02-30", "25:00-26:00", "12:00-09:00", "a\u202eb", "ligne\nligne", "index",
    "a@b.fr?cc=c@d.fr", [1, 2, 3], ["lundi", "lundi"],
]  # fmt: skip


def _paths(model: type[BaseModel] = Poste, prefix: tuple[Any, ...] = ()) -> dict[type[BaseModel], tuple[Any, ...]]:
    """Where each model first appears in a post (list items at index 0)."""
    found: dict[type[BaseModel], tuple[Any, ...]] = {model: prefix}
    for name, field in model.model_fields.items():
        for inner in models_in(field.annotation):
            step = (*prefix, name, 0) if "list" in str(field.annotation) else (*prefix, name)
            for sub, path in _paths(inner, step).items():
                found.setdefault(sub, path)
    return found


def _nest(path: tuple[Any, ...], value: Any) -> Any:
    for part in reversed(path):
        value = [value] if isinstance(part, int) else {part: value}
    return value


FIELDS = [(model, name) for model, _ in _paths().items() for name in model.model_fields]


@pytest.mark.parametrize("model,name", FIELDS, ids=[f"{m.__name__}.{n}" for m, n in FIELDS])
def test_every_error_the_model_raises_is_said_in_french(model: type[BaseModel], name: str) -> None:
    path = _paths()[model]
    seen = 0
    for value in WRONG:
        data = _nest(path, {name: value, "cle_inconnue": "x"})
        if path == ():
            data = {name: value, "cle_inconnue": "x"}
        try:
            Poste.model_validate(data)
        except ValidationError as error:
            for details in error.errors(include_url=False):
                seen += 1
                _, message, _ = translate(details)
                # Our own error types carry French already; pydantic's never pass through.
                assert details["type"] in OWN or details["msg"] not in message, message
                assert not _english_in(message), (details["type"], message)
    assert seen


# --- Booleans -------------------------------------------------------------------------------


class Essai(Modele):
    """A small model with a boolean, as a field such as ``accessibilite_pmr`` would be."""

    accessible: Booleen


@pytest.mark.parametrize(
    "text,expected", [("oui", True), ("non", False), ("true", True), ("false", False), ("Oui", True), (True, True)]
)
def test_booleans_accept_oui_and_non(text: Any, expected: bool) -> None:
    assert Essai.model_validate({"accessible": text}).accessible is expected


@pytest.mark.parametrize("text", ["yes", "no", "1", "0", "on", "off", "y", "vrai", "", "ouii", 1])
def test_booleans_refuse_anything_else_in_french(text: Any) -> None:
    with pytest.raises(ValidationError) as raised:
        Essai.model_validate({"accessible": text})
    (details,) = raised.value.errors(include_url=False)
    code, message, _ = translate(details)
    assert code in {"E203", "E201"}
    assert "oui" in message or "vide" in message
    assert not _english_in(message)


def test_a_boolean_error_names_its_line() -> None:
    document, _ = loads("accessible: yes\n", "essai.yml")
    assert document is not None
    with pytest.raises(ValidationError) as raised:
        Essai.model_validate(document.data)
    (problem,) = problems_from(document, raised.value)
    assert problem.text() == (
        "essai.yml:1:13: erreur E203: accessible : « yes » n'est pas oui ou non (attendu : oui, non, true ou false)"
    )
