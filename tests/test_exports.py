"""Each export read back by a tool nobody here wrote; JSON-LD parsed from the built pages."""

from __future__ import annotations

import json
import re
from pathlib import Path

import geopandas
from click.testing import CliRunner
from data_inclusion.schema import v1
from geojson_pydantic import FeatureCollection

from site_builder.cli import main
from site_builder.exports import REGISTRY
from tests.conftest import SITE_URL


def test_geojson_is_read_by_geopandas_and_valid_rfc7946(built_site: Path) -> None:
    path = built_site / "donnees" / "postes.geojson"
    collection = FeatureCollection.model_validate_json(path.read_text(encoding="utf-8"))
    assert len(collection.features) >= 13
    frame = geopandas.read_file(path, engine="pyogrio")
    assert frame.crs.to_epsg() == 4326
    saint_vit = frame[frame["id"] == "brigade-demo-saint-vit"].iloc[0]
    assert round(saint_vit.geometry.y, 4) == 47.1826 and round(saint_vit.geometry.x, 4) == 5.8107
    trap = json.loads(path.read_text(encoding="utf-8"))
    posts = next(f for f in trap["features"] if f["id"] == "brigade-demo-saint-vit")["properties"]["postes"]
    assert posts[0]["horaires"] == ["Le mardi, 14 h – 17 h, une semaine sur deux à partir du 24 novembre 2026"]


def test_csv_is_read_by_geopandas_as_a_spreadsheet_would(built_site: Path) -> None:
    path = built_site / "donnees" / "postes.csv"
    raw = path.read_bytes()
    assert raw.startswith("\ufeff".encode()) and b"\r\n" in raw
    frame = geopandas.read_file(path, engine="pyogrio", SEPARATOR="SEMICOLON")
    assert list(frame.columns[:3]) == ["poste_id", "intitule", "type"]
    assert set(frame["poste_id"]) >= {"besancon-france-victimes-25", "poste-fixture-25"}
    besancon = frame[frame["poste_id"] == "besancon-france-victimes-25"]
    assert len(besancon) == 6  # one row per place
    assert set(besancon["departement"]) == {"25"}  # codes stay text


def test_data_inclusion_export_validates_with_the_official_models(built_site: Path) -> None:
    document = json.loads((built_site / "donnees" / "data-inclusion.json").read_text(encoding="utf-8"))
    structures = [v1.Structure.model_validate(s) for s in document["structures"]]
    services = [v1.Service.model_validate(s) for s in document["services"]]
    assert {s.id for s in structures} >= {s.structure_id for s in services}
    demo = next(s for s in services if s.id.endswith("brigade-demo-saint-vit"))
    assert demo.horaires_accueil == (
        "2026 week 48-52/2 Tu 14:00-17:00; 2027 week 01-47/2 Tu 14:00-17:00; PH off; 2026 Dec 21-2027 Jan 03 off"
    )
    # Posts still being recruited offer no service yet.
    assert not any("orchies-compagnie-douai-59" in s.id for s in services)


def _jsonld(page: Path) -> dict:  # type: ignore[type-arg]
    text = page.read_text(encoding="utf-8")
    (block,) = re.findall(r'<script type="application/ld\+json">\n(.*?)\n</script>', text, re.S)
    return json.loads(block)  # type: ignore[no-any-return]


def test_jsonld_on_post_and_place_pages(built_site: Path) -> None:
    post = _jsonld(built_site / "postes" / "poste-fixture-25" / "index.html")
    assert post["@type"] == "Service" and post["provider"]["name"] == "Association de démonstration"
    assert post["url"] == f"{SITE_URL}postes/poste-fixture-25/"
    location = post["availableChannel"][0]["serviceLocation"]
    assert location["@type"] == "PoliceStation"
    assert location["openingHoursSpecification"][0] == {
        "@type": "OpeningHoursSpecification",
        "dayOfWeek": ["https://schema.org/Wednesday", "https://schema.org/Friday"],
        "opens": "09:00",
        "closes": "12:00",
        "validThrough": "2028-12-31",  # the end of the post's funding agreement
    }
    place = _jsonld(built_site / "lieux" / "brigade-demo-saint-vit" / "index.html")
    assert place["geo"] == {"@type": "GeoCoordinates", "latitude": 47.1826, "longitude": 5.8107}
    assert place["openingHoursSpecification"][0]["validFrom"] == "2026-11-24"
    trap = _jsonld(built_site / "postes" / "poste-piege-59" / "index.html")
    assert trap["name"].startswith('ISCG <script>alert("intitule")</script>')
    raw = (built_site / "postes" / "poste-piege-59" / "index.html").read_text(encoding="utf-8")
    assert "\\u003cscript\\u003ealert" in raw


def test_every_export_is_a_command(tmp_path: Path) -> None:
    command = main.commands["export"]
    choices = next(p for p in command.params if p.name == "format_name").type.choices  # type: ignore[attr-defined]
    assert sorted(choices) == sorted(REGISTRY)
    runner = CliRunner(env={"ISCG_AUJOURDHUI": "2026-11-23"})
    for name in REGISTRY:
        out = tmp_path / name
        result = runner.invoke(main, ["export", name, "--output", str(out)], catch_exceptions=False)
        assert result.exit_code == 0, result.output
        assert out.stat().st_size > 200
