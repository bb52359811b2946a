"""Borrow-checker family: moves, borrows, lifetimes, shared ownership.

Every task renders jinja2 templates (templates/<task>/train_*.rs.j2 and eval_*.rs.j2)
from one parameter dict drawn by the task's sampler (plugins/borrow_checker/samplers/).
"""

from pathlib import Path

from share.koans.family import register_templates
from share.koans.hookspecs import hookimpl

from .samplers import lifetimes, ownership, shared

FAMILY = "borrow_checker"
TEMPLATES = Path(__file__).parent / "templates"

TASKS = {
    "bc_move": (
        "Use of a value after it was moved (E0382): passing a String or Vec by value to a function, a "
        "`for` loop, a struct literal, a `self` method, `push` or a `match` moves it, and the owner can no "
        "longer be used. Fix it by borrowing instead of moving (`&value`, `&self`, `for x in &v`, "
        "`match &opt`) or, when a second owner really needs its own copy, by calling `.clone()` at the move.",
        ownership.sample_move),
    "bc_ref": (
        "A shared borrow (`&`) is still alive while its owner is mutated, reassigned or moved (E0502, E0505, "
        "E0506). Rust forbids changing a value while a reference into it is in use. End the borrow before "
        "the change: copy the value out instead of keeping a reference (drop the `&`, or add `*`/`&` in a "
        "pattern), or take an owned copy with `.to_string()`/`.clone()`, so the later mutation no longer "
        "conflicts.",
        ownership.sample_ref),
    "bc_mut": (
        "Mutation needs permission (E0596, E0384, E0594, E0499): a binding that is changed must be declared "
        "`let mut`, a function or method that changes its argument must take `&mut T` / `&mut self`, "
        "changing elements needs `iter_mut()`/`get_mut()` rather than `iter()`/`get()`, and two `&mut` "
        "borrows of the same value cannot be alive at once (use a method like `swap` that does it in one "
        "borrow). Add the missing `mut` at the right place or restructure to a single mutable borrow.",
        ownership.sample_mut),
    "bc_lifetime_simple": (
        "Simple lifetime annotations (E0106, E0515): a function returning a reference with more than one "
        "input reference, a struct or enum that stores a `&str`, or a function that borrows from nothing "
        "needs a named lifetime that says where the reference comes from (`fn f<'a>(x: &'a str, ..) -> "
        "&'a str`, `struct S<'a> { s: &'a str }`, `&'static str`). A reference to a local variable can "
        "never be returned: return the owned value (`String`) instead.",
        lifetimes.sample_lifetime_simple),
    "bc_lifetime_complex": (
        "Harder lifetime errors: an `impl` block must declare the lifetimes it uses (`impl<'a> S<'a>`, "
        "E0261) and trait impls must name them (`impl Display for S<'_>`, E0726); a returned `impl Trait` "
        "that borrows an argument needs `+ '_` in edition 2021 (E0700); a generic stored as `Box<dyn "
        "Trait>` needs `T: 'static` (E0310); a parameter whose reference is returned needs the output's "
        "lifetime (E0621); a value must live as long as the references to it (E0597); and a function "
        "returning a struct that borrows from several arguments must say which (E0106).",
        lifetimes.sample_lifetime_complex),
    "bc_copy_clone": (
        "Copy and Clone (E0382, E0599, E0507, E0508, E0204, E0277): small plain-data types can "
        "`#[derive(Clone, Copy)]` so they are copied instead of moved; `.clone()` needs `#[derive(Clone)]`; "
        "an owned value cannot be moved out of a reference, an index or a slice, so clone it (or bound a "
        "generic by `T: Copy`); a type holding a `String` cannot be `Copy`; and `[value; N]` needs a Copy "
        "value, where `vec![value; N]` only needs Clone.",
        ownership.sample_copy_clone),
    "bc_rc_arc": (
        "Shared ownership with `Rc` and `Arc` (E0382, E0277, E0507, E0596): give each extra owner its own "
        "handle with `Rc::clone(&x)` / `Arc::clone(&x)` (inside a loop, clone before each `move` closure); "
        "use `Arc` instead of `Rc` for data sent to another thread (`std::thread::spawn`); never move the "
        "value out of an `Rc` or a map of `Rc`s, clone the handle or the contents instead; and mutate "
        "through an `Rc` with `Rc::make_mut` (clone-on-write).",
        shared.sample_rc_arc),
    "bc_cell_refcell": (
        "Interior mutability with `Cell` and `RefCell` (E0596, E0599, E0369, E0515, and runtime "
        "BorrowError/BorrowMutError panics): mutate a `RefCell` through `borrow_mut()`, not `borrow()`; "
        "`Cell::get` only works for Copy types (use `take`/`replace` otherwise) and a `Cell<u32>` must be "
        "read with `.get()` before arithmetic; a `Ref` guard is a temporary, so return an owned clone rather "
        "than a reference into it; and a guard that is still alive makes a later conflicting borrow panic "
        "at run time, so shorten it (borrow in one expression, clone the data, or `drop(guard)`).",
        shared.sample_cell_refcell),
    "bc_closure_capture": (
        "How closures capture their environment (E0373, E0596, E0525, E0507, E0382, E0502): a closure that is "
        "returned, boxed as `'static` or sent to a thread must own what it uses (`move |x| ...`); a "
        "closure that mutates a captured variable is FnMut and its binding needs `let mut`; a closure that "
        "gives away a captured value is only FnOnce, so clone inside it where `Fn` is required; a `move` "
        "closure takes the value, so drop `move` when the owner is used afterwards; and a closure holding a "
        "mutable borrow blocks other uses until its last call.",
        shared.sample_closure_capture),
    "bc_async_borrow": (
        "Borrowing in async code (E0373, E0382, E0502, E0499, E0597): a future holds the borrows of its "
        "arguments until it is awaited, and a returned future must own its data. Use `async move` for "
        "returned async blocks, copy or clone values out before an `.await` instead of keeping references, "
        "await one `&mut` future before creating the next, and clone what a by-value async call would move. "
        "No async runtime crate is available, so each koan carries its own tiny hand-written `block_on` "
        "executor (a loop polling the pinned future with `std::task::Waker::noop()`).",
        shared.sample_async_borrow),
}


@hookimpl
def register_families(register):
    register(FAMILY, "Ownership and borrowing errors the borrow checker rejects")


@hookimpl
def register_tasks(register):
    register_templates(register, FAMILY, TASKS, TEMPLATES)
