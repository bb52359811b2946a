//~ mode: lib
//~ expect: compile_error
macro_rules! again {
    () => { again!(); };
}
again!();
