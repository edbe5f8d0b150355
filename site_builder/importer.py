"""``iscg import FILE``: a spreadsheet in the layout of the exports (``.csv``, ``.xlsx``, ``.ods``),
back to post files.

It reports every problem by row and column (the model's and the checks' alike); shows what it
would create or change; and writes only when asked, all files or none (``journal.py``).
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from site_builder import journal, settings
from site_builder.checks import Context, Entry, check
from site_builder.dump import dump_post
from site_builder.french_errors import problems_from
from site_builder.load import Document, Loc, Mark
from site_builder.model import Poste
from site_builder.report import Problem, Report
from site_builder.spreadsheet_files import read_table
from site_builder.spreadsheet_layout import (
    ALL_COLUMNS,
    COLUMNS,
    POST_COLUMNS,
    CellError,
    cleaned_code,
    get_path,
    read_row,
)
from site_builder.validation import display_path, validate

FILE_PROBLEMS = {"E401", "E402", "E403"}


@dataclass
class Change:
    poste: Poste
    target: Path
    kind: str  # "création", "modification", "inchangé"
    fields: list[str] = field(default_factory=list)
    previous: Path | None = None  # its file now, when the import moves it to another département


@dataclass
class Plan:
    report: Report
    changes: list[Change] = field(default_factory=list)
    absent: list[str] = field(default_factory=list)  # posts of the data folder not in the file
    notes: list[str] = field(default_factory=list)  # repairs made to what a spreadsheet changed

    def failed(self) -> bool:
        return self.report.failed()


def _header_problems(header: list[str], shown: str) -> list[Problem]:
    problems = []
    for index, name in enumerate(header, 1):
        if name not in COLUMNS:
            close = difflib.get_close_matches(name, COLUMNS, n=1)
            hint = f" ; vouliez-vous dire « {close[0]} » ?" if close else ""
            problems.append(Problem(shown, 1, index, "E403", f"colonne inconnue « {name} »{hint}"))
    for name in (c.name for c in ALL_COLUMNS):
        if name not in header:
            problems.append(
                Problem(shown, 1, 1, "E402", f"colonne « {name} » absente : sans elle, ses valeurs seraient effacées")
            )
    return problems


def read_documents(csv_path: Path, result: Plan) -> dict[str, Document]:
    """One document per post of the file (its rows merged), with each field's row and column."""
    shown = display_path(csv_path)
    report = result.report
    table = read_table(csv_path, shown)
    problems = table.problems or _header_problems(table.header, shown)
    header = table.header
    records = []
    for number, cells in table.records:
        if not any(c.strip() for c in cells):
            continue
        if len(cells) != len(header):
            message = f"{len(cells)} cellules, {len(header)} attendues comme dans l'en-tête"
            problems.append(Problem(shown, number, 1, "E401", message))
            continue
        records.append({"#": str(number), **dict(zip(header, cells, strict=True))})
    report.extend(problems)
    if problems:
        return {}
    columns = {name: index for index, name in enumerate(header, 1)}
    documents: dict[str, tuple[Document, dict[str, Any]]] = {}
    for record in records:
        line = int(record["#"])
        for column in columns:
            record[column], note = cleaned_code(column, record[column])
            if note:
                result.notes.append(f"{shown}:{line}:{columns[column]}: {column} : {note}")
        try:
            post, permanence, marks = read_row(record, line, columns, neutralised_cells=table.neutralised)
        except CellError as error:
            report.add(Problem(shown, line, columns[error.column], "E405", f"{error.column} : {error.message}"))
            continue
        identifier = post.get("id") or f"ligne-{line}"
        if identifier not in documents:
            document = Document(shown, {**post, "permanences": []}, {(): Mark(line, 1)})
            for (scope, loc), mark in marks.items():
                if scope == "poste":
                    _mark(document, loc, mark)
            documents[identifier] = (document, post)
        else:
            document, first = documents[identifier]
            for post_column in POST_COLUMNS:
                column, loc = post_column.name, post_column.loc
                if get_path(post, loc) != get_path(first, loc):
                    report.add(
                        Problem(
                            shown, line, columns[column], "E404",
                            f"{column} : diffère de la première ligne du poste « {identifier} » "
                            f"(ligne {document.marks[()].line}) ; chaque ligne d'un poste répète les mêmes valeurs",
                        )
                    )  # fmt: skip
        if permanence is not None:
            index = len(document.data["permanences"])
            document.data["permanences"].append(permanence)
            for (scope, loc), mark in marks.items():
                if scope == "lieu":
                    _mark(document, ("permanences", index, *loc), mark)
            _mark(document, ("permanences", index), Mark(line, columns["lieu_nom"]))
    return {identifier: document for identifier, (document, _) in documents.items()}


def plan(csv_path: Path, data_dir: Path, today: date | None = None) -> Plan:
    """Everything the import would do, and every problem: nothing is written here."""
    today = today or settings.today()
    journal.recover(data_dir)
    result = Plan(Report(files=1))
    documents = read_documents(csv_path, result)
    if any(p.code in FILE_PROBLEMS for p in result.report.problems):
        return result  # without the file's columns, nothing else can be said
    return plan_documents(list(documents.values()), data_dir, today, result, partial=True)


def plan_documents(documents: list[Document], data_dir: Path, today: date, result: Plan, *, partial: bool) -> Plan:
    """Validate ``documents`` as posts among those of ``data_dir`` and say what writing them
    would change. ``partial``: the file holds some posts only (the others are "absent")."""
    report = result.report
    shown = {document.path for document in documents}
    entries = []
    for document in documents:
        try:
            poste = Poste.model_validate(document.data)
        except ValidationError as error:
            report.extend(problems_from(document, error))
            continue
        target = data_dir / "postes" / poste.departement / f"{poste.id}.yml"
        entries.append(Entry(target, document, poste))
    existing = validate(data_dir, today)
    imported = {e.poste.id for e in entries}
    kept = [e for e in existing.entries if e.poste.id not in imported]
    result.absent = sorted(e.poste.id for e in kept) if partial else []
    assert existing.referentiels is not None
    imported_problems = check(entries + kept, Context(existing.referentiels, today))
    report.extend([p for p in imported_problems if p.path in shown])
    before = {e.poste.id: e.poste for e in existing.entries}
    files = {e.poste.id: e.file for e in existing.entries}
    for entry in entries:
        old = before.get(entry.poste.id)
        if old is None:
            result.changes.append(Change(entry.poste, entry.file, "création"))
        elif old == entry.poste and entry.file.is_file():
            result.changes.append(Change(entry.poste, entry.file, "inchangé"))
        else:
            fields = [k for k in Poste.model_fields if getattr(old, k) != getattr(entry.poste, k)]
            moved = files.get(entry.poste.id)
            result.changes.append(Change(entry.poste, entry.file, "modification", fields, moved))
    return result


def _mark(document: Document, loc: Loc, mark: Mark) -> None:
    document.marks[loc] = mark
    document.key_marks[loc] = mark


def write(changes: list[Change], data_dir: Path) -> list[Path]:
    """Write every created or changed file, and remove the old file of a post that moved to
    another département: all of it or nothing, even if the process is killed (``journal.py``)."""
    pending = [c for c in changes if c.kind != "inchangé"]
    files = {change.target: dump_post(change.poste) for change in pending}
    remove = [c.previous for c in pending if c.previous is not None and c.previous != c.target]
    journal.write_all(data_dir, files, remove)
    return sorted(files)
