"""The applicant screen (second monitor): the case summary as the clerk works, then the voluntary rating."""
from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QButtonGroup, QCheckBox, QGridLayout, QHBoxLayout, QLabel, QListWidget, QPlainTextEdit, QPushButton,
    QStackedWidget, QVBoxLayout, QWidget,
)

from desk_app.domain import intake as d
from desk_app.domain import rating as r
from desk_app.domain.errors import KnownError
from desk_app.ui.context import ScreenContext
from desk_app.ui.errors import error_text
from desk_app.ui.labels import label

IDLE, SUMMARY, RATING, THANKS = range(4)
MATERIAL_MARKS = {d.PENDING: "…", d.RECEIVED: "✓", d.MISSING: "✗", d.DEFECTIVE: "!", d.DEFERRED: "◔",
                  d.COMMITTED: "✎"}


def masked_name(name: str) -> str:
    """Only the first character of a person's name shows to people standing behind the applicant."""
    return name[0] + "*" * max(1, len(name) - 1) if name else ""


class ApplicantScreen(QWidget):
    """``ApplicantScreen(ctx)``; services used: ``ctx.services.intake`` and ``ctx.services.rating``.

    It follows the cases and rating requests of ``ctx.window_number`` by itself (bridge ``changed``); the
    lead may also connect ``IntakeScreen.case_changed`` to ``show_case`` and ``rating_requested`` to
    ``show_rating``. It never submits a rating the applicant did not choose: on timeout it records only
    that the applicant left ("pending rating").
    """

    rated = Signal(int)  # the level the applicant chose

    def __init__(self, ctx: ScreenContext, parent: QWidget | None = None, *, idle_timeout_ms: int = 120_000,
                 thanks_ms: int = 8_000):
        super().__init__(parent)
        self.ctx = ctx
        self.rating_id: str | None = None
        self.case_id: str | None = None
        self.level: int | None = None
        self._build()
        self._idle_timer = QTimer(self, singleShot=True, interval=idle_timeout_ms)
        self._idle_timer.timeout.connect(self._on_idle_timer_timeout)
        self._thanks_timer = QTimer(self, singleShot=True, interval=thanks_ms)
        self._thanks_timer.timeout.connect(lambda: self.pages.setCurrentIndex(IDLE))
        ctx.bridge.changed.connect(self._on_bridge_changed)

    # ------------------------------------------------------------------ layout
    def _build(self) -> None:
        self.setStyleSheet("QLabel { font-size: 20px; } QPushButton { font-size: 22px; padding: 14px; }"
                           " QPushButton:checked { background: #2e86c1; color: white; font-weight: bold; }"
                           " QCheckBox::indicator { width: 26px; height: 26px; }")
        self.pages = QStackedWidget()
        idle = QLabel(self.tr("欢迎来到%1").replace("%1", self.ctx.hall_name or self.tr("政务服务中心")))
        idle.setAlignment(Qt.AlignmentFlag.AlignCenter)
        idle.setStyleSheet("font-size: 36px;")
        self.pages.addWidget(idle)

        summary = QWidget()
        sl = QVBoxLayout(summary)
        self.case_title = QLabel()
        self.case_title.setStyleSheet("font-size: 26px; font-weight: bold;")
        self.items_label = QLabel()
        self.items_label.setWordWrap(True)
        self.applicant_label = QLabel()
        self.materials = QListWidget()
        self.materials.setStyleSheet("font-size: 20px;")
        self.outcome_label = QLabel()
        self.outcome_label.setWordWrap(True)
        self.outcome_label.setStyleSheet("font-size: 24px; color: #1a5276;")
        for w in (self.case_title, self.items_label, self.applicant_label, QLabel(self.tr("申请材料")), self.materials,
                  self.outcome_label):
            sl.addWidget(w)
        self.pages.addWidget(summary)

        rating = QWidget()
        rl = QVBoxLayout(rating)
        title = QLabel(self.tr("请您对本次服务进行评价（自愿）"))
        title.setStyleSheet("font-size: 28px; font-weight: bold;")
        rl.addWidget(title)
        levels = QHBoxLayout()
        self.level_group = QButtonGroup(self)
        self.level_group.setExclusive(True)
        self.level_buttons: dict[int, QPushButton] = {}
        for level in sorted(r.LEVELS, reverse=True):
            b = QPushButton(f"{level}  {label(r.LEVELS[level])}")
            b.setCheckable(True)
            b.setObjectName(f"level_{level}")
            self.level_group.addButton(b, level)
            self.level_buttons[level] = b
            levels.addWidget(b)
        self.level_group.idClicked.connect(self.choose_level)
        rl.addLayout(levels)
        self.reasons_box = QWidget()
        self.reasons_layout = QGridLayout(self.reasons_box)
        self.reason_boxes: dict[str, QCheckBox] = {}
        rl.addWidget(self.reasons_box)
        self.text = QPlainTextEdit()
        self.text.setPlaceholderText(self.tr("您的意见和建议（选填，最多150字）"))
        self.text.setMaximumHeight(120)
        self.text.textChanged.connect(self._on_text_changed)
        self.counter = QLabel("0/150")
        self.rating_error = QLabel()
        self.rating_error.setStyleSheet("color: #c0392b;")
        self.submit = QPushButton(self.tr("提交评价"))
        self.submit.setEnabled(False)
        self.submit.clicked.connect(self.submit_rating)
        self.skip = QPushButton(self.tr("不评价"))
        self.skip.clicked.connect(self.leave)
        rl.addWidget(self.text)
        rl.addWidget(self.counter, 0, Qt.AlignmentFlag.AlignRight)
        rl.addWidget(self.rating_error)
        row = QHBoxLayout()
        row.addWidget(self.skip)
        row.addStretch(1)
        row.addWidget(self.submit)
        rl.addLayout(row)
        self.pages.addWidget(rating)

        thanks = QLabel(self.tr("感谢您的评价！"))
        thanks.setAlignment(Qt.AlignmentFlag.AlignCenter)
        thanks.setStyleSheet("font-size: 36px;")
        self.pages.addWidget(thanks)
        lay = QVBoxLayout(self)
        lay.addWidget(self.pages)

    def page(self) -> int:
        return self.pages.currentIndex()

    def clear(self) -> None:
        """Back to the welcome page when the clerk finishes (connect ``IntakeScreen.finished``); an open
        rating request is left to the applicant, who may still answer it or walk away."""
        if self.pages.currentIndex() != RATING:
            self.case_id = None
            self.pages.setCurrentIndex(IDLE)

    # ------------------------------------------------------------------ following the window's work
    def _on_bridge_changed(self, kind: str, events: object) -> None:
        wn = self.ctx.window_number
        for ev in events or []:
            payload = getattr(ev, "payload", {}) or {}
            if kind == "rating" and ev.type == r.RATING_REQUESTED and payload.get("window_number") == wn:
                self.show_rating(ev.aggregate_id)
                return
        if kind != "case" or self.pages.currentIndex() == RATING:
            return
        ids = [ev.aggregate_id for ev in events or []
               if (ev.payload or {}).get("window_number") == wn or ev.aggregate_id == self.case_id]
        if ids:
            case_id = ids[-1]
            self.ctx.runner.read(lambda: self.ctx.services.intake.get(case_id), success=self.show_case, parent=self)

    def show_case(self, state: d.CaseState) -> None:
        if self.pages.currentIndex() == RATING:
            return  # never pull the rating away from the applicant's hand
        self.case_id = state.id
        self.case_title.setText(self.tr("办件编号 %1").replace("%1", state.case_number))
        self.items_label.setText(self.tr("办理事项：%1").replace(
            "%1", self.tr("、").join(i["name"] for i in state.items) or self.tr("（正在选择）")))
        name = state.applicant.get("name", "")
        self.applicant_label.setText(self.tr("申请人：%1").replace(
            "%1", masked_name(name) if state.applicant.get("kind") == "person" else name))
        self.materials.clear()
        for m in state.materials:
            self.materials.addItem(f"{MATERIAL_MARKS.get(m['status'], '')}  {m['name']}  "
                                   f"{label(d.MATERIAL_LABELS[m['status']])}")
        self.outcome_label.setText(self._outcome_text(state))
        self.pages.setCurrentIndex(SUMMARY)

    def _outcome_text(self, state: d.CaseState) -> str:
        s = state.status
        if s == d.CHECKING:
            missing = len(state.by_status(d.MISSING, d.DEFECTIVE))
            return self.tr("正在审查材料") + (self.tr("，缺少或需补正 %1 份").replace("%1", str(missing)) if missing else "")
        if s in (d.ACCEPTED, d.ACCEPTED_DEFERRED):
            text = self.tr("已受理，承诺于 %1 前办结").replace("%1", state.due_date or "")
            if s == d.ACCEPTED_DEFERRED:
                text += self.tr("；请于 %1 前补齐容缺材料").replace("%1", state.supplement_deadline or "")
            return text
        if s == d.NOTICE_ISSUED:
            return self.tr("请按《一次性告知通知书》于 %1 前补齐材料").replace("%1", state.notice_deadline or "")
        return label(d.STATUS_LABELS.get(s, s))

    # ------------------------------------------------------------------ rating
    def show_rating(self, rating_id: str) -> None:
        """Ask the applicant for a rating; nothing is pre-selected."""
        self.rating_id = rating_id
        self.level = None
        self.level_group.setExclusive(False)
        for b in self.level_buttons.values():
            b.setChecked(False)
        self.level_group.setExclusive(True)
        self._set_reasons(None)
        self.text.clear()
        self.rating_error.clear()
        self.submit.setEnabled(False)
        self.pages.setCurrentIndex(RATING)
        self._idle_timer.start()

    def choose_level(self, level: int) -> None:
        self.level = level
        self.level_buttons[level].setChecked(True)
        self._set_reasons(level)
        self.submit.setEnabled(True)
        self._idle_timer.start()

    def _set_reasons(self, level: int | None) -> None:
        for box in self.reason_boxes.values():
            self.reasons_layout.removeWidget(box)
            box.deleteLater()
        self.reason_boxes = {}
        if level is None:
            return
        for i, (code, reason) in enumerate(r.REASONS[level].items()):
            box = QCheckBox(label(reason))
            box.setStyleSheet("font-size: 20px;")
            box.toggled.connect(lambda _=False: self._idle_timer.start())
            self.reason_boxes[code] = box
            self.reasons_layout.addWidget(box, i // 3, i % 3)

    def _on_text_changed(self) -> None:
        n = len(self.text.toPlainText())
        self.counter.setText(f"{n}/{r.MAX_TEXT}")
        self.counter.setStyleSheet("color: #c0392b;" if n > r.MAX_TEXT else "")
        self._idle_timer.start()

    def submit_rating(self) -> None:
        if self.rating_id is None or self.level is None:
            return
        rid, level = self.rating_id, self.level
        reasons = [code for code, box in self.reason_boxes.items() if box.isChecked()]
        text = self.text.toPlainText()
        self._idle_timer.stop()

        def failed(exc: KnownError) -> None:
            self.rating_error.setText(error_text(exc))
            self._idle_timer.start()

        def done(_state: Any) -> None:
            self.rating_id = None
            self.pages.setCurrentIndex(THANKS)
            self._thanks_timer.start()
            self.rated.emit(level)
        op = self.ctx.runner.write(lambda: self.ctx.services.rating.submit(rid, level=level, reasons=reasons,
                                                                            text=text),
                                   success=done, failure=failed, parent=self)
        if op is not None:  # the runner showed the bug; the screen goes back to waiting as after a failure
            op.on_bug(self._idle_timer.start)

    def leave(self) -> None:
        """The applicant declined or walked away: record "pending rating", never a level."""
        self._idle_timer.stop()
        rid, self.rating_id = self.rating_id, None
        self.pages.setCurrentIndex(IDLE)
        if rid is not None:
            self.ctx.runner.write(lambda: self.ctx.services.rating.applicant_left(rid), parent=self)

    def _on_idle_timer_timeout(self) -> None:
        if self.pages.currentIndex() == RATING:
            self.leave()
