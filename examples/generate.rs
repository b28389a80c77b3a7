//! Writes N deterministic, realistic evaluations as JSON Lines.
//!
//! `cargo run --release --example generate -- 1000000 qd26-2026 > big.jsonl`
//!
//! With `all` for the edition, the lines go round every set of every
//! edition in turn, inferred and weak-source sets included (they score
//! with `--inferred` and `--weak-sources`, and are rejected without):
//! `cargo run --example generate -- 10000 all`.

use std::io::Write;

use ocop::generate::Generator;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mut args = std::env::args().skip(1);
    let n: u64 = args.next().and_then(|a| a.parse().ok()).unwrap_or(1000);
    let edition = args.next().unwrap_or_else(|| "qd26-2026".into());
    let catalog = ocop::Catalog::official();
    let mut gens: Vec<Generator<'_>> = if edition == "all" {
        let sets = catalog.editions().flat_map(|e| e.sets());
        sets.enumerate()
            .map(|(i, s)| Generator::for_set(s, 2026 + i as u64))
            .collect()
    } else {
        vec![Generator::new(catalog.find_edition(&edition)?, 2026)?]
    };
    let mut out = std::io::BufWriter::new(std::io::stdout().lock());
    let mut line = String::new();
    for i in 0..n {
        line.clear();
        let k = gens.len();
        gens[i as usize % k].write_next(&mut line);
        line.push('\n');
        out.write_all(line.as_bytes())?;
    }
    Ok(())
}
