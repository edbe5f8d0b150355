"""A maintainer's pull request that adds a valid post: what CI runs on it stays green.

CI runs ``iscg validate --format github`` and ``iscg build`` on the data of the pull request,
and ``make test``, whose tests own their data (``tests/fixtures/``) and never count the live
``data/``. Here: a copy of the live data, one more valid post, the same two commands.
"""

from __future__ import annotations

import shutil
from pathlib import Path

from click.testing import CliRunner

from site_builder.cli import main
from tests.conftest import ROOT

NEW_POST = """\
# yaml-language-server: $schema=../../schema/poste.schema.json
id: poste-ajoute-39
intitule: ISG ajouté par une demande de modification
type: isg
statut: en_poste
departement: "39"
structure:
  nom: Association de test
  type: association
permanences:
  - lieu:
      nom: Brigade de test de Dole
      type: brigade
      commune: "39198"
sources:
  - Donnée de test
verifie_le: 2026-11-01
"""


def test_one_more_valid_post_keeps_ci_green(tmp_path: Path) -> None:
    data = tmp_path / "data"
    shutil.copytree(ROOT / "data" / "postes", data / "postes")
    (data / "postes" / "39").mkdir(exist_ok=True)
    (data / "postes" / "39" / "poste-ajoute-39.yml").write_text(NEW_POST, encoding="utf-8")
    runner = CliRunner(env={"ISCG_AUJOURDHUI": "2026-11-23"})
    checked = runner.invoke(main, ["validate", "--data", str(data), "--format", "github"], catch_exceptions=False)
    assert checked.exit_code == 0, checked.output
    assert "poste-ajoute-39" not in checked.output
    built = runner.invoke(
        main, ["build", "--data", str(data), "--site-dir", str(tmp_path / "site")], catch_exceptions=False
    )
    assert built.exit_code == 0, built.output
    assert (tmp_path / "site" / "postes" / "poste-ajoute-39" / "index.html").is_file()
