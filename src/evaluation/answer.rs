//! An answer as written: read from JSON or from a form, and written back.

use std::fmt;

use serde::de::{IgnoredAny, MapAccess, SeqAccess, Visitor};
use serde::{Deserialize, Deserializer, Serialize, Serializer};

use crate::error::{Error, ErrorKind, Result};

/// One member's answer to one criterion, as written.
///
/// # How answers are read
///
/// In JSON an answer is a number or a boolean, nothing else:
///
/// | written | read as | scored |
/// |---|---|---|
/// | `3` | [`Answer::Option`]`(3)` | option 3 in printed order; 0 or past the last option is [`ErrorKind::OptionOutOfRange`] |
/// | `true`, `false` | [`Answer::Met`] | a yes/no criterion met or not; on a criterion with options, [`ErrorKind::InvalidAnswer`] |
/// | `"3"`, `3.0`, `1e0`, `-1`, `null`, a number past `u64` | [`Answer::Invalid`] | always [`ErrorKind::InvalidAnswer`], naming what was found |
///
/// `NaN` and `Infinity` are not JSON, so a line holding them is an
/// [`ErrorKind::Json`] error. Text from a form goes through
/// [`Answer`]'s `FromStr` instead, which takes `"3"`, `"true"` and
/// `"false"`.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum Answer {
    /// A 1-based option position.
    Option(u64),
    /// Met or not, for a yes/no criterion.
    Met(bool),
    /// Anything else, as JSON text; scoring reports it.
    Invalid(String),
}

/// Reads an answer typed in a form: `"3"` is option 3, `"true"` and
/// `"false"` a yes/no criterion met or not, surrounding whitespace aside.
/// Anything else is an error, whatever the criterion: no sign, no
/// fraction, no words.
///
/// ```
/// use ocop::Answer;
/// assert_eq!(" 3 ".parse::<Answer>()?, Answer::Option(3));
/// assert_eq!("false".parse::<Answer>()?, Answer::Met(false));
/// let err = "3.0".parse::<Answer>().unwrap_err();
/// assert!(matches!(err.kind(), ocop::ErrorKind::AnswerText { .. }));
/// # Ok::<(), ocop::Error>(())
/// ```
impl std::str::FromStr for Answer {
    type Err = Error;
    fn from_str(s: &str) -> Result<Answer> {
        let t = s.trim();
        match t {
            "true" => Ok(Answer::Met(true)),
            "false" => Ok(Answer::Met(false)),
            _ if !t.is_empty() && t.bytes().all(|b| b.is_ascii_digit()) => t
                .parse()
                .map(Answer::Option)
                .map_err(|_| ErrorKind::AnswerText { text: s.into() }.into()),
            _ => Err(ErrorKind::AnswerText { text: s.into() }.into()),
        }
    }
}

/// Writes the answer as it is written in JSON.
impl fmt::Display for Answer {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Answer::Option(n) => write!(f, "{n}"),
            Answer::Met(b) => write!(f, "{b}"),
            Answer::Invalid(t) => f.write_str(t),
        }
    }
}

impl From<u64> for Answer {
    fn from(n: u64) -> Answer {
        Answer::Option(n)
    }
}

impl From<bool> for Answer {
    fn from(b: bool) -> Answer {
        Answer::Met(b)
    }
}

impl Serialize for Answer {
    fn serialize<S: Serializer>(
        &self,
        s: S,
    ) -> std::result::Result<S::Ok, S::Error> {
        match self {
            Answer::Option(n) => s.serialize_u64(*n),
            Answer::Met(b) => s.serialize_bool(*b),
            Answer::Invalid(t) => {
                match serde_json::value::RawValue::from_string(t.clone()) {
                    Ok(raw) => raw.serialize(s),
                    Err(_) => s.serialize_str(t),
                }
            }
        }
    }
}

impl<'de> Deserialize<'de> for Answer {
    fn deserialize<D: Deserializer<'de>>(
        d: D,
    ) -> std::result::Result<Answer, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = Answer;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("an option position or true/false")
            }
            fn visit_u64<E>(self, n: u64) -> std::result::Result<Answer, E> {
                Ok(Answer::Option(n))
            }
            fn visit_i64<E>(self, n: i64) -> std::result::Result<Answer, E> {
                Ok(Answer::Invalid(n.to_string()))
            }
            fn visit_f64<E>(self, n: f64) -> std::result::Result<Answer, E> {
                Ok(Answer::Invalid(
                    serde_json::Number::from_f64(n)
                        .map_or("NaN".into(), |x| x.to_string()),
                ))
            }
            fn visit_bool<E>(self, b: bool) -> std::result::Result<Answer, E> {
                Ok(Answer::Met(b))
            }
            fn visit_str<E>(self, s: &str) -> std::result::Result<Answer, E> {
                Ok(Answer::Invalid(
                    serde_json::to_string(s).unwrap_or_default(),
                ))
            }
            fn visit_unit<E>(self) -> std::result::Result<Answer, E> {
                Ok(Answer::Invalid("null".into()))
            }
            fn visit_seq<A: SeqAccess<'de>>(
                self,
                mut a: A,
            ) -> std::result::Result<Answer, A::Error> {
                while a.next_element::<IgnoredAny>()?.is_some() {}
                Ok(Answer::Invalid("an array".into()))
            }
            fn visit_map<A: MapAccess<'de>>(
                self,
                mut a: A,
            ) -> std::result::Result<Answer, A::Error> {
                while a.next_entry::<IgnoredAny, IgnoredAny>()?.is_some() {}
                Ok(Answer::Invalid("an object".into()))
            }
        }
        d.deserialize_any(V)
    }
}
