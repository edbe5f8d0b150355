"""``postes.csv``: UTF-8 with BOM, ``;`` separator, one row per post and place.

The layout (``site_builder/spreadsheet_layout.py``) holds every field, so ``iscg import`` reads
it back; text cells a spreadsheet would evaluate are written behind an apostrophe.
"""

from __future__ import annotations

import csv
import io

from site_builder.catalogue import Catalogue
from site_builder.spreadsheet_layout import COLUMNS, rows


def render(catalogue: Catalogue) -> bytes:
    names = {code: commune.nom for code, commune in catalogue.referentiels.communes.items()}
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=COLUMNS, delimiter=";", lineterminator="\r\n")
    writer.writeheader()
    for poste in catalogue.postes:
        writer.writerows(rows(poste, names))
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")
