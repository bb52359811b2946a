"""Traits family: trait bounds, impls and the standard traits.

Every task renders jinja2 templates (templates/<task>/train_*.rs.j2 and eval_*.rs.j2)
from one parameter dict drawn by the task's sampler (plugins/traits/samplers/).
"""

from pathlib import Path

from share.koans.family import register_templates
from share.koans.hookspecs import hookimpl

from .samplers import bounds, impls

FAMILY = "traits"
TEMPLATES = Path(__file__).parent / "templates"

TASKS = {
    "tb_derive": (
        "A type is used in a way that needs a standard trait it does not implement: `==` needs "
        "PartialEq, `<`/`>` need PartialEq + PartialOrd, `.clone()`/`to_vec()` need Clone, "
        "HashMap/HashSet keys need PartialEq + Eq + Hash, `sort()`/`max()` need PartialEq + Eq + "
        "PartialOrd + Ord, and `T::default()`/`..Default::default()` need Default. Read which trait "
        "rustc says is missing and add it (and the traits it builds on) to the type's #[derive(...)] "
        "attribute, or add the attribute when the type has none.",
        impls.sample_derive),
    "tb_impl": (
        "Implementing a trait for a type: the impl block must match the trait exactly. Add a "
        "required method the impl forgot (E0046), make a method's receiver or parameters match the "
        "trait's signature (E0053, E0050, E0185), rename a method that is not a member of the trait "
        "(E0407), write `impl Trait for Type` instead of an inherent impl when generic code needs "
        "the trait, or bring a trait into scope with `use` so its methods can be called (E0599).",
        impls.sample_impl),
    "tb_bounds": (
        "Generic functions and impls can only use what their type parameter's bounds promise: "
        "comparing needs `PartialOrd` (or `PartialEq` for ==), `+` needs `std::ops::Add<Output = T>` "
        "and `+=` needs `std::ops::AddAssign`, "
        "`{}` formatting needs `std::fmt::Display`, HashMap keys need `std::hash::Hash + Eq`. Add the "
        "missing trait bound to the type parameter (`<T: PartialOrd + Copy>`, `impl<T: PartialOrd>`), "
        "keeping the bounds that are already there.",
        bounds.sample_bounds),
    "tb_where": (
        "Bounds written in a `where` clause: predicates on several type parameters, on associated "
        "types such as `I::Item`, or on a trait impl's parameters. The body uses an operation a "
        "predicate does not promise (Display for `to_string`, `std::iter::Sum`/`Product` for "
        "`sum()`/`product()`, `Into<i64>` for `.into()`, `Ord` for `max()`, `PartialOrd` for `<=`, "
        "Debug for `{:?}`); add the missing predicate to the where "
        "clause or extend an existing one.",
        bounds.sample_where),
    "tb_associated": (
        "Associated types and associated constants of traits: an impl must define every `type X = ...;` "
        "and `const X: T = ...;` the trait declares (E0046), the associated type must match what "
        "the methods return (E0308), and generic code that uses an associated item needs the trait "
        "bound (`T: Trait`) or a constraint on the associated type (`S: Trait<Value = u32>`).",
        bounds.sample_associated),
    "tb_dyn": (
        "Trait objects: a trait used as a type needs the `dyn` keyword (E0782) and a pointer "
        "(`Box<dyn Trait>`, `&dyn Trait`) because it is unsized (E0277, E0746); a Vec or map that "
        "holds different types must be annotated `Vec<Box<dyn Trait>>`; and a trait used as "
        "`dyn` must be dyn-compatible, so a method returning `Self` needs `where Self: Sized` (E0038).",
        bounds.sample_dyn),
    "tb_send_sync": (
        "Send and Sync with std::thread: whatever `thread::spawn` (or a scoped thread) runs or "
        "captures must be `Send` (E0277). Replace `Rc` with `std::sync::Arc` (also inside structs "
        "and channel messages), `RefCell` with `std::sync::Mutex` and `Cell` with an atomic "
        "(`AtomicUsize`) when data is shared across threads, write `Box<dyn FnOnce() -> T + Send>` "
        "for boxed jobs, and add `Send + 'static` bounds to a generic closure and its result "
        "before handing them to a thread.",
        bounds.sample_send_sync),
    "tb_from_into": (
        "Conversions with From and Into: implement `From<A> for B` (not `Into`) to get both "
        "`B::from(a)` and `a.into()`; implement `From<E>` for your error type so `?` can convert "
        "errors; give `.into()` a target type with an annotation (E0282); use `TryFrom` "
        "(`u8::try_from(x)`) for lossy numeric conversions; and turn a `&str` or `impl Into<String>` "
        "into a `String` with `String::from`/`.into()`.",
        impls.sample_from_into),
    "tb_iterator": (
        "Implementing and using Iterator: an impl needs `type Item` and `fn next(&mut self) -> "
        "Option<Self::Item>`; adaptors like `map` are lazy and do nothing until consumed (use a "
        "`for` loop or `for_each` for side effects); `collect()` and `sum()` need a target type "
        "(`collect::<Vec<_>>()`, `sum::<i32>()`); `iter()` yields references, so add `.copied()` "
        "before collecting values; and a function returning Vec must collect its iterator.",
        impls.sample_iterator),
    "tb_display_debug": (
        "Formatting traits: `{}` and `to_string()` need `std::fmt::Display`, which is never derived: "
        "write `impl fmt::Display for T { fn fmt(&self, f: &mut fmt::Formatter) -> fmt::Result { "
        "write!(f, ...) } }`; `{:?}` needs Debug (derive it, also on the types inside). The fmt "
        "signature must take `&mut fmt::Formatter`, must return the `fmt::Result` of `write!` "
        "(no trailing `;`, end loops with `Ok(())`), and `{}` rather than `{:?}` prints a string "
        "without quotes.",
        impls.sample_display),
}


@hookimpl
def register_families(register):
    register(FAMILY, "Trait bounds, trait impls, trait objects and the standard traits")


@hookimpl
def register_tasks(register):
    register_templates(register, FAMILY, TASKS, TEMPLATES)
