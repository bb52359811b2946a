"""Koan drafts from jinja2 templates: the generator most task families use.

A task's templates live in one folder: `train_*.rs.j2` for the training split and
`eval_*.rs.j2` (used only for evaluation). Each template is rendered twice from the
same sampled parameters, with `fixed=False` (the broken code) and `fixed=True` (the
reference). Its output may start with header lines `//~ mode: test` and
`//~ expected_error: E0382`, and a line `//~ tests` separates the program from the
hidden tests appended to every answer.
"""

from __future__ import annotations

import random
from pathlib import Path
from typing import Callable

import jinja2

HEADER = "//~ "
TESTS_MARK = "//~ tests"
MAX_TRIES_PER_KOAN = 50


class TemplateError(ValueError):
    pass


def templates(folder: Path, split: str) -> list[Path]:
    prefix = "train_" if split == "train" else "eval_"
    return sorted(Path(folder).glob(f"{prefix}*.rs.j2"))


def render(template: jinja2.Template, params: dict, fixed: bool) -> dict:
    """One rendering -> {mode, expected_error, code, tests}."""
    text = template.render(**params, fixed=fixed)
    head, code_lines, tests_lines, target = {}, [], [], None
    for line in text.splitlines():
        if target is None and line.startswith(HEADER) and ":" in line:
            key, value = line[len(HEADER):].split(":", 1)
            head[key.strip()] = value.strip()
            continue
        if line.strip() == TESTS_MARK:
            target = tests_lines
            continue
        target = code_lines if target is None else target
        target.append(line)
    if target is None:
        target = code_lines
    expected = head.get("expected_error") or None
    return {
        "mode": head.get("mode", "test"),
        "expected_error": None if expected in (None, "none", "null") else expected,
        "code": "\n".join(code_lines).strip("\n") + "\n",
        "tests": "\n".join(tests_lines).strip("\n") + ("\n" if tests_lines else ""),
    }


def template_generator(folder: str | Path, sample: Callable[[random.Random], dict]):
    """A generator(split, n, seed) over the templates in `folder`.

    `sample(rng)` draws one parameter dict (identifiers, types, values, shapes) from the
    task's pools. Templates take turns so every one is used; duplicates are redrawn (a
    template whose pools run dry leaves the others to fill the split).
    Deterministic: the same seed gives the same koans in the same order.
    """
    folder = Path(folder)
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(str(folder)),
        undefined=jinja2.StrictUndefined,
        keep_trailing_newline=True,
        trim_blocks=True,
        lstrip_blocks=True,
    )

    def generate(split: str, n: int, seed: int) -> list[dict]:
        paths = templates(folder, split)
        if not paths:
            raise TemplateError(f"{folder}: no {split} templates ({'train' if split == 'train' else 'eval'}_*.rs.j2)")
        loaded = [(p.name.removesuffix(".rs.j2"), env.get_template(p.name)) for p in paths]
        rng = random.Random(f"{folder.name}:{split}:{seed}")
        drafts, seen = [], set()
        for attempt in range(n * MAX_TRIES_PER_KOAN):
            if len(drafts) == n:
                break
            name, template = loaded[attempt % len(loaded)]
            params = sample(rng)
            broken, fixed = render(template, params, False), render(template, params, True)
            key = (broken["code"], fixed["code"])  # koans differing only in hidden tests look the same to the model
            if key in seen:
                continue
            seen.add(key)
            drafts.append({
                "mode": fixed["mode"],
                "expected_error": fixed["expected_error"],
                "broken": broken["code"],
                "reference": fixed["code"],
                "tests": fixed["tests"],
                "template": name,
            })
        if len(drafts) < n:
            raise TemplateError(f"{folder}: only {len(drafts)} distinct {split} koans of {n} asked; enlarge the pools")
        return drafts

    return generate
