"""Publishing a build: killed at any moment it leaves a complete site, old or new; the next
build clears what a killed one left; two builds never mix their outputs."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from site_builder.build import build
from site_builder.publish import publish
from tests.conftest import FIXTURES, TODAY

ENV = {**os.environ, "ISCG_AUJOURDHUI": TODAY.isoformat()}


def _command(data: Path, site: Path) -> list[str]:
    return [sys.executable, "-m", "site_builder", "build", "--data", str(data), "--site-dir", str(site)]


def _intitule(site: Path) -> str:
    return (site / "postes" / "poste-fixture-25" / "index.html").read_text(encoding="utf-8")


@pytest.fixture
def data(tmp_path: Path) -> Path:
    target = tmp_path / "data"
    shutil.copytree(FIXTURES / "site" / "postes" / "25", target / "postes" / "25")
    return target


def test_a_build_killed_at_any_moment_leaves_a_whole_site(data: Path, tmp_path: Path) -> None:
    site = tmp_path / "site"
    subprocess.run(_command(data, site), env=ENV, check=True, capture_output=True, timeout=300)
    assert site.is_symlink() and "ISCG de démonstration du Doubs" in _intitule(site)
    post = data / "postes" / "25" / "poste-fixture-25.yml"
    post.write_text(post.read_text(encoding="utf-8").replace("ISCG de démonstration du Doubs", "Nouvel intitulé"))
    for delay in (0.3, 1.0, 1.8, 2.6, 3.4):
        process = subprocess.Popen(_command(data, site), env=ENV, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        time.sleep(delay)
        process.send_signal(signal.SIGKILL)
        process.wait(timeout=30)
        page = _intitule(site)  # a whole site: the old one or the new one, never none
        assert "ISCG de démonstration du Doubs" in page or "Nouvel intitulé" in page, delay
        assert (site / "index.html").is_file() and (site / "assets" / "iscg" / "sortie.js").is_file()
    subprocess.run(_command(data, site), env=ENV, check=True, capture_output=True, timeout=300)
    assert "Nouvel intitulé" in _intitule(site)
    # The replaced site is removed by a process of its own, after the build has returned.
    deadline = time.monotonic() + 30
    while True:
        leftovers = sorted(p.name for p in tmp_path.iterdir() if p.name.startswith(".site-construction-"))
        if leftovers == [site.readlink().name] or time.monotonic() > deadline:
            break
        time.sleep(0.2)
    assert leftovers == [site.readlink().name], "the next build removes what killed ones left"


def test_publish_replaces_a_plain_folder_then_swaps_links(tmp_path: Path) -> None:
    site = tmp_path / "site"
    site.mkdir()
    (site / "index.html").write_text("ancien", encoding="utf-8")
    for text in ("premier", "second"):
        built = tmp_path / f".site-construction-{text}"
        built.mkdir()
        (built / "index.html").write_text(text, encoding="utf-8")
        publish(built, site)
        assert site.is_symlink() and (site / "index.html").read_text(encoding="utf-8") == text
    assert sorted(p.name for p in tmp_path.iterdir()) == [".site-construction-second", "site"]


def test_two_builds_at_once_keep_their_own_data(data: Path, tmp_path: Path) -> None:
    other = tmp_path / "autres-donnees"
    shutil.copytree(data, other)
    post = other / "postes" / "25" / "poste-fixture-25.yml"
    post.write_text(post.read_text(encoding="utf-8").replace("ISCG de démonstration du Doubs", "Autre intitulé"))
    sites = [tmp_path / "a" / "site", tmp_path / "b" / "site"]
    processes = [
        subprocess.Popen(_command(d, s), env=ENV, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        for d, s in zip((data, other), sites, strict=True)
    ]
    for process in processes:
        _, errors = process.communicate(timeout=300)
        assert process.returncode == 0, errors
    assert "ISCG de démonstration du Doubs" in _intitule(sites[0]) and "Autre intitulé" not in _intitule(sites[0])
    assert "Autre intitulé" in _intitule(sites[1])
    for site, word in zip(sites, ("ISCG de démonstration du Doubs", "Autre intitulé"), strict=True):
        assert word in (site / "donnees" / "postes.csv").read_text(encoding="utf-8-sig")
        assert word in (site / "donnees" / "postes.geojson").read_text(encoding="utf-8")


def test_two_builds_of_one_site_take_turns(data: Path, tmp_path: Path) -> None:
    site = tmp_path / "site"
    said: list[str] = []
    errors: list[BaseException] = []

    def run() -> None:
        try:
            build(data, site, TODAY, waiting=said.append)
        except BaseException as error:  # reported to the test below
            errors.append(error)

    threads = [threading.Thread(target=run) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(300)
    assert errors == []
    assert "ISCG de démonstration du Doubs" in _intitule(site)
    assert said == [] or "attend" in said[0]
