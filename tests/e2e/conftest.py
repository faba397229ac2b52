"""The demo hall as the e2e tests open it: every window shown, closed after the test."""
from __future__ import annotations

import pytest

from desk_app.demo import DemoHall


@pytest.fixture
def hall(qapp, tmp_path):
    h = DemoHall(qapp, tmp_path / "demo")
    h.windows.show()
    yield h
    h.close()
