"""``iscg build``: validate, write the engine's input, run MkDocs, replace the site at once.

MkDocs is kept at arm's length: it reads the site's own input folder (``.site-source``) and writes into a
temporary folder beside the site; only when everything succeeded does that folder take the
site's place, so a failed build leaves the previous site untouched.
"""

from __future__ import annotations

import logging
import os
import shutil
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Any, cast

import yaml
from jinja2 import TemplateError

from site_builder import i18n, publish, settings
from site_builder.catalogue import Catalogue
from site_builder.exports import REGISTRY, published_files
from site_builder.folders import NewFolder, SyncedFolder
from site_builder.render import gazetteer, lieux_carte, permanences
from site_builder.render.assets import write_assets
from site_builder.render.pages import RenderError, beside_engine_files, engine_pages, expected_files, write_pages
from site_builder.second_process import SecondProcess, SecondProcessError
from site_builder.site_check import SiteProblem, check_site
from site_builder.validation import Result, validate

if TYPE_CHECKING:
    from mkdocs.plugins import BasePlugin

PROJECT = Path(__file__).resolve().parent.parent
CONFIG = PROJECT / "mkdocs.yml"
STATIC_PAGES = PROJECT / "docs" / "pages"


class BuildError(Exception):
    """The site engine failed; the message says why, in French."""


class SiteCheckError(Exception):
    """The built folder breaks a promise of the site: every problem, one a line."""

    SHOWN = 40

    def __init__(self, problems: list[SiteProblem]) -> None:
        lines = [str(p) for p in problems[: self.SHOWN]]
        if len(problems) > self.SHOWN:
            lines.append(f"… et {len(problems) - self.SHOWN} autres problèmes (iscg check les liste tous)")
        super().__init__("\n".join(lines))
        self.problems = problems


@dataclass
class Built:
    result: Result
    pages: int = 0
    site_dir: Path | None = None


def assemble(catalogue: Catalogue, out_dir: Path) -> int:
    """Bring ``out_dir`` to exactly the pages, assets and data files the engine needs:
    files that did not change are not rewritten, files no longer made are removed."""
    out = SyncedFolder(out_dir)
    out.copy(STATIC_PAGES, ".")
    write_assets(out, catalogue.referentiels)
    out.put(lieux_carte.PATH, lieux_carte.render(catalogue))
    out.put(gazetteer.PATH, gazetteer.render(catalogue.referentiels))
    out.put(permanences.COVERAGE_PATH, permanences.coverage(catalogue))
    # The pages shared out with a second process, every other one: two cores, half the time.
    second = SecondProcess(partial(_write_share, catalogue, out_dir))
    second.start()
    try:
        pages = write_pages(catalogue, out, static=False, share=(0, 2))
    except BaseException:
        second.cancel()
        raise
    try:
        second.wait()
    except SecondProcessError as error:  # the same message as had it failed here
        raise RenderError(str(error).removeprefix(f"{RenderError.__name__}: ")) from error
    theirs = engine_pages(catalogue)[1::2]
    for path in theirs:
        out.keep(path)
    out.finish()
    return pages + len(theirs)


def _write_share(catalogue: Catalogue, out_dir: Path) -> None:
    write_pages(catalogue, SyncedFolder(out_dir), static=False, share=(1, 2))


def write_beside_engine(catalogue: Catalogue, staging: Path) -> None:
    """What needs no engine (calendars, dates, posters, embeddable maps, the open-data files),
    straight into the new site."""
    out = NewFolder(staging)
    for export in REGISTRY.values():
        out.put(export.path, export.render(catalogue))
    write_pages(catalogue, out, engine=False)


def files_beside_engine(catalogue: Catalogue) -> set[str]:
    """The files ``write_beside_engine`` makes."""
    return beside_engine_files(catalogue) | set(published_files())


class _Collect(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.messages.append(record.getMessage())


class _StartSecondProcess:
    """A MkDocs plugin of one event (MkDocs registers a plugin's ``on_*`` methods): once the
    engine has emptied the new site's folder, the files it does not make start being written
    beside its own, on the other core."""

    def __init__(self, second: SecondProcess) -> None:
        self.second = second

    def on_files(self, files: Any, **kwargs: Any) -> Any:
        self.second.start()
        return files


def run_engine(
    docs_dir: Path,
    site_dir: Path,
    write_beside: Callable[[Path], object],
    expected: Iterable[str] = (),
    beside: set[str] | None = None,
) -> None:
    """MkDocs in strict mode, into a temporary folder that then replaces ``site_dir``.

    ``write_beside(folder)`` adds to that folder what needs no engine; it runs in a second
    process while MkDocs renders its pages, and both must succeed for the site to change; then
    the new folder must pass our own check (``site_check.py``), ``expected`` naming the files
    the catalogue makes, or the previous site stays. The engine's pages are checked while the
    second process still writes ``beside`` (its files), on the core it leaves free."""
    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
    try:
        if settings.engine() == "properdocs":
            # Every mkdocs.* import now resolves to ProperDocs (the theme's, the hook's, ours).
            import properdocs.replacement  # noqa: F401
    except ValueError as error:
        raise BuildError(str(error)) from None
    from mkdocs.commands.build import build as mkdocs_build
    from mkdocs.config import load_config
    from mkdocs.exceptions import MkDocsException

    site_dir = site_dir.absolute()
    staging = publish.new_folder(site_dir)
    second = SecondProcess(partial(write_beside, staging))
    collector = _Collect()
    logger = logging.getLogger("mkdocs")
    logger.addHandler(collector)
    previous_level = logger.level
    logger.setLevel(logging.WARNING)
    try:
        overrides: dict[str, Any] = {"site_url": url} if (url := site_url()) else {}
        extra = (yaml.safe_load(CONFIG.read_text(encoding="utf-8")) or {}).get("extra") or {}
        overrides["extra"] = {**extra, "iscg": settings.engine_extra()}
        config = load_config(str(CONFIG), docs_dir=str(docs_dir), site_dir=str(staging), strict=True, **overrides)
        config.plugins["iscg-en-parallele"] = cast("BasePlugin[Any]", _StartSecondProcess(second))
        mkdocs_build(config)
        # The second process is done by now, most often (it has fewer files to write than the
        # engine, in every language): then the whole check runs on both cores. While it is still
        # writing, the engine's pages are checked on the core it leaves free.
        expected = list(expected)
        theirs = beside or set()
        problems = []
        if second.running():
            problems = check_site(staging, (), site_url(), only=lambda n: n not in theirs, assume=expected, workers=1)
            second.wait()
            problems += check_site(staging, expected, site_url(), only=lambda n: n in theirs)
        else:
            second.wait()
            problems = check_site(staging, expected, site_url())
        if problems:
            raise SiteCheckError(problems)
    except (MkDocsException, OSError, TemplateError) as error:
        second.cancel()
        shutil.rmtree(staging, ignore_errors=True)
        details = "\n".join(
            [*collector.messages, str(error)] if isinstance(error, TemplateError) else collector.messages
        )
        details = details or str(error)
        raise BuildError(f"le moteur du site a échoué ; le site précédent est conservé :\n{details}") from None
    except SiteCheckError as error:
        shutil.rmtree(staging, ignore_errors=True)
        raise BuildError(
            f"le site construit ne tient pas ses promesses ; le site précédent est conservé :\n{error}"
        ) from None
    except SecondProcessError as error:
        shutil.rmtree(staging, ignore_errors=True)
        raise BuildError(
            f"l'écriture des calendriers, dates et affiches a échoué ; le site précédent est conservé :\n{error}"
        ) from error
    except BaseException:
        second.cancel()
        shutil.rmtree(staging, ignore_errors=True)
        raise
    finally:
        logger.removeHandler(collector)
        logger.setLevel(previous_level)
    publish.publish(staging, site_dir, remove_later=True)


def site_url() -> str | None:
    """The public address: ``ISCG_SITE_URL``, else ``site_url`` of mkdocs.yml; None when unknown."""
    import yaml

    value = os.environ.get("ISCG_SITE_URL") or ""
    if not value:
        config = yaml.safe_load(CONFIG.read_text(encoding="utf-8")) or {}
        value = config.get("site_url") or ""
    return (value.rstrip("/") + "/") if value else None


def build(
    data_dir: Path,
    site_dir: Path,
    today: date | None = None,
    generated: Path | None = None,
    waiting: Callable[[str], None] | None = None,
) -> Built:
    """Validate, then build; on data errors nothing is written and the site is left as it was.

    ``generated`` is the engine's input folder, by default the site's own beside it
    (``.site-source``), so that builds of two sites never mix; two builds of one site take
    turns, ``waiting`` hearing why the second waits.
    """
    today = today or settings.today()
    with publish.exclusive(site_dir.absolute(), waiting):
        publish.remove_leftovers(site_dir.absolute())
        return _build(data_dir, site_dir, today, generated or publish.source_folder(site_dir.absolute()))


def _build(data_dir: Path, site_dir: Path, today: date, generated: Path) -> Built:
    try:
        i18n.du_site()
    except ValueError as error:
        raise BuildError(str(error)) from None
    result = validate(data_dir, today)
    built = Built(result)
    if result.report.failed():
        return built
    assert result.referentiels is not None
    catalogue = Catalogue.build([e.poste for e in result.entries], result.referentiels, today, site_url())
    try:
        built.pages = assemble(catalogue, generated)
    except RenderError as error:
        raise BuildError(f"une page n'a pas pu être écrite ; le site précédent est conservé :\n{error}") from error
    # Calendars, dates, posters, embeddable maps and open-data files need no engine: they go
    # straight into the new site, on the second core while MkDocs renders, not through the
    # engine's input.
    run_engine(
        generated,
        site_dir,
        write_beside=partial(write_beside_engine, catalogue),
        expected=expected_files(catalogue),
        beside=files_beside_engine(catalogue),
    )
    built.site_dir = site_dir
    return built
