//! Prints the fingerprint manifest of the criteria data, or writes it to
//! `criteria/FINGERPRINTS` with `--write`.
//!
//! `cargo run --example fingerprints -- --write`

fn main() {
    let manifest = ocop::criteria::fingerprint_manifest();
    if std::env::args().any(|a| a == "--write") {
        let path =
            concat!(env!("CARGO_MANIFEST_DIR"), "/criteria/FINGERPRINTS");
        std::fs::write(path, &manifest).expect("write criteria/FINGERPRINTS");
        eprintln!("wrote {path}");
    } else {
        print!("{manifest}");
    }
}
