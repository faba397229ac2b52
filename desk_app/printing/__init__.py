"""Printouts: PDF notices and receipts (reportlab) and thermal tickets (ESC/POS)."""
