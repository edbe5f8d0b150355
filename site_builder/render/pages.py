"""Markdown pages for the site engine, one per address of the contract.

Bodies are HTML from Jinja2 templates with autoescape on, wrapped in one raw HTML block, so
that nothing from a data file is ever read as Markdown or HTML. Titles go to the front matter
already HTML-escaped: Material prints ``page.title`` without escaping it.
"""

from __future__ import annotations

import html
import itertools
import json
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import date, timedelta
from functools import partial
from pathlib import Path
from typing import Any, cast

from jinja2 import ChoiceLoader, Environment, FileSystemLoader, PackageLoader, StrictUndefined
from markupsafe import Markup

from site_builder import i18n, settings
from site_builder import stats as stats_module
from site_builder.catalogue import Catalogue, Place, Presence, presence_ends
from site_builder.exports import calendrier
from site_builder.folders import NewFolder
from site_builder.model import Frequence, Poste, Statut, TypeLieu, TypePoste
from site_builder.referentiels import Departement
from site_builder.render import carte_svg, jsonld, libelles, permanences, reglages, textes_theme
from site_builder.render.carte import MapSpec, asset_tags
from site_builder.report import CODES
from site_builder.schedule import by_day
from site_builder.types import phone_e164

THEME_OVERRIDES = Path(__file__).resolve().parents[2] / "docs" / "overrides"


@dataclass(frozen=True)
class Page:
    path: str  # e.g. "postes/x.md", published at postes/x/; a page not in Markdown is copied as is
    make: str | Callable[[], str]  # rendered only when written: each half of the build renders its own
    extra: dict[str, Callable[[], str | bytes]]  # files beside the page: its dates (JSON), its calendar (ICS)

    @property
    def text(self) -> str:
        return self.make if isinstance(self.make, str) else self.make()

    @property
    def for_engine(self) -> bool:
        return self.path.endswith(".md")

    @property
    def folder(self) -> str:
        """Where the page is published, relative to the site: its files go beside it."""
        return _folder(self.path)


def _folder(path: str) -> str:
    """``postes/x.md`` and ``postes/x/index.md`` are both published as ``postes/x/``
    (MkDocs' directory URLs); the many pages are written the first way, one folder fewer each."""
    if path.endswith(".md") and path.rpartition("/")[2] != "index.md":  # not "a-index.md"
        return path.removesuffix(".md") + "/"
    return path.rpartition("/")[0] + "/" if "/" in path else ""


def _au_lieu(nom: str) -> str:
    """``Brigade de gendarmerie de Saint-Vit`` → ``à la brigade de gendarmerie de Saint-Vit``."""
    first, _, rest = nom.partition(" ")
    article = {"brigade": "à la", "gendarmerie": "à la", "commissariat": "au", "hôtel": "à l'", "maison": "à la"}
    word = first.lower()
    if word in article:
        joined = article[word] + ("" if article[word].endswith("'") else " ")
        return f"{joined}{word} {rest}".rstrip()
    return f"à : {nom}"


def _title(text: str) -> Markup:
    return Markup(json.dumps(html.escape(text, quote=True), ensure_ascii=False))


def _environment() -> Environment:
    env = Environment(
        # The site's templates, and the theme's partials that the site's pages share (the finder).
        loader=ChoiceLoader([PackageLoader("site_builder.render", "templates"), FileSystemLoader(THEME_OVERRIDES)]),
        autoescape=True,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        extensions=["jinja2.ext.i18n"],
    )
    # Texts of the templates in the current language (site_builder.i18n), whitespace trimmed.
    env.install_gettext_callables(  # type: ignore[attr-defined]  # added by the extension
        i18n.gettext, i18n.ngettext, newstyle=True, pgettext=i18n.pgettext, npgettext=i18n.npgettext
    )
    env.policies["ext.i18n.trimmed"] = True
    # JSON in attributes and front matter as its text, not \u escapes: Arabic and Ukrainian pages
    # weigh what French ones do (still HTML-safe: tojson escapes <, >, & and ').
    env.policies["json.dumps_kwargs"] = {"sort_keys": True, "ensure_ascii": False}
    env.filters.update(
        titre=_title,
        date_fr=lambda d: i18n.jour(d) if d else "",
        date_courte=lambda d: i18n.jour(d, weekday=False) if d else "",
        date_partielle=libelles.date_partielle,
        par_jour=by_day,
        plages=libelles.plages,
        heures=lambda o: libelles.plage(o.debut, o.fin),
        regle=libelles.regle,
        liste=libelles.liste,
        minuscule=libelles.minuscule,
        nombre=i18n.nombre,
        tel=phone_e164,
        au_lieu=_au_lieu,
        date_iso=date.fromisoformat,
    )
    env.globals.update(
        Statut=Statut, Frequence=Frequence, TypeLieu=TypeLieu, TypePoste=TypePoste,
        scripts_communs_chemins=reglages.scripts, settings=settings, texte=reglages.texte,
        seulement_francais=lambda root: _offers(root, "accueil", before="seulement_francais"),
    )  # fmt: skip
    return env


ENV = _environment()


def _root(path: str) -> str:
    return "../" * _folder(path).count("/")


def _render(template: str, path: str, catalogue: Catalogue, **context: Any) -> str:
    """A page in the current language: ``root`` leads to the site's root (its files, the
    French-only pages), ``racine_langue`` to the language's home; ``adresse_page`` is its
    address in every language, without the language's folder (``m.meta()``)."""
    langue = i18n.courante()
    root = _root(path)
    adresse = _folder(path).removeprefix(langue.prefixe)
    return ENV.get_template(template).render(
        root=root, racine_langue=root + langue.prefixe, langue=langue, t=textes_theme.for_language(langue.code),
        adresse_page=adresse,
        catalogue=catalogue, today=catalogue.today, depot=settings.repository_url(), **context,
    )  # fmt: skip


def _in_language(code: str, make: Callable[[], str]) -> Callable[[], str]:
    """``make``, run in a language, whenever and wherever the page is written."""

    def made() -> str:
        with i18n.langue(code):
            return make()

    return made


def _ended(catalogue: Catalogue, presences: list[Presence]) -> date | None:
    """The end of a funding agreement that has passed, for posts someone holds here."""
    ends = [end for p in presences if p.present and (end := presence_ends(p.poste)) and end < catalogue.today]
    return max(ends, default=None)


def _map(path: str, spec_args: dict[str, Any], catalogue: Catalogue | None = None) -> dict[str, Any]:
    """The template context of a page's map: its assets and what it shows; given the catalogue,
    a national map, with the overseas départements as insets."""
    root = _root(path)
    css, js = asset_tags(root)
    encarts = []
    if catalogue is not None:
        for code in carte_svg.INSETS:
            limites = [list(corner) for corner in catalogue.referentiels.bounds(code)]
            config = json.dumps({"code": code, "limites": limites}, sort_keys=True)
            encarts.append({"code": code, "nom": catalogue.referentiels.departements[code].nom, "config": config})
    # The settings script of the page's language, and its pages for the popups' links.
    js = [src.replace(root + reglages.PATH, root + reglages.path()) for src in js]
    config = json.loads(MapSpec(root=root, **spec_args).config())
    config["pages"] = root + i18n.courante().prefixe
    config_text = json.dumps(config, ensure_ascii=False, sort_keys=True)
    fichiers = json.dumps({"css": css, "js": js}, ensure_ascii=False)
    return {"config": config_text, "css": css, "js": js, "fichiers": fichiers, "encarts": encarts}


def _bounds(catalogue: Catalogue, code: str) -> tuple[tuple[float, float], tuple[float, float]]:
    return catalogue.referentiels.bounds(code)


def _week(today: date) -> tuple[date, date]:
    monday = today - timedelta(days=today.weekday())
    return monday, monday + timedelta(days=6)


def home(catalogue: Catalogue, langue: i18n.Langue) -> Iterator[Page]:
    path = f"{langue.prefixe}index.md"
    yield Page(path, _in_language(langue.code, partial(_home_page, catalogue, path)), {})


def _home_page(catalogue: Catalogue, path: str) -> str:
    carte = _map(path, {"center": (46.6, 2.4), "zoom": 5}, catalogue)
    counts = {d.code: len(catalogue.places_in(d.code)) for d in catalogue.departements}
    offers = _offers(_root(path), "proposer")
    return _render(
        "accueil.md.j2", path, catalogue, carte=carte, counts=counts, france=_france(catalogue, path),
        propositions=offers,
    )  # fmt: skip


def _offers(root: str, key: str, before: str | None = None) -> dict[str, dict[str, str]]:
    """For the line langues.js shows in the browser's preferred language: in each other language
    of the site, a sentence (``before``), then a link to its home page (``key``'s text)."""
    current = i18n.courante().code
    offers = {}
    for langue in i18n.du_site():
        if langue.code != current:
            texts = textes_theme.for_language(langue.code)
            offers[langue.code] = {
                "avant": str(texts[before]) if before else "",
                "lien": str(texts[key]),
                "href": (root + langue.prefixe) or "./",
                "sens": langue.sens,
            }
    return offers


def _france(catalogue: Catalogue, path: str) -> Markup:
    """The SVG map of départements for a page: links relative to it, posts counted."""
    counts = {d.code: len(catalogue.postes_in(d.code)) for d in catalogue.departements}
    return carte_svg.render(catalogue.referentiels, counts, _root(path) + i18n.courante().prefixe)


def departements(catalogue: Catalogue, langue: i18n.Langue) -> Iterator[Page]:
    counts = {d.code: len(catalogue.postes_in(d.code)) for d in catalogue.departements}
    path = f"{langue.prefixe}departements/index.md"
    yield Page(path, _in_language(langue.code, partial(_departements_page, catalogue, path, counts)), {})
    for departement in catalogue.departements:
        path = f"{langue.prefixe}departements/{departement.code}.md"
        # The map to embed in partners' sites is French, at one address.
        embed = f"departements/{departement.code}/carte/index.html"
        page = partial(_departement_page, catalogue, departement, path, embed)
        yield Page(path, _in_language(langue.code, page), {})
        if langue.code == i18n.SOURCE:
            yield Page(embed, partial(_embed_page, catalogue, departement, embed), {})


def _departements_page(catalogue: Catalogue, path: str, counts: dict[str, int]) -> str:
    return _render("departements.md.j2", path, catalogue, counts=counts, france=_france(catalogue, path))


def _departement_page(catalogue: Catalogue, departement: Departement, path: str, embed: str) -> str:
    places = catalogue.places_in(departement.code)
    nearest = []
    if not places:
        nearest = catalogue.nearest_places(catalogue.referentiels.centre(departement.code), departement.code)
    embed_url = f"{catalogue.site_url}{embed.removesuffix('index.html')}" if catalogue.site_url else None
    return _render(
        "departement.md.j2", path, catalogue, departement=departement, postes=catalogue.postes_in(departement.code),
        places=places, carte=_map(path, {"bounds": _bounds(catalogue, departement.code)}), nearest=nearest,
        embed_url=embed_url,
    )  # fmt: skip


def _embed_page(catalogue: Catalogue, departement: Departement, path: str) -> str:
    carte = _map(path, {"bounds": _bounds(catalogue, departement.code)})
    places = catalogue.places_in(departement.code)
    return _render("integration.html.j2", path, catalogue, departement=departement, places=places, carte=carte)


def postes(catalogue: Catalogue, langue: i18n.Langue) -> Iterator[Page]:
    for poste in catalogue.postes:
        path = f"{langue.prefixe}postes/{poste.id}.md"
        # Its dates and calendar are the same in every language: beside the French page only.
        extra: dict[str, Callable[[], str | bytes]] = {}
        if langue.code == i18n.SOURCE:
            extra = {
                "permanences.json": partial(permanences.for_post, catalogue, poste),
                "calendrier.ics": partial(calendrier.for_post, catalogue, poste.id),
            }
        yield Page(path, _in_language(langue.code, partial(_poste_page, catalogue, poste, path)), extra)


def _poste_page(catalogue: Catalogue, poste: Poste, path: str) -> str:
    departement = catalogue.referentiels.departements[poste.departement]
    presences = catalogue.presences_of(poste)
    upcoming_dates = sorted(o for p, _ in presences if p.present for o in p.occurrences)
    return _render(
        "poste.md.j2", path, catalogue, poste=poste, departement=departement, presences=presences,
        upcoming=[f for f in poste.fermetures if f.au >= catalogue.today], prochaine=upcoming_dates[:1],
        confirmer=any(p.confirmer for p, _ in presences),
        fin_convention=_ended(catalogue, [p for p, _ in presences]),
        agenda=any(p.present and p.occurrences for p, _ in presences),
        jsonld=jsonld.for_post(catalogue, poste, catalogue.site_url),
    )  # fmt: skip


def lieux(catalogue: Catalogue, langue: i18n.Langue) -> Iterator[Page]:
    for place in catalogue.places:
        path = f"{langue.prefixe}lieux/{place.id}.md"
        extra: dict[str, Callable[[], str | bytes]] = {}
        if langue.code == i18n.SOURCE:
            extra = {
                "permanences.json": partial(permanences.for_place, catalogue, place),
                "calendrier.ics": partial(calendrier.for_place, catalogue, place),
            }
        yield Page(path, _in_language(langue.code, partial(_lieu_page, catalogue, place, path)), extra)
        if langue.code == i18n.SOURCE:
            yield from posters(catalogue, place)  # for the door of a French brigade: French


def _lieu_page(catalogue: Catalogue, place: Place, path: str) -> str:
    carte = _map(path, {"center": place.position, "zoom": 13, "focus": place.id})
    monday, sunday = _week(catalogue.today)
    this_week = [
        (presence, occurrence)
        for presence in place.presences
        if presence.present
        for occurrence in presence.occurrences
        if monday <= occurrence.jour <= sunday
    ]
    departement = catalogue.referentiels.departements[place.departement]
    upcoming_dates = sorted(o for p in place.presences if p.present for o in p.occurrences)
    return _render(
        "lieu.md.j2", path, catalogue, place=place, carte=carte, departement=departement,
        semaine=(monday, sunday), cette_semaine=sorted(this_week, key=lambda pair: pair[1]),
        prochaine=upcoming_dates[:1],
        confirmer=any(p.confirmer for p in place.presences),
        fin_convention=_ended(catalogue, list(place.presences)),
        agenda=any(p.present and p.occurrences for p in place.presences),
        verifie_le=max(p.poste.verifie_le for p in place.presences),
        jsonld=jsonld.for_place(place, catalogue.site_url),
    )  # fmt: skip


def _qr_svg(url: str) -> Markup:
    """The poster's QR code as inline SVG, sized by the CSS: zxing-cpp encodes it (level M, the
    standard's choice of mask, in C++: 0.4 ms where a pure-Python encoder took 7); each row's
    dark modules become one path, inside the quiet zone of four modules the standard asks."""
    import zxingcpp

    code = zxingcpp.create_barcode(url, zxingcpp.BarcodeFormat.QRCode, ec_level="M")
    image = code.to_image(scale=1, add_quiet_zones=False)  # one byte a module, 0 for dark
    rows = cast(list[list[int]], memoryview(image).tolist())  # type: ignore[arg-type]  # a buffer; stubs omit it
    quiet, path = 4, []
    for y, row in enumerate(rows):
        x = 0
        for light, run in itertools.groupby(row, key=bool):
            width = len(list(run))
            if not light:
                path.append(f"M{x + quiet} {y + quiet}h{width}v1h-{width}z")
            x += width
    side = len(rows) + 2 * quiet
    return Markup(
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {side} {side}" shape-rendering="crispEdges" '
        f'aria-hidden="true"><path d="{"".join(path)}"/></svg>'
    )


def posters(catalogue: Catalogue, place: Place) -> Iterator[Page]:
    """The printable A4 page for the unit's door (who is here, when, how) and, in the same file,
    its variant for partners, shown at ``affiche.html#partenaires`` (CSS ``:target``, no script):
    one file a place, not two."""
    url = f"{catalogue.site_url}lieux/{place.id}/" if catalogue.site_url else None
    verifie_le = max(p.poste.verifie_le for p in place.presences)
    path = f"lieux/{place.id}/affiche.html"

    def text() -> str:
        qr = _qr_svg(url) if url else None
        return _render("affiche.html.j2", path, catalogue, place=place, url=url, qr=qr, verifie_le=verifie_le)

    yield Page(path, text, {})


def recrutements(catalogue: Catalogue) -> Iterator[Page]:
    calls = [p for p in catalogue.postes if p.recrutement is not None]

    def deadline(poste: Poste) -> date:
        assert poste.recrutement is not None
        return poste.recrutement.date_limite or date.max

    # Grouped by the post's status, the one shown everywhere else; a passed deadline is said beside it.
    open_calls = sorted((p for p in calls if p.statut is Statut.RECRUTEMENT), key=lambda p: (deadline(p), p.id))
    closed = sorted(
        (p for p in calls if p.statut is not Statut.RECRUTEMENT), key=lambda p: (deadline(p), p.id), reverse=True
    )
    path = "recrutements/index.md"
    yield Page(path, _render("recrutements.md.j2", path, catalogue, ouverts=open_calls, clos=closed), {})


def statistiques(catalogue: Catalogue) -> Iterator[Page]:
    path = "statistiques/index.md"
    yield Page(path, partial(_statistiques_page, catalogue, path), {})


def _statistiques_page(catalogue: Catalogue, path: str) -> str:
    figures = stats_module.compute(list(catalogue.postes), catalogue.referentiels, catalogue.today)
    counts = {code: row["postes"] for code, row in figures["par_departement"].items()}
    carte = _map(path, {"markers": False, "choropleth": counts or {"": 0}}, catalogue)
    return _render("statistiques.md.j2", path, catalogue, stats=figures, carte=carte)


def donnees(catalogue: Catalogue) -> Iterator[Page]:
    from site_builder.spreadsheet_layout import descriptions

    path = "donnees/index.md"
    columns = descriptions()
    yield Page(path, _render("donnees.md.j2", path, catalogue, colonnes=columns), {})


def contribuer(catalogue: Catalogue) -> Iterator[Page]:
    from site_builder.render.format_doc import field_rows

    path = "contribuer/index.md"
    codes = [(code, severity, label) for code, (severity, label) in CODES.items()]
    yield Page(path, _render("contribuer.md.j2", path, catalogue, champs=field_rows(), codes=codes), {})


def securite(catalogue: Catalogue, langue: i18n.Langue) -> Iterator[Page]:
    path = f"{langue.prefixe}securite/index.md"
    yield Page(path, _in_language(langue.code, partial(_render, "securite.md.j2", path, catalogue)), {})


def a_propos(catalogue: Catalogue, langue: i18n.Langue) -> Iterator[Page]:
    path = f"{langue.prefixe}a-propos/index.md"
    yield Page(path, _in_language(langue.code, partial(_render, "a_propos.md.j2", path, catalogue)), {})


# Every page of the site, in two lists: a new kind of page is one more function in one of them.
# The pages a victim or a partner uses, in every language (site_builder/i18n.py)…
IN_EVERY_LANGUAGE: list[Callable[[Catalogue, i18n.Langue], Iterator[Page]]] = [
    home,
    departements,
    postes,
    lieux,
    securite,
    a_propos,
]
# … and the maintainers' pages, in French only (the other languages' menus say so).
IN_FRENCH: list[Callable[[Catalogue], Iterator[Page]]] = [
    recrutements,
    statistiques,
    donnees,
    contribuer,
]


def all_pages(catalogue: Catalogue) -> Iterator[Page]:
    for langue in i18n.du_site():
        for builder in IN_EVERY_LANGUAGE:
            yield from builder(catalogue, langue)
    for french in IN_FRENCH:
        yield from french(catalogue)


def expected_files(catalogue: Catalogue) -> list[str]:
    """Every file the catalogue's pages make, as published (the built-site check looks for each)."""
    from site_builder.exports import published_files

    found = published_files()
    for page in all_pages(catalogue):
        found.append(page.folder + "index.html" if page.for_engine else page.path)
        found.extend(page.folder + name for name in page.extra)
    pages = THEME_OVERRIDES.parent / "pages"
    found.extend(p.parent.relative_to(pages).as_posix() + "/index.html" for p in sorted(pages.rglob("index.md")))
    found += ["404.html", *(reglages.path(langue.code) for langue in i18n.du_site()), reglages.COMMUN]
    return found


def beside_engine_files(catalogue: Catalogue) -> set[str]:
    """The files ``write_pages(engine=False)`` makes: standalone pages and files beside pages."""
    found: set[str] = set()
    for page in all_pages(catalogue):
        if not page.for_engine:
            found.add(page.path)
        found.update(page.folder + name for name in page.extra)
    return found


def engine_pages(catalogue: Catalogue) -> list[str]:
    """The engine's pages, in the order ``write_pages`` shares them out."""
    return [page.path for page in all_pages(catalogue) if page.for_engine]


def write_pages(
    catalogue: Catalogue, out: NewFolder, *, engine: bool = True, static: bool = True, share: tuple[int, int] = (0, 1)
) -> int:
    """Write the engine's Markdown pages (``engine``), and/or what needs no engine (``static``):
    standalone pages (posters, embeddable maps) and the files beside pages (JSON, ICS).
    ``share``: (k, n) writes the k-th of every n engine pages, for n processes sharing them."""
    count = 0
    part, parts = share
    index = -1
    for page in all_pages(catalogue):
        if page.for_engine:
            index += 1
            if index % parts != part:
                continue
        if (engine and page.for_engine) or (static and not page.for_engine):
            out.put(page.path, _made(page.path, partial(getattr, page, "text")))
            count += 1
        if static:
            for name, make in page.extra.items():
                out.put(page.folder + name, _made(page.folder + name, make))
    return count


class RenderError(Exception):
    """A page or file could not be made from data the model accepted: a bug to report, said in
    French with what was being written (the traceback stays on the exception's cause)."""


def _made(path: str, make: Callable[[], str | bytes]) -> str | bytes:
    try:
        return make()
    except Exception as error:
        where = path.removesuffix(".md") + "/" if path.endswith(".md") and "/" in path else path
        kind = {"postes": "la fiche du poste", "lieux": "un lieu de permanence", "departements": "un département"}
        section, _, rest = where.partition("/")
        about = f" ({kind[section]} « {rest.split('/')[0]} »)" if section in kind and rest else ""
        raise RenderError(
            f"en écrivant « {where} »{about} : {type(error).__name__} : {error} ; "
            "les données sont valides, c'est une erreur du programme : signalez-la avec ce message"
        ) from error
