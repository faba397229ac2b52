"""`python -m desk_app`: the same as the `desk-app` command (and the PyInstaller entry point)."""
import sys

from desk_app.cli import main

sys.exit(main())
