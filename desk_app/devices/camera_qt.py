"""Document camera through Qt Multimedia: the UVC adapter (QCamera) and the frame-input simulator.

The real adapter picks the configured device (or the first one), its largest format and photo resolution,
previews through a QVideoSink and captures with QImageCapture. "No camera" and "camera busy" are normal
health states, and ``stop()`` releases the device explicitly (as Electrum's QR reader does), so another
program or the next screen can open it. The simulator feeds sample document images through
QVideoFrameInput into a QMediaCaptureSession: QImageCapture only works with a real camera, so the
simulator captures the frame the session delivered to the sink.
"""
from __future__ import annotations

import logging
from pathlib import Path
from typing import Callable

import numpy as np
from PySide6.QtCore import QObject, QTimer
from PySide6.QtGui import QImage
from PySide6.QtMultimedia import (QCamera, QCameraDevice, QImageCapture, QMediaCaptureSession, QMediaDevices,
                                  QVideoFrame, QVideoFrameInput, QVideoSink)

from desk_app.devices.camera import (CAMERA_BUSY_CN, CAMERA_MISSING_CN, CAMERA_UNPLUGGED_CN, CameraFormat,
                                     choose_format)
from desk_app.devices.docimage import low_resolution_message, meets_archive_resolution
from desk_app.devices.health import HealthReporter
from desk_app.domain.errors import QT_TRANSLATE_NOOP, DeviceError
from desk_app.paths import resources_dir

log = logging.getLogger(__name__)


def qimage_to_bgr(img: QImage) -> np.ndarray:
    """Copy a QImage into a BGR numpy array (OpenCV's order)."""
    img = img.convertToFormat(QImage.Format.Format_RGB32)  # stored as B,G,R,A bytes on little-endian
    w, h, bpl = img.width(), img.height(), img.bytesPerLine()
    arr = np.frombuffer(img.constBits(), np.uint8, count=bpl * h).reshape(h, bpl)
    return arr[:, :w * 4].reshape(h, w, 4)[:, :, :3].copy()


def _camera_formats(device: QCameraDevice) -> list[CameraFormat]:
    return [CameraFormat(f.resolution().width(), f.resolution().height(), f.maxFrameRate())
            for f in device.videoFormats()]


class _PreviewAndFormat:
    """What the capture screen reads of either camera: the sink it previews from and the format chosen."""

    _sink: QVideoSink | None
    _format: CameraFormat | None

    @property
    def preview_sink(self) -> QVideoSink | None:
        return self._sink

    @property
    def format(self) -> CameraFormat | None:
        return self._format


class QtDocumentCamera(QObject, _PreviewAndFormat, HealthReporter):
    """UVC document camera. Create and use on the UI thread."""

    def __init__(self, device_name: str | None = None, *, name: str = "高拍仪", parent: QObject | None = None):
        super().__init__(parent)
        self._init_health("camera", name)
        self.device_name = device_name
        self._devices = QMediaDevices(self)
        self._devices.videoInputsChanged.connect(self._on_devices_video_inputs_changed)
        self._camera: QCamera | None = None
        self._capture: QImageCapture | None = None
        self._session: QMediaCaptureSession | None = None
        self._sink: QVideoSink | None = None
        self._device: QCameraDevice | None = None
        self._format: CameraFormat | None = None
        self._wanted = False
        self._callbacks: dict[int, tuple[Callable, Callable]] = {}
        self._refresh_presence()

    def _find_device(self) -> QCameraDevice | None:
        inputs = QMediaDevices.videoInputs()
        if self.device_name:
            for d in inputs:
                if self.device_name in (d.description(), bytes(d.id().data()).decode(errors="replace")):
                    return d
            return None
        return inputs[0] if inputs else None

    def _refresh_presence(self) -> None:
        if self._camera is None:
            if self._find_device() is None:
                self._set_health("missing", CAMERA_MISSING_CN)
            elif self.health.state == "missing":
                self._set_health("unknown", "高拍仪已插上，尚未打开")

    def start(self) -> None:
        self._wanted = True
        if self._camera is not None:
            return
        device = self._find_device()
        if device is None:
            self._set_health("missing", CAMERA_MISSING_CN)
            return
        self._device = device
        fmt_list = device.videoFormats()
        best = choose_format(_camera_formats(device))
        self._format = best
        self._camera = QCamera(device, self)
        if best is not None:
            qfmt = max(fmt_list, key=lambda f: (f.resolution().width() * f.resolution().height(), f.maxFrameRate()))
            self._camera.setCameraFormat(qfmt)
        self._camera.errorOccurred.connect(self._on_camera_error_occurred)
        self._camera.activeChanged.connect(self._on_camera_active_changed)
        self._capture = QImageCapture(self)
        photos = device.photoResolutions()
        if photos:
            self._capture.setResolution(max(photos, key=lambda s: s.width() * s.height()))
        self._capture.imageCaptured.connect(self._on_capture_image_captured)
        self._capture.errorOccurred.connect(self._on_capture_error_occurred)
        self._sink = QVideoSink(self)
        self._session = QMediaCaptureSession(self)
        self._session.setCamera(self._camera)
        self._session.setImageCapture(self._capture)
        self._session.setVideoSink(self._sink)
        self._camera.start()

    def stop(self) -> None:
        """Release the device: stop, detach from the session and delete, so the OS frees it now."""
        self._wanted = False
        cam, self._camera = self._camera, None
        if cam is not None:
            cam.stop()
            if self._session is not None:
                self._session.setCamera(None)
                self._session.setImageCapture(None)
                self._session.setVideoSink(None)
            cam.deleteLater()
        for obj in (self._capture, self._session, self._sink):
            if obj is not None:
                obj.deleteLater()
        self._capture = self._session = self._sink = None
        for _, on_error in self._callbacks.values():
            on_error(DeviceError(QT_TRANSLATE_NOOP("Errors", "高拍仪已关闭，本次拍摄未完成"), field="camera"))
        self._callbacks.clear()

    close = stop

    def capture(self, on_done, on_error) -> None:
        if self._capture is None or not self._capture.isReadyForCapture():
            reason = self.health.reason_cn if not self.health.ok else "高拍仪尚未就绪：请稍候再拍"
            QTimer.singleShot(0, self, lambda: on_error(DeviceError(reason, field="camera")))
            return
        rid = self._capture.capture()
        self._callbacks[rid] = (on_done, on_error)

    def self_test(self) -> str:
        if not self.health.ok:
            raise DeviceError(self.health.reason_cn or CAMERA_MISSING_CN, field="camera")
        f = self._format
        return f"高拍仪正常（{f.width}×{f.height}）" if f else "高拍仪正常"

    # --- Qt slots ----------------------------------------------------------------------------------
    def _on_camera_active_changed(self, active: bool) -> None:
        if active:
            f = self._format
            if f is not None and not meets_archive_resolution(f.width, f.height):
                self._set_health("error", low_resolution_message(f.width, f.height))
            else:
                self._set_health("connected")

    def _on_camera_error_occurred(self, error: QCamera.Error, text: str) -> None:
        if error == QCamera.Error.NoError:
            return
        log.info("camera error %s: %s", error, text)
        self._set_health("error", CAMERA_BUSY_CN)
        self.stop()
        self._wanted = True  # retry when devices change

    def _on_capture_image_captured(self, rid: int, image: QImage) -> None:
        cbs = self._callbacks.pop(rid, None)
        if cbs:
            cbs[0](qimage_to_bgr(image))

    def _on_capture_error_occurred(self, rid: int, error, text: str) -> None:
        cbs = self._callbacks.pop(rid, None)
        if cbs:
            cbs[1](DeviceError(QT_TRANSLATE_NOOP("Errors", "拍照失败：{value}。请重试"), value=text or '未知原因', field="camera"))

    def _on_devices_video_inputs_changed(self) -> None:
        if self._camera is not None and self._device is not None:
            ids = {bytes(d.id().data()) for d in QMediaDevices.videoInputs()}
            if bytes(self._device.id().data()) not in ids:
                wanted = self._wanted
                self.stop()
                self._wanted = wanted
                self._set_health("missing", CAMERA_UNPLUGGED_CN)
                return
        if self._camera is None and self._wanted and self._find_device() is not None:
            self.start()
        else:
            self._refresh_presence()


def sample_images() -> list[Path]:
    return sorted((resources_dir() / "samples").glob("camera_page_*.jpg"))


class SimulatedDocumentCamera(QObject, _PreviewAndFormat, HealthReporter):
    """Simulator for tests and the demo: sample pages go through QVideoFrameInput -> session -> QVideoSink.

    ``fault`` = "missing" or "busy" reproduces those cases; ``max_format`` below archive resolution gives
    the low-resolution case (frames are scaled down to it). No timer runs: a frame is sent on start and
    when the page changes, so an idle simulator costs no CPU.
    """

    def __init__(self, images: list[Path | QImage] | None = None, *, max_format: CameraFormat | None = None,
                 fault: str | None = None, auto_advance: bool = True, name: str = "高拍仪（模拟）",
                 parent: QObject | None = None):
        super().__init__(parent)
        self._init_health("camera", name, "unknown" if fault is None else "missing")
        self._images = [QImage(str(p)) if isinstance(p, Path) else p for p in (images or sample_images())]
        if not self._images or any(i.isNull() for i in self._images):
            raise ValueError("no sample images")
        first = self._images[0]
        self._format = max_format or CameraFormat(first.width(), first.height(), 15.0)
        self.fault = fault
        self.auto_advance = auto_advance
        self.page_index = 0
        self._input: QVideoFrameInput | None = None
        self._session: QMediaCaptureSession | None = None
        self._sink: QVideoSink | None = None
        self.frames_sent = 0
        if fault == "missing":
            self._set_health("missing", CAMERA_MISSING_CN)

    def start(self) -> None:
        if self.fault == "missing":
            self._set_health("missing", CAMERA_MISSING_CN)
            return
        if self.fault == "busy":
            self._set_health("error", CAMERA_BUSY_CN)
            return
        if self._session is not None:
            return
        self._input = QVideoFrameInput(self)
        self._sink = QVideoSink(self)
        self._session = QMediaCaptureSession(self)
        self._session.setVideoFrameInput(self._input)
        self._session.setVideoSink(self._sink)
        f = self._format
        if not meets_archive_resolution(f.width, f.height):
            self._set_health("error", low_resolution_message(f.width, f.height))
        else:
            self._set_health("connected")
        self._send_page()

    def _send_page(self) -> None:
        if self._input is None:
            return
        img = self._images[self.page_index % len(self._images)]
        f = self._format
        if img.width() > f.width or img.height() > f.height:
            img = img.scaled(f.width, f.height)
        self._input.sendVideoFrame(QVideoFrame(img))
        self.frames_sent += 1

    def next_page(self) -> None:
        """The applicant turned the page."""
        self.page_index += 1
        self._send_page()

    def stop(self) -> None:
        if self._session is not None:
            self._session.setVideoFrameInput(None)
            self._session.setVideoSink(None)
        for obj in (self._input, self._session, self._sink):
            if obj is not None:
                obj.deleteLater()
        self._input = self._session = self._sink = None
        if self.health.state == "connected":
            self._set_health("unknown", "高拍仪已关闭")

    close = stop

    def unplug(self) -> None:
        self.stop()
        self.fault = "missing"
        self._set_health("missing", CAMERA_UNPLUGGED_CN)

    def plug(self) -> None:
        self.fault = None
        self._set_health("unknown", "高拍仪已插上，尚未打开")
        self.start()

    def capture(self, on_done, on_error) -> None:
        if self._sink is None:
            reason = self.health.reason_cn or "高拍仪尚未打开"
            QTimer.singleShot(0, self, lambda: on_error(DeviceError(reason, field="camera")))
            return
        sink = self._sink

        def take(frame: QVideoFrame) -> None:
            arr = qimage_to_bgr(frame.toImage())
            if self.auto_advance:
                self.next_page()
            on_done(arr)

        frame = sink.videoFrame()
        if frame.isValid():
            QTimer.singleShot(0, self, lambda: take(frame))  # dropped if the camera is deleted first
            return

        # The first frame has not reached the sink yet: take the next one, or give up after 2 s.
        def on_frame(f: QVideoFrame) -> None:
            sink.videoFrameChanged.disconnect(on_frame)
            timer.stop()
            timer.deleteLater()
            take(f)

        def on_timeout() -> None:
            sink.videoFrameChanged.disconnect(on_frame)
            timer.deleteLater()
            on_error(DeviceError(QT_TRANSLATE_NOOP("Errors", "高拍仪没有画面：请检查高拍仪后重试"), field="camera"))

        timer = QTimer(self)
        timer.setSingleShot(True)
        timer.timeout.connect(on_timeout)
        sink.videoFrameChanged.connect(on_frame)
        timer.start(2000)

    def self_test(self) -> str:
        if self.health.state not in ("connected",):
            raise DeviceError(self.health.reason_cn or CAMERA_MISSING_CN, field="camera")
        return f"模拟高拍仪正常（{self._format.width}×{self._format.height}）"
