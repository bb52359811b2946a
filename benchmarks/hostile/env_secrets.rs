//~ mode: run
//~ expect: pass
// Exits 1 if the secret is visible at run time or compile time, or the environment is not scrubbed.
fn main() {
    let allowed = ["PATH", "HOME", "TMPDIR", "PWD"];
    let extra: Vec<String> = std::env::vars().map(|(k, _)| k).filter(|k| !allowed.contains(&k.as_str())).collect();
    if std::env::var("KOANSHARE_TEST_SECRET").is_ok() || option_env!("KOANSHARE_TEST_SECRET").is_some() || !extra.is_empty() {
        eprintln!("environment leaked: {extra:?}");
        std::process::exit(1);
    }
}
