"""The Markdown an import leaves for GitHub: the pull request's description when the import is
clean, the comment that lists the problems when it is not.

Every text in it comes from a file or a form someone else wrote: Markdown and HTML syntax is
escaped, ``@`` cannot mention anyone, ``#`` cannot link an issue, and the whole stays under
GitHub's limit of 65,536 characters.
"""

from __future__ import annotations

import re
from pathlib import Path

from site_builder.importer import Plan
from site_builder.report import visible

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
        lines += [_item(str(problem)) for problem in result.report.sorted()]
    else:
        counts: dict[str, int] = {}
        for change in result.changes:
            counts[change.kind] = counts.get(change.kind, 0) + 1
        summary = ", ".join(f"{n} {kind}" for kind, n in sorted(counts.items())) or "aucun poste"
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
        warnings = result.report.sorted()
        if warnings:
            lines += ["### Avertissements", "", *(_item(str(p)) for p in warnings), ""]
    if result.notes:
        lines += ["", "### Réparations et remarques", "", *(_item(note) for note in result.notes)]
    body = "\n".join(lines).rstrip() + "\n"
    if len(body) > LIMIT:
        body = body[:LIMIT].rsplit("\n", 1)[0] + "\n\n… (la suite est coupée : relancez l'import pour tout voir)\n"
    return body
