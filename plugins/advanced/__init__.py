"""The advanced task family (being written)."""
