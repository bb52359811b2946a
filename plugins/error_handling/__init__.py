"""The error_handling task family (being written)."""
