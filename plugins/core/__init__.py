"""The core family: everyday compile errors and small logic bugs, the base curriculum.

It pre-trains the small embedded base model and is the frozen general evaluation on which
forgetting is measured. It covers the program shapes the skill tasks use (structs, enums,
traits and impls, generics, closures, iterators, modules, Vec/HashMap/String,
Option/Result, simple tests) without teaching those tasks' own fixes. The samplers live in
`samplers/`, one module per group of tasks.
"""

from pathlib import Path

from share.koans.family import register_templates
from share.koans.hookspecs import hookimpl

from .samplers import calls, exhaustive, logic, scope, type_errors

FAMILY = "core"
TEMPLATES = Path(__file__).parent / "templates"

TASKS = {
    "core_type_mismatch": (
        "Mismatched types (E0308): a value of one type is used where another is expected, such as a &str "
        "where a String field, return value or map key is expected, a String where a &str parameter is "
        "expected, a number where a bool condition is expected, an integer literal for an f64, a \"str\" "
        "where a char is expected, or if/else arms of different types. Read the expected and found types in "
        "the diagnostic and convert the value at the place it points to (.to_string(), String::from, &, "
        "a comparison, 3.0 instead of 3, 'c' instead of \"c\").",
        type_errors.sample_type_mismatch,
    ),
    "core_missing_import": (
        "A name from the standard library or from one of the crate's own modules is used without being "
        "imported: E0433 (failed to resolve / cannot find type `HashMap`), E0425 (cannot find function). "
        "Add the right `use` declaration, at the top of the file or inside the module that needs it "
        "(`use std::collections::HashMap;`, `use std::cmp::Ordering;`, `use shapes::area;`), instead of "
        "renaming or rewriting the code that uses it.",
        scope.sample_missing_import,
    ),
    "core_unresolved_name": (
        "A variable, constant or function name that does not exist in scope (E0425 cannot find value / "
        "function), usually a typo, a binding from another match arm, or a struct field used without "
        "`self.` inside a method. Use the name that is actually declared (the diagnostic's \"a local "
        "variable with a similar name exists\" or \"you might have meant to use the available field\" "
        "help points at it) and change nothing else.",
        scope.sample_unresolved_name,
    ),
    "core_arity": (
        "A function, method or associated function is called with the wrong number of arguments (E0061 "
        "this function takes N arguments but M were supplied). Compare the call with the signature the "
        "diagnostic shows, then pass the missing argument (a value that is already in scope: a parameter "
        "or local of the caller) in its position, or remove the extra one; do not change the signature.",
        calls.sample_arity,
    ),
    "core_immutable": (
        "A binding that is not declared `mut` is changed: assigned twice (E0384 cannot assign twice to "
        "immutable variable / immutable argument), borrowed mutably by a method such as push, insert or "
        "swap (E0596 cannot borrow as mutable), or has a field assigned (E0594). Add `mut` where the value "
        "is declared: `let mut x`, a `mut` parameter, or `&mut self` for a method that changes the struct.",
        calls.sample_immutable,
    ),
    "core_visibility": (
        "An item of a module is private where it is used from outside that module: a private function, "
        "constant, struct, trait or nested module (E0603 is private), a private field (E0616), or a private "
        "method (E0624). Make the item `pub` where it is declared inside the module, keeping the rest of "
        "the code as it is.",
        scope.sample_visibility,
    ),
    "core_missing_field": (
        "A struct (or struct-like enum variant) is built without one of its fields (E0063 missing field "
        "in initializer). Add the missing field to the struct expression with the value the code means: "
        "the parameter or closure binding of the same name, or the starting value the doc comment or the "
        "type suggests (0, String::new(), Vec::new()).",
        calls.sample_missing_field,
    ),
    "core_unknown_method": (
        "A method or field that does not exist on the type: E0599 (no method named ... found) or E0609 "
        "(no field ... on type), usually a misspelling or a name borrowed from another language (length or "
        "size for len, push_back for push, to_upper for to_uppercase, startswith for starts_with, reverse "
        "for rev, contains for contains_key). Use the name the type really has: the one the diagnostic "
        "suggests, or the one declared in the struct, enum, trait or impl in the code.",
        scope.sample_unknown_method,
    ),
    "core_non_exhaustive": (
        "A `match` does not cover every possible value (E0004 non-exhaustive patterns): an enum variant, an "
        "integer or character range, or a combination of booleans is missing. Add the arm(s) the diagnostic "
        "lists, producing what the function is meant to give for that case (follow the other arms, the "
        "variant's name and the doc comment), rather than a catch-all that hides a variant.",
        exhaustive.sample_non_exhaustive,
    ),
    "core_return_type": (
        "A function body does not produce what its signature promises (E0308 mismatched types, expected "
        "`T`, found `()` or the reverse): a stray semicolon after the last expression turns it into `()`, "
        "the `-> T` return type is missing, the declared return type is wrong (&str for a freshly built "
        "String), or a loop can end without a value. Remove the semicolon, add or correct the return type, "
        "or end the function with the value it should return (the doc comment says which).",
        type_errors.sample_return_type,
    ),
    "core_logic_bug": (
        "The code compiles but a hidden test fails: a small logic error such as an off-by-one range or "
        "loop bound (1..n for 1..=n, starting at the wrong index), a comparison that excludes the boundary "
        "(> for >=), the wrong field or parity, or an accumulator or counter that starts at the wrong "
        "value. The doc comment is the specification: find the one expression that disagrees with it and "
        "fix only that.",
        logic.sample_logic_bug,
    ),
    "core_integer_types": (
        "Integer types that do not match: Rust never converts between integer types implicitly, so mixing "
        "usize, u32, u64, i32 and i64 fails (E0308 expected `u64`, found `u32`; E0277 the type `[T]` cannot "
        "be indexed by `i32` / cannot collect `u32` into `Vec<usize>`). Convert at the point of the error "
        "with `as` (`v.len() as i32`, `i as usize`, `n as u64`) so the value has the type its use needs.",
        type_errors.sample_integer_types,
    ),
}


@hookimpl
def register_families(register):
    register(FAMILY, "Everyday compile errors and small logic bugs: the base curriculum and the frozen general evaluation")


@hookimpl
def register_tasks(register):
    register_templates(register, FAMILY, TASKS, TEMPLATES)
