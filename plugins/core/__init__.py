"""The core task family (being written)."""
