"""The purge on the security page: the dry-run count per kind, the confirm step, what was purged; a clerk gets none."""
from __future__ import annotations

from datetime import datetime

import pytest
from sqlalchemy import select

from desk_app.domain.errors import PermissionDenied
from desk_app.runtime.bridge import MessageBridge
from desk_app.runtime.ops import Runner
from desk_app.runtime.settings import Settings
from desk_app.services.authorization import Actor, AuthorizedStore
from desk_app.services.intake import IntakeService
from desk_app.services.retention import RetentionService
from desk_app.store.models import Attachment
from desk_app.ui.admin.privacy_panel import PrivacyPurgePanel
from desk_app.ui.admin.security_page import SecuritySettingsPage
from desk_app.ui.context import ScreenContext, SignedInUser
from tests.intake_support import clock, hall  # noqa: F401 - shared fixtures
from tests.ui.runner_support import drain_and_shut_down
from tests.ui_support import screen_services
from tests.unit.services.test_personal_data_at_rest import _finished_case


@pytest.fixture
def make_ctx(qapp, hall, tmp_path):  # noqa: F811
    made: list[ScreenContext] = []

    def make(username: str, role: str) -> ScreenContext:
        store = AuthorizedStore(hall, Actor(username, role, None))
        bridge = MessageBridge()
        c = ScreenContext(runner=Runner(bridge), bridge=bridge, settings=Settings(tmp_path / "settings.json"),
                          services=screen_services(store, actor=username, window_number=None),
                          user=SignedInUser(username, username, role))
        made.append(c)
        return c
    yield make
    for c in made:
        drain_and_shut_down(qapp, c.runner)


def test_the_admin_previews_confirms_and_purges(qtbot, hall, data_dir, clock, make_ctx, tmp_path) -> None:  # noqa: F811
    old, _printing = _finished_case(hall, data_dir)
    with hall.read() as s:
        shas = set(s.scalars(select(Attachment.sha256).where(Attachment.case_id == old)))
    clock.set(datetime(2036, 12, 1, 9, 0))
    ctx = make_ctx("admin1", "admin")
    page = SecuritySettingsPage(ctx)
    qtbot.addWidget(page)
    panel = page.privacy
    assert panel is not None and panel.isEnabled() and panel.years.value() == 10
    assert not panel.purge.isEnabled()  # nothing to purge before a count

    panel.years.setValue(11)  # the setting: saved, and a count of 0 at 11 years
    assert Settings(tmp_path / "settings.json").get("privacy.retention_years") == 11
    panel.preview.click()
    qtbot.waitUntil(lambda: "没有保存满 11 年" in panel.note.text())
    assert not panel.purge.isEnabled()

    panel.years.setValue(10)
    panel.preview.click()
    qtbot.waitUntil(lambda: panel.purge.isEnabled())
    assert "保存满 10 年" in panel.note.text() and "办件 1 件，预约 0 个，办不成事反映 0 件" in panel.note.text()

    panel.purge.click()  # the confirm step; cancelling purges nothing
    assert panel.confirm_box.isVisibleTo(panel) and "1 件" in panel.confirm_text.text()
    panel.cancel.click()
    assert not panel.confirm_box.isVisibleTo(panel) and "已取消" in panel.note.text()
    assert IntakeService(hall).get(old).pii_purged_on is None

    panel.preview.click()
    qtbot.waitUntil(lambda: panel.purge.isEnabled())
    panel.purge.click()
    panel.confirm.click()
    qtbot.waitUntil(lambda: "已清除 1 件" in panel.note.text())
    assert f"删除本机附件 {len(shas)} 个" in panel.note.text()
    state = IntakeService(hall).get(old)
    assert state.pii_purged_on == "2036-12-01" and state.applicant["name"] == ""
    assert not any(hall.blobs.has(sha) for sha in shas)


def test_a_clerk_gets_no_purge(qtbot, hall, data_dir, clock, make_ctx) -> None:  # noqa: F811
    old, _printing = _finished_case(hall, data_dir)
    clock.set(datetime(2036, 12, 1, 9, 0))
    ctx = make_ctx("clerk5", "clerk")
    panel = PrivacyPurgePanel(ctx)
    qtbot.addWidget(panel)
    assert not panel.preview.isEnabled() and not panel.purge.isEnabled() and not panel.years.isEnabled()
    assert "只有值班长或系统管理员" in panel.note.text()
    panel._on_confirm_clicked()  # even driven directly, nothing is sent to the writer
    assert ctx.runner.idle()
    with pytest.raises(PermissionDenied):  # and the service refuses a clerk whatever the screen shows
        RetentionService(AuthorizedStore(hall, Actor("clerk5", "clerk", None))).purge(10)
    assert IntakeService(hall).get(old).pii_purged_on is None


def test_a_refused_purge_is_told_in_chinese(qtbot, hall, make_ctx) -> None:  # noqa: F811
    ctx = make_ctx("super1", "supervisor")
    panel = PrivacyPurgePanel(ctx)
    qtbot.addWidget(panel)
    ctx.settings.set("privacy.retention_years", "abc")  # a hand-edited file: the panel still opens
    assert PrivacyPurgePanel(ctx).years.value() == 10
    panel._on_years_value_changed(10)
    panel.years.blockSignals(True)
    panel.years.setMinimum(0)
    panel.years.setValue(0)  # past the service's bounds (a value the spin box normally refuses)
    panel.preview.click()
    qtbot.waitUntil(lambda: "保存期限应为 1 至 100 年" in panel.note.text())
    assert panel.preview.isEnabled() and not panel.purge.isEnabled()


def test_the_counts_name_appointments_and_complaints_and_the_purge_blanks_them(
        qtbot, hall, clock, make_ctx) -> None:  # noqa: F811
    from desk_app.services.complaints import ComplaintService
    from tests.unit.services.test_retention_appointments_complaints import NAME, _appointment, _book, _complaint
    appt = _book(hall, datetime(2026, 11, 23, 10, 0))
    complaints = ComplaintService(hall, actor="duty1", window_number=30)
    cid = _complaint(complaints, clock, datetime(2026, 11, 23, 11, 0))
    clock.set(datetime(2036, 12, 1, 9, 0))
    panel = PrivacyPurgePanel(make_ctx("super1", "supervisor"))
    qtbot.addWidget(panel)
    panel.preview.click()
    qtbot.waitUntil(lambda: panel.purge.isEnabled())
    assert "办件 0 件，预约 1 个，办不成事反映 1 件" in panel.note.text()
    panel.purge.click()
    assert "0 件办件、1 个预约和 1 件办不成事反映" in panel.confirm_text.text()
    assert _appointment(hall, appt).name == NAME  # nothing before the confirmation
    panel.confirm.click()
    qtbot.waitUntil(lambda: "已清除 0 件办件、1 个预约和 1 件办不成事反映" in panel.note.text())
    assert _appointment(hall, appt).name == "" and complaints.get(cid).complainant_name == ""
