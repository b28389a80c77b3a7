//! Star counts per province from a batch, in Rust: `BatchScorer::for_each`
//! hands each line's scorecard or error to a closure, in input order, so
//! nothing is written and read back.
//!
//! `cargo run --release --example province_counts -- FILE.jsonl`
//! (default: 20,000 generated 26/2026 evaluations).

use std::collections::BTreeMap;

use ocop::{BatchScorer, Catalog, generate::Generator};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let catalog = Catalog::official();
    let input = match std::env::args().nth(1) {
        Some(path) => std::fs::read(path)?,
        None => {
            let mut g = Generator::new(catalog.find_edition("qd26-2026")?, 1)?;
            let mut text = String::new();
            for _ in 0..20_000 {
                g.write_next(&mut text);
                text.push('\n');
            }
            // A few lines that are not evaluations.
            text.push_str("not json\n\n");
            text.into_bytes()
        }
    };
    // Province → stars (0 for no star) → products.
    let mut counts: BTreeMap<String, [u64; 6]> = BTreeMap::new();
    let mut errors: BTreeMap<&'static str, u64> = BTreeMap::new();
    let stats = BatchScorer::new(catalog).for_each(
        input.as_slice(),
        |_line, result| match result {
            Ok(card) => {
                let province = card
                    .meta
                    .get("province")
                    .and_then(|v| v.as_str())
                    .unwrap_or("(none)")
                    .to_owned();
                let star = usize::from(card.rating.stars.unwrap_or(0));
                counts.entry(province).or_default()[star] += 1;
            }
            Err(e) => *errors.entry(e.tag()).or_default() += 1,
        },
    )?;
    println!(
        "{:<16} {:>6} {:>6} {:>6} {:>6} {:>6} {:>8}",
        "province", "5★", "4★", "3★", "2★", "1★", "no star"
    );
    for (p, c) in &counts {
        println!(
            "{p:<16} {:>6} {:>6} {:>6} {:>6} {:>6} {:>8}",
            c[5], c[4], c[3], c[2], c[1], c[0]
        );
    }
    println!(
        "{} lines: {} scored, {} rejected {errors:?}",
        stats.lines, stats.scored, stats.rejected
    );
    assert_eq!(stats.rejected, errors.values().sum::<u64>());
    Ok(())
}
