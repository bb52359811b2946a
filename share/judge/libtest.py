"""What a test-mode run proves. A pass needs libtest's report to name every hidden test
as passed: an exit status of 0 alone proves nothing, since a program can exit before
the harness starts, exit from inside a test, or compile without its tests.

The hidden test names come from the koan's tests text (trusted, template-written code),
so the program under test cannot choose them. The judge also compiles in a test of its
own, the canary, with a fresh random name that sorts after the hidden tests: libtest
runs it last, so a program that ends the process early and prints a report of its own
must print the canary's line, whose name it is never given. Every text of a verdict is
that of a run without the canary (`without_canary`).
"""

from __future__ import annotations

import re
import secrets

from share.judge.diagnostics import clip, scrub
from share.judge.lexer import CLOSERS, OPENERS, balanced, tokens
from share.koans.koan import Result

_SUMMARY = re.compile(r"^test result: (\w+)\. \d+ passed; (\d+) failed;", re.M)
_PASSED = re.compile(r"^(test result: \w+\. )(\d+)( passed;)", re.M)
_RUNNING = re.compile(r"^running (\d+) tests?$", re.M)


def hidden_tests(tests: str) -> tuple[str, ...]:
    """The names libtest prints for the `#[test] fn`s of a tests text: `tests::adds` for
    `fn adds` inside `mod tests { ... }`."""
    toks = tokens(tests) or []
    names, modules, depth, pending = [], [], 0, False  # modules: (name, depth inside its braces)
    for i, t in enumerate(toks):
        if t.text == "#" and [x.text for x in toks[i + 1:i + 4]] == ["[", "test", "]"]:
            pending = True
        elif t.text == "fn" and pending and i + 1 < len(toks):
            names.append("::".join([m for m, _ in modules] + [toks[i + 1].name]))
            pending = False
        elif t.text == "mod" and i + 2 < len(toks) and toks[i + 2].text == "{":
            modules.append((toks[i + 1].name, depth + 1))
        elif t.text in OPENERS:
            depth += 1
        elif t.text in CLOSERS:
            if modules and modules[-1][1] == depth:
                modules.pop()
            depth -= 1
    return tuple(names)


def canary() -> str:
    """A fresh name for the judge's own test."""
    return f"zzzz_judge_{secrets.token_hex(8)}"


def with_canary(source: str, name: str) -> str:
    """The source with the canary test appended, when its delimiters all close. One that
    does not cannot compile, and rustc's diagnostic would quote the canary's line as the
    end of the file, so it goes without: then the run cannot pass either."""
    return source + f"\n#[test]\nfn {name}() {{}}\n" if balanced(source) else source


def without_canary(stdout: str, name: str) -> str:
    """libtest's report as a run without the canary prints it."""
    ran = re.compile(rf"^test {name} \.\.\. ok\n", re.M)
    if ran.search(stdout):
        stdout = _PASSED.sub(lambda m: f"{m[1]}{int(m[2]) - 1}{m[3]}", ran.sub("", stdout), count=1)
    return _RUNNING.sub(lambda m: _running(int(m[1]) - 1), stdout, count=1)


def _running(count: int) -> str:
    count = max(count, 0)
    return f"running {count} test{'' if count == 1 else 's'}"


def unproven(stdout: str, names: tuple[str, ...], canary: str) -> str | None:
    """Why libtest's report (stdout of a run that exited 0) does not prove that every
    hidden test passed, or None when it does."""
    if not names:
        return "the koan has no hidden test (`#[test] fn` in its tests), so nothing can prove a pass"
    summaries = _SUMMARY.findall(stdout)
    if len(summaries) != 1:
        return (f"libtest printed {len(summaries)} summary lines, not 1: the program ended before its tests "
                "finished, or printed a report of its own")
    if summaries[0] != ("ok", "0"):
        return "libtest's summary does not say ok with 0 failed"
    for name in names:
        outcomes = re.findall(rf"^test {re.escape(name)}(?: - should panic)? \.\.\. (\S*)", stdout, re.M)
        if not outcomes:
            return f"the hidden test {name} did not run (libtest did not report it)"
        if any(o in ("ignored", "FAILED") for o in outcomes):
            return f"the hidden test {name} was not reported as passed ({outcomes[0]})"
    if not re.search(rf"^test {canary} \.\.\. ok$", stdout, re.M):
        return "the program ended before libtest finished its tests, and printed a report of its own"
    return None


def run_result(id: str, names: tuple[str, ...], canary: str, run, stdout: str, stderr: str, seconds: float) -> Result:
    """The verdict on a test-mode run that ended within the timeout (stdout and stderr: the
    run's own, or as batch.py maps them to those of a run alone)."""
    problem = unproven(stdout, names, canary) if run.returncode == 0 else f"exit status {run.returncode}"
    if problem is None:
        return Result(id, "pass", [], seconds, "", "", run.isolation)
    status = "runtime_error" if run.returncode != 0 and "test result: FAILED" not in stdout else "test_failure"
    return Result(id, status, [], seconds, problem, clip(scrub(without_canary(stdout, canary) + stderr)), run.isolation)
