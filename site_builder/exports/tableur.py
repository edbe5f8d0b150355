"""CSV for spreadsheets: UTF-8 with BOM, ``;`` separator, one row per post and place.

The layout (``site_builder/tableur.py``) holds every field, so ``iscg import`` reads it back.
"""

from __future__ import annotations

import csv
import io

from site_builder.catalogue import Catalogue
from site_builder.tableur import COLUMNS, rows


def render(catalogue: Catalogue) -> bytes:
    names = {code: commune.nom for code, commune in catalogue.referentiels.communes.items()}
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=COLUMNS, delimiter=";", lineterminator="\r\n")
    writer.writeheader()
    for poste in catalogue.postes:
        writer.writerows(rows(poste, names))
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")
