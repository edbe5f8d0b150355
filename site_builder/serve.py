"""``iscg serve``: build, serve the site on this machine only, rebuild when a data file changes,
and refresh the open page after each successful rebuild.

A failed rebuild keeps the previous site on screen (``build`` never touches it on failure), and
the watch goes on whatever happens in a rebuild. The server listens on 127.0.0.1, serves
nothing outside the site's folder (``..``, ``%2e%2e``, links leading out), and bounds its
connections and their idle time: it is a preview for one person, not a web server.
"""

from __future__ import annotations

import functools
import os
import threading
import traceback
from collections.abc import Callable, Iterable
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

MAX_CONNECTIONS = 32
IDLE_SECONDS = 30
RELOAD_PATH = "/__iscg/rechargement.js"
VERSION_PATH = "/__iscg/version"
# Asks every second which build is served, and reloads the page when it changes.
RELOAD_SCRIPT = b"""(function () {
  "use strict";
  var vue = null;
  setInterval(function () {
    fetch("/__iscg/version", { cache: "no-store" }).then(function (r) { return r.text(); }).then(function (v) {
      if (vue !== null && v !== vue) location.reload();
      vue = v;
    }).catch(function () { /* the preview stopped: nothing to do */ });
  }, 1000);
})();
"""


def snapshot(folders: Iterable[Path]) -> dict[Path, float]:
    """Every file's modification time: a change, a new file or a deleted one shows as a difference."""
    state: dict[Path, float] = {}
    for folder in folders:
        if folder.is_dir():
            for file in folder.rglob("*"):
                if file.is_file():
                    state[file] = file.stat().st_mtime_ns
    return state


class _Handler(SimpleHTTPRequestHandler):
    timeout = IDLE_SECONDS  # an idle connection is closed
    version: Callable[[], int] | None = None  # set for live reload

    def log_message(self, format: str, *args: object) -> None:
        pass

    def translate_path(self, path: str) -> str:
        """The file asked for, only if it is inside the site's folder once links are followed."""
        translated = super().translate_path(path)  # drops ".." and "." parts, decoded ones too
        root = os.path.realpath(self.directory)
        real = os.path.realpath(translated)
        if real != root and not real.startswith(root + os.sep):
            return str(Path(root) / ".iscg-hors-du-site")  # no such file: a 404
        return translated

    def do_GET(self) -> None:
        if self.version is not None:
            if self.path == VERSION_PATH:
                self._send(str(self.version()).encode(), "text/plain; charset=utf-8")
                return
            if self.path == RELOAD_PATH:
                self._send(RELOAD_SCRIPT, "text/javascript; charset=utf-8")
                return
            page = self._html_file()
            if page is not None:
                script = f'<script src="{RELOAD_PATH}" defer></script></body>'.encode()
                self._send(page.read_bytes().replace(b"</body>", script, 1), "text/html; charset=utf-8")
                return
        super().do_GET()

    def _html_file(self) -> Path | None:
        """The HTML file a request is for (None: not a page, or a folder to redirect to with "/")."""
        path = Path(self.translate_path(self.path))
        if path.is_dir():
            if not urlsplit(self.path).path.endswith("/"):
                return None
            path = path / "index.html"
        return path if path.suffix == ".html" and path.is_file() else None

    def _send(self, body: bytes, kind: str) -> None:
        self.send_response(200)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Cache-Control", "no-store")
        self.end_headers()
        self.wfile.write(body)


class _Server(ThreadingHTTPServer):
    """At most ``MAX_CONNECTIONS`` requests at once; the others wait a little, then are closed."""

    daemon_threads = True

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._slots = threading.BoundedSemaphore(MAX_CONNECTIONS)

    def process_request(self, request: Any, client_address: Any) -> None:
        if not self._slots.acquire(timeout=5):
            self.shutdown_request(request)
            return
        try:
            super().process_request(request, client_address)
        except BaseException:
            self._slots.release()
            raise

    def process_request_thread(self, request: Any, client_address: Any) -> None:
        try:
            super().process_request_thread(request, client_address)
        finally:
            self._slots.release()


def make_server(site_dir: Path, host: str, port: int, version: Callable[[], int] | None = None) -> ThreadingHTTPServer:
    """A server for ``site_dir``; with ``version`` (the number of the build being served), pages
    reload themselves when it changes. The path is kept as given: a site published as a link to
    its build's folder is followed at each request, so a rebuild is served at once."""
    handler = type("Handler", (_Handler,), {"version": staticmethod(version) if version else None})
    return _Server((host, port), functools.partial(handler, directory=str(site_dir.absolute())))


def watch(
    folders: list[Path],
    rebuild: Callable[[], None],
    stop: threading.Event,
    interval: float = 1.0,
    report: Callable[[str], None] = print,
) -> None:
    """Call ``rebuild`` after each change in ``folders`` until ``stop`` is set; an error in a
    rebuild is reported and the watch goes on."""
    state = snapshot(folders)
    while not stop.wait(interval):
        try:
            current = snapshot(folders)
            if current != state:
                state = current
                rebuild()
        except Exception:  # the watch must outlive any rebuild
            report("Erreur pendant la reconstruction (le site précédent reste servi) :\n" + traceback.format_exc())
