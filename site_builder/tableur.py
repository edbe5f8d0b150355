"""Former name of ``site_builder.spreadsheet_layout``, kept only for ``render/pages.py``
(the /donnees/ page) until it imports ``spreadsheet_layout.descriptions()``; new code imports
``site_builder.spreadsheet_layout``."""

from __future__ import annotations

from site_builder.load import Loc
from site_builder.spreadsheet_layout import INFO_COLUMNS, Column
from site_builder.spreadsheet_layout import PLACE_COLUMNS as _PLACE
from site_builder.spreadsheet_layout import POST_COLUMNS as _POST


def _triples(columns: list[Column]) -> list[tuple[str, Loc, str]]:
    return [(c.name, c.loc, c.help) for c in columns]


POST_COLUMNS = _triples(_POST)
PLACE_COLUMNS = _triples(_PLACE)
__all__ = ["INFO_COLUMNS", "PLACE_COLUMNS", "POST_COLUMNS"]
