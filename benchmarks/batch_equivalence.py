"""Check that shared builds give the verdicts of single compiles, on every task (prints
figures; not a test).

For each registered task, the reference and broken code of n training koans are judged
twice: by `run_jobs` (shared builds, share.judge.batch) and by `judge`, one program alone. Every
field a verdict is made of (status, error codes, detail, the diagnostic text) must be
identical. Also prints how many verdicts the shared builds gave and both wall times.

    .venv/bin/python benchmarks/batch_equivalence.py [--n 10] [--seed 3] [--tasks bc_move ...]
"""

from __future__ import annotations

import argparse
import os
import time
from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from dataclasses import replace

from share.judge import batch, sandbox
from share.judge.evaluate import Job, judge, run_jobs
from share.koans.generate import draft_job, drafts_of, resolve_tasks
from share.koans.plugins import load_registry


def task_jobs(task, n: int, seed: int) -> list[Job]:
    """Reference and broken programs of n drafts, every one tried in shared builds where
    safe (as a model's answers are), broken code included."""
    return [replace(draft_job(task, f"{task.name}/{i}", d, kind), compiles=True)
            for i, d in enumerate(drafts_of(task, "train", n, seed)) for kind in ("reference", "broken")]


def verdict(result) -> tuple:
    return result.status, tuple(result.error_codes), result.detail, result.diagnostic


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=10, help="koans per task (each gives two programs)")
    parser.add_argument("--seed", type=int, default=3)
    parser.add_argument("--tasks", nargs="*", default=["all"])
    parser.add_argument("--jobs", type=int, default=sandbox.default_workers())
    args = parser.parse_args()
    os.environ["KOANSHARE_CACHE"] = "off"
    tasks = resolve_tasks(load_registry(), args.tasks)
    jobs = [job for task in tasks for job in task_jobs(task, args.n, args.seed)]

    from_batches = []
    real = batch.judge_batch

    def counted(batch_jobs, timeout):
        verdicts, alone = real(batch_jobs, timeout)
        from_batches.extend(verdicts.values())
        return verdicts, alone

    batch.judge_batch = counted
    try:
        started = time.perf_counter()
        shared = run_jobs(jobs, workers=args.jobs, progress=False)
        shared_s = time.perf_counter() - started
    finally:
        batch.judge_batch = real
    started = time.perf_counter()
    with ThreadPoolExecutor(args.jobs) as pool:
        alone = list(pool.map(lambda job: judge(job, 10.0), jobs))
    alone_s = time.perf_counter() - started

    mismatches = [(j.id, verdict(s), verdict(a)) for j, s, a in zip(jobs, shared, alone) if verdict(s) != verdict(a)]
    print(f"{len(tasks)} tasks, {len(jobs)} programs, {args.jobs} workers, {sandbox.rustc_version()}")
    print(f"verdicts given by shared builds: {len(from_batches)} {dict(Counter(r.status for r in from_batches))}")
    print(f"identical to a compile alone:   {len(jobs) - len(mismatches)}/{len(jobs)}")
    for id_, s, a in mismatches[:10]:
        print(f"  MISMATCH {id_}\n    shared: {s[:3]} {s[3][-300:]!r}\n    alone:  {a[:3]} {a[3][-300:]!r}")
    print(f"wall time: run_jobs {shared_s:.1f} s, one compile per program {alone_s:.1f} s "
          f"({alone_s / shared_s:.2f}x)")


if __name__ == "__main__":
    main()
