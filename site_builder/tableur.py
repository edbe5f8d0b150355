"""The spreadsheet layout, shared by the CSV export and ``iscg import``: one row per post and
place, every field of the post on each of its rows, so that export then import gives back the
same data.

Cells that hold several things put one per line; the parts of a line are separated by `` | ``
(a ``|`` or a backslash inside a part is written ``\\|`` or ``\\\\``, a line break ``\\n``):

- ``horaires``: ``jours | plages | fréquence | à partir du | jusqu'au | note``, e.g.
  ``mercredi,vendredi | 09:00-12:00,13:30-17:00`` or
  ``mardi | 14:00-17:00 | toutes_les_2_semaines | 2026-11-24``;
- ``fermetures``: ``du | au | motif``; ``financeurs``: ``nom | montant annuel | note``;
- ``sources``: ``titre | éditeur | date | adresse | note``, or the title alone; lists of codes:
  separated by spaces.

A text cell that a spreadsheet would take for a formula (it begins with ``=``, ``+``, ``-``,
``@``, a tab or a carriage return) is written behind an apostrophe, as OWASP recommends; the
import removes exactly that apostrophe, so export then import changes nothing. Numbers (a
negative latitude) are left as they are.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from site_builder.load import Loc, Mark
from site_builder.model import Poste
from site_builder.types import plain_number

# (column, field path in the post or in one permanence, description). The order is the file's.
POST_COLUMNS: list[tuple[str, Loc, str]] = [
    ("poste_id", ("id",), "identifiant du poste (nom du fichier)"),
    ("intitule", ("intitule",), "intitulé affiché"),
    ("type", ("type",), "isc, isg ou iscg"),
    ("statut", ("statut",), "en_poste, vacant, recrutement, en_projet ou ferme"),
    ("departement", ("departement",), "code du département"),
    ("territoire", ("territoire",), "territoire d'intervention, en clair"),
    ("couverture_departements", ("couverture", "departements"), "codes de départements, séparés par des espaces"),
    ("couverture_epci", ("couverture", "epci"), "SIREN d'intercommunalités, séparés par des espaces"),
    ("couverture_communes", ("couverture", "communes"), "codes INSEE de communes, séparés par des espaces"),
    ("depuis", ("depuis",), "date de création (AAAA-MM-JJ, AAAA-MM ou AAAA)"),
    ("etp", ("temps_de_travail", "etp"), "équivalent temps plein"),
    ("heures_hebdomadaires", ("temps_de_travail", "heures_hebdomadaires"), "heures par semaine"),
    ("structure_nom", ("structure", "nom"), "structure porteuse (employeur)"),
    (
        "structure_type",
        ("structure", "type"),
        "association, ccas, cias, conseil_departemental, commune, epci, etat, autre",
    ),
    ("structure_adresse", ("structure", "adresse"), "adresse de la structure"),
    ("structure_telephone", ("structure", "telephone"), "téléphone de la structure"),
    ("structure_courriel", ("structure", "courriel"), "courriel de la structure"),
    ("structure_site_web", ("structure", "site_web"), "site web de la structure"),
    ("contact_telephone", ("contact", "telephone"), "téléphone de l'intervenant social"),
    ("contact_courriel", ("contact", "courriel"), "courriel de l'intervenant social"),
    ("contact_modalites", ("contact", "modalites"), "comment être reçu"),
    ("fermetures", ("fermetures",), "une par ligne : du | au | motif"),
    ("convention_debut", ("financement", "convention", "debut"), "début de la convention"),
    ("convention_fin", ("financement", "convention", "fin"), "fin de la convention"),
    ("budget_annuel", ("financement", "budget_annuel"), "budget annuel en euros"),
    ("financeurs", ("financement", "financeurs"), "un par ligne : nom | montant annuel | note"),
    ("recrutement_publication", ("recrutement", "publication"), "date de publication de l'appel"),
    ("recrutement_date_limite", ("recrutement", "date_limite"), "date limite de réponse"),
    ("recrutement_selection", ("recrutement", "selection"), "date de sélection"),
    ("recrutement_contact", ("recrutement", "contact"), "adresse pour répondre"),
    ("recrutement_lien", ("recrutement", "lien"), "adresse de l'appel publié"),
    ("recrutement_note", ("recrutement", "note"), "précision"),
    ("sources", ("sources",), "une par ligne : titre | éditeur | date | adresse | note, ou le titre seul"),
    ("verifie_le", ("verifie_le",), "date de la dernière vérification (AAAA-MM-JJ)"),
]
PLACE_COLUMNS: list[tuple[str, Loc, str]] = [
    ("lieu_id", ("lieu", "id"), "identifiant du lieu"),
    ("lieu_nom", ("lieu", "nom"), "nom du lieu"),
    ("lieu_type", ("lieu", "type"), "commissariat, brigade, structure ou autre"),
    ("lieu_commune", ("lieu", "commune"), "code INSEE de la commune du lieu"),
    ("lieu_adresse", ("lieu", "adresse"), "adresse du lieu"),
    ("lieu_latitude", ("lieu", "position", 0), "latitude"),
    ("lieu_longitude", ("lieu", "position", 1), "longitude"),
    ("lieu_identifiant_unite", ("lieu", "identifiant_unite"), "identifiant officiel de l'unité"),
    ("acces", ("acces",), "libre, sur_rendez_vous ou sur_orientation"),
    ("horaires", ("horaires",), "une règle par ligne : jours | plages | fréquence | à partir du | jusqu'au | note"),
    ("permanence_note", ("note",), "précision sur cette permanence"),
]
# Written for the reader's convenience, ignored on import.
INFO_COLUMNS: list[tuple[str, str]] = [("lieu_commune_nom", "nom de la commune du lieu (ignoré à l'import)")]
COLUMNS = [c for c, _, _ in POST_COLUMNS] + [c for c, _, _ in PLACE_COLUMNS] + [c for c, _ in INFO_COLUMNS]

_CODES = {"couverture_departements", "couverture_epci", "couverture_communes"}
_STRUCTURED = {
    "sources": ("titre", "editeur", "date", "url", "note"),
    "fermetures": ("du", "au", "motif"),
    "financeurs": ("nom", "montant_annuel", "note"),
    "horaires": ("jours", "plages", "frequence", "a_partir_du", "jusqu_au", "note"),
}
_LISTS_IN_PARTS = {"jours", "plages"}


def escape(part: str) -> str:
    return part.replace("\\", "\\\\").replace("|", "\\|").replace("\n", "\\n")


def _split_parts(line: str, *, split: bool = True) -> list[str]:
    """Split on unescaped ``|`` (one space on each side belongs to the separator) and undo escapes."""
    raw_parts, current, index = [], "", 0
    while index < len(line):
        char = line[index]
        if char == "\\" and index + 1 < len(line):
            current += char + line[index + 1]
            index += 2
            continue
        if char == "|" and split:
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
    if isinstance(value, float):
        return plain_number(value)
    return str(value.value if hasattr(value, "value") else value)


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


_NUMBERS = {"lieu_latitude", "lieu_longitude", "etp", "heures_hebdomadaires", "budget_annuel"}
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def neutralised(text: str) -> str:
    """A text a spreadsheet would evaluate, behind an apostrophe (and one already behind one)."""
    return "'" + text if text.lstrip("'").startswith(_FORMULA_START) else text


def restored(text: str) -> str:
    """The text ``neutralised`` was given."""
    return text[1:] if text.startswith("'") and text.lstrip("'").startswith(_FORMULA_START) else text


def _cell(column: str, value: Any) -> str:
    text = _cell_text(column, value)
    return text if column in _NUMBERS else neutralised(text)


def _cell_text(column: str, value: Any) -> str:
    if column in _CODES:
        return " ".join(value or [])
    if column in _STRUCTURED:
        lines = []
        for raw in value or []:
            item: dict[str, Any] = {"titre": raw} if isinstance(raw, str) else raw  # a source in its text form
            parts = []
            for key in _STRUCTURED[column]:
                part = item.get(key)
                parts.append(",".join(part or []) if key in _LISTS_IN_PARTS else escape(_scalar(part)))
            while parts and parts[-1] == "" and len(parts) > 1:
                parts.pop()
            lines.append(" | ".join(parts))
        return "\n".join(lines)
    return _scalar(value)


def rows(poste: Poste, commune_names: dict[str, str]) -> Iterator[dict[str, str]]:
    """The rows of one post: one per permanence, or a single one when it has none."""
    data = poste.model_dump(mode="json")
    post_cells = {column: _cell(column, get_path(data, loc)) for column, loc, _ in POST_COLUMNS}
    for permanence in data["permanences"] or [None]:
        row = dict(post_cells)
        for column, loc, _ in PLACE_COLUMNS:
            row[column] = _cell(column, get_path(permanence, loc)) if permanence else ""
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


def _parse(column: str, text: str) -> Any:
    if column not in _NUMBERS:
        text = restored(text)
    if column in _CODES:
        return text.split() or None
    if column in _STRUCTURED:
        keys = _STRUCTURED[column]
        items = []
        for number, line in enumerate((line for line in text.splitlines() if line.strip()), 1):
            parts = _split_parts(line)
            if len(parts) > len(keys):
                raise CellError(
                    column,
                    f"ligne {number} de la cellule : {len(parts)} parties séparées par « | », "
                    f"au plus {len(keys)} attendues ({' | '.join(keys)})",
                )
            item: dict[str, Any] = {}
            for key, part in zip(keys, parts, strict=False):
                if key in _LISTS_IN_PARTS:
                    item[key] = [p.strip() for p in part.split(",") if p.strip()]
                elif part != "":
                    item[key] = part
            items.append(item)
        return items or None
    return text if text != "" else None


def read_row(row: dict[str, str], line: int, column_index: dict[str, int]) -> tuple[dict, dict | None, dict]:  # type: ignore[type-arg]
    """(post fields, permanence fields or None, marks of each field) from one CSV row."""
    post: dict[str, Any] = {}
    permanence: dict[str, Any] = {}
    marks: dict[tuple[str, Loc], Mark] = {}
    for columns, target, scope in ((POST_COLUMNS, post, "poste"), (PLACE_COLUMNS, permanence, "lieu")):
        for column, loc, _ in columns:
            value = _parse(column, row.get(column, "") or "")
            marks[(scope, loc)] = Mark(line, column_index[column])
            if value is None:
                continue
            if loc[-1] in (0, 1) and loc[-2] == "position":
                position = get_path(target, loc[:-1]) or [None, None]
                position[int(loc[-1])] = value
                _set(target, loc[:-1], position)
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
    if french and not column.startswith(("horaires", "fermetures", "financeurs")):
        iso = f"{french.group(3)}-{french.group(2)}-{french.group(1)}"
        return iso, f"« {text} » lu comme « {iso} » (date réécrite par le tableur)"
    return text, None
