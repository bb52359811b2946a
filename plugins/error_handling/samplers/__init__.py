"""Samplers of the error-handling family: one per task, drawing identifiers from pools
that are disjoint from each other and from the fixed identifiers the templates use (`s`,
`e`, `f`, `i`, `k`, `tests`...), and computing the concrete values the hidden tests
expect. Only the `random.Random` passed in is used: the same seed gives the same koans.
The pools and `_common` are in pools; one module per group of tasks: handling and
error_types.
"""
