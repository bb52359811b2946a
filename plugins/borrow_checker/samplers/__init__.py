"""Samplers of the borrow-checker family: one per task, drawing every identifier a template
of its task may need with share.koans.names.draw (one `rng.sample` per pool of
`pools.POOLS`), so names in one koan never collide, and computing the concrete values the
hidden tests expect. Only the `random.Random` passed in is used: the same seed gives the
same bytes. One module per group of tasks: ownership, lifetimes and shared.
"""
