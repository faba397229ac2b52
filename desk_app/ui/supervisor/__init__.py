"""The supervisor console: negative ratings and overdue cases."""
