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
from site_builder.spreadsheet_layout import COLUMNS, rows
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
    """The fields of the model that the layout derived from it gives no column."""
    from site_builder.spreadsheet_layout import Column, layout

    post_columns, place_columns, unplaced = layout(post_model, permanence_model)

    def covered(columns: list[Column]) -> set[tuple[str, ...]]:
        return {tuple(str(part) for part in c.loc if not isinstance(part, int)) for c in columns}

    post, place = covered(post_columns), covered(place_columns)
    missing = [".".join(p) for p in _fields(post_model) if p != ("permanences",) and p not in post]
    missing += ["permanences[]." + ".".join(p) for p in _fields(permanence_model) if p not in place]
    return missing + unplaced


def test_every_field_of_the_model_has_a_column() -> None:
    """Else export then import would erase it from every file."""
    from site_builder.model import Permanence

    assert _without_column(Poste, Permanence) == []


def test_the_columns_of_the_first_files_keep_their_names() -> None:
    """Spreadsheets exported before the layout was derived from the model still import."""
    first = "poste_id intitule type statut departement territoire couverture_departements couverture_epci"
    first += " couverture_communes depuis etp heures_hebdomadaires structure_nom structure_type structure_adresse"
    first += " structure_telephone structure_courriel structure_site_web contact_telephone contact_courriel"
    first += " contact_modalites fermetures convention_debut convention_fin budget_annuel financeurs"
    first += " recrutement_publication recrutement_date_limite recrutement_selection recrutement_contact"
    first += " recrutement_lien recrutement_note sources verifie_le lieu_id lieu_nom lieu_type lieu_commune"
    first += " lieu_adresse lieu_latitude lieu_longitude lieu_identifiant_unite acces horaires permanence_note"
    first += " lieu_commune_nom"
    assert COLUMNS[: len(first.split())] == first.split()


def test_a_field_added_to_the_model_gets_its_column_and_round_trips(tmp_path: Path) -> None:
    """The issue's example: one optional line in the model, and the spreadsheet follows."""
    from pydantic import Field

    from site_builder.model import Lieu, Permanence
    from site_builder.spreadsheet_layout import layout, parse_cell
    from site_builder.types import Booleen

    class LieuPlus(Lieu):
        accessibilite_pmr: Booleen | None = Field(None, description="Accessible en fauteuil roulant")

    class PermanencePlus(Permanence):
        lieu: LieuPlus  # type: ignore[assignment]

    assert _without_column(Poste, PermanencePlus) == []
    _, place, _ = layout(Poste, PermanencePlus)
    (column,) = [c for c in place if c.name == "lieu_accessibilite_pmr"]
    assert column.kind == "boolean" and column.help == "Accessible en fauteuil roulant : oui ou non"
    assert (
        parse_cell(column, "oui") == "oui"
        and LieuPlus.model_validate(
            {"nom": "Brigade", "type": "brigade", "commune": "25527", "accessibilite_pmr": "oui"}
        ).accessibilite_pmr
    )


def test_a_field_no_cell_can_hold_is_caught() -> None:
    """A list of sections inside a cell's line has no column: named, never dropped silently."""
    from pydantic import Field

    from site_builder.model import Contact, Horaire, Permanence

    class HorairePlus(Horaire):
        contacts: list[Contact] = Field(default_factory=list, description="Qui appeler ce jour-là")

    class PermanencePlus(Permanence):
        horaires: list[HorairePlus] | None = None  # type: ignore[assignment]

    assert _without_column(Poste, PermanencePlus) == ["lieu:horaires.contacts"]


def test_every_field_of_the_model_has_a_line_on_the_format_page() -> None:
    from site_builder.model import Permanence
    from site_builder.render.format_doc import field_rows

    lines = {row.path for row in field_rows()}
    paths = [".".join(p) for p in _fields(Poste)] + ["permanences[]." + ".".join(p) for p in _fields(Permanence)]
    assert [p for p in paths if p not in lines] == []


def test_the_donnees_page_lists_every_column_with_its_help() -> None:
    from site_builder.spreadsheet_layout import descriptions

    described = descriptions()
    assert [name for name, _ in described] == COLUMNS
    assert all(text for _, text in described)
    assert dict(described)["horaires"].endswith("jours | plages | frequence | a_partir_du | jusqu_au | note")
