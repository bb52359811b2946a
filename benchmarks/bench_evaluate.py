"""Benchmark the evaluator (prints figures; not a test).

1. Throughput against a plain `rustc --test` + run loop over the same programs with the
   same parallelism, measured side by side (target: at least 0.9x).
2. A second evaluation of the same programs, answered from the cache (target: 50x faster).
3. The hostile suite (benchmarks/hostile): every program contained (target: 100%).

The programs are koans from the registered task families (their reference and broken
code: a realistic mix of passes, compile errors and test failures), test mode only,
judged as answers to their koans are (guard included).

    .venv/bin/python benchmarks/bench_evaluate.py [--n 200] [--jobs N] [--timeout 10]
"""

from __future__ import annotations

import argparse
import collections
import os
import subprocess
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import replace
from pathlib import Path

from share.judge import cgroups, sandbox
from share.judge.evaluate import Job, run_jobs
from share.koans.generate import draft_job
from share.koans.plugins import load_registry


def koan_programs(n: int) -> list[Job]:
    """n test-mode programs: reference and broken code of koans, round robin over tasks."""
    drafts = []
    for task in load_registry().tasks.values():
        try:
            made = task.generator("eval", max(2, n // 40), 0)
        except Exception as e:  # a family under construction must not stop the benchmark
            print(f"skipping {task.name}: {e!r}", file=sys.stderr)
            continue
        drafts += [(i, task, d) for i, d in enumerate(made) if d.get("mode", "test") == "test"]
    drafts.sort(key=lambda t: t[0])  # round robin: every task before any repeats
    jobs = [replace(draft_job(task, f"{task.name}/{i}", d, kind), compiles=True)  # every one tried in shared builds
            for i, task, d in drafts for kind in ("reference", "broken")]
    if len(jobs) < n:
        sys.exit(f"only {len(jobs)} test-mode koan programs available, {n} asked")
    return jobs[:n]


def plain_loop(jobs: list[Job], workers: int, timeout: float) -> list[bool]:
    """The baseline: rustc --test and run each program, no sandbox, no batching, no cache."""
    rustc = str(sandbox.rust_sysroot() / "bin" / "rustc")

    def one(job: Job) -> bool:
        with tempfile.TemporaryDirectory(prefix="bench-plain-") as d:
            Path(d, "main.rs").write_text(job.source)
            build = subprocess.run([rustc, "--test", "--edition", job.edition, "main.rs", "-o", "prog"], cwd=d,
                                   capture_output=True, timeout=timeout)
            if build.returncode != 0:
                return False
            try:
                return subprocess.run(["./prog", "--test-threads=1"], cwd=d, capture_output=True, timeout=timeout).returncode == 0
            except subprocess.TimeoutExpired:
                return False

    with ThreadPoolExecutor(workers) as pool:
        return list(pool.map(one, jobs))


def timed(fn, *args, **kwargs):
    start = time.perf_counter()
    out = fn(*args, **kwargs)
    return time.perf_counter() - start, out


def hostile_suite(workers: int) -> tuple[int, int, list[str]]:
    sys.path.insert(0, str(Path(__file__).parent / "hostile"))
    import suite

    with tempfile.TemporaryDirectory(prefix="bench-hostile-") as d:
        (Path(d) / "tmp").mkdir()
        tempfile.tempdir = str(Path(d) / "tmp")  # our temp dirs only: others' do not count as leftovers
        host = suite.Host(Path(d) / "host")
        programs = host.programs(any(b.controller == "pids" for b in cgroups.bases()))
        os.environ.update(KOANSHARE_TEST_SECRET="hunter2", KOANSHARE_CACHE="off")
        results = run_jobs([Job(p.name, p.source, p.tests, p.mode, "2021") for p in programs], workers=workers,
                           timeout=4.0, progress=False)
        problems = host.problems()
        host.close()
        tempfile.tempdir = None
    wrong = [f"{p.name}: expected {p.expect}, got {r.status}" for p, r in zip(programs, results) if r.status not in p.expect.split("|")]
    return len(programs) - len(wrong), len(programs), wrong + problems


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=200)
    parser.add_argument("--jobs", type=int, default=sandbox.default_workers())
    parser.add_argument("--timeout", type=float, default=10.0)
    args = parser.parse_args()
    jobs = koan_programs(args.n)
    print(f"{len(jobs)} test-mode programs from koans, {args.jobs} workers, {sandbox.rustc_version()}, "
          f"isolation {sandbox.isolation()}", flush=True)

    plain_s, plain = timed(plain_loop, jobs, args.jobs, args.timeout)
    print(f"plain rustc --test + run loop: {plain_s:7.2f} s  {len(jobs) / plain_s:6.1f} programs/s", flush=True)
    with tempfile.TemporaryDirectory(prefix="bench-cache-") as cache:
        os.environ["KOANSHARE_CACHE"] = cache
        cold_s, results = timed(run_jobs, jobs, workers=args.jobs, timeout=args.timeout, progress=False)
        warm_s, again = timed(run_jobs, jobs, workers=args.jobs, timeout=args.timeout, progress=False)
    print(f"evaluator (sandboxed, cold):   {cold_s:7.2f} s  {len(jobs) / cold_s:6.1f} programs/s", flush=True)
    print(f"evaluator (cached, 2nd run):   {warm_s:7.2f} s  {len(jobs) / warm_s:6.1f} programs/s")
    print(f"statuses: {dict(collections.Counter(r.status for r in results))}")
    disagree = [j.id for j, p, r in zip(jobs, plain, results) if p != (r.status == "pass")]
    print(f"pass/fail agreement with the plain loop: {len(jobs) - len(disagree)}/{len(jobs)} {disagree[:5]}")
    print(f"cached verdicts identical: {[r.status for r in again] == [r.status for r in results]}")

    right, total, problems = hostile_suite(args.jobs)
    contained = right if not problems else 0  # anything left on the host fails the whole suite
    print(f"hostile suite: {right}/{total} with the expected status; host left as it was: {not problems} {problems}")
    print(f"\nthroughput ratio (evaluator / plain loop): {plain_s / cold_s:5.2f}x   (target >= 0.9x)")
    print(f"cache speed-up (cold / cached):            {cold_s / warm_s:5.0f}x   (target >= 50x)")
    print(f"hostile suite contained:                   {100 * contained / total:5.0f}%   (target 100%)")


if __name__ == "__main__":
    main()
