"""The CUPS virtual printers of the integration tests, set up (cupsd started) by tests/cups/setup_virtual_printer.sh.

Never skipped: a machine without CUPS fails these tests with a message saying how to install it.
"""
from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

SETUP = Path(__file__).resolve().parent / "cups" / "setup_virtual_printer.sh"
PDF_DIRECT = "desk-test-pdfdirect"      # keeps the PDF: /var/spool/desk-pdf/job-<id>.pdf
CUPS_PDF = "desk-test-cupspdf"          # cups-pdf (PostScript, ghostscript): /var/spool/cups-pdf/desktest/
PDF_DIRECT_OUT = Path("/var/spool/desk-pdf")
CUPS_PDF_OUT = Path("/var/spool/cups-pdf/desktest")


def ensure_virtual_printers() -> None:
    if shutil.which("lp") is None or shutil.which("cupsd") is None:
        pytest.fail("CUPS is not installed: run ./dev.sh test (it installs cups and printer-driver-cups-pdf) or "
                    "apt-get install cups printer-driver-cups-pdf", pytrace=False)
    res = subprocess.run(["bash", str(SETUP)], capture_output=True, text=True, timeout=120)
    if res.returncode != 0:
        pytest.fail(f"the CUPS virtual printers could not be set up ({SETUP}):\n{res.stdout}{res.stderr}",
                    pytrace=False)


def output_of(queue: str, job_id: str) -> Path | None:
    """The PDF the virtual printer wrote for ``job_id`` ("desk-test-pdfdirect-12"), once it is complete."""
    number = job_id.rpartition("-")[2]
    if queue == PDF_DIRECT:
        path = PDF_DIRECT_OUT / f"job-{number}.pdf"
        return path if path.is_file() else None
    found = sorted(CUPS_PDF_OUT.glob(f"*job_{number}.pdf"))
    return found[0] if found else None
