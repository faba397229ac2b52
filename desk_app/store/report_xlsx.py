"""The report as an XLSX workbook: Chinese headers, one sheet per table, frozen header row, number formats.

In store/ because the PC's services and desk-central both write it, and store is the one layer both may import.
"""
from __future__ import annotations

import io
from typing import Any, Callable

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill

from desk_app.domain import reports as rp
from desk_app.domain.reports import group_label

SHEETS = (("汇总", "hall"), ("按业务类别", "category"), ("按窗口", "window"), ("按工作人员", "clerk"),
          ("按日期", "day"))
_FORMATS = {"int": "0", "min": "0.0", "ratio": "0.0%", "num": "0.00"}
_HEAD_FONT = Font(bold=True)
_HEAD_FILL = PatternFill("solid", fgColor="DDEBF7")


Progress = Callable[[int, int], None]  # (done, total); raises (e.g. the UI's Cancelled) to stop the export


def _head(ws: Any, headers: list[str]) -> None:
    ws.append(headers)
    for cell in ws[1]:
        cell.font, cell.fill = _HEAD_FONT, _HEAD_FILL
        cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
    ws.freeze_panes = "A2"
    ws.column_dimensions["A"].width = 18
    for i in range(2, len(headers) + 1):
        ws.column_dimensions[ws.cell(1, i).column_letter].width = 13


def _figure_rows(report: rp.Report, names: dict[str, str] | None) -> list[tuple[str, rp.Figures]]:
    rows = [(group_label(report.dimension, k, names), f) for k, f in report.groups.items()]
    if report.dimension != "hall" or len(rows) != 1:
        rows.append(("合计", report.total))
    return rows


def write_figures(ws: Any, report: rp.Report, names: dict[str, str] | None = None) -> None:
    _head(ws, [rp.DIMENSION_LABELS[report.dimension]] + [label for _f, label, _fmt in rp.FIGURE_LABELS])
    for r, (label, fig) in enumerate(_figure_rows(report, names), start=2):
        ws.cell(r, 1, label)
        for c, (name, _label, fmt) in enumerate(rp.FIGURE_LABELS, start=2):
            cell = ws.cell(r, c, rp.figure_value(fig, name, fmt))
            cell.number_format = _FORMATS[fmt]


def write_breakdowns(wb: Workbook, report: rp.Report, names: dict[str, str] | None = None) -> None:
    ws = wb.create_sheet("办件结果")
    outcomes = list(rp.OUTCOME_LABELS)
    _head(ws, [rp.DIMENSION_LABELS[report.dimension], "办件数"] + [rp.OUTCOME_LABELS[o] for o in outcomes])
    for label, fig in _figure_rows(report, names):
        ws.append([label, fig.cases] + [fig.cases_by_outcome.get(o, 0) for o in outcomes])
    ws = wb.create_sheet("评价等级")
    levels = sorted(rp.LEVEL_LABELS, reverse=True)
    _head(ws, [rp.DIMENSION_LABELS[report.dimension], "评价数"] + [rp.LEVEL_LABELS[lv] for lv in levels]
          + ["满意率", "差评整改率"])
    for r, (label, fig) in enumerate(_figure_rows(report, names), start=2):
        ws.append([label, fig.ratings] + [fig.ratings_by_level.get(lv, 0) for lv in levels]
                  + [fig.satisfaction_rate, fig.rectification_rate])
        for col in (len(levels) + 3, len(levels) + 4):
            ws.cell(r, col).number_format = _FORMATS["ratio"]


def workbook_bytes(reports: dict[str, rp.Report], *, title: str, names: dict[str, dict[str, str]] | None = None,
                   progress: Progress | None = None) -> bytes:
    """``reports`` by dimension (as ReportService.reports gives them); one sheet each, then the breakdowns."""
    names = names or {}
    wb = Workbook()
    wb.remove(wb.active)
    wb.properties.title = title
    sheets = [(s, d) for s, d in SHEETS if d in reports]
    total = len(sheets) + 2
    for i, (sheet, dim) in enumerate(sheets):
        if progress:
            progress(i, total)
        write_figures(wb.create_sheet(sheet), reports[dim], names.get(dim))
    if progress:
        progress(len(sheets), total)
    first = next(iter(reports.values()))
    write_breakdowns(wb, reports.get("window", first), names.get("window"))
    buf = io.BytesIO()
    wb.save(buf)
    if progress:
        progress(total, total)
    return buf.getvalue()
