"""Subcommands of `desk-app`, one module per area (part of the cli layer: may import everything)."""
