//! One product's fields, read from the products sheet or a CSV row, and
//! its placing (edition and set), shared by both forms.

use crate::catalog::{Catalog, CriteriaSet};
use crate::date::Date;
use crate::error::{CellIssue, Error, ErrorKind};
use crate::evaluation::{Evaluation, MemberSheet, Text};
use crate::options::ScoreOptions;
use crate::place::Placing;

use super::grid::{Cell, Epoch, Problems, number_text, whole_number};
use super::layout::Field;
use super::limits;

/// A product being read: its evaluation so far, where its fields were
/// found, and the problems found.
#[derive(Debug, Default)]
pub(crate) struct ProductBeingRead {
    pub ev: Evaluation<'static>,
    /// The sheet of points named in the `sheet` column.
    pub sheet: Option<String>,
    /// Cells of the fields, for problems found later.
    pub id_at: String,
    pub set_at: String,
    pub edition_at: Option<String>,
    pub date_at: Option<String>,
    pub submitted_at: Option<String>,
    pub problems: Problems,
    /// A date cell that is not a date the decisions can concern: the
    /// product is not placed by a date it does not have.
    pub bad_date: bool,
    /// The workbook's date system, for a date typed as a number.
    pub epoch: Epoch,
}

impl ProductBeingRead {
    /// Reads one product field from its cell at `at`.
    pub fn field(&mut self, f: Field, cell: &Cell, at: String) {
        if let Cell::Covered(range) = cell {
            let sheet = at.split('!').next().unwrap_or("");
            self.problems.merged(sheet, range);
            return;
        }
        let Some(text) = cell.text() else { return };
        match f {
            Field::Id => {
                self.ev.id = Some(text.into());
                self.id_at = at;
            }
            Field::Set => {
                self.ev.set = text.into();
                self.set_at = at;
            }
            Field::Edition => {
                self.ev.edition = Some(text.into());
                self.edition_at = Some(at);
            }
            Field::Date | Field::Submitted => {
                let name = if f == Field::Date { "date" } else { "submitted" };
                let value = match cell {
                    Cell::Date(d) => Some(*d),
                    Cell::Number(n) => {
                        super::grid::serial_date(*n, self.epoch)
                    }
                    _ => Date::parse(name, &text).ok(),
                };
                let Some(d) = value else {
                    self.problems.push(
                        at,
                        CellIssue::BadDate,
                        format!(
                            "{text:?} is not a date: give a date cell or \
                             YYYY-MM-DD text"
                        ),
                    );
                    self.bad_date = true;
                    return;
                };
                if !limits::YEARS.contains(&d.ymd().0) {
                    let typed = match cell {
                        Cell::Number(n) => format!(
                            "the number {} (read as the date {d})",
                            super::grid::number_text(*n)
                        ),
                        _ => format!("the date {d}"),
                    };
                    self.problems.push(
                        at,
                        CellIssue::BadDate,
                        format!(
                            "{typed} is outside the years the decisions can \
                             concern ({} to {})",
                            limits::YEARS.start(),
                            limits::YEARS.end()
                        ),
                    );
                    self.bad_date = true;
                    return;
                }
                let d: Text<'static> = d.to_string().into();
                if f == Field::Date {
                    self.ev.date = Some(d);
                    self.date_at = Some(at);
                } else {
                    self.ev.submitted = Some(d);
                    self.submitted_at = Some(at);
                }
            }
            Field::Reevaluation => match yes_no(cell, &text) {
                Some(b) => self.ev.reevaluation = b,
                None => self.problems.push(
                    at,
                    CellIssue::NotYesNo,
                    format!("{text:?} is not yes or no"),
                ),
            },
            Field::Knockouts => {
                self.ev.knockouts = text
                    .split([',', ';'])
                    .map(str::trim)
                    .filter(|k| !k.is_empty())
                    .map(|k| Text::from(k.to_owned()))
                    .collect();
            }
            Field::Sheet => self.sheet = Some(text),
            // The CSV form's row columns are read by its reader.
            Field::Member
            | Field::Criterion
            | Field::Points
            | Field::Option => {}
        }
    }

    /// Carries a column the import does not read as a field.
    pub fn carry(&mut self, name: &str, cell: &Cell, at: &str) {
        if let Cell::Covered(range) = cell {
            let sheet = at.split('!').next().unwrap_or("");
            self.problems.merged(sheet, range);
            return;
        }
        let value = match cell {
            Cell::Empty | Cell::Covered(_) => return,
            Cell::Number(f) => match whole_number(*f) {
                Some(n) => serde_json::Value::from(n),
                None => serde_json::Number::from_f64(*f)
                    .map_or(serde_json::Value::Null, Into::into),
            },
            Cell::Bool(b) => serde_json::Value::Bool(*b),
            Cell::Text(t) if t.trim().is_empty() => return,
            // How a JSON null is written, so that it survives the trip
            // (`recorded_star: null` records a product not recognised).
            Cell::Text(t) if t.trim() == "null" => serde_json::Value::Null,
            Cell::Text(t) => serde_json::Value::String(t.clone()),
            Cell::Date(d) => serde_json::Value::String(d.to_string()),
            Cell::Error(e) => serde_json::Value::String(e.clone()),
        };
        self.ev.meta.push((name.to_owned().into(), value));
    }

    /// The product's set, or a problem at the cell that keeps it from
    /// being placed.
    pub fn place<'c>(
        &mut self,
        catalog: &'c Catalog,
        opts: &ScoreOptions,
    ) -> Option<&'c CriteriaSet> {
        if self.bad_date {
            return None;
        }
        let ev = &self.ev;
        let p = Placing {
            edition: ev.edition.as_deref(),
            set: &ev.set,
            date: ev.date.as_deref(),
            submitted: ev.submitted.as_deref(),
            reevaluation: ev.reevaluation,
        };
        match catalog.place(&p, opts) {
            Ok(placed) => Some(placed.set),
            Err(e) => {
                let at = match e.kind() {
                    ErrorKind::UnknownEdition { .. } => {
                        self.edition_at.clone()
                    }
                    ErrorKind::InvalidDate { field, .. }
                        if field == "submitted" =>
                    {
                        self.submitted_at.clone()
                    }
                    ErrorKind::BeforeCriteria { .. }
                    | ErrorKind::AmbiguousEdition { .. } => {
                        self.date_at.clone()
                    }
                    _ => None,
                };
                let at = at.unwrap_or_else(|| self.set_at.clone());
                self.problems.push(at, CellIssue::UnknownSet, e.to_string());
                None
            }
        }
    }

    /// The evaluation, or the error record that takes its place.
    pub fn finish(
        self,
        members: Vec<MemberSheet<'static>>,
    ) -> crate::error::Result<Evaluation<'static>> {
        let mut ev = self.ev;
        if !self.problems.is_empty() {
            return Err(Error::from(ErrorKind::Workbook {
                problems: self.problems.into_vec(),
            })
            .for_product(ev.id.as_deref()));
        }
        ev.members = members;
        Ok(ev)
    }
}

/// Yes or no: a checkbox, the number 1 or 0, or a word (the CSV form
/// gives every value as text, so `1` and `0` are words too).
fn yes_no(cell: &Cell, text: &str) -> Option<bool> {
    match cell {
        Cell::Bool(b) => Some(*b),
        Cell::Number(n) if *n == 0.0 || *n == 1.0 => Some(*n == 1.0),
        // A ticked box's `x`, and 1 or 0 as text, besides the words.
        _ => match text.trim() {
            "x" | "X" | "1" => Some(true),
            "0" => Some(false),
            t => super::layout::yes_no_word(t),
        },
    }
}

/// A code as written: text, or a number typed where text belongs.
pub(crate) fn code(cell: &Cell) -> Option<String> {
    match cell {
        Cell::Number(f) => Some(number_text(*f)),
        _ => cell.text(),
    }
}
