//! The echo check shared by the targets: a marker planted in a string position of the
//! input must never appear in an error's text.
// The pack targets use only part of it.
#![allow(dead_code)]

/// The marker: the seeds and dictionaries carry it too (tests/fuzz/make_seeds.py).
pub const MARKER: &str = "MARKER-7f3a9";

/// Panics (a crash for libFuzzer) when `shown`, some error's text, carries the marker.
pub fn assert_clean(shown: &str) {
    assert!(!shown.contains(MARKER), "an error repeats a planted value: {shown}");
}

/// When `text` is JSON: the same JSON with the marker appended to one of its strings —
/// keys included — chosen by `choice`. Each input so reaches a different position.
pub fn plant(text: &str, choice: usize) -> Option<String> {
    let mut value: serde_json::Value = serde_json::from_str(text).ok()?;
    let count = strings(&mut value, &mut |_| {});
    if count == 0 {
        return None;
    }
    let target = choice % count;
    let mut seen = 0;
    strings(&mut value, &mut |s| {
        if seen == target {
            s.push_str(MARKER);
        }
        seen += 1;
    });
    Some(value.to_string())
}

/// Calls `f` on every string of `v`, keys included (a key is renamed through `f`), and
/// returns how many there are.
fn strings(v: &mut serde_json::Value, f: &mut impl FnMut(&mut String)) -> usize {
    match v {
        serde_json::Value::String(s) => {
            f(s);
            1
        }
        serde_json::Value::Array(items) => items.iter_mut().map(|x| strings(x, f)).sum(),
        serde_json::Value::Object(map) => {
            let mut n = 0;
            let entries: Vec<(String, serde_json::Value)> = std::mem::take(map).into_iter().collect();
            for (mut key, mut value) in entries {
                f(&mut key);
                n += 1 + strings(&mut value, f);
                map.insert(key, value);
            }
            n
        }
        _ => 0,
    }
}
