"""Print pipeline widgets: preview dialog, per-kind printer settings, and printing off the UI thread."""
