"""``iscg serve`` as a maintainer uses it: open the address it prints, edit a file, reload."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import time
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
        post.write_text(
            text.replace("ISCG de démonstration du Doubs", "ISCG du Doubs, nouvel intitulé"), encoding="utf-8"
        )
        _wait_for(lambda: "nouvel intitulé" in _get(page))

        post.write_text("id: [\n", encoding="utf-8")
        time.sleep(4)
        assert "nouvel intitulé" in _get(page), "a failed rebuild must leave the previous site served"
    finally:
        process.terminate()
        process.wait(timeout=10)
        if process.stdout:
            process.stdout.close()
