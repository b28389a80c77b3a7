//! Costs: what a change costs, read from JSON, checked against the
//! catalog, and looked up per option.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::catalog::Catalog;
use crate::error::{Error, ErrorKind, Result};

/// How much a change costs: a criterion's number, or per option.
///
/// The JSON form, as `ocop plan --costs FILE` reads it:
///
/// ```
/// let costs = ocop::advice::Costs::from_json(
///     r#"{"default": 1, "criteria": {"1.2": 5000000, "8": {"3": 2000000, "4": 5000000}}}"#,
/// )?;
/// assert_eq!(costs.default, 1);
/// # Ok::<(), ocop::Error>(())
/// ```
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Costs {
    /// The cost of changing a criterion not listed.
    #[serde(default)]
    pub default: u64,
    /// Per criterion code.
    #[serde(default)]
    pub criteria: BTreeMap<String, Cost>,
}

/// The cost of changing one criterion.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(untagged)]
pub enum Cost {
    /// Any raise costs this.
    Flat(u64),
    /// A raise costs the entry of the highest option it reaches, by
    /// 1-based position (`"true"` for a yes/no criterion); options not
    /// listed cannot be chosen.
    Options(BTreeMap<String, u64>),
}

impl Costs {
    /// Reads the JSON form.
    ///
    /// # Errors
    ///
    /// [`ErrorKind::InvalidCosts`] when the text is not that form, or an
    /// option key is neither a positive position nor `true`.
    pub fn from_json(text: &str) -> Result<Costs> {
        let bad =
            |message: String| Error::new(ErrorKind::InvalidCosts { message });
        // serde would read a struct from an array too; a costs file is an
        // object.
        let v: serde_json::Value =
            serde_json::from_str(text).map_err(|e| bad(e.to_string()))?;
        if !v.is_object() {
            return Err(bad(
                "expected an object {\"default\": …, \"criteria\": {…}}"
                    .into(),
            ));
        }
        let costs: Costs =
            serde_json::from_value(v).map_err(|e| bad(e.to_string()))?;
        for (code, cost) in &costs.criteria {
            if let Cost::Options(m) = cost {
                for k in m.keys() {
                    let ok =
                        k == "true" || k.parse::<u64>().is_ok_and(|n| n > 0);
                    if !ok {
                        return Err(ErrorKind::InvalidCosts {
                            message: format!(
                                "criterion {code}: option {k:?} is not a \
                                 1-based position or \"true\""
                            ),
                        }
                        .into());
                    }
                }
            }
        }
        Ok(costs)
    }

    /// Checks the criterion codes against `catalog`: a code that no set of
    /// it has is a typo, which would otherwise plan as if it were absent.
    ///
    /// # Errors
    ///
    /// [`ErrorKind::InvalidCosts`] naming the first such code.
    ///
    /// ```
    /// use ocop::{Catalog, advice::Costs};
    /// let typo = Costs::from_json(r#"{"criteria": {"99.9": 5}}"#)?;
    /// let err = typo.check(Catalog::official()).unwrap_err();
    /// assert!(err.to_string().contains("99.9"));
    /// assert!(Costs::from_json(r#"{"criteria": {"1.2": 5}}"#)?.check(Catalog::official()).is_ok());
    /// # Ok::<(), ocop::Error>(())
    /// ```
    pub fn check(&self, catalog: &Catalog) -> Result<()> {
        match self.criteria.keys().find(|c| !catalog.has_criterion(c)) {
            None => Ok(()),
            Some(code) => Err(ErrorKind::InvalidCosts {
                message: format!(
                    "criterion {code:?} is on no sheet of the criteria in \
                     use; write codes as printed (1.2, 6.1.3)"
                ),
            }
            .into()),
        }
    }

    /// The cost of raising `code` to the highest of `options` (0-based,
    /// yes/no criteria's "met" being 1), or `None` when one of them cannot
    /// be chosen.
    pub(super) fn of(
        &self,
        code: &str,
        yes_no: bool,
        options: &[u8],
    ) -> Option<u64> {
        match self.criteria.get(code) {
            None => Some(self.default),
            Some(Cost::Flat(x)) => Some(*x),
            Some(Cost::Options(m)) => {
                let mut worst = 0;
                for &o in options {
                    let key = if yes_no {
                        "true".to_owned()
                    } else {
                        (u32::from(o) + 1).to_string()
                    };
                    worst = worst.max(*m.get(&key)?);
                }
                Some(worst)
            }
        }
    }
}
