"""The traits task family (being written)."""
