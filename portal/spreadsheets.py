"""Spreadsheet (openpyxl) helpers: what the portal exports is data, never formulas."""

from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE, Cell

# Spreadsheet programs read text starting with these as a formula when it is typed or pasted.
FORMULA_PREFIXES = ("=", "+", "-", "@")


def literal_cell(sheet, value) -> Cell:
    """A cell holding ``value`` as it is: text stays text even if it looks like a formula.

    openpyxl takes any text that starts with "=" for a formula; a reviewer named
    ``=HYPERLINK(...)`` would become a live link. Text cells are forced to the string type,
    marked with a quote prefix when they start like a formula (so that editing the cell in
    a spreadsheet program keeps it text), and lose the control characters XLSX cannot hold.
    """
    if not isinstance(value, str):
        return Cell(sheet, value=value)
    text = ILLEGAL_CHARACTERS_RE.sub("", value)
    cell = Cell(sheet, value=text)
    cell.data_type = "s"
    if text.startswith(FORMULA_PREFIXES):
        cell.quotePrefix = True
    return cell


def append_row(sheet, values) -> None:
    """``sheet.append(values)`` with every value written as a literal (see ``literal_cell``)."""
    sheet.append([literal_cell(sheet, value) for value in values])
