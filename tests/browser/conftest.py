"""A real browser on the built site: Debian's Chromium through Playwright, with no network.

Every request that leaves localhost is recorded; map tiles are answered with a blank image,
the quick exit's destination with a stub page, anything else is refused and fails the test.
"""

from __future__ import annotations

import base64
import shutil
import threading
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import Browser, BrowserContext, Page, Playwright, Route, sync_playwright

from site_builder.render.carte import TILE_HOSTS
from site_builder.serve import make_server

ARGS = [
    "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-background-networking",
    "--disable-component-update", "--disable-sync", "--no-first-run",
]  # fmt: skip
EXIT_URL = "https://www.google.fr/"
BLANK_PNG = base64.b64decode(
    "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8/5+hHgAHggJ/PchI7wAAAABJRU5ErkJggg=="
)


@pytest.fixture(scope="session")
def base_url(built_site: Path) -> Iterator[str]:
    server = make_server(built_site, "127.0.0.1", 0)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}/"
    server.shutdown()
    server.server_close()


@pytest.fixture(scope="session")
def playwright() -> Iterator[Playwright]:
    with sync_playwright() as instance:
        yield instance


@pytest.fixture(scope="session")
def browser(playwright: Playwright) -> Iterator[Browser]:
    executable = shutil.which("chromium")
    assert executable, "Chromium absent : make test l'installe (paquet Debian chromium)"
    instance = playwright.chromium.launch(executable_path=executable, headless=True, args=ARGS)
    yield instance
    instance.close()


@dataclass
class Traffic:
    tiles: list[str] = field(default_factory=list)
    exits: list[str] = field(default_factory=list)
    refused: list[str] = field(default_factory=list)
    dialogs: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)


@pytest.fixture
def traffic() -> Traffic:
    return Traffic()


@pytest.fixture
def new_page(browser: Browser, traffic: Traffic) -> Iterator[Callable[..., Page]]:
    """Pages in fresh contexts (options as ``browser.new_context``), all behind the same routes."""
    contexts: list[BrowserContext] = []

    def make(**options: Any) -> Page:
        settings = {"viewport": {"width": 1280, "height": 900}, "locale": "fr-FR", "timezone_id": "Europe/Paris"}
        context = browser.new_context(**(settings | options))
        contexts.append(context)
        return _watched(context, traffic)

    yield make
    for context in contexts:
        context.close()


@pytest.fixture
def page(new_page: Callable[..., Page]) -> Page:
    return new_page()


def _watched(context: BrowserContext, traffic: Traffic) -> Page:
    def route(route: Route) -> None:
        url = route.request.url
        host = urlsplit(url).hostname
        if host in {"127.0.0.1", "localhost"}:
            route.continue_()
        elif any(url.startswith(tile) for tile in TILE_HOSTS):
            traffic.tiles.append(url)
            route.fulfill(status=200, content_type="image/png", body=BLANK_PNG)
        elif url.startswith(EXIT_URL):
            traffic.exits.append(url)
            route.fulfill(status=200, content_type="text/html", body="<html><body><p>Recherche</p></body></html>")
        else:
            traffic.refused.append(url)
            route.abort()

    context.route("**/*", route)
    opened = context.new_page()
    opened.on("dialog", lambda dialog: (traffic.dialogs.append(dialog.message), dialog.dismiss()))
    opened.on("pageerror", lambda error: traffic.errors.append(str(error)))
    return opened
