"""The quick exit stays on top of every map and never fires while someone types."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from playwright.sync_api import Page

from tests.browser.conftest import EXIT_URL, Traffic

pytestmark = pytest.mark.browser
MAP_PAGES = ["", "departements/25/", "lieux/brigade-demo-saint-vit/"]
PHONE = {"viewport": {"width": 360, "height": 740}, "is_mobile": True, "has_touch": True}
DESKTOP = {"viewport": {"width": 1280, "height": 800}}


def _scroll_map_under_the_header(page: Page) -> None:
    """Scroll so that the map's top edge is above the top of the screen, the map under the header
    (the map is fetched as it nears the screen: drawn once there)."""
    page.evaluate(
        "() => { document.body.style.paddingBottom = '200vh';"  # short pages too can scroll that far
        " const map = document.querySelector('.iscg-carte');"
        " window.scrollBy(0, map.getBoundingClientRect().top + 60); }"
    )
    page.locator(".iscg-carte .leaflet-marker-icon, .iscg-carte .leaflet-tile").first.wait_for(state="attached")
    top = page.evaluate("() => document.querySelector('.iscg-carte').getBoundingClientRect().top")
    assert top < 0, "the map is not under the header"
    bottom = page.evaluate("() => document.querySelector('.iscg-carte').getBoundingClientRect().bottom")
    assert bottom > 80, "the map has scrolled past the header"


def _element_under(page: Page, selector: str) -> bool:
    """Whether the element drawn at the centre and near the corners of ``selector`` is that element."""
    return bool(
        page.evaluate(
            """(selector) => { const target = document.querySelector(selector);
               const box = target.getBoundingClientRect();
               const points = [[0.5, 0.5], [0.1, 0.2], [0.9, 0.2], [0.1, 0.8], [0.9, 0.8]];
               return points.every(([x, y]) => {
                 const hit = document.elementFromPoint(box.left + box.width * x, box.top + box.height * y);
                 return hit !== null && target.contains(hit); }); }""",
            selector,
        )
    )


@pytest.mark.parametrize("device", [PHONE, DESKTOP], ids=["phone", "desktop"])
@pytest.mark.parametrize("address", MAP_PAGES)
def test_the_map_never_covers_the_exit(
    new_page: Callable[..., Page], base_url: str, traffic: Traffic, address: str, device: dict[str, object]
) -> None:
    page = new_page(**device)
    page.goto(base_url + address)
    _scroll_map_under_the_header(page)
    assert _element_under(page, ".iscg-sortie"), "something is drawn over the quick exit"
    assert _element_under(page, ".iscg-urgences a[href='tel:17']"), "something is drawn over the emergency bar"
    if device is PHONE:
        assert _element_under(page, "label.md-header__button[for='__drawer']"), "something is drawn over the menu"
    box = page.locator(".iscg-sortie").bounding_box()
    assert box is not None
    if device is PHONE:
        page.touchscreen.tap(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
    else:
        page.mouse.click(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
    page.wait_for_url(EXIT_URL)
    assert traffic.exits == [EXIT_URL]


def _type_with_shift(page: Page, text: str, *, shift_for: Callable[[str], bool]) -> None:
    """Type as a person does: Shift held down for the characters that need it."""
    for character in text:
        if shift_for(character):
            page.keyboard.down("Shift")
            page.keyboard.press(character)
            page.keyboard.up("Shift")
        else:
            page.keyboard.press(character)


@pytest.mark.parametrize(
    ("text", "shift_for"),
    [
        ("Saint-Jean-de-Luz", str.isupper),
        ("25000", str.isdigit),  # French AZERTY: digits need Shift
    ],
    ids=["capitals", "azerty-digits"],
)
def test_typing_in_the_finder_never_leaves(
    page: Page, base_url: str, traffic: Traffic, text: str, shift_for: Callable[[str], bool]
) -> None:
    page.goto(base_url)
    page.get_by_role("combobox", name="Commune ou code postal").click()
    _type_with_shift(page, text, shift_for=shift_for)
    page.wait_for_timeout(200)
    assert page.url == base_url
    assert traffic.exits == []
    assert page.get_by_role("combobox", name="Commune ou code postal").input_value() == text


def test_capitals_typed_outside_a_field_do_not_count(page: Page, base_url: str, traffic: Traffic) -> None:
    page.goto(base_url)
    _type_with_shift(page, "ABC", shift_for=str.isupper)
    page.wait_for_timeout(200)
    assert page.url == base_url and traffic.exits == []


def test_another_key_between_shifts_starts_again(page: Page, base_url: str, traffic: Traffic) -> None:
    page.goto(base_url)
    page.keyboard.press("Shift")
    page.keyboard.press("Shift")
    page.keyboard.press("a")
    page.keyboard.press("Shift")
    page.wait_for_timeout(200)
    assert page.url == base_url and traffic.exits == []
    page.keyboard.press("Shift")
    page.keyboard.press("Shift")
    page.wait_for_url(EXIT_URL)
