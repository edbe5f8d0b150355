"""The committed reference files are what ``iscg referentiels`` derives, and they are sound."""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner

from site_builder.cli import main
from site_builder.referentiels import DEFAULT_DIR, FILES, Referentiels, distance_km


def test_committed_files_do_not_drift(tmp_path: Path) -> None:
    result = CliRunner().invoke(main, ["referentiels", "--output", str(tmp_path)], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    for name in FILES.values():
        assert (tmp_path / name).read_bytes() == (DEFAULT_DIR / name).read_bytes(), f"{name} : lancez make referentiels"


def test_reference_lists(referentiels: Referentiels) -> None:
    assert len(referentiels.departements) == 101
    assert referentiels.departements["2A"].nom == "Corse-du-Sud"
    besancon = referentiels.communes["25056"]
    assert (besancon.nom, besancon.departement, besancon.codes_postaux) == ("Besançon", "25", ("25000",))
    assert referentiels.epci[besancon.epci] == "Communauté urbaine Grand Besançon Métropole"
    assert referentiels.communes["75115"].type == "ARM"  # Paris 15e arrondissement
    assert referentiels.communes["97411"].departement == "974"


def test_points_and_outlines(referentiels: Referentiels) -> None:
    assert referentiels.departement_at(47.2378, 6.0241) == "25"
    assert referentiels.departement_at(-21.115, 55.536) == "974"
    assert referentiels.departement_at(41.9192, 8.7386) == "2A"
    assert referentiels.departement_at(40.4168, -3.7038) is None  # Madrid
    assert round(distance_km((47.2378, 6.0241), (50.3700, 3.0800))) == 410
