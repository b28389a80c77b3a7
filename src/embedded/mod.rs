//! The criteria files embedded in the crate, their version and their
//! fingerprints.
//!
//! Every file under `criteria/` that the library reads is listed here, once,
//! and compiled in with `include_str!`; nothing is read from disk unless a
//! caller asks for a directory. A test checks this list against the folder,
//! so a file added there must be added here. The data's version and the
//! fingerprint of every file live beside it, as a time-zone database keeps
//! its version next to its data: `criteria/FINGERPRINTS` is
//! [`fingerprint_manifest`]'s output, and a test fails when they differ.
//! `criteria/INDEX` lists each edition's sets, derived from the same files,
//! so that the catalog can read one file when a call needs one set; with
//! `packed-data` each file is packed on its own or against one similar
//! file, so that reading it unpacks that file and its base, not all.

/// The version of the bundled criteria data. It changes whenever a file
/// under `criteria/` changes (see `criteria/FINGERPRINTS`).
pub const DATA_VERSION: &str = "2026.12.1";

#[cfg(not(feature = "packed-data"))]
macro_rules! embed {
    ($($path:literal),* $(,)?) => {
        &[$(($path, include_str!(concat!("../../criteria/", $path)))),*]
    };
}

// The library only unpacks; build.rs includes the same file to pack.
#[cfg(any(feature = "packed-data", test))]
#[cfg_attr(not(test), allow(dead_code))]
mod pack;

/// `criteria/INDEX`: each edition's sets, with what `ocop sets` prints of
/// them and the file each is read from, so that a catalog can list and
/// find sets without reading them. `cargo run --example fingerprints --
/// --write` derives it from the files; a test holds it to them.
pub(crate) const INDEX: &str = include_str!("../../criteria/INDEX");

/// Every embedded criteria file, by path under `criteria/`, with its text.
#[cfg(not(feature = "packed-data"))]
pub(crate) fn files() -> impl Iterator<Item = (&'static str, &'static str)> {
    EMBEDDED.iter().copied()
}

/// The text of the embedded file at `path` under `criteria/`.
#[cfg(not(feature = "packed-data"))]
pub(crate) fn text(path: &str) -> Option<&'static str> {
    EMBEDDED.iter().find(|(p, _)| *p == path).map(|(_, t)| *t)
}

/// The paths of the embedded files, without reading them.
#[cfg(not(feature = "packed-data"))]
pub(crate) fn paths() -> impl Iterator<Item = &'static str> {
    EMBEDDED.iter().map(|(p, _)| *p)
}

#[cfg(feature = "packed-data")]
mod packed {
    include!(concat!(env!("OUT_DIR"), "/criteria_pack.rs"));

    static PACKED: &[u8] =
        include_bytes!(concat!(env!("OUT_DIR"), "/criteria.pack"));

    /// Each file's bytes, unpacked on first use: for the files packed
    /// against it and for its text.
    static BYTES: [std::sync::OnceLock<Vec<u8>>; COUNT] =
        [const { std::sync::OnceLock::new() }; COUNT];

    /// Each file's text: its bytes, checked as UTF-8 on first use.
    static TEXTS: [std::sync::OnceLock<&'static str>; COUNT] =
        [const { std::sync::OnceLock::new() }; COUNT];

    pub(crate) fn paths() -> impl Iterator<Item = &'static str> {
        TOC.iter().map(|(p, ..)| *p)
    }

    /// The bytes of file `i`: its base's, then its own, unpacked. A base
    /// is not checked as text unless it is read as a file itself.
    ///
    /// # Panics
    ///
    /// Never in a released crate: `build.rs` packs the files this
    /// unpacks and checks that they unpack, and the fingerprint test
    /// compares every text with `criteria/`.
    fn bytes(i: usize) -> &'static [u8] {
        BYTES[i].get_or_init(|| {
            let (path, base, start, end) = TOC[i];
            let base = base.map_or(&[][..], bytes);
            super::pack::unpack_with(base, &PACKED[start..end])
                .unwrap_or_else(|| panic!("build.rs packs {path}"))
        })
    }

    /// The text of file `i`.
    ///
    /// # Panics
    ///
    /// As [`bytes`].
    pub(crate) fn text(i: usize) -> &'static str {
        TEXTS[i].get_or_init(|| {
            std::str::from_utf8(bytes(i))
                .unwrap_or_else(|_| panic!("build.rs packs {}", TOC[i].0))
        })
    }

    pub(crate) fn find(path: &str) -> Option<usize> {
        TOC.iter().position(|(p, ..)| *p == path)
    }
}

/// Every embedded criteria file, by path under `criteria/`, with its text:
/// unpacked on first use from what `build.rs` packed (see `pack`).
#[cfg(feature = "packed-data")]
pub(crate) fn files() -> impl Iterator<Item = (&'static str, &'static str)> {
    packed::paths().enumerate().map(|(i, p)| (p, packed::text(i)))
}

/// The text of the embedded file at `path` under `criteria/`: it and its
/// base unpacked on first use, no other.
#[cfg(feature = "packed-data")]
pub(crate) fn text(path: &str) -> Option<&'static str> {
    packed::find(path).map(packed::text)
}

/// The paths of the embedded files, without unpacking them.
#[cfg(feature = "packed-data")]
pub(crate) fn paths() -> impl Iterator<Item = &'static str> {
    packed::paths()
}

/// Every embedded criteria file, by path under `criteria/`. With
/// `packed-data`, `build.rs` packs every `criteria/<edition>/*.json`
/// instead, which a test holds to be this list.
#[cfg(not(feature = "packed-data"))]
static EMBEDDED: &[(&str, &str)] = embed![
    "qd1048-2019/edition.json",
    "qd1048-2019/classification.json",
    "qd1048-2019/ca-phe-ca-cao.json",
    "qd1048-2019/cac-san-pham-khac-tu-che-tra.json",
    "qd1048-2019/che-bien-tu-gao-ngu-coc.json",
    "qd1048-2019/che-bien-tu-rau-cu-qua-hat.json",
    "qd1048-2019/che-bien-tu-thit-trung-sua.json",
    "qd1048-2019/che-bien-tu-thuy-hai-san.json",
    "qd1048-2019/che-tuoi-che-bien.json",
    "qd1048-2019/dich-vu-du-lich-truyen-thong-le-hoi.json",
    "qd1048-2019/do-an-nhanh.json",
    "qd1048-2019/do-uong-co-con-khac.json",
    "qd1048-2019/do-uong-khong-con.json",
    "qd1048-2019/gao-ngu-coc.json",
    "qd1048-2019/gia-vi-khac.json",
    "qd1048-2019/mat-ong-cac-san-pham-tu-mat-ong-mat-khac.json",
    "qd1048-2019/my-pham.json",
    "qd1048-2019/nuoc-khoang-thien-nhien-nuoc-uong-tinh-khiet.json",
    "qd1048-2019/rau-cu-qua-hat-tuoi.json",
    "qd1048-2019/ruou-trang.json",
    "qd1048-2019/thao-duoc-khac.json",
    "qd1048-2019/thit-trung-sua-tuoi.json",
    "qd1048-2019/thu-cong-my-nghe-gia-dung.json",
    "qd1048-2019/thu-cong-my-nghe-trang-tri.json",
    "qd1048-2019/thuc-pham-chuc-nang-thuoc-tu-duoc-lieu-thuoc-y-hoc-co-truyen.json",
    "qd1048-2019/trang-thiet-bi-dung-cu-y-te.json",
    "qd1048-2019/tuong-nuoc-mam-gia-vi-dang-long-khac.json",
    "qd1048-2019/vai-may-mac.json",
    "qd1048-781/edition.json",
    "qd1048-781/classification.json",
    "qd1048-781/ca-phe-ca-cao.json",
    "qd1048-781/cac-san-pham-khac-tu-che-tra.json",
    "qd1048-781/che-bien-tu-gao-ngu-coc.json",
    "qd1048-781/che-bien-tu-rau-cu-qua-hat.json",
    "qd1048-781/che-bien-tu-thit-trung-sua.json",
    "qd1048-781/che-bien-tu-thuy-hai-san.json",
    "qd1048-781/che-tuoi-che-bien.json",
    "qd1048-781/dich-vu-du-lich-cong-dong-va-diem-du-lich.json",
    "qd1048-781/do-an-nhanh.json",
    "qd1048-781/do-uong-co-con-khac.json",
    "qd1048-781/do-uong-khong-con.json",
    "qd1048-781/gao-ngu-coc.json",
    "qd1048-781/gia-vi-khac.json",
    "qd1048-781/mat-ong-cac-san-pham-tu-mat-ong-mat-khac.json",
    "qd1048-781/my-pham.json",
    "qd1048-781/nuoc-khoang-thien-nhien-nuoc-uong-tinh-khiet.json",
    "qd1048-781/rau-cu-qua-hat-tuoi.json",
    "qd1048-781/ruou-trang.json",
    "qd1048-781/thao-duoc-khac.json",
    "qd1048-781/thit-trung-sua-tuoi.json",
    "qd1048-781/thu-cong-my-nghe-gia-dung.json",
    "qd1048-781/thu-cong-my-nghe-trang-tri.json",
    "qd1048-781/thuc-pham-chuc-nang-thuoc-tu-duoc-lieu-thuoc-y-hoc-co-truyen.json",
    "qd1048-781/trang-thiet-bi-dung-cu-y-te.json",
    "qd1048-781/tuong-nuoc-mam-gia-vi-dang-long-khac.json",
    "qd1048-781/vai-may-mac.json",
    "qd148-2023/edition.json",
    "qd148-2023/rau-cu-qua-hat-tuoi.json",
    "qd26-2026/edition.json",
    "qd26-2026/classification.json",
    "qd26-2026/cay-canh.json",
    "qd26-2026/che-bien-tu-gao-ngu-coc.json",
    "qd26-2026/che-bien-tu-rau-cu-qua-hat.json",
    "qd26-2026/che-bien-tu-thit-thuy-san-trung-sua-cac-san-pham-tu-mat-ong-mat-khac-va-nong-san-thuc-pham-khac.json",
    "qd26-2026/che-tuoi-che-che-bien.json",
    "qd26-2026/dich-vu-du-lich-cong-dong-du-lich-sinh-thai-va-diem-du-lich.json",
    "qd26-2026/do-an-nhanh.json",
    "qd26-2026/do-uong-co-con-khac.json",
    "qd26-2026/do-uong-khong-con-khac.json",
    "qd26-2026/dong-vat-canh.json",
    "qd26-2026/gao-ngu-coc-hat-so-che-khac.json",
    "qd26-2026/gia-vi-khac.json",
    "qd26-2026/hoa.json",
    "qd26-2026/mat-ong-mat-khac-va-nong-san-thuc-pham-khac.json",
    "qd26-2026/my-pham-co-thanh-phan-tu-duoc-lieu.json",
    "qd26-2026/nuoc-khoang-thien-nhien-nuoc-uong-dong-chai.json",
    "qd26-2026/rau-cu-qua-hat-tuoi.json",
    "qd26-2026/ruou-trang.json",
    "qd26-2026/san-pham-ca-phe-ca-cao.json",
    "qd26-2026/san-pham-tra-tu-thuc-vat-khac.json",
    "qd26-2026/thit-thuy-san-trung-sua-tuoi.json",
    "qd26-2026/thu-cong-my-nghe-gia-dung-trang-tri.json",
    "qd26-2026/thuc-pham-chuc-nang-thuoc-duoc-lieu-thuoc-co-truyen.json",
    "qd26-2026/tinh-dau-va-duoc-lieu-khac.json",
    "qd26-2026/tuong-nuoc-mam-gia-vi-dang-long-khac.json",
    "qd26-2026/vai-may-mac.json",
];

/// The paths (under `criteria/`) of the embedded data files.
///
/// ```
/// assert!(ocop::criteria::embedded_paths().any(|p| p == "qd26-2026/hoa.json"));
/// ```
pub fn embedded_paths() -> impl Iterator<Item = &'static str> {
    paths()
}

/// 64-bit FNV-1a over the file's bytes, with CRLF read as LF so that a
/// checkout's line endings do not change it. It detects edits, not attacks.
///
/// ```
/// assert_eq!(ocop::criteria::fingerprint("{}\r\n"), ocop::criteria::fingerprint("{}\n"));
/// assert!(ocop::criteria::fingerprint("{}").starts_with("fnv1a64:"));
/// ```
pub fn fingerprint(text: &str) -> String {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    let b = text.as_bytes();
    for (i, &c) in b.iter().enumerate() {
        if c == b'\r' && b.get(i + 1) == Some(&b'\n') {
            continue;
        }
        h ^= u64::from(c);
        h = h.wrapping_mul(0x0100_0000_01b3);
    }
    format!("fnv1a64:{h:016x}")
}

/// The fingerprint manifest of the embedded data, as `criteria/FINGERPRINTS`
/// records it: one `<fingerprint>  <path>` line per file, sorted by path.
///
/// ```
/// let m = ocop::criteria::fingerprint_manifest();
/// assert!(m.contains("  qd26-2026/edition.json\n"));
/// ```
pub fn fingerprint_manifest() -> String {
    let mut rows: Vec<(&str, String)> =
        files().map(|(p, t)| (p, fingerprint(t))).collect();
    rows.sort();
    let mut out = format!("# ocop criteria data {}\n", DATA_VERSION);
    for (p, f) in rows {
        out.push_str(&format!("{f}  {p}\n"));
    }
    out
}

#[cfg(test)]
mod tests {
    /// Packed or not, every embedded text is its file's, byte for byte,
    /// and every file is embedded.
    #[test]
    fn embedded_texts_are_the_files() {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
        let mut n = 0;
        for (path, text) in super::files() {
            let disk =
                std::fs::read_to_string(root.join("criteria").join(path))
                    .unwrap_or_else(|e| panic!("{path}: {e}"));
            assert!(disk == text, "{path} differs from its file");
            n += 1;
        }
        assert!(n >= 86, "{n} files");
        assert_eq!(super::paths().count(), n);
        for (path, text) in super::files() {
            assert_eq!(super::text(path), Some(text), "{path}");
        }
        assert_eq!(super::text("qd26-2026/none.json"), None);
    }
}
