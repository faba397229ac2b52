"""Devices: a Protocol per device, real adapters and simulators, each with a health state."""
