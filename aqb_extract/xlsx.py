"""The Excel workbook (``extract --xlsx``): the records as four filterable sheets.

Analysts work in Excel; a workbook they can filter and sum straight away saves them flattening
``records.jsonl`` by hand. Values are typed (amounts are numbers with a euro format, dates are
Excel dates, AGS keys stay text with their leading zero), so sums, filters and sorts work without
cleaning up first.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import os
import uuid
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

from openpyxl import Workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter

from .models import Record
from .output import temp_prefix
from .show import lowest_confidence

EURO_FORMAT = '#,##0.00 "€"'
DATE_FORMAT = "DD.MM.YYYY"
CONFIDENCE_FORMAT = "0.00"
TEXT_FORMAT = "@"

#: Column widths are measured from the content but kept in this range, so a long § text or error
#: neither hides behind a sliver nor pushes every other column off screen.
MIN_WIDTH, MAX_WIDTH = 6, 60

_STATUS_FILL = {
    "needs_review": PatternFill("solid", fgColor="FFF4CE"),
    "failed": PatternFill("solid", fgColor="FDE2E1"),
}
_HEADER_FILL = PatternFill("solid", fgColor="DDE4EE")


class _Col:
    """One column: header, width hint and cell number format."""

    def __init__(self, header: str, number_format: str | None = None, wrap: bool = False) -> None:
        self.header = header
        self.number_format = number_format
        self.wrap = wrap


_DOCUMENTS = (
    _Col("file"),
    _Col("status"),
    _Col("year"),
    _Col("partner"),
    _Col("AGS", TEXT_FORMAT),
    _Col("kind"),
    _Col("amount", EURO_FORMAT),
    _Col("projects"),
    _Col("signatories"),
    _Col("lowest confidence", CONFIDENCE_FORMAT),
    _Col("weakest field"),
    _Col("warnings"),
    _Col("error", wrap=True),
    _Col("method"),
    _Col("pages"),
)
_PROJECTS = (
    _Col("file"),
    _Col("year"),
    _Col("partner"),
    _Col("AGS", TEXT_FORMAT),
    _Col("no."),
    _Col("category"),
    _Col("category name"),
    _Col("title", wrap=True),
)
_SIGNATORIES = (
    _Col("file"),
    _Col("year"),
    _Col("partner"),
    _Col("AGS", TEXT_FORMAT),
    _Col("side"),
    _Col("name"),
    _Col("role"),
    _Col("place"),
    _Col("date", DATE_FORMAT),
    _Col("date as written"),
)
_WARNINGS = (
    _Col("file"),
    _Col("status"),
    _Col("field"),
    _Col("message", wrap=True),
)


def _clean(value: Any) -> Any:
    """Make a value safe for a cell: OCR text can hold control characters (a form feed between
    pages) that openpyxl refuses, which would lose the whole workbook over one stray byte."""
    if isinstance(value, str):
        return ILLEGAL_CHARACTERS_RE.sub(" ", value)
    return value


def _signatory_names(record: Record) -> str:
    return "; ".join(", ".join(p for p in (s.name or "?", s.role) if p) for s in record.signatories)


def _document_rows(records: Sequence[Record]) -> Iterable[list[Any]]:
    for r in records:
        weakest = lowest_confidence(r)
        yield [
            r.source.path,
            r.status,
            r.year,
            r.partner.name if r.partner else None,
            r.partner.ags if r.partner else None,
            r.partner.kind if r.partner else None,
            r.amount_eur,
            len(r.projects),
            _signatory_names(r) or None,
            weakest[1] if weakest else None,
            weakest[0] if weakest else None,
            len(r.warnings),
            r.error,
            r.source.method,
            r.source.pages,
        ]


def _project_rows(records: Sequence[Record]) -> Iterable[list[Any]]:
    for r in records:
        for i, p in enumerate(r.projects):
            yield [
                r.source.path,
                r.year,
                r.partner.name if r.partner else None,
                r.partner.ags if r.partner else None,
                i + 1,
                p.category,
                p.category_name,
                p.title,
            ]


def _signatory_rows(records: Sequence[Record]) -> Iterable[list[Any]]:
    for r in records:
        for s in r.signatories:
            yield [
                r.source.path,
                r.year,
                r.partner.name if r.partner else None,
                r.partner.ags if r.partner else None,
                s.side,
                s.name,
                s.role,
                s.place,
                s.date,
                s.date_as_written,
            ]


def _warning_rows(records: Sequence[Record]) -> Iterable[list[Any]]:
    for r in records:
        for w in r.warnings:
            yield [r.source.path, r.status, w.field, w.message]


def _display_len(value: Any, number_format: str | None) -> int:
    if value is None:
        return 0
    if isinstance(value, float) and number_format == EURO_FORMAT:
        return len(f"{value:,.2f} €")
    if isinstance(value, dt.date):
        return 10
    return max((len(line) for line in str(value).splitlines()), default=0)


def _fill_sheet(ws: Any, columns: Sequence[_Col], rows: Iterable[list[Any]], status_col: int | None) -> None:
    """Header, typed rows, number formats, widths, frozen header and autofilter for one sheet."""
    ws.append([c.header for c in columns])
    widths = [len(c.header) + 2 for c in columns]  # room for the autofilter arrow
    for row in rows:
        ws.append([_clean(v) for v in row])
        cells = ws[ws.max_row]
        for i, (cell, col) in enumerate(zip(cells, columns, strict=True)):
            if isinstance(cell.value, str) and cell.value.startswith("="):
                # openpyxl turns a string starting with "=" into a formula; OCR text is never one.
                cell.data_type = "s"
            if col.number_format:
                cell.number_format = col.number_format
            if col.wrap:
                cell.alignment = Alignment(wrap_text=True, vertical="top")
            widths[i] = max(widths[i], _display_len(cell.value, col.number_format) + 1)
        if status_col is not None:
            fill = _STATUS_FILL.get(str(row[status_col]))
            if fill is not None:
                for cell in cells:
                    cell.fill = fill
    for cell in ws[1]:
        cell.font = Font(bold=True)
        cell.fill = _HEADER_FILL
    for i, width in enumerate(widths, start=1):
        ws.column_dimensions[get_column_letter(i)].width = max(MIN_WIDTH, min(MAX_WIDTH, width))
    ws.freeze_panes = "A2"
    ws.auto_filter.ref = f"A1:{get_column_letter(len(columns))}{max(ws.max_row, 1)}"


def build_workbook(records: Sequence[Record]) -> Workbook:
    """The workbook in memory (sheets Documents, Projects, Signatories, Warnings), documents in
    the order given, so the sheet lines up with ``records.jsonl`` and ``summary.csv``."""
    wb = Workbook()
    documents = wb.active
    documents.title = "Documents"
    _fill_sheet(documents, _DOCUMENTS, _document_rows(records), status_col=1)
    _fill_sheet(wb.create_sheet("Projects"), _PROJECTS, _project_rows(records), status_col=None)
    _fill_sheet(wb.create_sheet("Signatories"), _SIGNATORIES, _signatory_rows(records), status_col=None)
    _fill_sheet(wb.create_sheet("Warnings"), _WARNINGS, _warning_rows(records), status_col=1)
    return wb


def write_workbook(records: Sequence[Record], path: Path) -> None:
    """Write the workbook to ``path`` atomically (temp file in the same folder, then
    :func:`os.replace`): an interrupted run, or Excel holding the old file open on a share,
    never leaves a half-written workbook behind, as the contract demands of every output."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    wb = build_workbook(records)
    # Not mkstemp: its 0600 mode would make the workbook unreadable to colleagues on a share.
    tmp = path.with_name(f"{temp_prefix(path)}{uuid.uuid4().hex[:8]}.tmp")
    try:
        wb.save(tmp)
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            tmp.unlink()
        raise
