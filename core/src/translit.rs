//! Serbian Latin to Serbian Cyrillic. The engine writes its Serbian Cyrillic sentences by
//! transliterating the Serbian Latin ones, and pack tools use the same function (through
//! `putokaz translit`) to write `sr-Cyrl` labels from `sr-Latn` ones, so the two scripts
//! cannot disagree.
//!
//! Serbian Latin maps to Cyrillic letter by letter, except the digraphs `lj`, `nj` and
//! `dž`, which are one Cyrillic letter each — unless the two letters belong to two parts
//! of a word (`injekcija` → `инјекција`, `nadživjeti` → `надживјети`; the stems are listed
//! below). Characters that are not Serbian Latin letters (digits, punctuation, `q`, `w`,
//! `x`, `y`) are kept as they are.

const LETTERS: [(char, char); 30] = [
    ('a', 'а'),
    ('b', 'б'),
    ('c', 'ц'),
    ('č', 'ч'),
    ('ć', 'ћ'),
    ('d', 'д'),
    ('đ', 'ђ'),
    ('e', 'е'),
    ('f', 'ф'),
    ('g', 'г'),
    ('h', 'х'),
    ('i', 'и'),
    ('j', 'ј'),
    ('k', 'к'),
    ('l', 'л'),
    ('m', 'м'),
    ('n', 'н'),
    ('o', 'о'),
    ('p', 'п'),
    ('r', 'р'),
    ('s', 'с'),
    ('š', 'ш'),
    ('t', 'т'),
    ('u', 'у'),
    ('v', 'в'),
    ('z', 'з'),
    ('ž', 'ж'),
    // The single-character digraphs of Unicode.
    ('ǉ', 'љ'),
    ('ǌ', 'њ'),
    ('ǆ', 'џ'),
];

const DIGRAPHS: [(char, char, char); 3] = [('l', 'j', 'љ'), ('n', 'j', 'њ'), ('d', 'ž', 'џ')];

/// Word beginnings in which the letters of a digraph stay two letters (Pravopis).
const SPLIT_STEMS: [&str; 10] =
    ["injekc", "konjug", "konjunk", "vanjezi", "tanjug", "nadživ", "nadžnj", "nadžup", "podžanr", "podžup"];

fn lower(c: char) -> char {
    c.to_lowercase().next().unwrap_or(c)
}

/// Upper case, including the title-case digraphs `ǈ`, `ǋ`, `ǅ`.
fn is_upper(c: char) -> bool {
    lower(c) != c
}

fn with_case(upper: bool, c: char) -> char {
    if upper {
        c.to_uppercase().next().unwrap_or(c)
    } else {
        c
    }
}

/// Positions (in chars) where a digraph's two letters belong to two parts of a word.
fn split_positions(chars: &[char]) -> Vec<usize> {
    let mut out = Vec::new();
    let mut start = 0;
    while start < chars.len() {
        if !chars[start].is_alphabetic() || (start > 0 && chars[start - 1].is_alphabetic()) {
            start += 1;
            continue;
        }
        let end = chars[start..].iter().position(|c| !c.is_alphabetic()).map_or(chars.len(), |n| start + n);
        let word: String = chars[start..end].iter().map(|c| lower(*c)).collect();
        for stem in SPLIT_STEMS {
            if word.starts_with(stem) {
                let stem: Vec<char> = stem.chars().collect();
                for k in 0..stem.len().saturating_sub(1) {
                    if DIGRAPHS.iter().any(|(a, b, _)| stem[k] == *a && stem[k + 1] == *b) {
                        out.push(start + k);
                    }
                }
            }
        }
        start = end;
    }
    out
}

/// The Serbian Cyrillic spelling of Serbian Latin `text`.
///
/// ```
/// assert_eq!(putokaz::latin_to_cyrillic("Ljubljana, NJEGOŠ, Džep, injekcija"), "Љубљана, ЊЕГОШ, Џеп, инјекција");
/// ```
pub fn latin_to_cyrillic(text: &str) -> String {
    let chars: Vec<char> = text.chars().collect();
    let split = split_positions(&chars);
    let mut out = String::with_capacity(text.len() * 2);
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        if let Some(&next) = chars.get(i + 1) {
            let digraph = DIGRAPHS.iter().find(|(a, b, _)| lower(c) == *a && lower(next) == *b);
            if let (Some((_, _, cyr)), false) = (digraph, split.contains(&i)) {
                out.push(with_case(is_upper(c), *cyr));
                i += 2;
                continue;
            }
        }
        match LETTERS.iter().find(|(l, _)| *l == lower(c)) {
            Some((_, cyr)) => out.push(with_case(is_upper(c), *cyr)),
            None => out.push(c),
        }
        i += 1;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::latin_to_cyrillic as cyr;

    #[test]
    fn letters_digraphs_and_case() {
        assert_eq!(cyr("Ljubljana, NJEGOŠ, Džep"), "Љубљана, ЊЕГОШ, Џеп");
        assert_eq!(cyr("Centar za socijalni rad"), "Центар за социјални рад");
        assert_eq!(cyr("đak, ćup, čaj, žena"), "ђак, ћуп, чај, жена");
        assert_eq!(cyr("ǈubav ǋiva ǅep"), "Љубав Њива Џеп");
        assert_eq!(cyr("2026: x, y, w, q!"), "2026: x, y, w, q!");
    }

    #[test]
    fn digraphs_across_word_parts_stay_two_letters() {
        assert_eq!(cyr("injekcija"), "инјекција");
        assert_eq!(cyr("Nadživjeti"), "Надживјети");
        assert_eq!(cyr("konjugacija i konj"), "конјугација и коњ");
        // A stem counts only at the start of a word.
        assert_eq!(cyr("poinjekc"), "поињекц");
    }
}
