from __future__ import annotations

import os
from datetime import date
from pathlib import Path

import pytest

from site_builder.referentiels import Referentiels

TODAY = date(2026, 11, 23)
ROOT = Path(__file__).resolve().parent.parent
UPDATE_GOLDEN = bool(os.environ.get("ISCG_UPDATE_GOLDEN"))
SITE_URL = "https://exemple.org/carte-iscg/"  # the public address the test builds assume
FIXTURES = ROOT / "tests" / "fixtures"
# The first five real posts as they were on 2026-11-23, frozen: tests never read the live data/.
REAL_POSTS = FIXTURES / "reels" / "postes"


@pytest.fixture(autouse=True)
def _french_only_unless_about_languages(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> None:
    """A test's own builds make the French pages only (seven times fewer pages, the same code):
    the tests marked ``langues`` make every language, and so does the shared ``built_site``."""
    if "langues" not in request.keywords:
        monkeypatch.setenv("ISCG_LANGUES", "fr")


@pytest.fixture(scope="session")
def referentiels() -> Referentiels:
    return Referentiels.load()


def assert_golden(golden: Path, text: str) -> None:
    """Compare with a committed file; ``ISCG_UPDATE_GOLDEN=1 make unit`` rewrites them."""
    if UPDATE_GOLDEN:
        golden.parent.mkdir(parents=True, exist_ok=True)
        golden.write_text(text, encoding="utf-8")
    assert golden.is_file(), f"{golden} absent : lancez ISCG_UPDATE_GOLDEN=1 make unit"
    assert text == golden.read_text(encoding="utf-8")


@pytest.fixture(scope="session")
def site_data(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The tests' own data: a frozen copy of the first real posts and the test fixtures.

    Never the live ``data/``: a maintainer adding a post must not change what the tests see."""
    import shutil

    target = tmp_path_factory.mktemp("donnees") / "data"
    shutil.copytree(REAL_POSTS, target / "postes")
    shutil.copytree(FIXTURES / "site" / "postes", target / "postes", dirs_exist_ok=True)
    return target


@pytest.fixture(scope="session")
def built_site(site_data: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One real build, shared by the site tests and the browser tests."""
    from site_builder.build import build

    work = tmp_path_factory.mktemp("construction")
    previous = {name: os.environ.get(name) for name in ("ISCG_SITE_URL", "ISCG_LANGUES")}
    os.environ["ISCG_SITE_URL"] = SITE_URL
    os.environ.pop("ISCG_LANGUES", None)  # every language: the browser and language tests read it
    try:
        built = build(site_data, work / "site", TODAY, generated=work / "generated")
    finally:
        for name, value in previous.items():
            if value is None:
                os.environ.pop(name, None)
            else:
                os.environ[name] = value
    assert not built.result.report.failed(), built.result.report.errors
    return work / "site"
