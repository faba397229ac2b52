"""The lobby guide desk: category buttons, item search, priority groups and appointment check-in."""
