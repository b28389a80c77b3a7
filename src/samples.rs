//! Sample evaluations, for documentation and tests.
//!
//! Each is a complete, valid evaluation of a bundled set. The answers are
//! illustrative, not a real council's sheets.

/// Three members score a fresh-produce product (set 1 of 26/2026/QĐ-TTg,
/// `rau-cu-qua-hat-tuoi`). Mean total 74.33: band 4★, but the 4★ minimum
/// on 8 (TÍNH ĐỘC ĐÁO, "Độc đáo, mang tính đặc trưng") is not met, so the
/// final star is 3★.
pub const EVALUATION_2026: &str =
    include_str!("../examples/data/sample-2026.json");
