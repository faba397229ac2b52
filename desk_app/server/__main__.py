"""`python -m desk_app.server`: the same as the `desk-central` command (and its PyInstaller entry point)."""
import sys

from desk_app.server.cli import main

sys.exit(main())
