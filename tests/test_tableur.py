"""The spreadsheet round trip: any valid post, written to the CSV layout and read back, is equal."""

from __future__ import annotations

import csv
import io
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from site_builder.importer import Plan, read_documents
from site_builder.model import Poste
from site_builder.report import Report
from site_builder.tableur import COLUMNS, rows
from tests.strategies import postes


def _csv(posts: list[Poste], delimiter: str = ";", bom: bool = True) -> str:
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=COLUMNS, delimiter=delimiter, lineterminator="\r\n")
    writer.writeheader()
    for poste in posts:
        writer.writerows(rows(poste, {}))
    return ("\ufeff" if bom else "") + buffer.getvalue()


@settings(
    max_examples=int(__import__("os").environ.get("ISCG_EXEMPLES", "120")),
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
@given(
    posts=st.lists(postes, min_size=1, max_size=3, unique_by=lambda p: p.id),
    delimiter=st.sampled_from([";", ","]),
    bom=st.booleans(),
)
def test_csv_round_trip(posts: list[Poste], delimiter: str, bom: bool, tmp_path_factory: object) -> None:
    path = Path(tmp_path_factory.mktemp("csv")) / "postes.csv"
    path.write_text(_csv(posts, delimiter, bom), encoding="utf-8")
    result = Plan(Report())
    documents = read_documents(path, result)
    assert result.report.problems == []
    assert [Poste.model_validate(d.data) for d in documents.values()] == posts


FORMULAS = ['=HYPERLINK("http://exemple.org";"Cliquez")', "+33 formule", "-1+2", "@SOMME(A1)", "'=déjà protégé"]


def test_formulas_are_neutralised_and_come_back_exactly(tmp_path: Path) -> None:
    """OWASP's advice: a text cell a spreadsheet would evaluate starts with an apostrophe in the
    CSV; the import removes exactly that one; numbers (a negative latitude) are untouched."""
    base = {
        "id": "poste-974", "type": "isg", "statut": "en_poste", "departement": "974", "verifie_le": "2026-11-01",
        "structure": {"nom": "Structure", "type": "association"},
        "permanences": [
            {"lieu": {"nom": "Brigade", "type": "brigade", "commune": "97411", "position": ["-20.88", "55.45"]}}
        ],
    }  # fmt: skip
    for text in FORMULAS:
        poste = Poste.model_validate({**base, "intitule": text, "territoire": text, "sources": [text]})
        (row,) = rows(poste, {})
        for column in ("intitule", "territoire", "sources"):
            assert row[column] == "'" + text, (column, row[column])
        assert row["lieu_latitude"] == "-20.88"
        path = tmp_path / "postes.csv"
        path.write_text(_csv([poste]), encoding="utf-8")
        result = Plan(Report())
        (document,) = read_documents(path, result).values()
        assert result.report.problems == []
        assert Poste.model_validate(document.data) == poste
