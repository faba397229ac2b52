"""The clerk window: window panel, intake screen, complaint window."""
