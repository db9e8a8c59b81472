"""The Excel workbook, checked by reading it back with openpyxl."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import openpyxl
import pytest
from helpers.records import all_records, failed_record, gross_gerau, kassel_2023

from aqb_extract.models import Project
from aqb_extract.xlsx import DATE_FORMAT, EURO_FORMAT, MAX_WIDTH, write_workbook


def _rows(ws: object) -> list[dict[str, object]]:
    values = list(ws.iter_rows(values_only=True))  # type: ignore[attr-defined]
    header = values[0]
    return [dict(zip(header, row, strict=True)) for row in values[1:]]


@pytest.fixture
def workbook(tmp_path: Path) -> openpyxl.Workbook:
    path = tmp_path / "out" / "records.xlsx"
    write_workbook(all_records(), path)
    return openpyxl.load_workbook(path)


def test_sheets_and_documents(workbook: openpyxl.Workbook) -> None:
    assert workbook.sheetnames == ["Documents", "Projects", "Signatories", "Warnings"]
    docs = _rows(workbook["Documents"])
    assert [d["file"] for d in docs] == [
        "2023/kassel.txt",
        "2024/gross-gerau.pdf",
        "2023/gross-gerau.pdf",
        "2024/leer.pdf",
    ]
    gg = docs[1]
    assert gg["status"] == "needs_review"
    assert gg["year"] == 2024
    assert gg["partner"] == "Groß-Gerau"
    assert gg["AGS"] == "06433"  # text, leading zero kept
    assert gg["kind"] == "Landkreis"
    assert gg["amount"] == 1390400.0
    assert gg["projects"] == 3
    assert gg["signatories"] == "Heike Hofmann, Staatsministerin; Thomas Will, Landrat"
    assert gg["lowest confidence"] == 0.55
    assert gg["weakest field"] == "signatories"
    assert gg["warnings"] == 2
    failed = docs[3]
    assert failed["status"] == "failed"
    assert failed["error"] == "The file is empty (0 bytes); there is nothing to extract."
    assert failed["amount"] is None and failed["projects"] == 0


def test_formats_header_filter_and_widths(workbook: openpyxl.Workbook) -> None:
    docs = workbook["Documents"]
    header = [c.value for c in docs[1]]
    amount = docs.cell(row=3, column=header.index("amount") + 1)
    assert amount.number_format == EURO_FORMAT
    assert docs.cell(row=3, column=header.index("AGS") + 1).data_type == "s"
    for ws in workbook.worksheets:
        assert ws.freeze_panes == "A2"
        assert ws.auto_filter.ref is not None and ws.auto_filter.ref.startswith("A1:")
        assert all(c.font.bold for c in ws[1])
        widths = [
            ws.column_dimensions[openpyxl.utils.get_column_letter(i)].width
            for i in range(1, ws.max_column + 1)
        ]
        assert all(6 <= w <= MAX_WIDTH for w in widths)
    assert docs.auto_filter.ref == f"A1:O{docs.max_row}"
    file_width = docs.column_dimensions["A"].width
    assert file_width >= len("2024/gross-gerau.pdf")


def test_projects_sheet(workbook: openpyxl.Workbook) -> None:
    projects = _rows(workbook["Projects"])
    assert len(projects) == 3 + 2 + 2
    row = projects[2]
    assert row == {
        "file": "2024/gross-gerau.pdf",
        "year": 2024,
        "partner": "Groß-Gerau",
        "AGS": "06433",
        "no.": 1,
        "category": 1,
        "category name": "Ausbildungsvorbereitung",
        "title": "FAuB",
    }


def test_signatory_dates_are_excel_dates(workbook: openpyxl.Workbook) -> None:
    ws = workbook["Signatories"]
    rows = _rows(ws)
    kai = rows[0]
    assert kai["name"] == "Kai Klose" and kai["side"] == "ministry"
    assert kai["date"] == dt.datetime(2023, 8, 8)  # openpyxl reads Excel dates back as datetimes
    header = [c.value for c in ws[1]]
    cell = ws.cell(row=2, column=header.index("date") + 1)
    assert cell.is_date and cell.number_format == DATE_FORMAT
    hofmann = next(r for r in rows if r["name"] == "Heike Hofmann")
    assert hofmann["date"] is None  # unreadable: empty, never a guess
    assert hofmann["date as written"] == "7. 7 207 -4"


def test_warnings_sheet(workbook: openpyxl.Workbook) -> None:
    warnings = _rows(workbook["Warnings"])
    assert {
        "file": "2024/gross-gerau.pdf",
        "status": "needs_review",
        "field": "signatories[0].date",
        "message": "date unreadable: '7. 7 207 -4'",
    } in warnings


def test_hostile_text_stays_plain_text(tmp_path: Path) -> None:
    """OCR output may start with '=' or contain control characters; neither may become a
    formula or break the workbook."""
    record = kassel_2023().model_copy(
        update={
            "projects": [
                Project(category=1, category_name="Ausbildungsvorbereitung", title="=SUM(A1:A9)\x0cX")
            ]
        }
    )
    path = tmp_path / "r.xlsx"
    write_workbook([record], path)
    ws = openpyxl.load_workbook(path)["Projects"]
    cell = ws.cell(row=2, column=8)
    assert cell.data_type == "s"
    assert cell.value == "=SUM(A1:A9) X"


def test_empty_run_gives_headers_only(tmp_path: Path) -> None:
    path = tmp_path / "empty.xlsx"
    write_workbook([], path)
    wb = openpyxl.load_workbook(path)
    assert wb["Documents"].max_row == 1
    assert wb["Documents"]["A1"].value == "file"


def test_write_is_atomic(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "records.xlsx"
    write_workbook([gross_gerau()], path)
    before = path.read_bytes()

    def broken_save(self: openpyxl.Workbook, filename: str) -> None:
        Path(filename).write_bytes(b"PK half a zip")
        raise OSError("disk full")

    monkeypatch.setattr(openpyxl.Workbook, "save", broken_save)
    with pytest.raises(OSError, match="disk full"):
        write_workbook([failed_record()], path)
    assert path.read_bytes() == before
    assert [p.name for p in tmp_path.iterdir()] == ["records.xlsx"]  # no temp file left behind
