//! The catalog as a list of editions and their sets, for a chooser or a
//! `sets()` call of a binding: what every binding serializes, so that
//! they list the same fields. It reads names, statuses and fingerprints
//! from the embedded index, so listing compiles no table.

use serde::Serialize;

use crate::criteria::{EditionInfo, SetStatus};
use crate::error::Result;

use super::Catalog;

/// One edition and its sets, in the catalog's order.
#[derive(Debug, Serialize)]
pub struct EditionListing<'a> {
    /// The edition's entry (`edition.json`).
    pub edition: &'a EditionInfo,
    /// Its sets.
    pub sets: Vec<SetListing<'a>>,
}

/// One set as a list shows it.
#[derive(Debug, Serialize)]
pub struct SetListing<'a> {
    /// The set's id (its file's stem).
    pub id: &'a str,
    /// The phân nhóm's printed name.
    pub name: &'a str,
    /// Whether the table is printed, reconstructed or inferred.
    pub status: SetStatus,
    /// The fingerprint of the set's file.
    pub fingerprint: &'a str,
    /// Whether the set has minimums inferred by this library.
    pub has_inferred: bool,
}

impl Catalog {
    /// Every edition with its sets, or only the edition `only` (an id or
    /// an alias, as [`Catalog::find_edition`] takes).
    ///
    /// ```
    /// let catalog = ocop::Catalog::official();
    /// let list = catalog.listing(Some("qd26-2026"))?;
    /// assert_eq!(list.len(), 1);
    /// assert!(list[0].sets.iter().any(|s| s.id == "hoa"));
    /// # Ok::<(), ocop::Error>(())
    /// ```
    ///
    /// # Errors
    ///
    /// An unknown edition, as [`Catalog::find_edition`] says it.
    pub fn listing(
        &self,
        only: Option<&str>,
    ) -> Result<Vec<EditionListing<'_>>> {
        let only = match only {
            Some(id) => Some(self.find_edition(id)?.id()),
            None => None,
        };
        Ok(self
            .editions()
            .filter(|e| only.is_none_or(|id| id == e.id()))
            .map(|e| EditionListing {
                edition: e.info(),
                sets: e
                    .sets()
                    .map(|s| SetListing {
                        id: s.id(),
                        name: s.name(),
                        status: s.status(),
                        fingerprint: s.fingerprint(),
                        has_inferred: s.has_inferred(),
                    })
                    .collect(),
            })
            .collect())
    }
}
