//! Outcomes, in the one order every report shows them: 5★ down to 1★,
//! then not rated, eliminated, halted. Each has its JSON key, its CSS
//! class and its words, here and nowhere else.

use std::collections::BTreeMap;

use serde::Serialize;

use crate::scorecard::Status;

/// What a scored product came to.
///
/// ```
/// use ocop::report::Outcome;
/// use ocop::Status;
///
/// assert_eq!(Outcome::of(Some(4), Status::Rated), Outcome::Stars(4));
/// assert_eq!(Outcome::of(Some(4), Status::Halted), Outcome::Halted);
/// assert_eq!(Outcome::ALL[0].label(false), "5★");
/// assert_eq!(Outcome::NotRated.label(true), "Không đạt");
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[non_exhaustive]
pub enum Outcome {
    /// Rated with this final star, 1 to 5.
    Stars(u8),
    /// Band 3★ or more but a 3★ minimum failed ("Không đạt"), or band 2
    /// and a 2★ minimum failed.
    NotRated,
    /// A "Bị loại nếu …" knock-out.
    Eliminated,
    /// A "Không đánh giá các bước tiếp theo …" knock-out.
    Halted,
}

impl Outcome {
    /// Every outcome, in report order.
    pub const ALL: [Outcome; 8] = [
        Outcome::Stars(5),
        Outcome::Stars(4),
        Outcome::Stars(3),
        Outcome::Stars(2),
        Outcome::Stars(1),
        Outcome::NotRated,
        Outcome::Eliminated,
        Outcome::Halted,
    ];

    /// The outcome of a rating's final star and status.
    pub fn of(stars: Option<u8>, status: Status) -> Outcome {
        match (status, stars) {
            (Status::Eliminated, _) => Outcome::Eliminated,
            (Status::Halted, _) => Outcome::Halted,
            (_, Some(s)) => Outcome::Stars(s),
            _ => Outcome::NotRated,
        }
    }

    /// Its place in [`Outcome::ALL`].
    pub fn index(self) -> usize {
        match self {
            Outcome::Stars(s) => usize::from(5u8.saturating_sub(s.min(5))),
            Outcome::NotRated => 5,
            Outcome::Eliminated => 6,
            Outcome::Halted => 7,
        }
    }

    /// Where its count sits in the JSON of [`Counts`]: `stars/5`,
    /// `not_rated`, `eliminated`, `halted`.
    pub fn key(self) -> String {
        match self {
            Outcome::Stars(s) => format!("stars/{s}"),
            Outcome::NotRated => "not_rated".into(),
            Outcome::Eliminated => "eliminated".into(),
            Outcome::Halted => "halted".into(),
        }
    }

    /// The CSS class the HTML report colours it with.
    pub fn class(self) -> &'static str {
        ["s5", "s4", "s3", "s2", "s1", "nr", "el", "ha"][self.index()]
    }

    /// Its words for people, in Vietnamese or English.
    pub fn label(self, vietnamese: bool) -> &'static str {
        const STARS: [&str; 5] = ["5★", "4★", "3★", "2★", "1★"];
        match (self, vietnamese) {
            (Outcome::Stars(_), _) => STARS[self.index().min(4)],
            (Outcome::NotRated, true) => "Không đạt",
            (Outcome::NotRated, false) => "Not rated",
            (Outcome::Eliminated, true) => "Bị loại",
            (Outcome::Eliminated, false) => "Eliminated",
            (Outcome::Halted, true) => "Dừng đánh giá",
            (Outcome::Halted, false) => "Halted",
        }
    }
}

/// Counts of outcomes: rated products by final star, and the rest by
/// status. The serde form uses the keys `stars` (`"1"` … `"5"`),
/// `not_rated`, `eliminated` and `halted`.
///
/// ```
/// let mut c = ocop::report::Counts::default();
/// c.add(Some(3), ocop::Status::Rated);
/// c.add(None, ocop::Status::NotRated);
/// assert_eq!(
///     serde_json::to_string(&c).unwrap(),
///     r#"{"stars":{"1":0,"2":0,"3":1,"4":0,"5":0},"not_rated":1,"eliminated":0,"halted":0}"#
/// );
/// assert_eq!(c.total(), 2);
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[non_exhaustive]
pub struct Counts {
    /// Rated products by final star, 1 to 5 (every star present).
    pub stars: BTreeMap<u8, u64>,
    /// Band 3★ or more but a 3★ minimum failed ("Không đạt").
    pub not_rated: u64,
    /// A "Bị loại nếu …" knock-out.
    pub eliminated: u64,
    /// A "Không đánh giá các bước tiếp theo …" knock-out.
    pub halted: u64,
}

impl Default for Counts {
    fn default() -> Self {
        Counts {
            stars: (1..=5).map(|s| (s, 0)).collect(),
            not_rated: 0,
            eliminated: 0,
            halted: 0,
        }
    }
}

impl Counts {
    /// Counts one outcome.
    pub fn add(&mut self, stars: Option<u8>, status: Status) {
        match Outcome::of(stars, status) {
            Outcome::Stars(s) => *self.stars.entry(s).or_default() += 1,
            Outcome::NotRated => self.not_rated += 1,
            Outcome::Eliminated => self.eliminated += 1,
            Outcome::Halted => self.halted += 1,
        }
    }

    /// Adds the counts of `other`.
    pub fn merge(&mut self, other: &Counts) {
        for (s, n) in &other.stars {
            *self.stars.entry(*s).or_default() += n;
        }
        self.not_rated += other.not_rated;
        self.eliminated += other.eliminated;
        self.halted += other.halted;
    }

    /// The count of one outcome.
    pub fn get(&self, o: Outcome) -> u64 {
        match o {
            Outcome::Stars(s) => self.stars.get(&s).copied().unwrap_or(0),
            Outcome::NotRated => self.not_rated,
            Outcome::Eliminated => self.eliminated,
            Outcome::Halted => self.halted,
        }
    }

    /// Products counted.
    pub fn total(&self) -> u64 {
        self.stars.values().sum::<u64>()
            + self.not_rated
            + self.eliminated
            + self.halted
    }

    /// The counts in the order of [`Outcome::ALL`].
    pub fn row(&self) -> [u64; 8] {
        Outcome::ALL.map(|o| self.get(o))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_order_is_one() {
        for (i, o) in Outcome::ALL.iter().enumerate() {
            assert_eq!(o.index(), i);
        }
        let mut c = Counts::default();
        for (n, o) in Outcome::ALL.iter().enumerate() {
            for _ in 0..=n {
                match *o {
                    Outcome::Stars(s) => c.add(Some(s), Status::Rated),
                    Outcome::NotRated => c.add(None, Status::NotRated),
                    Outcome::Eliminated => c.add(None, Status::Eliminated),
                    Outcome::Halted => c.add(None, Status::Halted),
                }
            }
        }
        assert_eq!(c.row(), [1, 2, 3, 4, 5, 6, 7, 8]);
        let json = serde_json::to_value(&c).unwrap();
        for (i, o) in Outcome::ALL.iter().enumerate() {
            let ptr = format!("/{}", o.key());
            assert_eq!(json.pointer(&ptr), Some(&(i as u64 + 1).into()));
        }
    }
}
