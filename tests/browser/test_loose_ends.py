"""What a hurried visitor meets at the edges: a missing page, no JavaScript, large text, dark
mode, and the keyboard's focus, never hidden under the fixed header or emergency bar."""

from __future__ import annotations

from collections.abc import Callable
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import Page, expect

from tests.conftest import SITE_URL

pytestmark = pytest.mark.browser
PHONE = {"viewport": {"width": 360, "height": 740}, "is_mobile": True, "has_touch": True}


def test_the_404_page_is_french_with_the_finder_and_the_way_home(page: Page, base_url: str) -> None:
    # Its links are absolute from the public address's path, as a 404 page must be (it answers
    # for any address): served here at the root, that path is mapped back onto the test server.
    prefix = urlsplit(SITE_URL).path
    page.route(
        f"**{prefix}**",
        lambda route: route.fulfill(response=page.request.fetch(route.request.url.replace(prefix, "/", 1))),
    )
    page.goto(base_url + "404.html")
    expect(page.locator("h1")).to_have_text("Cette page n'existe pas")
    expect(page.locator("html")).to_have_attribute("lang", "fr")
    expect(page.get_by_role("link", name="Revenir à l'accueil")).to_be_visible()
    expect(page.locator("[data-sortie]")).to_be_visible()
    expect(page.locator(".iscg-urgences a[href='tel:17']")).to_be_visible()
    field = page.get_by_role("combobox", name="Commune ou code postal")
    field.type("Besançon")
    expect(page.locator("#recherche-suggestions li").first).to_have_text("Besançon (25000) — Doubs")


def test_without_javascript_the_finder_hides_and_offers_the_list(new_page: Callable[..., Page], base_url: str) -> None:
    page = new_page(java_script_enabled=False)
    page.goto(base_url)
    expect(page.locator("form[data-recherche]")).to_be_hidden()
    link = page.get_by_role("link", name="choisissez votre département dans la liste")
    expect(link).to_be_visible()
    link.click()
    page.wait_for_url(base_url + "departements/")


@pytest.mark.parametrize(
    "address", ["", "departements/25/", "postes/poste-fixture-25/", "lieux/brigade-demo-saint-vit/"]
)
def test_text_at_200_percent_does_not_overflow_a_phone(
    new_page: Callable[..., Page], base_url: str, address: str
) -> None:
    page = new_page(**PHONE)
    page.goto(base_url + address)
    page.add_style_tag(content="html { font-size: 250% !important; }")  # the theme's 125 %, doubled
    assert page.evaluate("() => document.documentElement.scrollWidth") <= 360
    box = page.locator(".iscg-sortie").bounding_box()
    assert box is not None and box["x"] >= 0 and box["x"] + box["width"] <= 360


def test_dark_mode_is_honoured(new_page: Callable[..., Page], base_url: str) -> None:
    page = new_page(color_scheme="dark")
    page.goto(base_url)
    background = page.evaluate("() => getComputedStyle(document.body).backgroundColor")
    red, green, blue = (int(x) for x in background.removeprefix("rgb(").removesuffix(")").split(",")[:3])
    assert red + green + blue < 150, background


def test_reduced_motion_turns_map_animations_off(new_page: Callable[..., Page], base_url: str) -> None:
    page = new_page(reduced_motion="reduce")
    page.goto(base_url + "departements/25/")
    page.locator(".leaflet-marker-icon").first.wait_for()
    assert page.evaluate("() => window.ISCGCartes[0].options.zoomAnimation") is False


@pytest.mark.parametrize("device", [PHONE, {}], ids=["phone", "desktop"])
def test_focus_never_lands_under_the_fixed_bars(
    new_page: Callable[..., Page], base_url: str, device: dict[str, object]
) -> None:
    page = new_page(**device)
    page.goto(base_url + "departements/25/")
    page.locator(".leaflet-marker-icon").first.wait_for()
    hidden = []
    for _ in range(60):
        page.keyboard.press("Tab")
        state = page.evaluate(
            """() => { const e = document.activeElement;
               if (!e || e === document.body || e.closest('.iscg-urgences, .md-header, .iscg-sortie')) return null;
               const r = e.getBoundingClientRect();
               if (!r.width || !r.height) return null;
               const top = document.querySelector('.md-header').getBoundingClientRect().bottom;
               const bottom = document.querySelector('.iscg-urgences').getBoundingClientRect().top;
               if (r.top >= top - 1 && r.bottom <= bottom + 1) return null;
               return e.outerHTML.slice(0, 80) + " " + JSON.stringify(r); }"""
        )
        if state:
            hidden.append(state)
    assert hidden == []
