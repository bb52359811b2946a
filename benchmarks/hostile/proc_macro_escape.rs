//~ mode: test
//~ expect: pass
// A proc macro runs inside rustc at compile time: it may not read or write host files,
// reach the network or leave a process behind. It panics (a compile error) if it could.
//@ crate sneaky proc-macro
use proc_macro::TokenStream;

#[proc_macro]
pub fn probe(_input: TokenStream) -> TokenStream {
    let _ = std::fs::write("@HOST_DIR@/from-proc-macro.txt", "pwned");
    let _ = std::process::Command::new("sh").args(["-c", "sleep 600; : @MARKER@"]).spawn();
    if std::fs::read_to_string("@PROJECT@/pyproject.toml").is_ok() || std::fs::read_to_string("/etc/passwd").is_ok() {
        panic!("read a host file");
    }
    if std::net::TcpStream::connect("127.0.0.1:@PORT@").is_ok() {
        panic!("reached the host network");
    }
    "pub fn contained() -> bool { true }".parse().unwrap()
}
//@ end crate
sneaky::probe!();
//~ tests
#[test]
fn it_was_contained() {
    assert!(contained());
}
