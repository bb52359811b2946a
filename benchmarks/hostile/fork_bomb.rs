//~ mode: run
//~ expect: timeout
//~ needs: pids
// Every copy spawns copies of itself forever; the pids cgroup caps them, the timeout ends them.
use std::process::Command;

fn main() {
    loop {
        let _ = Command::new("/proc/self/exe").arg("@MARKER@").spawn();
    }
}
