//! Reading an evaluation from JSON, by hand: strings are borrowed from the
//! input, answers are kept as written (code and value, repeats included)
//! for scoring to check, and a field written twice is an error at every
//! level (see [duplicate keys](super::Evaluation#duplicate-keys)).

use std::collections::HashSet;
use std::fmt;

use serde::de::{self, DeserializeSeed, MapAccess, SeqAccess, Visitor};
use serde::{Deserialize, Deserializer};

use super::{Answer, Evaluation, MemberSheet, Text};

struct Answers<'b, 'a>(&'b mut Vec<(Text<'a>, Answer)>);

impl<'de: 'a, 'a> DeserializeSeed<'de> for Answers<'_, 'a> {
    type Value = ();
    fn deserialize<D: Deserializer<'de>>(
        self,
        d: D,
    ) -> std::result::Result<(), D::Error> {
        struct V<'b, 'a>(&'b mut Vec<(Text<'a>, Answer)>);
        impl<'de: 'a, 'a> Visitor<'de> for V<'_, 'a> {
            type Value = ();
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("an object of criterion code → answer")
            }
            fn visit_map<A: MapAccess<'de>>(
                self,
                mut m: A,
            ) -> std::result::Result<(), A::Error> {
                while let Some(entry) = m.next_entry::<Text<'a>, Answer>()? {
                    self.0.push(entry);
                }
                Ok(())
            }
        }
        d.deserialize_map(V(self.0))
    }
}

impl<'de: 'a, 'a> Deserialize<'de> for MemberSheet<'a> {
    fn deserialize<D: Deserializer<'de>>(
        d: D,
    ) -> std::result::Result<Self, D::Error> {
        struct V<'a>(std::marker::PhantomData<&'a ()>);
        impl<'de: 'a, 'a> Visitor<'de> for V<'a> {
            type Value = MemberSheet<'a>;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str(
                    "a member sheet {\"member\": ..., \"answers\": {...}}",
                )
            }
            fn visit_map<A: MapAccess<'de>>(
                self,
                mut m: A,
            ) -> std::result::Result<Self::Value, A::Error> {
                let mut out = MemberSheet::default();
                let mut member = None;
                let mut answers = false;
                let mut seen = Seen::default();
                while let Some(k) = m.next_key::<Text<'de>>()? {
                    once::<A::Error>(
                        seen.insert(&k),
                        &k,
                        " in a member sheet",
                    )?;
                    match &*k {
                        "member" => member = Some(m.next_value()?),
                        "set" => out.set = m.next_value()?,
                        "answers" => {
                            answers = true;
                            m.next_value_seed(Answers(&mut out.answers))?
                        }
                        _ => {
                            m.next_value::<Strict>()?;
                        }
                    }
                }
                out.member = member
                    .ok_or_else(|| de::Error::missing_field("member"))?;
                if !answers {
                    return Err(de::Error::missing_field("answers"));
                }
                Ok(out)
            }
        }
        d.deserialize_map(V(std::marker::PhantomData))
    }
}

impl<'de: 'a, 'a> Deserialize<'de> for Evaluation<'a> {
    fn deserialize<D: Deserializer<'de>>(
        d: D,
    ) -> std::result::Result<Self, D::Error> {
        struct V<'a>(std::marker::PhantomData<&'a ()>);
        impl<'de: 'a, 'a> Visitor<'de> for V<'a> {
            type Value = Evaluation<'a>;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("an evaluation object")
            }
            fn visit_map<A: MapAccess<'de>>(
                self,
                mut m: A,
            ) -> std::result::Result<Self::Value, A::Error> {
                let mut ev = Evaluation::default();
                let mut set = None;
                let mut members = None;
                let mut seen = Seen::default();
                while let Some(k) = m.next_key::<Text<'de>>()? {
                    once::<A::Error>(seen.insert(&k), &k, "")?;
                    match &*k {
                        "id" => ev.id = m.next_value()?,
                        "edition" => ev.edition = m.next_value()?,
                        "set" => set = Some(m.next_value()?),
                        "date" => ev.date = m.next_value()?,
                        "submitted" => ev.submitted = m.next_value()?,
                        "reevaluation" => ev.reevaluation = m.next_value()?,
                        "members" => members = Some(m.next_value()?),
                        "knockouts" => ev.knockouts = m.next_value()?,
                        _ => ev.meta.push((k, m.next_value::<Strict>()?.0)),
                    }
                }
                ev.set = set.ok_or_else(|| de::Error::missing_field("set"))?;
                ev.members = members
                    .ok_or_else(|| de::Error::missing_field("members"))?;
                Ok(ev)
            }
        }
        d.deserialize_map(V(std::marker::PhantomData))
    }
}

/// The rule of the evaluation, a member sheet and a carried value: a key
/// written twice is an error that names it, never "last one wins" (an
/// answers object keeps its repeats, for scoring to name the member).
/// `new` says whether `key` is written for the first time; `within` names
/// the object, after the key (nothing for the evaluation itself).
fn once<E: de::Error>(new: bool, key: &str, within: &str) -> Result<(), E> {
    if new {
        Ok(())
    } else {
        Err(E::custom(format_args!("duplicate field {key:?}{within}")))
    }
}

/// The keys of one JSON object seen so far, for rejecting duplicates. A
/// few keys are compared in a list; past that a hash set keeps an object
/// of thousands of keys linear.
#[derive(Default)]
struct Seen {
    few: Vec<String>,
    many: HashSet<String>,
}

impl Seen {
    /// Records `k`; false when it was already there.
    fn insert(&mut self, k: &str) -> bool {
        if self.many.is_empty() && self.few.len() < 16 {
            if self.few.iter().any(|x| x == k) {
                return false;
            }
            self.few.push(k.to_owned());
            return true;
        }
        if self.many.is_empty() {
            self.many.extend(self.few.drain(..));
        }
        self.many.insert(k.to_owned())
    }
}

/// A carried field's value: any JSON, with duplicate keys rejected at
/// every depth.
struct Strict(serde_json::Value);

impl<'de> Deserialize<'de> for Strict {
    fn deserialize<D: Deserializer<'de>>(
        d: D,
    ) -> std::result::Result<Strict, D::Error> {
        use serde_json::Value;
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = Strict;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("any JSON value")
            }
            fn visit_bool<E>(self, b: bool) -> std::result::Result<Strict, E> {
                Ok(Strict(Value::Bool(b)))
            }
            fn visit_i64<E>(self, n: i64) -> std::result::Result<Strict, E> {
                Ok(Strict(Value::from(n)))
            }
            fn visit_u64<E>(self, n: u64) -> std::result::Result<Strict, E> {
                Ok(Strict(Value::from(n)))
            }
            fn visit_f64<E>(self, n: f64) -> std::result::Result<Strict, E> {
                Ok(Strict(Value::from(n)))
            }
            fn visit_str<E>(self, s: &str) -> std::result::Result<Strict, E> {
                Ok(Strict(Value::String(s.to_owned())))
            }
            fn visit_string<E>(
                self,
                s: String,
            ) -> std::result::Result<Strict, E> {
                Ok(Strict(Value::String(s)))
            }
            fn visit_unit<E>(self) -> std::result::Result<Strict, E> {
                Ok(Strict(Value::Null))
            }
            fn visit_none<E>(self) -> std::result::Result<Strict, E> {
                Ok(Strict(Value::Null))
            }
            fn visit_some<D2: Deserializer<'de>>(
                self,
                d: D2,
            ) -> std::result::Result<Strict, D2::Error> {
                Strict::deserialize(d)
            }
            fn visit_seq<A: SeqAccess<'de>>(
                self,
                mut a: A,
            ) -> std::result::Result<Strict, A::Error> {
                let mut out = Vec::new();
                while let Some(Strict(v)) = a.next_element()? {
                    out.push(v);
                }
                Ok(Strict(Value::Array(out)))
            }
            fn visit_map<A: MapAccess<'de>>(
                self,
                mut a: A,
            ) -> std::result::Result<Strict, A::Error> {
                let mut out = serde_json::Map::new();
                while let Some(k) = a.next_key::<String>()? {
                    once::<A::Error>(
                        !out.contains_key(&k),
                        &k,
                        " in a carried value",
                    )?;
                    let Strict(v) = a.next_value()?;
                    out.insert(k, v);
                }
                Ok(Strict(Value::Object(out)))
            }
        }
        d.deserialize_any(V)
    }
}
