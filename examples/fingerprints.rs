//! Prints the fingerprint manifest of the criteria data, or writes it to
//! `criteria/FINGERPRINTS` with `--write`, together with `criteria/INDEX`
//! (each edition's sets, derived from the files after checking them all).
//!
//! `cargo run --example fingerprints -- --write`; `-- --index` prints the
//! index instead of the manifest.

fn main() {
    let manifest = ocop::criteria::fingerprint_manifest();
    let index = || {
        ocop::Catalog::embedded_index().unwrap_or_else(|e| {
            eprintln!("the criteria files have problems:\n{e}");
            std::process::exit(1)
        })
    };
    if std::env::args().any(|a| a == "--index") {
        print!("{}", index());
    } else if std::env::args().any(|a| a == "--write") {
        let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/criteria");
        let path = format!("{dir}/FINGERPRINTS");
        std::fs::write(&path, &manifest).expect("write criteria/FINGERPRINTS");
        eprintln!("wrote {path}");
        let path = format!("{dir}/INDEX");
        std::fs::write(&path, index()).expect("write criteria/INDEX");
        eprintln!("wrote {path}");
    } else {
        print!("{manifest}");
    }
}
