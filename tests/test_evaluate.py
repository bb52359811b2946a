"""The evaluator with real rustc: statuses, modes, editions, diagnostics, auxiliary crates,
shared builds (never a different verdict) and the cache. Cheating answers have their own
suite (tests/test_cheats.py), `koanshare evaluate` too (tests/test_cli_evaluate.py)."""

import json
import re
from concurrent.futures import ThreadPoolExecutor
from dataclasses import replace

import pytest

from share.judge import auxcrates, batch, evalcache, evaluate, sandbox
from share.judge.diagnostics import scrub
from share.judge.evaluate import Job, evaluate_answers, judge, run_jobs, shared_builds
from share.koans.koan import Koan

TIMEOUT = 10.0
LIB = "pub fn run() -> i32 {{ {value} }}\n"
TESTS = "#[cfg(test)]\nmod tests {{\n    use super::*;\n\n    #[test]\n    fn checks_run() {{\n        assert_eq!(run(), {want});\n    }}\n}}\n"
MOVED = "pub fn run() -> i32 {\n    let v = vec![1];\n    let w = v;\n    v.len() as i32 + w.len() as i32\n}\n"
PRINTS = "fn main() {\n    let v = vec![1, 2];\n    println!(\"{}\", v.len());\n}\n"  # a run-mode reference


@pytest.fixture(autouse=True)
def no_cache(monkeypatch):
    monkeypatch.setenv("KOANSHARE_CACHE", "off")


def koan(id="k1", mode="test", edition="2021", broken=MOVED, reference=LIB.format(value=2), tests=TESTS.format(want=2), task="t"):
    return Koan(id=id, family="f", task=task, edition=edition, mode=mode, description="d", broken=broken,
                diagnostic="", reference=reference, tests=tests, expected_error=None)


def verdict(result):
    """What must not depend on how a result was computed (timings and isolation may)."""
    return result.status, result.error_codes, result.detail, result.diagnostic


# --- every status from a real program -----------------------------------------------

def test_every_status_modes_and_editions():
    koans = [
        koan("pass"),
        koan("test_failure", tests=TESTS.format(want=3)),
        koan("compile_error"),
        koan("runtime_error", mode="run", tests="", reference=PRINTS),
        koan("timeout", mode="run", tests="", reference=PRINTS),
        koan("lib_pass", mode="lib", tests=""),
        koan("lib_error", mode="lib", tests=""),
        koan("edition_2021", mode="lib", edition="2021", tests=""),
        koan("edition_2024", mode="lib", edition="2024", tests=""),
        koan("run_pass", mode="run", tests="", reference=PRINTS),
        koan("run_other_output", mode="run", tests="", reference=PRINTS),
        koan("no_code"),
        koan("edit_not_applicable"),
    ]
    edit = "<<<<<<< SEARCH\n    let w = v;\n=======\n    let w = v.clone();\n>>>>>>> REPLACE\n"
    answers = [
        edit,
        edit,
        "```rust\n" + MOVED + "```",
        "fn main() {\n    let v: Vec<i32> = Vec::new();\n    println!(\"{}\", v[3]);\n}\n",
        "fn main() {\n    loop { std::hint::black_box(0); }\n}\n",
        LIB.format(value=1),
        "pub fn run() -> i32 { \"one\" }\n",
        "pub fn run() -> i32 { let gen = 1; gen }\n",  # `gen` is reserved in 2024
        "pub fn run() -> i32 { let gen = 1; gen }\n",
        "fn main() {\n    println!(\"{}\", 1 + 1);\n}\n",
        "fn main() {}\n",
        "",
        "<<<<<<< SEARCH\nnot in the code\n=======\nx\n>>>>>>> REPLACE\n",
    ]
    results = {r.id: r for r in evaluate_answers(koans, answers, workers=2, timeout=2.0, progress=False)}
    statuses = {id: r.status for id, r in results.items()}
    assert statuses == {
        "pass": "pass", "test_failure": "test_failure", "compile_error": "compile_error",
        "runtime_error": "runtime_error", "timeout": "timeout", "lib_pass": "pass", "lib_error": "compile_error",
        "edition_2021": "pass", "edition_2024": "compile_error", "run_pass": "pass", "run_other_output": "test_failure",
        "no_code": "no_code", "edit_not_applicable": "edit_not_applicable",
    }
    assert results["run_other_output"].detail == "the output differs from the koan reference's output"
    assert results["compile_error"].error_codes == ["E0382"]
    assert results["lib_error"].error_codes == ["E0308"]
    assert "index out of bounds" in results["runtime_error"].diagnostic
    assert "checks_run" in results["test_failure"].diagnostic  # the hidden tests were appended
    assert results["timeout"].seconds < 2.0 * 2 + 1.5
    assert all(r.isolation == sandbox.isolation() for r in results.values() if r.status not in ("no_code", "edit_not_applicable"))


def test_sandbox_error_when_the_sandbox_cannot_start(monkeypatch):
    if not sandbox.bwrap_works():
        pytest.skip("needs bubblewrap")
    broken = sandbox._bwrap_args
    monkeypatch.setattr(sandbox, "_bwrap_args", lambda *a, **k: broken(*a, **k) + ["--ro-bind", "/nonexistent", "/x"])
    result = judge(Job("j", LIB.format(value=1), "", "lib", "2021"), TIMEOUT)
    assert result.status == "sandbox_error" and "bwrap could not set up" in result.detail


# --- diagnostics are reproducible ----------------------------------------------------

def test_diagnostics_are_path_free_and_stable():
    panicky = ("pub fn run() -> i32 { 2 }\n#[test]\nfn t() {\n    let x = 5;\n    println!(\"{:p}\", &x);\n"
               "    std::thread::spawn(|| panic!(\"in a thread\")).join().unwrap();\n}\n")
    jobs = [Job("c", MOVED, "", "test", "2021"), Job("t", panicky, "", "test", "2021")]
    first, second = (run_jobs(jobs, workers=2, timeout=TIMEOUT, progress=False) for _ in range(2))
    assert [verdict(r) for r in first] == [verdict(r) for r in second]
    compile_text, test_text = first[0].diagnostic, first[1].diagnostic
    assert " --> main.rs:4:5" in compile_text and "3 |     let w = v;" in compile_text
    assert "finished in 0.00s" in test_text and "panicked at main.rs:6:" in test_text
    assert not re.search(r"thread '[^']*' \(\d+\)", test_text) and not re.search(r"0x[0-9a-f]{6,}", test_text)
    for text in (compile_text, test_text, first[0].detail):
        assert "/tmp" not in text and "koanshare-" not in text and "/work" not in text


def test_the_canary_leaves_no_trace_in_verdict_texts():
    unclosed = Job("unclosed", "pub fn run() -> i32 {\n    1\n", TESTS.format(want=1), "test", "2021")
    fails = Job("fails", LIB.format(value=1), TESTS.format(want=2), "test", "2021")
    for job in (unclosed, fails):
        first, second = (verdict(judge(job, TIMEOUT)) for _ in range(2))
        assert first == second and "zzzz_judge" not in str(first)
    text = judge(fails, TIMEOUT).diagnostic
    assert "running 1 test\n" in text and "test result: FAILED. 0 passed; 1 failed;" in text


def test_scrub():
    text = ("error: linking with `cc` failed: /tmp/koanshare-ab12_x/prog /tmp/rustcXyZ12/symbols.o /work/main.rs\n"
            "thread 'tests::t' (12345) panicked at main.rs:1:2:\n0x7ffd5a3c9e10\n"
            "test result: ok. 1 passed; finished in 1.27s\n")
    assert scrub(text) == ("error: linking with `cc` failed: prog symbols.o main.rs\n"
                           "thread 'tests::t' panicked at main.rs:1:2:\n0x0\ntest result: ok. 1 passed; finished in 0.00s\n")


# --- auxiliary crates ---------------------------------------------------------------

DERIVE = '''//@ crate hello_derive proc-macro
use proc_macro::TokenStream;

#[proc_macro_derive(Hello)]
pub fn derive_hello(input: TokenStream) -> TokenStream {
    let text = input.to_string();
    let name = text.split_whitespace().skip_while(|w| *w != "struct").nth(1).unwrap().trim_end_matches(';');
    format!("impl {name} {{ pub fn hello() -> &'static str {{ \\"{name}\\" }} }}").parse().unwrap()
}
//@ end crate
//@ crate shapes lib
pub fn sides() -> u32 { 4 }
//@ end crate
use hello_derive::Hello;

#[derive(Hello)]
pub struct Square;

pub fn describe() -> String { format!("{} {}", Square::hello(), shapes::sides()) }
'''
DERIVE_TESTS = '#[test]\nfn derived() {\n    assert_eq!(describe(), "Square 4");\n}\n'


def test_auxiliary_crates_with_a_real_derive_macro():
    jobs = [Job("2021", DERIVE, DERIVE_TESTS, "test", "2021"), Job("2024", DERIVE, DERIVE_TESTS, "test", "2024"),
            Job("main_error", DERIVE + "fn bad() -> u32 { \"x\" }\n", DERIVE_TESTS, "test", "2021"),
            Job("aux_error", DERIVE.replace("pub fn sides() -> u32 { 4 }", "pub fn sides() -> u32 { \"4\" }"), DERIVE_TESTS, "test", "2021"),
            Job("unclosed", "//@ crate x lib\npub fn f() {}\n", "", "lib", "2021")]
    ok21, ok24, main_error, aux_error, unclosed = run_jobs(jobs, workers=2, timeout=TIMEOUT, progress=False)
    assert ok21.status == ok24.status == "pass", (ok21, ok24)
    assert main_error.status == "compile_error" and main_error.error_codes == ["E0308"]
    line = len(DERIVE.splitlines()) + 1  # the cut-out crates leave blank lines: line numbers hold
    assert f"--> main.rs:{line}:" in main_error.diagnostic
    assert aux_error.status == "compile_error" and aux_error.detail == "auxiliary crate shapes"
    assert "aux_shapes.rs" in aux_error.diagnostic
    assert unclosed.status == "compile_error" and "not closed" in unclosed.detail


def test_a_shared_helper_crate_is_built_once(monkeypatch):
    memo, built, real = auxcrates.Artifacts(), [], sandbox.rustc
    monkeypatch.setattr(evaluate, "AUX_BUILDS", memo)
    monkeypatch.setattr(sandbox, "rustc", lambda workdir, args, timeout: built.append(args[0]) or real(workdir, args, timeout))
    fixed = evaluate.judge(Job("fixed", DERIVE, DERIVE_TESTS, "test", "2021"), TIMEOUT)
    broken = evaluate.judge(Job("broken", DERIVE + "fn bad() -> u32 { \"x\" }\n", DERIVE_TESTS, "test", "2021"), TIMEOUT)
    assert fixed.status == "pass" and broken.status == "compile_error" and broken.error_codes == ["E0308"]
    assert built.count("aux_hello_derive.rs") == built.count("aux_shapes.rs") == 1
    assert evaluate.judge(Job("2024", DERIVE, DERIVE_TESTS, "test", "2024"), TIMEOUT).status == "pass"
    assert built.count("aux_hello_derive.rs") == 2  # another edition is another artifact


def test_artifacts_keep_successful_builds_within_their_limit(tmp_path):
    memo, path = auxcrates.Artifacts(limit=10), tmp_path / "libx.so"

    def build(data: bytes, ok: bool = True):
        return lambda: path.write_bytes(data) and ok

    assert memo.provide("one", path, build(b"111111"), bool) is True
    path.unlink()
    assert memo.provide("one", path, build(b"222222"), bool) is None and path.read_bytes() == b"111111"
    assert memo.provide("two", path, build(b"333333"), bool) is True  # 12 bytes > 10: "one" goes
    assert memo.provide("one", path, build(b"444444"), bool) is True
    assert memo.provide("bad", path, build(b"5", ok=False), bool) is False
    assert memo.provide("bad", path, build(b"5", ok=False), bool) is False  # a failed build is not kept


def test_auxcrates_split():
    main, crates = auxcrates.split(DERIVE)
    assert [(c.name, c.kind, c.artifact) for c in crates] == [("hello_derive", "proc-macro", "libhello_derive.so"),
                                                               ("shapes", "lib", "libshapes.rlib")]
    assert len(main.splitlines()) == len(DERIVE.splitlines()) and "proc_macro" not in main
    assert crates[1].source == "pub fn sides() -> u32 { 4 }\n"
    for bad, message in [("//@ crate x dylib\n//@ end crate\n", "want a crate name"),
                         ("//@ end crate\n", "without"), ("//@ crate x lib\n//@ end crate\n//@ crate x lib\n//@ end crate\n", "twice")]:
        with pytest.raises(auxcrates.AuxError, match=message):
            auxcrates.split(bad)


# --- shared builds ---------------------------------------------------------------------

@pytest.mark.parametrize("source, safe", [
    (LIB.format(value=1) + TESTS.format(want=1), True),
    ("#![allow(dead_code)]\nfn f() {}\n", True),
    ("mod a { mod b { use super::super::*; } }\n", True),
    ("pub(crate) fn f() {}\n", True),
    ("fn main() { let file = 1; let s = \"crate::x super::y\"; }\n", True),  # words in strings and plain names
    ("use super::*;\n", False),  # resolves to the shared crate's root
    ("fn f() { super::g() }\n", False),
    ("mod a { fn f() { super::super::g() } }\n", False),
    ("fn f() { crate::g() }\n", False),
    ("#![no_std]\n", False),
    ("#[no_mangle]\npub extern \"C\" fn f() {}\n", False),
    ("#[macro_export]\nmacro_rules! m { () => {} }\n", False),
    ("#[deny(warnings)]\nfn f() {}\n", False),
    ("macro_rules! m { () => { use super::*; } }\nmod a { m!(); }\n", False),
    ("extern crate core;\n", False),
    ("mod other;\n", False),
    ("fn f() -> &'static str { module_path!() }\n", False),
    ("fn f() -> &'static str { file!() }\n", False),
    ("fn f() -> &'static str { std::any::type_name::<u8>() }\n", False),
    ("fn f() -> usize { std::env::args().count() }\n", False),
    ("fn f() { let _ = std::fs::read(\"main.rs\"); }\n", False),
    ("const S: &str = include_str!(\"../main.rs\");\n", False),
    ("fn f() { unsafe { std::hint::unreachable_unchecked() } }\n", False),
    ("fn f() { let _ = std::thread::current().name(); }\n", False),
    ("use std::thread::current;\n", False),
    ("fn f() { std::panic::set_hook(Box::new(|info| { info.location(); })) }\n", False),
    ("struct S { current: u8, location: u8, args: u8 }\nfn f(s: S) -> u8 { let current = s.current; current + s.args }\n", True),
    ("fn f() {}\n}\nmod evil {\n", False),  # unbalanced
    ("fn f() { /* unclosed comment\n", False),
    ("fn f() { let s = \"unclosed; }\n", False),
    ("//@ crate x lib\n//@ end crate\n", False),
])
def test_batch_safety_rules(source, safe):
    assert batch.batch_safe("test", source) is safe


def test_run_mode_is_never_batched_and_plan_sizes():
    jobs = [Job(f"j{i}", LIB.format(value=i), "", "lib", "2021") for i in range(10)]
    jobs += [Job("run", "fn main() {}\n", "", "run", "2021"), Job("unsafe", "use super::*;\n", "", "lib", "2021"),
             Job("ed24", LIB.format(value=1), "", "lib", "2024"), Job("broken", MOVED, "", "lib", "2021", compiles=False)]
    batches, singles = shared_builds(jobs, range(len(jobs)), workers=2)
    assert batches == [[0, 1, 2, 3, 4], [5, 6, 7, 8, 9]]
    assert sorted(singles) == [10, 11, 12, 13]  # run mode, unsafe, a lone program of its edition, meant to fail


def test_shared_builds_never_change_a_verdict(monkeypatch):
    """run_jobs (shared builds) and judge (one program alone) agree, program by program."""
    calls = []
    real = batch.judge_batch
    monkeypatch.setattr(batch, "judge_batch", lambda jobs, timeout: calls.append(real(jobs, timeout)) or calls[-1])
    jobs = [Job(f"pass{i}", LIB.format(value=i), TESTS.format(want=i), "test", "2021") for i in range(3)]
    jobs += [
        Job("test_failure", LIB.format(value=1), TESTS.format(want=2), "test", "2021"),
        Job("compile_error", MOVED, TESTS.format(want=2), "test", "2021"),
        Job("type_error", "pub fn run() -> i32 { \"x\" }\n", TESTS.format(want=2), "test", "2021"),
        Job("no_tests", LIB.format(value=1), "", "test", "2021"),
        Job("panics", "pub fn run() -> i32 { let v: Vec<i32> = vec![]; v[1] }\n", TESTS.format(want=2), "test", "2021"),
        Job("exits_0", "pub fn run() -> i32 { std::process::exit(0) }\n", TESTS.format(want=2), "test", "2021"),
        Job("uses_crate_path", "pub fn one() -> i32 { 1 }\npub fn run() -> i32 { crate::one() }\n", TESTS.format(want=1), "test", "2021"),
        Job("top_level_super", "use super::*;\n" + LIB.format(value=1), TESTS.format(want=1), "test", "2021"),
        Job("lib_pass", LIB.format(value=1), "", "lib", "2021"),
        Job("lib_pass2", LIB.format(value=2), "", "lib", "2021"),
        Job("lib_error", MOVED, "", "lib", "2021"),
    ]
    two_tests = TESTS.format(want=1).replace("    #[test]", "    #[test]\n    fn passes() {}\n\n    #[test]", 1)
    jobs += [  # failing runs whose output a shared binary's filtered run must give exactly as a run alone
        Job("one_of_two_fails", LIB.format(value=2), two_tests, "test", "2021"),
        Job("aborts", "pub fn run() -> i32 { std::process::abort() }\n", TESTS.format(want=1), "test", "2021"),
        Job("debug_of_a_struct", "pub struct Meters(pub i32);\npub fn run() -> i32 { Meters(3).0 }\n"
            "#[derive(Debug, PartialEq)]\npub struct Pair(i32, i32);\n",
            "#[test]\nfn pair() { assert_eq!(Pair(run(), 1), Pair(1, 1)); }\n", "test", "2021"),
    ]
    shared = run_jobs(jobs, workers=2, timeout=TIMEOUT, progress=False)
    with ThreadPoolExecutor(2) as pool:
        alone = list(pool.map(lambda job: judge(job, TIMEOUT), jobs))
    assert [(j.id, *verdict(r)) for j, r in zip(jobs, shared)] == [(j.id, *verdict(r)) for j, r in zip(jobs, alone)]
    statuses = [r.status for verdicts, _ in calls for r in verdicts.values()]
    assert statuses.count("pass") >= 5, "shared builds proved too few passes"
    by_id = {j.id: r for j, r in zip(jobs, shared)}
    assert by_id["no_tests"].status == by_id["exits_0"].status == "test_failure"  # no test ran: no pass
    assert "no hidden test" in by_id["no_tests"].detail and "summary" in by_id["exits_0"].detail
    assert statuses.count("test_failure") >= 2 and "runtime_error" in statuses, "shared runs judged too few failures"
    assert all("kb_" not in r.diagnostic for r in shared)


def test_a_batch_would_pass_a_top_level_super_but_the_rules_keep_it_alone():
    bad = Job("bad", "use super::*;\n" + LIB.format(value=1), TESTS.format(want=1), "test", "2021")
    good = Job("good", LIB.format(value=1), TESTS.format(want=1), "test", "2021")
    passes, alone = batch.judge_batch([good, bad], TIMEOUT)  # bypassing batch_safe on purpose
    assert sorted(passes) == [0, 1] and alone == []
    assert judge(bad, TIMEOUT).status == "compile_error"
    assert [r.status for r in run_jobs([good, bad], workers=2, timeout=TIMEOUT, progress=False)] == ["pass", "compile_error"]


# --- the cache -------------------------------------------------------------------------

def test_cache_hits_corrupt_entries_and_off(tmp_path, monkeypatch):
    monkeypatch.setenv("KOANSHARE_CACHE", str(tmp_path / "cache"))
    jobs = [Job("a", LIB.format(value=1), "", "lib", "2021"), Job("b", MOVED, "", "lib", "2021")]
    first = run_jobs(jobs, workers=2, timeout=TIMEOUT, progress=False)
    entries = sorted((tmp_path / "cache").rglob("*.json"))
    assert len(entries) == 2

    def forbidden(*args, **kwargs):
        raise AssertionError("judged again")

    monkeypatch.setattr(evaluate, "judge", forbidden)
    monkeypatch.setattr(batch, "judge_batch", forbidden)
    renamed = [replace(jobs[0], id="a2"), jobs[1]]
    again = run_jobs(renamed, workers=2, timeout=TIMEOUT, progress=False)
    assert [verdict(r) for r in again] == [verdict(r) for r in first] and again[0].id == "a2"

    checked = run_jobs([replace(jobs[0], task="t")], timeout=TIMEOUT, progress=False, checks={"t": [lambda job: "too long"]})
    assert checked[0].status == "test_failure" and "too long" in checked[0].detail  # checks run on hits too

    calls, by_id = [], {r.id: r for r in first}
    monkeypatch.setattr(evaluate, "judge", lambda job, timeout: calls.append(job.id) or by_id[job.id])
    monkeypatch.setattr(batch, "judge_batch", lambda jobs, timeout: ({}, list(range(len(jobs)))))
    entries[0].write_text("{not json")
    entries[1].write_text(json.dumps({"key": "another", "result": {}}))
    run_jobs(jobs, workers=1, timeout=TIMEOUT, progress=False)
    assert sorted(calls) == ["a", "b"]  # both recomputed
    assert all(json.loads(p.read_text())["key"] == p.stem for p in entries)  # and rewritten

    run_jobs(jobs, workers=1, timeout=TIMEOUT + 1, progress=False)
    assert len(calls) == 4  # the timeout is part of the key


def test_a_run_mode_reference_runs_once(tmp_path, monkeypatch):
    monkeypatch.setenv("KOANSHARE_CACHE", str(tmp_path / "cache"))
    monkeypatch.setattr(evaluate, "REFERENCE_OUTPUTS", {})
    runs, real = [], sandbox.run_binary
    monkeypatch.setattr(sandbox, "run_binary", lambda *a, **k: runs.append(a) or real(*a, **k))
    run_koan = koan("r", mode="run", tests="", reference=PRINTS)
    other = PRINTS.replace("1, 2", "1, 2, 3")
    results = evaluate_answers([run_koan, run_koan], [PRINTS, other], workers=1, timeout=TIMEOUT, progress=False)
    assert [r.status for r in results] == ["pass", "test_failure"]
    assert len(runs) == 3  # two answers and the reference, once
    monkeypatch.setattr(evaluate, "REFERENCE_OUTPUTS", {})  # as in a new process: the evaluator cache has it
    [again] = evaluate_answers([run_koan], ["// the same program\n" + PRINTS], timeout=TIMEOUT, progress=False)
    assert again.status == "pass" and len(runs) == 4


def test_cache_off_and_unwritable(tmp_path, monkeypatch):
    assert evalcache.Cache.from_env() is None  # the autouse fixture set KOANSHARE_CACHE=off
    cache = evalcache.Cache(tmp_path / "file")
    (tmp_path / "file").write_text("not a directory")
    from share.koans.koan import Result
    cache.put("ab" * 32, Result("x", "pass"))  # silently not cached
    assert cache.get("ab" * 32, "x") is None
    cache = evalcache.Cache(tmp_path / "c")
    cache.put("cd" * 32, Result("x", "sandbox_error"))
    assert cache.get("cd" * 32, "x") is None  # never cached
