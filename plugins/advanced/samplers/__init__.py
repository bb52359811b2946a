"""Samplers of the advanced family: one per task, in type_design, macros and low_level.

A sampler draws every identifier a template of its task may need with
share.koans.names.draw, one `rng.sample` per pool of `pools.POOLS` (the pools are
disjoint), so names in one koan never collide, and computes the concrete values the
hidden tests expect. Only the `random.Random` passed in is used.
"""
