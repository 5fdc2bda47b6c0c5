//! The texts of an assessment, as the C accessors see them. Each text is named once
//! (which field of which finding); the copying accessors copy it into the caller's
//! buffer, the borrowing ones lend a NUL-terminated copy that the assessment keeps. Those
//! copies are made together, the first time one is borrowed (the typed values, the score
//! and the due times, rendered then), and live exactly as long as the assessment: the
//! lifetime rule of the header.

use crate::boundary::Fail;
use crate::result::putokaz_result;
use putokaz::{Assessment, ObligationFinding, UnknownFinding};
use std::borrow::Cow;
use std::ffi::{c_char, CString};

/// A text of the assessment itself.
#[derive(Clone, Copy, Debug)]
pub(crate) enum Whole {
    /// The established score, an exact decimal.
    Score,
    /// The assessment in words.
    Text,
}

/// A text of one obligation.
#[derive(Clone, Copy, Debug)]
pub(crate) enum OfObligation {
    Id,
    Label,
    ActorRole,
    ActorInstitution,
    RecipientRole,
    RecipientInstitution,
    /// RFC 3339 in the pack's time zone.
    Due,
}

/// A text of one ranked unknown.
#[derive(Clone, Copy, Debug)]
pub(crate) enum OfUnknown {
    Input,
    Label,
}

const OBLIGATION_TEXTS: [OfObligation; 7] = [
    OfObligation::Id,
    OfObligation::Label,
    OfObligation::ActorRole,
    OfObligation::ActorInstitution,
    OfObligation::RecipientRole,
    OfObligation::RecipientInstitution,
    OfObligation::Due,
];
const UNKNOWN_TEXTS: [OfUnknown; 2] = [OfUnknown::Input, OfUnknown::Label];
const WHOLE_TEXTS: [Whole; 2] = [Whole::Score, Whole::Text];

/// A text, or `None` where the assessment JSON has `null`.
pub(crate) fn whole(a: &Assessment, which: Whole) -> Option<Cow<'_, str>> {
    Some(match which {
        Whole::Score => Cow::Owned(a.score.value.to_string()),
        Whole::Text => Cow::Borrowed(&a.text),
    })
}

/// A text of an obligation, or `None` where the JSON has `null`.
pub(crate) fn of_obligation(o: &ObligationFinding, which: OfObligation) -> Option<Cow<'_, str>> {
    match which {
        OfObligation::Id => Some(Cow::Borrowed(&o.id)),
        OfObligation::Label => Some(Cow::Borrowed(&o.label)),
        OfObligation::ActorRole => Some(Cow::Borrowed(&o.actor.role)),
        OfObligation::ActorInstitution => o.actor.institution.as_deref().map(Cow::Borrowed),
        OfObligation::RecipientRole => Some(Cow::Borrowed(&o.recipient.role)),
        OfObligation::RecipientInstitution => o.recipient.institution.as_deref().map(Cow::Borrowed),
        OfObligation::Due => o.due.as_ref().map(|t| Cow::Owned(t.to_string())),
    }
}

/// A text of a ranked unknown.
pub(crate) fn of_unknown(u: &UnknownFinding, which: OfUnknown) -> Option<Cow<'_, str>> {
    Some(Cow::Borrowed(match which {
        OfUnknown::Input => &u.input,
        OfUnknown::Label => &u.label,
    }))
}

/// One lent text: absent (`null`), or a C string; `Err` for a text that holds a NUL byte
/// and so cannot be a C string (the copying accessors still give its bytes).
pub(crate) type Lent = Option<Result<CString, ()>>;

pub(crate) fn lend(text: Option<Cow<'_, str>>) -> Lent {
    text.map(|t| CString::new(t.into_owned()).map_err(|_| ()))
}

/// Every text of an assessment as a C string.
#[derive(Debug)]
pub(crate) struct Texts {
    whole: Vec<Lent>,
    obligations: Vec<Vec<Lent>>,
    unknowns: Vec<Vec<Lent>>,
}

impl Texts {
    pub(crate) fn of(a: &Assessment) -> Texts {
        Texts {
            whole: WHOLE_TEXTS.iter().map(|w| lend(whole(a, *w))).collect(),
            obligations: a
                .obligations
                .iter()
                .map(|o| OBLIGATION_TEXTS.iter().map(|f| lend(of_obligation(o, *f))).collect())
                .collect(),
            unknowns: a
                .unknowns
                .iter()
                .map(|u| UNKNOWN_TEXTS.iter().map(|f| lend(of_unknown(u, *f))).collect())
                .collect(),
        }
    }

    pub(crate) fn whole(&self, which: Whole) -> Result<*const c_char, Fail> {
        pointer(&self.whole[which as usize], "the text")
    }

    pub(crate) fn of_obligation(&self, index: usize, which: OfObligation) -> Result<*const c_char, Fail> {
        pointer(&crate::boundary::index(&self.obligations, index)?[which as usize], "the value")
    }

    pub(crate) fn of_unknown(&self, index: usize, which: OfUnknown) -> Result<*const c_char, Fail> {
        pointer(&crate::boundary::index(&self.unknowns, index)?[which as usize], "the value")
    }
}

pub(crate) fn pointer(lent: &Lent, what: &str) -> Result<*const c_char, Fail> {
    match lent {
        Some(Ok(c)) => Ok(c.as_ptr()),
        Some(Err(())) => Err(Fail::new(
            putokaz_result::Internal,
            "the text holds a NUL byte and cannot be lent as a C string (copy it instead)",
        )),
        None => Err(Fail::new(putokaz_result::NoValue, format!("{what} is absent"))),
    }
}

/// The text of a lent C string (made from a `str`, so valid UTF-8).
pub(crate) fn text_of(lent: &Lent) -> Result<&str, Fail> {
    match lent {
        Some(Ok(c)) => Ok(c.to_str().unwrap_or_default()),
        _ => pointer(lent, "the text").map(|_| ""),
    }
}
