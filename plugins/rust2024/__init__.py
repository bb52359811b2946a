"""The rust2024 task family (being written)."""
