//! Places: which carried fields a report groups by, decided by the data.
//!
//! Vietnam abolished its districts on 1 July 2025, so a round of 2026
//! names a province and a commune, an older one a district too, and a
//! province's archive mixes both. Fixing the levels in advance either
//! loses the communes of new data or drops the lines of old data from the
//! panel. So a summary counts every line by all its place fields, and the
//! levels are chosen once the data is in ([`Grouping`]): a field no line
//! has is skipped, a field with one value throughout names the page, and
//! the rest are levels, in the order given. A line without a field that
//! other lines have is counted under "not given", never dropped.

use std::collections::BTreeMap;

use serde::Serialize;
use serde::ser::{SerializeMap, SerializeStruct};

use super::{Counts, PRODUCER, PRODUCT};
use crate::scorecard::{Scorecard, Status};

/// A line's carried fields ([`Scorecard::meta`]).
pub(super) type Fields = serde_json::Map<String, serde_json::Value>;

/// A line's values of the place fields, in their order; `None` where the
/// line has no text or number value for the field.
pub type PlaceKey = Vec<Option<String>>;

/// The most distinct places counted: far more than a country's communes.
/// Lines of further places are counted under the last place's "not given"
/// key (all `None`), so none is dropped.
pub const MAX_PLACES: usize = 100_000;

/// Every scored line counted by its place, with the levels to show it by.
///
/// Serializes as the fields, the counts per field and value
/// ([`Places::by_field`]), the grouping and the tree of areas:
/// `{"fields": [...], "by_field": {...}, "levels": [...],
/// "fixed": {"province": "…"}, "absent": [...],
/// "areas": [{"value": "…" | null, "outcomes": {...}, "within": [...]}]}`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Places {
    fields: Vec<String>,
    follow: bool,
    tally: BTreeMap<PlaceKey, Counts>,
}

/// How the places are grouped: the levels, the fields that name the page,
/// and the fields no line has.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
#[non_exhaustive]
pub struct Grouping {
    /// The fields grouped by, outermost first.
    pub levels: Vec<String>,
    /// Fields with one value on every line, with that value: they name
    /// the page instead of making a level of one row.
    pub fixed: Vec<(String, String)>,
    /// Fields that no line has.
    pub absent: Vec<String>,
}

/// A place at one level, and the places within it at the next.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[non_exhaustive]
pub struct Area {
    /// The field's value; `None` for lines without it ("not given").
    pub value: Option<String>,
    /// Outcomes of the lines here.
    pub outcomes: Counts,
    /// The areas of the next level.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub within: Vec<Area>,
}

impl Places {
    /// Counts by `fields`, choosing the levels from the data.
    pub(super) fn following(fields: &[&str]) -> Places {
        Places::new(fields, true)
    }

    /// Counts by `fields`, each a level, as a user asked.
    pub(super) fn fixed(fields: &[&str]) -> Places {
        Places::new(fields, false)
    }

    /// A field named twice is one level: counting it twice would count
    /// each line twice.
    fn new(fields: &[&str], follow: bool) -> Places {
        let mut unique: Vec<String> = Vec::with_capacity(fields.len());
        for f in fields {
            if !unique.iter().any(|u| u == f) {
                unique.push((*f).to_owned());
            }
        }
        Places { fields: unique, follow, tally: BTreeMap::new() }
    }

    /// The fields counted by, in order.
    pub fn fields(&self) -> &[String] {
        &self.fields
    }

    /// The place of a card: its values of the fields.
    pub fn key_of(&self, card: &Scorecard) -> PlaceKey {
        self.key_in(&card.meta)
    }

    /// The place of a line's carried fields.
    pub(super) fn key_in(&self, fields: &Fields) -> PlaceKey {
        self.fields.iter().map(|f| text_field(fields, f)).collect()
    }

    /// Outcomes per value of each field; a line without the field is left
    /// out of that field's counts.
    ///
    /// ```
    /// use ocop::{BatchScorer, Catalog, report::Summary};
    ///
    /// let mut summary = Summary::default();
    /// BatchScorer::new(Catalog::official()).for_each(
    ///     ocop::samples::EVALUATION_2026.trim_end().as_bytes(),
    ///     |line, r| summary.add(line, &r),
    /// )?;
    /// assert_eq!(summary.places.by_field()["province"]["Lâm Đồng"].stars[&3], 1);
    /// # Ok::<(), ocop::Error>(())
    /// ```
    pub fn by_field(&self) -> BTreeMap<String, BTreeMap<String, Counts>> {
        let mut out: BTreeMap<String, BTreeMap<String, Counts>> =
            BTreeMap::new();
        for (i, field) in self.fields.iter().enumerate() {
            for (key, counts) in &self.tally {
                if let Some(v) = &key[i] {
                    out.entry(field.clone())
                        .or_default()
                        .entry(v.clone())
                        .or_default()
                        .merge(counts);
                }
            }
        }
        out
    }

    pub(super) fn add(
        &mut self,
        key: PlaceKey,
        stars: Option<u8>,
        st: Status,
    ) {
        let key = if self.tally.len() >= MAX_PLACES
            && !self.tally.contains_key(&key)
        {
            vec![None; self.fields.len()]
        } else {
            key
        };
        self.tally.entry(key).or_default().add(stars, st);
    }

    /// How the places are grouped (see the module's docs).
    ///
    /// ```
    /// use ocop::{BatchScorer, Catalog, report::Summary};
    ///
    /// let mut summary = Summary::default();
    /// BatchScorer::new(Catalog::official()).for_each(
    ///     ocop::samples::EVALUATION_2026.trim_end().as_bytes(),
    ///     |line, r| summary.add(line, &r),
    /// )?;
    /// let g = summary.places.grouping();
    /// // One product: its province names the page; it has no district or
    /// // commune.
    /// assert_eq!(g.fixed, [("province".to_owned(), "Lâm Đồng".to_owned())]);
    /// assert!(g.levels.is_empty());
    /// assert_eq!(g.absent, ["district", "commune"]);
    /// # Ok::<(), ocop::Error>(())
    /// ```
    pub fn grouping(&self) -> Grouping {
        let mut g = Grouping::default();
        for (i, field) in self.fields.iter().enumerate() {
            let mut values = self.tally.keys().map(|k| k[i].as_deref());
            let first = values.next().flatten();
            let one = values.all(|v| v.is_some() && v == first);
            match first {
                _ if !self.follow => g.levels.push(field.clone()),
                Some(v) if one => g.fixed.push((field.clone(), v.to_owned())),
                _ if self.tally.keys().all(|k| k[i].is_none()) => {
                    g.absent.push(field.clone())
                }
                _ => g.levels.push(field.clone()),
            }
        }
        g
    }

    /// The positions of the level fields among [`Places::fields`].
    fn level_positions(&self, g: &Grouping) -> Vec<usize> {
        g.levels
            .iter()
            .filter_map(|l| self.fields.iter().position(|f| f == l))
            .collect()
    }

    /// A place's values at the levels, outermost first: how lists are
    /// ordered by place.
    pub fn at_levels<'k>(
        &self,
        g: &Grouping,
        key: &'k PlaceKey,
    ) -> Vec<Option<&'k str>> {
        self.level_positions(g)
            .into_iter()
            .map(|i| key.get(i).and_then(|v| v.as_deref()))
            .collect()
    }

    /// A place as one line of text, its values at the levels joined by
    /// " · ", outermost first, with `not_given` for a value it lacks.
    pub fn line(
        &self,
        g: &Grouping,
        key: &PlaceKey,
        not_given: &str,
    ) -> String {
        let at = self.at_levels(g, key);
        let words: Vec<&str> =
            at.iter().map(|v| v.unwrap_or(not_given)).collect();
        words.join(" · ")
    }

    /// The areas of the outermost level, each with the next within: the
    /// values in order, "not given" last.
    pub fn areas(&self) -> Vec<Area> {
        let g = self.grouping();
        let at = self.level_positions(&g);
        let rows: Vec<(&PlaceKey, &Counts)> = self.tally.iter().collect();
        tree(&rows, &at)
    }
}

/// A carried field's value as text: a string, or a number as written (a
/// commune's code, a district numbered `1`); `None` for another kind of
/// value.
fn text_field(fields: &Fields, field: &str) -> Option<String> {
    match fields.get(field) {
        Some(serde_json::Value::String(s)) => Some(s.clone()),
        Some(serde_json::Value::Number(n)) => Some(n.to_string()),
        _ => None,
    }
}

/// Orders values with "not given" last.
pub(super) fn order(v: Option<&str>) -> (bool, &str) {
    (v.is_none(), v.unwrap_or(""))
}

fn tree(rows: &[(&PlaceKey, &Counts)], at: &[usize]) -> Vec<Area> {
    let Some((&i, rest)) = at.split_first() else { return Vec::new() };
    let mut groups: BTreeMap<(bool, &str), Vec<(&PlaceKey, &Counts)>> =
        BTreeMap::new();
    for &(k, c) in rows {
        groups.entry(order(k[i].as_deref())).or_default().push((k, c));
    }
    groups
        .into_iter()
        .map(|((none, v), rows)| {
            let mut outcomes = Counts::default();
            for (_, c) in &rows {
                outcomes.merge(c);
            }
            Area {
                value: (!none).then(|| v.to_owned()),
                outcomes,
                within: tree(&rows, rest),
            }
        })
        .collect()
}

impl Serialize for Places {
    fn serialize<S: serde::Serializer>(
        &self,
        s: S,
    ) -> Result<S::Ok, S::Error> {
        let g = self.grouping();
        let mut out = s.serialize_struct("Places", 6)?;
        out.serialize_field("fields", &self.fields)?;
        out.serialize_field("by_field", &self.by_field())?;
        out.serialize_field("levels", &g.levels)?;
        out.serialize_field("fixed", &Fixed(&g.fixed))?;
        out.serialize_field("absent", &g.absent)?;
        out.serialize_field("areas", &self.areas())?;
        out.end()
    }
}

/// The fixed fields as a JSON object.
struct Fixed<'a>(&'a [(String, String)]);

impl Serialize for Fixed<'_> {
    fn serialize<S: serde::Serializer>(
        &self,
        s: S,
    ) -> Result<S::Ok, S::Error> {
        let mut m = s.serialize_map(Some(self.0.len()))?;
        for (k, v) in self.0 {
            m.serialize_entry(k, v)?;
        }
        m.end()
    }
}

/// A product as the lists name it: its place, id, name and producer.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[non_exhaustive]
pub struct ProductLabel {
    /// Its place: the values of the summary's place fields.
    pub place: PlaceKey,
    /// Its id.
    pub id: Option<String>,
    /// The carried `product` field: its name.
    pub product: Option<String>,
    /// The carried `producer` field.
    pub producer: Option<String>,
}

impl ProductLabel {
    pub(super) fn of(card: &Scorecard, place: &PlaceKey) -> ProductLabel {
        ProductLabel::in_fields(card.id.clone(), &card.meta, place)
    }

    /// A product named by its id and carried fields.
    pub(super) fn in_fields(
        id: Option<String>,
        fields: &Fields,
        place: &PlaceKey,
    ) -> ProductLabel {
        ProductLabel {
            place: place.clone(),
            id,
            product: text_field(fields, PRODUCT),
            producer: text_field(fields, PRODUCER),
        }
    }
}
