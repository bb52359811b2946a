"""A minimal third-party task family: one task, two templates (the README's plugin guide shows it)."""

from pathlib import Path

from share.koans.hookspecs import hookimpl
from share.koans.templating import template_generator


def sample(rng):
    a, b = rng.randint(1, 999), rng.randint(1, 999)
    return {"fn": rng.choice(["add", "plus", "sum2", "combine"]), "var": rng.choice(["total", "acc", "out", "both"]),
            "a": a, "b": b, "total": a + b}


@hookimpl
def register_families(register):
    register("example", "A third-party family used by the tests")


@hookimpl
def register_tasks(register):
    register("ex_sum", "example", "Return the sum of two integers; the broken code has the wrong operator.",
             "2021", template_generator(Path(__file__).parent / "templates" / "ex_sum", sample))
