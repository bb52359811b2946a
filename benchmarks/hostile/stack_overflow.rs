//~ mode: run
//~ expect: runtime_error
fn deep(n: u64) -> u64 {
    let pad = std::hint::black_box([n; 64]);
    deep(n + 1) + pad[3]
}

fn main() {
    println!("{}", deep(0));
}
