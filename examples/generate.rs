//! Writes N deterministic, realistic evaluations as JSON Lines.
//!
//! `cargo run --release --example generate -- 1000000 qd26-2026 > big.jsonl`

use std::io::Write;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mut args = std::env::args().skip(1);
    let n: u64 = args.next().and_then(|a| a.parse().ok()).unwrap_or(1000);
    let edition = args.next().unwrap_or_else(|| "qd26-2026".into());
    let ed = ocop::Catalog::official().find_edition(&edition)?;
    let mut g = ocop::generate::Generator::new(ed, 2026)?;
    let mut out = std::io::BufWriter::new(std::io::stdout().lock());
    let mut line = String::new();
    for _ in 0..n {
        line.clear();
        g.write_next(&mut line);
        line.push('\n');
        out.write_all(line.as_bytes())?;
    }
    Ok(())
}
