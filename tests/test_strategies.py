"""The strategies follow the model: every field has one, a field of a new kind fails here."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pydantic import BaseModel, create_model

from site_builder import model as m
from site_builder.annotations import models_in
from site_builder.types import Booleen, Ligne, Paragraphe
from tests import strategies as s


def _models(model: type[BaseModel] = m.Poste) -> set[type[BaseModel]]:
    found = {model}
    for field in model.model_fields.values():
        for inner in models_in(field.annotation):
            found |= _models(inner)
    return found


MODELS = sorted(_models(), key=lambda model: model.__name__)
FIELDS = [(model, name) for model in MODELS for name in model.model_fields]


@pytest.mark.parametrize("model,name", FIELDS, ids=[f"{model.__name__}.{name}" for model, name in FIELDS])
def test_every_field_of_the_model_has_a_strategy(model: type[BaseModel], name: str) -> None:
    s.for_field(model, name)  # raises MissingStrategy when the type has none


def test_a_field_of_a_new_kind_has_no_strategy() -> None:
    nouveau = create_model("Nouveau", __base__=m.Modele, texte_libre=(str | None, None))
    with pytest.raises(s.MissingStrategy, match=r"Nouveau\.texte_libre"):
        s.for_model(nouveau)


@settings(max_examples=20, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.data())
def test_a_new_optional_field_of_a_known_type_gets_its_strategy(data: st.DataObject) -> None:
    lieu = create_model(
        "LieuAccessible", __base__=m.Lieu, accessibilite_pmr=(Booleen | None, None), accueil=(Ligne | None, None)
    )
    drawn = data.draw(s.for_model(lieu))
    assert drawn.accessibilite_pmr in (None, True, False)
    assert drawn.accueil is None or "\n" not in drawn.accueil


def test_texts_draw_from_the_whole_accepted_alphabet() -> None:
    from pydantic import TypeAdapter

    line, paragraph = TypeAdapter(Ligne), TypeAdapter(Paragraphe)
    wanted = ["{{", "{%", "|", "---", "#", "*", "\\", '"', "'", "</script>", "שלום", "مركز", "👩", "é"]
    assert all(any(w in fragment for fragment in s.TRICKY) for w in wanted)
    for fragment in s.TRICKY:  # each is accepted by the model, so the generated posts stay valid
        assert line.validate_python(f"a{fragment}b") == f"a{fragment}b"
        assert paragraph.validate_python(f"a{fragment}\nb") == f"a{fragment}\nb"
