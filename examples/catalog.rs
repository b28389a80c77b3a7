//! Prints every edition and set of the embedded catalog with its maxima.
//!
//! `cargo run --example catalog`

fn main() {
    for ed in ocop::Catalog::official().editions() {
        let info = ed.info();
        println!(
            "{} ({} → {}), gates {:?}",
            info.id,
            info.in_force.from,
            info.in_force.until.as_deref().unwrap_or("now"),
            info.gates
        );
        for s in ed.sets() {
            let m = s.max_points();
            println!(
                "  {:<60} {:?} A{} B{} C{} = {}",
                s.id(),
                s.sheet().status,
                m.a,
                m.b,
                m.c,
                m.total()
            );
        }
    }
}
