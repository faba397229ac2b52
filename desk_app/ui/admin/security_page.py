"""The administrator's security settings: password policy, lockout and idle lock of this PC."""
from __future__ import annotations

from PySide6.QtWidgets import QFormLayout, QHBoxLayout, QLabel, QPushButton, QSpinBox, QVBoxLayout, QWidget

from desk_app.domain.settings_schema import SCHEMA

# key -> (low, high): the same bounds the services clamp to (services/security_settings.py).
FIELDS = {
    "security.password_min_length": (8, 64),
    "security.password_min_classes": (1, 4),
    "security.password_expiry_days": (0, 3650),
    "security.lockout_failures": (3, 10),
    "security.lockout_minutes": (1, 1440),
    "security.idle_lock_minutes": (0, 240),
}


class SecuritySettingsPage(QWidget):
    """Takes a ScreenContext; each change is recorded as an audit event by the program (demo.ProgramWindows)."""

    def __init__(self, ctx, parent: QWidget | None = None):
        super().__init__(parent)
        self.ctx = ctx
        self.spins: dict[str, QSpinBox] = {}
        form = QFormLayout()
        for key, (low, high) in FIELDS.items():
            spin = QSpinBox(self, objectName=key.replace(".", "_"))
            spin.setRange(low, high)
            spin.setValue(int(ctx.settings.get(key)))
            spin.setMaximumWidth(160)
            self.spins[key] = spin
            form.addRow(SCHEMA[key].description, spin)
        self.save = QPushButton(self.tr("保存安全设置"), self)
        self.save.setProperty("primary", True)
        self.save.clicked.connect(self._on_save_clicked)
        self.note = QLabel(self)
        self.note.setWordWrap(True)
        title = QLabel(self.tr("账号与安全（本机）"), self)
        title.setProperty("role", "title")
        row = QHBoxLayout()
        row.addWidget(self.save)
        row.addStretch(1)
        lay = QVBoxLayout(self)
        lay.addWidget(title)
        lay.addLayout(form)
        lay.addLayout(row)
        lay.addWidget(self.note)
        lay.addStretch(1)

    def _on_save_clicked(self) -> None:
        changed = {}
        for key, spin in self.spins.items():
            old = self.ctx.settings.get(key)
            if spin.value() != old:
                changed[key] = (old, spin.value())
                self.ctx.settings.set(key, spin.value())
        self.note.setText(self.tr("已保存 {0} 项设置。").format(len(changed)) if changed
                          else self.tr("设置没有变化。"))
