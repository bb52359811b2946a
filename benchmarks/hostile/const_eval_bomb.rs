//~ mode: lib
//~ expect: timeout|compile_error
pub const SPIN: u64 = {
    let mut i = 0u64;
    while i < u64::MAX {
        i += 1;
    }
    i
};
