"""Judge programs with real rustc: compile (test/run/lib modes), run, and map the outcome
to a Result. Every compile and run goes through share.sandbox.

This module holds the semantics; speed (batching, caching, parallelism) is layered on
top without changing a verdict.
"""

from __future__ import annotations

import json
import re
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, replace
from typing import Callable, Sequence

from tqdm import tqdm

from share import sandbox
from share.answers import extract_program
from share.koan import Koan, Result

DIAGNOSTIC_LIMIT = 4000  # characters of compiler/test output kept in a Result


@dataclass(frozen=True)
class Job:
    """One program to judge: the code, the hidden tests appended to it, and how to judge it."""

    id: str
    code: str
    tests: str
    mode: str
    edition: str
    task: str = ""

    @property
    def source(self) -> str:
        return self.code if not self.tests.strip() else self.code.rstrip("\n") + "\n\n" + self.tests


def judge(job: Job, timeout: float) -> Result:
    """Compile and (for test/run) execute one job in the sandbox."""
    with sandbox.workspace() as workdir:
        return _judge_in(workdir, job, timeout)


def _judge_in(workdir, job: Job, timeout: float) -> Result:
    build = sandbox.compile_rust(workdir, job.source, job.mode, job.edition, timeout)
    codes = error_codes(build.stderr)  # rustc writes JSON diagnostics to stderr
    if build.timed_out:
        return Result(job.id, "timeout", codes, build.seconds, "rustc ran past the timeout", "", build.isolation)
    if build.returncode != 0:
        text = rendered_diagnostics(build.stderr)
        status = "compile_error" if text else "sandbox_error"
        text = text or build.stderr
        return Result(job.id, status, codes, build.seconds, "", _clip(text), build.isolation)
    if job.mode == "lib":
        return Result(job.id, "pass", [], build.seconds, "", "", build.isolation)
    run = sandbox.run_binary(workdir, job.mode, timeout)
    seconds = round(build.seconds + run.seconds, 4)
    output = scrub_test_output(run.stdout + run.stderr)
    if run.timed_out:
        return Result(job.id, "timeout", [], seconds, "the program ran past the timeout", _clip(output), run.isolation)
    if run.returncode == 0:
        return Result(job.id, "pass", [], seconds, "", "", run.isolation)
    failed = "test_failure" if job.mode == "test" and "test result: FAILED" in run.stdout else "runtime_error"
    return Result(job.id, failed, [], seconds, f"exit status {run.returncode}", _clip(output), run.isolation)


def error_codes(json_lines: str) -> list[str]:
    """Error codes of rustc's JSON diagnostics, in order, without repeats."""
    codes = []
    for diag in _diagnostics(json_lines):
        code = (diag.get("code") or {}).get("code")
        if diag.get("level") == "error" and code and code not in codes:
            codes.append(code)
    return codes


def rendered_diagnostics(json_lines: str) -> str:
    """The human-readable text rustc would have printed (path-free: the sandbox compiles `main.rs`)."""
    return "".join(d.get("rendered") or "" for d in _diagnostics(json_lines) if d.get("level") in ("error", "warning"))


def _diagnostics(json_lines: str):
    for line in json_lines.splitlines():
        if line.startswith("{"):
            try:
                yield json.loads(line)
            except json.JSONDecodeError:
                continue


_TIMING = re.compile(r"finished in \d+\.\d+s")


def scrub_test_output(text: str) -> str:
    """Remove what changes between runs of the same program (timings)."""
    return _TIMING.sub("finished in 0.00s", text)


def _clip(text: str) -> str:
    return text if len(text) <= DIAGNOSTIC_LIMIT else text[:DIAGNOSTIC_LIMIT] + "\n[... output clipped]\n"


def run_jobs(
    jobs: Sequence[Job],
    *,
    workers: int | None = None,
    timeout: float = 10.0,
    checks: dict[str, list[Callable]] | None = None,
    progress: bool = True,
) -> list[Result]:
    """Judge jobs in parallel, in order; plugin checks run on programs that passed."""
    workers = workers or sandbox.default_workers()
    checks = checks or {}

    def one(job: Job) -> Result:
        result = judge(job, timeout)
        if result.status == "pass":
            for check in checks.get(job.task, ()):
                problem = check(job)
                if problem:
                    return replace(result, status="test_failure", detail=f"check failed: {problem}")
        return result

    with ThreadPoolExecutor(max_workers=workers) as pool:
        it = pool.map(one, jobs)
        return list(tqdm(it, total=len(jobs), desc="evaluate", unit="prog", disable=not progress))


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
    return Job(koan.id, code, koan.tests, koan.mode, koan.edition, koan.task)
