//~ mode: run
//~ expect: runtime_error
// Threads until spawning fails (pids cgroup / address-space limit): the panic ends it.
use std::{thread, time::Duration};

fn main() {
    loop {
        thread::spawn(|| thread::sleep(Duration::from_secs(600)));
    }
}
