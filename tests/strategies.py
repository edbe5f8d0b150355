"""Hypothesis strategies for valid posts, derived from the pydantic model.

Each typed value of ``site_builder.types`` has one strategy here (``TYPES``); enumerations,
models, lists, tuples and optional values are read from the model's fields, so a new field
gets its strategy without hand work, and a field of a new kind raises ``MissingStrategy``
(``tests/test_strategies.py`` walks every field of the model). Texts draw from the whole
alphabet the model accepts: accents, right-to-left scripts, emoji, template and Markdown
syntax, backslashes, quotes, ``</script>``.
"""

from __future__ import annotations

import types as pytypes
import typing
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import date
from enum import Enum
from functools import cache
from typing import Any

import annotated_types
from hypothesis import strategies as st
from pydantic import AfterValidator, BaseModel, BeforeValidator
from pydantic.fields import FieldInfo

from site_builder import model as m
from site_builder import types as t

Strategy = st.SearchStrategy  # type: ignore[type-arg]


class MissingStrategy(LookupError):
    """A field whose type has no strategy: add one to ``TYPES``."""


# --- Texts ----------------------------------------------------------------------------------

# Every character a text may hold: anything but what ``types._FORBIDDEN`` refuses.
_refused = {chr(c) for c in [*range(0x20), *range(0x7F, 0xA0)]}
_refused |= {chr(c) for c in [*range(0x202A, 0x202F), *range(0x2066, 0x206A), *range(0xFDD0, 0xFDF0)]}
_refused |= {"\u2028", "\u2029", "\ufeff", "\ufffe", "\uffff"}
_characters = st.characters(exclude_categories=("Cs",), exclude_characters="".join(sorted(_refused)))
# What breaks renderers that forget to escape: template, Markdown, HTML, ICS, CSV and YAML syntax.
TRICKY = [
    "{{ poste.id }}", "{% if x %}", "{% endraw %}", "{#", "}}", "|", "---", "# Titre", "*", "**gras**", "_x_",
    "`code`", "```", "~~~", "> cite", "1. ", "- ", "[lien](javascript:alert(1))", "<b>", "</script>",
    "<script>alert(1)</script>", "<!--", "]]>", "&amp;", "&", "\\", "\\n", "\\u202e", '"', "'", "«", "»",
    "=HYPERLINK(\"http://exemple.org\";\"Cliquez\")", "=1+1", "+33", "-1", "@SUM(A1)", ";", ",", ":", "%",
    "BEGIN:VEVENT", "END:VCALENDAR", "${x}", "&a", "*a", "!!str", "? x", "null", "~", "yes", "no",
    "01000", "14:00", "2024-01-03", "مركز الشرطة", "שלום עליכם", "حي 12", "👩‍👧‍👦", "🇫🇷", "é", "e\u0301",
    "Œuvre", "ß", "İ", "\u00a0", "\u202f", "\u200b", "\u200d", "\u200e", "\u200f", "\u061c", "\ue000",
]  # fmt: skip
_part = st.one_of(st.sampled_from(TRICKY), st.text(_characters, min_size=1, max_size=12))


def _text(max_size: int, *, multiline: bool) -> Strategy:
    separators = st.sampled_from([" ", "", "\n", "\n\n"] if multiline else [" ", ""])
    pieces = st.lists(st.tuples(_part, separators), min_size=1, max_size=6)
    joined = pieces.map(lambda parts: "".join(a + b for a, b in parts).strip())
    return joined.filter(lambda text: 0 < len(text) <= max_size)


lines = _text(120, multiline=False)  # one-line texts: names, titles, addresses
paragraphs = _text(300, multiline=True)  # notes and modalities
texts = lines  # valid in every text field

# --- Codes, contact, dates ------------------------------------------------------------------

identifiers = st.from_regex(r"[a-z0-9]{1,8}(-[a-z0-9]{1,8}){0,3}", fullmatch=True).filter(
    lambda i: i not in t.RESERVED_IDS
)
departements = st.sampled_from(["01", "2A", "2B", "25", "48", "59", "95", "971", "974", "976"])
communes = st.from_regex(r"(0[1-9]|2[AB]|[3-8][0-9]|97)[0-9]{3}", fullmatch=True)
postcodes = st.from_regex(r"[0-9]{5}", fullmatch=True)
dates = st.dates(min_value=date(2000, 1, 1), max_value=date(2040, 12, 31))
partial_dates = st.one_of(
    dates.map(date.isoformat), dates.map(lambda d: d.isoformat()[:7]), dates.map(lambda d: d.isoformat()[:4])
)
phones = st.one_of(
    st.from_regex(r"0[1-9]( [0-9]{2}){4}", fullmatch=True),
    st.from_regex(r"0[1-9][0-9]{8}", fullmatch=True),
    st.from_regex(r"\+33 [1-9]( [0-9]{2}){4}", fullmatch=True),
    st.sampled_from(["3919", "119", "116006", "0590 12 34 56", "0262 12 34 56"]),
)
emails = st.from_regex(
    r"[a-z0-9_+-]{1,8}(\.[a-z0-9_+-]{1,8})?@([a-z0-9]([a-z0-9-]{0,6}[a-z0-9])?\.){1,2}(fr|org|gouv\.fr)",
    fullmatch=True,
)
urls = st.from_regex(r"https?://[a-z0-9-]{1,10}\.(fr|org)(/[a-zA-Z0-9._~%!$&()*+,;=:@/?#-]{0,20})?", fullmatch=True)
# A real SIREN of an EPCI (Luhn key valid).
sirens = st.sampled_from(["242500361", "245901038", "200041960", "244800405"])
booleans = st.one_of(st.booleans(), st.sampled_from(["oui", "non", "true", "false", "Oui", "NON"]))


@st.composite
def plages(draw: st.DrawFn) -> str:
    start = draw(st.integers(0, 23 * 60 + 58))
    end = draw(st.integers(start + 1, 24 * 60 - 1))
    return f"{start // 60:02d}:{start % 60:02d}-{end // 60:02d}:{end % 60:02d}"


# --- Numbers, within the bounds a field sets ----------------------------------------------------


@dataclass(frozen=True)
class Bounds:
    low: float | None = None
    high: float | None = None
    low_open: bool = False
    high_open: bool = False


def _numbers(bounds: Bounds, *, step: float) -> Strategy:
    """Multiples of ``step`` within the bounds: numbers as people write them, exact in YAML."""
    low = -1e6 if bounds.low is None else bounds.low
    high = 1e6 if bounds.high is None else bounds.high
    first = int(low / step) + (1 if bounds.low_open or int(low / step) * step < low else 0)
    last = int(high / step) - (1 if bounds.high_open else 0)
    return st.integers(first, last).map(lambda n: round(n * step, 6))


def _validator_key(alias: Any) -> Callable[..., Any]:
    """The validator function that identifies a type of ``site_builder.types``."""
    for item in typing.get_args(alias)[1:]:
        if isinstance(item, AfterValidator | BeforeValidator):
            return item.func
    raise TypeError(f"{alias} has no validator")


# Each typed value of site_builder.types, by the validator that identifies it.
TYPES: dict[Callable[..., Any], Callable[[Bounds], Strategy]] = {
    _validator_key(t.CodeDepartement): lambda _: departements,
    _validator_key(t.CodeCommune): lambda _: communes,
    _validator_key(t.CodePostal): lambda _: postcodes,
    _validator_key(t.Siren): lambda _: sirens,
    _validator_key(t.Identifiant): lambda _: identifiers,
    _validator_key(t.Telephone): lambda _: phones,
    _validator_key(t.Courriel): lambda _: emails,
    _validator_key(t.Url): lambda _: urls,
    _validator_key(t.Date): lambda _: dates,
    _validator_key(t.DatePartielle): lambda _: partial_dates,
    _validator_key(t.Nombre): lambda bounds: _numbers(bounds, step=0.5 if bounds.high is None else 0.01),
    _validator_key(t.Euros): lambda bounds: _numbers(Bounds(0, 10_000_000), step=1).map(int),
    _validator_key(t.Plage): lambda _: plages(),
    _validator_key(t.Ligne): lambda _: lines,
    _validator_key(t.Paragraphe): lambda _: paragraphs,
    _validator_key(t.Booleen): lambda _: booleans,
}

# --- The model, walked --------------------------------------------------------------------

Overrides = Mapping[tuple[type[BaseModel], str], Strategy]


def _flatten(metadata: Any) -> list[Any]:
    flat: list[Any] = []
    for item in metadata:
        flat.extend(_flatten(item.metadata) if isinstance(item, FieldInfo) else [item])
    return flat


def _bounds(metadata: list[Any]) -> Bounds:
    bounds = Bounds()
    for item in metadata:
        if isinstance(item, annotated_types.Ge):
            bounds = Bounds(float(item.ge), bounds.high, False, bounds.high_open)  # type: ignore[arg-type]
        elif isinstance(item, annotated_types.Gt):
            bounds = Bounds(float(item.gt), bounds.high, True, bounds.high_open)  # type: ignore[arg-type]
        elif isinstance(item, annotated_types.Le):
            bounds = Bounds(bounds.low, float(item.le), bounds.low_open, False)  # type: ignore[arg-type]
        elif isinstance(item, annotated_types.Lt):
            bounds = Bounds(bounds.low, float(item.lt), bounds.low_open, True)  # type: ignore[arg-type]
    return bounds


def for_annotation(annotation: Any, metadata: list[Any], where: str, overrides: Overrides) -> Strategy:
    """A strategy for values of ``annotation`` (with its pydantic metadata) at field ``where``."""
    origin = typing.get_origin(annotation)
    if origin is typing.Annotated:
        base, *extra = typing.get_args(annotation)
        return for_annotation(base, [*metadata, *_flatten(extra)], where, overrides)
    if origin in (typing.Union, pytypes.UnionType):
        options = [a for a in typing.get_args(annotation) if a is not type(None)]
        inner = st.one_of(*(for_annotation(a, metadata, where, overrides) for a in options))
        return st.none() | inner if len(options) < len(typing.get_args(annotation)) else inner
    validators = [item.func for item in metadata if isinstance(item, AfterValidator | BeforeValidator)]
    if origin is list:
        (item,) = typing.get_args(annotation)
        sizes = [x.min_length for x in metadata if isinstance(x, annotated_types.MinLen)]
        # An empty section (``Section``) reads as absent: draw it absent, not empty.
        low = max([*sizes, 1 if any(f.__name__ == "_empty_is_absent" for f in validators) else 0])
        unique = t.unique in validators
        return st.lists(for_annotation(item, [], where, overrides), min_size=low, max_size=max(low, 3), unique=unique)
    if origin is tuple:
        return st.tuples(*(for_annotation(a, [], where, overrides) for a in typing.get_args(annotation)))
    if isinstance(annotation, type) and issubclass(annotation, Enum):
        return st.sampled_from(list(annotation))
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return for_model(annotation, overrides)
    for function in validators:
        if function in TYPES:
            return TYPES[function](_bounds(metadata))
    raise MissingStrategy(f"{where}: no strategy for {annotation!r} ({[v.__qualname__ for v in validators]})")


def for_field(model: type[BaseModel], name: str, overrides: Overrides = {}) -> Strategy:  # noqa: B006
    if (model, name) in overrides:
        return overrides[(model, name)]
    info = model.model_fields[name]
    return for_annotation(info.annotation, _flatten(info.metadata), f"{model.__name__}.{name}", overrides)


def for_model(model: type[BaseModel], overrides: Overrides = {}) -> Strategy:  # noqa: B006
    """``st.builds(model, …)`` with a strategy for every field, each from its annotation."""
    fields = {name: for_field(model, name, overrides) for name in model.model_fields}
    return st.builds(model, **fields)


@cache
def _default(model: type[BaseModel]) -> Strategy:
    return for_model(model)


horaires = _default(m.Horaire)
lieux = _default(m.Lieu)
permanences = _default(m.Permanence)
sources = _default(m.Source)
postes = _default(m.Poste)
