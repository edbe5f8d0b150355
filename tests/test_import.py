"""``iscg import``: what a maintainer does with a spreadsheet, and every way it can go wrong."""

from __future__ import annotations

import csv
import io
import json
import re
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from site_builder.build import build
from site_builder.cli import main
from tests.conftest import ROOT, TODAY

FIXTURES = ROOT / "tests" / "fixtures" / "site" / "postes"


def run(*args: str) -> tuple[int, str]:
    result = CliRunner(env={"ISCG_AUJOURDHUI": "2026-11-23"}).invoke(main, list(args), catch_exceptions=False)
    return result.exit_code, result.output


@pytest.fixture
def data(tmp_path: Path) -> Path:
    target = tmp_path / "data"
    shutil.copytree(FIXTURES / "25", target / "postes" / "25")
    return target


def _export(data: Path, tmp_path: Path) -> Path:
    path = tmp_path / "postes.csv"
    assert run("export", "csv", "--data", str(data), "--output", str(path))[0] == 0
    return path


def _edit(path: Path, change: object, *, delimiter: str = ";", bom: bool = True) -> None:
    text = path.read_text(encoding="utf-8-sig")
    table = list(csv.reader(io.StringIO(text, newline=""), delimiter=";"))
    change(table)  # type: ignore[operator]
    buffer = io.StringIO()
    csv.writer(buffer, delimiter=delimiter, lineterminator="\r\n").writerows(table)
    path.write_text(("\ufeff" if bom else "") + buffer.getvalue(), encoding="utf-8")


def _cell(table: list[list[str]], row: int, column: str) -> tuple[int, int]:
    return row, table[0].index(column)


def test_export_then_import_changes_nothing(data: Path, tmp_path: Path) -> None:
    path = _export(data, tmp_path)
    code, output = run("import", str(path), "--data", str(data))
    assert code == 0
    assert "inchangé : " in output and "création" not in output and "modification" not in output


def test_an_hour_changed_in_the_spreadsheet_reaches_the_page_and_the_poster(data: Path, tmp_path: Path) -> None:
    path = _export(data, tmp_path)
    post = data / "postes" / "25" / "poste-fixture-25.yml"
    before = post.read_text(encoding="utf-8")

    def change(table: list[list[str]]) -> None:
        row = next(i for i, r in enumerate(table) if "brigade-demo-saint-vit" in r)
        column = table[0].index("horaires")
        table[row][column] = table[row][column].replace("14:00-17:00", "14:00-18:30")

    _edit(path, change, delimiter=",", bom=False)
    code, output = run("import", str(path), "--data", str(data))
    assert code == 0 and "modification : " in output and "(permanences)" in output
    assert post.read_text(encoding="utf-8") == before, "a dry run writes nothing"
    code, output = run("import", str(path), "--data", str(data), "--write")
    assert code == 0 and "1 fiche(s) écrite(s)" in output
    assert "14:00-18:30" in post.read_text(encoding="utf-8")
    built = build(data, tmp_path / "site", TODAY, generated=tmp_path / "generated")
    assert not built.result.report.failed()
    page = (tmp_path / "site" / "lieux" / "brigade-demo-saint-vit" / "index.html").read_text(encoding="utf-8")
    poster = (tmp_path / "site" / "lieux" / "brigade-demo-saint-vit" / "affiche.html").read_text(encoding="utf-8")
    assert "14 h – 18 h 30" in page and "14 h – 18 h 30" in poster


def test_problems_are_named_by_row_and_column_and_nothing_is_written(data: Path, tmp_path: Path) -> None:
    path = _export(data, tmp_path)
    files = {p: p.read_bytes() for p in (data / "postes").rglob("*.yml")}
    where: dict[str, tuple[int, int]] = {}

    def change(table: list[list[str]]) -> None:
        first = next(i for i, r in enumerate(table) if "commissariat-demo-besancon" in r)
        second = next(i for i, r in enumerate(table) if "brigade-demo-saint-vit" in r)
        column = table[0].index("horaires")
        table[second][column] = "mardi | 25:00-26:00 | toutes_les_2_semaines | 2026-11-24"
        table[first][table[0].index("intitule")] = "Un autre intitulé"  # a valid change elsewhere
        where["horaires"] = (second + 1, column + 1)
        where["intitule"] = (first + 1, table[0].index("intitule") + 1)

    _edit(path, change)
    code, output = run("import", str(path), "--data", str(data), "--write")
    assert code == 1 and "aucune fiche n'a été écrite" in output
    row, column = where["horaires"]
    assert re.search(rf"postes\.csv:{row}:{column}: erreur E203: permanences\[1\]\.horaires\[0\]\.plages\[0\]", output)
    # The post's two rows now disagree on the title: named too.
    assert "E404" in output
    assert {p: p.read_bytes() for p in (data / "postes").rglob("*.yml")} == files


def test_columns_unknown_or_missing(data: Path, tmp_path: Path) -> None:
    path = _export(data, tmp_path)

    def rename(table: list[list[str]]) -> None:
        table[0][table[0].index("horaires")] = "horaire"

    _edit(path, rename)
    code, output = run("import", str(path), "--data", str(data))
    assert code == 1
    assert "E403: colonne inconnue « horaire » ; vouliez-vous dire « horaires » ?" in output
    assert "E402: colonne « horaires » absente" in output


def test_a_malformed_cell_is_named(data: Path, tmp_path: Path) -> None:
    path = _export(data, tmp_path)

    def change(table: list[list[str]]) -> None:
        row = next(i for i, r in enumerate(table) if "brigade-demo-saint-vit" in r)
        table[row][table[0].index("financeurs")] = "État | 1 | note | en trop"

    _edit(path, change)
    code, output = run("import", str(path), "--data", str(data))
    assert code == 1 and "E405: financeurs : ligne 1 de la cellule : 4 parties" in output


def test_what_a_spreadsheet_damaged_is_repaired_and_said(data: Path, tmp_path: Path) -> None:
    path = _export(data, tmp_path)

    def change(table: list[list[str]]) -> None:
        for row in table[1:]:
            row[table[0].index("contact_telephone")] = "381000001"
            row[table[0].index("verifie_le")] = "01/11/2026"

    _edit(path, change)
    code, output = run("import", str(path), "--data", str(data))
    assert code == 0, output
    assert "« 381000001 » lu comme « 0381000001 » (zéro initial perdu par le tableur)" in output
    assert "« 01/11/2026 » lu comme « 2026-11-01 »" in output


def test_a_post_moved_to_another_departement_moves_its_file(data: Path, tmp_path: Path) -> None:
    path = _export(data, tmp_path)

    def move(table: list[list[str]]) -> None:
        header = table[0]
        for row in table[1:]:
            if row[header.index("poste_id")] == "poste-fixture-25":
                row[header.index("departement")] = "39"

    _edit(path, move)
    code, output = run("import", str(path), "--data", str(data), "--write")
    assert code == 0, output
    assert (data / "postes" / "39" / "poste-fixture-25.yml").is_file()
    assert not (data / "postes" / "25" / "poste-fixture-25.yml").exists()
    code, output = run("validate", "--data", str(data))
    assert code == 0, output


def test_an_import_killed_half_way_is_finished_or_undone(data: Path, tmp_path: Path) -> None:
    """The journal: complete, it is applied by whoever reads the data next; incomplete, dropped.
    The posts are the old set or the new one, and no temporary file is ever read as a post."""
    from site_builder import journal

    post = data / "postes" / "25" / "poste-fixture-25.yml"
    before = post.read_text(encoding="utf-8")
    after = before.replace("ISCG de démonstration du Doubs", "Intitulé importé")
    new = data / "postes" / "39" / "poste-nouveau-39.yml"

    # Killed while preparing: the list was never renamed into place.
    folder = data / journal.FOLDER
    folder.mkdir()
    (folder / "0.yml").write_text(after, encoding="utf-8")
    (folder / "liste.tmp").write_text("{", encoding="utf-8")
    code, output = run("validate", "--data", str(data))
    assert code == 0 and "import" not in output
    assert post.read_text(encoding="utf-8") == before and not folder.exists()

    # Killed while moving files into place: the complete list is applied to the end.
    folder.mkdir()
    (folder / "0.yml").write_text(after, encoding="utf-8")
    written = [
        {"fichier": "0.yml", "cible": "postes/25/poste-fixture-25.yml"},
        {"fichier": "1.yml", "cible": "postes/39/poste-nouveau-39.yml"},
    ]
    (folder / "liste").write_text(json.dumps({"ecrire": written, "supprimer": []}), encoding="utf-8")
    new.parent.mkdir(parents=True)
    new.write_text("déjà déplacé par la première tentative", encoding="utf-8")  # 1.yml moved before the kill
    assert journal.recover(data)
    assert post.read_text(encoding="utf-8") == after and not folder.exists()
    assert new.read_text(encoding="utf-8") == "déjà déplacé par la première tentative"


_WRITER = """
import sys
from pathlib import Path
from site_builder import journal
data = Path(sys.argv[1])
files = {data / "postes" / "25" / f"p{n:03d}.yml": f"nouveau {n}\\n" * 2000 for n in range(300)}
journal.write_all(data, files, [data / "postes" / "39" / "ancien.yml"])
"""


@pytest.mark.parametrize("delay", [0.05, 0.15, 0.3, 0.6, 1.2])
def test_an_import_killed_by_sigkill_leaves_the_old_set_or_the_new_one(tmp_path: Path, delay: float) -> None:
    """A real kill -9 at several moments of ``--write``: after whoever reads next (recover), the
    posts are all old or all new, and nothing is left where the loader reads."""
    import os
    import signal
    import subprocess
    import sys
    import time

    from site_builder import journal

    data = tmp_path / "data"
    (data / "postes" / "25").mkdir(parents=True)
    (data / "postes" / "39").mkdir(parents=True)
    old = {f"p{n:03d}.yml": f"ancien {n}\n" for n in range(300)}
    for name, text in old.items():
        (data / "postes" / "25" / name).write_text(text, encoding="utf-8")
    (data / "postes" / "39" / "ancien.yml").write_text("déplacé", encoding="utf-8")
    process = subprocess.Popen([sys.executable, "-c", _WRITER, str(data)], cwd=ROOT)
    time.sleep(delay)
    if process.poll() is None:
        os.kill(process.pid, signal.SIGKILL)
    process.wait()
    journal.recover(data)
    now = {p.name: p.read_text(encoding="utf-8") for p in (data / "postes" / "25").iterdir()}
    new = {name: f"nouveau {n}\n" * 2000 for n, name in enumerate(sorted(old))}
    assert now in (old, new), "a mixture of old and new posts"
    assert (data / "postes" / "39" / "ancien.yml").exists() == (now == old)
    assert not (data / journal.FOLDER).exists()
    assert [p for p in (data / "postes").rglob("*") if p.name.startswith(".")] == []


def test_the_comment_of_a_failed_import_names_cells_as_a_spreadsheet_does(data: Path, tmp_path: Path) -> None:
    """What the workflow comments: each error at its row and column letter, the warnings that do
    not stop the import counted, not listed; never the program's own representation."""
    from openpyxl.utils import get_column_letter

    path = _export(data, tmp_path)
    where: list[tuple[int, int]] = []

    def change(table: list[list[str]]) -> None:
        row = next(i for i, r in enumerate(table) if "brigade-demo-saint-vit" in r)
        column = table[0].index("horaires")
        table[row][column] = "mardi | 25:00-26:00 | toutes_les_2_semaines | 2026-11-24"
        where.append((row + 1, column + 1))

    _edit(path, change)
    summary = tmp_path / "resume.md"
    code, _ = run("import", str(path), "--data", str(data), "--write", "--resume", str(summary))
    text = summary.read_text(encoding="utf-8")
    row, column = where[0]
    assert code == 1 and "n'a rien écrit" in text
    assert f"ligne {row}, colonne {get_column_letter(column)} : erreur E203" in text
    assert "Problem(" not in text


def test_the_description_of_a_clean_import_counts_in_french(data: Path, tmp_path: Path) -> None:
    shutil.copytree(FIXTURES / "39", data / "postes" / "39")
    path = _export(data, tmp_path)
    summary = tmp_path / "resume.md"
    assert run("import", str(path), "--data", str(data), "--resume", str(summary))[0] == 0
    text = summary.read_text(encoding="utf-8")
    assert re.search(r"^3 inchangés\.$", text, flags=re.M), text
    assert "Problem(" not in text
