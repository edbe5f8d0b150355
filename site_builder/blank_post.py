"""The commented post file written by ``iscg new``, generated from the model's fields.

Required fields are left blank (``""``, ``[]``) so that ``iscg validate`` names each one still
to fill; optional fields stand commented out with their description, ready to uncomment.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from pydantic import BaseModel

from site_builder.annotations import enum_in, is_list, models_in
from site_builder.model import Poste

SCHEMA_COMMENT = "# yaml-language-server: $schema=../../schema/poste.schema.json"
# Optional sections written out (not commented), because nearly every post has them.
EXPANDED = {"structure", "contact", "permanences", "permanences.lieu", "permanences.horaires", "sources"}
HEADER = """\
# Fiche d'un poste d'intervenant social en commissariat et gendarmerie (ISCG).
# Les lignes qui commencent par « # » sont des commentaires : décommentez un champ pour le remplir.
# Remplissez les valeurs vides (""), puis lancez « iscg validate » : chaque champ encore à
# remplir y est nommé avec sa ligne. N'inventez rien : une information inconnue reste absente.
"""


def _comment(field: Any, required: bool) -> str:
    text = field.description or ""
    enum = enum_in(field.annotation)
    if enum is not None:
        text += " — valeurs : " + ", ".join(str(m.value) for m in enum)
    return f"{text} ({'obligatoire' if required else 'facultatif'})"


def _block(model: type[BaseModel], path: str, values: dict[str, str], *, commented: bool = False) -> list[str]:
    """The lines of one mapping at column 0; a parent indents them."""
    lines: list[str] = []
    for name, field in model.model_fields.items():
        dotted = f"{path}.{name}" if path else name
        required = field.is_required()
        shown = not commented and (required or dotted in EXPANDED)
        if not commented:
            lines.append(f"# {_comment(field, required)}")
        submodels = models_in(field.annotation)
        if submodels:
            child = _block(submodels[0], dotted, values, commented=commented or not shown)
            if is_list(field.annotation):
                child = _list_item(child)
            own = [f"{name}:", *(f"  {line}" for line in child)]
        else:
            blank = "[]" if is_list(field.annotation) else '""'
            value = values.get(dotted, blank)
            own = [f"{name}: {value}" if shown else f"{name}:"]
        if shown or commented:
            lines.extend(own)
        else:
            lines.extend(line if line.startswith("#") else f"# {line}" for line in own)
    return lines


def _list_item(child: list[str]) -> list[str]:
    """A mapping as the single item of a list: leading comments above the dash."""
    leading = 0
    while child[leading].startswith("#"):
        leading += 1
    first, *rest = child[leading:]
    return [*child[:leading], f"- {first}", *(f"  {line}" for line in rest)]


def new_post(identifier: str, departement: str, today: date) -> str:
    values = {"id": identifier, "departement": f'"{departement}"', "verifie_le": today.isoformat()}
    body = _block(Poste, "", values)
    return f"{SCHEMA_COMMENT}\n{HEADER}\n" + "\n".join(body) + "\n"
