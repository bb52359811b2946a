"""The rust2024 family: modern Rust idioms and the 2024 edition.

Every task compiles with `--edition 2024`. Most koans fail with the rustc error that
misusing the idiom gives; some compile but behave wrongly (a hidden test catches it), and
the lint tasks (r24_fmt, r24_clippy_modern) also run clippy through a registered check.
"""

from __future__ import annotations

from pathlib import Path

from share.koans.family import register_templates
from share.koans.hookspecs import hookimpl

from .checks import clippy_check
from .samplers.control import sample_async_closure, sample_let_chain, sample_let_else, sample_matches
from .samplers.lints import CLIPPY_MODERN_LINTS, sample_clippy_modern, sample_fmt
from .samplers.options import sample_copied, sample_flatten, sample_is_ok_and, sample_is_some_and

FAMILY = "rust2024"
EDITION = "2024"
TEMPLATES = Path(__file__).parent / "templates"

TASKS = {
    "r24_fmt": (
        "Format strings the modern way: capture variables inline in the braces (`format!(\"{name}: {count:>5}\")`, "
        "`write!(f, \"({x}, {y})\")`) instead of positional `{}` with trailing arguments, which also prevents "
        "arguments landing in the wrong place. Format specs go after a colon inside the braces (`{v:<8}`, "
        "`{n:#x}`, `{n:05}`); a value that only implements Debug, such as a slice, Option or tuple, needs `{v:?}` "
        "(E0277 `doesn't implement std::fmt::Display`). Answers are also checked with clippy's "
        "`uninlined_format_args` lint: a program that still passes variables positionally fails.",
        sample_fmt, ["uninlined_format_args"]),
    "r24_let_chain": (
        "Let chains (Rust 2024): join `let` patterns and boolean conditions with `&&` in one `if` or `while` "
        "(`if let Some(x) = opt && x > limit { .. } else { .. }`). Conditions run left to right and a binding "
        "exists only after the `let` that introduces it (E0425 when a condition uses it earlier); a binding "
        "from `get`/`last` is a reference, so compare through `*x` or bind `Some(&x)` (E0308); one chain's "
        "`else` runs whenever any part fails, unlike nested `if`s; and a `let` with a side effect such as "
        "`pop()` runs even when a later condition fails. Fix the chain's order, pattern or shape.",
        sample_let_chain, None),
    "r24_let_else": (
        "let-else: `let PATTERN = expr else { ... };` binds the pattern's variables for the rest of the block, "
        "and its else block must diverge (`return`, `continue`, `break` or `panic!`): an else block that "
        "produces a value or nothing is E0308 (`else` clause of `let...else` does not diverge). A plain `let` "
        "with a refutable pattern (`Some(x)`, an enum variant, a slice pattern like `[first, .., last]`) is "
        "E0005; add an `else` that leaves the function, loop or iteration.",
        sample_let_else, None),
    "r24_is_some_and": (
        "`Option::is_some_and(|v| ...)` tests the value inside an Option in one call, and is false for None "
        "(unlike `is_none_or` or `map_or(true, ..)`, which are true for None). The closure receives the "
        "Option's value: from `first()`, `last()` or `get(i)` that is a reference, so compare with `*v` or a "
        "`|&v|` pattern (E0308); and `is_some_and` consumes the Option, so on a field or item behind a "
        "reference call `.as_ref()` or `.as_deref()` first instead of moving out (E0507).",
        sample_is_some_and, None),
    "r24_is_ok_and": (
        "`Result::is_ok_and(|v| ...)` and `is_err_and(|e| ...)` test the Ok or Err value in one call; an error "
        "never counts as ok, so they replace tricks like `unwrap_or(0)` or `map_or(true, ..)` that let bad "
        "input through, and `is_err_and` with `e.kind()` distinguishes one error kind from the others. They "
        "exist on Result only (Option's method is `is_some_and`, E0599 on Result) and consume the Result: "
        "call `.as_ref()` first when it is still needed afterwards (E0382) or sits behind a reference (E0507).",
        sample_is_ok_and, None),
    "r24_copied": (
        "`.copied()` turns references to Copy values into values: on iterators (`v.iter().filter(..).copied()`) "
        "and on `Option<&T>` (`map.get(k).copied()`, `v.iter().max().copied()`, `first().copied()`). Use it when "
        "a `&T` reaches a place that needs a `T`: collecting `&i32` items into `Vec<i32>` (E0277), returning "
        "`Option<&u32>` as `Option<u32>` or passing a plain default to `unwrap_or` (E0308). For items that are "
        "not Copy, such as String, use `.cloned()` instead (E0277 `String: Copy` is not satisfied).",
        sample_copied, None),
    "r24_flatten": (
        "`flatten()` removes one level of nesting: an iterator over Vecs, Options or other iterators becomes an "
        "iterator over their items (None is skipped), and `Option<Option<T>>::flatten()` gives `Option<T>`; "
        "`flat_map(f)` is `map(f).flatten()`. Use it when collect, sum or the return type expects the inner "
        "items (E0277 `cannot be built from an iterator over`, E0308 `Option<Option<_>>`), and when missing "
        "values must be skipped rather than make a whole `Option<Vec<_>>` collection None.",
        sample_flatten, None),
    "r24_matches": (
        "`matches!(value, PATTERN)` and `matches!(value, PATTERN if guard)` return whether a value fits a "
        "pattern: use them for enum variants that do not implement PartialEq (`==` is E0369) and for "
        "alternatives `A | B`. A pattern is matched against the value's own type: match `s.as_str()` against "
        "string literals (E0308), dereference bound references in a guard (`*n > k`, E0308). A bare name in a "
        "pattern binds a new variable and always matches, so compare with a guard (`Some(v) if v == want`), "
        "and a range `lo..hi` excludes `hi`: use `lo..=hi` to include it.",
        sample_matches, None),
    "r24_clippy_modern": (
        "Replace hand-rolled arithmetic and string code with the std methods modern clippy lints point to: "
        "`a.div_ceil(b)` (manual_div_ceil), `a.abs_diff(b)` (manual_abs_diff), `s.strip_prefix(p)` / "
        "`s.strip_suffix(p)` (manual_strip), `(lo..=hi).contains(&x)` (manual_range_contains), "
        "`x.clamp(lo, hi)` (manual_clamp), `std::iter::repeat_n(x, n)` (manual_repeat_n), "
        "`n.is_power_of_two()` (manual_is_power_of_two) and `slice.contains(&x)` (manual_contains). The "
        "program already works: the evaluation also runs clippy with these lints, and an answer passes only "
        "when none of them fires.",
        sample_clippy_modern, CLIPPY_MODERN_LINTS),
    "r24_async_closure": (
        "Async closures (`async |x| { ... }`, stable since Rust 1.85): calling one returns a future that may "
        "borrow the closure's captures, which `|x| async { ... }` cannot do (E0373 when the future borrows a "
        "captured variable). Functions take them with `AsyncFn`, `AsyncFnMut` or `AsyncFnOnce` bounds: a plain "
        "closure returning a value is not async (E0277 `is not a future`), a closure that mutates a capture "
        "needs `AsyncFnMut` and a `mut` binding (E0596), and every call must be `.await`ed (E0308). No async "
        "runtime crate is available: each program carries a tiny hand-written `block_on` executor that polls "
        "the future with `Waker::noop()` until it is ready, enough for futures that never wait on I/O.",
        sample_async_closure, None),
}


@hookimpl
def register_families(register):
    register(FAMILY, "Modern Rust idioms and the 2024 edition: let chains, let-else, is_some_and, "
                     "copied/flatten, matches!, inline format args, async closures, modern clippy lints")


@hookimpl
def register_tasks(register):
    register_templates(register, FAMILY, TASKS, TEMPLATES, EDITION)


@hookimpl
def register_checks(register):
    for name, (_description, _sample, lints) in TASKS.items():
        if lints:
            register(name, clippy_check(lints))
