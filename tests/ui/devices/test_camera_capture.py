"""Capturing pages from the simulated camera into one saved PDF; low resolution refused with a message."""
from __future__ import annotations

import io

import pypdf

from desk_app.devices.camera import CameraFormat
from desk_app.devices.camera_qt import SimulatedDocumentCamera
from desk_app.ui.devices.camera_capture import CameraCaptureWidget


def test_three_pages_to_one_saved_pdf(qtbot, runner):
    cam = SimulatedDocumentCamera()
    stored = []
    w = CameraCaptureWidget(cam, runner, save=lambda pdf: stored.append(pdf) or "sha")
    qtbot.addWidget(w)
    w.show()
    assert cam.health.state == "connected"
    for n in (1, 2, 3):
        with qtbot.wait_signal(w.page_added, timeout=10000):
            w.shoot.click()
    assert w.thumbs.count() == 3 and all(p.cropped for p in w.pages)
    with qtbot.wait_signal(w.saved, timeout=10000) as sig:
        w.finish.click()
    assert sig.args == ["sha"]
    assert len(pypdf.PdfReader(io.BytesIO(stored[0])).pages) == 3
    assert w.thumbs.count() == 0 and not w.finish.isEnabled()
    w.hide()
    assert cam.preview_sink is None  # released


def test_low_resolution_camera_refused_with_message(qtbot, runner):
    cam = SimulatedDocumentCamera(max_format=CameraFormat(1280, 720))
    w = CameraCaptureWidget(cam, runner)
    qtbot.addWidget(w)
    w.show()
    with qtbot.wait_signal(w.failed, timeout=10000) as sig:
        w.shoot.click()
    assert "存档要求" in sig.args[0] and w.pages == []
    assert w.shoot.isEnabled()


def test_missing_camera_message(qtbot, runner):
    cam = SimulatedDocumentCamera(fault="missing")
    w = CameraCaptureWidget(cam, runner)
    qtbot.addWidget(w)
    w.show()
    assert "未检测到高拍仪" in w.status.text()
    with qtbot.wait_signal(w.failed, timeout=5000):
        w.shoot.click()
