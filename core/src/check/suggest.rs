//! "Did you mean": the nearest known name to one that is not known, for the checker's
//! messages and for the case binder's (an unknown indicator).

/// " (did you mean `x`?)" for the closest candidate, if any is close.
pub(crate) fn suggestion<'s>(name: &str, candidates: impl Iterator<Item = &'s str>) -> String {
    let best = candidates
        .map(|c| (crate::routing::edit_distance(name, c), c))
        .filter(|(d, c)| *d <= 2.max(name.len() / 4) && *d < c.len())
        .min();
    best.map_or_else(String::new, |(_, c)| format!(" (did you mean `{c}`?)"))
}
