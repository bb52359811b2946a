"""Koan drafts from jinja2 templates: the generator most task families use.

A task's templates live in one folder: `train_*.rs.j2` for the training split and
`eval_*.rs.j2` (used only for evaluation). The eval split is half "new shapes" (the
eval_* templates: programs unlike any training koan) and half "seen shapes" (new
instances of the train_* templates). A template's koans fall into classes (the code up
to identifiers and whitespace); a hash puts one class in HELD_OUT on the evaluation side,
so no evaluation koan equals a training koan up to names, for any n and seed. A template
whose classes would all be held out (one that only varies names, say) is kept whole for
training, so no training shape is lost. The two halves answer different questions: did
the model learn the skill on the programs it was taught with, and does the skill carry
to programs of a new shape.

The dev split is drawn exactly as the eval split, from the other half of the same
programs: a hash of each koan's code sends it to dev or to eval, never both, for any n
and seed. Recipes (budgets, learning rates, variance) are chosen on dev, so the eval
koans the report uses stay unseen by every choice.

Each template is rendered twice from the same sampled parameters, with `fixed=False` (the broken code) and `fixed=True` (the
reference). Its output may start with header lines `//~ mode: test` and
`//~ expected_error: E0382`, and a line `//~ tests` separates the program from the
hidden tests appended to every answer.
"""

from __future__ import annotations

import functools
import hashlib
import random
import re
from pathlib import Path
from typing import Callable

import jinja2

from share.koans.koan import MODES, SPLITS

HEADER = "//~ "
TESTS_MARK = "//~ tests"
MAX_TRIES_PER_KOAN = 50
HELD_OUT = 5  # one in HELD_OUT program classes (code up to names) of a train_* template is evaluation-only
PROBE_DRAWS = 200  # draws that find a template's classes, from a fixed stream (any n, any seed)

_TOKEN = re.compile(r"[A-Za-z_][A-Za-z0-9_]*|\d[\d_.]*|\"(?:\\.|[^\"\\])*\"|'(?:\\.|[^'\\])'|\S")
KEYWORDS = frozenset("as async await break const continue crate dyn else enum extern false fn for if impl in let loop "
                     "match mod move mut pub ref return self Self static struct super trait true type unsafe use "
                     "where while".split())


def normalised(code: str, literals: bool = True) -> str:
    """The code with whitespace and identifiers abstracted away (and literals too, unless
    `literals=False`): two koans equal here differ only in names (or values)."""
    out = []
    for tok in _TOKEN.findall(code):
        if tok[0].isdigit() and literals:
            out.append("0")
        elif tok[0] in "\"'" and len(tok) > 1 and literals:
            out.append('""')
        elif (tok[0].isalpha() or tok[0] == "_") and tok not in KEYWORDS:
            out.append("x")
        else:
            out.append(tok)
    return " ".join(out)


def _class(code: str) -> str:
    return normalised(code, literals=False)


def _hashed_out(program_class: str) -> bool:
    digest = hashlib.sha256(program_class.encode()).digest()
    return int.from_bytes(digest[:8], "big") % HELD_OUT == 0


def _dev_side(broken: str, reference: str) -> bool:
    """Whether an evaluation-side koan belongs to the dev split (else to eval)."""
    return hashlib.sha256(f"dev:{broken}\0{reference}".encode()).digest()[0] % 2 == 1


def new_shape(template: str) -> bool:
    """Whether a koan from this template (name, or koan id ending in it) is of a new shape."""
    return template.rsplit("/", 1)[-1].startswith("eval_")


class TemplateError(ValueError):
    pass


def templates(folder: Path, prefix: str) -> list[Path]:
    return sorted(Path(folder).glob(f"{prefix}*.rs.j2"))


HEADER_KEYS = ("mode", "expected_error")


def render(template: jinja2.Template, params: dict, fixed: bool) -> dict:
    """One rendering -> {mode, expected_error, code, tests}. A Jinja error, an unknown
    header, a mode the host lacks, or a test-mode template without `//~ tests` (its
    tests would be shown to the model) is a TemplateError naming the template file."""
    where = template.filename or template.name
    try:
        text = template.render(**params, fixed=fixed)
    except jinja2.TemplateError as e:
        raise TemplateError(f"{where}: {type(e).__name__}: {e}") from e
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
    unknown = set(head) - set(HEADER_KEYS)
    if unknown:
        raise TemplateError(f"{where}: unknown header `{HEADER}{sorted(unknown)[0]}:`; one of {', '.join(HEADER_KEYS)}")
    mode = head.get("mode", "test")
    if mode not in MODES:
        raise TemplateError(f"{where}: `{HEADER}mode: {mode}` is not one of {', '.join(MODES)}")
    if mode == "test" and target is not tests_lines:
        raise TemplateError(f"{where}: a test-mode template needs a `{TESTS_MARK}` line before its hidden tests "
                            "(without it they would be part of the code the model is shown)")
    expected = head.get("expected_error") or None
    return {
        "mode": mode,
        "expected_error": None if expected in (None, "none", "null") else expected,
        "code": "\n".join(code_lines).strip("\n") + "\n",
        "tests": "\n".join(tests_lines).strip("\n") + ("\n" if tests_lines else ""),
    }


def template_generator(folder: str | Path, sample: Callable[[random.Random], dict]) -> "TemplateGenerator":
    """A generator(split, n, seed) over the templates in `folder`.

    `sample(rng)` draws one parameter dict (identifiers, types, values, shapes) from the
    task's pools. Templates take turns so every one is used; duplicates and draws from the
    other split's side of `held_out` are redrawn (a template whose pools run dry leaves
    the others to fill the split). The eval split draws its two halves one after the
    other and interleaves them. Deterministic: the same seed gives the same koans in
    the same order.
    """
    return TemplateGenerator(Path(folder), sample)


class TemplateGenerator:
    """One task's templates and sampler; calling it draws a split (see template_generator)."""

    def __init__(self, folder: Path, sample: Callable[[random.Random], dict]):
        self.folder, self.sample = folder, sample
        self.env = jinja2.Environment(
            loader=jinja2.FileSystemLoader(str(folder)),
            undefined=jinja2.StrictUndefined,
            keep_trailing_newline=True,
            trim_blocks=True,
            lstrip_blocks=True,
        )

    def load(self, prefix: str) -> list:
        paths = templates(self.folder, prefix)
        if not paths:
            raise TemplateError(f"{self.folder}: no {prefix}*.rs.j2 templates")
        return [(p.name.removesuffix(".rs.j2"), self.parse(p)) for p in paths]

    def parse(self, path: Path) -> jinja2.Template:
        try:
            return self.env.get_template(path.name)
        except jinja2.TemplateError as e:  # a syntax error, here or in an included file
            raise TemplateError(f"{path}: {type(e).__name__}: {e} (line {getattr(e, 'lineno', '?')} of "
                                f"{getattr(e, 'filename', None) or path.name})") from e

    @functools.cached_property
    def kept_whole(self) -> frozenset[str]:
        """The classes of every train_* template whose classes would all be held out (one
        that only varies names, say): they stay in training, from whichever template."""
        kept = set()
        for name, template in self.load("train_"):
            rng = random.Random(f"probe:{self.folder.name}:{name}")  # a fixed stream: the same for any n and seed
            classes = {_class(render(template, self.sample(rng), False)["code"]) for _ in range(PROBE_DRAWS)}
            if all(_hashed_out(c) for c in classes):
                kept |= classes
        return frozenset(kept)

    def held_out(self, code: str) -> bool:
        """Whether a train_* koan with this broken code belongs to the eval split."""
        program_class = _class(code)
        return _hashed_out(program_class) and program_class not in self.kept_whole

    def on_side(self, prefix: str, side: str, broken: str, reference: str) -> bool:
        """Whether a koan drawn from prefix* templates belongs to `side` (train, eval or dev)."""
        if prefix == "train_" and self.held_out(broken) != (side != "train"):
            return False
        return side == "train" or _dev_side(broken, reference) == (side == "dev")

    def draw(self, prefix: str, n: int, rng: random.Random, side: str, at_least: int | None = None) -> list[dict]:
        """n distinct drafts (or as many as the pools allow, if at least `at_least`) from
        the templates named prefix*, taking turns, for one side: train, eval or dev."""
        loaded = self.load(prefix)
        drafts, seen = [], set()
        for attempt in range(n * MAX_TRIES_PER_KOAN):
            if len(drafts) == n:
                break
            name, template = loaded[attempt % len(loaded)]
            params = self.sample(rng)
            broken, fixed = render(template, params, False), render(template, params, True)
            key = (broken["code"], fixed["code"])  # koans differing only in hidden tests look the same to the model
            if key in seen or not self.on_side(prefix, side, *key):
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
        if len(drafts) < (n if at_least is None else at_least):
            raise TemplateError(f"{self.folder}: only {len(drafts)} distinct {prefix}* koans of {n} asked; "
                                "enlarge the pools")
        return drafts

    def __call__(self, split: str, n: int, seed: int) -> list[dict]:
        if split not in SPLITS:
            raise TemplateError(f"unknown split {split!r}; one of {', '.join(SPLITS)}")
        rng = random.Random(f"{self.folder.name}:{split}:{seed}")
        if split == "train":
            return self.draw("train_", n, rng, split)
        seen = self.draw("train_", n // 2, rng, split, at_least=0)  # fewer when the templates only vary names
        new = self.draw("eval_", n - len(seen), rng, split)
        return [d for pair in zip(new, seen) for d in pair] + new[len(seen):]  # interleaved: a prefix mixes both
