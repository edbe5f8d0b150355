"""The site in every language, tried as a visitor would: each language's home, place and post
pages pass the checks the French ones pass (axe, the Nu HTML Checker, the quick exit by button
and by Shift × 3, the finder, the "present now" line at a fixed clock), Arabic reads right to
left, the menu leads to the same page in another language, nothing is stored on the device."""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Page, expect

from site_builder import i18n
from site_builder.render import reglages, textes_theme
from tests.browser.conftest import EXIT_URL, Traffic
from tests.browser.test_browser import AXE_OPTIONS, vnu_errors

pytestmark = [pytest.mark.browser, pytest.mark.langues]
CODES = [langue.code for langue in i18n.TRADUITES]
PAGES = ["", "lieux/brigade-demo-saint-vit/", "postes/poste-fixture-25/"]


def _t(code: str, key: str) -> str:
    return str(textes_theme.for_language(code)[key])


def _script_text(code: str, key: str) -> str:
    with i18n.langue(code):
        return i18n.gettext(reglages.TEXTES[key])


def _spaces(text: str) -> str:
    """CLDR writes a narrow no-break space before AM/PM and in numbers: compare words only."""
    return re.sub(r"[\s\u202f\u00a0]+", " ", text).strip()


@pytest.mark.parametrize("code", CODES)
@pytest.mark.parametrize("address", PAGES)
def test_each_language_has_the_pages_and_passes_axe(page: Page, base_url: str, code: str, address: str) -> None:
    page.goto(f"{base_url}{code}/{address}")
    langue = i18n.PAR_CODE[code]
    assert page.locator("html").get_attribute("lang") == code
    assert page.locator("body").get_attribute("dir") == langue.sens
    expect(page.locator(".iscg-sortie")).to_have_text(re.compile(re.escape(_t(code, "sortie"))))
    page.wait_for_load_state("networkidle")
    results = Axe().run(page, options=AXE_OPTIONS)
    serious = [v for v in results.response["violations"] if v["impact"] in {"serious", "critical"}]
    assert serious == [], json.dumps(serious, ensure_ascii=False, indent=1)[:3000]


def test_every_language_page_is_valid_html(built_site: Path) -> None:
    messages = vnu_errors([built_site / code / address / "index.html" for code in CODES for address in PAGES])
    assert messages == [], messages


@pytest.mark.parametrize("code", CODES)
def test_quick_exit_by_button_in_every_language(page: Page, base_url: str, traffic: Traffic, code: str) -> None:
    page.goto(f"{base_url}{code}/lieux/brigade-demo-saint-vit/")
    page.get_by_role("link", name=re.compile(re.escape(_t(code, "sortie")))).click()
    page.wait_for_url(EXIT_URL + "**")
    page.go_back()
    assert not page.url.startswith(base_url)


@pytest.mark.parametrize("code", ["ar", "uk"])
def test_quick_exit_by_shift_three_times_in_every_language(page: Page, base_url: str, code: str) -> None:
    page.goto(f"{base_url}{code}/")
    page.locator("h1").click()
    for _ in range(3):
        page.keyboard.press("Shift")
    page.wait_for_url(EXIT_URL + "**")


@pytest.mark.parametrize("code", CODES)
def test_present_now_at_a_fixed_clock_in_every_language(page: Page, base_url: str, code: str) -> None:
    page.clock.set_fixed_time(datetime(2026, 11, 24, 14, 0, tzinfo=UTC))  # 15:00 in Saint-Vit, during 14–17
    page.goto(f"{base_url}{code}/lieux/brigade-demo-saint-vit/")
    line = page.locator(".iscg-prochaine").first
    start = _script_text(code, "present_aujourdhui").split("{plages}")[0]
    now = _script_text(code, "en_ce_moment")
    expect(line).to_contain_text(start.strip())
    text = _spaces(line.inner_text())
    assert _spaces(now) in text, text
    assert "14 h" not in text and "h –" not in text  # not the French forms of hours


@pytest.mark.parametrize("code", ["en", "ar", "uk"])
def test_finder_with_a_query_answers_in_the_language(page: Page, base_url: str, code: str) -> None:
    page.clock.set_fixed_time(datetime(2026, 11, 24, 8, 0, tzinfo=UTC))
    page.goto(f"{base_url}{code}/")
    field = page.get_by_role("combobox", name=_t(code, "recherche_champ"))
    field.type("Besançon")
    page.locator("#recherche-suggestions li").first.wait_for()
    page.keyboard.press("Enter")
    title = _script_text(code, "resultats_pour").split("{ou}")[0].strip()
    expect(page.locator("#recherche-resultats")).to_contain_text(title)
    link = page.locator("#recherche-resultats a[href*='lieux/']").first
    assert f"/{code}/lieux/" in (link.get_attribute("href") or "") or link.evaluate("a => a.href").count(f"/{code}/")


def test_language_menu_leads_to_the_same_page(page: Page, base_url: str) -> None:
    page.goto(base_url + "lieux/brigade-demo-saint-vit/")
    links = page.locator(".iscg-langues a")
    names = links.all_text_contents()
    assert [n.strip() for n in names] == [langue.nom for langue in i18n.LANGUES]
    expect(links.first).to_be_hidden()  # closed: nothing in it to tab through
    page.locator(".iscg-langues summary").focus()
    page.keyboard.press("Enter")
    expect(links.first).to_be_visible()
    page.locator(".iscg-langues a[hreflang='uk']").click()
    page.wait_for_url(base_url + "uk/lieux/brigade-demo-saint-vit/")
    assert page.locator("html").get_attribute("lang") == "uk"


@pytest.mark.parametrize("address", ["", "uk/", "lieux/brigade-demo-saint-vit/", "ar/postes/poste-fixture-25/"])
def test_a_visit_fetches_no_sitemap(page: Page, base_url: str, address: str) -> None:
    # The theme's bundle fetches a sitemap.xml under every <link rel="alternate"> of a page: the
    # pages name their other languages in the sitemap only. Off this server (the public
    # address), the security policy blocks those requests: it says so in the console.
    asked: list[str] = []
    console: list[str] = []
    page.on("request", lambda request: asked.append(request.url))
    page.on("console", lambda message: console.append(message.text))
    page.goto(base_url + address)
    page.wait_for_load_state("networkidle")
    assert [url for url in asked if "sitemap" in url] == []
    assert [text for text in console if "sitemap" in text or "Content Security Policy" in text] == []


def test_arabic_mirrors_the_page_but_not_the_map_nor_the_numbers(page: Page, base_url: str) -> None:
    page.set_viewport_size({"width": 360, "height": 740})
    page.goto(base_url + "ar/")
    assert page.locator("body").get_attribute("dir") == "rtl"
    exit_box = page.locator(".iscg-sortie").bounding_box()
    assert exit_box and exit_box["x"] < 180  # on the left: the header's end in Arabic
    assert page.locator("#carte").evaluate("e => getComputedStyle(e).direction") == "ltr"
    number = page.locator(".iscg-urgences strong").first
    assert number.evaluate("e => getComputedStyle(e).direction") == "ltr"


@pytest.mark.parametrize(("locale", "offered"), [("uk-UA", "uk"), ("ar-MA", "ar"), ("fr-FR", None)])
def test_home_offers_the_browsers_language_without_redirecting(
    new_page: Callable[..., Page], base_url: str, locale: str, offered: str | None
) -> None:
    page = new_page(locale=locale)
    page.goto(base_url)
    assert page.url == base_url  # no redirection
    offer = page.locator(".iscg-proposer")
    if offered is None:
        expect(offer).to_be_hidden()
        return
    expect(offer).to_be_visible()
    expect(offer.locator("a")).to_have_text(_t(offered, "proposer"))
    assert offer.get_attribute("lang") == offered
    offer.locator("a").click()
    page.wait_for_url(base_url + f"{offered}/")


def test_nothing_is_stored_on_the_device(new_page: Callable[..., Page], base_url: str) -> None:
    page = new_page(locale="en-GB")
    page.goto(base_url)
    page.locator(".iscg-proposer a").click()
    page.goto(base_url + "en/lieux/brigade-demo-saint-vit/")
    page.wait_for_load_state("networkidle")
    stored = page.evaluate("() => [localStorage.length, sessionStorage.length, document.cookie]")
    assert stored == [0, 0, ""], stored


def test_a_french_only_page_says_so_in_the_browsers_language(new_page: Callable[..., Page], base_url: str) -> None:
    page = new_page(locale="tr-TR")
    page.goto(base_url + "statistiques/")
    line = page.locator(".iscg-proposer")
    expect(line).to_be_visible()
    expect(line).to_contain_text(_t("tr", "seulement_francais"))
    assert line.get_attribute("lang") == "tr"
    line.locator("a").click()
    page.wait_for_url(base_url + "tr/")


@pytest.mark.parametrize("code", ["en", "uk"])
def test_the_map_speaks_the_pages_language(page: Page, base_url: str, code: str) -> None:
    """Its zoom buttons, its tiles' credits: from the language's settings script, not Leaflet's
    English nor our French."""
    page.goto(f"{base_url}{code}/lieux/brigade-demo-saint-vit/")
    zoom = page.locator("#carte .leaflet-control-zoom-in")
    expect(zoom).to_have_attribute("title", _script_text(code, "zoom_plus"))
    credits = re.sub(r"<[^>]+>", "", _script_text(code, "fond_ign"))
    expect(page.locator("#carte .leaflet-control-attribution")).to_contain_text(credits)
