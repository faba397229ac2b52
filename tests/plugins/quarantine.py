"""The quarantine marker: a parked flaky test still runs, names its issue, and is counted in the summary."""
from __future__ import annotations

import pytest

_KEY = "quarantine"


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line(
        "markers",
        "quarantine(issue, why): a flaky test parked until issue #N is fixed; it runs, its failure does not "
        "fail the run, and the summary counts and lists it (issue: int and why: str, both required)")
    config.pluginmanager.register(_Quarantine(), "desk-quarantine")


def describe(nodeid: str, mark: pytest.Mark) -> str:
    """``#issue: why`` of a quarantine marker, or a usage error when it does not name both."""
    issue, why = mark.kwargs.get("issue"), mark.kwargs.get("why")
    # A marker without its issue or reason is how tests stay parked forever: refuse it at collection.
    if mark.args or type(issue) is not int or not isinstance(why, str) or not why.strip():
        raise pytest.UsageError(f"{nodeid}: write @pytest.mark.quarantine(issue=<number>, why=\"<reason>\")")
    return f"#{issue}: {why.strip()}"


class _Quarantine:
    def __init__(self) -> None:
        self.parked: list[tuple[str, str, str]] = []

    @pytest.hookimpl(trylast=True)
    def pytest_collection_modifyitems(self, items: list[pytest.Item]) -> None:
        for item in items:
            mark = item.get_closest_marker("quarantine")
            if mark is None:
                continue
            what = describe(item.nodeid, mark)
            item.add_marker(pytest.mark.xfail(reason=f"quarantined, issue {what}", strict=False))
            # user_properties travel with the reports from xdist workers to the controller, which prints the summary.
            item.user_properties.append((_KEY, what))

    def pytest_runtest_logreport(self, report: pytest.TestReport) -> None:
        what = dict(report.user_properties).get(_KEY)
        if what is None:
            return
        if report.when == "call" or (report.when == "setup" and not report.passed):
            failed = hasattr(report, "wasxfail") and report.skipped or report.failed
            self.parked.append((report.nodeid, what, "failed" if failed else "passed"))

    def pytest_terminal_summary(self, terminalreporter) -> None:
        if not self.parked:
            return
        terminalreporter.section(f"{len(self.parked)} quarantined", sep="=", yellow=True)
        for nodeid, what, outcome in self.parked:
            terminalreporter.line(f"QUARANTINED {nodeid} ({outcome}), issue {what}")
