"""A post that lists the same place twice (Monday, then Tuesday, without ``lieu.id``): every
output shows both days, and the place counts once."""

from __future__ import annotations

import json
import re
from datetime import date
from pathlib import Path

import pytest
import recurring_ical_events
from icalendar import Calendar

from site_builder.catalogue import Catalogue
from site_builder.model import Poste
from site_builder.referentiels import Referentiels
from site_builder.render.pages import all_pages
from site_builder.stats import compute
from site_builder.validation import validate
from tests.conftest import FIXTURES, ROOT, TODAY, assert_golden

GOLDEN = ROOT / "tests" / "golden" / "deux-jours"
POST = "poste-deux-jours-39"
PLACE = "poste-deux-jours-39-brigade-de-demonstration-de-lons-le-saunier"


def _catalogue(referentiels: Referentiels) -> Catalogue:
    result = validate(FIXTURES / "site", TODAY, referentiels)
    assert not result.report.failed(), result.report.errors
    return Catalogue.build([e.poste for e in result.entries], referentiels, TODAY)


def test_one_presence_with_both_rules(referentiels: Referentiels) -> None:
    catalogue = _catalogue(referentiels)
    poste = catalogue.postes_by_id[POST]
    ((presence, place),) = catalogue.presences_of(poste)
    assert place.id == PLACE
    assert [rule.horaire.jours[0].value for rule in presence.rules] == ["lundi", "mardi"]
    assert {o.jour.weekday() for o in presence.occurrences} == {0, 1}
    assert compute(list(catalogue.postes), referentiels, TODAY)["lieux"] == len(catalogue.places)


def test_post_and_place_pages_show_both_days(referentiels: Referentiels) -> None:
    pages = {p.path: p for p in all_pages(_catalogue(referentiels))}
    for path in (f"postes/{POST}.md", f"lieux/{PLACE}.md"):
        text = pages[path].text
        assert "Le lundi, 9 h – 12 h" in text and "Le mardi, 14 h – 17 h" in text, path
        assert_golden(GOLDEN / path.replace("/", "__"), text)
    (jsonld,) = re.findall(
        r'<script type="application/ld\+json">\n(.*?)\n</script>', pages[f"postes/{POST}.md"].text, re.S
    )
    specifications = json.loads(jsonld)["availableChannel"][0]["serviceLocation"]["openingHoursSpecification"]
    assert [s["dayOfWeek"] for s in specifications] == [["https://schema.org/Monday"], ["https://schema.org/Tuesday"]]


def test_dates_and_calendars_hold_both_days(referentiels: Referentiels) -> None:
    pages = {p.path: p for p in all_pages(_catalogue(referentiels))}
    for path in (f"postes/{POST}.md", f"lieux/{PLACE}.md"):
        extra = pages[path].extra
        dates = json.loads(extra["permanences.json"]())["dates"]
        assert {date.fromisoformat(d[0]).weekday() for d in dates} == {0, 1}
        calendar = Calendar.from_ical(extra["calendrier.ics"]())
        events = recurring_ical_events.of(calendar).between((2026, 11, 23), (2026, 12, 6))
        starts = sorted(e["DTSTART"].dt.strftime("%a %H:%M") for e in events)
        assert starts == ["Mon 09:00", "Mon 09:00", "Tue 14:00", "Tue 14:00"], path


def test_stats_count_the_place_once(tmp_path: Path, referentiels: Referentiels) -> None:
    result = validate(FIXTURES / "site", TODAY, referentiels)
    only = [e.poste for e in result.entries if e.poste.id == POST]
    assert compute(only, referentiels, TODAY)["lieux"] == 1


def test_stats_say_how_complete_the_map_is(referentiels: Referentiels) -> None:
    from site_builder.settings import NATIONAL_COUNT
    from site_builder.stats import format_text

    catalogue = _catalogue(referentiels)
    figures = compute(list(catalogue.postes), referentiels, TODAY)
    assert figures["national"]["nombre"] == NATIONAL_COUNT.nombre == 450
    assert figures["national"]["part_sur_la_carte"] == round(len(catalogue.postes) / 450, 3)
    text = format_text(figures, referentiels)
    assert f"Sur la carte : {len(catalogue.postes)} postes sur 450 en France" in text
    assert "question écrite n° 14074" in text
    pages = {p.path: p.text for p in all_pages(catalogue)}
    for path in ("index.md", "statistiques/index.md"):
        assert (
            f"La carte recense <strong>{len(catalogue.postes)} postes</strong> sur environ 450 en France" in pages[path]
        )


def test_ids_ending_in_index_publish_at_their_own_address(referentiels: Referentiels) -> None:
    """``a-index`` and ``b-index`` once shared ``postes/`` (their calendars overwrote each other)."""

    def post(identifier: str) -> Poste:
        return Poste.model_validate(
            {
                "id": identifier, "intitule": identifier, "type": "isg", "statut": "en_poste", "departement": "25",
                "structure": {"nom": "Structure", "type": "association"}, "verifie_le": "2026-11-01",
                "permanences": [{"lieu": {"nom": f"Brigade {identifier}", "type": "brigade", "commune": "25056"}}],
            }
        )  # fmt: skip

    catalogue = Catalogue.build([post("a-index"), post("b-index")], referentiels, TODAY)
    folders = sorted(p.folder for p in all_pages(catalogue) if p.path.startswith("postes/"))
    assert folders == ["postes/a-index/", "postes/b-index/"]


def test_contribuer_links_to_the_issue_forms_and_the_repository(
    referentiels: Referentiels, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("ISCG_REPO_URL", "https://github.com/exemple/carte-iscg")
    pages = {p.path: p.text for p in all_pages(_catalogue(referentiels))}
    contribuer = pages["contribuer/index.md"]
    for form in ("nouveau-poste.yml", "correction.yml"):
        assert f"https://github.com/exemple/carte-iscg/issues/new?template={form}" in contribuer
    assert (
        "https://github.com/exemple/carte-iscg/issues/new?template=correction.yml&amp;title="
        in pages[f"postes/{POST}.md"]
    )


def test_a_post_whose_employer_no_source_names_validates_with_a_warning_and_says_so(
    referentiels: Referentiels,
) -> None:
    """A source may name the host unit and not the employer (issue 17): the post is published,
    its page says the employer is not published, and ``iscg validate`` asks for it (A306)."""
    post = Poste.model_validate(
        {
            "id": "sans-employeur-25", "intitule": "ISC de Besançon", "type": "isc", "statut": "en_poste",
            "departement": "25", "verifie_le": "2026-11-01",
            "permanences": [{"lieu": {"nom": "Commissariat de Besançon", "type": "commissariat", "commune": "25056"}}],
        }
    )  # fmt: skip
    pages = {p.path: p.text for p in all_pages(Catalogue.build([post], referentiels, TODAY))}
    assert (
        "<dt>Structure porteuse (employeur)</dt><dd>non publiée par les sources</dd>"
        in pages["postes/sans-employeur-25.md"]
    )
