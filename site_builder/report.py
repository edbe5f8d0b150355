"""Problems found in the data, their stable codes, and how the CLI prints them."""

from __future__ import annotations

import json
import re
from collections import Counter
from dataclasses import asdict, dataclass, field
from enum import StrEnum


class Severity(StrEnum):
    ERREUR = "erreur"
    AVERTISSEMENT = "avertissement"


# Every code, its severity and what it is about. Codes are stable: a maintainer may search
# for one, a tool may filter on it. E1xx: reading the file; E2xx: the format of a field;
# E3xx and A3xx: rules across fields, files and the reference data.
CODES: dict[str, tuple[Severity, str]] = {
    "E101": (Severity.ERREUR, "fichier illisible (encodage, taille)"),
    "E102": (Severity.ERREUR, "syntaxe YAML invalide"),
    "E103": (Severity.ERREUR, "fichier vide"),
    "E104": (Severity.ERREUR, "la racine n'est pas un dictionnaire de clés"),
    "E105": (Severity.ERREUR, "clé en double"),
    "E106": (Severity.ERREUR, "étiquette YAML refusée"),
    "E107": (Severity.ERREUR, "alias YAML trop étendus ou récursifs"),
    "E108": (Severity.ERREUR, "valeurs imbriquées plus profondément que le format ne le permet"),
    "E109": (Severity.ERREUR, "lien symbolique ou fichier spécial refusé dans data/postes/"),
    "E201": (Severity.ERREUR, "champ obligatoire absent"),
    "E202": (Severity.ERREUR, "clé inconnue"),
    "E203": (Severity.ERREUR, "format invalide"),
    "E204": (Severity.ERREUR, "valeur hors de la liste permise"),
    "E205": (Severity.ERREUR, "type de valeur inattendu"),
    "E206": (Severity.ERREUR, "nombre d'éléments incorrect"),
    "E207": (Severity.ERREUR, "valeur hors limites"),
    "E208": (Severity.ERREUR, "plage horaire inversée ou vide"),
    "E209": (Severity.ERREUR, "élément en double dans une liste"),
    "E210": (Severity.ERREUR, "caractère de contrôle ou invisible dans un texte"),
    "E211": (Severity.ERREUR, "retour à la ligne dans un texte d'une ligne"),
    "E212": (Severity.ERREUR, "identifiant réservé par le site"),
    "E301": (Severity.ERREUR, "l'identifiant ne correspond pas au nom du fichier"),
    "E302": (Severity.ERREUR, "le département ne correspond pas au dossier"),
    "E303": (Severity.ERREUR, "identifiant de poste en double"),
    "E304": (Severity.ERREUR, "lieu décrit différemment par deux postes"),
    "E305": (Severity.ERREUR, "code inconnu du référentiel"),
    "E306": (Severity.ERREUR, "position hors de France"),
    "E307": (Severity.ERREUR, "position hors du département de la commune"),
    "E308": (Severity.ERREUR, "permanences qui se chevauchent"),
    "E309": (Severity.ERREUR, "règle toutes les deux semaines sans date de départ"),
    "E310": (Severity.ERREUR, "dates dans le désordre"),
    "E311": (Severity.ERREUR, "informations de recrutement manquantes"),
    "E312": (Severity.ERREUR, "date de vérification dans le futur"),
    "E314": (Severity.ERREUR, "identifiant de lieu en double dans un poste"),
    "E315": (Severity.ERREUR, "deux lieux publiés à la même adresse"),
    "E401": (Severity.ERREUR, "tableur illisible (encodage, taille, cellules)"),
    "E402": (Severity.ERREUR, "colonne absente du tableur"),
    "E403": (Severity.ERREUR, "colonne inconnue dans le tableur"),
    "E404": (Severity.ERREUR, "lignes d'un même poste qui se contredisent"),
    "E405": (Severity.ERREUR, "cellule à plusieurs parties mal écrite"),
    "A301": (Severity.AVERTISSEMENT, "lieu loin du centre de sa commune"),
    "A302": (Severity.AVERTISSEMENT, "heures de permanence au-delà du temps de travail"),
    "A303": (Severity.AVERTISSEMENT, "fiche non vérifiée depuis plus de 12 mois"),
    "A304": (Severity.AVERTISSEMENT, "date limite de recrutement dépassée"),
    "A305": (Severity.AVERTISSEMENT, "convention de financement échue"),
    "A306": (Severity.AVERTISSEMENT, "structure porteuse d'un poste pourvu non indiquée"),
}


# Characters a terminal, an editor or a log viewer would act on instead of showing: control
# characters (escape sequences clear the screen or write to the clipboard), the invisible
# controls that reverse the display around them, line separators, lone UTF-16 halves.
_INVISIBLE = re.compile(
    "[\x00-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069\u2028\u2029\ud800-\udfff\ufeff]"
)
_NAMED = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}


def visible(text: str) -> str:
    """``text`` with every invisible or control character written as an escape (``\\x1b``,
    ``\\u202e``, ``\\n``): what a report prints can neither drive the terminal nor hide."""

    def escape(match: re.Match[str]) -> str:
        char = match.group()
        if char in _NAMED:
            return _NAMED[char]
        code = ord(char)
        return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"

    return _INVISIBLE.sub(escape, text)


@dataclass(frozen=True, order=True)
class Problem:
    path: str
    line: int
    column: int
    code: str
    message: str

    @property
    def severity(self) -> Severity:
        return CODES[self.code][0]

    def text(self) -> str:
        return visible(f"{self.path}:{self.line}:{self.column}: {self.severity} {self.code}: {self.message}")


@dataclass
class Report:
    problems: list[Problem] = field(default_factory=list)
    files: int = 0

    def add(self, problem: Problem) -> None:
        self.problems.append(problem)

    def extend(self, problems: list[Problem]) -> None:
        self.problems.extend(problems)

    def sorted(self) -> list[Problem]:
        # By file, then position, then code: the order in which an editor would fix them.
        return sorted(set(self.problems))

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.sorted() if p.severity is Severity.ERREUR]

    @property
    def warnings(self) -> list[Problem]:
        return [p for p in self.sorted() if p.severity is Severity.AVERTISSEMENT]

    def failed(self, strict: bool = False) -> bool:
        return bool(self.errors) or (strict and bool(self.warnings))

    def errored_files(self) -> set[str]:
        return {p.path for p in self.errors}


def _plural(count: int, word: str) -> str:
    return f"{count} {word}{'s' if count > 1 else ''}"


def summary(report: Report) -> str:
    errors, warnings = len(report.errors), len(report.warnings)
    files = len(report.errored_files())
    if not errors and not warnings:
        return f"{_plural(report.files, 'fichier')} vérifié{'s' if report.files > 1 else ''} : aucun problème."
    parts = [
        _plural(errors, "erreur") if errors else "aucune erreur",
        _plural(warnings, "avertissement") if warnings else "aucun avertissement",
    ]
    where = f" dans {_plural(files, 'fichier')}" if errors else ""
    return f"{_plural(report.files, 'fichier')} vérifié{'s' if report.files > 1 else ''} : {' et '.join(parts)}{where}."


def format_text(report: Report) -> str:
    lines = [p.text() for p in report.sorted()]
    lines.append(summary(report))
    return "\n".join(lines) + "\n"


def format_json(report: Report) -> str:
    problems = [
        asdict(p) | {"path": visible(p.path), "message": visible(p.message), "severite": str(p.severity)}
        for p in report.sorted()
    ]
    by_code = Counter(p.code for p in report.sorted())
    document = {
        "fichiers": report.files,
        "erreurs": len(report.errors),
        "avertissements": len(report.warnings),
        "par_code": dict(sorted(by_code.items())),
        "problemes": problems,
    }
    return json.dumps(document, ensure_ascii=False, indent=2, sort_keys=True) + "\n"


def _escape_github(value: str, *, property: bool = False) -> str:
    value = visible(value).replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
    if property:
        value = value.replace(":", "%3A").replace(",", "%2C")
    return value


def format_github(report: Report) -> str:
    """Workflow commands: GitHub shows each problem on the line it names in the pull request."""
    lines = []
    for p in report.sorted():
        level = "error" if p.severity is Severity.ERREUR else "warning"
        lines.append(
            f"::{level} file={_escape_github(p.path, property=True)},line={p.line},col={p.column},"
            f"title={_escape_github(p.code + ' ' + CODES[p.code][1], property=True)}::{_escape_github(p.message)}"
        )
    lines.append(summary(report))
    return "\n".join(lines) + "\n"


FORMATTERS = {"text": format_text, "json": format_json, "github": format_github}
