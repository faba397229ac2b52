"""The demo hall has appointments today: the simulated scanner's sample code checks in at once, re-seeding is idempotent."""
from __future__ import annotations

from desk_app.app import build_core
from desk_app.demo import DEMO_APPOINTMENTS, seed_demo, seed_demo_appointments
from desk_app.domain import queue as q
from desk_app.domain.scan_payload import classify
from desk_app.domain.timeutil import hall_day
from desk_app.services.queue.appointments import AppointmentService
from desk_app.services.queue import QueueService
from desk_app.ui.devices.simulator_panel import today_demo_appointment


def test_the_simulated_scanners_sample_code_checks_in(data_dir) -> None:
    core = build_core(data_dir)
    try:
        seed_demo(core)
        today = hall_day(core.store.now_ms())
        booked = AppointmentService(core.store).of_day(today)
        assert len(booked) == len(DEMO_APPOINTMENTS) and all(a.name and a.source == "demo" for a in booked)
        assert seed_demo_appointments(core) == [a.code for a in sorted(booked, key=lambda a: a.code)]
        assert len(AppointmentService(core.store).of_day(today)) == len(DEMO_APPOINTMENTS)  # once a day
        code = today_demo_appointment()
        assert classify(code).kind == "appointment"   # the scan router sends it to the guide desk
        t = QueueService(core.store, q.QueueConfig()).check_in(code, handed_out=True)
        assert t.appointment_on_time and t.category == "B"
    finally:
        core.close()
