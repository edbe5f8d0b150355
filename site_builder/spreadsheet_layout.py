"""The spreadsheet layout, derived from the model: one row per post and place, every field of
the post on each of its rows, so that export then import gives back the same data. The CSV
export, the workbook, ``iscg import`` and the format page read their columns here.

How a field becomes columns (``_walk``): a field of a sub-model (``structure.nom``) is the
column ``structure_nom``; ``permanences`` are the rows, their fields the place columns; a
pair (``lieu.position``) is two columns; a list of codes is one cell, codes separated by
spaces; a list of sub-models (``horaires``, ``fermetures``, ``financeurs``, ``sources``) is one
cell, one element a line, its fields separated by `` | `` in the model's order, e.g.
``mercredi,vendredi | 09:00-12:00,13:30-17:00`` or ``mardi | 14:00-17:00 |
toutes_les_2_semaines | 2026-11-24`` (a ``|`` or a backslash inside a part is written ``\\|``
or ``\\\\``, a line break ``\\n``); a source with a title only is its title alone. A field of a
shape no cell can hold is listed in ``UNPLACED`` (a test keeps it empty), never dropped.

A few columns keep the shorter names of the first published files (``SHORT_NAMES``).

A text cell that a spreadsheet would take for a formula (it begins with ``=``, ``+``, ``-``,
``@``, a tab or a carriage return) is written behind an apostrophe in the CSV, as OWASP
recommends; the import removes exactly that apostrophe, so export then import changes
nothing. Numbers (a negative latitude) and dates are left as they are.
"""

from __future__ import annotations

import re
import types
import typing
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date
from enum import Enum
from typing import Any

from pydantic import BaseModel

from site_builder.annotations import enum_in, models_in
from site_builder.load import Loc, Mark
from site_builder.model import Permanence, Poste
from site_builder.types import plain_number

# Names of the first published files, kept so that their spreadsheets still import.
SHORT_NAMES: dict[tuple[str, Loc], str] = {
    ("poste", ("id",)): "poste_id",
    ("poste", ("temps_de_travail", "etp")): "etp",
    ("poste", ("temps_de_travail", "heures_hebdomadaires")): "heures_hebdomadaires",
    ("poste", ("financement", "convention", "debut")): "convention_debut",
    ("poste", ("financement", "convention", "fin")): "convention_fin",
    ("poste", ("financement", "budget_annuel")): "budget_annuel",
    ("poste", ("financement", "financeurs")): "financeurs",
    ("lieu", ("lieu", "position", 0)): "lieu_latitude",
    ("lieu", ("lieu", "position", 1)): "lieu_longitude",
    ("lieu", ("note",)): "permanence_note",
}
# The parts of a pair, by field (a tuple's items have no names of their own).
PAIR_PARTS: dict[Loc, tuple[tuple[str, str], tuple[str, str]]] = {
    ("lieu", "position"): (("latitude", "Latitude (degrés décimaux)"), ("longitude", "Longitude (degrés décimaux)")),
}


@dataclass(frozen=True)
class Column:
    name: str
    scope: str  # "poste": the same on each row of a post; "lieu": one permanence
    loc: Loc  # the field's path in the post, or in one permanence
    description: str
    kind: str  # "text", "number", "boolean", "codes" (a list in one cell), "items" (a list of sub-models)
    required: bool = False
    choices: type[Enum] | None = None  # the enumeration the cell's values come from
    parts: tuple[str, ...] = ()  # the fields of one line of an "items" cell
    part_lists: frozenset[str] = frozenset()  # those parts that are lists (comma-separated)
    part_choices: dict[str, type[Enum]] = field(default_factory=dict)

    @property
    def help(self) -> str:
        """What goes in the cell, in French: the model's description, then the way to write it."""
        text = self.description
        if self.choices is not None:
            text += " : " + ", ".join(str(m.value) for m in self.choices)
        elif self.kind == "codes":
            text += " ; codes séparés par des espaces"
        elif self.kind == "boolean":
            text += " : oui ou non"
        elif self.kind == "items":
            text += " ; un élément par ligne : " + " | ".join(self.parts)
            if "titre" in self.parts:
                text += ", ou le titre seul"
        return text + (" (obligatoire)" if self.required else "")


def _base(annotation: Any) -> Any:
    """The type under Annotated and Optional (``Ligne | None`` → ``str``)."""
    origin = typing.get_origin(annotation)
    if origin is typing.Annotated:
        return _base(typing.get_args(annotation)[0])
    if origin in (typing.Union, types.UnionType):
        kept = [a for a in typing.get_args(annotation) if a is not type(None)]
        return _base(kept[0]) if len(kept) == 1 else annotation
    return annotation


def _scalar_kind(annotation: Any) -> str | None:
    base = _base(annotation)
    if base is bool:
        return "boolean"
    if base in (int, float):
        return "number"
    if base in (str, date) or (isinstance(base, type) and issubclass(base, Enum)):
        return "text"
    return None


def _list_item(annotation: Any) -> Any | None:
    base = _base(annotation)
    return typing.get_args(base)[0] if typing.get_origin(base) is list else None


def _walk(model: type[BaseModel], scope: str, prefix: Loc, required: bool, unplaced: list[str]) -> Iterator[Column]:
    for name, info in model.model_fields.items():
        loc = (*prefix, name)
        annotation = info.annotation
        needed = required and info.is_required()
        description = info.description or name
        base = _base(annotation)
        item = _list_item(annotation)
        submodels = models_in(annotation)
        if scope == "poste" and loc == ("permanences",):
            continue  # the rows
        if item is not None and submodels:
            parts, lists, choices = [], set(), {}
            for part_name, part in submodels[0].model_fields.items():
                part_item = _list_item(part.annotation)
                if _scalar_kind(part.annotation) is None and (part_item is None or _scalar_kind(part_item) is None):
                    unplaced.append(f"{scope}:{'.'.join(map(str, loc))}.{part_name}")
                    continue
                parts.append(part_name)
                if part_item is not None:
                    lists.add(part_name)
                if (enum := enum_in(part.annotation)) is not None:
                    choices[part_name] = enum
            yield Column(_name(scope, loc), scope, loc, description, "items", needed, None, tuple(parts),
                         frozenset(lists), choices)  # fmt: skip
        elif item is not None and _scalar_kind(item) == "text":
            yield Column(_name(scope, loc), scope, loc, description, "codes", needed, enum_in(item))
        elif submodels and typing.get_origin(base) is not tuple:
            yield from _walk(submodels[0], scope, loc, needed, unplaced)
        elif typing.get_origin(base) is tuple:
            for index, element in enumerate(typing.get_args(base)):
                kind = _scalar_kind(element)
                named = PAIR_PARTS.get(loc)
                if kind is None or named is None or index >= len(named):
                    unplaced.append(f"{scope}:{'.'.join(map(str, loc))}[{index}]")
                    continue
                yield Column(_name(scope, (*loc, index), named[index][0]), scope, (*loc, index), named[index][1], kind)
        elif (kind := _scalar_kind(annotation)) is not None:
            yield Column(_name(scope, loc), scope, loc, description, kind, needed, enum_in(annotation))
        else:
            unplaced.append(f"{scope}:{'.'.join(map(str, loc))}")


def _name(scope: str, loc: Loc, last: str | None = None) -> str:
    if (scope, loc) in SHORT_NAMES:
        return SHORT_NAMES[(scope, loc)]
    words = [str(part) for part in loc if not isinstance(part, int)] + ([last] if last else [])
    return "_".join(words)


def layout(
    post_model: type[BaseModel] = Poste, permanence_model: type[BaseModel] = Permanence
) -> tuple[list[Column], list[Column], list[str]]:
    """(post columns, place columns, fields no column can hold) of a model."""
    unplaced: list[str] = []
    post = list(_walk(post_model, "poste", (), True, unplaced))
    place = list(_walk(permanence_model, "lieu", (), True, unplaced))
    return post, place, unplaced


POST_COLUMNS, PLACE_COLUMNS, UNPLACED = layout()
# Written for the reader's convenience, ignored on import.
INFO_COLUMNS: list[tuple[str, str]] = [("lieu_commune_nom", "Nom de la commune du lieu (ignoré à l'import)")]
ALL_COLUMNS: list[Column] = POST_COLUMNS + PLACE_COLUMNS
BY_NAME: dict[str, Column] = {c.name: c for c in ALL_COLUMNS}
COLUMNS: list[str] = [c.name for c in ALL_COLUMNS] + [name for name, _ in INFO_COLUMNS]
assert len(set(COLUMNS)) == len(COLUMNS), "two fields of the model give the same column name"


def descriptions() -> list[tuple[str, str]]:
    """(column, what goes there) in the file's order: the /donnees/ page and the workbook's comments."""
    return [(c.name, c.help) for c in ALL_COLUMNS] + INFO_COLUMNS


# --- Cells ----------------------------------------------------------------------------------


def escape(part: str) -> str:
    return part.replace("\\", "\\\\").replace("|", "\\|").replace("\n", "\\n")


def _split_parts(line: str) -> list[str]:
    """Split on unescaped ``|`` (one space on each side belongs to the separator) and undo escapes."""
    raw_parts, current, index = [], "", 0
    while index < len(line):
        char = line[index]
        if char == "\\" and index + 1 < len(line):
            current += char + line[index + 1]
            index += 2
            continue
        if char == "|":
            raw_parts.append(current)
            current = ""
        else:
            current += char
        index += 1
    raw_parts.append(current)
    parts = []
    for number, raw in enumerate(raw_parts):
        if number > 0 and raw.startswith(" "):
            raw = raw[1:]
        if number < len(raw_parts) - 1 and raw.endswith(" "):
            raw = raw[:-1]
        parts.append(_unescape(raw))
    return parts


def _unescape(text: str) -> str:
    return re.sub(r"\\(.)", lambda m: {"n": "\n", "|": "|", "\\": "\\"}.get(m.group(1), m.group(0)), text)


def _scalar(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "oui" if value else "non"
    if isinstance(value, float):
        return plain_number(value)
    return str(value.value if isinstance(value, Enum) else value)


def get_path(data: Any, loc: Loc) -> Any:
    """The value at ``loc`` in plain data, or None where the path does not lead anywhere."""
    for part in loc:
        if isinstance(part, int) and isinstance(data, list | tuple) and part < len(data):
            data = data[part]
        elif isinstance(part, str) and isinstance(data, dict):
            data = data.get(part)
        else:
            return None
    return data


_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def neutralised(text: str) -> str:
    """A text a spreadsheet would evaluate, behind an apostrophe (and one already behind one)."""
    return "'" + text if text.lstrip("'").startswith(_FORMULA_START) else text


def restored(text: str) -> str:
    """The text ``neutralised`` was given."""
    return text[1:] if text.startswith("'") and text.lstrip("'").startswith(_FORMULA_START) else text


def cell_text(column: Column, value: Any) -> str:
    """The cell of ``column`` for ``value`` (plain JSON data), before any neutralisation."""
    if column.kind == "codes":
        return " ".join(value or [])
    if column.kind == "items":
        lines = []
        for raw in value or []:
            item: dict[str, Any] = {"titre": raw} if isinstance(raw, str) else raw  # a source in its text form
            parts = [
                ",".join(_scalar(v) for v in item.get(key) or []) if key in column.part_lists
                else escape(_scalar(item.get(key)))
                for key in column.parts
            ]  # fmt: skip
            while len(parts) > 1 and parts[-1] == "":
                parts.pop()
            lines.append(" | ".join(parts))
        return "\n".join(lines)
    return _scalar(value)


def rows(poste: Poste, commune_names: dict[str, str], *, neutralise: bool = True) -> Iterator[dict[str, str]]:
    """The rows of one post: one per permanence, or a single one when it has none. Text cells
    are neutralised against formulas unless ``neutralise`` is false (a workbook types its cells)."""

    def cell(column: Column, value: Any) -> str:
        text = cell_text(column, value)
        return neutralised(text) if neutralise and column.kind != "number" else text

    data = poste.model_dump(mode="json")
    post_cells = {c.name: cell(c, get_path(data, c.loc)) for c in POST_COLUMNS}
    for permanence in data["permanences"] or [None]:
        row = dict(post_cells)
        for column in PLACE_COLUMNS:
            row[column.name] = cell(column, get_path(permanence, column.loc)) if permanence else ""
        row["lieu_commune_nom"] = commune_names.get(permanence["lieu"]["commune"], "") if permanence else ""
        yield row


# --- Reading a row back ----------------------------------------------------------------------


@dataclass
class CellError(Exception):
    column: str
    message: str


def _set(target: dict[str, Any], loc: Loc, value: Any) -> None:
    for part in loc[:-1]:
        target = target.setdefault(str(part), {})
    target[str(loc[-1])] = value


def parse_cell(column: Column, text: str, *, neutralised_cells: bool = True) -> Any:
    """Plain data for the model from one cell; None for an empty cell."""
    if neutralised_cells and column.kind != "number":
        text = restored(text)
    if column.kind == "codes":
        return text.split() or None
    if column.kind == "items":
        items = []
        for number, line in enumerate((line for line in text.splitlines() if line.strip()), 1):
            parts = _split_parts(line)
            if len(parts) > len(column.parts):
                raise CellError(
                    column.name,
                    f"ligne {number} de la cellule : {len(parts)} parties séparées par « | », "
                    f"au plus {len(column.parts)} attendues ({' | '.join(column.parts)})",
                )
            item: dict[str, Any] = {}
            for key, part in zip(column.parts, parts, strict=False):
                if key in column.part_lists:
                    item[key] = [p.strip() for p in part.split(",") if p.strip()]
                elif part != "":
                    item[key] = part
            items.append(item)
        return items or None
    return text if text != "" else None


def read_row(
    row: dict[str, str], line: int, column_index: dict[str, int], *, neutralised_cells: bool = True
) -> tuple[dict[str, Any], dict[str, Any] | None, dict[tuple[str, Loc], Mark]]:
    """(post fields, permanence fields or None, marks of each field) from one row."""
    post: dict[str, Any] = {}
    permanence: dict[str, Any] = {}
    marks: dict[tuple[str, Loc], Mark] = {}
    for column in ALL_COLUMNS:
        target = post if column.scope == "poste" else permanence
        value = parse_cell(column, row.get(column.name, "") or "", neutralised_cells=neutralised_cells)
        marks[(column.scope, column.loc)] = Mark(line, column_index[column.name])
        if value is None:
            continue
        loc = column.loc
        if isinstance(loc[-1], int):  # one item of a pair
            pair = get_path(target, loc[:-1]) or [None, None]
            pair[loc[-1]] = value
            _set(target, loc[:-1], pair)
        else:
            _set(target, loc, value)
    return post, (permanence or None), marks


def cleaned_code(column: str, text: str) -> tuple[str, str | None]:
    """Leading zeros a spreadsheet dropped, restored, with a note saying so (else no note)."""
    width = {"departement": 2, "lieu_commune": 5}.get(column)
    if width and re.fullmatch(r"[0-9]+", text) and len(text) < width:
        fixed = text.zfill(width)
        return fixed, f"« {text} » lu comme « {fixed} » (zéro initial perdu par le tableur)"
    if column.endswith("telephone") and re.fullmatch(r"[1-9][0-9]{8}", text):
        return "0" + text, f"« {text} » lu comme « 0{text} » (zéro initial perdu par le tableur)"
    french = re.fullmatch(r"([0-3][0-9])/([01][0-9])/([0-9]{4})", text)
    kind = BY_NAME[column].kind if column in BY_NAME else "text"
    if french and kind not in ("items", "codes"):
        iso = f"{french.group(3)}-{french.group(2)}-{french.group(1)}"
        return iso, f"« {text} » lu comme « {iso} » (date réécrite par le tableur)"
    return text, None
