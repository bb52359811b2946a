"""Samplers of the core family: one per task, drawing every identifier, literal and small
number its templates use from the `random.Random` it is given (and nothing else), and
computing the concrete values the hidden tests expect.

Every sampler returns one flat dict that serves all of its task's templates; a template
uses the keys it needs. Identifiers are drawn through `pools.CoreNames`, so no two roles
in one koan share a name, and none is a keyword or a prelude name. One module per group
of tasks: type_errors, scope, calls, exhaustive and logic.
"""
