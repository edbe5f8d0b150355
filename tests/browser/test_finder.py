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
    page.goto(base_url + "lieux/brigade-saint-vit/")
    expect(page.locator(".iscg-prochaine").first).to_have_text("Horaires à confirmer : renseignez-vous à l'accueil.")
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
    expect(results.locator("h3").first).to_have_text("Les intervenants sociaux qui couvrent Besançon")
    expect(results.locator("ul").first).to_contain_text("ISCG de démonstration du Doubs")
    places = results.locator(".iscg-resultats > li")
    expect(places).to_have_count(5)
    expect(places.first).to_contain_text("Besançon, à 0 km")
    expect(page.locator("#recherche-statut")).to_contain_text("1 poste couvre Besançon")
    demo = places.filter(has_text="Commissariat de démonstration de Besançon")
    expect(demo.locator(".iscg-prochaine")).to_have_text(
        "Prochaine permanence : mercredi 25 novembre, 9 h – 12 h et 13 h 30 – 17 h."
    )
    expect(demo.get_by_role("link", name="03 81 00 00 01")).to_have_attribute("href", "tel:+33381000001")
    assert traffic.refused == [] and traffic.errors == []


def test_around_me_near_douai(new_page: Callable[..., Page], base_url: str, traffic: Traffic) -> None:
    page = new_page(geolocation={"latitude": 50.3703, "longitude": 3.0799}, permissions=["geolocation"])
    page.goto(base_url)
    page.get_by_role("button", name="Autour de moi").click()
    places = page.locator(".iscg-resultats > li")
    expect(places.first).to_be_visible()
    expect(page.locator("#recherche-statut")).to_contain_text("votre position (Douai)")
    distances = [int(d) for d in re.findall(r"à (\d+) km", places.all_text_contents().__str__())]
    assert distances == sorted(distances) and distances[0] < 25
    orchies = places.filter(has_text="Brigade territoriale de gendarmerie d'Orchies")
    expect(orchies).to_contain_text("Recrutement en cours : personne n'assure encore de permanence ici.")
    expect(orchies.locator(".iscg-prochaine")).not_to_contain_text("Présent")
    assert traffic.refused == []


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
    page.keyboard.press("Tab")
    assert page.evaluate("() => document.activeElement.textContent") == "Autour de moi"
