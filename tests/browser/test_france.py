"""All of France on the map: the overseas insets, the map of départements that needs no
script, markers one can tap, and La Réunion answered from La Réunion."""

from __future__ import annotations

import re
from collections.abc import Callable

import pytest
from playwright.sync_api import Page, expect

pytestmark = pytest.mark.browser
PHONE = {"viewport": {"width": 360, "height": 740}, "is_mobile": True, "has_touch": True}
DESKTOP = {"viewport": {"width": 1280, "height": 800}}
INSETS = {"971": "Guadeloupe", "972": "Martinique", "973": "Guyane", "974": "La Réunion", "976": "Mayotte"}


def _no_tiles(page: Page) -> None:
    page.context.unroute("**/*")
    page.context.route("**/*", lambda route: route.continue_() if "127.0.0.1" in route.request.url else route.abort())


@pytest.mark.parametrize("device", [PHONE, DESKTOP], ids=["phone", "desktop"])
def test_the_five_insets_show_beside_the_national_map(
    new_page: Callable[..., Page], base_url: str, device: dict[str, object]
) -> None:
    page = new_page(**device)
    _no_tiles(page)
    page.goto(base_url)
    page.locator("#carte").scroll_into_view_if_needed()
    for code, name in INSETS.items():
        item = page.locator(".iscg-encarts li", has=page.locator(f'a[href$="departements/{code}/"]'))
        expect(item.get_by_role("link", name=name)).to_be_in_viewport()
        expect(item.locator("[data-encart] path.leaflet-interactive, [data-encart] svg path").first).to_be_attached()
        box = item.locator("[data-encart]").bounding_box()
        assert box is not None and box["width"] >= 50 and box["height"] >= 70, (code, box)
    reunion = page.locator(".iscg-encarts li", has=page.locator('a[href$="departements/974/"]'))
    expect(reunion.locator(".leaflet-marker-icon")).to_have_count(1)
    reunion.get_by_role("link", name="La Réunion").click()
    page.wait_for_url(re.compile(r"/departements/974/$"))


def test_an_inset_marker_opens_its_place(page: Page, base_url: str) -> None:
    page.goto(base_url)
    marker = page.locator('[data-encart] .leaflet-marker-icon[title="Commissariat de démonstration de Saint-Denis"]')
    marker.click()
    expect(page.locator(".leaflet-popup")).to_contain_text("Saint-Denis")


def test_the_map_of_departements_works_without_javascript(new_page: Callable[..., Page], base_url: str) -> None:
    page = new_page(java_script_enabled=False, **PHONE)
    page.goto(base_url)
    svg = page.locator("svg.iscg-france")
    expect(svg).to_be_visible()
    assert svg.locator("a").count() == 101
    doubs = svg.locator('a[href="departements/25/"]')
    expect(doubs.locator("title")).to_have_text("Doubs (25) : 3 postes recensés")
    assert doubs.locator("path").get_attribute("class") == "iscg-france__avec"
    assert svg.locator('a[href="departements/23/"] path').get_attribute("class") == "iscg-france__sans"
    doubs.locator("path").click()
    page.wait_for_url(base_url + "departements/25/")
    page.goto(base_url + "departements/")
    expect(page.locator("svg.iscg-france")).to_be_visible()


def test_a_departement_in_the_svg_map_is_a_keyboard_link(page: Page, base_url: str) -> None:
    page.goto(base_url)
    link = page.locator('svg.iscg-france a[href="departements/974/"]')
    link.focus()
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"/departements/974/$"))


@pytest.mark.parametrize("address", ["departements/25/", "lieux/brigade-demo-saint-vit/"])
def test_markers_and_controls_are_large_enough_to_tap(
    new_page: Callable[..., Page], base_url: str, address: str
) -> None:
    page = new_page(**PHONE)
    _no_tiles(page)
    page.goto(base_url + address)
    page.locator("#carte .leaflet-marker-icon").first.wait_for(state="attached")
    targets = page.locator(
        "#carte .leaflet-marker-icon, #carte .leaflet-control-zoom a, #carte .leaflet-control-layers-toggle"
    )
    for index in range(targets.count()):
        box = targets.nth(index).bounding_box()
        if box is None or not targets.nth(index).is_visible():
            continue
        assert box["width"] >= 44 and box["height"] >= 44, (index, box)


def test_markers_have_names_for_the_keyboard(page: Page, base_url: str) -> None:
    page.goto(base_url + "departements/48/")
    marker = page.locator("#carte .leaflet-marker-icon").first
    marker.wait_for()
    assert marker.get_attribute("tabindex") == "0" and marker.get_attribute("role") == "button"
    expect(marker).to_have_accessible_name(re.compile(r"\S"))  # a place's title, or a cluster's count


def test_la_reunion_page_fits_the_island(page: Page, base_url: str) -> None:
    page.goto(base_url + "departements/974/")
    page.locator("#carte .leaflet-marker-icon").first.wait_for(state="attached")
    south, west, north, east = page.evaluate(
        "() => { const b = window.ISCGCartes[0].getBounds();"
        " return [b.getSouth(), b.getWest(), b.getNorth(), b.getEast()]; }"
    )
    assert -22.0 < south < -21.3 and -20.9 < north < -20.2 and 54.9 < west < 55.3 and 55.8 < east < 56.3


def test_the_finder_in_la_reunion_never_crosses_the_ocean(page: Page, base_url: str) -> None:
    page.goto(base_url)
    field = page.get_by_role("combobox", name="Commune ou code postal")
    field.type("97460")
    page.locator("#recherche-suggestions li").first.wait_for()
    page.keyboard.press("Enter")
    results = page.locator("#recherche-resultats")
    expect(results.locator("h2")).to_have_text("Résultats pour Saint-Paul")
    places = results.locator(".iscg-resultats > li")
    expect(places).to_have_count(1)
    expect(places.first).to_contain_text("Commissariat de démonstration de Saint-Denis")


MAP_FILES = ("leaflet.js", "leaflet.css", "carte-site.js", "lieux.geojson", "departements.geojson")


def test_the_home_map_is_fetched_only_as_it_nears_the_screen(new_page: Callable[..., Page], base_url: str) -> None:
    page = new_page(**PHONE)
    asked: list[str] = []
    page.on("request", lambda request: asked.append(request.url))
    page.goto(base_url)
    page.wait_for_load_state("networkidle")
    assert [url for url in asked if url.endswith(MAP_FILES)] == [], "the map's weight came with the first screen"
    page.get_by_role("combobox", name="Commune ou code postal").fill("x")  # the page works meanwhile
    page.locator("#carte").scroll_into_view_if_needed()
    expect(page.locator("#carte .leaflet-marker-icon").first).to_be_attached()
    page.wait_for_load_state("networkidle")
    assert sorted({url.rpartition("/")[2] for url in asked if url.endswith(MAP_FILES)}) == sorted(MAP_FILES)
    # Each file once, the shared helpers the page already had not fetched again.
    scripts = [url for url in asked if url.endswith(".js")]
    assert len(scripts) == len(set(scripts)), scripts


def test_a_departements_map_is_drawn_without_scrolling(page: Page, base_url: str) -> None:
    page.set_viewport_size({"width": 360, "height": 740})
    page.goto(base_url + "departements/25/")
    expect(page.locator("#carte .leaflet-marker-icon").first).to_be_attached()
