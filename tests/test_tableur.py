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


def _fields(model: type, prefix: tuple[str, ...] = ()) -> list[tuple[str, ...]]:
    """Every field of a model as a path; a sub-model is walked, a list of them is one field."""
    from site_builder.annotations import is_list, models_in

    found: list[tuple[str, ...]] = []
    for name, field in model.model_fields.items():  # type: ignore[attr-defined]
        inner = models_in(field.annotation)
        if inner and not is_list(field.annotation):
            found.extend(_fields(inner[0], (*prefix, name)))
        else:
            found.append((*prefix, name))
    return found


def _without_column(post_model: type, permanence_model: type) -> list[str]:
    from site_builder.tableur import PLACE_COLUMNS, POST_COLUMNS

    def covered(columns: list[tuple[str, tuple[object, ...], str]]) -> set[tuple[str, ...]]:
        return {tuple(str(part) for part in loc if not isinstance(part, int)) for _, loc, _ in columns}

    post = covered(POST_COLUMNS)
    place = covered(PLACE_COLUMNS)
    missing = [".".join(p) for p in _fields(post_model) if p != ("permanences",) and p not in post]
    missing += ["permanences[]." + ".".join(p) for p in _fields(permanence_model) if p not in place]
    return missing


def test_every_field_of_the_model_has_a_column() -> None:
    """Else export then import erases it from every file (a field added to the model needs its
    column in site_builder/tableur.py)."""
    from site_builder.model import Permanence

    assert _without_column(Poste, Permanence) == []


def test_a_field_added_without_a_column_is_caught() -> None:
    from pydantic import Field

    from site_builder.model import Lieu, Permanence

    class LieuPlus(Lieu):
        accessibilite_pmr: bool | None = Field(None, description="Accessible en fauteuil roulant")

    class PermanencePlus(Permanence):
        lieu: LieuPlus  # type: ignore[assignment]

    assert _without_column(Poste, PermanencePlus) == ["permanences[].lieu.accessibilite_pmr"]


def test_every_field_of_the_model_has_a_line_on_the_format_page() -> None:
    from site_builder.model import Permanence
    from site_builder.render.format_doc import field_rows

    lines = {row.path for row in field_rows()}
    paths = [".".join(p) for p in _fields(Poste)] + ["permanences[]." + ".".join(p) for p in _fields(Permanence)]
    assert [p for p in paths if p not in lines] == []
