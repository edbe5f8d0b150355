"""Find help near me: today and next permanence at a fixed time, the finder, "autour de moi"."""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import UTC, datetime

import pytest
from playwright.sync_api import Page, expect

from tests.browser.conftest import Traffic

pytestmark = pytest.mark.browser


@pytest.mark.parametrize(
    ("instant", "expected"),
    [
        (datetime(2026, 11, 24, 8, 0, tzinfo=UTC), "Présent aujourd'hui, 14 h – 17 h."),
        (datetime(2026, 11, 24, 14, 0, tzinfo=UTC), "Présent aujourd'hui, 14 h – 17 h (en ce moment)."),
        (datetime(2026, 11, 24, 17, 30, tzinfo=UTC), "Prochaine permanence : mardi 8 décembre, 14 h – 17 h."),
        (datetime(2026, 12, 21, 9, 0, tzinfo=UTC), "Prochaine permanence : mardi 5 janvier, 14 h – 17 h."),
    ],
)
def test_saint_vit_brigade_at_a_fixed_time(page: Page, base_url: str, instant: datetime, expected: str) -> None:
    page.clock.set_fixed_time(instant)
    page.goto(base_url + "lieux/brigade-demo-saint-vit/")
    expect(page.locator(".iscg-prochaine").first).to_have_text(expected)


def test_unpublished_hours_say_so(page: Page, base_url: str) -> None:
    page.clock.set_fixed_time(datetime(2026, 11, 24, 14, 0, tzinfo=UTC))
    page.goto(base_url + "lieux/brigade-demo-dole/")
    expect(page.locator(".iscg-prochaine").first).to_have_text("Horaires à confirmer : renseignez-vous à l'accueil.")
    page.goto(base_url + "lieux/brigade-saint-vit/")  # the Besançon post's agreement ended on 31 December 2025
    expect(page.locator(".iscg-prochaine").first).to_have_text(
        "La convention qui finance ce poste prenait fin le 31 décembre 2025 : "
        "renseignez-vous à l'accueil pour savoir s'il continue."
    )
    page.goto(base_url + "lieux/brigade-orchies/")
    expect(page.locator(".iscg-prochaine").first).to_have_text(
        "Recrutement en cours : personne n'assure encore de permanence ici."
    )


def test_without_javascript_the_rules_and_dates_are_there(new_page: Callable[..., Page], base_url: str) -> None:
    page = new_page(java_script_enabled=False)
    page.goto(base_url + "lieux/brigade-demo-saint-vit/")
    expect(page.locator(".iscg-prochaine").first).to_contain_text("Prochaine permanence connue au 23 novembre 2026")
    expect(page.get_by_text("Le mardi, 14 h – 17 h, une semaine sur deux à partir du 24 novembre 2026")).to_be_visible()


def _suggestions(page: Page, text: str) -> list[str]:
    field = page.get_by_role("combobox", name="Commune ou code postal")
    field.fill("")
    field.type(text)
    page.locator("#recherche-suggestions li").first.wait_for()
    return page.locator("#recherche-suggestions li").all_text_contents()


def test_finder_accepts_names_postcodes_and_abbreviations(page: Page, base_url: str) -> None:
    page.goto(base_url)
    assert _suggestions(page, "25000")[0] == "Besançon (25000) — Doubs"
    assert _suggestions(page, "Besançon")[0] == "Besançon (25000) — Doubs"
    assert _suggestions(page, "besancon")[0] == "Besançon (25000) — Doubs"
    assert _suggestions(page, "st vit")[0] == "Saint-Vit (25410) — Doubs"
    assert _suggestions(page, "ecole valentin")[0] == "École-Valentin (25480) — Doubs"


def test_finder_lists_covering_posts_then_nearest_places(page: Page, base_url: str, traffic: Traffic) -> None:
    page.clock.set_fixed_time(datetime(2026, 11, 24, 8, 0, tzinfo=UTC))
    page.goto(base_url)
    _suggestions(page, "Besançon")
    page.keyboard.press("Enter")
    results = page.locator("#recherche-resultats")
    expect(results.locator("h2")).to_have_text("Résultats pour Besançon")
    expect(results.locator("h3").first).to_have_text("Qui intervient pour Besançon")
    expect(results.locator("ul").first).to_contain_text("ISCG de démonstration du Doubs")
    places = results.locator("section").nth(1).locator(".iscg-resultats > li")
    expect(places.first).to_contain_text("Besançon, à 0 km")
    distances = [int(d) for d in re.findall(r"à (\d+) km", str(places.all_text_contents()))]
    assert distances == sorted(distances) and max(distances) <= 80
    expect(page.locator("#recherche-statut")).to_contain_text("à moins de 80 km de Besançon")
    demo = places.filter(has_text="Commissariat de démonstration de Besançon")
    expect(demo.locator(".iscg-prochaine")).to_have_text(
        "Prochaine permanence : mercredi 25 novembre, 9 h – 12 h et 13 h 30 – 17 h."
    )
    expect(demo.get_by_role("link", name="03 81 00 00 01")).to_have_attribute("href", "tel:+33381000001")
    expect(results.get_by_role("heading", name="Et sinon, près de chez vous")).to_be_visible()
    assert traffic.refused == [] and traffic.errors == []


def test_a_commune_nobody_declares_says_so_and_what_to_do(page: Page, base_url: str) -> None:
    page.goto(base_url)
    _suggestions(page, "59310")
    page.keyboard.press("Enter")
    results = page.locator("#recherche-resultats")
    expect(results.locator("h2")).to_have_text("Résultats pour Orchies")
    text = results.inner_text()
    assert "couvre" not in text
    assert "Nous ne savons pas encore quel intervenant social intervient pour Orchies" in text
    recruiting = results.locator("section", has_text="Postes pas encore pourvus")
    expect(recruiting).to_contain_text("Brigade territoriale de gendarmerie d'Orchies")
    expect(recruiting).to_contain_text("Recrutement en cours : personne n'y reçoit encore.")
    receiving = results.locator("section", has_text="Où un intervenant social reçoit")
    expect(receiving).not_to_contain_text("Brigade territoriale de gendarmerie")
    for advice in ("brigade de gendarmerie ou le commissariat", "17", "3919", "116 006"):
        expect(results.locator(".iscg-sinon")).to_contain_text(advice)


def test_a_postcode_offers_every_commune_most_populated_first(page: Page, base_url: str) -> None:
    page.goto(base_url)
    offered = _suggestions(page, "59310")
    assert offered[0] == "Orchies (59310) — Nord"
    assert len(offered) == 10  # every commune of 59310, not the first eight
    assert "Aix-en-Pévèle (59310) — Nord" in offered


@pytest.mark.parametrize(
    "device",
    [{"viewport": {"width": 360, "height": 740}, "is_mobile": True, "has_touch": True}, {}],
    ids=["phone", "desktop"],
)
def test_the_answer_comes_into_view_with_the_focus(
    new_page: Callable[..., Page], base_url: str, device: dict[str, object]
) -> None:
    page = new_page(**device)
    page.goto(base_url)
    _suggestions(page, "Orchies")
    page.locator("#recherche-suggestions li").first.click()
    heading = page.locator("#recherche-resultats h2")
    expect(heading).to_be_focused()
    expect(heading).to_be_in_viewport()
    box = heading.bounding_box()
    header = page.locator(".md-header").bounding_box()
    assert box is not None and header is not None and box["y"] >= header["y"] + header["height"], "under the header"


def test_a_search_asks_no_tile_of_the_searched_area_until_asked(page: Page, base_url: str, traffic: Traffic) -> None:
    page.goto(base_url)
    page.wait_for_load_state("networkidle")
    before = list(traffic.tiles)
    _suggestions(page, "Saint-Vit")
    page.keyboard.press("Enter")
    expect(page.locator("#recherche-resultats h2")).to_be_focused()
    page.wait_for_load_state("networkidle")
    assert traffic.tiles == before, "the map moved to the searched area by itself"
    page.get_by_role("button", name="Voir ce secteur sur la carte").click()
    page.wait_for_load_state("networkidle")
    assert len(traffic.tiles) > len(before)


def test_the_finder_brings_the_map_it_had_not_fetched(new_page: Callable[..., Page], base_url: str) -> None:
    page = new_page(viewport={"width": 360, "height": 740}, is_mobile=True, has_touch=True)
    page.goto(base_url)
    _suggestions(page, "Saint-Vit")
    page.keyboard.press("Enter")
    expect(page.locator("#carte .leaflet-container, #carte.leaflet-container")).to_have_count(0)
    page.get_by_role("button", name="Voir ce secteur sur la carte").tap()
    expect(page.locator("#carte")).to_be_in_viewport()
    page.wait_for_function("() => window.ISCGCartes && window.ISCGCartes[0].getZoom() === 10")
    centre = page.evaluate("() => window.ISCGCartes[0].getCenter()")
    assert abs(centre["lat"] - 47.18) < 0.1 and abs(centre["lng"] - 5.82) < 0.1, centre


def test_around_me_near_douai(new_page: Callable[..., Page], base_url: str, traffic: Traffic) -> None:
    page = new_page(geolocation={"latitude": 50.3703, "longitude": 3.0799}, permissions=["geolocation"])
    page.goto(base_url)
    page.get_by_role("button", name="Autour de moi").click()
    heading = page.locator("#recherche-resultats h2")
    expect(heading).to_have_text("Résultats pour votre position (près de Douai)")
    expect(heading).to_be_focused()
    places = page.locator(".iscg-resultats > li")
    expect(places.first).to_be_visible()
    distances = [int(d) for d in re.findall(r"à (\d+) km", str(places.all_text_contents()))]
    assert distances[0] < 25 and max(distances) <= 80
    orchies = places.filter(has_text="Brigade territoriale de gendarmerie d'Orchies")
    expect(orchies).to_contain_text("Recrutement en cours : personne n'y reçoit encore.")
    expect(orchies.locator(".iscg-prochaine")).not_to_contain_text("Présent")
    assert traffic.refused == []


def test_a_refused_position_is_said_where_the_eyes_are(new_page: Callable[..., Page], base_url: str) -> None:
    page = new_page(viewport={"width": 360, "height": 740}, is_mobile=True, has_touch=True)
    page.goto(base_url)
    page.get_by_role("button", name="Autour de moi").click()  # no permission granted: refused
    heading = page.locator("#recherche-resultats h2")
    expect(heading).to_have_text("Votre position n'est pas disponible")
    expect(heading).to_be_focused()
    expect(heading).to_be_in_viewport()
    expect(page.locator(".iscg-sinon")).to_contain_text("3919")


def test_finder_with_the_keyboard_alone_and_no_tiles(new_page: Callable[..., Page], base_url: str) -> None:
    page = new_page()
    page.context.unroute("**/*")
    page.context.route("**/*", lambda route: route.continue_() if "127.0.0.1" in route.request.url else route.abort())
    page.goto(base_url)
    for _ in range(20):
        page.keyboard.press("Tab")
        if page.evaluate("() => document.activeElement.id") == "recherche-commune":
            break
    assert page.evaluate("() => document.activeElement.id") == "recherche-commune"
    page.keyboard.type("st vit")
    page.locator("#recherche-suggestions li").first.wait_for()
    page.keyboard.press("ArrowDown")
    expect(page.get_by_role("combobox")).to_have_attribute("aria-activedescendant", "recherche-option-0")
    page.keyboard.press("Enter")
    expect(page.locator("#recherche-statut")).to_contain_text("Saint-Vit")
    expect(page.locator(".iscg-resultats > li").first).to_contain_text("Saint-Vit")
    expect(page.locator("#recherche-resultats h2")).to_be_focused()
    page.keyboard.press("Tab")
    assert page.evaluate("() => document.activeElement.closest('#recherche-resultats') !== null")


@pytest.mark.parametrize(
    ("instant", "old"), [(datetime(2027, 10, 1, 9, tzinfo=UTC), False), (datetime(2027, 12, 2, 9, tzinfo=UTC), True)]
)
def test_old_information_is_said_with_its_year(page: Page, base_url: str, instant: datetime, old: bool) -> None:
    """The demo place was checked on 1 November 2026: 11 months later no notice, 13 months later one."""
    notice = "Information de 2026 : elle a pu changer."
    page.clock.set_fixed_time(instant)
    page.goto(base_url + "lieux/brigade-demo-saint-vit/")
    on_page = page.locator(".iscg-ancien")
    if old:
        expect(on_page).to_be_visible()
        expect(on_page).to_contain_text(notice)
    else:
        expect(on_page).to_be_hidden()
    page.goto(base_url)
    _suggestions(page, "Saint-Vit")
    page.keyboard.press("Enter")
    place = page.locator(".iscg-resultats > li", has_text="Brigade de démonstration de Saint-Vit")
    expect(place).to_be_visible()
    expect(place.locator(".iscg-ancien")).to_have_count(1 if old else 0)
    page.goto(base_url + "lieux/brigade-demo-saint-vit/")  # its map opens the place's popup
    popup = page.locator(".leaflet-popup")
    expect(popup).to_contain_text("Brigade de démonstration de Saint-Vit")
    expect(popup.locator(".iscg-ancien")).to_have_count(1 if old else 0)


def test_a_place_without_hours_offers_no_calendar(page: Page, base_url: str) -> None:
    page.goto(base_url + "lieux/brigade-saint-vit/")
    expect(page.locator(".iscg-prochaine").first).to_be_visible()
    expect(page.get_by_role("link", name="Ajouter ces permanences à mon agenda")).to_have_count(0)
    page.goto(base_url + "lieux/brigade-demo-saint-vit/")
    expect(page.get_by_role("link", name="Ajouter ces permanences à mon agenda")).to_be_visible()
    expect(page.get_by_role("link", name="s'y abonner")).to_have_attribute(
        "href", "webcal://exemple.org/carte-iscg/lieux/brigade-demo-saint-vit/calendrier.ics"
    )


def test_partners_and_gendarmes_find_how_to_reach_the_post(page: Page, base_url: str) -> None:
    page.goto(base_url + "postes/poste-sans-horaires-39/")
    pros = page.locator(".iscg-pros")
    expect(pros.get_by_role("heading", name="Pour les professionnels")).to_be_visible()
    expect(pros.get_by_role("link", name="03 84 00 00 00")).to_have_attribute("href", "tel:+33384000000")
    expect(pros.get_by_role("link", name="accueil@exemple.org")).to_be_visible()
    page.goto(base_url + "lieux/brigade-demo-dole/")
    expect(page.locator(".iscg-pros")).to_contain_text("Gendarmes de cette brigade")
    expect(page.locator(".iscg-pros")).to_contain_text("appelez sa structure, Association de démonstration de Dole")
