"""`desk-app demo`, `desk-app run` and `desk-app display`: start the Qt program."""
from __future__ import annotations

import argparse
import sys


def cmd_demo(args: argparse.Namespace) -> int:
    from desk_app.demo import run_demo
    return run_demo(fresh=args.fresh, screenshot_dir=args.screenshot, history=getattr(args, "history", False),
                    language=getattr(args, "language", None) or "")


def cmd_run(args: argparse.Namespace) -> int:
    from desk_app.app import run_program
    return run_program(server=args.server)


def cmd_display(args: argparse.Namespace) -> int:
    from desk_app.app import run_display
    return run_display(screen=args.screen)


if __name__ == "__main__":  # pragma: no cover
    sys.exit(cmd_demo(argparse.Namespace(fresh=False, screenshot=None)))
