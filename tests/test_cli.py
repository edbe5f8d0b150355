"""Every command, as a maintainer types it, with its exit code."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from site_builder.cli import main
from tests.conftest import REAL_POSTS, ROOT

ENV = {"ISCG_AUJOURDHUI": "2026-11-23"}


def run(*args: str) -> tuple[int, str]:
    result = CliRunner(env=ENV).invoke(main, list(args), catch_exceptions=False)
    return result.exit_code, result.output


@pytest.fixture
def data(tmp_path: Path) -> Path:
    """A copy of the tests' frozen copy of the first real posts (never the live data/)."""
    target = tmp_path / "data"
    shutil.copytree(REAL_POSTS, target / "postes")
    return target


def test_every_command_has_help() -> None:
    code, output = run("--help")
    assert code == 0
    commands = re.findall(r"^  (\w+)\s", output.split("Commands:")[1], flags=re.M)
    assert {"validate", "new", "stats", "schema", "referentiels"} <= set(commands)
    for command in commands:
        code, text = run(command, "--help")
        assert code == 0
        assert "Usage:" in text and len(text.splitlines()) > 3


def test_validate_real_data_is_clean(data: Path) -> None:
    code, output = run("validate", "--data", str(data))
    assert code == 0
    assert "aucune erreur" in output.splitlines()[-1]


def test_warnings_fail_with_strict(data: Path) -> None:
    code, output = run("validate", "--data", str(data), "--strict")
    assert code == 1
    assert "avertissement A303" in output


def test_one_broken_file_is_named_with_its_line(data: Path) -> None:
    broken = data / "postes" / "25" / "besancon-france-victimes-25.yml"
    text = broken.read_text(encoding="utf-8")
    broken.write_text(
        text.replace(
            "      nom: Brigade de gendarmerie de Saint-Vit", "      nom: Brigade de Saint-Vit\n      horraires: x"
        ),
        encoding="utf-8",
    )
    code, output = run("validate", "--data", str(data))
    assert code == 1
    line = next(i for i, row in enumerate(broken.read_text(encoding="utf-8").splitlines(), 1) if "horraires" in row)
    assert re.search(rf"besancon-france-victimes-25\.yml:{line}:7: erreur E202: .*horraires", output)
    # The rest of the data is still checked: the other files' warnings are reported too.
    assert "montbeliard-france-victimes-25.yml" in output


def test_json_and_github_formats_report_the_same_problems(data: Path) -> None:
    (data / "postes" / "25" / "besancon-france-victimes-25.yml").write_text("id: [\n", encoding="utf-8")
    code, output = run("validate", "--data", str(data), "--format", "json")
    assert code == 1
    report = json.loads(output)
    assert report["erreurs"] == 1 and report["fichiers"] == 5
    problem = next(p for p in report["problemes"] if p["severite"] == "erreur")
    assert problem["code"] == "E102" and problem["line"] == 2
    code, output = run("validate", "--data", str(data), "--format", "github")
    assert code == 1
    assert re.search(r"^::error file=.*besancon-france-victimes-25\.yml,line=2,col=1,title=E102 ", output, re.M)
    assert output.count("::warning ") == report["avertissements"]


def test_usage_errors_exit_2(data: Path) -> None:
    assert run("validate", "--data", str(data), "--format", "xml")[0] == 2
    assert run("nope")[0] == 2


def test_missing_data_folder_is_a_clear_error(tmp_path: Path) -> None:
    code, output = run("validate", "--data", str(tmp_path / "absent"))
    assert code == 1
    assert "aucun dossier" in output


def test_new_writes_a_template_that_validates_once_filled(data: Path) -> None:
    code, output = run("new", "--data", str(data), "--departement", "39", "--id", "lons-le-saunier-39")
    assert code == 0
    created = data / "postes" / "39" / "lons-le-saunier-39.yml"
    assert created.is_file()
    # Blank, it is reported: each blank named with its line.
    code, output = run("validate", "--data", str(data))
    assert code == 1
    assert re.search(r"lons-le-saunier-39\.yml:\d+:\d+: erreur E201: intitule", output)
    filled = (
        created.read_text(encoding="utf-8")
        .replace('intitule: ""', "intitule: ISCG du Jura")
        .replace('type: ""', "type: isg", 1)
        .replace('statut: ""', "statut: en_poste")
        .replace('nom: ""', "nom: Association du Jura", 1)
        .replace('type: ""', "type: association", 1)
        .replace('nom: ""', "nom: Brigade de Lons-le-Saunier", 1)
        .replace('type: ""', "type: brigade", 1)
        .replace('commune: ""', 'commune: "39300"')
        .replace("jours: []", "jours: [mardi]")
        .replace('titre: ""', "titre: Convention de financement du poste, 2026")
    )
    created.write_text(filled, encoding="utf-8")
    code, output = run("validate", "--data", str(data))
    assert "lons-le-saunier-39" not in output, output
    assert code == 0
    # Never overwrites.
    code, output = run("new", "--data", str(data), "--departement", "39", "--id", "lons-le-saunier-39")
    assert code == 1 and "existe déjà" in output


def test_new_refuses_bad_codes(data: Path) -> None:
    code, output = run("new", "--data", str(data), "--departement", "20", "--id", "x")
    assert code == 2 and "département" in output
    code, output = run("new", "--data", str(data), "--departement", "25", "--id", "Mauvais Id")
    assert code == 2 and "identifiant" in output


def test_stats_text_and_json(data: Path) -> None:
    code, output = run("stats", "--data", str(data))
    assert code == 0
    assert "Postes : 5" in output
    assert "25 Doubs : 2 ; 2 ; 2" in output
    code, output = run("stats", "--data", str(data), "--format", "json")
    figures = json.loads(output)
    assert figures["par_type"] == {"isc": 0, "isg": 2, "iscg": 3}
    assert figures["par_statut"]["recrutement"] == 2
    assert len(figures["departements_sans_poste"]) == 98
    assert figures["a_reverifier"][0]["id"] == "solesmes-compagnie-cambrai-59"


def test_committed_schema_is_up_to_date() -> None:
    code, output = run("schema", "--data", str(ROOT / "data"), "--check")
    assert code == 0, output


def test_schema_check_fails_when_stale(tmp_path: Path) -> None:
    (tmp_path / "schema").mkdir()
    (tmp_path / "schema" / "poste.schema.json").write_text("{}", encoding="utf-8")
    code, output = run("schema", "--data", str(tmp_path), "--check")
    assert code == 1 and "pas à jour" in output
    assert run("schema", "--data", str(tmp_path))[0] == 0
    assert run("schema", "--data", str(tmp_path), "--check")[0] == 0


def test_every_data_file_points_at_the_schema() -> None:
    for file in (ROOT / "data" / "postes").rglob("*.yml"):
        assert file.read_text(encoding="utf-8").startswith("# yaml-language-server: $schema=../../schema/")


def test_the_readme_command_table_is_the_one_help_gives() -> None:
    from site_builder.cli_doc import README, rewritten

    text = README.read_text(encoding="utf-8")
    assert rewritten(text) == text, "README.md n'est pas à jour : python -m site_builder.cli_doc"
