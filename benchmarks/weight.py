"""What a first visit to a page transfers: every response from the site, gzipped, tiles excluded."""

from __future__ import annotations

import gzip
import shutil
import threading
from pathlib import Path

from playwright.sync_api import Page, Response, sync_playwright

from site_builder.serve import make_server

ARGS = ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--no-first-run"]  # fmt: skip


# Lighthouse's phone: what the first screen shows decides what a first visit fetches (the maps
# are fetched as they near the screen).
VIEWPORT = {"width": 412, "height": 823}
SCROLL_A_SCREEN = "() => { const before = scrollY; scrollBy(0, innerHeight); return scrollY > before; }"


def first_visit(site: Path, address: str = "", *, whole_page: bool = False) -> dict[str, int]:
    """Bytes by kind (html, css, js, data, other), raw and gzipped, for one fresh visit on a
    phone's screen; ``whole_page``: scrolled to the bottom, the map and its data included."""
    server = make_server(site, "127.0.0.1", 0)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{server.server_port}/"
    totals: dict[str, int] = {}
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=shutil.which("chromium"), headless=True, args=ARGS)
            page = browser.new_page(viewport=VIEWPORT)
            page.route("**/*", lambda r: r.continue_() if r.request.url.startswith(base) else r.abort())
            responses: list[Response] = []
            page.on("response", lambda r: responses.append(r) if r.url.startswith(base) else None)
            page.goto(base + address)
            page.wait_for_load_state("networkidle")
            if whole_page:
                while page.evaluate(SCROLL_A_SCREEN):
                    page.wait_for_timeout(100)  # a screen at a time, as a reader scrolls
                _until_quiet(page, responses)
            bodies = [(r.url, r.body()) for r in responses]
            browser.close()
    finally:
        server.shutdown()
        server.server_close()
    for url, body in bodies:
        path = url.split("?")[0]
        kind = next((k for k, ends in KINDS.items() if path.endswith(ends)), "html" if path.endswith("/") else "autre")
        totals[kind] = totals.get(kind, 0) + len(gzip.compress(body, 6))
        totals["brut"] = totals.get("brut", 0) + len(body)
    totals["total_gzip"] = sum(v for k, v in totals.items() if k != "brut")
    return totals


def _until_quiet(page: Page, responses: list[Response]) -> None:
    """Wait until a second passes with no new response (the page's load state is long reached)."""
    seen, quiet = -1, 0
    for _ in range(60):
        page.wait_for_timeout(500)
        quiet, seen = (quiet + 1, seen) if len(responses) == seen else (0, len(responses))
        if quiet == 2:
            return


KINDS = {
    "html": (".html",),
    "css": (".css",),
    "js": (".js",),
    "donnees": (".geojson", ".json"),
    "images": (".png", ".svg"),
}
