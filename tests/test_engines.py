"""One switch, two engines: the fixture site built by MkDocs (the session's build) and by
ProperDocs (ISCG_ENGINE=properdocs, in a process of its own: its import hook redirects every
mkdocs import) gives the same files, both pass our check, and the pages differ only in the
generator tag."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from site_builder.site_check import check_site
from tests.conftest import SITE_URL, TODAY

GENERATOR = re.compile(rb'<meta name="generator" content="[^"]*">')


@pytest.mark.langues  # compared with the shared build, which is in every language
def test_properdocs_builds_the_same_site(built_site: Path, site_data: Path, tmp_path: Path) -> None:
    site = tmp_path / "site"
    env = {**os.environ, "ISCG_ENGINE": "properdocs", "ISCG_SITE_URL": SITE_URL, "ISCG_AUJOURDHUI": TODAY.isoformat()}
    result = subprocess.run(
        [sys.executable, "-m", "site_builder", "build", "--data", str(site_data), "--site-dir", str(site)],
        capture_output=True, text=True, env=env, check=False, timeout=300,
    )  # fmt: skip
    assert result.returncode == 0, result.stdout + result.stderr
    assert check_site(site, [], SITE_URL) == []
    mine = sorted(p.relative_to(built_site) for p in built_site.rglob("*") if p.is_file())
    theirs = sorted(p.relative_to(site) for p in site.rglob("*") if p.is_file())
    assert mine == theirs
    differing = [
        str(relative)
        for relative in mine
        if GENERATOR.sub(b"", (built_site / relative).read_bytes())
        != GENERATOR.sub(b"", (site / relative).read_bytes())
    ]
    assert differing == []
    assert b"ProperDocs" in (site / "index.html").read_bytes()


def test_an_unknown_engine_is_refused(site_data: Path, tmp_path: Path) -> None:
    env = {**os.environ, "ISCG_ENGINE": "zensical"}
    result = subprocess.run(
        [sys.executable, "-m", "site_builder", "build", "--data", str(site_data), "--site-dir", str(tmp_path / "s")],
        capture_output=True, text=True, env=env, check=False, timeout=300,
    )  # fmt: skip
    assert result.returncode == 1
    assert "moteur « zensical » inconnu" in result.stderr
    assert not (tmp_path / "s").exists()
