"""Qt glue without widgets: workers, run-on-main, the message bridge."""
