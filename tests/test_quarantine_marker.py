"""The suite hides nothing: a parked test runs and is counted by issue; a crashed worker fails with its stacks."""
from __future__ import annotations

import os
from pathlib import Path

import pytest

from tests.plugins.quarantine import describe

ROOT = Path(__file__).resolve().parent.parent
PARKED = """
import pytest

@pytest.mark.quarantine(issue=14, why="starved by a busy machine")
def test_parked():
    assert False

def test_fine():
    pass
"""

CRASH = """
import faulthandler
from desk_app.runtime.crash import CrashReporter

def test_a_crash_reporter_comes_and_goes(tmp_path):
    CrashReporter(tmp_path).install().uninstall()

def test_segfault():
    faulthandler._sigsegv()
"""


def _run(pytester: pytest.Pytester, *args: str) -> pytest.RunResult:
    pytester.makepyfile(test_planted=PARKED)
    env = os.environ.get("PYTHONPATH", "")
    pytester._monkeypatch.setenv("PYTHONPATH", os.pathsep.join(p for p in (str(ROOT), env) if p))
    return pytester.runpytest_subprocess("-p", "tests.plugins.quarantine", "-p", "tests.plugins.worker_faults",
                                         "-p", "no:cacheprovider", *args)


def test_a_quarantined_failure_is_counted_and_does_not_fail_the_run(pytester) -> None:
    result = _run(pytester)
    assert result.ret == 0
    result.assert_outcomes(passed=1, xfailed=1)
    result.stdout.fnmatch_lines([
        "*= 1 quarantined =*",
        "QUARANTINED test_planted.py::test_parked (failed), issue #14: starved by a busy machine"])


def test_under_xdist_a_plain_failure_fails_the_run_and_the_parked_one_is_counted(pytester) -> None:
    pytester.makepyfile(test_other="def test_broken():\n    assert False\n")
    result = _run(pytester, "-n", "2")
    assert result.ret == 1
    result.assert_outcomes(passed=1, failed=1, xfailed=1)
    result.stdout.fnmatch_lines(["*= 1 quarantined =*", "QUARANTINED test_planted.py::test_parked (failed)*"])


def test_a_segfault_in_a_worker_fails_the_run_and_shows_every_threads_stack(pytester) -> None:
    # The program's crash reporter, installed and uninstalled inside a test, used to leave faulthandler on
    # pytest's capture file: the next crash's stacks were lost with the worker.
    pytester.makepyfile(test_crash=CRASH)
    result = _run(pytester, "-n", "1")
    assert result.ret == 1
    result.assert_outcomes(passed=2, failed=1, xfailed=1)
    result.stdout.fnmatch_lines(["*crashed while running 'test_crash.py::test_segfault'*", "killed by SIGSEGV",
                                 "*stderr of the crashed worker (gw*)*", "Fatal Python error: Segmentation fault",
                                 "*File *test_crash.py*, line 8 in test_segfault"])


@pytest.mark.parametrize("marker", [pytest.mark.quarantine, pytest.mark.quarantine(issue=14),
                                    pytest.mark.quarantine(why="flaky"), pytest.mark.quarantine(14, "flaky"),
                                    pytest.mark.quarantine(issue="14", why="flaky"),
                                    pytest.mark.quarantine(issue=14, why=" ")])
def test_a_marker_without_issue_and_reason_is_refused(marker) -> None:
    with pytest.raises(pytest.UsageError, match="issue=<number>"):
        describe("t.py::x", marker.mark)


def test_a_collected_marker_without_its_issue_stops_the_run(pytester) -> None:
    pytester.makepyfile(test_bad="import pytest\n\n@pytest.mark.quarantine(why='flaky')\ndef test_x():\n    pass\n")
    result = pytester.runpytest("-p", "tests.plugins.quarantine", "-p", "no:cacheprovider")
    assert result.ret == pytest.ExitCode.USAGE_ERROR
    result.stderr.fnmatch_lines(["*test_bad.py::test_x: write @pytest.mark.quarantine(issue=<number>*"])
