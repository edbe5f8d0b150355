"""The data format, documented from the model: one row per field, for the Contribuer page."""

from __future__ import annotations

from dataclasses import dataclass

from pydantic import BaseModel

from site_builder.annotations import enum_in, is_list, models_in
from site_builder.model import Poste


@dataclass(frozen=True)
class FieldRow:
    path: str
    depth: int
    required: bool
    description: str
    values: list[str]
    is_list: bool


def field_rows(model: type[BaseModel] = Poste, prefix: str = "", depth: int = 0) -> list[FieldRow]:
    rows: list[FieldRow] = []
    for name, field in model.model_fields.items():
        path = f"{prefix}.{name}" if prefix else name
        enum = enum_in(field.annotation)
        values = [f"{member.value} ({getattr(member, 'label', member.value)})" for member in enum] if enum else []
        listed = is_list(field.annotation)
        rows.append(FieldRow(path, depth, field.is_required(), field.description or "", values, listed))
        for submodel in models_in(field.annotation)[:1]:
            rows.extend(field_rows(submodel, f"{path}[]" if listed else path, depth + 1))
    return rows
