"""Every problem of every file: load, type with the model, then the rules of ``checks``."""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from pydantic import ValidationError

from site_builder import journal, settings
from site_builder.checks import Context, Entry, check
from site_builder.french_errors import problems_from
from site_builder.load import load_file, post_files
from site_builder.model import Poste
from site_builder.referentiels import DEFAULT_DIR, Referentiels
from site_builder.report import Report


@dataclass
class Result:
    report: Report
    entries: list[Entry] = field(default_factory=list)
    referentiels: Referentiels | None = None


def display_path(file: Path) -> str:
    """The path as the maintainer would type it: relative to where they stand when possible."""
    try:
        return os.path.relpath(file)
    except ValueError:  # another drive
        return str(file)


def referentiels_dir(data_dir: Path) -> Path:
    """The data folder's own reference files when it has them, else the project's."""
    own = data_dir / "referentiels"
    return own if (own / "communes.csv").is_file() else DEFAULT_DIR


def validate(data_dir: Path, today: date | None = None, referentiels: Referentiels | None = None) -> Result:
    today = today or settings.today()
    journal.recover(data_dir)  # an import killed half-way is finished or undone before reading
    report = Report()
    entries: list[Entry] = []
    for file in post_files(data_dir):
        report.files += 1
        document, problems = load_file(file, display_path(file))
        report.extend(problems)
        if document is None:
            continue
        try:
            poste = Poste.model_validate(document.data)
        except ValidationError as error:
            report.extend(problems_from(document, error))
            continue
        entries.append(Entry(file, document, poste))
    referentiels = referentiels or Referentiels.load(referentiels_dir(data_dir))
    report.extend(check(entries, Context(referentiels, today)))
    return Result(report, entries, referentiels)
