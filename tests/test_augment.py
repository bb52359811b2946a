"""Renamed copies for pre-training: consistent, length-preserving, deterministic, and
still real Rust: a renamed koan passes the same verification a generated one does."""

import random

from share.augment import defined_names, name_pool, renamed, with_renamed_copies
from share.evaluate import Job, run_jobs
from share.generate import generate_tasks, verification_problem
from share.plugins import load_registry

KOAN_TASKS = ["core_type_mismatch", "core_missing_field", "core_visibility", "bc_move", "adv_builder"]


def test_defined_names_skip_keywords_std_methods_paths_and_short_names():
    code = ("use std::fmt;\nstruct Meter { reading: u32 }\nimpl fmt::Display for Meter {\n"
            "    fn fmt(&self, f: &mut fmt::Formatter) -> fmt::Result { write!(f, \"{}\", self.reading) }\n}\n"
            "fn total(values: &[u32]) -> u32 { let mut acc = 0; for v in values { acc += v; } acc.max(1) }\n"
            "fn make() -> Meter { Meter::new() }\n")
    assert defined_names(code) == {"reading", "total", "values", "acc", "make"}  # not fmt, Meter (a path), v, f


def test_a_renamed_koan_keeps_lengths_columns_and_rustcs_words():
    [(koans, _)] = generate_tasks([load_registry().task("core_type_mismatch")], "train", 4, 0, progress=False)
    rng = random.Random(0)
    pool = name_pool(koans)
    for koan in koans:
        copy = renamed(koan, rng, pool)
        assert copy.broken != koan.broken and copy.id == koan.id + "~renamed"
        for before, after in ((koan.broken, copy.broken), (koan.reference, copy.reference), (koan.diagnostic, copy.diagnostic)):
            assert [len(line) for line in before.split("\n")] == [len(line) for line in after.split("\n")]
        words = lambda text: [line for line in text.split("\n") if line.startswith("error")]
        assert [w.split("`")[0] for w in words(koan.diagnostic)] == [w.split("`")[0] for w in words(copy.diagnostic)]


def test_renamed_copies_are_deterministic_and_follow_the_originals():
    [(koans, _)] = generate_tasks([load_registry().task("bc_move")], "train", 3, 0, progress=False)
    first, again = with_renamed_copies(koans, 2, seed=7), with_renamed_copies(koans, 2, seed=7)
    assert first == again and first[:3] == koans and len(first) == 9
    assert with_renamed_copies(koans, 2, seed=8) != first


def test_renamed_koans_still_verify_with_rustc():
    """The copy is the same lesson under other names: the reference passes its (renamed)
    tests and the broken code fails for the same declared reason."""
    registry = load_registry()
    rng, jobs, drafts = random.Random(0), [], []
    for name in KOAN_TASKS:
        task = registry.task(name)
        [(koans, _)] = generate_tasks([task], "train", 6, 1, progress=False)
        pool = name_pool(koans)
        for koan in koans:
            copy = renamed(koan, rng, pool)
            drafts.append(copy)
            jobs += [Job(copy.id + "#reference", copy.reference, copy.tests, copy.mode, copy.edition),
                     Job(copy.id + "#broken", copy.broken, copy.tests, copy.mode, copy.edition)]
    results = run_jobs(jobs, workers=2, progress=False)
    problems = [verification_problem({"expected_error": k.expected_error}, r, b)
                for k, r, b in zip(drafts, results[::2], results[1::2])]
    assert [p for p in problems if p] == []
