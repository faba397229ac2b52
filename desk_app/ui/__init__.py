"""Qt widgets: the screens of the guide desk, windows, pickup, supervisor, display and applicant."""
