"""The hybrid logical clock never goes backwards, whatever the wall clock and other devices do."""
from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from desk_app.domain.hlc import MAX_ADOPT_AHEAD_MS, HybridLogicalClock, Timestamp, after

steps = st.lists(st.tuples(st.booleans(), st.integers(0, 10**13), st.integers(0, 10**13), st.integers(0, 70000)),
                 min_size=1, max_size=200)


@given(steps)
def test_timestamps_strictly_increase_and_encode_in_order(script) -> None:
    now = [0]
    clock = HybridLogicalClock("dev-a", now_ms=lambda: now[0])
    previous = None
    for is_observe, physical, remote_wall, remote_counter in script:
        now[0] = physical  # the wall clock may jump anywhere, backwards included
        if is_observe:
            remote = Timestamp(remote_wall, min(remote_counter, 0xFFFF), "dev-b")
            ts = clock.observe(remote)
            if remote_wall <= physical + MAX_ADOPT_AHEAD_MS:  # further ahead is adopted only up to the bound
                assert ts.encode() > remote.encode() or (ts.wall_ms, ts.counter) > (remote.wall_ms, remote.counter)
            else:
                assert ts.wall_ms <= max(physical + MAX_ADOPT_AHEAD_MS, (previous or ts).wall_ms) + 1
        else:
            ts = clock.tick()
        if previous is not None:
            assert (ts.wall_ms, ts.counter) > (previous.wall_ms, previous.counter)
            assert ts.encode() > previous.encode()
        previous = ts


def test_restart_from_last_timestamp_continues_above_it() -> None:
    first = HybridLogicalClock("d", now_ms=lambda: 5_000)
    last = first.tick()
    restarted = HybridLogicalClock("d", last, now_ms=lambda: 1_000)  # clock stepped back 4 s
    assert restarted.tick() > last


def test_encoding_round_trips() -> None:
    ts = Timestamp(1_795_000_000_000, 42, "01a2-dev")
    assert Timestamp.decode(ts.encode()) == ts


def test_a_remote_clock_far_ahead_is_adopted_only_up_to_the_bound() -> None:
    """A poison timestamp (year 33658) or a PC hours fast must not drag this clock along."""
    now = 1_795_000_000_000
    clock = HybridLogicalClock("a", now_ms=lambda: now)
    ts = clock.observe(Timestamp(999_999_999_999_999, 65535, "b"))
    assert ts.wall_ms == now + MAX_ADOPT_AHEAD_MS
    assert clock.tick().wall_ms == now + MAX_ADOPT_AHEAD_MS
    assert len(clock.tick().encode().split(".")[0]) == 15


def test_a_fast_pc_moves_this_clock_by_the_counter_beyond_the_bound() -> None:
    now = 1_795_000_000_000
    clock = HybridLogicalClock("a", now_ms=lambda: now)
    fast = Timestamp(now + 2 * 3600_000, 7, "b")
    first = clock.observe(fast)
    second = clock.observe(fast)
    assert first.wall_ms == second.wall_ms == now + MAX_ADOPT_AHEAD_MS
    assert second.counter == first.counter + 1 and clock.tick() > second


def test_after_sorts_just_after_the_stamp_whatever_the_device() -> None:
    ts = Timestamp(5_000, 3, "zzzz")
    assert after(ts, "aaaa").encode() > ts.encode()
    assert after(ts, "aaaa") == Timestamp(5_000, 4, "aaaa")
    assert after(Timestamp(5_000, 0xFFFF, "z"), "a") == Timestamp(5_001, 0, "a")
