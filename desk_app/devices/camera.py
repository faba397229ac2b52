"""High-speed document camera (高拍仪): the port and the format choice; Qt adapters live in camera_qt.

Capture hands back the full camera frame as a BGR numpy array on the UI thread; the caller runs
``docimage.process_capture`` (crop, deskew, resolution check, JPEG) through runner.io and
``docimage.pages_to_pdf`` to join the pages. The devices layer returns bytes; services store them.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Callable, Protocol

import numpy as np

from desk_app.devices.health import Device
from desk_app.domain.errors import DeviceError

CAMERA_MISSING_CN = "未检测到高拍仪：请插好高拍仪的 USB 线，或在外设设置中选择高拍仪"
CAMERA_BUSY_CN = "高拍仪被其他程序占用或无法打开：请关闭其他拍照软件后点“测试”重试"
CAMERA_UNPLUGGED_CN = "高拍仪已拔出：请插好 USB 线"


@dataclass(frozen=True)
class CameraFormat:
    width: int
    height: int
    max_fps: float = 0.0

    @property
    def pixels(self) -> int:
        return self.width * self.height


def choose_format(formats: list[CameraFormat]) -> CameraFormat | None:
    """The largest resolution; among equals, the highest frame rate (smoother preview)."""
    return max(formats, key=lambda f: (f.pixels, f.max_fps), default=None)


class DocumentCamera(Device, Protocol):
    def start(self) -> None:
        """Open the camera and start the live preview (UI thread)."""

    def stop(self) -> None:
        """Stop and release the camera so other programs can use it."""

    @property
    def preview_sink(self) -> Any:
        """A QVideoSink carrying the live preview, or None when stopped."""

    @property
    def format(self) -> CameraFormat | None: ...

    def capture(self, on_done: Callable[[np.ndarray], None], on_error: Callable[[DeviceError], None]) -> None:
        """Take one full-resolution frame; exactly one callback is called later on the UI thread."""

    def close(self) -> None: ...
