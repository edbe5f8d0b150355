"""Our own check of a built site, whatever engine laid it out: what every page promises a
person in danger, read on the published files.

Every HTML page must carry a security policy that allows scripts from this site only (the
theme's scripts are files too: no inline script, no hash, no placeholder), have the quick exit
as the first thing the keyboard reaches (after a skip link), show the emergency numbers, load
nothing from another host, and link only to files that exist inside the site. Every page and
data file the catalogue expects must be there. Problems are collected, not raised: the build
refuses to publish when there is one, and ``iscg check`` lists them all.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path, PurePosixPath
from urllib.parse import unquote, urlsplit

from site_builder import settings

# Links people follow to other places are fine; these schemes load nothing.
_ELSEWHERE = ("tel:", "sms:", "mailto:", "webcal:", "data:", "#", "about:")
_LOADING_LINKS = {"stylesheet", "preload", "modulepreload", "icon", "manifest", "prefetch"}
_FOCUSABLE = {"a", "button", "input", "select", "textarea", "iframe", "summary"}
_CSS_URL = re.compile(r"""url\(\s*['"]?([^'")]+)['"]?\s*\)|@import\s+['"]([^'"]+)['"]""")


@dataclass(frozen=True)
class SiteProblem:
    path: str  # relative to the site
    line: int
    rule: str
    message: str

    def __str__(self) -> str:
        where = f"{self.path}:{self.line}" if self.line else self.path
        return f"{where}: {self.rule} : {self.message}"


@dataclass
class _Page(HTMLParser):
    """What one HTML page says, read in one pass."""

    policies: list[tuple[int, str]] = field(default_factory=list)
    inline_scripts: list[int] = field(default_factory=list)
    loads: list[tuple[int, str]] = field(default_factory=list)  # addresses the browser fetches
    links: list[tuple[int, str]] = field(default_factory=list)  # addresses people follow
    focusables: list[tuple[int, dict[str, str | None]]] = field(default_factory=list)  # the first two
    numbers: set[str] = field(default_factory=set)
    _script: tuple[int, bool] | None = None

    def __post_init__(self) -> None:
        super().__init__(convert_charrefs=True)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = dict(attrs)
        line = self.getpos()[0]
        if tag == "meta" and (a.get("http-equiv") or "").lower() == "content-security-policy":
            self.policies.append((line, a.get("content") or ""))
        if tag == "script":
            kind = (a.get("type") or "").lower()
            executable = kind in ("", "text/javascript", "module", "application/javascript")
            if a.get("src"):
                self.loads.append((line, a["src"] or ""))
            self._script = (line, executable and not a.get("src"))
        for name in ("src", "poster"):
            if tag in ("img", "iframe", "source", "video", "audio", "embed", "track", "input") and a.get(name):
                self.loads.append((line, a[name] or ""))
        href = a.get("href")
        if tag == "link" and href:
            rels = set((a.get("rel") or "").lower().split())
            (self.loads if rels & _LOADING_LINKS else self.links).append((line, href))
        elif tag == "a" and href:
            self.links.append((line, href))
            if href.startswith(("tel:", "sms:")):
                self.numbers.add(href)
        if len(self.focusables) < 2 and self._focusable(tag, a):
            self.focusables.append((line, a))

    @staticmethod
    def _focusable(tag: str, a: dict[str, str | None]) -> bool:
        if "hidden" in a or (a.get("type") or "") == "hidden" or a.get("tabindex") == "-1":
            return False
        if "md-toggle" in (a.get("class") or "").split():
            return False  # the theme's state checkboxes, never displayed
        if tag == "a":
            return a.get("href") is not None
        return tag in _FOCUSABLE or (a.get("tabindex") or "").lstrip("-").isdigit()

    def handle_data(self, data: str) -> None:
        if self._script is not None and self._script[1] and data.strip():
            self.inline_scripts.append(self._script[0])

    def handle_endtag(self, tag: str) -> None:
        if tag == "script":
            self._script = None


def _outside(address: str) -> bool:
    parts = urlsplit(address)
    return bool(parts.scheme in ("http", "https") or address.startswith("//"))


def _target(site: Path, page: PurePosixPath, address: str, prefix: str) -> PurePosixPath | None:
    """The file an address inside the site leads to, relative to the site; None above its root."""
    path = unquote(urlsplit(address).path)
    if not path:
        return page
    if path.startswith("/"):
        if not path.startswith(prefix):
            return None
        parts = PurePosixPath(path[len(prefix) :]).parts
    else:
        parts = (page.parent / path).parts
    resolved: list[str] = []
    for part in parts:
        if part == "..":
            if not resolved:
                return None
            resolved.pop()
        elif part not in (".", ""):
            resolved.append(part)
    target = PurePosixPath(*resolved) if resolved else PurePosixPath(".")
    return target / "index.html" if (site / target).is_dir() or address.endswith("/") else target


def _check_page(site: Path, relative: PurePosixPath, prefix: str) -> Iterator[SiteProblem]:
    text = (site / relative).read_text(encoding="utf-8", errors="replace")
    page = _Page()
    page.feed(text)
    page.close()
    name = str(relative)
    expected_policy = settings.content_security_policy()
    if not page.policies:
        yield SiteProblem(name, 0, "politique de sécurité", "aucune balise Content-Security-Policy")
    for line, policy in page.policies:
        if policy != expected_policy:
            found = "un espace réservé laissé tel quel" if "__" in policy else f"« {policy[:160]} »"
            yield SiteProblem(name, line, "politique de sécurité", f"attendu « {expected_policy} », trouvé {found}")
    for line in page.inline_scripts:
        yield SiteProblem(
            name, line, "script en ligne", "un script écrit dans la page ; seuls les fichiers du site sont permis"
        )
    order = page.focusables
    if order and "md-skip" in (order[0][1].get("class") or "").split():
        order = order[1:]  # a skip link may come first
    if not order or "data-sortie" not in order[0][1]:
        line = order[0][0] if order else 0
        yield SiteProblem(
            name, line, "sortie rapide", "le lien « Quitter ce site » n'est pas le premier atteint au clavier"
        )
    numbers = {n.href for n in settings.EMERGENCY_NUMBERS}
    missing = numbers - page.numbers
    if missing and not _standalone_numbers(text):
        yield SiteProblem(name, 0, "numéros d'urgence", "il manque " + ", ".join(sorted(missing)))
    for line, address in page.loads:
        if _outside(address):
            yield SiteProblem(name, line, "hôte tiers", f"charge « {address} » depuis un autre site")
        elif not address.startswith(_ELSEWHERE):
            yield from _resolve(site, relative, address, prefix, line)
    for line, address in page.links:
        if not _outside(address) and not address.startswith(_ELSEWHERE) and not address.startswith("javascript:"):
            yield from _resolve(site, relative, address, prefix, line)
        elif address.lower().startswith("javascript:"):
            yield SiteProblem(name, line, "lien", f"lien « {address[:80]} » qui exécute du code")


def _standalone_numbers(text: str) -> bool:
    """Posters and embedded maps show the numbers as text: each of them must be there."""
    return all(re.search(rf">\s*(?:SMS\s+)?{re.escape(n.affiche)}\s*<", text) for n in settings.EMERGENCY_NUMBERS[:4])


def _resolve(site: Path, page: PurePosixPath, address: str, prefix: str, line: int) -> Iterator[SiteProblem]:
    target = _target(site, page, address, prefix)
    if target is None:
        yield SiteProblem(str(page), line, "lien", f"« {address} » remonte au-dessus de la racine du site")
    elif not (site / target).is_file():
        yield SiteProblem(str(page), line, "lien", f"« {address} » mène à un fichier absent ({target})")


def _check_css(site: Path, relative: PurePosixPath) -> Iterator[SiteProblem]:
    text = (site / relative).read_text(encoding="utf-8", errors="replace")
    for number, line in enumerate(text.splitlines(), start=1):
        for match in _CSS_URL.finditer(line):
            address = match.group(1) or match.group(2) or ""
            if _outside(address):
                yield SiteProblem(str(relative), number, "hôte tiers", f"la feuille de style charge « {address} »")


def check_site(site: Path, expected: Iterable[str] = (), site_url: str | None = None) -> list[SiteProblem]:
    """Every problem of the built folder ``site``; ``expected``: files the catalogue makes."""
    prefix = urlsplit(site_url).path if site_url else "/"
    problems: list[SiteProblem] = []
    for path in sorted(site.rglob("*")):
        if path.is_symlink() or not path.is_file():
            continue
        relative = PurePosixPath(path.relative_to(site).as_posix())
        if path.suffix == ".html":
            problems.extend(_check_page(site, relative, prefix))
        elif path.suffix == ".css":
            problems.extend(_check_css(site, relative))
    for name in sorted(set(expected)):
        if not (site / name).is_file():
            problems.append(SiteProblem(name, 0, "page attendue", "absente du site construit"))
    return problems
