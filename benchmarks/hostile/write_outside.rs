//~ mode: run
//~ expect: pass
// Writes that land nowhere the host can see; the test checks the host side.
fn main() {
    for target in ["@HOST_DIR@/escaped.txt", "/tmp/@MARKER@-escaped.txt", "../@MARKER@-escaped.txt",
                   "/@MARKER@-escaped.txt", "@PROJECT@/@MARKER@-escaped.txt", "./@MARKER@-escaped.txt"] {
        let _ = std::fs::write(target, "pwned");
    }
}
