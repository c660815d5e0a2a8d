"""Spreadsheet exports of the scoring app (openpyxl)."""

from io import BytesIO

from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill

from portal.spreadsheets import append_row


def panel_matrix_workbook(panel, matrix) -> bytes:
    """The panel matrix as an XLSX file: criteria × reviewers, per-item mean, sheet totals."""
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = _("Panel matrix")[:31]
    bold = Font(bold=True)
    append_row(sheet, [str(panel)])
    append_row(sheet, [_("Scoring template"), str(panel.template)])
    append_row(sheet, [])
    header = [
        _("Code"),
        _("Criterion"),
        _("Maximum"),
        *[member.reviewer.get_full_name() for member in matrix.members],
        _("Mean"),
    ]
    append_row(sheet, header)
    header_row = sheet.max_row
    for cell in sheet[header_row]:
        cell.font = bold
        cell.fill = PatternFill("solid", fgColor="DDE6F0")
    for row in matrix.rows:
        criterion = row.row.criterion
        values = [
            criterion.code,
            ("  " * row.row.depth) + criterion.title,
            float(criterion.max_points),
            *[float(value) if value is not None else None for value in row.cells],
            float(row.mean) if row.mean is not None else None,
        ]
        append_row(sheet, values)
        if not row.row.is_leaf:
            for cell in sheet[sheet.max_row]:
                cell.font = bold
    append_row(
        sheet,
        [
            "",
            _("Total"),
            float(panel.template.total_points),
            *[float(total) if total is not None else None for total in matrix.totals],
            float(matrix.result.score) if matrix.result.score is not None else None,
        ],
    )
    for cell in sheet[sheet.max_row]:
        cell.font = bold
    sheet.column_dimensions["A"].width = 10
    sheet.column_dimensions["B"].width = 40
    for row in sheet.iter_rows(min_row=header_row + 1):
        for cell in row[2:]:
            cell.number_format = "0.00"
            cell.alignment = Alignment(horizontal="right")
    buffer = BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
