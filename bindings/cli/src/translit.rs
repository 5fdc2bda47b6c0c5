//! `putokaz translit`: Serbian Latin text in Serbian Cyrillic, by the engine's own
//! transliterator — the one its Serbian Cyrillic sentences and the checker's label check
//! use — so that pack authors write `sr-Cyrl` labels from `sr-Latn` ones with it.

use crate::output::Out;
use crate::Failure;
use putokaz::{latin_to_cyrillic, MAX_PACK_BYTES};
use std::io::{BufRead, Read};
use std::process::ExitCode;

/// Each `texts`, or with none each line of standard input, on its own line.
pub(crate) fn run(texts: &[String]) -> Result<ExitCode, Failure> {
    let mut out = Out::new();
    if !texts.is_empty() {
        for t in texts {
            out.line(&latin_to_cyrillic(t))?;
        }
        out.finish()?;
        return Ok(ExitCode::SUCCESS);
    }
    let mut input = std::io::stdin().lock();
    let mut line = Vec::new();
    for number in 1.. {
        line.clear();
        // A line longer than a pack may be is not a label: refused, not read whole.
        let read = (&mut input)
            .take(MAX_PACK_BYTES as u64 + 1)
            .read_until(b'\n', &mut line)
            .map_err(|e| Failure::Io(format!("cannot read standard input: {e}")))?;
        if read == 0 {
            break;
        }
        if line.len() > MAX_PACK_BYTES {
            return Err(Failure::Invalid(format!("line {number} is longer than {MAX_PACK_BYTES} bytes")));
        }
        let text = std::str::from_utf8(&line).map_err(|_| Failure::Invalid(format!("line {number} is not UTF-8")))?;
        out.line(&latin_to_cyrillic(text.strip_suffix('\n').unwrap_or(text)))?;
    }
    out.finish()?;
    Ok(ExitCode::SUCCESS)
}
