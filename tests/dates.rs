//! Choosing the edition by date, on each boundary day.

use ocop::{Catalog, Date, ErrorKind};

fn d(s: &str) -> Date {
    Date::parse("date", s).unwrap()
}

fn pick(
    date: &str,
    submitted: Option<&str>,
    re: bool,
) -> Result<String, ErrorKind> {
    Catalog::official()
        .edition_for(d(date), submitted.map(d), re)
        .map(|e| e.id().to_owned())
        .map_err(|e| e.kind().clone())
}

#[test]
fn boundaries() {
    assert!(matches!(
        pick("2019-08-20", None, false),
        Err(ErrorKind::BeforeCriteria { .. })
    ));
    assert_eq!(pick("2019-08-21", None, false).unwrap(), "qd1048-2019");
    assert_eq!(pick("2020-06-07", None, false).unwrap(), "qd1048-2019");
    assert_eq!(pick("2020-06-08", None, false).unwrap(), "qd1048-781");
    assert_eq!(pick("2023-02-23", None, false).unwrap(), "qd1048-781");
    assert_eq!(pick("2023-02-24", None, false).unwrap(), "qd148-2023");
    assert_eq!(pick("2026-05-21", None, false).unwrap(), "qd148-2023");
    assert!(matches!(
        pick("2026-05-22", None, false),
        Err(ErrorKind::AmbiguousEdition { .. })
    ));
    assert!(matches!(
        pick("2026-07-20", None, false),
        Err(ErrorKind::AmbiguousEdition { .. })
    ));
    assert_eq!(pick("2026-07-21", None, false).unwrap(), "qd26-2026");
}

#[test]
fn transition_of_26_2026() {
    // Điều 12 khoản 2a: submitted before 22/5/2026, 60 days to finish.
    assert_eq!(
        pick("2026-05-22", Some("2026-05-21"), false).unwrap(),
        "qd148-2023"
    );
    assert_eq!(
        pick("2026-07-20", Some("2026-04-01"), false).unwrap(),
        "qd148-2023"
    );
    assert_eq!(
        pick("2026-07-21", Some("2026-04-01"), false).unwrap(),
        "qd26-2026"
    );
    assert_eq!(
        pick("2026-05-22", Some("2026-05-22"), false).unwrap(),
        "qd26-2026"
    );
    // Khoản 2b: a re-evaluation has 30 days.
    assert_eq!(
        pick("2026-06-20", Some("2026-04-01"), true).unwrap(),
        "qd148-2023"
    );
    assert_eq!(
        pick("2026-06-21", Some("2026-04-01"), true).unwrap(),
        "qd26-2026"
    );
    assert!(matches!(
        pick("2026-06-20", None, true),
        Err(ErrorKind::AmbiguousEdition { .. })
    ));
    assert_eq!(pick("2026-06-21", None, true).unwrap(), "qd26-2026");
}

#[test]
fn scorecard_says_how_the_edition_was_chosen() {
    let mut v: serde_json::Value =
        serde_json::from_str(ocop::samples::EVALUATION_2026).unwrap();
    v.as_object_mut().unwrap().remove("edition");
    v["date"] = "2026-09-15".into();
    let card = crate::score(&v.to_string(), false).unwrap();
    assert_eq!(
        (card.edition.as_str(), card.edition_basis.as_str()),
        ("qd26-2026", "date")
    );
    v["date"] = "2026-06-15".into();
    v["submitted"] = "2026-06-01".into();
    let card = crate::score(&v.to_string(), false).unwrap();
    assert_eq!(
        (card.edition.as_str(), card.edition_basis.as_str()),
        ("qd26-2026", "transition")
    );
}

#[test]
fn date_parsing() {
    for bad in [
        "2021-13-01",
        "2021-00-10",
        "2021-02-29",
        "21-02-01",
        "2021/02/01",
        "2021-2-1",
        "",
        "2021-02-3x",
    ] {
        assert!(Date::parse("date", bad).is_err(), "{bad}");
    }
    assert_eq!(d("2024-02-29").add_days(1).to_string(), "2024-03-01");
    assert_eq!(d("2026-05-22").add_days(60).to_string(), "2026-07-21");
    assert_eq!(d("1999-12-31").add_days(1).to_string(), "2000-01-01");
}

#[test]
fn a_default_edition_never_overrides_a_date() {
    // A 2021 evaluation of a set both editions have, scored with a default
    // edition: the date decides, and the default is only for evaluations
    // that name no edition and give no date.
    let line = include_str!("../examples/data/tan-hong-2021.jsonl")
        .lines()
        .next()
        .unwrap();
    let mut v: serde_json::Value = serde_json::from_str(line).unwrap();
    v.as_object_mut().unwrap().remove("edition");
    let opts = ocop::ScoreOptions {
        edition: Some("qd26-2026".into()),
        ..Default::default()
    };
    let score = |v: &serde_json::Value| {
        let ev =
            ocop::Evaluation::from_json(&v.to_string()).unwrap().into_owned();
        Catalog::official().score_with(&ev, &opts)
    };
    let card = score(&v).unwrap();
    assert_eq!(
        (card.edition.as_str(), card.edition_basis.as_str()),
        ("qd1048-781", "date")
    );
    // Named in the evaluation: the evaluation wins.
    v["edition"] = "qd1048-781".into();
    v.as_object_mut().unwrap().remove("date");
    let card = score(&v).unwrap();
    assert_eq!(card.edition_basis, ocop::EditionBasis::Named);
    // Neither named nor dated: the default applies, and says so.
    v.as_object_mut().unwrap().remove("edition");
    let err = score(&v).unwrap_err();
    assert!(
        matches!(err.kind(), ErrorKind::UnknownSet { edition, .. } if edition == "qd26-2026"),
        "{err}"
    );
    let mut v: serde_json::Value =
        serde_json::from_str(ocop::samples::EVALUATION_2026).unwrap();
    v.as_object_mut().unwrap().remove("edition");
    v.as_object_mut().unwrap().remove("date");
    let card = score(&v).unwrap();
    assert_eq!(
        (card.edition.as_str(), card.edition_basis.as_str()),
        ("qd26-2026", "default")
    );
}

mod months {
    use ocop::Date;
    use ocop::certificate::{Certificate, Due};
    use proptest::prelude::*;

    fn any_date() -> impl Strategy<Value = Date> {
        (0i64..80_000)
            .prop_map(|n| "1970-01-01".parse::<Date>().unwrap().add_days(n))
    }

    #[test]
    fn month_ends_and_leap_days() {
        let d = |s: &str| s.parse::<Date>().unwrap();
        assert_eq!(d("2024-02-29").add_months(36), d("2027-02-28"));
        assert_eq!(d("2024-02-29").add_months(12 * 4), d("2028-02-29"));
        assert_eq!(d("2023-08-31").add_months(6), d("2024-02-29"));
        assert_eq!(d("2023-08-31").add_months(1), d("2023-09-30"));
        assert_eq!(d("2023-12-15").add_months(1), d("2024-01-15"));
        assert_eq!(d("2023-12-15").add_months(0), d("2023-12-15"));
    }

    proptest! {
        #[test]
        fn a_certificate_ends_36_months_on_and_its_window_is_60_days(
            issued in any_date(),
        ) {
            let c = Certificate::issued(issued);
            // Three years: 1,095 days, or 1,096 across a 29 February.
            let days = c.ends.days_since(issued);
            prop_assert!((1095..=1096).contains(&days), "{issued}: {days}");
            prop_assert_eq!(c.ends.days_since(c.file_from), 180);
            prop_assert_eq!(c.ends.days_since(c.file_by), 120);
            prop_assert_eq!(c.on(c.ends), Due::Closed);
            prop_assert_eq!(c.on(c.ends.add_days(1)), Due::Ended);
            prop_assert_eq!(c.on(c.file_by), Due::Filing);
            prop_assert_eq!(c.on(c.file_from.add_days(-1)), Due::Before);
        }

        #[test]
        fn adding_months_keeps_the_day_or_takes_the_months_last(
            d in any_date(),
            n in 0u32..600,
        ) {
            let e = d.add_months(n);
            let (ds, es) = (d.to_string(), e.to_string());
            let day = |s: &str| s[8..10].parse::<u32>().unwrap();
            let months = |s: &str| {
                s[0..4].parse::<u32>().unwrap() * 12 + s[5..7].parse::<u32>().unwrap()
            };
            prop_assert_eq!(months(&es), months(&ds) + n);
            prop_assert!(day(&es) <= day(&ds));
            if day(&es) < day(&ds) {
                // Clamped: the next day is in the next month.
                prop_assert_eq!(day(&e.add_days(1).to_string()), 1);
            }
        }
    }

    proptest! {
        /// Whatever the arithmetic asks, the date printed parses back: no
        /// year past 9999, no panic in a debug build (review 2026-12b #13).
        #[test]
        fn every_date_arithmetic_gives_prints_and_parses_back(
            d in any_date(),
            days in proptest::num::i64::ANY,
            months in proptest::num::u32::ANY,
            seconds in proptest::num::i64::ANY,
        ) {
            let dates = [
                d.add_days(days),
                d.add_months(months),
                Date::in_vietnam(seconds),
                Date::MAX.add_days(days),
                Date::MIN.add_days(days),
            ];
            for e in dates {
                prop_assert_eq!(e.to_string().parse::<Date>().unwrap(), e);
                prop_assert!(Date::MIN <= e && e <= Date::MAX);
            }
            match d.checked_add_days(days) {
                Some(e) => prop_assert_eq!(e.days_since(d), days),
                None => prop_assert!(d.add_days(days) == Date::MIN || d.add_days(days) == Date::MAX),
            }
            match d.checked_add_months(months) {
                Some(e) => prop_assert_eq!(e, d.add_months(months)),
                None => prop_assert_eq!(d.add_months(months), Date::MAX),
            }
        }
    }
}
