"""Borrow-checker family: moves, borrows, lifetimes, shared ownership."""

from pathlib import Path

from share.hookspecs import hookimpl
from share.templating import template_generator

FAMILY = "borrow_checker"
TEMPLATES = Path(__file__).parent / "templates"

NAMES = ["items", "names", "scores", "queue", "words", "values", "tags", "lines", "parts", "cells"]
FUNCS = ["total", "count_all", "summarize", "measure", "tally", "weigh", "report", "digest"]


def sample_move(rng):
    name, other = rng.sample(NAMES, 2)
    values = [rng.randint(1, 99) for _ in range(rng.randint(2, 5))]
    return {"var": name, "other": other, "func": rng.choice(FUNCS), "values": values, "total": sum(values)}


TASKS = {
    "bc_move": ("Use of a value after it was moved: borrow it (&) or clone it instead of moving.", sample_move),
}


@hookimpl
def register_families(register):
    register(FAMILY, "Ownership and borrowing errors the borrow checker rejects")


@hookimpl
def register_tasks(register):
    for name, (description, sample) in TASKS.items():
        register(name, FAMILY, description, "2021", template_generator(TEMPLATES / name, sample))
