"""Judge many programs with one rustc: each becomes a module of one crate.

rustc start-up and linking dominate a small compile, so one build of 30 programs costs
about as much as one build of one. A batch never judges a compile error (its text
could differ from a compile alone: rustc shortens a type's path only where its name is
unique in the crate, and loads std's macro spans in an order other programs change);
it judges only runs of a build that succeeded:

- Each program is written to its own file `pK/main.rs`, included with
  `#[path = "pK/main.rs"] mod kb_<nonce>_K;`. Line and column numbers are those of a
  single compile; the random nonce means no program can name another's module.
- `batch_safe` sends to single compiles every program that could tell it is not the crate
  root or not alone (see its rules). Run mode is always single.
- A build error is attributed to programs by the files its spans name; those programs
  leave the batch (they are judged alone, so their diagnostics are a single compile's)
  and the rest is rebuilt. An error that names no program's file sends all to singles.
- Test mode: after a clean build, each program's tests run in their own sandboxed
  process (`prog kb_<nonce>_K::`: libtest filters by substring, and the nonce makes that
  prefix unique), so one program's panic, abort or loop cannot touch another's verdict.
  Each module ends with the judge's canary test, as a program alone does. `_run_result`
  strips the prefix from the names libtest prints and judges the run by the rule of a run
  alone (share.judge.libtest: every hidden test and the canary reported as passed), so it gives
  that run's verdict and texts (benchmarks/batch_equivalence.py compares them with single
  compiles on every task). A run that timed out is judged alone.
"""

from __future__ import annotations

import logging
import re
import secrets
from typing import Sequence

from share.judge import diagnostics, libtest, sandbox
from share.judge.lexer import OPENERS, tokens
from share.koans.koan import Result

log = logging.getLogger(__name__)
MAX_ROUNDS = 3  # rebuilds after removing the programs an error named
_FILTERED = re.compile(r"(test result: \w+\. \d+ passed; \d+ failed; \d+ ignored; \d+ measured; )\d+ filtered out")

# Names that let a program observe its module path, file, command line, binary, files or
# thread name, or reach outside its module; any program using one is compiled alone.
UNSAFE_IDENTS = {
    "unsafe", "Location", "Backtrace", "fs", "File", "OpenOptions", "Command", "Path", "PathBuf", "os",
    "asm", "global_asm", "naked_asm",
}
# Unsafe only when called or named by path (`thread::current()`), not as a variable or field.
UNSAFE_CALLS = {"current", "args", "args_os", "location", "current_exe", "read_dir", "type_name", "type_name_of_val",
                "backtrace"}
UNSAFE_MACROS = {"file", "module_path", "include", "include_str", "include_bytes"}
# Inside #[...]: crate-level, link-level or lint-level attributes whose effect differs in a module.
UNSAFE_ATTRS = {
    "no_mangle", "export_name", "link_section", "link", "link_name", "linkage", "used", "global_allocator",
    "panic_handler", "macro_export", "macro_use", "path", "deny", "forbid", "no_std", "no_main", "no_core",
    "start", "lang", "feature", "crate_type", "crate_name", "test_runner", "no_builtins", "naked",
}
TOP_INNER_ATTRS = {"allow", "warn", "expect"}  # the inner attributes a module file may start with


def batch_safe(mode: str, source: str) -> bool:
    """True when compiling `source` as a module of a shared crate cannot turn a failing
    program into a passing one. Conservative: anything unusual is compiled alone."""
    if mode not in ("test", "lib") or "//@" in source:
        return False
    toks = tokens(source)
    if toks is None:
        return False
    text = [t.text for t in toks] + ["", "", "", ""]
    if "macro_rules" in text and "super" in text:
        return False  # a macro may expand `super` where it escapes the program
    stack: list[tuple[str, str]] = []  # (open delimiter, "mod" | "attr" | "")
    for i, (kind, tok, _) in enumerate(toks):
        prev, prev2, nxt = text[i - 1] if i else "", text[i - 2] if i > 1 else "", text[i + 1]
        if kind == "ident":
            in_attr = any(k == "attr" for _, k in stack)
            if tok in UNSAFE_IDENTS or (nxt == "!" and tok in UNSAFE_MACROS) or (in_attr and tok in UNSAFE_ATTRS):
                return False
            if tok in UNSAFE_CALLS and (prev == "::" or nxt in ("(", "::")):
                return False
            if tok == "crate" and not (prev2 == "pub" and prev == "(" and nxt == ")"):
                return False
            if tok == "super" and _super_chain(text, i) > sum(k == "mod" for _, k in stack):
                return False
            if tok == "mod" and text[i + 2] == ";":
                return False  # an out-of-line module would be looked up next to the program's file
        elif tok == "#" and nxt == "!" and not stack and (text[i + 2] != "[" or text[i + 3] not in TOP_INNER_ATTRS):
            return False  # a crate-level inner attribute (or a shebang)
        elif tok in OPENERS:
            role = ""
            if tok == "{" and prev2 == "mod" and toks[i - 1].kind == "ident":
                role = "mod"
            elif tok == "[" and (prev == "#" or (prev == "!" and prev2 == "#")):
                role = "attr"
            stack.append((tok, role))
        elif tok in ")]}":
            if not stack or OPENERS[stack.pop()[0]] != tok:
                return False
    return not stack


def _super_chain(text: list[str], i: int) -> int:
    """How many `super::` segments end at token i (`super::super` climbs two modules)."""
    count = 1
    while i >= 2 and text[i - 1] == "::" and text[i - 2] == "super":
        count, i = count + 1, i - 2
    return count


def judge_batch(jobs: Sequence, timeout: float) -> tuple[dict[int, Result], list[int]]:
    """Verdicts of runs for the jobs (same mode and edition, all batch-safe) that a shared
    build gives, by position; and the positions that must be judged alone."""
    mode, edition = jobs[0].mode, jobs[0].edition
    assert all(j.mode == mode and j.edition == edition for j in jobs), "a batch mixes modes or editions"
    nonce, canary = secrets.token_hex(4), libtest.canary() if mode == "test" else ""
    members, alone = list(range(len(jobs))), []
    with sandbox.workspace() as workdir:
        for k, job in enumerate(jobs):
            (workdir / f"p{k}").mkdir()
            source = libtest.with_canary(job.source, canary) if canary else job.source
            (workdir / f"p{k}" / "main.rs").write_text(source, encoding="utf-8")
        for _ in range(MAX_ROUNDS):
            root = "".join(f'#[path = "p{k}/main.rs"]\nmod kb_{nonce}_{k};\n' for k in members)
            build = sandbox.compile_rust(workdir, root, mode, edition, timeout)
            if build.returncode == 0 and not build.timed_out and not build.sandbox_failure:
                break
            failed = _failed(build, members)
            if not failed:
                return {}, alone + members
            alone += sorted(failed)
            members = [k for k in members if k not in failed]
            if not members:
                return {}, alone
        else:
            return {}, alone + members
        share = round(build.seconds / len(members), 4)
        verdicts = {}
        for k in members:
            if mode == "lib":
                verdicts[k] = Result(jobs[k].id, "pass", [], share, "", "", build.isolation)
                continue
            run = sandbox.run_binary(workdir, mode, timeout, [f"kb_{nonce}_{k}::"])
            judged = not (run.timed_out or run.sandbox_failure)
            result = _run_result(jobs[k], k, nonce, canary, run, share) if judged else None
            if result is None:
                alone.append(k)
            else:
                verdicts[k] = result
    log.debug("shared build of %d programs: %d verdicts, %d judged alone", len(jobs), len(verdicts), len(alone))
    return verdicts, alone


def _run_result(job, k: int, nonce: str, canary: str, run, build_seconds: float) -> Result | None:
    """The result a run of the program alone gives, from its filtered run of the shared
    binary: test names lose the module prefix, panic locations name `main.rs`, and
    libtest's count of tests filtered out is that of a run of one program (0). None when
    the output still names the nonce."""
    stdout, stderr = (_FILTERED.sub(r"\g<1>0 filtered out", text.replace(f"kb_{nonce}_{k}::", "")
                                    .replace(f"p{k}/main.rs", "main.rs")) for text in (run.stdout, run.stderr))
    if nonce in stdout + stderr:
        return None
    seconds = round(build_seconds + run.seconds, 4)
    return libtest.run_result(job.id, job.hidden_tests, canary, run, stdout, stderr, seconds)


def _failed(build, members: list[int]) -> set[int]:
    """The members a failed build's errors name; empty if any error names none of them."""
    if build.timed_out or build.sandbox_failure:
        return set()
    found = set()
    for name in diagnostics.files_with_errors(build.stderr) or ():
        m = re.fullmatch(r"p(\d+)/main\.rs", name)
        if m is None or int(m.group(1)) not in members:
            return set()
        found.add(int(m.group(1)))
    return found
