//! Properties of scoring, over generated councils of every 2026 and 1048/781
//! set.

use ocop::{Catalog, Evaluation, Status, generate::Generator};
use proptest::prelude::*;

fn line(edition: &str, seed: u64, skip: u64) -> String {
    let ed = Catalog::official().edition(edition).unwrap();
    let mut g = Generator::new(ed, seed).unwrap();
    for _ in 0..skip {
        g.next_line();
    }
    g.next_line()
}

fn edition() -> impl Strategy<Value = &'static str> {
    prop_oneof![Just("qd26-2026"), Just("qd1048-781")]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]

    #[test]
    fn totals_are_consistent(ed in edition(), seed in any::<u64>(), skip in 0u64..30) {
        let card = crate::score(&line(ed, seed, skip), false).unwrap();
        let lo = card.members.iter().map(|m| m.total).min().unwrap();
        let hi = card.members.iter().map(|m| m.total).max().unwrap();
        for m in &card.members {
            prop_assert!(m.total <= 100);
            prop_assert_eq!(m.total, m.parts.a + m.parts.b + m.parts.c);
            prop_assert_eq!(m.total, m.criteria().map(|(_, p)| u32::from(p.unwrap_or(0))).sum::<u32>());
        }
        prop_assert!(card.mean.total >= lo.into() && card.mean.total <= hi.into());
        prop_assert_eq!(card.spread.points, hi - lo);
        prop_assert!(card.rating.stars.is_none_or(|s| s <= card.rating.band));
    }

    #[test]
    fn raising_one_answer_never_lowers_the_total(seed in any::<u64>(), which in any::<prop::sample::Index>()) {
        let text = line("qd26-2026", seed, 0);
        let before = crate::score(&text, false).unwrap();
        let mut v: serde_json::Value = serde_json::from_str(&text).unwrap();
        let set = Catalog::official().edition("qd26-2026").unwrap().set(v["set"].as_str().unwrap()).unwrap();
        let answers = v["members"][0]["answers"].as_object_mut().unwrap();
        let code = answers.keys().nth(which.index(answers.len())).unwrap().clone();
        let c = set.sheet().criterion(&code).unwrap();
        let a = &mut answers[&code];
        match a.as_u64() {
            // Raise to the best option (positions are not always ordered by points).
            Some(_) => {
                let best = c.options.iter().enumerate().filter(|(_, o)| o.unreadable.is_none()).max_by_key(|(_, o)| o.points).unwrap().0;
                *a = (best as u64 + 1).into();
            }
            None => *a = true.into(),
        }
        let after = crate::score(&v.to_string(), false);
        // Raising the criterion another one depends on (5.1) can make that
        // one apply, and then the sheet lacks its answer.
        let gates_another = set.sheet().criteria().any(|(_, _, k)| k.applies_if.as_ref().is_some_and(|a| a.criterion == code));
        if gates_another && after.is_err() {
            prop_assume!(false);
        }
        prop_assert!(after.unwrap().members[0].total >= before.members[0].total);
    }

    #[test]
    fn answer_order_does_not_matter(seed in any::<u64>()) {
        let text = line("qd26-2026", seed, 3);
        let a = crate::score(&text, false).unwrap();
        let mut ev = Evaluation::from_json(&text).unwrap();
        for m in &mut ev.members {
            m.answers.reverse();
        }
        let b = Catalog::official().score(&ev).unwrap();
        prop_assert_eq!(a, b);
    }

    #[test]
    fn identical_members_mean_their_sheet(seed in any::<u64>(), n in 1usize..12) {
        let text = line("qd26-2026", seed, 1);
        let mut ev = Evaluation::from_json(&text).unwrap();
        let first = ev.members[0].clone();
        ev.members = (0..n).map(|i| {
            let mut m = first.clone();
            m.member = format!("m{i}").into();
            m
        }).collect();
        let card = Catalog::official().score(&ev).unwrap();
        prop_assert_eq!(card.mean.total, rust_decimal::Decimal::from(card.members[0].total));
        prop_assert!(!card.spread.exceeded);
    }

    #[test]
    fn stars_are_monotone_in_the_total(ed in edition(), seed in any::<u64>(), skip in 0u64..30) {
        // Without gates failing, the star is the band, and bands rise with the total.
        let card = crate::score(&line(ed, seed, skip), false).unwrap();
        if card.rating.failed_gates.is_empty() && card.rating.knockouts.is_empty() {
            prop_assert_eq!(card.rating.status, Status::Rated);
            prop_assert_eq!(card.rating.stars, Some(card.rating.band));
        }
        let t = card.mean.total;
        let band = card.rating.band;
        let want = if t >= 90.into() { 5 } else if t >= 70.into() { 4 } else if t >= 50.into() { 3 } else if t >= 30.into() { 2 } else { 1 };
        prop_assert_eq!(band, want);
    }

    #[test]
    fn garbage_never_panics(s in "\\PC{0,200}") {
        let _ = crate::score(&s, false);
        let mut out = Vec::new();
        ocop::BatchScorer::new(Catalog::official()).threads(1).score_line(s.as_bytes(), 1, &mut out);
        prop_assert_eq!(out.iter().filter(|&&b| b == b'\n').count(), 1);
    }
}

/// Ways to break an evaluation, each a JSON edit.
fn breakage(v: &mut serde_json::Value, which: usize, at: usize) {
    let members = v["members"].as_array().unwrap().len();
    let m = at % members;
    let answers = v["members"][m]["answers"].as_object_mut().unwrap();
    let code = answers.keys().nth(at % answers.len()).unwrap().clone();
    match which {
        0 => {
            answers.remove(&code);
        }
        1 => {
            answers.insert(code, 99.into());
        }
        2 => {
            answers.insert("9.9".into(), 1.into());
        }
        3 => {
            answers.insert(code, "x".into());
        }
        4 => {
            answers.insert("5.1".into(), 1.into());
        }
        5 => v["members"][m]["member"] = "m1".into(),
        6 => v["members"][m]["set"] = "hoa".into(),
        7 => v["knockouts"] = serde_json::json!(["nope"]),
        8 => v["set"] = "nope".into(),
        _ => v["members"] = serde_json::json!([]),
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]

    #[test]
    fn check_lists_what_score_returns_first(
        seed in any::<u64>(),
        breaks in prop::collection::vec((0usize..10, any::<usize>()), 0..4),
    ) {
        let mut v: serde_json::Value = serde_json::from_str(&line("qd26-2026", seed, 0)).unwrap();
        for (which, at) in breaks {
            if v["members"].as_array().is_some_and(|m| !m.is_empty()) {
                breakage(&mut v, which, at);
            }
        }
        let text = v.to_string();
        let ev = Evaluation::from_json(&text).unwrap();
        let catalog = Catalog::official();
        let problems = catalog.check(&ev);
        match catalog.score(&ev) {
            Ok(_) => prop_assert!(problems.is_empty(), "{problems:?}"),
            Err(e) => {
                prop_assert!(!problems.is_empty());
                prop_assert_eq!(&problems[0], &e);
                // Every problem is reported once.
                for (i, p) in problems.iter().enumerate() {
                    prop_assert!(!problems[..i].contains(p), "{p} twice");
                }
            }
        }
    }
}
