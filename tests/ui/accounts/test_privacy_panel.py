"""The purge on the security page: the dry-run count, the confirm step, the cases purged; a clerk gets none of it."""
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
    qtbot.waitUntil(lambda: "没有办结满 11 年" in panel.note.text())
    assert not panel.purge.isEnabled()

    panel.years.setValue(10)
    panel.preview.click()
    qtbot.waitUntil(lambda: panel.purge.isEnabled())
    assert "将清除 1 件办结满 10 年的个人信息" in panel.note.text()

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
