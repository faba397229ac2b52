"""Qt side of the devices: keyboard-wedge scanner, scan routing, screens, health strip, settings page, LED simulator."""
