"""The document camera simulator through Qt's frame input, and the real adapter's normal failure states."""
from __future__ import annotations

import pytest
from PySide6.QtGui import QColor, QImage
from PySide6.QtMultimedia import QCamera

from desk_app.devices import docimage as di
from desk_app.devices.camera import CAMERA_BUSY_CN, CameraFormat
from desk_app.devices.camera_qt import QtDocumentCamera, SimulatedDocumentCamera
from desk_app.domain.errors import DeviceError


def _capture(qtbot, cam):
    done, failed = [], []
    cam.capture(done.append, failed.append)
    qtbot.waitUntil(lambda: bool(done or failed), timeout=5000)
    return done, failed


def test_capture_pipeline_from_frames(qtbot):
    cam = SimulatedDocumentCamera()
    cam.start()
    assert cam.health.state == "connected"
    qtbot.waitUntil(lambda: cam.preview_sink.videoFrame().isValid(), timeout=5000)
    pages = []
    for _ in range(3):
        done, failed = _capture(qtbot, cam)
        assert not failed
        frame = done[0]
        assert frame.shape[:2] == (2448, 3264)
        pages.append(di.process_capture(frame))
    assert all(p.cropped for p in pages)
    # Page 1 and 2 differ (the simulator turns pages); page 3 is page 1 again.
    assert pages[0].jpeg != pages[1].jpeg
    assert pages[0].height > pages[0].width  # upright portrait page cut out of a landscape frame
    assert di.pages_to_pdf([p.jpeg for p in pages])[:5] == b"%PDF-"
    cam.stop()
    assert cam.preview_sink is None


def test_camera_missing(qtbot):
    cam = SimulatedDocumentCamera(fault="missing")
    cam.start()
    assert cam.health.state == "missing" and "未检测到高拍仪" in cam.health.reason_cn
    done, failed = _capture(qtbot, cam)
    assert not done and isinstance(failed[0], DeviceError)


def test_camera_busy(qtbot):
    cam = SimulatedDocumentCamera(fault="busy")
    cam.start()
    assert cam.health.state == "error" and cam.health.reason_cn == CAMERA_BUSY_CN
    with pytest.raises(DeviceError):
        cam.self_test()


def test_camera_with_only_low_resolution(qtbot):
    cam = SimulatedDocumentCamera(max_format=CameraFormat(1280, 720, 30))
    cam.start()
    assert cam.health.state == "error" and "1280×720" in cam.health.reason_cn
    done, failed = _capture(qtbot, cam)
    assert done[0].shape[:2] == (720, 1280)
    with pytest.raises(DeviceError, match="存档要求"):
        di.process_capture(done[0])
    cam.stop()


def test_first_capture_waits_for_a_frame(qtbot):
    img = QImage(1700, 2400, QImage.Format.Format_RGB32)
    img.fill(QColor("white"))
    cam = SimulatedDocumentCamera([img])
    cam.start()
    done, failed = _capture(qtbot, cam)  # right after start, before the event loop delivered the frame
    assert done and done[0].shape[:2] == (2400, 1700)
    cam.stop()


def test_real_adapter_without_camera_is_missing(qtbot):
    cam = QtDocumentCamera("no-such-camera")
    cam.start()
    assert cam.health.state == "missing" and "未检测到高拍仪" in cam.health.reason_cn
    done, failed = _capture(qtbot, cam)
    assert failed and not done
    cam.stop()


def test_real_adapter_busy_error_maps_to_health(qtbot):
    cam = QtDocumentCamera("no-such-camera")
    cam._on_camera_error_occurred(QCamera.Error.CameraError, "Device or resource busy")
    assert cam.health.state == "error" and cam.health.reason_cn == CAMERA_BUSY_CN
