"""Judge programs with real rustc: compile (test/run/lib modes), run, and map the outcome
to a Result. Every compile and run goes through share.judge.sandbox; docs/judge.md says what a
pass means in each mode and why nothing a program writes can fake one.

`judge` holds the semantics (one program, alone). `run_jobs` adds speed without changing
a verdict: cached verdicts (share.judge.evalcache), shared builds that yield only the verdicts
a program alone would get (share.judge.batch), and parallel workers.
"""

from __future__ import annotations

import logging
import math
from collections import defaultdict, deque
from concurrent.futures import FIRST_COMPLETED, ThreadPoolExecutor, wait
from dataclasses import dataclass, replace
from functools import cached_property
from typing import Callable, Sequence

from tqdm import tqdm

from share.judge import auxcrates, batch, evalcache, guard, libtest, sandbox
from share.judge.answers import extract_program
from share.judge.diagnostics import clip, error_codes, rendered, scrub
from share.koans.koan import Koan, Result

log = logging.getLogger(__name__)
MAX_BATCH = 64  # programs per shared build
AUX_BUILDS = auxcrates.Artifacts()
REFERENCE_OUTPUTS: dict[str, str] = {}  # a run-mode reference's stdout by evalcache.output_key, in this process


@dataclass(frozen=True)
class Job:
    """One program to judge: the code, the hidden tests appended to it, and how to judge it.

    A koan's program carries the koan's `reference` and `broken` code: the guard checks it
    against them (share.judge.guard), and in run mode it must print what the reference prints. A
    bare program (reference None, as in the hostile suite) gets neither: in run mode its
    exit status alone decides."""

    id: str
    code: str
    tests: str
    mode: str
    edition: str
    task: str = ""
    compiles: bool = True  # False for code meant to fail to compile (a koan's broken code): never batched
    reference: str | None = None
    broken: str = ""

    @cached_property
    def source(self) -> str:
        if not self.tests.strip():
            return self.code
        return self.code.rstrip("\n") + "\n\n" + guard.protected_tests(self.code, self.tests)

    @cached_property
    def refusal(self) -> str | None:
        return None if self.reference is None else guard.refusal(self.code, self.reference, self.broken)

    @cached_property
    def hidden_tests(self) -> tuple[str, ...]:
        return libtest.hidden_tests(self.tests)


def judge(job: Job, timeout: float) -> Result:
    """Compile and (for test/run) execute one job alone in the sandbox."""
    if job.refusal:
        return Result(job.id, "compile_error", [], 0.0, f"refused by the guard: {job.refusal}")
    canary = libtest.canary() if job.mode == "test" else ""
    with sandbox.workspace() as workdir:
        built = _build(workdir, job, timeout, canary)
        if isinstance(built, Result):
            return built
        if job.mode == "lib":
            return Result(job.id, "pass", [], built.seconds, "", "", built.isolation)
        run = sandbox.run_binary(workdir, job.mode, timeout)
    seconds = round(built.seconds + run.seconds, 4)
    if run.sandbox_failure:
        return Result(job.id, "sandbox_error", [], seconds, scrub(run.sandbox_failure), "", run.isolation)
    if run.timed_out:
        stdout = libtest.without_canary(run.stdout, canary) if canary else run.stdout
        output = clip(scrub(stdout + run.stderr))
        return Result(job.id, "timeout", [], seconds, "the program ran past the timeout", output, run.isolation)
    if job.mode == "test":
        return libtest.run_result(job.id, job.hidden_tests, canary, run, run.stdout, run.stderr, seconds)
    return _run_mode_result(job, run, seconds, timeout)


def _run_mode_result(job: Job, run: sandbox.Completed, seconds: float, timeout: float) -> Result:
    """A run-mode program passes when it exits 0 and prints what its koan's reference prints."""
    output = clip(scrub(run.stdout + run.stderr))
    if run.returncode != 0:
        return Result(job.id, "runtime_error", [], seconds, f"exit status {run.returncode}", output, run.isolation)
    if job.reference is not None:  # a bare program is judged by its exit status alone
        expected = _reference_stdout(job, timeout)
        if isinstance(expected, Result):
            return replace(expected, seconds=seconds, isolation=run.isolation)
        problem = _output_problem(job, run.stdout, expected)
        if problem:
            return Result(job.id, "test_failure", [], seconds, problem, output, run.isolation)
    return Result(job.id, "pass", [], seconds, "", "", run.isolation)


def _build(workdir, job: Job, timeout: float, canary: str = "") -> sandbox.Completed | Result:
    """Compile the job's auxiliary crates and program (with the canary test, if named) into
    `prog`: the main build, or the Result of a build that failed."""
    try:
        main, crates = auxcrates.split(job.source)
    except auxcrates.AuxError as e:
        return Result(job.id, "compile_error", [], 0.0, f"auxiliary crate: {e}")
    seconds, extern, key = 0.0, [], sandbox.rustc_version()
    for crate in crates:  # each may use the ones before it
        (workdir / crate.filename).write_text(crate.source, encoding="utf-8")
        own = ["--extern", "proc_macro"] if crate.kind == "proc-macro" else []  # as cargo does
        key = AUX_BUILDS.key(key, job.edition, crate)
        build = AUX_BUILDS.provide(key, workdir / crate.artifact, lambda: sandbox.rustc(
            workdir, [crate.filename, "--crate-type", crate.kind, "--crate-name", crate.name,
                      "--edition", job.edition, *own, *extern], timeout), _succeeded)
        if build is not None:  # built here, not taken from an earlier build
            seconds += build.seconds
            if not _succeeded(build):
                return _build_failure(job, build, seconds, f"auxiliary crate {crate.name}: ")
        extern += ["--extern", f"{crate.name}={crate.artifact}"]
    if canary:
        main = libtest.with_canary(main, canary)
    build = sandbox.compile_rust(workdir, main, job.mode, job.edition, timeout, [*extern, "-L", "."] if crates else [])
    seconds += build.seconds
    if not _succeeded(build):
        return _build_failure(job, build, seconds)
    return replace(build, seconds=round(seconds, 4))


def _reference_stdout(job: Job, timeout: float) -> str | Result:
    """What a run-mode program of the job's koan must print: the stdout of its reference
    run alone, from this process's memory, the evaluator cache or a sandboxed run. A
    Result for the job when the reference gives none."""
    key = evalcache.output_key(job.reference, job.edition, sandbox.rustc_version(), sandbox.isolation())
    cache = evalcache.Cache.from_env()
    stdout = REFERENCE_OUTPUTS.get(key)
    if stdout is None and cache:
        stdout = cache.get_output(key)
    if stdout is None:
        with sandbox.workspace() as workdir:
            built = _build(workdir, Job(job.id, job.reference, "", "run", job.edition), timeout)
            run = built if isinstance(built, Result) else sandbox.run_binary(workdir, "run", timeout)
        if isinstance(run, sandbox.Completed) and run.sandbox_failure:
            return Result(job.id, "sandbox_error", [], 0.0, scrub(run.sandbox_failure))
        if isinstance(run, Result) or run.timed_out or run.returncode != 0:
            return Result(job.id, "test_failure", [], 0.0, "the koan's reference does not run to exit status 0 "
                          "within the timeout, so there is no output to compare with")
        stdout = run.stdout
        if cache:
            cache.put_output(key, stdout)
    REFERENCE_OUTPUTS[key] = stdout
    return stdout


def _output_problem(job: Job, stdout: str, expected: str) -> str | None:
    """Why a run that exited 0 does not pass, or None."""
    if not expected.strip():
        return ("the koan's reference prints nothing, so a run could prove only its exit status (`fn main() {}` "
                "would pass): make the reference print its result, or use test mode")
    if stdout == expected:
        return None
    if job.code == job.reference:
        return "the reference printed different output on two runs: a run-mode reference must print the same every time"
    return "the output differs from the koan reference's output"


def _succeeded(build: sandbox.Completed) -> bool:
    return build.returncode == 0 and not build.timed_out and not build.sandbox_failure


def _build_failure(job: Job, build: sandbox.Completed, seconds: float, what: str = "") -> Result:
    seconds = round(seconds, 4)
    if build.sandbox_failure:
        return Result(job.id, "sandbox_error", [], seconds, scrub(build.sandbox_failure), "", build.isolation)
    codes = error_codes(build.stderr)  # rustc writes JSON diagnostics to stderr
    if build.timed_out:
        return Result(job.id, "timeout", codes, seconds, f"{what}rustc ran past the timeout", "", build.isolation)
    text = rendered(build.stderr)
    detail = what
    if not text:  # rustc died without a diagnostic: killed by a limit, or crashed on this program
        text = scrub(build.stderr)
        detail += f"rustc failed without a diagnostic (exit status {build.returncode})"
    return Result(job.id, "compile_error", codes, seconds, detail.rstrip(": "), clip(text), build.isolation)


def run_jobs(
    jobs: Sequence[Job],
    *,
    workers: int | None = None,
    timeout: float = 10.0,
    checks: dict[str, list[Callable]] | None = None,
    progress: bool = True,
) -> list[Result]:
    """Judge jobs in parallel, in order; plugin checks run on programs that passed.

    Every verdict is the one `judge` gives the job alone: cache hits were judged so
    before, and a shared build yields only the passes it proves and the test failures of
    the program's own filtered run (share.judge.batch); every compile error is judged alone.
    """
    workers = workers or sandbox.default_workers()
    cache = evalcache.Cache.from_env()
    keys = _keys(jobs, timeout) if cache else [None] * len(jobs)
    results: list[Result | None] = [None] * len(jobs)
    with tqdm(total=len(jobs), desc="evaluate", unit="prog", disable=not progress) as bar:
        todo = []
        for i, job in enumerate(jobs):
            results[i] = cache.get(keys[i], job.id) if cache else None
            if results[i] is None:
                todo.append(i)
        bar.update(len(jobs) - len(todo))

        def done(i: int, result: Result) -> None:
            results[i] = result
            if cache:
                cache.put(keys[i], result)
            bar.update()

        _judge_all(jobs, todo, workers, timeout, done)
    return _apply_checks(jobs, results, checks or {}, workers)


def _keys(jobs: Sequence[Job], timeout: float) -> list[str]:
    rustc, isolation = sandbox.rustc_version(), sandbox.isolation()
    return [evalcache.key(j.code, j.tests, j.mode, j.edition, timeout, rustc, isolation, j.reference, j.broken)
            for j in jobs]


def shared_builds(jobs: Sequence[Job], indices: Sequence[int], workers: int) -> tuple[list[list[int]], list[int]]:
    """Shared builds (lists of indices of one mode and edition) and the jobs to judge alone.

    Builds are sized so that every worker gets one, up to MAX_BATCH programs each. A job
    expected not to compile gains nothing from a shared build (a compile error is judged
    alone), and one the guard refuses is judged without a compile: both go to the singles."""
    groups, singles = defaultdict(list), []
    for i in indices:
        if jobs[i].compiles and not jobs[i].refusal and batch.batch_safe(jobs[i].mode, jobs[i].source):
            groups[jobs[i].mode, jobs[i].edition].append(i)
        else:
            singles.append(i)
    batches = []
    for members in groups.values():
        size = min(MAX_BATCH, math.ceil(len(members) / workers))
        chunks = [members[k:k + size] for k in range(0, len(members), max(size, 1))]
        batches += [c for c in chunks if len(c) > 1]
        singles += [c[0] for c in chunks if len(c) == 1]
    return batches, singles


def _judge_all(jobs, indices, workers: int, timeout: float, done: Callable[[int, Result], None]) -> None:
    """Run the shared builds and singles on a pool; members a shared build cannot judge go back in line alone.

    Only a few tasks are in the pool at a time: `wait` visits every pending future, so
    submitting thousands at once would make each wait cost as much as the whole backlog."""
    batches, singles = shared_builds(jobs, indices, workers)
    backlog: deque = deque([*batches, *singles])  # a list of indices is a shared build, an index a single
    with ThreadPoolExecutor(max_workers=workers) as pool:
        pending = {}
        while backlog or pending:
            while backlog and len(pending) < 2 * workers:
                what = backlog.popleft()
                pending[pool.submit(judge, jobs[what], timeout) if isinstance(what, int) else
                        pool.submit(batch.judge_batch, [jobs[i] for i in what], timeout)] = what
            finished, _ = wait(pending, return_when=FIRST_COMPLETED)
            for future in finished:
                what = pending.pop(future)
                error = future.exception()
                if isinstance(what, int):
                    done(what, future.result() if error is None else
                         Result(jobs[what].id, "sandbox_error", [], 0.0, scrub(f"the evaluator failed: {error!r}")))
                    continue
                if error is not None:
                    log.warning("a shared build failed (%r); judging its programs alone", error)
                verdicts, alone = future.result() if error is None else ({}, range(len(what)))
                for position, result in verdicts.items():
                    done(what[position], result)
                backlog.extend(what[p] for p in alone)


def _apply_checks(jobs, results, checks: dict[str, list[Callable]], workers: int) -> list[Result]:
    """Plugin checks run on passing programs (never cached: plugins change)."""
    def one(i: int) -> Result:
        for check in checks.get(jobs[i].task, ()):
            problem = check(jobs[i])
            if problem:
                return replace(results[i], status="test_failure", detail=f"check failed: {problem}")
        return results[i]

    wanted = [i for i, r in enumerate(results) if r.status == "pass" and checks.get(jobs[i].task)]
    if wanted:
        with ThreadPoolExecutor(max_workers=workers) as pool:
            for i, result in zip(wanted, pool.map(one, wanted)):
                results[i] = result
    return results


def evaluate_answers(koans: Sequence[Koan], answers: Sequence[str], **kwargs) -> list[Result]:
    """Judge raw model answers (edit blocks or whole programs) against their koans."""
    results: list[Result | None] = []
    jobs = []
    for koan, answer in zip(koans, answers, strict=True):
        program = extract_program(answer, koan.broken)
        if program.code is None:
            results.append(Result(koan.id, program.status, [], 0.0, program.detail))
        else:
            results.append(None)
            jobs.append(koan_job(koan, program.code))
    judged = iter(run_jobs(jobs, **kwargs))
    return [r if r is not None else next(judged) for r in results]


def koan_job(koan: Koan, code: str) -> Job:
    return Job(koan.id, code, koan.tests, koan.mode, koan.edition, koan.task, reference=koan.reference,
               broken=koan.broken)
