"""Our own check of the built folder: each promise broken on purpose in a copy of a real build
is found, named with its file, line and rule; a build that breaks one is not published."""

from __future__ import annotations

import re
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

from site_builder.build import BuildError, build
from site_builder.site_check import check_site
from tests.conftest import SITE_URL, TODAY

POST = Path("postes") / "poste-fixture-25" / "index.html"


@pytest.fixture
def copy(built_site: Path, tmp_path: Path) -> Path:
    target = tmp_path / "site"
    shutil.copytree(built_site, target)
    return target


def _edit(site: Path, page: Path, change: Callable[[str], str]) -> None:
    path = site / page
    before = path.read_text(encoding="utf-8")
    after = change(before)
    assert after != before, "the defect was not planted"
    path.write_text(after, encoding="utf-8")


def _rules(site: Path, expected: list[str] | None = None) -> list[str]:
    return [f"{p.path}:{p.line}:{p.rule}" for p in check_site(site, expected or [], SITE_URL)]


def test_the_real_build_passes(built_site: Path) -> None:
    assert check_site(built_site, [], SITE_URL) == []


def test_a_placeholder_left_in_the_policy(copy: Path) -> None:
    _edit(copy, POST, lambda t: t.replace("script-src 'self'", "script-src 'self' __ISCG_SCRIPT_HASHES__", 1))
    (problem,) = check_site(copy, [], SITE_URL)
    assert (problem.path, problem.rule) == (str(POST), "politique de sécurité")
    assert problem.line > 0 and "espace réservé" in problem.message


def test_an_inline_script(copy: Path) -> None:
    _edit(copy, POST, lambda t: t.replace("</body>", "<script>alert(1)</script></body>", 1))
    assert [r for r in _rules(copy) if "script en ligne" in r] != []


def test_a_page_without_the_quick_exit(copy: Path) -> None:
    _edit(copy, POST, lambda t: re.sub(r'<a class="iscg-sortie"[^>]*>.*?</a>', "", t, count=1))
    assert any(r.startswith(f"{POST}:") and r.endswith(":sortie rapide") for r in _rules(copy))


def test_a_link_before_the_quick_exit(copy: Path) -> None:
    _edit(
        copy,
        POST,
        lambda t: t.replace('<a class="iscg-sortie"', '<a href="../../">Accueil</a><a class="iscg-sortie"', 1),
    )
    assert any(r.endswith(":sortie rapide") for r in _rules(copy))


def test_a_page_without_the_emergency_numbers(copy: Path) -> None:
    _edit(copy, POST, lambda t: re.sub(r'<nav class="iscg-urgences".*?</nav>', "", t, count=1, flags=re.S))
    problems = check_site(copy, [], SITE_URL)
    assert [(p.path, p.rule) for p in problems] == [(str(POST), "numéros d'urgence")]
    assert "tel:17" in problems[0].message


def test_a_link_to_a_missing_page(copy: Path) -> None:
    _edit(copy, POST, lambda t: t.replace("</main>", '<a href="../absent/">perdu</a></main>', 1))
    assert any(r.endswith(":lien") for r in _rules(copy))


def test_a_link_that_climbs_above_the_root(copy: Path) -> None:
    _edit(copy, POST, lambda t: t.replace("</main>", '<a href="../../../ailleurs/">trop haut</a></main>', 1))
    (problem,) = [p for p in check_site(copy, [], SITE_URL) if p.rule == "lien"]
    assert "remonte au-dessus de la racine" in problem.message


def test_an_external_script(copy: Path) -> None:
    _edit(copy, POST, lambda t: t.replace("</head>", '<script src="https://cdn.example.org/x.js"></script></head>', 1))
    (problem,) = check_site(copy, [], SITE_URL)
    assert problem.rule == "hôte tiers" and "cdn.example.org" in problem.message


PLACE = Path("lieux") / "brigade-demo-saint-vit" / "index.html"


def test_a_maps_file_missing_or_elsewhere(copy: Path) -> None:
    # The map's files are fetched by its loader, once it nears the screen: checked all the same.
    (copy / "assets" / "vendor" / "leaflet" / "leaflet.js").unlink()
    _edit(copy, PLACE, lambda t: t.replace("../../assets/iscg/carte.js", "https://cdn.example.org/carte.js", 1))
    problems = [p for p in check_site(copy, [], SITE_URL) if p.path == str(PLACE)]
    assert sorted(p.rule for p in problems) == ["hôte tiers", "lien"], problems
    assert all(p.line > 0 for p in problems)


def test_unreadable_map_files(copy: Path) -> None:
    _edit(copy, PLACE, lambda t: re.sub(r'data-carte-fichiers="[^"]*"', 'data-carte-fichiers="{css"', t, count=1))
    (problem,) = check_site(copy, [], SITE_URL)
    assert (problem.path, problem.rule) == (str(PLACE), "carte") and problem.line > 0


def test_a_missing_place_page(copy: Path) -> None:
    (copy / "lieux" / "brigade-saint-vit" / "index.html").unlink()
    problems = check_site(copy, ["lieux/brigade-saint-vit/index.html"], SITE_URL)
    assert ("lieux/brigade-saint-vit/index.html", "page attendue") in [(p.path, p.rule) for p in problems]


def test_a_build_breaking_a_promise_is_not_published(
    site_data: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """An engine (or template) that leaves a placeholder in the policy: the build refuses, with
    the file, the line and the rule, and the previous site stays as it was."""
    from site_builder import settings

    real = settings.engine_extra

    def broken() -> dict[str, object]:
        return {**real(), "csp": "default-src 'self'; script-src 'self' __ISCG_SCRIPT_HASHES__"}

    monkeypatch.setattr(settings, "engine_extra", broken)
    site = tmp_path / "site"
    site.mkdir()
    (site / "index.html").write_text("ancien site", encoding="utf-8")
    with pytest.raises(BuildError, match=r"(?s)ne tient pas ses promesses.*index\.html:\d+: politique de sécurité"):
        build(site_data, site, TODAY, generated=tmp_path / "generated")
    assert [p.name for p in site.iterdir()] == ["index.html"]
    assert (site / "index.html").read_text(encoding="utf-8") == "ancien site"


def test_an_engine_without_the_settings_stops_loudly(
    site_data: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("site_builder.settings.engine_extra", dict)
    with pytest.raises(BuildError, match="iscg_reglages_absents_de_extra_iscg"):
        build(site_data, tmp_path / "site", TODAY, generated=tmp_path / "generated")


def test_a_renderer_failure_names_what_was_written_without_a_traceback(
    site_data: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Data the model accepted must always build; if a renderer still fails, the build says in
    French which file of which post it was writing, exits 1, and the previous site stays."""
    from click.testing import CliRunner

    from site_builder.cli import main

    def broken(*args: object) -> str:
        raise AssertionError("Content line can not contain unescaped new line characters")

    monkeypatch.setattr("site_builder.render.permanences.for_post", broken)
    site = tmp_path / "site"
    site.mkdir()
    (site / "index.html").write_text("ancien site", encoding="utf-8")
    runner = CliRunner(env={"ISCG_AUJOURDHUI": TODAY.isoformat()})
    result = runner.invoke(main, ["build", "--data", str(site_data), "--site-dir", str(site)])
    assert result.exit_code == 1
    assert "Traceback" not in result.output
    assert "Erreur : " in result.output and "permanences.json" in result.output
    assert "fiche du poste « " in result.output and "AssertionError : Content line" in result.output
    assert (site / "index.html").read_text(encoding="utf-8") == "ancien site"
    debug = runner.invoke(main, ["build", "--data", str(site_data), "--site-dir", str(site), "--debug"])
    assert debug.exit_code == 1 and "Traceback" in debug.output


def test_a_page_that_does_not_say_its_language(copy: Path) -> None:
    english, arabic = Path("en") / POST, Path("ar") / POST
    _edit(copy, english, lambda t: t.replace('<html lang="en"', '<html lang="fr"', 1))
    _edit(copy, arabic, lambda t: t.replace('<body dir="rtl"', '<body dir="ltr"', 1))
    assert {f"{english}:0:langue", f"{arabic}:0:langue"} <= set(_rules(copy))
