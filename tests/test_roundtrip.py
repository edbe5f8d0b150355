"""Any valid post written to YAML and loaded again is equal to itself."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings

from site_builder.dump import dump_post
from site_builder.load import loads
from site_builder.model import Poste
from tests.strategies import postes


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(postes)
def test_yaml_round_trip(poste: Poste) -> None:
    text = dump_post(poste)
    document, problems = loads(text, "poste.yml")
    assert problems == []
    assert document is not None
    assert Poste.model_validate(document.data) == poste
