"""Write a post back to YAML, as a maintainer would: contract order, codes quoted, no noise.

Used by ``iscg import`` and by the round-trip tests: what is written here loads back equal.
"""

from __future__ import annotations

from typing import Any

import yaml

from site_builder.blank_post import SCHEMA_COMMENT
from site_builder.model import Poste
from site_builder.types import plain_number


class _Dumper(yaml.SafeDumper):
    """Block style, lists indented under their key, every string that could be misread quoted."""

    def increase_indent(self, flow: bool = False, indentless: bool = False) -> None:
        super().increase_indent(flow, False)


def _str(dumper: yaml.SafeDumper, value: str) -> yaml.ScalarNode:
    style = "|" if "\n" in value else None
    return dumper.represent_scalar("tag:yaml.org,2002:str", value, style=style)


def _float(dumper: yaml.SafeDumper, value: float) -> yaml.ScalarNode:
    if value.is_integer():
        return dumper.represent_int(int(value))
    return dumper.represent_scalar("tag:yaml.org,2002:float", plain_number(value))


def _list(dumper: yaml.SafeDumper, value: list[Any]) -> yaml.SequenceNode:
    short = all(isinstance(item, str | int | float) and "\n" not in str(item) for item in value)
    return dumper.represent_sequence("tag:yaml.org,2002:seq", value, flow_style=short and len(value) < 10)


_Dumper.add_representer(str, _str)
_Dumper.add_representer(float, _float)
_Dumper.add_representer(list, _list)


def _plain(value: Any) -> Any:
    """Drop absent values and empty lists so the file shows only what is known.

    An empty section (``{}``) is kept: it is rare, and dropping it would change the post.
    """
    if isinstance(value, dict):
        cleaned = {k: _plain(v) for k, v in value.items()}
        return {k: v for k, v in cleaned.items() if v is not None and v != []}
    if isinstance(value, list):
        return [_plain(v) for v in value]
    return value


def dump_post(poste: Poste) -> str:
    data = _plain(poste.model_dump(mode="json", exclude_defaults=False))
    # The default frequency says nothing the reader would miss.
    for permanence in data.get("permanences", []):
        for rule in permanence.get("horaires", []):
            if rule.get("frequence") == "hebdomadaire":
                del rule["frequence"]
    body = yaml.dump(data, Dumper=_Dumper, allow_unicode=True, sort_keys=False, width=100, default_flow_style=False)
    return f"{SCHEMA_COMMENT}\n{body}"
