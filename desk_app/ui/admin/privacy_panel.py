"""The retention purge for the administrator or supervisor: the retention setting, a dry-run count, a confirm step."""
from __future__ import annotations

from PySide6.QtWidgets import QFrame, QGroupBox, QHBoxLayout, QLabel, QPushButton, QSpinBox, QVBoxLayout, QWidget

from desk_app.domain.errors import KnownError
from desk_app.domain.intake import CASE_PII_PURGED
from desk_app.domain.permissions import ALLOWED
from desk_app.services.retention import MAX_YEARS
from desk_app.ui.errors import error_text

RETENTION_KEY = "privacy.retention_years"


def may_purge(role: str) -> bool:
    """The roles the permissions table lets cause ``case.pii_purged`` (the same for appointments and complaints; the
    service checks it again)."""
    return role in ALLOWED[CASE_PII_PURGED]


class PrivacyPurgePanel(QGroupBox):
    """Takes a ScreenContext. 预览 counts what the purge would erase (a read); 清除 asks once more, then purges on
    the writer; every result is told on the panel in Chinese."""

    def __init__(self, ctx, parent: QWidget | None = None):
        super().__init__(parent)
        self.setTitle(self.tr("个人信息保存期限"))
        self.ctx = ctx
        self.allowed = may_purge(ctx.user.role)
        self.due_count = 0
        self.due = None  # the last count (a PurgeResult): the confirm step names its kinds
        self.years = QSpinBox(self, objectName="privacy_retention_years")
        self.years.setRange(1, MAX_YEARS)
        self.years.setSuffix(self.tr(" 年"))
        self.years.setValue(_bounded(ctx.settings.get(RETENTION_KEY)))
        self.years.setMaximumWidth(120)
        self.years.valueChanged.connect(self._on_years_value_changed)
        self.preview = QPushButton(self.tr("预览"), self, objectName="privacy_preview")
        self.preview.clicked.connect(self._on_preview_clicked)
        self.purge = QPushButton(self.tr("清除个人信息…"), self, objectName="privacy_purge")
        self.purge.setEnabled(False)
        self.purge.clicked.connect(self._on_purge_clicked)
        self.confirm_box = QFrame(self)
        self.confirm_text = QLabel(self.confirm_box)
        self.confirm_text.setWordWrap(True)
        self.confirm = QPushButton(self.tr("确认清除"), self.confirm_box, objectName="privacy_confirm")
        self.confirm.setProperty("danger", True)
        self.confirm.clicked.connect(self._on_confirm_clicked)
        self.cancel = QPushButton(self.tr("取消"), self.confirm_box, objectName="privacy_cancel")
        self.cancel.clicked.connect(self._on_cancel_clicked)
        crow = QHBoxLayout(self.confirm_box)
        crow.setContentsMargins(0, 0, 0, 0)
        crow.addWidget(self.confirm_text, 1)
        crow.addWidget(self.confirm)
        crow.addWidget(self.cancel)
        self.confirm_box.hide()
        self.note = QLabel(self, objectName="privacy_note")
        self.note.setWordWrap(True)
        row = QHBoxLayout()
        row.addWidget(QLabel(self.tr("办结后保存"), self))
        row.addWidget(self.years)
        row.addWidget(self.preview)
        row.addWidget(self.purge)
        row.addStretch(1)
        lay = QVBoxLayout(self)
        explain = QLabel(self.tr("到期办件的申请人、代理人和领取人，到期预约的预约人，到期办不成事反映的反映人，其姓名、"
                                 "身份证号、电话及办件的扫描件、存档文书将被清除；办件、预约、反映的记录和统计保留。"
                                 "预约按预约日、反映按办结日计算。"), self)
        explain.setWordWrap(True)
        lay.addWidget(explain)
        lay.addLayout(row)
        lay.addWidget(self.confirm_box)
        lay.addWidget(self.note)
        if not self.allowed:
            for w in (self.years, self.preview, self.purge):
                w.setEnabled(False)
            self.note.setText(self.tr("只有值班长或系统管理员可以清除个人信息。"))

    # ------------------------------------------------------------------ steps
    def _on_years_value_changed(self, years: int) -> None:
        self.ctx.settings.set(RETENTION_KEY, years)
        self._reset(self.tr("保存期限已改为 {0} 年，请重新预览。").format(years))

    def _reset(self, text: str) -> None:
        self.due_count = 0
        self.purge.setEnabled(False)
        self.confirm_box.hide()
        self.note.setText(text)

    def _on_preview_clicked(self) -> None:
        if not self.allowed:
            return
        years = self.years.value()
        self.preview.setEnabled(False)
        self.note.setText(self.tr("正在统计…"))
        self.ctx.runner.read(lambda: self.ctx.services.retention.due(years),
                             success=lambda r: self._show_due(r, years), failure=self._fail, parent=self)

    def _show_due(self, result, years: int) -> None:
        self.preview.setEnabled(True)
        if years != self.years.value():
            return  # the setting changed while counting: that count is stale
        self.due = result
        self.due_count = result.total
        self.purge.setEnabled(self.due_count > 0)
        if self.due_count:
            self.note.setText(self.tr("将清除保存满 {0} 年（{1} 以前）的个人信息：办件 {2} 件，预约 {3} 个，办不成事反映 {4} 件。")
                              .format(years, result.cutoff, *_counts(result)))
        else:
            self.note.setText(self.tr("没有保存满 {0} 年的办件、预约或办不成事反映需要清除个人信息。").format(years))

    def _on_purge_clicked(self) -> None:
        if not self.allowed or not self.due_count:
            return
        self.confirm_text.setText(self.tr("清除后无法恢复。确定清除这 {0} 件办件、{1} 个预约和 {2} 件办不成事反映的个人信息吗？")
                                  .format(*_counts(self.due)))
        self.confirm_box.show()
        self.purge.setEnabled(False)

    def _on_cancel_clicked(self) -> None:
        self._reset(self.tr("已取消，没有清除任何信息。"))

    def _on_confirm_clicked(self) -> None:
        if not self.allowed:
            return
        years = self.years.value()
        self.confirm_box.hide()
        self.preview.setEnabled(False)
        self.note.setText(self.tr("正在清除…"))
        self.ctx.runner.write(lambda: self.ctx.services.retention.purge(years), success=self._show_purged,
                              failure=self._fail, parent=self)

    def _show_purged(self, result) -> None:
        self.preview.setEnabled(True)
        self.due_count = 0
        self.purge.setEnabled(False)
        self.note.setText(self.tr("已清除 {0} 件办件、{1} 个预约和 {2} 件办不成事反映的个人信息，删除本机附件 {3} 个；"
                                  "其他电脑同步后也会清除。").format(*_counts(result), result.files_deleted))

    def _fail(self, exc: KnownError) -> None:
        self.preview.setEnabled(self.allowed)
        self.confirm_box.hide()
        self.purge.setEnabled(False)
        self.note.setText(error_text(exc))


def _counts(result) -> tuple[int, int, int]:
    """Cases, appointments, complaints of a PurgeResult."""
    return len(result.case_numbers), len(result.appointment_codes), len(result.complaint_numbers)


def _bounded(value: object) -> int:
    """A hand-edited settings file may hold anything: show a number the spin box can hold."""
    try:
        return min(MAX_YEARS, max(1, int(value)))  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return 10
