//~ mode: run
//~ expect: pass
// Fills the private /tmp with 1 MiB files until it is full, then gives up.
fn main() {
    let chunk = vec![0u8; 1 << 20];
    let mut i = 0;
    while std::fs::write(format!("/tmp/fill{i}"), &chunk).is_ok() && i < 100_000 {
        i += 1;
    }
    assert!(i < 100_000, "the private /tmp has no size limit");
}
