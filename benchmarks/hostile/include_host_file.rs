//~ mode: lib
//~ expect: compile_error
pub const PASSWD: &str = include_str!("/etc/passwd");
pub const PROJECT: &str = include_str!("@PROJECT@/pyproject.toml");
