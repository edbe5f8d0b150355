"""The Markdown an import leaves for GitHub: the pull request's description when the import is
clean, the comment that lists the problems when it is not.

Every text in it comes from a file or a form someone else wrote: Markdown and HTML syntax is
escaped, ``@`` cannot mention anyone, ``#`` cannot link an issue, and the whole stays under
GitHub's limit of 65,536 characters.
"""

from __future__ import annotations

import re
from pathlib import Path

from openpyxl.utils import get_column_letter

from site_builder.importer import Plan
from site_builder.report import Problem, visible

LIMIT = 60_000
_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!|~>])")


def text(value: str) -> str:
    """A text shown as itself in GitHub's Markdown, on one line."""
    value = visible(value).replace("\r", " ").replace("\n", " ")
    value = value.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    value = _SPECIAL.sub(r"\\\1", value)
    return value.replace("@", "&#64;")  # no one mentioned


def _item(value: str) -> str:
    return f"- {text(value)}"


_SHEETS = (".csv", ".xlsx", ".ods")


def _problem(problem: Problem) -> str:
    """A problem said where a spreadsheet's user looks: row and column letter (``AK``) in a sheet,
    line and column in a post file."""
    if problem.path.lower().endswith(_SHEETS) and problem.column > 0:
        where = f"{problem.path}, ligne {problem.line}, colonne {get_column_letter(problem.column)}"
        return visible(f"{where} : {problem.severity} {problem.code} : {problem.message}")
    return problem.text()


def _concerned(result: Plan, problems: list[Problem]) -> tuple[list[Problem], int]:
    """The warnings about the posts this import creates or changes, and how many others there
    are (the posts it leaves as they were have theirs already: ``iscg validate`` lists them)."""
    touched = {c.poste.id for c in result.changes if c.kind != "inchangé"}
    mine = [p for p in problems if Path(p.path).stem in touched]  # a post's file is named by its id
    return mine, len(problems) - len(mine)


_PLURALS = {"création": "créations", "modification": "modifications", "inchangé": "inchangés"}


def markdown(result: Plan, source: str, data_dir: Path, *, written: bool) -> str:
    lines: list[str] = []
    if result.failed():
        lines += [
            f"## L'import de {text(source)} n'a rien écrit",
            "",
            "Corrigez ces problèmes dans le fichier (ou l'issue), puis déposez-le à nouveau "
            "(chaque ligne dit où : fichier, ligne, colonne) :",
            "",
        ]
        errors, warnings = result.report.errors, result.report.warnings
        lines += [_item(_problem(problem)) for problem in errors]
        if warnings:
            lines += ["", f"Et {len(warnings)} avertissement{'s' if len(warnings) > 1 else ''}, qui n'empêchent pas "
                      "l'import (fiches anciennes, employeur non publié…) : `iscg validate` les liste."]  # fmt: skip
    else:
        counts: dict[str, int] = {}
        for change in result.changes:
            counts[change.kind] = counts.get(change.kind, 0) + 1
        summary = ", ".join(f"{n} {_PLURALS[kind] if n > 1 else kind}" for kind, n in sorted(counts.items()))
        summary = summary or "aucun poste"
        lines += [f"## Import de {text(source)}", "", f"{summary}.", ""]
        if not written:
            lines += ["Rien n'a été écrit (import sans --write).", ""]
        for kind, title in (("création", "Créés"), ("modification", "Modifiés")):
            changed = [c for c in result.changes if c.kind == kind]
            if changed:
                lines += [f"### {title}", ""]
                for change in changed:
                    where = (
                        change.target.relative_to(data_dir) if change.target.is_relative_to(data_dir) else change.target
                    )
                    detail = f" (champs : {', '.join(change.fields)})" if change.fields else ""
                    moved = ""
                    if change.previous is not None and change.previous != change.target:
                        moved = f", déplacé depuis {change.previous.parent.name}/"
                    lines.append(_item(f"{change.poste.id} : {where}{detail}{moved}"))
                lines.append("")
        unchanged = [c.poste.id for c in result.changes if c.kind == "inchangé"]
        if unchanged:
            lines += [f"### Inchangés ({len(unchanged)})", "", text(", ".join(unchanged)), ""]
        if result.absent:
            lines += [
                f"### Absents du tableur ({len(result.absent)}), laissés tels quels",
                "",
                text(", ".join(result.absent)),
                "",
            ]
        warnings, others = _concerned(result, result.report.sorted())
        if warnings:
            lines += [
                "### Avertissements sur les postes créés ou modifiés",
                "",
                *(_item(_problem(p)) for p in warnings),
                "",
            ]
        if others:
            lines += [f"{others} autre{'s' if others > 1 else ''} avertissement{'s' if others > 1 else ''} sur les "
                      "postes laissés tels quels : `iscg validate` les liste.", ""]  # fmt: skip
    if result.notes:
        lines += ["", "### Réparations et remarques", "", *(_item(note) for note in result.notes)]
    body = "\n".join(lines).rstrip() + "\n"
    if len(body) > LIMIT:
        body = body[:LIMIT].rsplit("\n", 1)[0] + "\n\n… (la suite est coupée : relancez l'import pour tout voir)\n"
    return body
