"""Every screen of the demo hall fits a 1366×768 monitor: a maximised window's client area there is about 1366×700
(Windows' 40 px taskbar and a title bar), so the screens are checked at that size."""
from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint, QRect, Qt
from PySide6.QtWidgets import (
    QAbstractButton, QAbstractItemView, QAbstractScrollArea, QApplication, QComboBox, QLabel, QLineEdit,
    QAbstractSpinBox, QWidget,
)

from desk_app.demo import DemoHall
from desk_app.domain import intake as d
from desk_app.ui.models.checklist import COL_NAME, HTML_ROLE

CLIENT_W, CLIENT_H = 1366, 700
BIG_ITEMS = ["11370602MB28531014400010419000001", "11370602004381302M400011301100001"]  # 6 + 6 materials
CONTROLS = (QAbstractButton, QLineEdit, QComboBox, QAbstractSpinBox, QAbstractItemView, QLabel)


@pytest.fixture
def hall(qapp, tmp_path):
    """The demo with the program's font and style sheet (they decide the sizes), undone afterwards."""
    from desk_app.ui.qt_setup import install_font, install_style
    font, sheet = qapp.font(), qapp.styleSheet()
    install_font(qapp)
    install_style(qapp)
    h = DemoHall(qapp, tmp_path / "demo")
    h.windows.show()
    h.windows.main.resize(CLIENT_W, CLIENT_H)
    yield h
    h.close()
    qapp.setStyleSheet(sheet)
    qapp.setFont(font)


def _rect_in(widget: QWidget, ancestor: QWidget) -> QRect:
    return QRect(widget.mapTo(ancestor, QPoint(0, 0)), widget.size())


def _scrolled(widget: QWidget, page: QWidget) -> QAbstractScrollArea | None:
    p = widget.parentWidget()
    while p is not None:
        if isinstance(p, QAbstractScrollArea):
            return p  # also the page itself, when the whole page scrolls
        if p is page:
            return None
        p = p.parentWidget()
    return None


def _cut_off(main, page: QWidget) -> list[str]:
    """Visible controls not inside a scroll area that reach outside their window: the main window's client
    area, or a dialog the page opened (the print preview), which must itself fit the client area's size."""
    bad = []
    for w in page.findChildren(QWidget):
        if not isinstance(w, CONTROLS) or not w.isVisibleTo(main) or _scrolled(w, page) is not None:
            continue
        window = w.window()
        r = _rect_in(w, window)
        if not window.rect().contains(r):
            bad.append(f"{type(w).__name__} {w.objectName() or getattr(w, 'text', lambda: '')()!r} at {r.getRect()}"
                       f" in {_parents(w, page)}")
    for dialog in {w.window() for w in page.findChildren(QWidget)} - {main}:
        if dialog.isVisible() and (dialog.frameGeometry().width() > CLIENT_W
                                   or dialog.frameGeometry().height() > CLIENT_H):
            bad.append(f"{type(dialog).__name__} {dialog.frameGeometry().getRect()} larger than the client area")
    return bad


def _parents(widget: QWidget, page: QWidget) -> str:
    """Where a widget sits, for the failure message: its ancestors' classes and object names up to the page."""
    names, p = [], widget.parentWidget()
    while p is not None and p is not page:
        names.append(f"{type(p).__name__}#{p.objectName()}" if p.objectName() else type(p).__name__)
        p = p.parentWidget()
    return " < ".join(names)


def _overlaps(container: QWidget) -> list[str]:
    """Visible direct children of one layout's widget that overlap each other."""
    kids = [w for w in container.findChildren(QWidget, options=Qt.FindChildOption.FindDirectChildrenOnly)
            if w.isVisible()]
    out = []
    for i, a in enumerate(kids):
        for b in kids[i + 1:]:
            if a.geometry().intersects(b.geometry()):
                out.append(f"{type(a).__name__} {a.geometry().getRect()} / {type(b).__name__} {b.geometry().getRect()}")
    return out


def _settle(qtbot, main) -> None:
    QApplication.processEvents()
    qtbot.waitUntil(lambda: main.stack.height() > 0)
    QApplication.processEvents()


def test_main_window_fits_and_status_bar_shows(qtbot, hall) -> None:
    main = hall.windows.main
    hint = main.minimumSizeHint()
    assert hint.width() <= CLIENT_W and hint.height() <= CLIENT_H, hint
    _settle(qtbot, main)
    assert main.size().height() == CLIENT_H
    sb = main.statusBar()
    assert sb.isVisible() and main.rect().contains(_rect_in(sb, main))
    for i in range(main.stack.count()):
        page = main.stack.widget(i)
        main.show_page(page)
        _settle(qtbot, main)
        assert page.minimumSizeHint().height() <= main.stack.height(), main.nav.item(i).text()
        assert _cut_off(main, page) == [], main.nav.item(i).text()


def _open_big_case(qtbot, hall):
    w = hall.windows
    ws, intake = w.window1, w.window1.intake
    w.main.show_page(ws)
    ws.pages.setCurrentWidget(intake)
    intake.open_walk_in()
    qtbot.waitUntil(lambda: intake.case is not None, timeout=5000)
    intake.intake.set_items(intake.case.id, BIG_ITEMS)
    intake.load_case_number(intake.case.case_number)
    qtbot.waitUntil(lambda: intake.case is not None and len(intake.case.materials) >= 10, timeout=5000)
    _settle(qtbot, w.main)
    return intake


def test_checklist_shows_eight_whole_rows_with_their_tags(qtbot, hall) -> None:
    intake = _open_big_case(qtbot, hall)
    table = intake.table
    viewport_h = table.viewport().height()
    assert table.rowViewportPosition(7) + table.rowHeight(7) <= viewport_h  # 8 rows in view, none cut
    tagged = 0
    model = intake.checklist.model
    for row in range(8):
        name = model.index(row, COL_NAME).data(HTML_ROLE)
        assert intake.checklist.name_height(row) <= table.rowHeight(row), name  # name not clipped
        tagged += "可&#8288;容&#8288;缺" in name
    assert tagged >= 1  # the demo's items have deferrable materials among the first rows
    assert _cut_off(hall.windows.main, hall.windows.window1) == []


def test_errors_and_follow_up_show_without_pushing_buttons_off(qtbot, hall) -> None:
    main = hall.windows.main
    intake = _open_big_case(qtbot, hall)
    # A field error: nothing overlaps, the window keeps its size.
    intake.name.clear()
    intake.resident_id.setText("110101199003074478")
    intake.submit_applicant()
    qtbot.waitUntil(lambda: bool(intake.error_text("name")), timeout=3000)
    _settle(qtbot, main)
    assert main.height() == CLIENT_H and _overlaps(intake.name.parentWidget()) == []
    assert _cut_off(main, hall.windows.window1) == []
    intake.name.setText("张三")
    intake.resident_id.setText("110101199003074477")
    intake.phone.setText("13800138000")
    intake.submit_applicant()
    qtbot.waitUntil(lambda: bool(intake.case.applicant), timeout=3000)
    for m in intake.case.materials:
        intake.intake.check_material(intake.case.id, m["material_id"], d.RECEIVED, form=d.ORIGINAL, copies=1)
    intake.load_case_number(intake.case.case_number)
    qtbot.waitUntil(lambda: intake.case is not None and not intake.case.by_status(d.PENDING), timeout=3000)
    intake.decide(d.ACCEPT)
    qtbot.waitUntil(lambda: intake.case.status == d.ACCEPTED, timeout=5000)
    _settle(qtbot, main)
    assert intake.follow_box.isVisible() and not intake.decision_form.isVisible()
    # The acceptance opened the print preview: it fits the client area's size with 全部打印 in view.
    preview = [w for w in intake.findChildren(QWidget) if type(w).__name__ == "PrintPreviewDialog" and w.isVisible()]
    assert preview and preview[0].rect().contains(_rect_in(preview[0].print_all_button, preview[0]))
    assert _cut_off(main, hall.windows.window1) == []
    # 延长期限 without a reason: its error is scrolled into view, beside the button.
    intake.extend_reason.clear()
    intake.extend()
    qtbot.waitUntil(lambda: bool(intake.error_text("reason")), timeout=3000)
    area = intake.actions_area
    view = area.viewport().rect()

    def shown(widget) -> bool:
        return view.contains(QRect(widget.mapTo(area.viewport(), QPoint(0, 0)), widget.size()))
    qtbot.waitUntil(lambda: shown(intake.extend_error), timeout=2000)
    assert main.height() == CLIENT_H and _cut_off(main, hall.windows.window1) == []


def test_earlier_cases_line_opens_inside_the_applicant_column(qtbot, hall) -> None:
    """The applicant's earlier cases under the form: one line with 查看, the latest few wrapping inside the
    narrow left column (no sideways scrolling), scrolled into view, the window keeping its size."""
    main = hall.windows.main
    intake = _open_big_case(qtbot, hall)
    person = {"kind": "person", "name": "张三", "resident_id": "110101199003074477", "phone": "13800138000"}
    for _ in range(4):
        intake.intake.set_applicant(intake.intake.open_case(item_codes=BIG_ITEMS[:1]).case.id, person)
    intake.name.setText("张三")
    intake.resident_id.setText(person["resident_id"])
    intake.phone.setText(person["phone"])
    intake.submit_applicant()
    line = intake.earlier_cases
    qtbot.waitUntil(line.isVisible, timeout=3000)
    qtbot.mouseClick(line.toggle, Qt.MouseButton.LeftButton)
    _settle(qtbot, main)
    column = line.parentWidget().parentWidget().parentWidget()  # inner widget < viewport < scroll area
    view = column.viewport().rect()

    def shown(widget) -> bool:
        return view.contains(QRect(widget.mapTo(column.viewport(), QPoint(0, 0)), widget.size()))
    assert line.summary.text() == "此人此前在本厅办件 4 件" and len(line.lines()) == 3
    qtbot.waitUntil(lambda: shown(line.toggle) and shown(line.latest), timeout=2000)
    assert line.latest.width() <= view.width() and _overlaps(line) == []
    assert main.height() == CLIENT_H and _cut_off(main, hall.windows.window1) == []


def _squeezed(bar: QWidget) -> list[str]:
    """Visible labels and buttons of ``bar`` narrower than their text needs (Qt clips them: "小票打")."""
    bad = []
    for w in bar.findChildren(QWidget):
        if isinstance(w, (QLabel, QAbstractButton)) and w.isVisibleTo(bar) and w.width() < w.sizeHint().width():
            bad.append(f"{type(w).__name__} {getattr(w, 'text', lambda: '')()!r}: {w.width()} < {w.sizeHint().width()}")
    return bad


def test_status_bar_shows_every_device_whole_at_1366(qtbot, hall) -> None:
    """Every device name and state, the sync state (an outbox waiting too), the signed-in user and, from
    1 November, the calendar warning fit the status bar whole at 1366 px; lock, switch user and sign out are
    in the user's menu."""
    from dataclasses import replace
    from desk_app.devices.health import KINDS
    from desk_app.ui.devices.health_strip import DeviceHealthStrip, health_state_text
    from desk_app.ui.widgets.sync_status import SyncStatusWidget
    main = hall.windows.main
    main.resize(CLIENT_W, 768)
    hall.windows.calendar_status._show(([2027], "2027 年的节假日安排尚未发布。"))  # every PC, from 1 November
    bar = main.statusBar()
    sync = bar.findChild(SyncStatusWidget)
    qtbot.waitUntil(lambda: "在线" in sync.state_label.text(), timeout=10_000)
    sync._timer.stop()  # the states below are shown by the test, not replaced by the next reading
    qtbot.waitUntil(lambda: not sync._reading)
    now = hall.core.services.sync.snapshot()
    for snap in (now, replace(now, pending_events=128, oldest_pending_age_ms=180_000)):
        sync._show(snap)
        _settle(qtbot, main)
        assert bar.minimumSizeHint().width() <= CLIENT_W, sync.detail_label.text()
        assert _squeezed(bar) == []
    strip = bar.findChild(DeviceHealthStrip)
    for kind, name in KINDS.items():
        item = strip.item(kind)
        assert item.text.text().startswith(name) and health_state_text(item.health) in item.toolTip(), kind
    user = bar.findChild(QAbstractButton, "user_menu_button")
    assert "陈值班长" in user.text() and "值班长" in user.toolTip()
    assert [a.objectName() for a in user.menu().actions()] == ["lock_action", "switch_action", "sign_out_action"]
