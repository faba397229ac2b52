"""The wheel works on its own: built by `python -m build`, installed into a fresh venv, run away from the checkout."""
from __future__ import annotations

import os
import shutil
import subprocess
import sys
import sysconfig
import venv
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
pytestmark = pytest.mark.slow


def _run(cmd: list[str], cwd: Path, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    res = subprocess.run(cmd, cwd=cwd, env=env, capture_output=True, text=True, timeout=240)
    assert res.returncode == 0, f"{cmd} -> {res.returncode}\n{res.stdout}\n{res.stderr}"
    return res


@pytest.fixture(scope="module")
def installed(tmp_path_factory) -> tuple[Path, dict[str, str], Path]:
    """A venv holding only the wheel; the test venv's dependencies are reachable through a .pth line."""
    tmp = tmp_path_factory.mktemp("wheel")
    src = tmp / "src"
    # A copy, so the build's own build/ folder can never leave stale modules in the wheel or touch the checkout.
    shutil.copytree(ROOT, src, ignore=shutil.ignore_patterns(
        ".git", ".venv", "build", "dist", "__pycache__", "*.egg-info", "tests", "bench", ".hypothesis", "_data"))
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "DESK_APP_DATA")}
    _run([sys.executable, "-m", "build", "--wheel", "--outdir", str(tmp / "dist"), str(src)], tmp, env)
    wheel = next((tmp / "dist").glob("desk_app-*.whl"))
    target = tmp / "venv"
    venv.create(target, with_pip=False)
    bindir = target / ("Scripts" if os.name == "nt" else "bin")
    _run([sys.executable, "-m", "pip", "--python", str(bindir / "python"), "install", "--no-deps", "--no-compile",
          "-q", str(wheel)], tmp, env)
    purelib = Path(subprocess.check_output(
        [str(bindir / "python"), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"], text=True).strip())
    # Only the dependencies: a plain path line adds the directory without running its .pth files, so the
    # checkout's editable install (a .pth finder there) stays out of the fresh venv.
    (purelib / "_test_deps.pth").write_text(sysconfig.get_paths()["purelib"] + "\n")
    run_dir = tmp / "elsewhere"
    run_dir.mkdir()
    env["DESK_APP_DATA"] = str(tmp / "data")
    return bindir, env, wheel


def test_wheel_carries_the_data_folders(installed):
    _, _, wheel = installed
    names = zipfile.ZipFile(wheel).namelist()
    for needed in ("desk_app/_data/db/env.py", "desk_app/_data/printouts/", "desk_app/_data/resources/fonts/",
                   "desk_app/_data/resources/translations/desk_app_en.qm"):
        assert any(n.startswith(needed) for n in names), needed


def test_installed_commands_find_their_own_files(installed):
    bindir, env, _ = installed
    cwd = Path(env["DESK_APP_DATA"]).parent / "elsewhere"
    where = _run([str(bindir / "python"), "-c", "import desk_app.paths as p; print(p.install_root())"], cwd, env)
    assert "site-packages" in where.stdout and str(ROOT) not in where.stdout
    assert "0.1" in _run([str(bindir / "desk-app"), "--version"], cwd, env).stdout
    assert "desk-central" in _run([str(bindir / "desk-central"), "--version"], cwd, env).stdout
    _run([str(bindir / "desk-app"), "version"], cwd, env)
    pdf = cwd / "notice.pdf"
    _run([str(bindir / "desk-app"), "printout", "sample", "one-time-notice", "--out", str(pdf)], cwd, env)
    assert pdf.read_bytes().startswith(b"%PDF")
    _run([str(bindir / "desk-app"), "db", "upgrade", "--db", str(cwd / "local.db")], cwd, env)
    created = _run([str(bindir / "desk-central"), "--db", f"sqlite:///{cwd / 'central.db'}", "hall", "create",
                    "--code", "W01", "--name", "测试大厅"], cwd, env)
    assert "W01" in created.stdout
