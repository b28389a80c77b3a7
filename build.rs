//! With the `packed-data` feature, packs the criteria files into
//! `$OUT_DIR/criteria.pack` (see `src/embedded/pack.rs`); otherwise does
//! nothing, and the files are embedded as they are.

#[allow(dead_code)]
#[path = "src/embedded/pack.rs"]
mod pack;

use std::path::Path;

fn main() {
    println!("cargo::rerun-if-changed=build.rs");
    println!("cargo::rerun-if-changed=src/embedded/pack.rs");
    println!("cargo::rerun-if-changed=criteria");
    if std::env::var_os("CARGO_FEATURE_PACKED_DATA").is_none() {
        return;
    }
    // Every criteria/<edition>/*.json, by path: the embedded list.
    let mut files = Vec::new();
    let root = Path::new("criteria");
    for ed in sorted(root) {
        if !ed.is_dir() {
            continue;
        }
        for f in sorted(&ed) {
            if f.extension().is_some_and(|x| x == "json") {
                let path = f.strip_prefix(root).expect("under criteria/");
                let path = path.to_string_lossy().replace('\\', "/");
                let text = std::fs::read_to_string(&f)
                    .unwrap_or_else(|e| panic!("{}: {e}", f.display()));
                files.push((path, text));
            }
        }
    }
    let archive =
        pack::archive(files.iter().map(|(p, t)| (p.as_str(), t.as_str())));
    let packed = pack::pack(&archive);
    assert_eq!(pack::unpack(&packed).as_deref(), Some(&archive[..]));
    let out = Path::new(&std::env::var_os("OUT_DIR").expect("set by cargo"))
        .join("criteria.pack");
    std::fs::write(&out, packed)
        .unwrap_or_else(|e| panic!("{}: {e}", out.display()));
}

fn sorted(dir: &Path) -> Vec<std::path::PathBuf> {
    let mut v: Vec<_> = std::fs::read_dir(dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .map(|e| e.expect("a directory entry").path())
        .collect();
    v.sort();
    v
}
