//! What the level does not assess: observations of a form of exploitation that no graded
//! list of the pack covers (`[coverage]`, indicators with `outside_coverage`). Such an
//! observation never raises or lowers the level; it unsettles it and says so, so that the
//! case is referred for a specialised assessment rather than read as low.

use crate::eval::Evaluation;
use crate::plan::words::Text;
use crate::value::Tri;

/// The indicators with `outside_coverage` that the case records and that are present or
/// unknown (recorded as `null`), in pack order.
pub(crate) fn outside(eval: &Evaluation<'_>) -> Vec<u32> {
    let (c, b) = (eval.ctx.c, eval.ctx.b);
    if c.coverage.is_none() {
        return Vec::new();
    }
    (0..c.indicators.len() as u32)
        .filter(|&i| {
            c.indicators[i as usize].outside_coverage.is_some()
                && b.raw[i as usize] != crate::bind::Raw::Absent
                && eval.inputs.present.get(i) != Tri::False
        })
        .collect()
}

/// The forms of exploitation those indicators signal, each once, in pack order.
pub(crate) fn forms(eval: &Evaluation<'_>, outside: &[u32]) -> Vec<Text> {
    let words = &eval.ctx.c.plan.words;
    let mut forms: Vec<Text> = Vec::new();
    for form in outside.iter().filter_map(|i| words.outside_forms[*i as usize].as_ref()) {
        if !forms.contains(form) {
            forms.push(form.clone());
        }
    }
    forms
}
