//! Writes `examples/data/dong-thap-2021-2023.jsonl`: about 300 products of
//! Đồng Tháp across its districts and cities of 2021–2023, with
//! illustrative council answers, for the province report.
//!
//! `cargo run --example province_data > examples/data/dong-thap-2021-2023.jsonl`
//!
//! With `--2026`, it writes `examples/data/dong-thap-2026.jsonl` instead: a
//! small round of the merged province in 2026, counted by commune (no
//! district), under 26/2026, where most products come back for
//! re-evaluation with the day their certificate was issued
//! (`recognised`).
//!
//! The seed is fixed, so the file is the same on every run. Districts are
//! real; products, producers and answers are not: products are named
//! "Sản phẩm minh họa …" and every line says its answers are illustrative.
//! Communes are generic ("Xã 1", "Phường 1"), except the four Tân Hồng
//! communes the district's record names (see `examples/data/README.md`).

use std::io::Write;

use ocop::generate::{Generator, Rng};
use ocop::{Catalog, Evaluation, ScoreOptions};

/// The districts and cities of Đồng Tháp in 2021–2023, with a short code
/// for ids and their communes.
const DISTRICTS: [(&str, &str, &[&str]); 12] = [
    (
        "Tân Hồng",
        "TH",
        &[
            "Tân Hộ Cơ",
            "Tân Thành B",
            "Tân Phước",
            "Tân Công Chí",
            "Xã 5",
            "Xã 6",
        ],
    ),
    ("Hồng Ngự", "HN", &["Xã 1", "Xã 2", "Xã 3", "Xã 4", "Xã 5"]),
    ("Tam Nông", "TN", &["Xã 1", "Xã 2", "Xã 3", "Xã 4", "Xã 5"]),
    ("Thanh Bình", "TB", &["Xã 1", "Xã 2", "Xã 3", "Xã 4", "Xã 5"]),
    ("Cao Lãnh", "CL", &["Xã 1", "Xã 2", "Xã 3", "Xã 4", "Xã 5", "Xã 6"]),
    ("Lấp Vò", "LV", &["Xã 1", "Xã 2", "Xã 3", "Xã 4", "Xã 5"]),
    ("Lai Vung", "LVU", &["Xã 1", "Xã 2", "Xã 3", "Xã 4", "Xã 5"]),
    ("Châu Thành", "CT", &["Xã 1", "Xã 2", "Xã 3", "Xã 4", "Xã 5"]),
    ("Tháp Mười", "TM", &["Xã 1", "Xã 2", "Xã 3", "Xã 4", "Xã 5"]),
    ("TP. Cao Lãnh", "TPCL", &["Phường 1", "Phường 2", "Xã 1", "Xã 2"]),
    ("TP. Sa Đéc", "TPSD", &["Phường 1", "Phường 2", "Xã 1", "Xã 2"]),
    ("TP. Hồng Ngự", "TPHN", &["Phường 1", "Phường 2", "Xã 1"]),
];

/// The 1048/781 sets drawn from, with weights: a rice and fruit province
/// enters mostly processed foods.
const SETS: [(&str, u64); 14] = [
    ("che-bien-tu-rau-cu-qua-hat", 14),
    ("che-bien-tu-thuy-hai-san", 12),
    ("che-bien-tu-gao-ngu-coc", 10),
    ("rau-cu-qua-hat-tuoi", 10),
    ("gao-ngu-coc", 6),
    ("che-bien-tu-thit-trung-sua", 6),
    ("tuong-nuoc-mam-gia-vi-dang-long-khac", 5),
    ("mat-ong-cac-san-pham-tu-mat-ong-mat-khac", 4),
    ("ruou-trang", 4),
    ("do-uong-khong-con", 4),
    ("cac-san-pham-khac-tu-che-tra", 3),
    ("thao-duoc-khac", 3),
    ("thu-cong-my-nghe-gia-dung", 3),
    ("dich-vu-du-lich-cong-dong-va-diem-du-lich", 2),
];

fn pick<'a, T>(r: &mut Rng, items: &'a [T]) -> &'a T {
    &items[r.below(items.len() as u64) as usize]
}

/// Communes and wards of Đồng Tháp after the 2025 arrangement, with a
/// short code for ids.
const COMMUNES: [(&str, &str); 8] = [
    ("Phường Mỹ Tho", "MT"),
    ("Phường Cao Lãnh", "CL"),
    ("Phường Sa Đéc", "SD"),
    ("Xã Tân Hồng", "TH"),
    ("Xã Tháp Mười", "TM"),
    ("Xã Lai Vung", "LV"),
    ("Xã Cái Bè", "CB"),
    ("Xã Chợ Gạo", "CG"),
];

/// The 26/2026 sets drawn from in the 2026 round.
const SETS_2026: [&str; 8] = [
    "che-bien-tu-rau-cu-qua-hat",
    "che-bien-tu-gao-ngu-coc",
    "rau-cu-qua-hat-tuoi",
    "gao-ngu-coc-hat-so-che-khac",
    "tuong-nuoc-mam-gia-vi-dang-long-khac",
    "ruou-trang",
    "san-pham-tra-tu-thuc-vat-khac",
    "do-uong-khong-con-khac",
];

fn main() -> Result<(), Box<dyn std::error::Error>> {
    if std::env::args().any(|a| a == "--2026") {
        return round_2026();
    }
    let catalog = Catalog::official();
    let edition = catalog.find_edition("qd1048-781")?;
    let opts = ScoreOptions { inferred: true, ..Default::default() };
    let mut r = Rng::new(2021);
    let weight: u64 = SETS.iter().map(|s| s.1).sum();
    let mut out = std::io::BufWriter::new(std::io::stdout().lock());
    let mut n = 0;
    for (district, code, communes) in DISTRICTS {
        let products = 20 + r.below(11);
        for k in 0..products {
            n += 1;
            // A set by weight.
            let mut w = r.below(weight);
            let id = SETS
                .iter()
                .find(|s| {
                    w < s.1 || {
                        w -= s.1;
                        false
                    }
                })
                .map_or("rau-cu-qua-hat-tuoi", |s| s.0);
            let set = edition.find_set(id)?;
            // Candidates for OCOP sit mostly around 3★: draw evaluations
            // until one lands in the band this product is meant for.
            let band = match r.below(100) {
                0..=7 => 2,
                8..=78 => 3,
                79..=96 => 4,
                _ => 5,
            };
            let mut g = Generator::for_set(set, r.next_u64());
            let mut ev = g.next_evaluation();
            for _ in 0..2000 {
                meet_minimums(set, &mut ev, band);
                let card = catalog.score_with(&ev, &opts)?;
                let rated = card.rating.stars == Some(band);
                if rated && !card.spread.exceeded {
                    break;
                }
                ev = g.next_evaluation();
            }
            place(&mut ev, &mut r, district, code, communes, k + 1);
            // A few knock-outs and councils that disagreed.
            match n % 47 {
                11 => {
                    let sheet = set.sheet();
                    let ko = sheet
                        .criteria()
                        .find(|(_, _, c)| c.knockout.is_some());
                    if let Some((_, _, c)) = ko {
                        ev.knockouts.push(c.code.clone().into());
                    }
                }
                29 => {
                    let m = &mut ev.members[0];
                    for (_, a) in m.answers.iter_mut().take(12) {
                        if let ocop::Answer::Option(x) = a {
                            *x = 1;
                        }
                    }
                }
                _ => {}
            }
            // The star on record: usually what the rescoring gives, not
            // always.
            let card = catalog.score_with(&ev, &opts)?;
            let mut recorded = card.rating.stars.filter(|&s| s >= 3);
            if r.below(100) < 7 {
                recorded = match recorded {
                    Some(s) if s > 3 => Some(s - 1),
                    Some(s) => Some(s + 1),
                    None => Some(3),
                };
            }
            ev.meta.push((
                "recorded_star".into(),
                recorded.map_or(serde_json::Value::Null, Into::into),
            ));
            ev.meta.push((
                "note".into(),
                "illustrative answers and products, not the council's sheets"
                    .into(),
            ));
            serde_json::to_writer(&mut out, &ev)?;
            out.write_all(b"\n")?;
        }
    }
    out.flush()?;
    eprintln!("{n} products");
    Ok(())
}

/// Raises every member below a minimum of the tiers up to `band` (printed
/// or inferred) to it, as a product that earned its star would have.
fn meet_minimums(
    set: &ocop::CriteriaSet,
    ev: &mut Evaluation<'static>,
    band: u8,
) {
    for (_, _, c) in set.sheet().criteria() {
        for (i, o) in c.options.iter().enumerate() {
            if o.gate.as_ref().is_none_or(|g| g.stars > band) {
                continue;
            }
            let need = o.inferred.as_ref().map_or(o.points, |x| x.points);
            for m in &mut ev.members {
                for (code, a) in m.answers.iter_mut() {
                    if **code != *c.code {
                        continue;
                    }
                    if let ocop::Answer::Option(x) = a {
                        let have = (*x as usize)
                            .checked_sub(1)
                            .and_then(|i| c.options.get(i))
                            .map_or(0, |o| o.points);
                        if have < need {
                            *x = i as u64 + 1;
                        }
                    }
                }
            }
        }
    }
}

/// Names the product and places it: id, date, province, district, commune.
fn place(
    ev: &mut Evaluation<'static>,
    r: &mut Rng,
    district: &str,
    code: &str,
    communes: &[&str],
    k: u64,
) {
    let id = format!("DT-{code}-{k:02}");
    ev.id = Some(id.clone().into());
    // Decided by the council's day, 2021-03 to 2023-02, under 1048/781.
    ev.edition = None;
    let day = r.below(700);
    let date = ocop::Date::parse("date", "2021-03-01")
        .map(|d| d.add_days(day as i64).to_string())
        .unwrap_or_default();
    ev.date = Some(date.into());
    let meta = vec![
        ("province".into(), "Đồng Tháp".into()),
        ("district".into(), district.into()),
        ("commune".into(), (*pick(r, communes)).into()),
        ("product".into(), format!("Sản phẩm minh họa {id}").into()),
    ];
    ev.meta = meta;
}

/// The 2026 round: products by commune, most of them back for
/// re-evaluation of a certificate issued in 2023–2024.
fn round_2026() -> Result<(), Box<dyn std::error::Error>> {
    let catalog = Catalog::official();
    let edition = catalog.find_edition("qd26-2026")?;
    let mut r = Rng::new(2026);
    let mut out = std::io::BufWriter::new(std::io::stdout().lock());
    let start = ocop::Date::parse("date", "2026-08-01")?;
    let issued_from = ocop::Date::parse("recognised", "2023-09-01")?;
    let mut n = 0;
    for (commune, code) in COMMUNES {
        for k in 0..5 + r.below(5) {
            n += 1;
            let id = *pick(&mut r, &SETS_2026);
            let set = edition.find_set(id)?;
            let band = match r.below(100) {
                0..=9 => 2,
                10..=74 => 3,
                _ => 4,
            };
            let mut g = Generator::for_set(set, r.next_u64());
            let mut ev = g.next_evaluation();
            for _ in 0..2000 {
                // Some products keep their minimums; others slip below.
                if r.below(100) < 80 {
                    meet_minimums(set, &mut ev, band);
                }
                // Raising an answer can make another one apply (a story's
                // criteria): such a sheet is drawn again.
                let fits = catalog.score(&ev).is_ok_and(|card| {
                    card.rating.band == band && !card.spread.exceeded
                });
                if fits {
                    break;
                }
                ev = g.next_evaluation();
            }
            let id = format!("DT26-{code}-{:02}", k + 1);
            ev.id = Some(id.clone().into());
            ev.edition = None;
            let date = start.add_days(r.below(110) as i64);
            ev.date = Some(date.to_string().into());
            let mut meta: Vec<(ocop::Text<'static>, serde_json::Value)> = vec![
                ("province".into(), "Đồng Tháp".into()),
                ("commune".into(), commune.into()),
                ("product".into(), format!("Sản phẩm minh họa {id}").into()),
                ("producer".into(), format!("Chủ thể minh họa {id}").into()),
            ];
            // Three in four come back for re-evaluation, with the star
            // and the day of the certificate they hold.
            if r.below(4) > 0 {
                let issued = issued_from.add_days(r.below(600) as i64);
                let star = if band >= 4 { 4 } else { 3 };
                meta.push(("recognised".into(), issued.to_string().into()));
                meta.push(("recorded_star".into(), star.into()));
            }
            meta.push((
                "note".into(),
                "illustrative answers and products, not the council's sheets"
                    .into(),
            ));
            ev.meta = meta;
            serde_json::to_writer(&mut out, &ev)?;
            out.write_all(b"\n")?;
        }
    }
    out.flush()?;
    eprintln!("{n} products");
    Ok(())
}
