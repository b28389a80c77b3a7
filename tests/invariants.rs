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
    // 26 signed sheets (1048 before 781), 26 (1048/781), 1 weak (148),
    // 26 (26/2026).
    assert_eq!(n, 26 + 26 + 1 + 26);
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
    let e148 = c.edition("qd148-2023").unwrap();
    assert_eq!(e148.info().tables, Tables::Partial);
    assert_eq!(e148.info().gates, GateCoverage::Unknown);
    let sets: Vec<_> = e148.sets().collect();
    assert_eq!(sets.len(), 1);
    assert_eq!(sets[0].sheet().status, SetStatus::WeakSource);
    assert_eq!(c.edition("qd1048-2019").unwrap().sets().count(), 26);
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

/// Every 1048 set records its second source, or why it has none, and a
/// set that agrees with it is cross-checked. The loader holds each record
/// to the set's own points; this holds the editions to having them.
#[test]
fn every_1048_set_states_its_second_source() {
    use ocop::criteria::Outcome;
    let c = Catalog::official();
    for ed in ["qd1048-2019", "qd1048-781"] {
        for set in c.edition(ed).unwrap().sets() {
            let s = set.sheet();
            let x = s.second_source.as_ref().unwrap_or_else(|| {
                panic!("{ed}/{} has no second_source", s.id)
            });
            match x.outcome {
                Outcome::Agrees => {
                    assert_eq!(
                        s.status,
                        SetStatus::CrossChecked,
                        "{ed}/{}",
                        s.id
                    )
                }
                Outcome::None => assert!(x.note.is_some(), "{ed}/{}", s.id),
                Outcome::Differs => {
                    assert!(!x.differences.is_empty(), "{ed}/{}", s.id)
                }
            }
        }
    }
    // What the comparison found for the sets the issue names.
    let set = |ed: &str, id: &str| c.edition(ed).unwrap().set(id).unwrap();
    let rice = set("qd1048-781", "gao-ngu-coc").sheet();
    assert_eq!(rice.status, SetStatus::Transcribed);
    assert_eq!(rice.second_source.as_ref().unwrap().outcome, Outcome::None);
    assert!(rice.source.contains("sheet 3"), "{}", rice.source);
    for id in ["do-uong-co-con-khac", "tuong-nuoc-mam-gia-vi-dang-long-khac"] {
        assert_eq!(set("qd1048-781", id).max_points().total(), 100, "{id}");
    }
    let tpcn = "thuc-pham-chuc-nang-thuoc-tu-duoc-lieu-thuoc-y-hoc-co-truyen";
    assert_eq!(set("qd1048-781", tpcn).max_points().total(), 98);
    // The 2019 tourism sheet: part A prints 35 over 34 points.
    let t = set("qd1048-2019", "dich-vu-du-lich-truyen-thong-le-hoi");
    assert_eq!(t.max_points().a, 34);
    assert!(
        t.sheet()
            .criteria()
            .filter(|(p, _, _)| *p == ocop::criteria::PartId::C)
            .all(|(_, _, k)| k.yes_no)
    );
}

/// The printed rice sheet, criterion by criterion (Phụ lục III sheet 3).
#[test]
fn rice_has_the_printed_maxima_and_points() {
    let set = Catalog::official()
        .edition("qd1048-781")
        .unwrap()
        .set("gao-ngu-coc")
        .unwrap();
    let got: Vec<(String, u32, Vec<u32>)> = set
        .sheet()
        .criteria()
        .filter(|(p, _, _)| *p == ocop::criteria::PartId::C)
        .map(|(_, _, c)| {
            (
                c.code.clone(),
                c.max,
                c.options.iter().map(|o| o.points).collect(),
            )
        })
        .collect();
    let want: Vec<(String, u32, Vec<u32>)> = [
        ("6.1", 3, vec![0, 1, 2, 3]),
        ("6.2", 3, vec![0, 1, 2, 3]),
        ("6.3", 3, vec![0, 1, 2, 3]),
        ("6.4", 4, vec![0, 1, 2, 3, 4]),
        ("6.5", 2, vec![0, 1, 2]),
        ("7", 5, vec![0, 1, 2, 3, 5]),
        ("8", 5, vec![0, 1, 3, 5]),
        ("9.1", 2, vec![0, 1, 2]),
        ("9.2", 3, vec![0, 1, 2, 3]),
        ("10", 5, vec![0, 1, 2, 3, 5]),
        ("11", 5, vec![1, 3, 5]),
    ]
    .into_iter()
    .map(|(c, m, o)| (c.to_owned(), m, o))
    .collect();
    assert_eq!(got, want);
    assert_eq!(set.max_points().total(), 100);
    // A printed table, not a reconstruction; only its 781 minimums are
    // inferred.
    assert_eq!(set.sheet().status, SetStatus::Transcribed);
    assert!(set.sheet().basis.is_none());
}

/// The one 148 table is opt-in, and every scorecard it gives says so.
#[test]
fn the_148_table_is_scored_only_on_request_and_says_it_is_weak() {
    let c = Catalog::official();
    let set =
        c.edition("qd148-2023").unwrap().set("rau-cu-qua-hat-tuoi").unwrap();
    assert_eq!(set.max_points().total(), 100);
    assert_eq!(
        (set.max_points().a, set.max_points().b, set.max_points().c),
        (40, 25, 35)
    );
    // No star mark of the weak source is used as a gate.
    assert!(
        set.sheet()
            .criteria()
            .all(|(_, _, k)| k.options.iter().all(|o| o.gate.is_none()))
    );
    let mut g = ocop::generate::Generator::for_set(set, 148);
    let ev = g.next_evaluation();
    let err = c.score(&ev).unwrap_err();
    assert!(matches!(err.kind(), ocop::ErrorKind::WeakSourceSet { .. }));
    let opts = ocop::ScoreOptions { weak_sources: true, ..Default::default() };
    let card = c.score_with(&ev, &opts).unwrap();
    let kinds = crate::warning_kinds(&card);
    assert_eq!(kinds, ["weak_source", "gates_incomplete"]);
    assert!(card.rating.failed_gates.is_empty());
}
