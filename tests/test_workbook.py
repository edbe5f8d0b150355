"""``postes.xlsx`` and the import of workbooks: what openpyxl sees in the file, a workbook filled
by a test and one saved by LibreOffice (Debian's package, headless) give the posts the CSV gives."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest
from click.testing import CliRunner
from openpyxl import load_workbook

from site_builder.cli import main
from site_builder.spreadsheet_layout import ALL_COLUMNS, COLUMNS
from tests.conftest import ROOT

FIXTURES = ROOT / "tests" / "fixtures" / "site" / "postes"


def run(*args: str) -> tuple[int, str]:
    result = CliRunner(env={"ISCG_AUJOURDHUI": "2026-11-23"}).invoke(main, list(args), catch_exceptions=False)
    return result.exit_code, result.output


@pytest.fixture
def data(tmp_path: Path) -> Path:
    target = tmp_path / "data"
    shutil.copytree(FIXTURES / "25", target / "postes" / "25")
    return target


def _export(data: Path, path: Path, kind: str) -> Path:
    assert run("export", kind, "--data", str(data), "--output", str(path))[0] == 0
    return path


def _posts(data: Path) -> dict[str, str]:
    return {p.name: p.read_text(encoding="utf-8") for p in sorted((data / "postes").rglob("*.yml"))}


def test_the_workbook_has_its_columns_lists_comments_and_codes(data: Path, tmp_path: Path) -> None:
    workbook = load_workbook(_export(data, tmp_path / "postes.xlsx", "xlsx"))
    assert workbook.sheetnames == ["postes", "codes"]
    sheet = workbook["postes"]
    header = [cell.value for cell in sheet[1]]
    assert header == COLUMNS
    assert sheet.freeze_panes == "C2"
    by_name = {c.name: c for c in ALL_COLUMNS}
    for index, name in enumerate(header, 1):
        comment = sheet.cell(1, index).comment
        expected = by_name[name].help if name in by_name else "ignoré à l'import"
        assert comment is not None and expected in comment.text, name
    lists = {}
    for validation in sheet.data_validations.dataValidation:
        if validation.type == "list":
            for area in str(validation.sqref).split():
                lists[header[int(area.split(":")[0].rstrip("0123456789") and _column(area)) - 1]] = validation.formula1
    assert set(lists) == {"type", "statut", "departement", "structure_type", "lieu_type", "acces"}
    codes = workbook["codes"]
    rows = [[c.value for c in row] for row in codes.iter_rows(min_row=2)]
    assert ["type", "isg", "Intervenant social en gendarmerie"] in rows
    assert ["horaires (jours)", "mardi", "mardi"] in rows
    assert ["horaires (frequence)", "toutes_les_2_semaines", "une semaine sur deux"] in rows
    assert any(r[1] == "2A" and r[2] == "Corse-du-Sud" for r in rows)
    first, last = lists["departement"].split("!")[1].replace("$", "").split(":")
    assert [codes[first].value, codes[last].value] == ["01", "976"]
    # Codes stay text, numbers are numbers.
    column = {name: index for index, name in enumerate(header, 1)}
    assert sheet.cell(2, column["departement"]).value == "25"
    assert sheet.cell(2, column["departement"]).data_type == "s"
    latitudes = [sheet.cell(r, column["lieu_latitude"]).value for r in range(2, sheet.max_row + 1)]
    assert any(isinstance(v, float) for v in latitudes)


def _column(area: str) -> int:
    letters = "".join(ch for ch in area.split(":")[0] if ch.isalpha())
    number = 0
    for letter in letters:
        number = number * 26 + ord(letter) - 64
    return number


def test_the_same_data_gives_the_same_workbook(data: Path, tmp_path: Path) -> None:
    one = _export(data, tmp_path / "a.xlsx", "xlsx").read_bytes()
    two = _export(data, tmp_path / "b.xlsx", "xlsx").read_bytes()
    assert one == two


def test_export_then_import_of_the_workbook_changes_nothing(data: Path, tmp_path: Path) -> None:
    path = _export(data, tmp_path / "postes.xlsx", "xlsx")
    code, output = run("import", str(path), "--data", str(data))
    assert code == 0, output
    assert "inchangé : " in output and "création" not in output and "modification" not in output


def test_a_workbook_filled_by_hand_imports_like_the_csv(data: Path, tmp_path: Path) -> None:
    """An hour changed and a place added, in the workbook and in the CSV: the same files."""
    twin = tmp_path / "twin"
    shutil.copytree(data, twin)
    workbook_path = _export(data, tmp_path / "postes.xlsx", "xlsx")
    workbook = load_workbook(workbook_path)
    sheet = workbook["postes"]
    header = [c.value for c in sheet[1]]
    column = {name: index for index, name in enumerate(header, 1)}
    row = next(
        r for r in range(2, sheet.max_row + 1) if sheet.cell(r, column["lieu_id"]).value == "brigade-demo-saint-vit"
    )
    cell = sheet.cell(row, column["horaires"])
    cell.value = str(cell.value).replace("14:00-17:00", "14:00-18:30")
    new = sheet.max_row + 1
    for index in range(1, len(header) + 1):
        sheet.cell(new, index).value = sheet.cell(row, index).value
    sheet.cell(new, column["lieu_id"]).value = None
    sheet.cell(new, column["lieu_nom"]).value = "=Mairie de Saint-Vit"  # a formula-like name, typed as text
    sheet.cell(new, column["lieu_nom"]).data_type = "s"
    sheet.cell(new, column["lieu_type"]).value = "autre"
    sheet.cell(new, column["lieu_latitude"]).value = None
    sheet.cell(new, column["lieu_longitude"]).value = None
    sheet.cell(new, column["horaires"]).value = "jeudi | 09:00-12:00"
    workbook.save(workbook_path)
    code, output = run("import", str(workbook_path), "--data", str(data), "--write")
    assert code == 0, output
    after = _posts(data)
    text = "".join(after.values())
    assert "14:00-18:30" in text and "nom: =Mairie de Saint-Vit" in text and "'=Mairie" not in text

    # The same edits through the CSV.
    csv_path = _export(twin, tmp_path / "postes.csv", "csv")
    import csv as csv_module
    import io

    table = list(csv_module.reader(io.StringIO(csv_path.read_text(encoding="utf-8-sig"), newline=""), delimiter=";"))
    index = {name: i for i, name in enumerate(table[0])}
    line = next(r for r in table if r[index["lieu_id"]] == "brigade-demo-saint-vit")
    line[index["horaires"]] = line[index["horaires"]].replace("14:00-17:00", "14:00-18:30")
    added = list(line)
    added[index["lieu_id"]] = ""
    added[index["lieu_nom"]] = "'=Mairie de Saint-Vit"  # the apostrophe the export would write
    added[index["lieu_type"]] = "autre"
    added[index["lieu_latitude"]] = added[index["lieu_longitude"]] = ""
    added[index["horaires"]] = "jeudi | 09:00-12:00"
    table.append(added)
    buffer = io.StringIO()
    csv_module.writer(buffer, delimiter=";", lineterminator="\r\n").writerows(table)
    csv_path.write_text("\ufeff" + buffer.getvalue(), encoding="utf-8")
    code, output = run("import", str(csv_path), "--data", str(twin), "--write")
    assert code == 0, output
    assert _posts(twin) == after


def test_a_formula_in_a_workbook_is_refused_by_row_and_column(data: Path, tmp_path: Path) -> None:
    path = _export(data, tmp_path / "postes.xlsx", "xlsx")
    workbook = load_workbook(path)
    sheet = workbook["postes"]
    sheet.cell(3, COLUMNS.index("intitule") + 1).value = '=HYPERLINK("http://exemple.org";"Cliquez")'
    workbook.save(path)
    before = _posts(data)
    code, output = run("import", str(path), "--data", str(data), "--write")
    assert code == 1
    assert (
        f"postes.xlsx:3:{COLUMNS.index('intitule') + 1}: erreur E401: intitule : cellule calculée par une formule"
        in output
    )
    assert _posts(data) == before


SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")


@pytest.mark.skipif(SOFFICE is None and not os.environ.get("CI"), reason="LibreOffice absent (make test installs it)")
@pytest.mark.parametrize("target", ["ods", "xlsx"])
def test_a_workbook_saved_by_libreoffice_imports_to_the_same_posts(data: Path, tmp_path: Path, target: str) -> None:
    """LibreOffice opens our workbook and saves it again (as .ods, and as its own .xlsx): the
    import finds every post unchanged."""
    assert SOFFICE is not None, "LibreOffice must be installed in CI (make test installs libreoffice-calc-nogui)"
    source = _export(data, tmp_path / "postes.xlsx", "xlsx")
    out = tmp_path / "libreoffice"
    profile = tmp_path / "profil"
    subprocess.run(
        [SOFFICE, f"-env:UserInstallation=file://{profile}", "--headless", "--convert-to", target,
         "--outdir", str(out), str(source)],
        check=True, capture_output=True, timeout=180,
    )  # fmt: skip
    saved = out / f"postes.{target}"
    assert saved.is_file()
    code, output = run("import", str(saved), "--data", str(data))
    assert code == 0, output
    assert "création" not in output and "modification" not in output and "inchangé : " in output
