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

import html
import json
import multiprocessing
import os
import posixpath
import re
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from urllib.parse import unquote, urlsplit

from site_builder import i18n, settings

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


_TAG = re.compile(
    r"<(a|link|script|img|iframe|source|video|audio|embed|track|input|button|select|textarea|summary|meta)\b([^>]*)>",
    re.I,
)
_ATTRIBUTE = re.compile(r"""([^\s=/>]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+)))?""")
_SCRIPT = re.compile(r"<script\b([^>]*)>(.*?)</script>", re.I | re.S)
_EXECUTABLE = {"", "text/javascript", "module", "application/javascript"}
# The files a map's loader fetches once the map nears the screen (assets/iscg/carte-charge.js).
_MAP_FILES = re.compile(r'\bdata-carte-fichiers="([^"]*)"')


def _attributes(text: str) -> dict[str, str | None]:
    found: dict[str, str | None] = {}
    for match in _ATTRIBUTE.finditer(text):
        name, *values = match.groups()
        value = next((v for v in values if v is not None), None)
        found[name.lower()] = html.unescape(value) if value is not None else None
    return found


def _focusable(tag: str, a: dict[str, str | None]) -> bool:
    if "hidden" in a or (a.get("type") or "") == "hidden" or a.get("tabindex") == "-1":
        return False
    if "md-toggle" in (a.get("class") or "").split():
        return False  # the theme's state checkboxes, never displayed
    if tag == "a":
        return a.get("href") is not None
    return tag in _FOCUSABLE


@dataclass
class _Page:
    """What one HTML page says, read with a handful of regular expressions (thousands of pages
    are read at each build: a full HTML parser took several seconds more)."""

    text: str
    policies: list[tuple[int, str]] = field(default_factory=list)
    inline_scripts: list[int] = field(default_factory=list)
    loads: list[tuple[int, str]] = field(default_factory=list)  # addresses the browser fetches
    links: list[tuple[int, str]] = field(default_factory=list)  # addresses people follow
    focusables: list[tuple[int, dict[str, str | None]]] = field(default_factory=list)  # the first two
    numbers: set[str] = field(default_factory=set)
    bad_map_files: list[int] = field(default_factory=list)  # lines of unreadable data-carte-fichiers

    def line(self, position: int) -> int:
        return self.text.count("\n", 0, position) + 1

    def read(self) -> _Page:
        text = self.text
        for match in _SCRIPT.finditer(text):
            a = _attributes(match.group(1))
            if not a.get("src") and (a.get("type") or "").lower() in _EXECUTABLE and match.group(2).strip():
                self.inline_scripts.append(self.line(match.start()))
        for match in _TAG.finditer(text):
            tag, a = match.group(1).lower(), _attributes(match.group(2))
            where = match.start()
            if tag == "meta":
                if (a.get("http-equiv") or "").lower() == "content-security-policy":
                    self.policies.append((self.line(where), a.get("content") or ""))
                continue
            source = a.get("src")
            if source and tag != "a":
                self.loads.append((where, source))
            href = a.get("href")
            if tag == "link" and href:
                rels = set((a.get("rel") or "").lower().split())
                (self.loads if rels & _LOADING_LINKS else self.links).append((where, href))
            elif tag == "a" and href:
                self.links.append((where, href))
                if href.startswith(("tel:", "sms:")):
                    self.numbers.add(href)
            if len(self.focusables) < 2 and _focusable(tag, a):
                self.focusables.append((where, a))
        for match in _MAP_FILES.finditer(text):
            try:
                files = json.loads(html.unescape(match.group(1)))
                addresses = [str(a) for a in [*files["css"], *files["js"]]]
            except (ValueError, KeyError, TypeError):
                self.bad_map_files.append(self.line(match.start()))
                continue
            self.loads.extend((match.start(), address) for address in addresses)
        return self


def _outside(address: str) -> bool:
    parts = urlsplit(address)
    return bool(parts.scheme in ("http", "https") or address.startswith("//"))


def _target(files: set[str], page: str, address: str, prefix: str) -> str | None:
    """The file an address inside the site leads to, relative to the site; None above its root."""
    raw = urlsplit(address).path
    path = unquote(raw)
    if not path:
        return page
    if path.startswith("/"):
        if not path.startswith(prefix):
            return None
        joined = path[len(prefix) :]
    else:
        joined = posixpath.join(posixpath.dirname(page), path)
    target = posixpath.normpath(joined) if joined else "."
    if target == ".." or target.startswith("../"):
        return None
    if target == ".":
        target = ""
    if raw.endswith("/") or not target or (target + "/index.html") in files:
        return (target + "/index.html").lstrip("/")
    return target


def _check_page(site: Path, files: set[str], relative: PurePosixPath, prefix: str) -> Iterator[SiteProblem]:
    text = (site / relative).read_text(encoding="utf-8", errors="replace")
    page = _Page(text).read()
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
    for line in page.bad_map_files:
        yield SiteProblem(name, line, "carte", 'data-carte-fichiers illisible : attendu {"css": [...], "js": [...]}')
    order = page.focusables
    if order and "md-skip" in (order[0][1].get("class") or "").split():
        order = order[1:]  # a skip link may come first
    if not order or "data-sortie" not in order[0][1]:
        line = page.line(order[0][0]) if order else 0
        yield SiteProblem(
            name, line, "sortie rapide", "le lien « Quitter ce site » n'est pas le premier atteint au clavier"
        )
    yield from _check_language(name, text, relative)
    numbers = {n.href for n in settings.EMERGENCY_NUMBERS}
    missing = numbers - page.numbers
    if missing and not _standalone_numbers(text):
        yield SiteProblem(name, 0, "numéros d'urgence", "il manque " + ", ".join(sorted(missing)))
    for where, address in page.loads:
        if _outside(address):
            yield SiteProblem(name, page.line(where), "hôte tiers", f"charge « {address} » depuis un autre site")
        elif not address.startswith(_ELSEWHERE):
            yield from _resolve(files, page, relative, address, prefix, where)
    for where, address in page.links:
        if address.lower().startswith("javascript:"):
            yield SiteProblem(name, page.line(where), "lien", f"lien « {address[:80]} » qui exécute du code")
        elif not _outside(address) and not address.startswith(_ELSEWHERE):
            yield from _resolve(files, page, relative, address, prefix, where)


_HTML_LANG = re.compile(r'<html\b[^>]*\blang="([^"]*)"')
_BODY_DIR = re.compile(r'<body\b[^>]*\bdir="([^"]*)"')


def _check_language(name: str, text: str, relative: PurePosixPath) -> Iterator[SiteProblem]:
    """A page under ``/<code>/`` is in that language, and says so to browsers and screen readers:
    ``<html lang>``, and the direction of its writing on the theme's pages (``<body dir>``)."""
    first = relative.parts[0] if len(relative.parts) > 1 else ""
    langue = i18n.PAR_CODE.get(first, i18n.PAR_CODE[i18n.SOURCE])
    found = _HTML_LANG.search(text)
    if found is None or found.group(1) != langue.code:
        said = f"« {found.group(1)} »" if found else "rien"
        yield SiteProblem(name, 0, "langue", f"<html lang> : « {langue.code} » attendu, trouvé {said}")
    direction = _BODY_DIR.search(text)
    if direction is not None and direction.group(1) != langue.sens:
        yield SiteProblem(name, 0, "langue", f"<body dir> : « {langue.sens} » attendu, trouvé « {direction.group(1)} »")


def _standalone_numbers(text: str) -> bool:
    """Posters and embedded maps show the numbers as text: each of them must be there."""
    return all(re.search(rf">\s*(?:SMS\s+)?{re.escape(n.affiche)}\s*<", text) for n in settings.EMERGENCY_NUMBERS[:4])


def _resolve(
    files: set[str], page: _Page, relative: PurePosixPath, address: str, prefix: str, where: int
) -> Iterator[SiteProblem]:
    target = _target(files, str(relative), address, prefix)
    if target is None:
        yield SiteProblem(
            str(relative), page.line(where), "lien", f"« {address} » remonte au-dessus de la racine du site"
        )
    elif target not in files:
        yield SiteProblem(str(relative), page.line(where), "lien", f"« {address} » mène à un fichier absent ({target})")


def _check_css(site: Path, relative: PurePosixPath) -> Iterator[SiteProblem]:
    text = (site / relative).read_text(encoding="utf-8", errors="replace")
    for number, line in enumerate(text.splitlines(), start=1):
        for match in _CSS_URL.finditer(line):
            address = match.group(1) or match.group(2) or ""
            if _outside(address):
                yield SiteProblem(str(relative), number, "hôte tiers", f"la feuille de style charge « {address} »")


WORKERS = 2  # the machine's two cores: the engine is done when the check runs
PARALLEL_FROM = 400  # pages: below, starting processes costs more than it saves
_SHARED: tuple[Path, set[str], str] | None = None
try:
    _fork: multiprocessing.context.BaseContext | None = multiprocessing.get_context("fork")
except ValueError:  # no fork on this system: one process
    _fork = None


def _check_files(names: list[str]) -> list[SiteProblem]:
    assert _SHARED is not None
    site, files, prefix = _SHARED
    found: list[SiteProblem] = []
    for name in names:
        relative = PurePosixPath(name)
        if name.endswith(".html"):
            found.extend(_check_page(site, files, relative, prefix))
        else:
            found.extend(_check_css(site, relative))
    return found


def check_site(
    site: Path,
    expected: Iterable[str] = (),
    site_url: str | None = None,
    *,
    only: Callable[[str], bool] | None = None,
    assume: Iterable[str] = (),
    workers: int | None = None,
) -> list[SiteProblem]:
    """Every problem of the built folder ``site``; ``expected``: files the catalogue makes.

    ``only`` limits the pages read; ``assume`` names files that will be there (links to them are
    not broken): so the build checks the engine's pages while the second process still writes.
    """
    prefix = urlsplit(site_url).path if site_url else "/"
    problems: list[SiteProblem] = []
    present = {  # every file, once: links are looked up here, not on the disk
        (Path(folder) / name).relative_to(site).as_posix()
        for folder, _, names in os.walk(site)
        for name in names
        if not (Path(folder) / name).is_symlink()
    }
    files = present | set(assume)
    pages = sorted(name for name in present if name.endswith((".html", ".css")) and (only is None or only(name)))
    workers = WORKERS if workers is None else workers
    global _SHARED  # read by the worker processes, which fork with it
    _SHARED = (site, files, prefix)
    try:
        if len(pages) > PARALLEL_FROM and _fork is not None and workers > 1:
            chunks = [pages[i::workers] for i in range(workers)]
            with ProcessPoolExecutor(workers, mp_context=_fork) as pool:
                for found in pool.map(_check_files, chunks):
                    problems.extend(found)
            problems.sort(key=lambda p: (p.path, p.line))
        else:
            problems.extend(_check_files(pages))
    finally:
        _SHARED = None
    for name in sorted(set(expected)):
        if name not in present:
            problems.append(SiteProblem(name, 0, "page attendue", "absente du site construit"))
    return problems
