"""``postes.json``: every post as the model describes it, sorted; the format of ``data/schema/``."""

from __future__ import annotations

import json

from site_builder.catalogue import Catalogue


def render(catalogue: Catalogue) -> bytes:
    document = {
        "licence": "Licence Ouverte 2.0 (Etalab)",
        "postes": [poste.model_dump(mode="json", exclude_none=True) for poste in catalogue.postes],
    }
    return (json.dumps(document, ensure_ascii=False, indent=1, sort_keys=True) + "\n").encode("utf-8")
