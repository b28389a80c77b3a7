//! Writing an evaluation as JSON, by hand: each member's answers as one
//! object in the order written, the optional fields only when present,
//! and the carried fields last.

use serde::ser::{SerializeMap, SerializeStruct};
use serde::{Serialize, Serializer};

use super::{Answer, Evaluation, MemberSheet, Text};

struct AnswerMap<'b, 'a>(&'b [(Text<'a>, Answer)]);

impl Serialize for AnswerMap<'_, '_> {
    fn serialize<S: Serializer>(
        &self,
        s: S,
    ) -> std::result::Result<S::Ok, S::Error> {
        let mut m = s.serialize_map(Some(self.0.len()))?;
        for (k, v) in self.0 {
            m.serialize_entry(&**k, v)?;
        }
        m.end()
    }
}

impl Serialize for MemberSheet<'_> {
    fn serialize<S: Serializer>(
        &self,
        s: S,
    ) -> std::result::Result<S::Ok, S::Error> {
        let mut st = s.serialize_struct("MemberSheet", 3)?;
        st.serialize_field("member", &self.member)?;
        if let Some(set) = &self.set {
            st.serialize_field("set", set)?;
        }
        st.serialize_field("answers", &AnswerMap(&self.answers))?;
        st.end()
    }
}

impl Serialize for Evaluation<'_> {
    fn serialize<S: Serializer>(
        &self,
        s: S,
    ) -> std::result::Result<S::Ok, S::Error> {
        let mut m = s.serialize_map(None)?;
        if let Some(id) = &self.id {
            m.serialize_entry("id", id)?;
        }
        if let Some(e) = &self.edition {
            m.serialize_entry("edition", e)?;
        }
        m.serialize_entry("set", &self.set)?;
        if let Some(d) = &self.date {
            m.serialize_entry("date", d)?;
        }
        if let Some(d) = &self.submitted {
            m.serialize_entry("submitted", d)?;
        }
        if self.reevaluation {
            m.serialize_entry("reevaluation", &true)?;
        }
        m.serialize_entry("members", &self.members)?;
        m.serialize_entry("knockouts", &self.knockouts)?;
        for (k, v) in &self.meta {
            m.serialize_entry(&**k, v)?;
        }
        m.end()
    }
}
