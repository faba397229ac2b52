"""The serial rating pad over a pty with a scripted pad: ratings, declines, lost mid-rating never rates."""
from __future__ import annotations

import pytest

from desk_app.devices.rating_pad import (RatingPadConfig, SerialRatingPad, SimulatedRatingPad, decode_line,
                                         encode_line)
from desk_app.domain.errors import DeviceError

from .conftest import wait_for


@pytest.fixture
def pad_on(make_pty):
    made = []

    def make(**kw):
        p = make_pty()
        pad = SerialRatingPad(RatingPadConfig(port=p.name, **kw))
        made.append(pad)
        pad.start()
        wait_for(lambda: pad.health.ok, what="pad connected")
        return p, pad
    yield make
    for pad in made:
        pad.close()


def _req(p):
    raw = p.read_until(lambda b: b"REQ," in b and b.endswith(b"\n"))
    line = next(x for x in raw.split(b"\n") if x.startswith(b"REQ,"))
    return decode_line(line)


def test_rating_delivered(pad_on):
    p, pad = pad_on()
    got = []
    rid = pad.request_rating("ZWFW01-20261123-2-0042", 2, got.append)
    f = _req(p)
    assert f[:4] == ["REQ", rid, "ZWFW01-20261123-2-0042", "2"]
    p.write(encode_line("ACK", rid) + encode_line("RATE", rid, 2, "R1|R3"))
    wait_for(lambda: got, what="outcome")
    assert (got[0].status, got[0].level, got[0].reasons) == ("rated", 2, ("R1", "R3"))


def test_bad_checksum_and_bad_level_never_rate(pad_on):
    p, pad = pad_on()
    got = []
    rid = pad.request_rating("C1", 1, got.append)
    _req(p)
    p.write(b"RATE," + rid.encode() + b",5,*00\n")  # wrong checksum
    p.write(encode_line("RATE", rid, 9, ""))  # no such level
    p.write(encode_line("DECLINE", rid))
    wait_for(lambda: got, what="outcome")
    assert got[0].status == "declined" and got[0].level is None


def test_lost_mid_rating_by_unplug_gives_no_rating(pad_on):
    p, pad = pad_on()
    got = []
    pad.request_rating("C1", 1, got.append)
    _req(p)
    p.unplug()
    wait_for(lambda: got, what="lost outcome")
    assert got[0].status == "lost" and got[0].level is None and "未评价" in got[0].message_cn
    wait_for(lambda: pad.health.state == "missing")
    with pytest.raises(DeviceError):
        pad.request_rating("C2", 1, got.append)


def test_silent_pad_is_lost_and_late_answer_ignored(pad_on):
    p, pad = pad_on(ping_interval_s=0.1, lost_after_s=0.4)
    got = []
    rid = pad.request_rating("C1", 1, got.append)
    _req(p)
    wait_for(lambda: got, what="lost outcome")  # the pad answers no PING
    assert got[0].status == "lost" and got[0].level is None
    assert pad.health.state == "error"
    p.write(encode_line("RATE", rid, 5, ""))  # it wakes up and answers the old request
    wait_for(lambda: pad.health.ok, what="pad heard again")
    assert len(got) == 1


def test_simulator_unplug_mid_rating():
    pad = SimulatedRatingPad()
    got = []
    pad.request_rating("C1", 1, got.append)
    pad.unplug()
    pad.press(5)
    assert [(o.status, o.level) for o in got] == [("lost", None)]
