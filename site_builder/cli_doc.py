"""The README's table of ``iscg`` commands, written from the commands themselves (their usage
line and the first line of their help), so that it cannot drift from what ``--help`` says.

``python -m site_builder.cli_doc`` rewrites the table between its two markers in README.md;
a test fails when the committed table differs.
"""

from __future__ import annotations

import re
from pathlib import Path

import click

from site_builder.cli import main

README = Path(__file__).resolve().parent.parent / "README.md"
START, END = "<!-- commandes : début (généré par python -m site_builder.cli_doc) -->", "<!-- commandes : fin -->"


def _metavar(parameter: click.Parameter) -> str:
    kind = parameter.type
    if isinstance(kind, click.Choice):
        return "\\|".join(str(c) for c in kind.choices)
    if isinstance(kind, click.Path):
        return "DOSSIER" if not kind.file_okay else ("FICHIER" if not kind.dir_okay else "CHEMIN")
    if isinstance(kind, click.types.IntParamType):
        return "NOMBRE"
    return (parameter.metavar or parameter.name or "").upper()


def _usage(command: click.Command, name: str) -> str:
    parts = [f"iscg {name}"]
    for parameter in command.params:
        if getattr(parameter, "hidden", False) or parameter.name == "help":
            continue
        if isinstance(parameter, click.Argument):
            parts.append(parameter.metavar or _metavar(parameter))
        elif isinstance(parameter, click.Option):
            flag = parameter.opts[0]
            parts.append(f"[{flag}]" if parameter.is_flag else f"[{flag} {_metavar(parameter)}]")
    return " ".join(parts)


def table() -> str:
    lines = ["| commande | ce qu'elle fait |", "|---|---|"]
    for name, command in sorted(main.commands.items()):
        summary = (command.help or "").strip().split("\n\n")[0].replace("\n", " ")
        lines.append(f"| `{_usage(command, name)}` | {summary.replace('|', chr(92) + '|')} |")
    return "\n".join(lines)


def rewritten(text: str) -> str:
    pattern = re.compile(re.escape(START) + r".*?" + re.escape(END), re.S)
    return pattern.sub(lambda _: f"{START}\n{table()}\n{END}", text)


if __name__ == "__main__":
    README.write_text(rewritten(README.read_text(encoding="utf-8")), encoding="utf-8")
