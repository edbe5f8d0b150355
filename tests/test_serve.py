"""``iscg serve`` as a maintainer uses it: open the address it prints, edit a file, reload."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

from tests.conftest import ROOT

ISCG = Path(sys.executable).with_name("iscg")


def _get(url: str) -> str:
    with urllib.request.urlopen(url, timeout=10) as response:
        return str(response.read().decode("utf-8"))


def _wait_for(predicate: object, seconds: float = 60) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if predicate():  # type: ignore[operator]
            return
        time.sleep(0.3)
    raise AssertionError("délai dépassé")


def _replace(path: Path, text: str) -> None:
    temporary = path.with_name(path.name + ".tmp")
    temporary.write_text(text, encoding="utf-8")
    temporary.replace(path)


def test_serve_rebuilds_on_change_and_keeps_the_site_on_error(tmp_path: Path) -> None:
    data = tmp_path / "data"
    shutil.copytree(ROOT / "tests" / "fixtures" / "site" / "postes" / "25", data / "postes" / "25")
    env = {**os.environ, "ISCG_AUJOURDHUI": "2026-11-23", "PYTHONUNBUFFERED": "1"}
    process = subprocess.Popen(
        [str(ISCG), "serve", "--data", str(data), "--site-dir", str(tmp_path / "site"), "--port", "0"],
        stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, env=env, cwd=tmp_path,
    )  # fmt: skip
    try:
        assert process.stdout is not None
        address = ""
        for line in process.stdout:
            if match := re.search(r"http://127\.0\.0\.1:\d+/", line):
                address = match.group(0)
                break
        assert address, "no address printed"
        page = address + "postes/poste-fixture-25/"
        assert "ISCG de démonstration du Doubs" in _get(page)

        post = data / "postes" / "25" / "poste-fixture-25.yml"
        text = post.read_text(encoding="utf-8")
        # Each change in one rename, as editors save: a truncated file seen half-way would fail a
        # rebuild and print the very line this test waits for below.
        _replace(post, text.replace("ISCG de démonstration du Doubs", "ISCG du Doubs, nouvel intitulé"))
        _wait_for(lambda: "nouvel intitulé" in _get(page))

        version = _get(address + "__iscg/version")
        assert '<script src="/__iscg/rechargement.js" defer></script>' in _get(page)  # live reload
        _replace(post, "id: [\n")
        assert process.stdout is not None
        for line in process.stdout:  # the event waited for: the rebuild's report
            if "le site précédent reste servi" in line:
                break
        assert "nouvel intitulé" in _get(page), "a failed rebuild must leave the previous site served"
        assert _get(address + "__iscg/version") == version, "a failed rebuild reloads nothing"
    finally:
        process.terminate()
        process.wait(timeout=10)
        if process.stdout:
            process.stdout.close()


def test_serve_is_for_this_machine_and_this_folder_only(tmp_path: Path) -> None:
    """Nothing outside the site folder: "..", its encoded form, a link leading out."""
    import threading

    from site_builder.serve import make_server

    site = tmp_path / "site"
    site.mkdir()
    (site / "index.html").write_text("<html><body>accueil</body></html>", encoding="utf-8")
    (tmp_path / "secret.txt").write_text("secret", encoding="utf-8")
    (site / "fuite.txt").symlink_to(tmp_path / "secret.txt")
    server = make_server(site, "127.0.0.1", 0, version=lambda: 7)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{server.server_port}/"
    try:
        assert server.server_address[0] == "127.0.0.1"
        assert "accueil" in _get(base)
        assert _get(base + "__iscg/version") == "7"
        for address in ("../secret.txt", "%2e%2e/secret.txt", "%2E%2E%2Fsecret.txt", "fuite.txt"):
            try:
                body = _get(base + address)
            except urllib.error.HTTPError as error:
                assert error.code == 404, address
            else:
                raise AssertionError(f"{address} served: {body[:20]}")
    finally:
        server.shutdown()
        server.server_close()


def test_the_watch_outlives_an_error_in_a_rebuild(tmp_path: Path) -> None:
    import threading

    from site_builder.serve import watch

    folder = tmp_path / "data"
    folder.mkdir()
    calls: list[int] = []
    reports: list[str] = []
    changed = threading.Event()

    def rebuild() -> None:
        calls.append(1)
        if len(calls) == 1:
            raise RecursionError("maximum recursion depth exceeded")
        changed.set()

    stop = threading.Event()
    thread = threading.Thread(target=watch, args=([folder], rebuild, stop, 0.05, reports.append), daemon=True)
    thread.start()

    def touch() -> bool:  # a new file at each look, until the watch has seen one
        (folder / f"{time.monotonic_ns()}.yml").write_text("1", encoding="utf-8")
        return bool(reports)

    _wait_for(touch, 10)
    _wait_for(lambda: touch() and changed.is_set(), 10)  # the watch died with the first error otherwise
    stop.set()
    thread.join(5)
    assert "RecursionError" in reports[0] and "le site précédent reste servi" in reports[0]
