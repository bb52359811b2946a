//~ mode: run
//~ expect: runtime_error
// Stops at the file-size limit on its output (SIGXFSZ), long before the timeout.
use std::io::Write;

fn main() {
    let chunk = vec![b'y'; 1 << 20];
    let mut out = std::io::stdout();
    loop {
        out.write_all(&chunk).unwrap();
    }
}
