"""Error-handling family: Option and Result, the ? operator, matching, combinators,
custom error types, and the thiserror / anyhow patterns (taught std-only with
in-file stand-ins, since no crates are reachable).

Every task renders jinja2 templates (templates/<task>/train_*.rs.j2 and eval_*.rs.j2)
from one parameter dict drawn by the task's sampler (plugins/error_handling/samplers/).
"""

from pathlib import Path

from share.koans.family import register_templates
from share.koans.hookspecs import hookimpl

from .samplers import error_types, handling

FAMILY = "error_handling"
TEMPLATES = Path(__file__).parent / "templates"

TASKS = {
    "rh_option": (
        "An Option<T> is not a T. The broken code uses an Option (from get, first, max, find, or a "
        "struct field) as if it were the value inside, or returns a bare value where an Option is "
        "expected. Fix it by handling the None case (copied()/map() with unwrap_or, match, if let) or "
        "by wrapping the value in Some.", handling.sample_option),
    "rh_result": (
        "Result<T, E> carries either a value (Ok) or an error (Err). The broken code returns a bare "
        "value or a wrongly typed error where a Result is expected, uses a Result as if it were the "
        "value, or collects Results into a plain Vec. Fix it by wrapping in Ok(...), building the right "
        "error type (e.g. String), unwrap_or for a default, or collecting into Result<Vec<_>, _>.",
        handling.sample_result),
    "rh_question": (
        "The ? operator returns early with the error (or None) and unwraps the value otherwise. It only "
        "works when the function's return type can hold that error: the broken code forgets the ?, uses "
        "? on an Option inside a Result function (convert with ok_or), on a Result inside an Option "
        "function (convert with .ok()), with an error type that has no From conversion (map_err first), "
        "or in a function that returns neither Result nor Option (change the return type and end with Ok).",
        handling.sample_question),
    "rh_match": (
        "A match on Option, Result or an error enum must cover every case. The broken code leaves out a "
        "case (None, Err(_), Ok(None), one side of a tuple of Options, an enum variant) and rustc reports "
        "a non-exhaustive match (E0004). Add the missing arm with the behaviour the doc comment asks for.",
        handling.sample_match),
    "rh_combinators": (
        "Option and Result combinators transform values without a match: map vs and_then (a closure that "
        "itself returns Option/Result needs and_then, or the types nest), filter to keep a value only when "
        "a predicate holds, ok_or to turn an Option into a Result, map_err to convert the error type, and "
        "copied() before unwrap_or on an Option<&T>. Fix the broken chain by picking the right combinator.",
        handling.sample_combinators),
    "rh_custom_error": (
        "A custom error type is an enum or struct that implements Debug, Display and std::error::Error "
        "(Error requires both Debug and Display, and Box<dyn Error> requires Error). The broken code is "
        "missing one of these pieces (a #[derive(Debug)], the Display impl, or the `impl Error` line), or "
        "returns some other value where one of its own error variants belongs. Add the missing piece.",
        error_types.sample_custom_error),
    "rh_thiserror": (
        "The thiserror pattern, written out std-only (the crate is not available): instead of "
        "#[derive(thiserror::Error)], the error enum/struct carries hand-written code that the derive "
        "would generate: a Display impl for #[error(\"...\")] (including the inner error as {0}), an "
        "std::error::Error impl whose source() returns the wrapped error (#[source]/#[from]), and "
        "`impl From<Inner> for AppError` (#[from]) so that ? converts the inner error. The broken code "
        "lacks a From impl (so ? fails with E0277), wraps an error that has no From without map_err, "
        "returns None from source() for a wrapped error, or drops the inner message from Display.",
        error_types.sample_thiserror),
    "rh_anyhow": (
        "The anyhow pattern, written out std-only (the crate is not available): "
        "`type Result<T> = std::result::Result<T, Box<dyn std::error::Error + Send + Sync>>` stands in "
        "for anyhow::Result, an in-file `Context` extension trait stands in for anyhow::Context "
        "(.context(\"...\") / .with_context(|| ...) prefix the error message), and `return "
        "Err(msg.into())` stands in for bail!. The broken code returns a bare String instead of "
        "converting it with .into(), declares a concrete error type where the boxed one is needed, calls "
        "the Result-only context() on an Option (use ok_or), forgets .context() or ?, or stringifies an "
        "error so it can no longer be downcast.", error_types.sample_anyhow),
    "rh_unwrap_expect": (
        "unwrap() and expect() panic on None or Err. The broken code compiles but panics in the hidden "
        "tests on input the doc comment says must be handled (a missing key, a token that is not a "
        "number, an empty list or word), or panics with the wrong message. Replace the unwrap with real "
        "handling (unwrap_or, filter_map with .ok(), ? in a function that returns Result or Option) or use "
        "expect(\"...\") with the message the doc comment promises.", handling.sample_unwrap_expect),
    "rh_early_return": (
        "Returning early on an error or a missing value. An `if` without `else` must have type (), so a "
        "bare Err(...)/None/value in it needs `return ...;`; the else branch of let-else must diverge "
        "(return, break or panic); a match arm that bails out of the function inside a `let` needs "
        "`return`. Add the missing return so the early exit actually leaves the function.",
        handling.sample_early_return),
}


@hookimpl
def register_families(register):
    register(FAMILY, "Option and Result, the ? operator, matching, combinators and custom error types")


@hookimpl
def register_tasks(register):
    register_templates(register, FAMILY, TASKS, TEMPLATES)
