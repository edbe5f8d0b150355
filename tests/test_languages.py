"""The languages: complete catalogs kept in step with the code, and a built site whose pages in
every language are there, in that language, and weigh what their French pages weigh."""

from __future__ import annotations

import gzip
import html
import re
from pathlib import Path
from xml.etree import ElementTree

import pytest
from babel.messages.pofile import read_po

from site_builder import i18n, traductions
from tests.conftest import SITE_URL

pytestmark = pytest.mark.langues
CODES = [langue.code for langue in i18n.TRADUITES]
PAGES = ["", "lieux/brigade-demo-saint-vit/", "postes/poste-fixture-25/", "departements/25/", "securite/", "a-propos/"]


@pytest.mark.parametrize("code", CODES)
def test_every_catalog_is_complete(code: str) -> None:
    """A missing or fuzzy translation fails, naming its French text and its language."""
    assert traductions.problems(code) == []


def test_the_catalogs_are_up_to_date_with_the_code() -> None:
    """A text changed in the code but not extracted fails here: run ``make traductions``."""
    assert traductions.pot() == traductions.POT.read_text(encoding="utf-8"), "lancez make traductions"
    with traductions.POT.open("rb") as template:
        expected = {message.id for message in read_po(template) if message.id}
    for code in CODES:
        with i18n.po_path(code).open("rb") as po:
            found = {message.id for message in read_po(po) if message.id}
        assert found == expected, f"{code} : lancez make traductions ({sorted(map(str, found ^ expected))[:5]})"


def test_a_language_writes_its_own_dates_and_hours() -> None:
    from datetime import date

    from site_builder.render import libelles

    with i18n.langue("fr"):
        assert i18n.jour(date(2026, 12, 1)) == "mardi 1er décembre 2026"
        assert libelles.plage("09:00", "12:30") == "9 h – 12 h 30"
    with i18n.langue("en"):
        assert i18n.jour(date(2026, 12, 1)) == "Tuesday, December 1, 2026"
        assert re.sub(r"\s", " ", libelles.plage("09:00", "12:30")) == "9:00 AM – 12:30 PM"
    with i18n.langue("uk"):
        assert re.sub(r"\s", " ", i18n.jour(date(2026, 12, 1), weekday=False)) == "1 грудня 2026 р."


def _visible_text(page: str) -> str:
    """A page's words a reader sees, without the parts in French on purpose (``lang="fr"``:
    names and free texts from the data), the scripts, styles, and the tags."""
    body = page.split("<body", 1)[1]
    body = re.sub(r"<(script|style|svg)\b.*?</\1>", " ", body, flags=re.S)
    for _ in range(3):  # nested French parts
        body = re.sub(r'<(\w+)\b[^>]*\blang="fr"[^>]*>.*?</\1>', " ", body, flags=re.S)
    return html.unescape(re.sub(r"<[^>]+>", " ", body))


@pytest.mark.parametrize("code", CODES)
def test_pages_in_a_language_hold_no_french_sentence_outside_the_data(built_site: Path, code: str) -> None:
    """Every sentence of the pages goes through the catalogs: a French text that a template or
    the code writes without them shows here, on a page of another language."""
    catalog = i18n.translations(code)
    with traductions.POT.open("rb") as template:
        french = [m.id for m in read_po(template) if isinstance(m.id, str) and len(m.id) > 14]
    # Texts whose translation keeps the French on purpose (a service's name) are left out.
    french = [text for text in french if text not in catalog.gettext(text) and "<" not in text and "%" not in text]
    for address in PAGES:
        text = re.sub(r"\s+", " ", _visible_text((built_site / code / address / "index.html").read_text("utf-8")))
        leaked = [sentence for sentence in french if sentence in text]
        assert leaked == [], f"{code}/{address} : {leaked[:3]}"


_LOADS = re.compile(r'<(?:link rel="stylesheet" href|script src)="([^"]+)"')


def _first_visit(site: Path, address: str) -> int:
    """What a first visit to a page downloads before its map's data, gzipped: the page and the
    styles and scripts it loads (the benchmark measures the whole visit in a browser)."""
    page = site / address / "index.html"
    text = page.read_text(encoding="utf-8")
    files = {(page.parent / src.split("?")[0]).resolve() for src in _LOADS.findall(text) if "://" not in src}
    return sum(len(gzip.compress(path.read_bytes(), 6)) for path in [page, *sorted(files)])


@pytest.mark.parametrize("code", CODES)
def test_a_page_weighs_what_its_french_page_weighs(built_site: Path, code: str) -> None:
    for address in ["", "lieux/brigade-demo-saint-vit/", "postes/poste-fixture-25/"]:
        french, other = _first_visit(built_site, address), _first_visit(built_site, f"{code}/{address}")
        assert 0.9 * french <= other <= 1.1 * french, f"{code}/{address} : {other} octets contre {french} en français"


def test_the_finders_gazetteer_and_the_data_are_shared_by_all_languages(built_site: Path) -> None:
    for code in CODES:
        own = [p.relative_to(built_site).as_posix() for p in (built_site / code).rglob("*") if p.is_file()]
        assert own and all(p.endswith("index.html") for p in own), [p for p in own if not p.endswith("index.html")][:5]
    assert (built_site / "assets/iscg/reglages.ar.js").is_file()


def test_arabic_pages_read_right_to_left(built_site: Path) -> None:
    for address in PAGES:
        page = (built_site / "ar" / address / "index.html").read_text("utf-8")
        assert '<html lang="ar"' in page and '<body dir="rtl"' in page, address
    assert '<body dir="ltr"' in (built_site / "index.html").read_text("utf-8")


def test_the_sitemap_names_each_pages_other_languages_and_the_pages_do_not(built_site: Path) -> None:
    # In a page's <head>, the theme's bundle would fetch a sitemap.xml under each alternate.
    namespaces = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9", "x": "http://www.w3.org/1999/xhtml"}
    tree = ElementTree.parse(built_site / "sitemap.xml")
    links = {
        url.findtext("s:loc", namespaces=namespaces): {
            link.get("hreflang"): link.get("href") for link in url.findall("x:link", namespaces)
        }
        for url in tree.getroot().findall("s:url", namespaces)
    }
    place = "lieux/brigade-demo-saint-vit/"
    expected = {langue.code: f"{SITE_URL}{langue.prefixe}{place}" for langue in i18n.LANGUES}
    for code in CODES:
        assert links[f"{SITE_URL}{code}/{place}"] == expected | {"x-default": SITE_URL + place}
    assert links[SITE_URL] == {langue.code: SITE_URL + langue.prefixe for langue in i18n.LANGUES} | {
        "x-default": SITE_URL
    }
    assert links[SITE_URL + "statistiques/"] == {}  # French only
    for address in PAGES:
        assert 'rel="alternate"' not in (built_site / "uk" / address / "index.html").read_text("utf-8"), address
