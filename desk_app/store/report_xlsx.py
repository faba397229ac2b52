"""The report as an XLSX workbook: Chinese headers, one sheet per table, frozen header row, number formats.

Written in openpyxl's write-only mode (rows streamed out, no cell objects kept). In store/ because the PC's
services and desk-central both write it, and store is the one layer both may import.
"""
from __future__ import annotations

import io
from typing import Any, Callable

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter

from desk_app.domain import reports as rp
from desk_app.domain.reports import group_label

SHEETS = (("汇总", "hall"), ("按业务类别", "category"), ("按窗口", "window"), ("按工作人员", "clerk"),
          ("按日期", "day"))
_FORMATS = {"int": "0", "min": "0.0", "ratio": "0.0%", "num": "0.00"}
_HEAD_FONT = Font(bold=True)
_HEAD_FILL = PatternFill("solid", fgColor="DDEBF7")
_HEAD_ALIGN = Alignment(horizontal="center", vertical="center", wrap_text=True)


Progress = Callable[[int, int], None]  # (done, total); raises (e.g. the UI's Cancelled) to stop the export


def _sheet(wb: Workbook, title: str, headers: list[str]) -> Any:
    """A write-only sheet (rows streamed out once, no cell objects kept) with its styled, frozen header row."""
    ws = wb.create_sheet(title)
    ws.freeze_panes = "A2"
    ws.column_dimensions["A"].width = 18
    for i in range(2, len(headers) + 1):
        ws.column_dimensions[get_column_letter(i)].width = 13
    ws.append([_cell(ws, h, font=_HEAD_FONT, fill=_HEAD_FILL, alignment=_HEAD_ALIGN) for h in headers])
    return ws


def _cell(ws: Any, value: Any, number_format: str | None = None, **style: Any) -> WriteOnlyCell:
    cell = WriteOnlyCell(ws, value)
    for k, v in style.items():
        setattr(cell, k, v)
    if number_format:
        cell.number_format = number_format
    return cell


def _figure_rows(report: rp.Report, names: dict[str, str] | None) -> list[tuple[str, rp.Figures]]:
    rows = [(group_label(report.dimension, k, names), f) for k, f in report.groups.items()]
    if report.dimension != "hall" or len(rows) != 1:
        rows.append(("合计", report.total))
    return rows


def write_figures(wb: Workbook, title: str, report: rp.Report, names: dict[str, str] | None = None) -> None:
    ws = _sheet(wb, title, [rp.DIMENSION_LABELS[report.dimension]] + [label for _f, label, _fmt in rp.FIGURE_LABELS])
    for label, fig in _figure_rows(report, names):
        ws.append([label] + [_cell(ws, rp.figure_value(fig, name, fmt), _FORMATS[fmt])
                             for name, _label, fmt in rp.FIGURE_LABELS])


def write_breakdowns(wb: Workbook, report: rp.Report, names: dict[str, str] | None = None) -> None:
    outcomes = list(rp.OUTCOME_LABELS)
    ws = _sheet(wb, "办件结果", [rp.DIMENSION_LABELS[report.dimension], "办件数"]
                + [rp.OUTCOME_LABELS[o] for o in outcomes])
    for label, fig in _figure_rows(report, names):
        ws.append([label, fig.cases] + [fig.cases_by_outcome.get(o, 0) for o in outcomes])
    levels = sorted(rp.LEVEL_LABELS, reverse=True)
    ws = _sheet(wb, "评价等级", [rp.DIMENSION_LABELS[report.dimension], "评价数"]
                + [rp.LEVEL_LABELS[lv] for lv in levels] + ["满意率", "差评整改率"])
    for label, fig in _figure_rows(report, names):
        ws.append([label, fig.ratings] + [fig.ratings_by_level.get(lv, 0) for lv in levels]
                  + [_cell(ws, fig.satisfaction_rate, _FORMATS["ratio"]),
                     _cell(ws, fig.rectification_rate, _FORMATS["ratio"])])


def workbook_bytes(reports: dict[str, rp.Report], *, title: str, names: dict[str, dict[str, str]] | None = None,
                   progress: Progress | None = None) -> bytes:
    """``reports`` by dimension (as ReportService.reports gives them); one sheet each, then the breakdowns."""
    names = names or {}
    wb = Workbook(write_only=True)
    wb.properties.title = title
    sheets = [(s, d) for s, d in SHEETS if d in reports]
    total = len(sheets) + 2
    for i, (sheet, dim) in enumerate(sheets):
        if progress:
            progress(i, total)
        write_figures(wb, sheet, reports[dim], names.get(dim))
    if progress:
        progress(len(sheets), total)
    first = next(iter(reports.values()))
    write_breakdowns(wb, reports.get("window", first), names.get("window"))
    buf = io.BytesIO()
    wb.save(buf)
    if progress:
        progress(total, total)
    return buf.getvalue()
