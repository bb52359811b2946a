"""The built-in task families: the 50 named tasks plus `core`, each with enough distinct,
deterministic, leak-free koans, and a rustc-verified sample of every task."""

import functools
import hashlib
from collections import Counter

import pytest

from share.judge.evaluate import run_jobs
from share.koans.generate import draft_job, drafts_of, verification_problem
from share.koans.plugins import load_registry
from share.koans.templating import new_shape, normalised

FAMILIES = {
    "borrow_checker": "bc_move bc_ref bc_mut bc_lifetime_simple bc_lifetime_complex bc_copy_clone bc_rc_arc bc_cell_refcell bc_closure_capture bc_async_borrow",
    "traits": "tb_derive tb_impl tb_bounds tb_where tb_associated tb_dyn tb_send_sync tb_from_into tb_iterator tb_display_debug",
    "error_handling": "rh_option rh_result rh_question rh_match rh_combinators rh_custom_error rh_thiserror rh_anyhow rh_unwrap_expect rh_early_return",
    "rust2024": "r24_fmt r24_let_chain r24_let_else r24_is_some_and r24_is_ok_and r24_copied r24_flatten r24_matches r24_clippy_modern r24_async_closure",
    "advanced": "adv_builder adv_newtype adv_typestate adv_phantom adv_unsafe adv_macro adv_proc_macro adv_simd adv_ffi adv_pin",
}
BUILTIN = set(FAMILIES) | {"core"}
N_TRAIN, N_EVAL = 300, 60

registry = load_registry()
TASKS = [t for t in registry.tasks.values() if t.family in BUILTIN]


@functools.cache
def drafts(task_name: str, split: str, seed: int = 0):
    n = N_TRAIN if split == "train" else N_EVAL
    return drafts_of(registry.task(task_name), split, n, seed)


def test_the_fifty_tasks_and_core_are_registered():
    for family, names in FAMILIES.items():
        assert [t.name for t in registry.family_tasks(family)] == names.split(), family
    assert len(registry.family_tasks("core")) >= 8


@pytest.mark.parametrize("task", [t.name for t in TASKS])
def test_task_has_enough_distinct_deterministic_koans(task):
    for split, n, templates in (("train", N_TRAIN, 4), ("eval", N_EVAL, 1)):
        made = drafts(task, split)
        assert len({(d["broken"], d["reference"]) for d in made}) == n
        assert len({d["template"] for d in made}) >= templates
        new = sum(new_shape(d["template"]) for d in made)
        assert new == 0 if split == "train" else n - n // 2 <= new <= n
        assert made == drafts_of(registry.task(task), split, n, 0)  # same seed, same koans
    assert drafts(task, "train", 1) != drafts(task, "train")
    lines = [len(d["broken"].splitlines()) for d in drafts(task, "train")]  # what the model is shown
    assert sum(n < 40 for n in lines) >= 0.75 * len(lines), f"most koans should be under 40 lines: {Counter(lines)}"


def test_no_evaluation_koan_leaks_into_any_training_set():
    """New-shape koans match no training koan even with literals abstracted; seen-shape
    ones (new instances of training templates) match none up to identifiers and whitespace."""
    train = [d["broken"] for t in TASKS for d in drafts(t.name, "train")]
    shapes, instances = {normalised(c) for c in train}, {normalised(c, literals=False) for c in train}
    leaks = [(t.name, d["template"]) for t in TASKS for d in drafts(t.name, "eval")
             if (normalised(d["broken"]) in shapes if new_shape(d["template"]) else normalised(d["broken"], False) in instances)]
    assert not leaks


def test_no_two_tasks_share_a_template():
    """A template used by two tasks would show up as the same program shape under both."""
    owners = {}
    for task in TASKS:
        for split in ("train", "eval"):
            for d in drafts(task.name, split):
                digest = hashlib.sha256(normalised(d["broken"]).encode()).hexdigest()
                owners.setdefault(digest, set()).add(task.name)
    assert not [names for names in owners.values() if len(names) > 1]


def test_a_sample_of_every_task_verifies_with_rustc():
    jobs, drafts_by_id = [], {}
    for task in TASKS:
        for split, n in (("train", 2), ("eval", 1)):
            for i, d in enumerate(drafts_of(task, split, n, 11)):
                key = f"{task.name}/{split}/{i}"
                drafts_by_id[key] = (task, d)
                jobs += [draft_job(task, key, d, kind) for kind in ("reference", "broken")]
    checks = {t.name: t.checks for t in TASKS if t.checks}
    results = {r.id: r for r in run_jobs(jobs, checks=checks, progress=False)}
    problems = {key: verification_problem(d, results[f"{key}#reference"], results[f"{key}#broken"])
                for key, (task, d) in drafts_by_id.items()}
    assert not {k: p for k, p in problems.items() if p}
