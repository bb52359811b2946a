"""Koans from plugins, verified by rustc before they are written.

The host owns ids, the task's metadata and the diagnostic (rustc's real, path-free
output for the broken code); a koan is emitted only when its reference passes (the judge
of answers, guard included: docs/judge.md) and its broken code fails for the declared
reason. A koan whose pass nothing could prove is refused: test mode without a hidden
`#[test]`, run mode whose reference prints nothing.
"""

from __future__ import annotations

import logging
from collections import Counter
from dataclasses import dataclass

from share.judge.evaluate import Job, run_jobs
from share.judge.libtest import hidden_tests
from share.koans.koan import EDITIONS, MODES, Koan, SchemaError
from share.koans.plugins import PluginError, Registry, Task

log = logging.getLogger(__name__)
DRAFT_FIELDS = {"mode", "broken", "reference", "tests", "expected_error", "edition", "template"}


@dataclass
class TaskStats:
    task: str
    split: str
    emitted: int
    verified: int
    templates: int
    duplicates: int

    def line(self) -> str:
        return (f"{self.task:24s} {self.split:5s} emitted={self.emitted} verified={self.verified / max(self.emitted, 1):.0%} "
                f"templates={self.templates} duplicates={self.duplicates}")


def drafts_of(task: Task, split: str, n: int, seed: int) -> list[dict]:
    """Call the plugin's generator and check the shape of what it returned."""
    where = f"plugin {task.plugin!r}, task {task.name!r}"
    try:
        drafts = list(task.generator(split, n, seed))
    except Exception as e:
        raise PluginError(f"{where}: the generator raised {type(e).__name__}: {e}") from e
    if len(drafts) != n:
        raise PluginError(f"{where}: asked for {n} {split} koans, the generator returned {len(drafts)}")
    for i, draft in enumerate(drafts):
        problem = _draft_problem(draft)
        if problem:
            template = f" (template {draft['template']})" if isinstance(draft, dict) and draft.get("template") else ""
            raise PluginError(f"{where}: draft {i}{template} is malformed: {problem}")
    return drafts


def _draft_problem(draft) -> str | None:
    if not isinstance(draft, dict):
        return f"expected a dict, got {type(draft).__name__}"
    unknown = set(draft) - DRAFT_FIELDS
    if unknown:
        return f"unknown field {sorted(unknown)[0]!r}"
    for name in ("broken", "reference"):
        if not isinstance(draft.get(name), str) or not draft[name].strip():
            return f"{name}: missing or empty"
    if draft.get("mode", "test") not in MODES:
        return f"mode: {draft.get('mode')!r} is not one of {MODES}"
    if draft.get("edition", "2021") not in EDITIONS:
        return f"edition: {draft.get('edition')!r} is not one of {EDITIONS}"
    if draft.get("mode", "test") == "test" and not hidden_tests(draft.get("tests", "")):
        return ("tests: a test-mode koan needs at least one `#[test] fn` in its tests, since only libtest reporting "
                "them as passed proves a pass (or use mode lib or run)")
    return None


def generate_tasks(tasks: list[Task], split: str, n: int, seed: int, *, workers=None, timeout=10.0,
                   progress=True) -> list[tuple[list[Koan], TaskStats]]:
    """n verified koans per task; raises naming the plugin, task and first failures.

    Every task's programs are judged in one pool, so shared builds and workers stay full
    across tasks (one run per task would leave a core idle at the end of each). A draft's
    reference and broken programs are queued side by side: they share any auxiliary crate,
    which the evaluator then builds once."""
    drafts = {task.name: drafts_of(task, split, n, seed) for task in tasks}
    ids = {task.name: [f"{task.name}/{split}/{i:04d}/{d.get('template', 't')}" for i, d in enumerate(drafts[task.name])]
           for task in tasks}
    jobs = [draft_job(task, id_, d, kind)
            for task in tasks for id_, d in zip(ids[task.name], drafts[task.name]) for kind in ("reference", "broken")]
    results = iter(run_jobs(jobs, workers=workers, timeout=timeout, checks={t.name: t.checks for t in tasks},
                            progress=progress))
    made = []
    for task in tasks:
        judged = [(next(results), next(results)) for _ in drafts[task.name]]  # (reference, broken) per draft
        made.append(_verified(task, split, ids[task.name], drafts[task.name], judged))
    return made


def draft_job(task: Task, id_: str, draft: dict, kind: str) -> Job:
    """The program to judge for a draft's `kind` ("reference" or "broken"), judged as an
    answer to the draft's koan would be; broken code that declares a compile error is
    marked so it skips shared builds."""
    return Job(f"{id_}#{kind}", draft[kind], draft.get("tests", ""), draft.get("mode", "test"),
               draft.get("edition", task.edition), task.name,
               compiles=kind == "reference" or not draft.get("expected_error"),
               reference=draft["reference"], broken=draft["broken"])


def _verified(task: Task, split: str, ids: list[str], drafts: list[dict], judged) -> tuple[list[Koan], TaskStats]:
    koans, failures = [], []
    for id_, d, (r, b) in zip(ids, drafts, judged, strict=True):
        problem = verification_problem(d, r, b)
        if problem:
            failures.append(f"{id_}: {problem}")
            continue
        try:
            koans.append(Koan(
                id=id_, family=task.family, task=task.name, edition=d.get("edition", task.edition),
                mode=d.get("mode", "test"), description=task.description, broken=d["broken"],
                diagnostic=b.diagnostic or b.detail, reference=d["reference"], tests=d.get("tests", ""),
                expected_error=d.get("expected_error"),
            ))
        except SchemaError as e:
            failures.append(f"{id_}: {e}")
    if failures:
        shown = "\n  ".join(failures[:5])
        raise PluginError(f"plugin {task.plugin!r}, task {task.name!r}: {len(failures)} of {len(drafts)} {split} koans "
                          f"failed verification, nothing written:\n  {shown}")
    stats = TaskStats(task.name, split, len(drafts), len(koans), len({d.get("template") for d in drafts}),
                      sum(c - 1 for c in Counter((d["broken"], d["reference"]) for d in drafts).values()))
    return koans, stats


def verification_problem(draft: dict, reference, broken) -> str | None:
    """Why a draft does not teach its task, or None when it does."""
    if reference.status != "pass":
        return f"the reference does not pass ({reference.status} {reference.error_codes} {reference.detail})\n{reference.diagnostic[:800]}"
    expected = draft.get("expected_error")
    if expected:
        if broken.status != "compile_error" or expected not in broken.error_codes:
            return f"the broken code should fail with {expected}, got {broken.status} {broken.error_codes}"
    elif broken.status not in ("test_failure", "runtime_error"):
        return f"the broken code should compile and fail a test or check, got {broken.status} {broken.error_codes}"
    return None


def resolve_tasks(registry: Registry, names: list[str]) -> list[Task]:
    """`all` is every registered task; a family name stands for its tasks."""
    out = []
    for name in names:
        if name == "all":
            out += list(registry.tasks.values())
        elif name in registry.families:
            out += registry.family_tasks(name)
        else:
            out.append(registry.task(name))
    return _unique(out)


def _unique(tasks: list[Task]) -> list[Task]:
    seen, out = set(), []
    for t in tasks:
        if t.name not in seen:
            seen.add(t.name)
            out.append(t)
    return out
