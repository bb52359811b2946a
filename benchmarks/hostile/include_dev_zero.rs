//~ mode: lib
//~ expect: timeout|compile_error
// A huge include: rustc reads an endless file (under its memory and time limits).
pub const ZEROS: &[u8] = include_bytes!("/dev/zero");
