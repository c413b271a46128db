import io

from openpyxl import load_workbook

from thongthin.core.exports import csv_bytes, safe_cell, xlsx_bytes


def test_formula_cells_are_neutralised():
    assert safe_cell('=HYPERLINK("http://x")') == '\'=HYPERLINK("http://x")'
    assert safe_cell("-1+2") == "'-1+2"
    assert safe_cell("@SUM(A1)") == "'@SUM(A1)"
    assert safe_cell("งานลอยกระทง") == "งานลอยกระทง"
    assert safe_cell(-5) == -5  # numbers stay numbers


def test_csv_has_bom_and_safe_cells():
    data = csv_bytes(["a"], [["=1+1"], ["ไทย"]])
    assert data.startswith("\ufeff".encode())
    assert "'=1+1" in data.decode("utf-8-sig")


def test_xlsx_cells_are_text_not_formulas():
    book = load_workbook(io.BytesIO(xlsx_bytes("s", ["a"], [["=1+1"]])))
    assert book.active["A2"].value == "'=1+1"
    assert book.active["A2"].data_type == "s"
