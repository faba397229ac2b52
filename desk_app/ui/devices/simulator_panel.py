"""Demo control panel for the simulated devices: scan a code, turn a camera page, jam the feeder, rate, unplug."""
from __future__ import annotations

from PySide6.QtWidgets import (QCheckBox, QComboBox, QGridLayout, QGroupBox, QHBoxLayout, QLabel, QPushButton,
                               QSpinBox, QVBoxLayout, QWidget)

from desk_app.devices.rating_pad import LEVEL_CN
from desk_app.devices.simulators import SimulatedDevices
from desk_app.ui.labels import label

SAMPLE_CODES = [  # the first one, today's demo appointment, is added when the panel is built
    "11010519491231002X",
    "91350100M000100Y43",
    "https://www.gsxt.gov.cn/index.html?uniscid=91350100M000100Y43",
    "https://dzzz.zwfw.example.gov.cn/licence?id=demo",
    "ZWFW01-20261123-2-0042",
]


def today_demo_appointment() -> str:
    """The code of the demo hall's first appointment today (desk_app.demo seeds it), so a scan checks in."""
    from desk_app.domain.appointment_booking import demo_code
    from desk_app.domain.hlc import wall_clock_ms
    from desk_app.domain.timeutil import hall_date
    return demo_code(hall_date(wall_clock_ms()), 1)


class SimulatorPanel(QWidget):
    """``SimulatorPanel(devices)`` with the ``SimulatedDevices`` from ``register_simulators``."""

    def __init__(self, devices: SimulatedDevices, parent: QWidget | None = None):
        super().__init__(parent)
        self.devices = devices
        lay = QVBoxLayout(self)

        scan_box = QGroupBox(self.tr("扫码枪"), self)
        sl = QHBoxLayout(scan_box)
        self.code = QComboBox(scan_box)
        self.code.setEditable(True)
        self.code.addItems([today_demo_appointment(), *SAMPLE_CODES])
        self.code.setMinimumContentsLength(28)
        scan = QPushButton(self.tr("扫码"), scan_box)
        scan.clicked.connect(lambda: devices.scanner.scan(self.code.currentText()))
        sl.addWidget(self.code, 1)
        sl.addWidget(scan)
        sl.addWidget(self._plug_toggle(devices.scanner, scan_box))
        lay.addWidget(scan_box)

        if devices.camera is not None:
            cam_box = QGroupBox(self.tr("高拍仪"), self)
            cl = QHBoxLayout(cam_box)
            turn = QPushButton(self.tr("翻到下一页"), cam_box)
            turn.clicked.connect(devices.camera.next_page)
            cl.addWidget(turn)
            cl.addWidget(self._plug_toggle(devices.camera, cam_box))
            cl.addStretch(1)
            lay.addWidget(cam_box)

        doc_box = QGroupBox(self.tr("扫描仪"), self)
        dl = QHBoxLayout(doc_box)
        dl.addWidget(QLabel(self.tr("进纸器页数"), doc_box))
        self.feeder_pages = QSpinBox(doc_box)
        self.feeder_pages.setRange(0, 50)
        self.feeder_pages.setValue(devices.doc_scanner.feeder.pages)
        self.feeder_pages.valueChanged.connect(lambda v: setattr(devices.doc_scanner.feeder, "pages", v))
        self.jam = QCheckBox(self.tr("第 2 页卡纸"), doc_box)
        self.jam.toggled.connect(lambda on: setattr(devices.doc_scanner.feeder, "jam_after", 1 if on else None))
        for w in (self.feeder_pages, self.jam, self._plug_toggle(devices.doc_scanner, doc_box)):
            dl.addWidget(w)
        dl.addStretch(1)
        lay.addWidget(doc_box)

        pad_box = QGroupBox(self.tr("评价器"), self)
        pl = QGridLayout(pad_box)
        for i, level in enumerate(sorted(LEVEL_CN, reverse=True)):
            b = QPushButton(label(LEVEL_CN[level]), pad_box)
            b.clicked.connect(lambda _=False, lv=level: devices.rating_pad.press(lv))
            pl.addWidget(b, 0, i)
        decline = QPushButton(self.tr("不评价"), pad_box)
        decline.clicked.connect(devices.rating_pad.decline)
        pl.addWidget(decline, 0, 5)
        pl.addWidget(self._plug_toggle(devices.rating_pad, pad_box), 0, 6)
        lay.addWidget(pad_box)

        led_box = QGroupBox(self.tr("窗口屏"), self)
        ll = QHBoxLayout(led_box)
        ll.addWidget(self._plug_toggle(devices.led_display, led_box))
        ll.addStretch(1)
        lay.addWidget(led_box)
        lay.addStretch(1)

    def _plug_toggle(self, device, parent: QWidget) -> QCheckBox:
        box = QCheckBox(self.tr("拔出"), parent)
        box.setObjectName(f"unplug_{device.kind}")
        box.toggled.connect(lambda on: device.unplug() if on else device.plug())
        return box
