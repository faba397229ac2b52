"""The pickup window: hand out results by receipt barcode."""
