"""Build hook: ship the top-level resources/, printouts/ and db/ folders inside the wheel as desk_app/_data/."""
from __future__ import annotations

import shutil
from pathlib import Path

from setuptools import setup
from setuptools.command.build_py import build_py

# The folders keep their place at the top of the repository (where people look for them); a wheel has no
# repository, so they travel as package data and desk_app/paths.py finds them there.
DATA_FOLDERS = ("resources", "printouts", "db")
SKIP = shutil.ignore_patterns("__pycache__", "*.pyc", "build_fallback_font.py", "generate_samples.py", "make_xlsx.py",
                              "regenerate.py")


class BuildWithData(build_py):
    def run(self):
        super().run()
        here = Path(__file__).resolve().parent
        target = Path(self.build_lib) / "desk_app" / "_data"
        for name in DATA_FOLDERS:
            dest = target / name
            if dest.exists():
                shutil.rmtree(dest)
            shutil.copytree(here / name, dest, ignore=SKIP)


setup(cmdclass={"build_py": BuildWithData})
