"""Reading a spreadsheet file into rows of text: ``.csv``, ``.xlsx`` and ``.ods``.

CSV: ``;`` or ``,`` separated, with or without BOM, text cells neutralised against formulas
(``spreadsheet_layout.restored`` undoes it). Workbooks are read with python-calamine, one
reader for ``.xlsx`` and ``.ods`` (and ``.xls``) in Rust, which gives each cell's value as the
program saved it; openpyxl, which writes our workbook, reads ``.xlsx`` only. A cell typed as a
number or a date in a workbook comes back as the text the CSV would hold (``35``, ``0.5``,
``2024-01-03``, ``09:00``). A cell computed by a formula is refused, named by row and column:
its result would silently replace what was typed (calamine reads the results, so the formulas
are found in the file's XML).
"""

from __future__ import annotations

import csv
import io
import re
import zipfile
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from pathlib import Path
from typing import Any
from xml.etree import ElementTree

from site_builder.report import Problem
from site_builder.types import plain_number

MAX_BYTES = 20 << 20
SUFFIXES = (".csv", ".xlsx", ".ods")
SHEET = "postes"  # the sheet of the workbook that holds the posts (else the first one)


@dataclass
class Table:
    header: list[str] = field(default_factory=list)
    records: list[tuple[int, list[str]]] = field(default_factory=list)  # (row number in the file, cells)
    problems: list[Problem] = field(default_factory=list)
    neutralised: bool = True  # text cells behind an apostrophe (CSV); a workbook types its cells instead


def read_table(path: Path, shown: str) -> Table:
    suffix = path.suffix.lower()
    if suffix not in SUFFIXES:
        message = f"format « {suffix or path.name} » inconnu : attendu un tableur .csv, .xlsx ou .ods"
        return Table(problems=[Problem(shown, 1, 1, "E401", message)])
    size = path.stat().st_size
    if size > MAX_BYTES:
        message = f"fichier de {size} octets : trop grand pour un tableur de postes"
        return Table(problems=[Problem(shown, 1, 1, "E401", message)])
    table = _csv(path, shown) if suffix == ".csv" else _workbook(path, shown)
    if not table.problems and not table.header:
        table.problems.append(Problem(shown, 1, 1, "E401", "fichier vide : la première ligne doit nommer les colonnes"))
    return table


def _csv(path: Path, shown: str) -> Table:
    raw = path.read_bytes()
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = raw.count(b"\n", 0, error.start) + 1
        message = "le fichier n'est pas en UTF-8 : enregistrez-le en « CSV UTF-8 »"
        return Table(problems=[Problem(shown, line, 1, "E401", message)])
    first = text.split("\n", 1)[0]
    delimiter = ";" if first.count(";") >= first.count(",") else ","
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    try:
        rows = list(reader)
    except csv.Error as error:
        return Table(problems=[Problem(shown, reader.line_num, 1, "E401", f"CSV illisible : {error}")])
    return _table(rows, neutralised=True)


def _table(rows: list[list[str]], *, neutralised: bool) -> Table:
    if not rows:
        return Table(neutralised=neutralised)
    header = [name.strip() for name in rows[0]]
    while header and header[-1] == "":  # a workbook's empty columns after the last one
        header.pop()
    return Table(header, [(number, cells) for number, cells in enumerate(rows[1:], 2)], [], neutralised)


def _workbook(path: Path, shown: str) -> Table:
    from python_calamine import CalamineError, CalamineWorkbook

    try:
        workbook = CalamineWorkbook.from_path(str(path))
        names = workbook.sheet_names
        sheet = workbook.get_sheet_by_name(SHEET if SHEET in names else names[0])
        values = sheet.to_python(skip_empty_area=False)
    except (CalamineError, OSError, ValueError, IndexError, zipfile.BadZipFile) as error:
        message = f"classeur illisible ({type(error).__name__}) : enregistrez-le en .xlsx ou .ods"
        return Table(problems=[Problem(shown, 1, 1, "E401", message)])
    table = _table([[_text(value) for value in row] for row in values], neutralised=False)
    width = len(table.header)
    table.records = [(n, cells[:width] + [""] * (width - len(cells))) for n, cells in table.records]
    for row, column in _formula_cells(path):
        name = table.header[column - 1] if column <= width else f"colonne {column}"
        table.problems.append(
            Problem(shown, row, column, "E401", f"{name} : cellule calculée par une formule ; écrivez sa valeur")
        )
    return table


def _text(value: Any) -> str:
    """A workbook cell as the text the CSV would hold."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "oui" if value else "non"
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() else plain_number(value)
    if isinstance(value, datetime):
        return value.date().isoformat() if value.time() == time() else value.isoformat(timespec="minutes")
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, time):
        return value.strftime("%H:%M")
    if isinstance(value, timedelta):  # a duration cell (LibreOffice's time of day)
        minutes = int(value.total_seconds()) // 60
        return f"{minutes // 60:02d}:{minutes % 60:02d}"
    return str(value)


# --- Formulas, read from the file itself ---------------------------------------------------------

_XLSX = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
_TABLE = "urn:oasis:names:tc:opendocument:xmlns:table:1.0"


def _formula_cells(path: Path) -> list[tuple[int, int]]:
    """(row, column), from 1, of every cell of the posts' sheet that holds a formula."""
    try:
        with zipfile.ZipFile(path) as archive:
            if "content.xml" in archive.namelist():
                return _ods_formulas(archive.read("content.xml"))
            return _xlsx_formulas(archive)
    except (zipfile.BadZipFile, KeyError, ElementTree.ParseError):
        return []


def _xlsx_formulas(archive: zipfile.ZipFile) -> list[tuple[int, int]]:
    found: list[tuple[int, int]] = []
    sheets = sorted(n for n in archive.namelist() if re.fullmatch(r"xl/worksheets/sheet[0-9]+\.xml", n))
    workbook = archive.read("xl/workbook.xml").decode("utf-8")
    names = re.findall(r'<sheet [^>]*name="([^"]*)"', workbook)
    index = names.index(SHEET) if SHEET in names else 0
    if index >= len(sheets):
        return []
    for cell in ElementTree.fromstring(archive.read(f"xl/worksheets/sheet{index + 1}.xml")).iter(f"{_XLSX}c"):
        if cell.find(f"{_XLSX}f") is not None:
            letters, digits = re.fullmatch(r"([A-Z]+)([0-9]+)", cell.get("r", "A1")).groups()  # type: ignore[union-attr]
            column = 0
            for letter in letters:
                column = column * 26 + ord(letter) - 64
            found.append((int(digits), column))
    return found


def _ods_formulas(content: bytes) -> list[tuple[int, int]]:
    found: list[tuple[int, int]] = []
    tables = list(ElementTree.fromstring(content).iter(f"{{{_TABLE}}}table"))
    chosen = next((t for t in tables if t.get(f"{{{_TABLE}}}name") == SHEET), tables[0] if tables else None)
    if chosen is None:
        return []
    row_number = 0
    for row in chosen.iter(f"{{{_TABLE}}}table-row"):
        rows_repeated = int(row.get(f"{{{_TABLE}}}number-rows-repeated", "1"))
        column = 0
        for cell in row:
            repeated = int(cell.get(f"{{{_TABLE}}}number-columns-repeated", "1"))
            if cell.get(f"{{{_TABLE}}}formula") is not None:
                found.extend((row_number + 1, column + k + 1) for k in range(min(repeated, 1024)))
            column += repeated
        row_number += rows_repeated
    return found
