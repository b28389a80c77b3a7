//! Writes `examples/data/dong-thap-2021-2023.jsonl`: about 300 products of
//! Đồng Tháp across its districts and cities of 2021–2023, with
//! illustrative council answers, for the province report.
//!
//! `cargo run --example province_data > examples/data/dong-thap-2021-2023.jsonl`
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

fn main() -> Result<(), Box<dyn std::error::Error>> {
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
