"""Clicks in a real browser: the map, the quick exit, accessibility, valid HTML, escaping."""

from __future__ import annotations

import json
import re
import subprocess
from pathlib import Path

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Page, expect

from tests.browser.conftest import EXIT_URL, Traffic
from tests.conftest import ROOT

pytestmark = pytest.mark.browser
PAGES = ["", "departements/25/", "postes/poste-fixture-25/", "lieux/brigade-demo-saint-vit/"]
VNU = ROOT / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"


def test_home_map_shows_markers_and_outlines(page: Page, base_url: str, traffic: Traffic) -> None:
    page.goto(base_url)
    markers = page.locator("#carte .leaflet-marker-icon")
    expect(markers.first).to_be_visible()
    assert markers.count() >= 1
    expect(page.locator("#carte path.leaflet-interactive, #carte svg path").first).to_be_attached()
    assert traffic.refused == [] and traffic.errors == []


def test_a_click_on_the_map_leads_to_a_post_page(page: Page, base_url: str, traffic: Traffic) -> None:
    page.goto(base_url + "departements/25/")
    marker = page.locator('.leaflet-marker-icon[title="Brigade de gendarmerie de Morteau"]')
    expect(marker).to_be_visible()
    marker.click()
    link = page.locator(".leaflet-popup a", has_text="ISCG du Doubs – Besançon et Haut-Doubs")
    expect(link).to_be_visible()
    link.click()
    page.wait_for_url(re.compile(r"/postes/besancon-france-victimes-25/$"))
    expect(page.locator("h1")).to_have_text("ISCG du Doubs – Besançon et Haut-Doubs")
    assert traffic.refused == []


def test_the_map_works_without_tiles(page: Page, base_url: str, traffic: Traffic) -> None:
    page.context.unroute("**/*")
    page.context.route("**/*", lambda route: route.continue_() if "127.0.0.1" in route.request.url else route.abort())
    page.goto(base_url + "departements/59/")
    expect(page.locator(".leaflet-marker-icon").first).to_be_visible()
    expect(page.locator("h2", has_text="Lieux de permanence")).to_be_visible()


def test_quick_exit_button_blanks_at_once_and_back_does_not_return(page: Page, base_url: str, traffic: Traffic) -> None:
    page.goto(base_url + "postes/poste-fixture-25/")
    state = page.evaluate(
        "() => { document.querySelector('[data-sortie]').click();"
        " return [document.body.innerHTML, document.documentElement.className]; }"
    )
    assert state[0] == "" and "iscg-sortie-en-cours" in state[1]
    page.wait_for_url(EXIT_URL)
    page.go_back()
    assert not page.url.startswith(base_url)
    assert traffic.exits == [EXIT_URL]


def test_after_several_pages_back_still_does_not_return(page: Page, base_url: str, traffic: Traffic) -> None:
    """Links inside the site replace the page in the history: the site is one entry, which the exit replaces."""
    page.goto(base_url)
    page.locator("a[href$='departements/25/']").first.click()
    page.wait_for_url(base_url + "departements/25/")
    page.locator('.leaflet-marker-icon[title="Brigade de gendarmerie de Morteau"]').click()
    page.locator(".leaflet-popup a", has_text="ISCG du Doubs – Besançon et Haut-Doubs").click()
    page.wait_for_url(re.compile(r"/postes/besancon-france-victimes-25/$"))
    page.get_by_role("link", name="Sécurité").first.click()
    page.wait_for_url(base_url + "securite/")
    page.locator("[data-sortie]").first.click()
    page.wait_for_url(EXIT_URL)
    page.go_back()
    assert not page.url.startswith(base_url), page.url
    assert traffic.exits == [EXIT_URL]


def test_quick_exit_by_pressing_shift_three_times(page: Page, base_url: str, traffic: Traffic) -> None:
    page.goto(base_url + "lieux/brigade-demo-saint-vit/")
    for _ in range(3):
        page.keyboard.press("Shift")
    page.wait_for_url(EXIT_URL)
    page.go_back()
    assert not page.url.startswith(base_url)


def test_two_shift_presses_do_not_leave(page: Page, base_url: str) -> None:
    page.goto(base_url)
    page.keyboard.press("Shift")
    page.keyboard.press("Shift")
    page.wait_for_timeout(300)
    assert page.url == base_url


def test_quick_exit_is_first_in_keyboard_order(page: Page, base_url: str) -> None:
    page.goto(base_url + "departements/25/")
    page.keyboard.press("Tab")
    focused = page.evaluate("() => document.activeElement.textContent")
    assert "Quitter ce site" in focused


def test_no_request_leaves_localhost_but_tiles(page: Page, base_url: str, traffic: Traffic) -> None:
    for address in [*PAGES, "statistiques/", "recrutements/", "securite/", "postes/poste-piege-59/"]:
        page.goto(base_url + address)
        page.wait_for_load_state("networkidle")
    assert traffic.refused == []
    assert traffic.tiles, "the maps asked for tiles, which the test answered"


def test_emergency_numbers_are_in_sight(page: Page, base_url: str) -> None:
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(base_url + "postes/poste-fixture-25/")
    bar = page.get_by_role("navigation", name=re.compile("Numéros d'urgence"))
    expect(bar).to_be_in_viewport()
    for number in ("tel:17", "tel:112", "sms:114", "tel:3919", "tel:119", "tel:116006"):
        expect(bar.locator(f'a[href="{number}"]')).to_be_visible()
    page.mouse.wheel(0, 3000)
    expect(bar).to_be_in_viewport()


# axe's rules, with one Lighthouse runs that axe leaves off by default (an experimental rule).
AXE_OPTIONS = {"resultTypes": ["violations"], "rules": {"label-content-name-mismatch": {"enabled": True}}}


@pytest.mark.parametrize("address", PAGES)
def test_no_serious_accessibility_violation(page: Page, base_url: str, address: str) -> None:
    page.goto(base_url + address)
    page.wait_for_load_state("networkidle")
    results = Axe().run(page, options=AXE_OPTIONS)
    serious = [v for v in results.response["violations"] if v["impact"] in {"serious", "critical"}]
    assert serious == [], json.dumps(serious, ensure_ascii=False, indent=1)[:3000]


def vnu_errors(files: list[Path]) -> list[dict[str, object]]:
    """What the Nu HTML Checker finds wrong in these files, in one run of it."""
    result = subprocess.run(
        ["java", "-jar", str(VNU), "--errors-only", "--format", "json", *map(str, files)],
        capture_output=True, text=True, check=False,
    )  # fmt: skip
    messages: list[dict[str, object]] = json.loads(result.stderr or "{}").get("messages", [])
    return messages


def test_pages_are_valid_html(built_site: Path) -> None:
    standalone = ["lieux/brigade-demo-saint-vit/affiche.html", "departements/25/carte/", "donnees/"]
    files = [built_site / (a if a.endswith(".html") else a + "index.html") for a in [*PAGES, *standalone]]
    messages = vnu_errors(files)
    assert messages == [], messages


def test_text_with_markup_shows_as_text(page: Page, base_url: str, traffic: Traffic) -> None:
    page.goto(base_url + "postes/poste-piege-59/")
    expect(page.locator("h1")).to_have_text('ISCG <script>alert("intitule")</script> & « guillemets » \' "doubles"')
    assert page.title().startswith('ISCG <script>alert("intitule")</script>')
    expect(page.get_by_text('<img src=x onerror=alert("lieu")> Brigade "piège" d\'Orchies')).to_be_visible()
    page.goto(base_url + "departements/59/")
    page.locator(".leaflet-marker-icon").first.wait_for()
    page.evaluate("() => document.querySelectorAll('.leaflet-marker-icon').forEach(m => m.click())")
    page.wait_for_timeout(300)
    assert traffic.dialogs == [] and traffic.errors == []


def test_pages_print_without_map_chrome(page: Page, base_url: str) -> None:
    page.goto(base_url + "lieux/brigade-demo-saint-vit/")
    page.emulate_media(media="print")
    for hidden in ("#carte", ".iscg-sortie", ".iscg-urgences", ".md-header", ".md-sidebar--primary"):
        expect(page.locator(hidden).first).to_be_hidden()
    expect(page.locator("table.iscg-horaires").first).to_be_visible()
    rule = page.evaluate("() => getComputedStyle(document.querySelector('table.iscg-horaires')).breakInside")
    assert rule == "avoid"
    pdf = page.pdf(format="A4")
    assert pdf.startswith(b"%PDF")
