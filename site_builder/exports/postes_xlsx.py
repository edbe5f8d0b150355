"""``postes.xlsx``: the CSV's columns in a workbook made to be filled in (Excel, LibreOffice).

- sheet ``postes``: the same columns and rows as ``postes.csv``; every text cell typed as text
  (``01``, ``0381…``, ``09:00`` keep their zeros and are never taken for a formula), numbers
  as numbers; a frozen header whose comments say what goes in each column (from the model, as
  the format page); a drop-down list on every column whose values come from an enumeration,
  and on the département; a help message on each column.
- sheet ``codes``: every enumeration's codes with their French labels, and the départements.

The file is the same for the same data: fixed document dates and zip entry dates.
"""

from __future__ import annotations

import io
import re
import zipfile
from datetime import datetime
from enum import Enum

from openpyxl import Workbook
from openpyxl.comments import Comment
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.worksheet import Worksheet

from site_builder.catalogue import Catalogue
from site_builder.spreadsheet_layout import ALL_COLUMNS, COLUMNS, INFO_COLUMNS, Column, rows

AUTHOR = "iscg"
ROWS_OFFERED = 1000  # the drop-downs reach that far below the last post, for new rows
_FIXED = (1980, 1, 1, 0, 0, 0)


def render(catalogue: Catalogue) -> bytes:
    workbook = Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.title = "postes"
    codes = workbook.create_sheet("codes")
    ranges = _codes_sheet(codes, catalogue)
    names = {code: commune.nom for code, commune in catalogue.referentiels.communes.items()}
    _header(sheet)
    line = 1
    for poste in catalogue.postes:
        for row in rows(poste, names, neutralise=False):
            line += 1
            for index, name in enumerate(COLUMNS, 1):
                _put(sheet, line, index, name, row[name])
    _validations(sheet, ranges, line + ROWS_OFFERED)
    sheet.freeze_panes = "C2"  # the header and the post's id and title stay in view
    moment = datetime(catalogue.today.year, catalogue.today.month, catalogue.today.day)
    workbook.properties.creator = AUTHOR
    workbook.properties.created = workbook.properties.modified = moment
    buffer = io.BytesIO()
    workbook.save(buffer)
    return _fixed_dates(buffer.getvalue(), moment)


_KINDS = {c.name: c for c in ALL_COLUMNS}
_NUMBERS = {c.name for c in ALL_COLUMNS if c.kind == "number"}


def _put(sheet: Worksheet, line: int, index: int, name: str, text: str) -> None:
    cell = sheet.cell(line, index)
    if text == "":
        cell.number_format = "@"
        return
    if name in _NUMBERS:
        number = float(text)
        cell.value = int(number) if number.is_integer() else number
        return
    cell.value = text
    cell.data_type = "s"  # openpyxl would make a formula of a text beginning with "="
    cell.number_format = "@"
    if "\n" in text:
        cell.alignment = Alignment(wrap_text=True, vertical="top")


def _header(sheet: Worksheet) -> None:
    helps = dict([(c.name, c.help) for c in ALL_COLUMNS] + INFO_COLUMNS)
    for index, name in enumerate(COLUMNS, 1):
        cell = sheet.cell(1, index, name)
        cell.data_type = "s"
        cell.font = Font(bold=True)
        cell.fill = PatternFill("solid", fgColor="DDE6F0")
        comment = Comment(helps[name], AUTHOR, width=320, height=140)
        cell.comment = comment
        width = 40 if name in ("intitule", "horaires", "sources", "lieu_nom", "structure_nom") else 18
        sheet.column_dimensions[get_column_letter(index)].width = width
    sheet.auto_filter.ref = f"A1:{get_column_letter(len(COLUMNS))}1"


def _codes_sheet(sheet: Worksheet, catalogue: Catalogue) -> dict[str, str]:
    """The codes sheet; for each drop-down column, the range of its codes (``codes!$B$2:$B$4``)."""
    sheet.append(["colonne", "code", "libellé"])
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    ranges: dict[str, str] = {}

    def block(columns: list[str], members: list[tuple[str, str]]) -> None:
        first = sheet.max_row + 1
        for code, label in members:
            sheet.append([", ".join(columns), code, label])
            for cell in sheet[sheet.max_row]:
                cell.data_type = "s"
                cell.number_format = "@"
        for column in columns:
            ranges[column] = f"codes!$B${first}:$B${sheet.max_row}"

    seen: dict[type[Enum], list[str]] = {}
    for column in ALL_COLUMNS:
        if column.choices is not None and column.kind != "codes":
            seen.setdefault(column.choices, []).append(column.name)
        for part, enum in column.part_choices.items():
            seen.setdefault(enum, []).append(f"{column.name} ({part})")
    for enum, columns in seen.items():
        block(columns, [(str(m.value), getattr(m, "label", str(m.value))) for m in enum])
    departements = sorted(catalogue.referentiels.departements.values(), key=lambda d: d.code)
    block(["departement", "couverture_departements"], [(d.code, d.nom) for d in departements])
    block([c.name for c in ALL_COLUMNS if c.kind == "boolean"] or ["oui ou non"], [("oui", "oui"), ("non", "non")])
    sheet.column_dimensions["A"].width = 34
    sheet.column_dimensions["B"].width = 24
    sheet.column_dimensions["C"].width = 50
    sheet.freeze_panes = "A2"
    return ranges


def _validations(sheet: Worksheet, ranges: dict[str, str], last: int) -> None:
    for index, name in enumerate(COLUMNS, 1):
        letter = get_column_letter(index)
        column: Column | None = _KINDS.get(name)
        area = f"{letter}2:{letter}{last}"
        prompt = (column.help if column else dict(INFO_COLUMNS)[name])[:250]
        if column is not None and column.kind != "codes" and name in ranges:
            check = DataValidation(type="list", formula1=ranges[name], allow_blank=not column.required)
            check.error = "Choisissez une valeur de la liste (feuille « codes »)."
            check.errorTitle = "Valeur inconnue"
            check.showErrorMessage = True
        else:
            check = DataValidation(allow_blank=True)  # no rule: only the help shown on the cell
        check.prompt, check.promptTitle, check.showInputMessage = prompt, name[:32], True
        check.add(area)
        sheet.add_data_validation(check)


def _fixed_dates(content: bytes, moment: datetime) -> bytes:
    """The same zip with every entry dated 1980-01-01 and the document's "modified" date set to
    ``moment`` (openpyxl writes the time of saving), so the same data gives the same file."""
    source = zipfile.ZipFile(io.BytesIO(content))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            fixed = zipfile.ZipInfo(info.filename, _FIXED)
            fixed.compress_type = zipfile.ZIP_DEFLATED
            fixed.external_attr = info.external_attr
            body = source.read(info.filename)
            if info.filename == "docProps/core.xml":
                stamp = rb"\g<1>" + moment.strftime("%Y-%m-%dT%H:%M:%SZ").encode()
                body = re.sub(rb"(<dcterms:modified[^>]*>)[^<]*", stamp, body)
            target.writestr(fixed, body)
    return out.getvalue()
