//~ mode: run
//~ expect: runtime_error
fn main() {
    let mut hoard = Vec::new();
    loop {
        hoard.push(vec![7u8; 64 << 20]);
    }
}
