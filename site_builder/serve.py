"""``iscg serve``: build, serve the site on this machine, rebuild when a data file changes.

A failed rebuild keeps the previous site on screen (``build`` never touches it on failure).
"""

from __future__ import annotations

import functools
import threading
from collections.abc import Callable, Iterable
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path


def snapshot(folders: Iterable[Path]) -> dict[Path, float]:
    """Every file's modification time: a change, a new file or a deleted one shows as a difference."""
    state: dict[Path, float] = {}
    for folder in folders:
        if folder.is_dir():
            for file in folder.rglob("*"):
                if file.is_file():
                    state[file] = file.stat().st_mtime_ns
    return state


class _QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


def make_server(site_dir: Path, host: str, port: int) -> ThreadingHTTPServer:
    handler = functools.partial(_QuietHandler, directory=str(site_dir.resolve()))
    return ThreadingHTTPServer((host, port), handler)


def watch(folders: list[Path], rebuild: Callable[[], None], stop: threading.Event, interval: float = 1.0) -> None:
    """Call ``rebuild`` after each change in ``folders`` until ``stop`` is set."""
    state = snapshot(folders)
    while not stop.wait(interval):
        current = snapshot(folders)
        if current != state:
            state = current
            rebuild()
