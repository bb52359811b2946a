"""Samplers of the traits family: one per task, drawing the identifiers, types, values and
shapes its templates use and computing the concrete values the hidden tests expect. Only
the rng passed in is used, so a seed always gives the same koans. The identifier pools and
`_common` (the names most templates use) are in pools; one module per group of tasks:
impls and bounds.
"""
