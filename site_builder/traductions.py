"""The catalogs' upkeep with Babel's own commands, in one place: ``make traductions`` runs it.

``python -m site_builder.traductions`` extracts the French texts into ``messages.pot``, updates
every language's ``.po`` from it (new texts empty, changed ones fuzzy: both fail the tests until
a translator has seen them) and compiles them to check they are well formed (the compiled files
are not kept: the build reads the ``.po`` files). ``pot()`` is what the tests compare with the
committed template, to catch a text changed in the code but not in the catalogs.
"""

from __future__ import annotations

import re
import sys
import tempfile
from pathlib import Path

from babel.messages.frontend import CommandLineInterface
from babel.messages.pofile import read_po

from site_builder import i18n

ROOT = Path(__file__).resolve().parents[1]
POT = i18n.LOCALE_DIR / f"{i18n.DOMAIN}.pot"
# How the texts are found: the keywords beside gettext's, and nothing that changes when a line
# moves (no locations, sorted, no dates), so the catalogs change only when a text does.
EXTRACT = [
    "extract", "--mapping-file", str(ROOT / "babel.cfg"), "--keyword", "N_", "--keyword", "pgettext:1c,2",
    "--keyword", "npgettext:1c,2,3", "--no-location", "--sort-output", "--omit-header",
    "--add-comments", "Traducteurs :", "--no-wrap",
]  # fmt: skip


def _pybabel(*args: str) -> None:
    CommandLineInterface().run(["pybabel", "--quiet", *args])  # type: ignore[no-untyped-call]  # Babel has no stubs


def pot() -> str:
    """The template as extraction makes it now from the code."""
    with tempfile.TemporaryDirectory() as folder:
        out = Path(folder) / "messages.pot"
        _pybabel(*EXTRACT, "--output-file", str(out), str(ROOT / "site_builder"))
        return out.read_text(encoding="utf-8")


def extract() -> None:
    POT.write_text(pot(), encoding="utf-8")


def update() -> None:
    for langue in i18n.TRADUITES:
        command = "update" if i18n.po_path(langue.code).exists() else "init"
        extra = ["--ignore-obsolete", "--no-wrap"] if command == "update" else ["--no-wrap"]
        _pybabel(command, "--input-file", str(POT), "--output-dir", str(i18n.LOCALE_DIR), "--locale", langue.code,
                 "--domain", i18n.DOMAIN, *extra)  # fmt: skip


def compile_check() -> None:
    with tempfile.TemporaryDirectory() as folder:
        for langue in i18n.TRADUITES:
            out = Path(folder) / f"{langue.code}.mo"
            _pybabel("compile", "--input-file", str(i18n.po_path(langue.code)), "--output-file", str(out),
                     "--locale", langue.code, "--domain", i18n.DOMAIN, "--statistics")  # fmt: skip


# What a translation must keep of its French text: the placeholders the code fills in, the
# HTML tags (with their attributes, which carry the links), the spaces at either end.
_PLACEHOLDER = re.compile(r"%\(\w+\)[sd]|\{\w+\}")
_TAG = re.compile(r"</?[a-z]+(?: [^>]*)?>")


def _kept(text: str) -> tuple[list[str], list[str], tuple[bool, bool]]:
    return sorted(_PLACEHOLDER.findall(text)), sorted(_TAG.findall(text)), (text[:1] == " ", text[-1:] == " ")


def problems(code: str) -> list[str]:
    """What is wrong with a language's catalog, one French sentence each, naming the msgid:
    a text missing, fuzzy (its French changed since it was translated) or not keeping what the
    code needs; and texts of the template the catalog lacks."""
    with i18n.po_path(code).open("rb") as po:
        catalog = read_po(po, locale=code)
    with POT.open("rb") as template:
        expected = {message.id for message in read_po(template) if message.id}
    found: list[str] = []
    ids = set()
    for message in catalog:
        if not message.id:
            continue
        ids.add(message.id)
        singular = str(message.id[0] if isinstance(message.id, (tuple, list)) else message.id)
        strings = [
            str(s or "") for s in (message.string if isinstance(message.string, (tuple, list)) else [message.string])
        ]
        if message.fuzzy:
            found.append(f"{code} : traduction à revoir (fuzzy) de « {singular} »")
        elif not all(strings):
            found.append(f"{code} : traduction manquante de « {singular} »")
            continue
        french = _kept(str(message.id[-1] if isinstance(message.id, (tuple, list)) else message.id))
        for string in strings:
            placeholders, tags, spaces = _kept(string)
            if placeholders != french[0] and not (
                isinstance(message.id, tuple) and set(placeholders) <= set(french[0])
            ):
                found.append(f"{code} : « {singular} » : variables {french[0]} attendues, trouvé {placeholders}")
            if tags != french[1]:
                found.append(f"{code} : « {singular} » : balises {french[1]} attendues, trouvé {tags}")
            if spaces != french[2]:
                found.append(
                    f"{code} : « {singular} » : espaces en début ou en fin de texte à garder comme en français"
                )
    found.extend(
        f"{code} : texte absent du catalogue : « {i[0] if isinstance(i, tuple) else i} »" for i in expected - ids
    )
    return found


def main(argv: list[str]) -> int:
    if argv[:1] == ["verifier"]:
        codes = argv[1:] or [langue.code for langue in i18n.TRADUITES]
        found = [problem for code in codes for problem in problems(code)]
        print("\n".join(found) or f"catalogues complets : {', '.join(codes)}")
        return 1 if found else 0
    steps = {"extraire": [extract], "mettre-a-jour": [update], "compiler": [compile_check]}
    chosen = steps.get(argv[0]) if argv else [extract, update, compile_check]
    if chosen is None:
        print(f"étape inconnue « {argv[0]} » (attendu : verifier, {', '.join(steps)})", file=sys.stderr)
        return 2
    for step in chosen:
        step()
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
