"""The RS-485 LED display adapter over a pty: frames, GBK, checksum, frame pause, unplugged display."""
from __future__ import annotations

import time

from desk_app.devices.led_display import (CMD_IDLE, CMD_PAUSED, CMD_SHOW_CALL, LedConfig, SerialLedDisplay,
                                          decode_frames, encode_frame, gbk_text)


def test_frames_reach_the_display(make_pty):
    p = make_pty()
    led = SerialLedDisplay(LedConfig(port=p.name, address=7, window=3, inter_frame_gap_s=0.05))
    t0 = time.monotonic()
    assert led.show_call("A012", 3) and led.idle() and led.paused()
    elapsed = time.monotonic() - t0
    raw = p.read_until(lambda b: len(decode_frames(b)[0]) == 3)
    frames, _ = decode_frames(raw)
    assert [(f.address, f.command, f.text) for f in frames] == [
        (7, CMD_SHOW_CALL, "请A012号到3号窗口"), (7, CMD_IDLE, "3号窗口 欢迎光临"), (7, CMD_PAUSED, "3号窗口 暂停服务")]
    assert frames[0].data == "请A012号到3号窗口".encode("gbk")
    assert elapsed >= 0.1  # two pauses between three frames
    assert led.health.state == "connected"
    led.close()


def test_unplugged_display_sets_error_and_never_raises(make_pty):
    p = make_pty()
    led = SerialLedDisplay(LedConfig(port=p.name))
    assert led.idle()
    p.read_until(lambda b: len(decode_frames(b)[0]) == 1)
    p.unplug()
    ok = True
    for _ in range(3):  # the first write after unplugging may still land in the kernel buffer
        ok = led.show_call("A013", 1)
        if not ok:
            break
    assert ok is False
    assert led.health.state == "error" and "RS-485" in led.health.reason_cn
    led.close()


def test_missing_port_is_health_error():
    led = SerialLedDisplay(LedConfig(port="/dev/nonexistent-led"))
    assert led.show_call("A1", 1) is False
    assert led.health.state == "error"


def test_codec_roundtrip_and_checksum_rejection():
    f = encode_frame(1, CMD_SHOW_CALL, gbk_text("请B001号到12号窗口"))
    bad = bytearray(f)
    bad[-2] ^= 0xFF
    frames, rest = decode_frames(bytes(bad) + f + f[:4])
    assert [x.text for x in frames] == ["请B001号到12号窗口"]
    assert rest == f[:4]


def test_gbk_text_cut_on_character_boundary():
    data = gbk_text("号" * 150)
    assert len(data) == 200 and data.decode("gbk") == "号" * 100
