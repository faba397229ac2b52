"""Screens of the system administrator (系统管理员)."""
