//! Invariants of the embedded data: what the scorer relies on, and drift
//! between the data and the code.

use std::collections::BTreeSet;
use std::path::Path;

use ocop::Catalog;
use ocop::criteria::{GateCoverage, SetStatus, Tables};
use rust_decimal::Decimal;

#[test]
fn every_set_adds_up_to_its_edition() {
    let mut n = 0;
    for ed in Catalog::official().editions() {
        let info = ed.info();
        for set in ed.sets() {
            n += 1;
            let sheet = set.sheet();
            let max = set.max_points();
            for p in [
                ocop::criteria::PartId::A,
                ocop::criteria::PartId::B,
                ocop::criteria::PartId::C,
            ] {
                let gap: u32 = sheet
                    .gaps
                    .iter()
                    .filter(|g| g.part == p)
                    .map(|g| g.points)
                    .sum();
                assert_eq!(
                    max.get(p) + gap,
                    info.parts.get(p),
                    "{} {} part {p:?}",
                    ed.id(),
                    set.id()
                );
            }
            for (_, _, c) in sheet.criteria() {
                if c.header || c.yes_no {
                    continue;
                }
                let best = c
                    .options
                    .iter()
                    .filter(|o| o.unreadable.is_none())
                    .map(|o| o.points)
                    .max();
                assert_eq!(
                    best,
                    Some(c.max),
                    "{} {} {}",
                    ed.id(),
                    set.id(),
                    c.code
                );
                for o in &c.options {
                    if let Some(g) = &o.gate {
                        assert!((2..=5).contains(&g.stars));
                    }
                }
            }
            if sheet.status == SetStatus::Inferred {
                assert!(sheet.basis.is_some(), "{} needs a basis", set.id());
            }
        }
    }
    // 25 + 1 inferred (1048/781), 24 + 1 inferred (1048 before 781), 26 (26/2026).
    assert_eq!(n, 26 + 25 + 26);
}

#[test]
fn editions_are_as_documented() {
    let c = Catalog::official();
    let ids: Vec<&str> = c.editions().map(|e| e.id()).collect();
    assert_eq!(ids, ["qd1048-2019", "qd1048-781", "qd148-2023", "qd26-2026"]);
    let e = c.edition("qd26-2026").unwrap().info();
    assert_eq!((e.parts.a, e.parts.b, e.parts.c), (40, 25, 35));
    assert_eq!(e.gates, GateCoverage::Complete);
    let e = c.edition("qd1048-781").unwrap().info();
    assert_eq!((e.parts.a, e.parts.b, e.parts.c), (35, 25, 40));
    assert_eq!(e.gates, GateCoverage::Partial);
    assert_eq!(
        c.edition("qd148-2023").unwrap().info().tables,
        Tables::NotBundled
    );
    assert!(!c.edition("qd148-2023").unwrap().has_tables());
    // 1048 before 781 has no gates at all.
    for s in c.edition("qd1048-2019").unwrap().sets() {
        assert!(
            s.sheet()
                .criteria()
                .all(|(_, _, k)| k.options.iter().all(|o| o.gate.is_none())),
            "{}",
            s.id()
        );
    }
}

#[test]
fn bands_are_half_open_and_cover_0_to_100() {
    for ed in Catalog::official().editions() {
        let b = &ed.info().bands;
        let mins: Vec<Decimal> = b.iter().map(|x| x.min).collect();
        assert_eq!(
            mins,
            ["90", "70", "50", "30", "0"]
                .map(|s| s.parse::<Decimal>().unwrap())
        );
        let stars: Vec<u8> = b.iter().map(|x| x.stars).collect();
        assert_eq!(stars, [5, 4, 3, 2, 1]);
    }
}

#[test]
fn every_gate_of_2026_marks_an_option() {
    // Star-marked options, as counted by tools/convert_2026.py against the
    // stats printed under each set in the reference transcription.
    let ed = Catalog::official().edition("qd26-2026").unwrap();
    let mut total = [0; 6];
    for s in ed.sets() {
        for (_, _, c) in s.sheet().criteria() {
            for o in &c.options {
                if let Some(g) = &o.gate {
                    assert!(g.inferred.is_none(), "2026 gates are printed");
                    total[g.stars as usize] += 1;
                }
            }
        }
    }
    assert_eq!(&total[3..], [179, 290, 106]);
}

#[test]
fn classification_maps_every_phan_nhom() {
    for ed in Catalog::official().editions() {
        let Some(c) = ed.classification() else { continue };
        for row in &c.entries {
            match &row.set {
                Some(id) => assert!(ed.set(id).is_some(), "{}: {id}", ed.id()),
                None => assert!(row.gap.is_some()),
            }
        }
    }
    let c = Catalog::official().edition("qd1048-781").unwrap();
    assert_eq!(c.classification().unwrap().entries.len(), 26);
}

#[test]
fn set_lookup_forgives_case_and_diacritics() {
    let ed = Catalog::official().edition("qd26-2026").unwrap();
    let by_id = ed.set("rau-cu-qua-hat-tuoi").unwrap().id();
    assert_eq!(ed.set("Rau, củ, quả, hạt tươi").unwrap().id(), by_id);
    assert_eq!(ed.set("RAU-CU-QUA-HAT-TUOI").unwrap().id(), by_id);
    // Decomposed (NFD) Vietnamese.
    let nfd = "Rau, cu\u{309}, qua\u{309}, ha\u{323}t tu\u{31b}o\u{31b}i";
    assert_eq!(ed.set(nfd).unwrap().id(), by_id);
    assert_eq!(
        ocop::catalog::slug("Đồ uống có cồn khác"),
        "do-uong-co-con-khac"
    );
}

#[test]
fn embedded_list_matches_the_criteria_folder() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("criteria");
    let mut on_disk = BTreeSet::new();
    for ed in std::fs::read_dir(&root).unwrap() {
        let ed = ed.unwrap().path();
        if !ed.is_dir() {
            continue;
        }
        for f in std::fs::read_dir(&ed).unwrap() {
            let f = f.unwrap().path();
            if f.extension().is_some_and(|x| x == "json") {
                on_disk.insert(
                    f.strip_prefix(&root).unwrap().display().to_string(),
                );
            }
        }
    }
    let embedded: BTreeSet<String> =
        ocop::criteria::embedded_paths().map(str::to_owned).collect();
    assert_eq!(
        embedded, on_disk,
        "add new files to EMBEDDED in src/catalog.rs"
    );
}
