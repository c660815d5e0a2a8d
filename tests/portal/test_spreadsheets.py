import io

from openpyxl import Workbook, load_workbook

from portal.spreadsheets import append_row


def saved_and_read_back(rows):
    workbook = Workbook()
    for row in rows:
        append_row(workbook.active, row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return load_workbook(io.BytesIO(buffer.getvalue())).active


def test_append_row_keeps_formula_like_text_literal():
    sheet = saved_and_read_back([["=1+1", "@SUM(A1)", "-2", "普通", 3.5]])

    cells = [(cell.value, cell.data_type) for cell in sheet[1]]
    assert cells == [
        ("=1+1", "s"),
        ("@SUM(A1)", "s"),
        ("-2", "s"),
        ("普通", "s"),
        (3.5, "n"),
    ]
    assert [cell.quotePrefix for cell in sheet[1]] == [True, True, True, False, False]


def test_append_row_drops_characters_a_workbook_cannot_hold():
    sheet = saved_and_read_back([["名称\x01\x08"]])

    assert sheet["A1"].value == "名称"
