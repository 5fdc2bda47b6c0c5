//! What the checked model does not keep but a reader needs: each condition as the pack
//! writes it, the names of the holidays, and how the rule tables declare their order.
//! Read again from the pack's canonical files (which loaded once, so they parse again);
//! nothing here gives meaning, which stays with the checked model.

use crate::pack::doc::PackDoc;
use crate::protocol::Protocol;
use crate::Labels;
use jiff::civil::Date;
use std::collections::BTreeMap;

/// A rule that has a condition, by where it stands in the pack.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) enum Key {
    Profile(String),
    PresentWhen(String),
    Fact(String),
    Combination,
    Term(String),
    Override(String),
    Classification(String),
    /// An obligation's base (`None`) or one of its exceptions.
    Obligation(String, Option<String>),
}

/// The pack as written, where the model does not say it.
#[derive(Debug, Default)]
pub(crate) struct Written {
    conditions: BTreeMap<Key, String>,
    /// (entity, date) → the holiday's labels.
    holidays: BTreeMap<(String, Date), Labels>,
    /// `true` when the classification table declares `hit_policy = "first"`.
    pub classification_first: bool,
    /// Obligations whose base declares an `exception_order`.
    pub ordered_exceptions: Vec<String>,
}

impl Written {
    pub(crate) fn of(protocol: &Protocol) -> Written {
        let mut w = Written::default();
        for (path, text) in protocol.files() {
            if !path.ends_with(".toml") {
                continue;
            }
            // The files parsed when the protocol loaded, so they parse now.
            if let Ok(doc) = crate::pack::parse_toml(path, text) {
                w.add(doc);
            }
        }
        w
    }

    fn add(&mut self, doc: PackDoc) {
        let mut put = |key: Key, text: &str| {
            self.conditions.insert(key, text.to_owned());
        };
        for p in &doc.profiles {
            put(Key::Profile(p.id.get_ref().clone()), p.when.get_ref());
        }
        for i in &doc.indicators {
            if let Some(when) = &i.present_when {
                put(Key::PresentWhen(i.id.get_ref().clone()), when.get_ref());
            }
        }
        for (id, f) in &doc.facts {
            put(Key::Fact(id.clone()), f.get_ref().when.get_ref());
        }
        if let Some(c) = &doc.combination {
            put(Key::Combination, c.get_ref().dimension_positive.get_ref());
        }
        if let Some(s) = &doc.scoring {
            for t in &s.get_ref().terms {
                put(Key::Term(t.id.get_ref().clone()), t.when.get_ref());
            }
        }
        for o in &doc.overrides {
            put(Key::Override(o.id.get_ref().clone()), o.when.get_ref());
        }
        for r in &doc.classification {
            put(Key::Classification(r.id.get_ref().clone()), r.when.get_ref());
        }
        for o in &doc.obligations {
            let exception = o.exception.as_ref().map(|e| e.get_ref().clone());
            put(Key::Obligation(o.id.get_ref().clone(), exception), o.when.get_ref());
            if o.exception.is_none() && o.exception_order.is_some() {
                self.ordered_exceptions.push(o.id.get_ref().clone());
            }
        }
        for cal in &doc.calendars {
            for h in &cal.holidays {
                if let Some(date) = crate::time::parse_date(h.date.get_ref()) {
                    self.holidays.insert((cal.entity.get_ref().clone(), date), h.label.clone());
                }
            }
        }
        if let Some(t) = doc.tables.as_ref().and_then(|t| t.classification.as_ref()) {
            self.classification_first = t.get_ref().hit_policy.get_ref() == "first";
        }
    }

    /// The condition of `key` as the pack writes it.
    pub(crate) fn condition(&self, key: &Key) -> Option<&str> {
        self.conditions.get(key).map(String::as_str)
    }

    /// The labels of a holiday.
    pub(crate) fn holiday(&self, entity: &str, date: Date) -> Option<&Labels> {
        self.holidays.get(&(entity.to_owned(), date))
    }
}
