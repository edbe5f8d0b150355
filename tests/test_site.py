"""A real build: every address of the contract, stable output, escaped text, safe failures."""

from __future__ import annotations

import re
import shutil
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest

from site_builder import i18n
from site_builder.build import BuildError, build
from site_builder.catalogue import Catalogue
from site_builder.referentiels import Referentiels
from site_builder.render.pages import all_pages
from site_builder.validation import validate
from tests.conftest import REAL_POSTS, ROOT, SITE_URL, TODAY, assert_golden

FIXTURES = ROOT / "tests" / "fixtures" / "site"
GOLDEN = ROOT / "tests" / "golden" / "site"


def test_every_contract_address_exists(built_site: Path, referentiels: Referentiels) -> None:
    addresses = [
        "",
        "recrutements/",
        "statistiques/",
        "donnees/",
        "contribuer/",
        "securite/",
        "a-propos/",
        "departements/",
    ]
    addresses += [f"departements/{code}/" for code in referentiels.departements]
    addresses += [f"postes/{file.stem}/" for file in REAL_POSTS.rglob("*.yml")]
    addresses += ["lieux/brigade-saint-vit/", "lieux/commissariat-besancon/", "lieux/brigade-orchies/"]
    for address in addresses:
        assert (built_site / address / "index.html").is_file(), address
    for name in ("postes.geojson", "postes.csv", "postes.json"):
        assert (built_site / "donnees" / name).stat().st_size > 100
    assert len(referentiels.departements) == 101


def test_generated_pages_stay_out_of_the_navigation(built_site: Path) -> None:
    home = (built_site / "index.html").read_text(encoding="utf-8")
    nav = home[home.index('<nav class="md-nav md-nav--primary"') :]
    nav = nav[: nav.index("</nav>")]
    assert "postes/" not in nav and "lieux/" not in nav and "departements/25/" not in nav
    # A post page weighs the same whatever the number of posts: well under the 40 KB goal.
    assert (built_site / "postes" / "poste-fixture-25" / "index.html").stat().st_size < 40_000


class _Links(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.targets: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.targets += [value for name, value in attrs if name in {"href", "src"} and value]


def test_every_link_inside_the_site_leads_to_a_file(built_site: Path) -> None:
    """From pages of every depth (navigation drawn once per depth, pages written flat,
    posters and embeds made beside the engine): no internal link is broken."""
    broken = []
    for page in built_site.rglob("*.html"):
        parser = _Links()
        parser.feed(page.read_text(encoding="utf-8"))
        for target in parser.targets:
            address = urlsplit(target)
            if address.scheme or address.netloc or not address.path:
                continue  # another site, tel:, sms:, mailto:, or an anchor in the page
            path = unquote(address.path)
            if path.startswith("/"):  # the 404 page, served from any depth: absolute, under the public address
                path = str(built_site) + "/" + path.removeprefix(urlsplit(SITE_URL).path)
            resolved = (page.parent / path).resolve()
            if address.path.endswith("/") or resolved.is_dir():
                resolved = resolved / "index.html"
            if not resolved.is_file():
                broken.append(f"{page.relative_to(built_site)} → {target}")
    assert broken == []


def test_the_quick_exit_works_before_the_page_has_loaded(built_site: Path) -> None:
    """Its script is read in the head of every page, not deferred: a press while a slow phone
    is still loading the page already blanks it and replaces it in the history."""
    script = re.compile(r'<script src="[^"]*assets/iscg/sortie\.js"></script>')
    for page in built_site.rglob("*.html"):
        text = page.read_text(encoding="utf-8")
        head = text[: text.index("<body")]
        assert script.search(head), page.relative_to(built_site)
        assert "sortie.js" not in text[text.index("<body") :], page.relative_to(built_site)


def test_no_third_party_asset_is_referenced(built_site: Path) -> None:
    # Tags that load something (not links people follow, not text shown in a code block).
    loading = re.compile(
        r"""<(?:script|img|iframe|source|video|audio|embed)\b[^>]*\ssrc=["'](?:https?:)?//"""
        r"""|<link\b(?=[^>]*\srel=["'](?:stylesheet|preload|preconnect|dns-prefetch|icon|modulepreload))"""
        r"""[^>]*\shref=["'](?:https?:)?//"""
    )
    for page in built_site.rglob("*.html"):
        text = page.read_text(encoding="utf-8")
        assert not loading.search(text), (page, loading.search(text))
        assert "fonts.googleapis" not in text and "cdn." not in text
        assert "Content-Security-Policy" in text and "__ISCG_SCRIPT_HASHES__" not in text


@pytest.mark.langues  # compared with the shared build, which is in every language
def test_build_twice_gives_identical_files(
    site_data: Path, tmp_path: Path, built_site: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("ISCG_SITE_URL", SITE_URL)
    again = build(site_data, tmp_path / "site", TODAY, generated=tmp_path / "generated")
    assert not again.result.report.failed()
    first = sorted(p.relative_to(built_site) for p in built_site.rglob("*") if p.is_file())
    second = sorted(p.relative_to(tmp_path / "site") for p in (tmp_path / "site").rglob("*") if p.is_file())
    assert first == second
    for relative in first:
        assert (built_site / relative).read_bytes() == (tmp_path / "site" / relative).read_bytes(), relative


@pytest.mark.parametrize("page", ["postes/poste-fixture-25.md", "lieux/brigade-demo-saint-vit.md"])
def test_golden_markdown(page: str, referentiels: Referentiels) -> None:
    result = validate(FIXTURES, TODAY, referentiels)
    catalogue = Catalogue.build([e.poste for e in result.entries], referentiels, TODAY)
    pages = {p.path: p.text for p in all_pages(catalogue)}
    assert_golden(GOLDEN / page.replace("/", "__"), pages[page])


def test_fortnightly_rule_said_plainly_with_its_dates(built_site: Path) -> None:
    text = (built_site / "postes" / "poste-fixture-25" / "index.html").read_text(encoding="utf-8")
    assert "Le mardi, 14 h – 17 h, une semaine sur deux à partir du 24 novembre 2026" in text
    # Every 14 days from 24 November; the closure (21 December – 3 January) takes 22 December away.
    dates = re.findall(r"<li>(mardi \d+ \w+ \d{4}), 14 h – 17 h</li>", text)
    assert dates[:4] == [
        "mardi 24 novembre 2026",
        "mardi 8 décembre 2026",
        "mardi 5 janvier 2027",
        "mardi 19 janvier 2027",
    ]
    assert 'Du 21 décembre 2026 au 3 janvier 2027 (<span lang="fr">congés</span>)' in text


TRAPS = ['alert("intitule")', 'alert("structure")', 'alert("lieu")', 'alert("note")', "javascript:alert"]


def test_text_from_data_is_escaped_everywhere(built_site: Path) -> None:
    for page in built_site.rglob("*.html"):
        text = page.read_text(encoding="utf-8")
        assert "<script>alert(" not in text, page
        assert "<img src=x" not in text, page
        assert 'href="javascript:' not in text, page
    post = (built_site / "postes" / "poste-piege-59" / "index.html").read_text(encoding="utf-8")
    assert "ISCG &lt;script&gt;alert(&#34;intitule&#34;)&lt;/script&gt; &amp; « guillemets »" in post
    assert "<title>ISCG &lt;script&gt;" in post
    assert "**gras** [lien](javascript:alert(3)) &lt;b&gt;balise&lt;/b&gt;" in post
    assert "{{ jinja }} {% raw %} ${template} &amp;lt;déjà échappé&amp;gt;" in post
    for export in ("postes.geojson", "postes.json"):
        assert '<script>alert(\\"intitule\\")</script>' in (built_site / "donnees" / export).read_text(encoding="utf-8")


def _previous_site(tmp_path: Path) -> Path:
    site = tmp_path / "site"
    site.mkdir()
    (site / "index.html").write_text("ancien site", encoding="utf-8")
    return site


def _assert_untouched(site: Path) -> None:
    """The previous site as it was, and no half-built one left beside it."""
    assert [p.name for p in site.iterdir()] == ["index.html"]
    assert (site / "index.html").read_text(encoding="utf-8") == "ancien site"
    assert [p.name for p in site.parent.iterdir() if p.name.startswith(".site")] == []


def test_data_errors_leave_the_previous_site_in_place(site_data: Path, tmp_path: Path) -> None:
    site = _previous_site(tmp_path)
    broken = tmp_path / "data"
    shutil.copytree(site_data, broken)
    (broken / "postes" / "25" / "poste-fixture-25.yml").write_text("id: [\n", encoding="utf-8")
    built = build(broken, site, TODAY, generated=tmp_path / "generated")
    assert built.result.report.failed()
    _assert_untouched(site)


def test_engine_errors_leave_the_previous_site_in_place(
    site_data: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    pages = tmp_path / "pages"
    shutil.copytree(ROOT / "docs" / "pages", pages)
    (pages / "accessibilite" / "index.md").write_text("[lien cassé](absent.md)\n", encoding="utf-8")
    monkeypatch.setattr("site_builder.build.STATIC_PAGES", pages)
    site = _previous_site(tmp_path)
    with pytest.raises(BuildError, match=r"absent\.md"):
        build(site_data, site, TODAY, generated=tmp_path / "generated")
    _assert_untouched(site)


def test_failure_in_the_second_process_leaves_the_previous_site_in_place(
    site_data: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Calendars and posters are written by a second process while MkDocs renders pages:
    if that half fails, the build fails with its reason and nothing changes."""

    def broken_calendar(*args: object) -> bytes:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr("site_builder.exports.calendrier.for_place", broken_calendar)
    site = _previous_site(tmp_path)
    with pytest.raises(BuildError, match=r"(?s)calendriers.*le site précédent est conservé.*No space left on device"):
        build(site_data, site, TODAY, generated=tmp_path / "generated")
    _assert_untouched(site)


def test_a_rebuild_rewrites_only_the_engine_input_that_changed(site_data: Path, tmp_path: Path) -> None:
    data = tmp_path / "data"
    shutil.copytree(site_data, data)
    generated = tmp_path / "generated"
    build(data, tmp_path / "site", TODAY, generated=generated)
    (generated / "postes" / "page-disparue.md").write_text("plus produite", encoding="utf-8")
    before = {p: p.stat().st_mtime_ns for p in generated.rglob("*") if p.is_file()}

    post = data / "postes" / "59" / "poste-piege-59.yml"
    post.write_text(post.read_text(encoding="utf-8").replace("**gras**", "**maigre**"), encoding="utf-8")
    build(data, tmp_path / "site", TODAY, generated=generated)

    changed = {
        p.relative_to(generated).as_posix() for p, t in before.items() if p.exists() and p.stat().st_mtime_ns != t
    }
    # The open-data files are written beside the engine, straight into the new site.
    # territory: not in the map; the post's page in every language
    assert changed == {f"{langue.prefixe}postes/poste-piege-59.md" for langue in i18n.du_site()}
    assert not (generated / "postes" / "page-disparue.md").exists()
    assert "**maigre**" in (tmp_path / "site" / "postes" / "poste-piege-59" / "index.html").read_text(encoding="utf-8")
