"""The workbook written in write-only mode keeps its styled, frozen header row, widths and number formats."""
from __future__ import annotations

import io

import openpyxl

from desk_app.domain import reports as rp
from desk_app.store.report_xlsx import workbook_bytes

P = rp.Period("2026-11-01", "2026-11-30")


def _report(dimension: str) -> rp.Report:
    fig = rp.Figures(tickets_issued=7, wait_median_s=90.0, satisfaction_rate=0.75, ratings=4,
                     ratings_by_level={5: 3, 1: 1}, rectification_rate=None)
    return rp.Report(P, dimension, "2026-12-10", fig, {1: fig, None: rp.Figures()} if dimension == "window"
                     else {"H1": fig})


def test_workbook_reopened_has_headers_formats_and_frozen_rows():
    wb = openpyxl.load_workbook(io.BytesIO(workbook_bytes(
        {d: _report(d) for d in ("hall", "window")}, title="统计报表")))
    assert wb.sheetnames == ["汇总", "按窗口", "办件结果", "评价等级"] and wb.properties.title == "统计报表"
    ws = wb["按窗口"]
    assert ws.freeze_panes == "A2" and ws["A1"].font.b and ws["B1"].fill.fgColor.rgb.endswith("DDEBF7")
    assert ws.column_dimensions["A"].width == 18 and ws.column_dimensions["B"].width == 13
    assert [ws.cell(r, 1).value for r in (2, 3, 4)] == ["1号窗口", "未到窗口", "合计"]
    assert (ws["B2"].value, ws["B2"].number_format) == (7, "0")
    assert (ws["F2"].value, ws["F2"].number_format) == (1.5, "0.0")  # 90 s as minutes
    levels = wb["评价等级"]
    assert [c.value for c in levels[2]] == ["1号窗口", 4, 3, 0, 0, 0, 1, 0.75, None]
    assert levels["H2"].number_format == "0.0%"
