//~ mode: lib
//~ expect: timeout
// 2^40 expansions: huge generated code.
macro_rules! twice {
    () => {};
    (x $($rest:tt)*) => { twice!($($rest)*); twice!($($rest)*); };
}
pub fn f() {
    twice!(x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x);
}
