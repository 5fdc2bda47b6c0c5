//! Reading cases from files and standard input, never more than a case may hold: a case
//! file is read to [`MAX_CASE_BYTES`] + 1 bytes at most, a JSON Lines file one line at a
//! time with each line cut off (and refused) past that size. Bytes that are not UTF-8 are
//! the case's problem (`case.syntax`), not a read error; exit 3 ("cannot read") is for
//! files that cannot be opened or read.

use crate::Failure;
use putokaz::{Case, CaseError, CaseErrorKind, MAX_CASE_BYTES};
use std::io::{BufRead, Read};

/// A file, or `-` for standard input.
pub(crate) fn open(path: &str) -> Result<Box<dyn BufRead>, Failure> {
    if path == "-" {
        return Ok(Box::new(std::io::stdin().lock()));
    }
    let f = std::fs::File::open(path).map_err(|e| Failure::Io(format!("cannot read {path}: {e}")))?;
    Ok(Box::new(std::io::BufReader::new(f)))
}

fn too_large() -> CaseError {
    CaseError::new(CaseErrorKind::Limit, "$", format!("a case may be at most {MAX_CASE_BYTES} bytes"))
}

/// Reads one case from a file (or `-`); a case error is `Failure::Invalid`.
pub(crate) fn case_file(path: &str) -> Result<Case, Failure> {
    let mut bytes = Vec::new();
    open(path)?
        .take(MAX_CASE_BYTES as u64 + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| Failure::Io(format!("cannot read {path}: {e}")))?;
    if bytes.len() > MAX_CASE_BYTES {
        return Err(putokaz::Error::from(too_large()).into());
    }
    Case::from_json_bytes(&bytes).map_err(|e| putokaz::Error::from(e).into())
}

/// One non-blank line of a JSON Lines file: its 1-based number and the case it holds.
pub(crate) struct Line {
    pub number: usize,
    pub case: Result<Case, putokaz::Error>,
}

/// The lines of a JSON Lines file (or `-`), blank ones skipped. A line longer than a case
/// may be is not kept: it is read past and given as a `case.limit` error, and the next
/// line follows. A read error ends the iteration with `Failure::Io`.
pub(crate) struct Lines {
    input: Box<dyn BufRead>,
    path: String,
    number: usize,
    buf: Vec<u8>,
    done: bool,
}

pub(crate) fn json_lines(path: &str) -> Result<Lines, Failure> {
    Ok(Lines { input: open(path)?, path: path.to_owned(), number: 0, buf: Vec::new(), done: false })
}

impl Lines {
    /// Reads the next line into `buf` (without its end), at most one byte past the limit;
    /// `Ok(None)` at the end of the input, `Ok(Some(false))` for a line too long.
    fn next_line(&mut self) -> std::io::Result<Option<bool>> {
        self.buf.clear();
        let mut fits = true;
        let mut any = false;
        loop {
            let chunk = match self.input.fill_buf() {
                Ok(c) => c,
                Err(e) if e.kind() == std::io::ErrorKind::Interrupted => continue,
                Err(e) => return Err(e),
            };
            if chunk.is_empty() {
                return Ok(any.then_some(fits));
            }
            any = true;
            let (part, end) = match chunk.iter().position(|b| *b == b'\n') {
                Some(i) => (&chunk[..i], Some(i + 1)),
                None => (chunk, None),
            };
            if fits && self.buf.len() + part.len() <= MAX_CASE_BYTES + 1 {
                self.buf.extend_from_slice(part);
            } else {
                fits = false;
                self.buf.clear();
            }
            let used = end.unwrap_or(chunk.len());
            self.input.consume(used);
            if end.is_some() {
                return Ok(Some(fits));
            }
        }
    }
}

impl Iterator for Lines {
    type Item = Result<Line, Failure>;

    fn next(&mut self) -> Option<Self::Item> {
        while !self.done {
            let fits = match self.next_line() {
                Ok(Some(fits)) => fits,
                Ok(None) => break,
                Err(e) => {
                    self.done = true;
                    return Some(Err(Failure::Io(format!(
                        "cannot read {} after line {}: {e}",
                        self.path, self.number
                    ))));
                }
            };
            self.number += 1;
            let line = self.buf.strip_suffix(b"\r").unwrap_or(&self.buf);
            if fits && line.iter().all(u8::is_ascii_whitespace) {
                continue;
            }
            let case = if fits && line.len() <= MAX_CASE_BYTES {
                Case::from_json_bytes(line).map_err(putokaz::Error::from)
            } else {
                Err(too_large().into())
            };
            return Some(Ok(Line { number: self.number, case }));
        }
        None
    }
}
