"""Regenerate the single initial migration from the models (allowed until the first release; see db/README.md)."""
from __future__ import annotations

import shutil
import sys
import tempfile
from pathlib import Path

from alembic import command
from alembic.config import Config

ROOT = Path(__file__).resolve().parent.parent
TARGET = ROOT / "db" / "versions" / "0001_initial_schema.py"


def main() -> int:
    sys.path.insert(0, str(ROOT))
    with tempfile.TemporaryDirectory() as tmp:
        scripts = Path(tmp) / "db"
        (scripts / "versions").mkdir(parents=True)
        for name in ("env.py", "script.py.mako"):
            shutil.copy(ROOT / "db" / name, scripts / name)
        cfg = Config()
        cfg.set_main_option("script_location", str(scripts))
        cfg.set_main_option("sqlalchemy.url", f"sqlite:///{tmp}/autogen.db")
        command.revision(cfg, message="initial schema", autogenerate=True, rev_id="0001")
        generated = next((scripts / "versions").glob("0001_*.py"))
        lines = generated.read_text().splitlines()
        # No timestamp, so concurrent regenerations write identical files.
        TARGET.write_text("\n".join(l for l in lines if not l.startswith("Create Date:")) + "\n")
    print(f"wrote {TARGET.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
