"""Map targets one can tap and reach by keyboard (issue 12, point 3).

Markers and clusters are boxes of 44 × 44 CSS px that never overlap one another nor the map's
controls (zoom, layers, attribution), on a département crowded with places, at its first view
and at whole and half zooms; places at the same address open as a fan whose feet do not overlap;
a cluster, a marker and its popup work from the keyboard alone.
"""

from __future__ import annotations

import json
import random
from collections.abc import Callable

import pytest
from playwright.sync_api import Page, expect

pytestmark = pytest.mark.browser
PHONE = {"viewport": {"width": 360, "height": 740}, "is_mobile": True, "has_touch": True}
LIGHTHOUSE = {
    "viewport": {"width": 412, "height": 823},
    "device_scale_factor": 1.75,
    "is_mobile": True,
    "has_touch": True,
}
DESKTOP = {"viewport": {"width": 1280, "height": 800}}
SAME_ADDRESS = (6.55, 47.06)  # eight places at one point: a fan at the closest zoom

# The visible targets of the page's map, and every pair of them whose boxes overlap.
TARGETS = """() => {
  const map = document.querySelector('#carte');
  const frame = map.getBoundingClientRect();
  const box = e => { const r = e.getBoundingClientRect(); return [r.left, r.top, r.right, r.bottom]; };
  const seen = e => getComputedStyle(e).visibility !== 'hidden' && e.getClientRects().length > 0;
  const inside = b => b[2] > frame.left && b[0] < frame.right && b[3] > frame.top && b[1] < frame.bottom;
  const meet = (a, b) => Math.min(a[2], b[2]) - Math.max(a[0], b[0]) > 0.5
    && Math.min(a[3], b[3]) - Math.max(a[1], b[1]) > 0.5;
  const icons = [...map.querySelectorAll('.leaflet-marker-icon')].filter(seen).map(box).filter(inside);
  const controls = [...map.querySelectorAll('.leaflet-control')].map(box).filter(b => b[2] > b[0] && b[3] > b[1]);
  const overlaps = [];
  icons.forEach((a, i) => icons.slice(i + 1).forEach(b => { if (meet(a, b)) overlaps.push([a, b]); }));
  icons.forEach(a => controls.forEach(c => { if (meet(a, c)) overlaps.push([a, c]); }));
  const small = icons.filter(b => b[2] - b[0] < 44 || b[3] - b[1] < 44);
  return {icons: icons.length, small, overlaps};
}"""

# Hidden targets (under a control) whose point lies within the département's bounds.
HIDDEN_INSIDE = """() => {
  const element = document.querySelector('#carte');
  const map = window.ISCGCartes[0];
  const bounds = L.latLngBounds(JSON.parse(element.getAttribute('data-carte')).limites);
  const frame = element.getBoundingClientRect();
  return [...element.querySelectorAll('.leaflet-marker-icon')]
    .filter(e => getComputedStyle(e).visibility === 'hidden')
    .filter(e => { const r = e.getBoundingClientRect();
      return bounds.contains(map.containerPointToLatLng([r.left - frame.left + 22, r.top - frame.top + 40])); })
    .map(e => e.title || e.textContent);
}"""


def _crowded() -> bytes:
    """Places as render/lieux_carte.py writes them: many around the Doubs, a crowd in one town,
    eight at one address."""
    rng = random.Random(12)
    points = [(rng.uniform(5.6, 7.2), rng.uniform(46.4, 47.7)) for _ in range(200)]
    points += [(6.02 + rng.uniform(-0.03, 0.03), 47.24 + rng.uniform(-0.03, 0.03)) for _ in range(30)]
    points += [SAME_ADDRESS] * 8
    features = [
        {
            "type": "Feature",
            "geometry": {"type": "Point", "coordinates": [round(lon, 4), round(lat, 4)]},
            "properties": {
                "i": f"lieu-{number}",
                "n": f"Lieu {number}",
                "c": "Commune",
                "d": "25",
                "s": [[f"poste-{number}", f"Poste {number}", "en_poste"]],
                "v": "2026-11-01",
                "p": number % 2,
            },
        }
        for number, (lon, lat) in enumerate(points)
    ]
    return json.dumps({"type": "FeatureCollection", "features": features}).encode("utf-8")


def _crowded_page(open_page: Callable[..., Page], site: str, device: dict[str, object]) -> Page:
    tab = open_page(**device)
    body = _crowded()
    tab.route("**/assets/iscg/lieux.geojson", lambda route: route.fulfill(body=body, content_type="application/json"))
    tab.goto(site + "departements/25/")
    tab.locator("#carte .leaflet-marker-icon").first.wait_for(state="attached")
    tab.evaluate(STILL)
    return tab


# Resolves once the map is still: Leaflet's zoom and markercluster's animations over (the map's
# pane loses ``leaflet-cluster-anim``), then two frames for the check of targets under a control.
STILL = """() => new Promise(resolve => {
  const busy = () => document.querySelector('#carte.leaflet-zoom-anim, #carte .leaflet-cluster-anim');
  const check = () => busy() ? setTimeout(check, 50) : requestAnimationFrame(() => requestAnimationFrame(resolve));
  check();
})"""


def _targets(tab: Page) -> dict[str, object]:
    """The map's targets once the map is still and two readings 100 ms apart agree (markers
    glide to their place in CSS transitions)."""
    tab.evaluate(STILL)
    found = tab.evaluate(TARGETS)
    for _ in range(20):
        tab.wait_for_timeout(100)
        again = tab.evaluate(TARGETS)
        if again == found:
            break
        found = again
    return found


def _settle(tab: Page, script: str) -> None:
    """Run ``script`` on the map (it zooms), then wait until the map is still."""
    tab.evaluate(
        "() => new Promise(resolve => { const map = window.ISCGCartes[0];"
        f" map.once('zoomend', () => resolve()); {script}; }})"
    )
    tab.evaluate(STILL)


@pytest.mark.parametrize("device", [PHONE, LIGHTHOUSE, DESKTOP], ids=["phone", "lighthouse", "desktop"])
def test_targets_never_overlap_on_a_crowded_departement(
    new_page: Callable[..., Page],
    base_url: str,
    device: dict[str, object],
) -> None:
    page = _crowded_page(new_page, base_url, device)
    first = _targets(page)
    assert first["icons"] >= 4, first
    assert first["small"] == [] and first["overlaps"] == [], first
    assert page.evaluate(HIDDEN_INSIDE) == []  # the département's own places all show at first
    for step in ("map.setZoom(map.getZoom() + 0.5)", "map.setZoom(map.getZoom() + 0.5)", "map.zoomIn()"):
        _settle(page, step)
        found = _targets(page)
        assert found["small"] == [] and found["overlaps"] == [], (step, found)


def test_places_at_one_address_open_as_a_fan_of_separate_targets(
    new_page: Callable[..., Page],
    base_url: str,
) -> None:
    page = _crowded_page(new_page, base_url, DESKTOP)
    _settle(page, f"map.setView([{SAME_ADDRESS[1]}, {SAME_ADDRESS[0]}], 18, {{animate: false}})")
    cluster = page.locator("#carte .marker-cluster", has_text="8")
    expect(cluster).to_have_count(1)
    cluster.click()
    fan = page.locator("#carte .leaflet-marker-icon.iscg-repere")
    expect(fan).to_have_count(8)
    found = _targets(page)
    assert found["small"] == [] and found["overlaps"] == [], found


def test_a_cluster_a_marker_and_its_popup_by_keyboard(page: Page, base_url: str) -> None:
    """Lozère: two places at one address (Mende), one cluster."""
    page.goto(base_url + "departements/48/")
    cluster = page.locator("#carte .marker-cluster")
    cluster.first.wait_for()
    cluster.first.focus()
    page.keyboard.press("Enter")  # the fan opens and its first place takes the focus
    focused = page.locator("#carte .leaflet-marker-icon.iscg-repere:focus")
    expect(focused).to_have_count(1)
    name = focused.get_attribute("title")
    assert name in {"Commissariat de police de Mende", "CIAS Cœur de Lozère"}
    expect(page.locator("#carte .leaflet-marker-icon.iscg-repere")).to_have_count(2)
    assert _targets(page)["overlaps"] == []
    page.keyboard.press("Enter")  # its popup opens, the focus on the place's link
    popup = page.locator(".leaflet-popup")
    expect(popup).to_have_count(1)
    expect(page.locator(".leaflet-popup a:focus")).to_have_text(name)
    page.keyboard.press("Escape")  # closes, the focus back on the marker
    expect(popup).to_have_count(0)
    expect(page.locator(f'#carte .leaflet-marker-icon[title="{name}"]')).to_be_focused()
    page.keyboard.press("Tab")
    other = page.locator("#carte .leaflet-marker-icon.iscg-repere:focus")
    expect(other).to_have_count(1)
    page.keyboard.press(" ")  # Space acts as Enter on a button
    expect(popup).to_have_count(1)
    close = page.locator(".leaflet-popup-close-button")
    close.focus()
    page.keyboard.press("Enter")
    expect(popup).to_have_count(0)
    expect(page.locator("#carte .leaflet-marker-icon.iscg-repere:focus")).to_have_count(1)
