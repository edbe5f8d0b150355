"""What a model field's type annotation holds, through Optional, list, tuple and Annotated.

Shared by the French error messages, the ``iscg new`` template and the format page, which all
walk the model's fields.
"""

from __future__ import annotations

import types
import typing
from enum import Enum
from typing import Any

from pydantic import BaseModel


def models_in(annotation: Any) -> list[type[BaseModel]]:
    """The models a field can hold."""
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return [annotation]
    origin = typing.get_origin(annotation)
    if origin is typing.Annotated:
        return models_in(typing.get_args(annotation)[0])
    found: list[type[BaseModel]] = []
    if origin in (typing.Union, types.UnionType, list, tuple):
        for argument in typing.get_args(annotation):
            found.extend(models_in(argument))
    return found


def enum_in(annotation: Any) -> type[Enum] | None:
    """The enumeration a field's values come from, if any."""
    if isinstance(annotation, type) and issubclass(annotation, Enum):
        return annotation
    for argument in typing.get_args(annotation):
        found = enum_in(argument)
        if found:
            return found
    return None


def is_list(annotation: Any) -> bool:
    """Whether a field holds a list."""
    if typing.get_origin(annotation) is list:
        return True
    return any(is_list(argument) for argument in typing.get_args(annotation))
