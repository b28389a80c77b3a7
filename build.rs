//! With the `packed-data` feature, packs each criteria file into
//! `$OUT_DIR/criteria.pack` and writes its table of contents to
//! `$OUT_DIR/criteria_pack.rs` (see `src/embedded/pack.rs`); otherwise
//! does nothing, and the files are embedded as they are.
//!
//! A file is packed on its own or against one earlier file (its base),
//! whichever is smallest: the set of the same name in another edition, or
//! a set of its own edition. A base has at most one base of its own, so
//! unpacking one set unpacks at most three files.

#[allow(dead_code)]
#[path = "src/embedded/pack.rs"]
mod pack;

use std::fmt::Write as _;
use std::path::Path;

/// No base.
const NONE: usize = usize::MAX;

fn main() {
    println!("cargo::rerun-if-changed=build.rs");
    println!("cargo::rerun-if-changed=src/embedded/pack.rs");
    println!("cargo::rerun-if-changed=criteria");
    if std::env::var_os("CARGO_FEATURE_PACKED_DATA").is_none() {
        return;
    }
    // Every criteria/<edition>/*.json, by path: the embedded list.
    let mut files: Vec<(String, String)> = Vec::new();
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
    let mut blob = Vec::new();
    let mut toc = Vec::new();
    let mut depth: Vec<usize> = Vec::new();
    for (i, (path, text)) in files.iter().enumerate() {
        let (ed, name) = split(path);
        let mut candidates = vec![NONE];
        if is_set(path) {
            // The same set in other editions, the first and the previous
            // set of this one.
            let mine = (0..i).filter(|&j| split(&files[j].0).0 == ed);
            let mine: Vec<usize> =
                mine.filter(|&j| is_set(&files[j].0)).collect();
            candidates.extend(mine.first());
            candidates.extend(mine.last());
            candidates
                .extend((0..i).filter(|&j| split(&files[j].0).1 == name));
        }
        let (base, packed) = candidates
            .into_iter()
            .filter(|&b| b == NONE || depth[b] < 2)
            .map(|b| {
                let under = if b == NONE { "" } else { &files[b].1 };
                let packed =
                    pack::pack_with(under.as_bytes(), text.as_bytes());
                assert_eq!(
                    pack::unpack_with(under.as_bytes(), &packed).as_deref(),
                    Some(text.as_bytes())
                );
                (b, packed)
            })
            .min_by_key(|(_, p)| p.len())
            .expect("packing alone is a candidate");
        depth.push(if base == NONE { 0 } else { depth[base] + 1 });
        toc.push((path.clone(), base, blob.len(), blob.len() + packed.len()));
        blob.extend(packed);
    }
    let out = std::path::PathBuf::from(
        std::env::var_os("OUT_DIR").expect("set by cargo"),
    );
    let mut rs = String::from(
        "/// (path, base, start, end in PACKED) of each file.\n\
         static TOC: &[(&str, Option<usize>, usize, usize)] = &[\n",
    );
    for (path, base, start, end) in &toc {
        let base = (*base != NONE).then_some(*base);
        let _ = writeln!(rs, "    ({path:?}, {base:?}, {start}, {end}),");
    }
    rs += "];\n";
    let _ = writeln!(rs, "const COUNT: usize = {};", toc.len());
    for (name, bytes) in
        [("criteria.pack", blob), ("criteria_pack.rs", rs.into_bytes())]
    {
        let file = out.join(name);
        std::fs::write(&file, bytes)
            .unwrap_or_else(|e| panic!("{}: {e}", file.display()));
    }
}

/// A path's edition folder and file name.
fn split(p: &str) -> (&str, &str) {
    p.split_once('/').unwrap_or(("", p))
}

/// Whether a path is a set's file.
fn is_set(p: &str) -> bool {
    let n = split(p).1;
    n != "edition.json" && n != "classification.json"
}

fn sorted(dir: &Path) -> Vec<std::path::PathBuf> {
    let mut v: Vec<_> = std::fs::read_dir(dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .map(|e| e.expect("a directory entry").path())
        .collect();
    v.sort();
    v
}
