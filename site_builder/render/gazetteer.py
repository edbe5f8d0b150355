"""The finder's gazetteer: every commune, small enough for a phone, loaded on first use.

Columnar JSON so that gzip finds the repetitions: names joined by ``|``; INSEE codes as, per
département, the steps between successive three-digit suffixes; postcodes; coordinates in
hundredths of a degree (about 1 km, enough to rank places by distance) as steps from the
previous commune; the EPCI as an index into a list of SIREN; a size class per commune, two
digits a commune (twenty steps per power of ten of its population, 12 % apart) to rank the
suggestions of a name or a postcode. ``recherche.js`` decodes it.
"""

from __future__ import annotations

import json
import math

from site_builder.referentiels import Commune, Referentiels

PATH = "assets/iscg/communes.json"


def _size_class(population: int) -> int:
    return min(round(20 * math.log10(max(population, 1))), 99)


def _suffix(code: str) -> int:
    return int(code[-3:])


def render(referentiels: Referentiels) -> bytes:
    communes: list[Commune] = sorted(
        (c for c in referentiels.communes.values() if c.actuelle and c.point), key=lambda c: c.code
    )
    departements: list[str] = []
    steps: list[list[int]] = []
    for commune in communes:
        prefix = commune.code[:-3]
        if not departements or departements[-1] != prefix:
            departements.append(prefix)
            steps.append([])
            previous = 0
        steps[-1].append(_suffix(commune.code) - previous)
        previous = _suffix(commune.code)
    epcis = sorted({c.epci for c in communes if c.epci})
    index = {siren: i for i, siren in enumerate(epcis)}
    lat = lon = 0
    lats, lons = [], []
    for commune in communes:
        assert commune.point is not None
        y, x = round(commune.point[0] * 100), round(commune.point[1] * 100)
        lats.append(y - lat)
        lons.append(x - lon)
        lat, lon = y, x
    document = {
        "version": 2,
        "departements": {code: d.nom for code, d in sorted(referentiels.departements.items())},
        "noms": "|".join(c.nom for c in communes),
        "prefixes": departements,
        "pas": steps,
        "cp": "|".join(" ".join(c.codes_postaux) for c in communes),
        "lat": lats,
        "lon": lons,
        "epci": epcis,
        "e": [index.get(c.epci, -1) for c in communes],
        "taille": "".join(f"{_size_class(c.population):02d}" for c in communes),
    }
    return (json.dumps(document, ensure_ascii=False, separators=(",", ":")) + "\n").encode("utf-8")
