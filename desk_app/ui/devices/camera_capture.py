"""Capture material pages with the document camera: live preview, shoot, crop/deskew off the UI thread, one PDF."""
from __future__ import annotations

import time
from typing import Any, Callable

from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtGui import QImage, QPixmap
from PySide6.QtWidgets import (QHBoxLayout, QLabel, QListWidget, QListWidgetItem, QPushButton, QVBoxLayout,
                               QWidget)

from desk_app.devices import docimage
from desk_app.domain.errors import KnownError
from desk_app.ui.devices.pages_pdf import save_pages_as_pdf
from desk_app.ui.errors import error_text


class CameraCaptureWidget(QWidget):
    """``CameraCaptureWidget(camera, runner, parent=None, save=None)``.

    ``save(pdf_bytes)`` runs on the writer thread when the clerk presses 完成 (e.g. ``lambda pdf:
    ctx.services.intake.add_material_scan(case_id, material_id, pdf, media_type="application/pdf",
    filename="材料.pdf")``); ``pdf_ready`` carries the PDF either way. The camera is opened while the
    widget is shown and released when it is hidden.
    """

    pdf_ready = Signal(bytes)
    saved = Signal(object)
    page_added = Signal(int)
    failed = Signal(str)

    PREVIEW_INTERVAL_S = 0.2  # preview refresh cap: 5 fps is enough to place a page and keeps CPU low

    def __init__(self, camera: Any, runner: Any, parent: QWidget | None = None, *,
                 save: Callable[[bytes], Any] | None = None, require_archive: bool = True):
        super().__init__(parent)
        self.camera, self.runner, self._save = camera, runner, save
        self.require_archive = require_archive
        self.pages: list[docimage.CapturedPage] = []
        self._last_preview = 0.0
        self._sink = None
        self.preview = QLabel(self.tr("高拍仪未打开"), self)
        self.preview.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.preview.setMinimumSize(480, 360)
        self.preview.setStyleSheet("background: #222; color: #ddd;")
        self.thumbs = QListWidget(self)
        self.thumbs.setViewMode(QListWidget.ViewMode.IconMode)
        self.thumbs.setIconSize(QSize(90, 127))
        self.thumbs.setMaximumWidth(140)
        self.status = QLabel(self)
        self.status.setWordWrap(True)
        self.shoot = QPushButton(self.tr("拍摄"), self)
        self.remove_last = QPushButton(self.tr("删除最后一页"), self)
        self.finish = QPushButton(self.tr("完成并保存"), self)
        self.shoot.clicked.connect(self._on_shoot_clicked)
        self.remove_last.clicked.connect(self._on_remove_last_clicked)
        self.finish.clicked.connect(self._on_finish_clicked)
        top = QHBoxLayout()
        top.addWidget(self.preview, 1)
        top.addWidget(self.thumbs)
        buttons = QHBoxLayout()
        for b in (self.shoot, self.remove_last, self.finish):
            buttons.addWidget(b)
        lay = QVBoxLayout(self)
        lay.addLayout(top, 1)
        lay.addWidget(self.status)
        lay.addLayout(buttons)
        self._update_buttons()

    # --- camera lifetime -----------------------------------------------------------------------------
    def showEvent(self, event) -> None:  # noqa: N802 - Qt override
        super().showEvent(event)
        self.camera.start()
        sink = self.camera.preview_sink
        if sink is not None and sink is not self._sink:
            self._sink = sink
            sink.videoFrameChanged.connect(self._on_sink_video_frame_changed)
            if sink.videoFrame().isValid():  # the camera was already running: show its current picture
                self._last_preview = 0.0
                self._on_sink_video_frame_changed(sink.videoFrame())
        if not self.camera.health.ok:
            self.status.setText(self.camera.health.reason_cn)

    def hideEvent(self, event) -> None:  # noqa: N802 - Qt override
        self._sink = None
        self.camera.stop()  # release the device for the next screen or program
        super().hideEvent(event)

    def _on_sink_video_frame_changed(self, frame) -> None:
        now = time.monotonic()
        if now - self._last_preview < self.PREVIEW_INTERVAL_S or not self.isVisible():
            return
        self._last_preview = now
        img: QImage = frame.toImage()
        if not img.isNull():
            self.preview.setPixmap(QPixmap.fromImage(img.scaled(
                self.preview.size(), Qt.AspectRatioMode.KeepAspectRatio, Qt.TransformationMode.SmoothTransformation)))

    # --- actions ---------------------------------------------------------------------------------
    def _fail(self, exc: KnownError | None) -> None:
        # None: a bug, which the runner has logged and shown in the crash dialog
        text = error_text(exc) if exc is not None else self.tr("程序出错，已记录日志。请重试。")
        self.status.setText(text)
        self.shoot.setEnabled(True)
        self._update_buttons()
        self.failed.emit(text)

    def _on_shoot_clicked(self) -> None:
        self.shoot.setEnabled(False)
        self.status.setText(self.tr("正在拍摄…"))
        self.camera.capture(self._on_camera_captured, self._fail)

    def _on_camera_captured(self, frame) -> None:
        archive = self.require_archive
        op = self.runner.io(lambda: docimage.process_capture(frame, require_archive=archive),
                            success=self._add_page, failure=self._fail, parent=self)
        if op is not None:
            op.on_bug(lambda: self._fail(None))

    def _add_page(self, page: docimage.CapturedPage) -> None:
        self.pages.append(page)
        img = QImage.fromData(page.jpeg)
        item = QListWidgetItem(self.tr("第 {0} 页").format(len(self.pages)))
        item.setIcon(QPixmap.fromImage(img.scaled(90, 127, Qt.AspectRatioMode.KeepAspectRatio)))
        self.thumbs.addItem(item)
        note = "" if page.cropped else self.tr("（未识别到纸张边缘，已保存整幅画面）")
        self.status.setText(self.tr("已拍摄 {0} 页").format(len(self.pages)) + note)
        self.shoot.setEnabled(True)
        self._update_buttons()
        self.page_added.emit(len(self.pages))

    def _on_remove_last_clicked(self) -> None:
        if self.pages:
            self.pages.pop()
            self.thumbs.takeItem(self.thumbs.count() - 1)
        self._update_buttons()

    def _on_finish_clicked(self) -> None:
        self.finish.setEnabled(False)
        save_pages_as_pdf(self, self.runner, [p.jpeg for p in self.pages], self._save,
                          built=self._on_pdf_built, saved=self._on_pdf_saved, failed=self._fail)

    def _on_pdf_built(self, pdf: bytes) -> None:
        self.pdf_ready.emit(pdf)
        if self._save is None:
            self._update_buttons()
        else:
            self.status.setText(self.tr("正在保存…"))

    def _on_pdf_saved(self, result: Any) -> None:
        self.status.setText(self.tr("已保存 {0} 页").format(len(self.pages)))
        self.pages.clear()
        self.thumbs.clear()
        self._update_buttons()
        self.saved.emit(result)

    def _update_buttons(self) -> None:
        self.remove_last.setEnabled(bool(self.pages))
        self.finish.setEnabled(bool(self.pages))
