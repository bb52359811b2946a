"""A lint check for the rust2024 tasks: run clippy-driver on a passing program and fail it
when one of the task's modern-idiom lints fires."""

from __future__ import annotations

import json

from share.judge import sandbox

TIMEOUT = 60.0
MEMORY = 4 << 30  # as much as a rustc compile gets
NOTE = "= note: requested on the command line with"


def clippy_check(lints: list[str]):
    """A check(job) that fails when any of `lints` (clippy lint names) fires on job.code."""
    wanted = {f"clippy::{lint}" for lint in lints}
    flags = [arg for lint in lints for arg in ("-W", f"clippy::{lint}")]

    def check(job) -> str | None:
        with sandbox.workspace() as wd:
            (wd / "main.rs").write_text(job.code, encoding="utf-8")
            clippy = str(sandbox.rust_sysroot() / "bin" / "clippy-driver")
            argv = [clippy, "main.rs", "--edition", job.edition or "2024", "--crate-type", "lib",
                    "--emit", "metadata", "--error-format=json", "-o", "lint.rmeta", *flags]
            done = sandbox.run(argv, wd, TIMEOUT, memory_bytes=MEMORY)
        fired, parsed = [], 0
        for line in done.stderr.splitlines():
            if not line.startswith("{"):
                continue
            try:
                diag = json.loads(line)
            except json.JSONDecodeError:
                continue
            parsed += 1
            if (diag.get("code") or {}).get("code") in wanted:
                text = diag.get("rendered") or diag.get("message", "")
                fired.append("\n".join(l for l in text.splitlines() if NOTE not in l))
        if fired:
            return "clippy: " + "\n".join(fired)
        failure = getattr(done, "sandbox_failure", "")
        if failure or done.timed_out or (done.returncode != 0 and not parsed):  # fail closed: lints unchecked
            return f"clippy could not run (exit {done.returncode}): {failure or done.stderr[-500:]}"
        return None

    check.__name__ = f"clippy_{'_'.join(lints)}" if len(lints) == 1 else "clippy_modern_lints"
    return check
