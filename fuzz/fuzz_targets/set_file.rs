//! One set file's text through the loader's parse-and-check, and, when it
//! passes, compiled and used: no panic, whatever the text.

#![no_main]

use libfuzzer_sys::fuzz_target;
use ocop::{Catalog, CriteriaSet, MemberSheet};

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    let info = Catalog::official().edition("qd26-2026").unwrap().info();
    // The file name must match the set's id; take the id from the text
    // when there is one, so that well-formed inputs get past that check.
    let id = serde_json::from_str::<serde_json::Value>(text)
        .ok()
        .and_then(|v| v.get("id")?.as_str().map(str::to_owned))
        .unwrap_or_default();
    let file = format!("qd26-2026/{id}.json");
    let checked = ocop::criteria::check_set(info, &file, text);
    let compiled = CriteriaSet::from_text(info, &file, text);
    assert_eq!(checked.is_ok(), compiled.is_ok());
    let Ok(set) = compiled else { return };
    // Score a sheet of first options and one of last options.
    for pick_last in [false, true] {
        let answers: Vec<(String, ocop::Answer)> = set
            .sheet()
            .criteria()
            .filter(|(_, _, c)| !c.header)
            .map(|(_, _, c)| {
                let a = if c.yes_no {
                    ocop::Answer::Met(pick_last)
                } else if pick_last {
                    ocop::Answer::Option(c.options.len() as u64)
                } else {
                    ocop::Answer::Option(1)
                };
                (c.code.clone(), a)
            })
            .collect();
        let sheet = MemberSheet::new("m1", answers);
        if let Ok(r) = set.resolve(&sheet) {
            if let Ok(p) = r.points() {
                assert!(p.total() <= set.max_points().total());
            }
        }
        let _ = set.sheet_points(&sheet);
    }
});
