"""The poster for the unit's door, printed by Chromium, and the map made to be embedded."""

from __future__ import annotations

import io

import pypdfium2
import pytest
import zxingcpp
from playwright.sync_api import Page, expect

from tests.browser.conftest import Traffic
from tests.conftest import SITE_URL

pytestmark = pytest.mark.browser
A4 = (595, 842)  # points


@pytest.mark.parametrize("poster", ["affiche.html", "affiche.html#partenaires"])
@pytest.mark.parametrize("place", ["brigade-demo-saint-vit", "commissariat-besancon", "brigade-orchies"])
def test_poster_is_one_a4_page_whose_qr_code_leads_to_the_place(
    page: Page, base_url: str, place: str, poster: str
) -> None:
    page.goto(base_url + f"lieux/{place}/{poster}")
    pdf = pypdfium2.PdfDocument(io.BytesIO(page.pdf(prefer_css_page_size=True)))
    assert len(pdf) == 1
    assert tuple(round(x) for x in pdf[0].get_size()) == A4
    image = pdf[0].render(scale=3, grayscale=True).to_numpy()
    codes = [code.text for code in zxingcpp.read_barcodes(image)]
    assert codes == [f"{SITE_URL}lieux/{place}/"]


def test_poster_says_when_and_how(page: Page, base_url: str) -> None:
    page.goto(base_url + "lieux/brigade-demo-saint-vit/affiche.html")
    expect(page.locator("h1:visible")).to_have_text("Un intervenant social reçoit ici")
    public = page.locator("#public")
    expect(
        public.get_by_text("Le mardi, 14 h – 17 h, une semaine sur deux à partir du 24 novembre 2026")
    ).to_be_visible()
    expect(public.get_by_text("03 81 00 00 01")).to_be_visible()
    assert "décembre" not in (page.locator("#public").text_content() or ""), "a dated list, stale within weeks"
    for number in ("17", "112", "114", "3919", "119", "116 006"):
        expect(public.locator(".urgences strong", has_text=number)).to_be_visible()


def test_poster_tells_the_truth_for_every_status(page: Page, base_url: str) -> None:
    page.goto(base_url + "lieux/brigade-orchies/affiche.html")  # a post still recruiting
    text = page.locator("#public").text_content() or ""
    assert "présent ici" not in text and "reçoit ici" not in text
    expect(page.locator("h1:visible")).to_have_text("Besoin d'aide ? Parlez-en à l'accueil")
    expect(page.locator("#public .horaires")).to_contain_text(
        "Recrutement en cours : personne n'assure encore de permanence ici."
    )
    page.goto(base_url + "lieux/brigade-saint-vit/affiche.html")  # someone in post, hours not published
    expect(page.locator("h1:visible")).to_have_text("Un intervenant social intervient ici")
    expect(page.locator("#public .horaires").first).to_contain_text("Jours et heures : demandez à l'accueil.")


def test_partner_poster(page: Page, base_url: str) -> None:
    page.goto(base_url + "lieux/brigade-demo-saint-vit/affiche.html#partenaires")
    expect(page.locator("h1:visible")).to_have_text(
        "Un intervenant social reçoit à la brigade de démonstration de Saint-Vit"
    )
    expect(page.locator("#partenaires .pros")).to_contain_text("Orientation :")
    expect(page.locator("#public")).to_be_hidden()
    page.goto(base_url + "lieux/brigade-demo-saint-vit/affiche.html")
    expect(page.locator("#partenaires")).to_be_hidden()
    expect(page.locator("h1:visible")).to_have_text("Un intervenant social reçoit ici")


def test_embeddable_map_in_a_partner_page(page: Page, base_url: str, traffic: Traffic) -> None:
    page.goto(base_url + "departements/25/")
    snippet = page.locator("details pre code").text_content() or ""
    assert f'src="{SITE_URL}departements/25/carte/"' in snippet and "<iframe" in snippet
    page.set_content(f'<iframe src="{base_url}departements/25/carte/" width="600" height="520" title="carte"></iframe>')
    frame = page.frame_locator("iframe")
    expect(frame.locator(".leaflet-marker-icon").first).to_be_visible()
    expect(frame.locator(".liste li").first).to_contain_text("Brigade")
    expect(frame.locator(".md-header")).to_have_count(0)
    assert traffic.refused == []
