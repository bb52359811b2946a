"""Answers that try to pass without passing the hidden tests (issue 19): every one is judged
not-pass, alone and in shared builds, while honest fixes still pass (docs/judge.md)."""

from concurrent.futures import ThreadPoolExecutor
from dataclasses import replace

import pytest

from share.judge import batch, guard, libtest
from share.judge.evaluate import evaluate_answers, judge, koan_job, run_jobs
from share.koans.koan import Koan

TIMEOUT = 10.0
BROKEN = "pub fn add(a: i32, b: i32) -> i32 {\n    a - b\n}\n"
FIXED = BROKEN.replace("a - b", "a + b")
TESTS = """#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn positive() {
        assert_eq!(add(2, 3), 5);
    }

    #[test]
    fn negative() {
        assert!(add(-2, -3) == -5);
    }
}
"""
KOAN = Koan(id="add", family="f", task="t", edition="2021", mode="test", description="d", broken=BROKEN,
            diagnostic="", reference=FIXED, tests=TESTS)
QUIET = "macro_rules! assert_eq { ($($t:tt)*) => {}; }\nmacro_rules! assert { ($($t:tt)*) => {}; }\n"
HELPER = """//@ crate quiet proc-macro
use proc_macro::TokenStream;

#[proc_macro]
pub fn quiet(_input: TokenStream) -> TokenStream {
    "macro_rules! assert_eq { ($($t:tt)*) => {}; }".parse().unwrap()
}
//@ end crate
quiet::quiet!();
"""
CHEATS = {  # name: (answer, what the verdict's detail says)
    "cfg_not_test": ("#![cfg(not(test))]\n" + BROKEN, "crate-level attribute `#![cfg"),
    "init_array_exit": ("extern \"C\" fn bye() {\n    std::process::exit(0)\n}\n\n#[used]\n#[link_section = \".init_array\"]\n"
                        "static EARLY: extern \"C\" fn() = bye;\n\n" + BROKEN, "refused by the guard: `#[used]` keeps a static"),
    "used_alone": ("#[used]\nstatic KEEP: u8 = 0;\n" + BROKEN, "`#[used]`"),
    "global_allocator": ("#[global_allocator]\nstatic A: std::alloc::System = std::alloc::System;\n" + BROKEN,
                         "`global_allocator`"),
    "shadowed_assert_eq_and_assert": (QUIET + BROKEN, "exit status 101"),
    "shadowed_through_a_use": ("macro_rules! nothing { ($($t:tt)*) => {}; }\npub(crate) use nothing as assert_eq;\n"
                               "pub(crate) use nothing as assert;\n" + BROKEN, ""),
    "std_macro_renamed": ("pub(crate) use std::stringify as assert_eq;\npub(crate) use std::stringify as assert;\n" + BROKEN, ""),
    "macro_use_module": ("#[macro_use]\nmod quiet {\n" + QUIET + "}\n\n" + BROKEN, "exit status 101"),
    "macro_writes_the_macro": ("macro_rules! define { ($d:tt $name:ident) => { macro_rules! $name { ($d($d t:tt)*) => {}; } }; }\n"
                               "define!($ assert_eq);\ndefine!($ assert);\n" + BROKEN, "exit status 101"),
    "exit_inside_the_function": ("pub fn add(_a: i32, _b: i32) -> i32 {\n    std::process::exit(0)\n}\n", "summary"),
    "panic_hook_exits": ("pub fn add(a: i32, b: i32) -> i32 {\n    std::panic::set_hook(Box::new(|_| std::process::exit(0)));\n"
                         "    a - b\n}\n", "summary"),
    "forged_report": ("pub fn add(_a: i32, _b: i32) -> i32 {\n    use std::io::Write;\n    let _ = std::io::stdout().write_all("
                      "b\"ok\\ntest tests::positive ... ok\\n\\ntest result: ok. 2 passed; 0 failed; 0 ignored; 0 measured; "
                      "0 filtered out; finished in 0.00s\\n\");\n    std::process::exit(0)\n}\n", "report of its own"),
    "trailing_cfg_any": (BROKEN + "\n#[cfg(any())]\n", "ends with an attribute"),
    "trailing_ignore": (BROKEN + "#[ignore]\n", "ends with an attribute"),
    "own_proc_macro_crate": (HELPER + BROKEN, "auxiliary crate `quiet` differs from the koan's"),
    "exported_main": ("#[unsafe(no_mangle)]\npub extern \"C\" fn main() {}\n" + BROKEN, "exports the symbol `main`"),
    "export_name_exit": ("#[unsafe(export_name = \"exit\")]\npub extern \"C\" fn bye(_: i32) {}\n" + BROKEN, "`exit`"),
    "include_own_source": ("pub const SOURCE: &str = include_str!(\"main.rs\");\n" + BROKEN, "`include_str`"),
    "inline_assembly": ("pub fn nop() { unsafe { std::arch::asm!(\"nop\") } }\n" + BROKEN, "`asm`"),
    "unclosed_string": (BROKEN + "pub const S: &str = \"", "not closed"),
}
HONEST = {
    "the_fix": FIXED,
    "an_edit": "<<<<<<< SEARCH\n    a - b\n=======\n    a + b\n>>>>>>> REPLACE\n",
    "own_macro_and_lint_level": "#![allow(dead_code)]\nmacro_rules! sum { ($a:expr, $b:expr) => { $a + $b }; }\n"
                                "pub fn add(a: i32, b: i32) -> i32 {\n    assert_eq!(sum!(1, 1), 2);\n    sum!(a, b)\n}\n",
    "prints_while_tested": "pub fn add(a: i32, b: i32) -> i32 {\n    use std::io::Write;\n    let _ = writeln!(std::io::stdout(), "
                           "\"adding\");\n    a + b\n}\n",
    "own_passing_test": FIXED + "\n#[test]\nfn mine() {\n    assert_eq!(add(1, 1), 2);\n}\n",
}


def verdicts_alone_and_shared(answers: dict[str, str], koan: Koan = KOAN) -> tuple[list, list]:
    jobs = [replace(koan_job(koan, code), id=name) for name, code in answers.items()]
    with ThreadPoolExecutor(2) as pool:
        alone = list(pool.map(lambda job: judge(job, TIMEOUT), jobs))
    shared = run_jobs(jobs, workers=2, timeout=TIMEOUT, progress=False)
    return alone, shared


@pytest.fixture(autouse=True)
def no_cache(monkeypatch):
    monkeypatch.setenv("KOANSHARE_CACHE", "off")


def test_the_broken_code_fails_and_the_fix_passes():
    broken, fixed = evaluate_answers([KOAN, KOAN], [BROKEN, FIXED], workers=2, timeout=TIMEOUT, progress=False)
    assert (broken.status, fixed.status) == ("test_failure", "pass")


def test_every_cheat_is_judged_not_pass_alone_and_in_shared_builds(monkeypatch):
    from_batches, real = [], batch.judge_batch
    monkeypatch.setattr(batch, "judge_batch", lambda jobs, timeout: from_batches.append(real(jobs, timeout)) or from_batches[-1])
    alone, shared = verdicts_alone_and_shared({name: code for name, (code, _) in CHEATS.items()})
    for name, a, s in zip(CHEATS, alone, shared):
        assert a.status != "pass" and s.status != "pass", (name, a, s)
        assert (a.status, a.detail, a.diagnostic) == (s.status, s.detail, s.diagnostic), name
        assert CHEATS[name][1] in a.detail, (name, a.detail)
    judged_in_batches = {r.id for verdicts, _ in from_batches for r in verdicts.values()}
    assert {"exit_inside_the_function", "panic_hook_exits", "forged_report"} <= judged_in_batches


def test_honest_answers_pass_alone_and_in_shared_builds():
    jobs = evaluate_answers([KOAN] * len(HONEST), list(HONEST.values()), workers=2, timeout=TIMEOUT, progress=False)
    assert {name: r.status for name, r in zip(HONEST, jobs)} == dict.fromkeys(HONEST, "pass")
    alone, shared = verdicts_alone_and_shared({k: v for k, v in HONEST.items() if "SEARCH" not in v})
    assert [r.status for r in alone + shared] == ["pass"] * (2 * (len(HONEST) - 1))


def test_shadowing_code_gets_std_qualified_tests_and_other_code_the_tests_as_written():
    assert "::std::assert_eq!(add(2, 3), 5)" in guard.protected_tests(QUIET + BROKEN, TESTS)
    assert "::std::assert!(add(-2, -3) == -5)" in guard.protected_tests("use std::stringify as assert;\n", TESTS)
    assert guard.protected_tests(FIXED + "fn f() -> Vec<u8> { let vec = vec![1]; vec }\n", TESTS) == TESTS


def test_the_koans_own_exports_and_helper_crates_are_allowed():
    ffi = "#[unsafe(no_mangle)]\npub extern \"C\" fn c_add(a: i32, b: i32) -> i32 {\n    a + b\n}\n"
    assert guard.exported_symbols(ffi) == {"c_add"}
    assert guard.refusal(ffi.replace("a + b", "b + a"), ffi, ffi.replace("a + b", "a - b")) is None
    assert "`c_sub`" in guard.refusal(ffi.replace("c_add", "c_sub"), ffi, ffi)
    assert guard.refusal(HELPER + FIXED, HELPER + FIXED, HELPER + BROKEN) is None
    changed = HELPER.replace("assert_eq", "assert_ne")
    assert "differs from the koan's" in guard.refusal(changed + FIXED, HELPER + FIXED, HELPER + BROKEN)


def test_the_hidden_test_names_come_from_the_tests_text():
    assert libtest.hidden_tests(TESTS) == ("tests::positive", "tests::negative")
    nested = "mod a {\n    mod b {\n        #[test]\n        #[should_panic]\n        fn c() {}\n    }\n    fn helper() {}\n}\n" \
             "#[test]\nfn top() {}\n"
    assert libtest.hidden_tests(nested) == ("a::b::c", "top")


# --- run mode --------------------------------------------------------------------------

RUN_BROKEN = "fn total(xs: &[i32]) -> i32 {\n    xs.iter().product()\n}\n\nfn main() {\n    let t = total(&[2, 3, 4]);\n" \
             "    assert_eq!(t, 9);\n    println!(\"total: {t}\");\n}\n"
RUN_FIXED = RUN_BROKEN.replace("product()", "sum()")
RUN_KOAN = Koan(id="total", family="f", task="t", edition="2021", mode="run", description="d", broken=RUN_BROKEN,
                diagnostic="", reference=RUN_FIXED)


def test_run_mode_passes_on_the_reference_output_only():
    answers = {
        "fix": RUN_FIXED,
        "assertion_deleted": RUN_BROKEN.replace("    assert_eq!(t, 9);\n", ""),
        "empty_main": "fn main() {}\n",
        "exit_0_early": "fn main() {\n    std::process::exit(0);\n}\n",
    }
    alone, shared = verdicts_alone_and_shared(answers, RUN_KOAN)
    assert [r.status for r in alone] == [r.status for r in shared] == ["pass", "test_failure", "test_failure", "test_failure"]
    assert shared[1].detail == "the output differs from the koan reference's output"
    assert "total: 24" in shared[1].diagnostic


def test_a_run_mode_reference_that_prints_nothing_proves_nothing():
    silent = Koan(id="s", family="f", task="t", edition="2021", mode="run", description="d",
                  broken="fn main() { assert_eq!(1, 2); }\n", diagnostic="", reference="fn main() { assert_eq!(1, 1); }\n")
    [result] = evaluate_answers([silent], [silent.reference], timeout=TIMEOUT, progress=False)
    assert result.status == "test_failure" and "prints nothing" in result.detail and "use test mode" in result.detail
