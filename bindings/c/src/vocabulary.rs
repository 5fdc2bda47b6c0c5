//! What a pack lets a case say, listed for C callers that map their own codes onto it
//! without reading TOML: the indicator catalogue (with labels and the values of enum
//! indicators), the municipalities of the routing table (entity, area and the institution
//! of each routed role), the roles, event kinds and consent scopes, the languages, and
//! the parameters. Every text is lent (see "Strings lent" in the header): it stays valid
//! until the protocol is released. The lists are taken from the core once, on the first
//! call that needs them.

use crate::boundary::{self, guard, optional_text_arg, out_arg, ref_arg, text_arg, write_text, Fail, Outcome};
use crate::enums::{putokaz_indicator_kind, putokaz_parameter_kind, putokaz_vocabulary};
use crate::protocol::putokaz_protocol;
use crate::result::putokaz_result;
use crate::texts::{lend, pointer, text_of, Lent};
use putokaz::{Labels, Protocol};
use std::borrow::Cow;
use std::ffi::c_char;

/// A named item with its labels, aligned with the pack's languages.
#[derive(Debug)]
struct Term {
    id: Lent,
    labels: Vec<Lent>,
}

#[derive(Debug)]
struct Indicator {
    term: Term,
    kind: putokaz_indicator_kind,
    values: Vec<Lent>,
}

#[derive(Debug)]
struct Municipality {
    name: Lent,
    entity: Lent,
    area: Lent,
    /// (role, institution) for each routed role.
    institutions: Vec<(Lent, Lent)>,
}

#[derive(Debug)]
struct Parameter {
    term: Term,
    kind: putokaz_parameter_kind,
    local_policy: bool,
    unit: Lent,
}

/// The pack's lists, as C strings.
#[derive(Debug)]
pub(crate) struct Vocabulary {
    languages: Vec<Lent>,
    indicators: Vec<Indicator>,
    municipalities: Vec<Municipality>,
    /// Indexed by `putokaz_vocabulary` - 1.
    terms: [Vec<Term>; 3],
    parameters: Vec<Parameter>,
}

fn text(s: &str) -> Lent {
    lend(Some(Cow::Borrowed(s)))
}

impl Vocabulary {
    pub(crate) fn of(p: &Protocol) -> Vocabulary {
        let languages = p.languages();
        let term = |id: &str, labels: &Labels| Term {
            id: text(id),
            labels: languages.iter().map(|l| lend(labels.get(l).map(|s| Cow::Borrowed(s.as_str())))).collect(),
        };
        let terms = |list: &[putokaz::Term]| list.iter().map(|t| term(&t.id, &t.label)).collect();
        let v = p.vocabulary();
        // What a parameter is does not change with the date; its value does, and is read
        // for the date asked (`putokaz_protocol_parameter_value`).
        let listed = p.parameters(jiff::civil::Date::constant(2000, 1, 1));
        Vocabulary {
            languages: languages.iter().map(|l| text(l)).collect(),
            indicators: p
                .indicators()
                .iter()
                .map(|i| Indicator {
                    term: term(&i.id, &i.label),
                    kind: i.kind.into(),
                    values: i.values.iter().map(|v| text(v)).collect(),
                })
                .collect(),
            municipalities: p
                .routing_table()
                .iter()
                .map(|m| Municipality {
                    name: text(&m.name),
                    entity: text(&m.entity),
                    area: text(&m.area),
                    institutions: m
                        .institutions
                        .iter()
                        .map(|party| (text(&party.role), lend(party.institution.as_deref().map(Cow::Borrowed))))
                        .collect(),
                })
                .collect(),
            terms: [terms(&v.roles), terms(&v.event_kinds), terms(&v.consent_scopes)],
            parameters: listed
                .iter()
                .map(|q| Parameter {
                    term: term(&q.id, &q.label),
                    kind: q.kind.into(),
                    local_policy: q.local_policy,
                    unit: lend(q.unit.as_deref().map(Cow::Borrowed)),
                })
                .collect(),
        }
    }

    /// The position of `language` among the pack's languages; NULL is the first.
    fn language(&self, language: Option<&str>) -> Result<usize, Fail> {
        let Some(code) = language else { return Ok(0) };
        self.languages.iter().position(|l| matches!(l, Some(Ok(c)) if c.to_bytes() == code.as_bytes())).ok_or_else(
            || Fail::new(putokaz_result::Usage, "not a language of the pack (see putokaz_protocol_language)"),
        )
    }

    fn terms(&self, vocabulary: u32) -> Result<&[Term], Fail> {
        let v = putokaz_vocabulary::from_u32(vocabulary)
            .ok_or_else(|| Fail::new(putokaz_result::Usage, "vocabulary is not a putokaz_vocabulary"))?;
        Ok(&self.terms[v as usize - 1])
    }
}

impl Term {
    fn label(&self, language: usize) -> Result<*const c_char, Fail> {
        pointer(&self.labels[language], "the label in that language")
    }
}

/// Runs `f` on the protocol's vocabulary (made on first use).
///
/// # Safety
/// `protocol` is NULL or live.
unsafe fn with_vocabulary(
    protocol: *const putokaz_protocol,
    f: impl FnOnce(&putokaz_protocol, &Vocabulary) -> Outcome,
) -> putokaz_result {
    guard(|| {
        // SAFETY: forwarded.
        let p = unsafe { ref_arg(protocol, "protocol") }?;
        f(p, p.vocabulary())
    })
}

/// Writes a count.
///
/// # Safety
/// `protocol` is NULL or live; `count` is NULL or writable.
unsafe fn count_of(
    protocol: *const putokaz_protocol,
    count: *mut usize,
    f: impl FnOnce(&Vocabulary) -> Result<usize, Fail>,
) -> putokaz_result {
    // SAFETY: forwarded.
    unsafe {
        with_vocabulary(protocol, |_, v| {
            let count = out_arg(count, "count")?;
            count.write(f(v)?);
            Ok(())
        })
    }
}

/// Lends one text.
///
/// # Safety
/// `protocol` is NULL or live; `out` is NULL or writable.
unsafe fn lend_one(
    protocol: *const putokaz_protocol,
    out: *mut *const c_char,
    f: impl FnOnce(&Vocabulary) -> Result<*const c_char, Fail>,
) -> putokaz_result {
    // SAFETY: forwarded.
    unsafe {
        with_vocabulary(protocol, |_, v| {
            let out = out_arg(out, "out")?;
            out.write(f(v)?);
            Ok(())
        })
    }
}

// ---- indicators ----

/// Writes to `*count` how many indicators the pack's catalogue has.
///
/// # Safety
/// `protocol` is NULL or live; `count` is NULL or writable.
#[no_mangle]
pub unsafe extern "C" fn putokaz_protocol_indicator_count(
    protocol: *const putokaz_protocol,
    count: *mut usize,
) -> putokaz_result {
    // SAFETY: forwarded.
    unsafe { count_of(protocol, count, |v| Ok(v.indicators.len())) }
}

/// Copies the id of the indicator at `index` of the catalogue into `buf` (see "Strings
/// out"). `putokaz_protocol_indicator` lends it instead.
///
/// # Safety
/// `protocol` is NULL or live; see "Strings out".
#[no_mangle]
pub unsafe extern "C" fn putokaz_protocol_indicator_id(
    protocol: *const putokaz_protocol,
    index: usize,
    buf: *mut c_char,
    len: usize,
    written: *mut usize,
) -> putokaz_result {
    // SAFETY: forwarded.
    unsafe {
        with_vocabulary(protocol, |_, v| {
            write_text(text_of(&boundary::index(&v.indicators, index)?.term.id)?, buf, len, written)
        })
    }
}

/// The indicator at `index` of the catalogue: its id (lent, see "Strings lent") and its
/// value type, which says which `putokaz_case_observe_*` function records it.
///
/// # Safety
/// `protocol` is NULL or live; `id` and `kind` are NULL or writable.
#[no_mangle]
pub unsafe extern "C" fn putokaz_protocol_indicator(
    protocol: *const putokaz_protocol,
    index: usize,
    id: *mut *const c_char,
    kind: *mut putokaz_indicator_kind,
) -> putokaz_result {
    // SAFETY: forwarded.
    unsafe {
        with_vocabulary(protocol, |_, v| {
            let id = out_arg(id, "id")?;
            let kind = out_arg(kind, "kind")?;
            let i = boundary::index(&v.indicators, index)?;
            id.write(pointer(&i.term.id, "the id")?);
            kind.write(i.kind);
            Ok(())
        })
    }
}

/// Writes to `*kind` the value type of the indicator `indicator_id`. An id the pack does
/// not have is `PUTOKAZ_RESULT_CASE_UNKNOWN_INDICATOR`.
///
/// # Safety
/// `protocol` is NULL or live; `indicator_id` is NULL or NUL-terminated; `kind` is NULL
/// or writable.
#[no_mangle]
pub unsafe extern "C" fn putokaz_protocol_indicator_kind(
    protocol: *const putokaz_protocol,
    indicator_id: *const c_char,
    kind: *mut putokaz_indicator_kind,
) -> putokaz_result {
    // SAFETY: forwarded.
    unsafe {
        with_vocabulary(protocol, |_, v| {
            let id = text_arg(indicator_id, "indicator_id")?;
            let kind = out_arg(kind, "kind")?;
            let i = v
                .indicators
                .iter()
                .find(|i| matches!(&i.term.id, Some(Ok(c)) if c.to_bytes() == id.as_bytes()))
                .ok_or_else(|| Fail::new(putokaz_result::CaseUnknownIndicator, "not an indicator of the pack"))?;
            kind.write(i.kind);
            Ok(())
        })
    }
}

/// Lends the label of the indicator at `index` in `language` (one of the pack's
/// languages, see `putokaz_protocol_language`; NULL for the first). A language that is
/// not the pack's is `PUTOKAZ_RESULT_USAGE`; a label the pack does not give in it,
/// `PUTOKAZ_RESULT_NO_VALUE`.
///
/// # Safety
/// `protocol` is NULL or live; `language` is NULL or NUL-terminated; `out` is NULL or
/// writable.
#[no_mangle]
pub unsafe extern "C" fn putokaz_protocol_indicator_label(
    protocol: *const putokaz_protocol,
    index: usize,
    language: *const c_char,
    out: *mut *const c_char,
) -> putokaz_result {
    // SAFETY: forwarded.
    unsafe {
        lend_one(protocol, out, |v| {
            let language = v.language(optional_text_arg(language, "language")?)?;
            boundary::index(&v.indicators, index)?.term.label(language)
        })
    }
}

/// Writes to `*count` how many values the enum indicator at `index` has (0 for a bool or
/// count indicator): the values `putokaz_case_observe_enum` accepts for it.
///
/// # Safety
/// `protocol` is NULL or live; `count` is NULL or writable.
#[no_mangle]
pub unsafe extern "C" fn putokaz_protocol_indicator_value_count(
    protocol: *const putokaz_protocol,
    index: usize,
    count: *mut usize,
) -> putokaz_result {
    // SAFETY: forwarded.
    unsafe { count_of(protocol, count, |v| Ok(boundary::index(&v.indicators, index)?.values.len())) }
}

/// Lends the value at `value_index` of the enum indicator at `index`.
///
/// # Safety
/// `protocol` is NULL or live; `out` is NULL or writable.
#[no_mangle]
pub unsafe extern "C" fn putokaz_protocol_indicator_value(
    protocol: *const putokaz_protocol,
    index: usize,
    value_index: usize,
    out: *mut *const c_char,
) -> putokaz_result {
    // SAFETY: forwarded.
    unsafe {
        lend_one(protocol, out, |v| {
            pointer(boundary::index(&boundary::index(&v.indicators, index)?.values, value_index)?, "the value")
        })
    }
}

// ---- municipalities ----

/// Writes to `*count` how many municipalities the pack's routing table has (0 for a pack
/// without one).
///
/// # Safety
/// `protocol` is NULL or live; `count` is NULL or writable.
#[no_mangle]
pub unsafe extern "C" fn putokaz_protocol_municipality_count(
    protocol: *const putokaz_protocol,
    count: *mut usize,
) -> putokaz_result {
    // SAFETY: forwarded.
    unsafe { count_of(protocol, count, |v| Ok(v.municipalities.len())) }
}

/// The municipality at `index` of the routing table, in table order: its name as a case
/// gives it (`$.municipality`), its entity (`"FBiH"`, `"RS"`, `"BD"`: which holiday
/// calendar applies) and its area (the FBiH canton, the RS region, or `"BD"`). All three
/// are lent (see "Strings lent").
///
/// # Safety
/// `protocol` is NULL or live; `name`, `entity` and `area` are NULL or writable.
#[no_mangle]
pub unsafe extern "C" fn putokaz_protocol_municipality(
    protocol: *const putokaz_protocol,
    index: usize,
    name: *mut *const c_char,
    entity: *mut *const c_char,
    area: *mut *const c_char,
) -> putokaz_result {
    // SAFETY: forwarded.
    unsafe {
        with_vocabulary(protocol, |_, v| {
            let name = out_arg(name, "name")?;
            let entity = out_arg(entity, "entity")?;
            let area = out_arg(area, "area")?;
            let m = boundary::index(&v.municipalities, index)?;
            let (n, e, a) = (pointer(&m.name, "name")?, pointer(&m.entity, "entity")?, pointer(&m.area, "area")?);
            name.write(n);
            entity.write(e);
            area.write(a);
            Ok(())
        })
    }
}

/// Writes to `*index` the position of the municipality named `name` (exactly as the
/// routing table writes it) in the table. A name not in it is
/// `PUTOKAZ_RESULT_CASE_UNKNOWN_MUNICIPALITY`.
///
/// # Safety
/// `protocol` is NULL or live; `name` is NULL or NUL-terminated; `index` is NULL or
/// writable.
#[no_mangle]
pub unsafe extern "C" fn putokaz_protocol_municipality_find(
    protocol: *const putokaz_protocol,
    name: *const c_char,
    index: *mut usize,
) -> putokaz_result {
    // SAFETY: forwarded.
    unsafe {
        with_vocabulary(protocol, |_, v| {
            let name = text_arg(name, "name")?;
            let index = out_arg(index, "index")?;
            let i = v
                .municipalities
                .iter()
                .position(|m| matches!(&m.name, Some(Ok(c)) if c.to_bytes() == name.as_bytes()))
                .ok_or_else(|| {
                    Fail::new(putokaz_result::CaseUnknownMunicipality, "not a municipality in the routing table")
                })?;
            index.write(i);
            Ok(())
        })
    }
}

/// Writes to `*count` how many routed roles the municipality at `index` has an
/// institution for.
///
/// # Safety
/// `protocol` is NULL or live; `count` is NULL or writable.
#[no_mangle]
pub unsafe extern "C" fn putokaz_protocol_municipality_institution_count(
    protocol: *const putokaz_protocol,
    index: usize,
    count: *mut usize,
) -> putokaz_result {
    // SAFETY: forwarded.
    unsafe { count_of(protocol, count, |v| Ok(boundary::index(&v.municipalities, index)?.institutions.len())) }
}

/// The routed role at `institution_index` of the municipality at `index` (such as
/// `"csw"`) and the concrete institution that holds it there (such as
/// `"JU Centar za socijalni rad Jajce"`), both lent: the institutions an assessment names
/// for a case in that municipality.
///
/// # Safety
/// `protocol` is NULL or live; `role` and `institution` are NULL or writable.
#[no_mangle]
pub unsafe extern "C" fn putokaz_protocol_municipality_institution(
    protocol: *const putokaz_protocol,
    index: usize,
    institution_index: usize,
    role: *mut *const c_char,
    institution: *mut *const c_char,
) -> putokaz_result {
    // SAFETY: forwarded.
    unsafe {
        with_vocabulary(protocol, |_, v| {
            let role = out_arg(role, "role")?;
            let institution = out_arg(institution, "institution")?;
            let m = boundary::index(&v.municipalities, index)?;
            let (r, i) = boundary::index(&m.institutions, institution_index)?;
            let (r, i) = (pointer(r, "the role")?, pointer(i, "the institution")?);
            role.write(r);
            institution.write(i);
            Ok(())
        })
    }
}

// ---- roles, event kinds, consent scopes ----

/// Writes to `*count` how many names the pack declares in `vocabulary` (a
/// `putokaz_vocabulary`: roles, event kinds or consent scopes). A number that is not a
/// `putokaz_vocabulary` is `PUTOKAZ_RESULT_USAGE`.
///
/// # Safety
/// `protocol` is NULL or live; `count` is NULL or writable.
#[no_mangle]
pub unsafe extern "C" fn putokaz_protocol_term_count(
    protocol: *const putokaz_protocol,
    vocabulary: u32,
    count: *mut usize,
) -> putokaz_result {
    // SAFETY: forwarded.
    unsafe { count_of(protocol, count, |v| Ok(v.terms(vocabulary)?.len())) }
}

/// Lends the id of the name at `index` of `vocabulary`, as a case writes it (`"school"`,
/// `"csw_notified"`, `"roma_mediator"`).
///
/// # Safety
/// `protocol` is NULL or live; `out` is NULL or writable.
#[no_mangle]
pub unsafe extern "C" fn putokaz_protocol_term_id(
    protocol: *const putokaz_protocol,
    vocabulary: u32,
    index: usize,
    out: *mut *const c_char,
) -> putokaz_result {
    // SAFETY: forwarded.
    unsafe { lend_one(protocol, out, |v| pointer(&boundary::index(v.terms(vocabulary)?, index)?.id, "the id")) }
}

/// Lends the label of the name at `index` of `vocabulary` in `language` (as for
/// `putokaz_protocol_indicator_label`).
///
/// # Safety
/// `protocol` is NULL or live; `language` is NULL or NUL-terminated; `out` is NULL or
/// writable.
#[no_mangle]
pub unsafe extern "C" fn putokaz_protocol_term_label(
    protocol: *const putokaz_protocol,
    vocabulary: u32,
    index: usize,
    language: *const c_char,
    out: *mut *const c_char,
) -> putokaz_result {
    // SAFETY: forwarded.
    unsafe {
        lend_one(protocol, out, |v| {
            let language = v.language(optional_text_arg(language, "language")?)?;
            boundary::index(v.terms(vocabulary)?, index)?.label(language)
        })
    }
}

// ---- languages ----

/// Writes to `*count` how many languages the pack's labels are written in.
///
/// # Safety
/// `protocol` is NULL or live; `count` is NULL or writable.
#[no_mangle]
pub unsafe extern "C" fn putokaz_protocol_language_count(
    protocol: *const putokaz_protocol,
    count: *mut usize,
) -> putokaz_result {
    // SAFETY: forwarded.
    unsafe { count_of(protocol, count, |v| Ok(v.languages.len())) }
}

/// Lends the code of the pack's language at `index` (`"bs"`, `"hr"`, `"sr-Latn"`,
/// `"sr-Cyrl"`, `"en"`); index 0 is the default, used when `language` is NULL. Each is a
/// `language` the assessing functions accept.
///
/// # Safety
/// `protocol` is NULL or live; `out` is NULL or writable.
#[no_mangle]
pub unsafe extern "C" fn putokaz_protocol_language(
    protocol: *const putokaz_protocol,
    index: usize,
    out: *mut *const c_char,
) -> putokaz_result {
    // SAFETY: forwarded.
    unsafe { lend_one(protocol, out, |v| pointer(boundary::index(&v.languages, index)?, "the language")) }
}

// ---- parameters ----

/// Writes to `*count` how many parameters the pack has.
///
/// # Safety
/// `protocol` is NULL or live; `count` is NULL or writable.
#[no_mangle]
pub unsafe extern "C" fn putokaz_protocol_parameter_count(
    protocol: *const putokaz_protocol,
    count: *mut usize,
) -> putokaz_result {
    // SAFETY: forwarded.
    unsafe { count_of(protocol, count, |v| Ok(v.parameters.len())) }
}

/// The parameter at `index`: its name (lent; the NAME of
/// `putokaz_protocol_with_local_parameter`), its type, and whether it is `local_policy`
/// (each municipality may set its own value).
///
/// # Safety
/// `protocol` is NULL or live; `id`, `kind` and `local_policy` are NULL or writable.
#[no_mangle]
pub unsafe extern "C" fn putokaz_protocol_parameter(
    protocol: *const putokaz_protocol,
    index: usize,
    id: *mut *const c_char,
    kind: *mut putokaz_parameter_kind,
    local_policy: *mut bool,
) -> putokaz_result {
    // SAFETY: forwarded.
    unsafe {
        with_vocabulary(protocol, |_, v| {
            let id = out_arg(id, "id")?;
            let kind = out_arg(kind, "kind")?;
            let local_policy = out_arg(local_policy, "local_policy")?;
            let q = boundary::index(&v.parameters, index)?;
            id.write(pointer(&q.term.id, "the id")?);
            kind.write(q.kind);
            local_policy.write(q.local_policy);
            Ok(())
        })
    }
}

/// Lends the unit of the parameter at `index` (such as `"unexcused lessons (časovi) in
/// the school year"`); `PUTOKAZ_RESULT_NO_VALUE` when it has none.
///
/// # Safety
/// `protocol` is NULL or live; `out` is NULL or writable.
#[no_mangle]
pub unsafe extern "C" fn putokaz_protocol_parameter_unit(
    protocol: *const putokaz_protocol,
    index: usize,
    out: *mut *const c_char,
) -> putokaz_result {
    // SAFETY: forwarded.
    unsafe { lend_one(protocol, out, |v| pointer(&boundary::index(&v.parameters, index)?.unit, "the unit")) }
}

/// Lends the label of the parameter at `index` in `language` (as for
/// `putokaz_protocol_indicator_label`).
///
/// # Safety
/// `protocol` is NULL or live; `language` is NULL or NUL-terminated; `out` is NULL or
/// writable.
#[no_mangle]
pub unsafe extern "C" fn putokaz_protocol_parameter_label(
    protocol: *const putokaz_protocol,
    index: usize,
    language: *const c_char,
    out: *mut *const c_char,
) -> putokaz_result {
    // SAFETY: forwarded.
    unsafe {
        lend_one(protocol, out, |v| {
            let language = v.language(optional_text_arg(language, "language")?)?;
            boundary::index(&v.parameters, index)?.term.label(language)
        })
    }
}

/// Copies the value of the parameter at `index` in force on `date` (`YYYY-MM-DD`) into
/// `buf` (see "Strings out"), written as in a pack (`"75"`, `"2.5"`, `"5bd"`, `"true"`),
/// with the local value this protocol was given by `putokaz_protocol_with_local_parameter`
/// if any. A date that is not `YYYY-MM-DD` is `PUTOKAZ_RESULT_USAGE`; no value in force
/// on that date, `PUTOKAZ_RESULT_NO_VALUE`.
///
/// # Safety
/// `protocol` is NULL or live; `date` is NULL or NUL-terminated; see "Strings out".
#[no_mangle]
pub unsafe extern "C" fn putokaz_protocol_parameter_value(
    protocol: *const putokaz_protocol,
    index: usize,
    date: *const c_char,
    buf: *mut c_char,
    len: usize,
    written: *mut usize,
) -> putokaz_result {
    // SAFETY: forwarded.
    unsafe {
        with_vocabulary(protocol, |p, v| {
            let date = text_arg(date, "date")?;
            boundary::index(&v.parameters, index)?;
            let date = parse_date(date)?;
            let value = p.protocol.parameters(date)[index].value.ok_or_else(|| {
                Fail::new(putokaz_result::NoValue, "the parameter has no value in force on that date")
            })?;
            write_text(&value.to_string(), buf, len, written)
        })
    }
}

/// A civil date written `YYYY-MM-DD`, and nothing else.
fn parse_date(text: &str) -> Result<jiff::civil::Date, Fail> {
    let wrong = || Fail::new(putokaz_result::Usage, "date must be a date written YYYY-MM-DD, such as 2026-03-04");
    let b = text.as_bytes();
    let shaped = b.len() == 10
        && b[4] == b'-'
        && b[7] == b'-'
        && b.iter().enumerate().all(|(i, c)| i == 4 || i == 7 || c.is_ascii_digit());
    if !shaped {
        return Err(wrong());
    }
    text.parse().map_err(|_| wrong())
}

#[cfg(test)]
mod tests {
    use super::parse_date;

    #[test]
    fn dates_are_read_in_one_form_only() {
        assert!(parse_date("2026-03-04").is_ok());
        for bad in ["2026-3-4", "2026-02-30", "20260304", "2026-03-04T00:00:00", "+2026-03-04", "２026-03-04"] {
            assert!(parse_date(bad).is_err(), "{bad}");
        }
    }
}
