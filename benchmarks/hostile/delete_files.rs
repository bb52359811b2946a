//~ mode: run
//~ expect: pass
fn main() {
    let _ = std::fs::remove_file("@HOST_DIR@/canary.txt");
    let _ = std::fs::remove_dir_all("@HOST_DIR@");
    let _ = std::fs::remove_file("prog");
    let _ = std::fs::remove_dir_all("/work");
}
