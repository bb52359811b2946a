//~ mode: run
//~ expect: pass
// The parent starts children that outlive it (one in a new session) and exits at once.
use std::process::Command;

fn main() {
    if std::env::args().any(|a| a == "@MARKER@") {
        std::thread::sleep(std::time::Duration::from_secs(600));
        return;
    }
    let _ = Command::new("/proc/self/exe").arg("@MARKER@").spawn();
    let _ = Command::new("setsid").arg("/proc/self/exe").arg("@MARKER@").spawn();
    std::thread::sleep(std::time::Duration::from_millis(200));
}
