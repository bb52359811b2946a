"""Advanced family: builders, newtypes, typestate, PhantomData, unsafe, macros, proc macros,
portable SIMD, FFI and Pin.

Every task renders jinja2 templates (templates/<task>/train_*.rs.j2 and eval_*.rs.j2) from
one parameter dict drawn by the task's sampler (plugins/advanced/samplers/). No crates
are reachable, so everything is std-only: proc macros are auxiliary crates inside the koan
(`//@ crate NAME proc-macro` ... `//@ end crate`, see share/judge/auxcrates.py), SIMD is portable
chunked code or `std::arch` behind `cfg(target_arch)`, and FFI stays within one file.
"""

from pathlib import Path

from share.koans.family import register_templates
from share.koans.hookspecs import hookimpl

from .samplers import low_level, macros, type_design

FAMILY = "advanced"
TEMPLATES = Path(__file__).parent / "templates"

TASKS = {
    "adv_builder": (
        "The builder pattern (E0507, E0594, E0308, E0382, E0599, E0716, and wrong results): a consuming "
        "builder's setters take `mut self` and must end by returning `self`; a builder whose setters take "
        "`&mut self` and return `&mut Self` must build from `&self` (cloning what it needs), and must be "
        "bound to a variable before chaining, since a temporary builder is dropped at the end of the "
        "statement; a consuming builder used in a loop is reassigned (`b = b.add(x)`); "
        "`Builder::default()` needs `#[derive(Default)]`; and `build` reports a missing required field as an "
        "error instead of silently defaulting it.",
        type_design.sample_builder),
    "adv_newtype": (
        "The newtype pattern: a one-field tuple struct (`struct Cents(u64);`) gives a plain value its own "
        "type, and nothing of the inner type comes along for free (E0369, E0308, E0117, E0603, E0599, "
        "E0277). Operators and methods of the inner value are reached through `.0` or an accessor "
        "(`Cents(a.0 + b.0)`, `name.as_str().len()`) or added with derives such as `PartialOrd`; two "
        "newtypes of one inner type do not mix, so convert with the `From` impl (`.into()`, `T::from(x)`); "
        "a foreign trait can only be implemented for a foreign type through a local newtype (orphan rule); "
        "a private field keeps the tuple constructor private, so build the value with the checked `new`; "
        "and iterator `sum()` works on the inner values, wrapped again afterwards.",
        type_design.sample_newtype),
    "adv_typestate": (
        "The typestate pattern: a state machine whose state is a type parameter (`Conn<Connected>`, with "
        "zero-sized state structs and a `PhantomData<S>` field), so calling an operation in the wrong state "
        "is a compile error (E0599, E0277, E0382, E0507, and wrong results). Call the transition first "
        "(`.connect()`) before a method that only exists in the later state; put methods every state shares "
        "in a generic `impl<S> Machine<S>` block; implement the state trait for every state type a bounded "
        "machine uses; a transition takes `self` by value, so read what you need before it and use the "
        "returned machine afterwards; and a transition must carry the data over into the new state.",
        type_design.sample_typestate),
    "adv_phantom": (
        "`PhantomData<T>` marks a type parameter that no field stores, so `Id<User>` and `Id<Order>` become "
        "different types at zero cost (E0392, E0425, E0063, E0308, E0382, and wrong results). A struct must "
        "use every type parameter: add a `PhantomData<T>` field (imported from `std::marker`) and initialise "
        "it with `PhantomData` in every struct literal; values tagged with different types never mix, so pass "
        "the one with the expected tag; `#[derive(Clone, Copy)]` on `Id<T>` only holds when `T` is Copy too, "
        "so derive it on the tag type as well; and per-type data comes from the type parameter itself "
        "(`U::PER_BASE`), not from one hard-coded type.",
        type_design.sample_phantom),
    "adv_unsafe": (
        "Unsafe Rust (E0133, E0200, E0594): dereferencing a raw pointer, calling an `unsafe fn` (such as "
        "`get_unchecked` wrappers, `ptr.add`, `std::slice::from_raw_parts` / `from_raw_parts_mut`) needs an "
        "`unsafe { ... }` block, kept as small as possible and justified by a `// SAFETY:` comment; a trait "
        "declared `unsafe trait` can only be implemented with `unsafe impl`; and writing through a pointer "
        "needs a `*mut T` (from `as_mut_ptr()` or `&mut x as *mut T`), not a `*const T`.",
        low_level.sample_unsafe),
    "adv_macro": (
        "Declarative macros (`macro_rules!`): E0425, E0308, E0599, and macros that compile but compute the "
        "wrong thing. Macros are hygienic: a local variable of the caller, or a binding the macro creates, "
        "is only visible on both sides when its name is passed in as an `$name:ident` argument; a macro "
        "used as an expression must end its `{{ ... }}` block with the value, not a statement with `;`; a "
        "macro that generates impls only covers the types listed in its invocation; arms are tried top to "
        "bottom, so a specific arm (`$name:ident`) must come before a general one (`$e:expr`); and an "
        "argument captured as `$($x:tt)*` is pasted token by token, so use `$x:expr`, which keeps an "
        "expression like `a + b` together.",
        macros.sample_macro),
    "adv_proc_macro": (
        "Procedural macros (E0599, E0277, E0404, E0425, E0308). No crates (syn, quote) are available, so "
        "each koan carries its own small proc-macro crate between `//@ crate NAME proc-macro` and `//@ end "
        "crate` lines: it is compiled first as `--crate-type proc-macro` and the main program gets it with "
        "`--extern NAME`; its macros read the input `TokenStream` as text and emit code built from strings "
        "with `.parse()`. Read what the macro generates and fix the main program: import the derive macro "
        "(`use NAME::Describe;`) and put `#[derive(Describe)]` on every type that must implement the trait; "
        "the generated `impl Trait for X` names the trait as written, so the trait must be in scope where "
        "the derive is used; call a generated associated function as `Type::f()`, not `value.f()`; use the "
        "return type the generated method really has; and a function-like macro only defines the names "
        "passed to it.",
        macros.sample_proc_macro),
    "adv_simd": (
        "SIMD-style data parallelism (E0308, E0133, and wrong results or panics). `std::simd` is unstable and "
        "no crates are available, so the koans use the portable stable pattern: process a slice in fixed "
        "lanes with `chunks_exact(LANES)` into a `[T; LANES]` accumulator (which the compiler can "
        "auto-vectorise), then fold the lanes. Never forget the leftover elements (`.remainder()`), chunk by "
        "exactly the lane count, start a lane-wise max/min at `i32::MIN`/`i32::MAX` rather than 0, and keep "
        "the accumulator lanes the same type as the data. Explicit `std::arch::x86_64` intrinsics "
        "(`_mm_add_ps`, ...) are shown behind `#[cfg(target_arch = \"x86_64\")]` with a scalar fallback; "
        "calling them needs an `unsafe` block.",
        low_level.sample_simd),
    "adv_ffi": (
        "FFI with C, inside one file (E0133, E0308, E0594, and wrong results). No C compiler is used: a "
        "Rust function exported with the C ABI (`#[unsafe(no_mangle)] pub extern \"C\" fn`) stands in for "
        "the C library, and may be declared again in an `unsafe extern \"C\" { ... }` block. Calling a "
        "function declared in an extern block needs `unsafe { }`; C strings are passed as `*const c_char` "
        "from a `CString` that stays alive across the call (`let c = CString::new(s).expect(..); f(c.as_ptr())`), and read back with "
        "`CStr::from_ptr(p).to_bytes()` (without the NUL); slices cross as `ptr.as_ptr()` plus a length; a "
        "C callback must be an `extern \"C\" fn`; an out-parameter that is written must be a `*mut T` to a "
        "`#[repr(C)]` struct.",
        low_level.sample_ffi),
    "adv_pin": (
        "Pinning (E0277, E0596, E0308, E0599): a future is polled through `Pin<&mut Self>`, and async blocks, "
        "async fn futures and types holding `PhantomPinned` are not `Unpin`, so `Pin::new(&mut x)` is "
        "rejected for them; pin them first with `Box::pin(x)` (or `std::pin::pin!(x)`) and poll through "
        "`.as_mut()`. A collection of futures holds `Pin<Box<dyn Future>>`, built with `Box::pin`, not "
        "`Box::new`; a field that is itself a `Pin<Box<..>>` is polled with `self.field.as_mut().poll(cx)`; "
        "and a hand-written `poll` that changes its fields takes `mut self: Pin<&mut Self>`. No async "
        "runtime crate is available: koans drive futures with a few lines of their own (a `block_on` loop "
        "or a single poll with `std::task::Waker::noop()`).",
        low_level.sample_pin),
}


@hookimpl
def register_families(register):
    register(FAMILY, "Advanced patterns: builders, newtypes, typestate, PhantomData, unsafe, macros, SIMD, FFI, Pin")


@hookimpl
def register_tasks(register):
    register_templates(register, FAMILY, TASKS, TEMPLATES)
