"""The rustc sandbox and judging: an answer turned into a program (answers), the static
guard (guard, lexer, auxcrates), the sandbox (sandbox, cgroups), builds and verdicts
(evaluate, batch, libtest, diagnostics) and the verdict cache (evalcache).

May import share.koans.koan (the koan schema) and nothing else of the project: the judge
never loads a model."""
